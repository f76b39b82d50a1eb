//! Where readers of pages find them: the [`PageSource`] trait, which the index implements
//! elsewhere (the `store` crate) and [`MemoryPages`] implements here for tests and small tools.
//! Nothing here knows how or where pages are kept.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::Page;

/// Why pages could not be looked up: the index behind a [`PageSource`] is damaged or cannot
/// be read. The message says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupError {
    message: String,
}

impl LookupError {
    /// An error with a message that says what is wrong and what to do.
    pub fn new(message: impl Into<String>) -> LookupError {
        LookupError {
            message: message.into(),
        }
    }
}

impl std::fmt::Display for LookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LookupError {}

/// Finds pages by name.
pub trait PageSource {
    /// Every page with this name (own name or alias), best first: pages whose own name it is
    /// before aliases, pages of their own before commands documented inside another page, then
    /// sections 1, 8, 6 and the others.
    fn pages(&self, name: &str) -> Result<Vec<Arc<Page>>, LookupError>;

    /// Page names that start with `prefix`, sorted, at most `limit` (sub-command pages such as
    /// `git-commit`, and abbreviations).
    fn names_with_prefix(&self, _prefix: &str, _limit: usize) -> Result<Vec<String>, LookupError> {
        Ok(Vec::new())
    }
}

/// How pages of one name are ordered, best first (see [`PageSource::pages`]).
pub fn rank_pages(pages: &mut [Arc<Page>], name: &str) {
    pages.sort_by_key(|p| {
        (
            p.origin.is_inside_another(),
            p.name != name,
            section_rank(&p.section),
            p.section.clone(),
            p.source.clone(),
        )
    });
}

/// Whether pages of `section` document commands: 1 (user commands), 6 (games), 8 (system
/// administration), with their suffixes (`1ssl`, `1p`, `8p`). These rank first in
/// [`rank_pages`], and only these explain a command word.
pub fn is_command_section(section: &str) -> bool {
    section.starts_with(['1', '6', '8'])
}

fn section_rank(section: &str) -> u8 {
    match section.chars().next() {
        Some('1') => 0,
        Some('8') => 1,
        Some('6') => 2,
        _ => 3,
    }
}

/// The best of `pages` in `section`: that very section, else one it starts (`1` also finds
/// `1ssl`).
pub fn best_in_section<'p>(pages: &'p [Arc<Page>], section: &str) -> Option<&'p Arc<Page>> {
    pages
        .iter()
        .find(|p| p.section == section)
        .or_else(|| pages.iter().find(|p| p.section.starts_with(section)))
}

/// Pages held in memory, keyed by every name, with the pages of the commands they document.
#[derive(Default)]
pub struct MemoryPages {
    by_name: HashMap<String, Vec<Arc<Page>>>,
}

impl MemoryPages {
    /// Pages from a list.
    pub fn new(pages: impl IntoIterator<Item = Page>) -> MemoryPages {
        let mut by_name: HashMap<String, Vec<Arc<Page>>> = HashMap::new();
        for page in pages {
            let inner: Vec<Page> = page.command_pages().cloned().collect();
            for p in std::iter::once(page).chain(inner) {
                let p = Arc::new(p);
                for name in &p.names {
                    by_name.entry(name.clone()).or_default().push(p.clone());
                }
            }
        }
        for (name, pages) in by_name.iter_mut() {
            rank_pages(pages, name);
        }
        MemoryPages { by_name }
    }
}

impl PageSource for MemoryPages {
    fn pages(&self, name: &str) -> Result<Vec<Arc<Page>>, LookupError> {
        Ok(self.by_name.get(name).cloned().unwrap_or_default())
    }

    fn names_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>, LookupError> {
        let mut names: Vec<String> = self
            .by_name
            .keys()
            .filter(|n| n.starts_with(prefix))
            .cloned()
            .collect();
        names.sort();
        names.truncate(limit);
        Ok(names)
    }
}
