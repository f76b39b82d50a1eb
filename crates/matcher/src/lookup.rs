//! Page lookups made during one explanation, remembered, with the first error the page source
//! reported (a damaged index must not pass for "nothing documented").

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use manpage::{
    LookupError, Origin, Page, PageSource, SHELL_PAGE, Topic, best_in_section, is_command_section,
};

use crate::help::HelpEntry;

/// Lookups made during one explanation, remembered.
pub struct Lookup<'a> {
    source: &'a dyn PageSource,
    cache: RefCell<HashMap<String, Vec<Arc<Page>>>>,
    prefixes: RefCell<HashMap<String, Vec<String>>>,
    topics: RefCell<HashMap<Topic, Option<Arc<HelpEntry>>>>,
    error: RefCell<Option<LookupError>>,
}

impl<'a> Lookup<'a> {
    /// A lookup over `source`.
    pub fn new(source: &'a dyn PageSource) -> Self {
        Lookup {
            source,
            cache: RefCell::default(),
            prefixes: RefCell::default(),
            topics: RefCell::default(),
            error: RefCell::default(),
        }
    }

    /// The first error the source reported, if any.
    pub fn take_error(&self) -> Option<LookupError> {
        self.error.borrow_mut().take()
    }

    fn record<T: Default>(&self, result: Result<T, LookupError>) -> T {
        result.unwrap_or_else(|e| {
            self.error.borrow_mut().get_or_insert(e);
            T::default()
        })
    }

    /// Every page with this name, best first.
    pub fn pages(&self, name: &str) -> Vec<Arc<Page>> {
        if let Some(p) = self.cache.borrow().get(name) {
            return p.clone();
        }
        let pages = self.record(self.source.pages(name));
        self.cache
            .borrow_mut()
            .insert(name.to_string(), pages.clone());
        pages
    }

    /// The best page of its own with this name.
    pub fn page(&self, name: &str) -> Option<Arc<Page>> {
        self.pages(name)
            .into_iter()
            .find(|p| !p.origin.is_inside_another())
    }

    /// The best page of a command with this name: of its own, in a section of commands (1, 6,
    /// 8 and theirs: `1ssl`, `8p`). abort(3) and xattr(7) never explain a command word.
    pub fn command_page(&self, name: &str) -> Option<Arc<Page>> {
        self.pages(name)
            .into_iter()
            .find(|p| !p.origin.is_inside_another() && is_command_section(&p.section))
    }

    /// The best page of its own with this name in a section (`1` also matches `1ssl`).
    pub fn page_in(&self, name: &str, section: &str) -> Option<Arc<Page>> {
        let own: Vec<Arc<Page>> = self
            .pages(name)
            .into_iter()
            .filter(|p| !p.origin.is_inside_another())
            .collect();
        best_in_section(&own, section).cloned()
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
        if let Some(p) = self.prefixes.borrow().get(prefix) {
            return p.clone();
        }
        let names = self.record(self.source.names_with_prefix(prefix, 64));
        self.prefixes
            .borrow_mut()
            .insert(prefix.to_string(), names.clone());
        names
    }

    /// The shell builtin with this name.
    pub fn builtin(&self, name: &str) -> Option<Arc<Page>> {
        self.pages(name)
            .into_iter()
            .find(|p| matches!(p.origin, Origin::ShellBuiltin { .. }))
    }

    /// A command that `program`'s page documents inside itself, named `program word`.
    pub fn inner_page(&self, program: &str, word: &str) -> Option<Arc<Page>> {
        let name = format!("{program} {word}");
        self.pages(&name)
            .into_iter()
            .find(|p| matches!(p.origin, Origin::InPage { .. }) && p.names.contains(&name))
    }

    /// The shell page's paragraphs on a piece of syntax.
    pub(crate) fn topic(&self, topic: Topic) -> Option<Arc<HelpEntry>> {
        if let Some(found) = self.topics.borrow().get(&topic) {
            return found.clone();
        }
        let found = self
            .pages(SHELL_PAGE)
            .into_iter()
            .find(|p| p.name == SHELL_PAGE)
            .and_then(|shell| {
                let help = shell
                    .shell_topics
                    .iter()
                    .find(|t| t.key == topic)?
                    .help
                    .clone();
                Some(Arc::new(HelpEntry::topic(topic, &shell, Arc::new(help))))
            });
        self.topics.borrow_mut().insert(topic, found.clone());
        found
    }
}
