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
mod shapes;
mod shell_topics;
mod source;
mod subcommands;
mod topic;
mod values;

pub use model::*;
pub use names::name_and_section;
pub use roff::{Font, Run, Text};
pub use source::{LookupError, MemoryPages, PageSource, best_in_section, rank_pages};
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
/// synopsis come after these, in [`read`], since they need the synopsis and the descriptions.
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
    let mut options = Vec::new();
    for (_, finder) in OPTION_FINDERS {
        let found = finder(doc, &options);
        options.extend(found);
    }
    boolean_values_are_optional(&mut options);
    let synopsis = operands::synopsis(doc);
    let described: Vec<roff::Text> = ["DESCRIPTION", "OPTIONS"]
        .iter()
        .filter_map(|t| doc.section(t))
        .flat_map(|s| extract::body_help(&s.blocks))
        .collect();
    prose::negations(&synopsis, &mut options);
    let passes_options = passthrough::read(&synopsis, &described, &names);
    // A wrapper's synopsis shows the options it hands on (`xzgrep [grep_options] [-e] pattern`):
    // those are the other program's, so the synopsis alone defines none of them here.
    let synopsis_alone = passes_options.is_empty();
    let prose = prose::options(
        &synopsis,
        &described,
        &options,
        "DESCRIPTION",
        synopsis_alone,
        &names,
    );
    options.extend(prose);
    prose::synonyms(&described, &mut options);
    values::from_argument_paragraphs(&described, &mut options);
    values::from_referenced_sections(doc, &mut options);
    let mut operands = operands::operands(doc, &names, &options, &synopsis);
    let command_pages = command_pages::read(doc, &name, &section, &synopsis, source);
    // The `command` of `criu command [option ...]` is one of the page's own commands, not a
    // program to run.
    if !command_pages.is_empty() {
        operands.iter_mut().for_each(|op| op.starts_command = false);
    }
    let prefix = format!("{name} ");
    let mut commands: Vec<Command> = command_pages
        .into_iter()
        .map(|page| command_of_page(page, &prefix))
        .collect();
    commands.extend(subcommands::read(doc, &synopsis));
    let abbreviated_commands = subcommands::may_be_abbreviated(doc);
    Page {
        name,
        section,
        names,
        name_line,
        description,
        source: source.to_string(),
        synopsis,
        options,
        operands,
        shell_topics: Vec::new(),
        commands,
        origin: Origin::ManPage,
        passes_options,
        abbreviated_commands,
    }
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
