//! The shell layer's snapshot suite: each `walks/NAME.sh` is parsed and what the matcher will
//! see is dumped to `walks/NAME.walk`: every simple command (assignments, words with their
//! values and expansions, redirections), every piece of syntax with its kind, and the errors.
//! Adding a case is one file: write `NAME.sh`, run `UPDATE_EXPECT=1 cargo test -p shell --test
//! walks`, and read the `.walk` it wrote before committing it.

use std::fmt::Write;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/walks")
}

fn word(src: &str, w: &shell::Word) -> String {
    let raw = &src[w.range.clone()];
    let mut s = format!("{raw:?}");
    if w.value != raw {
        let _ = write!(s, " = {:?}", w.value);
    }
    if w.quoted {
        s.push_str(" quoted");
    }
    for e in &w.expansions {
        let _ = write!(s, " ${:?}", &src[e.clone()]);
    }
    s
}

fn dump(src: &str) -> String {
    let script = shell::parse(src);
    let mut out = String::new();
    for (i, c) in script.commands.iter().enumerate() {
        let parent = c.parent.map(|p| format!(" in {p}")).unwrap_or_default();
        let _ = writeln!(out, "command {i} {:?}{parent}", &src[c.range.clone()]);
        for a in &c.assignments {
            let _ = writeln!(out, "  assignment {}", word(src, a));
        }
        for w in &c.words {
            let _ = writeln!(out, "  word {}", word(src, w));
        }
        for r in &c.redirects {
            let target = r.target.as_ref().map(|t| word(src, t)).unwrap_or_default();
            let _ = writeln!(
                out,
                "  redirect {:?} {:?} fd {:?} {target}",
                r.kind,
                &src[r.operator.clone()],
                r.fd
            );
            if let Some(body) = &r.heredoc_body {
                let _ = writeln!(out, "    body {:?}", &src[body.clone()]);
            }
        }
    }
    for s in &script.syntax {
        let _ = writeln!(out, "syntax {:?} {:?}", s.kind, &src[s.range.clone()]);
    }
    for e in &script.errors {
        let _ = writeln!(out, "error {:?}: {}", e.range, e.message);
    }
    out
}

#[test]
fn walks() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 8, "the cases in {}", dir().display());
    let mut wrong = Vec::new();
    for case in &cases {
        let got = dump(&std::fs::read_to_string(case).unwrap());
        let expected_file = case.with_extension("walk");
        if update {
            std::fs::write(&expected_file, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected_file).unwrap_or_default();
        if got != want {
            wrong.push(format!(
                "{}:\n--- want\n{want}--- got\n{got}",
                case.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} walks differ (UPDATE_EXPECT=1 rewrites them):\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
