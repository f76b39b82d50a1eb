//! One span per shell word where the word is one thing: after nested pieces have cut the pieces
//! around them, the leftovers that are only punctuation join their neighbour.
//!
//! A quoted expansion `"$mnt"` is cut into `"`, `$mnt`, `"` by the expansion inside the
//! argument; a redirection `2>&1` is an operator and a target. Each rule below takes two
//! adjacent pieces (no blank between them, so of one shell word) and says whether they become
//! one, and which of the two gives the joined piece its kind and help. The rules run in order
//! over each pair until none applies.

use std::ops::Range;
use std::sync::Arc;

use crate::{Kind, Piece};

/// Which of two adjacent pieces a joined piece takes its kind and help from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    Left,
    Right,
}

/// One joining rule: the left piece, its text, the right piece, its text.
type Rule = fn(&Piece, &str, &Piece, &str) -> Option<Keep>;

/// The rules, tried in order on each adjacent pair.
const RULES: &[(&str, Rule)] = &[
    (
        "a variable in a documented argument is part of it",
        variable_in_argument,
    ),
    ("parts of one word with one help are one", same_help),
    ("an opening quote joins what it quotes", opening_quote),
    ("a closing quote joins what it closes", closing_quote),
    ("a redirection joins its target", redirection_target),
    ("a program word is one program", program_word),
];

/// Pieces that a quote mark may join: the parts of a word, not shell operators or keywords.
fn holds_words(p: &Piece) -> bool {
    matches!(
        p.kind,
        Kind::Expansion
            | Kind::Argument
            | Kind::Unknown
            | Kind::Program
            | Kind::Option
            | Kind::Assignment
    )
}

/// Only quote marks: `"`, `'`, and the `$'` / `$"` openers.
fn only_quotes(text: &str) -> bool {
    let text = text.strip_prefix('$').unwrap_or(text);
    !text.is_empty() && text.chars().all(|c| c == '"' || c == '\'')
}

/// A documented argument: its help says what the word is for (wc's FILE, test's string1), or
/// an assignment (`x="$1"` is one assignment).
fn documented_argument(p: &Piece) -> bool {
    matches!(p.kind, Kind::Argument | Kind::Option | Kind::Assignment) && p.help.is_some()
}

/// `wc -l "$f"`: the word is wc's FILE; that it comes from a variable is bash(1)'s generic `$`
/// paragraph, worth less than what the word is for. Only plain variables join: `${x:-y}`,
/// `$(...)` and `$((...))` keep spans (and paragraphs) of their own.
fn variable_in_argument(left: &Piece, lt: &str, right: &Piece, rt: &str) -> Option<Keep> {
    // Nothing expands inside single quotes: a lone `'` beside a variable closes a command
    // string (`sh -c 'echo $HOME'`), whose variable is the inner command's.
    let single = |t: &str| t.chars().all(|c| c == '\'');
    if documented_argument(left) && !single(lt) && is_variable(right, rt) {
        Some(Keep::Left)
    } else if documented_argument(right) && !single(rt) && is_variable(left, lt) {
        Some(Keep::Right)
    } else {
        None
    }
}

/// `$x`, `${x}`, `$1`, `$@`: a plain variable, with no operator inside.
fn is_variable(p: &Piece, text: &str) -> bool {
    let name = match text.strip_prefix("${") {
        Some(braced) => braced.strip_suffix('}'),
        None => text.strip_prefix('$'),
    };
    p.kind == Kind::Expansion
        && name.is_some_and(|n| {
            !n.is_empty()
                && (n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    || matches!(n, "@" | "*" | "#" | "?" | "-" | "$" | "!"))
        })
}

fn opening_quote(left: &Piece, left_text: &str, right: &Piece, _: &str) -> Option<Keep> {
    let joins = only_quotes(left_text) && holds_words(left) && holds_words(right);
    (joins && same_word(left_text, left, right)).then_some(Keep::Right)
}

fn closing_quote(left: &Piece, _: &str, right: &Piece, right_text: &str) -> Option<Keep> {
    let joins = only_quotes(right_text) && holds_words(left) && holds_words(right);
    (joins && same_word(right_text, right, left)).then_some(Keep::Left)
}

/// Whether a quote belongs with its neighbour. The quotes of `sh -c '...'` belong to sh's
/// word, not to the first and last words of the script inside them (another command, so
/// another group). An expansion is of no command (group 0): a double quote takes it (`"$(`,
/// `"$f`), a single quote never does, since nothing expands inside single quotes: `$a'` is the
/// end of a script in a string.
fn same_word(quote_text: &str, quote: &Piece, other: &Piece) -> bool {
    quote.group == other.group || (other.kind == Kind::Expansion && quote_text.contains('"'))
}

fn shares_help(left: &Piece, right: &Piece) -> bool {
    match (&left.help, &right.help) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        _ => false,
    }
}

/// `"$dir/x"`, once its variable has joined it: what is left of the word on both sides.
/// Options are left alone: each letter of a bundle keeps its span, repeated ones too (`-vv`).
fn same_help(left: &Piece, _: &str, right: &Piece, _: &str) -> Option<Keep> {
    let word_part = matches!(left.kind, Kind::Argument | Kind::Expansion | Kind::Unknown);
    (left.kind == right.kind && word_part && shares_help(left, right)).then_some(Keep::Left)
}

/// `2>&1`, `2>/dev/null`, `>>log`: the operator and a target written against it share their
/// help already (the target is the operator's argument); as one span they read as one thing.
fn redirection_target(left: &Piece, _: &str, right: &Piece, _: &str) -> Option<Keep> {
    (left.kind == Kind::Redirection && right.kind == Kind::Argument && shares_help(left, right))
        .then_some(Keep::Left)
}

/// Text that expands to part of a word without running anything: `$x`, `${x}`, `"$x"`.
fn is_parameter(p: &Piece, text: &str) -> bool {
    let text = text.trim_start_matches(['"', '\'']);
    p.kind == Kind::Expansion && text.starts_with('$') && !text.starts_with("$(") && text.len() > 1
}

/// `${JAVA}/bin/java`: the program is the whole word; the variable in its path is part of its
/// name, not a separate thing to explain.
fn program_word(left: &Piece, lt: &str, right: &Piece, rt: &str) -> Option<Keep> {
    // The quote of `sh -c '...'` beside the first program of the string is sh's.
    let quote_of_another_command = right.group != left.group
        && ((left.kind == Kind::Program && only_quotes(rt))
            || (right.kind == Kind::Program && only_quotes(lt)));
    if quote_of_another_command {
        None
    } else if left.kind == Kind::Program && (is_parameter(right, rt) || only_quotes(rt)) {
        Some(Keep::Left)
    } else if right.kind == Kind::Program && (is_parameter(left, lt) || only_quotes(lt)) {
        Some(Keep::Right)
    } else {
        None
    }
}

fn join(left: Piece, right: Piece, keep: Keep) -> Piece {
    let range: Range<usize> = left.range.start..right.range.end;
    let mut joined = match keep {
        Keep::Left => left,
        Keep::Right => right,
    };
    joined.range = range;
    joined
}

/// Joins adjacent pieces by [`RULES`]. `pieces` are sorted and do not overlap.
pub(crate) fn join_word_parts(source: &str, pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let mut piece = piece;
        while let Some(last) = out.last() {
            if last.range.end != piece.range.start {
                break;
            }
            let (lt, rt) = (&source[last.range.clone()], &source[piece.range.clone()]);
            // A remnant may be only the blank between two words (an outer piece cut around
            // them); a blank inside a piece with more in it is quoted, so of the word.
            // Nor does a word go on past the end of a line (a here-document's body and its
            // terminator).
            if lt.trim().is_empty() || rt.trim().is_empty() || lt.ends_with('\n') {
                break;
            }
            let Some(keep) = RULES
                .iter()
                .find_map(|(_, rule)| rule(last, lt, &piece, rt))
            else {
                break;
            };
            let last = out.pop().expect("checked");
            piece = join(last, piece, keep);
        }
        out.push(piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(range: Range<usize>, kind: Kind) -> Piece {
        let mut p = Piece::unknown(range, 1);
        p.kind = kind;
        p
    }

    fn joined(source: &str, pieces: Vec<Piece>) -> Vec<(&str, Kind)> {
        join_word_parts(source, pieces)
            .into_iter()
            .map(|p| (&source[p.range], p.kind))
            .collect()
    }

    #[test]
    fn a_quoted_expansion_is_one_span() {
        let src = "x \"$mnt\"";
        let pieces = vec![
            piece(0..1, Kind::Program),
            piece(2..3, Kind::Unknown),
            piece(3..7, Kind::Expansion),
            piece(7..8, Kind::Unknown),
        ];
        assert_eq!(
            joined(src, pieces),
            [("x", Kind::Program), ("\"$mnt\"", Kind::Expansion)]
        );
    }

    #[test]
    fn a_variable_in_a_documented_argument_is_that_argument() {
        let src = "\"$f\" \"${f:-x}\"";
        let documented = |range, kind| {
            let mut p = piece(range, kind);
            p.help = Some(Arc::new(crate::help::HelpEntry::for_tests()));
            p
        };
        let pieces = vec![
            documented(0..1, Kind::Argument),
            piece(1..3, Kind::Expansion),
            documented(3..4, Kind::Argument),
            documented(5..6, Kind::Argument),
            piece(6..13, Kind::Expansion),
            documented(13..14, Kind::Argument),
        ];
        assert_eq!(
            joined(src, pieces),
            [("\"$f\"", Kind::Argument), ("\"${f:-x}\"", Kind::Expansion)]
        );
    }

    #[test]
    fn quotes_around_text_and_an_expansion_join_their_neighbours() {
        let src = "\"a: $f\"";
        let pieces = vec![
            piece(0..4, Kind::Argument),
            piece(4..6, Kind::Expansion),
            piece(6..7, Kind::Argument),
        ];
        assert_eq!(
            joined(src, pieces),
            [("\"a: ", Kind::Argument), ("$f\"", Kind::Expansion)]
        );
    }

    #[test]
    fn a_blank_left_of_a_cut_never_takes_a_quote() {
        let src = "$(a \"$2\")";
        let pieces = vec![
            piece(0..2, Kind::Expansion),
            piece(2..3, Kind::Program),
            piece(3..4, Kind::Expansion),
            piece(4..5, Kind::Unknown),
            piece(5..7, Kind::Expansion),
            piece(7..8, Kind::Unknown),
            piece(8..9, Kind::Expansion),
        ];
        let spans = joined(src, pieces);
        assert!(spans.contains(&("\"$2\"", Kind::Expansion)), "{spans:?}");
    }

    #[test]
    fn an_empty_string_argument_stays_and_operators_take_no_quote() {
        let src = "\"\"|x";
        let pieces = vec![
            piece(0..2, Kind::Argument),
            piece(2..3, Kind::Operator),
            piece(3..4, Kind::Program),
        ];
        assert_eq!(
            joined(src, pieces),
            [
                ("\"\"", Kind::Argument),
                ("|", Kind::Operator),
                ("x", Kind::Program)
            ]
        );
    }

    #[test]
    fn a_program_word_keeps_its_parameter_expansions() {
        let src = "\"${JAVA}\"/bin/java $(x)";
        let pieces = vec![
            piece(0..1, Kind::Program),
            piece(1..8, Kind::Expansion),
            piece(8..18, Kind::Program),
            piece(19..21, Kind::Expansion),
            piece(21..22, Kind::Program),
            piece(22..23, Kind::Expansion),
        ];
        assert_eq!(
            joined(src, pieces),
            [
                ("\"${JAVA}\"/bin/java", Kind::Program),
                ("$(", Kind::Expansion),
                ("x", Kind::Program),
                (")", Kind::Expansion)
            ]
        );
    }
}
