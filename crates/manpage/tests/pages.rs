//! The page cases in tests/pages/*.toml: for each page, the FULL list of options it defines,
//! read by a person against the rendered page (`man -P cat PAGE`): every spelling, the argument
//! (name and whether it is optional), the keyword values it lists and the start of the
//! description. A missing option, an
//! extra one (a word of prose taken for an option), a wrong argument or a description cut or
//! merged into the next option fails the test.
//!
//! Shipped pages (`manpages/...`) are read from the index of the shipped corpus, as users get
//! them; pages of generators the corpus lacks are fixtures in tests/fixtures/pages/ (see its
//! README for where each comes from). To add a case:
//! `python3 scripts/new-page-case.py manpages/man1/PAGE.1.gz GENERATOR`, then check it by hand.

use std::collections::BTreeSet;

use serde::Deserialize;

#[derive(Deserialize)]
struct PageCase {
    /// The page file, relative to the repository root.
    page: String,
    /// The tool that wrote the page.
    generator: String,
    #[serde(default)]
    option: Vec<Expected>,
}

#[derive(Deserialize, Debug)]
struct Expected {
    flags: Vec<String>,
    argument: Option<String>,
    #[serde(default)]
    optional: bool,
    /// The start of the description, white space normalised.
    help: String,
    /// The keyword values its argument takes, when the description lists them.
    #[serde(default)]
    values: Vec<String>,
}

fn load(file: &std::path::Path) -> manpage::Page {
    let rel = file.to_string_lossy();
    if let Some(source) = rel.strip_prefix("manpages/") {
        let pages = testkit::corpus_pages();
        return pages
            .iter()
            .find(|p| p.source == source)
            .cloned()
            .unwrap_or_else(|| panic!("{source} is not in the shipped corpus index"));
    }
    let path = testkit::repo().join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = roff::parse_bytes(&bytes, None).unwrap();
    let source = rel
        .strip_prefix("tests/fixtures/pages/")
        .expect("fixtures live in tests/fixtures/pages/");
    indexer::read_page(&doc, source)
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn page_cases_list_every_option_exactly() {
    let dir = testkit::repo().join("tests/pages");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut generators = BTreeSet::new();
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let case: PageCase = toml::from_str(&std::fs::read_to_string(file).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        generators.insert(case.generator.clone());
        let page = load(std::path::Path::new(&case.page));
        let got: Vec<Vec<String>> = page
            .options
            .iter()
            .map(|o| o.flags.iter().map(|f| f.text.clone()).collect())
            .collect();
        let want: Vec<Vec<String>> = case.option.iter().map(|o| o.flags.clone()).collect();
        if got != want {
            let got_set: BTreeSet<_> = got.iter().collect();
            let want_set: BTreeSet<_> = want.iter().collect();
            let extra: Vec<_> = got_set.difference(&want_set).collect();
            let missing: Vec<_> = want_set.difference(&got_set).collect();
            failures.push(format!(
                "{name}: options differ; extracted but not expected: {extra:?}; expected but \
                 not extracted: {missing:?}"
            ));
            continue;
        }
        for (o, e) in page.options.iter().zip(&case.option) {
            let flags = e.flags.join(", ");
            let arg = o.argument.as_ref().map(|a| a.name.clone());
            if arg != e.argument {
                failures.push(format!(
                    "{name}: {flags}: argument {arg:?}, expected {:?}",
                    e.argument
                ));
            }
            let optional = o
                .argument
                .as_ref()
                .is_some_and(|a| a.need == manpage::ArgumentNeed::Optional);
            if optional != e.optional {
                failures.push(format!(
                    "{name}: {flags}: argument optional is {optional}, expected {}",
                    e.optional
                ));
            }
            let values: Vec<&str> = o.values.iter().map(|v| v.name.as_str()).collect();
            if values != e.values {
                failures.push(format!(
                    "{name}: {flags}: values {values:?}, expected {:?}",
                    e.values
                ));
            }
            let help = normalize(&manpage::help_plain(&o.help));
            let want_help = normalize(&e.help);
            if want_help.is_empty() || !help.starts_with(&want_help) {
                failures.push(format!(
                    "{name}: {flags}: help starts {:?}, expected {want_help:?}",
                    help.chars().take(80).collect::<String>()
                ));
            }
        }
    }
    assert!(
        files.len() >= 30,
        "expected at least 30 page cases, found {}",
        files.len()
    );
    assert!(
        generators.len() >= 10,
        "expected pages of at least 10 generators, found {generators:?}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
