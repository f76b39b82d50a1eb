//! A document tree as text, one line per block with its source line and its fonts marked as
//! roff writes them (`\fB-x\fR`), then the diagnostics: what the tree snapshots compare and
//! what `cargo run -p roff --example outline FILE` prints.

use std::fmt::Write;

use crate::tree::{Block, Document, Font, Section, Text};

impl Document {
    /// The tree as an indented outline (see the module's documentation).
    pub fn outline(&self) -> String {
        dump(self)
    }
}

/// Text with its fonts as roff writes them (`\fB-x\fR`), line breaks as `\n`.
fn marked(t: &Text) -> String {
    let mut out = String::new();
    let mut current = Font::Roman;
    for run in &t.runs {
        if run.font != current {
            out.push_str(match run.font {
                Font::Bold => "\\fB",
                Font::Italic => "\\fI",
                Font::Mono => "\\f(CW",
                _ => "\\fR",
            });
            current = run.font;
        }
        out.push_str(&run.text.replace('\n', "\\n"));
    }
    if current != Font::Roman {
        out.push_str("\\fR");
    }
    out
}

fn blocks(out: &mut String, blocks: &[Block], depth: usize) {
    let pad = "  ".repeat(depth);
    for b in blocks {
        match b {
            Block::Paragraph { text, line } => {
                let _ = writeln!(out, "{pad}paragraph {line}: {}", marked(text));
            }
            Block::Item {
                head,
                body,
                style,
                line,
            } => {
                let _ = writeln!(out, "{pad}item {style:?} {line}: {}", marked(head));
                self::blocks(out, body, depth + 1);
            }
            Block::Indented {
                blocks: inner,
                line,
            } => {
                let _ = writeln!(out, "{pad}indented {line}");
                self::blocks(out, inner, depth + 1);
            }
            Block::Preformatted { text, line } => {
                let _ = writeln!(out, "{pad}preformatted {line}: {}", marked(text));
            }
            Block::Table { rows, line } => {
                let _ = writeln!(out, "{pad}table {line}");
                for row in rows {
                    let cells: Vec<String> = row.iter().map(marked).collect();
                    let _ = writeln!(out, "{pad}  row: {}", cells.join(" | "));
                }
            }
            Block::Subsection(s) => section(out, s, "subsection", depth),
        }
    }
}

fn section(out: &mut String, s: &Section, what: &str, depth: usize) {
    let pad = "  ".repeat(depth);
    let _ = writeln!(out, "{pad}{what} {} {:?}", s.line, s.title);
    blocks(out, &s.blocks, depth + 1);
}

/// The whole document, one line per block, then its diagnostics.
fn dump(doc: &Document) -> String {
    let mut out = format!(
        "{:?} page, title {:?}, section {:?}\n",
        doc.dialect, doc.title, doc.section
    );
    if !doc.preamble.is_empty() {
        out.push_str("preamble\n");
        blocks(&mut out, &doc.preamble, 1);
    }
    for s in &doc.sections {
        section(&mut out, s, "section", 0);
    }
    if let Some(r) = &doc.redirect {
        let _ = writeln!(out, "redirect to {r}");
    }
    for d in &doc.diagnostics {
        let _ = writeln!(out, "{:?} {:?}: {d}", d.severity(), d.code);
    }
    out
}
