//! Commands of a program defined inside its own page: the items of COMMANDS sections
//! (`systemctl restart`, `git remote add`, `docker` sub-commands listed in prose pages) and, when
//! the synopsis lists the commands as alternatives (`apt-get ... {update | upgrade | install}`),
//! the definitions of those words wherever they are.

use roff::{Block, Document, Text};

use crate::extract::body_help;
use crate::model::Subcommand;

/// The commands the page defines.
pub fn read(doc: &Document, synopsis: &[Text]) -> Vec<Subcommand> {
    let listed = listed_in_synopsis(synopsis);
    let mut out = Vec::new();
    for section in &doc.sections {
        let commands = is_commands_title(&section.title);
        collect(&section.blocks, commands, &listed, &mut out);
    }
    out
}

fn is_commands_title(title: &str) -> bool {
    let t = title.to_ascii_uppercase();
    t.contains("COMMAND") && !t.contains("BUILTIN") && !t.contains("SEE ALSO")
}

/// Words given as alternatives in braces in the synopsis: `{update | upgrade | install pkg...}`
/// (nested brackets inside an alternative are skipped).
fn listed_in_synopsis(synopsis: &[Text]) -> Vec<String> {
    let mut out = Vec::new();
    for form in synopsis {
        let plain = form.plain();
        let mut depth = 0usize;
        let mut braces = false;
        let mut alternative = String::new();
        for c in plain.chars() {
            match c {
                '{' | '[' | '(' => {
                    depth += 1;
                    if depth == 1 {
                        braces = c == '{';
                        alternative.clear();
                        continue;
                    }
                }
                '}' | ']' | ')' => {
                    if depth == 1 && braces {
                        take_word(&alternative, &mut out);
                        alternative.clear();
                    }
                    depth = depth.saturating_sub(1);
                    continue;
                }
                '|' if depth == 1 && braces => {
                    take_word(&alternative, &mut out);
                    alternative.clear();
                    continue;
                }
                _ => {}
            }
            if depth == 1 {
                alternative.push(c);
            }
        }
    }
    out
}

fn take_word(alternative: &str, out: &mut Vec<String>) {
    if let Some(w) = alternative.split_whitespace().next()
        && is_command_word(w)
        && !out.iter().any(|o| o == w)
    {
        out.push(w.to_string());
    }
}

fn is_command_word(w: &str) -> bool {
    w.len() > 1
        && w.starts_with(|c: char| c.is_ascii_lowercase())
        && w.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The command word a definition head names, if it looks like one.
fn head_command(head: &Text) -> Option<String> {
    let plain = head.plain();
    let first = plain.split([' ', ',', '|']).next()?;
    is_command_word(first).then(|| first.to_string())
}

fn collect(blocks: &[Block], commands: bool, listed: &[String], out: &mut Vec<Subcommand>) {
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Block::Item { head, body, .. } => {
                if let Some(name) = head_command(head)
                    && (commands || listed.contains(&name))
                {
                    push(out, name, head, body_help(body));
                }
                collect(body, false, listed, out);
            }
            Block::Paragraph { text, .. } => {
                if let Some(Block::Indented { blocks: inner, .. }) = blocks.get(i + 1)
                    && text.lines().len() <= 2
                    && let Some(name) = head_command(text)
                    && (commands || listed.contains(&name))
                {
                    push(out, name, text, body_help(inner));
                    i += 2;
                    continue;
                }
            }
            Block::Indented { blocks: inner, .. } => collect(inner, commands, listed, out),
            Block::Subsection(s) => collect(
                &s.blocks,
                commands || is_commands_title(&s.title),
                listed,
                out,
            ),
            _ => {}
        }
        i += 1;
    }
}

fn push(out: &mut Vec<Subcommand>, name: String, head: &Text, help: Vec<Text>) {
    if out.iter().any(|s| s.name == name) || help.is_empty() {
        return;
    }
    out.push(Subcommand {
        name,
        head: head.clone(),
        help,
    });
}
