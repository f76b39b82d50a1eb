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
/// What a macro did with its line.
enum Effect {
    /// It changed the tree or the state; nothing to add as text.
    Done,
    /// Text to add to the current block (`.B word`, `.BR a b`); `continued` when it ends in
    /// `\c`.
    Text { out: Text, continued: bool },
}

/// The state of one man(7) page while its tree is built.
struct Man {
    b: Builder,
    fonts: FontState,
    problems: Vec<Problem>,
    /// The font `.B` or `.I` without arguments gives the next text line.
    next_line_font: Option<Font>,
    /// A `.SH` or `.SS` without arguments waits for its title line: (`.SS`?, line).
    heading: Option<(bool, u32)>,
    /// A `.TS` table being read.
    table: Option<TableReader>,
    /// Inside `.EQ` ... `.EN` (skipped).
    in_eqn: bool,
    /// The URL of an open `.UR` or `.MT`.
    link: Option<String>,
    /// Some Pandoc pages (sysdig(8)) have no `.SH` at all: their `.SS` headings are sections.
    subsections_are_sections: bool,
}

/// A macro's handler: the state, the macro's name, its arguments and its line.
type Handler = fn(&mut Man, &str, &[String], u32) -> Effect;

/// The man(7) macros and the roff requests that shape the tree, each with its handler (as
/// mandoc's `man_macro.c` table). Anything else has no visible effect on the text (unknown
/// macros were reported by the interpreter).
const MACROS: &[(&[&str], Handler)] = &[
    (&["TH"], title),
    (&["SH", "SS"], section_heading),
    (&["TP"], |m, _, _, line| {
        m.b.start_item(None, ItemStyle::Tagged, line, HeadState::NextLine);
        Effect::Done
    }),
    (&["TQ"], |m, _, _, _| {
        m.b.add_head();
        Effect::Done
    }),
    (&["HP"], |m, _, _, line| {
        m.b.start_item(None, ItemStyle::Hanging, line, HeadState::UntilBreak);
        Effect::Done
    }),
    (&["IP"], indented_paragraph),
    (&["PP", "LP", "P"], |m, _, _, _| {
        m.b.close_items();
        Effect::Done
    }),
    (&["RS"], |m, _, _, line| {
        m.b.start_indent(line);
        Effect::Done
    }),
    (&["RE"], |m, _, _, _| {
        if !m.b.end_indent() {
            m.problems.push(Problem::new(
                Code::UnmatchedIndentEnd,
                ".RE without a matching .RS",
            ));
        }
        Effect::Done
    }),
    (&["br"], |m, _, _, _| {
        m.b.line_break();
        Effect::Done
    }),
    (&["sp", "ns"], |m, _, _, line| {
        if m.b.nofill() {
            m.b.text(&Text::new(), line, false);
        } else {
            m.b.paragraph_break();
        }
        Effect::Done
    }),
    (&["nf", "EX", "Vb"], |m, _, _, _| {
        m.b.set_nofill(true);
        Effect::Done
    }),
    (&["fi", "EE", "Ve"], |m, _, _, _| {
        m.b.set_nofill(false);
        Effect::Done
    }),
    (&["ft"], |m, _, args, _| {
        match args.first().map(String::as_str) {
            None | Some("P") => m.fonts.restore(),
            Some(f) => {
                let mut t = Text::new();
                render(&format!("\\f[{f}]"), &mut m.fonts, &mut t, &mut m.problems);
            }
        }
        Effect::Done
    }),
    (&["TS"], |m, _, _, line| {
        m.b.flush();
        m.table = Some(TableReader::new(line));
        Effect::Done
    }),
    (&["EQ"], |m, _, _, _| {
        m.in_eqn = true;
        Effect::Done
    }),
    (&["B", "I", "SM", "SB"], single_font),
    (&["BR", "RB", "BI", "IB", "IR", "RI"], alternating_fonts),
    (&["OP"], option_synopsis),
    (&["MR"], man_reference),
    (&["SY"], |m, _, args, _| {
        m.b.close_items();
        let mut out = Text::new();
        single(args, Font::Bold, &mut out, &mut m.problems);
        Effect::Text {
            out,
            continued: false,
        }
    }),
    (&["YS"], |m, _, _, _| {
        m.b.close_items();
        Effect::Done
    }),
    (&["UR", "MT"], |m, _, args, _| {
        m.link = args.first().cloned();
        Effect::Done
    }),
    (&["UE", "ME"], link_end),
];

fn title(m: &mut Man, _: &str, args: &[String], _: u32) -> Effect {
    m.b.doc.title = args.first().map(|a| crate::escape::render_plain(a));
    m.b.doc.section = args.get(1).map(|a| crate::escape::render_plain(a));
    Effect::Done
}

fn section_heading(m: &mut Man, name: &str, args: &[String], line: u32) -> Effect {
    let sub = name == "SS" && !m.subsections_are_sections;
    if args.is_empty() {
        m.heading = Some((sub, line));
    } else {
        let title = crate::escape::render_plain(&args.join(" "))
            .trim()
            .to_string();
        m.start_heading(sub, title, line);
    }
    m.fonts = FontState::default();
    Effect::Done
}

/// `.IP head`: an item with that head (a bullet list when the head is a bullet); without a
/// head, a new paragraph of the item, or of the section after a list.
fn indented_paragraph(m: &mut Man, _: &str, args: &[String], line: u32) -> Effect {
    let head = args.first().map(|h| {
        let mut t = Text::new();
        render(h, &mut m.fonts.clone(), &mut t, &mut m.problems);
        t
    });
    match head.filter(|h| !h.is_blank()) {
        Some(h) => {
            let style = if is_bullet(&h.plain()) {
                ItemStyle::Bullet
            } else {
                ItemStyle::Tagged
            };
            m.b.start_item(Some(h), style, line, HeadState::Body);
        }
        None if m.b.in_item() => m.b.paragraph_break(),
        None => m.b.close_items(),
    }
    Effect::Done
}

/// `.B`, `.I`, `.SM`, `.SB`: the arguments in one font, or without arguments the next line.
fn single_font(m: &mut Man, name: &str, args: &[String], _: u32) -> Effect {
    let font = match name {
        "B" | "SB" => Font::Bold,
        "I" => Font::Italic,
        _ => m.fonts.current,
    };
    if args.is_empty() {
        m.next_line_font = Some(font);
        return Effect::Done;
    }
    let mut out = Text::new();
    single(args, font, &mut out, &mut m.problems);
    Effect::Text {
        out,
        continued: false,
    }
}

/// `.BR`, `.IR`, ...: the arguments in two alternating fonts.
fn alternating_fonts(m: &mut Man, name: &str, args: &[String], _: u32) -> Effect {
    let pick = |c: u8| match c {
        b'B' => Font::Bold,
        b'I' => Font::Italic,
        _ => Font::Roman,
    };
    let n = name.as_bytes();
    let mut out = Text::new();
    alternating(args, [pick(n[0]), pick(n[1])], &mut out, &mut m.problems);
    let continued = args.last().is_some_and(|a| a.ends_with("\\c"));
    Effect::Text { out, continued }
}

/// `.OP flag arg`: an optional option in a synopsis, `[flag arg]`.
fn option_synopsis(m: &mut Man, _: &str, args: &[String], _: u32) -> Effect {
    let mut out = Text::new();
    out.push("[", Font::Roman);
    if let Some(flag) = args.first() {
        single(
            std::slice::from_ref(flag),
            Font::Bold,
            &mut out,
            &mut m.problems,
        );
    }
    if args.len() > 1 {
        out.push(" ", Font::Roman);
        single(&args[1..], Font::Italic, &mut out, &mut m.problems);
    }
    out.push("]", Font::Roman);
    Effect::Text {
        out,
        continued: false,
    }
}

/// `.MR page section [punctuation]`: a reference to another page.
fn man_reference(m: &mut Man, _: &str, args: &[String], _: u32) -> Effect {
    let mut out = Text::new();
    if let Some(page) = args.first() {
        single(
            std::slice::from_ref(page),
            Font::Italic,
            &mut out,
            &mut m.problems,
        );
    }
    out.push(
        format!("({})", args.get(1).map(String::as_str).unwrap_or("")),
        Font::Roman,
    );
    if let Some(p) = args.get(2) {
        out.push(crate::escape::render_plain(p), Font::Roman);
    }
    Effect::Text {
        out,
        continued: false,
    }
}

/// `.UE` or `.ME`: the link's URL after its text, then the trailing punctuation.
fn link_end(m: &mut Man, _: &str, args: &[String], _: u32) -> Effect {
    let mut out = Text::new();
    if let Some(url) = m.link.take() {
        out.push(
            format!(" <{}>", crate::escape::render_plain(&url)),
            Font::Roman,
        );
    }
    if let Some(p) = args.first() {
        out.push(crate::escape::render_plain(p), Font::Roman);
    }
    m.b.joined = true;
    Effect::Text {
        out,
        continued: false,
    }
}

impl Man {
    fn start_heading(&mut self, sub: bool, title: String, line: u32) {
        if sub {
            self.b.start_subsection(title, line);
        } else {
            self.b.start_section(title, line);
        }
    }

    /// A line inside `.TS` ... `.TE`; the table is finished at `.TE`.
    fn table_line(&mut self, line: &Line) {
        let Some(reader) = self.table.as_mut() else {
            return;
        };
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
            let (rows, start) = self
                .table
                .take()
                .expect("checked")
                .finish(&mut self.problems);
            self.b
                .push_block(crate::tree::Block::Table { rows, line: start });
        }
    }

    /// A text line: a paragraph break when blank, a waiting heading's title, or text.
    fn text_line(&mut self, t: &str) -> Effect {
        if t.trim().is_empty() && !self.b.nofill() {
            self.b.paragraph_break();
            return Effect::Done;
        }
        if let Some((sub, hl)) = self.heading.take() {
            let title = crate::escape::render_plain(t).trim().to_string();
            self.start_heading(sub, title, hl);
            return Effect::Done;
        }
        // A text line that starts with a blank breaks the line, as in roff.
        if t.starts_with(' ') && !self.b.nofill() {
            self.b.line_break();
        }
        let mut out = Text::new();
        let continued = match self.next_line_font.take() {
            Some(font) => {
                let mut state = FontState {
                    current: font,
                    previous: font,
                };
                render(t, &mut state, &mut out, &mut self.problems).continued
            }
            None => render(t, &mut self.fonts, &mut out, &mut self.problems).continued,
        };
        Effect::Text { out, continued }
    }
}

/// Builds the tree of a man(7) page from its interpreted lines.
pub fn build(lines: &[Line]) -> Document {
    let mut m = Man {
        b: Builder::new(Dialect::Man),
        fonts: FontState::default(),
        problems: Vec::new(),
        next_line_font: None,
        heading: None,
        table: None,
        in_eqn: false,
        link: None,
        subsections_are_sections: !lines
            .iter()
            .any(|l| matches!(&l.kind, LineKind::Request { name, .. } if name == "SH")),
    };
    let mut prev: Option<&Line> = None;
    for line in lines {
        if let Some(p) = prev
            && !m.problems.is_empty()
        {
            for problem in m.problems.drain(..) {
                push_diag(&mut m.b.doc.diagnostics, p, problem);
            }
        }
        prev = Some(line);
        let lineno = line.line;
        if m.table.is_some() {
            m.table_line(line);
            continue;
        }
        if m.in_eqn {
            if matches!(&line.kind, LineKind::Request { name, .. } if name == "EN") {
                m.in_eqn = false;
            }
            continue;
        }
        let effect = match &line.kind {
            LineKind::Text(t) => m.text_line(t),
            LineKind::Request { name, args, .. } => {
                match MACROS
                    .iter()
                    .find(|(names, _)| names.contains(&name.as_str()))
                {
                    Some((_, handler)) => handler(&mut m, name, args, lineno),
                    None => Effect::Done,
                }
            }
        };
        let Effect::Text { out, continued } = effect else {
            continue;
        };
        if let Some((sub, hl)) = m.heading.take() {
            m.start_heading(sub, out.plain(), hl);
            continue;
        }
        m.b.text(&out, lineno, continued);
    }
    if !m.problems.is_empty()
        && let Some(last) = lines.last()
    {
        for problem in m.problems.drain(..) {
            push_diag(&mut m.b.doc.diagnostics, last, problem);
        }
    }
    m.b.finish()
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
