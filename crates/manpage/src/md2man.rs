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

use roff::{Block, Document, Font, Text};

use crate::head::parse_head;
use crate::model::OptionDef;

/// Options defined as head-line paragraphs, other than those in `existing`.
pub fn options(doc: &Document, existing: &[OptionDef]) -> Vec<OptionDef> {
    let mut out = Vec::new();
    for section in &doc.sections {
        if matches!(
            section.title.to_ascii_uppercase().as_str(),
            "NAME" | "SYNOPSIS" | "EXAMPLES" | "SEE ALSO"
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

fn walk(blocks: &[Block], section: &str, existing: &[OptionDef], out: &mut Vec<OptionDef>) {
    let mut current: Option<OptionDef> = None;
    let finish = |current: &mut Option<OptionDef>, out: &mut Vec<OptionDef>| {
        if let Some(def) = current.take() {
            let known = existing
                .iter()
                .chain(out.iter())
                .any(|o| o.flags.iter().any(|f| def.flags.contains(f)));
            if !known {
                out.push(def);
            }
        }
    };
    for block in blocks {
        match block {
            Block::Paragraph { text, line } => {
                if let Some((head, body, parsed)) = split(text) {
                    finish(&mut current, out);
                    current = Some(OptionDef {
                        flags: parsed.flags,
                        argument: parsed.argument,
                        head,
                        help: vec![body],
                        section: section.to_string(),
                        line: *line,
                        values: Vec::new(),
                    });
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
                    &format!("{section} › {}", s.title),
                    existing,
                    out,
                );
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
