//! Which construct each reserved word belongs to. Words that open a loop or a `case` (`for`,
//! `while`, `until`, `select`, `case`) are open until their `done` or `esac`; `do`, `done` and
//! `in` belong to the innermost one open, the parens and `|` of a pattern to an open `case`.
//! Read once over the whole script, so that a word looked at alone (`done` in an editor's
//! hover) still knows its loop.

use crate::{Compound, Syntax, SyntaxKind};

/// What a reserved word is, by its text, before the open constructs are looked at.
fn by_text(text: &str) -> Option<Compound> {
    Some(match text {
        "if" | "then" | "elif" | "else" | "fi" => Compound::If,
        "for" => Compound::For,
        "while" => Compound::While,
        "until" => Compound::Until,
        "select" => Compound::Select,
        "case" | "esac" => Compound::Case,
        "{" | "}" => Compound::Group,
        "((" | "))" => Compound::Arithmetic,
        "[[" | "]]" => Compound::Conditional,
        "function" => Compound::Function,
        "coproc" => Compound::Coproc,
        "time" | "-p" => Compound::Time,
        "!" => Compound::Negation,
        _ => return None,
    })
}

/// Sets the construct of every [`SyntaxKind::Keyword`] in `syntax` (sorted by start).
pub(crate) fn assign_compounds(src: &str, syntax: &mut [Syntax]) {
    let mut open: Vec<Compound> = Vec::new();
    for s in syntax.iter_mut() {
        let SyntaxKind::Keyword(compound) = &mut s.kind else {
            continue;
        };
        let text = &src[s.range.clone()];
        *compound = match text {
            "(" | ")" | "|" if open.last() == Some(&Compound::Case) => Compound::Case,
            "(" | ")" => Compound::Function,
            "do" | "done" | "in" => open.last().copied().unwrap_or(Compound::For),
            _ => by_text(text).unwrap_or(Compound::Other),
        };
        match text {
            "for" | "while" | "until" | "select" | "case" => open.push(*compound),
            "done" | "esac" => {
                open.pop();
            }
            _ => {}
        }
    }
}
