//! Reading a definition head (`-f, --file=ARCHIVE`, `--color[=WHEN]`, `-o <file>`) as options.
//!
//! The grammar: alternatives separated by `,`, `|`, ` or `, or `/` before a dash; each alternative
//! a flag and an optional argument. A head that holds anything else is not an option head: we
//! would rather miss an option than invent one from prose.

use roff::{Font, Text};

use crate::model::{Argument, ArgumentNeed, Flag, FlagStyle};

/// What a head defines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedHead {
    /// Every flag, in order.
    pub flags: Vec<Flag>,
    /// The argument, when any spelling takes one.
    pub argument: Option<Argument>,
    /// Text set off from the head by a wide gap on the same line (`--gpsize=<uint>   - Global
    /// Pointer Addressing Size.`): the start of the description, written into the head.
    pub inline_help: Option<Text>,
}

struct Scanner {
    chars: Vec<(char, Font)>,
    pos: usize,
    /// The font of the head's first flag, once read.
    lead_font: Option<Font>,
}

impl Scanner {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).map(|c| c.0)
    }
    fn peek_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|c| c.0)
    }
    fn font_at(&self, i: usize) -> Option<Font> {
        self.chars.get(i).map(|c| c.1)
    }
    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }
    fn text(&self, from: usize, to: usize) -> String {
        self.chars[from..to].iter().map(|c| c.0).collect()
    }
    fn starts_with(&self, s: &str) -> bool {
        (self.pos..)
            .zip(s.chars())
            .all(|(i, c)| self.chars.get(i).map(|x| x.0) == Some(c))
    }
    /// Skips blanks; returns how wide the gap was (a tab counts as a wide gap).
    fn skip_blanks(&mut self) -> usize {
        let mut width = 0;
        while let Some(c) = self.peek() {
            match c {
                ' ' => width += 1,
                '\t' => width += 8,
                _ => break,
            }
            self.pos += 1;
        }
        width
    }
    /// Whether a word ends here: end of line or a blank.
    fn at_word_end(&self, i: usize) -> bool {
        matches!(self.peek_at(i), None | Some(' ' | '\t'))
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '+')
}

fn is_first_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '?' | '@' | '#' | '!' | '%' | '&' | '*')
}

/// Whether the word at the scanner's position is an italic placeholder that starts with a dash
/// (`-P -option`), in a head whose first flag is not italic.
fn placeholder_dash(s: &Scanner) -> bool {
    s.font_at(s.pos).is_some_and(Font::is_italic) && !s.lead_font.is_some_and(Font::is_italic)
}

/// Whether a flag starts at the scanner's position (without moving it).
fn flag_ahead(s: &mut Scanner) -> bool {
    let save = s.pos;
    let found = flag(s).is_some();
    s.pos = save;
    found
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
    if s.lead_font.is_none() {
        s.lead_font = s.font_at(start);
    }
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
        // curl's `-:, --next`: a punctuation letter standing alone.
        Some(':') if dashes == "-" && matches!(s.peek_at(s.pos + 1), None | Some(',' | ' ')) => {
            s.pos += 1;
            return Some(vec!["-:".to_string()]);
        }
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
        // ... or in bold after a roman letter (less's `-D`**x***color*).
        let font = s.font_at(s.pos);
        if font != first_font
            && (font.is_some_and(Font::is_italic)
                || (s.pos == name_start + 1 && first_font == Some(Font::Roman)))
        {
            break;
        }
        s.pos += 1;
    }
    // Names end in a letter, a digit or `+` (`--gstabs+`, `-C++`), never in other punctuation.
    while s.pos > name_start + 1 && matches!(s.chars[s.pos - 1].0, '.' | ':' | '-') {
        s.pos -= 1;
    }
    let name = s.text(name_start, s.pos);
    let mut out = vec![format!("{dashes}{name}")];
    if let Some(no) = negatable {
        out.push(format!("{dashes}{no}{name}"));
    }
    Some(out)
}

/// Reads a bracketed group `[...]`, `<...>`, `{...}` or `(...)` with nesting; returns its text.
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
                return Some(s.text(start, s.pos));
            }
        }
        s.pos += 1;
    }
    s.pos = start;
    None
}

/// Whether a bracketed group at the scanner's position is glued to more of a word
/// (`(+|-)cap...`), as opposed to a remark in parentheses.
fn glued_group(s: &mut Scanner) -> bool {
    let save = s.pos;
    let glued = group(s).is_some() && !s.at_word_end(s.pos);
    s.pos = save;
    glued
}

/// Reads an argument word: up to a blank outside brackets, or a `,` or `|` that separates
/// alternatives. A `,` or `|` glued to more of the word (`DER|PEM`, `name,...`) belongs to it;
/// after `=`, so does `,-` (`-mattr=a1,+a2,-a3`).
fn arg_word(s: &mut Scanner, after_eq: bool) -> Option<String> {
    let start = s.pos;
    let mut depth = 0i32;
    while let Some(c) = s.peek() {
        match c {
            '[' | '<' | '{' | '(' => depth += 1,
            ']' | '>' | '}' | ')' => depth -= 1,
            ' ' | '\t' if depth <= 0 => break,
            ';' if depth <= 0 && s.pos > start && s.at_word_end(s.pos + 1) => break,
            ',' | '|' if depth <= 0 => {
                let next = s.peek_at(s.pos + 1);
                let glued = match next {
                    None | Some(' ' | '\t') => false,
                    Some('-') => after_eq && c == ',',
                    Some(_) => true,
                };
                if !glued {
                    break;
                }
            }
            _ => {}
        }
        s.pos += 1;
    }
    // ronn's `--indent n:`: the colon ends the head, it is not part of the name.
    if s.at_end() && s.pos > start + 1 && s.chars[s.pos - 1].0 == ':' {
        s.pos -= 1;
    }
    (s.pos > start).then(|| s.text(start, s.pos))
}

/// Whether `word` looks like an argument name rather than prose.
fn looks_like_arg(word: &str) -> bool {
    let w = word.trim_end_matches("...").trim_end_matches('…');
    if matches!(word, "..." | "…" | ";" | "\\;" | "{}" | "+") {
        return true;
    }
    if w.is_empty() || w.starts_with('-') || w == "or" || w == "and" {
        return false;
    }
    w.chars().all(|c| !c.is_whitespace())
        && w.chars().any(|c| c.is_alphanumeric() || c == '_')
        && !w.ends_with(['.', ';'])
}

/// An argument and whether it is optional, from its written form.
fn argument(name: String, forced_optional: bool) -> Argument {
    let optional = forced_optional
        || (name.starts_with('[') && name.ends_with(']') && !name[1..].contains('['));
    let name = if optional && name.starts_with('[') && name.ends_with(']') {
        name[1..name.len() - 1].trim_start_matches('=').to_string()
    } else {
        name
    };
    Argument {
        name,
        need: if optional {
            ArgumentNeed::Optional
        } else {
            ArgumentNeed::Required
        },
    }
}

/// Reads the blank-separated argument words after a flag (`-b binary-directory [archive]`),
/// alternatives included (`-t dsa | ecdsa | rsa`). Returns the first word (with its
/// alternatives), or `None` when no argument follows.
fn arg_words(s: &mut Scanner) -> Option<String> {
    let mut first: Option<String> = None;
    let mut count = 0;
    loop {
        let before = s.pos;
        // `-N big, little, host`: values listed in italics after the first.
        if let Some(f) = first.as_mut()
            && s.peek() == Some(',')
        {
            s.pos += 1;
            s.skip_blanks();
            let italic = s.font_at(s.pos).is_some_and(Font::is_italic);
            if italic
                && s.peek() != Some('-')
                && let Some(w) = arg_word(s, false).filter(|w| looks_like_arg(w))
            {
                f.push_str(", ");
                f.push_str(&w);
                continue;
            }
            s.pos = before;
        }
        let gap = s.skip_blanks();
        if s.at_end()
            || gap == 0
            || (first.is_some() && gap >= 2)
            // `--apache          Use the Apache plugin`: a wide gap sets off the description.
            || gap >= 3
            || s.starts_with("or ")
            || s.starts_with("and ")
            || (s.peek() == Some('(') && !glued_group(s))
        {
            s.pos = before;
            break;
        }
        if s.peek() == Some('|') && first.is_some() {
            // `subsystem | sftp_server`: another alternative of the same argument.
            s.pos += 1;
            s.skip_blanks();
            if flag_ahead(s) {
                s.pos = before;
                break;
            }
            match arg_word(s, false) {
                Some(w) if looks_like_arg(&w) || w.starts_with('[') || w.starts_with('<') => {
                    if let Some(f) = first.as_mut() {
                        f.push_str(" | ");
                        f.push_str(&w);
                    }
                    continue;
                }
                _ => {
                    s.pos = before;
                    break;
                }
            }
        }
        if s.peek() == Some('-') && flag_ahead(s) && !placeholder_dash(s) {
            s.pos = before;
            break;
        }
        let word_start = s.pos;
        let Some(w) = arg_word(s, false) else {
            s.pos = before;
            break;
        };
        let placeholder = s.font_at(word_start).is_some_and(Font::is_italic);
        let ok = looks_like_arg(&w)
            || w.starts_with('[')
            || w.starts_with('<')
            || w.starts_with('{')
            || (w.starts_with('+') && w.len() > 1)
            || (placeholder && w.starts_with('-'));
        let ellipsis = matches!(w.as_str(), "..." | "…");
        // `-0 ... -9` is a range of flags; `--complete-arguments ...` takes arguments.
        let range = ellipsis && first.is_none() && {
            let after = s.pos;
            s.skip_blanks();
            let flag_follows = flag_ahead(s);
            s.pos = after;
            flag_follows
        };
        if !ok || range {
            s.pos = before;
            break;
        }
        if !ellipsis {
            count += 1;
        }
        match first.as_mut() {
            None => first = Some(w),
            // `[:env | :file] argument`: an optional prefix of a required argument.
            Some(f)
                if count == 2
                    && f.starts_with('[')
                    && f.ends_with(']')
                    && !ellipsis
                    && !w.starts_with('[') =>
            {
                f.push(' ');
                f.push_str(&w);
            }
            Some(_) => {}
        }
        if count >= 4 {
            break;
        }
    }
    first
}

/// The separator between two spellings: `,`, `|`, `/`, ` or `, a blank, or a range `...`.
/// Leaves the scanner on the next flag and says whether it is a range; `None` (scanner
/// unmoved) when no flag follows.
fn separator(s: &mut Scanner) -> Option<bool> {
    let save = s.pos;
    let gap = s.skip_blanks();
    let mut range = false;
    if s.starts_with("...") || s.starts_with("…") {
        s.pos += if s.starts_with("...") { 3 } else { 1 };
        range = true;
    } else if let Some(',' | '|' | '/') = s.peek() {
        s.pos += 1;
        // java's `-classpath classpath, or -cp classpath`.
        let before_or = s.pos;
        s.skip_blanks();
        if s.starts_with("or ") {
            s.pos += 3;
        } else {
            s.pos = before_or;
        }
    } else if s.starts_with("or ") {
        s.pos += 3;
    } else if s.starts_with("and ") {
        s.pos += 4;
    } else if gap == 0 || placeholder_dash(s) {
        s.pos = save;
        return None;
    }
    s.skip_blanks();
    if flag_ahead(s) {
        Some(range)
    } else {
        s.pos = save;
        None
    }
}

/// The flags between two single-digit flags of a range (`-0 ... -9`).
fn range_between(from: &str, to: &str) -> Vec<String> {
    let digit = |f: &str| {
        f.strip_prefix('-')
            .filter(|d| d.len() == 1)
            .and_then(|d| d.parse::<u8>().ok())
    };
    match (digit(from), digit(to)) {
        (Some(a), Some(b)) if a < b => (a + 1..b).map(|d| format!("-{d}")).collect(),
        _ => Vec::new(),
    }
}

/// Parses one line of a head. `None` when the line is not (only) options.
pub fn parse_head_line(line: &Text) -> Option<ParsedHead> {
    let mut chars = Vec::new();
    for run in &line.runs {
        for c in run.text.chars() {
            chars.push((if c == '\u{a0}' { ' ' } else { c }, run.font));
        }
    }
    // pod2man in nroff mode quotes constant-width heads: `"--all-lines"`.
    if let Some((a, b)) = non_blank_ends(&chars)
        && b > a + 1
        && chars[a].0 == '"'
        && chars[b].0 == '"'
        && !chars[a + 1..b].iter().any(|c| c.0 == '"')
    {
        strip_ends(&mut chars, a, b);
    }
    // zipinfo's ARGUMENTS list `[-x xfile(s)]`: an optional option, bracketed whole.
    if let Some((a, b)) = non_blank_ends(&chars)
        && chars[a].0 == '['
        && chars[b].0 == ']'
        && chars.get(a + 1).is_some_and(|c| c.0 == '-')
        && bracket_closes_at_end(&chars[a..=b])
    {
        strip_ends(&mut chars, a, b);
    }
    // firewall-cmd's `[--permanent] --list-all-zones`: a modifier in brackets before the
    // option the item defines.
    if let Some((a, _)) = non_blank_ends(&chars)
        && chars[a].0 == '['
        && chars.get(a + 1).is_some_and(|c| c.0 == '-')
        && let Some(close) = closing_bracket(&chars[a..]).map(|c| c + a)
        && chars.get(close + 1).is_some_and(|c| c.0 == ' ')
        && chars[close + 1..]
            .iter()
            .find(|c| c.0 != ' ')
            .is_some_and(|c| c.0 == '-')
    {
        chars.drain(..=close);
    }
    // dpkg-divert's `[--add] file`: the command is the default, so its flag is optional; the
    // item still defines the flag and its argument.
    if let Some((a, _)) = non_blank_ends(&chars)
        && chars[a].0 == '['
        && chars.get(a + 1).is_some_and(|c| c.0 == '-')
        && let Some(close) = closing_bracket(&chars[a..]).map(|c| c + a)
        && !chars[a + 1..close]
            .iter()
            .any(|c| matches!(c.0, ' ' | '[' | '|'))
        && chars.get(close + 1).is_some_and(|c| c.0 == ' ')
        && chars[close + 1..]
            .iter()
            .find(|c| c.0 != ' ')
            .is_some_and(|c| c.0.is_alphabetic() || c.0 == '<')
    {
        chars.remove(close);
        chars.remove(a);
    }
    // git's `--` item ("Do not interpret any more arguments as options"): the end of options,
    // defined by the page; only a head that is `--` and nothing else.
    if let Some((a, b)) = non_blank_ends(&chars)
        && b == a + 1
        && chars[a].0 == '-'
        && chars[b].0 == '-'
    {
        return Some(ParsedHead {
            flags: vec![Flag {
                text: "--".into(),
                style: FlagStyle::Long,
            }],
            argument: None,
            inline_help: None,
        });
    }
    let mut s = Scanner {
        chars,
        pos: 0,
        lead_font: None,
    };
    s.skip_blanks();
    skip_leading_placeholder(&mut s);
    let mut head = ParsedHead::default();
    let mut range_from: Option<String> = None;
    while let Some(names) = flag(&mut s) {
        if let Some(from) = range_from.take() {
            for f in range_between(&from, &names[0]) {
                head.flags.push(Flag::new(&f));
            }
        }
        for n in &names {
            if !head.flags.iter().any(|f| &f.text == n) {
                head.flags.push(Flag::new(n));
            }
        }
        let arg = flag_argument(&mut s)?;
        if let Some(a) = arg {
            // The first documented argument wins; a later spelling's is usually the same.
            if head.argument.is_none() {
                head.argument = Some(a);
            }
        }
        match separator(&mut s) {
            Some(true) => range_from = Some(names[0].clone()),
            Some(false) => {}
            None => break,
        }
    }
    if head.flags.is_empty() {
        return None;
    }
    // `-Ldirectory / -L directory`: the glued spelling is the flag and its argument.
    if let Some(arg) = head.argument.as_ref().filter(|a| !a.name.is_empty()) {
        let glued: Vec<String> = head
            .flags
            .iter()
            .map(|f| format!("{}{}", f.text, arg.name))
            .collect();
        head.flags.retain(|f| !glued.contains(&f.text));
    }
    trailer(&mut s, &mut head)?;
    Some(head)
}

/// The first and last characters that are not blanks.
fn non_blank_ends(chars: &[(char, Font)]) -> Option<(usize, usize)> {
    let first = chars.iter().position(|c| c.0 != ' ')?;
    let last = chars.iter().rposition(|c| c.0 != ' ')?;
    Some((first, last))
}

/// Drops the characters at `a` and `b` and everything outside them.
fn strip_ends(chars: &mut Vec<(char, Font)>, a: usize, b: usize) {
    chars.truncate(b);
    chars.drain(..=a);
}

/// Whether the `[` that opens `chars` is closed by its last character and not before.
fn bracket_closes_at_end(chars: &[(char, Font)]) -> bool {
    closing_bracket(chars) == Some(chars.len() - 1)
}

/// Where the `[` that opens `chars` is closed.
fn closing_bracket(chars: &[(char, Font)]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in chars.iter().enumerate() {
        match c.0 {
            '[' => depth += 1,
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Steps over a first spelling that is a dash and a placeholder when other spellings follow
/// (git-log's `-<number>, -n <number>, --max-count=<number>`): the value given as an option is
/// found from the head's text by the matcher; the spellings after it are flags.
fn skip_leading_placeholder(s: &mut Scanner) {
    if s.peek() != Some('-') {
        return;
    }
    let start = s.pos;
    let italic = s.font_at(start + 1).is_some_and(Font::is_italic)
        && !s.font_at(start).is_some_and(Font::is_italic);
    if !(s.peek_at(start + 1) == Some('<') || italic) {
        return;
    }
    let mut i = start + 1;
    while let Some(c) = s.peek_at(i) {
        if c == ',' || c == ' ' {
            break;
        }
        i += 1;
    }
    let word = s.text(start + 1, i);
    let bracketed = word.starts_with('<') && word.ends_with('>') && word.len() > 2;
    let whole_italic = italic && (start + 1..i).all(|j| s.font_at(j).is_some_and(Font::is_italic));
    if s.peek_at(i) == Some(',') && (bracketed || whole_italic) {
        s.pos = i + 1;
        s.skip_blanks();
    }
}

/// Reads the argument right after a flag. `Some(None)`: no argument; `None`: a malformed one.
fn flag_argument(s: &mut Scanner) -> Option<Option<Argument>> {
    let arg = match s.peek() {
        // docker's `-e, --env=`: an `=` with no name after it still takes a value.
        Some('=') if s.at_word_end(s.pos + 1) || s.peek_at(s.pos + 1) == Some(',') => {
            s.pos += 1;
            Some(Argument {
                name: String::new(),
                need: ArgumentNeed::Required,
            })
        }
        Some('=') => {
            s.pos += 1;
            arg_word(s, true).map(|w| {
                // gcloud's `--scopes=[SCOPE,...]` brackets a list; the list is required.
                if w.starts_with('[') && w.ends_with(']') && w.contains(',') {
                    Argument {
                        name: w,
                        need: ArgumentNeed::Required,
                    }
                } else {
                    argument(w, false)
                }
            })
        }
        Some(' ') if s.starts_with(" = ") => {
            // top's `-d, --delay = SECS`.
            s.pos += 2;
            arg_words(s).map(|w| argument(w, false))
        }
        Some('[') => {
            let start = s.pos;
            match group(s) {
                // ffmpeg's `-c[:stream_specifier] codec`: a suffix of the flag, then its argument
                // (jarsigner's `-verbose[:suboptions]`, with nothing after, is an optional one).
                Some(g)
                    if g.starts_with("[:")
                        && s.at_word_end(s.pos)
                        && let Some(w) = {
                            let save = s.pos;
                            let w = arg_words(s);
                            if w.is_none() {
                                s.pos = save;
                            }
                            w
                        } =>
                {
                    Some(argument(w, false))
                }
                Some(g) if s.at_word_end(s.pos) || matches!(s.peek(), Some(',' | '|')) => {
                    Some(argument(g, true))
                }
                // `-D[bind_address:]port`: an optional part of a required argument.
                _ => {
                    s.pos = start;
                    arg_word(s, false).map(|w| argument(w, false))
                }
            }
        }
        Some('<') => {
            let start = s.pos;
            group(s)?;
            s.pos = start;
            arg_word(s, false).map(|w| argument(w, false))
        }
        Some(':') if s.at_word_end(s.pos + 1) => None,
        Some(c) if !matches!(c, ' ' | '\t' | ',' | '|' | '/' | '(') => {
            // Glued argument in another font (`-d`*num*).
            arg_word(s, false).map(|w| argument(w, false))
        }
        _ => arg_words(s).map(|w| argument(w, false)),
    };
    Some(arg)
}

/// What may follow the last spelling: nothing, a trailing remark in parentheses (`(default)`,
/// `(since glibc 2.33)`, `(alias -b)`, whose flags are kept), a stray comma or colon, or, after a wide
/// gap, the start of the description. `None` when anything else follows.
fn trailer(s: &mut Scanner, head: &mut ParsedHead) -> Option<()> {
    let mut gap = s.skip_blanks();
    if s.peek() == Some('(') {
        let start = s.pos;
        if let Some(g) = group(s)
            && s.at_word_end(s.pos)
        {
            let inner = g[1..g.len() - 1].trim();
            for prefix in ["alias ", "or "] {
                if let Some(rest) = inner.strip_prefix(prefix)
                    && let Some(alias) = parse_head_line(&Text::from_run(rest, Font::Bold))
                {
                    for f in alias.flags {
                        if !head.flags.contains(&f) {
                            head.flags.push(f);
                        }
                    }
                }
            }
            gap = s.skip_blanks();
        } else {
            s.pos = start;
        }
    }
    // update-alternatives' `--install link name path priority [--slave link name path]...`:
    // an optional group after the arguments, which may repeat, ends the head.
    if s.peek() == Some('[') {
        let start = s.pos;
        if group(s).is_some() {
            if s.starts_with("...") {
                s.pos += 3;
            }
            s.skip_blanks();
            if s.at_end() {
                return Some(());
            }
        }
        s.pos = start;
    }
    // A stray comma, or the colon of ronn's `--seq:`.
    if matches!(s.peek(), Some(',' | ':')) && s.at_word_end(s.pos + 1) {
        s.pos += 1;
        gap = s.skip_blanks();
    }
    // gcloud's `--zone=ZONE; default="us-east1"`: a remark on the default value.
    if s.at_end() || s.starts_with("; default") {
        return Some(());
    }
    if gap >= 2 {
        let mut rest = Text::new();
        for &(c, font) in &s.chars[s.pos..] {
            rest.push(c.to_string(), font);
        }
        head.inline_help = Some(rest);
        return Some(());
    }
    None
}

/// Whether a head line is only a dash and a placeholder: `-<signal>`, `-`*signal*.
fn is_dash_placeholder(line: &Text) -> bool {
    let plain = line.plain();
    let Some(rest) = plain.strip_prefix('-') else {
        return false;
    };
    let bracketed = rest.starts_with('<') && rest.ends_with('>') && !rest.contains(' ');
    let italic = line.runs.len() == 2
        && line.runs[0].text.trim() == "-"
        && line.runs[1].font.is_italic()
        && !rest.contains(' ');
    bracketed || italic
}

/// Parses a whole head, stacked lines included. Every line must be an option head.
pub fn parse_head(head: &Text) -> Option<ParsedHead> {
    let lines = head.lines();
    if lines.is_empty() {
        return None;
    }
    let mut out = ParsedHead::default();
    for line in &lines {
        // kill's `-<signal>` beside `-s <signal>`: a dash and a placeholder is a number or
        // name given as an option, not a flag of its own; the other lines still are.
        if lines.len() > 1 && is_dash_placeholder(line) {
            continue;
        }
        let parsed = parse_head_line(line)?;
        for f in parsed.flags {
            if !out.flags.contains(&f) {
                out.flags.push(f);
            }
        }
        if out.argument.is_none() {
            out.argument = parsed.argument;
        }
        if let Some(h) = parsed.inline_help {
            match out.inline_help.as_mut() {
                Some(t) => {
                    t.push(" ", Font::Roman);
                    t.append(&h);
                }
                None => out.inline_help = Some(h),
            }
        }
    }
    Some(out)
}

#[cfg(test)]
#[path = "head_tests.rs"]
mod tests;
