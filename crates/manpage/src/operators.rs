//! Infix operators of an expression language, which pages define by showing them between two
//! operands: find's `expr1 -or expr2`, bfs's `expression -o expression`, test's
//! `file1 -nt file2`, and the negation stacked under `! expression` (`-not expression`). Each
//! such line is a spelling; the definition's body is the help.

use roff::{Block, Document, Section, Text};

use crate::extract::{body_help, push_new, skipped_section};
use crate::model::{Flag, OptionDef};
use crate::sections::subsection_path;

/// The operators the document defines that `existing` does not.
pub fn options(doc: &Document, existing: &[OptionDef]) -> Vec<OptionDef> {
    let mut out = Vec::new();
    // A shell's page shows test's operators for its builtin, not for the shell (bash, dash).
    if documents_builtins(&doc.sections) {
        return out;
    }
    for section in doc.sections.iter().filter(|s| !skipped_section(&s.title)) {
        walk(&section.blocks, &section.title, existing, &mut out);
    }
    out
}

fn documents_builtins(sections: &[Section]) -> bool {
    sections.iter().any(|s| {
        s.title.to_ascii_uppercase().contains("BUILTIN")
            || s.blocks.iter().any(|b| match b {
                Block::Subsection(sub) => documents_builtins(std::slice::from_ref(sub)),
                _ => false,
            })
    })
}

fn walk(blocks: &[Block], section: &str, existing: &[OptionDef], out: &mut Vec<OptionDef>) {
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Item {
                head, body, line, ..
            } => {
                define(head, body, section, *line, existing, out);
                walk(body, section, existing, out);
            }
            // A head paragraph and an indented body (bfs).
            Block::Paragraph { text, line } => {
                if let Some(Block::Indented { blocks: body, .. }) = blocks.get(i + 1) {
                    define(text, body, section, *line, existing, out);
                }
            }
            Block::Indented { blocks, .. } => walk(blocks, section, existing, out),
            Block::Subsection(s) => walk(
                &s.blocks,
                &subsection_path(section, &s.title),
                existing,
                out,
            ),
            _ => {}
        }
    }
}

fn define(
    head: &Text,
    body: &[Block],
    section: &str,
    line: u32,
    existing: &[OptionDef],
    out: &mut Vec<OptionDef>,
) {
    let lines: Vec<String> = head.lines().iter().map(Text::plain).collect();
    let mut operators: Vec<String> = lines.iter().filter_map(|l| infix_operator(l)).collect();
    // `! expression` stacked with `-not expression`: the negation, spelt as a flag.
    if let Some(operand) = lines.iter().find_map(|l| l.strip_prefix("! ")) {
        operators.extend(lines.iter().filter_map(|l| {
            let (op, rest) = l.split_once(' ')?;
            (is_operator_flag(op) && rest == operand).then(|| op.to_string())
        }));
    }
    if operators.is_empty() {
        return;
    }
    let help = body_help(body);
    if help.is_empty() {
        return;
    }
    for op in operators {
        let def = OptionDef {
            flags: vec![Flag::new(&op)],
            argument: None,
            head: head.clone(),
            help: help.clone(),
            section: section.to_string(),
            line,
            values: Vec::new(),
        };
        push_new(def, existing, out);
    }
}

/// `expr1 -or expr2` → `-or`: a flag between two words that name the same operand (equal, or
/// equal but for a trailing number).
fn infix_operator(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let [left, op, right] = words.as_slice() else {
        return None;
    };
    let stem = |w: &str| w.trim_end_matches(|c: char| c.is_ascii_digit()).to_string();
    let operand = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_');
    (is_operator_flag(op) && operand(left) && operand(right) && stem(left) == stem(right))
        .then(|| op.to_string())
}

/// `-or`, `-not`: a dash and letters or digits.
fn is_operator_flag(w: &str) -> bool {
    w.len() > 1 && w.starts_with('-') && w[1..].chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::infix_operator;

    #[test]
    fn operators_between_operands() {
        assert_eq!(infix_operator("expr1 -or expr2"), Some("-or".into()));
        assert_eq!(
            infix_operator("expression -a expression"),
            Some("-a".into())
        );
        assert_eq!(infix_operator("file1 -nt file2"), Some("-nt".into()));
        // An option and its arguments, or two different operands: not operators.
        assert_eq!(infix_operator("-o file name"), None);
        assert_eq!(infix_operator("source -t target"), None);
        assert_eq!(infix_operator("! expression"), None);
    }
}
