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
mod prose;
mod shell_topics;
mod subcommands;
mod values;

pub use model::*;
pub use names::name_and_section;

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
    let mut options = extract::options(doc);
    let one_paragraph = md2man::options(doc, &options);
    options.extend(one_paragraph);
    let listed = helptext::options(doc, &options);
    options.extend(listed);
    let operations = operations::options(doc, &options);
    options.extend(operations);
    options.extend(dashless::options(doc));
    let operators = operators::options(doc, &options);
    options.extend(operators);
    // A documented boolean value (`--rm true|false`) may be given; the switch works without it.
    for o in &mut options {
        if let Some(a) = o.argument.as_mut()
            && matches!(
                a.name.replace(' ', "").as_str(),
                "true|false" | "[true|false]"
            )
        {
            a.need = ArgumentNeed::Optional;
        }
    }
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
    let operands = operands::operands(doc, &names, &options, &synopsis);
    let (shell_topics, inner_pages) = if name == "bash" {
        (shell_topics::topics(doc).0, builtins::read(doc, source))
    } else {
        let commands = command_pages::read(doc, &name, &section, &synopsis, source);
        (Vec::new(), commands)
    };
    // The `command` of `criu command [option ...]` is one of the page's own commands, not a
    // program to run.
    let mut operands = operands;
    if name != "bash" && !inner_pages.is_empty() {
        operands.iter_mut().for_each(|op| op.starts_command = false);
    }
    let subcommands = subcommands::read(doc, &synopsis);
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
        subcommands,
        shell_topics,
        inner_pages,
        cited_as: None,
        passes_options,
        abbreviated_commands,
    }
}

/// The bash(1) topic keys that were not found in `doc` (for diagnostics and tests).
pub fn missing_shell_topics(doc: &roff::Document) -> Vec<&'static str> {
    shell_topics::topics(doc).1
}
