//! Which help a span gets, said by what it documents (a [`HelpKey`]), never by where it sits in
//! memory: spans with the same key share one [`Help`] and so one box on every surface.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use manpage::{Font, OptionDef, Page, Text, Topic};

use crate::explanation::{Help, HelpId, HelpKind};
use crate::option_lookup::value_help;

/// A page, as help keys name it: a builtin or a command documented inside another page shares
/// its file with others, so its name counts too.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PageKey {
    name: String,
    section: String,
    source: String,
}

impl PageKey {
    /// Whether this is the key of `page` (without building one).
    pub(crate) fn is(&self, page: &Page) -> bool {
        self.name == page.name && self.section == page.section && self.source == page.source
    }

    fn of(page: &Page) -> PageKey {
        PageKey {
            name: page.name.clone(),
            section: page.section.clone(),
            source: page.source.clone(),
        }
    }
}

/// What one help documents.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum HelpKey {
    /// A program word: the NAME line (and a builtin's first paragraph).
    Program(PageKey),
    /// A sub-command word with a page of its own: its NAME line.
    Name(PageKey),
    /// The option at this index of the page.
    Option(PageKey, usize),
    /// The value at `.2` of the option at `.1`.
    Value(PageKey, usize, usize),
    /// The operand at this index.
    Operand(PageKey, usize),
    /// The setting at this index of the page's settings (git-config(1)'s `core.editor`).
    Setting(PageKey, usize),
    /// The command item at this index of the page's commands.
    CommandItem(PageKey, usize),
    /// The shell's paragraph on a piece of syntax.
    Topic(Topic),
}

/// A help before it is numbered.
#[derive(Debug)]
pub(crate) struct HelpEntry {
    pub key: HelpKey,
    pub kind: HelpKind,
    pub page: String,
    pub head: Option<Text>,
    pub body: Arc<Vec<Text>>,
}

impl HelpEntry {
    /// The shell's paragraph on `topic`, from the shell's page.
    pub(crate) fn topic(topic: Topic, page: &Page, body: Arc<Vec<Text>>) -> HelpEntry {
        HelpEntry {
            key: HelpKey::Topic(topic),
            kind: HelpKind::Syntax,
            page: page.citation(),
            head: None,
            body,
        }
    }

    /// A help with nothing in it, for unit tests of what happens to spans.
    #[cfg(test)]
    pub(crate) fn for_tests() -> HelpEntry {
        HelpEntry {
            key: HelpKey::Topic(Topic::Comment),
            kind: HelpKind::Syntax,
            page: "test(1)".into(),
            head: None,
            body: Arc::new(Vec::new()),
        }
    }
}

/// The helps built during one explanation, one per key.
#[derive(Default)]
pub(crate) struct Helps {
    cache: RefCell<HashMap<HelpKey, Arc<HelpEntry>>>,
}

type Parts = (HelpKind, Option<Text>, Vec<Text>);

impl Helps {
    fn get(&self, page: &Page, key: HelpKey, build: impl FnOnce() -> Parts) -> Arc<HelpEntry> {
        if let Some(found) = self.cache.borrow().get(&key) {
            return found.clone();
        }
        let (kind, head, body) = build();
        let entry = Arc::new(HelpEntry {
            key: key.clone(),
            kind,
            page: page.citation(),
            head,
            body: Arc::new(body),
        });
        self.cache.borrow_mut().insert(key, entry.clone());
        entry
    }

    /// A program word's help: the NAME line, and for a command documented inside another page
    /// (a builtin) its first paragraph.
    pub(crate) fn program(&self, page: &Page) -> Arc<HelpEntry> {
        self.get(page, HelpKey::Program(PageKey::of(page)), || {
            let mut body = vec![page.name_line.clone()];
            if page.origin.is_inside_another() && !page.description.is_empty() {
                body.push(Text::from_run(page.description.clone(), Font::Roman));
            }
            (HelpKind::Program, None, body)
        })
    }

    /// A sub-command's help: its page's NAME line.
    pub(crate) fn name(&self, page: &Page) -> Arc<HelpEntry> {
        self.get(page, HelpKey::Name(PageKey::of(page)), || {
            (HelpKind::Command, None, vec![page.name_line.clone()])
        })
    }

    /// An option's definition: its head and description.
    pub(crate) fn option(&self, page: &Page, opt: &OptionDef) -> Arc<HelpEntry> {
        let index = page
            .options
            .iter()
            .position(|o| std::ptr::eq(o, opt))
            .expect("the option is one of the page's");
        self.get(page, HelpKey::Option(PageKey::of(page), index), || {
            (HelpKind::Option, Some(opt.head.clone()), opt.help.clone())
        })
    }

    /// The help of a value `opt` documents, if `value` is one.
    pub(crate) fn value(
        &self,
        page: &Page,
        opt: &OptionDef,
        value: &str,
    ) -> Option<Arc<HelpEntry>> {
        let (at, body) = value_help(opt, value)?;
        let index = page.options.iter().position(|o| std::ptr::eq(o, opt))?;
        Some(
            self.get(page, HelpKey::Value(PageKey::of(page), index, at), || {
                (HelpKind::Value, Some(opt.head.clone()), body)
            }),
        )
    }

    /// A setting's item, as a value of the option that sets it (`git -c core.editor=vim`).
    pub(crate) fn setting(&self, page: &Page, index: usize) -> Arc<HelpEntry> {
        let s = &page.settings[index];
        self.get(page, HelpKey::Setting(PageKey::of(page), index), || {
            (HelpKind::Value, Some(s.head.clone()), s.help.clone())
        })
    }

    /// An operand's documentation.
    pub(crate) fn operand(&self, page: &Page, op: &manpage::Operand) -> Arc<HelpEntry> {
        let index = page
            .operands
            .iter()
            .position(|o| std::ptr::eq(o, op))
            .expect("the operand is one of the page's");
        self.get(page, HelpKey::Operand(PageKey::of(page), index), || {
            (HelpKind::Operand, None, op.help.clone())
        })
    }

    /// The item of the page's command at `index`.
    pub(crate) fn command_item(
        &self,
        page: &Page,
        index: usize,
        head: &Text,
        body: &[Text],
    ) -> Arc<HelpEntry> {
        self.get(page, HelpKey::CommandItem(PageKey::of(page), index), || {
            (HelpKind::Command, Some(head.clone()), body.to_vec())
        })
    }
}

/// Numbers the helps in order of first use by `spans` (`help_of[i]` is span `i`'s), returning
/// each span's id and the table.
pub(crate) fn number(help_of: &[Option<Arc<HelpEntry>>]) -> (Vec<Option<HelpId>>, Vec<Help>) {
    let mut ids: HashMap<&HelpKey, HelpId> = HashMap::new();
    let mut table: Vec<Help> = Vec::new();
    let of_span = help_of
        .iter()
        .map(|entry| {
            let entry = entry.as_ref()?;
            Some(*ids.entry(&entry.key).or_insert_with(|| {
                let id = HelpId(table.len() as u32 + 1);
                table.push(Help {
                    id,
                    kind: entry.kind,
                    page: entry.page.clone(),
                    head: entry.head.clone(),
                    body: entry.body.clone(),
                });
                id
            }))
        })
        .collect();
    (of_span, table)
}
