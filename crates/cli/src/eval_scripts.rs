//! `explain eval-scripts PATH...`: how much of real shell scripts is explained, and how much
//! of it looks wrong. PATHs are script files or folders (walked for files whose first line is a
//! `sh`, `bash` or `dash` shebang). Each script is explained whole, as the LSP and the web page
//! explain it, and the report counts, overall and per program:
//!
//! - the simple commands whose program has a page (a page of its own or a builtin);
//! - the option words of those commands (a span that starts with `-`) tied to a documented
//!   option, and those left unknown;
//! - the unknown spans by cause (no page for the program, an option the page does not
//!   document, another word of a documented command, shell syntax);
//! - **suspicious** option spans, whose help heading does not name the flag they were tied
//!   to (the precision signal: such a span is likely explained by the wrong paragraph);
//! - scripts the parser reports errors in, and scripts whose explanation panicked.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::path::{Path, PathBuf};

use matcher::{HelpKind, Kind};

/// The largest script read; larger files are reported and skipped.
const MAX_SCRIPT: u64 = 2 * 1024 * 1024;

#[derive(Default, Clone, Copy)]
struct Tally {
    commands: usize,
    with_page: usize,
    option_words: usize,
    explained: usize,
}

#[derive(Default)]
struct Unknown {
    no_page: usize,
    option: usize,
    word: usize,
    syntax: usize,
}

/// How many entries each list of the report shows.
pub struct Limits {
    /// Programs with the most unexplained option words.
    pub worst: usize,
    /// Suspicious spans and unexplained option words listed.
    pub examples: usize,
}

/// The script files under `paths`, sorted: files given by name, and in folders every file
/// whose first line is a shell's shebang.
pub fn scripts(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", p.display()))?;
        if meta.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            walk(&path, out);
        } else if kind.is_file() && is_shell_script(&path) {
            out.push(path);
        }
    }
}

/// Whether a file starts with a `#!` line that runs sh, bash or dash.
fn is_shell_script(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 128];
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let n = f.read(&mut head).unwrap_or(0);
    let first = head[..n].split(|&b| b == b'\n').next().unwrap_or(&[]);
    let Ok(line) = std::str::from_utf8(first) else {
        return false;
    };
    let Some(rest) = line.strip_prefix("#!") else {
        return false;
    };
    let mut words = rest.split_whitespace();
    let mut program = words.next().unwrap_or("");
    if program.ends_with("/env") {
        program = words.next().unwrap_or("");
    }
    matches!(
        program.rsplit('/').next().unwrap_or(""),
        "sh" | "bash" | "dash"
    )
}

/// Runs the evaluation over `files` and returns the report.
pub fn run(
    store: &store::Store,
    files: &[PathBuf],
    limits: &Limits,
    json: bool,
) -> anyhow::Result<String> {
    let mut overall = Tally::default();
    let mut per_program: BTreeMap<String, Tally> = BTreeMap::new();
    let mut unknown = Unknown::default();
    let mut suspicious: Vec<String> = Vec::new();
    let mut missed: HashMap<String, usize> = HashMap::new();
    let mut with_errors: Vec<String> = Vec::new();
    let mut panicked: Vec<String> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    let mut lines = 0usize;
    for file in files {
        let name = file.display().to_string();
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        if size > MAX_SCRIPT {
            skipped.push(format!("{name}: {size} bytes, over {MAX_SCRIPT}"));
            continue;
        }
        let source = match std::fs::read(file) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                skipped.push(format!("{name}: {e}"));
                continue;
            }
        };
        lines += source.lines().count();
        // A panic is a bug to report, not the end of the run: the store is only read.
        let explained = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            matcher::explain_str(&source, store)
        }));
        let ex = match explained {
            Ok(ex) => ex?,
            Err(_) => {
                panicked.push(name);
                continue;
            }
        };
        if !ex.errors.is_empty() {
            with_errors.push(format!("{name}: {}", ex.errors[0].message));
        }
        // Each simple command's program, and whether a page documents it.
        let mut program_of: HashMap<usize, (String, bool)> = HashMap::new();
        for s in ex.spans.iter().filter(|s| s.group > 0) {
            if program_of.contains_key(&s.group) {
                continue;
            }
            let text = ex.text(s);
            let base = text.rsplit('/').next().unwrap_or(text).to_string();
            let documented =
                s.kind == Kind::Program && ex.help(s).is_some_and(|h| h.kind == HelpKind::Program);
            program_of.insert(s.group, (base, documented));
        }
        for (program, documented) in program_of.values() {
            let t = per_program.entry(program.clone()).or_default();
            t.commands += 1;
            overall.commands += 1;
            if *documented {
                t.with_page += 1;
                overall.with_page += 1;
            }
        }
        for s in &ex.spans {
            let text = ex.text(s);
            if s.group == 0 {
                if s.kind == Kind::Unknown {
                    unknown.syntax += 1;
                }
                continue;
            }
            let (program, documented) = &program_of[&s.group];
            let option_word = text.len() > 1 && text.starts_with('-');
            if !documented {
                if s.kind == Kind::Unknown {
                    unknown.no_page += 1;
                }
                continue;
            }
            let t = per_program.entry(program.clone()).or_default();
            match (s.kind, option_word) {
                (Kind::Option, true) => {
                    t.option_words += 1;
                    t.explained += 1;
                    overall.option_words += 1;
                    overall.explained += 1;
                }
                (Kind::Unknown, true) => {
                    t.option_words += 1;
                    overall.option_words += 1;
                    unknown.option += 1;
                    *missed.entry(format!("{program} {text}")).or_default() += 1;
                }
                (Kind::Unknown, false) => unknown.word += 1,
                _ => {}
            }
            if s.kind == Kind::Option
                && let (Some(flag), Some(help)) = (&s.option, ex.help(s))
                && !names_flag(help, flag)
            {
                suspicious.push(format!("{name}: {program} {text} → {flag}"));
            }
        }
    }
    let share = |n: usize, d: usize| if d == 0 { 1.0 } else { n as f64 / d as f64 };
    let worst = crate::eval::worst_first(&per_program, |t| t.option_words - t.explained);
    let missed = crate::eval::most_first(missed);
    if json {
        let report = serde_json::json!({
            "scripts": files.len(),
            "lines": lines,
            "commands": overall.commands,
            "commands_with_page": overall.with_page,
            "option_words": overall.option_words,
            "option_words_explained": overall.explained,
            "share": share(overall.explained, overall.option_words),
            "unknown": {
                "program_without_page": unknown.no_page,
                "option": unknown.option,
                "other_word": unknown.word,
                "syntax": unknown.syntax,
            },
            "suspicious": suspicious.len(),
            "suspicious_examples": suspicious.iter().take(limits.examples).collect::<Vec<_>>(),
            "scripts_with_errors": with_errors,
            "panicked": panicked,
            "skipped": skipped,
            "worst": worst.iter().take(limits.worst).map(|(p, t)| serde_json::json!({
                "program": p, "option_words": t.option_words, "explained": t.explained,
                "commands": t.commands,
            })).collect::<Vec<_>>(),
            "unexplained_options": missed.iter().take(limits.examples).map(|(w, n)| serde_json::json!({
                "word": w, "count": n,
            })).collect::<Vec<_>>(),
        });
        return Ok(format!("{}\n", serde_json::to_string_pretty(&report)?));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} scripts, {lines} lines, {} simple commands, {} with a page ({:.1}%)",
        files.len(),
        overall.commands,
        overall.with_page,
        100.0 * share(overall.with_page, overall.commands)
    );
    let _ = writeln!(
        out,
        "option words explained where the program has a page: {} / {} = {:.2}%",
        overall.explained,
        overall.option_words,
        100.0 * share(overall.explained, overall.option_words)
    );
    let _ = writeln!(
        out,
        "unknown spans: {} of programs without a page, {} options, {} other words, {} syntax",
        unknown.no_page, unknown.option, unknown.word, unknown.syntax
    );
    let _ = writeln!(
        out,
        "suspicious option spans (help heading does not name the flag): {}",
        suspicious.len()
    );
    let _ = writeln!(
        out,
        "scripts with parse errors: {}; panics: {}; skipped: {}",
        with_errors.len(),
        panicked.len(),
        skipped.len()
    );
    out.push_str("\nworst programs (unexplained option words / option words):\n");
    for (p, t) in worst.iter().take(limits.worst) {
        let _ = writeln!(
            out,
            "  {p:<24} {:>5} / {:<5} in {} commands",
            t.option_words - t.explained,
            t.option_words,
            t.commands
        );
    }
    for (title, list) in [
        (
            "unexplained option words",
            &missed
                .iter()
                .map(|(w, n)| format!("{n:>5}  {w}"))
                .collect::<Vec<_>>(),
        ),
        ("suspicious", &suspicious),
        ("parse errors", &with_errors),
        ("panics", &panicked),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title}:");
        for line in list.iter().take(limits.examples) {
            let _ = writeln!(out, "  {line}");
        }
    }
    Ok(out)
}

/// Whether a help's heading names `flag` as a word of its own (`-l` in `-l, --long`), or its
/// first paragraph does for a heading that is a placeholder (bash's `arg1 OP arg2`: "OP is one
/// of -eq, -ne, ..."). A help without a heading (a paragraph cited for `--`) and placeholder
/// flags (`-<sigspec>`) pass.
fn names_flag(help: &matcher::Help, flag: &str) -> bool {
    let Some(head) = &help.head else {
        return true;
    };
    if flag.contains('<') {
        return true;
    }
    // stty's `[-]echo` names `-echo`.
    let head = head.plain().replace("[-]", "-");
    names_word(&head, flag)
        || help
            .body
            .first()
            .is_some_and(|p| names_word(&p.plain(), flag))
}

fn names_word(plain: &str, flag: &str) -> bool {
    plain.match_indices(flag).any(|(at, _)| {
        let before = plain[..at].chars().next_back();
        let after = plain[at + flag.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shebangs_of_shells_make_scripts() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        for (name, text, script) in [
            ("a", "#!/bin/sh\nls\n", true),
            ("b", "#! /bin/bash -e\nls\n", true),
            ("c", "#!/usr/bin/env bash\nls\n", true),
            ("d", "#!/usr/bin/python3\nprint(1)\n", false),
            ("e", "ls -l\n", false),
            ("f", "\u{7f}ELF\u{2}\u{1}", false),
        ] {
            assert_eq!(is_shell_script(&write(name, text)), script, "{name}");
        }
        let found = scripts(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn a_heading_names_a_flag_only_as_a_word() {
        let help = |head: &str| matcher::Help {
            id: matcher::HelpId(1),
            kind: HelpKind::Option,
            page: "x(1)".into(),
            head: Some(manpage::Text::from_run(head, manpage::Font::Bold)),
            body: std::sync::Arc::new(Vec::new()),
        };
        assert!(names_flag(&help("-l, --long"), "-l"));
        assert!(names_flag(&help("-f, --file=ARCHIVE"), "--file"));
        assert!(!names_flag(&help("-la"), "-l"));
        assert!(!names_flag(&help("--log-level=LEVEL"), "-l"));
    }
}
