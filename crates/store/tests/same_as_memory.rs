//! The store answers every lookup exactly as [`manpage::MemoryPages`] does for the same pages.
//! The matcher's and page model's suites run against `MemoryPages` (so they never build the
//! storage engine); this is what lets their results stand for the index users query.

use std::collections::BTreeSet;

use manpage::PageSource;

fn describe(pages: &[std::sync::Arc<manpage::Page>]) -> Vec<String> {
    pages
        .iter()
        .map(|p| format!("{}({}) {} {:?}", p.name, p.section, p.source, p.origin))
        .collect()
}

#[test]
fn every_name_of_the_shipped_corpus_finds_the_same_pages() {
    let pages = testkit::corpus_pages();
    let store = store::Store::in_memory(pages.iter().cloned()).unwrap();
    let memory = testkit::corpus();
    let mut names = BTreeSet::new();
    for page in pages {
        names.extend(page.names.iter().cloned());
        for inner in page.command_pages() {
            names.extend(inner.names.iter().cloned());
        }
    }
    assert!(names.len() > 1000, "{} names", names.len());
    let mut differ = Vec::new();
    for name in &names {
        let (a, b) = (
            describe(&PageSource::pages(&store, name).unwrap()),
            describe(&memory.pages(name).unwrap()),
        );
        if a != b {
            differ.push(format!("{name}:\n  store  {a:?}\n  memory {b:?}"));
        }
    }
    for name in ["no-such-program", "", "-", "git-nonexistent"] {
        assert!(
            PageSource::pages(&store, name).unwrap().is_empty(),
            "{name}"
        );
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn name_prefixes_list_the_same_names() {
    let store = store::Store::in_memory(testkit::corpus_pages().iter().cloned()).unwrap();
    let memory = testkit::corpus();
    for (prefix, limit) in [
        ("git-", 500),
        ("git-c", 5),
        ("apt", 50),
        ("zz", 10),
        ("", 20),
    ] {
        assert_eq!(
            PageSource::names_with_prefix(&store, prefix, limit).unwrap(),
            memory.names_with_prefix(prefix, limit).unwrap(),
            "{prefix:?} (at most {limit})"
        );
    }
}
