//! The terminal view of an explanation: the command with each part coloured and numbered, then
//! one box per help, numbered by its id (as the web page and the JSON number them), wrapped to
//! the terminal width. Without colour the numbers and the part texts in each box header still
//! tie parts to their help.

use std::fmt::Write;

use matcher::{Explanation, Kind};
use render::ansi::wrap_paragraph;

const PALETTE: [&str; 6] = ["36", "33", "32", "35", "34", "96"];
const UNKNOWN: &str = "31";

/// How to draw.
pub struct Style {
    /// Use ANSI colours and fonts.
    pub color: bool,
    /// Columns available.
    pub width: usize,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        render::ansi::paint(code, s, self.color)
    }
}

fn width(s: &str) -> usize {
    textwrap::core::display_width(s)
}

/// Renders the whole explanation.
pub fn render(ex: &Explanation, style: &Style) -> String {
    let of_span: Vec<Option<usize>> = ex
        .spans
        .iter()
        .map(|s| s.help.map(|id| id.index()))
        .collect();
    let color_of = |b: Option<usize>| b.map(|i| PALETTE[i % PALETTE.len()]).unwrap_or(UNKNOWN);
    let mut out = String::new();

    // The command, line by line, with marker rows under each line.
    let mut line_start = 0;
    for line in ex.command.split('\n') {
        let line_end = line_start + line.len();
        let mut drawn = String::new();
        let mut pos = line_start;
        let mut labels: Vec<(usize, String, &str)> = Vec::new();
        for (span, b) in ex.spans.iter().zip(&of_span) {
            if span.range.end <= line_start || span.range.start >= line_end {
                continue;
            }
            let s = span.range.start.max(line_start);
            let e = span.range.end.min(line_end);
            drawn.push_str(&ex.command[pos..s].replace('\t', " "));
            let col = width(&drawn);
            drawn.push_str(&style.paint(color_of(*b), &ex.command[s..e].replace('\t', " ")));
            pos = e;
            if s == span.range.start {
                let label = b.map(|i| (i + 1).to_string()).unwrap_or_else(|| "?".into());
                labels.push((col, label, color_of(*b)));
            }
        }
        drawn.push_str(&ex.command[pos..line_end].replace('\t', " "));
        let _ = writeln!(out, "{}", drawn.trim_end());
        // Place labels on as few rows as possible without overlap.
        let mut rows: Vec<Vec<(usize, String, &str)>> = Vec::new();
        for (col, label, color) in labels {
            let fits = |row: &Vec<(usize, String, &str)>| {
                row.last().is_none_or(|(c, l, _)| c + l.len() <= col)
            };
            match rows.iter_mut().find(|r| fits(r)) {
                Some(r) => r.push((col, label, color)),
                None => rows.push(vec![(col, label, color)]),
            }
        }
        for row in rows {
            let mut s = String::new();
            let mut at = 0;
            for (col, label, color) in row {
                s.push_str(&" ".repeat(col.saturating_sub(at)));
                at = col + label.len();
                s.push_str(&style.paint(color, &label));
            }
            let _ = writeln!(out, "{s}");
        }
        line_start = line_end + 1;
    }

    // The boxes.
    let indent = "   ";
    let wrap_width = style.width.saturating_sub(indent.len()).max(20);
    for help in &ex.helps {
        let number = help.id.0 as usize;
        let spans: Vec<&matcher::Span> = ex.spans_of(help.id).collect();
        let first = spans[0];
        let color = PALETTE[help.id.index() % PALETTE.len()];
        let parts: Vec<&str> = spans.iter().map(|s| ex.text(s)).collect();
        let plain_head = format!("{:<3}{}", number, parts.join(" "));
        let head = style.paint(color, &plain_head);
        let page = &help.page;
        let pad = style
            .width
            .saturating_sub(width(&plain_head) + width(page) + 1)
            .max(1);
        let _ = writeln!(out, "\n{head}{}{}", " ".repeat(pad), style.paint("2", page));
        for (i, para) in help.paragraphs().enumerate() {
            if para.is_blank() {
                continue;
            }
            if i > 0 {
                out.push('\n');
            }
            for line in wrap_paragraph(para, wrap_width, style.color) {
                let _ = writeln!(out, "{indent}{line}");
            }
        }
        if !first.other_pages.is_empty() {
            let note = format!(
                "also documented by {}; write {} to use it",
                first.other_pages.join(", "),
                dotted(&first.other_pages[0]),
            );
            let _ = writeln!(out, "{indent}{}", style.paint("2", &note));
        }
    }
    let unknown: Vec<&str> = ex
        .spans
        .iter()
        .filter(|s| s.kind == Kind::Unknown)
        .map(|s| ex.text(s))
        .collect();
    if !unknown.is_empty() {
        let _ = writeln!(
            out,
            "\n{}   no documentation found for these parts",
            style.paint(UNKNOWN, &format!("{:<3}{}", "?", unknown.join(" "))),
        );
    }
    for e in &ex.errors {
        let _ = writeln!(
            out,
            "\n{} {}",
            style.paint(UNKNOWN, "syntax error:"),
            e.message
        );
    }
    out
}

/// `printf(1)` written as a program word that selects that page: `printf.1`.
fn dotted(citation: &str) -> String {
    match citation.strip_suffix(')').and_then(|c| c.split_once('(')) {
        Some((name, section)) => format!("{name}.{section}"),
        None => citation.to_string(),
    }
}
