//! Hover in a generated 1,000-line script against a warm in-memory index of the shipped
//! corpus: several positions (an option in a pipeline, a keyword and a command deep in a
//! 300-line function, a continued line, a here-document), and a hover right after an edit
//! (which parses the document again). Run with `cargo bench -p lsp`; figures go in
//! BENCHMARKS.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lsp::{Change, Encoding, Pos, State};

fn corpus() -> store::Store {
    testkit::stored::index(&[testkit::repo().join("manpages")])
}

/// A realistic 1,000-line script: a header, helper functions, a 300-line `main`, loops,
/// here-documents, continued commands and pipelines, a `case` over options.
fn script() -> String {
    let mut s = String::from("#!/usr/bin/env bash\nset -euo pipefail\n\n");
    let blocks: [&str; 8] = [
        "log() {\n  printf '%s %s\\n' \"$(date -u +%FT%TZ)\" \"$*\" >&2\n}\n",
        "for f in ./*.log; do\n  gzip -9 \"$f\" || echo \"cannot compress $f\" >&2\ndone\n",
        "tar --create --gzip \\\n    --file backup.tgz \\\n    --exclude='*.tmp' \\\n    src docs\n",
        "grep -rn --include='*.sh' TODO . |\n  sort -t: -k1,1 -k2n |\n  uniq -c > todo.txt\n",
        "cat <<EOF > config.ini\n[main]\nname = demo\npath = /srv/demo\nEOF\n",
        "if [ -f \"$HOME/.config/app\" ]; then\n  cp -a \"$HOME/.config/app\" /tmp/app.bak\nfi\n",
        "find . -name '*.tmp' -mtime +7 -exec rm -f {} \\;\n",
        "case \"$1\" in\n  -v|--verbose) set -x ;;\n  -h|--help) echo usage; exit 0 ;;\n  *) ;;\nesac\n",
    ];
    let mut i = 0;
    while s.lines().count() < 300 {
        s.push_str(blocks[i % blocks.len()]);
        i += 1;
    }
    s.push_str("main() {\n");
    while s.lines().count() < 620 {
        for line in blocks[i % blocks.len()].lines() {
            s.push_str("  ");
            s.push_str(line);
            s.push('\n');
        }
        i += 1;
    }
    s.push_str("}\n\n");
    while s.lines().count() < 999 {
        s.push_str(blocks[i % blocks.len()]);
        i += 1;
    }
    s.push_str("main \"$@\"\n");
    s
}

/// The position of the `nth` occurrence of `needle` at or after line `from`, plus `delta`.
fn find(text: &str, from: usize, needle: &str, delta: u32) -> Pos {
    for (line, t) in text.lines().enumerate().skip(from) {
        if let Some(c) = t.find(needle) {
            let character = t[..c].encode_utf16().count() as u32 + delta;
            return Pos {
                line: line as u32,
                character,
            };
        }
    }
    panic!("{needle} not found after line {from}");
}

fn bench(c: &mut Criterion) {
    let store = corpus();
    let text = script();
    let lines = text.lines().count();
    assert!((1000..1010).contains(&lines), "{lines} lines");
    let uri = "file:///bench/deploy.sh";
    let mut state = State::new(&store, Encoding::Utf16);
    state.open(uri, "shellscript", text.clone());
    let positions = [
        ("option in a pipeline", find(&text, 150, "-k2n", 1)),
        ("option on a continued line", find(&text, 200, "--file", 3)),
        ("here-document operator", find(&text, 200, "<<EOF", 0)),
        (
            "keyword in a 300-line function",
            find(&text, 400, "done", 1),
        ),
        (
            "option in a 300-line function",
            find(&text, 400, "-mtime", 2),
        ),
        ("program on the last line", find(&text, 998, "main", 1)),
    ];
    for (what, at) in &positions {
        let h = state.hover(uri, *at).unwrap();
        assert!(h.is_some(), "no hover for {what} at {at:?}");
    }
    let mut group = c.benchmark_group("hover in a 1,000-line script");
    for (what, at) in &positions {
        group.bench_function(*what, |b| {
            b.iter(|| black_box(state.hover(uri, black_box(*at)).unwrap()))
        });
    }
    // An edit, then a hover: the document is parsed again.
    let edit_at = find(&text, 500, "gzip -9", 5);
    group.bench_function("edit then hover (parses the document)", |b| {
        b.iter(|| {
            state
                .change(
                    uri,
                    vec![Change {
                        range: Some((
                            edit_at,
                            Pos {
                                line: edit_at.line,
                                character: edit_at.character + 1,
                            },
                        )),
                        text: "9".into(),
                    }],
                )
                .unwrap();
            black_box(state.hover(uri, positions[0].1).unwrap())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
