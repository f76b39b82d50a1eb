//! The explain stage: a parsed script and page lookups in, an [`Explanation`] out. Every part of
//! the command line becomes a span tied to the paragraph that documents it: the program's NAME
//! line, an option's own description, an operand's documentation, or the bash(1) paragraph for a
//! piece of shell syntax. Nothing is invented: what no page documents is marked unknown.
//!
//! Pure: no I/O beyond the [`PageSource`] it is given, so tests run on fixture pages.

mod command;
mod explanation;
mod option_lookup;
mod pages;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

pub use explanation::{Explanation, JSON_VERSION, Kind, Problem, Span, escape_html, html, plain};
pub use pages::{Lookup, MemoryPages, PageSource};
use roff::Text;
use shell::{RedirectKind, SyntaxKind};

/// A span before offsets are finished: range, kind, group and help.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub range: Range<usize>,
    pub kind: Kind,
    pub group: usize,
    pub help: Option<Arc<Vec<Text>>>,
    pub page: Option<String>,
    pub option: Option<String>,
    /// For a program: the other pages of the same name (`printf(1)` beside the builtin).
    pub other_pages: Vec<String>,
}

impl Piece {
    /// A part nothing documents.
    pub(crate) fn unknown(range: Range<usize>, group: usize) -> Piece {
        Piece {
            range,
            kind: Kind::Unknown,
            group,
            help: None,
            page: None,
            option: None,
            other_pages: Vec::new(),
        }
    }
}

/// Explains a command line or a whole script.
pub fn explain(source: &str, pages: &dyn PageSource) -> Explanation {
    explain_with_functions(source, pages, &HashSet::new())
}

/// Explains one part of a longer script: `functions` are the shell functions the rest of the
/// script defines, so that calling one is explained as a function call (functions defined in
/// `source` itself are found as [`explain`] finds them).
pub fn explain_with_functions(
    source: &str,
    pages: &dyn PageSource,
    functions: &HashSet<String>,
) -> Explanation {
    let script = shell::parse(source);
    let lookup = Lookup::new(pages);
    let mut pieces: Vec<Piece> = Vec::new();

    let mut functions: HashSet<String> = functions.clone();
    functions.extend(
        script
            .syntax
            .iter()
            .filter(|s| s.kind == SyntaxKind::FunctionName)
            .map(|s| source[s.range.clone()].to_string()),
    );
    let mut ctx = command::Context {
        lookup: &lookup,
        functions: &functions,
        last_group: 0,
        out: Vec::new(),
        help_cache: Default::default(),
    };
    for cmd in &script.commands {
        for a in &cmd.assignments {
            ctx.out.push(topic_piece(
                &lookup,
                a.range.clone(),
                Kind::Assignment,
                "assignment",
            ));
            expansion_pieces(&lookup, source, a, &mut ctx.out);
        }
        for r in &cmd.redirects {
            redirect_pieces(&lookup, source, r, &mut ctx.out);
        }
        for w in &cmd.words {
            expansion_pieces(&lookup, source, w, &mut ctx.out);
        }
        if !cmd.words.is_empty() {
            let group = ctx.last_group + 1;
            ctx.last_group = group;
            ctx.command(&cmd.words, group, false);
        }
    }
    pieces.append(&mut ctx.out);
    let mut openers: Vec<&str> = Vec::new();
    for syn in &script.syntax {
        let text = &source[syn.range.clone()];
        let (kind, key) = match syn.kind {
            SyntaxKind::Pipe | SyntaxKind::PipeAll => (Kind::Operator, "pipe"),
            SyntaxKind::And => (Kind::Operator, "list.and"),
            SyntaxKind::Or => (Kind::Operator, "list.or"),
            SyntaxKind::Semicolon => (Kind::Operator, "list.semicolon"),
            SyntaxKind::Background => (Kind::Operator, "list.background"),
            SyntaxKind::Negation => (Kind::Operator, "negation"),
            SyntaxKind::CaseTerminator => (Kind::Operator, "compound.case"),
            SyntaxKind::Comment => (Kind::Comment, "comment"),
            SyntaxKind::SubshellOpen | SyntaxKind::SubshellClose => {
                (Kind::Keyword, "compound.subshell")
            }
            SyntaxKind::FunctionName => (Kind::Keyword, "function"),
            SyntaxKind::Keyword => (Kind::Keyword, keyword_topic(text, &mut openers)),
        };
        pieces.push(topic_piece(&lookup, syn.range.clone(), kind, key));
    }
    let errors = script
        .errors
        .iter()
        .map(|e| Problem {
            start: e.range.start,
            end: e.range.end,
            message: e.message.clone(),
        })
        .collect();
    let pieces = resolve_overlaps(pieces);
    let pieces = fill_gaps(source, pieces);
    Explanation {
        version: JSON_VERSION,
        command: source.to_string(),
        spans: finish(source, pieces),
        errors,
    }
}

fn keyword_topic(text: &str, openers: &mut Vec<&'static str>) -> &'static str {
    let topic = match text {
        "if" | "then" | "elif" | "else" | "fi" => "compound.if",
        "for" => "compound.for",
        "while" | "until" => "compound.while",
        "select" => "compound.select",
        "case" | "esac" => "compound.case",
        "{" | "}" => "compound.group",
        "((" | "))" => "compound.arithmetic",
        "[[" | "]]" => "compound.conditional",
        "function" => "function",
        "coproc" => "coproc",
        "time" => "time",
        "!" => "negation",
        "(" | ")" | "|" if openers.last() == Some(&"compound.case") => "compound.case",
        "(" | ")" => "function",
        "-p" => "time",
        "do" | "done" | "in" => openers.last().copied().unwrap_or("compound.for"),
        _ => "simple-command",
    };
    match text {
        "for" | "while" | "until" | "select" | "case" => openers.push(topic),
        "done" | "esac" => {
            openers.pop();
        }
        _ => {}
    }
    topic
}

fn topic_piece(lookup: &Lookup, range: Range<usize>, kind: Kind, key: &str) -> Piece {
    match lookup.topic(key) {
        Some((page, topic)) => Piece {
            range,
            kind,
            group: 0,
            help: Some(topic),
            page: Some(page.citation()),
            option: None,
            other_pages: Vec::new(),
        },
        None => Piece::unknown(range, 0),
    }
}

/// The expansions inside a word: `$x`, `${x:-y}`, `$@`, `$(...)`, `$((...))`, `<(...)`, and a
/// leading `~`. Nested commands' own spans later cut these around themselves.
fn expansion_pieces(lookup: &Lookup, source: &str, w: &shell::Word, out: &mut Vec<Piece>) {
    for r in &w.expansions {
        let text = &source[r.clone()];
        let key = if text.starts_with("$((") {
            "expansion.arithmetic"
        } else if text.starts_with("$(") || text.starts_with('`') {
            "expansion.command"
        } else if text.starts_with("<(") || text.starts_with(">(") {
            "expansion.process"
        } else if text.starts_with("${") {
            "expansion.parameter"
        } else if let Some(name) = text.strip_prefix('$') {
            match name {
                "@" | "*" | "#" | "?" | "-" | "$" | "!" | "0" | "_" => {
                    let key = format!("parameter.special.{name}");
                    if lookup.topic(&key).is_some() {
                        out.push(topic_piece(lookup, r.clone(), Kind::Expansion, &key));
                        continue;
                    }
                    "parameter.special"
                }
                n if n.chars().all(|c| c.is_ascii_digit()) => "parameter.positional",
                _ => "expansion.parameter",
            }
        } else {
            continue;
        };
        out.push(topic_piece(lookup, r.clone(), Kind::Expansion, key));
    }
    let raw = &source[w.range.clone()];
    if raw.starts_with('~') {
        let end = raw.find('/').unwrap_or(raw.len());
        out.push(topic_piece(
            lookup,
            w.range.start..w.range.start + end,
            Kind::Expansion,
            "expansion.tilde",
        ));
    }
}

fn redirect_pieces(lookup: &Lookup, source: &str, r: &shell::Redirect, out: &mut Vec<Piece>) {
    let target_is_fd = r
        .target
        .as_ref()
        .is_some_and(|t| t.value == "-" || t.value.chars().all(|c| c.is_ascii_digit()));
    let key = match r.kind {
        RedirectKind::Output | RedirectKind::Clobber => "redirect.output",
        RedirectKind::Append => "redirect.append",
        RedirectKind::Input => "redirect.input",
        RedirectKind::DuplicateOutput if !target_is_fd && r.fd.is_none() => {
            "redirect.output-and-error"
        }
        RedirectKind::DuplicateOutput | RedirectKind::DuplicateInput => "redirect.duplicate",
        RedirectKind::OutputAndError => "redirect.output-and-error",
        RedirectKind::AppendOutputAndError => "redirect.append-output-and-error",
        RedirectKind::HereDocument => "redirect.here-document",
        RedirectKind::HereString => "redirect.here-string",
        RedirectKind::ReadWrite => "redirect.read-write",
    };
    let op = topic_piece(lookup, r.operator.clone(), Kind::Redirection, key);
    let as_argument = |range: Range<usize>| {
        let mut p = op.clone();
        p.range = range;
        if p.kind != Kind::Unknown {
            p.kind = Kind::Argument;
        }
        p
    };
    if let Some(t) = &r.target {
        out.push(as_argument(t.range.clone()));
    }
    if let Some(body) = &r.heredoc_body {
        if !source[body.clone()].trim().is_empty() {
            out.push(as_argument(body.clone()));
        }
        // The line that ends the here-document repeats the delimiter.
        if let Some(t) = &r.target {
            let rest = &source[body.end..];
            let indent = rest.len() - rest.trim_start_matches('\t').len();
            if rest[indent..].starts_with(t.value.as_str()) && !t.value.is_empty() {
                let start = body.end + indent;
                out.push(as_argument(start..start + t.value.len()));
            }
        }
    }
    out.push(op);
}

/// Nested spans win: a span that contains another is cut around it. Of two spans with the same
/// range, the one found first wins. One sweep over the spans sorted by start, outer before inner.
fn resolve_overlaps(pieces: Vec<Piece>) -> Vec<Piece> {
    struct Open {
        piece: Piece,
        cursor: usize,
    }
    fn emit(open: &Open, to: usize, out: &mut Vec<Piece>) {
        if open.cursor < to {
            let mut part = open.piece.clone();
            part.range = open.cursor..to;
            out.push(part);
        }
    }
    let mut indexed: Vec<(usize, Piece)> = pieces
        .into_iter()
        .filter(|p| p.range.start < p.range.end)
        .enumerate()
        .collect();
    indexed.sort_by(|(ia, a), (ib, b)| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
            .then(ib.cmp(ia))
    });
    let mut out = Vec::with_capacity(indexed.len());
    let mut stack: Vec<Open> = Vec::new();
    for (_, p) in indexed {
        while let Some(top) = stack.last() {
            if top.piece.range.end <= p.range.start {
                let top = stack.pop().expect("checked");
                emit(&top, top.piece.range.end, &mut out);
            } else {
                break;
            }
        }
        if let Some(top) = stack.last() {
            emit(top, p.range.start, &mut out);
        }
        for open in &mut stack {
            open.cursor = open.cursor.max(p.range.end.min(open.piece.range.end));
        }
        let start = p.range.start;
        stack.push(Open {
            piece: p,
            cursor: start,
        });
    }
    while let Some(top) = stack.pop() {
        emit(&top, top.piece.range.end, &mut out);
    }
    out.sort_by_key(|p| p.range.start);
    out
}

/// Text that no span covers (other than blanks) becomes unknown spans, word by word; spans are
/// trimmed of surrounding blanks.
fn fill_gaps(source: &str, pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    let mut pos = 0;
    let push_unknown = |from: usize, to: usize, out: &mut Vec<Piece>| {
        let mut word_start = None;
        let add = |range: Range<usize>, out: &mut Vec<Piece>| out.push(Piece::unknown(range, 0));
        for (i, c) in source[from..to].char_indices() {
            if c.is_whitespace() {
                if let Some(s) = word_start.take() {
                    add(from + s..from + i, out);
                }
            } else if word_start.is_none() {
                word_start = Some(i);
            }
        }
        if let Some(s) = word_start {
            add(from + s..to, out);
        }
    };
    for mut p in pieces {
        // Trim blanks so spans never start or end in white space.
        let text = &source[p.range.clone()];
        let lead = text.len() - text.trim_start().len();
        let trail = text.len() - text.trim_end().len();
        if lead + trail >= text.len() {
            continue;
        }
        p.range = p.range.start + lead..p.range.end - trail;
        if p.range.start > pos {
            let before = out.len();
            push_unknown(pos, p.range.start, &mut out);
            inherit_keyword_help(source, &mut out, before);
        }
        pos = pos.max(p.range.end);
        out.push(p);
    }
    if pos < source.len() {
        push_unknown(pos, source.len(), &mut out);
    }
    out
}

/// Words that belong to a compound command's syntax (the variable and words of `for f in a b`,
/// the word of `case w in`) are not commands: they take the help of the keyword before them.
fn inherit_keyword_help(source: &str, out: &mut [Piece], first_new: usize) {
    if first_new == 0 {
        return;
    }
    let keyword = out[first_new - 1].clone();
    let text = &source[keyword.range.clone()];
    if keyword.kind != Kind::Keyword || !matches!(text, "for" | "in" | "select" | "case") {
        return;
    }
    for p in &mut out[first_new..] {
        if p.kind == Kind::Unknown
            && !source[keyword.range.end..p.range.start].contains(['\n', ';'])
        {
            p.kind = Kind::Argument;
            p.help = keyword.help.clone();
            p.page = keyword.page.clone();
        }
    }
}

fn finish(source: &str, pieces: Vec<Piece>) -> Vec<Span> {
    let mut spans = Vec::with_capacity(pieces.len());
    let mut byte = 0;
    let mut utf16 = 0;
    let mut advance = |to: usize| {
        utf16 += source[byte..to].encode_utf16().count();
        byte = to;
        utf16
    };
    // Rendered once per distinct help: spans that share a help share its text.
    let mut rendered: std::collections::HashMap<usize, (String, String)> =
        std::collections::HashMap::new();
    for p in pieces {
        let start_utf16 = advance(p.range.start);
        let end_utf16 = advance(p.range.end);
        let (help, help_html) = match &p.help {
            Some(h) if p.kind != Kind::Unknown => {
                let (plain_text, html_text) = rendered
                    .entry(Arc::as_ptr(h) as usize)
                    .or_insert_with(|| (plain(h), html(h)))
                    .clone();
                (Some(plain_text), Some(html_text))
            }
            _ => (None, None),
        };
        let kind = if help.is_none() {
            Kind::Unknown
        } else {
            p.kind
        };
        spans.push(Span {
            start: p.range.start,
            end: p.range.end,
            start_utf16,
            end_utf16,
            text: source[p.range.clone()].to_string(),
            kind,
            group: p.group,
            help,
            help_html,
            page: if kind == Kind::Unknown { None } else { p.page },
            option: if kind == Kind::Option { p.option } else { None },
            other_pages: p.other_pages,
            help_text: if kind == Kind::Unknown {
                Arc::default()
            } else {
                p.help.unwrap_or_default()
            },
        });
    }
    spans
}
