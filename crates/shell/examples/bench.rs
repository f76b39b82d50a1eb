//! Times `shell::parse` on a typical 100-character command line and on a large
//! script. Run with `cargo run --release -p shell --example bench`.
use std::hint::black_box;
use std::time::Instant;

fn time(label: &str, src: &str, iterations: u32) {
    // Warm up (the parser is created once per thread).
    black_box(shell::parse(src));
    let start = Instant::now();
    for _ in 0..iterations {
        black_box(shell::parse(black_box(src)));
    }
    let per = start.elapsed() / iterations;
    println!(
        "{label}: {} bytes, {per:?} per parse ({iterations} runs)",
        src.len()
    );
}

fn main() {
    let line = r#"find . -name '*.rs' -mtime -7 -print0 | xargs -0 grep -n "TODO" 2>/dev/null | sort -u > todo.txt"#;
    time("typical line", line, 20_000);
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_bash::LANGUAGE.into())
        .expect("grammar loads");
    let start = Instant::now();
    for _ in 0..20_000 {
        black_box(parser.parse(black_box(line), None));
    }
    println!(
        "  (tree-sitter alone on it: {:?} per parse)",
        start.elapsed() / 20_000
    );
    let with_subst = r#"tar -czf "backup-$(date +%F).tar.gz" --exclude='*.log' ~/project && echo "done: $?" >&2"#;
    time("line with substitution", with_subst, 20_000);
    let broken = r#"for f in *.txt; do echo "$f | wc -l; done ) ) ; if then"#;
    time("broken line", broken, 20_000);
    let script = format!("{line}\n{with_subst}\n").repeat(5_500);
    time("1 MB script", &script, 5);
}
