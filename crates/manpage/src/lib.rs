//! What a manual page defines, read from its [`roff::Document`]: the names and section, the NAME
//! line, every option with all its spellings, its argument and its whole description, the
//! positional operands, and, for bash(1), the paragraphs that document each piece of shell
//! syntax. Reading is deterministic: definitions are recognised by their shape in the tree,
//! whatever tool generated the page, and a head that is not clearly an option is left out.

mod builtins;
mod command_pages;
mod dashless;
mod extract;
pub mod head;
mod helptext;
mod md2man;
pub mod model;
mod names;
mod operands;
mod operations;
mod operators;
mod passthrough;
mod phrases;
mod prose;
mod sections;
mod settings;
mod shapes;
mod shell_topics;
mod source;
mod subcommands;
mod topic;
mod values;

pub use model::*;
pub use names::name_and_section;
pub use roff::{Font, Run, Text};
pub use source::{
    LookupError, MemoryPages, PageSource, best_in_section, is_command_section, rank_pages,
};
pub use topic::Topic;

/// The shell whose syntax command lines are read in: its page (section 1) holds the paragraphs
/// on shell syntax and the builtins. The indexer reads them with [`read_shell`]; the matcher
/// looks topics up in the page of this name. Configuration, not a rule: nothing else in the
/// page model looks at a program's name.
pub const SHELL_PAGE: &str = "bash";

/// A pass that finds options of one shape: it reads the page and the options found by the
/// passes before it (to leave alone what they took), and returns the new ones.
type OptionFinder = fn(&roff::Document, &[OptionDef]) -> Vec<OptionDef>;

/// The passes that find options, in order; each sees what the ones before it found, so an
/// earlier shape wins where two would read the same text. Options named only in prose and the
/// synopsis come after these, in [`PASSES`], since they need the synopsis and the descriptions.
const OPTION_FINDERS: &[(&str, OptionFinder)] = &[
    // Definition items, paragraphs with an indented body, tables, ronn bullets (`extract.rs`).
    ("definitions", |doc, _| extract::options(doc)),
    // go-md2man's one-paragraph definitions and run-in heads (dot's `-Tlang sets ...`).
    ("one-paragraph definitions", md2man::options),
    // `--help` output pasted as preformatted text (certbot).
    ("pasted help output", helptext::options),
    // Nix's `Operation --install` sections.
    ("operations", operations::options),
    // ps's BSD letters, given without a dash.
    ("letters without a dash", |doc, _| dashless::options(doc)),
    // Infix operators of expression languages (find's `-or`, test's `-nt`).
    ("operators", operators::options),
];

/// A documented boolean value (`--rm true|false`) may be given; the switch works without it.
fn boolean_values_are_optional(options: &mut [OptionDef]) {
    for o in options {
        if let Some(a) = o.argument.as_mut()
            && matches!(
                a.name.replace(' ', "").as_str(),
                "true|false" | "[true|false]"
            )
        {
            a.need = ArgumentNeed::Optional;
        }
    }
}

/// A page being read: the page so far, and what the passes of [`read`] share besides it.
struct Reading<'d> {
    doc: &'d roff::Document,
    page: Page,
    /// The paragraphs of DESCRIPTION and OPTIONS, where options and values are named in prose.
    described: Vec<roff::Text>,
}

/// A step of [`read`]: it reads the document and what the steps before it put in the page.
type Pass = fn(&mut Reading);

/// The passes of [`read`], in order. The order is the contract: each comment says what a pass
/// reads that an earlier one made.
const PASSES: &[(&str, Pass)] = &[
    // Options by their shape in the tree.
    ("options", |r| {
        for (_, finder) in OPTION_FINDERS {
            let found = finder(r.doc, &r.page.options);
            r.page.options.extend(found);
        }
    }),
    // Reads the options.
    ("boolean values are optional", |r| {
        boolean_values_are_optional(&mut r.page.options)
    }),
    ("synopsis", |r| r.page.synopsis = operands::synopsis(r.doc)),
    ("described", |r| {
        r.described = ["DESCRIPTION", "OPTIONS"]
            .iter()
            .filter_map(|t| r.doc.section(t))
            .flat_map(|s| extract::body_help(&s.blocks))
            .collect()
    }),
    // The synopsis's `--[no-]x` forms, onto the options.
    ("negations", |r| {
        prose::negations(&r.page.synopsis, &mut r.page.options)
    }),
    // Synopsis and described; the names.
    ("options passed on", |r| {
        r.page.passes_options = passthrough::read(&r.page.synopsis, &r.described, &r.page.names)
    }),
    // Options named only in the synopsis and prose, other than those found. A wrapper's
    // synopsis shows the options it hands on (`xzgrep [grep_options] [-e] pattern`): those are
    // the other program's, so after the pass above the synopsis alone defines none of them.
    ("options in prose", |r| {
        let synopsis_alone = r.page.passes_options.is_empty();
        let found = prose::options(
            &r.page.synopsis,
            &r.described,
            &r.page.options,
            "DESCRIPTION",
            synopsis_alone,
            &r.page.names,
        );
        r.page.options.extend(found);
    }),
    // Every option found so far, `-o option_name` of the synopsis among them.
    ("switches named for -o", |r| {
        switch_names_are_no_arguments(&mut r.page.options)
    }),
    // Every option found so far.
    ("synonyms", |r| {
        prose::synonyms(&r.described, &mut r.page.options)
    }),
    ("values in argument paragraphs", |r| {
        values::from_argument_paragraphs(&r.described, &mut r.page.options)
    }),
    ("values in referenced sections", |r| {
        values::from_referenced_sections(r.doc, &mut r.page.options)
    }),
    // The options (a word that is an option's value is no operand) and the synopsis.
    ("operands", |r| {
        r.page.operands =
            operands::operands(r.doc, &r.page.names, &r.page.options, &r.page.synopsis)
    }),
    // The operands: the `command` of `criu command [option ...]` is one of the page's own
    // commands, not a program to run.
    ("commands with pages", |r| {
        let p = &r.page;
        let pages = command_pages::read(r.doc, &p.name, &p.section, &p.synopsis, &p.source);
        if !pages.is_empty() {
            r.page
                .operands
                .iter_mut()
                .for_each(|op| op.starts_command = false);
        }
        let prefix = format!("{} ", r.page.name);
        r.page.commands = pages
            .into_iter()
            .map(|page| command_of_page(page, &prefix))
            .collect();
    }),
    ("commands as items", |r| {
        let found = subcommands::read(r.doc, &r.page.synopsis);
        r.page.commands.extend(found);
    }),
    ("abbreviated commands", |r| {
        r.page.abbreviated_commands = subcommands::may_be_abbreviated(r.doc)
    }),
    ("settings", |r| r.page.settings = settings::read(r.doc)),
    ("abbreviated keywords", |r| {
        r.page.abbreviated_keywords = subcommands::keywords_may_be_abbreviated(r.doc)
    }),
];

/// dash's `-e errexit`, `-x xtrace`: where `-o option_name` sets an option by name, a letter
/// shown with a lowercase word is that option's name for `-o`, not an argument (`sh -x
/// install.sh` runs install.sh with tracing). Only when four or more letters are shown so.
fn switch_names_are_no_arguments(options: &mut [OptionDef]) {
    let sets_by_name = options.iter().any(|o| {
        o.flags.iter().any(|f| f.text == "-o")
            && o.argument
                .as_ref()
                .is_some_and(|a| a.name.contains("option") && a.name.contains("name"))
    });
    if !sets_by_name {
        return;
    }
    let named = |o: &OptionDef| {
        o.flags.iter().all(|f| f.text.len() == 2)
            && o.argument
                .as_ref()
                .is_some_and(|a| a.name.len() > 2 && a.name.chars().all(|c| c.is_ascii_lowercase()))
    };
    if options.iter().filter(|o| named(o)).count() < 4 {
        return;
    }
    for o in options.iter_mut().filter(|o| named(o)) {
        o.argument = None;
    }
}

/// Reads the page model from a parsed document. `source` is the page file's path relative to
/// the root of its manual tree (`man1/tar.1.gz`); the name and section come from it.
pub fn read(doc: &roff::Document, source: &str) -> Page {
    let (name, section) = names::name_and_section(source).unwrap_or_else(|| {
        (
            doc.title.clone().unwrap_or_default().to_ascii_lowercase(),
            doc.section.clone().unwrap_or_default(),
        )
    });
    let (name_line, mut names, description) = names::name_section(doc);
    names.retain(|n| n != &name);
    names.insert(0, name.clone());
    let page = Page {
        name,
        section,
        names,
        name_line,
        description,
        source: source.to_string(),
        synopsis: Vec::new(),
        options: Vec::new(),
        operands: Vec::new(),
        shell_topics: Vec::new(),
        commands: Vec::new(),
        origin: Origin::ManPage,
        passes_options: Vec::new(),
        abbreviated_commands: false,
        abbreviated_keywords: false,
        settings: Vec::new(),
    };
    let mut reading = Reading {
        doc,
        page,
        described: Vec::new(),
    };
    for (_, pass) in PASSES {
        pass(&mut reading);
    }
    reading.page
}

/// A command documented with a page of its own, run by the words after `prefix` in its page's
/// names (`tmux new-session` → `new-session`).
fn command_of_page(page: Page, prefix: &str) -> Command {
    let names = page
        .names
        .iter()
        .map(|n| n.strip_prefix(prefix).unwrap_or(n).to_string())
        .collect();
    Command {
        names,
        doc: CommandDoc::Page {
            page: Some(Box::new(page)),
        },
    }
}

/// Reads what only the shell's page has, into the page read from it: the paragraphs for each
/// piece of shell syntax, and the builtins as commands with pages of their own (named as the
/// shell runs them: `cd`). The indexer calls this for the page of the shell whose syntax is
/// explained (bash(1)); [`read`] never guesses which page that is.
pub fn read_shell(doc: &roff::Document, page: &mut Page) {
    page.shell_topics = shell_topics::topics(doc).0;
    let citation = page.citation();
    let builtins = builtins::read(doc, &page.source, &citation);
    page.commands.retain(|c| c.page().is_none());
    page.commands
        .splice(0..0, builtins.into_iter().map(|b| command_of_page(b, "")));
}

/// The shell topics that were not found in `doc` (for diagnostics and tests).
pub fn missing_shell_topics(doc: &roff::Document) -> Vec<Topic> {
    shell_topics::topics(doc).1
}
