//! Embeds the shipped corpus (`manpages/`) in the binary, with an id that changes whenever the
//! corpus or the code that reads pages changes, so the cached default index is rebuilt then.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let meta = std::fs::symlink_metadata(&p).expect("stat");
        if meta.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let workspace = manifest.parent().unwrap().parent().unwrap().to_path_buf();
    let corpus = workspace.join("manpages");
    println!("cargo:rerun-if-changed={}", corpus.display());
    let mut hasher = DefaultHasher::new();
    let mut files = Vec::new();
    let mut links = Vec::new();
    let mut all = Vec::new();
    walk(&corpus, &mut all);
    for p in &all {
        let rel = p
            .strip_prefix(&corpus)
            .unwrap()
            .to_string_lossy()
            .to_string();
        if !rel.starts_with("man") || !rel.contains('/') {
            continue;
        }
        let dir = p.parent().unwrap();
        println!("cargo:rerun-if-changed={}", dir.display());
        let meta = std::fs::symlink_metadata(p).unwrap();
        rel.hash(&mut hasher);
        if meta.file_type().is_symlink() {
            let target = std::fs::read_link(p).unwrap();
            let joined = dir.join(&target);
            let Ok(canon) = joined.canonicalize() else {
                continue;
            };
            let Ok(target_rel) = canon.strip_prefix(corpus.canonicalize().unwrap()) else {
                continue;
            };
            let target_rel = target_rel.to_string_lossy().to_string();
            target_rel.hash(&mut hasher);
            links.push((rel, target_rel));
        } else {
            std::fs::read(p).unwrap().hash(&mut hasher);
            files.push((rel, p.canonicalize().unwrap()));
        }
    }
    // The code that turns pages into the index.
    for krate in ["roff", "manpage", "store", "indexer"] {
        let src = workspace.join("crates").join(krate).join("src");
        println!("cargo:rerun-if-changed={}", src.display());
        let mut sources = Vec::new();
        walk(&src, &mut sources);
        for s in sources {
            std::fs::read(&s).unwrap().hash(&mut hasher);
        }
    }
    let id = format!("{:016x}", hasher.finish());
    let mut code = String::new();
    code.push_str(&format!("/// Changes whenever the corpus or the page reader changes.\npub const CORPUS_ID: &str = \"{id}\";\n"));
    code.push_str("/// The page files: path relative to the corpus root, and contents.\npub static FILES: &[(&str, &[u8])] = &[\n");
    for (rel, path) in &files {
        code.push_str(&format!(
            "    ({rel:?}, include_bytes!({:?})),\n",
            path.to_string_lossy()
        ));
    }
    code.push_str("];\n/// Symbolic links: path, and the path of the page it points to.\npub static LINKS: &[(&str, &str)] = &[\n");
    for (rel, target) in &links {
        code.push_str(&format!("    ({rel:?}, {target:?}),\n"));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("corpus.rs");
    std::fs::write(out, code).unwrap();
}
