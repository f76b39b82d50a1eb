//! What the parser reports about a page: every message a [`Code`] with its level, as mandoc
//! keeps its messages in one table, and a [`Diagnostic`] that says where.

use serde::{Deserialize, Serialize};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Severity {
    /// Something was not understood and was skipped or approximated; the rest is read.
    Warning,
    /// A roff feature this parser does not implement; what depends on it may read wrongly.
    Unsupported,
    /// Part of the page could not be read at all (an included file is missing).
    Error,
}

macro_rules! codes {
    ($($(#[$doc:meta])* $code:ident => $level:ident,)*) => {
        /// The kinds of problem the parser reports, each with its level.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Code {
            $($(#[$doc])* $code,)*
        }

        impl Code {
            /// Every code, in table order.
            pub const ALL: &'static [Code] = &[$(Code::$code,)*];

            /// How serious problems of this kind are.
            pub fn level(self) -> Severity {
                match self {
                    $(Code::$code => Severity::$level,)*
                }
            }
        }
    };
}

codes! {
    /// `\[name]` names no glyph we know.
    UnknownGlyph => Warning,
    /// `\N'...'` holds no character code.
    BadCharacterCode => Warning,
    /// `\f[name]` names no font we know; set as roman.
    UnknownFont => Warning,
    /// An escape sequence we do not know.
    UnknownEscape => Warning,
    /// A request or macro that neither roff nor the page defines.
    UnknownMacro => Warning,
    /// `.de`, `.ds` or `.nr` without a name.
    MacroWithoutName => Warning,
    /// A page's own `.de` of a structural macro (`SH`, `TP`, ...), ignored.
    RedefinedStructuralMacro => Warning,
    /// A string used but never defined.
    UndefinedString => Warning,
    /// A macro that expands into itself too deep.
    MacroTooDeep => Warning,
    /// `.cc`, `.ec`, `.eo` and friends, which change roff's own syntax.
    SyntaxChange => Unsupported,
    /// An `.if` condition we cannot evaluate; taken as false.
    ConditionNotUnderstood => Unsupported,
    /// `.while`, whose loops are not run.
    WhileLoop => Unsupported,
    /// A page that expands to more lines than any real page; the rest is skipped.
    TooLong => Error,
    /// `.so` that includes itself through other files.
    IncludeLoop => Error,
    /// `.so` files nested too deep.
    IncludeTooDeep => Error,
    /// `.so` with no manual tree to look the file up in.
    IncludeWithoutTree => Error,
    /// `.so` whose file cannot be read.
    IncludeFailed => Error,
    /// `.RE` without a `.RS` to close.
    UnmatchedIndentEnd => Warning,
    /// An mdoc `.Xo` head not closed by `.Xc` before another macro.
    OpenHead => Warning,
    /// An mdoc closing macro with no open block.
    NothingToClose => Warning,
    /// An mdoc `.It` with no open list or display.
    ItemOutsideList => Warning,
    /// A tbl text block `T{` never closed by `T}`.
    UnclosedTableBlock => Warning,
}

impl Code {
    /// Whether the problem is a `.so` include that failed.
    pub fn is_include(self) -> bool {
        matches!(
            self,
            Code::IncludeLoop
                | Code::IncludeTooDeep
                | Code::IncludeWithoutTree
                | Code::IncludeFailed
        )
    }
}

/// A problem found while reading a page: what, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// What kind of problem it is.
    pub code: Code,
    /// The file the problem is in, when it came from an included (`.so`) file.
    pub file: Option<String>,
    /// Line (1-based) in that file.
    pub line: u32,
    /// What went wrong, in words, with the names involved.
    pub message: String,
}

impl Diagnostic {
    /// How serious it is.
    pub fn severity(&self) -> Severity {
        self.code.level()
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}:")?;
        }
        write!(f, "{}: {}", self.line, self.message)
    }
}

/// A problem found below the level of lines (in an escape, a table), before it is given a
/// line and becomes a [`Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What kind of problem it is.
    pub code: Code,
    /// What went wrong, in words.
    pub message: String,
}

impl Problem {
    /// A problem of kind `code`.
    pub fn new(code: Code, message: impl Into<String>) -> Problem {
        Problem {
            code,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_failures_are_errors() {
        for &code in Code::ALL {
            assert!(
                !code.is_include() || code.level() == Severity::Error,
                "{code:?}"
            );
        }
    }
}
