//! For tests only: the one place test pages are read (the shipped corpus, a fixture tree, a
//! handful of shipped pages), each once per test process, as [`MemoryPages`] or (with the
//! `store` feature, for the surfaces) as indexes; the snapshot runner; and the checker of the
//! JSON contract (docs/json.md). Every crate's tests use these instead of building their own.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use manpage::{MemoryPages, Page};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the testkit crate lives in crates/testkit")
}

/// Reads the pages under `paths`; every page must be read (a page skipped is a test failure
/// that names it).
pub fn read(paths: &[PathBuf]) -> Vec<Page> {
    let mut job = indexer::Job::new();
    for p in paths {
        job.add_path(p)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
    }
    let (pages, report) = job.read_pages(&|_| {});
    assert!(
        report.skipped.is_empty(),
        "test pages skipped: {:?}",
        report.skipped
    );
    pages
}

/// The pages of the shipped corpus (`manpages/`), read once per test process.
pub fn corpus_pages() -> &'static [Page] {
    static PAGES: OnceLock<Vec<Page>> = OnceLock::new();
    PAGES.get_or_init(|| read(&[repo().join("manpages")]))
}

/// The shipped corpus as a page source, built once per test process.
pub fn corpus() -> &'static MemoryPages {
    static PAGES: OnceLock<MemoryPages> = OnceLock::new();
    PAGES.get_or_init(|| MemoryPages::new(corpus_pages().iter().cloned()))
}

/// A fixture tree under tests/fixtures (e.g. `matcher`) as a page source, built once per
/// process.
pub fn fixture(name: &str) -> &'static MemoryPages {
    static SOURCES: OnceLock<Mutex<HashMap<String, &'static MemoryPages>>> = OnceLock::new();
    let mut map = SOURCES
        .get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        .unwrap();
    map.entry(name.to_string()).or_insert_with(|| {
        let pages = read(&[repo().join("tests/fixtures").join(name)]);
        Box::leak(Box::new(MemoryPages::new(pages)))
    })
}

/// Paths of shipped pages given relative to `manpages/` (`man1/tar.1.gz`).
pub fn shipped(pages: &[&str]) -> Vec<PathBuf> {
    let root = repo().join("manpages");
    pages.iter().map(|p| root.join(Path::new(p))).collect()
}

/// Test indexes in the `store` crate's format, for the surfaces' tests (the crates below
/// them test against [`MemoryPages`], so they never build the storage engine).
#[cfg(feature = "store")]
pub mod stored {
    use std::path::PathBuf;
    use std::sync::OnceLock;

    /// An index in memory of the pages under `paths` (see [`super::read`]).
    pub fn index(paths: &[PathBuf]) -> store::Store {
        store::Store::in_memory(super::read(paths)).expect("the test pages index")
    }

    /// An index of the shipped corpus, built once per test process.
    pub fn corpus() -> &'static store::Store {
        static STORE: OnceLock<store::Store> = OnceLock::new();
        STORE.get_or_init(|| {
            store::Store::in_memory(super::corpus_pages().iter().cloned())
                .expect("the corpus indexes")
        })
    }

    /// An index of some shipped pages, given relative to `manpages/` (`man1/tar.1.gz`).
    pub fn shipped(pages: &[&str]) -> store::Store {
        index(&super::shipped(pages))
    }
}

/// Checks a folder of snapshot cases: each `NAME.{input}` file, passed through `dump`, must
/// give exactly `NAME.{output}`. With `UPDATE_EXPECT` set, the outputs are written instead (to
/// be read before they are committed). Fails listing every case that differs.
pub fn check_snapshots(
    dir: &Path,
    input: &str,
    output: &str,
    min_cases: usize,
    dump: impl Fn(&str) -> String,
) {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == input))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= min_cases,
        "the .{input} cases in {}",
        dir.display()
    );
    let mut wrong = Vec::new();
    for case in &cases {
        let got = dump(&std::fs::read_to_string(case).unwrap());
        let expected_file = case.with_extension(output);
        if update {
            std::fs::write(&expected_file, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected_file).unwrap_or_default();
        if got != want {
            wrong.push(format!(
                "{}:\n--- want\n{want}--- got\n{got}",
                case.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} .{output} snapshots differ (UPDATE_EXPECT=1 rewrites them):\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

const KINDS: &[&str] = &[
    "program",
    "subcommand",
    "option",
    "argument",
    "operator",
    "redirection",
    "keyword",
    "assignment",
    "expansion",
    "comment",
    "unknown",
];

const HELP_KINDS: &[&str] = &["program", "command", "option", "value", "operand", "syntax"];

/// Checks an explanation's JSON (version 1 or 2) against docs/json.md; returns every violation
/// found.
pub fn contract_violations(v: &serde_json::Value) -> Vec<String> {
    match v["version"].as_u64() {
        Some(1) => v1_violations(v),
        Some(2) => {
            let (as_v1, mut bad) = v2_violations(v);
            bad.extend(v1_violations(&as_v1));
            bad
        }
        _ => vec![format!("version is {}, not 1 or 2", v["version"])],
    }
}

/// Checks what only version 2 has (the help table and the ids pointing into it), and returns
/// the same explanation in version 1's shape, for the rules both share.
fn v2_violations(v: &serde_json::Value) -> (serde_json::Value, Vec<String>) {
    let mut bad = Vec::new();
    let empty = Vec::new();
    let helps = v["helps"].as_array().unwrap_or_else(|| {
        bad.push("helps is not an array".into());
        &empty
    });
    for (i, h) in helps.iter().enumerate() {
        if h["id"].as_u64() != Some(i as u64 + 1) {
            bad.push(format!("help {i}: id {} is not its position + 1", h["id"]));
        }
        if !h["kind"].as_str().is_some_and(|k| HELP_KINDS.contains(&k)) {
            bad.push(format!("help {i}: unknown kind {}", h["kind"]));
        }
        if h["head"].is_null() != h["head_html"].is_null() {
            bad.push(format!("help {i}: head and head_html disagree on null"));
        }
        if !h["body"].is_string() || !h["body_html"].is_string() || !h["page"].is_string() {
            bad.push(format!(
                "help {i}: body, body_html and page must be strings"
            ));
        }
    }
    let mut spans = v["spans"].as_array().cloned().unwrap_or_default();
    let mut next_new = 1;
    for (i, s) in spans.iter_mut().enumerate() {
        let help = match &s["help"] {
            serde_json::Value::Null => None,
            id => match id.as_u64().filter(|&n| n >= 1 && n as usize <= helps.len()) {
                Some(n) => Some(n),
                None => {
                    bad.push(format!("span {i}: help {id} is not an id in helps"));
                    None
                }
            },
        };
        if let Some(n) = help {
            if n > next_new {
                bad.push(format!("span {i}: help {n} used before help {next_new}"));
            }
            next_new = next_new.max(n + 1);
        }
        let h = help.map(|n| &helps[n as usize - 1]);
        let join = |a: &serde_json::Value, b: &serde_json::Value, sep: &str| {
            let parts: Vec<&str> = [a.as_str(), b.as_str()]
                .into_iter()
                .flatten()
                .filter(|p| !p.is_empty())
                .collect();
            serde_json::Value::from(parts.join(sep))
        };
        let obj = s.as_object_mut().expect("a span is an object");
        match h {
            Some(h) => {
                obj.insert("help".into(), join(&h["head"], &h["body"], "\n\n"));
                obj.insert(
                    "help_html".into(),
                    join(&h["head_html"], &h["body_html"], ""),
                );
                obj.insert("page".into(), h["page"].clone());
            }
            None => {
                obj.insert("help".into(), serde_json::Value::Null);
                obj.insert("help_html".into(), serde_json::Value::Null);
                obj.insert("page".into(), serde_json::Value::Null);
            }
        }
    }
    if next_new != helps.len() as u64 + 1 {
        bad.push(format!(
            "{} helps, but spans use only the first {}",
            helps.len(),
            next_new - 1
        ));
    }
    let as_v1 = serde_json::json!({
        "version": 1,
        "command": v["command"],
        "spans": spans,
        "errors": v["errors"],
    });
    (as_v1, bad)
}

/// A version 2 explanation in version 1's shape (each span with its help's text and page), for
/// tests that read spans one by one.
pub fn spans_with_help(v: &serde_json::Value) -> serde_json::Value {
    v2_violations(v).0
}

fn v1_violations(v: &serde_json::Value) -> Vec<String> {
    let mut bad = Vec::new();
    let Some(command) = v["command"].as_str() else {
        return vec!["command is not a string".into()];
    };
    let Some(spans) = v["spans"].as_array() else {
        return vec!["spans is not an array".into()];
    };
    let mut last_end = 0usize;
    let mut last_group = 0u64;
    for (i, s) in spans.iter().enumerate() {
        let start = s["start"].as_u64().unwrap_or(u64::MAX) as usize;
        let end = s["end"].as_u64().unwrap_or(0) as usize;
        if start >= end || end > command.len() {
            bad.push(format!("span {i}: bad range {start}..{end}"));
            continue;
        }
        if start < last_end {
            bad.push(format!(
                "span {i}: starts at {start}, before the previous end {last_end}"
            ));
        }
        last_end = end;
        let Some(slice) = command.get(start..end) else {
            bad.push(format!(
                "span {i}: {start}..{end} is not on char boundaries"
            ));
            continue;
        };
        if s["text"].as_str() != Some(slice) {
            bad.push(format!(
                "span {i}: text {:?} is not the slice {slice:?}",
                s["text"]
            ));
        }
        if slice.trim() != slice {
            bad.push(format!("span {i}: {slice:?} starts or ends with a blank"));
        }
        let u16_start = command[..start].encode_utf16().count() as u64;
        let u16_end = command[..end].encode_utf16().count() as u64;
        if s["start_utf16"].as_u64() != Some(u16_start) || s["end_utf16"].as_u64() != Some(u16_end)
        {
            bad.push(format!(
                "span {i}: UTF-16 range {}..{} should be {u16_start}..{u16_end}",
                s["start_utf16"], s["end_utf16"]
            ));
        }
        let kind = s["kind"].as_str().unwrap_or("");
        if !KINDS.contains(&kind) {
            bad.push(format!("span {i}: unknown kind {kind:?}"));
        }
        let group = s["group"].as_u64().unwrap_or(u64::MAX);
        if group > last_group + 1 && group != 0 {
            bad.push(format!(
                "span {i}: group {group} skips numbers (last was {last_group})"
            ));
        }
        if group > last_group {
            last_group = group;
        }
        let help_null = s["help"].is_null();
        if help_null != (kind == "unknown") {
            bad.push(format!(
                "span {i}: help is null exactly when kind is unknown (kind {kind})"
            ));
        }
        if s["help_html"].is_null() != help_null {
            bad.push(format!("span {i}: help_html and help disagree on null"));
        }
        if let Some(html) = s["help_html"].as_str()
            && (html.contains("<script")
                || html
                    .replace("<b>", "")
                    .replace("</b>", "")
                    .replace("<i>", "")
                    .replace("</i>", "")
                    .replace("<p>", "")
                    .replace("</p>", "")
                    .replace("<pre>", "")
                    .replace("</pre>", "")
                    .contains('<'))
        {
            bad.push(format!(
                "span {i}: help_html holds markup other than p, pre, b, i"
            ));
        }
        match s["page"].as_str() {
            Some(p) => {
                let ok = p.ends_with(')') && p.contains('(') && !p.starts_with('(');
                if !ok {
                    bad.push(format!("span {i}: page {p:?} is not name(section)"));
                }
            }
            None if kind != "unknown" => {
                bad.push(format!("span {i}: page is null for a documented span"))
            }
            None => {}
        }
        let option = &s["option"];
        if kind == "option" {
            // A flag as documented: dashed, a letter that its page gives without a dash (ps's
            // `a`), or an operator of an expression the page defines (test's `=`, `!=`).
            let documented = |o: &str| {
                o.starts_with(['-', '+'])
                    || (o.chars().count() == 1 && o.chars().all(|c| c.is_ascii_alphabetic()))
                    || (!o.is_empty() && o.chars().all(|c| "=!<>~".contains(c)))
            };
            if !option.as_str().is_some_and(documented) {
                bad.push(format!("span {i}: option span without its flag"));
            }
        } else if !option.is_null() {
            bad.push(format!("span {i}: option set on a {kind} span"));
        }
        if (kind == "operator" || kind == "redirection" || kind == "keyword" || kind == "comment")
            && group != 0
        {
            bad.push(format!("span {i}: shell syntax in group {group}, not 0"));
        }
    }
    // Outside the spans there are only blanks.
    let mut covered = vec![false; command.len()];
    for s in spans {
        let (a, b) = (
            s["start"].as_u64().unwrap_or(0) as usize,
            s["end"].as_u64().unwrap_or(0) as usize,
        );
        for c in covered.iter_mut().take(b.min(command.len())).skip(a) {
            *c = true;
        }
    }
    for (i, ch) in command.char_indices() {
        if !covered[i] && !ch.is_whitespace() {
            bad.push(format!("byte {i} ({ch:?}) is in no span"));
            break;
        }
    }
    bad
}
