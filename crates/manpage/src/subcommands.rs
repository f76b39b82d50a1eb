//! Commands of a program defined inside its own page: the items of COMMANDS sections
//! (`systemctl restart`, `git remote add`, `docker` sub-commands listed in prose pages) and, when
//! the synopsis lists the commands as alternatives (`apt-get ... {update | upgrade | install}`),
//! the definitions of those words wherever they are.

use roff::{Block, Document, Text};

use crate::extract::body_help;
use crate::model::{Command, CommandDoc};
use crate::phrases::ABBREVIATED_COMMANDS;

/// The commands the page defines.
pub fn read(doc: &Document, synopsis: &[Text]) -> Vec<Command> {
    let listed = listed_in_synopsis(synopsis);
    let program = synopsis
        .first()
        .and_then(|f| f.plain().split_whitespace().next().map(str::to_string));
    let found = Found {
        listed: &listed,
        program: program.as_deref(),
    };
    let mut out = Vec::new();
    for section in &doc.sections {
        let commands = is_commands_title(&section.title);
        collect(&section.blocks, commands, &found, &mut out);
    }
    out
}

/// What tells a command's head: the words the synopsis lists, and the program's own name,
/// which a head may repeat before its options (`dnf [options] install <spec>...`).
struct Found<'a> {
    listed: &'a [String],
    program: Option<&'a str>,
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
fn head_command(head: &Text, program: Option<&str>) -> Option<String> {
    let plain = head.plain();
    let mut words = plain.split([' ', ',', '|']).filter(|w| !w.is_empty());
    let mut first = words.next()?;
    if program == Some(first) {
        // `dnf [options] install <spec>...`: the program, its bracketed options, the command
        // (without the options, `dnf install tito` is an example, not a definition).
        if !plain[first.len()..].trim_start().starts_with('[') {
            return None;
        }
        let mut depth = 0i32;
        first = words.find(|w| {
            let before = depth;
            depth += w.matches('[').count() as i32 - w.matches(']').count() as i32;
            before == 0 && depth == 0 && !w.starts_with('[')
        })?;
    }
    is_command_word(first).then(|| first.to_string())
}

fn collect(blocks: &[Block], commands: bool, found: &Found, out: &mut Vec<Command>) {
    let listed = found.listed;
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Block::Item { head, body, .. } => {
                if let Some(name) = head_command(head, found.program)
                    && (commands || listed.contains(&name))
                {
                    push(out, name, head, body_help(body));
                }
                collect(body, false, found, out);
            }
            Block::Paragraph { text, .. } => {
                if let Some(Block::Indented { blocks: inner, .. }) = blocks.get(i + 1)
                    && text.lines().len() <= 2
                    && let Some(name) = head_command(text, found.program)
                    && (commands || listed.contains(&name))
                {
                    push(out, name, text, body_help(inner));
                    i += 2;
                    continue;
                }
            }
            Block::Indented { blocks: inner, .. } => collect(inner, commands, found, out),
            Block::Subsection(s) => {
                collect(
                    &s.blocks,
                    commands || is_commands_title(&s.title),
                    found,
                    out,
                );
                add_aliases(&s.blocks, out);
            }
            _ => {}
        }
        i += 1;
    }
}

/// dnf(8)'s `Command: upgrade` / `Aliases: up` / `Deprecated aliases: update, ...` block at the
/// top of a command's subsection: the other names of a command read from it.
fn add_aliases(blocks: &[Block], out: &mut [Command]) {
    let Some(Block::Preformatted { text, .. }) = blocks.first() else {
        return;
    };
    let raw = text.raw();
    let mut lines = raw.lines();
    let Some(name) = lines
        .next()
        .and_then(|l| l.strip_prefix("Command:"))
        .map(str::trim)
    else {
        return;
    };
    let Some(command) = out.iter_mut().find(|c| c.name() == name) else {
        return;
    };
    for line in lines {
        let Some((label, list)) = line.split_once(':') else {
            continue;
        };
        if !label.to_ascii_lowercase().contains("aliases") {
            continue;
        }
        for alias in list
            .split(',')
            .map(str::trim)
            .filter(|a| is_command_word(a))
        {
            if !command.names.iter().any(|n| n == alias) {
                command.names.push(alias.to_string());
            }
        }
    }
}

fn push(out: &mut Vec<Command>, name: String, head: &Text, help: Vec<Text>) {
    if out.iter().any(|s| s.name() == name) || help.is_empty() {
        return;
    }
    out.push(Command {
        names: vec![name],
        doc: CommandDoc::Item {
            head: head.clone(),
            help,
        },
    });
}

/// Whether a sentence of the page lets its commands or objects be abbreviated (ip(8): "The names
/// of all objects may be written in full or abbreviated form"; tmux(1): "the shortest
/// unambiguous form of a command is accepted").
pub fn may_be_abbreviated(doc: &Document) -> bool {
    says(doc, &ABBREVIATED_COMMANDS)
}

/// Whether the page says its keyword options may be abbreviated (dig(1)).
pub fn keywords_may_be_abbreviated(doc: &Document) -> bool {
    says(doc, &crate::phrases::ABBREVIATED_KEYWORDS)
}

/// Whether a paragraph of the page says `phrase`.
fn says(doc: &Document, phrase: &crate::phrases::Phrase) -> bool {
    fn walk(blocks: &[Block], phrase: &crate::phrases::Phrase) -> bool {
        blocks.iter().any(|b| match b {
            Block::Paragraph { text, .. } => phrase.in_text(text),
            Block::Item { body, .. } => walk(body, phrase),
            Block::Indented { blocks, .. } => walk(blocks, phrase),
            Block::Subsection(s) => walk(&s.blocks, phrase),
            _ => false,
        })
    }
    doc.sections.iter().any(|s| walk(&s.blocks, phrase))
}
