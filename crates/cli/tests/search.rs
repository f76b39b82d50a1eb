//! The search questions in tests/search/questions.toml, asked of the shipped corpus: each
//! expected option must be among the first three results. Prints every question's rank, so a
//! ranking change shows what it moved.

use serde::Deserialize;

#[derive(Deserialize)]
struct Questions {
    question: Vec<Question>,
}

#[derive(Deserialize)]
struct Question {
    query: String,
    #[serde(rename = "in")]
    within: Option<String>,
    program: String,
    option: String,
}

const TOP: usize = 3;

fn answers(hit: &store::Hit, q: &Question) -> bool {
    let on_page = hit.program == q.program
        || hit.also.iter().any(|p| {
            p.strip_prefix(&q.program)
                .is_some_and(|r| r.starts_with('('))
        });
    on_page && hit.flags.contains(&q.option)
}

#[test]
fn questions_find_their_option_in_the_top_three() {
    let file = testkit::repo().join("tests/search/questions.toml");
    let questions: Questions = toml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(questions.question.len() >= 20, "20 questions at least");
    let mut first = 0;
    let store = testkit::stored::corpus();
    let mut report = String::new();
    let mut failed = 0;
    for q in &questions.question {
        let hits = store
            .search(&q.query, q.within.as_deref(), 10)
            .unwrap_or_else(|e| panic!("{}: {e}", q.query));
        let rank = hits.iter().position(|h| answers(h, q));
        first += usize::from(rank == Some(0));
        let place = q
            .within
            .as_deref()
            .map(|w| format!(" --in {w}"))
            .unwrap_or_default();
        let shown = match rank {
            Some(r) => format!("#{}", r + 1),
            None => "not in top 10".into(),
        };
        if rank.is_none_or(|r| r >= TOP) {
            failed += 1;
            report.push_str("FAIL ");
        }
        report.push_str(&format!(
            "'{}'{place} → {} {}: {shown}; top: {}\n",
            q.query,
            q.program,
            q.option,
            hits.iter()
                .take(TOP)
                .map(|h| format!("{} {}", h.command, h.flags.join("/")))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    println!("{report}");
    println!(
        "{} of {} in the top {TOP}, {first} first",
        questions.question.len() - failed,
        questions.question.len()
    );
    assert_eq!(
        failed, 0,
        "{failed} questions missed the top {TOP}:\n{report}"
    );
}

#[test]
fn queries_are_words_never_syntax() {
    let store = testkit::stored::corpus();
    for q in [
        "--foo",
        "\"unbalanced",
        "a AND (b OR",
        "title:x",
        "*",
        "+-~^",
        "\u{1F600}",
        "-z",
        "[]{}",
    ] {
        match store.search(q, None, 5) {
            Ok(_) | Err(store::SearchError::NoWords) => {}
            Err(e) => panic!("{q:?}: {e}"),
        }
    }
    assert!(matches!(
        store.search("  ", None, 5),
        Err(store::SearchError::NoWords)
    ));
    assert!(matches!(
        store.search("gzip", Some("no-such-program"), 5),
        Err(store::SearchError::UnknownProgram(_))
    ));
    let hits = store.search("--gzip", Some("tar"), 3).unwrap();
    assert_eq!(hits[0].flags[..2], ["-z", "--gzip"], "{hits:?}");
}

#[test]
fn in_covers_sub_commands_and_builtins() {
    let store = testkit::stored::corpus();
    let hits = store.search("amend", Some("git"), 3).unwrap();
    assert_eq!(hits[0].command, "git commit", "{hits:?}");
    assert_eq!(hits[0].page, "git-commit(1)");
    assert_eq!(hits[0].explain, "git commit --amend");
    for within in ["git commit", "git-commit", "git_commit"] {
        let hits = store.search("amend", Some(within), 10).unwrap();
        assert!(
            hits.iter().all(|h| h.program == "git-commit"),
            "{within}: {hits:?}"
        );
    }
    let hits = store.search("timeout", Some("read"), 1).unwrap();
    assert_eq!(
        (hits[0].page.as_str(), hits[0].command.as_str()),
        ("bash(1)", "read")
    );
}
