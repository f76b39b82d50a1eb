//! Any bytes into the roff parser and the page model: no panic, no hang, whatever the input
//! (gzip or not, UTF-8 or Latin-1, man(7) or mdoc(7), truncated, binary).
//!
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run roff_parse -- -max_total_time=3600` (see fuzz/README.md).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = roff::parse_bytes(data, None) {
        let page = manpage::read(&doc, "man1/fuzz.1.gz");
        // Touch what the extractor built so nothing is optimised away.
        std::hint::black_box(page.options.len() + page.operands.len());
    }
});
