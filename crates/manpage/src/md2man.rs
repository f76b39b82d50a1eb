//! Definitions written as one paragraph: the option's head on the first line, its description
//! on the following lines, indented (go-md2man, which writes the docker pages):
//!
//! ```text
//! .PP
//! \fB-i\fP, \fB--interactive\fP=\fItrue\fP|\fIfalse\fP
//!    Keep STDIN open even if not attached.
//! ```
//!
//! The indented line starts a new output line in roff, so the paragraph's first line is the head.
//! Paragraphs after it that are not heads themselves continue the description.
//!
//! Also run-in heads, where the description goes on from the head on the same line (dot(1)):
//! `\fB\-T\fIlang\fR sets the output language`. The head is the leading bold and italic text;
//! a section must hold two such paragraphs or more before any of them counts.

use roff::{Block, Document, Font, Text};

use crate::extract::push_new;
use crate::head::parse_head;
use crate::model::OptionDef;
use crate::sections::{SectionKind, subsection_path};

/// Options defined as head-line paragraphs, other than those in `existing`.
pub fn options(doc: &Document, existing: &[OptionDef]) -> Vec<OptionDef> {
    let mut out = Vec::new();
    for section in &doc.sections {
        if matches!(
            SectionKind::of(&section.title),
            SectionKind::Name
                | SectionKind::Synopsis
                | SectionKind::Examples
                | SectionKind::SeeAlso
        ) {
            continue;
        }
        walk(&section.blocks, &section.title, existing, &mut out);
    }
    out
}

/// The head and the description lines of a paragraph whose first line is an option head.
fn split(text: &Text) -> Option<(Text, Text, crate::head::ParsedHead)> {
    let mut lines = text.lines();
    if lines.len() < 2 {
        // kubectl's pages start the description with a tab, which does not break the line:
        // `\fB-A\fP, \fB--all-namespaces\fP=false` TAB `If present, ...`.
        lines = split_at_tab(text)?;
    }
    // go-md2man shows a list or string argument by its empty default: `--env=[]`, `--name=""`;
    // a switch by its default `=false` or `=true`.
    let first = lines[0].plain();
    if let Some(bare) = first
        .strip_suffix("=false")
        .or_else(|| first.strip_suffix("=true"))
    {
        let parsed = parse_head(&Text::from_run(bare, Font::Bold))?;
        if parsed.flags.is_empty() || parsed.argument.is_some() {
            return None;
        }
        return Some((lines[0].clone(), join_lines(&lines[1..]), parsed));
    }
    let parsed = match first
        .strip_suffix("=[]")
        .or_else(|| first.strip_suffix("=\"\""))
    {
        Some(bare) => {
            let mut p = parse_head(&Text::from_run(bare, Font::Bold))?;
            p.argument = Some(crate::model::Argument {
                name: first[bare.len() + 1..].to_string(),
                need: crate::model::ArgumentNeed::Required,
            });
            p
        }
        None => parse_head(&lines[0])?,
    };
    if parsed.flags.is_empty() {
        return None;
    }

    Some((lines[0].clone(), join_lines(&lines[1..]), parsed))
}

fn join_lines(lines: &[Text]) -> Text {
    let mut body = Text::new();
    for line in lines {
        if !body.runs.is_empty() {
            body.push(" ", Font::Roman);
        }
        body.append(line);
    }
    body
}

/// The text before the first tab and the text after it, as two lines; `None` without a tab.
fn split_at_tab(text: &Text) -> Option<Vec<Text>> {
    let at = text.runs.iter().position(|r| r.text.contains('\t'))?;
    let mut head = Text::new();
    let mut body = Text::new();
    for r in &text.runs[..at] {
        head.push(&r.text, r.font);
    }
    let (before, after) = text.runs[at].text.split_once('\t')?;
    head.push(before.trim_end(), text.runs[at].font);
    body.push(after.trim_start(), text.runs[at].font);
    for r in &text.runs[at + 1..] {
        body.push(&r.text, r.font);
    }
    (!head.plain().trim().is_empty() && !body.plain().trim().is_empty()).then(|| vec![head, body])
}

/// A one-line paragraph that is only an option head, starting with a bold flag.
fn head_alone(text: &Text) -> Option<crate::head::ParsedHead> {
    let first = text.runs.first()?;
    if !first.font.is_bold() || !first.text.starts_with('-') || text.lines().len() > 1 {
        return None;
    }
    parse_head(text).filter(|p| !p.flags.is_empty() && p.inline_help.is_none())
}

/// A paragraph that starts with a run-in head: bold flags (and their italic arguments, and the
/// `, ` or `[`, `|`, `]` between them) followed on the same line by roman text.
fn split_run_in(text: &Text) -> Option<(Text, Text, crate::head::ParsedHead)> {
    let first = text.runs.first()?;
    if !first.font.is_bold() || !first.text.starts_with(['-', '+']) {
        return None;
    }
    let mut head = Text::new();
    let mut body = Text::new();
    let mut in_head = true;
    for (i, r) in text.runs.iter().enumerate() {
        if !in_head {
            body.push(&r.text, r.font);
            continue;
        }
        if r.font.is_bold() || r.font.is_italic() {
            head.push(&r.text, r.font);
            continue;
        }
        // `-x`, `--ex`: a comma between two bold spellings belongs to the head.
        let next_is_flag = text
            .runs
            .get(i + 1)
            .is_some_and(|n| n.font.is_bold() && n.text.starts_with('-'));
        if next_is_flag && matches!(r.text.as_str(), ", " | "," | " | " | "|") {
            head.push(&r.text, r.font);
            continue;
        }
        // `-C` *filesize*: a blank before an italic argument belongs to the head.
        let next_is_argument = text.runs.get(i + 1).is_some_and(|n| n.font.is_italic());
        if next_is_argument && r.text == " " {
            head.push(&r.text, r.font);
            continue;
        }
        let cut = r
            .text
            .find(|c: char| !matches!(c, '[' | ']' | '|' | '='))
            .unwrap_or(r.text.len());
        head.push(&r.text[..cut], r.font);
        // `--chisel`=*chiselname*: punctuation alone goes on with the head.
        if cut == r.text.len() {
            continue;
        }
        body.push(&r.text[cut..], r.font);
        in_head = false;
    }
    let head_plain = head.plain();
    let rest = body.plain();
    let rest = rest.trim_start();
    if head_plain.contains('\n') {
        return None;
    }
    // The description must follow as words: `(verbose) prints ...`, `sets the ...`.
    if !rest.starts_with(|c: char| c.is_alphabetic() || c == '(') {
        return None;
    }
    let parsed = parse_head(&head)?;
    if parsed.flags.is_empty() || parsed.inline_help.is_some() {
        return None;
    }
    let mut trimmed = Text::new();
    for r in &body.runs {
        if trimmed.runs.is_empty() {
            let t = r.text.trim_start();
            if !t.is_empty() {
                trimmed.push(t, r.font);
            }
        } else {
            trimmed.push(&r.text, r.font);
        }
    }
    Some((head, trimmed, parsed))
}

/// The option defined by a head and a one-paragraph description.
fn definition(
    (head, body, parsed): (Text, Text, crate::head::ParsedHead),
    section: &str,
    line: u32,
) -> OptionDef {
    OptionDef {
        flags: parsed.flags,
        argument: parsed.argument,
        head,
        help: vec![body],
        section: section.to_string(),
        line,
        values: Vec::new(),
    }
}

fn walk(blocks: &[Block], section: &str, existing: &[OptionDef], out: &mut Vec<OptionDef>) {
    // Each paragraph read as a head line and description once, for both shapes below.
    let split_paragraphs: Vec<Option<(Text, Text, crate::head::ParsedHead)>> = blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { text, .. } => split(text),
            _ => None,
        })
        .collect();
    // Run-in heads count only when the section holds two or more of them.
    let run_ins: Vec<OptionDef> = blocks
        .iter()
        .zip(&split_paragraphs)
        .filter_map(|(b, split)| match b {
            // A head on a line of its own (or before a tab) is read by `split`.
            Block::Paragraph { text, line } if split.is_none() => {
                split_run_in(text).map(|found| definition(found, section, *line))
            }
            _ => None,
        })
        .collect();
    if run_ins.len() >= 2 {
        for def in run_ins {
            push_new(def, existing, out);
        }
    }
    // Heads alone in a paragraph, the description in the paragraphs after (rst2man's `.sp`
    // head `.sp` description: virsh's `-c, --connect URI`); two or more in a run of blocks.
    // The head may also be a bullet of its own (virsh's `• -h, --help`).
    let alone: Vec<Option<OptionDef>> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let Some(Block::Paragraph { text: next, .. }) = blocks.get(i + 1) else {
                return None;
            };
            let head = match b {
                Block::Paragraph { text, .. } if split_paragraphs[i].is_none() => text,
                Block::Indented { blocks: inner, .. } => match inner.as_slice() {
                    [Block::Item { head, body, .. }] if head.plain().trim() == "•" => {
                        match body.as_slice() {
                            [Block::Paragraph { text, .. }] => text,
                            _ => return None,
                        }
                    }
                    _ => return None,
                },
                _ => return None,
            };
            let parsed = head_alone(head).filter(|_| head_alone(next).is_none())?;
            let mut def = definition((head.clone(), Text::new(), parsed), section, b.line());
            // The description is in the paragraphs after the head.
            def.help.clear();
            Some(def)
        })
        .collect();
    let alone_count = alone.iter().filter(|a| a.is_some()).count();
    let alone = alone.into_iter().map(|a| a.filter(|_| alone_count >= 2));
    let mut current: Option<OptionDef> = None;
    let finish = |current: &mut Option<OptionDef>, out: &mut Vec<OptionDef>| {
        if let Some(def) = current.take() {
            push_new(def, existing, out);
        }
    };
    for ((block, split), alone) in blocks.iter().zip(split_paragraphs).zip(alone) {
        match block {
            Block::Paragraph { text, line } => {
                if let Some(found) = split {
                    finish(&mut current, out);
                    current = Some(definition(found, section, *line));
                } else if alone.is_some() {
                    finish(&mut current, out);
                    current = alone;
                } else if let Some(def) = current.as_mut() {
                    if parse_head(&text.lines().first().cloned().unwrap_or_default()).is_some() {
                        finish(&mut current, out);
                    } else {
                        def.help.push(text.clone());
                    }
                }
            }
            Block::Subsection(s) => {
                finish(&mut current, out);
                walk(
                    &s.blocks,
                    &subsection_path(section, &s.title),
                    existing,
                    out,
                );
            }
            Block::Indented { .. } if alone.is_some() => {
                finish(&mut current, out);
                current = alone;
            }
            Block::Indented { blocks: inner, .. } => {
                finish(&mut current, out);
                walk(inner, section, existing, out);
            }
            _ => finish(&mut current, out),
        }
    }
    finish(&mut current, out);
}
