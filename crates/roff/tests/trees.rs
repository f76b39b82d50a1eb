//! The tree builders' snapshot suite, one small page per behaviour (as mandoc's `regress/`):
//! each `trees/NAME.roff` is parsed and its tree dumped to `trees/NAME.tree`. Adding a case is
//! one file: write `NAME.roff`, run `UPDATE_EXPECT=1 cargo test -p roff --test trees`, and read
//! the `.tree` it wrote before committing it.

use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/trees")
}

#[test]
fn trees() {
    testkit::check_snapshots(&dir(), "roff", "tree", 8, |source| {
        roff::parse(source, None).outline()
    });
}
