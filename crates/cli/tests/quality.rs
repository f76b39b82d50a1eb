//! The extraction quality gate: the shipped corpus scored against independent inventories of
//! the options its pages define (tests/quality/, see its README). R_mandoc is the share of the
//! options mandoc tags that we extract too; R_help the share of the options the programs'
//! own `--help` prints. The test fails below the floors of issue 3.

use std::collections::{BTreeMap, BTreeSet, HashMap};

/// `page -> options` from a `page<TAB>option[<TAB>...]` file (a `page` header is skipped).
fn inventory(name: &str) -> BTreeMap<String, BTreeSet<String>> {
    let path = testkit::repo().join("tests/quality").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in text.lines() {
        let mut cols = line.split('\t');
        let (Some(page), Some(option)) = (cols.next(), cols.next()) else {
            continue;
        };
        if page == "page" {
            continue;
        }
        out.entry(page.to_string())
            .or_default()
            .insert(option.to_string());
    }
    out
}

/// Hits and totals, overall and by generator (with the number of pages).
struct Score {
    hit: usize,
    total: usize,
    by_generator: BTreeMap<String, (usize, usize, usize)>,
    misses: Vec<String>,
}

fn score(
    extracted: &HashMap<String, BTreeSet<String>>,
    anchor: &BTreeMap<String, BTreeSet<String>>,
    generators: &BTreeMap<String, BTreeSet<String>>,
) -> Score {
    let mut s = Score {
        hit: 0,
        total: 0,
        by_generator: BTreeMap::new(),
        misses: Vec::new(),
    };
    let empty = BTreeSet::new();
    for (page, want) in anchor {
        let got = extracted.get(page).unwrap_or(&empty);
        let hit = want.intersection(got).count();
        s.hit += hit;
        s.total += want.len();
        let generator = generators
            .get(page)
            .and_then(|g| g.iter().next().cloned())
            .unwrap_or_else(|| "?".into());
        let e = s.by_generator.entry(generator).or_default();
        e.0 += hit;
        e.1 += want.len();
        e.2 += 1;
        let missed: Vec<&String> = want.difference(got).collect();
        if !missed.is_empty() {
            s.misses.push(format!("{page}: {missed:?}"));
        }
    }
    s
}

#[test]
fn shipped_corpus_meets_the_recall_floors() {
    let mut extracted: HashMap<String, BTreeSet<String>> = HashMap::new();
    for page in testkit::corpus_pages() {
        let flags = extracted.entry(page.source.clone()).or_default();
        for o in &page.options {
            for f in &o.flags {
                flags.insert(f.text.clone());
            }
        }
    }
    let generators = inventory("man-generators.tsv");
    let mandoc = score(&extracted, &inventory("mandoc-tags.tsv"), &generators);
    let help = score(&extracted, &inventory("help-options.tsv"), &generators);
    assert!(
        mandoc.total > 4000 && help.total > 2000,
        "inventories look truncated"
    );

    let mut failures = Vec::new();
    let r_mandoc = mandoc.hit as f64 / mandoc.total as f64;
    let r_help = help.hit as f64 / help.total as f64;
    eprintln!("R_mandoc {r_mandoc:.3} ({}/{})", mandoc.hit, mandoc.total);
    eprintln!("R_help {r_help:.3} ({}/{})", help.hit, help.total);
    if r_mandoc < 0.99 {
        failures.push(format!("R_mandoc {r_mandoc:.3} < 0.99"));
    }
    if r_help < 0.97 {
        failures.push(format!("R_help {r_help:.3} < 0.97"));
    }
    for (generator, (hit, total, pages)) in &help.by_generator {
        let r = *hit as f64 / *total as f64;
        eprintln!("  R_help {generator}: {r:.3} ({hit}/{total}, {pages} pages)");
        if *pages >= 5 && r < 0.95 {
            failures.push(format!("R_help for {generator} {r:.3} < 0.95"));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nmissed:\n{}\n{}",
        failures.join("\n"),
        mandoc.misses.join("\n"),
        help.misses.join("\n")
    );
}
