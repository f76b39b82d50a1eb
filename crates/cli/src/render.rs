//! The terminal view of an explanation: the command with each part coloured and numbered, then
//! one box per distinct help, numbered to match, wrapped to the terminal width. Without colour
//! the numbers and the part texts in each box header still tie parts to their help.

use std::fmt::Write;

use matcher::{Explanation, Kind, Span};
use roff::{Font, Text};

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
        if self.color && !s.is_empty() {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// A box: the spans that share one help.
struct HelpBox<'a> {
    number: usize,
    spans: Vec<&'a Span>,
}

fn boxes(ex: &Explanation) -> (Vec<HelpBox<'_>>, Vec<Option<usize>>) {
    let mut out: Vec<HelpBox> = Vec::new();
    let mut of_span = Vec::with_capacity(ex.spans.len());
    for span in &ex.spans {
        if span.kind == Kind::Unknown {
            of_span.push(None);
            continue;
        }
        let found = out.iter().position(|b| {
            let s = b.spans[0];
            s.help == span.help && s.page == span.page && s.group == span.group
        });
        let i = match found {
            Some(i) => i,
            None => {
                out.push(HelpBox {
                    number: out.len() + 1,
                    spans: Vec::new(),
                });
                out.len() - 1
            }
        };
        out[i].spans.push(span);
        of_span.push(Some(i));
    }
    (out, of_span)
}

fn width(s: &str) -> usize {
    textwrap::core::display_width(s)
}

/// Renders the whole explanation.
pub fn render(ex: &Explanation, style: &Style) -> String {
    let (boxes, of_span) = boxes(ex);
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
            if span.end <= line_start || span.start >= line_end {
                continue;
            }
            let s = span.start.max(line_start);
            let e = span.end.min(line_end);
            drawn.push_str(&ex.command[pos..s].replace('\t', " "));
            let col = width(&drawn);
            drawn.push_str(&style.paint(color_of(*b), &ex.command[s..e].replace('\t', " ")));
            pos = e;
            if s == span.start {
                let label = b
                    .map(|i| boxes[i].number.to_string())
                    .unwrap_or_else(|| "?".into());
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
    for b in &boxes {
        let first = b.spans[0];
        let color = PALETTE[(b.number - 1) % PALETTE.len()];
        let parts: Vec<&str> = b.spans.iter().map(|s| s.text.as_str()).collect();
        let mut head = format!("{:<3}{}", b.number, parts.join(" "));
        head = style.paint(color, &head);
        let page = first.page.clone().unwrap_or_default();
        let pad = style
            .width
            .saturating_sub(
                width(&format!("{:<3}{}", b.number, parts.join(" "))) + width(&page) + 1,
            )
            .max(1);
        let _ = writeln!(
            out,
            "\n{head}{}{}",
            " ".repeat(pad),
            style.paint("2", &page)
        );
        for (i, para) in first.help_text.iter().enumerate() {
            if para.is_blank() {
                continue;
            }
            if i > 0 {
                out.push('\n');
            }
            for line in wrap_paragraph(para, wrap_width, style) {
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
        .map(|s| s.text.as_str())
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

/// Wraps one paragraph, painting bold and italic runs; preformatted paragraphs keep their lines.
fn wrap_paragraph(para: &Text, width: usize, style: &Style) -> Vec<String> {
    let raw = para.raw();
    if raw.trim().contains('\n') {
        return raw
            .trim_matches('\n')
            .lines()
            .map(|l| l.trim_end().to_string())
            .collect();
    }
    // Wrap the plain text, then paint it word by word following the runs.
    let plain = para.plain();
    let lines = textwrap::wrap(&plain, width);
    if !style.color {
        return lines.into_iter().map(|l| l.into_owned()).collect();
    }
    // Font of each char of the normalised text.
    let mut fonts: Vec<Font> = Vec::with_capacity(plain.len());
    let mut last_space = true;
    for run in &para.trimmed().runs {
        for c in run.text.chars() {
            if c.is_whitespace() {
                if !last_space && fonts.len() < plain.chars().count() {
                    fonts.push(Font::Roman);
                }
                last_space = true;
            } else {
                fonts.push(run.font);
                last_space = false;
            }
        }
    }
    let mut out = Vec::new();
    let mut idx = 0;
    let chars: Vec<char> = plain.chars().collect();
    for line in lines {
        let n = line.chars().count();
        // Skip the blank textwrap dropped at the break.
        while idx < chars.len() && chars[idx] == ' ' && !line.starts_with(' ') {
            idx += 1;
        }
        let mut s = String::new();
        let mut cur = Font::Roman;
        for k in 0..n {
            let f = fonts.get(idx + k).copied().unwrap_or(Font::Roman);
            if f != cur {
                s.push_str("\x1b[0m");
                if f.is_bold() {
                    s.push_str("\x1b[1m");
                }
                if f.is_italic() {
                    s.push_str("\x1b[4m");
                }
                cur = f;
            }
            s.push(chars.get(idx + k).copied().unwrap_or(' '));
        }
        if cur != Font::Roman {
            s.push_str("\x1b[0m");
        }
        idx += n;
        out.push(s);
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
