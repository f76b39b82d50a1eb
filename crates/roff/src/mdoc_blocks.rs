//! The mdoc(7) front end's block half: `.Sh`, `.Bl`/`.It`/`.El`, `.Bd`/`.Ed`, `.D1`, `.Nd`,
//! ... onto the same tree builder as man(7), one handler per macro in a table (as mandoc's
//! `mdoc_macro.c`); callable macros on a line of their own are rendered inline (`mdoc.rs`).

use crate::build::{Builder, HeadState};
use crate::diagnostic::{Code, Diagnostic, Problem};
use crate::escape::{FontState, render};
use crate::interp::{Line, LineKind};
use crate::mdoc::{is_callable, render_inline, render_inline_spaced};
use crate::tree::{Block, Dialect, Document, Font, ItemStyle, Text};

#[derive(Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Tag,
    Bullet,
    Column,
    Item,
}

enum Open {
    List(ListKind),
    Display { literal: bool },
}

/// The state of one mdoc(7) page while its tree is built.
struct Mdoc {
    b: Builder,
    problems: Vec<Problem>,
    /// The page's name, from its first `.Nm` (later bare `.Nm`s print it).
    name: String,
    /// The lists and displays open, innermost last.
    open: Vec<Open>,
    /// An `.It ... Xo` head still being read, up to its `.Xc`.
    xo_head: Option<(Text, u32, ItemStyle)>,
    /// The current section's title.
    section: String,
    /// `.Sm on` (true) or `.Sm off`.
    spacing: bool,
    previous_line_unspaced: bool,
}

/// A block macro's handler: the state, the macro's name, its arguments and its line.
type Handler = fn(&mut Mdoc, &str, &[String], u32);

/// The block macros and the requests that shape the tree, each with its handler. Any other
/// callable macro on a line of its own is inline text; other macros were reported by the
/// interpreter and their arguments are kept as text.
const MACROS: &[(&[&str], Handler)] = &[
    (
        &[
            "Dd", "Os", "Db", "Rs", "Re", "Bk", "Ek", "Tg", "Sm", "Ud", "Bt", "Hf",
        ],
        |_, _, _, _| {},
    ),
    (&["Dt"], |m, _, args, _| {
        m.b.doc.title = args.first().cloned();
        m.b.doc.section = args.get(1).cloned();
    }),
    (&["Sh", "Ss"], section_heading),
    (&["Pp", "Lp"], |m, _, _, _| m.b.paragraph_break()),
    (&["Bl"], begin_list),
    (&["El", "Ed"], end_block),
    (&["It"], list_item),
    (&["Bd"], |m, _, args, line| {
        let literal = args.iter().any(|a| a == "-literal" || a == "-unfilled");
        m.b.start_indent(line);
        if literal {
            m.b.set_nofill(true);
        }
        m.open.push(Open::Display { literal });
    }),
    (&["D1", "Dl"], one_line_display),
    (&["Nd"], |m, _, args, line| {
        let mut t = Text::from_run("— ", Font::Roman);
        t.append(&render_inline(args, &m.name, &mut m.problems));
        m.b.text(&t, line, false);
    }),
    (&["Ex", "Rv"], standard_sentence),
    (
        &[
            "In", "Fd", "Ft", "Fo", "Fc", "Fn", "Vt", "Lb", "%A", "%B", "%C", "%D", "%I", "%J",
            "%N", "%O", "%P", "%Q", "%R", "%T", "%U", "%V", "Ef", "Bf",
        ],
        |m, _, args, line| {
            let t = render_inline(args, &m.name, &mut m.problems);
            if !t.is_blank() {
                m.b.text(&t, line, false);
            }
        },
    ),
    (&["br"], |m, _, _, _| m.b.line_break()),
    (&["sp"], |m, _, _, _| m.b.paragraph_break()),
    (&["nf"], |m, _, _, _| m.b.set_nofill(true)),
    (&["fi"], |m, _, _, _| m.b.set_nofill(false)),
];

fn section_heading(m: &mut Mdoc, name: &str, args: &[String], line: u32) {
    let title = crate::escape::render_plain(&args.join(" "))
        .trim()
        .to_string();
    m.open.clear();
    if name == "Sh" {
        m.section = title.clone();
        m.b.start_section(title, line);
    } else {
        m.b.start_subsection(title, line);
    }
}

fn begin_list(m: &mut Mdoc, _: &str, args: &[String], line: u32) {
    let kind = if args
        .iter()
        .any(|a| a == "-tag" || a == "-hang" || a == "-ohang" || a == "-inset" || a == "-diag")
    {
        ListKind::Tag
    } else if args.iter().any(|a| a == "-column") {
        ListKind::Column
    } else if args.iter().any(|a| a == "-item") {
        ListKind::Item
    } else {
        ListKind::Bullet
    };
    m.b.start_indent(line);
    m.open.push(Open::List(kind));
}

/// `.El` or `.Ed`: closes the innermost list or display.
fn end_block(m: &mut Mdoc, name: &str, _: &[String], _: u32) {
    match m.open.pop() {
        Some(Open::Display { literal }) if name == "Ed" => {
            if literal {
                m.b.set_nofill(false);
            }
        }
        Some(Open::List(_)) if name == "El" => {}
        Some(_) | None => m.problems.push(Problem::new(
            Code::NothingToClose,
            format!(".{name} closes no open block"),
        )),
    }
    m.b.close_items();
    if !m.b.end_indent() {
        m.problems.push(Problem::new(
            Code::ItemOutsideList,
            format!(".{name} without an open list or display"),
        ));
    }
}

/// `.It`: an item of the innermost list, shaped by the list's kind.
fn list_item(m: &mut Mdoc, _: &str, args: &[String], line: u32) {
    let kind = m
        .open
        .iter()
        .rev()
        .find_map(|o| match o {
            Open::List(k) => Some(*k),
            _ => None,
        })
        .unwrap_or(ListKind::Tag);
    let head = render_inline(args, &m.name, &mut m.problems);
    match kind {
        ListKind::Tag => {
            if args.iter().any(|a| a == "Xo") {
                m.xo_head = Some((head, line, ItemStyle::Tagged));
            } else {
                m.b.start_item(Some(head), ItemStyle::Tagged, line, HeadState::Body);
            }
        }
        ListKind::Column => {
            let cells: Vec<String> = head
                .raw()
                .split('\t')
                .map(|c| c.trim().to_string())
                .collect();
            let first = Text::from_run(cells.first().cloned().unwrap_or_default(), Font::Roman);
            m.b.start_item(Some(first), ItemStyle::Column, line, HeadState::Body);
            let rest = cells[1.min(cells.len())..].join("  ");
            if !rest.trim().is_empty() {
                m.b.text(&Text::from_run(rest, Font::Roman), line, false);
            }
        }
        ListKind::Bullet | ListKind::Item => {
            let bullet = if kind == ListKind::Bullet { "•" } else { "" };
            m.b.start_item(
                Some(Text::from_run(bullet, Font::Roman)),
                ItemStyle::Bullet,
                line,
                HeadState::Body,
            );
            if !head.is_blank() {
                m.b.text(&head, line, false);
            }
        }
    }
}

/// `.D1` (one indented line) and `.Dl` (one indented literal line).
fn one_line_display(m: &mut Mdoc, name: &str, args: &[String], line: u32) {
    let text = render_inline(args, &m.name, &mut m.problems);
    m.b.flush();
    let block = if name == "Dl" {
        Block::Preformatted { text, line }
    } else {
        Block::Paragraph { text, line }
    };
    m.b.push_block(Block::Indented {
        blocks: vec![block],
        line,
    });
}

/// `.Ex -std` and `.Rv -std`: the standard sentences mdoc prints for them.
fn standard_sentence(m: &mut Mdoc, name: &str, args: &[String], line: u32) {
    let who = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .cloned()
        .unwrap_or_else(|| m.name.clone());
    let text = if name == "Ex" {
        format!("The {who} utility exits 0 on success, and >0 if an error occurs.")
    } else {
        format!(
            "The {who}() function returns the value 0 if successful; otherwise the value -1 is returned and the global variable errno is set to indicate the error."
        )
    };
    m.b.text(&Text::from_run(text, Font::Roman), line, false);
}

impl Mdoc {
    /// A text line: a break when blank, else text (or more of an `.Xo` head).
    fn text_line(&mut self, t: &str, line: u32) {
        if t.trim().is_empty() {
            if self.b.nofill() {
                self.b.text(&Text::new(), line, false);
            } else {
                self.b.paragraph_break();
            }
            return;
        }
        let mut out = Text::new();
        let r = render(t, &mut FontState::default(), &mut out, &mut self.problems);
        if let Some((head, ..)) = self.xo_head.as_mut() {
            head.push_space();
            head.append(&out);
        } else {
            self.b.text(&out, line, r.continued);
        }
    }

    /// A macro line while an `.It ... Xo` head is open: callable macros add to the head until
    /// `.Xc`. Returns whether the line is done with; a block macro before `.Xc` closes the head
    /// (reported) and is then read as usual.
    fn xo_line(&mut self, macro_name: &str, args: &[String], glued: bool) -> bool {
        let Some((head, hline, style)) = self.xo_head.as_mut() else {
            return false;
        };
        if matches!(macro_name, "Bk" | "Ek" | "Tg") {
            return true;
        }
        let mut tokens = vec![macro_name.to_string()];
        tokens.extend(args.iter().cloned());
        let closes = tokens.iter().any(|t| t == "Xc");
        if is_callable(macro_name) || macro_name == "Xc" {
            let t = render_inline_spaced(&tokens, &self.name, &mut self.problems, self.spacing);
            if !t.runs.is_empty() {
                if !glued {
                    head.push_space();
                }
                head.append(&t);
            }
        }
        // A callable macro without `.Xc` continues the head.
        if !closes && is_callable(macro_name) {
            return true;
        }
        let (head, hline, style) = (std::mem::take(head), *hline, *style);
        self.xo_head = None;
        self.b.start_item(Some(head), style, hline, HeadState::Body);
        if !closes && !is_callable(macro_name) {
            self.problems.push(Problem::new(
                Code::OpenHead,
                format!(".Xo head not closed by .Xc before .{macro_name}"),
            ));
            return false;
        }
        true
    }

    /// A callable macro on a line of its own (`.Fl x`, `.Nm`), or an unknown one.
    fn inline_line(&mut self, macro_name: &str, args: &[String], line: u32) {
        if is_callable(macro_name) {
            if macro_name == "Nm"
                && self.name.is_empty()
                && let Some(first) = args.first()
            {
                self.name = crate::escape::render_plain(first);
            }
            if macro_name == "Nm" && self.section.eq_ignore_ascii_case("SYNOPSIS") {
                self.b.paragraph_break();
            }
            let mut tokens = vec![macro_name.to_string()];
            tokens.extend(args.iter().cloned());
            let t = render_inline_spaced(&tokens, &self.name, &mut self.problems, self.spacing);
            self.b.text(&t, line, false);
        } else if !args.is_empty() && !crate::man::is_known(macro_name) {
            // Unknown macros were reported by the interpreter; their arguments are still text.
            let t = render_inline(args, &self.name, &mut self.problems);
            self.b.text(&t, line, false);
        }
    }
}

/// Builds the document of an mdoc(7) page from interpreted lines.
pub fn build(lines: &[Line]) -> Document {
    let mut m = Mdoc {
        b: Builder::new(Dialect::Mdoc),
        problems: Vec::new(),
        name: String::new(),
        open: Vec::new(),
        xo_head: None,
        section: String::new(),
        spacing: true,
        previous_line_unspaced: false,
    };
    let mut prev: Option<&Line> = None;
    for line in lines {
        if let Some(p) = prev {
            flush_problems(&mut m.b.doc.diagnostics, p, &mut m.problems);
        }
        prev = Some(line);
        let lineno = line.line;
        let (macro_name, args) = match &line.kind {
            LineKind::Text(t) => {
                m.text_line(t, lineno);
                continue;
            }
            LineKind::Request { name, args, .. } => (name.as_str(), args.as_slice()),
        };
        if macro_name == "Sm" {
            m.spacing = args.first().map(String::as_str) != Some("off");
            continue;
        }
        // As in mandoc, `.Sm off` joins the lines set while it is in force, but the first
        // line after it and the first after `.Sm on` still start with a space
        // (`-L [bind_address:]port`).
        let glued = !m.spacing && std::mem::replace(&mut m.previous_line_unspaced, !m.spacing);
        m.previous_line_unspaced = !m.spacing;
        if glued {
            m.b.joined = true;
        }
        if m.xo_line(macro_name, args, glued) {
            continue;
        }
        match MACROS.iter().find(|(names, _)| names.contains(&macro_name)) {
            Some((_, handler)) => handler(&mut m, macro_name, args, lineno),
            None => m.inline_line(macro_name, args, lineno),
        }
    }
    if let Some(p) = prev {
        flush_problems(&mut m.b.doc.diagnostics, p, &mut m.problems);
    }
    if let Some((head, hline, style)) = m.xo_head {
        m.b.start_item(Some(head), style, hline, HeadState::Body);
    }
    m.b.finish()
}

fn flush_problems(diags: &mut Vec<Diagnostic>, line: &Line, problems: &mut Vec<Problem>) {
    for problem in problems.drain(..) {
        crate::interp::push_warning(diags, line, problem);
    }
}

#[cfg(test)]
mod tests {
    use super::MACROS;

    /// The interpreter learns which names are macros from `crate::is_known`; a block macro
    /// missing there would be read as text.
    #[test]
    fn every_block_macro_is_known_to_the_interpreter() {
        for (names, _) in MACROS {
            for name in *names {
                assert!(crate::is_known(name), ".{name}");
            }
        }
    }
}
