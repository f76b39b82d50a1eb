//! The shell builtins of bash(1), each read as a page of its own: its names (`.` and `source`),
//! its synopsis, its description, its options (the items in its body) and its operands. `test`
//! and `[` also get the operators of CONDITIONAL EXPRESSIONS as their options.

use roff::{Block, Document, Font, Text};

use crate::command_pages::{CommandItem, command_page};
use crate::extract::{body_help, options_in};
use crate::model::{Flag, OptionDef, Origin, Page};
use crate::phrases::{BORROWED_OPTIONS, OPERATOR_LIST};

/// Every builtin of the SHELL BUILTIN COMMANDS section of bash(1); `shell` is how the shell's
/// page is cited (`bash(1)`).
pub fn read(doc: &Document, source: &str, shell: &str) -> Vec<Page> {
    let Some(section) = doc.section("SHELL BUILTIN COMMANDS") else {
        return Vec::new();
    };
    let conditionals = doc
        .section("CONDITIONAL EXPRESSIONS")
        .map(|s| conditional_operators(&s.blocks))
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut stacked: Vec<Text> = Vec::new();
    for (i, block) in section.blocks.iter().enumerate() {
        let Block::Item { head, body, .. } = block else {
            continue;
        };
        let empty = body
            .iter()
            .all(|b| matches!(b, Block::Paragraph { text, .. } if text.is_blank()));
        if empty {
            stacked.push(head.clone());
            continue;
        }
        if let Some(rest) = synopsis_continuation(head, body, section.blocks.get(i + 1)) {
            stacked.push(head.clone());
            stacked.push(rest.clone());
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
        if names.is_empty() {
            continue;
        }
        let help = body_help(body);
        let mut page = command_page(CommandItem {
            names: names.clone(),
            spoken: names.clone(),
            heads: heads.clone(),
            help: help.clone(),
            bodies: vec![body],
            section: "SHELL BUILTIN COMMANDS",
            source,
            origin: Origin::ShellBuiltin {
                page: shell.to_string(),
            },
        });
        page.options.extend(placeholder_flags(&heads, &help));
        if names.iter().any(|n| n == "test" || n == "[") {
            page.options.extend(conditionals.iter().cloned());
            // `expr1 -a expr2`, `expr1 -o expr2` in the builtin's own description.
            collect_binary(body, &mut page.options);
            page.options.extend(closing_bracket(&heads, &help));
        }
        out.push(page);
    }
    borrow_options(&mut out);
    out
}

/// The body of a synopsis head that goes on over a forced break (`complete [-abc...]` `.br`
/// `[-F function] ... name`) before another head of the same builtin: the rest of the synopsis,
/// not the builtin's description.
fn synopsis_continuation<'b>(
    head: &Text,
    body: &'b [Block],
    next: Option<&Block>,
) -> Option<&'b Text> {
    let [Block::Paragraph { text, .. }] = body else {
        return None;
    };
    let Some(Block::Item {
        head: next_head, ..
    }) = next
    else {
        return None;
    };
    let first_word = |t: &Text| t.plain().split_whitespace().next().map(str::to_string);
    let same = first_word(head).is_some() && first_word(head) == first_word(next_head);
    (same && text.plain().trim_start().starts_with('[')).then_some(text)
}

/// Builtins that take "any option accepted by the X builtin" (compgen and complete) get X's
/// options, less those the sentence excepts ("with the exception of -p and -r").
fn borrow_options(pages: &mut [Page]) {
    for i in 0..pages.len() {
        let (lender, excepted) = {
            let text = pages[i].description.clone();
            let (lead, exception) = BORROWED_OPTIONS;
            let Some(at) = text.find(lead) else {
                continue;
            };
            let rest = &text[at + lead.len()..];
            let Some((lender, after)) = rest.split_once(" builtin") else {
                continue;
            };
            let sentence = after.split(". ").next().unwrap_or("");
            let excepted: Vec<String> = sentence
                .split_once(exception)
                .map(|(_, list)| {
                    list.split(|c: char| c.is_whitespace() || c == ',')
                        .filter(|w| w.starts_with('-'))
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            (lender.to_string(), excepted)
        };
        let Some(borrowed) = pages.iter().find(|p| p.name == lender).map(|p| {
            p.options
                .iter()
                .filter(|o| !o.flags.iter().any(|f| excepted.contains(&f.text)))
                .cloned()
                .collect::<Vec<_>>()
        }) else {
            continue;
        };
        let page = &mut pages[i];
        for opt in borrowed {
            crate::extract::push_new(opt, &[], &mut page.options);
        }
    }
}

/// The operators of CONDITIONAL EXPRESSIONS as options: unary ones (`-f file`) by their head,
/// binary ones (`string1 == string2`, `arg1 -eq arg2`) by their middle word.
fn conditional_operators(blocks: &[Block]) -> Vec<OptionDef> {
    let mut out = options_in(blocks, "CONDITIONAL EXPRESSIONS");
    collect_binary(blocks, &mut out);
    out
}

fn collect_binary(blocks: &[Block], out: &mut Vec<OptionDef>) {
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Item {
                head, body, line, ..
            } => {
                // `string1 == string2` stacked over `string1 = string2`: one body for both.
                let body = if body.is_empty() {
                    blocks[i + 1..]
                        .iter()
                        .find_map(|b| match b {
                            Block::Item { body, .. } if !body.is_empty() => Some(&body[..]),
                            _ => None,
                        })
                        .unwrap_or(body)
                } else {
                    body
                };
                for h in head.lines() {
                    let plain = h.plain();
                    let words: Vec<&str> = plain.split_whitespace().collect();
                    let help = body_help(body);
                    // `! expr`: "True if expr is false."
                    if let ["!", _] = words.as_slice() {
                        if !out.iter().any(|o| o.flags.iter().any(|f| f.text == "!")) {
                            out.push(OptionDef {
                                flags: vec![Flag::new("!")],
                                argument: None,
                                head: h.clone(),
                                help: help.clone(),
                                section: "CONDITIONAL EXPRESSIONS".into(),
                                line: *line,
                                values: Vec::new(),
                            });
                        }
                        continue;
                    }
                    let [_, op, _] = words.as_slice() else {
                        continue;
                    };
                    // `arg1 OP arg2`: "OP is one of -eq, -ne, -lt, -le, -gt, or -ge".
                    let ops = if op.starts_with('-')
                        || matches!(*op, "==" | "=" | "!=" | "<" | ">" | "=~")
                    {
                        vec![op.to_string()]
                    } else {
                        operators_listed_for(op, &help)
                    };
                    // A binary `-a` beside the unary `-a file` is a definition of its own.
                    for op in ops {
                        if out
                            .iter()
                            .any(|o| o.is_binary_operator() && o.flags.iter().any(|f| f.text == op))
                        {
                            continue;
                        }
                        out.push(OptionDef {
                            flags: vec![Flag::new(&op)],
                            argument: None,
                            head: h.clone(),
                            help: help.clone(),
                            section: "CONDITIONAL EXPRESSIONS".into(),
                            line: *line,
                            values: Vec::new(),
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

/// The `]` that ends the form `[ expr ]`, as the word the form shows it to be, explained by the
/// builtin's description.
fn closing_bracket(heads: &[Text], help: &[Text]) -> Option<OptionDef> {
    let form = heads
        .iter()
        .find(|h| h.plain().trim_end().ends_with(" ]"))?;
    Some(OptionDef {
        flags: vec![Flag::new("]")],
        argument: None,
        head: form.clone(),
        help: help.to_vec(),
        section: "SHELL BUILTIN COMMANDS".into(),
        line: 0,
        values: Vec::new(),
    })
}

/// The operators a placeholder in an operator's place stands for, when the definition's first
/// sentence lists them: bash(1)'s `arg1 OP arg2`, "OP is one of -eq, -ne, -lt, -le, -gt, or
/// -ge" (each a flag of the list, set in bold).
fn operators_listed_for(placeholder: &str, help: &[Text]) -> Vec<String> {
    let Some(first) = help.first() else {
        return Vec::new();
    };
    let plain = first.plain();
    let sentence = plain.split(". ").next().unwrap_or("");
    if !sentence.starts_with(&format!("{placeholder} {}", OPERATOR_LIST)) {
        return Vec::new();
    }
    first
        .runs
        .iter()
        .filter(|r| r.font.is_bold())
        .map(|r| r.text.trim().trim_end_matches(',').to_string())
        .filter(|t| t.starts_with('-') && t.len() > 1 && sentence.contains(t.as_str()))
        .collect()
}

/// Flags whose name is a placeholder: a bold dash followed by an italic word in the synopsis
/// (kill's `-sigspec`: a dash and any signal). The flag is written `-<sigspec>`; its help is
/// the paragraphs that name the placeholder.
fn placeholder_flags(heads: &[Text], help: &[Text]) -> Vec<OptionDef> {
    let mut out: Vec<OptionDef> = Vec::new();
    for head in heads {
        for pair in head.runs.windows(2) {
            let (dash, word) = (&pair[0], &pair[1]);
            if !(dash.font.is_bold() && dash.text.ends_with('-') && word.font.is_italic()) {
                continue;
            }
            if dash.text.len() > 1 && !dash.text.ends_with(" -") && !dash.text.ends_with("[-") {
                continue;
            }
            let name: String = word
                .text
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let flag = format!("-<{name}>");
            if name.is_empty() || out.iter().any(|o| o.flags[0].text == flag) {
                continue;
            }
            let mentions: Vec<Text> = help
                .iter()
                .filter(|p| {
                    p.plain()
                        .split(|c: char| !c.is_alphanumeric() && c != '_')
                        .any(|w| w == name)
                })
                .cloned()
                .collect();
            if mentions.is_empty() {
                continue;
            }
            let mut shown = Text::from_run("-", Font::Bold);
            shown.push(&name, Font::Italic);
            out.push(OptionDef {
                flags: vec![Flag::new(&flag)],
                argument: None,
                head: shown,
                help: mentions,
                section: "SHELL BUILTIN COMMANDS".into(),
                line: 0,
                values: Vec::new(),
            });
        }
    }
    out
}
