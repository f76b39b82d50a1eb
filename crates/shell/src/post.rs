//! Turns what the walk found into a [`Script`]: parse errors with positions,
//! here-document bodies dropped, everything sorted.

use crate::walk::{Walker, children, span};
use crate::word::LineIndex;
use crate::{ParseError, Script};
use std::ops::Range;
use tree_sitter::Node;

pub(crate) fn finish(w: Walker, root: Node) -> Script {
    let src = w.src;
    let dead = w.dead;
    let in_dead = |r: &Range<usize>| {
        dead.iter()
            .any(|d| d.start <= r.start && r.start < d.end.max(d.start + 1))
    };

    let mut errors: Vec<(Range<usize>, String)> = tree_errors(src, root, &w.repaired)
        .into_iter()
        .filter(|(r, _)| !in_dead(r))
        .collect();
    errors.extend(w.errors);

    // A word of blanks only comes from a tree-sitter token that a repair (crate::repair) put
    // on a blank; a command of such words only is not there.
    let mut commands = w.commands;
    for c in &mut commands {
        c.words.retain(|w| !w.range.is_empty());
        c.assignments.retain(|w| !w.range.is_empty());
    }
    let there = |c: &crate::Command| {
        !(c.words.is_empty() && c.assignments.is_empty() && c.redirects.is_empty())
    };
    // Commands sorted by start, parents renumbered, here-document text dropped.
    let mut order: Vec<usize> = (0..commands.len())
        .filter(|&i| !in_dead(&commands[i].range) && there(&commands[i]))
        .collect();
    order.sort_by_key(|&i| (commands[i].range.start, commands[i].range.end));
    let mut new_index = vec![None; commands.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = Some(new);
    }
    let mut slots: Vec<Option<crate::Command>> = commands.into_iter().map(Some).collect();
    let commands = order
        .iter()
        .filter_map(|&old| {
            let mut c = slots[old].take()?;
            c.parent = c.parent.and_then(|p| new_index.get(p).copied().flatten());
            Some(c)
        })
        .collect();

    let mut syntax = w.syntax;
    syntax.retain(|s| !in_dead(&s.range));
    // A repaired copy (crate::repair) may put a token where the original has a blank: for
    // `for i do`'s `;`, nothing is there; a subshell's `(` moved off its parenthesis goes back.
    let b = src.as_bytes();
    syntax.retain_mut(|s| {
        if !src[s.range.clone()].trim().is_empty() {
            return true;
        }
        let next = s.range.end;
        let back = s.kind == crate::SyntaxKind::SubshellOpen && b.get(next) == Some(&b'(');
        if back {
            s.range = next..next + 1;
        }
        back
    });
    syntax.sort_by_key(|s| (s.range.start, s.range.end));
    let mut last_end = 0;
    syntax.retain(|s| {
        let keep = s.range.start >= last_end;
        if keep {
            last_end = s.range.end;
        }
        keep
    });

    errors.sort_by_key(|(r, _)| (r.start, r.end));
    errors.dedup_by(|a, b| a.0 == b.0);
    let index = LineIndex::new(src);
    let errors = errors
        .into_iter()
        .map(|(range, what)| ParseError {
            message: format!("{what} at {}", index.position(range.start)),
            range,
        })
        .collect();
    crate::keywords::assign_compounds(src, &mut syntax);
    Script {
        source: src.into(),
        commands,
        syntax,
        errors,
    }
}

/// The ERROR and MISSING nodes of the tree (not those inside another ERROR),
/// with a message saying what is wrong.
fn tree_errors(src: &str, root: Node, repaired: &[Range<usize>]) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    if !root.has_error() {
        return out;
    }
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        let mut r = span(src, n);
        while r.start < r.end && src.as_bytes()[r.start].is_ascii_whitespace() {
            r.start += 1;
        }
        if n.is_missing() {
            let what = match n.kind() {
                "heredoc_end" => "unterminated here-document".to_string(),
                k => format!("missing `{k}`"),
            };
            out.push((r, what));
        } else if n.is_error() {
            if !repaired.contains(&span(src, n)) {
                out.push((r.clone(), describe(src, n, r)));
            }
        } else {
            stack.extend(
                children(n)
                    .into_iter()
                    .map(|(c, _)| c)
                    .filter(|c| c.has_error()),
            );
        }
    }
    out
}

/// What an ERROR node is about: an unterminated quote or its first token.
fn describe(src: &str, n: Node, r: Range<usize>) -> String {
    if crate::build::is_broken_heredoc(n) {
        return "unterminated here-document".into();
    }
    let text = src[r].trim_start();
    match text.as_bytes().first() {
        Some(b'"') if !closes(text, '"') => return "unterminated double quote".into(),
        Some(b'\'') if !closes(text, '\'') => return "unterminated single quote".into(),
        Some(b'`') if !closes(text, '`') => return "unterminated backquote".into(),
        _ => {}
    }
    // The first non-empty leaf.
    let mut leaf = n;
    loop {
        let next = children(leaf)
            .into_iter()
            .map(|(c, _)| c)
            .find(|c| c.start_byte() < c.end_byte());
        match next {
            Some(c) => leaf = c,
            None => break,
        }
    }
    let token: String = src[span(src, leaf)]
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(20)
        .collect();
    if token.trim().is_empty() {
        "syntax error".into()
    } else {
        format!("unexpected `{}`", token.trim())
    }
}

/// Whether `text` (starting with `quote`) has a closing quote.
fn closes(text: &str, quote: char) -> bool {
    let mut escaped = false;
    for c in text.chars().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' && quote != '\'' {
            escaped = true;
        } else if c == quote {
            return true;
        }
    }
    false
}
