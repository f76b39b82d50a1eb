//! `explain eval FILE`: how much of real usage is explained. FILE is a JSON-lines corpus like
//! ../shared/corpus/tldr-commands.jsonl: one object per line with `command`, `program`,
//! `variant`, `platform` and `segments: [{program, options}]`. It counts each example once
//! (variant "long" skipped; platforms common and linux when the field is there) and reports
//! the share of examples whose main program has a page in the index, with the most used
//! programs that have none. Over the lines whose main program has a page, it reports the share
//! of option tokens that the explanation ties to a documented option, overall and per program,
//! and the lines with an unexplained option.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::io::BufRead;
use std::path::Path;

use anyhow::Context;
use serde::Deserialize;

#[derive(Deserialize)]
struct Record {
    command: String,
    program: String,
    #[serde(default)]
    variant: String,
    #[serde(default)]
    platform: Option<String>,
    #[serde(default)]
    segments: Vec<Segment>,
}

#[derive(Deserialize)]
struct Segment {
    program: String,
    options: Vec<String>,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    explained: usize,
    total: usize,
    lines: usize,
}

/// The programs with something unexplained, most first, then by name.
pub(crate) fn worst_first<T>(
    per_program: &BTreeMap<String, T>,
    unexplained: impl Fn(&T) -> usize,
) -> Vec<(&String, &T)> {
    let mut ranked: Vec<(&String, &T)> = per_program
        .iter()
        .filter(|(_, t)| unexplained(t) > 0)
        .collect();
    ranked.sort_by(|a, b| unexplained(b.1).cmp(&unexplained(a.1)).then(a.0.cmp(b.0)));
    ranked
}

/// Counts, highest first, then by name.
pub(crate) fn most_first(counts: HashMap<String, usize>) -> Vec<(String, usize)> {
    let mut list: Vec<(String, usize)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list
}

/// How many programs and lines the report lists.
pub struct Limits {
    /// Programs with the most unexplained option tokens.
    pub worst: usize,
    /// Lines with an unexplained option.
    pub misses: usize,
    /// The most used programs without a page.
    pub missing: usize,
}

/// Runs the evaluation and returns the report.
pub fn run(
    store: &store::Store,
    file: &Path,
    limits: &Limits,
    json: bool,
) -> anyhow::Result<String> {
    let Limits {
        worst,
        misses,
        missing,
    } = *limits;
    let reader = std::io::BufReader::new(
        std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?,
    );
    let mut has_page: HashMap<String, bool> = HashMap::new();
    let mut known = |name: &str| -> bool {
        let base = name.rsplit('/').next().unwrap_or(name).to_string();
        *has_page
            .entry(base.clone())
            .or_insert_with(|| store.contains(&base))
    };
    let mut overall = Tally::default();
    let mut per_program: BTreeMap<String, Tally> = BTreeMap::new();
    let mut missed_lines: Vec<(String, Vec<String>)> = Vec::new();
    let mut records = 0usize;
    let mut lines_with_page = 0usize;
    // Lines whose main program is only a bash builtin (a page cited as bash(1)).
    let mut lines_with_builtin = 0usize;
    let mut without_page: HashMap<String, usize> = HashMap::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("reading line {} of {}", n + 1, file.display()))?;
        if line.trim().is_empty() || line.contains("\"_meta\"") {
            continue;
        }
        let rec: Record = serde_json::from_str(&line)
            .with_context(|| format!("line {} of {} is not a record", n + 1, file.display()))?;
        if rec.variant == "long"
            || rec
                .platform
                .as_deref()
                .is_some_and(|p| p != "common" && p != "linux")
        {
            continue;
        }
        records += 1;
        let ex = matcher::explain_str(&rec.command, store)?;
        if !known(&rec.program) {
            *without_page.entry(rec.program.clone()).or_default() += 1;
            continue;
        }
        lines_with_page += 1;
        if store
            .pages(rec.program.rsplit('/').next().unwrap_or(&rec.program))
            .is_ok_and(|p| p.iter().all(|p| p.origin.is_inside_another()))
        {
            lines_with_builtin += 1;
        }
        // The documented flags our explanation found, as a multiset.
        let mut found: Vec<String> = ex
            .spans
            .iter()
            .filter(|s| s.kind == matcher::Kind::Option)
            .filter_map(|s| s.option.clone())
            .collect();
        let tally = per_program.entry(rec.program.clone()).or_default();
        tally.lines += 1;
        let mut missed = Vec::new();
        for seg in &rec.segments {
            if !known(&seg.program) {
                continue;
            }
            for token in &seg.options {
                overall.total += 1;
                tally.total += 1;
                let hit = found
                    .iter()
                    .position(|f| f == token)
                    .or_else(|| {
                        found.iter().position(|f| {
                            f.len() > 1 && token.starts_with(f.as_str()) && !token.starts_with("--")
                        })
                    })
                    // A placeholder spelling (`-<sigspec>`) explains any `-9` or `-KILL`.
                    .or_else(|| {
                        found.iter().position(|f| {
                            f.starts_with("-<")
                                && token.starts_with('-')
                                && !token.starts_with("--")
                        })
                    });
                match hit {
                    Some(i) => {
                        found.swap_remove(i);
                        overall.explained += 1;
                        tally.explained += 1;
                    }
                    None => missed.push(token.clone()),
                }
            }
        }
        if !missed.is_empty() {
            missed_lines.push((rec.command.clone(), missed));
        }
    }
    let share = |t: &Tally| {
        if t.total == 0 {
            1.0
        } else {
            t.explained as f64 / t.total as f64
        }
    };
    let ranked = worst_first(&per_program, |t| t.total - t.explained);
    let absent = most_first(without_page);
    let page_share = if records == 0 {
        0.0
    } else {
        lines_with_page as f64 / records as f64
    };
    let mut out = String::new();
    if json {
        let report = serde_json::json!({
            "records": records,
            "lines_with_page": lines_with_page,
            "lines_with_builtin": lines_with_builtin,
            "page_share": page_share,
            "missing": absent.iter().take(missing).map(|(p, n)| serde_json::json!({
                "program": p, "lines": n
            })).collect::<Vec<_>>(),
            "option_tokens": overall.total,
            "explained": overall.explained,
            "share": share(&overall),
            "worst": ranked.iter().take(worst).map(|(p, t)| serde_json::json!({
                "program": p, "explained": t.explained, "total": t.total, "lines": t.lines, "share": share(t)
            })).collect::<Vec<_>>(),
            "missed_lines": missed_lines.iter().take(misses).map(|(c, m)| serde_json::json!({"command": c, "unexplained": m})).collect::<Vec<_>>(),
        });
        return Ok(format!("{}\n", serde_json::to_string_pretty(&report)?));
    }
    let _ = writeln!(
        out,
        "records: {records} (variant \"long\" skipped); with a page for their program: {lines_with_page}"
    );
    let _ = writeln!(
        out,
        "examples whose main program has a page: {lines_with_page}/{records} = {:.2}% \
         ({lines_with_builtin} of them bash builtins, documented by bash(1))",
        100.0 * page_share
    );
    let _ = writeln!(
        out,
        "\nthe {} most used programs without a page (examples):",
        missing.min(absent.len())
    );
    for (p, n) in absent.iter().take(missing) {
        let _ = writeln!(out, "  {p:<24} {n:>5}");
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "option tokens explained: {}/{} = {:.2}%",
        overall.explained,
        overall.total,
        100.0 * share(&overall)
    );
    let _ = writeln!(out, "\nprograms with the most unexplained option tokens:");
    let _ = writeln!(
        out,
        "  {:<24} {:>9} {:>7} {:>7}",
        "program", "explained", "total", "share"
    );
    for (p, t) in ranked.iter().take(worst) {
        let _ = writeln!(
            out,
            "  {:<24} {:>9} {:>7} {:>6.1}%",
            p,
            t.explained,
            t.total,
            100.0 * share(t)
        );
    }
    let _ = writeln!(
        out,
        "\nlines with an unexplained option ({} in all):",
        missed_lines.len()
    );
    for (c, m) in missed_lines.iter().take(misses) {
        let _ = writeln!(out, "  {}    [{}]", c, m.join(" "));
    }
    Ok(out)
}
