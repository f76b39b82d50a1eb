//! Keyword values tied to their option: the list in an option's description that names what
//! its argument may be (tar's `--warning=KEYWORD`: `all`, `none`, `alone-zero-block`, ...;
//! ssh's `-o option`: `AddKeysToAgent`, `AddressFamily`, ...). A value is a list item or a
//! table row of the description whose head is one keyword, nothing else: prose never is.

use roff::{Block, Text};

use crate::extract::body_help;
use crate::model::ValueDef;
use crate::phrases::LISTS_VALUES;

/// The keyword values listed in an option's description `body`: as a list or table of
/// keywords, or else as a list after a colon in a paragraph that names the argument
/// (`use quoting style WORD for entry names: literal, locale, shell, ...`), or as quoted
/// words there (`WHEN can be 'always', 'auto', or 'never'`).
/// `help` is the description as already flattened from `body`.
pub fn values(body: &[Block], help: &[Text], argument: &str) -> Vec<ValueDef> {
    let mut out = Vec::new();
    collect(body, &mut out);
    if out.is_empty() {
        for (i, text) in help.iter().enumerate() {
            prose_values(&text.plain(), argument, i == 0, &mut out);
        }
    }
    out
}

/// Values listed in a section that an option's help points to: mount's `-o` says "see the
/// FILESYSTEM-INDEPENDENT MOUNT OPTIONS and FILESYSTEM-SPECIFIC MOUNT OPTIONS sections", which
/// list `noatime`, `remount`, `uid=value`, ... as heads with descriptions.
pub fn from_referenced_sections(doc: &roff::Document, options: &mut [crate::model::OptionDef]) {
    for o in options.iter_mut() {
        if o.argument.is_none() || !o.values.is_empty() {
            continue;
        }
        let help = crate::model::help_plain(&o.help);
        for section in &doc.sections {
            let title = section.title.trim();
            let titled = title.len() >= 8
                && title
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == ' ' || c == '-')
                && title != o.section;
            if titled && help.contains(title) {
                headed_values(&section.blocks, &mut o.values);
            }
        }
    }
}

/// Keyword heads in `blocks`, each with its description: items, or a one-line paragraph
/// followed by an indented body (Asciidoctor); subsections included.
fn headed_values(blocks: &[Block], out: &mut Vec<ValueDef>) {
    let add = |names: Vec<String>, help: Vec<Text>, out: &mut Vec<ValueDef>| {
        for name in names {
            if !out.iter().any(|v| v.name == name) {
                out.push(ValueDef {
                    name,
                    help: help.clone(),
                });
            }
        }
    };
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Item { head, body, .. } => add(keywords(head), body_help(body), out),
            Block::Paragraph { text, .. } if text.lines().len() == 1 => {
                if let Some(Block::Indented { blocks: inner, .. }) = blocks.get(i + 1) {
                    add(keywords(text), body_help(inner), out);
                }
            }
            Block::Subsection(s) => headed_values(&s.blocks, out),
            _ => {}
        }
    }
}

/// Values given for an argument away from its options, in a paragraph that starts "The WHEN
/// argument" (ls(1): `--color[=WHEN]` says "more info below", and below, "The WHEN argument
/// defaults to 'always' and can also be 'auto' or 'never'"). Fills options without values.
pub fn from_argument_paragraphs(paragraphs: &[Text], options: &mut [crate::model::OptionDef]) {
    for p in paragraphs {
        let plain = p.plain();
        let Some(rest) = plain.strip_prefix("The ") else {
            continue;
        };
        let Some((arg, _)) = rest.split_once(" argument") else {
            continue;
        };
        if arg.len() < 2 || !arg.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
            continue;
        }
        let mut found = Vec::new();
        prose_values(&plain, arg, false, &mut found);
        if found.len() < 2 {
            continue;
        }
        // Each value's help: this paragraph, and those that show it given (`--color=auto`).
        for v in &mut found {
            v.help.push(p.clone());
            let given = format!("={}", v.name);
            v.help.extend(
                paragraphs
                    .iter()
                    .filter(|q| *q != p && q.plain().contains(&given))
                    .cloned(),
            );
        }
        for o in options.iter_mut() {
            if o.values.is_empty() && o.argument.as_ref().is_some_and(|a| a.name == arg) {
                o.values = found.clone();
            }
        }
    }
}

/// Values named in one paragraph that mentions `argument` (or is the first of the
/// description, which is about the argument: ls's `--time=WORD`).
fn prose_values(paragraph: &str, argument: &str, first: bool, out: &mut Vec<ValueDef>) {
    let arg = argument.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_');
    let names_arg = arg.len() >= 2 && names_word(paragraph, arg);
    if !names_arg && !first {
        return;
    }
    let mut found: Vec<String> = Vec::new();
    for clause in paragraph.split(';') {
        let Some((_, list)) = clause.split_once(": ") else {
            continue;
        };
        let list = list.trim().trim_end_matches('.');
        let items: Vec<&str> = list
            .split(", ")
            .flat_map(|i| i.split(" or "))
            .map(|i| i.trim().trim_start_matches("and ").trim())
            .filter(|i| !i.is_empty())
            .collect();
        let names: Option<Vec<String>> = items.iter().map(|i| list_item(i)).collect();
        if let Some(names) = names
            && names.len() >= 2
        {
            found.extend(names);
        }
    }
    // Quoted words are values only where the sentence says so, not examples (`'Foo'`).
    let lists_values = LISTS_VALUES.in_sentence(paragraph);
    if found.is_empty() && names_arg && lists_values {
        found = quoted_words(paragraph);
        if found.len() < 2 {
            return;
        }
    }
    for name in found {
        if !out.iter().any(|v| v.name == name) {
            out.push(ValueDef {
                name,
                help: Vec::new(),
            });
        }
    }
}

/// The value of a list item: one keyword, optionally followed by a flag or a remark in
/// parentheses (`none (default)`, `across -x`, `access time (-u)` is not one).
fn list_item(item: &str) -> Option<String> {
    let mut words = item.split_whitespace();
    let first = words.next()?.trim_matches(['\'', '"', '‘', '’', '`']);
    let rest: Vec<&str> = words.collect();
    let rest_ok = match rest.as_slice() {
        [] => true,
        [r] => r.starts_with('-') || (r.starts_with('(') && r.ends_with(')')),
        _ => false,
    };
    let k = keywords(&Text::from_run(first, roff::Font::Roman));
    (rest_ok && k.len() == 1).then(|| k[0].clone())
}

/// `'always'`, `‘auto’`: the keyword-like words in single quotes.
fn quoted_words(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = paragraph.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '\'' | '‘' | '`') {
            let close = chars[i + 1..]
                .iter()
                .position(|&c| matches!(c, '\'' | '’'))
                .map(|p| p + i + 1);
            if let Some(end) = close {
                let word: String = chars[i + 1..end].iter().collect();
                let k = keywords(&Text::from_run(&word, roff::Font::Roman));
                if k.len() == 1 && k[0] == word && !out.contains(&word) {
                    out.push(word);
                }
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Whether `word` occurs in `text` as a whole word.
fn names_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// Collects the values of one level of `blocks`. A list is a value list only when every
/// item of it names keywords: one head that is a phrase or a form (`IP address`, `=content`)
/// shows the list describes something else.
fn collect(blocks: &[Block], out: &mut Vec<ValueDef>) {
    let mut level: Vec<ValueDef> = Vec::new();
    let mut rejected = false;
    for b in blocks {
        match b {
            Block::Item { head, body, .. } => {
                let names = keywords(head);
                if names.is_empty() {
                    rejected = true;
                }
                for name in names {
                    level.push(ValueDef {
                        name,
                        help: body_help(body),
                    });
                }
            }
            Block::Indented { blocks, .. } => collect(blocks, out),
            Block::Table { rows, .. } => {
                for (r, row) in rows.iter().enumerate() {
                    let Some(first) = row.first() else { continue };
                    // A header row (`LETTER  NAME  ENABLED ...`, `Alias  URI`) names columns,
                    // not values.
                    let header = row.len() > 1
                        && row.iter().all(|c| {
                            let p = c.plain();
                            let caps =
                                !p.is_empty() && !p.chars().any(|ch| ch.is_ascii_lowercase());
                            let title = r == 0
                                && !p.contains(' ')
                                && p.chars().next().is_some_and(|ch| ch.is_ascii_uppercase());
                            caps || title
                        });
                    if header {
                        continue;
                    }
                    let help: Vec<Text> =
                        row[1..].iter().filter(|c| !c.is_blank()).cloned().collect();
                    if help.is_empty() {
                        continue;
                    }
                    for name in keywords(first) {
                        level.push(ValueDef {
                            name,
                            help: help.clone(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    if rejected {
        return;
    }
    for v in level {
        if !out.iter().any(|o| o.name == v.name) {
            out.push(v);
        }
    }
}

/// The keywords a head names: one word (`all`, `no-file-changed`, `AddKeysToAgent`,
/// `size=N` → `size`), or several separated by `,` or `|` (`ro, rw`). Empty when the head
/// holds anything else: a flag, a sentence, a quoted message.
fn keywords(head: &Text) -> Vec<String> {
    let plain = head.plain();
    let mut out = Vec::new();
    for part in plain.split([',', '|']) {
        let word = part.trim();
        // `size=N`, `mode[=N]`: the keyword is before the argument.
        let name = word.split(['=', '[']).next().unwrap_or("");
        let rest_ok = word[name.len()..].chars().all(|c| !c.is_whitespace());
        // A keyword has a letter in it, or is a version (`1.2`); `0-499` is an example.
        let wordlike = name.chars().any(|c| c.is_ascii_alphabetic())
            || name.chars().all(|c| c.is_ascii_digit() || c == '.');
        let is_keyword = !name.is_empty()
            && wordlike
            && rest_ok
            && name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | ':'));
        // `TAR_FILENAME`: an environment variable the description lists, not a value.
        let env_var = name.contains('_')
            && name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if !is_keyword || env_var {
            return Vec::new();
        }
        out.push(name.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use roff::Font;

    fn kw(s: &str) -> Vec<String> {
        keywords(&Text::from_run(s, Font::Bold))
    }

    fn prose(p: &str, arg: &str) -> Vec<String> {
        prose_at(p, arg, false)
    }

    fn prose_at(p: &str, arg: &str, first: bool) -> Vec<String> {
        let mut out = Vec::new();
        prose_values(p, arg, first, &mut out);
        out.into_iter().map(|v| v.name).collect()
    }

    #[test]
    fn values_in_prose() {
        assert_eq!(
            prose(
                "use quoting style WORD for entry names: literal, locale, shell, c, escape",
                "WORD"
            ),
            vec!["literal", "locale", "shell", "c", "escape"]
        );
        // The first paragraph of a description is about the argument even when it does not
        // name it (ls's --time=WORD).
        assert_eq!(
            prose_at(
                "change the default of using modification times; access time (-u): atime, \
                 access, use; change time (-c): ctime, status; birth time: birth, creation",
                "WORD",
                true
            ),
            vec![
                "atime", "access", "use", "ctime", "status", "birth", "creation"
            ]
        );
        assert_eq!(
            prose(
                "append indicator with style WORD to entry names: none (default), slash (-p)",
                "WORD"
            ),
            vec!["none", "slash"]
        );
        assert_eq!(
            prose(
                "WHEN can be 'always' (default if omitted), 'auto', or 'never'",
                "WHEN"
            ),
            vec!["always", "auto", "never"]
        );
        assert!(prose("WHEN: 'Foo' matches 'FOO' and 'foo'", "WHEN").is_empty());
        // Prose after a colon is not a list of values; nor is a paragraph without the argument.
        assert!(prose("Use FILE: the default is the first one, or none", "FILE").is_empty());
        assert!(prose("styles: a, b, c", "WORD").is_empty());
    }

    #[test]
    fn keyword_heads() {
        assert_eq!(kw("alone-zero-block"), vec!["alone-zero-block"]);
        assert_eq!(kw("AddKeysToAgent"), vec!["AddKeysToAgent"]);
        assert_eq!(kw("size=N"), vec!["size"]);
        assert_eq!(kw("ro, rw"), vec!["ro", "rw"]);
        assert!(kw("-x").is_empty());
        assert!(kw("TAR_FILENAME").is_empty());
        assert!(kw("0-499").is_empty());
        assert_eq!(kw("1.2"), vec!["1.2"]);
        assert!(kw("Enable all warnings.").is_empty());
        assert!(kw("\"A lone zero block at %s\"").is_empty());
    }
}
