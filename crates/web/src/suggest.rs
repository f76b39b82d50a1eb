//! Similar names from the index, for a program nothing documents (`gti` → `git`).

use std::sync::OnceLock;

/// Every name in the index, read on first use.
#[derive(Default)]
pub struct Names {
    all: OnceLock<Vec<String>>,
}

impl Names {
    /// Up to `limit` names close to `word`, closest first.
    pub fn similar(&self, store: &store::Store, word: &str, limit: usize) -> Vec<String> {
        let all = self.all.get_or_init(|| {
            let mut names: Vec<String> = store
                .all_pages()
                .unwrap_or_default()
                .into_iter()
                .flat_map(|p| p.names)
                .collect();
            names.sort();
            names.dedup();
            names
        });
        similar(all, word, limit)
    }
}

/// Up to `limit` of `names` within a small edit distance of `word` (or starting with it),
/// closest first, then alphabetically.
pub fn similar(names: &[String], word: &str, limit: usize) -> Vec<String> {
    let word = word.rsplit('/').next().unwrap_or(word);
    if word.is_empty() || word.chars().count() > 64 {
        return Vec::new();
    }
    let max = (word.chars().count() / 3).clamp(1, 3);
    let mut scored: Vec<(usize, &String)> = names
        .iter()
        .filter_map(|n| {
            let d = distance(word, n);
            if d <= max {
                Some((d, n))
            } else if word.len() >= 3 && n.starts_with(word) {
                Some((max + 1, n))
            } else {
                None
            }
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(limit)
        .map(|(_, n)| n.clone())
        .collect()
}

/// Levenshtein distance, counting adjacent swaps as one edit.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 3 {
        return usize::MAX;
    }
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        ["git", "grep", "gzip", "tar", "tail", "zip", "git-commit"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn finds_typos_and_prefixes() {
        assert_eq!(similar(&names(), "gti", 3), vec!["git"]);
        assert_eq!(similar(&names(), "tarr", 3), vec!["tar"]);
        assert_eq!(similar(&names(), "/usr/bin/gzpi", 3), vec!["gzip"]);
        assert!(similar(&names(), "git-", 5).contains(&"git-commit".to_string()));
        assert!(similar(&names(), "xyzzy", 3).is_empty());
        assert!(similar(&names(), "", 3).is_empty());
    }
}
