//! What a page's options say about a word of a command line: which option a spelling names
//! (exactly, abbreviated, or with ffmpeg's stream specifier), whether that spelling takes an
//! argument, which of its documented values a word is, and whether letters may be bundled.

use manpage::{ArgumentNeed, FlagStyle, OptionDef, Page, SHELL_PAGE};
use manpage::{Font, Text};

/// The option spelled exactly `flag`.
pub(crate) fn exact<'p>(page: &'p Page, flag: &str) -> Option<&'p OptionDef> {
    let shell = is_shell_page(page);
    page.options
        .iter()
        .filter(|o| !(shell && not_the_shells_own(o)))
        .find(|o| o.flags.iter().any(|f| f.text == flag))
}

/// Whether `page` is the shell's page (bash(1)), whose items are mostly not bash's own options.
fn is_shell_page(page: &Page) -> bool {
    page.name == SHELL_PAGE
}

/// bash(1) documents the options of `bash` itself under OPTIONS; its other items are the
/// primaries of `test` (`-e file`) and the options of its builtins (`read -e`), which have pages
/// of their own. `bash -e` is set's `-e` (OPTIONS says so in prose), never "True if file
/// exists" or read's readline: left unknown rather than wrong.
fn not_the_shells_own(o: &OptionDef) -> bool {
    !o.section.starts_with("OPTIONS")
}

/// The only long option that `prefix` abbreviates (getopt_long's rule).
pub(crate) fn abbreviated<'p>(page: &'p Page, prefix: &str) -> Option<(&'p OptionDef, String)> {
    if prefix.len() < 4 {
        return None;
    }
    let mut found: Option<(&OptionDef, String)> = None;
    for o in &page.options {
        for f in &o.flags {
            if f.style == FlagStyle::Long && f.text.starts_with(prefix) {
                match &found {
                    Some((prev, _)) if !std::ptr::eq(*prev, o) => return None,
                    _ => found = Some((o, f.text.clone())),
                }
            }
        }
    }
    found
}

/// The only `+keyword` option that `prefix` abbreviates, on a page that allows it (dig's
/// `+time` for `+timeout`). Two letters at least after the `+` (or `+no`).
pub(crate) fn abbreviated_keyword<'p>(
    page: &'p Page,
    prefix: &str,
) -> Option<(&'p OptionDef, String)> {
    let letters = prefix.trim_start_matches('+');
    if letters.trim_start_matches("no").len() < 2 {
        return None;
    }
    let mut found: Option<(&OptionDef, String)> = None;
    for o in &page.options {
        for f in o.flags.iter().filter(|f| f.text.starts_with(prefix)) {
            match &found {
                Some((prev, _)) if !std::ptr::eq(*prev, o) => return None,
                _ => found = Some((o, f.text.clone())),
            }
        }
    }
    found
}

/// The value the option documents that `value` is (`--sort=size`, `-o
/// StrictHostKeyChecking=no`, `--warning=no-timestamp`): its index among the option's values
/// and its description, named (shown under the option's head).
pub(crate) fn value_help(opt: &OptionDef, value: &str) -> Option<(usize, Vec<Text>)> {
    let key = value.split_once('=').map(|(k, _)| k).unwrap_or(value);
    let find = |pred: &dyn Fn(&str) -> bool| opt.values.iter().position(|v| pred(&v.name));
    let at = find(&|n| n == value)
        .or_else(|| find(&|n| n == key))
        .or_else(|| find(&|n| n.eq_ignore_ascii_case(key)))
        .or_else(|| {
            let rest = value.strip_prefix("no-")?;
            find(&|n| n == rest)
        })?;
    let found = &opt.values[at];
    if found.help.is_empty() {
        return None;
    }
    let mut help = Vec::with_capacity(found.help.len());
    let mut first = Text::from_run(&found.name, Font::Bold);
    first.push(": ", Font::Roman);
    first.append(&found.help[0]);
    help.push(first);
    help.extend(found.help[1..].iter().cloned());
    Some((at, help))
}

/// Whether `opt`'s head writes `flag` with its argument attached (`-Idir`, `-o{Directory}`,
/// `-O[level]`, llc's `-O=uint`), not after a blank or a stream specifier (`-c[:stream_specifier] codec`).
pub(crate) fn shows_glued(opt: &OptionDef, flag: &str) -> bool {
    let head = opt.head.plain();
    head.match_indices(flag).any(|(at, _)| {
        let after = &head[at + flag.len()..];
        // `-codec` in the head of `-c`: another spelling, not `-c` and an argument.
        let word: String = head[at..]
            .chars()
            .take_while(|c| !matches!(c, ' ' | '[' | '=' | ',' | '<' | '{' | '\n'))
            .collect();
        if word != flag && opt.flags.iter().any(|f| f.text == word) {
            return false;
        }
        let before_ok = !head[..at].ends_with(|c: char| c.is_alphanumeric() || c == '-');
        before_ok
            && after
                .chars()
                .next()
                .is_some_and(|c| !matches!(c, ' ' | ',' | '\n'))
            && !after.starts_with("[:")
    })
}

/// Whether most of a page's one-dash flags are long names (`-name`, `-codec`), three or more.
pub(crate) fn mostly_single_dash_long(page: &Page) -> bool {
    let (mut long, mut short) = (0, 0);
    for f in page.options.iter().flat_map(|o| &o.flags) {
        match f.style {
            FlagStyle::SingleDashLong => long += 1,
            FlagStyle::Short => short += 1,
            _ => {}
        }
    }
    long >= 3 && long > short
}

/// Whether an operand's name says it is a number (`port`, `count`, `PID`).
pub(crate) fn names_a_number(name: &str) -> bool {
    let bare = name
        .trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_ascii_lowercase();
    matches!(
        bare.as_str(),
        "port" | "number" | "num" | "count" | "n" | "pid" | "seconds" | "secs" | "year" | "month"
    )
}

/// The option whose spelling is a dash and a placeholder (`-<signal>`), and that spelling.
pub(crate) fn placeholder(page: &Page) -> Option<(&OptionDef, String)> {
    let shell = is_shell_page(page);
    page.options
        .iter()
        .filter(|o| !(shell && not_the_shells_own(o)))
        .find_map(|o| {
            let from_flags = o
                .flags
                .iter()
                .find(|f| f.text.starts_with("-<"))
                .map(|f| f.text.clone());
            let from_head = || {
                o.head
                    .plain()
                    .split([',', '\n'])
                    .map(str::trim)
                    .find(|alt| alt.starts_with("-<") && alt.ends_with('>') && !alt.contains(' '))
                    .map(str::to_string)
            };
            from_flags
                .or_else(from_head)
                .or_else(|| italic_placeholder(o))
                .map(|shown| (o, shown))
        })
}

/// A spelling in `o`'s head whose name is a whole italic word after an upright dash (killall's
/// `-`*SIGNAL*, openssl's `-`*digest*): the dash stands before any value the word names.
pub(crate) fn italic_placeholder(o: &OptionDef) -> Option<String> {
    o.head.runs.windows(2).find_map(|pair| {
        let (dash, word) = (&pair[0], &pair[1]);
        let before_dash = dash.text.strip_suffix('-')?;
        // The dash must start a spelling: in find's `-perm -`*mode* it starts the argument.
        let before = before_dash.trim_end();
        let starts_spelling = before.is_empty() || before.ends_with([',', '|', '[', '{']);
        if !starts_spelling
            || dash.font.is_italic()
            || before_dash.ends_with(|c: char| c == '-' || c.is_alphanumeric())
            || !word.font.is_italic()
        {
            return None;
        }
        let name: String = word
            .text
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let whole_word = word.text[name.len()..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || c == ',');
        (!name.is_empty() && whole_word).then(|| format!("-{name}"))
    })
}

/// Whether the spelling `flag` of `opt` takes an argument. One definition can give different
/// spellings different arguments (`-u, -U NUM, --unified[=NUM]`): a short spelling shown bare
/// beside a short spelling shown with an argument takes none.
pub(crate) fn flag_need(opt: &OptionDef, flag: &str) -> Option<ArgumentNeed> {
    let argument = opt.argument.as_ref()?;
    let need = argument.need;
    // docker's `--rm true|false`: a switch that may be given a boolean, attached (`--rm=false`).
    if is_boolean(&argument.name) {
        return Some(ArgumentNeed::Optional);
    }
    let head = opt.head.plain();
    let alternatives: Vec<&str> = head
        .split([',', '\n'])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect();
    // `--[no-]force-with-lease` spells `--force-with-lease` (and its negation).
    let first_token = |alt: &str| {
        let alt = alt.replacen("--[no-]", "--", 1);
        alt.split([' ', '=', '[', '<'])
            .next()
            .unwrap_or("")
            .to_string()
    };
    // git-push's `--[no-]force-with-lease, --force-with-lease=<refname>`: a spelling shown
    // without its argument beside one with it `=`-attached makes the argument optional, given
    // only attached.
    let own: Vec<&str> = alternatives
        .iter()
        .copied()
        .filter(|a| first_token(a) == flag)
        .collect();
    if own.len() > 1
        && own
            .iter()
            .any(|a| first_token(a).len() == a.replacen("--[no-]", "--", 1).len())
    {
        return Some(ArgumentNeed::Optional);
    }
    let is_short = |t: &str| t.len() == 2 && t.starts_with('-');
    let shows_argument = |alt: &str| alt.len() > first_token(alt).len();
    let Some(own) = alternatives.iter().find(|a| first_token(a) == flag) else {
        return Some(need);
    };
    if is_short(flag)
        && !shows_argument(own)
        && alternatives
            .iter()
            .any(|a| is_short(&first_token(a)) && shows_argument(a))
    {
        return None;
    }
    if shows_argument(own) {
        let mut rest = &own[first_token(own).len()..];
        // `-c[:stream_specifier] codec`: the bracket is part of the flag, not an optional value.
        if rest.starts_with("[:")
            && let Some(close) = rest.find(']')
        {
            rest = rest[close + 1..].trim_start();
            if rest.is_empty() {
                return None;
            }
        }
        return Some(if rest.starts_with('[') {
            ArgumentNeed::Optional
        } else {
            ArgumentNeed::Required
        });
    }
    Some(need)
}

/// Whether an argument's name is a boolean's values (`true|false`).
fn is_boolean(name: &str) -> bool {
    matches!(
        name.replace(' ', "").trim_matches(['[', ']']),
        "true|false" | "false|true"
    )
}

pub(crate) fn takes_required(opt: &OptionDef, flag: &str) -> bool {
    flag_need(opt, flag) == Some(ArgumentNeed::Required)
}

/// How many more separate words an option takes after its argument, as its head shows them:
/// `--set name path` takes `path` too, `--install link name path priority [--slave ...]...`
/// three more. Counted only where the head has this one spelling and, after it, words that are
/// placeholders by their look: `<bracketed>` whole, in capitals (`SRC DEST`), or italic words of
/// their own. Italic words that share one run (`-c` *number of blocks*, adb's `-s` *specific
/// device*) are one placeholder written in several words, unless the description names two or
/// more of them in italic (update-alternatives' *link*, *name*, *path*). A roman word ends the
/// count.
pub(crate) fn extra_values(opt: &OptionDef, flag: &str) -> usize {
    if opt.flags.len() != 1 || opt.argument.is_none() {
        return 0;
    }
    let words = head_words(&opt.head);
    if words.first().map(|w| w.text.as_str()) != Some(flag) {
        return 0;
    }
    let mut named: Option<Vec<String>> = None;
    let mut named_in_help = |w: &str| {
        named
            .get_or_insert_with(|| {
                opt.help
                    .iter()
                    .flat_map(|t| t.runs.iter())
                    .filter(|r| r.font.is_italic())
                    .flat_map(|r| r.text.split_whitespace().map(str::to_string))
                    .collect()
            })
            .iter()
            .any(|n| n == w)
    };
    // Words of one italic run are separate placeholders when the description names at least
    // two of them in italic, each on its own.
    let separate = words[1..]
        .iter()
        .filter(|w| w.italic && named_in_help(&w.text))
        .count()
        >= 2;
    let mut count: usize = 0;
    for (k, w) in words[1..].iter().enumerate() {
        let t = w.text.as_str();
        let bracketed = t.len() > 2
            && t.starts_with('<')
            && t.ends_with('>')
            && t[1..t.len() - 1]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        let name = t.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let capitals = name && t.chars().all(|c| !c.is_ascii_lowercase());
        let italic_own = name && w.italic && (!w.joined || k == 0 || separate);
        if !(bracketed || capitals || italic_own) {
            break;
        }
        count += 1;
    }
    count.saturating_sub(1)
}

/// A word of a head: its text, whether all of it is italic, and whether the blank before it is
/// italic too (the word shares an italic run with the one before).
struct HeadWord {
    text: String,
    italic: bool,
    joined: bool,
}

fn head_words(head: &Text) -> Vec<HeadWord> {
    let mut words: Vec<HeadWord> = Vec::new();
    let mut in_word = false;
    let mut blank_italic = false;
    for run in &head.runs {
        let italic = run.font.is_italic();
        for c in run.text.chars() {
            if c.is_whitespace() {
                in_word = false;
                blank_italic = italic;
            } else if in_word {
                let last = words.last_mut().expect("in a word");
                last.text.push(c);
                last.italic &= italic;
            } else {
                let joined = blank_italic && italic && !words.is_empty();
                words.push(HeadWord {
                    text: c.to_string(),
                    italic,
                    joined,
                });
                in_word = true;
                blank_italic = false;
            }
        }
    }
    words
}

/// The flags an option's head shows in an optional group after its arguments, each with the
/// number of words it takes: `[--slave link name path]...` in update-alternatives' `--install`
/// head is (`--slave`, 3). The option's help says what they are.
pub(crate) fn grouped_flags(opt: &OptionDef) -> Vec<(String, usize)> {
    if !opt.head.runs.iter().any(|r| r.text.contains('[')) {
        return Vec::new();
    }
    let head = opt.head.plain();
    let mut out = Vec::new();
    let mut rest = head.as_str();
    while let Some(open) = rest.find('[') {
        let Some(len) = rest[open..].find(']') else {
            break;
        };
        let mut words = rest[open + 1..open + len].split_whitespace();
        if let Some(flag) = words.next().filter(|f| f.starts_with("--") && f.len() > 2) {
            let values = words
                .take_while(|w| w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                .count();
            out.push((flag.to_string(), values));
        }
        rest = &rest[open + len..];
    }
    out
}

/// An option whose argument is a command ended by `;` or `+` (find's `-exec command ;`).
pub(crate) fn runs_command_until_terminator(opt: &OptionDef) -> bool {
    let head = opt.head.plain();
    opt.argument
        .as_ref()
        .is_some_and(|a| a.name.eq_ignore_ascii_case("command"))
        && (head.contains(';') || head.contains('+'))
}

/// Whether `c` is one of the page's letter options given without a dash (ps's `a`, `u`, `x`).
pub(crate) fn dashless(page: &Page, c: char) -> bool {
    page.options.iter().any(|o| {
        o.flags.iter().any(|f| {
            f.style == FlagStyle::Dashless && f.text.len() == c.len_utf8() && f.text.starts_with(c)
        })
    })
}

/// Whether the page's synopsis shows letter options without a dash as the first argument
/// (`tar {A|c|d|r|t|u|x}[GnSkUWOmpsMBiajJzZhPlRvwo] [ARG...]`).
pub(crate) fn allows_dashless_bundle(page: &Page) -> bool {
    page.synopsis.iter().any(|form| {
        let plain = form.plain();
        let mut words = plain.split_whitespace();
        let _program = words.next();
        words.next().is_some_and(|w| {
            w.starts_with('{')
                && w.contains('|')
                && w.trim_start_matches('{')
                    .split(['|', '}'])
                    .next()
                    .is_some_and(|first| {
                        first.chars().count() == 1 && first.chars().all(|c| c.is_ascii_alphabetic())
                    })
        })
    })
}
