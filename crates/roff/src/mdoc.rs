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

/// Macros that may be called from inside another macro's line.
pub(crate) fn is_callable(name: &str) -> bool {
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
