//! Repairs for what bash accepts and tree-sitter-bash 0.25 rejects, made in the copy of the
//! text that tree-sitter parses. Every repair keeps each byte where it was, and the layer reads
//! words and their meaning from the original text, so a repair changes only the tree's shape.
//!
//! The repairs are tried only on a text whose parse has errors, one rule at a time, and a rule's
//! changes are kept only when the parse then has fewer error nodes: a rule can never make a
//! parse worse. Each rule is one small unit in [`RULES`], with its case in the tests below.

use std::ops::Range;

/// One repair: changes `text` (the copy tree-sitter reads) in place, keeping its length, and
/// says whether it changed anything.
type Rule = fn(&mut [u8]) -> bool;

/// The repairs, in the order they are tried.
pub(crate) const RULES: &[(&str, Rule)] = &[
    ("for without in", for_without_in),
    ("literal dollar", literal_dollar),
    ("test as a plain command", test_as_plain_command),
    (
        "here-document delimiter with =",
        heredoc_delimiter_with_equals,
    ),
    ("quoted blank in a case pattern", quoted_blank_in_pattern),
    ("blank after a backquote", blank_after_backquote),
    ("two subshells opened at once", two_subshells),
    (
        "pattern starting with an expansion and an escape",
        pattern_expansion_escape,
    ),
];

/// Applies the rules that lower the number of error nodes of `parse(text)`, one after another.
/// `errors` counts the error nodes of a parse of a text; it is called once per rule that
/// changes the text.
pub(crate) fn repair(text: &mut Vec<u8>, mut errors: impl FnMut(&[u8]) -> usize) {
    let mut now = errors(text);
    for (_, rule) in RULES {
        if now == 0 {
            return;
        }
        let mut candidate = text.clone();
        if !rule(&mut candidate) {
            continue;
        }
        let after = errors(&candidate);
        if after < now {
            *text = candidate;
            now = after;
        }
    }
}

fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Whether a command word may start at `at`: after the start of a line, a blank or an operator.
fn command_position(b: &[u8], at: usize) -> bool {
    at == 0
        || matches!(
            b[at - 1],
            b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'(' | b'!'
        )
}

/// The ranges of `needle` in `b` that stand at a command position and end a word.
fn keyword_at(b: &[u8], needle: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = find(b, needle, from) {
        let end = i + needle.len();
        if command_position(b, i) && b.get(end).is_none_or(|c| !is_name_byte(*c)) {
            out.push(i..end);
        }
        from = i + 1;
    }
    out
}

fn find(b: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// `for i do` (POSIX: the positional parameters, with no `;` before `do`): the blank before
/// `do` becomes `;`, which tree-sitter takes (`for i; do`).
fn for_without_in(b: &mut [u8]) -> bool {
    let mut changed = false;
    for kw in keyword_at(b, b"for") {
        let mut i = kw.end;
        let blanks = |b: &[u8], mut i: usize| {
            while i < b.len() && is_blank(b[i]) {
                i += 1;
            }
            i
        };
        i = blanks(b, i);
        let name = i;
        while i < b.len() && is_name_byte(b[i]) {
            i += 1;
        }
        if i == name || i >= b.len() || !is_blank(b[i]) {
            continue;
        }
        let before_do = blanks(b, i);
        if b[before_do..].starts_with(b"do")
            && b.get(before_do + 2).is_none_or(|c| !is_name_byte(*c))
        {
            b[before_do - 1] = b';';
            changed = true;
        }
    }
    changed
}

/// A `$` that starts no expansion (`sed s/.$//`, `grep ^p$)`, `=~\(x$\)`): bash keeps it as a
/// character; tree-sitter fails on it. It becomes `_` in the copy.
fn literal_dollar(b: &mut [u8]) -> bool {
    let mut changed = false;
    for i in 0..b.len() {
        if b[i] == b'$'
            && b.get(i + 1).is_some_and(|c| {
                matches!(
                    c,
                    b'/' | b')'
                        | b'\\'
                        | b'.'
                        | b','
                        | b'%'
                        | b'='
                        | b':'
                        | b']'
                        | b'}'
                        | b'+'
                        | b'~'
                        | b'^'
                        | b'`'
                )
            })
        {
            b[i] = b'_';
            changed = true;
        }
    }
    changed
}

/// `[ ... ]` that tree-sitter's test grammar rejects though bash runs it (`[ "$c" = ~ ]`,
/// `[ \( -h "$p" \) ]`, `[ "$op" "$l" ]`): `[` becomes a plain command word in the copy, as it
/// is to bash. A `[` whose command does not end in `]` is left alone: bash fails on it when it
/// runs ("missing `]'"), and the parse error says so.
fn test_as_plain_command(b: &mut [u8]) -> bool {
    let mut changed = false;
    for i in 0..b.len() {
        let opens_test =
            b[i] == b'[' && command_position(b, i) && b.get(i + 1).is_some_and(|c| is_blank(*c));
        if opens_test && ends_with_bracket(b, i + 1) {
            b[i] = b'_';
            changed = true;
        }
    }
    changed
}

/// Whether the simple command from `from` on (to its `;`, `&`, `|`, newline or `)` outside
/// quotes) ends with the word `]`.
fn ends_with_bracket(b: &[u8], from: usize) -> bool {
    let mut i = from;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(b'"') if c == b'\\' => i += 1,
            Some(_) => {}
            None => match c {
                b'\\' => i += 1,
                b'\'' | b'"' => quote = Some(c),
                b';' | b'&' | b'|' | b'\n' | b')' => break,
                _ => {}
            },
        }
        i += 1;
    }
    let text = &b[from..i.min(b.len())];
    let trimmed = text.trim_ascii_end();
    trimmed.ends_with(b" ]") || trimmed.ends_with(b"\t]")
}

/// `: <<=cut` (a delimiter that starts with `=`, read by tree-sitter as the `<<=` operator):
/// the `=` becomes `_` in the delimiter and in its terminator line.
fn heredoc_delimiter_with_equals(b: &mut [u8]) -> bool {
    let mut changed = false;
    let mut from = 0;
    while let Some(i) = find(b, b"<<=", from) {
        from = i + 3;
        let word_end = (i + 2..b.len())
            .find(|&j| !is_name_byte(b[j]) && b[j] != b'=')
            .unwrap_or(b.len());
        let delimiter = b[i + 2..word_end].to_vec();
        if delimiter.len() < 2
            || b.get(word_end)
                .is_some_and(|c| *c != b'\n' && !is_blank(*c))
        {
            continue;
        }
        // The terminator: a later line that is the delimiter.
        let mut line = find(b, b"\n", word_end).map(|n| n + 1);
        while let Some(start) = line {
            let end = find(b, b"\n", start).unwrap_or(b.len());
            if b[start..end] == delimiter[..] {
                b[i + 2] = b'_';
                b[start] = b'_';
                changed = true;
                break;
            }
            line = (end < b.len()).then_some(end + 1);
        }
    }
    changed
}

/// A case pattern whose single-quoted part holds a blank after two or more pattern characters
/// (`?*' '?*)`, `less' '[...]`): the quotes become double quotes in the copy, which mean the
/// same when the inside has no `$`, backquote, backslash or `"`.
fn quoted_blank_in_pattern(b: &mut [u8]) -> bool {
    let mut changed = false;
    for (i, close) in single_quoted(b) {
        let inside = &b[i + 1..close];
        let pattern_before = i >= 2
            && b[i - 2..i]
                .iter()
                .all(|c| !c.is_ascii_whitespace() && !matches!(c, b'(' | b'|' | b';'));
        let plain = !inside
            .iter()
            .any(|c| matches!(c, b'$' | b'`' | b'\\' | b'"' | b'\n'));
        let has_blank = inside.iter().any(|c| is_blank(*c));
        // Only in a pattern: the word ends with `)`, or is followed by `|` or `)`.
        let word_end = (close + 1..b.len())
            .find(|&j| b[j].is_ascii_whitespace() || b[j] == b';')
            .unwrap_or(b.len());
        let next = (word_end..b.len()).find(|&j| !is_blank(b[j])).map(|j| b[j]);
        let in_pattern =
            b[close + 1..word_end].ends_with(b")") || matches!(next, Some(b'|' | b')'));
        if pattern_before && plain && has_blank && in_pattern {
            b[i] = b'"';
            b[close] = b'"';
            changed = true;
        }
    }
    changed
}

/// The single-quoted strings of `b` (the offsets of their quotes), outside double quotes and
/// comments.
fn single_quoted(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut dq = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'"' => dq = !dq,
            b'#' if !dq && (i == 0 || b[i - 1].is_ascii_whitespace()) => {
                i = find(b, b"\n", i).unwrap_or(b.len());
            }
            b'\'' if !dq => match b[i + 1..].iter().position(|c| *c == b'\'') {
                Some(p) => {
                    out.push((i, i + 1 + p));
                    i += 1 + p;
                }
                None => break,
            },
            _ => {}
        }
        i += 1;
    }
    out
}

/// A backquoted command whose text starts with a blank (`` pat=` echo "$pat" | sed ...` ``):
/// tree-sitter fails on it after an earlier backquote. The first blank becomes a backslash
/// and, where the text starts with a newline and indentation, the newline a backslash and the
/// first indentation character the newline (a line continuation). Words are read from the
/// original text, which has the blank.
fn blank_after_backquote(b: &mut [u8]) -> bool {
    let mut changed = false;
    let mut open = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'`' => {
                open = !open;
                if open {
                    let next = b.get(i + 1).copied();
                    let after = b.get(i + 2).copied();
                    match (next, after) {
                        // `` ` ( cmd ) ` ``: the parenthesis moves onto the blank (the walk
                        // moves its span back).
                        (Some(n), Some(b'(')) if is_blank(n) => {
                            b[i + 1] = b'(';
                            b[i + 2] = b' ';
                            changed = true;
                        }
                        (Some(n), Some(a)) if is_blank(n) && !a.is_ascii_whitespace() => {
                            b[i + 1] = b'\\';
                            changed = true;
                        }
                        (Some(b'\n'), Some(a)) if is_blank(a) => {
                            b[i + 1] = b'\\';
                            b[i + 2] = b'\n';
                            changed = true;
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    changed
}

/// ` ((cmd) | cmd)`: two subshells, which tree-sitter reads as an arithmetic command. The
/// blank before moves between the parentheses in the copy (`( (cmd) | cmd)`); the walk
/// moves the first parenthesis's span back onto it.
fn two_subshells(b: &mut [u8]) -> bool {
    let mut changed = false;
    for i in 1..b.len().saturating_sub(2) {
        // `((i++))` is arithmetic: its first `)` is followed by another.
        let first_close = b[i + 2..]
            .iter()
            .position(|c| *c == b')')
            .map(|p| p + i + 2);
        let looks_like_command = b[i + 2].is_ascii_alphabetic()
            && first_close.is_some_and(|c| b.get(c + 1) != Some(&b')'));
        if is_blank(b[i - 1]) && b[i] == b'(' && b[i + 1] == b'(' && looks_like_command {
            b[i - 1] = b'(';
            b[i] = b' ';
            changed = true;
        }
    }
    changed
}

/// A case pattern that starts with a variable followed by an escaped character (`$MIME\;*)`):
/// tree-sitter fails on the `$`; in the copy it becomes `_`. The walk reads the pattern's
/// words, and finds their expansions, in the original text.
fn pattern_expansion_escape(b: &mut [u8]) -> bool {
    let mut changed = false;
    for i in 0..b.len() {
        let line_start = (0..i)
            .rev()
            .find(|&j| !is_blank(b[j]))
            .is_none_or(|j| b[j] == b'\n');
        if b[i] != b'$' || !line_start {
            continue;
        }
        let mut j = i + 1;
        if b.get(j) == Some(&b'{') {
            j = b[j..]
                .iter()
                .position(|c| *c == b'}')
                .map_or(b.len(), |p| j + p + 1);
        } else {
            while j < b.len() && is_name_byte(b[j]) {
                j += 1;
            }
        }
        if j > i + 1 && b.get(j) == Some(&b'\\') {
            b[i] = b'_';
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(rule: Rule, text: &str) -> String {
        let mut b = text.as_bytes().to_vec();
        rule(&mut b);
        assert_eq!(b.len(), text.len(), "a repair keeps the length");
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn for_without_in_gets_a_semicolon() {
        assert_eq!(
            apply(for_without_in, "for i do\n  echo"),
            "for i;do\n  echo"
        );
        assert_eq!(apply(for_without_in, "for i in a; do"), "for i in a; do");
        assert_eq!(apply(for_without_in, "for i done"), "for i done");
    }

    #[test]
    fn literal_dollars_are_characters() {
        assert_eq!(apply(literal_dollar, "sed s/.$//"), "sed s/._//");
        assert_eq!(
            apply(literal_dollar, "echo $x ${y} $(z) $1"),
            "echo $x ${y} $(z) $1"
        );
    }

    #[test]
    fn closed_tests_become_plain_commands() {
        assert_eq!(
            apply(test_as_plain_command, "[ \"$c\" = ~ ] && x"),
            "_ \"$c\" = ~ ] && x"
        );
        assert_eq!(
            apply(test_as_plain_command, "if [ -x vim; then"),
            "if [ -x vim; then"
        );
        assert_eq!(apply(test_as_plain_command, "a[ 1 ]"), "a[ 1 ]");
    }

    #[test]
    fn heredoc_delimiters_with_equals() {
        assert_eq!(
            apply(heredoc_delimiter_with_equals, ": <<=cut\ntext\n=cut\n"),
            ": <<_cut\ntext\n_cut\n"
        );
        assert_eq!(
            apply(heredoc_delimiter_with_equals, "((x <<= 2))"),
            "((x <<= 2))"
        );
    }

    #[test]
    fn quoted_blanks_in_patterns() {
        assert_eq!(
            apply(quoted_blank_in_pattern, "case $x in\n?*' '?*) ;;\nesac"),
            "case $x in\n?*\" \"?*) ;;\nesac"
        );
        assert_eq!(apply(quoted_blank_in_pattern, "echo 'a b'"), "echo 'a b'");
        assert_eq!(
            apply(quoted_blank_in_pattern, "less' '45* | \\\n"),
            "less\" \"45* | \\\n"
        );
    }

    #[test]
    fn blanks_after_backquotes() {
        assert_eq!(apply(blank_after_backquote, "a=` echo x`"), "a=`\\echo x`");
        assert_eq!(apply(blank_after_backquote, "a=`\n\tawk`"), "a=`\\\nawk`");
        assert_eq!(apply(blank_after_backquote, "a=`b` c"), "a=`b` c");
        assert_eq!(apply(blank_after_backquote, "a=` ( x )`"), "a=`(  x )`");
    }

    #[test]
    fn patterns_starting_with_an_escaped_expansion() {
        assert_eq!(
            apply(pattern_expansion_escape, "case $x in\n  $m\\;*) ;;"),
            "case $x in\n  _m\\;*) ;;"
        );
        assert_eq!(apply(pattern_expansion_escape, "echo $m\\;"), "echo $m\\;");
    }

    #[test]
    fn two_subshells_at_once() {
        assert_eq!(apply(two_subshells, " ((gzip x) | y)"), "( (gzip x) | y)");
        assert_eq!(apply(two_subshells, " ((1 + 2))"), " ((1 + 2))");
        assert_eq!(
            apply(two_subshells, "while ((i < 3)); do"),
            "while ((i < 3)); do"
        );
    }
}
