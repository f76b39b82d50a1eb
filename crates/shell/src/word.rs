//! Quote removal and expansion ranges of one shell word, read from the source text.

use crate::Word;
use std::ops::Range;

/// Builds the [`Word`] for `range` of `src`.
///
/// `hints` are expansion ranges found by tree-sitter (sorted by start); an
/// expansion starting at a hint takes the hint's end, which is exact for `$(..)`
/// holding `case` patterns and the like. Elsewhere expansions are found in the text
/// itself, which matters where tree-sitter split a word or gave up (ERROR nodes).
/// With `expand` false (here-document delimiters) nothing is an expansion.
pub(crate) fn scan_word(
    src: &str,
    range: Range<usize>,
    hints: &[Range<usize>],
    expand: bool,
) -> Word {
    let b = src.as_bytes();
    let end = range.end.min(b.len());
    let mut i = range.start.min(end);
    // A word never starts with a blank of the original text; a repaired copy (crate::repair)
    // may have put a character there.
    while i < end && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    let start = i;
    let mut out: Vec<u8> = Vec::with_capacity(end - i);
    let mut quoted = false;
    let mut dq = false;
    let mut expansions = Vec::new();
    while i < end {
        if b[i] == b'\\' && i + 1 < end && b[i + 1] == b'\n' {
            i += 2;
            continue;
        }
        if !dq && b[i] == b'$' && i + 1 < end && (b[i + 1] == b'\'' || b[i + 1] == b'"') {
            quoted = true;
            if b[i + 1] == b'"' {
                dq = true;
                i += 2;
            } else {
                i = ansi_c(b, i + 2, end, &mut out);
            }
            continue;
        }
        if expand && let Some(e) = expansion_at(b, i, end, hints, dq) {
            out.extend_from_slice(&b[i..e]);
            expansions.push(i..e);
            i = e;
            continue;
        }
        let c = b[i];
        if dq {
            match c {
                b'"' => {
                    dq = false;
                    i += 1;
                }
                b'\\' if i + 1 < end && matches!(b[i + 1], b'$' | b'`' | b'"' | b'\\') => {
                    out.push(b[i + 1]);
                    i += 2;
                }
                _ => {
                    out.push(c);
                    i += 1;
                }
            }
            continue;
        }
        match c {
            b'\\' => {
                quoted = true;
                if i + 1 < end {
                    let n = char_len(b[i + 1]).min(end - i - 1);
                    out.extend_from_slice(&b[i + 1..i + 1 + n]);
                    i += 1 + n;
                } else {
                    out.push(b'\\');
                    i += 1;
                }
            }
            b'\'' => {
                quoted = true;
                let close = find(b, i + 1, end, b'\'').unwrap_or(end);
                out.extend_from_slice(&b[i + 1..close]);
                i = (close + 1).min(end);
            }
            b'"' => {
                quoted = true;
                dq = true;
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    if expand && !hints.is_empty() {
        // In broken input the text may not read the way tree-sitter parsed it;
        // every substitution tree-sitter found stays inside an expansion, since
        // the commands and syntax inside it are reported.
        expansions.extend(
            hints
                .iter()
                .filter(|h| h.start >= start && h.end <= end)
                .cloned(),
        );
        expansions.sort_by_key(|e| e.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(expansions.len());
        for e in expansions {
            match merged.last_mut() {
                Some(last) if e.start < last.end => last.end = last.end.max(e.end),
                _ => merged.push(e),
            }
        }
        expansions = merged;
    }
    let value = match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    Word {
        range: start..end,
        value,
        quoted,
        expansions,
    }
}

/// The end of the expansion starting at `i`, if one does.
fn expansion_at(b: &[u8], i: usize, end: usize, hints: &[Range<usize>], dq: bool) -> Option<usize> {
    let k = hints.partition_point(|h| h.start < i);
    if let Some(h) = hints.get(k)
        && h.start == i
        && h.end > i
    {
        return Some(h.end.min(end));
    }
    let next = b.get(i + 1).copied().filter(|_| i + 1 < end);
    match (b[i], next) {
        (b'$', Some(b'(')) => Some(skip_balanced(b, i + 1, end, b'(', b')')),
        (b'$', Some(b'{')) => Some(skip_balanced(b, i + 1, end, b'{', b'}')),
        (b'$', Some(b'[')) => Some(skip_balanced(b, i + 1, end, b'[', b']')),
        (b'$', Some(c)) if c == b'_' || c.is_ascii_alphabetic() => {
            let mut j = i + 2;
            while j < end && (b[j] == b'_' || b[j].is_ascii_alphanumeric()) {
                j += 1;
            }
            Some(j)
        }
        (b'$', Some(c)) if c.is_ascii_digit() || b"@*#?$!-".contains(&c) => Some(i + 2),
        (b'`', _) => {
            let mut j = i + 1;
            while j < end && b[j] != b'`' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            Some((j + 1).min(end))
        }
        (b'<' | b'>', Some(b'(')) if !dq => Some(skip_balanced(b, i + 1, end, b'(', b')')),
        _ => None,
    }
}

/// Index just after the bracket closing the one at `open_at`, skipping quoted
/// text; `end` if it is not closed.
pub(crate) fn skip_balanced(b: &[u8], open_at: usize, end: usize, open: u8, close: u8) -> usize {
    let mut depth = 0usize;
    let mut i = open_at;
    while i < end {
        let c = b[i];
        if c == b'\\' {
            i += 2;
            continue;
        }
        if c == b'\'' && open != b'[' {
            i = find(b, i + 1, end, b'\'').map_or(end, |j| j + 1);
            continue;
        }
        if c == b'"' {
            let mut j = i + 1;
            while j < end && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            i = j + 1;
            continue;
        }
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return i + 1;
            }
        }
        i += 1;
    }
    end
}

/// Decodes a `$'..'` string whose text starts at `i`; returns the index after the
/// closing quote.
fn ansi_c(b: &[u8], mut i: usize, end: usize, out: &mut Vec<u8>) -> usize {
    while i < end {
        let c = b[i];
        if c == b'\'' {
            return i + 1;
        }
        if c != b'\\' || i + 1 >= end {
            out.push(c);
            i += 1;
            continue;
        }
        let e = b[i + 1];
        i += 2;
        let simple = match e {
            b'a' => Some(7),
            b'b' => Some(8),
            b'e' | b'E' => Some(27),
            b'f' => Some(12),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'v' => Some(11),
            b'\\' | b'\'' | b'"' | b'?' => Some(e),
            _ => None,
        };
        if let Some(s) = simple {
            out.push(s);
            continue;
        }
        match e {
            b'0'..=b'7' => {
                let (v, j) = digits(b, i - 1, end, 8, 3);
                out.push(v as u8);
                i = j;
            }
            b'x' | b'u' | b'U' => {
                let max = match e {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let (v, j) = digits(b, i, end, 16, max);
                if j == i {
                    out.extend_from_slice(&b[i - 2..i]);
                } else if e == b'x' {
                    out.push(v as u8);
                } else {
                    let ch = char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER);
                    out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                }
                i = j;
            }
            b'c' if i < end => {
                out.push(b[i] & 0x1f);
                i += 1;
            }
            _ => {
                out.push(b'\\');
                i -= 1;
            }
        }
    }
    end
}

/// Reads up to `max` digits of `radix` from `i`: the value and the index after.
fn digits(b: &[u8], mut i: usize, end: usize, radix: u32, max: usize) -> (u32, usize) {
    let mut v: u32 = 0;
    let stop = (i + max).min(end);
    while i < stop {
        match (b[i] as char).to_digit(radix) {
            Some(d) => v = v * radix + d,
            None => break,
        }
        i += 1;
    }
    (v, i)
}

fn find(b: &[u8], from: usize, end: usize, c: u8) -> Option<usize> {
    b.get(from..end)?
        .iter()
        .position(|&x| x == c)
        .map(|p| from + p)
}

/// Length of the UTF-8 sequence starting with byte `c` (1 for a stray byte).
fn char_len(c: u8) -> usize {
    match c {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

/// Whether the text between two atoms lets them form one word: nothing, or only
/// line continuations.
pub(crate) fn joins(gap: &[u8]) -> bool {
    gap.chunks(2).all(|c| c == b"\\\n")
}

/// Whether `text` starts like an assignment: `NAME=`, `NAME+=`, `NAME[..]=`.
pub(crate) fn is_assignment(text: &[u8]) -> bool {
    let Some(&first) = text.first() else {
        return false;
    };
    if !(first == b'_' || first.is_ascii_alphabetic()) {
        return false;
    }
    let mut i = 1;
    while i < text.len() && (text[i] == b'_' || text[i].is_ascii_alphanumeric()) {
        i += 1;
    }
    if text.get(i) == Some(&b'[') {
        i = skip_balanced(text, i, text.len(), b'[', b']');
    }
    if text.get(i) == Some(&b'+') {
        i += 1;
    }
    text.get(i) == Some(&b'=')
}

/// Turns byte offsets into `line:column` (from 1; columns count characters).
pub(crate) struct LineIndex<'s> {
    src: &'s str,
    starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    pub(crate) fn new(src: &'s str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            src.bytes()
                .enumerate()
                .filter(|&(_, c)| c == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { src, starts }
    }

    pub(crate) fn position(&self, offset: usize) -> String {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = self
            .src
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        format!("{line}:{}", col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> (String, bool, Vec<Range<usize>>) {
        let w = scan_word(s, 0..s.len(), &[], true);
        (w.value, w.quoted, w.expansions)
    }

    #[test]
    fn quote_removal() {
        assert_eq!(
            w("--author=\"Jane Doe\""),
            ("--author=Jane Doe".into(), true, vec![])
        );
        assert_eq!(w("'a b'c\\ d"), ("a bc d".into(), true, vec![]));
        assert_eq!(w("plain"), ("plain".into(), false, vec![]));
        assert_eq!(w("\"a\\$b\\x\""), ("a$b\\x".into(), true, vec![]));
        assert_eq!(w("foo\\\nbar"), ("foobar".into(), false, vec![]));
        assert_eq!(
            w("$'a\\tb\\x41\\u00e9\\101'"),
            ("a\tbA\u{e9}A".into(), true, vec![])
        );
        assert_eq!(w("$\"hi\""), ("hi".into(), true, vec![]));
        assert_eq!(w("'unterminated"), ("unterminated".into(), true, vec![]));
        assert_eq!(w("\\é"), ("é".into(), true, vec![]));
    }

    #[test]
    fn expansions() {
        assert_eq!(w("$D/x/$1").2, vec![0..2, 5..7]);
        assert_eq!(w("\"${a[@]}\"").2, vec![1..8]);
        assert_eq!(w("x=$(echo \")\")y").2, vec![2..13]);
        assert_eq!(w("`a \\` b`c").2, vec![0..8]);
        assert_eq!(w("$((1+(2)))").2, vec![0..10]);
        assert_eq!(w("<(ls)").2, vec![0..5]);
        assert!(w("'$x'$").2.is_empty());
        assert_eq!(w("\"$x\"").0, "$x");
        assert_eq!(w("$(unclosed").2, vec![0..10]);
    }

    #[test]
    fn helpers() {
        assert!(joins(b""));
        assert!(joins(b"\\\n\\\n"));
        assert!(!joins(b" "));
        assert!(!joins(b"\\\n "));
        assert!(is_assignment(b"A=1"));
        assert!(is_assignment(b"a_1+=x"));
        assert!(is_assignment(b"arr[$i]=x"));
        assert!(!is_assignment(b"1a=x"));
        assert!(!is_assignment(b"--a=b"));
        let li = LineIndex::new("ab\nédx");
        assert_eq!(li.position(0), "1:1");
        assert_eq!(li.position(3), "2:1");
        assert_eq!(li.position(6), "2:3");
    }
}
