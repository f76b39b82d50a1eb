//! The result of explaining a command line: spans over the text, each tied to its help.

use roff::Text;
use serde::Serialize;

/// The version of the JSON contract (docs/json.md).
pub const JSON_VERSION: u32 = 1;

/// What a span of the command line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The program a simple command runs.
    Program,
    /// A sub-command with its own page (`git commit`).
    Subcommand,
    /// An option (`-x`, `--file=x`), or one letter of a bundle (`z` in `-xzvf`).
    Option,
    /// An option's argument, an operand, or a redirection target.
    Argument,
    /// A control operator (`|`, `&&`, `;`, `&`).
    Operator,
    /// A redirection operator (`>`, `2>&1`, `<<EOF`).
    Redirection,
    /// A reserved word or other shell syntax (`if`, `{`, `((`).
    Keyword,
    /// A variable assignment (`FOO=bar`).
    Assignment,
    /// An expansion (`$x`, `$(...)`).
    Expansion,
    /// A comment.
    Comment,
    /// Something nothing documents.
    Unknown,
}

/// One explained part of the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Byte offset of the start in the command, inclusive.
    pub start: usize,
    /// Byte offset of the end, exclusive.
    pub end: usize,
    /// The start in UTF-16 code units.
    pub start_utf16: usize,
    /// The end in UTF-16 code units.
    pub end_utf16: usize,
    /// The text of the span (the slice of the command).
    pub text: String,
    /// What the part is.
    pub kind: Kind,
    /// 0 for shell syntax, then 1, 2, ... per simple command in order of appearance.
    pub group: usize,
    /// Plain text of what documents it.
    pub help: Option<String>,
    /// The same with bold and italic kept, as escaped HTML.
    pub help_html: Option<String>,
    /// `name(section)` of the page the help came from.
    pub page: Option<String>,
    /// For options: the flag as documented, e.g. `-x`.
    pub option: Option<String>,
    /// For a program: the other pages of the same name, as `name(section)` (`printf(1)` when
    /// the builtin explains `printf`). Left out of the JSON when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_pages: Vec<String>,
    /// The help as rich text, for renderers (not part of the JSON contract).
    #[serde(skip)]
    pub help_text: std::sync::Arc<Vec<Text>>,
}

/// A problem with the command line: where, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// What is wrong, with line and column.
    pub message: String,
}

/// The explanation of a whole command line or script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The JSON contract version.
    pub version: u32,
    /// The command line as given.
    pub command: String,
    /// The explained parts, in order, never overlapping.
    pub spans: Vec<Span>,
    /// Syntax errors found while parsing (the rest is still explained).
    pub errors: Vec<Problem>,
}

/// Help text as plain paragraphs separated by blank lines.
pub fn plain(help: &[Text]) -> String {
    help.iter()
        .map(|t| {
            if t.raw().contains('\n') {
                t.raw()
                    .lines()
                    .map(str::trim_end)
                    .collect::<Vec<_>>()
                    .join("\n")
                    .trim()
                    .to_string()
            } else {
                t.plain()
            }
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Help text as HTML: one `<p>` per paragraph (`<pre>` for preformatted ones), `<b>` and `<i>`
/// for fonts, everything escaped.
pub fn html(help: &[Text]) -> String {
    let mut out = String::new();
    for t in help {
        if t.is_blank() {
            continue;
        }
        let pre = t.raw().trim().contains('\n');
        out.push_str(if pre { "<pre>" } else { "<p>" });
        let runs = if pre { t.clone() } else { t.trimmed() };
        for run in &runs.runs {
            let text = if pre {
                run.text.clone()
            } else {
                roff::tree::normalize_space_keep_edges(&run.text)
            };
            let escaped = escape_html(&text);
            match (run.font.is_bold(), run.font.is_italic()) {
                (true, true) => out.push_str(&format!("<b><i>{escaped}</i></b>")),
                (true, false) => out.push_str(&format!("<b>{escaped}</b>")),
                (false, true) => out.push_str(&format!("<i>{escaped}</i>")),
                _ => out.push_str(&escaped),
            }
        }
        out.push_str(if pre { "</pre>" } else { "</p>" });
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
