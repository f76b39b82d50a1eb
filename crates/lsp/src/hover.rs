//! The hover: the part of a command under the cursor and the help that documents it.
//!
//! Only the statement around the cursor is explained, never the whole document: the
//! top-level statement that holds it (with its line continuations, pipelines over several
//! lines and here-documents), so that the part is read in its whole command. A statement
//! longer than [`WHOLE`] (a long function, a loop over a page of commands) keeps whole only
//! the innermost statement around the cursor that is shorter, and the keywords of the compound
//! statements around it; each run of other statements is replaced by one `:`, so the
//! structure around the cursor stays as it was and the text explained stays short.

use std::ops::Range;

use matcher::{Explanation, Kind, PageSource, Span};
use roff::Text;

use crate::document::Code;

/// Statements up to this many bytes are explained whole.
pub const WHOLE: usize = 2048;

/// A hover's answer: where the part is in the document and its help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the part in the document.
    pub range: Range<usize>,
    /// The help as markdown: an option's heading as a code block, the description, the page.
    pub markdown: String,
    /// The same as plain text, for clients that cannot show markdown.
    pub plain: String,
}

/// The help of the part at byte `offset` of a document whose shell code is `code`; `None` on
/// blanks, outside the code, and on parts that nothing documents.
pub fn hover(code: &[Code], offset: usize, pages: &dyn PageSource) -> Option<Found> {
    let (code, at) = code
        .iter()
        .find_map(|c| Some((c, c.region.from_document(offset)?)))?;
    let cut = cut(code, at)?;
    let ex = matcher::explain_with_functions(&cut.text, pages, &code.functions);
    let target = cut.to_text(at)?;
    let span = ex
        .spans
        .iter()
        .find(|s| s.start <= target && target < s.end)?;
    if span.kind == Kind::Unknown || span.help.is_none() {
        return None;
    }
    let start = code.region.start_to_document(cut.to_source(span.start));
    let end = code
        .region
        .end_to_document(cut.to_source(span.start) + span.end - span.start);
    Some(Found {
        range: start..end,
        markdown: markdown(span, &ex),
        plain: plain(span),
    })
}

/// The text explained for one hover, cut out of the code, and where its parts came from.
struct Cut {
    text: String,
    /// The parts of `text` kept from the code: (offset in `text`, offset in the code,
    /// length), in order. Between two parts is the `:` that stands for what was left out.
    parts: Vec<(usize, usize, usize)>,
}

impl Cut {
    /// The offset in `text` of an offset of the code, if that part was kept.
    fn to_text(&self, at: usize) -> Option<usize> {
        let i = self.parts.partition_point(|p| p.1 <= at).checked_sub(1)?;
        let (t, c, len) = self.parts[i];
        (at < c + len).then_some(t + at - c)
    }

    /// The offset in the code of an offset of `text` inside a kept part.
    fn to_source(&self, at: usize) -> usize {
        let i = self.parts.partition_point(|p| p.0 <= at).saturating_sub(1);
        let (t, c, _) = self.parts[i];
        c + at.saturating_sub(t)
    }
}

/// The text to explain for the cursor at `at` in the code: its top-level statement; in a long
/// one, only the statements around the cursor, with each run of other statements replaced by
/// a single `:`.
fn cut(code: &Code, at: usize) -> Option<Cut> {
    let statements = &code.statements;
    // The statements holding the cursor (the list is in source order, each statement before
    // those nested in it, so the first is the top-level one).
    let mut in_chain = vec![false; statements.len()];
    let mut first = None;
    for (i, s) in statements.iter().enumerate() {
        if s.range.start <= at && at < s.range.end {
            in_chain[i] = true;
            first.get_or_insert(i);
        }
    }
    let first = first?;
    let top = statements[first].range.clone();
    let source = &code.region.text;
    if top.len() <= WHOLE {
        return Some(Cut {
            text: source[top.clone()].to_string(),
            parts: vec![(0, top.start, top.len())],
        });
    }
    // Walk the statements inside `top` in order. A statement around the cursor is kept whole
    // when short enough, else opened (its own statements are walked); a function's body is
    // opened; any other statement is left out, and so are the blanks between left-out
    // siblings.
    let mut skip_until = 0;
    // Ranges left out: (start, end of the text left out, end with the terminator, parent).
    let mut out: Vec<(usize, usize, usize, Option<usize>)> = Vec::new();
    for (i, s) in statements.iter().enumerate().skip(first + 1) {
        if s.range.start >= top.end {
            break;
        }
        if s.range.start < skip_until {
            continue;
        }
        if in_chain[i] {
            if s.range.len() <= WHOLE {
                skip_until = s.range.end;
            }
            continue;
        }
        if s.parent.is_some_and(|p| statements[p].function) {
            continue;
        }
        skip_until = s.range.end;
        // Keep the terminator, so that what follows stays a statement of its own.
        let body = source[s.range.clone()].trim_end_matches([';', '&']);
        if body.is_empty() {
            continue;
        }
        let end = s.range.start + body.len();
        match out.last_mut() {
            Some(p) if p.3 == s.parent && source[p.2..s.range.start].trim().is_empty() => {
                p.1 = end;
                p.2 = s.range.end;
            }
            _ => out.push((s.range.start, end, s.range.end, s.parent)),
        }
    }
    let mut cut = Cut {
        text: String::with_capacity(top.len().min(4 * WHOLE)),
        parts: Vec::with_capacity(out.len() + 1),
    };
    let mut pos = top.start;
    for (start, end, _, _) in out {
        cut.parts.push((cut.text.len(), pos, start - pos));
        cut.text.push_str(&source[pos..start]);
        cut.text.push(':');
        pos = end;
    }
    cut.parts.push((cut.text.len(), pos, top.end - pos));
    cut.text.push_str(&source[pos..top.end]);
    Some(cut)
}

/// Whether the span's help starts with an option's heading: an option, or the argument of
/// one (which shares the option's help).
fn has_heading(span: &Span, ex: &Explanation) -> bool {
    span.kind == Kind::Option
        || (span.kind == Kind::Argument
            && ex.spans.iter().any(|s| {
                s.kind == Kind::Option && std::sync::Arc::ptr_eq(&s.help_text, &span.help_text)
            }))
}

/// The help as markdown.
fn markdown(span: &Span, ex: &Explanation) -> String {
    let mut help: &[Text] = &span.help_text;
    let mut blocks: Vec<String> = Vec::new();
    if has_heading(span, ex)
        && let Some((head, rest)) = help.split_first()
    {
        blocks.push(code_block(&head.plain()));
        help = rest;
    }
    for t in help {
        if t.is_blank() {
            continue;
        }
        let raw = t.raw();
        if raw.trim().contains('\n') {
            let lines: Vec<&str> = raw.trim_matches('\n').lines().map(str::trim_end).collect();
            blocks.push(code_block(&lines.join("\n")));
        } else {
            blocks.push(inline(&t.trimmed()));
        }
    }
    if let Some(page) = &span.page {
        blocks.push(format!("*{}*", escape(page)));
    }
    blocks.join("\n\n")
}

/// The help as plain text, with the page last.
fn plain(span: &Span) -> String {
    let mut out = span.help.clone().unwrap_or_default();
    if let Some(page) = &span.page {
        out.push_str("\n\n");
        out.push_str(page);
    }
    out
}

/// A fenced code block long enough not to be closed by the text.
fn code_block(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}text\n{text}\n{fence}")
}

/// One paragraph with its bold and italic runs, white space collapsed, everything else
/// escaped. A run keeps its font only where markdown can read the emphasis (CommonMark's
/// flanking rules, and never glued to the emphasis of the next run); elsewhere it is plain.
fn inline(t: &Text) -> String {
    let punct = |c: char| c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace());
    let runs: Vec<(String, &'static str)> = t
        .runs
        .iter()
        .map(|run| {
            let mark = match (run.font.is_bold(), run.font.is_italic()) {
                (true, true) => "***",
                (true, false) => "**",
                (false, true) => "*",
                _ => "",
            };
            (roff::tree::normalize_space_keep_edges(&run.text), mark)
        })
        .collect();
    let mut out = String::new();
    for (i, (text, mark)) in runs.iter().enumerate() {
        let core = text.trim();
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        out.push_str(lead);
        if core.is_empty() {
            continue;
        }
        let escaped = escape(core);
        let first = escaped.chars().next().unwrap_or(' ');
        let last = escaped.chars().last().unwrap_or(' ');
        let prev = out.chars().last();
        let next = if trail.is_empty() {
            runs.get(i + 1).and_then(|(t, m)| {
                let c = t.chars().next()?;
                // Two emphases side by side would make one run of `*`.
                Some(if !m.is_empty() && !c.is_whitespace() {
                    '*'
                } else {
                    c
                })
            })
        } else {
            Some(' ')
        };
        let opens = prev != Some('*')
            && (!punct(first) || prev.is_none_or(|p| p.is_whitespace() || punct(p)));
        let closes = next != Some('*')
            && (!punct(last) || next.is_none_or(|n| n.is_whitespace() || punct(n)));
        let mark = if opens && closes { *mark } else { "" };
        out.push_str(mark);
        out.push_str(&escaped);
        out.push_str(mark);
        out.push_str(trail);
    }
    let out = out.trim().to_string();
    // A paragraph that would start a list, heading or quote in markdown.
    if out.starts_with(['-', '+', '=']) || out.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return format!("\\{out}");
    }
    out
}

/// Escapes what markdown would read as markup.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use roff::Font;

    #[test]
    fn inline_text_keeps_fonts_and_escapes_markup() {
        let mut t = Text::new();
        t.push("Use ", Font::Roman);
        t.push("-f", Font::Bold);
        t.push(" ", Font::Roman);
        t.push("FILE ", Font::Italic);
        t.push("for <x> *all*", Font::Roman);
        assert_eq!(inline(&t), r"Use **-f** *FILE* for \<x\> \*all\*");
        assert_eq!(inline(&Text::from_run("-x is", Font::Roman)), r"\-x is");
        // Bold glued to italic: the bold is dropped rather than read wrongly.
        let mut t = Text::new();
        t.push("[", Font::Roman);
        t.push("n", Font::Italic);
        t.push("]", Font::Roman);
        t.push(">", Font::Bold);
        t.push("word", Font::Italic);
        assert_eq!(inline(&t), r"\[*n*\]\>*word*");
        assert_eq!(
            inline(&Text::from_run("gzip", Font::Bold)) + "(1)",
            "**gzip**(1)"
        );
    }

    #[test]
    fn code_blocks_outlast_backticks_inside() {
        assert_eq!(code_block("-x"), "```text\n-x\n```");
        assert_eq!(code_block("a ```` b"), "`````text\na ```` b\n`````");
    }
}
