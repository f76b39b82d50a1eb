//! The shell layer's rules that a walk dump cannot show: junk and odd code points never
//! panic, scripts serialise. Every other rule is a `walks/rule-*.sh` case (see walks.rs).

use shell::parse;

#[test]
fn junk_never_panics() {
    for src in [
        "\0\0\u{1}(",
        "`$((",
        "\"'\\",
        "<<",
        "<<<",
        "${",
        "$(",
        ")))",
        "a\\",
        "é<<é\né",
        "[[",
        "]]",
        "case",
        "|||",
    ] {
        let s = parse(src);
        for c in &s.commands {
            assert!(c.range.end <= src.len());
        }
    }
}

#[test]
fn serializes() {
    fn is_serialize<T: serde::Serialize>(_: &T) {}
    is_serialize(&parse("ls"));
}

#[test]
fn high_code_points_after_brace_do_not_crash() {
    // tree-sitter-bash's scanner calls C `isdigit` on these and crashed.
    for src in ["{\u{e0100}", "echo {1..\u{f0000}}", "{\u{10ffff}}", "a{é"] {
        let s = parse(src);
        assert!(s.commands.iter().all(|c| c.range.end <= src.len()));
    }
}
