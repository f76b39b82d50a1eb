//! Shell command lines and whole scripts, parsed into simple commands, words and
//! shell syntax with exact byte ranges.
//!
//! [`parse`] runs [tree-sitter-bash](https://github.com/tree-sitter/tree-sitter-bash)
//! over the source and then corrects its quirks so that every range is right for
//! explaining a command line piece by piece: words split by tree-sitter are joined
//! again (`$D/x/$1`, `foo\` + newline + `bar`), words swallowed by a redirection
//! (`grep foo > out --include=*.c`) go back to their command, `export`/`unset`/`[`/`[[`
//! become ordinary commands whose words can be looked up in a manual page, `time`
//! and `coproc` become keywords, the commands after a here-document operator
//! (`cat <<EOF | grep x`) are found, and operators that tree-sitter-bash does not
//! know (`<>`, a here-string after another redirection, `{fd}>file`, a last `;;&`)
//! are read from the source. Parsing never fails: what could not be parsed is
//! reported in [`Script::errors`], and whatever did parse is still returned. The
//! input given to tree-sitter is first rewritten at a few places, keeping every
//! byte offset, to avoid a crash in tree-sitter-bash's scanner (see `walk.rs`).
//!
//! ```
//! let script = shell::parse("grep -i foo *.c 2>&1 | wc -l");
//! let names: Vec<&str> = script.commands.iter().map(|c| c.words[0].value.as_str()).collect();
//! assert_eq!(names, ["grep", "wc"]);
//! assert_eq!(script.commands[0].redirects[0].kind, shell::RedirectKind::DuplicateOutput);
//! assert_eq!(script.syntax[0].kind, shell::SyntaxKind::Pipe);
//! assert!(script.errors.is_empty());
//! ```

#![warn(missing_docs)]

use serde::Serialize;
use std::ops::Range;
use std::sync::Arc;

pub use statements::{Statement, parse_with_statements};

mod build;
mod keywords;
mod post;
mod repair;
mod statements;
mod walk;
mod word;

/// A parsed command line or script: its simple commands, the shell syntax around
/// them, and the parse errors found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Script {
    /// The text that was parsed; every range below is a byte range into it.
    pub source: Arc<str>,
    /// Every simple command, sorted by the start of its range, including those
    /// nested in `$(..)`, `` `..` ``, `<(..)`, `>(..)`, in compound commands and in
    /// function bodies. Redirections attached to a compound command
    /// (`while ..; done < file`) form a command of their own with no words.
    pub commands: Vec<Command>,
    /// Every piece of shell syntax that is not part of a simple command's words,
    /// sorted by start and never overlapping each other. A piece may lie inside a
    /// word only within one of that word's [`Word::expansions`] (for example the
    /// `|` in `echo $(a | b)`).
    pub syntax: Vec<Syntax>,
    /// What could not be parsed, sorted by start.
    pub errors: Vec<ParseError>,
}

/// One simple command: optional assignments, the command name and its arguments,
/// and its redirections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Command {
    /// From the start of its first word, assignment or redirection to the end of
    /// its last one (a here-document body is not included).
    pub range: Range<usize>,
    /// `NAME=value` words before the command name. A line of only assignments has
    /// these and no [`words`](Command::words).
    pub assignments: Vec<Word>,
    /// The command name first, then the arguments, in order; redirections are not
    /// here. `[[ -f x ]]` gives `[[`, `-f`, `x`, `]]`, and `export A=1` gives
    /// `export`, `A=1`.
    pub words: Vec<Word>,
    /// The redirections of this command, in source order.
    pub redirects: Vec<Redirect>,
    /// Index in [`Script::commands`] of the command one of whose words (or
    /// redirections) contains this one through a command or process substitution.
    pub parent: Option<usize>,
}

/// One shell word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    /// The whole word, quotes included.
    pub range: Range<usize>,
    /// The word after quote removal: quotes dropped, backslash escapes and `$'..'`
    /// escapes resolved, line continuations removed; expansions kept as written.
    pub value: String,
    /// Whether any part of the word was quoted or escaped.
    pub quoted: bool,
    /// Ranges of the outermost expansions in the word: `$x`, `${..}`, `$(..)`,
    /// `` `..` ``, `$((..))`, `$[..]`, `<(..)`, `>(..)`.
    pub expansions: Vec<Range<usize>>,
}

/// One redirection, such as `2>&1`, `> out` or `<<EOF`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redirect {
    /// From the operator (with its fd number) to the end of the target; a
    /// here-document body is not included.
    pub range: Range<usize>,
    /// The operator with a leading fd number or `{name}`: `2>&` in `2>&1`, `&>`,
    /// `<<<`, `<<-`, `{fd}>`.
    pub operator: Range<usize>,
    /// What the operator does.
    pub kind: RedirectKind,
    /// The leading fd number, if written.
    pub fd: Option<u32>,
    /// The file, the fd number (`1` in `2>&1`, `-` in `3>&-`), the here-string, or
    /// the here-document delimiter.
    pub target: Option<Word>,
    /// The lines of a here-document, from the line after the operator up to the
    /// start of the delimiter line.
    pub heredoc_body: Option<Range<usize>>,
}

/// What a redirection operator does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum RedirectKind {
    /// `>`
    Output,
    /// `>>`
    Append,
    /// `<`
    Input,
    /// `>&`
    DuplicateOutput,
    /// `<&`
    DuplicateInput,
    /// `&>`
    OutputAndError,
    /// `&>>`
    AppendOutputAndError,
    /// `<<` and `<<-`
    HereDocument,
    /// `<<<`
    HereString,
    /// `<>`
    ReadWrite,
    /// `>|`
    Clobber,
}

/// A piece of shell syntax outside the words of simple commands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Syntax {
    /// Where it is.
    pub range: Range<usize>,
    /// What it is.
    pub kind: SyntaxKind,
}

/// The kinds of [`Syntax`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum SyntaxKind {
    /// `|`
    Pipe,
    /// `|&`
    PipeAll,
    /// `&&`
    And,
    /// `||`
    Or,
    /// `;`
    Semicolon,
    /// `&` after a command
    Background,
    /// `!` before a pipeline
    Negation,
    /// `;;`, `;&` and `;;&`
    CaseTerminator,
    /// `if then elif else fi for in do done while until case esac function select
    /// coproc time { } (( ))`, `-p` after `time`, the parens of a function
    /// definition (`f()`) and of a case pattern (`(a|b)`), and the `|` between case
    /// patterns. (`[[` and `]]` are words of their command; the `;` inside
    /// `for ((..;..;..))` is part of the arithmetic and not reported.) It carries
    /// the construct the word belongs to, so that a word read alone (`done`) is
    /// still known as part of its loop.
    Keyword(Compound),
    /// The `(` of a subshell.
    SubshellOpen,
    /// The `)` of a subshell.
    SubshellClose,
    /// A `#` comment.
    Comment,
    /// The name in a function definition.
    FunctionName,
}

/// The construct a reserved word belongs to: `do` and `done` are part of the
/// loop that opened them, `in` of its `for`, `select` or `case`, the parens of a
/// case pattern of the `case`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Compound {
    /// `if then elif else fi`
    If,
    /// `for in do done`, also `for ((..))`
    For,
    /// `while do done`
    While,
    /// `until do done`
    Until,
    /// `select in do done`
    Select,
    /// `case in esac`, the parens and `|` of its patterns
    Case,
    /// `{ }`
    Group,
    /// `(( ))`
    Arithmetic,
    /// `[[ ]]`
    Conditional,
    /// `function`, and the `()` of a definition
    Function,
    /// `coproc`
    Coproc,
    /// `time` and its `-p`
    Time,
    /// `!` before a pipeline
    Negation,
    /// A reserved word outside the construct it belongs to (a `|` between case
    /// patterns with no `case` open, in broken input).
    Other,
}

/// Something that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParseError {
    /// Where it is (empty for something missing, such as a closing `)`).
    pub range: Range<usize>,
    /// What and where, e.g. ``unexpected `)` at 1:8`` (line and column count from 1;
    /// the column counts characters).
    pub message: String,
}

/// Parses a command line or a whole script.
///
/// Never panics and never fails, whatever the input: parse errors are reported in
/// [`Script::errors`] next to everything that could still be parsed. All ranges are
/// byte offsets into `source`, end exclusive, on char boundaries.
pub fn parse(source: &str) -> Script {
    walk::parse(source)
}

/// Parses the text at `range` of `source` as a script of its own (the string of `sh -c '...'`),
/// with every range pointing into the whole `source`.
pub fn parse_embedded(source: &Arc<str>, range: Range<usize>) -> Script {
    let mut inner = walk::parse(&source[range.clone()]);
    let by = range.start;
    let shift = |r: &mut Range<usize>| *r = r.start + by..r.end + by;
    let shift_word = |w: &mut Word| {
        shift(&mut w.range);
        w.expansions.iter_mut().for_each(shift);
    };
    for c in &mut inner.commands {
        shift(&mut c.range);
        c.assignments.iter_mut().for_each(shift_word);
        c.words.iter_mut().for_each(shift_word);
        for r in &mut c.redirects {
            shift(&mut r.range);
            shift(&mut r.operator);
            r.target.iter_mut().for_each(shift_word);
            r.heredoc_body.iter_mut().for_each(shift);
        }
    }
    inner.syntax.iter_mut().for_each(|s| shift(&mut s.range));
    inner.errors.iter_mut().for_each(|e| shift(&mut e.range));
    inner.source = source.clone();
    inner
}
