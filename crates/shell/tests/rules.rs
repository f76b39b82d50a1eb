//! One test (or a few) per rule of the shell layer, with exact ranges.
#![allow(clippy::single_range_in_vec_init)]

use shell::{Command, Compound, RedirectKind, Script, SyntaxKind, parse};

/// The source text of each word of a command.
fn texts<'a>(src: &'a str, c: &Command) -> Vec<&'a str> {
    c.words.iter().map(|w| &src[w.range.clone()]).collect()
}

fn values(c: &Command) -> Vec<&str> {
    c.words.iter().map(|w| w.value.as_str()).collect()
}

/// The syntax pieces as (kind, text).
fn syntax<'a>(src: &'a str, s: &Script) -> Vec<(SyntaxKind, &'a str)> {
    s.syntax
        .iter()
        .map(|x| (x.kind, &src[x.range.clone()]))
        .collect()
}

fn names(s: &Script) -> Vec<&str> {
    s.commands
        .iter()
        .map(|c| c.words.first().map_or("", |w| w.value.as_str()))
        .collect()
}

#[test]
fn simple_command_ranges() {
    let src = "ls -la /tmp";
    let s = parse(src);
    assert_eq!(s.commands.len(), 1);
    let c = &s.commands[0];
    assert_eq!(c.range, 0..11);
    assert_eq!(
        c.words.iter().map(|w| w.range.clone()).collect::<Vec<_>>(),
        [0..2, 3..6, 7..11]
    );
    assert_eq!(values(c), ["ls", "-la", "/tmp"]);
    assert!(c.words.iter().all(|w| !w.quoted && w.expansions.is_empty()));
    assert!(s.syntax.is_empty() && s.errors.is_empty());
}

#[test]
fn numbers_are_words() {
    let src = "kill -9 5";
    let s = parse(src);
    assert_eq!(values(&s.commands[0]), ["kill", "-9", "5"]);
    assert_eq!(s.commands[0].words[1].range, 5..7);
}

#[test]
fn concatenation_is_one_word() {
    let src = "git commit --author=\"Jane Doe\" -m 'fix it'";
    let s = parse(src);
    let c = &s.commands[0];
    assert_eq!(
        values(c),
        ["git", "commit", "--author=Jane Doe", "-m", "fix it"]
    );
    assert_eq!(c.words[2].range, 11..30);
    assert!(c.words[2].quoted && c.words[4].quoted && !c.words[3].quoted);
}

#[test]
fn split_expansions_are_joined() {
    let src = "cp $D/x/$1 ${HOME}/\"$2\"x";
    let s = parse(src);
    let c = &s.commands[0];
    assert_eq!(texts(src, c), ["cp", "$D/x/$1", "${HOME}/\"$2\"x"]);
    assert_eq!(c.words[1].expansions, [3..5, 8..10]);
    assert_eq!(c.words[1].value, "$D/x/$1");
    assert_eq!(c.words[2].expansions, [11..18, 20..22]);
    assert_eq!(c.words[2].value, "${HOME}/$2x");
    assert!(c.words[2].quoted);
}

#[test]
fn words_after_redirection_go_back_to_the_command() {
    let src = "grep foo > out --include=*.c";
    let s = parse(src);
    let c = &s.commands[0];
    assert_eq!(c.range, 0..28);
    assert_eq!(values(c), ["grep", "foo", "--include=*.c"]);
    assert_eq!(c.words[2].range, 15..28);
    let r = &c.redirects[0];
    assert_eq!(
        (r.range.clone(), r.operator.clone(), r.kind),
        (9..14, 9..10, RedirectKind::Output)
    );
    assert_eq!(r.target.as_ref().unwrap().value, "out");
    assert_eq!(r.target.as_ref().unwrap().range, 11..14);
}

#[test]
fn redirect_kinds_and_operators() {
    let src = "cmd 2>&1 >>log &>/dev/null <in 3<>f >|g &>>h 4<&0 5>x";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let c = &s.commands[0];
    assert_eq!(values(c), ["cmd"]);
    let got: Vec<_> = c
        .redirects
        .iter()
        .map(|r| {
            (
                &src[r.operator.clone()],
                r.kind,
                r.fd,
                r.target.as_ref().map(|t| t.value.as_str()),
            )
        })
        .collect();
    use RedirectKind::*;
    assert_eq!(
        got,
        [
            ("2>&", DuplicateOutput, Some(2), Some("1")),
            (">>", Append, None, Some("log")),
            ("&>", OutputAndError, None, Some("/dev/null")),
            ("<", Input, None, Some("in")),
            ("3<>", ReadWrite, Some(3), Some("f")),
            (">|", Clobber, None, Some("g")),
            ("&>>", AppendOutputAndError, None, Some("h")),
            ("4<&", DuplicateInput, Some(4), Some("0")),
            ("5>", Output, Some(5), Some("x")),
        ]
    );
    assert_eq!(c.redirects[0].range, 4..8);
    assert_eq!(c.redirects[0].target.as_ref().unwrap().range, 7..8);
}

#[test]
fn here_string_after_another_redirection() {
    let src = "cmd >out <<<\"a b\"";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let r = &s.commands[0].redirects[1];
    assert_eq!(
        (r.kind, &src[r.operator.clone()], r.range.clone()),
        (RedirectKind::HereString, "<<<", 9..17)
    );
    assert_eq!(r.target.as_ref().unwrap().value, "a b");
}

#[test]
fn close_fd_and_named_fd() {
    let src = "exec 3>&- {fd}>x";
    let s = parse(src);
    let c = &s.commands[0];
    assert_eq!(values(c), ["exec"]);
    assert_eq!(&src[c.redirects[0].operator.clone()], "3>&");
    assert_eq!(c.redirects[0].target.as_ref().unwrap().value, "-");
    assert_eq!(&src[c.redirects[1].operator.clone()], "{fd}>");
    assert_eq!(c.redirects[1].fd, None);
    assert_eq!(c.redirects[1].range, 10..16);
}

#[test]
fn redirection_before_command_name() {
    let src = "< in sort -u";
    let s = parse(src);
    let c = &s.commands[0];
    assert_eq!(c.range, 0..12);
    assert_eq!(values(c), ["sort", "-u"]);
    assert_eq!(c.redirects[0].range, 0..4);
}

#[test]
fn redirection_of_pipeline_belongs_to_last_command() {
    let src = "echo x | tee >/dev/null && b 2>&1";
    let s = parse(src);
    assert_eq!(names(&s), ["echo", "tee", "b"]);
    assert_eq!(s.commands[1].redirects.len(), 1);
    assert_eq!(s.commands[1].range, 9..23);
    assert_eq!(s.commands[2].redirects.len(), 1);
}

#[test]
fn heredoc_with_pipeline() {
    let src = "cat <<EOF | grep x\nhello $y\nEOF\necho done\n";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(names(&s), ["cat", "grep", "echo"]);
    let cat = &s.commands[0];
    assert_eq!(cat.range, 0..9);
    let r = &cat.redirects[0];
    assert_eq!(
        (r.kind, r.range.clone(), r.operator.clone()),
        (RedirectKind::HereDocument, 4..9, 4..6)
    );
    assert_eq!(r.target.as_ref().unwrap().value, "EOF");
    assert_eq!(r.heredoc_body, Some(19..28));
    assert_eq!(&src[19..28], "hello $y\n");
    assert_eq!(s.commands[1].range, 12..18);
    assert_eq!(syntax(src, &s), [(SyntaxKind::Pipe, "|")]);
}

#[test]
fn heredoc_variants() {
    let src = "cat <<-'EOF' >out && echo ok\n\tbody $(not run)\n\tEOF\nwc <<A <<B\na\nA\nb\nB\nls";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(names(&s), ["cat", "echo", "wc", "ls"]);
    let cat = &s.commands[0];
    assert_eq!(cat.redirects.len(), 2);
    let h = &cat.redirects[0];
    assert_eq!(&src[h.operator.clone()], "<<-");
    let t = h.target.as_ref().unwrap();
    assert_eq!((t.value.as_str(), t.quoted), ("EOF", true));
    assert_eq!(&src[h.heredoc_body.clone().unwrap()], "\tbody $(not run)\n");
    assert_eq!(cat.redirects[1].target.as_ref().unwrap().value, "out");
    let wc = &s.commands[2];
    let bodies: Vec<&str> = wc
        .redirects
        .iter()
        .map(|r| &src[r.heredoc_body.clone().unwrap()])
        .collect();
    assert_eq!(bodies, ["a\n", "b\n"]);
    assert_eq!(syntax(src, &s), [(SyntaxKind::And, "&&")]);
}

#[test]
fn heredoc_body_substitutions_belong_to_the_command() {
    let src = "cat <<EOF\n$(date)\nEOF";
    let s = parse(src);
    assert_eq!(names(&s), ["cat", "date"]);
    assert_eq!(s.commands[1].parent, Some(0));
}

#[test]
fn unterminated_heredoc() {
    let src = "cat <<EOF\nline";
    let s = parse(src);
    assert_eq!(names(&s), ["cat"]);
    assert_eq!(s.errors.len(), 1);
    assert!(
        s.errors[0].message.contains("here-document"),
        "{:?}",
        s.errors
    );
}

#[test]
fn functions() {
    let src = "f() { echo a; }\nfunction g { ls; } > out";
    let s = parse(src);
    assert_eq!(names(&s), ["echo", "ls", ""]);
    assert_eq!(
        s.commands[2].redirects[0].target.as_ref().unwrap().value,
        "out"
    );
    use SyntaxKind::*;
    assert_eq!(
        syntax(src, &s),
        [
            (FunctionName, "f"),
            (Keyword(Compound::Function), "("),
            (Keyword(Compound::Function), ")"),
            (Keyword(Compound::Group), "{"),
            (Semicolon, ";"),
            (Keyword(Compound::Group), "}"),
            (Keyword(Compound::Function), "function"),
            (FunctionName, "g"),
            (Keyword(Compound::Group), "{"),
            (Semicolon, ";"),
            (Keyword(Compound::Group), "}"),
        ]
    );
}

#[test]
fn case_statement() {
    let src = "case $x in\n  a|b) echo 1;;\n  (c*) echo 2;&\n  *) echo 3;;&\nesac";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(names(&s), ["echo", "echo", "echo"]);
    use SyntaxKind::*;
    assert_eq!(
        syntax(src, &s),
        [
            (Keyword(Compound::Case), "case"),
            (Keyword(Compound::Case), "in"),
            (Keyword(Compound::Case), "|"),
            (Keyword(Compound::Case), ")"),
            (CaseTerminator, ";;"),
            (Keyword(Compound::Case), "("),
            (Keyword(Compound::Case), ")"),
            (CaseTerminator, ";&"),
            (Keyword(Compound::Case), ")"),
            (CaseTerminator, ";;&"),
            (Keyword(Compound::Case), "esac"),
        ]
    );
}

#[test]
fn double_bracket_test_is_a_command() {
    let src = "[[ -f $x && $y =~ ^a(b|c)$ ]] || [ ! -e \"$z\" ]";
    let s = parse(src);
    assert_eq!(s.commands.len(), 2);
    assert_eq!(
        texts(src, &s.commands[0]),
        ["[[", "-f", "$x", "&&", "$y", "=~", "^a(b|c)$", "]]"]
    );
    assert_eq!(s.commands[0].range, 0..29);
    assert_eq!(values(&s.commands[1]), ["[", "!", "-e", "$z", "]"]);
    assert_eq!(syntax(src, &s), [(SyntaxKind::Or, "||")]);
}

#[test]
fn declarations_are_commands() {
    let src = "export PATH=/x:$PATH FOO; local -r a=1; unset -f x; declare -A m=([k]=v)";
    let s = parse(src);
    assert_eq!(values(&s.commands[0]), ["export", "PATH=/x:$PATH", "FOO"]);
    assert_eq!(s.commands[0].words[1].expansions, [15..20]);
    assert!(s.commands[0].assignments.is_empty());
    assert_eq!(values(&s.commands[1]), ["local", "-r", "a=1"]);
    assert_eq!(values(&s.commands[2]), ["unset", "-f", "x"]);
    assert_eq!(values(&s.commands[3]), ["declare", "-A", "m=([k]=v)"]);
}

#[test]
fn assignments() {
    let src = "a=(1 \"2 3\") B=2 cmd x=1\nx=1 y+=2\nIFS= read -r l";
    let s = parse(src);
    let c = &s.commands[0];
    assert_eq!(
        c.assignments
            .iter()
            .map(|w| &src[w.range.clone()])
            .collect::<Vec<_>>(),
        ["a=(1 \"2 3\")", "B=2"]
    );
    assert_eq!(values(c), ["cmd", "x=1"]);
    assert_eq!(s.commands[1].assignments.len(), 2);
    assert!(s.commands[1].words.is_empty());
    assert_eq!(s.commands[2].assignments[0].value, "IFS=");
    assert_eq!(values(&s.commands[2]), ["read", "-r", "l"]);
}

#[test]
fn arithmetic_and_c_style_for() {
    let src = "(( x += 2 )); for ((i=0;i<3;i++)); do echo $((i*2)); done";
    let s = parse(src);
    assert!(s.errors.is_empty());
    assert_eq!(names(&s), ["echo"]);
    assert_eq!(s.commands[0].words[1].expansions, [43..51]);
    use SyntaxKind::*;
    assert_eq!(
        syntax(src, &s),
        [
            (Keyword(Compound::Arithmetic), "(("),
            (Keyword(Compound::Arithmetic), "))"),
            (Semicolon, ";"),
            (Keyword(Compound::For), "for"),
            (Keyword(Compound::Arithmetic), "(("),
            (Keyword(Compound::Arithmetic), "))"),
            (Semicolon, ";"),
            (Keyword(Compound::For), "do"),
            (Semicolon, ";"),
            (Keyword(Compound::For), "done"),
        ]
    );
}

#[test]
fn loops_select_if() {
    let src = "select x in a b; do break; done\nwhile read l; do :; done < f\nuntil false; do :; done\nif a; then b; elif c; then d; else e; fi";
    let s = parse(src);
    assert!(s.errors.is_empty());
    assert_eq!(
        names(&s),
        [
            "break", "read", ":", "", "false", ":", "a", "b", "c", "d", "e"
        ]
    );
    assert_eq!(
        s.commands[3].redirects[0].target.as_ref().unwrap().value,
        "f"
    );
    let kw: Vec<&str> = s
        .syntax
        .iter()
        .filter(|x| matches!(x.kind, SyntaxKind::Keyword(_)))
        .map(|x| &src[x.range.clone()])
        .collect();
    assert_eq!(
        kw,
        [
            "select", "in", "do", "done", "while", "do", "done", "until", "do", "done", "if",
            "then", "elif", "then", "else", "fi"
        ]
    );
}

#[test]
fn time_coproc_negation() {
    let src = "time -p ls -l | wc; ! grep -q x f; coproc cat; coproc NAME { cat; }";
    let s = parse(src);
    assert_eq!(names(&s), ["ls", "wc", "grep", "cat", "cat"]);
    use SyntaxKind::*;
    assert_eq!(
        syntax(src, &s),
        [
            (Keyword(Compound::Time), "time"),
            (Keyword(Compound::Time), "-p"),
            (Pipe, "|"),
            (Semicolon, ";"),
            (Negation, "!"),
            (Semicolon, ";"),
            (Keyword(Compound::Coproc), "coproc"),
            (Semicolon, ";"),
            (Keyword(Compound::Coproc), "coproc"),
            (Keyword(Compound::Group), "{"),
            (Semicolon, ";"),
            (Keyword(Compound::Group), "}"),
        ]
    );
    // `time` after an assignment is /usr/bin/time.
    let s = parse("A=1 time ls");
    assert_eq!(values(&s.commands[0]), ["time", "ls"]);
}

#[test]
fn subshells_groups_lists() {
    let src = "(cd x && make) & { a; b || c; } | d |& e";
    let s = parse(src);
    assert_eq!(names(&s), ["cd", "make", "a", "b", "c", "d", "e"]);
    use SyntaxKind::*;
    assert_eq!(
        syntax(src, &s),
        [
            (SubshellOpen, "("),
            (And, "&&"),
            (SubshellClose, ")"),
            (Background, "&"),
            (Keyword(Compound::Group), "{"),
            (Semicolon, ";"),
            (Or, "||"),
            (Semicolon, ";"),
            (Keyword(Compound::Group), "}"),
            (Pipe, "|"),
            (PipeAll, "|&"),
        ]
    );
}

#[test]
fn nested_substitutions_have_parents() {
    let src = "diff <(ls a) >(cat) `date +%s` \"$(echo \"$(id -u)\")\"";
    let s = parse(src);
    assert_eq!(names(&s), ["diff", "ls", "cat", "date", "echo", "id"]);
    let parents: Vec<Option<usize>> = s.commands.iter().map(|c| c.parent).collect();
    assert_eq!(parents, [None, Some(0), Some(0), Some(0), Some(0), Some(4)]);
    let diff = &s.commands[0];
    assert_eq!(diff.words[1].expansions, [5..12]);
    assert_eq!(diff.words[4].expansions, [32..50]);
    assert_eq!(diff.words[4].value, "$(echo \"$(id -u)\")");
}

#[test]
fn substitution_syntax_is_inside_the_expansion() {
    let src = "echo $(a | b) x";
    let s = parse(src);
    assert_eq!(names(&s), ["echo", "a", "b"]);
    assert_eq!(s.syntax[0].range, 9..10);
    assert_eq!(s.commands[0].words[1].expansions, [5..13]);
    assert_eq!(s.commands[1].parent, Some(0));
}

#[test]
fn for_loop_values_substitutions() {
    let src = "for f in $(ls *.c); do gcc -c \"$f\"; done";
    let s = parse(src);
    assert_eq!(names(&s), ["ls", "gcc"]);
    assert_eq!(s.commands[0].parent, None);
}

#[test]
fn comments() {
    let src = "# top\nls # trailing\necho a#b";
    let s = parse(src);
    assert_eq!(
        syntax(src, &s),
        [
            (SyntaxKind::Comment, "# top"),
            (SyntaxKind::Comment, "# trailing")
        ]
    );
    assert_eq!(values(&s.commands[1]), ["echo", "a#b"]);
}

#[test]
fn escaped_newlines_join_lines() {
    let src = "ls \\\n  -la fo\\\no \\\n\"x\"";
    let s = parse(src);
    let c = &s.commands[0];
    assert_eq!(values(c), ["ls", "-la", "foo", "x"]);
    assert_eq!(c.words[2].range, 11..16);
    assert_eq!(c.range, 0..src.len());
}

#[test]
fn escapes_and_ansi_c() {
    let src = r#"printf $'a\tb\x41' \$x a\ b "q\"" ''"#;
    let s = parse(src);
    let c = &s.commands[0];
    assert_eq!(values(c), ["printf", "a\tbA", "$x", "a b", "q\"", ""]);
    assert!(c.words[2].expansions.is_empty());
    assert!(c.words.iter().skip(1).all(|w| w.quoted));
}

#[test]
fn find_exec_terminators() {
    let src = "find . -name '*.c' -exec rm {} \\; -o -exec ls {} +";
    let s = parse(src);
    assert_eq!(
        values(&s.commands[0]),
        [
            "find", ".", "-name", "*.c", "-exec", "rm", "{}", ";", "-o", "-exec", "ls", "{}", "+"
        ]
    );
}

#[test]
fn error_unexpected_paren() {
    let src = "echo a )";
    let s = parse(src);
    assert_eq!(values(&s.commands[0]), ["echo", "a"]);
    assert_eq!(s.errors.len(), 1);
    assert_eq!(s.errors[0].range, 7..8);
    assert_eq!(s.errors[0].message, "unexpected `)` at 1:8");
}

#[test]
fn error_unterminated_quotes_keep_the_word() {
    let src = "ls\necho \"unterminated here";
    let s = parse(src);
    assert_eq!(s.commands.len(), 2);
    assert_eq!(values(&s.commands[1]), ["echo", "unterminated here"]);
    assert_eq!(s.errors[0].message, "unterminated double quote at 2:6");
    let s = parse("echo 'x y");
    assert_eq!(values(&s.commands[0]), ["echo", "x y"]);
    assert_eq!(s.errors[0].message, "unterminated single quote at 1:6");
}

#[test]
fn error_missing_paren() {
    let src = "echo $(ls -l";
    let s = parse(src);
    assert_eq!(names(&s), ["echo", "ls"]);
    assert_eq!(s.commands[1].parent, Some(0));
    assert_eq!(s.errors.len(), 1);
    assert_eq!(s.errors[0].message, "missing `)` at 1:13");
}

#[test]
fn error_keywords_in_command_position() {
    let src = "if then fi";
    let s = parse(src);
    assert!(s.commands.is_empty());
    assert!(!s.errors.is_empty());
    let kw: Vec<&str> = s.syntax.iter().map(|x| &src[x.range.clone()]).collect();
    assert_eq!(kw, ["if", "then", "fi"]);
}

#[test]
fn error_keeps_what_parsed() {
    let src = "ls -l | | grep x; echo ok";
    let s = parse(src);
    assert_eq!(names(&s), ["ls", "grep", "echo"]);
    assert!(!s.errors.is_empty());
    assert!(s.errors[0].message.starts_with("unexpected `|`"));
}

#[test]
fn case_terminator_outside_case_is_an_error() {
    let s = parse("echo a;;b");
    assert_eq!(s.errors.len(), 1);
    assert!(s.errors[0].message.contains(";;"));
}

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
fn unicode_ranges() {
    let src = "echo héllo 'wörld' ∀x";
    let s = parse(src);
    assert_eq!(values(&s.commands[0]), ["echo", "héllo", "wörld", "∀x"]);
    assert_eq!(s.commands[0].words[3].range, 21..25);
}

#[test]
fn serializes() {
    fn is_serialize<T: serde::Serialize>(_: &T) {}
    is_serialize(&parse("ls"));
}

#[test]
fn time_and_coproc_with_compound_commands() {
    let src = "time (sleep 1); coproc { cat; }";
    let s = parse(src);
    assert_eq!(names(&s), ["sleep", "cat"]);
    use SyntaxKind::*;
    assert_eq!(
        syntax(src, &s),
        [
            (Keyword(Compound::Time), "time"),
            (SubshellOpen, "("),
            (SubshellClose, ")"),
            (Semicolon, ";"),
            (Keyword(Compound::Coproc), "coproc"),
            (Keyword(Compound::Group), "{"),
            (Semicolon, ";"),
            (Keyword(Compound::Group), "}"),
        ]
    );
}

#[test]
fn newline_ends_assignment_only_commands() {
    // tree-sitter-bash runs these two lines into one command.
    let src = "a=1 b=2\nc= cmd $(d)";
    let s = parse(src);
    assert_eq!(s.commands.len(), 3);
    assert_eq!(s.commands[0].range, 0..7);
    assert!(s.commands[0].words.is_empty());
    assert_eq!(s.commands[1].assignments[0].value, "c=");
    assert_eq!(values(&s.commands[1]), ["cmd", "$(d)"]);
    assert_eq!(s.commands[2].parent, Some(1));
}

#[test]
fn close_fd_does_not_swallow_the_next_word() {
    let src = "exec 3>&- 4<&- file";
    let s = parse(src);
    let c = &s.commands[0];
    assert_eq!(values(c), ["exec", "file"]);
    let ops: Vec<&str> = c
        .redirects
        .iter()
        .map(|r| &src[r.operator.clone()])
        .collect();
    assert_eq!(ops, ["3>&", "4<&"]);
    assert_eq!(c.redirects[1].target.as_ref().unwrap().range, 13..14);
}

#[test]
fn unterminated_heredoc_at_end_of_pipeline() {
    let src = "ls | cat <<EOF\nsome text";
    let s = parse(src);
    assert_eq!(names(&s), ["ls", "cat"]);
    let r = &s.commands[1].redirects[0];
    assert_eq!(r.kind, RedirectKind::HereDocument);
    assert_eq!(&src[r.heredoc_body.clone().unwrap()], "some text");
    assert_eq!(s.errors.len(), 1);
    assert_eq!(s.errors[0].message, "unterminated here-document at 1:10");
}

#[test]
fn unterminated_quote_after_list() {
    let src = "ls && cat \"x y";
    let s = parse(src);
    assert_eq!(values(&s.commands[1]), ["cat", "x y"]);
}

#[test]
fn high_code_points_after_brace_do_not_crash() {
    // tree-sitter-bash's scanner calls C `isdigit` on these and crashed.
    for src in ["{\u{e0100}", "echo {1..\u{f0000}}", "{\u{10ffff}}", "a{é"] {
        let s = parse(src);
        assert!(s.commands.iter().all(|c| c.range.end <= src.len()));
    }
    assert_eq!(
        values(&parse("echo {\u{e0100}}").commands[0]),
        ["echo", "{\u{e0100}}"]
    );
}
