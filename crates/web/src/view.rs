//! What the explanation page shows, worked out from an [`Explanation`]: the command line as
//! source lines of parts and the blanks between them, one help box per distinct help in order of
//! first use (each placed under the line of its first part), syntax errors with a caret, and
//! similar names for programs nothing documents.

use matcher::{Explanation, Kind};

mod colour;
mod lines;

pub use lines::Line;

/// How many colours parts and boxes take (`c0` ... `c15` in the stylesheet).
pub const COLOURS: usize = 16;

/// One part of the command line, with the text before it on its line.
#[derive(Debug)]
pub struct Part {
    /// Its place among all parts (0-based): the page's `part-N` id.
    pub index: usize,
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
    /// Its box's colour (`0..COLOURS`).
    pub colour: usize,
}

impl Part {
    /// The number shown under the part: its box, or `?`.
    pub fn label(&self) -> String {
        self.help_box.map_or_else(|| "?".into(), |b| b.to_string())
    }

    /// The CSS classes: its colour, or `unknown`.
    pub fn classes(&self) -> String {
        match self.help_box {
            Some(_) => format!("part k-{} c{}", self.kind, self.colour),
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
    /// Its colour (`0..COLOURS`), never the colour of a box whose parts neighbour its parts.
    pub colour: usize,
}

impl HelpBox {
    /// The option as documented when it reads differently from the parts (`-z` for `z`).
    pub fn option_note(&self) -> Option<&str> {
        self.option.as_deref().filter(|o| *o != self.parts)
    }

    /// The colour class.
    pub fn colour(&self) -> String {
        format!("c{}", self.colour)
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
    /// The command line's source lines, each with the boxes first used on it.
    pub lines: Vec<Line>,
    /// Whether the input has more than one line (a script: lines are numbered).
    pub is_script: bool,
    /// Syntax errors.
    pub errors: Vec<ErrorView>,
    /// Unknown programs.
    pub unknown_programs: Vec<String>,
    /// How many simple commands the line has (for stepping through them).
    pub groups: usize,
    /// What each simple command is, for the "showing" label: index 0 is group 1.
    pub group_names: Vec<String>,
    /// Whether any shell syntax (group 0) has a box: then it is a step of its own.
    pub has_syntax: bool,
}

impl ExplainView {
    /// Every part, in order.
    #[cfg(test)]
    pub fn parts(&self) -> impl Iterator<Item = &Part> {
        self.lines.iter().flat_map(|l| l.parts.iter())
    }

    /// Every box, in order.
    pub fn boxes(&self) -> impl Iterator<Item = &HelpBox> {
        self.lines.iter().flat_map(|l| l.boxes.iter())
    }

    /// Whether no part has a box.
    pub fn has_no_boxes(&self) -> bool {
        self.boxes().next().is_none()
    }
}

/// Builds the page content from an explanation: one box per help, numbered by its id, under
/// the source line where it is first used.
pub fn build(ex: &Explanation) -> ExplainView {
    let mut boxes: Vec<HelpBox> = ex
        .helps
        .iter()
        .map(|h| HelpBox {
            number: h.id.0 as usize,
            parts: String::new(),
            group: 0,
            page: Some(h.page.clone()),
            page_url: page_url(&h.page),
            option: None,
            help_html: render::html(h.paragraphs()),
            colour: 0,
        })
        .collect();
    let mut parts = Vec::with_capacity(ex.spans.len());
    let mut at = 0;
    for (index, span) in ex.spans.iter().enumerate() {
        let gap = ex
            .command
            .get(at..span.range.start)
            .unwrap_or("")
            .to_string();
        at = span.range.end.max(at);
        let text = ex.text(span);
        if let Some(id) = span.help {
            let b = &mut boxes[id.index()];
            if b.parts.is_empty() {
                b.group = span.group;
                b.option = span.option.clone();
            } else {
                b.parts.push(' ');
            }
            b.parts.push_str(text);
        }
        parts.push(Part {
            index,
            gap,
            text: text.to_string(),
            help_box: span.help.map(|id| id.0 as usize),
            group: span.group,
            kind: span.kind.name(),
            colour: 0,
        });
    }
    let colours = colour::assign(&parts, boxes.len());
    for b in &mut boxes {
        b.colour = colours[b.number - 1];
    }
    for p in &mut parts {
        if let Some(b) = p.help_box {
            p.colour = colours[b - 1];
        }
    }
    let groups = ex.spans.iter().map(|s| s.group).max().unwrap_or(0);
    let tail = ex.command.get(at..).unwrap_or("");
    let lines = lines::split(parts, tail, boxes);
    ExplainView {
        is_script: lines.len() > 1,
        has_syntax: lines
            .iter()
            .flat_map(|l| &l.parts)
            .any(|p| p.group == 0 && p.help_box.is_some()),
        lines,
        errors: ex
            .errors
            .iter()
            .map(|e| error_view(&ex.command, e))
            .collect(),
        unknown_programs: unknown_programs(ex),
        groups,
        group_names: (1..=groups).map(|g| group_name(ex, g)).collect(),
    }
}

/// What the "showing" label calls simple command `group`: its program's page (`sort(1)`), the
/// program and the page that documents it (`echo in bash(1)`), or the word nothing documents.
fn group_name(ex: &Explanation, group: usize) -> String {
    let mut spans = ex.spans.iter().filter(|s| s.group == group);
    let Some(span) = spans
        .clone()
        .find(|s| s.kind == Kind::Program)
        .or_else(|| spans.next())
    else {
        return format!("command {group}");
    };
    let text = ex.text(span);
    let page = span
        .help
        .and_then(|id| ex.helps.iter().find(|h| h.id == id))
        .map(|h| h.page.as_str());
    match page {
        Some(page) if page.strip_prefix(text).is_some_and(|r| r.starts_with('(')) => page.into(),
        Some(page) => format!("{text} in {page}"),
        None => format!("{text} (no page)"),
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

fn error_view(command: &str, e: &matcher::Problem) -> ErrorView {
    let start = e.range.start.min(command.len());
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
        let text = ex.text(span);
        if span.kind == Kind::Unknown && !out.iter().any(|o| o == text) {
            out.push(text.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An explanation of `command` over one fixture page: tar's `-f FILE` and NAME line.
    fn explain(command: &str) -> Explanation {
        let doc = roff::parse(
            ".TH TAR 1\n.SH NAME\ntar \\- archiver\n.SH OPTIONS\n.TP\n\\fB\\-f\\fR \\fIFILE\\fR\nUse archive FILE.\n",
            None,
        );
        let pages = matcher::MemoryPages::new([manpage::read(&doc, "man1/tar.1.gz")]);
        matcher::explain_str(command, &pages).unwrap()
    }

    #[test]
    fn parts_sharing_a_help_share_a_box() {
        let v = build(&explain("tar -f x.tgz  zz -f y"));
        let boxes: Vec<&HelpBox> = v.boxes().collect();
        assert_eq!(boxes.len(), 2);
        assert_eq!(boxes[1].parts, "-f x.tgz -f y");
        assert_eq!(boxes[1].page_url.as_deref(), Some("/explain/1/tar"));
        assert_eq!(boxes[1].option.as_deref(), Some("-f"));
        let parts: Vec<&Part> = v.parts().collect();
        let labels: Vec<String> = parts.iter().map(|p| p.label()).collect();
        assert_eq!(labels, ["1", "2", "2", "?", "2", "2"]);
        assert_eq!(parts[3].gap, "  ");
        assert_eq!(parts[3].classes(), "part unknown");
        assert_eq!(v.group_names, ["tar(1)"]);
        assert!(v.unknown_programs.is_empty());
    }

    #[test]
    fn unknown_first_word_is_an_unknown_program() {
        assert_eq!(build(&explain("gti status")).unknown_programs, ["gti"]);
    }

    #[test]
    fn errors_point_at_their_column() {
        let command = "ls\necho \"a";
        let e = matcher::Problem {
            range: 8..8,
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
