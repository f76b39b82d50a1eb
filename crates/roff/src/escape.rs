//! roff escape sequences (`\fB`, `\(em`, `\[u2014]`, `\s-1`, `\c`, ...) resolved into font runs.
//!
//! The escapes are recognised with nom parsers; the glyph names come from groff_char(7).

use nom::branch::alt;
use nom::bytes::complete::{tag, take, take_till, take_while};
use nom::character::complete::{anychar, char, one_of};
use nom::combinator::{opt, recognize};
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};

use crate::diagnostic::{Code, Problem};
use crate::tree::{Font, Text};

/// The current and previous font, as `\fP` needs both.
#[derive(Debug, Clone, Copy, Default)]
pub struct FontState {
    /// The font new text is set in.
    pub current: Font,
    /// The font `\fP` returns to.
    pub previous: Font,
}

impl FontState {
    /// Switches to `font`, remembering the old one for `\fP`.
    pub fn set(&mut self, font: Font) {
        self.previous = self.current;
        self.current = font;
    }
    /// Returns to the previous font.
    pub fn restore(&mut self) {
        std::mem::swap(&mut self.current, &mut self.previous);
    }
}

/// What one escape sequence stands for.
#[derive(Debug, PartialEq, Eq)]
enum Escape<'a> {
    /// Literal text to print.
    Text(&'a str),
    /// A glyph looked up by name (`\(em`, `\[em]`, `\C'em'`).
    Glyph(&'a str),
    /// A font change; the name as written (`B`, `CW`, `P`).
    Font(&'a str),
    /// `\c`: the next input line continues this output line with no space.
    Continue,
    /// `\"` or `\#`: the rest of the line is a comment.
    Comment,
    /// `\N'65'`: a character by its code.
    CharCode(&'a str),
    /// Escapes that print nothing here (sizes, motions, colours, marks, zero-width).
    Nothing,
    /// An escape this parser does not know; the character after the backslash.
    Unknown(char),
}

/// A one-character, `(xx` two-character or `[long]` bracketed name.
fn escape_name(i: &str) -> IResult<&str, &str> {
    alt((
        preceded(char('('), recognize((anychar, anychar))),
        delimited(char('['), take_till(|c| c == ']'), char(']')),
        recognize(anychar),
    ))
    .parse(i)
}

/// An argument between two copies of a delimiter character: `'10p'`, `|x|`.
fn delimited_arg(i: &str) -> IResult<&str, &str> {
    let (rest, delim) = anychar(i)?;
    let (rest, body) = take_till(|c| c == delim).parse(rest)?;
    let (rest, _) = opt(char(delim)).parse(rest)?;
    Ok((rest, body))
}

/// `\s` size changes: `\s-1`, `\s+2`, `\s0`, `\s12`, `\s(12`, `\s[+3]`, `\s'10'`, `\s-(12`.
fn size_arg(i: &str) -> IResult<&str, &str> {
    alt((
        delimited(char('['), take_till(|c| c == ']'), char(']')),
        preceded(opt(one_of("+-")), preceded(char('('), take(2usize))),
        preceded(char('\''), take_till(|c| c == '\'')).map(|s| s),
        recognize((opt(one_of("+-")), take_while(|c: char| c.is_ascii_digit()))),
    ))
    .parse(i)
}

/// One escape sequence, the backslash already consumed.
fn escape(i: &str) -> IResult<&str, Escape<'_>> {
    let (rest, c) = anychar(i)?;
    let esc = match c {
        'f' => return escape_name.map(Escape::Font).parse(rest),
        '(' => return recognize((anychar, anychar)).map(Escape::Glyph).parse(rest),
        '[' => {
            let (r, name) = take_till(|c| c == ']').parse(rest)?;
            let (r, _) = opt(char(']')).parse(r)?;
            return Ok((r, Escape::Glyph(name)));
        }
        'C' => return delimited_arg.map(Escape::Glyph).parse(rest),
        'N' => return delimited_arg.map(Escape::CharCode).parse(rest),
        's' => {
            let (r, _) = size_arg(rest)?;
            // A stray quote from `\s'..'` forms.
            let (r, _) = opt(tag("'")).parse(r)?;
            return Ok((r, Escape::Nothing));
        }
        'F' | 'm' | 'M' | 'g' | 'k' | 'Y' | 'V' | 'n' | '*' | '$' | 'O' => {
            let rest = rest.strip_prefix(['+', '-']).unwrap_or(rest);
            return escape_name.map(|_| Escape::Nothing).parse(rest);
        }
        'h' | 'v' | 'w' | 'x' | 'H' | 'S' | 'D' | 'l' | 'L' | 'X' | 'b' | 'A' | 'B' | 'R' | 'o' => {
            return delimited_arg.map(|_| Escape::Nothing).parse(rest);
        }
        'Z' => return delimited_arg.map(Escape::Text).parse(rest),
        'e' | 'E' | '\\' => Escape::Text("\\"),
        '-' => Escape::Text("-"),
        '.' => Escape::Text("."),
        '\'' => Escape::Text("'"),
        '`' => Escape::Text("`"),
        ' ' | '0' | '~' | '_' => Escape::Text(if c == '_' { "_" } else { " " }),
        't' => Escape::Text("\t"),
        '"' | '#' => Escape::Comment,
        'c' => Escape::Continue,
        '&' | '|' | '^' | '%' | ':' | '/' | ',' | ')' | '{' | '}' | 'a' | 'p' | 'r' | 'u' | 'd'
        | 'z' | '!' | '?' | '\n' => Escape::Nothing,
        other => Escape::Unknown(other),
    };
    Ok((rest, esc))
}

/// Maps a roff font name to our font.
fn font_named(name: &str) -> Option<Font> {
    Some(match name {
        "R" | "1" | "N" | "AR" | "TR" | "HR" | "NR" | "PR" => Font::Roman,
        "B" | "3" | "TB" | "HB" | "NB" | "PB" | "CB" | "CWB" | "VB" | "AB" => Font::Bold,
        "I" | "2" | "TI" | "HI" | "NI" | "PI" | "CI" | "CWI" | "VI" | "AI" | "U" => Font::Italic,
        "BI" | "4" | "TBI" | "HBI" | "NBI" | "PBI" | "CBI" => Font::BoldItalic,
        "CW" | "C" | "CR" | "V" | "CO" | "CWR" | "TT" | "L" | "M" => Font::Mono,
        _ => return None,
    })
}

/// The text of a named glyph (groff_char(7)); `None` for names we do not know.
///
/// Long because it is a table: one arm per glyph, in groff_char(7)'s order, which a compiled
/// `match` looks up faster than a list would and keeps greppable by name.
pub fn glyph(name: &str) -> Option<&'static str> {
    if let Some(hex) = name.strip_prefix('u') {
        let first = hex.split('_').next().unwrap_or(hex);
        if let Ok(code) = u32::from_str_radix(first, 16)
            && let Some(c) = char::from_u32(code)
        {
            return Some(leak_char(c));
        }
    }
    if let Some(dec) = name.strip_prefix("char")
        && let Ok(code) = dec.parse::<u32>()
        && let Some(c) = char::from_u32(code)
    {
        return Some(leak_char(c));
    }
    Some(match name {
        "em" => "—",
        "en" => "–",
        "hy" | "-" | "mi" | "\\-" => "-",
        "bu" => "•",
        "co" => "©",
        "rg" => "®",
        "tm" => "™",
        "lq" | "Lq" => "“",
        "rq" | "Rq" => "”",
        "oq" => "‘",
        "cq" => "’",
        "aq" => "'",
        "dq" => "\"",
        "ga" => "`",
        "aa" => "´",
        "ha" | "a^" => "^",
        "ti" | "a~" => "~",
        "ul" | "ru" => "_",
        "ba" | "bv" | "br" => "|",
        "rs" => "\\",
        "sl" => "/",
        "pl" => "+",
        "eq" => "=",
        "mu" => "×",
        "di" => "÷",
        "+-" => "±",
        "<=" => "≤",
        ">=" => "≥",
        "!=" => "≠",
        "==" => "≡",
        "~=" | "=~" => "≅",
        "ap" | "~~" => "≈",
        "->" => "→",
        "<-" => "←",
        "<>" => "↔",
        "ua" => "↑",
        "da" => "↓",
        "rA" | "=>" => "⇒",
        "lA" => "⇐",
        "**" => "∗",
        "de" => "°",
        "sc" => "§",
        "ps" => "¶",
        "dg" => "†",
        "dd" => "‡",
        "fm" => "′",
        "sd" => "″",
        "sq" => "□",
        "ci" => "○",
        "OK" | "tick" => "✓",
        "Fo" | "fo" => "«",
        "Fc" | "fc" => "»",
        "la" | "fo1" => "⟨",
        "ra" => "⟩",
        "lB" => "[",
        "rB" => "]",
        "lC" => "{",
        "rC" => "}",
        "ct" => "¢",
        "Po" => "£",
        "Eu" | "eu" => "€",
        "Ye" => "¥",
        "no" | "tno" => "¬",
        "if" => "∞",
        "es" => "∅",
        "mo" => "∈",
        "pd" => "∂",
        "sr" => "√",
        "*a" => "α",
        "*b" => "β",
        "*m" => "μ",
        "*p" => "π",
        "*l" => "λ",
        "*s" => "σ",
        "12" => "½",
        "14" => "¼",
        "34" => "¾",
        "S1" => "¹",
        "S2" => "²",
        "S3" => "³",
        "r!" => "¡",
        "r?" => "¿",
        "ss" => "ß",
        "'e" => "é",
        "`e" => "è",
        "'a" => "á",
        "`a" => "à",
        "'o" => "ó",
        ":a" => "ä",
        ":o" => "ö",
        ":u" => "ü",
        ":A" => "Ä",
        ":O" => "Ö",
        ":U" => "Ü",
        "'E" => "É",
        ",c" => "ç",
        "~n" => "ñ",
        "at" => "@",
        "sh" => "#",
        "Do" => "$",
        "pc" => "·",
        "md" => "⋅",
        "tmu" => "×",
        "nbsp" | "~" => " ",
        "en-dash" => "–",
        "bq" => "‚",
        "Bq" => "„",
        "dA" => "⇓",
        "uA" => "⇑",
        "hA" => "⇔",
        "AN" => "∧",
        "OR" => "∨",
        "fa" => "∀",
        "te" => "∃",
        "st" => "∋",
        "3d" => "∴",
        "ib" => "⊆",
        "ip" => "⊇",
        "sb" => "⊂",
        "sp" => "⊃",
        "ca" => "∩",
        "cu" => "∪",
        "gr" => "∇",
        "is" => "∫",
        "pt" => "∝",
        "lh" => "☜",
        "rh" => "☞",
        "CR" => "↵",
        "an" => "⎯",
        "or" => "|",
        "Sd" => "ð",
        "TP" => "Þ",
        "Tp" => "þ",
        "/o" => "ø",
        "/O" => "Ø",
        "oa" => "å",
        "oA" => "Å",
        "ae" => "æ",
        "AE" => "Æ",
        _ => return None,
    })
}

/// A `&'static str` for one char, for the rare `\[uXXXX]` glyphs; common ones are cached.
fn leak_char(c: char) -> &'static str {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<char, &'static str>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(c)
        .or_insert_with(|| Box::leak(c.to_string().into_boxed_str()))
}

/// The result of rendering one line of roff text.
#[derive(Debug, Default, Clone, Copy)]
pub struct Rendered {
    /// The line ended in `\c`: the next line joins it without a space.
    pub continued: bool,
}

/// Renders `input` (one line, escapes and all) onto `out`, tracking the font in `fonts`.
/// Escapes that are not understood are described in `problems` and dropped.
pub fn render(
    input: &str,
    fonts: &mut FontState,
    out: &mut Text,
    problems: &mut Vec<Problem>,
) -> Rendered {
    let mut rendered = Rendered::default();
    let mut rest = input;
    while !rest.is_empty() {
        let plain_len = rest.find('\\').unwrap_or(rest.len());
        if plain_len > 0 {
            out.push(&rest[..plain_len], fonts.current);
            rendered.continued = false;
            rest = &rest[plain_len..];
            continue;
        }
        // rest starts with a backslash
        let after = &rest[1..];
        if after.is_empty() {
            break;
        }
        let Ok((next, esc)) = escape(after) else {
            break;
        };
        rest = next;
        match esc {
            Escape::Text(t) => {
                out.push(t, fonts.current);
                rendered.continued = false;
            }
            Escape::Glyph(name) => {
                match glyph(name) {
                    Some(g) => out.push(g, fonts.current),
                    None => problems.push(Problem::new(
                        Code::UnknownGlyph,
                        format!("unknown glyph \\[{name}]"),
                    )),
                }
                rendered.continued = false;
            }
            Escape::CharCode(code) => {
                if let Some(c) = code.trim().parse::<u32>().ok().and_then(char::from_u32) {
                    out.push(c.to_string(), fonts.current);
                } else {
                    problems.push(Problem::new(
                        Code::BadCharacterCode,
                        format!("bad character code \\N'{code}'"),
                    ));
                }
            }
            Escape::Font(name) => match name {
                "P" | "" | "0" => fonts.restore(),
                _ => match font_named(name) {
                    Some(f) => fonts.set(f),
                    None => {
                        // Any font name ending in B or I says enough.
                        let guess = if name.ends_with("BI") {
                            Font::BoldItalic
                        } else if name.ends_with('B') {
                            Font::Bold
                        } else if name.ends_with('I') {
                            Font::Italic
                        } else {
                            problems.push(Problem::new(
                                Code::UnknownFont,
                                format!("unknown font \\f[{name}], set as roman"),
                            ));
                            Font::Roman
                        };
                        fonts.set(guess);
                    }
                },
            },
            Escape::Continue => rendered.continued = true,
            Escape::Comment => break,
            Escape::Nothing => {}
            Escape::Unknown(c) => {
                problems.push(Problem::new(
                    Code::UnknownEscape,
                    format!("unknown escape \\{c}"),
                ));
                let mut buf = [0u8; 4];
                out.push(c.encode_utf8(&mut buf), fonts.current);
            }
        }
    }
    rendered
}

/// Renders `input` to plain text, fonts dropped.
pub fn render_plain(input: &str) -> String {
    let mut text = Text::new();
    let mut fonts = FontState::default();
    render(input, &mut fonts, &mut text, &mut Vec::new());
    text.raw()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(input: &str) -> Vec<(String, Font)> {
        let mut text = Text::new();
        let mut fonts = FontState::default();
        let mut problems = Vec::new();
        render(input, &mut fonts, &mut text, &mut problems);
        text.runs.into_iter().map(|r| (r.text, r.font)).collect()
    }

    #[test]
    fn fonts_switch_and_restore() {
        assert_eq!(
            runs(r"\fB\-x\fR, \fI\-\-extract\fP or \f(CWcode\f[] \f[V]v\fR"),
            vec![
                ("-x".into(), Font::Bold),
                (", ".into(), Font::Roman),
                ("--extract".into(), Font::Italic),
                (" or ".into(), Font::Roman),
                ("code".into(), Font::Mono),
                (" ".into(), Font::Roman),
                ("v".into(), Font::Mono),
            ]
        );
    }

    #[test]
    fn glyphs_and_spacing_escapes() {
        assert_eq!(
            render_plain(r"a\(emb\[en]c\[u2014]d\e\&\|\^x\ y\~z\0w"),
            "a—b–c—d\\x y z w"
        );
        assert_eq!(
            render_plain(r"\s-1SIZE\s0 \s+2big\s[-2]x\s(12y"),
            "SIZE bigxy"
        );
        assert_eq!(render_plain(r#"before\" a comment"#), "before");
        assert_eq!(render_plain(r"\*(lqquoted\N'65'"), "quotedA");
        assert_eq!(render_plain(r"\h'1n'\v'-1'\w'abc'x\kxy"), "xy");
    }

    #[test]
    fn continuation_is_reported() {
        let mut text = Text::new();
        let r = render(
            r"\fB\-o\fR\c",
            &mut FontState::default(),
            &mut text,
            &mut Vec::new(),
        );
        assert!(r.continued);
    }

    #[test]
    fn unknown_escapes_are_reported_not_guessed() {
        let mut problems = Vec::new();
        render(
            r"a\[nosuchglyph]b\jc",
            &mut FontState::default(),
            &mut Text::new(),
            &mut problems,
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].message.contains("nosuchglyph"));
        assert_eq!(problems[0].code, Code::UnknownGlyph);
    }

    #[test]
    fn truncated_escapes_do_not_panic() {
        for s in [
            r"\", r"\f", r"\f(", r"\(", r"\[", r"\s", r"\s(", r"\h'", r"\N", "\\\u{e9}",
        ] {
            let _ = render_plain(s);
        }
    }
}
