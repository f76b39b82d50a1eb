//! The statements of a script and the statements nested in their bodies, so that a tool can
//! explain only the statement around one place of a long script (an editor's hover).
//!
//! A statement is what a shell reads as one unit: a simple command, a pipeline or `&&`/`||`
//! list with its line continuations, a compound command (`if`, `for`, `while`, `case`,
//! `{ .. }`, `( .. )`) or a function definition, with its terminator (`;`, `&`) and its
//! here-document bodies up to the closing delimiter line.

use std::ops::Range;

use tree_sitter::Node;

use crate::Script;
use crate::walk::{children, span};

/// One statement of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Byte range in the source: the whole statement with its terminator (`;`, `&`) and the
    /// bodies and closing lines of its here-documents.
    pub range: Range<usize>,
    /// Index in the list of the statement whose body holds this one (the loop around a
    /// command, the function around its body); `None` at the top of the script.
    pub parent: Option<usize>,
    /// Whether this is a function definition (whose body must stay a compound command).
    pub function: bool,
}

/// Statements that hold other statements in their body or between their keywords.
const COMPOUND: &[&str] = &[
    "redirected_statement",
    "list",
    "pipeline",
    "negated_command",
    "subshell",
    "compound_statement",
    "if_statement",
    "while_statement",
    "for_statement",
    "c_style_for_statement",
    "case_statement",
    "function_definition",
    "ERROR",
];

/// Parts of a compound statement whose statements belong to it directly.
const CLAUSES: &[&str] = &["do_group", "elif_clause", "else_clause", "case_item"];

/// Statements with nothing nested that can be cut out of their compound statement.
const SIMPLE: &[&str] = &[
    "command",
    "declaration_command",
    "unset_command",
    "test_command",
    "variable_assignment",
    "variable_assignments",
    "comment",
];

/// Tokens that end a statement and belong to it.
const TERMINATORS: &[&str] = &[";", "&", ";;", ";&", ";;&"];

/// Parses a script like [`crate::parse`] and also returns its statements: every top-level
/// statement and, nested below it, the statements of compound commands' bodies, in source
/// order with every statement before those nested in it. Sibling statements never overlap.
pub fn parse_with_statements(source: &str) -> (Script, Vec<Statement>) {
    let (script, tree) = crate::walk::parse_tree(source);
    let mut out = match &tree {
        Some(tree) => collect(source, tree.root_node()),
        None => Vec::new(),
    };
    if out.is_empty() && !source.trim().is_empty() {
        out.push(Statement {
            range: 0..source.len(),
            parent: None,
            function: false,
        });
    }
    extend_to_heredocs(source, &script, &mut out);
    (script, merge_overlaps(out))
}

/// Walks the tree with an explicit stack (trees are as deep as the input is long).
fn collect(src: &str, root: Node) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    // (node whose children are read, the statement they belong to).
    let mut stack: Vec<(Node, Option<usize>)> = vec![(root, None)];
    while let Some((node, parent)) = stack.pop() {
        let kids = children(node);
        let mut found: Vec<(Node, Range<usize>, bool)> = Vec::new();
        for (i, (c, _)) in kids.iter().enumerate() {
            let kind = c.kind();
            if c.start_byte() >= c.end_byte() {
                continue;
            }
            let statement = c.is_named() && (COMPOUND.contains(&kind) || SIMPLE.contains(&kind));
            // `a && b || c` nests one list per operator: one statement with three parts.
            if CLAUSES.contains(&kind) || (kind == "list" && node.kind() == "list") {
                found.push((*c, 0..0, false));
            } else if statement {
                let mut range = span(src, *c);
                if let Some((t, _)) = kids.get(i + 1)
                    && !t.is_named()
                    && TERMINATORS.contains(&t.kind())
                {
                    range.end = span(src, *t).end.max(range.end);
                }
                found.push((*c, range, true));
            }
        }
        // Later siblings first on the stack, so the first is walked first.
        let mut pending: Vec<(Node, Option<usize>)> = Vec::new();
        for (c, range, statement) in found {
            if !statement {
                pending.push((c, parent));
                continue;
            }
            // Words that tree-sitter left in an ERROR on the line where their command
            // ends, with no terminator between, are part of that command.
            if let Some(last) = out.last_mut()
                && c.kind() == "ERROR"
                && last.parent == parent
                && last.range.end <= range.start
                && !src[last.range.end.min(range.start)..range.start].contains('\n')
                && !src[last.range.clone()].ends_with([';', '&'])
            {
                last.range.end = last.range.end.max(range.end);
                if COMPOUND.contains(&c.kind()) {
                    pending.push((c, parent));
                }
                continue;
            }
            out.push(Statement {
                range,
                parent,
                function: c.kind() == "function_definition",
            });
            if COMPOUND.contains(&c.kind()) {
                pending.push((c, Some(out.len() - 1)));
            }
        }
        // Nested statements are found after their later siblings: `merge_overlaps` puts
        // every statement back in source order.
        stack.extend(pending.into_iter().rev());
    }
    out
}

/// Makes every statement that holds a here-document operator reach the end of the
/// document's closing line.
fn extend_to_heredocs(src: &str, script: &Script, out: &mut [Statement]) {
    for cmd in &script.commands {
        for r in &cmd.redirects {
            let Some(body) = &r.heredoc_body else {
                continue;
            };
            let close = src[body.end.min(src.len())..]
                .find('\n')
                .map_or(src.len(), |i| body.end + i);
            let at = r.operator.start;
            for s in out.iter_mut() {
                if s.range.start <= at && at < s.range.end {
                    s.range.end = s.range.end.max(close);
                }
            }
        }
    }
}

/// Sorts the statements (each before those nested in it) and merges siblings that overlap,
/// keeping parents' indices right.
fn merge_overlaps(list: Vec<Statement>) -> Vec<Statement> {
    // Depth of each statement, to sort outer before inner at the same start (a parent is
    // always found before its children).
    let mut depth = vec![0usize; list.len()];
    for i in 0..list.len() {
        if let Some(p) = list[i].parent {
            depth[i] = depth[p] + 1;
        }
    }
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by_key(|&i| (list[i].range.start, depth[i]));
    let mut new_index: Vec<Option<usize>> = vec![None; list.len()];
    let mut out: Vec<Statement> = Vec::with_capacity(list.len());
    // The last statement kept under each parent (None = top level).
    let mut last_child: std::collections::HashMap<Option<usize>, usize> = Default::default();
    for old in order {
        let s = &list[old];
        let parent = s.parent.and_then(|p| new_index[p]);
        if let Some(&prev) = last_child.get(&parent)
            && out[prev].range.end > s.range.start
        {
            // Overlaps its previous sibling: becomes part of it.
            out[prev].range.end = out[prev].range.end.max(s.range.end);
            new_index[old] = Some(prev);
            continue;
        }
        out.push(Statement {
            range: s.range.clone(),
            parent,
            function: s.function,
        });
        new_index[old] = Some(out.len() - 1);
        last_child.insert(parent, out.len() - 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tops(src: &str) -> Vec<&str> {
        let (_, st) = parse_with_statements(src);
        st.iter()
            .filter(|s| s.parent.is_none())
            .map(|s| &src[s.range.clone()])
            .collect()
    }

    fn nested(src: &str) -> Vec<(&str, Option<usize>)> {
        let (_, st) = parse_with_statements(src);
        st.iter()
            .map(|s| (&src[s.range.clone()], s.parent))
            .collect()
    }

    #[test]
    fn top_level_statements_with_continuations_and_terminators() {
        let src = "tar -xzvf \\\n  x.tgz\nls | sort &\na; b\n# note\n";
        assert_eq!(
            tops(src),
            ["tar -xzvf \\\n  x.tgz", "ls | sort &", "a;", "b", "# note"]
        );
    }

    #[test]
    fn multi_line_pipelines_and_lists_are_one_statement() {
        let src = "grep x f |\n  sort |\n  uniq -c &&\n  echo done\necho next\n";
        assert_eq!(
            tops(src),
            [
                "grep x f |\n  sort |\n  uniq -c &&\n  echo done",
                "echo next"
            ]
        );
    }

    #[test]
    fn here_documents_belong_to_their_statement() {
        let src = "cat <<EOF | grep x\nline one\nEOF\necho after\n";
        assert_eq!(
            tops(src),
            ["cat <<EOF | grep x\nline one\nEOF", "echo after"]
        );
        let two = "cat <<A <<B\na\nA\nb\nB\nls\n";
        assert_eq!(tops(two), ["cat <<A <<B\na\nA\nb\nB", "ls"]);
    }

    #[test]
    fn compound_bodies_are_nested() {
        let src = "f() {\n  ls -l\n  for x in a b; do\n    echo $x\n  done\n}\nf\n";
        let got = nested(src);
        assert_eq!(got[0].0, &src[..src.len() - 3]);
        assert_eq!(got[0].1, None);
        assert!(parse_with_statements(src).1[0].function);
        let texts: Vec<&str> = got.iter().map(|(t, _)| *t).collect();
        assert!(texts.contains(&"ls -l"), "{got:?}");
        assert!(texts.contains(&"echo $x"), "{got:?}");
        assert_eq!(got.last().unwrap(), &("f", None));
        // Each statement is inside its parent.
        let (_, st) = parse_with_statements(src);
        for s in &st {
            if let Some(p) = s.parent {
                assert!(st[p].range.start <= s.range.start && s.range.end <= st[p].range.end);
            }
        }
    }

    #[test]
    fn the_commands_of_a_pipeline_are_nested_apart() {
        assert_eq!(
            nested("a | b && c\n"),
            [
                ("a | b && c", None),
                ("a | b", Some(0)),
                ("a", Some(1)),
                ("b", Some(1)),
                ("c", Some(0))
            ]
        );
        assert_eq!(
            nested("a && b || c\n"),
            [
                ("a && b || c", None),
                ("a", Some(0)),
                ("b", Some(0)),
                ("c", Some(0))
            ]
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let src = "a && ".repeat(20_000) + "b\n";
        assert_eq!(tops(&src).len(), 1);
        let parens = "(".repeat(5_000) + "x" + &")".repeat(5_000);
        assert_eq!(tops(&parens).len(), 1);
    }
}
