//! Finding option definitions in a document tree, whatever generator wrote the page.
//!
//! Three shapes carry a definition: a list item whose head is an option head (`.TP`, `.IP`,
//! `.HP`, mdoc `.It Fl`); a one-line paragraph that is an option head followed by an indented
//! block (DocBook's `.PP` + `.RS 4`, Asciidoctor's `.sp` + `.RS 4`); and items with empty bodies
//! stacked above the item whose body they share (`.TP` + `.PD 0`).

use roff::{Block, Document, Font, Section, Text};

use crate::head::{ParsedHead, parse_head};
use crate::model::{Argument, ArgumentNeed, Flag, FlagStyle, Help, OptionDef};
use crate::values;

/// Sections whose lists never define options of the page's program.
pub(crate) fn skipped_section(title: &str) -> bool {
    let t = title.to_ascii_uppercase();
    // Examples show options in use, they do not define them (java's `-Xlog Usage Examples`).
    if t.contains("EXAMPLE") {
        return true;
    }
    matches!(
        t.as_str(),
        "NAME"
            | "SYNOPSIS"
            | "SEE ALSO"
            | "EXAMPLES"
            | "EXAMPLE"
            | "AUTHOR"
            | "AUTHORS"
            | "BUGS"
            | "HISTORY"
            | "COPYRIGHT"
            | "REPORTING BUGS"
            | "EXIT STATUS"
            | "RETURN VALUE"
            | "FILES"
            | "ENVIRONMENT"
            | "DIAGNOSTICS"
            | "STANDARDS"
            | "CONFORMING TO"
            | "NOTES"
            | "LICENSE"
    )
}

/// Every option the document defines.
pub fn options(doc: &Document) -> Vec<OptionDef> {
    let mut out = Vec::new();
    for section in &doc.sections {
        if skipped_section(&section.title) {
            // encguess puts its switches in a subsection of SYNOPSIS.
            if section.title.eq_ignore_ascii_case("SYNOPSIS") {
                for b in &section.blocks {
                    if let Block::Subsection(sub) = b
                        && !skipped_section(&sub.title)
                    {
                        walk(
                            &sub.blocks,
                            &format!("{} › {}", section.title, sub.title),
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

struct Pending {
    head: ParsedHead,
    text: Text,
    line: u32,
}

fn walk(blocks: &[Block], section: &str, out: &mut Vec<OptionDef>) {
    let mut stacked: Vec<Pending> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Block::Item {
                head, body, line, ..
            } => {
                match parse_head(head) {
                    Some(parsed) => {
                        if body_is_empty(body) && parsed.inline_help.is_none() {
                            stacked.push(Pending {
                                head: parsed,
                                text: head.clone(),
                                line: *line,
                            });
                        } else {
                            let mut help = body_help(body);
                            if let Some(inline) = &parsed.inline_help {
                                help.insert(0, inline.clone());
                            }
                            let (merged, text, first_line) =
                                merge(&mut stacked, parsed, head, *line);
                            push(out, merged, text, help, body, section, first_line);
                        }
                    }
                    // ronn's bullet lists: `•` as the head, the option head as the body's
                    // first paragraph (jq's `--slurp/-s:`).
                    None if is_bullet(head)
                        && let Some(Block::Paragraph { text, line }) = body.first()
                        && text.lines().len() <= 2
                        && !body_is_empty(&body[1..])
                        && let Some(parsed) = parse_head(text)
                        && parsed.inline_help.is_none() =>
                    {
                        stacked.clear();
                        push(
                            out,
                            parsed,
                            text.clone(),
                            body_help(&body[1..]),
                            &body[1..],
                            section,
                            *line,
                        );
                        walk(&body[1..], section, out);
                        i += 1;
                        continue;
                    }
                    // LVM's `.HP` items break the line after the head (`.br`) and go on with
                    // the description: `--atversion String` / `Specify an LVM version ...`.
                    None if let Some((first, rest)) = head_then_description(head)
                        && let Some(parsed) = parse_head(&first)
                        && parsed.inline_help.is_none() =>
                    {
                        stacked.clear();
                        // The body goes on with the same sentence.
                        let mut rest = rest;
                        let mut more = body_help(body).into_iter();
                        if let Some(next) = more.next() {
                            rest.push(" ", Font::Roman);
                            rest.append(&next);
                        }
                        let mut help = vec![rest];
                        help.extend(more);
                        push(out, parsed, first, help, body, section, *line);
                    }
                    // ronn's bullets with the description on the head's line, after a colon
                    // (masscan's `--rate <packets-per-second>: specifies ...`), or on the next
                    // line (nix-store's `--tree` / `Prints the references graph ...`).
                    None if is_bullet(head)
                        && let Some(Block::Paragraph { text, line }) = body.first()
                        && let Some((first, rest)) =
                            head_before_colon(text).or_else(|| head_then_description(text))
                        && let Some(parsed) = parse_head(&first)
                        && parsed.inline_help.is_none() =>
                    {
                        stacked.clear();
                        let mut help = vec![rest];
                        help.extend(body_help(&body[1..]));
                        push(out, parsed, first, help, &body[1..], section, *line);
                        walk(&body[1..], section, out);
                        i += 1;
                        continue;
                    }
                    // A lone `-` stacked among spellings (strings' `-a`, `--all`, `-`) is
                    // one more spelling of the same option, not the end of the stack.
                    None if head.plain() == "-" && body_is_empty(body) => {}
                    None if head.plain() == "-" && !stacked.is_empty() => {
                        close_stack(&mut stacked, out, body_help(body), body, section);
                    }
                    // A broken page whose description went into the next item's head
                    // (`.TP` head, `.TP`, the description): the head is the help.
                    None if !stacked.is_empty() && body_is_empty(body) && !head.is_blank() => {
                        close_stack(&mut stacked, out, vec![head.clone()], &[], section);
                    }
                    // dd's operands: a list of `bs=BYTES`, `if=FILE`, ... items.
                    None if let Some((name, value)) = assignment_head(head)
                        && assignment_run(blocks, i) >= 3 =>
                    {
                        stacked.clear();
                        let parsed = ParsedHead {
                            flags: vec![Flag {
                                text: name,
                                style: FlagStyle::Assignment,
                            }],
                            argument: Some(Argument {
                                name: value,
                                need: ArgumentNeed::Required,
                            }),
                            inline_help: None,
                        };
                        push(
                            out,
                            parsed,
                            head.clone(),
                            body_help(body),
                            body,
                            section,
                            *line,
                        );
                    }
                    None => stacked.clear(),
                }
                walk(body, section, out);
            }
            Block::Paragraph { text, line } => {
                // DocBook / Asciidoctor: a head paragraph and an indented body.
                let next_indented = match blocks.get(i + 1) {
                    Some(Block::Indented { blocks: inner, .. }) => Some(inner),
                    _ => None,
                };
                // Up to four lines, or any number of heads stacked with `.br` (bfs's `-ilname
                // GLOB`, `-iname GLOB`, ... over one "Case-insensitive versions of ...").
                if let Some(inner) = next_indented
                    && (text.lines().len() <= 4
                        || text
                            .lines()
                            .iter()
                            .all(|l| parse_head(l).is_some_and(|p| p.inline_help.is_none())))
                    && let Some(parsed) = parse_head(text)
                    && parsed.inline_help.is_none()
                {
                    let (merged, head_text, first_line) = merge(&mut stacked, parsed, text, *line);
                    push(
                        out,
                        merged,
                        head_text,
                        body_help(inner),
                        inner,
                        section,
                        first_line,
                    );
                    walk(inner, section, out);
                    i += 2;
                    continue;
                }
                stacked.clear();
            }
            Block::Indented { blocks: inner, .. } => {
                stacked.clear();
                // Sphinx closes the list right after the head (`.INDENT`, `.TP`, `.B --gcc`,
                // `.UNINDENT`) and sets the description as the paragraphs that follow.
                if let Some((
                    Block::Item {
                        head, body, line, ..
                    },
                    before,
                )) = inner.split_last()
                    && body_is_empty(body)
                    && let Some(parsed) = parse_head(head)
                    && parsed.inline_help.is_none()
                    && matches!(blocks.get(i + 1), Some(Block::Paragraph { .. }))
                {
                    let end = (i + 1..blocks.len())
                        .find(|&j| !matches!(blocks[j], Block::Paragraph { .. }))
                        .unwrap_or(blocks.len());
                    walk(before, section, out);
                    let desc = &blocks[i + 1..end];
                    push(
                        out,
                        parsed,
                        head.clone(),
                        body_help(desc),
                        desc,
                        section,
                        *line,
                    );
                    i = end;
                    continue;
                }
                walk(inner, section, out);
            }
            Block::Subsection(Section {
                title,
                blocks: inner,
                line,
            }) => {
                stacked.clear();
                if skipped_section(title) {
                } else if let Some(parsed) = parse_head(&Text::from_run(title, Font::Bold))
                    && parsed.inline_help.is_none()
                {
                    // A subsection per option (json_pp's `.SS -f`, netstat's `.SS -C`).
                    push(
                        out,
                        parsed,
                        Text::from_run(title, Font::Bold),
                        body_help(inner),
                        inner,
                        section,
                        *line,
                    );
                    walk(inner, &format!("{section} › {title}"), out);
                } else {
                    walk(inner, &format!("{section} › {title}"), out);
                }
            }
            Block::Table { rows, line } => {
                stacked.clear();
                table_options(rows, *line, section, out);
            }
            Block::Preformatted { .. } => stacked.clear(),
        }
        i += 1;
    }
}

/// `bs=BYTES` → (`bs`, `BYTES`): a lower-case keyword, `=`, an upper-case placeholder.
fn assignment_head(head: &Text) -> Option<(String, String)> {
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
fn assignment_run(blocks: &[Block], i: usize) -> usize {
    let is = |b: &Block| matches!(b, Block::Item { head, .. } if assignment_head(head).is_some());
    let before = blocks[..i].iter().rev().take_while(|b| is(b)).count();
    let after = blocks[i..].iter().take_while(|b| is(b)).count();
    before + after
}

/// Whether an item's head is only a bullet mark (`•`, `○`, `*`, `-`).
fn is_bullet(head: &Text) -> bool {
    let p = head.plain();
    !p.is_empty() && p.chars().count() <= 2 && !p.chars().any(char::is_alphanumeric)
}

fn body_is_empty(body: &[Block]) -> bool {
    body.iter()
        .all(|b| matches!(b, Block::Paragraph { text, .. } if text.is_blank()))
}

fn merge(
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
fn close_stack(
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

fn push(
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
fn table_options(rows: &[Vec<Text>], line: u32, section: &str, out: &mut Vec<OptionDef>) {
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
fn head_before_colon(text: &Text) -> Option<(Text, Text)> {
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
fn head_then_description(head: &Text) -> Option<(Text, Text)> {
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
