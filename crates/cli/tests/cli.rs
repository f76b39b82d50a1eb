//! The explain binary as a user runs it: arguments, standard input, exit codes, colours, the
//! default index, `explain index` on good and bad pages, and `dump-options`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A cache folder shared by the tests of this process, so the default index is built once.
fn cache() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("explain-test-cache");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn explain(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_explain"));
    cmd.args(args)
        .env_remove("EXPLAIN_INDEX")
        .env_remove("NO_COLOR")
        .env("XDG_CACHE_HOME", cache())
        .env("HOME", cache());
    cmd
}

fn run(args: &[&str]) -> Output {
    explain(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// The builtin explains `printf`; the text says printf(1) exists too and how to pick it, and
/// `printf.1` then explains the program's own page.
#[test]
fn other_pages_of_the_same_name_are_offered() {
    let o = run(&["--color", "never", "printf '%s' x"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("bash(1)"), "{out}");
    assert!(
        out.contains("also documented by printf(1); write printf.1 to use it"),
        "{out}"
    );
    let o = run(&["--color", "never", "printf.1 '%s' x"]);
    let out = stdout(&o);
    assert!(out.contains("printf - format and print data"), "{out}");
    assert!(!out.contains("also documented by printf(1)"), "{out}");
}

#[test]
fn explains_tar_from_the_shipped_corpus() {
    let o = run(&["--color", "never", "tar -xzvf x.tgz"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("tar -xzvf x.tgz\n"), "{out}");
    assert!(out.contains("tar - an archiving utility"));
    assert!(out.contains("-f, --file=ARCHIVE"), "{out}");
    assert!(out.contains("Filter the archive through gzip"), "{out}");
    assert!(!out.contains('\x1b'), "no colour was asked for");
}

#[test]
fn json_output_follows_the_contract() {
    let o = run(&["--json", "tar -xzvf x.tgz | grep foo > out 2>&1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 2);
    let bad = testkit::contract_violations(&v);
    assert!(bad.is_empty(), "{bad:?}");
    let v = testkit::spans_with_help(&v);
    let texts: Vec<&str> = v["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "tar", "-x", "z", "v", "f", "x.tgz", "|", "grep", "foo", ">", "out", "2>&1"
        ]
    );
}

#[test]
fn reads_a_script_from_standard_input() {
    let mut child = explain(&["--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"ls -l\nwc -l < file\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["command"], "ls -l\nwc -l < file\n");
    let groups: Vec<u64> = v["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["group"].as_u64().unwrap())
        .collect();
    assert!(
        groups.contains(&1) && groups.contains(&2),
        "two commands, two groups: {groups:?}"
    );
    assert!(testkit::contract_violations(&v).is_empty());
}

#[test]
fn double_dash_explains_a_program_named_like_a_subcommand() {
    let o = run(&["--json", "--", "index", "foo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["command"], "index foo");
    assert_eq!(v["spans"][0]["text"], "index");
    assert_eq!(
        v["spans"][0]["kind"], "unknown",
        "no page documents a program called index"
    );
}

#[test]
fn usage_errors_exit_2_and_failures_exit_1() {
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nothing to explain"), "{}", stderr(&o));
    let o = run(&["--no-such-flag", "ls"]);
    assert_eq!(o.status.code(), Some(2));
    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no-index-here");
    let o = run(&["--index", missing.to_str().unwrap(), "ls"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("explain index --output"),
        "the error says what to do: {}",
        stderr(&o)
    );
    let o = explain(&["ls"])
        .env("EXPLAIN_INDEX", &missing)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "EXPLAIN_INDEX selects the index too"
    );
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let o = run(&["--color", "always", "ls -l"]);
    assert!(stdout(&o).contains("\x1b["));
    let o = explain(&["--color", "auto", "ls -l"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        !stdout(&o).contains("\x1b["),
        "NO_COLOR and a pipe: no colour"
    );
}

#[test]
fn unknown_parts_are_marked_and_still_exit_0() {
    let o = run(&["--color", "never", "tar --no-such-option x"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("?"), "{out}");
    assert!(out.contains("no documentation found"), "{out}");
}

fn index_fixtures(out: &Path) -> Output {
    let fixtures = testkit::repo().join("tests/fixtures/bad-pages");
    run(&[
        "index",
        "--output",
        out.to_str().unwrap(),
        fixtures.to_str().unwrap(),
    ])
}

#[test]
fn index_reports_pages_and_skips_bad_ones_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let o = index_fixtures(dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("indexed 4 pages"), "{out}");
    for (file, reason) in [
        ("junk.1", "binary data"),
        ("truncated.1.gz", "broken gzip data"),
        ("loop-a.1", "include loop"),
        ("missing-so.1", "not found"),
    ] {
        assert!(
            out.lines().any(|l| l.contains(file) && l.contains(reason)),
            "{file}: {reason} in {out}"
        );
    }
    // The pages that are odd but readable are explained.
    let idx = dir.path().to_str().unwrap();
    let o = run(&["--index", idx, "--json", "latin1 -x"]);
    let v = testkit::spans_with_help(&serde_json::from_slice(&o.stdout).unwrap());
    assert_eq!(v["spans"][0]["help"], "latin1 - café page");
    assert_eq!(v["spans"][1]["help"], "-x\n\nexplique");
}

#[test]
fn a_failed_index_build_keeps_the_old_index() {
    let dir = tempfile::tempdir().unwrap();
    assert!(index_fixtures(dir.path()).status.success());
    let o = run(&[
        "index",
        "--output",
        dir.path().to_str().unwrap(),
        "/nonexistent/path",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/nonexistent/path"), "{}", stderr(&o));
    let o = run(&["--index", dir.path().to_str().unwrap(), "--json", "good -v"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["spans"][1]["option"], "-v");
}

#[test]
fn dump_options_lists_page_and_flag() {
    let dir = tempfile::tempdir().unwrap();
    assert!(index_fixtures(dir.path()).status.success());
    let o = run(&["dump-options", "--index", dir.path().to_str().unwrap()]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.lines().any(|l| l == "man1/good.1\t-v"), "{out}");
    assert!(out.lines().any(|l| l == "man1/good.1\t--verbose"), "{out}");
}

#[test]
fn eval_reports_the_share_of_option_tokens_explained() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = testkit::repo().join("tests/fixtures");
    let o = run(&[
        "index",
        "--output",
        dir.path().to_str().unwrap(),
        fixtures.join("matcher").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let corpus = fixtures.join("eval.jsonl");
    let o = run(&[
        "--index",
        dir.path().to_str().unwrap(),
        "eval",
        "--json",
        corpus.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["records"], 4, "the \"long\" variant is skipped");
    assert_eq!(v["lines_with_page"], 3, "nosuch has no page");
    assert_eq!(v["page_share"], 0.75);
    assert_eq!(v["missing"][0]["program"], "nosuch");
    assert_eq!(v["missing"][0]["lines"], 1);
    assert_eq!(
        v["option_tokens"], 5,
        "wrap's -w counts: wrap has a page too"
    );
    assert_eq!(v["explained"], 4, "--bogus is not documented");
    assert_eq!(v["missed_lines"][0]["command"], "demo --bogus src");
    assert_eq!(v["missed_lines"][0]["unexplained"][0], "--bogus");
}

/// gcloud's generated pages on this machine (the Google Cloud CLI ships 16,600 of them): a
/// sub-command four levels deep and its `--zone` option.
#[test]
fn gcloud_subcommand_pages_at_any_depth() {
    let man = std::path::Path::new("/usr/share/man/man1");
    let files: Vec<String> = [
        "gcloud",
        "gcloud_compute",
        "gcloud_compute_instances",
        "gcloud_compute_instances_create",
    ]
    .iter()
    .map(|n| man.join(format!("{n}.1.gz")).to_string_lossy().to_string())
    .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["index", "--output", dir.path().to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("indexed 4 pages"), "{}", stdout(&o));
    let o = run(&[
        "--index",
        dir.path().to_str().unwrap(),
        "--json",
        "gcloud compute instances create vm1 --zone=us-central1-a",
    ]);
    let v = testkit::spans_with_help(&serde_json::from_slice(&o.stdout).unwrap());
    let spans = v["spans"].as_array().unwrap();
    assert_eq!(spans[3]["text"], "create");
    assert_eq!(spans[3]["page"], "gcloud_compute_instances_create(1)");
    let zone = spans
        .iter()
        .find(|s| s["text"] == "--zone=us-central1-a")
        .unwrap();
    assert_eq!(zone["option"], "--zone");
    assert!(
        zone["help"]
            .as_str()
            .unwrap()
            .contains("Zone of the instances to create")
    );
}

/// The committed man page and completions match what the binary generates now (regenerate
/// with scripts/generate-docs.sh), and our own extractor reads explain's man page.
#[test]
fn generated_docs_are_current() {
    let repo = testkit::repo();
    for (args, file) in [
        (vec!["man-page"], "docs/man/explain.1"),
        (vec!["completions", "bash"], "completions/explain.bash"),
        (vec!["completions", "zsh"], "completions/_explain"),
        (vec!["completions", "fish"], "completions/explain.fish"),
    ] {
        let o = run(&args);
        assert!(o.status.success());
        let committed = std::fs::read_to_string(repo.join(file)).unwrap();
        assert!(
            committed == stdout(&o),
            "{file} is stale: run scripts/generate-docs.sh"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let o = run(&[
        "index",
        "--output",
        dir.path().to_str().unwrap(),
        repo.join("docs/man/explain.1").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&[
        "--index",
        dir.path().to_str().unwrap(),
        "--json",
        "explain --json --color never ls",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let options: Vec<&str> = v["spans"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["option"].as_str())
        .collect();
    assert_eq!(options, ["--json", "--color"], "{v}");
}

#[test]
fn search_lists_options_one_per_line() {
    let o = run(&[
        "search",
        "--color",
        "never",
        "preserve permissions",
        "--in",
        "tar",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("tar -p, --preserve-permissions, --same-permissions: "),
        "{out}"
    );
    assert!(first.ends_with(" [tar(1)]"), "{out}");
    assert!(
        out.lines().all(|l| l.starts_with("tar ")),
        "--in tar: {out}"
    );
    assert!(out.lines().count() <= 10, "10 by default");
    // Words may start with a dash, and the options of `search` may follow them.
    let o = run(&["search", "--gzip", "--limit", "1", "--in", "tar"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("tar -z, --gzip"), "{}", stdout(&o));
    assert_eq!(stdout(&o).lines().count(), 1);
    // Sub-command pages are searched with their program, and named as they are run.
    let o = run(&[
        "search",
        "--limit",
        "1",
        "amend the last commit",
        "--in",
        "git",
    ]);
    assert!(
        stdout(&o).starts_with("git commit --amend: "),
        "{}",
        stdout(&o)
    );
}

#[test]
fn search_colour_follows_the_flag_and_no_color() {
    let o = run(&["search", "--color", "always", "--limit", "2", "ignore case"]);
    assert!(stdout(&o).contains("\x1b["), "{}", stdout(&o));
    let o = run(&["--color", "always", "search", "--limit", "2", "ignore case"]);
    assert!(
        stdout(&o).contains("\x1b["),
        "explain's own --color counts too"
    );
    let o = explain(&["search", "--limit", "2", "ignore case"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(!stdout(&o).contains("\x1b["));
}

#[test]
fn search_json_follows_its_contract() {
    let o = run(&["search", "--json", "--limit", "3", "remote port forwarding"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["query"], "remote port forwarding");
    assert!(v["in"].is_null());
    let results = v["results"].as_array().unwrap();
    assert!(!results.is_empty() && results.len() <= 3);
    let mut last = f64::INFINITY;
    for r in results {
        for field in [
            "program",
            "command",
            "page",
            "spellings",
            "summary",
            "explain",
        ] {
            assert!(r[field].is_string(), "{field} in {r}");
        }
        assert!(r["flags"].as_array().is_some_and(|f| !f.is_empty()), "{r}");
        assert!(r["argument"].is_null() || r["argument"].is_string());
        assert!(r["argument_optional"].is_boolean());
        let score = r["score"].as_f64().unwrap();
        assert!(score <= last, "best first: {v}");
        last = score;
        // The explain line explains the option it names.
        let e = run(&["--json", r["explain"].as_str().unwrap()]);
        let ev = testkit::spans_with_help(&serde_json::from_slice(&e.stdout).unwrap());
        let spans = ev["spans"].as_array().unwrap();
        assert!(
            spans
                .iter()
                .any(|s| s["kind"] == "option" && s["page"] == r["page"]),
            "{} → {ev}",
            r["explain"]
        );
    }
}

#[test]
fn search_exit_codes_say_what_happened() {
    let o = run(&["search", "zzxqj qqzzv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no option matches"), "{}", stderr(&o));
    let o = run(&["search", "--json", "zzxqj qqzzv"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["results"], serde_json::json!([]));
    for empty in ["", "  ", "-- \" ()"] {
        let o = run(&["search", empty]);
        assert_eq!(o.status.code(), Some(2), "{empty:?}");
        assert!(
            stderr(&o).contains("no words to search for"),
            "{}",
            stderr(&o)
        );
    }
    let o = run(&["search"]);
    assert_eq!(o.status.code(), Some(2), "no words at all is a usage error");
    let o = run(&["search", "gzip", "--in", "nosuchprogram"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nosuchprogram"), "{}", stderr(&o));
    let o = run(&["search", "gzip", "--limit", "0"]);
    assert_eq!(o.status.code(), Some(2));
    // Quotes and query syntax are words, never errors.
    for q in ["\"unbalanced", "a AND (b", "title:x*", "--foo"] {
        let o = run(&["search", q]);
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{q}: {}",
            stderr(&o)
        );
    }
}

/// The terminal numbers each part by its help's id, as the JSON (and so the web page, which
/// `web`'s route tests hold to the same ids) does: a help shared by two commands is one box.
#[test]
fn terminal_boxes_are_numbered_by_help_id() {
    let line = "ls -l /tmp; ls -l | sort -r > out 2>&1";
    let v: serde_json::Value = serde_json::from_slice(&run(&["--json", line]).stdout).unwrap();
    let o = run(&["--color", "never", line]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    // The label rows under the command: each label starts under its part.
    let rows: Vec<&str> = out.lines().skip(1).take_while(|l| !l.is_empty()).collect();
    for s in v["spans"].as_array().unwrap() {
        let want = s["help"].as_u64().map_or("?".into(), |n| n.to_string());
        let col = s["start"].as_u64().unwrap() as usize;
        let found = rows.iter().any(|r| {
            r.get(col..)
                .is_some_and(|rest| rest.split(' ').next() == Some(want.as_str()))
        });
        assert!(found, "{} should be labelled {want}:\n{out}", s["text"]);
    }
    let helps = v["helps"].as_array().unwrap();
    for h in helps {
        let head = format!("\n{:<3}", h["id"]);
        assert!(out.contains(&head), "box {} in:\n{out}", h["id"]);
    }
    assert!(!out.contains(&format!("\n{:<3}", helps.len() + 1)), "{out}");
}

/// The version 2 example in docs/json.md is what `explain --json` prints for its line: the same
/// fields on every object, and the same values (texts shortened with "..." match as prefixes).
#[test]
fn json_v2_example_in_the_docs_is_real() {
    let doc = std::fs::read_to_string(testkit::repo().join("docs/json.md")).unwrap();
    let block = doc
        .split("```json\n")
        .map(|b| b.split("```").next().unwrap())
        .find(|b| b.contains("\"version\": 2"))
        .expect("a version 2 example");
    let example: serde_json::Value = serde_json::from_str(block).unwrap();
    let o = run(&["--json", example["command"].as_str().unwrap()]);
    let real: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(testkit::contract_violations(&real).is_empty());
    fn same(example: &serde_json::Value, real: &serde_json::Value, at: &str) {
        use serde_json::Value::*;
        match (example, real) {
            (Object(e), Object(r)) => {
                let mut ek: Vec<&std::string::String> = e.keys().collect();
                let mut rk: Vec<&std::string::String> =
                    r.keys().filter(|k| *k != "other_pages").collect();
                ek.sort();
                rk.sort();
                assert_eq!(ek, rk, "fields of {at}");
                for (k, v) in e {
                    same(v, &r[k], &format!("{at}.{k}"));
                }
            }
            (String(e), String(r)) => match e.split_once("...") {
                Some((before, _)) => assert!(r.starts_with(before), "{at}: {r:?}"),
                None => assert_eq!(e, r, "{at}"),
            },
            (Array(e), Array(_)) if at.ends_with("spans") || at.ends_with("helps") => {
                let real = real.as_array().unwrap();
                for (i, item) in e.iter().enumerate() {
                    // Shortened lists keep their items' order; find each by its start or id.
                    let key = if item.get("id").is_some() {
                        "id"
                    } else {
                        "start"
                    };
                    let found = real
                        .iter()
                        .find(|r| r[key] == item[key])
                        .unwrap_or_else(|| panic!("{at}[{i}] has no match"));
                    same(item, found, &format!("{at}[{i}]"));
                }
            }
            (e, r) => assert_eq!(e, r, "{at}"),
        }
    }
    same(&example, &real, "");
}

/// `index --quiet` prints the summary line alone; the skipped files are counted, not listed.
#[test]
fn index_quiet_prints_only_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = testkit::repo().join("tests/fixtures/bad-pages");
    let o = run(&[
        "index",
        "--quiet",
        "--output",
        dir.path().to_str().unwrap(),
        fixtures.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("indexed 4 pages"), "{out}");
    assert!(out.contains("files skipped"), "{out}");
    assert!(!out.contains("junk.1"), "{out}");
}

/// Developer commands work but stay out of the user's `--help`.
#[test]
fn developer_commands_are_hidden_from_help() {
    let help = stdout(&run(&["--help"]));
    assert!(
        !help.contains("dump-options") && !help.contains("eval"),
        "{help}"
    );
    let o = run(&["dump-options", "--help"]);
    assert!(o.status.success());
}
