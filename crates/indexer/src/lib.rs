//! Reading man pages in bulk. An indexing job collects page files from manual trees (a folder
//! with `man1/`, `man8/`, ...), plain folders, single files or a corpus held in memory; reads and
//! parses them on all cores; turns symbolic links and whole-page `.so` redirects into aliases of
//! the page they point to. Pages that cannot be read are skipped with a reason, never
//! half-read. Writing the pages somewhere (the `store` crate's index) is the caller's part:
//! this crate knows nothing of how pages are kept.

mod tree;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use manpage::Page;
use rayon::prelude::*;

pub use tree::{DiskTree, Entry, MemoryTree, Tree, find, is_page_name};

/// A page left out of the index, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file, as `tree/relative/path`.
    pub file: String,
    /// Why it was left out.
    pub reason: String,
}

/// What an indexing run did.
#[derive(Debug, Clone)]
pub struct Report {
    /// Pages indexed.
    pub pages: usize,
    /// Options found in them.
    pub options: usize,
    /// Names added to pages from links and `.so` redirects.
    pub aliases: usize,
    /// Warnings from the parser (unknown macros, bad escapes, ...), summed over all pages.
    pub warnings: usize,
    /// Pages left out.
    pub skipped: Vec<Skipped>,
    /// Wall time of reading and parsing.
    pub elapsed: Duration,
}

/// A set of page files to index.
#[derive(Default)]
pub struct Job {
    trees: Vec<Box<dyn Tree>>,
    entries: Vec<Entry>,
}

enum Outcome {
    Page(Box<Page>, usize),
    Redirect { target: String, warnings: usize },
    Skip(String),
}

impl Job {
    /// An empty job.
    pub fn new() -> Job {
        Job::default()
    }

    /// Adds every page under a path: a manual tree, a folder of pages or one page file.
    pub fn add_path(&mut self, path: &Path) -> std::io::Result<usize> {
        let found = find(path)?;
        let tree = self.trees.len();
        let n = found.entries.len();
        self.entries.extend(
            found
                .entries
                .into_iter()
                .map(|(rel, link)| Entry { tree, rel, link }),
        );
        self.trees.push(Box::new(found.tree));
        Ok(n)
    }

    /// Adds a tree held in memory.
    pub fn add_memory_tree(&mut self, mem: MemoryTree) -> usize {
        let tree = self.trees.len();
        let entries = mem.entries(tree);
        let n = entries.len();
        self.entries.extend(entries);
        self.trees.push(Box::new(mem));
        n
    }

    /// Number of page files found.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no page file was found.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn label(&self, e: &Entry) -> String {
        format!(
            "{}/{}",
            self.trees[e.tree].label().trim_end_matches('/'),
            e.rel
        )
    }

    /// Reads and parses every page; `progress` is called with the count done so far.
    pub fn read_pages(&self, progress: &(dyn Fn(usize) + Sync)) -> (Vec<Page>, Report) {
        let start = Instant::now();
        let done = AtomicUsize::new(0);
        let outcomes: Vec<Outcome> = self
            .entries
            .par_iter()
            .map(|e| {
                let out = if e.link.is_some() {
                    Outcome::Skip(String::new())
                } else {
                    let tree = &*self.trees[e.tree];
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        read_one(tree, &e.rel)
                    }))
                    .unwrap_or_else(|_| {
                        Outcome::Skip(
                            "internal error while reading this page (a bug: please report it)"
                                .into(),
                        )
                    })
                };
                progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                out
            })
            .collect();

        let mut report = Report {
            pages: 0,
            options: 0,
            aliases: 0,
            warnings: 0,
            skipped: Vec::new(),
            elapsed: Duration::ZERO,
        };
        let mut pages: Vec<Page> = Vec::new();
        let mut by_rel: HashMap<(usize, String), usize> = HashMap::new();
        let mut by_key: HashMap<(String, String), String> = HashMap::new();
        let mut redirects: Vec<(usize, &Entry, String)> = Vec::new();
        for (e, outcome) in self.entries.iter().zip(outcomes) {
            match outcome {
                Outcome::Page(page, warnings) => {
                    report.warnings += warnings;
                    let key = (page.name.clone(), page.section.clone());
                    if let Some(first) = by_key.get(&key) {
                        report.skipped.push(Skipped {
                            file: self.label(e),
                            reason: format!("same name and section as {first}, which was indexed"),
                        });
                        continue;
                    }
                    by_key.insert(key, self.label(e));
                    by_rel.insert((e.tree, strip_compression(&e.rel).to_string()), pages.len());
                    pages.push(*page);
                }
                Outcome::Redirect { target, warnings } => {
                    report.warnings += warnings;
                    redirects.push((e.tree, e, target));
                }
                Outcome::Skip(reason) => {
                    if let Some(target) = &e.link {
                        redirects.push((e.tree, e, target.clone()));
                    } else {
                        report.skipped.push(Skipped {
                            file: self.label(e),
                            reason,
                        });
                    }
                }
            }
        }
        // Links and redirects become aliases of their target page.
        for (tree, e, target) in redirects {
            let target_key = (tree, strip_compression(&target).to_string());
            let alt_key = (
                tree,
                format!(
                    "{}/{}",
                    e.rel.rsplit_once('/').map(|p| p.0).unwrap_or(""),
                    strip_compression(&target)
                ),
            );
            match by_rel.get(&target_key).or_else(|| by_rel.get(&alt_key)) {
                Some(&i) => {
                    if let Some((name, _)) = manpage::name_and_section(&e.rel)
                        && !pages[i].names.contains(&name)
                    {
                        pages[i].names.push(name);
                        report.aliases += 1;
                    }
                }
                None => report.skipped.push(Skipped {
                    file: self.label(e),
                    reason: format!("points to {target}, which is not indexed"),
                }),
            }
        }
        report.pages = pages.len();
        report.options = pages.iter().map(|p| p.options.len()).sum();
        report.skipped.sort_by(|a, b| a.file.cmp(&b.file));
        report.elapsed = start.elapsed();
        (pages, report)
    }
}

fn strip_compression(rel: &str) -> &str {
    for ext in [".gz", ".bz2", ".xz", ".zst", ".Z"] {
        if let Some(r) = rel.strip_suffix(ext) {
            return r;
        }
    }
    rel
}

/// Reads, decodes and parses one page.
fn read_one(tree: &dyn Tree, rel: &str) -> Outcome {
    let bytes = match tree.read(rel) {
        Ok(b) => b,
        Err(e) => return Outcome::Skip(format!("cannot read: {e}")),
    };
    let text = match roff::decode_bytes(&bytes) {
        Ok(t) => t,
        Err(e) => return Outcome::Skip(e.to_string()),
    };
    let dir = rel.rsplit_once('/').map(|p| p.0).unwrap_or("");
    let mut resolver = |target: &str| -> Result<String, String> {
        let mut candidates = vec![target.to_string(), format!("{target}.gz")];
        if !dir.is_empty() {
            let base = target.rsplit('/').next().unwrap_or(target);
            candidates.push(format!("{dir}/{base}"));
            candidates.push(format!("{dir}/{base}.gz"));
        }
        for c in &candidates {
            if let Ok(bytes) = tree.read(c) {
                return roff::decode_bytes(&bytes).map_err(|e| e.to_string());
            }
        }
        Err("file not found in the manual tree".into())
    };
    let doc = roff::parse(&text, Some(&mut resolver));
    let warnings = doc.diagnostics.len();
    if let Some(target) = &doc.redirect {
        if let Some(d) = doc.diagnostics.iter().find(|d| d.code.is_include()) {
            return Outcome::Skip(format!("line {d}"));
        }
        let target = if target.contains('/') {
            target.clone()
        } else {
            format!("{dir}/{target}")
        };
        return Outcome::Redirect { target, warnings };
    }
    if doc.sections.is_empty() {
        return Outcome::Skip(match doc.diagnostics.first() {
            Some(d) => format!("no sections: not a man page? (first problem: line {})", d),
            None => "no sections: not a man page?".into(),
        });
    }
    let page = read_page(&doc, rel);
    if page.name.is_empty() {
        return Outcome::Skip("no page name in the file name or .TH".into());
    }
    Outcome::Page(Box::new(page), warnings)
}

/// The page model of a parsed page file at `rel` in its tree, with the shell's syntax topics
/// and builtins when it is the shell's page ([`manpage::SHELL_PAGE`] in section 1).
pub fn read_page(doc: &roff::Document, rel: &str) -> manpage::Page {
    let mut page = manpage::read(doc, rel);
    if page.name == manpage::SHELL_PAGE && page.section == "1" {
        manpage::read_shell(doc, &mut page);
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, content: &[u8]) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }

    #[test]
    fn trees_links_redirects_and_bad_pages() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "man1/foo.1",
            b".TH FOO 1\n.SH NAME\nfoo \\- do foo\n.SH OPTIONS\n.TP\n.B \\-a\nall\n",
        );
        write(root, "man1/bar.1", b".so man1/foo.1\n");
        write(root, "man1/loop.1", b".so man1/loop2.1\n");
        write(root, "man1/loop2.1", b".so man1/loop.1\n");
        write(root, "man1/junk.1.gz", b"\x1f\x8b\x08\x00garbage");
        write(
            root,
            "man1/bin.1",
            &[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 1, 2, 3],
        );
        std::os::unix::fs::symlink("foo.1", root.join("man1/baz.1")).unwrap();
        let mut job = Job::new();
        assert_eq!(job.add_path(root).unwrap(), 7);
        let (pages, report) = job.read_pages(&|_| {});
        assert_eq!(pages.len(), 1, "{report:?}");
        let names = &pages[0].names;
        assert!(
            names.contains(&"bar".to_string()) && names.contains(&"baz".to_string()),
            "{names:?}"
        );
        let reasons: Vec<String> = report
            .skipped
            .iter()
            .map(|s| format!("{}: {}", s.file, s.reason))
            .collect();
        assert!(
            reasons
                .iter()
                .any(|r| r.contains("junk.1.gz") && r.contains("gzip")),
            "{reasons:?}"
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.contains("bin.1") && r.contains("binary")),
            "{reasons:?}"
        );
        assert!(reasons.iter().any(|r| r.contains("loop")), "{reasons:?}");
    }
}
