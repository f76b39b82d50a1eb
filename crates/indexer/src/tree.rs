//! Where page files come from: folders on disk or a corpus compiled into the binary.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One page file found in a tree.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Which tree it is in (index into the list of trees).
    pub tree: usize,
    /// Its path relative to the tree's root, e.g. `man1/tar.1.gz`.
    pub rel: String,
    /// When it is a symbolic link to another page of the same tree: that page's relative path.
    pub link: Option<String>,
}

/// A manual tree: a root folder with `man1/`, `man8/`, ... or a plain folder of pages.
pub trait Tree: Sync {
    /// Reads a file by its path relative to the root.
    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>>;
    /// A name for messages.
    fn label(&self) -> String;
}

/// A tree on disk.
pub struct DiskTree {
    /// The root folder.
    pub root: PathBuf,
}

impl Tree for DiskTree {
    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.root.join(rel))
    }
    fn label(&self) -> String {
        self.root.display().to_string()
    }
}

/// A tree held in memory: relative path → bytes, and symbolic links → their targets.
pub struct MemoryTree {
    /// The files.
    pub files: HashMap<String, &'static [u8]>,
    /// The symbolic links, relative path → relative target path.
    pub links: HashMap<String, String>,
    /// A name for messages.
    pub name: String,
}

impl Tree for MemoryTree {
    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
        let mut rel = rel.to_string();
        for _ in 0..8 {
            match self.links.get(&rel) {
                Some(target) => rel = target.clone(),
                None => break,
            }
        }
        self.files.get(&rel).map(|b| b.to_vec()).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{rel} is not in the tree"),
            )
        })
    }
    fn label(&self) -> String {
        self.name.clone()
    }
}

impl MemoryTree {
    /// The page entries of the tree, sorted.
    pub fn entries(&self, tree: usize) -> Vec<Entry> {
        let mut out: Vec<Entry> =
            self.files
                .keys()
                .filter(|rel| is_page_name(rel))
                .map(|rel| Entry {
                    tree,
                    rel: rel.clone(),
                    link: None,
                })
                .chain(self.links.iter().filter(|(rel, _)| is_page_name(rel)).map(
                    |(rel, target)| Entry {
                        tree,
                        rel: rel.clone(),
                        link: Some(target.clone()),
                    },
                ))
                .collect();
        out.sort_by(|a, b| a.rel.cmp(&b.rel));
        out
    }
}

/// Whether a file name looks like a man page (`name.section[.gz]`).
pub fn is_page_name(rel: &str) -> bool {
    manpage::name_and_section(rel).is_some()
}

/// What a path given on the command line turned out to be.
pub struct Found {
    /// The tree to read from.
    pub tree: DiskTree,
    /// The pages in it.
    pub entries: Vec<(String, Option<String>)>,
}

/// Finds the pages under `path`: a manual tree (a folder holding `man1/`, ...), a folder of pages,
/// or one page file.
pub fn find(path: &Path) -> std::io::Result<Found> {
    let meta = std::fs::metadata(path)?;
    if meta.is_file() {
        let parent = path.parent().unwrap_or(Path::new("."));
        let in_man_dir = parent
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("man"));
        let root = if in_man_dir {
            parent.parent().unwrap_or(Path::new("."))
        } else {
            parent
        };
        let rel = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .to_string();
        return Ok(Found {
            tree: DiskTree {
                root: root.to_path_buf(),
            },
            entries: vec![(rel, None)],
        });
    }
    let mut subdirs: Vec<PathBuf> = std::fs::read_dir(path)?
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.starts_with("man") && name.len() > 3 && e.path().is_dir()
        })
        .map(|e| e.path())
        .collect();
    subdirs.sort();
    let root = path.to_path_buf();
    let mut entries = Vec::new();
    let dirs = if subdirs.is_empty() {
        vec![root.clone()]
    } else {
        subdirs
    };
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir)?.flatten().collect();
        files.sort_by_key(|e| e.file_name());
        for f in files {
            let p = f.path();
            let Ok(rel) = p.strip_prefix(&root) else {
                continue;
            };
            let rel = rel.to_string_lossy().to_string();
            if !is_page_name(&rel) {
                continue;
            }
            let Ok(lmeta) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            if lmeta.is_dir() {
                continue;
            }
            let link = if lmeta.file_type().is_symlink() {
                link_target(&root, &p)
            } else {
                None
            };
            if lmeta.file_type().is_symlink() && link.is_none() && !p.is_file() {
                continue; // dangling link
            }
            entries.push((rel, link));
        }
    }
    Ok(Found {
        tree: DiskTree { root },
        entries,
    })
}

/// The target of a symbolic link, relative to `root`, when it stays inside the tree.
fn link_target(root: &Path, link: &Path) -> Option<String> {
    let target = std::fs::canonicalize(link).ok()?;
    let root = std::fs::canonicalize(root).ok()?;
    let rel = target.strip_prefix(&root).ok()?;
    Some(rel.to_string_lossy().to_string())
}
