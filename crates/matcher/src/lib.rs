//! The explain stage: a parsed script and page lookups in, an [`Explanation`] out. Every part of
//! the command line becomes a span pointing at the help that documents it: the program's NAME
//! line, an option's own description, an operand's documentation, or the shell page's paragraph
//! for a piece of shell syntax. Nothing is invented: what no page documents is marked unknown.
//!
//! Pure: no I/O beyond the [`PageSource`] it is given, and nothing rendered (the `render` crate
//! turns an explanation into text, HTML, markdown and JSON).

mod bundle;
mod command;
mod explanation;
mod help;
mod inline;
mod joins;
mod lookup;
mod option_lookup;
mod parameter;
mod words;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

pub use explanation::{Explanation, Help, HelpId, HelpKind, Kind, Problem, Span};
use help::HelpEntry;
use lookup::Lookup;
use manpage::Topic;
pub use manpage::{LookupError, MemoryPages, PageSource, SHELL_PAGE};
use shell::{Compound, RedirectKind, Script, SyntaxKind};

/// A span before it is numbered: range, kind, group and help.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub range: Range<usize>,
    pub kind: Kind,
    pub group: usize,
    pub help: Option<Arc<HelpEntry>>,
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
            option: None,
            other_pages: Vec::new(),
        }
    }
}

/// Explains a parsed command line or script. Fails only when the page source does (a damaged
/// index), never on the script: parse errors are part of the explanation.
pub fn explain(script: &Script, pages: &dyn PageSource) -> Result<Explanation, LookupError> {
    explain_range(script, 0..script.source.len(), pages)
}

/// Parses and explains a command line or script.
pub fn explain_str(source: &str, pages: &dyn PageSource) -> Result<Explanation, LookupError> {
    explain(&shell::parse(source), pages)
}

/// Explains the part of a script within `range` (a statement under an editor's cursor): spans
/// only there, with offsets into the whole script, and the functions the whole script defines
/// known as functions.
pub fn explain_range(
    script: &Script,
    range: Range<usize>,
    pages: &dyn PageSource,
) -> Result<Explanation, LookupError> {
    let source: &str = &script.source;
    let range = range.start.min(source.len())..range.end.min(source.len());
    let within = |r: &Range<usize>| r.start >= range.start && r.start < range.end;
    let lookup = Lookup::new(pages);
    let functions: HashSet<String> = script
        .syntax
        .iter()
        .filter(|s| s.kind == SyntaxKind::FunctionName)
        .map(|s| source[s.range.clone()].to_string())
        .collect();
    let mut ctx = command::Context {
        source,
        lookup: &lookup,
        functions: &functions,
        last_group: 0,
        out: Vec::new(),
        helps: Default::default(),
        nested: Vec::new(),
    };
    let mut syntax: Vec<shell::Syntax> = Vec::new();
    for cmd in script.commands.iter().filter(|c| within(&c.range)) {
        command_pieces(&mut ctx, source, cmd);
        inline_scripts(&mut ctx, &script.source, &cmd.words, &mut syntax, 0);
    }
    let mut pieces = std::mem::take(&mut ctx.out);
    loose_substitutions(&lookup, source, script, &within, &mut pieces);
    let all_syntax = script.syntax.iter().filter(|s| within(&s.range));
    for syn in all_syntax.chain(&syntax) {
        let (kind, topic) = syntax_topic(syn.kind);
        pieces.push(topic_piece(&lookup, syn.range.clone(), kind, topic));
    }
    let errors = script
        .errors
        .iter()
        .filter(|e| within(&e.range) || (e.range.is_empty() && e.range.start == range.end))
        .map(|e| Problem {
            range: e.range.clone(),
            message: e.message.clone(),
        })
        .collect();
    pieces.retain_mut(|p| {
        p.range = p.range.start.max(range.start)..p.range.end.min(range.end);
        p.range.start < p.range.end
    });
    let pieces = joins::join_word_parts(source, resolve_overlaps(pieces));
    let pieces = fill_gaps(source, range, pieces);
    if let Some(e) = lookup.take_error() {
        return Err(e);
    }
    let (spans, helps) = finish(pieces);
    Ok(Explanation {
        command: script.source.clone(),
        spans,
        helps,
        errors,
    })
}

/// The commands of the command strings of one simple command (`sh -c '...'`) and of the
/// commands it runs (`docker run img sh -c '...'`, `ssh host 'cmd'`), explained in place, each a
/// group of its own; their shell syntax is added to `syntax`. Strings inside those strings too,
/// up to a few levels; a string that does not parse is left as the outer command's word.
fn inline_scripts(
    ctx: &mut command::Context,
    source: &std::sync::Arc<str>,
    words: &[shell::Word],
    syntax: &mut Vec<shell::Syntax>,
    depth: usize,
) {
    let nested = std::mem::take(&mut ctx.nested);
    if depth >= 3 {
        return;
    }
    let mut strings = inline::command_strings(source, words);
    for n in &nested {
        let Some(at) = words.iter().position(|w| w.range.start == n.start) else {
            continue;
        };
        let inner = &words[at..];
        strings.extend(inline::joined_command_string(source, &n.wrapper, inner));
        strings.extend(inline::command_strings(source, inner));
    }
    strings.sort_by_key(|r| (r.start, r.end));
    strings.dedup();
    for range in strings {
        let inner = shell::parse_embedded(source, range);
        if !inner.errors.is_empty() {
            continue;
        }
        for c in &inner.commands {
            command_pieces(ctx, source, c);
            inline_scripts(ctx, source, &c.words, syntax, depth + 1);
        }
        syntax.extend(inner.syntax);
    }
}

/// Command substitutions in words that are no command's (the list of `for u in $(cut ...)`, the
/// word of `case $(uname) in`): the commands inside are the script's, and the `$(` and `)`
/// around them get the substitution's paragraph, as they do inside a command's word.
fn loose_substitutions(
    lookup: &Lookup,
    source: &str,
    script: &Script,
    within: &dyn Fn(&Range<usize>) -> bool,
    out: &mut Vec<Piece>,
) {
    let b = source.as_bytes();
    let mut seen: Vec<usize> = Vec::new();
    for c in script
        .commands
        .iter()
        .filter(|c| c.parent.is_none() && within(&c.range))
    {
        let before = source[..c.range.start].trim_end_matches([' ', '\t', '\n']);
        let opener = ["$(", "`", "<(", ">("]
            .into_iter()
            .find(|o| before.ends_with(o) && !before.ends_with("$(("));
        let Some(opener) = opener else { continue };
        let start = before.len() - opener.len();
        let inside_a_command = script
            .commands
            .iter()
            .any(|o| o.range.start <= start && start < o.range.end);
        if inside_a_command || seen.contains(&start) {
            continue;
        }
        seen.push(start);
        let Some(end) = substitution_end(b, start + opener.len(), opener == "`") else {
            continue;
        };
        if let Some(topic) = expansion_topic(lookup, &source[start..end]) {
            out.push(topic_piece(lookup, start..end, Kind::Expansion, topic));
        }
    }
}

/// The end (after the closing `)` or backquote) of a substitution whose text starts at `from`.
fn substitution_end(b: &[u8], from: usize, backquote: bool) -> Option<usize> {
    let mut depth = 1;
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'`' if backquote => return Some(i + 1),
            b'\'' if !backquote => i += b[i + 1..].iter().position(|c| *c == b'\'')? + 1,
            b'(' if !backquote => depth += 1,
            b')' if !backquote => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The pieces of one simple command: its assignments, redirections, expansions and words.
fn command_pieces(ctx: &mut command::Context, source: &str, cmd: &shell::Command) {
    let lookup = ctx.lookup;
    for a in &cmd.assignments {
        let piece = topic_piece(lookup, a.range.clone(), Kind::Assignment, Topic::Assignment);
        ctx.out.push(piece);
        expansion_pieces(lookup, source, a, &mut ctx.out);
    }
    for r in &cmd.redirects {
        redirect_pieces(lookup, source, r, &mut ctx.out);
    }
    for w in &cmd.words {
        expansion_pieces(lookup, source, w, &mut ctx.out);
    }
    if !cmd.words.is_empty() {
        let group = ctx.last_group + 1;
        ctx.last_group = group;
        ctx.command(&cmd.words, group, false);
    }
}

/// The kind of span and the shell topic of a piece of syntax.
fn syntax_topic(kind: SyntaxKind) -> (Kind, Topic) {
    match kind {
        SyntaxKind::Pipe | SyntaxKind::PipeAll => (Kind::Operator, Topic::Pipe),
        SyntaxKind::And => (Kind::Operator, Topic::ListAnd),
        SyntaxKind::Or => (Kind::Operator, Topic::ListOr),
        SyntaxKind::Semicolon => (Kind::Operator, Topic::ListSemicolon),
        SyntaxKind::Background => (Kind::Operator, Topic::ListBackground),
        SyntaxKind::Negation => (Kind::Operator, Topic::Negation),
        SyntaxKind::CaseTerminator => (Kind::Operator, Topic::Case),
        SyntaxKind::Comment => (Kind::Comment, Topic::Comment),
        SyntaxKind::SubshellOpen | SyntaxKind::SubshellClose => (Kind::Keyword, Topic::Subshell),
        SyntaxKind::FunctionName => (Kind::Keyword, Topic::Function),
        SyntaxKind::Keyword(compound) => (Kind::Keyword, compound_topic(compound)),
    }
}

/// The shell topic that documents the reserved words of a construct.
fn compound_topic(compound: Compound) -> Topic {
    match compound {
        Compound::If => Topic::If,
        Compound::For => Topic::For,
        Compound::While | Compound::Until => Topic::While,
        Compound::Select => Topic::Select,
        Compound::Case => Topic::Case,
        Compound::Group => Topic::Group,
        Compound::Arithmetic => Topic::Arithmetic,
        Compound::Conditional => Topic::Conditional,
        Compound::Function => Topic::Function,
        Compound::Coproc => Topic::Coproc,
        Compound::Time => Topic::Time,
        Compound::Negation => Topic::Negation,
        Compound::Other => Topic::SimpleCommand,
    }
}

fn topic_piece(lookup: &Lookup, range: Range<usize>, kind: Kind, topic: Topic) -> Piece {
    match lookup.topic(topic) {
        Some(help) => Piece {
            range,
            kind,
            group: 0,
            help: Some(help),
            option: None,
            other_pages: Vec::new(),
        },
        None => Piece::unknown(range, 0),
    }
}

/// The topic of an expansion by how it is written (`$((`, `$(`, `${`, `$@`, `$1`, `$x`).
fn expansion_topic(lookup: &Lookup, text: &str) -> Option<Topic> {
    Some(if text.starts_with("$((") {
        Topic::ArithmeticExpansion
    } else if text.starts_with("$(") || text.starts_with('`') {
        Topic::CommandSubstitution
    } else if text.starts_with("<(") || text.starts_with(">(") {
        Topic::ProcessSubstitution
    } else if text.starts_with("${") {
        parameter::form(text)
            .filter(|&t| lookup.topic(t).is_some())
            .unwrap_or(Topic::ParameterExpansion)
    } else if let Some(name) = text.strip_prefix('$') {
        match name {
            "@" | "*" | "#" | "?" | "-" | "$" | "!" | "0" | "_" => Topic::special_parameter(name)
                .filter(|&t| lookup.topic(t).is_some())
                .unwrap_or(Topic::SpecialParameter),
            n if n.chars().all(|c| c.is_ascii_digit()) => Topic::PositionalParameter,
            _ => Topic::ParameterExpansion,
        }
    } else {
        return None;
    })
}

/// The expansions inside a word: `$x`, `${x:-y}`, `$@`, `$(...)`, `$((...))`, `<(...)`, and a
/// leading `~`. Nested commands' own spans later cut these around themselves.
fn expansion_pieces(lookup: &Lookup, source: &str, w: &shell::Word, out: &mut Vec<Piece>) {
    for r in &w.expansions {
        if let Some(topic) = expansion_topic(lookup, &source[r.clone()]) {
            out.push(topic_piece(lookup, r.clone(), Kind::Expansion, topic));
        }
    }
    let raw = &source[w.range.clone()];
    if raw.starts_with('~') {
        let end = raw.find('/').unwrap_or(raw.len());
        out.push(topic_piece(
            lookup,
            w.range.start..w.range.start + end,
            Kind::Expansion,
            Topic::TildeExpansion,
        ));
    }
}

fn redirect_pieces(lookup: &Lookup, source: &str, r: &shell::Redirect, out: &mut Vec<Piece>) {
    let target_is_fd = r
        .target
        .as_ref()
        .is_some_and(|t| t.value == "-" || t.value.chars().all(|c| c.is_ascii_digit()));
    let topic = match r.kind {
        RedirectKind::Output | RedirectKind::Clobber => Topic::RedirectOutput,
        RedirectKind::Append => Topic::RedirectAppend,
        RedirectKind::Input => Topic::RedirectInput,
        RedirectKind::DuplicateOutput if !target_is_fd && r.fd.is_none() => {
            Topic::RedirectOutputAndError
        }
        RedirectKind::DuplicateOutput | RedirectKind::DuplicateInput => Topic::Duplicate,
        RedirectKind::OutputAndError => Topic::RedirectOutputAndError,
        RedirectKind::AppendOutputAndError => Topic::RedirectAppendOutputAndError,
        RedirectKind::HereDocument => Topic::HereDocument,
        RedirectKind::HereString => Topic::HereString,
        RedirectKind::ReadWrite => Topic::ReadWrite,
    };
    let op = topic_piece(lookup, r.operator.clone(), Kind::Redirection, topic);
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

/// Text of `range` that no span covers (other than blanks) becomes unknown spans, word by word;
/// spans are trimmed of surrounding blanks.
fn fill_gaps(source: &str, range: Range<usize>, pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    let mut pos = range.start;
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
            inherit_pattern_help(source, &mut out, before, &p);
        }
        pos = pos.max(p.range.end);
        out.push(p);
    }
    if pos < range.end {
        push_unknown(pos, range.end, &mut out);
    }
    out
}

/// The patterns of a case item (`-f|--force)`, after `in`, `;;` or `|`, before `|` or `)`) are
/// not commands: they take the help of the case command, as the `)` and `|` have it.
fn inherit_pattern_help(source: &str, out: &mut [Piece], first_new: usize, close: &Piece) {
    let is_close = close.kind == Kind::Keyword && matches!(&source[close.range.clone()], ")" | "|");
    if first_new == 0 || !is_close || close.help.is_none() {
        return;
    }
    let before = &out[first_new - 1];
    let opens = matches!(before.kind, Kind::Keyword | Kind::Operator)
        && matches!(
            &source[before.range.clone()],
            "in" | "|" | "(" | ";;" | ";&" | ";;&"
        );
    if !opens {
        return;
    }
    for p in &mut out[first_new..] {
        if p.kind == Kind::Unknown {
            p.kind = Kind::Argument;
            p.help = close.help.clone();
        }
    }
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
        }
    }
}

/// Numbers the helps and turns the pieces into spans. A span whose kind is unknown has no help,
/// and one with no help is unknown.
fn finish(pieces: Vec<Piece>) -> (Vec<Span>, Vec<Help>) {
    let help_of: Vec<Option<Arc<HelpEntry>>> = pieces
        .iter()
        .map(|p| p.help.clone().filter(|_| p.kind != Kind::Unknown))
        .collect();
    let (ids, helps) = help::number(&help_of);
    let spans = pieces
        .into_iter()
        .zip(ids)
        .map(|(p, help)| {
            let kind = if help.is_none() {
                Kind::Unknown
            } else {
                p.kind
            };
            Span {
                range: p.range,
                kind,
                group: p.group,
                help,
                option: if kind == Kind::Option { p.option } else { None },
                other_pages: p.other_pages,
            }
        })
        .collect();
    (spans, helps)
}
