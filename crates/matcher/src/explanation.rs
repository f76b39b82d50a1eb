//! The result of explaining a command line: spans over the text, each pointing at one entry of
//! a table of distinct helps. Nothing here is rendered: the `render` crate turns it into text,
//! HTML, markdown and JSON.

use std::ops::Range;
use std::sync::Arc;

use manpage::Text;

/// What a span of the command line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The program a simple command runs.
    Program,
    /// A sub-command with its own page (`git commit`).
    Subcommand,
    /// An option (`-x`, `--file=x`), or one letter of a bundle (`z` in `-xzvf`).
    Option,
    /// An option's argument, an operand, or a redirection target.
    Argument,
    /// A control operator (`|`, `&&`, `;`, `&`).
    Operator,
    /// A redirection operator (`>`, `2>&1`, `<<EOF`).
    Redirection,
    /// A reserved word or other shell syntax (`if`, `{`, `((`).
    Keyword,
    /// A variable assignment (`FOO=bar`).
    Assignment,
    /// An expansion (`$x`, `$(...)`).
    Expansion,
    /// A comment.
    Comment,
    /// Something nothing documents.
    Unknown,
}

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: [Kind; 11] = [
        Kind::Program,
        Kind::Subcommand,
        Kind::Option,
        Kind::Argument,
        Kind::Operator,
        Kind::Redirection,
        Kind::Keyword,
        Kind::Assignment,
        Kind::Expansion,
        Kind::Comment,
        Kind::Unknown,
    ];

    /// The kind's stable lowercase name (`program`, `option`, ...), as the JSON contract spells it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Program => "program",
            Kind::Subcommand => "subcommand",
            Kind::Option => "option",
            Kind::Argument => "argument",
            Kind::Operator => "operator",
            Kind::Redirection => "redirection",
            Kind::Keyword => "keyword",
            Kind::Assignment => "assignment",
            Kind::Expansion => "expansion",
            Kind::Comment => "comment",
            Kind::Unknown => "unknown",
        }
    }
}

/// The number of a help in [`Explanation::helps`], counted from 1 in order of first use: the
/// number its box is shown with on every surface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HelpId(pub u32);

impl HelpId {
    /// Its position in [`Explanation::helps`].
    pub fn index(self) -> usize {
        self.0 as usize - 1
    }
}

impl std::fmt::Display for HelpId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What documentation a help is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HelpKind {
    /// A program's NAME line (with a builtin's first paragraph).
    Program,
    /// A sub-command: its page's NAME line, or the page's item for it.
    Command,
    /// An option's definition (its head, then its description).
    Option,
    /// One documented value of an option's argument.
    Value,
    /// An operand's documentation.
    Operand,
    /// The shell page's paragraph on a piece of syntax.
    Syntax,
}

impl HelpKind {
    /// The stable lowercase name, as the JSON contract spells it.
    pub fn name(self) -> &'static str {
        match self {
            HelpKind::Program => "program",
            HelpKind::Command => "command",
            HelpKind::Option => "option",
            HelpKind::Value => "value",
            HelpKind::Operand => "operand",
            HelpKind::Syntax => "syntax",
        }
    }
}

/// One distinct piece of documentation, shown once however many spans it explains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    /// Its number.
    pub id: HelpId,
    /// What it documents.
    pub kind: HelpKind,
    /// `name(section)` of the page it comes from.
    pub page: String,
    /// The definition head as printed (`-f, --file=ARCHIVE`), for options and command items.
    pub head: Option<Text>,
    /// The paragraphs.
    pub body: Arc<Vec<Text>>,
}

impl Help {
    /// The head (if any) and then the body, as one list of paragraphs.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Text> {
        self.head.iter().chain(self.body.iter())
    }
}

/// One explained part of the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte offsets in the command; never empty, never starting or ending in white space.
    pub range: Range<usize>,
    /// What the part is.
    pub kind: Kind,
    /// 0 for shell syntax, then 1, 2, ... per simple command in order of appearance.
    pub group: usize,
    /// What documents it; `None` exactly when the kind is [`Kind::Unknown`].
    pub help: Option<HelpId>,
    /// For options: the flag as documented, e.g. `-x`.
    pub option: Option<String>,
    /// For a program: the other pages of the same name, as `name(section)` (`printf(1)` when
    /// the builtin explains `printf`).
    pub other_pages: Vec<String>,
}

/// A problem with the command line: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte offsets in the command.
    pub range: Range<usize>,
    /// What is wrong, with line and column.
    pub message: String,
}

/// The explanation of a whole command line or script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The command line as given.
    pub command: Arc<str>,
    /// The explained parts, in order, never overlapping.
    pub spans: Vec<Span>,
    /// Each distinct help once; `helps[i].id` is `i + 1`.
    pub helps: Vec<Help>,
    /// Syntax errors found while parsing (the rest is still explained).
    pub errors: Vec<Problem>,
}

impl Explanation {
    /// The text of a span.
    pub fn text(&self, span: &Span) -> &str {
        &self.command[span.range.clone()]
    }

    /// The help a span points at.
    pub fn help(&self, span: &Span) -> Option<&Help> {
        span.help.map(|id| &self.helps[id.index()])
    }

    /// `name(section)` of the page that documents a span.
    pub fn page(&self, span: &Span) -> Option<&str> {
        self.help(span).map(|h| h.page.as_str())
    }

    /// The spans that point at one help, in order.
    pub fn spans_of(&self, id: HelpId) -> impl Iterator<Item = &Span> {
        self.spans.iter().filter(move |s| s.help == Some(id))
    }
}
