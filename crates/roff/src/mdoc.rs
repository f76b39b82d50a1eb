//! The mdoc(7) front end: semantic macros (`.Sh`, `.Bl -tag`, `.It Fl x Ar file`, `.Op`, ...)
//! onto the same tree builder as man(7), rendered the way mandoc prints them.

use crate::build::{Builder, HeadState};
use crate::diagnostic::{Code, Diagnostic, Problem};
use crate::escape::{FontState, render};
use crate::interp::{Line, LineKind};
use crate::tree::{Block, Dialect, Document, Font, ItemStyle, Text};

/// Whether `name` is an mdoc macro.
pub fn is_macro(name: &str) -> bool {
    is_callable(name)
        || matches!(
            name,
            "Dd" | "Dt"
                | "Os"
                | "Sh"
                | "Ss"
                | "Pp"
                | "Lp"
                | "Bl"
                | "El"
                | "It"
                | "Bd"
                | "Ed"
                | "D1"
                | "Dl"
                | "Nd"
                | "Rs"
                | "Re"
                | "Bf"
                | "Ef"
                | "Bk"
                | "Ek"
                | "Ex"
                | "Rv"
                | "Db"
                | "Ud"
                | "Bt"
                | "Tg"
                | "Lb"
                | "In"
                | "Fd"
                | "Vt"
                | "Ft"
                | "Fo"
                | "Fc"
                | "Fn"
                | "Hf"
                | "Sm"
                | "%A"
                | "%B"
                | "%C"
                | "%D"
                | "%I"
                | "%J"
                | "%N"
                | "%O"
                | "%P"
                | "%Q"
                | "%R"
                | "%T"
                | "%U"
                | "%V"
        )
}

/// Macros that may be called from inside another macro's line.
fn is_callable(name: &str) -> bool {
    matches!(
        name,
        "Ad" | "An"
            | "Ap"
            | "Ar"
            | "At"
            | "Bsx"
            | "Bx"
            | "Cd"
            | "Cm"
            | "Dv"
            | "Dx"
            | "Em"
            | "Er"
            | "Ev"
            | "Fa"
            | "Fl"
            | "Fr"
            | "Fx"
            | "Ic"
            | "Li"
            | "Lk"
            | "Ms"
            | "Mt"
            | "Nm"
            | "No"
            | "Ns"
            | "Nx"
            | "Op"
            | "Ox"
            | "Pa"
            | "Pf"
            | "Pq"
            | "Qq"
            | "Sq"
            | "Dq"
            | "Aq"
            | "Bq"
            | "Brq"
            | "Sx"
            | "Sy"
            | "Tn"
            | "Ux"
            | "Va"
            | "Xr"
            | "Oo"
            | "Oc"
            | "Po"
            | "Pc"
            | "Qo"
            | "Qc"
            | "Do"
            | "Dc"
            | "So"
            | "Sc"
            | "Ao"
            | "Ac"
            | "Bo"
            | "Bc"
            | "Bro"
            | "Brc"
            | "Eo"
            | "Ec"
            | "Xo"
            | "Xc"
            | "Ta"
            | "St"
            | "Ql"
            | "Vt"
            | "Ft"
            | "Fn"
            | "Ef"
            | "Bf"
            | "%T"
    )
}

fn is_closing(tok: &str) -> bool {
    matches!(tok, "." | "," | ";" | ":" | "?" | "!" | ")" | "]")
}

fn is_opening(tok: &str) -> bool {
    matches!(tok, "(" | "[")
}

/// Renders the inline macros of one line into text, the way mandoc spaces them.
struct Inline<'a> {
    out: Text,
    no_space: bool,
    /// `.Sm off`: words are joined without spaces.
    spacing: bool,
    name: &'a str,
    problems: &'a mut Vec<Problem>,
}

impl Inline<'_> {
    fn word(&mut self, raw: &str, font: Font) {
        let mut t = Text::new();
        let mut fonts = FontState {
            current: font,
            previous: font,
        };
        render(raw, &mut fonts, &mut t, self.problems);
        let plain = t.raw();
        if !self.out.runs.is_empty() && !self.no_space && self.spacing && !is_closing(&plain) {
            self.out.push(" ", Font::Roman);
        }
        self.out.append(&t);
        self.no_space = is_opening(&plain);
    }

    fn literal(&mut self, s: &str, space_before: bool) {
        if space_before && !self.out.runs.is_empty() && !self.no_space && self.spacing {
            self.out.push(" ", Font::Roman);
        }
        self.out.push(s, Font::Roman);
        self.no_space = false;
    }

    /// Renders `tokens`, the first of which may be a macro name.
    fn tokens(&mut self, tokens: &[String]) {
        let mut i = 0;
        while i < tokens.len() {
            let tok = tokens[i].as_str();
            if !is_callable(tok) {
                self.word(tok, Font::Roman);
                i += 1;
                continue;
            }
            i += 1;
            // The macro's own arguments: up to the next callable macro.
            let end = tokens[i..]
                .iter()
                .position(|t| is_callable(t))
                .map(|p| p + i)
                .unwrap_or(tokens.len());
            match tok {
                "Op" | "Pq" | "Qq" | "Sq" | "Dq" | "Aq" | "Bq" | "Brq" | "Ql" => {
                    let (open, close) = match tok {
                        "Op" | "Bq" => ("[", "]"),
                        "Pq" => ("(", ")"),
                        "Qq" => ("\"", "\""),
                        "Sq" => ("‘", "’"),
                        "Dq" => ("“", "”"),
                        "Aq" => ("⟨", "⟩"),
                        "Brq" => ("{", "}"),
                        _ => ("‘", "’"),
                    };
                    let mut rest = &tokens[i..];
                    let mut trailing = 0;
                    while rest.len() > trailing + 1 && is_closing(&rest[rest.len() - 1 - trailing])
                    {
                        trailing += 1;
                    }
                    let (inner, tail) = rest.split_at(rest.len() - trailing);
                    self.literal(open, true);
                    self.no_space = true;
                    self.tokens(inner);
                    self.out.push(close, Font::Roman);
                    self.no_space = false;
                    rest = tail;
                    for t in rest {
                        self.word(t, Font::Roman);
                    }
                    return;
                }
                "Oo" | "Po" | "Qo" | "Do" | "So" | "Ao" | "Bo" | "Bro" | "Eo" => {
                    let open = match tok {
                        "Oo" | "Bo" => "[",
                        "Po" => "(",
                        "Qo" => "\"",
                        "Do" => "“",
                        "So" => "‘",
                        "Ao" => "⟨",
                        "Bro" => "{",
                        _ => "",
                    };
                    self.literal(open, true);
                    self.no_space = true;
                }
                "Oc" | "Pc" | "Qc" | "Dc" | "Sc" | "Ac" | "Bc" | "Brc" | "Ec" => {
                    let close = match tok {
                        "Oc" | "Bc" => "]",
                        "Pc" => ")",
                        "Qc" => "\"",
                        "Dc" => "”",
                        "Sc" => "’",
                        "Ac" => "⟩",
                        "Brc" => "}",
                        _ => "",
                    };
                    self.out.push(close, Font::Roman);
                    self.no_space = false;
                }
                "Fl" => {
                    let args = &tokens[i..end];
                    let mut any = false;
                    for a in args {
                        if is_closing(a) || is_opening(a) || a == "|" {
                            if !any {
                                self.word("\\-", Font::Bold);
                                any = true;
                            }
                            self.word(a, Font::Roman);
                        } else {
                            self.word(&format!("\\-{a}"), Font::Bold);
                            any = true;
                        }
                    }
                    if !any {
                        self.word("\\-", Font::Bold);
                        // `.Fl Fl print0` is `--print0`: a bare dash joins the next macro's output.
                        if end < tokens.len() && tokens[end] == "Fl" {
                            self.no_space = true;
                        }
                    }
                    i = end;
                    continue;
                }
                "Ns" => {
                    self.no_space = true;
                    continue;
                }
                "Ap" => {
                    self.out.push("'", Font::Roman);
                    self.no_space = true;
                    continue;
                }
                "Pf" => {
                    if let Some(p) = tokens.get(i) {
                        self.word(p, Font::Roman);
                        self.no_space = true;
                        i += 1;
                    }
                    continue;
                }
                "Ta" => {
                    self.out.push("\t", Font::Roman);
                    self.no_space = true;
                    continue;
                }
                "Xo" | "Xc" | "Bf" | "Ef" => continue,
                "Xr" => {
                    let args = &tokens[i..end];
                    if let Some(page) = args.first() {
                        self.word(page, Font::Roman);
                        if let Some(sec) = args.get(1).filter(|s| !is_closing(s)) {
                            self.out.push(format!("({sec})"), Font::Roman);
                            for t in &args[2..] {
                                self.word(t, Font::Roman);
                            }
                        } else {
                            for t in &args[1..] {
                                self.word(t, Font::Roman);
                            }
                        }
                    }
                    i = end;
                    continue;
                }
                "Nm" => {
                    let args = &tokens[i..end];
                    let own: Vec<&String> = args
                        .iter()
                        .filter(|a| !is_closing(a) && !is_opening(a))
                        .collect();
                    if own.is_empty() {
                        let name = self.name.to_string();
                        self.word(&name, Font::Bold);
                    }
                    for a in args {
                        let f = if is_closing(a) || is_opening(a) {
                            Font::Roman
                        } else {
                            Font::Bold
                        };
                        self.word(a, f);
                    }
                    i = end;
                    continue;
                }
                "Ar" if tokens[i..end].iter().all(|a| is_closing(a)) => {
                    self.word("file ...", Font::Italic);
                }
                "Bx" | "Bsx" | "Ox" | "Nx" | "Fx" | "Dx" | "Ux" | "At" => {
                    let base = match tok {
                        "Bx" => "BSD",
                        "Bsx" => "BSD/OS",
                        "Ox" => "OpenBSD",
                        "Nx" => "NetBSD",
                        "Fx" => "FreeBSD",
                        "Dx" => "DragonFly",
                        "Ux" => "UNIX",
                        _ => "AT&T UNIX",
                    };
                    self.literal(base, true);
                    for a in &tokens[i..end] {
                        if is_closing(a) {
                            self.word(a, Font::Roman);
                        } else {
                            self.literal(a, tok != "Bx");
                        }
                    }
                    i = end;
                    continue;
                }
                "St" => {
                    if let Some(std) = tokens.get(i) {
                        let text = match std.as_str() {
                            "-p1003.1" | "-p1003.1-2008" | "-p1003.1-2001" => {
                                "IEEE Std 1003.1 (“POSIX.1”)"
                            }
                            "-p1003.2" | "-p1003.2-92" => "IEEE Std 1003.2 (“POSIX.2”)",
                            "-ansiC" | "-isoC" | "-isoC-99" | "-isoC-2011" => {
                                "ISO/IEC 9899 (“ISO C”)"
                            }
                            "-xpg4" | "-xpg4.2" | "-susv2" | "-susv3" | "-susv4" => {
                                "X/Open Portability Guide (“XPG”)"
                            }
                            _ => std.trim_start_matches('-'),
                        };
                        self.literal(text, true);
                        i += 1;
                    }
                    continue;
                }
                "Lk" => {
                    let args = &tokens[i..end];
                    match args {
                        [url] => self.word(url, Font::Roman),
                        [url, rest @ ..] => {
                            for t in rest {
                                self.word(t, Font::Roman);
                            }
                            self.literal(":", false);
                            self.word(url, Font::Roman);
                        }
                        [] => {}
                    }
                    i = end;
                    continue;
                }
                _ => {
                    let font = match tok {
                        "Ar" | "Em" | "Pa" | "Va" | "Fa" | "Ft" | "Vt" | "%T" => Font::Italic,
                        "Cm" | "Ic" | "Sy" | "Fn" | "Cd" | "Fr" => Font::Bold,
                        "Li" | "Dv" | "Er" => Font::Mono,
                        _ => Font::Roman,
                    };
                    for a in &tokens[i..end] {
                        let f = if is_closing(a) || is_opening(a) {
                            Font::Roman
                        } else {
                            font
                        };
                        self.word(a, f);
                    }
                    i = end;
                    continue;
                }
            }
            // Macros that took no arguments fall through: render their arguments plainly.
            for a in &tokens[i..end] {
                self.word(a, Font::Roman);
            }
            i = end;
        }
    }
}

fn render_inline(tokens: &[String], name: &str, problems: &mut Vec<Problem>) -> Text {
    render_inline_spaced(tokens, name, problems, true)
}

fn render_inline_spaced(
    tokens: &[String],
    name: &str,
    problems: &mut Vec<Problem>,
    spacing: bool,
) -> Text {
    let mut r = Inline {
        out: Text::new(),
        no_space: false,
        spacing,
        name,
        problems,
    };
    r.tokens(tokens);
    r.out
}

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

/// Builds the document of an mdoc(7) page from interpreted lines.
pub fn build(lines: &[Line]) -> Document {
    let mut b = Builder::new(Dialect::Mdoc);
    let mut problems: Vec<Problem> = Vec::new();
    let mut name = String::new();
    let mut open: Vec<Open> = Vec::new();
    let mut xo_head: Option<(Text, u32, ItemStyle)> = None;
    let mut section = String::new();
    let mut prev: Option<&Line> = None;
    let mut spacing = true;
    let mut previous_line_unspaced = false;

    for line in lines {
        if let Some(p) = prev {
            flush_problems(&mut b.doc.diagnostics, p, &mut problems);
        }
        prev = Some(line);
        let lineno = line.line;
        let (macro_name, args): (&str, Vec<String>) = match &line.kind {
            LineKind::Text(t) => {
                if t.trim().is_empty() {
                    if b.nofill() {
                        b.text(&Text::new(), lineno, false);
                    } else {
                        b.paragraph_break();
                    }
                    continue;
                }
                let mut out = Text::new();
                let r = render(t, &mut FontState::default(), &mut out, &mut problems);
                if let Some((head, ..)) = xo_head.as_mut() {
                    head.push_space();
                    head.append(&out);
                } else {
                    b.text(&out, lineno, r.continued);
                }
                continue;
            }
            LineKind::Request { name, args, .. } => (name.as_str(), args.clone()),
        };

        if macro_name == "Sm" {
            spacing = args.first().map(String::as_str) != Some("off");
            continue;
        }
        // As in mandoc, `.Sm off` joins the lines set while it is in force, but the first
        // line after it and the first after `.Sm on` still start with a space
        // (`-L [bind_address:]port`).
        let glued = !spacing && std::mem::replace(&mut previous_line_unspaced, !spacing);
        previous_line_unspaced = !spacing;
        if glued {
            b.joined = true;
        }
        if let Some((head, hline, style)) = xo_head.as_mut() {
            if matches!(macro_name, "Bk" | "Ek" | "Tg") {
                continue;
            }
            let mut tokens = vec![macro_name.to_string()];
            tokens.extend(args.iter().cloned());
            let closes = tokens.iter().any(|t| t == "Xc");
            if is_callable(macro_name) || macro_name == "Xc" {
                let t = render_inline_spaced(&tokens, &name, &mut problems, spacing);
                if !t.runs.is_empty() {
                    if !glued {
                        head.push_space();
                    }
                    head.append(&t);
                }
            }
            if closes || !is_callable(macro_name) {
                let (head, hline, style) = (std::mem::take(head), *hline, *style);
                xo_head = None;
                b.start_item(Some(head), style, hline, HeadState::Body);
                if !closes && !is_callable(macro_name) {
                    problems.push(Problem::new(
                        Code::OpenHead,
                        format!(".Xo head not closed by .Xc before .{macro_name}"),
                    ));
                } else {
                    continue;
                }
            } else {
                continue;
            }
        }

        match macro_name {
            "Dd" | "Os" | "Db" | "Rs" | "Re" | "Bk" | "Ek" | "Tg" | "Sm" | "Ud" | "Bt" | "Hf" => {}
            "Dt" => {
                b.doc.title = args.first().cloned();
                b.doc.section = args.get(1).cloned();
            }
            "Sh" | "Ss" => {
                let title = crate::escape::render_plain(&args.join(" "))
                    .trim()
                    .to_string();
                open.clear();
                if macro_name == "Sh" {
                    section = title.clone();
                    b.start_section(title, lineno);
                } else {
                    b.start_subsection(title, lineno);
                }
            }
            "Pp" | "Lp" => b.paragraph_break(),
            "Bl" => {
                let kind = if args.iter().any(|a| {
                    a == "-tag" || a == "-hang" || a == "-ohang" || a == "-inset" || a == "-diag"
                }) {
                    ListKind::Tag
                } else if args.iter().any(|a| a == "-column") {
                    ListKind::Column
                } else if args.iter().any(|a| a == "-item") {
                    ListKind::Item
                } else {
                    ListKind::Bullet
                };
                b.start_indent(lineno);
                open.push(Open::List(kind));
            }
            "El" | "Ed" => {
                match open.pop() {
                    Some(Open::Display { literal }) if macro_name == "Ed" => {
                        if literal {
                            b.set_nofill(false);
                        }
                    }
                    Some(Open::List(_)) if macro_name == "El" => {}
                    Some(_) | None => problems.push(Problem::new(
                        Code::NothingToClose,
                        format!(".{macro_name} closes no open block"),
                    )),
                }
                b.close_items();
                if !b.end_indent() {
                    problems.push(Problem::new(
                        Code::ItemOutsideList,
                        format!(".{macro_name} without an open list or display"),
                    ));
                }
            }
            "It" => {
                let kind = open
                    .iter()
                    .rev()
                    .find_map(|o| match o {
                        Open::List(k) => Some(*k),
                        _ => None,
                    })
                    .unwrap_or(ListKind::Tag);
                let head = render_inline(&args, &name, &mut problems);
                match kind {
                    ListKind::Tag => {
                        if args.iter().any(|a| a == "Xo") {
                            xo_head = Some((head, lineno, ItemStyle::Tagged));
                        } else {
                            b.start_item(Some(head), ItemStyle::Tagged, lineno, HeadState::Body);
                        }
                    }
                    ListKind::Column => {
                        let cells: Vec<String> = head
                            .raw()
                            .split('\t')
                            .map(|c| c.trim().to_string())
                            .collect();
                        let first =
                            Text::from_run(cells.first().cloned().unwrap_or_default(), Font::Roman);
                        b.start_item(Some(first), ItemStyle::Column, lineno, HeadState::Body);
                        let rest = cells[1.min(cells.len())..].join("  ");
                        if !rest.trim().is_empty() {
                            b.text(&Text::from_run(rest, Font::Roman), lineno, false);
                        }
                    }
                    ListKind::Bullet | ListKind::Item => {
                        let bullet = if kind == ListKind::Bullet { "•" } else { "" };
                        b.start_item(
                            Some(Text::from_run(bullet, Font::Roman)),
                            ItemStyle::Bullet,
                            lineno,
                            HeadState::Body,
                        );
                        if !head.is_blank() {
                            b.text(&head, lineno, false);
                        }
                    }
                }
            }
            "Bd" => {
                let literal = args.iter().any(|a| a == "-literal" || a == "-unfilled");
                b.start_indent(lineno);
                if literal {
                    b.set_nofill(true);
                }
                open.push(Open::Display { literal });
            }
            "D1" | "Dl" => {
                let t = render_inline(&args, &name, &mut problems);
                b.flush();
                let block = if macro_name == "Dl" {
                    Block::Preformatted {
                        text: t,
                        line: lineno,
                    }
                } else {
                    Block::Paragraph {
                        text: t,
                        line: lineno,
                    }
                };
                b.push_block(Block::Indented {
                    blocks: vec![block],
                    line: lineno,
                });
            }
            "Nd" => {
                let mut t = Text::from_run("— ", Font::Roman);
                t.append(&render_inline(&args, &name, &mut problems));
                b.text(&t, lineno, false);
            }
            "Ex" | "Rv" => {
                let who = args
                    .iter()
                    .find(|a| !a.starts_with('-'))
                    .cloned()
                    .unwrap_or_else(|| name.clone());
                let text = if macro_name == "Ex" {
                    format!("The {who} utility exits 0 on success, and >0 if an error occurs.")
                } else {
                    format!(
                        "The {who}() function returns the value 0 if successful; otherwise the value -1 is returned and the global variable errno is set to indicate the error."
                    )
                };
                b.text(&Text::from_run(text, Font::Roman), lineno, false);
            }
            "In" | "Fd" | "Ft" | "Fo" | "Fc" | "Fn" | "Vt" | "Lb" | "%A" | "%B" | "%C" | "%D"
            | "%I" | "%J" | "%N" | "%O" | "%P" | "%Q" | "%R" | "%T" | "%U" | "%V" | "Ef" | "Bf" => {
                let t = render_inline(&args, &name, &mut problems);
                if !t.is_blank() {
                    b.text(&t, lineno, false);
                }
            }
            "br" => b.line_break(),
            "sp" => b.paragraph_break(),
            "nf" => b.set_nofill(true),
            "fi" => b.set_nofill(false),
            _ if is_callable(macro_name) => {
                if macro_name == "Nm"
                    && name.is_empty()
                    && let Some(first) = args.first()
                {
                    name = crate::escape::render_plain(first);
                }
                if macro_name == "Nm" && section.eq_ignore_ascii_case("SYNOPSIS") {
                    b.paragraph_break();
                }
                let mut tokens = vec![macro_name.to_string()];
                tokens.extend(args);
                let t = render_inline_spaced(&tokens, &name, &mut problems, spacing);
                b.text(&t, lineno, false);
            }
            _ => {
                // Unknown macros were reported by the interpreter; their arguments are still text.
                if !args.is_empty() && !crate::man::is_known(macro_name) {
                    let t = render_inline(&args, &name, &mut problems);
                    b.text(&t, lineno, false);
                }
            }
        }
    }
    if let Some(p) = prev {
        flush_problems(&mut b.doc.diagnostics, p, &mut problems);
    }
    if let Some((head, hline, style)) = xo_head {
        b.start_item(Some(head), style, hline, HeadState::Body);
    }
    b.finish()
}

fn flush_problems(diags: &mut Vec<Diagnostic>, line: &Line, problems: &mut Vec<Problem>) {
    for problem in problems.drain(..) {
        crate::interp::push_warning(diags, line, problem);
    }
}
