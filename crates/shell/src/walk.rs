//! Walks the tree-sitter-bash tree: statements, shell syntax and ERROR nodes.
//!
//! The walk uses an explicit task stack, never recursion, because trees can be as
//! deep as the input is long (`a && b && c ...` nests one `list` per operator).

use crate::{Command, Compound, Script, Syntax, SyntaxKind};
use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;
use tree_sitter::{Node, Parser};

/// Nodes that hold statements (or are statements) and are walked as such.
const STATEMENTS: &[&str] = &[
    "program",
    "command",
    "declaration_command",
    "unset_command",
    "test_command",
    "variable_assignment",
    "variable_assignments",
    "redirected_statement",
    "list",
    "pipeline",
    "compound_statement",
    "subshell",
    "if_statement",
    "elif_clause",
    "else_clause",
    "while_statement",
    "for_statement",
    "c_style_for_statement",
    "case_statement",
    "case_item",
    "do_group",
    "function_definition",
    "negated_command",
    "comment",
    "ERROR",
];

/// Nodes that are (parts of) a single shell word.
pub(crate) const WORD_LEVEL: &[&str] = &[
    "word",
    "string",
    "raw_string",
    "ansi_c_string",
    "translated_string",
    "concatenation",
    "simple_expansion",
    "expansion",
    "command_substitution",
    "process_substitution",
    "arithmetic_expansion",
    "number",
    "extglob_pattern",
    "regex",
    "test_operator",
    "variable_name",
    "special_variable_name",
    "brace_expression",
    "variable_assignment",
    "string_content",
    "command_name",
    "file_descriptor",
    "array",
    "subscript",
];

/// Nodes whose range is an expansion inside a word.
pub(crate) const EXPANSIONS: &[&str] = &[
    "simple_expansion",
    "expansion",
    "command_substitution",
    "process_substitution",
    "arithmetic_expansion",
];

/// Statements that become one simple command.
pub(crate) fn is_command_kind(kind: &str) -> bool {
    matches!(
        kind,
        "command"
            | "declaration_command"
            | "unset_command"
            | "test_command"
            | "variable_assignment"
            | "variable_assignments"
    )
}

pub(crate) fn is_redirect_kind(kind: &str) -> bool {
    matches!(
        kind,
        "file_redirect" | "herestring_redirect" | "heredoc_redirect"
    )
}

/// Work left to do.
pub(crate) enum Task<'t> {
    /// Walk a statement; `extra` are word nodes (from a following ERROR) that
    /// belong to it.
    Stmt {
        node: Node<'t>,
        parent: Option<usize>,
        extra: Vec<Node<'t>>,
    },
    /// Walk an ERROR node, skipping its first `skip` children.
    Error {
        node: Node<'t>,
        parent: Option<usize>,
        skip: usize,
    },
    /// Find command and process substitutions below a node that is not a statement.
    Search {
        node: Node<'t>,
        parent: Option<usize>,
    },
}

/// Everything found so far; turned into a [`Script`] by [`crate::post::finish`].
pub(crate) struct Walker<'s, 't> {
    pub(crate) src: &'s str,
    pub(crate) b: &'s [u8],
    /// Commands in the order found; `parent` indexes this vector.
    pub(crate) commands: Vec<Command>,
    pub(crate) syntax: Vec<Syntax>,
    /// Errors found by this layer (not ERROR/MISSING nodes): range and message.
    pub(crate) errors: Vec<(Range<usize>, String)>,
    /// ERROR nodes whose text was understood after all (`<<` of `<<<`).
    pub(crate) repaired: Vec<Range<usize>>,
    /// Here-document bodies that tree-sitter parsed as code.
    pub(crate) dead: Vec<Range<usize>>,
    pub(crate) tasks: Vec<Task<'t>>,
    /// Redirections waiting for the statement (by node id) they belong to.
    adopt: Vec<(usize, Vec<Node<'t>>, Vec<Node<'t>>)>,
}

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// See [`crate::parse`].
pub(crate) fn parse(source: &str) -> Script {
    parse_tree(source).0
}

/// Parses like [`parse`] and also returns tree-sitter's tree (over the same byte
/// offsets), for callers that need its statement structure.
pub(crate) fn parse_tree(source: &str) -> (Script, Option<tree_sitter::Tree>) {
    let text = rewrite(source);
    let mut tree = parse_bytes(text.as_bytes());
    if tree.as_ref().is_some_and(|t| t.root_node().has_error()) {
        let mut repaired = text.as_bytes().to_vec();
        crate::repair::repair(&mut repaired, |t| {
            parse_bytes(t).map_or(usize::MAX, |t| error_nodes(t.root_node()))
        });
        if repaired != text.as_bytes() {
            tree = parse_bytes(&repaired);
        }
    }
    let Some(tree) = tree else {
        let script = Script {
            source: source.into(),
            errors: vec![crate::ParseError {
                range: 0..0,
                message: "tree-sitter-bash gave no parse tree".into(),
            }],
            ..Script::default()
        };
        return (script, None);
    };
    let mut w = Walker {
        src: source,
        b: source.as_bytes(),
        commands: Vec::new(),
        syntax: Vec::new(),
        errors: Vec::new(),
        repaired: Vec::new(),
        dead: Vec::new(),
        tasks: Vec::new(),
        adopt: Vec::new(),
    };
    w.tasks.push(Task::Stmt {
        node: tree.root_node(),
        parent: None,
        extra: Vec::new(),
    });
    while let Some(task) = w.tasks.pop() {
        match task {
            Task::Stmt {
                node,
                parent,
                extra,
            } => w.stmt(node, parent, extra),
            Task::Error { node, parent, skip } => w.error_node(node, parent, skip),
            Task::Search { node, parent } => w.search(node, parent),
        }
    }
    // Redirections whose statement never came (should not happen): keep them.
    for (_, redirects, words) in std::mem::take(&mut w.adopt) {
        w.command(None, redirects, None, words);
    }
    let script = crate::post::finish(w, tree.root_node());
    (script, Some(tree))
}

/// tree-sitter's tree of `text`, with the thread's parser.
fn parse_bytes(text: &[u8]) -> Option<tree_sitter::Tree> {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let mut p = Parser::new();
            p.set_language(&tree_sitter_bash::LANGUAGE.into()).ok()?;
            *slot = Some(p);
        }
        let p = slot.as_mut()?;
        let tree = p.parse(text, None);
        if tree.is_none() {
            p.reset();
        }
        tree
    })
}

/// The ERROR and MISSING nodes under `root`, not counting those inside another.
fn error_nodes(root: Node) -> usize {
    let mut count = 0;
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.is_error() || n.is_missing() {
            count += 1;
            continue;
        }
        let mut cursor = n.walk();
        stack.extend(
            n.children(&mut cursor)
                .filter(|c| c.has_error() || c.is_missing()),
        );
    }
    count
}

/// Rewrites, keeping every byte offset, what tree-sitter-bash cannot parse but
/// whose meaning this layer reads from the original text: `<>` becomes `> ` and
/// `;;&` becomes `;; ` (tree-sitter-bash rejects `;;&` on the last case item).
///
/// It also guards against a crash: the external scanner of tree-sitter-bash 0.25
/// calls C `isdigit` on the character after `{` (and after `{1..`), which reads
/// out of bounds for code points above 255 and kills the process for some
/// (U+E0100 does). Such a character becomes `x`s of the same length.
fn rewrite(src: &str) -> Cow<'_, str> {
    let b = src.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut set = |at: usize, with: &[u8]| {
        out.get_or_insert_with(|| b.to_vec())[at..at + with.len()].copy_from_slice(with);
    };
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' if b.get(i + 1) == Some(&b'>') && (i == 0 || b[i - 1] != b'<') => {
                set(i, b"> ");
                i += 2;
            }
            b';' if b.get(i + 1) == Some(&b';') && b.get(i + 2) == Some(&b'&') => {
                set(i + 2, b" ");
                i += 3;
            }
            b'{' => {
                // The two places where the scanner calls `isdigit`.
                let mut j = i + 1;
                for round in 0..2 {
                    while j < b.len() && b[j].is_ascii_digit() {
                        j += 1;
                    }
                    if j < b.len() && b[j] >= 0x80 {
                        let len = src[j..].chars().next().map_or(1, char::len_utf8);
                        set(j, &b"xxxx"[..len]);
                        break;
                    }
                    if round == 0 && b.get(j) == Some(&b'.') && b.get(j + 1) == Some(&b'.') {
                        j += 2;
                    } else {
                        break;
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    match out {
        // Only ASCII was written, over ASCII or over whole characters.
        Some(v) => Cow::Owned(
            String::from_utf8(v)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        ),
        None => Cow::Borrowed(src),
    }
}

/// A node's byte range, clamped to the source and to char boundaries.
pub(crate) fn span(src: &str, n: Node) -> Range<usize> {
    let mut s = n.start_byte().min(src.len());
    let mut e = n.end_byte().min(src.len()).max(s);
    while !src.is_char_boundary(s) {
        s -= 1;
    }
    while !src.is_char_boundary(e) {
        e += 1;
    }
    s..e
}

/// The children of a node with their field names.
pub(crate) fn children<'t>(n: Node<'t>) -> Vec<(Node<'t>, Option<&'t str>)> {
    let mut out = Vec::with_capacity(n.child_count() as usize);
    let mut c = n.walk();
    if c.goto_first_child() {
        loop {
            out.push((c.node(), c.field_name()));
            if !c.goto_next_sibling() {
                break;
            }
        }
    }
    out
}

/// The statement at the right end of a pipeline, list or negation.
fn last_simple(mut n: Node) -> Option<Node> {
    while matches!(n.kind(), "pipeline" | "list" | "negated_command") {
        n = children(n)
            .into_iter()
            .rev()
            .map(|(c, _)| c)
            .find(|c| c.is_named() && c.kind() != "comment")?;
    }
    Some(n)
}

/// The syntax kind of an anonymous token, given its parent's kind.
fn classify(text: &str, parent: &str) -> Option<SyntaxKind> {
    use SyntaxKind::*;
    Some(match text {
        "|" if parent == "case_item" => Keyword(Compound::Other),
        "|" => Pipe,
        "|&" => PipeAll,
        "&&" => And,
        "||" => Or,
        ";" => Semicolon,
        "&" => Background,
        "!" => Negation,
        ";;" | ";&" | ";;&" => CaseTerminator,
        "(" | ")" if matches!(parent, "function_definition" | "case_item") => {
            Keyword(Compound::Other)
        }
        "(" if matches!(parent, "subshell" | "ERROR") => SubshellOpen,
        ")" if matches!(parent, "subshell" | "ERROR") => SubshellClose,
        "if" | "then" | "elif" | "else" | "fi" | "for" | "in" | "do" | "done" | "while"
        | "until" | "case" | "esac" | "function" | "select" | "coproc" | "time" | "{" | "}"
        | "[[" | "]]" | "((" | "))" => Keyword(Compound::Other),
        _ => return None,
    })
}

impl<'s, 't> Walker<'s, 't> {
    pub(crate) fn text(&self, n: Node) -> &'s str {
        &self.src[span(self.src, n)]
    }

    pub(crate) fn push_syntax(&mut self, range: Range<usize>, kind: SyntaxKind) {
        if range.start < range.end {
            self.syntax.push(Syntax { range, kind });
        }
    }

    /// Records an anonymous token as syntax, if it is syntax.
    pub(crate) fn token(&mut self, n: Node, parent: &str) -> bool {
        let mut r = span(self.src, n);
        let text = &self.src[r.clone()];
        // The token as tree-sitter read it: a repaired copy may differ from the original here
        // (see crate::repair, and post::finish for what becomes of such tokens).
        let token = if n.is_named() { text } else { n.kind() };
        let Some(kind) = classify(token, parent) else {
            return false;
        };
        if text == ";;" && parent == "case_item" && self.b.get(r.end) == Some(&b'&') {
            r.end += 1;
        }
        if kind == SyntaxKind::CaseTerminator && !matches!(parent, "case_item" | "ERROR") {
            self.errors.push((
                r.clone(),
                format!("unexpected `{}` outside `case`", &self.src[r.clone()]),
            ));
        }
        self.push_syntax(r, kind);
        true
    }

    fn stmt(&mut self, node: Node<'t>, parent: Option<usize>, extra: Vec<Node<'t>>) {
        let kind = node.kind();
        if node.start_byte() == node.end_byte() {
            return;
        }
        match kind {
            k if is_command_kind(k) => {
                let (redirects, words) = self.adopted(node);
                let extra = extra.into_iter().chain(words).collect();
                self.command(Some(node), redirects, parent, extra)
            }
            "redirected_statement" => {
                let body = node.child_by_field_name("body");
                let mut others: Vec<Node<'t>> = children(node)
                    .into_iter()
                    .map(|(c, _)| c)
                    .filter(|c| Some(*c) != body)
                    .collect();
                let (redirects, words) = self.adopted(node);
                others.extend(redirects);
                let extra: Vec<Node<'t>> = extra.into_iter().chain(words).collect();
                match body {
                    Some(b) if is_command_kind(b.kind()) => {
                        self.command(Some(b), others, parent, extra)
                    }
                    Some(b) => {
                        // `a | b > out` and `a && b > out`: tree-sitter-bash puts the
                        // redirection on the whole pipeline or list, the shell on `b`.
                        let last = last_simple(b);
                        if last.is_some_and(|l| {
                            is_command_kind(l.kind()) || l.kind() == "redirected_statement"
                        }) {
                            self.adopt.push((last.map_or(0, |l| l.id()), others, extra));
                            self.tasks.push(Task::Stmt {
                                node: b,
                                parent,
                                extra: Vec::new(),
                            });
                        } else {
                            self.tasks.push(Task::Stmt {
                                node: b,
                                parent,
                                extra: Vec::new(),
                            });
                            self.command(None, others, parent, extra);
                        }
                    }
                    None => self.command(None, others, parent, extra),
                }
            }
            "comment" => self.push_syntax(span(self.src, node), SyntaxKind::Comment),
            "ERROR" => self.error_node(node, parent, 0),
            k if STATEMENTS.contains(&k) => self.structural(node, parent),
            _ => self.tasks.push(Task::Search { node, parent }),
        }
    }

    /// Redirections and words that a pipeline, list or ERROR passed down to this
    /// statement.
    fn adopted(&mut self, node: Node<'t>) -> (Vec<Node<'t>>, Vec<Node<'t>>) {
        match self.adopt.iter().position(|(id, _, _)| *id == node.id()) {
            Some(i) => {
                let (_, r, w) = self.adopt.swap_remove(i);
                (r, w)
            }
            None => (Vec::new(), Vec::new()),
        }
    }

    /// A compound statement, list, pipeline or the program itself.
    fn structural(&mut self, node: Node<'t>, parent: Option<usize>) {
        let kind = node.kind();
        let kids = children(node);
        let arith =
            kind == "compound_statement" && kids.first().is_some_and(|(c, _)| c.kind() == "((");
        let mut in_for_parens = false;
        let mut redirects = Vec::new();
        let mut skip_error: Option<(usize, usize)> = None;
        for (idx, &(c, field)) in kids.iter().enumerate() {
            if c.start_byte() == c.end_byte() {
                continue;
            }
            if !c.is_named() {
                if kind == "c_style_for_statement" {
                    match c.kind() {
                        "((" => in_for_parens = true,
                        "))" => in_for_parens = false,
                        _ if in_for_parens => continue,
                        _ => {}
                    }
                }
                self.token(c, kind);
                continue;
            }
            match (c.kind(), field) {
                ("comment", _) => self.push_syntax(span(self.src, c), SyntaxKind::Comment),
                _ if arith || (kind == "c_style_for_statement" && field != Some("body")) => {
                    self.tasks.push(Task::Search { node: c, parent })
                }
                (_, Some("value" | "variable"))
                    if matches!(kind, "for_statement" | "case_statement" | "case_item") =>
                {
                    self.tasks.push(Task::Search { node: c, parent })
                }
                (_, Some("name")) if kind == "function_definition" => {
                    self.push_syntax(span(self.src, c), SyntaxKind::FunctionName)
                }
                (_, Some("redirect")) if kind == "function_definition" => redirects.push(c),
                ("ERROR", _) => {
                    let skip = match skip_error {
                        Some((i, n)) if i == idx => n,
                        _ => 0,
                    };
                    self.tasks.push(Task::Error {
                        node: c,
                        parent,
                        skip,
                    });
                }
                (k, _) if STATEMENTS.contains(&k) => {
                    // `echo "unterminated` and `a | cat <<EOF` at the end of the
                    // input: the ERROR after a command continues it.
                    if let Some(&(next, _)) = kids.get(idx + 1)
                        && next.is_error()
                        && let Some(last) = last_simple(c).filter(|l| self.takes_words(*l))
                        && self.b[c.end_byte()..next.start_byte()]
                            .iter()
                            .all(|&x| x == b' ' || x == b'\t')
                    {
                        if crate::build::is_broken_heredoc(next) {
                            self.adopt.push((last.id(), vec![next], Vec::new()));
                            skip_error = Some((idx + 1, usize::MAX));
                        } else {
                            let words = self.leading_atoms(next);
                            skip_error = Some((idx + 1, words.len()));
                            self.adopt.push((last.id(), Vec::new(), words));
                        }
                    }
                    self.tasks.push(Task::Stmt {
                        node: c,
                        parent,
                        extra: Vec::new(),
                    });
                }
                _ => self.tasks.push(Task::Search { node: c, parent }),
            }
        }
        if !redirects.is_empty() {
            self.command(None, redirects, parent, Vec::new());
        }
    }

    /// Whether a statement is a simple command that words of a following ERROR
    /// (`echo "unterminated`) can join.
    fn takes_words(&self, n: Node) -> bool {
        match n.kind() {
            "command" | "declaration_command" | "unset_command" => true,
            "redirected_statement" => n
                .child_by_field_name("body")
                .is_some_and(|b| b.kind() == "command"),
            _ => false,
        }
    }

    /// Whether a child of an ERROR node is part of a word.
    fn is_atom(&self, n: Node) -> bool {
        if n.child_count() == 0 && n.is_error() {
            true
        } else if n.is_named() {
            !STATEMENTS.contains(&n.kind())
        } else {
            classify(self.text(n), "ERROR").is_none()
        }
    }

    /// The word nodes an ERROR node starts with, up to the first syntax or line end.
    fn leading_atoms(&self, err: Node<'t>) -> Vec<Node<'t>> {
        let mut out: Vec<Node<'t>> = Vec::new();
        for (c, _) in children(err) {
            if c.start_byte() == c.end_byte() {
                continue;
            }
            if !self.is_atom(c)
                || out
                    .last()
                    .is_some_and(|p| self.newline_between(p.end_byte(), c.start_byte()))
            {
                break;
            }
            out.push(c);
        }
        out
    }

    pub(crate) fn newline_between(&self, a: usize, b: usize) -> bool {
        let gap = &self.b[a.min(b)..b];
        gap.iter()
            .enumerate()
            .any(|(i, &x)| x == b'\n' && (i == 0 || gap[i - 1] != b'\\'))
    }

    /// An ERROR node in statement position: keep what parsed inside it, and turn
    /// runs of plain words into commands.
    fn error_node(&mut self, node: Node<'t>, parent: Option<usize>, skip: usize) {
        let mut group: Vec<Node<'t>> = Vec::new();
        let mut values_follow = false;
        let kids: Vec<Node<'t>> = children(node)
            .into_iter()
            .map(|(c, _)| c)
            .skip(skip)
            .collect();
        for c in kids {
            if c.start_byte() == c.end_byte() {
                continue;
            }
            if self.is_atom(c) {
                if group
                    .last()
                    .is_some_and(|p| self.newline_between(p.end_byte(), c.start_byte()))
                {
                    self.flush(&mut group, parent, &mut values_follow);
                }
                group.push(c);
                continue;
            }
            self.flush(&mut group, parent, &mut values_follow);
            if c.is_named() {
                self.tasks.push(Task::Stmt {
                    node: c,
                    parent,
                    extra: Vec::new(),
                });
            } else {
                self.token(c, "ERROR");
                values_follow = matches!(self.text(c), "case" | "for" | "select" | "in");
            }
        }
        self.flush(&mut group, parent, &mut values_follow);
    }

    /// Turns plain words found in an ERROR node into a command, unless they are
    /// the values after `case`, `for`, `select` or `in`.
    fn flush(
        &mut self,
        group: &mut Vec<Node<'t>>,
        parent: Option<usize>,
        values_follow: &mut bool,
    ) {
        if group.is_empty() {
            return;
        }
        let atoms = std::mem::take(group);
        if std::mem::take(values_follow) {
            for n in atoms {
                self.tasks.push(Task::Search { node: n, parent });
            }
        } else {
            self.command(None, Vec::new(), parent, atoms);
        }
    }

    /// Finds command and process substitutions below `node` and walks them.
    fn search(&mut self, node: Node<'t>, parent: Option<usize>) {
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            match n.kind() {
                "command_substitution" | "process_substitution" => {
                    let mut redirects = Vec::new();
                    for (c, _) in children(n) {
                        if is_redirect_kind(c.kind()) {
                            redirects.push(c);
                        } else if c.is_named() {
                            self.tasks.push(Task::Stmt {
                                node: c,
                                parent,
                                extra: Vec::new(),
                            });
                        }
                    }
                    if !redirects.is_empty() {
                        self.command(None, redirects, parent, Vec::new());
                    }
                }
                _ => stack.extend(children(n).into_iter().map(|(c, _)| c)),
            }
        }
    }
}
