//! Property tests: `parse` never panics and its output is always well formed.

use proptest::prelude::*;
use shell::{Script, Word, parse};
use std::ops::Range;

fn in_source(src: &str, r: &Range<usize>) -> Result<(), TestCaseError> {
    prop_assert!(
        r.start <= r.end && r.end <= src.len(),
        "range {r:?} outside source of {} bytes",
        src.len()
    );
    prop_assert!(
        src.is_char_boundary(r.start) && src.is_char_boundary(r.end),
        "range {r:?} not on char boundaries"
    );
    Ok(())
}

fn check_word(src: &str, w: &Word) -> Result<(), TestCaseError> {
    in_source(src, &w.range)?;
    prop_assert!(!w.range.is_empty(), "empty word {w:?}");
    let mut last = w.range.start;
    for e in &w.expansions {
        in_source(src, e)?;
        prop_assert!(
            e.start >= last && e.end <= w.range.end,
            "expansion {e:?} out of order in {w:?}"
        );
        last = e.end;
    }
    Ok(())
}

/// Every invariant promised by the crate documentation.
fn check(src: &str, s: &Script) -> Result<(), TestCaseError> {
    let mut prev = 0;
    let mut words: Vec<&Word> = Vec::new();
    for (i, c) in s.commands.iter().enumerate() {
        in_source(src, &c.range)?;
        prop_assert!(c.range.start >= prev, "commands not sorted");
        prev = c.range.start;
        prop_assert!(
            !(c.words.is_empty() && c.assignments.is_empty() && c.redirects.is_empty()),
            "empty command"
        );
        if let Some(p) = c.parent {
            prop_assert!(p < s.commands.len() && p != i);
        }
        // Words, assignments and redirections of one command are ordered and
        // never overlap.
        let mut parts: Vec<Range<usize>> = Vec::new();
        let mut last = 0;
        for w in c.assignments.iter().chain(&c.words) {
            check_word(src, w)?;
            prop_assert!(w.range.start >= last, "words out of order in {c:?}");
            last = w.range.end;
            prop_assert!(
                c.range.start <= w.range.start && w.range.end <= c.range.end,
                "word outside its command"
            );
            parts.push(w.range.clone());
            words.push(w);
        }
        for r in &c.redirects {
            in_source(src, &r.range)?;
            in_source(src, &r.operator)?;
            prop_assert!(!r.operator.is_empty());
            prop_assert!(r.range.start == r.operator.start && r.operator.end <= r.range.end);
            if let Some(t) = &r.target {
                check_word(src, t)?;
                prop_assert!(t.range.start >= r.operator.end && t.range.end <= r.range.end);
                words.push(t);
            }
            if let Some(b) = &r.heredoc_body {
                in_source(src, b)?;
            }
            parts.push(r.range.clone());
        }
        parts.sort_by_key(|r| r.start);
        for pair in parts.windows(2) {
            prop_assert!(
                pair[0].end <= pair[1].start,
                "overlapping parts {pair:?} in {c:?}"
            );
        }
    }
    let mut last = 0;
    for x in &s.syntax {
        in_source(src, &x.range)?;
        prop_assert!(!x.range.is_empty());
        prop_assert!(
            x.range.start >= last,
            "syntax unsorted or overlapping at {x:?}"
        );
        last = x.range.end;
        // Syntax meets a word only inside one of its expansions.
        for w in &words {
            let overlaps = x.range.start < w.range.end && w.range.start < x.range.end;
            if overlaps {
                let inside = w
                    .expansions
                    .iter()
                    .any(|e| e.start <= x.range.start && x.range.end <= e.end);
                prop_assert!(inside, "syntax {x:?} overlaps word {w:?}");
            }
        }
    }
    for e in &s.errors {
        in_source(src, &e.range)?;
        prop_assert!(e.message.contains(" at "));
    }
    Ok(())
}

const SHELLISH: &[&str] = &[
    " ", " ", " ", "\n", "\t", "a", "ls", "-l", "x=1", "$x", "${y}", "$(", ")", "(", "`", "\"",
    "'", "\\", "\\\n", "|", "||", "&&", "&", ";", ";;", ";;&", "<", ">", ">>", "2>&1", "<<", "<<<",
    "<<-", "EOF", "<>", "{", "}", "[[", "]]", "[", "]", "((", "))", "if", "then", "fi", "for",
    "in", "do", "done", "case", "esac", "while", "function", "f()", "#", "!", "time", "coproc",
    "export", "<(", ">(", "$((", "*", "=", "é", "∀", "\0", "{fd}", "3", "-",
];

/// tree-sitter-bash 0.25 crashed on `{` followed by some code points above 255.
const BRACES: &[&str] = &[
    "{",
    "}",
    "1",
    "..",
    "$",
    "${",
    "é",
    "\u{e0100}",
    "\u{10ffff}",
    "\u{ff}",
    "\u{f0000}",
    " ",
    "a",
    "\n",
    "<<",
];

fn braces() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(BRACES), 0..12).prop_map(|v| v.concat())
}

fn shellish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(SHELLISH), 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(src in any::<String>()) {
        check(&src, &parse(&src))?;
    }

    #[test]
    fn shellish_strings(src in shellish()) {
        check(&src, &parse(&src))?;
    }

    #[test]
    fn braces_and_high_code_points(src in braces()) {
        check(&src, &parse(&src))?;
    }

    #[test]
    fn ascii_soup(src in "[ -~\n\t]{0,80}") {
        check(&src, &parse(&src))?;
    }
}

#[test]
fn large_inputs() {
    let line = "ls -la | grep -v \"$(date)\" > out 2>&1 && echo 'done' # ok\n";
    let script = line.repeat(20_000);
    let s = parse(&script);
    assert_eq!(s.commands.len(), 80_000);
    assert!(s.errors.is_empty());
    let chain = "a && ".repeat(50_000) + "b";
    assert_eq!(parse(&chain).commands.len(), 50_001);
    let deep = "$(".repeat(20_000);
    let _ = parse(&deep);
    let junk: String = (0..1_000_000u32)
        .map(|i| char::from_u32((i.wrapping_mul(2_654_435_761) >> 7) % 0x250).unwrap_or('x'))
        .collect();
    let s = parse(&junk);
    assert!(!s.errors.is_empty());
}

/// The statements of `parse_with_statements`: in the source, each inside its parent, siblings
/// in order and apart, every statement after its parent; and the script is `parse`'s.
fn check_statements(src: &str) -> Result<(), TestCaseError> {
    let (script, statements) = shell::parse_with_statements(src);
    prop_assert_eq!(&script, &parse(src));
    let mut last_end: std::collections::HashMap<Option<usize>, usize> = Default::default();
    for (i, s) in statements.iter().enumerate() {
        in_source(src, &s.range)?;
        prop_assert!(!s.range.is_empty(), "empty statement {s:?}");
        if let Some(p) = s.parent {
            prop_assert!(p < i, "statement {i} before its parent {p}");
            let outer = &statements[p].range;
            prop_assert!(
                outer.start <= s.range.start && s.range.end <= outer.end,
                "statement {s:?} outside its parent {outer:?}"
            );
        }
        let end = last_end.entry(s.parent).or_insert(0);
        prop_assert!(s.range.start >= *end, "siblings overlap at {s:?}");
        *end = s.range.end;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn statements_of_arbitrary_strings(src in any::<String>()) {
        check_statements(&src)?;
    }

    #[test]
    fn statements_of_shellish_strings(src in shellish()) {
        check_statements(&src)?;
    }

    #[test]
    fn statements_of_ascii_soup(src in "[ -~\n\t]{0,80}") {
        check_statements(&src)?;
    }
}
