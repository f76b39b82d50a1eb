//! The interpreter's own tests: strings, registers, conditionals, macros, includes.

use super::*;

fn run(src: &str) -> Interpreter<'static> {
    let mut it = Interpreter::new(|_| true, None);
    it.run(src, None);
    it
}

fn texts(src: &str) -> Vec<String> {
    texts_of(run(src).lines)
}

/// Text lines as they are; requests as `.NAME arg|arg`.
fn texts_of(lines: Vec<Line>) -> Vec<String> {
    lines
        .into_iter()
        .map(|l| match l.kind {
            LineKind::Text(t) => t,
            LineKind::Request { name, args, .. } => format!(".{name} {}", args.join("|")),
        })
        .collect()
}

#[test]
fn strings_and_registers() {
    assert_eq!(
        texts(".ds Nm tar\n.nr X 3\nuse \\*(Nm \\*[Nm] \\nX\n"),
        vec!["use tar tar 3"]
    );
}

#[test]
fn conditionals_take_nroff_branch() {
    let src = ".ie n .ds Q nroff\n.el .ds Q troff\n\\*Q\n.if t \\{\\\nskipped\n.\\}\n.if n \\{\\\nkept\n.\\}\n.if '\\*Q'nroff' same\n";
    assert_eq!(texts(src), vec!["nroff", "kept", "same"]);
}

#[test]
fn macros_expand_with_arguments() {
    let src = ".de Op\n.RB [ \"\\\\$1\" ]\n..\n.Op \\-x\n";
    assert_eq!(texts(src), vec![".RB [|\\-x|]"]);
}

#[test]
fn structural_macros_keep_their_meaning() {
    // DocBook's criu(8) redefines `.SH` with low-level requests.
    let it = run(".de1 SH\n.sp 1\n.nr an-level 1\n..\n.SH \"Name\"\ncriu\n");
    assert!(
        it.diagnostics
            .iter()
            .any(|d| d.message.contains("redefinition of .SH"))
    );
    assert_eq!(texts_of(it.lines), vec![".SH Name", "criu"]);
}

#[test]
fn ignore_blocks_comments_and_continuations() {
    let src = ".ig\nhidden\n..\nvisible \\\" comment\none \\\ntwo\n.\\\" a comment line\n";
    assert_eq!(texts(src), vec!["visible", "one two"]);
}

#[test]
fn so_loops_are_reported() {
    let mut resolver = |p: &str| -> Result<String, String> { Ok(format!(".so {p}\n")) };
    let mut it = Interpreter::new(|_| true, Some(&mut resolver));
    it.run(".so man1/a.1\n", None);
    assert_eq!(it.redirect.as_deref(), Some("man1/a.1"));
    assert!(
        it.diagnostics.iter().any(|d| d.message.contains("loop")),
        "{:?}",
        it.diagnostics
    );
}

#[test]
fn recursive_macros_stop() {
    let it = run(".de X\n.X\n..\n.X\n");
    assert!(
        it.diagnostics
            .iter()
            .any(|d| d.message.contains("nests too deep"))
    );
}

#[test]
fn numbers() {
    assert_eq!(eval_number("1+2*3"), Some(9));
    assert_eq!(eval_number("(1<2)&(3>2)"), Some(1));
    assert_eq!(eval_number("2m"), Some(2));
    assert_eq!(eval_number("x"), None);
}

#[test]
fn quoted_args() {
    assert_eq!(
        split_args(r#"a "b c" "d ""e""" \ f g\ h"#),
        vec!["a", "b c", "d \"e\"", "\\ f", "g\\ h"]
    );
}

#[test]
fn passed_on_requests_are_sorted_for_the_binary_search() {
    assert!(super::PASSED_ON.windows(2).all(|w| w[0] < w[1]));
}
