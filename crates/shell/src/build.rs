//! Builds one [`Command`]: words from tree-sitter nodes, redirections read from the
//! source, assignments, and keywords that tree-sitter took for command names.

use crate::walk::{EXPANSIONS, Task, WORD_LEVEL, Walker, children, is_redirect_kind, span};
use crate::word::{is_assignment, joins, scan_word};
use crate::{Command, Redirect, RedirectKind, SyntaxKind, Word};
use std::ops::Range;
use tree_sitter::Node;

/// Redirection operators, longest first.
const OPERATORS: &[(&str, RedirectKind)] = &[
    ("&>>", RedirectKind::AppendOutputAndError),
    ("<<<", RedirectKind::HereString),
    ("<<-", RedirectKind::HereDocument),
    ("&>", RedirectKind::OutputAndError),
    (">>", RedirectKind::Append),
    (">&", RedirectKind::DuplicateOutput),
    ("<&", RedirectKind::DuplicateInput),
    (">|", RedirectKind::Clobber),
    ("<>", RedirectKind::ReadWrite),
    ("<<", RedirectKind::HereDocument),
    (">", RedirectKind::Output),
    ("<", RedirectKind::Input),
];

/// Compound commands, which are never part of a simple command's words.
const COMPOUND: &[&str] = &[
    "subshell",
    "compound_statement",
    "if_statement",
    "while_statement",
    "for_statement",
    "c_style_for_statement",
    "case_statement",
    "function_definition",
    "list",
    "pipeline",
];

/// Words that tree-sitter-bash sometimes leaves as a command name but that the
/// shell reads as reserved words in command position.
const RESERVED: &[&str] = &[
    "if", "then", "elif", "else", "fi", "do", "done", "while", "until", "for", "case", "esac",
    "select", "function", "{", "}", "!", "time", "coproc",
];

/// A redirection node and where it really starts (before an ERROR that holds
/// the first characters of its operator).
struct RedirectNode<'t> {
    start: usize,
    node: Node<'t>,
    /// End of the here-document redirection this one is nested in.
    inside_heredoc: Option<usize>,
}

/// What the parts of one command collect.
#[derive(Default)]
struct Parts<'t> {
    atoms: Vec<Node<'t>>,
    redirects: Vec<Redirect>,
    /// Nodes to search for command substitutions, with where they belong.
    search: Vec<(usize, Node<'t>)>,
    /// Statements after a here-document operator (`cat <<EOF | grep x`).
    later: Vec<Node<'t>>,
}

impl<'s, 't> Walker<'s, 't> {
    /// Builds the simple command of `main` (if any), with the redirections in
    /// `outer` and the word nodes in `extra`, and queues what is nested in it.
    pub(crate) fn command(
        &mut self,
        main: Option<Node<'t>>,
        outer: Vec<Node<'t>>,
        parent: Option<usize>,
        extra: Vec<Node<'t>>,
    ) {
        let mut parts = Parts::default();
        let mut redirect_nodes = Vec::new();
        let main_kind = main.map_or("", |m| m.kind());
        let mut items: Vec<Node<'t>> = Vec::new();
        match main {
            Some(m) if matches!(main_kind, "test_command" | "variable_assignment") => items.push(m),
            Some(m) => items.extend(children(m).into_iter().map(|(c, _)| c)),
            None => {}
        }
        items.extend(outer);
        self.collect(
            &items,
            &mut parts.atoms,
            &mut redirect_nodes,
            &mut parts.later,
            None,
        );
        parts.atoms.extend(extra);
        while let Some(r) = redirect_nodes.pop() {
            let nested = self.redirect(r, &mut parts);
            redirect_nodes.extend(nested);
        }
        parts.redirects.sort_by_key(|r| r.range.start);

        let mut groups = self.group(std::mem::take(&mut parts.atoms));
        self.fd_prefixes(&mut groups, &mut parts.redirects);

        // Words and redirections in source order, split where a newline ends the
        // command: tree-sitter-bash runs `a=1 b=2` + newline + `c= cmd` together.
        let mut items: Vec<(Range<usize>, Option<Word>, Option<Redirect>)> = Vec::new();
        for g in &groups {
            let w = self.word(g);
            parts.search.extend(g.iter().map(|n| (w.range.start, *n)));
            items.push((w.range.clone(), Some(w), None));
        }
        for r in std::mem::take(&mut parts.redirects) {
            items.push((r.range.clone(), None, Some(r)));
        }
        items.sort_by_key(|(r, _, _)| r.start);
        let mut segments: Vec<(Vec<Word>, Vec<Redirect>)> = Vec::new();
        let mut last_end: Option<usize> = None;
        for (range, word, redirect) in items {
            if last_end.is_some_and(|e| range.start < e) {
                // Only in broken input: never let two parts overlap.
                continue;
            }
            let split = main_kind != "test_command"
                && last_end.is_some_and(|e| self.newline_between(e, range.start));
            if split || segments.is_empty() {
                segments.push((Vec::new(), Vec::new()));
            }
            let seg = segments.last_mut().expect("pushed above");
            seg.0.extend(word);
            seg.1.extend(redirect);
            last_end = Some(range.end);
        }

        let mut ids: Vec<(usize, Option<usize>)> = Vec::new();
        let single = segments.len() == 1;
        for (mut words, redirects) in segments {
            if matches!(main_kind, "command" | "") {
                self.reserved_words(&mut words);
            }
            let mut assignments = Vec::new();
            if matches!(
                main_kind,
                "command" | "variable_assignment" | "variable_assignments" | ""
            ) {
                let n = words
                    .iter()
                    .take_while(|w| is_assignment(&self.b[w.range.clone()]))
                    .count();
                assignments = words.drain(..n).collect();
            }
            let ranges = words.iter().chain(&assignments).map(|w| w.range.clone());
            let ranges = ranges.chain(redirects.iter().map(|r| r.range.clone()));
            let Some(start) = ranges.clone().map(|r| r.start).min() else {
                continue;
            };
            let end = ranges.map(|r| r.end).max().unwrap_or(start);
            let range = match main {
                Some(m) if main_kind == "test_command" && single => {
                    let node = span(self.src, m);
                    node.start.min(start)..node.end.max(end)
                }
                _ => start..end,
            };
            self.commands.push(Command {
                range,
                assignments,
                words,
                redirects,
                parent,
            });
            ids.push((start, Some(self.commands.len() - 1)));
        }
        for (at, node) in parts.search {
            let id = ids
                .iter()
                .rev()
                .find(|(start, _)| *start <= at)
                .or(ids.first())
                .map_or(parent, |x| x.1);
            self.tasks.push(Task::Search { node, parent: id });
        }
        for node in parts.later {
            self.tasks.push(Task::Stmt {
                node,
                parent,
                extra: Vec::new(),
            });
        }
    }

    /// Sorts the children of a command into word nodes and redirections,
    /// flattening expressions (`[[ ]]`) and ERROR nodes into their words.
    fn collect(
        &mut self,
        items: &[Node<'t>],
        atoms: &mut Vec<Node<'t>>,
        redirects: &mut Vec<RedirectNode<'t>>,
        later: &mut Vec<Node<'t>>,
        inside_heredoc: Option<usize>,
    ) {
        let mut stack: Vec<Node<'t>> = items.iter().rev().copied().collect();
        while let Some(c) = stack.pop() {
            if c.start_byte() == c.end_byte() {
                continue;
            }
            let kind = c.kind();
            if is_redirect_kind(kind) || is_broken_heredoc(c) {
                redirects.push(RedirectNode {
                    start: c.start_byte(),
                    node: c,
                    inside_heredoc,
                });
            } else if kind == "comment" {
                self.push_syntax(span(self.src, c), SyntaxKind::Comment);
            } else if c.is_error()
                && let Some(next) = stack.last().copied()
                && is_redirect_kind(next.kind())
                && next.start_byte() == c.end_byte()
                && self
                    .text(c)
                    .bytes()
                    .all(|x| matches!(x, b'<' | b'>' | b'&'))
            {
                // `cmd >out <<<x` and `cat <<A <<B`: the ERROR holds the start of
                // the next operator.
                stack.pop();
                self.repaired.push(span(self.src, c));
                redirects.push(RedirectNode {
                    start: c.start_byte(),
                    node: next,
                    inside_heredoc,
                });
            } else if COMPOUND.contains(&kind) {
                // `time (sleep 1)`, `coproc (cmd)`: a compound command that
                // tree-sitter-bash made an argument of `time`.
                later.push(c);
            } else if !c.is_named() || WORD_LEVEL.contains(&kind) || c.child_count() == 0 {
                atoms.push(c);
            } else {
                stack.extend(children(c).into_iter().rev().map(|(n, _)| n));
            }
        }
    }

    /// Reads one redirection; returns the redirections nested in it (those after
    /// a here-document operator).
    fn redirect(&mut self, r: RedirectNode<'t>, parts: &mut Parts<'t>) -> Vec<RedirectNode<'t>> {
        let node = r.node;
        let end = span(self.src, node).end;
        let kids = children(node);
        // The operator is read from the source: tree-sitter-bash does not know
        // `<>`, splits `<<<` after another redirection, and puts junk first in
        // broken input.
        let lexed = self.operator(r.start, end).or_else(|| {
            kids.iter()
                .filter(|(c, _)| !c.is_named() && c.start_byte() > r.start)
                .find_map(|(c, _)| self.operator(c.start_byte(), end))
        });
        let Some((op, fd, kind)) = lexed else {
            // Not a redirection after all: its parts are words.
            parts.atoms.extend(
                kids.into_iter()
                    .map(|(c, _)| c)
                    .filter(|c| c.start_byte() < c.end_byte()),
            );
            return Vec::new();
        };
        let mut dest: Vec<Node<'t>> = Vec::new();
        let (mut hd_start, mut hd_body, mut hd_end) = (None, None, None);
        let mut nested_items = Vec::new();
        let mut token_end = None;
        for (c, field) in kids {
            if c.start_byte() == c.end_byte() && !c.is_missing() && c.kind() != "heredoc_body" {
                continue;
            }
            let cr = span(self.src, c);
            if cr.end <= op.start {
                parts.atoms.push(c);
                continue;
            }
            if cr.start < op.end {
                if c.is_error() && cr.end <= op.end {
                    self.repaired.push(cr);
                } else if !c.is_named() && cr.end > op.end {
                    token_end = Some(cr.end);
                }
                continue;
            }
            match (c.kind(), field) {
                ("heredoc_start", _) if hd_start.is_none() => hd_start = Some(c),
                ("heredoc_body", _) => hd_body = Some(c),
                ("heredoc_end", _) => hd_end = Some(c),
                // In an unterminated here-document, the lines after the
                // operator are its body.
                _ if node.is_error()
                    && hd_start
                        .is_some_and(|h| self.newline_between(h.end_byte(), c.start_byte())) => {}
                (_, Some("argument")) => parts.atoms.push(c),
                (_, Some("redirect")) => nested_items.push(c),
                (_, Some("right")) | ("pipeline", _) => parts.later.push(c),
                (_, Some("operator")) => {
                    self.token(c, "list");
                }
                ("ERROR", _) if node.kind() == "heredoc_redirect" => nested_items.push(c),
                // An unterminated here-document: the words are its body.
                _ if node.is_error() => {}
                _ if c.is_named() && c.start_byte() < c.end_byte() => dest.push(c),
                _ => {}
            }
        }
        let mut nested = Vec::new();
        if !nested_items.is_empty() {
            let inside = Some(end);
            self.collect(
                &nested_items,
                &mut parts.atoms,
                &mut nested,
                &mut parts.later,
                inside,
            );
        }

        let (target, heredoc_body) = if let Some(s) = hd_start {
            let target = Some(scan_word(self.src, span(self.src, s), &[], false));
            parts.search.push((op.start, s));
            if let Some(b) = hd_body {
                parts.search.push((op.start, b));
            }
            let body = self.heredoc_body(hd_body, hd_end, end).or_else(|| {
                // Nothing after the delimiter but maybe a newline and some text.
                let nl = self.b[s.end_byte()..end].iter().position(|&c| c == b'\n')?;
                Some(s.end_byte() + nl + 1..end)
            });
            (target, body)
        } else {
            self.target_after(
                dest,
                token_end,
                op.clone(),
                end,
                kind,
                r.inside_heredoc,
                parts,
            )
        };
        let range_end = target.as_ref().map_or(op.end, |t| t.range.end).max(op.end);
        parts.redirects.push(Redirect {
            range: op.start..range_end,
            operator: op,
            kind,
            fd,
            target,
            heredoc_body,
        });
        nested
    }

    /// The target of a redirection that is not a here-document with its own delimiter node:
    /// the word after the operator (or `-` glued into the operator: `3>&-`), and for `<<`
    /// written without one, the here-document read from the source.
    #[allow(clippy::too_many_arguments)]
    fn target_after(
        &mut self,
        dest: Vec<Node<'t>>,
        token_end: Option<usize>,
        op: std::ops::Range<usize>,
        end: usize,
        kind: RedirectKind,
        inside_heredoc: Option<usize>,
        parts: &mut Parts<'t>,
    ) -> (Option<Word>, Option<std::ops::Range<usize>>) {
        let mut target = None;
        let mut heredoc_body = None;
        let mut groups = self.group(dest).into_iter();
        if let Some(te) = token_end {
            // `3>&-`: tree-sitter-bash makes `>&-` one token (and then takes
            // the next word for a target).
            target = Some(scan_word(self.src, op.end..te, &[], false));
        } else if let Some(first) = groups.next() {
            target = Some(self.word(&first));
            parts
                .search
                .extend(first.into_iter().map(|n| (op.start, n)));
        } else {
            let mut s = op.end;
            let mut e = end;
            while s < e && self.b[s].is_ascii_whitespace() {
                s += 1;
            }
            while e > s && self.b[e - 1].is_ascii_whitespace() {
                e -= 1;
            }
            if s < e {
                target = Some(scan_word(self.src, s..e, &[], true));
            }
        }
        parts.atoms.extend(groups.flatten());
        if kind == RedirectKind::HereDocument
            && let Some(t) = &target
        {
            let strip = self.src[op.clone()].ends_with('-');
            heredoc_body =
                Some(self.manual_heredoc(inside_heredoc.unwrap_or(end), &t.value, strip));
        }
        (target, heredoc_body)
    }

    /// Lexes the operator (with its fd number or `{name}`) at `start`.
    fn operator(
        &self,
        start: usize,
        end: usize,
    ) -> Option<(Range<usize>, Option<u32>, RedirectKind)> {
        let b = self.b;
        let mut i = start;
        while i < end && b[i].is_ascii_digit() {
            i += 1;
        }
        let fd = self.src[start..i].parse().ok();
        if i == start && b.get(i) == Some(&b'{') {
            let name = b[i + 1..end]
                .iter()
                .take_while(|&&x| x == b'_' || x.is_ascii_alphanumeric())
                .count();
            if name > 0 && b.get(i + 1 + name) == Some(&b'}') {
                i += name + 2;
            }
        }
        OPERATORS
            .iter()
            .find(|(text, _)| b[i..end].starts_with(text.as_bytes()))
            .map(|(text, kind)| (start..i + text.len(), fd, *kind))
    }

    /// The body of a here-document that tree-sitter parsed: whole lines, from the
    /// line after the operator to the delimiter line.
    fn heredoc_body(
        &self,
        body: Option<Node>,
        end: Option<Node>,
        node_end: usize,
    ) -> Option<Range<usize>> {
        let end_ok = end.filter(|e| !e.is_missing() && e.start_byte() < e.end_byte());
        let start = self.line_start(body.or(end_ok)?.start_byte());
        let stop = match (end_ok, body) {
            (Some(e), _) => self.line_start(e.start_byte()),
            (None, Some(b)) => b.end_byte().max(node_end),
            (None, None) => node_end,
        };
        Some(start..stop.max(start))
    }

    fn line_start(&self, p: usize) -> usize {
        let p = p.min(self.b.len());
        self.b[..p]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |i| i + 1)
    }

    /// Finds the body of a here-document that tree-sitter did not see (the second
    /// one on a line): it starts on the line after `after` and ends before the
    /// line holding only `delim`. The text is marked dead, since tree-sitter
    /// parsed it as commands.
    fn manual_heredoc(&mut self, after: usize, delim: &str, strip_tabs: bool) -> Range<usize> {
        let b = self.b;
        let after = after.min(b.len());
        let start = b[after..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |p| after + p + 1);
        let mut line = start;
        while line < b.len() {
            let stop = b[line..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |p| line + p);
            let mut text = &b[line..stop];
            if strip_tabs {
                while let [b'\t', rest @ ..] = text {
                    text = rest;
                }
            }
            if text == delim.as_bytes() {
                self.dead.push(start..stop);
                return start..line;
            }
            line = stop + 1;
        }
        self.dead.push(start..b.len());
        self.errors.push((
            start..b.len(),
            format!("unterminated here-document `{delim}`"),
        ));
        start..b.len()
    }

    /// Joins word nodes with nothing (or only line continuations) between them.
    fn group(&self, mut atoms: Vec<Node<'t>>) -> Vec<Vec<Node<'t>>> {
        atoms.sort_by_key(|n| (n.start_byte(), n.end_byte()));
        let mut groups: Vec<Vec<Node<'t>>> = Vec::new();
        let mut end = 0;
        for a in atoms {
            let r = span(self.src, a);
            if let Some(g) = groups.last_mut()
                && (r.start <= end || joins(&self.b[end..r.start]))
            {
                g.push(a);
                end = end.max(r.end);
                continue;
            }
            end = r.end;
            groups.push(vec![a]);
        }
        groups
    }

    /// The word made of a group of nodes.
    fn word(&self, group: &[Node<'t>]) -> Word {
        let start = group
            .iter()
            .map(|n| span(self.src, *n).start)
            .min()
            .unwrap_or(0);
        let end = group
            .iter()
            .map(|n| span(self.src, *n).end)
            .max()
            .unwrap_or(start);
        let mut hints = Vec::new();
        let mut stack: Vec<Node<'t>> = group.to_vec();
        while let Some(n) = stack.pop() {
            if EXPANSIONS.contains(&n.kind()) {
                hints.push(span(self.src, n));
            } else if !matches!(n.kind(), "raw_string" | "ansi_c_string") {
                stack.extend(children(n).into_iter().map(|(c, _)| c));
            }
        }
        hints.sort_by_key(|h| h.start);
        scan_word(self.src, start..end, &hints, true)
    }

    /// `{fd}>file` and `exec 3>file` where tree-sitter made the fd a word: moves
    /// the word into the operator of the redirection right after it.
    fn fd_prefixes(&self, groups: &mut Vec<Vec<Node<'t>>>, redirects: &mut [Redirect]) {
        for r in redirects.iter_mut() {
            if !matches!(self.b.get(r.range.start), Some(b'<' | b'>' | b'&')) {
                continue;
            }
            let pos = groups
                .iter()
                .position(|g| g.iter().map(|n| n.end_byte()).max() == Some(r.range.start));
            let Some(pos) = pos else { continue };
            let start = groups[pos]
                .iter()
                .map(|n| n.start_byte())
                .min()
                .unwrap_or(r.range.start);
            let text = &self.src[start..r.range.start];
            let is_name = text.len() > 2
                && text.starts_with('{')
                && text.ends_with('}')
                && text[1..text.len() - 1]
                    .bytes()
                    .all(|c| c == b'_' || c.is_ascii_alphanumeric());
            let is_number = text.bytes().all(|c| c.is_ascii_digit());
            if is_name || is_number {
                groups.remove(pos);
                r.fd = if is_number { text.parse().ok() } else { None };
                r.range.start = start;
                r.operator.start = start;
            }
        }
    }

    /// Moves keywords that tree-sitter-bash parsed as command words (`time`,
    /// `coproc`, `then` in broken input) into the syntax list.
    fn reserved_words(&mut self, words: &mut Vec<Word>) {
        let mut after_time = false;
        while let Some(w) = words.first() {
            let plain = !w.quoted && w.expansions.is_empty();
            let text = w.value.as_str();
            if plain && after_time && text == "-p" {
                after_time = false;
            } else if plain && RESERVED.contains(&text) {
                after_time = text == "time";
                if text == "coproc"
                    && words.len() > 2
                    && !words[1].quoted
                    && is_assignment(format!("{}=", words[1].value).as_bytes())
                    && words[2].value == "{"
                {
                    // `coproc NAME { ..; }`: the name is part of the keyword's syntax.
                    words.remove(1);
                }
            } else {
                break;
            }
            let w = words.remove(0);
            self.push_syntax(w.range, SyntaxKind::Keyword(crate::Compound::Other));
        }
    }
}

/// An ERROR node holding an unterminated here-document (`cat <<EOF` + text at the
/// end of the input).
pub(crate) fn is_broken_heredoc(n: Node) -> bool {
    n.is_error() && children(n).iter().any(|(c, _)| c.kind() == "heredoc_start")
}
