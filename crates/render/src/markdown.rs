//! Help as markdown, for editors' hovers: an option's head as a code block, paragraphs with
//! their bold and italic where markdown can show them, preformatted text as code blocks, the
//! page last.

use manpage::Text;
use matcher::{Help, HelpKind};

/// A help as markdown.
pub fn help(help: &Help) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut body: Vec<&Text> = help.body.iter().collect();
    if let Some(head) = &help.head {
        if help.kind == HelpKind::Option {
            blocks.push(code_block(&head.plain()));
        } else {
            body.insert(0, head);
        }
    }
    for t in body {
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
    blocks.push(format!("*{}*", escape(&help.page)));
    blocks.join("\n\n")
}

/// A fenced code block long enough not to be closed by the text.
pub fn code_block(text: &str) -> String {
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
pub fn inline(t: &Text) -> String {
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
pub fn escape(s: &str) -> String {
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
    use manpage::Font;

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
