//! A cache of decoded pages in front of the store.
//!
//! The store keeps each page as JSON and decodes it on every lookup; bash(1), which every piece
//! of shell syntax cites, is large. A server answers the same names again and again, so decoded
//! pages are kept, shared between requests. Only names that exist are cached (so the cache is
//! bounded by the index, never by what clients send), and at most [`CACHED_NAMES`] of them.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use manpage::Page;
use matcher::PageSource;

/// How many names the cache holds at most; lookups past that go to the store.
pub const CACHED_NAMES: usize = 4096;

/// A [`PageSource`] that remembers what the store returned.
pub struct CachedPages {
    store: store::Store,
    cache: RwLock<HashMap<String, Vec<Arc<Page>>>>,
}

impl CachedPages {
    /// A cache in front of `store`.
    pub fn new(store: store::Store) -> CachedPages {
        CachedPages {
            store,
            cache: RwLock::new(HashMap::new()),
        }
    }

    /// The store behind the cache.
    pub fn store(&self) -> &store::Store {
        &self.store
    }

    /// How many names are cached now.
    pub fn cached_names(&self) -> usize {
        self.cache.read().map(|c| c.len()).unwrap_or(0)
    }
}

impl PageSource for CachedPages {
    fn pages(&self, name: &str) -> Vec<Arc<Page>> {
        if let Ok(cache) = self.cache.read()
            && let Some(pages) = cache.get(name)
        {
            return pages.clone();
        }
        let pages = PageSource::pages(&self.store, name);
        if !pages.is_empty()
            && let Ok(mut cache) = self.cache.write()
            && cache.len() < CACHED_NAMES
        {
            cache.insert(name.to_string(), pages.clone());
        }
        pages
    }

    fn names_with_prefix(&self, prefix: &str, limit: usize) -> Vec<String> {
        self.store.names_with_prefix(prefix, limit)
    }
}
