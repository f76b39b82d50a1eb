//! Keyword values tied to their option: the list in an option's description that names what
//! its argument may be (tar's `--warning=KEYWORD`: `all`, `none`, `alone-zero-block`, ...;
//! ssh's `-o option`: `AddKeysToAgent`, `AddressFamily`, ...). A value is a list item or a
//! table row of the description whose head is one keyword, nothing else: prose never is.

use roff::{Block, Text};

use crate::extract::body_help;
use crate::model::ValueDef;

/// The keyword values listed in an option's description `body`.
pub fn values(body: &[Block]) -> Vec<ValueDef> {
    let mut out = Vec::new();
    collect(body, &mut out);
    out
}

/// Collects the values of one level of `blocks`. A list is a value list only when every
/// item of it names keywords: one head that is a phrase or a form (`IP address`, `=content`)
/// shows the list describes something else.
fn collect(blocks: &[Block], out: &mut Vec<ValueDef>) {
    let mut level: Vec<ValueDef> = Vec::new();
    let mut rejected = false;
    for b in blocks {
        match b {
            Block::Item { head, body, .. } => {
                let names = keywords(head);
                if names.is_empty() {
                    rejected = true;
                }
                for name in names {
                    level.push(ValueDef {
                        name,
                        help: body_help(body),
                    });
                }
            }
            Block::Indented { blocks, .. } => collect(blocks, out),
            Block::Table { rows, .. } => {
                for (r, row) in rows.iter().enumerate() {
                    let Some(first) = row.first() else { continue };
                    // A header row (`LETTER  NAME  ENABLED ...`, `Alias  URI`) names columns,
                    // not values.
                    let header = row.len() > 1
                        && row.iter().all(|c| {
                            let p = c.plain();
                            let caps =
                                !p.is_empty() && !p.chars().any(|ch| ch.is_ascii_lowercase());
                            let title = r == 0
                                && !p.contains(' ')
                                && p.chars().next().is_some_and(|ch| ch.is_ascii_uppercase());
                            caps || title
                        });
                    if header {
                        continue;
                    }
                    let help: Vec<Text> =
                        row[1..].iter().filter(|c| !c.is_blank()).cloned().collect();
                    if help.is_empty() {
                        continue;
                    }
                    for name in keywords(first) {
                        level.push(ValueDef {
                            name,
                            help: help.clone(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    if rejected {
        return;
    }
    for v in level {
        if !out.iter().any(|o| o.name == v.name) {
            out.push(v);
        }
    }
}

/// The keywords a head names: one word (`all`, `no-file-changed`, `AddKeysToAgent`,
/// `size=N` → `size`), or several separated by `,` or `|` (`ro, rw`). Empty when the head
/// holds anything else: a flag, a sentence, a quoted message.
fn keywords(head: &Text) -> Vec<String> {
    let plain = head.plain();
    let mut out = Vec::new();
    for part in plain.split([',', '|']) {
        let word = part.trim();
        // `size=N`, `mode[=N]`: the keyword is before the argument.
        let name = word.split(['=', '[']).next().unwrap_or("");
        let rest_ok = word[name.len()..].chars().all(|c| !c.is_whitespace());
        // A keyword has a letter in it, or is a version (`1.2`); `0-499` is an example.
        let wordlike = name.chars().any(|c| c.is_ascii_alphabetic())
            || name.chars().all(|c| c.is_ascii_digit() || c == '.');
        let is_keyword = !name.is_empty()
            && wordlike
            && rest_ok
            && name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | ':'));
        // `TAR_FILENAME`: an environment variable the description lists, not a value.
        let env_var = name.contains('_')
            && name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if !is_keyword || env_var {
            return Vec::new();
        }
        out.push(name.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use roff::Font;

    fn kw(s: &str) -> Vec<String> {
        keywords(&Text::from_run(s, Font::Bold))
    }

    #[test]
    fn keyword_heads() {
        assert_eq!(kw("alone-zero-block"), vec!["alone-zero-block"]);
        assert_eq!(kw("AddKeysToAgent"), vec!["AddKeysToAgent"]);
        assert_eq!(kw("size=N"), vec!["size"]);
        assert_eq!(kw("ro, rw"), vec!["ro", "rw"]);
        assert!(kw("-x").is_empty());
        assert!(kw("TAR_FILENAME").is_empty());
        assert!(kw("0-499").is_empty());
        assert_eq!(kw("1.2"), vec!["1.2"]);
        assert!(kw("Enable all warnings.").is_empty());
        assert!(kw("\"A lone zero block at %s\"").is_empty());
    }
}
