//! The shell layer's snapshot suite: each `walks/NAME.sh` is parsed and what the matcher will
//! see is dumped to `walks/NAME.walk`, with exact byte ranges: every simple command
//! (assignments, words with their values and expansions, redirections), every piece of syntax
//! with its kind, and the errors. A `rule-*.sh` case pins one rule of the shell layer.
//! Adding a case is one file: write `NAME.sh`, run `UPDATE_EXPECT=1 cargo test -p shell --test
//! walks`, and read the `.walk` it wrote before committing it.

use std::fmt::Write;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/walks")
}

fn word(src: &str, w: &shell::Word) -> String {
    let raw = &src[w.range.clone()];
    let mut s = format!("{:?} {raw:?}", w.range);
    if w.value != raw {
        let _ = write!(s, " = {:?}", w.value);
    }
    if w.quoted {
        s.push_str(" quoted");
    }
    for e in &w.expansions {
        let _ = write!(s, " ${e:?} {:?}", &src[e.clone()]);
    }
    s
}

fn dump(src: &str) -> String {
    let script = shell::parse(src);
    let mut out = String::new();
    for (i, c) in script.commands.iter().enumerate() {
        let parent = c.parent.map(|p| format!(" in {p}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "command {i} {:?} {:?}{parent}",
            c.range,
            &src[c.range.clone()]
        );
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
                "  redirect {:?} {:?} {:?} at {:?} fd {:?} {target}",
                r.range,
                r.kind,
                &src[r.operator.clone()],
                r.operator,
                r.fd
            );
            if let Some(body) = &r.heredoc_body {
                let _ = writeln!(out, "    body {body:?} {:?}", &src[body.clone()]);
            }
        }
    }
    for s in &script.syntax {
        let _ = writeln!(
            out,
            "syntax {:?} {:?} {:?}",
            s.range,
            s.kind,
            &src[s.range.clone()]
        );
    }
    for e in &script.errors {
        let _ = writeln!(out, "error {:?}: {}", e.range, e.message);
    }
    out
}

#[test]
fn walks() {
    testkit::check_snapshots(&dir(), "sh", "walk", 8, dump);
}
