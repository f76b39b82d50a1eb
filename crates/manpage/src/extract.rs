//! Finding option definitions in a document tree, whatever generator wrote the page.
//!
//! Three shapes carry a definition: a list item whose head is an option head (`.TP`, `.IP`,
//! `.HP`, mdoc `.It Fl`); a one-line paragraph that is an option head followed by an indented
//! block (DocBook's `.PP` + `.RS 4`, Asciidoctor's `.sp` + `.RS 4`); and items with empty bodies
//! stacked above the item whose body they share (`.TP` + `.PD 0`).

use roff::{Block, Document, Font, Text};

use crate::head::{ParsedHead, parse_head};
use crate::model::{Help, OptionDef};
use crate::sections::{SectionKind, subsection_path};
use crate::shapes::walk;
use crate::values;

/// Sections whose lists never define options of the page's program.
pub(crate) fn skipped_section(title: &str) -> bool {
    SectionKind::of(title).never_defines_options()
}

/// Every option the document defines.
pub fn options(doc: &Document) -> Vec<OptionDef> {
    let mut out = Vec::new();
    for section in &doc.sections {
        if skipped_section(&section.title) {
            // encguess puts its switches in a subsection of SYNOPSIS.
            if SectionKind::of(&section.title) == SectionKind::Synopsis {
                for b in &section.blocks {
                    if let Block::Subsection(sub) = b
                        && !skipped_section(&sub.title)
                    {
                        walk(
                            &sub.blocks,
                            &subsection_path(&section.title, &sub.title),
                            &mut out,
                        );
                    }
                }
            }
            continue;
        }
        walk(&section.blocks, &section.title, &mut out);
    }
    out
}

/// The help paragraphs of a body: paragraphs, preformatted text, nested items as `head: body`.
pub fn body_help(blocks: &[Block]) -> Help {
    let mut help = Vec::new();
    flatten(blocks, &mut help);
    help
}

fn flatten(blocks: &[Block], help: &mut Help) {
    for b in blocks {
        match b {
            Block::Paragraph { text, .. } | Block::Preformatted { text, .. } => {
                help.push(text.clone())
            }
            Block::Item { head, body, .. } => {
                let mut nested = Vec::new();
                flatten(body, &mut nested);
                let mut first = head.clone();
                if let Some(p) = nested.first() {
                    first.push(": ", Font::Roman);
                    first.append(p);
                    help.push(first);
                    help.extend(nested.into_iter().skip(1));
                } else {
                    help.push(first);
                }
            }
            Block::Indented { blocks, .. } => flatten(blocks, help),
            Block::Table { rows, .. } => {
                for row in rows {
                    let mut t = Text::new();
                    for (i, cell) in row.iter().enumerate() {
                        if i > 0 {
                            t.push("  ", Font::Roman);
                        }
                        t.append(cell);
                    }
                    help.push(t);
                }
            }
            Block::Subsection(s) => {
                help.push(Text::from_run(&s.title, Font::Bold));
                flatten(&s.blocks, help);
            }
        }
    }
}

pub(crate) struct Pending {
    pub(crate) head: ParsedHead,
    pub(crate) text: Text,
    pub(crate) line: u32,
}

/// `bs=BYTES` → (`bs`, `BYTES`): a lower-case keyword, `=`, an upper-case placeholder.
pub(crate) fn assignment_head(head: &Text) -> Option<(String, String)> {
    let plain = head.plain();
    let (name, value) = plain.split_once('=')?;
    let name_ok = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let value_ok = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    (name_ok && value_ok).then(|| (name.to_string(), value.to_string()))
}

/// How many items in a row around `blocks[i]` have `name=VALUE` heads.
pub(crate) fn assignment_run(blocks: &[Block], i: usize) -> usize {
    let is = |b: &Block| matches!(b, Block::Item { head, .. } if assignment_head(head).is_some());
    let before = blocks[..i].iter().rev().take_while(|b| is(b)).count();
    let after = blocks[i..].iter().take_while(|b| is(b)).count();
    before + after
}

/// Whether an item's head is only a bullet mark (`•`, `○`, `*`, `-`).
pub(crate) fn is_bullet(head: &Text) -> bool {
    let p = head.plain();
    !p.is_empty() && p.chars().count() <= 2 && !p.chars().any(char::is_alphanumeric)
}

pub(crate) fn body_is_empty(body: &[Block]) -> bool {
    body.iter()
        .all(|b| matches!(b, Block::Paragraph { text, .. } if text.is_blank()))
}

pub(crate) fn merge(
    stacked: &mut Vec<Pending>,
    parsed: ParsedHead,
    head: &Text,
    line: u32,
) -> (ParsedHead, Text, u32) {
    if stacked.is_empty() {
        return (parsed, head.clone(), line);
    }
    let mut merged = ParsedHead::default();
    let mut text = Text::new();
    let first_line = stacked[0].line;
    for p in stacked.drain(..).chain(std::iter::once(Pending {
        head: parsed,
        text: head.clone(),
        line,
    })) {
        for f in p.head.flags {
            if !merged.flags.contains(&f) {
                merged.flags.push(f);
            }
        }
        if merged.argument.is_none() {
            merged.argument = p.head.argument;
        }
        if !text.runs.is_empty() {
            text.push("\n", Font::Roman);
        }
        text.append(&p.text);
    }
    (merged, text, first_line)
}

/// Records one option; `body` is where the keyword values of its argument may be listed.
/// Ends a stack of heads with `help` as the description their last head was waiting for.
pub(crate) fn close_stack(
    stacked: &mut Vec<Pending>,
    out: &mut Vec<OptionDef>,
    help: Help,
    body: &[Block],
    section: &str,
) {
    if let Some(last) = stacked.pop() {
        let (merged, text, first_line) = merge(stacked, last.head, &last.text, last.line);
        push(out, merged, text, help, body, section, first_line);
    }
}

pub(crate) fn push(
    out: &mut Vec<OptionDef>,
    head: ParsedHead,
    text: Text,
    help: Help,
    body: &[Block],
    section: &str,
    line: u32,
) {
    let values = match &head.argument {
        Some(a) => values::values(body, &help, &a.name),
        None => Vec::new(),
    };
    out.push(OptionDef {
        flags: head.flags,
        argument: head.argument,
        head: text,
        help,
        section: section.to_string(),
        line,
        values,
    });
}

/// Options set as a tbl table, the spellings in the first column and the description in the
/// next (tuptime's `-t | --table` row). Two such rows or more make the table a list of options.
pub(crate) fn table_options(
    rows: &[Vec<Text>],
    line: u32,
    section: &str,
    out: &mut Vec<OptionDef>,
) {
    let found: Vec<(ParsedHead, Text, Help)> = rows
        .iter()
        .filter(|row| row.len() >= 2)
        .filter_map(|row| {
            let parsed = parse_head(&row[0]).filter(|p| p.inline_help.is_none())?;
            let help: Help = row[1..].iter().filter(|c| !c.is_blank()).cloned().collect();
            (!help.is_empty()).then(|| (parsed, row[0].clone(), help))
        })
        .collect();
    if found.len() < 2 {
        return;
    }
    for (parsed, head, help) in found {
        push(out, parsed, head, help, &[], section, line);
    }
}

/// A paragraph that starts with an option head and a colon, and goes on with the description:
/// the text before the colon and the text after it.
pub(crate) fn head_before_colon(text: &Text) -> Option<(Text, Text)> {
    let raw = text.raw();
    let colon = raw.find(": ")?;
    // The head is short and on the first line.
    if colon > 120 || raw[..colon].contains('\n') {
        return None;
    }
    let (mut head, mut rest) = (Text::new(), Text::new());
    let mut at = 0;
    for run in &text.runs {
        let end = at + run.text.len();
        if end <= colon {
            head.push(&run.text, run.font);
        } else if at >= colon + 2 {
            rest.push(&run.text, run.font);
        } else {
            let cut = colon.saturating_sub(at);
            head.push(&run.text[..cut], run.font);
            let from = (colon + 2).saturating_sub(at).min(run.text.len());
            rest.push(&run.text[from..], run.font);
        }
        at = end;
    }
    let rest = rest.trimmed();
    (!rest.is_blank()).then_some((head, rest))
}

/// A head of two lines or more whose first line is an option head and whose second is not:
/// the first line and the rest, joined.
pub(crate) fn head_then_description(head: &Text) -> Option<(Text, Text)> {
    let lines = head.lines();
    if lines.len() < 2 || parse_head(&lines[1]).is_some() {
        return None;
    }
    let mut rest = Text::new();
    for l in &lines[1..] {
        if !rest.runs.is_empty() {
            rest.push(" ", Font::Roman);
        }
        rest.append(l);
    }
    Some((lines[0].clone(), rest))
}

/// Adds `def` to `out` unless one of its spellings is already defined, in `existing` or in
/// `out`: the later readers only fill in what the earlier ones missed.
pub(crate) fn push_new(def: OptionDef, existing: &[OptionDef], out: &mut Vec<OptionDef>) {
    let known = existing
        .iter()
        .chain(out.iter())
        .any(|o| o.flags.iter().any(|f| def.flags.contains(f)));
    if !known {
        out.push(def);
    }
}

/// Every option defined in `blocks` (a builtin's body, for example), attributed to `section`.
pub fn options_in(blocks: &[Block], section: &str) -> Vec<OptionDef> {
    let mut out = Vec::new();
    walk(blocks, section, &mut out);
    out
}
