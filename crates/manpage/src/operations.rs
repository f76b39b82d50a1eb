//! Pages that give each operation a section of its own, the way Nix's do:
//!
//! ```text
//! .SH Operation --install
//! .SS Synopsis
//! nix-env {--install | -i} args… [{--prebuilt-only | -b}] ...
//! .SS Description
//! The install operation creates a new user environment ...
//! ```
//!
//! The operation is an option: its spellings are the title's flag and the alternatives braced
//! with it in the synopsis; its help is the Description.

use roff::{Block, Document, Font, Text};

use crate::extract::body_help;
use crate::head::parse_head;
use crate::model::{Flag, OptionDef};

/// The operations defined by `Operation --x` sections, other than options in `existing`.
pub fn options(doc: &Document, existing: &[OptionDef]) -> Vec<OptionDef> {
    let mut out = Vec::new();
    for section in &doc.sections {
        let Some(rest) = section.title.strip_prefix("Operation ") else {
            continue;
        };
        let Some(parsed) = parse_head(&Text::from_run(rest.trim(), Font::Bold)) else {
            continue;
        };
        let [flag] = parsed.flags.as_slice() else {
            continue;
        };
        if existing
            .iter()
            .any(|o| o.flags.iter().any(|f| f.text == flag.text))
        {
            continue;
        }
        let sub = |name: &str| {
            section.blocks.iter().find_map(|b| match b {
                Block::Subsection(s) if s.title.eq_ignore_ascii_case(name) => Some(&s.blocks),
                _ => None,
            })
        };
        let mut flags = vec![flag.clone()];
        let mut head = Text::from_run(&flag.text, Font::Bold);
        if let Some(synopsis) = sub("Synopsis")
            && let Some(group) = braced_with(&body_help(synopsis), &flag.text)
        {
            for alt in group.split('|').map(str::trim) {
                if alt.starts_with('-') && !flags.iter().any(|f| f.text == alt) {
                    flags.push(Flag::new(alt));
                }
            }
            head = Text::from_run(group, Font::Bold);
        }
        let help = match sub("Description") {
            Some(blocks) => body_help(blocks),
            None => body_help(&section.blocks),
        };
        if help.is_empty() {
            continue;
        }
        out.push(OptionDef {
            flags,
            argument: None,
            head,
            help,
            section: section.title.clone(),
            line: section.line,
            values: Vec::new(),
        });
    }
    out
}

/// The inside of the `{...}` group in `texts` that holds `flag` among `|` alternatives.
fn braced_with(texts: &[Text], flag: &str) -> Option<String> {
    texts.iter().find_map(|t| {
        let plain = t.plain();
        plain.match_indices('{').find_map(|(open, _)| {
            let close = open + plain[open..].find('}')?;
            let inside = &plain[open + 1..close];
            inside
                .split('|')
                .any(|alt| alt.trim() == flag)
                .then(|| inside.trim().to_string())
        })
    })
}
