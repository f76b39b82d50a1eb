//! Which index a command reads: `--index DIR` / `EXPLAIN_INDEX`, or the shipped corpus.
//!
//! The shipped corpus is compiled into the binary. On first use it is indexed into the user's
//! cache folder (`$XDG_CACHE_HOME/explain/default-<id>`, usually `~/.cache/explain/...`), where
//! `<id>` changes whenever the corpus or the page reader changes; later runs open that index
//! directly. When no cache folder can be written, the index is built in memory for the run.

use std::path::{Path, PathBuf};

use anyhow::Context;
use store::Store;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/corpus.rs"));
}

/// The id of the embedded corpus.
pub fn corpus_id() -> &'static str {
    embedded::CORPUS_ID
}

/// The embedded corpus as a tree the indexer can read.
pub fn embedded_tree() -> indexer::MemoryTree {
    indexer::MemoryTree {
        files: embedded::FILES
            .iter()
            .map(|(p, b)| (p.to_string(), *b))
            .collect(),
        links: embedded::LINKS
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect(),
        name: "(shipped corpus)".into(),
    }
}

/// Where the default index is cached.
pub fn cache_dir() -> Option<PathBuf> {
    Some(
        dirs::cache_dir()?
            .join("explain")
            .join(format!("default-{}", corpus_id())),
    )
}

/// Opens the index named on the command line, or the default one.
pub fn open(index: Option<&Path>) -> anyhow::Result<Store> {
    if let Some(dir) = index {
        return Store::open(dir).map_err(anyhow::Error::from);
    }
    if let Some(dir) = cache_dir() {
        if let Ok(store) = Store::open(&dir) {
            return Ok(store);
        }
        // Several explains started at once on a fresh machine (an editor, a test suite) build it
        // once: the first holds the lock while it builds, the others then open its index.
        let _lock = build_lock(&dir);
        if let Ok(store) = Store::open(&dir) {
            return Ok(store);
        }
        let pages = embedded_pages();
        match store::write(&dir, &pages) {
            Ok(_) => {
                remove_stale(&dir);
                return Store::open(&dir).with_context(|| {
                    format!("opening the default index just built in {}", dir.display())
                });
            }
            Err(e) => {
                eprintln!(
                    "explain: note: cannot cache the default index in {} ({e}); building it in memory",
                    dir.display()
                );
                return Ok(Store::in_memory(pages)?);
            }
        }
    }
    Ok(Store::in_memory(embedded_pages())?)
}

/// The shipped corpus, read.
fn embedded_pages() -> Vec<manpage::Page> {
    let mut job = indexer::Job::new();
    job.add_memory_tree(embedded_tree());
    job.read_pages(&|_| {}).0
}

/// An exclusive lock on `explain/build.lock` beside the default indexes, held until dropped;
/// `None` when the folder or the lock cannot be had (the build then goes ahead unlocked).
fn build_lock(dir: &Path) -> Option<std::fs::File> {
    let parent = dir.parent()?;
    std::fs::create_dir_all(parent).ok()?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(parent.join("build.lock"))
        .ok()?;
    file.lock().ok()?;
    Some(file)
}

/// Removes default indexes of other corpus versions from the cache.
fn remove_stale(current: &Path) {
    let Some(parent) = current.parent() else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with("default-") && e.path() != current {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}
