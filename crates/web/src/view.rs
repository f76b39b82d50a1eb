//! What the explanation page shows, worked out from an [`Explanation`]: the command row as
//! parts and the blanks between them, one help box per distinct help in order of first use,
//! syntax errors with a caret, and similar names for programs nothing documents.

use std::collections::HashMap;

use matcher::{Explanation, Kind, Span};

/// How many colours parts and boxes cycle through (`c0` ... `c7` in the stylesheet).
pub const COLOURS: usize = 8;

/// One part of the command row, with the text before it.
#[derive(Debug)]
pub struct Part {
    /// The blanks (or anything not in a span) between the previous part and this one.
    pub gap: String,
    /// The part's text.
    pub text: String,
    /// Its box number (1-based), or `None` for a part nothing documents.
    pub help_box: Option<usize>,
    /// The simple command it belongs to (0 for shell syntax).
    pub group: usize,
    /// Its kind, as in the JSON contract.
    pub kind: &'static str,
}

impl Part {
    /// The number shown under the part: its box, or `?`.
    pub fn label(&self) -> String {
        self.help_box.map_or_else(|| "?".into(), |b| b.to_string())
    }

    /// The CSS classes: its colour, or `unknown`.
    pub fn classes(&self) -> String {
        match self.help_box {
            Some(b) => format!("part k-{} c{}", self.kind, (b - 1) % COLOURS),
            None => "part unknown".into(),
        }
    }
}

/// One help box.
#[derive(Debug)]
pub struct HelpBox {
    /// 1-based, in order of first use.
    pub number: usize,
    /// The texts of the parts it explains, joined by spaces.
    pub parts: String,
    /// The group of its first part.
    pub group: usize,
    /// `name(section)` of the page the help came from.
    pub page: Option<String>,
    /// Link to that page's program page.
    pub page_url: Option<String>,
    /// The option as documented, for option boxes.
    pub option: Option<String>,
    /// The help, as HTML the matcher built and escaped.
    pub help_html: String,
}

impl HelpBox {
    /// The option as documented when it reads differently from the parts (`-z` for `z`).
    pub fn option_note(&self) -> Option<&str> {
        self.option.as_deref().filter(|o| *o != self.parts)
    }

    /// The colour class.
    pub fn colour(&self) -> String {
        format!("c{}", (self.number - 1) % COLOURS)
    }
}

/// A syntax error, shown as its line with a caret under the position.
#[derive(Debug)]
pub struct ErrorView {
    /// 1-based line number.
    pub line_number: usize,
    /// The line's text.
    pub line: String,
    /// Blanks up to the column, then `^`.
    pub caret: String,
    /// What is wrong.
    pub message: String,
}

/// A program nothing documents, with names from the index that look like it.
#[derive(Debug)]
pub struct Suggestion {
    /// The word as written.
    pub word: String,
    /// Similar names, closest first (may be empty).
    pub names: Vec<String>,
}

/// The whole explanation page's content.
#[derive(Debug)]
pub struct ExplainView {
    /// The command row.
    pub parts: Vec<Part>,
    /// Text after the last part.
    pub tail: String,
    /// The help boxes, in order.
    pub boxes: Vec<HelpBox>,
    /// Syntax errors.
    pub errors: Vec<ErrorView>,
    /// Unknown programs.
    pub unknown_programs: Vec<String>,
    /// How many simple commands the line has (for arrow-key stepping).
    pub groups: usize,
}

/// Builds the page content from an explanation.
pub fn build(ex: &Explanation) -> ExplainView {
    let mut parts = Vec::with_capacity(ex.spans.len());
    let mut boxes: Vec<HelpBox> = Vec::new();
    let mut box_of: HashMap<(Option<&str>, &str), usize> = HashMap::new();
    let mut at = 0;
    for span in &ex.spans {
        let gap = ex.command.get(at..span.start).unwrap_or("").to_string();
        at = span.end.max(at);
        let help_box = span.help_html.as_deref().map(|html| {
            let key = (span.page.as_deref(), html);
            if let Some(&n) = box_of.get(&key) {
                let b = &mut boxes[n - 1];
                b.parts.push(' ');
                b.parts.push_str(&span.text);
                return n;
            }
            let n = boxes.len() + 1;
            box_of.insert(key, n);
            boxes.push(new_box(n, span, html));
            n
        });
        parts.push(Part {
            gap,
            text: span.text.clone(),
            help_box,
            group: span.group,
            kind: kind_name(span.kind),
        });
    }
    ExplainView {
        parts,
        tail: ex.command.get(at..).unwrap_or("").to_string(),
        boxes,
        errors: ex
            .errors
            .iter()
            .map(|e| error_view(&ex.command, e))
            .collect(),
        unknown_programs: unknown_programs(ex),
        groups: ex.spans.iter().map(|s| s.group).max().unwrap_or(0),
    }
}

fn new_box(number: usize, span: &Span, html: &str) -> HelpBox {
    HelpBox {
        number,
        parts: span.text.clone(),
        group: span.group,
        page: span.page.clone(),
        page_url: span.page.as_deref().and_then(page_url),
        option: span.option.clone(),
        help_html: html.to_string(),
    }
}

/// The program-page URL for a citation such as `tar(1)`: `/explain/1/tar`.
pub fn page_url(citation: &str) -> Option<String> {
    let (name, rest) = citation.rsplit_once('(')?;
    let section = rest.strip_suffix(')')?;
    if name.is_empty() || section.is_empty() {
        return None;
    }
    Some(format!(
        "/explain/{}/{}",
        encode_segment(section),
        encode_segment(name)
    ))
}

/// Percent-encodes a path segment (everything but unreserved characters).
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Program => "program",
        Kind::Subcommand => "subcommand",
        Kind::Option => "option",
        Kind::Argument => "argument",
        Kind::Operator => "operator",
        Kind::Redirection => "redirection",
        Kind::Keyword => "keyword",
        Kind::Assignment => "assignment",
        Kind::Expansion => "expansion",
        Kind::Comment => "comment",
        Kind::Unknown => "unknown",
    }
}

fn error_view(command: &str, e: &matcher::Problem) -> ErrorView {
    let start = e.start.min(command.len());
    let start = (0..=start)
        .rev()
        .find(|&i| command.is_char_boundary(i))
        .unwrap_or(0);
    let line_start = command[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = command[start..]
        .find('\n')
        .map_or(command.len(), |i| start + i);
    let line = &command[line_start..line_end];
    let caret: String = command[line_start..start]
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .chain(std::iter::once('^'))
        .collect();
    ErrorView {
        line_number: command[..line_start].matches('\n').count() + 1,
        line: line.to_string(),
        caret,
        message: e.message.clone(),
    }
}

/// The first word of each simple command when nothing documents it.
fn unknown_programs(ex: &Explanation) -> Vec<String> {
    let mut seen_groups = Vec::new();
    let mut out: Vec<String> = Vec::new();
    for span in &ex.spans {
        if span.group == 0
            || matches!(span.kind, Kind::Assignment | Kind::Redirection)
            || seen_groups.contains(&span.group)
        {
            continue;
        }
        seen_groups.push(span.group);
        if span.kind == Kind::Unknown && !out.contains(&span.text) {
            out.push(span.text.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, text: &str, kind: Kind, group: usize, help: Option<&str>) -> Span {
        Span {
            start,
            end: start + text.len(),
            start_utf16: start,
            end_utf16: start + text.len(),
            text: text.into(),
            kind,
            group,
            help: help.map(str::to_string),
            help_html: help.map(|h| format!("<p>{h}</p>")),
            page: help.map(|_| "tar(1)".to_string()),
            option: None,
            other_pages: Vec::new(),
            help_text: Default::default(),
        }
    }

    #[test]
    fn parts_sharing_a_help_share_a_box() {
        let ex = Explanation {
            version: 1,
            command: "tar -f x.tgz  zz".into(),
            spans: vec![
                span(0, "tar", Kind::Program, 1, Some("tar - archiver")),
                span(4, "-f", Kind::Option, 1, Some("-f FILE")),
                span(7, "x.tgz", Kind::Argument, 1, Some("-f FILE")),
                span(14, "zz", Kind::Unknown, 1, None),
            ],
            errors: vec![],
        };
        let v = build(&ex);
        assert_eq!(v.boxes.len(), 2);
        assert_eq!(v.boxes[1].parts, "-f x.tgz");
        assert_eq!(v.boxes[1].page_url.as_deref(), Some("/explain/1/tar"));
        let labels: Vec<String> = v.parts.iter().map(Part::label).collect();
        assert_eq!(labels, ["1", "2", "2", "?"]);
        assert_eq!(v.parts[3].gap, "  ");
        assert_eq!(v.parts[3].classes(), "part unknown");
        assert!(v.unknown_programs.is_empty());
    }

    #[test]
    fn unknown_first_word_is_an_unknown_program() {
        let ex = Explanation {
            version: 1,
            command: "gti status".into(),
            spans: vec![
                span(0, "gti", Kind::Unknown, 1, None),
                span(4, "status", Kind::Unknown, 1, None),
            ],
            errors: vec![],
        };
        assert_eq!(build(&ex).unknown_programs, ["gti"]);
    }

    #[test]
    fn errors_point_at_their_column() {
        let command = "ls\necho \"a";
        let e = matcher::Problem {
            start: 8,
            end: 8,
            message: "missing `\"`".into(),
        };
        let v = error_view(command, &e);
        assert_eq!(v.line_number, 2);
        assert_eq!(v.line, "echo \"a");
        assert_eq!(v.caret, "     ^");
    }

    #[test]
    fn page_urls_are_encoded() {
        assert_eq!(page_url("c++(1)").as_deref(), Some("/explain/1/c%2B%2B"));
        assert_eq!(page_url("nonsense"), None);
    }
}
