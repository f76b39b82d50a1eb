//! The man(7) front end: `.TH`, `.SH`, `.TP`, `.IP`, font macros and friends, onto the tree builder.

use crate::build::{Builder, HeadState};
use crate::diagnostic::{Code, Diagnostic, Problem};
use crate::escape::{FontState, render};
use crate::interp::{Line, LineKind};
use crate::table::TableReader;
use crate::tree::{Dialect, Document, Font, ItemStyle, Text};

/// Whether `name` is a man(7) macro or a roff request the man front end handles or ignores.
pub fn is_known(name: &str) -> bool {
    matches!(
        name,
        "TH" | "SH"
            | "SS"
            | "TP"
            | "TQ"
            | "IP"
            | "HP"
            | "PP"
            | "LP"
            | "P"
            | "RS"
            | "RE"
            | "B"
            | "I"
            | "BR"
            | "BI"
            | "IR"
            | "RB"
            | "RI"
            | "IB"
            | "SB"
            | "SM"
            | "EX"
            | "EE"
            | "UR"
            | "UE"
            | "MT"
            | "ME"
            | "OP"
            | "SY"
            | "YS"
            | "MR"
            | "PD"
            | "DT"
            | "AT"
            | "UC"
            | "IX"
            | "br"
            | "sp"
            | "nf"
            | "fi"
            | "ft"
            | "in"
            | "ti"
            | "ce"
            | "TS"
            | "TE"
            | "T&"
            | "EQ"
            | "EN"
            | "ne"
            | "bp"
            | "ad"
            | "na"
            | "hy"
            | "nh"
            | "ll"
            | "ps"
            | "vs"
            | "ta"
            | "ss"
            | "cs"
            | "lf"
            | "rj"
            | "rr"
            | "pc"
            | "fam"
            | "ns"
            | "rs"
            | "mk"
            | "rt"
            | "ul"
            | "cu"
            | "tag"
            | "Vb"
            | "Ve"
            | "LINKSTYLE"
            | "ig"
            | "it"
            | "so"
            | "de"
            | "ds"
            | "nr"
            | "if"
            | "ie"
            | "el"
            | "hw"
            | "tr"
            | "cc"
            | "c2"
            | "ec"
            | "eo"
            | "lg"
            | "kern"
            | "fl"
            | "em"
            | "ev"
            | "po"
            | "pl"
            | "wh"
            | "ch"
            | "nop"
            | "HF"
            | "HB"
            | "BT"
            | "PT"
            | "ME1"
    )
}

/// Renders macro arguments in alternating fonts (`.BR`, `.IR`, ...), no space between them.
fn alternating(args: &[String], fonts: [Font; 2], out: &mut Text, problems: &mut Vec<Problem>) {
    for (i, arg) in args.iter().enumerate() {
        let mut state = FontState {
            current: fonts[i % 2],
            previous: fonts[i % 2],
        };
        render(arg, &mut state, out, problems);
    }
}

/// Renders macro arguments in one font, separated by spaces (`.B`, `.I`, `.SM`).
fn single(args: &[String], font: Font, out: &mut Text, problems: &mut Vec<Problem>) {
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            out.push(" ", font);
        }
        let mut state = FontState {
            current: font,
            previous: font,
        };
        render(arg, &mut state, out, problems);
    }
}

/// Builds the document of a man(7) page from interpreted lines.
pub fn build(lines: &[Line]) -> Document {
    let mut b = Builder::new(Dialect::Man);
    let mut fonts = FontState::default();
    let mut problems: Vec<Problem> = Vec::new();
    let mut next_line_font: Option<Font> = None;
    let mut heading: Option<(bool, u32)> = None; // (.SS?, line) waiting for its title line
    let mut table: Option<TableReader> = None;
    let mut in_eqn = false;
    let mut link: Option<String> = None;
    // Some Pandoc pages (sysdig(8)) have no `.SH` at all: their `.SS` headings are the sections.
    let subsections_are_sections = !lines
        .iter()
        .any(|l| matches!(&l.kind, LineKind::Request { name, .. } if name == "SH"));

    let mut prev: Option<&Line> = None;
    for line in lines {
        if let Some(p) = prev
            && !problems.is_empty()
        {
            for problem in problems.drain(..) {
                push_diag(&mut b.doc.diagnostics, p, problem);
            }
        }
        prev = Some(line);
        let lineno = line.line;
        if let Some(reader) = table.as_mut() {
            let done = match &line.kind {
                LineKind::Request { name, .. } if name == "TE" => true,
                LineKind::Request { name, rest, .. } if name == "T&" => {
                    reader.restart_format(rest);
                    false
                }
                LineKind::Request { name, rest, .. } => {
                    reader.push_line(&format!(".{name} {rest}"));
                    false
                }
                LineKind::Text(t) => {
                    reader.push_line(t);
                    false
                }
            };
            if done {
                let (rows, start) = table.take().expect("checked").finish(&mut problems);
                b.push_block(crate::tree::Block::Table { rows, line: start });
            }
            continue;
        }
        if in_eqn {
            if matches!(&line.kind, LineKind::Request { name, .. } if name == "EN") {
                in_eqn = false;
            }
            continue;
        }
        let mut out = Text::new();
        let mut continued = false;
        match &line.kind {
            LineKind::Text(t) => {
                if t.trim().is_empty() && !b.nofill() {
                    b.paragraph_break();
                    continue;
                }
                if let Some((sub, hl)) = heading.take() {
                    let title = crate::escape::render_plain(t).trim().to_string();
                    if sub {
                        b.start_subsection(title, hl);
                    } else {
                        b.start_section(title, hl);
                    }
                    continue;
                }
                // A text line that starts with a blank breaks the line, as in roff.
                if t.starts_with(' ') && !b.nofill() {
                    b.line_break();
                }
                if let Some(font) = next_line_font.take() {
                    let mut state = FontState {
                        current: font,
                        previous: font,
                    };
                    continued = render(t, &mut state, &mut out, &mut problems).continued;
                } else {
                    continued = render(t, &mut fonts, &mut out, &mut problems).continued;
                }
            }
            LineKind::Request { name, args, rest } => {
                let name = name.as_str();
                match name {
                    "TH" => {
                        b.doc.title = args.first().map(|a| crate::escape::render_plain(a));
                        b.doc.section = args.get(1).map(|a| crate::escape::render_plain(a));
                        continue;
                    }
                    "SH" | "SS" => {
                        let sub = name == "SS" && !subsections_are_sections;
                        if args.is_empty() {
                            heading = Some((sub, lineno));
                        } else {
                            let title = crate::escape::render_plain(&args.join(" "))
                                .trim()
                                .to_string();
                            if sub {
                                b.start_subsection(title, lineno);
                            } else {
                                b.start_section(title, lineno);
                            }
                        }
                        fonts = FontState::default();
                        continue;
                    }
                    "TP" => {
                        b.start_item(None, ItemStyle::Tagged, lineno, HeadState::NextLine);
                        continue;
                    }
                    "TQ" => {
                        b.add_head();
                        continue;
                    }
                    "HP" => {
                        b.start_item(None, ItemStyle::Hanging, lineno, HeadState::UntilBreak);
                        continue;
                    }
                    "IP" => {
                        let head = args.first().map(|h| {
                            let mut t = Text::new();
                            render(h, &mut fonts.clone(), &mut t, &mut problems);
                            t
                        });
                        match head.filter(|h| !h.is_blank()) {
                            Some(h) => {
                                let style = if is_bullet(&h.plain()) {
                                    ItemStyle::Bullet
                                } else {
                                    ItemStyle::Tagged
                                };
                                b.start_item(Some(h), style, lineno, HeadState::Body);
                            }
                            None => {
                                if b.in_item() {
                                    b.paragraph_break();
                                } else {
                                    b.close_items();
                                }
                            }
                        }
                        continue;
                    }
                    "PP" | "LP" | "P" => {
                        b.close_items();
                        continue;
                    }
                    "RS" => {
                        b.start_indent(lineno);
                        continue;
                    }
                    "RE" => {
                        if !b.end_indent() {
                            problems.push(Problem::new(
                                Code::UnmatchedIndentEnd,
                                ".RE without a matching .RS",
                            ));
                        }
                        continue;
                    }
                    "br" => {
                        b.line_break();
                        continue;
                    }
                    "sp" | "ns" => {
                        if b.nofill() {
                            b.text(&Text::new(), lineno, false);
                        } else {
                            b.paragraph_break();
                        }
                        continue;
                    }
                    "nf" | "EX" | "Vb" => {
                        b.set_nofill(true);
                        continue;
                    }
                    "fi" | "EE" | "Ve" => {
                        b.set_nofill(false);
                        continue;
                    }
                    "ft" => {
                        match args.first().map(String::as_str) {
                            None | Some("P") => fonts.restore(),
                            Some(f) => {
                                let mut t = Text::new();
                                render(&format!("\\f[{f}]"), &mut fonts, &mut t, &mut problems);
                            }
                        }
                        continue;
                    }
                    "TS" => {
                        b.flush();
                        table = Some(TableReader::new(lineno));
                        continue;
                    }
                    "EQ" => {
                        in_eqn = true;
                        continue;
                    }
                    "B" | "I" | "SM" | "SB" => {
                        let font = match name {
                            "B" | "SB" => Font::Bold,
                            "I" => Font::Italic,
                            _ => fonts.current,
                        };
                        if args.is_empty() {
                            next_line_font = Some(font);
                            continue;
                        }
                        single(args, font, &mut out, &mut problems);
                    }
                    "BR" | "RB" | "BI" | "IB" | "IR" | "RI" => {
                        let pick = |c: u8| match c {
                            b'B' => Font::Bold,
                            b'I' => Font::Italic,
                            _ => Font::Roman,
                        };
                        let n = name.as_bytes();
                        alternating(args, [pick(n[0]), pick(n[1])], &mut out, &mut problems);
                        if args.last().is_some_and(|a| a.ends_with("\\c")) {
                            continued = true;
                        }
                    }
                    "OP" => {
                        out.push("[", Font::Roman);
                        if let Some(flag) = args.first() {
                            single(
                                std::slice::from_ref(flag),
                                Font::Bold,
                                &mut out,
                                &mut problems,
                            );
                        }
                        if args.len() > 1 {
                            out.push(" ", Font::Roman);
                            single(&args[1..], Font::Italic, &mut out, &mut problems);
                        }
                        out.push("]", Font::Roman);
                    }
                    "MR" => {
                        if let Some(page) = args.first() {
                            single(
                                std::slice::from_ref(page),
                                Font::Italic,
                                &mut out,
                                &mut problems,
                            );
                        }
                        out.push(
                            format!("({})", args.get(1).map(String::as_str).unwrap_or("")),
                            Font::Roman,
                        );
                        if let Some(p) = args.get(2) {
                            out.push(crate::escape::render_plain(p), Font::Roman);
                        }
                    }
                    "SY" => {
                        b.close_items();
                        single(args, Font::Bold, &mut out, &mut problems);
                    }
                    "YS" => {
                        b.close_items();
                        continue;
                    }
                    "UR" | "MT" => {
                        link = args.first().cloned();
                        continue;
                    }
                    "UE" | "ME" => {
                        if let Some(url) = link.take() {
                            out.push(
                                format!(" <{}>", crate::escape::render_plain(&url)),
                                Font::Roman,
                            );
                        }
                        if let Some(p) = args.first() {
                            out.push(crate::escape::render_plain(p), Font::Roman);
                        }
                        b.joined = true;
                    }
                    _ => {
                        // Requests with no visible effect on the text (and unknown macros, already
                        // reported by the interpreter) are skipped.
                        let _ = rest;
                        continue;
                    }
                }
            }
        }
        if let Some((sub, hl)) = heading.take() {
            let title = out.plain();
            if sub {
                b.start_subsection(title, hl);
            } else {
                b.start_section(title, hl);
            }
            continue;
        }
        b.text(&out, lineno, continued);
    }
    if !problems.is_empty()
        && let Some(last) = lines.last()
    {
        for problem in problems.drain(..) {
            push_diag(&mut b.doc.diagnostics, last, problem);
        }
    }
    b.finish()
}

fn push_diag(diags: &mut Vec<Diagnostic>, line: &Line, problem: Problem) {
    crate::interp::push_warning(diags, line, problem);
}

/// Whether an `.IP` head is a list bullet or number rather than a term.
fn is_bullet(head: &str) -> bool {
    let h = head.trim();
    matches!(h, "•" | "*" | "-" | "o" | "·" | "+" | "—" | "–")
        || (h.ends_with(['.', ')'])
            && h[..h.len() - 1]
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
            && h.len() <= 4)
}

#[cfg(test)]
mod tests {
    #[test]
    fn subsections_are_sections_without_any_section() {
        // Pandoc's sysdig(8) has `.SS` headings only.
        let doc = crate::parse(
            ".TH \"\" \"\"\n.SS NAME\n.PP\nsysdig - a tool\n.SS OPTIONS\n.PP\ntext\n",
            None,
        );
        let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, vec!["NAME", "OPTIONS"]);
        // With a `.SH`, `.SS` stays a subsection.
        let doc = crate::parse(".TH X 1\n.SH OPTIONS\n.SS Common\ntext\n", None);
        assert_eq!(doc.sections.len(), 1);
    }
}
