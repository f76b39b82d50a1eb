//! Letter options given without a dash, on pages that say so: ps(1)'s BSD options ("BSD
//! options, which may be grouped and must not be used with a dash"): `a`, `u`, `x`, and
//! `p pidlist`. Each is an item whose head is one bold letter, optionally followed by its
//! argument in italic.

use roff::{Block, Document, Text};

use crate::extract::body_help;
use crate::model::{Argument, ArgumentNeed, Flag, FlagStyle, OptionDef};
use crate::phrases::DASHLESS_OPTIONS;

/// The dashless letter options of `doc`, when its text says options are used without a dash.
pub fn options(doc: &Document) -> Vec<OptionDef> {
    let announced = doc.sections.iter().any(|s| says_dashless(&s.blocks));
    if !announced {
        return Vec::new();
    }
    let mut out = Vec::new();
    for section in &doc.sections {
        collect(&section.blocks, &section.title, &mut out);
    }
    out
}

fn says_dashless(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::Paragraph { text, .. } => DASHLESS_OPTIONS.in_text(text),
        Block::Item { head, body, .. } => DASHLESS_OPTIONS.in_text(head) || says_dashless(body),
        Block::Indented { blocks, .. } => says_dashless(blocks),
        Block::Subsection(s) => says_dashless(&s.blocks),
        _ => false,
    })
}

fn collect(blocks: &[Block], section: &str, out: &mut Vec<OptionDef>) {
    for b in blocks {
        match b {
            Block::Item {
                head, body, line, ..
            } => {
                if let Some((letter, argument)) = letter_head(head) {
                    out.push(OptionDef {
                        flags: vec![Flag {
                            text: letter.to_string(),
                            style: FlagStyle::Dashless,
                        }],
                        argument: argument.map(|name| Argument {
                            name,
                            need: ArgumentNeed::Required,
                        }),
                        head: head.clone(),
                        help: body_help(body),
                        section: section.to_string(),
                        line: *line,
                        values: Vec::new(),
                    });
                }
            }
            Block::Indented { blocks, .. } => collect(blocks, section, out),
            Block::Subsection(s) => collect(&s.blocks, &s.title, out),
            _ => {}
        }
    }
}

/// `a` in bold, or `p` in bold and ` pidlist` in italic: the letter and the argument's name.
fn letter_head(head: &Text) -> Option<(char, Option<String>)> {
    let first = head.runs.iter().find(|r| !r.text.trim().is_empty())?;
    if !first.font.is_bold() {
        return None;
    }
    let plain = head.plain();
    let mut words = plain.split_whitespace();
    let letter = words.next()?;
    let mut chars = letter.chars();
    let c = chars.next().filter(|c| c.is_ascii_alphabetic())?;
    if chars.next().is_some() || first.text.trim() != letter {
        return None;
    }
    let argument = words.next().map(str::to_string);
    if words.next().is_some() {
        return None;
    }
    let argument_italic = head
        .runs
        .iter()
        .skip_while(|r| !std::ptr::eq(*r, first))
        .skip(1)
        .filter(|r| !r.text.trim().is_empty())
        .all(|r| r.font.is_italic());
    if argument.is_some() && !argument_italic {
        return None;
    }
    Some((c, argument))
}
