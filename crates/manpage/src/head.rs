//! Reading a definition head (`-f, --file=ARCHIVE`, `--color[=WHEN]`, `-o <file>`) as options.
//!
//! The grammar: alternatives separated by `,`, `|`, ` or `, or `/` before a dash; each alternative
//! a flag and an optional argument. A head that holds anything else is not an option head: we
//! would rather miss an option than invent one from prose.

use roff::{Font, Text};

use crate::model::{Argument, ArgumentNeed, Flag};

/// What a head defines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedHead {
    /// Every flag, in order.
    pub flags: Vec<Flag>,
    /// The argument, when any spelling takes one.
    pub argument: Option<Argument>,
}

struct Scanner {
    chars: Vec<(char, Font)>,
    pos: usize,
}

impl Scanner {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).map(|c| c.0)
    }
    fn font_at(&self, i: usize) -> Option<Font> {
        self.chars.get(i).map(|c| c.1)
    }
    fn rest(&self) -> String {
        self.chars[self.pos.min(self.chars.len())..]
            .iter()
            .map(|c| c.0)
            .collect()
    }
    fn starts_with(&self, s: &str) -> bool {
        (self.pos..)
            .zip(s.chars())
            .all(|(i, c)| self.chars.get(i).map(|x| x.0) == Some(c))
    }
    fn skip_blanks(&mut self) {
        while self.peek().is_some_and(|c| c == ' ' || c == '\t') {
            self.pos += 1;
        }
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '+')
}

fn is_first_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '?' | '@' | '#' | '!' | '%' | '&' | '*')
}

/// Reads a flag at the scanner's position: `-x`, `--name`, `-name`, `+x`, `--[no-]name`.
fn flag(s: &mut Scanner) -> Option<Vec<String>> {
    let start = s.pos;
    let dashes = if s.starts_with("--") {
        "--"
    } else if s.starts_with("-") {
        "-"
    } else if s.starts_with("+") {
        "+"
    } else {
        return None;
    };
    s.pos += dashes.len();
    let mut negatable = None;
    if dashes == "--" {
        for prefix in ["[no-]", "[no]"] {
            if s.starts_with(prefix) {
                negatable = Some(&prefix[1..prefix.len() - 1]);
                s.pos += prefix.len();
            }
        }
    }
    let name_start = s.pos;
    match s.peek() {
        Some(c) if is_first_char(c) => s.pos += 1,
        _ => {
            s.pos = start;
            return None;
        }
    }
    let first_font = s.font_at(name_start);
    // A one-letter flag may be glued to its argument in another font: `-d`*num*.
    while let Some(c) = s.peek() {
        if !is_name_char(c) {
            break;
        }
        if s.font_at(s.pos) != first_font && s.font_at(s.pos).is_some_and(Font::is_italic) {
            break;
        }
        s.pos += 1;
    }
    // Names end in a letter or digit, never in punctuation.
    while s.pos > name_start + 1 && matches!(s.chars[s.pos - 1].0, '.' | ':' | '-' | '+') {
        s.pos -= 1;
    }
    let name: String = s.chars[name_start..s.pos].iter().map(|c| c.0).collect();
    let mut out = vec![format!("{dashes}{name}")];
    if let Some(no) = negatable {
        out.push(format!("{dashes}{no}{name}"));
    }
    Some(out)
}

/// Reads a bracketed group `[...]`, `<...>` or `{...}` with nesting; returns its text.
fn group(s: &mut Scanner) -> Option<String> {
    let open = s.peek()?;
    let close = match open {
        '[' => ']',
        '<' => '>',
        '{' => '}',
        '(' => ')',
        _ => return None,
    };
    let start = s.pos;
    let mut depth = 0;
    while let Some(c) = s.peek() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                s.pos += 1;
                return Some(s.chars[start..s.pos].iter().map(|c| c.0).collect());
            }
        }
        s.pos += 1;
    }
    s.pos = start;
    None
}

/// Reads an argument word: up to a blank, a comma or a `|` outside brackets.
fn arg_word(s: &mut Scanner) -> Option<String> {
    let start = s.pos;
    let mut depth = 0i32;
    while let Some(c) = s.peek() {
        match c {
            '[' | '<' | '{' | '(' => depth += 1,
            ']' | '>' | '}' | ')' => depth -= 1,
            ' ' | '\t' | ',' | '|' if depth <= 0 => break,
            _ => {}
        }
        s.pos += 1;
    }
    (s.pos > start).then(|| s.chars[start..s.pos].iter().map(|c| c.0).collect())
}

/// Whether `word` looks like an argument name rather than prose.
fn looks_like_arg(word: &str) -> bool {
    let w = word.trim_end_matches("...").trim_end_matches('…');
    if w.is_empty() || w.starts_with('-') {
        return false;
    }
    w.chars().all(|c| !c.is_whitespace())
        && w.chars().any(|c| c.is_alphanumeric() || c == '_')
        && !w.ends_with(['.', ';'])
}

fn separator(s: &mut Scanner) -> bool {
    let save = s.pos;
    s.skip_blanks();
    for sep in [",", "|", "/"] {
        if s.starts_with(sep) {
            s.pos += 1;
            s.skip_blanks();
            if sep == "/" && !matches!(s.peek(), Some('-' | '+')) {
                s.pos = save;
                return false;
            }
            return true;
        }
    }
    if s.starts_with("or ") {
        s.pos += 3;
        s.skip_blanks();
        return true;
    }
    s.pos = save;
    false
}

/// Parses one line of a head. `None` when the line is not (only) options.
pub fn parse_head_line(line: &Text) -> Option<ParsedHead> {
    let mut chars = Vec::new();
    for run in &line.runs {
        for c in run.text.chars() {
            chars.push((if c == '\u{a0}' { ' ' } else { c }, run.font));
        }
    }
    let mut s = Scanner { chars, pos: 0 };
    s.skip_blanks();
    let mut head = ParsedHead::default();
    while let Some(names) = flag(&mut s) {
        for n in names {
            if !head.flags.iter().any(|f| f.text == n) {
                head.flags.push(Flag::new(&n));
            }
        }
        // The argument.
        let mut arg: Option<Argument> = None;
        match s.peek() {
            Some('=') => {
                s.pos += 1;
                if let Some(w) = arg_word(&mut s) {
                    let optional = w.starts_with('[') && w.ends_with(']') && !w[1..].contains('[');
                    arg = Some(Argument {
                        name: if optional {
                            w[1..w.len() - 1].to_string()
                        } else {
                            w
                        },
                        need: if optional {
                            ArgumentNeed::Optional
                        } else {
                            ArgumentNeed::Required
                        },
                    });
                }
            }
            Some('[') => {
                let g = group(&mut s)?;
                let inner = g[1..g.len() - 1].trim_start_matches('=').to_string();
                arg = Some(Argument {
                    name: inner,
                    need: ArgumentNeed::Optional,
                });
            }
            Some('<') => {
                let g = group(&mut s)?;
                arg = Some(Argument {
                    name: g,
                    need: ArgumentNeed::Required,
                });
            }
            Some(c) if c != ' ' && c != '\t' && c != ',' && c != '|' && c != '/' => {
                // Glued argument in another font (`-d`*num*).
                if let Some(w) = arg_word(&mut s) {
                    arg = Some(Argument {
                        name: w,
                        need: ArgumentNeed::Required,
                    });
                }
            }
            _ => {
                let save = s.pos;
                s.skip_blanks();
                if matches!(s.peek(), Some('-' | '+' | ',' | '|' | '/')) || s.peek().is_none() {
                    s.pos = save;
                } else {
                    // One or more argument words, up to the next separator.
                    let mut words = Vec::new();
                    loop {
                        let before = s.pos;
                        let Some(w) = arg_word(&mut s) else { break };
                        if !(looks_like_arg(&w)
                            || w.starts_with('[')
                            || w.starts_with('<')
                            || w.starts_with('{'))
                        {
                            s.pos = before;
                            break;
                        }
                        words.push(w);
                        let save2 = s.pos;
                        s.skip_blanks();
                        if matches!(s.peek(), Some(',' | '|' | '-' | '+'))
                            || s.peek().is_none()
                            || words.len() >= 4
                        {
                            s.pos = save2;
                            break;
                        }
                    }
                    if words.is_empty() {
                        s.pos = save;
                    } else {
                        let first = &words[0];
                        let optional = first.starts_with('[') && first.ends_with(']');
                        arg = Some(Argument {
                            name: if optional {
                                first[1..first.len() - 1].to_string()
                            } else {
                                first.clone()
                            },
                            need: if optional {
                                ArgumentNeed::Optional
                            } else {
                                ArgumentNeed::Required
                            },
                        });
                    }
                }
            }
        }
        if let Some(a) = arg {
            // The first documented argument wins; a later spelling's is usually the same.
            if head.argument.is_none() {
                head.argument = Some(a);
            }
        }
        if !separator(&mut s) {
            break;
        }
    }
    s.skip_blanks();
    let rest = s.rest();
    if head.flags.is_empty() || !rest.trim().is_empty() {
        return None;
    }
    Some(head)
}

/// Parses a whole head, stacked lines included. Every line must be an option head.
pub fn parse_head(head: &Text) -> Option<ParsedHead> {
    let lines = head.lines();
    if lines.is_empty() {
        return None;
    }
    let mut out = ParsedHead::default();
    for line in &lines {
        let parsed = parse_head_line(line)?;
        for f in parsed.flags {
            if !out.flags.contains(&f) {
                out.flags.push(f);
            }
        }
        if out.argument.is_none() {
            out.argument = parsed.argument;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The flags of a head, and its argument's name and need.
    type Parsed = (Vec<String>, Option<(String, ArgumentNeed)>);

    fn flags(s: &str) -> Option<Parsed> {
        parse_head(&Text::from_run(s, Font::Roman)).map(|h| {
            (
                h.flags.into_iter().map(|f| f.text).collect(),
                h.argument.map(|a| (a.name, a.need)),
            )
        })
    }

    #[test]
    fn common_heads() {
        use ArgumentNeed::*;
        assert_eq!(
            flags("-x, --extract, --get"),
            Some((vec!["-x".into(), "--extract".into(), "--get".into()], None))
        );
        assert_eq!(
            flags("-f, --file=ARCHIVE"),
            Some((
                vec!["-f".into(), "--file".into()],
                Some(("ARCHIVE".into(), Required))
            ))
        );
        assert_eq!(
            flags("--color[=WHEN]"),
            Some((vec!["--color".into()], Some(("WHEN".into(), Optional))))
        );
        assert_eq!(
            flags("-d[num]"),
            Some((vec!["-d".into()], Some(("num".into(), Optional))))
        );
        assert_eq!(
            flags("-o <file>"),
            Some((vec!["-o".into()], Some(("<file>".into(), Required))))
        );
        assert_eq!(
            flags("-C <commit>, --reuse-message=<commit>"),
            Some((
                vec!["-C".into(), "--reuse-message".into()],
                Some(("<commit>".into(), Required))
            ))
        );
        assert_eq!(
            flags("--verbose, -v"),
            Some((vec!["--verbose".into(), "-v".into()], None))
        );
        assert_eq!(
            flags("--slurp/-s"),
            Some((vec!["--slurp".into(), "-s".into()], None))
        );
        assert_eq!(
            flags("--[no-]verify"),
            Some((vec!["--verify".into(), "--no-verify".into()], None))
        );
        assert_eq!(
            flags("-name pattern"),
            Some((vec!["-name".into()], Some(("pattern".into(), Required))))
        );
        assert_eq!(
            flags("-i[SUFFIX], --in-place[=SUFFIX]"),
            Some((
                vec!["-i".into(), "--in-place".into()],
                Some(("SUFFIX".into(), Optional))
            ))
        );
        assert_eq!(
            flags("-D [bind_address:]port"),
            Some((
                vec!["-D".into()],
                Some(("[bind_address:]port".into(), Required))
            ))
        );
        assert_eq!(
            flags("-b, --build binary-directory [archive|directory]"),
            Some((
                vec!["-b".into(), "--build".into()],
                Some(("binary-directory".into(), Required))
            ))
        );
        assert_eq!(
            flags("-a\n--all"),
            Some((vec!["-a".into(), "--all".into()], None))
        );
    }

    #[test]
    fn prose_is_not_an_option() {
        assert_eq!(flags("tar -cf archive.tar foo bar"), None);
        assert_eq!(
            flags("-- this ends the options and then more prose follows."),
            None
        );
        assert_eq!(flags("If the file is missing, say so."), None);
        assert_eq!(flags("-"), None);
    }

    #[test]
    fn italic_glued_argument() {
        let mut t = Text::from_run("-n", Font::Bold);
        t.push("num", Font::Italic);
        let h = parse_head(&t).unwrap();
        assert_eq!(h.flags[0].text, "-n");
        assert_eq!(h.argument.unwrap().name, "num");
    }
}
