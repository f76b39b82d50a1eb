//! The shell builtins of bash(1), each read as a page of its own: its names (`.` and `source`),
//! its synopsis, its description, its options (the items in its body) and its operands. `test`
//! and `[` also get the operators of CONDITIONAL EXPRESSIONS as their options.

use roff::{Block, Document, Font, Text};

use crate::extract::{body_help, options_in};
use crate::model::{Argument, ArgumentNeed, Flag, OptionDef, Page};
use crate::operands::operands_with_help;

/// Every builtin of the SHELL BUILTIN COMMANDS section of bash(1).
pub fn read(doc: &Document, source: &str) -> Vec<Page> {
    let Some(section) = doc.section("SHELL BUILTIN COMMANDS") else {
        return Vec::new();
    };
    let conditionals = doc.section("CONDITIONAL EXPRESSIONS").map(|s| conditional_operators(&s.blocks)).unwrap_or_default();
    let mut out = Vec::new();
    let mut stacked: Vec<Text> = Vec::new();
    for block in &section.blocks {
        let Block::Item { head, body, .. } = block else {
            continue;
        };
        let empty = body.iter().all(|b| matches!(b, Block::Paragraph { text, .. } if text.is_blank()));
        if empty {
            stacked.push(head.clone());
            continue;
        }
        let mut heads = std::mem::take(&mut stacked);
        heads.extend(head.lines());
        let names: Vec<String> = heads
            .iter()
            .filter_map(|h| h.plain().split_whitespace().next().map(str::to_string))
            .fold(Vec::new(), |mut acc, n| {
                if !acc.contains(&n) {
                    acc.push(n);
                }
                acc
            });
        let Some(name) = names.first().cloned() else { continue };
        let help = body_help(body);
        let first_paragraph: Vec<Text> = help.iter().take(1).cloned().collect();
        let mut options = options_in(body, "SHELL BUILTIN COMMANDS");
        for (flag, arg) in synopsis_flags(&heads) {
            if options.iter().any(|o| o.flags.iter().any(|f| f.text == flag)) {
                continue;
            }
            // Described in prose: the paragraphs that name the flag.
            let mentions: Vec<Text> = help.iter().filter(|p| names_word(&p.plain(), &flag)).cloned().collect();
            if mentions.is_empty() {
                continue;
            }
            let mut head = Text::from_run(&flag, Font::Bold);
            if let Some(a) = &arg {
                head.push(" ", Font::Roman);
                head.push(a, Font::Italic);
            }
            options.push(OptionDef {
                flags: vec![Flag::new(&flag)],
                argument: arg.map(|name| Argument {
                    name,
                    need: ArgumentNeed::Required,
                }),
                head,
                help: mentions,
                section: "SHELL BUILTIN COMMANDS".into(),
                line: 0,
            });
        }
        if names.iter().any(|n| n == "test" || n == "[") {
            options.extend(conditionals.iter().cloned());
        }
        let mut name_line = Text::new();
        for (i, h) in heads.iter().enumerate() {
            if i > 0 {
                name_line.push("\n", Font::Roman);
            }
            name_line.append(h);
        }
        let operands = operands_with_help(&names, &options, &heads, &first_paragraph);
        let description = first_paragraph.first().map(Text::plain).unwrap_or_default();
        out.push(Page {
            name,
            section: "1".into(),
            names,
            name_line,
            description,
            source: source.to_string(),
            synopsis: heads,
            options,
            operands,
            shell_topics: Vec::new(),
            subcommands: Vec::new(),
            builtins: Vec::new(),
            cited_as: Some("bash(1)".into()),
        });
    }
    out
}

/// The operators of CONDITIONAL EXPRESSIONS as options: unary ones (`-f file`) by their head,
/// binary ones (`string1 == string2`, `arg1 -eq arg2`) by their middle word.
fn conditional_operators(blocks: &[Block]) -> Vec<OptionDef> {
    let mut out = options_in(blocks, "CONDITIONAL EXPRESSIONS");
    collect_binary(blocks, &mut out);
    out
}

fn collect_binary(blocks: &[Block], out: &mut Vec<OptionDef>) {
    for b in blocks {
        match b {
            Block::Item { head, body, line, .. } => {
                for h in head.lines() {
                    let plain = h.plain();
                    let words: Vec<&str> = plain.split_whitespace().collect();
                    if let [_, op, _] = words.as_slice()
                        && (op.starts_with('-') || matches!(*op, "==" | "=" | "!=" | "<" | ">" | "=~"))
                        && !out.iter().any(|o| o.flags.iter().any(|f| f.text == *op))
                    {
                        out.push(OptionDef {
                            flags: vec![Flag::new(op)],
                            argument: None,
                            head: h.clone(),
                            help: body_help(body),
                            section: "CONDITIONAL EXPRESSIONS".into(),
                            line: *line,
                        });
                    }
                }
                collect_binary(body, out);
            }
            Block::Indented { blocks, .. } => collect_binary(blocks, out),
            _ => {}
        }
    }
}

/// The flags a synopsis shows: `[-neE]` gives `-n`, `-e`, `-E`; `[-s sigspec | -n signum]` gives
/// `-s` and `-n` with their arguments.
fn synopsis_flags(heads: &[Text]) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for head in heads {
        let plain = head.plain();
        let cleaned: String = plain.chars().map(|c| if matches!(c, '[' | ']' | '|') { ' ' } else { c }).collect();
        let words: Vec<&str> = cleaned.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            let Some(letters) = w.strip_prefix('-') else { continue };
            if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphanumeric() || c == '@') {
                continue;
            }
            let next = words.get(i + 1).filter(|n| !n.starts_with('-') && !n.starts_with('+'));
            // An argument follows only when the bracket holds the flag and the word together.
            let together = next.is_some() && plain.contains(&format!("{w} {}", next.unwrap()));
            if letters.chars().count() == 1 || letters.chars().all(|c| c.is_ascii_alphabetic()) && letters.len() <= 8 && i > 0 {
                let many = letters.chars().count() > 1 && !together;
                if many {
                    for c in letters.chars() {
                        let flag = format!("-{c}");
                        if !out.iter().any(|(f, _)| *f == flag) {
                            out.push((flag, None));
                        }
                    }
                } else {
                    let flag = format!("-{letters}");
                    let arg = if together { next.map(|n| n.to_string()) } else { None };
                    if !out.iter().any(|(f, _)| *f == flag) {
                        out.push((flag, arg));
                    }
                }
            }
        }
    }
    out
}

/// Whether `text` has `word` standing alone (not inside a longer word).
fn names_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(p, _)| {
        let before = text[..p].chars().next_back();
        let after = text[p + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '-') && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
    })
}
