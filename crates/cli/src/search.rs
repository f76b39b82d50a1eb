//! `explain search`: options found by what they do, one per line, or the search contract as
//! JSON (docs/json.md).

use std::ffi::OsString;

use store::Hit;

/// Marks a query word that looks like an option, so that clap takes it as a word.
const WORD_MARK: char = '\u{1}';

/// The options of `explain` before a management command that take a value.
const TOP_VALUE_OPTIONS: &[&str] = &["--color", "--index"];
/// The options of `explain search`, and which take a value.
const SEARCH_OPTIONS: &[(&str, bool)] = &[
    ("--in", true),
    ("--limit", true),
    ("--color", true),
    ("--index", true),
    ("--json", false),
    ("--help", false),
    ("-h", false),
];

/// Lets the words of a search start with a dash: `explain search --preserve-permissions` and
/// `explain search -z --in tar` search for those words. Arguments after `search` that look
/// like options but are not options of `explain search` are marked, so clap reads them as
/// words; [`unprotect`] removes the mark. Everything after `--` is left to clap.
pub fn protect_words(mut args: Vec<OsString>) -> Vec<OsString> {
    // Find `search` as the first argument that is not an option of explain itself.
    let mut i = 1;
    while i < args.len() {
        let Some(a) = args[i].to_str() else {
            return args;
        };
        if TOP_VALUE_OPTIONS.contains(&a) {
            i += 2;
        } else if a.starts_with('-') && a != "--" {
            i += 1;
        } else {
            break;
        }
    }
    if args.get(i).and_then(|a| a.to_str()) != Some("search") {
        return args;
    }
    i += 1;
    while i < args.len() {
        let Some(a) = args[i].to_str() else {
            i += 1;
            continue;
        };
        if a == "--" {
            break;
        }
        let name = a.split('=').next().unwrap_or(a);
        match SEARCH_OPTIONS.iter().find(|(o, _)| *o == name) {
            Some((_, true)) if !a.contains('=') => i += 2,
            Some(_) => i += 1,
            None => {
                if a.starts_with('-') && a.len() > 1 {
                    args[i] = format!("{WORD_MARK}{a}").into();
                }
                i += 1;
            }
        }
    }
    args
}

/// The query words without the marks [`protect_words`] added.
pub fn unprotect(words: &[String]) -> Vec<String> {
    words
        .iter()
        .map(|w| w.strip_prefix(WORD_MARK).unwrap_or(w).to_string())
        .collect()
}

/// How to draw.
pub struct Style {
    /// ANSI colours and bold.
    pub color: bool,
    /// Cut each line to this many columns (a terminal), or never.
    pub width: Option<usize>,
}

fn paint(style: &Style, code: &str, s: &str) -> String {
    if style.color && !s.is_empty() {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn columns(s: &str) -> usize {
    textwrap::core::display_width(s)
}

/// Cuts `s` to at most `width` columns, ending with `…` when cut.
fn cut(s: &str, width: usize) -> String {
    if columns(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if columns(&out) + columns(&c.to_string()) + 1 > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// One line per hit: `tar -p, --preserve-permissions: first sentence [tar(1)]`.
pub fn render(hits: &[Hit], style: &Style) -> String {
    let mut out = String::new();
    for hit in hits {
        let page = match hit.also.len() {
            0 => format!("[{}]", hit.page),
            n => format!("[{}, +{n} more]", hit.page),
        };
        let head_plain = format!("{} {}", hit.command, hit.spellings);
        let summary = match style.width {
            Some(w) => {
                // head + ": " + summary + " " + page
                let room = w.saturating_sub(columns(&head_plain) + 3 + columns(&page));
                cut(&hit.summary, room.max(12))
            }
            None => hit.summary.clone(),
        };
        out.push_str(&paint(style, "1", &hit.command));
        out.push(' ');
        out.push_str(&paint(style, "36", &hit.spellings));
        if !summary.is_empty() {
            out.push_str(": ");
            out.push_str(&summary);
        }
        out.push(' ');
        out.push_str(&paint(style, "2", &page));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit() -> Hit {
        Hit {
            program: "tar".into(),
            command: "tar".into(),
            page: "tar(1)".into(),
            flags: vec!["-p".into(), "--preserve-permissions".into()],
            argument: None,
            argument_optional: false,
            spellings: "-p, --preserve-permissions".into(),
            summary: "Extract information about file permissions (default for superuser).".into(),
            explain: "tar --preserve-permissions".into(),
            also: Vec::new(),
            score: 1.0,
        }
    }

    fn protected(args: &[&str]) -> Vec<String> {
        protect_words(args.iter().map(OsString::from).collect())
            .into_iter()
            .map(|a| a.into_string().unwrap().replace(WORD_MARK, "^"))
            .collect()
    }

    #[test]
    fn dashed_words_are_query_words() {
        assert_eq!(
            protected(&[
                "explain",
                "search",
                "--gzip",
                "--in",
                "tar",
                "-z",
                "--limit=3"
            ]),
            [
                "explain",
                "search",
                "^--gzip",
                "--in",
                "tar",
                "^-z",
                "--limit=3"
            ]
        );
        assert_eq!(
            protected(&["explain", "--color", "never", "search", "-p", "--", "-x"]),
            ["explain", "--color", "never", "search", "^-p", "--", "-x"]
        );
        assert_eq!(
            protected(&["explain", "tar", "-xzvf", "search"]),
            ["explain", "tar", "-xzvf", "search"],
            "only the search command"
        );
        assert_eq!(
            unprotect(&["\u{1}--gzip".into(), "x".into()]),
            ["--gzip", "x"]
        );
    }

    #[test]
    fn one_line_per_hit() {
        let plain = Style {
            color: false,
            width: None,
        };
        assert_eq!(
            render(&[hit()], &plain),
            "tar -p, --preserve-permissions: Extract information about file permissions (default for superuser). [tar(1)]\n"
        );
        let narrow = Style {
            color: false,
            width: Some(60),
        };
        let line = render(&[hit()], &narrow);
        assert!(line.trim_end().ends_with("… [tar(1)]"), "{line}");
        assert!(columns(line.trim_end()) <= 60, "{line}");
        let colour = Style {
            color: true,
            width: None,
        };
        assert!(render(&[hit()], &colour).contains("\x1b[36m-p, --preserve-permissions\x1b[0m"));
    }
}
