//! The head grammar's snapshot suite: `heads.txt` holds one option head per line and what the
//! grammar reads from it. Adding a case is one line (`HEAD => ?`, then `UPDATE_EXPECT=1 cargo
//! test -p manpage heads` and read what it wrote).

use super::*;

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/heads.txt");

/// A head written with `\fB`, `\fI` and `\fR` font switches, `\n` for a line break and `\\`
/// for a backslash.
fn text(written: &str) -> Text {
    let mut t = Text::new();
    let mut font = Font::Roman;
    let mut run = String::new();
    let mut chars = written.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            run.push(c);
            continue;
        }
        match (chars.next(), chars.peek()) {
            (Some('\\'), _) => run.push('\\'),
            (Some('n'), _) => run.push('\n'),
            (Some('f'), Some(&f)) => {
                chars.next();
                if !run.is_empty() {
                    t.push(std::mem::take(&mut run), font);
                }
                font = match f {
                    'B' => Font::Bold,
                    'I' => Font::Italic,
                    _ => Font::Roman,
                };
            }
            (other, _) => panic!("{written:?}: unknown escape \\{other:?}"),
        }
    }
    if !run.is_empty() {
        t.push(&run, font);
    }
    t
}

/// What the grammar reads from a head, on one line.
fn reading(head: &Text) -> String {
    let Some(h) = parse_head(head) else {
        return "not a head".into();
    };
    let mut out: Vec<String> = vec![
        h.flags
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    ];
    if let Some(a) = &h.argument {
        let need = match a.need {
            ArgumentNeed::Required => "required",
            ArgumentNeed::Optional => "optional",
        };
        out.push(format!("{} ({need})", a.name));
    }
    if let Some(inline) = &h.inline_help {
        out.push(format!("inline: {}", inline.plain()));
    }
    out.join(" | ")
}

#[test]
fn heads() {
    let file = std::fs::read_to_string(FILE).unwrap();
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut rewritten = String::new();
    let mut wrong = Vec::new();
    for (n, line) in file.lines().enumerate() {
        let Some((head, want)) = line.split_once(" => ").filter(|_| !line.starts_with('#')) else {
            rewritten.push_str(line);
            rewritten.push('\n');
            continue;
        };
        let got = reading(&text(head));
        if got != want {
            wrong.push(format!(
                "line {}: {head}\n  want {want}\n  got  {got}",
                n + 1
            ));
        }
        rewritten.push_str(&format!("{head} => {got}\n"));
    }
    if update {
        std::fs::write(FILE, rewritten).unwrap();
    } else {
        assert!(
            wrong.is_empty(),
            "{} heads read differently (UPDATE_EXPECT=1 rewrites src/heads.txt):\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }
}

#[test]
fn markup_of_the_suite_builds_fonts() {
    let t = text(r"\fB-N\fR \fIbig\\x");
    let fonts: Vec<(&str, Font)> = t.runs.iter().map(|r| (r.text.as_str(), r.font)).collect();
    assert_eq!(
        fonts,
        [
            ("-N", Font::Bold),
            (" ", Font::Roman),
            ("big\\x", Font::Italic)
        ]
    );
}
