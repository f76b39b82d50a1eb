//! Explaining against a warm index of the shipped corpus: a typical 100-character line and a
//! 200-line script. Run with `cargo bench -p explain --bench explain`; figures go in BENCHMARKS.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

fn corpus() -> store::Store {
    testkit::stored::index(&[testkit::repo().join("manpages")])
}

fn script() -> String {
    let lines = [
        "set -euo pipefail",
        "for f in *.log; do gzip -9 \"$f\"; done",
        "find . -name '*.tmp' -exec rm -f {} \\;",
        "tar -czf backup.tgz src && echo done",
        "grep -rn --include='*.rs' TODO . | sort -k2 | uniq -c > todo.txt",
        "if [ -f config ]; then cp -a config config.bak; fi",
        "curl -sSL -o out.html https://example.com 2>&1",
        "ls -la | awk '{print $5}' | sort -n | tail -1",
        "sudo systemctl restart nginx",
        "git commit -am \"msg\" && git push origin main",
    ];
    (0..200)
        .map(|i| lines[i % lines.len()])
        .collect::<Vec<_>>()
        .join("\n")
}

fn bench(c: &mut Criterion) {
    let store = corpus();
    let line = "grep -rn --include='*.rs' TODO . | sort -k5 -n | head -20 > out.txt && tar -czf backup.tgz src";
    assert!((90..=110).contains(&line.len()));
    // Warm the store's page cache of the operating system and the lookups once.
    black_box(matcher::explain_str(line, &store).unwrap());
    c.bench_function("explain a 100-character line", |b| {
        b.iter(|| black_box(matcher::explain_str(black_box(line), &store)))
    });
    let script = script();
    c.bench_function("explain a 200-line script", |b| {
        b.iter(|| black_box(matcher::explain_str(black_box(&script), &store)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
