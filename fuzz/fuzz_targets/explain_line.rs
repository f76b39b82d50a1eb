//! Any text through the whole explain path (shell parser, matcher, span invariants) against
//! real pages: bash(1) for the shell syntax and builtins, and pages with nesting, sub-commands
//! and bundles. No panic, and the spans stay inside the input, ordered and non-overlapping.
//!
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run explain_line -- -max_total_time=600` (see fuzz/README.md).

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use matcher::MemoryPages;

fn pages() -> &'static MemoryPages {
    static PAGES: OnceLock<MemoryPages> = OnceLock::new();
    PAGES.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let files = [
            "manpages/man1/bash.1.gz",
            "manpages/man1/tar.1.gz",
            "manpages/man1/find.1.gz",
            "manpages/man8/sudo.8.gz",
            "manpages/man1/git.1.gz",
            "manpages/man1/git-commit.1.gz",
            "manpages/man1/xargs.1.gz",
            "manpages/man1/systemctl.1.gz",
            "tests/fixtures/matcher/man1/demo.1",
            "tests/fixtures/matcher/man1/wrap.1",
        ];
        MemoryPages::new(files.iter().map(|f| {
            let doc = roff::parse_bytes(&std::fs::read(root.join(f)).expect("fixture page"), None).expect("parses");
            manpage::read(&doc, f.rsplit_once("man").map(|(_, r)| r).unwrap_or(f))
        }))
    })
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let ex = matcher::explain(&input, pages());
    let mut last = 0;
    for s in &ex.spans {
        assert!(s.start >= last && s.start < s.end && s.end <= input.len());
        assert_eq!(s.text, input[s.start..s.end]);
        last = s.end;
    }
});
