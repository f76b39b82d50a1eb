//! The golden cases in tests/cases/*.toml: a command line, explained against the shipped
//! corpus, must give exactly the expected spans, each with the right help from the right page.
//! Every case's JSON is also checked against the contract in docs/json.md.
//!
//! A case with `index = "matcher"` runs against the fixture pages in tests/fixtures/matcher,
//! written to pin down one matching rule each.
//!
//! To add a case: `python3 scripts/new-case.py NAME 'command'`, then read and correct the file.

use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    command: String,
    /// A fixture tree under tests/fixtures to explain against instead of the shipped corpus.
    index: Option<String>,
    span: Vec<Expected>,
}

#[derive(Deserialize, Debug)]
struct Expected {
    text: String,
    kind: String,
    group: usize,
    page: Option<String>,
    option: Option<String>,
    /// Other pages of the program's name (`printf(1)` beside the builtin); none when left out.
    #[serde(default)]
    other_pages: Vec<String>,
    /// The start of the help text.
    help: Option<String>,
}

/// A span as version 1 of the JSON contract gives it.
#[derive(Deserialize)]
struct Span {
    text: String,
    kind: String,
    group: usize,
    help: Option<String>,
    page: Option<String>,
    option: Option<String>,
    #[serde(default)]
    other_pages: Vec<String>,
}

#[test]
fn golden_cases() {
    let dir = testkit::repo().join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    assert!(
        files.len() >= 11,
        "expected the golden cases in {}",
        dir.display()
    );
    let mut failures = Vec::new();
    for file in &files {
        let case: Case = toml::from_str(&std::fs::read_to_string(file).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let ex = match &case.index {
            Some(name) => matcher::explain_str(&case.command, testkit::fixture(name)),
            None => matcher::explain_str(&case.command, testkit::corpus()),
        }
        .unwrap();
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let v2 = serde_json::to_value(render::json::v2(&ex)).unwrap();
        let rendered = render::json::Rendered::new(&ex);
        let json = serde_json::to_value(render::json::v1(&ex, &rendered)).unwrap();
        for (version, value) in [(1, &json), (2, &v2)] {
            for v in testkit::contract_violations(value) {
                failures.push(format!("{name}: contract v{version}: {v}"));
            }
        }
        let spans: Vec<Span> = serde_json::from_value(json["spans"].clone()).unwrap();
        let got: Vec<String> = spans.iter().map(|s| s.text.clone()).collect();
        let want: Vec<String> = case.span.iter().map(|s| s.text.clone()).collect();
        if got != want {
            failures.push(format!("{name}: spans {got:?}, expected {want:?}"));
            continue;
        }
        for (s, e) in spans.iter().zip(&case.span) {
            let kind = &s.kind;
            let mut diffs = Vec::new();
            if *kind != e.kind {
                diffs.push(format!("kind {kind}, expected {}", e.kind));
            }
            if s.group != e.group {
                diffs.push(format!("group {}, expected {}", s.group, e.group));
            }
            if s.page != e.page {
                diffs.push(format!("page {:?}, expected {:?}", s.page, e.page));
            }
            if s.option != e.option {
                diffs.push(format!("option {:?}, expected {:?}", s.option, e.option));
            }
            if s.other_pages != e.other_pages {
                diffs.push(format!(
                    "other pages {:?}, expected {:?}",
                    s.other_pages, e.other_pages
                ));
            }
            match (&s.help, &e.help) {
                (Some(h), Some(want)) if !h.starts_with(want.as_str()) => diffs.push(format!(
                    "help starts {:?}, expected {:?}",
                    h.chars().take(want.len() + 20).collect::<String>(),
                    want
                )),
                (None, Some(_)) => diffs.push("no help".into()),
                (Some(_), None) => diffs.push("help where none was expected".into()),
                _ => {}
            }
            if !diffs.is_empty() {
                failures.push(format!("{name}: span {:?}: {}", s.text, diffs.join("; ")));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
