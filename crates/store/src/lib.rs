//! The page index. Page models are kept in a tantivy index, looked up by any of their names;
//! the index lives on disk (memory-mapped, opened read-only) or in memory.
//!
//! On disk, an index folder holds generations: `CURRENT` names the live one, and a build writes
//! a new generation beside it and then replaces `CURRENT` in one rename. A crash or an error
//! during a build leaves the previous index untouched.
//!
//! Beside one document per page (and per bash builtin), the index holds one document per
//! option, for [`Store::search`]: full-text search over option descriptions (see `search.rs`).

mod readonly;
mod search;

pub use search::{Hit, SEARCH_JSON_VERSION, SearchAnswer, SearchError};

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use manpage::Page;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::directory::MmapDirectory;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, STORED, STRING, Schema, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// The on-disk format version; bumped whenever the schema or the page model changes shape.
pub const FORMAT_VERSION: u32 = 6;

const INFO_FILE: &str = "explain-index.json";

/// Threads that tokenise and index documents while a [`Writer`] is fed.
const INDEX_THREADS: usize = 2;

/// How many names [`Store::pages`] keeps decoded pages for; lookups past that decode again.
pub const CACHED_NAMES: usize = 4096;
const CURRENT_FILE: &str = "CURRENT";

/// What went wrong with an index.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder holds no index.
    #[error("no index in {0}: build one with `explain index --output {0} PATH...`")]
    Missing(PathBuf),
    /// The index was written by another version of explain.
    #[error(
        "the index in {path} has format {found}, this explain reads format {expected}: rebuild it with `explain index`"
    )]
    Version {
        /// The index folder.
        path: PathBuf,
        /// The version found.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The index files are damaged.
    #[error("the index in {path} is damaged ({detail}): rebuild it with `explain index`")]
    Corrupt {
        /// The index folder.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// A file could not be read or written.
    #[error("{action} {path}: {source}")]
    Io {
        /// What we were doing.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// tantivy failed.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Facts about a built index.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct IndexInfo {
    /// The format version.
    pub format: u32,
    /// A unique id of this build.
    pub build_id: String,
    /// Pages indexed.
    pub pages: usize,
    /// Options found in all pages.
    pub options: usize,
}

#[derive(Clone, Copy)]
struct Fields {
    name: Field,
    section: Field,
    page: Field,
    options: search::OptionFields,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let name = b.add_text_field("name", STRING);
    let section = b.add_text_field("section", STRING | STORED);
    let page = b.add_bytes_field("page", STORED);
    let options = search::OptionFields::add(&mut b);
    (
        b.build(),
        Fields {
            name,
            section,
            page,
            options,
        },
    )
}

/// An open index.
pub struct Store {
    cache: RwLock<HashMap<String, Vec<Arc<Page>>>>,
    reader: IndexReader,
    fields: Fields,
    info: IndexInfo,
    location: String,
}

impl Store {
    /// Opens the index in `root` (the folder given to `explain index --output`), read-only.
    pub fn open(root: &Path) -> Result<Store, StoreError> {
        let current = root.join(CURRENT_FILE);
        let generation = match std::fs::read_to_string(&current) {
            Ok(g) => g.trim().to_string(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::Missing(root.to_path_buf()));
            }
            Err(source) => {
                return Err(StoreError::Io {
                    action: "cannot read",
                    path: current,
                    source,
                });
            }
        };
        if generation.is_empty() || generation.contains(['/', '\\']) || generation.starts_with('.')
        {
            return Err(StoreError::Corrupt {
                path: root.to_path_buf(),
                detail: format!("CURRENT names `{generation}`"),
            });
        }
        let dir = root.join(&generation);
        let info_path = dir.join(INFO_FILE);
        let info: IndexInfo = match std::fs::read(&info_path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
                path: root.to_path_buf(),
                detail: format!("{INFO_FILE}: {e}"),
            })?,
            Err(source) => {
                return Err(StoreError::Io {
                    action: "cannot read",
                    path: info_path,
                    source,
                });
            }
        };
        if info.format != FORMAT_VERSION {
            return Err(StoreError::Version {
                path: root.to_path_buf(),
                found: info.format,
                expected: FORMAT_VERSION,
            });
        }
        let mmap = MmapDirectory::open(&dir).map_err(|e| StoreError::Corrupt {
            path: root.to_path_buf(),
            detail: e.to_string(),
        })?;
        let index = Index::open(readonly::ReadOnly(mmap)).map_err(|e| StoreError::Corrupt {
            path: root.to_path_buf(),
            detail: e.to_string(),
        })?;
        search::register(index.tokenizers());
        Self::from_index(index, info, root.display().to_string())
    }

    fn from_index(index: Index, info: IndexInfo, location: String) -> Result<Store, StoreError> {
        let (_, fields) = schema();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Store {
            cache: RwLock::new(HashMap::new()),
            reader,
            fields,
            info,
            location,
        })
    }

    /// Builds an index in memory from pages (for tests and for a cache that cannot be written).
    pub fn in_memory(pages: impl IntoIterator<Item = Page>) -> Result<Store, StoreError> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        search::register(index.tokenizers());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 50_000_000)?;
        let mut count = 0;
        let mut options = 0;
        for page in pages {
            count += 1;
            options += page.options.len();
            for doc in documents(&fields, &page) {
                writer.add_document(doc)?;
            }
        }
        writer.commit()?;
        let info = IndexInfo {
            format: FORMAT_VERSION,
            build_id: "in-memory".into(),
            pages: count,
            options,
        };
        Self::from_index(index, info, "memory".into())
    }

    /// Facts about the index.
    pub fn info(&self) -> &IndexInfo {
        &self.info
    }

    /// Where the index is, for messages.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Whether any page has this name.
    pub fn contains(&self, name: &str) -> bool {
        let searcher = self.reader.searcher();
        searcher
            .doc_freq(&Term::from_field_text(self.fields.name, name))
            .is_ok_and(|n| n > 0)
    }

    /// The names in the index that start with `prefix`, sorted, at most `limit` of them.
    pub fn names_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>, StoreError> {
        let searcher = self.reader.searcher();
        let mut names = std::collections::BTreeSet::new();
        let damaged = |e: std::io::Error| StoreError::Corrupt {
            path: PathBuf::from(&self.location),
            detail: format!("the names' term dictionary: {e}"),
        };
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.name)?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .into_stream()
                .map_err(damaged)?;
            while let Some((key, _)) = stream.next() {
                if !key.starts_with(prefix.as_bytes()) || names.len() >= limit {
                    break;
                }
                names.insert(String::from_utf8_lossy(key).to_string());
            }
        }
        Ok(names.into_iter().take(limit).collect())
    }

    /// Every page with this name (a page's own name or one of its aliases), best first: pages
    /// whose own name it is before aliases, then by section (1, 8, 6, others). Decoded pages are
    /// kept (up to [`CACHED_NAMES`] names that exist), so a warm store answers from memory.
    pub fn pages(&self, name: &str) -> Result<Vec<Arc<Page>>, StoreError> {
        if let Ok(cache) = self.cache.read()
            && let Some(pages) = cache.get(name)
        {
            return Ok(pages.clone());
        }
        let mut pages: Vec<Arc<Page>> =
            self.decode_pages(name)?.into_iter().map(Arc::new).collect();
        // Pages before the builtins documented inside another page (bash's `printf`).
        manpage::rank_pages(&mut pages, name);
        if !pages.is_empty()
            && let Ok(mut cache) = self.cache.write()
            && cache.len() < CACHED_NAMES
        {
            cache.insert(name.to_string(), pages.clone());
        }
        Ok(pages)
    }

    fn decode_pages(&self, name: &str) -> Result<Vec<Page>, StoreError> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields.name, name),
            IndexRecordOption::Basic,
        );
        let hits = searcher.search(&query, &TopDocs::with_limit(64).order_by_score())?;
        let mut pages = Vec::with_capacity(hits.len());
        for (_, addr) in hits {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let Some(bytes) = doc.get_first(self.fields.page).and_then(|v| v.as_bytes()) else {
                continue;
            };
            let page: Page = serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt {
                path: PathBuf::from(&self.location),
                detail: format!("page record: {e}"),
            })?;
            pages.push(page);
        }
        Ok(pages)
    }

    /// The best page with this name, in `section` when given (`1` matches `1ssl` too).
    pub fn page(&self, name: &str, section: Option<&str>) -> Result<Option<Arc<Page>>, StoreError> {
        let pages = self.pages(name)?;
        Ok(match section {
            None => pages.into_iter().next(),
            Some(s) => manpage::best_in_section(&pages, s).cloned(),
        })
    }

    /// Options whose spellings and help match `text`, best first, at most `limit` of them;
    /// with `within`, only those of that program and its sub-command pages (`git` covers
    /// `git commit`; `git commit`, `git-commit` and `git_commit` name one sub-command). The
    /// text is read as words, never as query syntax: `--foo`, quotes and `AND` are just words.
    /// An option that several pages document in the same words is listed once, the other pages
    /// in [`Hit::also`].
    pub fn search(
        &self,
        text: &str,
        within: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        let searcher = self.reader.searcher();
        let plan = search::Plan::new(text).ok_or(SearchError::NoWords)?;
        let query = search::build_query(&self.fields.options, &plan, within);
        if let Some(program) = within {
            let term =
                Term::from_field_text(self.fields.options.scope, &search::scope_key(program));
            if searcher.doc_freq(&term).map_err(StoreError::from)? == 0 && !self.contains(program) {
                return Err(SearchError::UnknownProgram(program.to_string()));
            }
        }
        // More than asked for, so that options folded together still leave `limit`.
        let fetch = limit.saturating_mul(3).clamp(30, 1000);
        let top = searcher
            .search(
                &*query,
                &search::collector(&self.fields.options, &plan, &searcher, fetch),
            )
            .map_err(StoreError::from)?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr).map_err(StoreError::from)?;
            let key = doc
                .get_first(self.fields.options.key)
                .and_then(|v| v.as_str())
                .and_then(search::OptionKey::parse)
                .ok_or_else(|| StoreError::Corrupt {
                    path: PathBuf::from(&self.location),
                    detail: "an option record names no page".into(),
                })?;
            let pages = self.pages(key.name)?;
            let hit = pages
                .iter()
                .find(|p| key.names(p))
                .and_then(|page| search::hit(page, key.index, score));
            hits.extend(hit);
        }
        search::adjust(&plan, &mut hits);
        Ok(search::fold(hits, limit))
    }

    /// Every page in the index, in index order.
    pub fn all_pages(&self) -> Result<Vec<Page>, StoreError> {
        let searcher = self.reader.searcher();
        let mut out = Vec::new();
        for segment in searcher.segment_readers() {
            let store = segment
                .get_store_reader(64)
                .map_err(|e| StoreError::Corrupt {
                    path: PathBuf::from(&self.location),
                    detail: e.to_string(),
                })?;
            for doc_id in segment.doc_ids_alive() {
                let doc: TantivyDocument = store.get(doc_id)?;
                if let Some(bytes) = doc.get_first(self.fields.page).and_then(|v| v.as_bytes()) {
                    let page: Page =
                        serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt {
                            path: PathBuf::from(&self.location),
                            detail: format!("page record: {e}"),
                        })?;
                    // Builtins are part of the page that documents them.
                    if !page.origin.is_inside_another() {
                        out.push(page);
                    }
                }
            }
        }
        out.sort_by(|a, b| a.source.cmp(&b.source));
        Ok(out)
    }
}

/// The index as the matcher and the surfaces see it. A damaged index is an error that says to
/// rebuild it, never an empty answer.
impl manpage::PageSource for Store {
    fn pages(&self, name: &str) -> Result<Vec<Arc<Page>>, manpage::LookupError> {
        Store::pages(self, name).map_err(|e| manpage::LookupError::new(e.to_string()))
    }

    fn names_with_prefix(
        &self,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<String>, manpage::LookupError> {
        Store::names_with_prefix(self, prefix, limit)
            .map_err(|e| manpage::LookupError::new(e.to_string()))
    }
}

fn document(fields: &Fields, page: &Page) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    for name in &page.names {
        doc.add_text(fields.name, name);
    }
    doc.add_text(fields.section, &page.section);
    doc.add_bytes(
        fields.page,
        &serde_json::to_vec(page).expect("pages serialise"),
    );
    doc
}

/// The documents of a page: the page, and each builtin it documents (bash(1)) under the
/// builtin's own names, so looking up `cd` never decodes all of bash(1); then one document per
/// option of each, for search.
fn documents(fields: &Fields, page: &Page) -> Vec<TantivyDocument> {
    let mut docs = vec![document(fields, page)];
    docs.extend(page.command_pages().map(|b| document(fields, b)));
    search::option_documents(&fields.options, page, &mut docs);
    for b in page.command_pages() {
        search::option_documents(&fields.options, b, &mut docs);
    }
    docs
}

/// Writes `pages` as a new index in `root`, which replaces any index there only once it is
/// complete (see [`Writer`]).
pub fn write(root: &Path, pages: &[Page]) -> Result<IndexInfo, StoreError> {
    let mut writer = Writer::create(root)?;
    for page in pages {
        writer.add(page)?;
    }
    writer.commit()
}

/// Writes a new index generation beside the live one; [`Writer::commit`] swaps it in.
/// Dropping a writer without committing removes what it wrote.
pub struct Writer {
    root: PathBuf,
    generation: String,
    writer: Option<IndexWriter>,
    fields: Fields,
    pages: usize,
    options: usize,
    committed: bool,
}

impl Writer {
    /// Starts a build in `root` (created if needed).
    pub fn create(root: &Path) -> Result<Writer, StoreError> {
        std::fs::create_dir_all(root).map_err(|source| StoreError::Io {
            action: "cannot create index folder",
            path: root.to_path_buf(),
            source,
        })?;
        let generation = format!("gen-{}-{}", now_nanos(), std::process::id());
        let dir = root.join(&generation);
        std::fs::create_dir(&dir).map_err(|source| StoreError::Io {
            action: "cannot create",
            path: dir.clone(),
            source,
        })?;
        let (schema, fields) = schema();
        let index = Index::create_in_dir(&dir, schema)?;
        search::register(index.tokenizers());
        // Two indexing threads: tokenising option help is most of the writing, and the pages
        // have all been read (on every core) by the time they are written.
        let writer = index.writer_with_num_threads(INDEX_THREADS, 200_000_000)?;
        Ok(Writer {
            root: root.to_path_buf(),
            generation,
            writer: Some(writer),
            fields,
            pages: 0,
            options: 0,
            committed: false,
        })
    }

    /// Adds one page.
    pub fn add(&mut self, page: &Page) -> Result<(), StoreError> {
        self.pages += 1;
        self.options += page.options.len();
        let writer = self.writer.as_mut().expect("writer lives until commit");
        for doc in documents(&self.fields, page) {
            writer.add_document(doc)?;
        }
        Ok(())
    }

    /// Commits the new generation and makes it the live index; older generations are removed.
    pub fn commit(mut self) -> Result<IndexInfo, StoreError> {
        let mut writer = self.writer.take().expect("writer lives until commit");
        writer.commit()?;
        writer.wait_merging_threads()?;
        let dir = self.root.join(&self.generation);
        let info = IndexInfo {
            format: FORMAT_VERSION,
            build_id: self.generation.trim_start_matches("gen-").to_string(),
            pages: self.pages,
            options: self.options,
        };
        write_atomically(
            &dir.join(INFO_FILE),
            &serde_json::to_vec_pretty(&info).expect("info serialises"),
        )?;
        write_atomically(
            &self.root.join(CURRENT_FILE),
            format!("{}\n", self.generation).as_bytes(),
        )?;
        self.committed = true;
        // Older generations are no longer reachable; readers that still map them keep working
        // until they close (the files stay alive while mapped).
        if let Ok(entries) = std::fs::read_dir(&self.root) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                if name.starts_with("gen-") && name != self.generation {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        Ok(info)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if !self.committed {
            drop(self.writer.take());
            let _ = std::fs::remove_dir_all(self.root.join(&self.generation));
        }
    }
}

fn now_nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

fn write_atomically(path: &Path, data: &[u8]) -> Result<(), StoreError> {
    use std::io::Write;
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let io = |source, action| StoreError::Io {
        action,
        path: path.to_path_buf(),
        source,
    };
    let mut f = std::fs::File::create(&tmp).map_err(|e| io(e, "cannot write"))?;
    f.write_all(data).map_err(|e| io(e, "cannot write"))?;
    f.sync_all().map_err(|e| io(e, "cannot sync"))?;
    std::fs::rename(&tmp, path).map_err(|e| io(e, "cannot replace"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(name: &str, section: &str) -> Page {
        let doc = roff::parse(
            &format!(
                ".TH {name} {section}\n.SH NAME\n{name} \\- test page\n.SH OPTIONS\n.TP\n.B \\-x\nexplode\n"
            ),
            None,
        );
        manpage::read(&doc, &format!("man{section}/{name}.{section}.gz"))
    }

    #[test]
    fn build_open_lookup() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = Writer::create(dir.path()).unwrap();
        w.add(&page("foo", "1")).unwrap();
        w.add(&page("foo", "8")).unwrap();
        let info = w.commit().unwrap();
        assert_eq!(info.pages, 2);
        let store = Store::open(dir.path()).unwrap();
        let pages = store.pages("foo").unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].section, "1");
        assert_eq!(store.page("foo", Some("8")).unwrap().unwrap().section, "8");
        assert!(store.contains("foo"));
        assert!(!store.contains("bar"));
        assert_eq!(pages[0].option("-x").unwrap().help[0].plain(), "explode");
    }

    #[test]
    fn failed_build_keeps_old_index() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = Writer::create(dir.path()).unwrap();
        w.add(&page("old", "1")).unwrap();
        w.commit().unwrap();
        {
            let mut w = Writer::create(dir.path()).unwrap();
            w.add(&page("new", "1")).unwrap();
            // dropped without commit: an error or crash mid-build
        }
        let store = Store::open(dir.path()).unwrap();
        assert!(store.contains("old"));
        assert!(!store.contains("new"));
        let gens = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("gen-")
            })
            .count();
        assert_eq!(gens, 1, "the abandoned generation is removed");
    }

    #[test]
    fn missing_and_corrupt_indexes_say_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let err = Store::open(dir.path()).err().unwrap().to_string();
        assert!(err.contains("explain index --output"), "{err}");
        std::fs::write(dir.path().join("CURRENT"), "gen-x\n").unwrap();
        let err = Store::open(dir.path()).err().unwrap().to_string();
        assert!(err.contains("cannot read"), "{err}");
    }
}
