//! Configuration settings a page documents as a list of items: git-config(1)'s `core.editor`,
//! `branch.<name>.remote`; ssh_config(5)'s `StrictHostKeyChecking`. The options that set them
//! (`git -c core.editor=vim`, `ssh -o StrictHostKeyChecking=no`) are explained by these items.

use roff::{Block, Document};

use crate::extract::body_help;
use crate::model::Setting;

/// How many setting items in a row make a list of settings (a lone `Foo.bar` head is not one).
const MIN_RUN: usize = 5;

/// The settings the page documents.
pub fn read(doc: &Document) -> Vec<Setting> {
    let mut out = Vec::new();
    for s in &doc.sections {
        walk(&s.blocks, &mut out);
    }
    out
}

fn walk(blocks: &[Block], out: &mut Vec<Setting>) {
    // A setting is an item, or (DocBook's `.PP` head, `.RS` body) a paragraph and the indented
    // block after it.
    let mut found: Vec<(usize, Setting)> = Vec::new();
    let mut lists = 0;
    for (i, b) in blocks.iter().enumerate() {
        let entry = match (b, blocks.get(i + 1)) {
            (Block::Item { head, body, .. }, _) => Some((head, body.as_slice())),
            (Block::Paragraph { text, .. }, Some(Block::Indented { blocks: body, .. })) => {
                Some((text, body.as_slice()))
            }
            _ => None,
        };
        let Some((head, body)) = entry else { continue };
        lists += 1;
        // `user.name, user.email, author.name, ...`: several names share one item.
        let plain = head.plain();
        let names: Option<Vec<String>> = plain.split(", ").map(setting_name).collect();
        for name in names.into_iter().flatten() {
            let help = body_help(body);
            found.push((
                i,
                Setting {
                    name,
                    head: head.clone(),
                    help,
                },
            ));
        }
    }
    // Most of the list's entries are settings (ssh_config(5) also has `Match` and `Host`).
    let entries = {
        let mut at: Vec<usize> = found.iter().map(|(i, _)| *i).collect();
        at.dedup();
        at.len()
    };
    let is_list = entries >= MIN_RUN && entries * 2 >= lists;
    let taken: Vec<usize> = if is_list {
        found.iter().map(|(i, _)| *i).collect()
    } else {
        Vec::new()
    };
    if is_list {
        out.extend(found.into_iter().map(|(_, s)| s));
    }
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Item { body, .. } if !taken.contains(&i) => walk(body, out),
            Block::Indented { blocks, .. } if !taken.contains(&i.wrapping_sub(1)) => {
                walk(blocks, out)
            }
            Block::Subsection(s) => walk(&s.blocks, out),
            _ => {}
        }
    }
}

/// A setting's name, when the head is one: a dotted key (`core.editor`, `branch.<name>.remote`)
/// or one CamelCase keyword (`StrictHostKeyChecking`).
fn setting_name(name: &str) -> Option<String> {
    let name = name.trim();
    let dotted = name.contains('.')
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('.')
        && name
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(is_key_char));
    let camel = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.len() > 3
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name.chars().skip(1).any(|c| c.is_ascii_lowercase())
        && name.chars().skip(1).any(|c| c.is_ascii_uppercase());
    (dotted || camel).then(|| name.to_string())
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '<' | '>' | '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(source: &str) -> Vec<String> {
        let doc = roff::parse(source, None);
        read(&doc).into_iter().map(|s| s.name).collect()
    }

    #[test]
    fn a_list_of_dotted_keys() {
        let mut src = String::from(".TH T 1\n.SH VARIABLES\n");
        for k in [
            "core.editor",
            "core.pager",
            "branch.<name>.remote",
            "color.ui",
            "user.name",
        ] {
            src.push_str(&format!(".TP\n{k}\nWhat {k} does.\n"));
        }
        assert_eq!(
            names(&src),
            [
                "core.editor",
                "core.pager",
                "branch.<name>.remote",
                "color.ui",
                "user.name"
            ]
        );
    }

    #[test]
    fn a_list_of_keywords() {
        let mut src = String::from(".TH T 5\n.SH DESCRIPTION\n");
        for k in [
            "AddressFamily",
            "BatchMode",
            "BindAddress",
            "CheckHostIP",
            "StrictHostKeyChecking",
            "Host",
        ] {
            src.push_str(&format!(".TP\n{k}\nWhat {k} does.\n"));
        }
        assert_eq!(
            names(&src),
            [
                "AddressFamily",
                "BatchMode",
                "BindAddress",
                "CheckHostIP",
                "StrictHostKeyChecking"
            ]
        );
    }

    #[test]
    fn options_and_a_few_dotted_heads_are_no_settings() {
        let src = ".TH T 1\n.SH OPTIONS\n.TP\n\\-a\nAll.\n.TP\nfoo.conf\nA file.\n.TP\n\\-b\nB.\n";
        assert!(names(src).is_empty());
    }
}
