//! Options that a page documents in running text rather than in a list: the flags its synopsis
//! shows (`crontab [ -u user ] { -e | -l | -r }`) that no definition list defines, explained by
//! the paragraphs that name them ("The -l option causes the current crontab to be displayed").
//! A flag must appear in the synopsis: nothing is guessed from prose. When no paragraph names it,
//! the synopsis lines that show it are its help.

use roff::{Font, Text};

use crate::model::{Argument, ArgumentNeed, Flag, OptionDef};

/// The options shown in `forms` and described in `paragraphs`, other than those in `existing`.
/// With `synopsis_alone`, a flag that no paragraph names is still defined, its help the lines of
/// `forms` that show it after one of `names`, the page's own.
pub fn options(
    forms: &[Text],
    paragraphs: &[Text],
    existing: &[OptionDef],
    section: &str,
    synopsis_alone: bool,
    names: &[String],
) -> Vec<OptionDef> {
    let mut out: Vec<OptionDef> = Vec::new();
    // Each paragraph's plain text once: a synopsis may show hundreds of flags.
    let plains: Vec<String> = paragraphs.iter().map(Text::plain).collect();
    let form_plains: Vec<String> = forms.iter().map(Text::plain).collect();
    for (flag, arg) in synopsis_flags(forms) {
        if existing
            .iter()
            .chain(out.iter())
            .any(|o| o.flags.iter().any(|f| f.text == flag))
        {
            continue;
        }
        // `-Olevel` beside a defined `-O`: the flag and its argument, written together.
        // (`-WK`, one more letter after a defined `-W`, is a flag of its own.)
        let glued_to_defined = flag.len() > 3
            && !flag.starts_with("--")
            && existing.iter().any(|o| {
                o.flags
                    .iter()
                    .any(|f| f.text.len() == 2 && flag.starts_with(&f.text))
            });
        if glued_to_defined {
            continue;
        }
        let mut mentions: Vec<Text> = paragraphs
            .iter()
            .zip(&plains)
            .filter(|(_, plain)| names_word(plain, &flag))
            .map(|(p, _)| p.clone())
            .collect();
        let from_synopsis = mentions.is_empty() && synopsis_alone;
        if from_synopsis {
            // Named nowhere else: the synopsis lines that show it are all the page says of it
            // (kcat's `-t topic`, gdbus's `--session`), and that much is worth showing.
            mentions = forms
                .iter()
                .zip(&form_plains)
                .filter(|(_, plain)| shows_own_name(plain, names) && names_word(plain, &flag))
                .map(|(f, _)| f.clone())
                .collect();
        }
        if mentions.is_empty() {
            continue;
        }
        let mut head = Text::from_run(&flag, Font::Bold);
        if let Some(a) = &arg {
            head.push(" ", Font::Roman);
            head.push(a, Font::Italic);
        }
        out.push(OptionDef {
            flags: vec![Flag::new(&flag)],
            argument: arg.map(|name| Argument {
                name,
                need: ArgumentNeed::Required,
            }),
            head,
            help: mentions,
            section: if from_synopsis { "SYNOPSIS" } else { section }.to_string(),
            line: 0,
            values: Vec::new(),
        });
    }
    out
}

/// The flags a synopsis shows: `[-neE]` gives `-n`, `-e`, `-E`; `[-s sigspec | -n signum]` gives
/// `-s` and `-n` with their arguments.
pub fn synopsis_flags(heads: &[Text]) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for head in heads {
        let plain = head.plain();
        let cleaned: String = plain
            .chars()
            .map(|c| {
                if matches!(c, '[' | ']' | '|' | '{' | '}') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let words: Vec<&str> = cleaned.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            if let Some(name) = w.strip_prefix("--") {
                // `git diff [<options>] --cached [<commit>]`: a long flag, on its own.
                let flag = w.trim_end_matches([',', '.']);
                // `--sframe=section`: the flag and its argument.
                let (flag, arg) = match flag.split_once('=') {
                    Some((f, a)) if !a.is_empty() => (f, Some(a.to_string())),
                    _ => (flag, None),
                };
                let well_formed = name.starts_with(|c: char| c.is_ascii_alphanumeric())
                    && !flag.ends_with('-')
                    && flag[2..]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-');
                if well_formed && !out.iter().any(|(f, _)| f == flag) {
                    out.push((flag.to_string(), arg));
                }
                continue;
            }
            let Some(letters) = w.strip_prefix('-') else {
                continue;
            };
            if letters.is_empty()
                || !letters
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '@')
            {
                continue;
            }
            let next = words
                .get(i + 1)
                .filter(|n| !n.starts_with('-') && !n.starts_with('+'));
            // An argument follows only when the bracket holds the flag and the word together.
            let together = next.is_some() && plain.contains(&format!("{w} {}", next.unwrap()));
            // A bundle shows each letter once (`-neE`); `-Olevel` is one flag and its argument.
            let distinct = letters
                .chars()
                .collect::<std::collections::HashSet<_>>()
                .len()
                == letters.chars().count();
            // A bracket that holds only letters is a bundle, however long (tmux's
            // `[-aFgopqsuUw]`), and may hold digits among three or more (`[-1aN]`, not `[-O2]`).
            let bracketed_bundle = distinct
                && i > 0
                && plain.contains(&format!("[{w}]"))
                && (letters.chars().all(|c| c.is_ascii_alphabetic())
                    || letters.len() >= 3 && letters.chars().any(|c| c.is_ascii_alphabetic()));
            if letters.chars().count() == 1
                || bracketed_bundle
                || letters.chars().all(|c| c.is_ascii_alphabetic()) && letters.len() <= 8 && i > 0
            {
                // `[-WK|--dwarf=follow-links]`: an alternative spelling of one option is one flag.
                let alternative = plain.contains(&format!("{w}|--"));
                let many = letters.chars().count() > 1 && !together && distinct && !alternative;
                if many {
                    for c in letters.chars() {
                        let flag = format!("-{c}");
                        if !out.iter().any(|(f, _)| *f == flag) {
                            out.push((flag, None));
                        }
                    }
                } else {
                    let flag = format!("-{letters}");
                    let arg = if together {
                        next.map(|n| n.to_string())
                    } else {
                        None
                    };
                    if !out.iter().any(|(f, _)| *f == flag) {
                        out.push((flag, arg));
                    }
                }
            }
        }
    }
    out
}

/// Whether a synopsis line starts with the page's own program (`git` for git-log, `gcloud` for
/// gcloud_compute_instances_create), not another one (zipinfo(1) also shows `unzip -Z`).
pub(crate) fn shows_own_name(form: &str, names: &[String]) -> bool {
    let Some(first) = form.split_whitespace().next() else {
        return false;
    };
    // `/usr/sbin/foo`, `FOO`: the program as the page writes it.
    let first = first.rsplit('/').next().unwrap_or(first).to_lowercase();
    names.iter().any(|n| {
        let n = n.to_lowercase();
        n == first
            || n.strip_prefix(&first)
                .is_some_and(|rest| rest.starts_with(['-', '_']))
    })
}

/// Whether `text` has `word` standing alone: not inside a longer word, where a word may also
/// hold the characters in `joiners` (`-` for flags, `_` for names).
pub fn stands_alone(text: &str, word: &str, joiners: &[char]) -> bool {
    let joins = |c: char| c.is_alphanumeric() || joiners.contains(&c);
    text.match_indices(word).any(|(p, _)| {
        !text[..p].chars().next_back().is_some_and(joins)
            && !text[p + word.len()..].chars().next().is_some_and(joins)
    })
}

/// Whether `text` names the flag `word` (`-l` but not inside `--all-l` or `-lv`).
fn names_word(text: &str, word: &str) -> bool {
    stands_alone(text, word, &['-'])
}

/// Negations the synopsis shows for a documented switch: gcloud's `[--no-restart-on-failure]`
/// beside its `--restart-on-failure` definition becomes a second spelling of that option.
pub fn negations(forms: &[Text], options: &mut [OptionDef]) {
    for (flag, _) in synopsis_flags(forms) {
        let Some(positive) = flag.strip_prefix("--no-") else {
            continue;
        };
        if options
            .iter()
            .any(|o| o.flags.iter().any(|f| f.text == flag))
        {
            continue;
        }
        let positive = format!("--{positive}");
        if let Some(o) = options
            .iter_mut()
            .find(|o| o.flags.iter().any(|f| f.text == positive))
        {
            o.flags.push(Flag::new(&flag));
        }
    }
}

/// Second spellings that a paragraph gives an option: "--staged is a synonym of --cached" adds
/// `--staged` to the option spelled `--cached`.
pub fn synonyms(paragraphs: &[Text], options: &mut [OptionDef]) {
    for p in paragraphs {
        let plain = p.plain();
        let words: Vec<&str> = plain.split_whitespace().collect();
        for w in words.windows(5) {
            let [alias, "is", "a", "synonym", _] = w else {
                continue;
            };
            let Some(rest) = plain.split(&format!("{alias} is a synonym ")).nth(1) else {
                continue;
            };
            let Some(target) = rest
                .strip_prefix("of ")
                .or_else(|| rest.strip_prefix("for "))
                .and_then(|r| r.split_whitespace().next())
            else {
                continue;
            };
            let target = target.trim_end_matches([',', '.', ';']);
            let alias = alias.trim_matches(|c: char| !(c.is_alphanumeric() || c == '-'));
            if !alias.starts_with('-') || !target.starts_with('-') {
                continue;
            }
            if options
                .iter()
                .any(|o| o.flags.iter().any(|f| f.text == alias))
            {
                continue;
            }
            if let Some(o) = options
                .iter_mut()
                .find(|o| o.flags.iter().any(|f| f.text == target))
            {
                o.flags.push(Flag::new(alias));
            }
        }
    }
}
