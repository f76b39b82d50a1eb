//! Property tests of the whole explain path: for any input, no panic, and the spans keep the
//! JSON contract's invariants (ordered, non-overlapping, inside the input, `text` is the slice,
//! UTF-16 offsets consistent, every non-blank character covered).

use std::path::PathBuf;
use std::sync::OnceLock;

use matcher::{Kind, MemoryPages};
use proptest::prelude::*;

fn pages() -> &'static MemoryPages {
    static PAGES: OnceLock<MemoryPages> = OnceLock::new();
    PAGES.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/matcher/man1"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        for shipped in [
            "man1/bash.1.gz",
            "man1/tar.1.gz",
            "man1/find.1.gz",
            "man8/sudo.8.gz",
            "man1/git.1.gz",
            "man1/git-commit.1.gz",
        ] {
            files.push(root.join("manpages").join(shipped));
        }
        let pages = files.iter().map(|f| {
            let doc = roff::parse_bytes(&std::fs::read(f).unwrap(), None).unwrap();
            let rel = format!("man1/{}", f.file_name().unwrap().to_string_lossy());
            indexer::read_page(&doc, &rel)
        });
        MemoryPages::new(pages)
    })
}

fn check(input: &str) -> Result<(), TestCaseError> {
    let ex = matcher::explain_str(input, pages()).expect("memory pages never fail");
    prop_assert_eq!(&*ex.command, input);
    let mut last_end = 0;
    let mut covered = vec![false; input.len()];
    let mut next_new_help = 1;
    for s in &ex.spans {
        let (start, end) = (s.range.start, s.range.end);
        prop_assert!(
            start < end && end <= input.len(),
            "range {}..{}",
            start,
            end
        );
        prop_assert!(start >= last_end, "overlap at {}", start);
        last_end = end;
        prop_assert!(input.is_char_boundary(start) && input.is_char_boundary(end));
        prop_assert_eq!(ex.text(s).trim(), ex.text(s), "blank at an edge");
        prop_assert_eq!(s.help.is_none(), s.kind == Kind::Unknown);
        prop_assert_eq!(s.option.is_some(), s.kind == Kind::Option);
        // Helps are numbered in order of first use, each once.
        if let Some(id) = s.help {
            prop_assert!(
                id.0 <= next_new_help,
                "help {} before {}",
                id.0,
                next_new_help
            );
            prop_assert_eq!(ex.helps[id.index()].id, id);
            next_new_help = next_new_help.max(id.0 + 1);
        }
        for c in covered.iter_mut().take(end).skip(start) {
            *c = true;
        }
    }
    prop_assert_eq!(
        next_new_help as usize,
        ex.helps.len() + 1,
        "a help no span uses"
    );
    for (i, ch) in input.char_indices() {
        prop_assert!(
            covered[i] || ch.is_whitespace(),
            "{ch:?} at {i} is in no span"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_string(input in any::<String>()) {
        check(&input)?;
    }

    #[test]
    fn shell_like_lines(words in prop::collection::vec(prop::sample::select(vec![
        "demo", "wrap", "multi", "go", "bundle", "tar", "find", "sudo", "git", "commit", "-a", "-ab", "-b", "512", "-c3",
        "--color=auto", "--col", "--verb", "--", "-name", "-x", "-exec", "{}", "\\;", ";", "|", "&&", "||", "&", ">",
        "2>&1", "<<<", "\"x y\"", "'q'", "$HOME", "$(ls)", "`pwd`", "~", "(", ")", "{", "}", "if", "then", "fi", "for",
        "in", "do", "done", "[[", "]]", "-f", "x", "=", "*", "\\", "\n", "#c", "é", "日本", "<(", "case", "esac", "))",
    ]), 0..24)) {
        check(&words.join(" "))?;
    }
}
