//! How the matcher sees pages: a small lookup trait, so tests can use fixture pages and the
//! tantivy store is one implementation.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use manpage::Page;
use roff::Text;

/// Finds pages by name.
pub trait PageSource {
    /// Every page with this name, best first.
    fn pages(&self, name: &str) -> Vec<Arc<Page>>;
    /// Page names that start with `prefix`, sorted (for sub-command pages and abbreviations).
    fn names_with_prefix(&self, _prefix: &str, _limit: usize) -> Vec<String> {
        Vec::new()
    }
}

impl PageSource for store::Store {
    fn pages(&self, name: &str) -> Vec<Arc<Page>> {
        store::Store::pages(self, name).unwrap_or_default()
    }
    fn names_with_prefix(&self, prefix: &str, limit: usize) -> Vec<String> {
        store::Store::names_with_prefix(self, prefix, limit)
    }
}

/// Pages held in memory, keyed by every name (for tests and small tools).
#[derive(Default)]
pub struct MemoryPages {
    by_name: HashMap<String, Vec<Arc<Page>>>,
}

impl MemoryPages {
    /// Pages from a list.
    pub fn new(pages: impl IntoIterator<Item = Page>) -> MemoryPages {
        let mut by_name: HashMap<String, Vec<Arc<Page>>> = HashMap::new();
        for page in pages {
            let inner: Vec<Page> = page.inner_pages.clone();
            for p in std::iter::once(page).chain(inner) {
                let p = Arc::new(p);
                for name in &p.names {
                    by_name.entry(name.clone()).or_default().push(p.clone());
                }
            }
        }
        MemoryPages { by_name }
    }
}

impl PageSource for MemoryPages {
    fn pages(&self, name: &str) -> Vec<Arc<Page>> {
        self.by_name.get(name).cloned().unwrap_or_default()
    }
    fn names_with_prefix(&self, prefix: &str, limit: usize) -> Vec<String> {
        let mut names: Vec<String> = self
            .by_name
            .keys()
            .filter(|n| n.starts_with(prefix))
            .cloned()
            .collect();
        names.sort();
        names.truncate(limit);
        names
    }
}

/// A shell-syntax topic: the page it comes from (bash(1)) and its help.
pub type Topic = (Arc<Page>, Arc<Vec<Text>>);

/// Lookups made during one explanation, remembered.
pub struct Lookup<'a> {
    source: &'a dyn PageSource,
    cache: RefCell<HashMap<String, Vec<Arc<Page>>>>,
    prefixes: RefCell<HashMap<String, Vec<String>>>,
    topics: RefCell<HashMap<String, Option<Topic>>>,
}

impl<'a> Lookup<'a> {
    /// A lookup over `source`.
    pub fn new(source: &'a dyn PageSource) -> Self {
        Lookup {
            source,
            cache: RefCell::new(HashMap::new()),
            prefixes: RefCell::new(HashMap::new()),
            topics: RefCell::new(HashMap::new()),
        }
    }

    /// Every page with this name, best first.
    pub fn pages(&self, name: &str) -> Vec<Arc<Page>> {
        if let Some(p) = self.cache.borrow().get(name) {
            return p.clone();
        }
        let pages = self.source.pages(name);
        self.cache
            .borrow_mut()
            .insert(name.to_string(), pages.clone());
        pages
    }

    /// The best page with this name.
    pub fn page(&self, name: &str) -> Option<Arc<Page>> {
        self.pages(name).into_iter().find(|p| p.cited_as.is_none())
    }

    /// The best page with this name in a section (`1` also matches `1ssl`).
    pub fn page_in(&self, name: &str, section: &str) -> Option<Arc<Page>> {
        let pages: Vec<Arc<Page>> = self
            .pages(name)
            .into_iter()
            .filter(|p| p.cited_as.is_none())
            .collect();
        pages
            .iter()
            .find(|p| p.section == section)
            .or_else(|| pages.iter().find(|p| p.section.starts_with(section)))
            .cloned()
    }

    /// The one command of `program`'s page whose names start with `word`, if only one does.
    pub fn inner_page_abbreviated(&self, program: &str, word: &str) -> Option<Arc<Page>> {
        let prefix = format!("{program} {word}");
        let mut found: Option<Arc<Page>> = None;
        for name in self.names_with_prefix(&prefix) {
            let Some(page) = self.inner_page(program, &name[program.len() + 1..]) else {
                continue;
            };
            match &found {
                Some(f) if f.name != page.name => return None,
                _ => found = Some(page),
            }
        }
        found
    }

    /// Page names starting with `prefix`, remembered.
    pub fn names_with_prefix(&self, prefix: &str) -> Vec<String> {
        let key = format!("\0prefix:{prefix}");
        if let Some(p) = self.prefixes.borrow().get(&key) {
            return p.clone();
        }
        let names = self.source.names_with_prefix(prefix, 64);
        self.prefixes.borrow_mut().insert(key, names.clone());
        names
    }

    /// Whether some page is a sub-command page of `name` (`git-commit` for git).
    pub fn has_subcommand_pages(&self, name: &str) -> bool {
        !self.names_with_prefix(&format!("{name}-")).is_empty()
            || !self.names_with_prefix(&format!("{name}_")).is_empty()
    }

    /// The bash(1) builtin with this name.
    pub fn builtin(&self, name: &str) -> Option<Arc<Page>> {
        if name.contains(' ') {
            return None;
        }
        self.pages(name).into_iter().find(|p| p.cited_as.is_some())
    }

    /// A command that `program`'s page documents inside itself, named `program word`.
    pub fn inner_page(&self, program: &str, word: &str) -> Option<Arc<Page>> {
        let name = format!("{program} {word}");
        self.pages(&name)
            .into_iter()
            .find(|p| p.cited_as.is_some() && p.names.contains(&name))
    }

    /// A shell-syntax topic from bash(1), with the page it came from.
    pub fn topic(&self, key: &str) -> Option<Topic> {
        if let Some(found) = self.topics.borrow().get(key) {
            return found.clone();
        }
        let found = self
            .pages("bash")
            .into_iter()
            .find(|p| p.name == "bash")
            .and_then(|bash| {
                let help = bash
                    .shell_topics
                    .iter()
                    .find(|t| t.key == key)?
                    .help
                    .clone();
                Some((bash, Arc::new(help)))
            });
        self.topics
            .borrow_mut()
            .insert(key.to_string(), found.clone());
        found
    }
}
