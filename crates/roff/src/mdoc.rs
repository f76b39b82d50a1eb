//! The mdoc(7) front end's inline half: the callable macros of a line (`Fl x Ar file`, `Op`,
//! ...) rendered the way mandoc prints them. The block macros (`.Sh`, `.Bl`, `.It`, ...) are
//! in `mdoc_blocks.rs`.

use crate::diagnostic::Problem;
use crate::escape::{FontState, render};
use crate::tree::{Font, Text};

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

/// Macros that may be called from inside another macro's line: those of [`inline_macro`].
pub(crate) fn is_callable(name: &str) -> bool {
    inline_macro(name).is_some()
}

/// What an inline macro does with the tokens after its name.
type InlineHandler = fn(&mut Inline, &Call) -> Step;

/// One call of an inline macro: `tokens[start..end]` are its own arguments (up to the next
/// callable macro); `tokens[start..]` is all that follows it on the line.
struct Call<'t> {
    tokens: &'t [String],
    name: &'t str,
    start: usize,
    end: usize,
}

impl Call<'_> {
    fn args(&self) -> &[String] {
        &self.tokens[self.start..self.end]
    }
}

/// Where rendering goes on after a macro.
enum Step {
    /// With the token at this index.
    Resume(usize),
    /// Nowhere: the macro took the rest of the line.
    Done,
}

/// The inline macros and their handlers, as mandoc's `mdoc_macro.c` table: one entry per macro
/// (a `match`, which compiles to a lookup by length and bytes, not a scan of names).
fn inline_macro(name: &str) -> Option<InlineHandler> {
    Some(match name {
        "Op" | "Pq" | "Qq" | "Sq" | "Dq" | "Aq" | "Bq" | "Brq" | "Ql" => enclose,
        "Oo" | "Po" | "Qo" | "Do" | "So" | "Ao" | "Bo" | "Bro" | "Eo" => open,
        "Oc" | "Pc" | "Qc" | "Dc" | "Sc" | "Ac" | "Bc" | "Brc" | "Ec" => close,
        "Fl" => flag,
        "Ns" => no_space,
        "Ap" => apostrophe,
        "Pf" => prefix,
        "Ta" => tab,
        "Xo" | "Xc" | "Bf" | "Ef" => ignored,
        "Xr" => cross_reference,
        "Nm" => program_name,
        "Bx" | "Bsx" | "Ox" | "Nx" | "Fx" | "Dx" | "Ux" | "At" => system_name,
        "St" => standard,
        "Lk" => link,
        "Ar" => argument,
        "Ad" | "An" | "Cd" | "Cm" | "Dv" | "Em" | "Er" | "Ev" | "Fa" | "Fr" | "Ic" | "Li"
        | "Ms" | "Mt" | "No" | "Pa" | "Sx" | "Sy" | "Tn" | "Va" | "Vt" | "Ft" | "Fn" | "%T" => {
            styled
        }
        _ => return None,
    })
}

/// `Op x`, `Pq x`, `Qq x`, ...: the rest of the line enclosed, closing punctuation after it.
fn enclose(r: &mut Inline, call: &Call) -> Step {
    let (open, close) = match call.name {
        "Op" | "Bq" => ("[", "]"),
        "Pq" => ("(", ")"),
        "Qq" => ("\"", "\""),
        "Sq" => ("‘", "’"),
        "Dq" => ("“", "”"),
        "Aq" => ("⟨", "⟩"),
        "Brq" => ("{", "}"),
        _ => ("‘", "’"),
    };
    let rest = &call.tokens[call.start..];
    let mut trailing = 0;
    while rest.len() > trailing + 1 && is_closing(&rest[rest.len() - 1 - trailing]) {
        trailing += 1;
    }
    let (inner, tail) = rest.split_at(rest.len() - trailing);
    r.literal(open, true);
    r.no_space = true;
    r.tokens(inner);
    r.out.push(close, Font::Roman);
    r.no_space = false;
    for t in tail {
        r.word(t, Font::Roman);
    }
    Step::Done
}

/// `Oo`, `Po`, ...: an opening bracket that a later `Oc`, `Pc`, ... closes.
fn open(r: &mut Inline, call: &Call) -> Step {
    let open = match call.name {
        "Oo" | "Bo" => "[",
        "Po" => "(",
        "Qo" => "\"",
        "Do" => "“",
        "So" => "‘",
        "Ao" => "⟨",
        "Bro" => "{",
        _ => "",
    };
    r.literal(open, true);
    r.no_space = true;
    r.plain(call)
}

/// `Oc`, `Pc`, ...: the closing bracket.
fn close(r: &mut Inline, call: &Call) -> Step {
    let close = match call.name {
        "Oc" | "Bc" => "]",
        "Pc" => ")",
        "Qc" => "\"",
        "Dc" => "”",
        "Sc" => "’",
        "Ac" => "⟩",
        "Brc" => "}",
        _ => "",
    };
    r.out.push(close, Font::Roman);
    r.no_space = false;
    r.plain(call)
}

/// `Fl x y`: `-x -y` in bold; a bare `Fl` is one dash.
fn flag(r: &mut Inline, call: &Call) -> Step {
    let mut any = false;
    for a in call.args() {
        if is_closing(a) || is_opening(a) || a == "|" {
            if !any {
                r.word("\\-", Font::Bold);
                any = true;
            }
            r.word(a, Font::Roman);
        } else {
            r.word(&format!("\\-{a}"), Font::Bold);
            any = true;
        }
    }
    if !any {
        r.word("\\-", Font::Bold);
        // `.Fl Fl print0` is `--print0`: a bare dash joins the next macro's output.
        if call.tokens.get(call.end).is_some_and(|t| t == "Fl") {
            r.no_space = true;
        }
    }
    Step::Resume(call.end)
}

/// `Ns`: no space before what follows.
fn no_space(r: &mut Inline, call: &Call) -> Step {
    r.no_space = true;
    Step::Resume(call.start)
}

/// `Ap`: an apostrophe, joined on both sides.
fn apostrophe(r: &mut Inline, call: &Call) -> Step {
    r.out.push("'", Font::Roman);
    r.no_space = true;
    Step::Resume(call.start)
}

/// `Pf p Macro ...`: `p` joined to what the next macro prints.
fn prefix(r: &mut Inline, call: &Call) -> Step {
    match call.tokens.get(call.start) {
        Some(p) => {
            r.word(p, Font::Roman);
            r.no_space = true;
            Step::Resume(call.start + 1)
        }
        None => Step::Resume(call.start),
    }
}

/// `Ta`: the next column of a `.Bl -column` row.
fn tab(r: &mut Inline, call: &Call) -> Step {
    r.out.push("\t", Font::Roman);
    r.no_space = true;
    Step::Resume(call.start)
}

/// `Xo`, `Xc`, `Bf`, `Ef` print nothing of their own.
fn ignored(_: &mut Inline, call: &Call) -> Step {
    Step::Resume(call.start)
}

/// `Xr page section`: `page(section)`.
fn cross_reference(r: &mut Inline, call: &Call) -> Step {
    let args = call.args();
    if let Some(page) = args.first() {
        r.word(page, Font::Roman);
        if let Some(sec) = args.get(1).filter(|s| !is_closing(s)) {
            r.out.push(format!("({sec})"), Font::Roman);
            for t in &args[2..] {
                r.word(t, Font::Roman);
            }
        } else {
            for t in &args[1..] {
                r.word(t, Font::Roman);
            }
        }
    }
    Step::Resume(call.end)
}

/// `Nm [name]`: the page's program (from `.Nm`'s first use) or the name given, in bold.
fn program_name(r: &mut Inline, call: &Call) -> Step {
    let args = call.args();
    if args.iter().all(|a| is_closing(a) || is_opening(a)) {
        let name = r.name.to_string();
        r.word(&name, Font::Bold);
    }
    for a in args {
        let f = if is_closing(a) || is_opening(a) {
            Font::Roman
        } else {
            Font::Bold
        };
        r.word(a, f);
    }
    Step::Resume(call.end)
}

/// `Bx 4.4`, `Ox`, `At v7`, ...: a system's name and version.
fn system_name(r: &mut Inline, call: &Call) -> Step {
    let base = match call.name {
        "Bx" => "BSD",
        "Bsx" => "BSD/OS",
        "Ox" => "OpenBSD",
        "Nx" => "NetBSD",
        "Fx" => "FreeBSD",
        "Dx" => "DragonFly",
        "Ux" => "UNIX",
        _ => "AT&T UNIX",
    };
    r.literal(base, true);
    for a in call.args() {
        if is_closing(a) {
            r.word(a, Font::Roman);
        } else {
            r.literal(a, call.name != "Bx");
        }
    }
    Step::Resume(call.end)
}

/// `St -p1003.1`: a standard's name.
fn standard(r: &mut Inline, call: &Call) -> Step {
    let Some(std) = call.tokens.get(call.start) else {
        return Step::Resume(call.start);
    };
    let text = match std.as_str() {
        "-p1003.1" | "-p1003.1-2008" | "-p1003.1-2001" => "IEEE Std 1003.1 (“POSIX.1”)",
        "-p1003.2" | "-p1003.2-92" => "IEEE Std 1003.2 (“POSIX.2”)",
        "-ansiC" | "-isoC" | "-isoC-99" | "-isoC-2011" => "ISO/IEC 9899 (“ISO C”)",
        "-xpg4" | "-xpg4.2" | "-susv2" | "-susv3" | "-susv4" => "X/Open Portability Guide (“XPG”)",
        _ => std.trim_start_matches('-'),
    };
    r.literal(text, true);
    Step::Resume(call.start + 1)
}

/// `Lk url [text]`: the text, then the address.
fn link(r: &mut Inline, call: &Call) -> Step {
    match call.args() {
        [url] => r.word(url, Font::Roman),
        [url, rest @ ..] => {
            for t in rest {
                r.word(t, Font::Roman);
            }
            r.literal(":", false);
            r.word(url, Font::Roman);
        }
        [] => {}
    }
    Step::Resume(call.end)
}

/// `Ar name`: an argument in italic; a bare `Ar` is mandoc's `file ...`.
fn argument(r: &mut Inline, call: &Call) -> Step {
    if call.args().iter().all(|a| is_closing(a)) {
        r.word("file ...", Font::Italic);
        return r.plain(call);
    }
    styled(r, call)
}

/// Macros that only set the font of their arguments (`Cm`, `Pa`, `Li`, ...).
fn styled(r: &mut Inline, call: &Call) -> Step {
    let font = match call.name {
        "Ar" | "Em" | "Pa" | "Va" | "Fa" | "Ft" | "Vt" | "%T" => Font::Italic,
        "Cm" | "Ic" | "Sy" | "Fn" | "Cd" | "Fr" => Font::Bold,
        "Li" | "Dv" | "Er" => Font::Mono,
        _ => Font::Roman,
    };
    for a in call.args() {
        let f = if is_closing(a) || is_opening(a) {
            Font::Roman
        } else {
            font
        };
        r.word(a, f);
    }
    Step::Resume(call.end)
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

    /// Renders a call's arguments in roman type, and goes on after them.
    fn plain(&mut self, call: &Call) -> Step {
        for a in call.args() {
            self.word(a, Font::Roman);
        }
        Step::Resume(call.end)
    }

    /// Renders `tokens`, the first of which may be a macro name.
    fn tokens(&mut self, tokens: &[String]) {
        let mut i = 0;
        while i < tokens.len() {
            let name = tokens[i].as_str();
            let Some(handler) = inline_macro(name) else {
                self.word(name, Font::Roman);
                i += 1;
                continue;
            };
            let start = i + 1;
            let end = tokens[start..]
                .iter()
                .position(|t| is_callable(t))
                .map_or(tokens.len(), |p| p + start);
            let call = Call {
                tokens,
                name,
                start,
                end,
            };
            match handler(self, &call) {
                Step::Resume(next) => i = next,
                Step::Done => return,
            }
        }
    }
}

pub(crate) fn render_inline(tokens: &[String], name: &str, problems: &mut Vec<Problem>) -> Text {
    render_inline_spaced(tokens, name, problems, true)
}

pub(crate) fn render_inline_spaced(
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
