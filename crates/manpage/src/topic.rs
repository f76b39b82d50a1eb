//! The pieces of shell syntax the shell's page documents, by a stable key each.

use serde::{Deserialize, Serialize};

macro_rules! topics {
    ($($(#[$doc:meta])* $variant:ident = $key:literal,)*) => {
        /// A piece of shell syntax with a paragraph of its own in the shell's page: `|`,
        /// `&&`, `2>&1`, `$@`, `for`, ... Serialised as its key (`pipe`, `list.and`, ...).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Topic {
            $($(#[$doc])* #[serde(rename = $key)] $variant,)*
        }

        impl Topic {
            /// Every topic, in the order of the table.
            pub const ALL: &'static [Topic] = &[$(Topic::$variant,)*];

            /// The topic's stable key (`redirect.duplicate`).
            pub fn key(self) -> &'static str {
                match self {
                    $(Topic::$variant => $key,)*
                }
            }
        }
    };
}

topics! {
    /// `|` and `|&`
    Pipe = "pipe",
    /// `!` before a pipeline
    Negation = "negation",
    /// `time`
    Time = "time",
    /// `;`
    ListSemicolon = "list.semicolon",
    /// `&`
    ListBackground = "list.background",
    /// `&&`
    ListAnd = "list.and",
    /// `||`
    ListOr = "list.or",
    /// A simple command
    SimpleCommand = "simple-command",
    /// `( list )`
    Subshell = "compound.subshell",
    /// `{ list; }`
    Group = "compound.group",
    /// `(( expression ))`
    Arithmetic = "compound.arithmetic",
    /// `[[ expression ]]`
    Conditional = "compound.conditional",
    /// `for name in ...; do ...; done`
    For = "compound.for",
    /// `for (( ... ))`
    ForArithmetic = "compound.for-arithmetic",
    /// `select`
    Select = "compound.select",
    /// `case`
    Case = "compound.case",
    /// `if`
    If = "compound.if",
    /// `while` and `until`
    While = "compound.while",
    /// `coproc`
    Coproc = "coproc",
    /// A function definition
    Function = "function",
    /// A call of a function the script defines
    FunctionCall = "function-call",
    /// `# comment`
    Comment = "comment",
    /// Quoting
    Quoting = "quoting",
    /// `NAME=value`
    Assignment = "assignment",
    /// `$1`, `$2`, ...
    PositionalParameter = "parameter.positional",
    /// Special parameters in general
    SpecialParameter = "parameter.special",
    /// `$*`
    SpecialStar = "parameter.special.*",
    /// `$@`
    SpecialAt = "parameter.special.@",
    /// `$#`
    SpecialHash = "parameter.special.#",
    /// `$?`
    SpecialQuestion = "parameter.special.?",
    /// `$-`
    SpecialDash = "parameter.special.-",
    /// `$$`
    SpecialDollar = "parameter.special.$",
    /// `$!`
    SpecialBang = "parameter.special.!",
    /// `$0`
    SpecialZero = "parameter.special.0",
    /// `{a,b}`
    BraceExpansion = "expansion.brace",
    /// `~`
    TildeExpansion = "expansion.tilde",
    /// `$x`, `${x}`
    ParameterExpansion = "expansion.parameter",
    /// `${x:-word}`, `${x-word}`
    ParameterDefault = "expansion.parameter.default",
    /// `${x:=word}`, `${x=word}`
    ParameterAssignDefault = "expansion.parameter.assign-default",
    /// `${x:?word}`, `${x?word}`
    ParameterError = "expansion.parameter.error",
    /// `${x:+word}`, `${x+word}`
    ParameterAlternate = "expansion.parameter.alternate",
    /// `${x:offset}`, `${x:offset:length}`
    ParameterSubstring = "expansion.parameter.substring",
    /// `${!prefix*}`, `${!prefix@}`
    ParameterNames = "expansion.parameter.names",
    /// `${!name[@]}`
    ParameterKeys = "expansion.parameter.keys",
    /// `${#x}`
    ParameterLength = "expansion.parameter.length",
    /// `${x#word}`, `${x##word}`
    ParameterRemovePrefix = "expansion.parameter.remove-prefix",
    /// `${x%word}`, `${x%%word}`
    ParameterRemoveSuffix = "expansion.parameter.remove-suffix",
    /// `${x/pattern/string}`
    ParameterReplace = "expansion.parameter.replace",
    /// `${x^pattern}`, `${x,,pattern}`
    ParameterCase = "expansion.parameter.case",
    /// `${x@operator}`
    ParameterTransform = "expansion.parameter.transform",
    /// `--` ending a program's options, as bash(1) says of its own
    EndOfOptions = "options.end",
    /// `--` ending a builtin's options
    BuiltinEndOfOptions = "options.end.builtin",
    /// `$(...)` and backquotes
    CommandSubstitution = "expansion.command",
    /// `$((...))`
    ArithmeticExpansion = "expansion.arithmetic",
    /// `<(...)`, `>(...)`
    ProcessSubstitution = "expansion.process",
    /// `*`, `?`, `[...]`
    PathnameExpansion = "expansion.pathname",
    /// Redirection in general
    Redirect = "redirect",
    /// `<`
    RedirectInput = "redirect.input",
    /// `>`
    RedirectOutput = "redirect.output",
    /// `>>`
    RedirectAppend = "redirect.append",
    /// `&>`, `>&word`
    RedirectOutputAndError = "redirect.output-and-error",
    /// `&>>`
    RedirectAppendOutputAndError = "redirect.append-output-and-error",
    /// `<<EOF`
    HereDocument = "redirect.here-document",
    /// `<<<`
    HereString = "redirect.here-string",
    /// `2>&1`
    Duplicate = "redirect.duplicate",
    /// `2>&1-`
    Move = "redirect.move",
    /// `<>`
    ReadWrite = "redirect.read-write",
}

impl Topic {
    /// The topic of one special parameter (`@` → `$@`), if it has a paragraph of its own.
    pub fn special_parameter(name: &str) -> Option<Topic> {
        Some(match name {
            "*" => Topic::SpecialStar,
            "@" => Topic::SpecialAt,
            "#" => Topic::SpecialHash,
            "?" => Topic::SpecialQuestion,
            "-" => Topic::SpecialDash,
            "$" => Topic::SpecialDollar,
            "!" => Topic::SpecialBang,
            "0" => Topic::SpecialZero,
            _ => return None,
        })
    }
}

impl std::fmt::Display for Topic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_distinct_and_serialise_as_themselves() {
        let mut keys: Vec<&str> = Topic::ALL.iter().map(|t| t.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Topic::ALL.len());
        for &t in Topic::ALL {
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.key()));
            assert_eq!(serde_json::from_str::<Topic>(&json).unwrap(), t);
        }
    }
}
