//! Options listed the way a program's `--help` prints them, pasted into the page as
//! preformatted text (certbot(1), verilator's ARGUMENT SUMMARY):
//!
//! ```text
//!   -d DOMAINS          Comma-separated list of domains to obtain a certificate for
//!   --webroot           Obtain certificates by placing files in a webroot
//!                       directory. (default: False)
//! ```
//!
//! A line is a head when it parses as one and its description starts after a wide gap on the
//! same line, or on the lines below, indented deeper. A block counts only when two of its heads
//! start their descriptions in the same column: the mark of a listing, not of program output.

use roff::{Block, Document, Font, Text};

use crate::extract::push_new;
use crate::head::parse_head_line;
use crate::model::OptionDef;
use crate::sections::{SectionKind, subsection_path};

/// Options defined in `--help`-style listings, other than those in `existing`.
pub fn options(doc: &Document, existing: &[OptionDef]) -> Vec<OptionDef> {
    let mut out = Vec::new();
    for section in &doc.sections {
        // A SYNOPSIS may hold the listing too (distrobox-export's `--app/-a:   name of ...`).
        if matches!(
            SectionKind::of(&section.title),
            SectionKind::Examples | SectionKind::SeeAlso
        ) {
            continue;
        }
        walk(&section.blocks, &section.title, existing, &mut out);
    }
    out
}

fn walk(blocks: &[Block], section: &str, existing: &[OptionDef], out: &mut Vec<OptionDef>) {
    for b in blocks {
        match b {
            Block::Preformatted { text, line } => listing(text, *line, section, existing, out),
            Block::Indented { blocks, .. } => walk(blocks, section, existing, out),
            Block::Item { body, .. } => walk(body, section, existing, out),
            Block::Subsection(s) => {
                if SectionKind::of(&s.title) != SectionKind::Examples {
                    walk(
                        &s.blocks,
                        &subsection_path(section, &s.title),
                        existing,
                        out,
                    );
                }
            }
            Block::Paragraph { .. } | Block::Table { .. } => {}
        }
    }
}

/// The number of leading blanks of a line.
fn indent(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ').count()
}

/// `-rw-r--r--` in `ls -l` output has the shape of a flag; it is not one.
fn looks_like_mode(flag: &str) -> bool {
    flag.len() == 10
        && flag[1..]
            .chars()
            .all(|c| matches!(c, 'r' | 'w' | 'x' | 's' | 'S' | 't' | 'T' | '-'))
}

struct Found {
    def: OptionDef,
    /// The column where the description starts on the head's line, if it does.
    column: Option<usize>,
}

fn listing(
    text: &Text,
    first_line: u32,
    section: &str,
    existing: &[OptionDef],
    out: &mut Vec<OptionDef>,
) {
    let lines = raw_lines(text);
    let plains: Vec<String> = lines
        .iter()
        .map(|l| l.raw().replace('\u{a0}', " "))
        .collect();
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let plain = &plains[i];
        let head_indent = indent(plain);
        let parsed = parse_head_line(&lines[i]).filter(|p| {
            head_indent <= 12
                && !p.flags.iter().any(|f| {
                    looks_like_mode(&f.text) || f.text.get(2..).is_some_and(|r| r.contains("--"))
                })
        });
        let Some(parsed) = parsed else {
            i += 1;
            continue;
        };
        let mut help: Vec<Text> = Vec::new();
        let mut column = None;
        let head;
        if let Some(inline) = &parsed.inline_help {
            let raw_inline = inline.raw();
            match plain.strip_suffix(raw_inline.as_str()) {
                Some(before) => {
                    column = Some(before.chars().count());
                    // `--app/-a:   name of ...`: the colon only ends the head.
                    head = Text::from_run(before.trim().trim_end_matches(':'), Font::Bold);
                }
                None => {
                    let before = plain.trim_start().split("  ").next().unwrap_or_default();
                    head = Text::from_run(before.trim(), Font::Bold);
                }
            }
            help.push(inline.clone());
        } else {
            head = Text::from_run(plain.trim(), Font::Bold);
        }
        // The lines below, indented deeper, go on with the description.
        // They keep to the description's column: the one on the head's line, else the first
        // continuation line's.
        let mut j = i + 1;
        let mut keep_to = column.map(|c| c.saturating_sub(2));
        while j < lines.len() {
            let next = &plains[j];
            if next.trim().is_empty()
                || indent(next) <= head_indent
                || keep_to.is_some_and(|c| indent(next) < c)
            {
                break;
            }
            keep_to.get_or_insert(indent(next));
            if parse_head_line(&lines[j]).is_some() && column.is_none_or(|c| indent(next) < c) {
                break;
            }
            help.push(Text::from_run(next.trim(), Font::Roman));
            j += 1;
        }
        if !help.is_empty() {
            found.push(Found {
                def: OptionDef {
                    flags: parsed.flags,
                    argument: parsed.argument,
                    head,
                    help: vec![join(&help)],
                    section: section.to_string(),
                    line: first_line + i as u32,
                    values: Vec::new(),
                },
                column,
            });
        }
        i = j;
    }
    let aligned = found
        .iter()
        .enumerate()
        .any(|(a, x)| x.column.is_some() && found[a + 1..].iter().any(|y| y.column == x.column));
    if !aligned {
        return;
    }
    for f in found {
        push_new(f.def, existing, out);
    }
}

/// The lines of preformatted text as they are set: blanks kept, blank lines kept.
fn raw_lines(text: &Text) -> Vec<Text> {
    let mut out = vec![Text::new()];
    for run in &text.runs {
        for (k, part) in run.text.split('\n').enumerate() {
            if k > 0 {
                out.push(Text::new());
            }
            if !part.is_empty() {
                out.last_mut().expect("never empty").push(part, run.font);
            }
        }
    }
    out
}

/// The description's lines as one paragraph.
fn join(parts: &[Text]) -> Text {
    let mut t = Text::new();
    for p in parts {
        if !t.runs.is_empty() {
            t.push(" ", Font::Roman);
        }
        t.append(p);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags_of(page: &str) -> Vec<Vec<String>> {
        let doc = roff::parse(page, None);
        options(&doc, &[])
            .into_iter()
            .map(|o| o.flags.into_iter().map(|f| f.text).collect())
            .collect()
    }

    #[test]
    fn reads_a_pasted_help_listing() {
        let page = ".TH DEMO 1\n.SH NAME\ndemo \\- a demo\n.SH OPTIONS\n.nf\n\
            options:\n  \\-h, \\-\\-help            show this help message and exit\n\
            \x20 \\-c FILE, \\-\\-config FILE\n                        path to config file\n\
            \x20                       (default: none)\n\
            \x20 \\-v, \\-\\-verbose         say more\n.fi\n";
        assert_eq!(
            flags_of(page),
            vec![
                vec!["-h".to_string(), "--help".to_string()],
                vec!["-c".to_string(), "--config".to_string()],
                vec!["-v".to_string(), "--verbose".to_string()],
            ]
        );
        let doc = roff::parse(page, None);
        let config = &options(&doc, &[])[1];
        assert_eq!(manpage_help(config), "path to config file (default: none)");
    }

    fn manpage_help(o: &OptionDef) -> String {
        crate::model::help_plain(&o.help)
    }

    #[test]
    fn program_output_is_not_a_listing() {
        let page = ".TH DEMO 1\n.SH DESCRIPTION\n.nf\n\
            -rw-r--r--  1 root root  1024 Jan  1 00:00 a\n\
            -rwxr-xr-x  1 root root  2048 Jan  1 00:00 b\n.fi\n";
        assert!(flags_of(page).is_empty());
    }
}
