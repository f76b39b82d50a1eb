//! The roff language layer below the macro packages: logical lines, comments, strings, number
//! registers, macro definitions, conditionals, `.ig` and `.so`. What comes out is a flat list of
//! requests (macro calls with their arguments) and text lines, ready for the man or mdoc front end.

use std::collections::HashMap;
use std::rc::Rc;

/// Macros whose meaning the document tree rests on: a page's own definition of one is ignored.
const STRUCTURAL_MACROS: &[&str] = &[
    "TH", "SH", "SS", "TP", "TQ", "IP", "HP", "PP", "LP", "P", "RS", "RE", "Dd", "Dt", "Sh", "Ss",
    "Bl", "El", "It",
];

use crate::diagnostic::{Code, Diagnostic, Problem};
pub use crate::number::eval_number;
use crate::request_line::{
    brace_balance, expression_end, is_end_line, is_metadata, split_args, take_name,
};

/// Most nested macro calls, string interpolations or `.so` includes before we stop.
const MAX_DEPTH: usize = 48;
/// Most lines a page may expand to through macros and includes.
const MAX_EXPANDED_LINES: usize = 4_000_000;

/// One line after the roff layer: a request or a text line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    /// A control line: the macro or request name and its arguments (escapes still in them).
    Request {
        /// The name, e.g. `TP`, `Fl`, `B`.
        name: String,
        /// The arguments, quotes removed.
        args: Vec<String>,
        /// Everything after the name, unsplit (for requests such as `.TS` options).
        rest: String,
    },
    /// A text line (escapes still in it). An empty string is a blank line.
    Text(String),
}

/// A line with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What the line is.
    pub kind: LineKind,
    /// Line number (1-based) in its file.
    pub line: u32,
    /// The included file it came from, `None` for the page itself.
    pub file: Option<Rc<str>>,
}

/// Adds a warning about `line` to `diags`, up to a bound that keeps broken pages cheap.
pub(crate) fn push_warning(diags: &mut Vec<Diagnostic>, line: &Line, problem: Problem) {
    if diags.len() < 500 {
        diags.push(Diagnostic {
            code: problem.code,
            file: line.file.as_deref().map(str::to_string),
            line: line.line,
            message: problem.message,
        });
    }
}

/// Requests that change nothing the interpreter keeps (layout, hyphenation, fonts, ...): they
/// are passed on as lines, and the front ends ignore or read them. Sorted, for a binary search.
#[rustfmt::skip]
const PASSED_ON: &[&str] = &[
    "EN", "EQ", "ab", "ad", "af", "aln", "asciify", "blm", "box", "boxa", "bp", "break", "c2",
    "cflags", "ch", "char", "chop", "class", "close", "color", "continue", "cp", "cs", "cu",
    "da", "defcolor", "device", "di", "do", "ec1", "ecr", "ecs", "em", "ev", "fam", "fc",
    "fchar", "fcolor", "fl", "fp", "fspecial", "ftr", "gcolor", "hc", "hcode", "hla", "hlm",
    "hw", "hy", "hym", "hys", "it", "kern", "kern1", "lc", "length", "lf", "lg", "linetabs",
    "ll", "lnr", "ls", "lsm", "lt", "mc", "mk", "mso", "na", "ne", "nh", "nm", "nn", "nroff",
    "ns", "open", "opena", "output", "papersize", "pc", "pev", "pl", "pm", "pn", "pnr", "po",
    "ps", "psbb", "pso", "ptr", "rchar", "return", "rnn", "rr", "rs", "rt", "schar", "shift",
    "sizes", "special", "spreadwarn", "ss", "stringdown", "stringup", "sty", "substring", "ta",
    "tag", "taga", "tc", "tkf", "tm", "tm1", "tmc", "tr", "trin", "troff", "uf", "ul",
    "unformat", "vpt", "vs", "warn", "wh", "write", "writec", "writem",
];

fn is_passed_on(name: &str) -> bool {
    PASSED_ON.binary_search(&name).is_ok()
}

/// Loads the text of a file named by `.so`, relative to the root of the manual tree.
pub type Resolver<'a> = &'a mut dyn FnMut(&str) -> Result<String, String>;

enum Mode {
    Normal,
    Defining {
        name: String,
        end: String,
        body: Vec<String>,
        append: bool,
    },
    Ignoring {
        end: String,
    },
    SkippingBraces {
        depth: i32,
    },
}

/// The state of the roff interpreter for one page.
pub struct Interpreter<'r> {
    strings: HashMap<String, String>,
    registers: HashMap<String, i64>,
    macros: HashMap<String, Rc<Vec<String>>>,
    /// Names that are requests or macros known to the front end.
    known: fn(&str) -> bool,
    mode: Mode,
    else_stack: Vec<bool>,
    args_stack: Vec<Rc<Vec<String>>>,
    include_stack: Vec<String>,
    resolver: Option<Resolver<'r>>,
    depth: usize,
    expanded: usize,
    /// The output lines.
    pub lines: Vec<Line>,
    /// Problems found, with file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// The target of the first `.so` when the page is nothing but that request.
    pub redirect: Option<String>,
    /// Whether anything other than a `.so` and comments was seen at the top level.
    pub seen_content: bool,
    stopped: bool,
}

impl<'r> Interpreter<'r> {
    /// A fresh interpreter. `known` tells which request names the front ends understand.
    pub fn new(known: fn(&str) -> bool, resolver: Option<Resolver<'r>>) -> Self {
        let mut strings = HashMap::new();
        for (k, v) in [
            ("lq", "\\(lq"),
            ("rq", "\\(rq"),
            ("Lq", "\\(lq"),
            ("Rq", "\\(rq"),
            ("R", "\\(rg"),
            ("Tm", "\\(tm"),
            ("S", ""),
            ("HF", "B"),
            (".T", "utf8"),
            ("q", "\""),
        ] {
            strings.insert(k.to_string(), v.to_string());
        }
        let mut registers = HashMap::new();
        registers.insert(".g".to_string(), 1);
        registers.insert(".l".to_string(), 78);
        registers.insert("LL".to_string(), 78);
        Interpreter {
            strings,
            registers,
            macros: HashMap::new(),
            known,
            mode: Mode::Normal,
            else_stack: Vec::new(),
            args_stack: Vec::new(),
            include_stack: Vec::new(),
            resolver,
            depth: 0,
            expanded: 0,
            lines: Vec::new(),
            diagnostics: Vec::new(),
            redirect: None,
            seen_content: false,
            stopped: false,
        }
    }

    fn warn(&mut self, code: Code, file: &Option<Rc<str>>, line: u32, message: String) {
        if self.diagnostics.len() < 500 {
            self.diagnostics.push(Diagnostic {
                code,
                file: file.as_deref().map(str::to_string),
                line,
                message,
            });
        }
    }

    /// Runs the interpreter over the text of a file.
    pub fn run(&mut self, text: &str, file: Option<Rc<str>>) {
        let mut logical = String::new();
        let mut start_line = 1u32;
        let text = text.strip_suffix('\n').unwrap_or(text);
        for (idx, physical) in text.split('\n').enumerate() {
            if self.stopped {
                return;
            }
            let physical = physical.strip_suffix('\r').unwrap_or(physical);
            if logical.is_empty() {
                start_line = idx as u32 + 1;
            }
            let trailing = physical.len() - physical.trim_end_matches('\\').len();
            if trailing % 2 == 1
                && !matches!(self.mode, Mode::Defining { .. } | Mode::Ignoring { .. })
            {
                logical.push_str(&physical[..physical.len() - 1]);
                continue;
            }
            logical.push_str(physical);
            let line = std::mem::take(&mut logical);
            self.process(&line, start_line, &file);
        }
        if !logical.is_empty() {
            self.process(&logical, start_line, &file);
        }
    }

    fn process(&mut self, raw: &str, lineno: u32, file: &Option<Rc<str>>) {
        self.expanded += 1;
        if self.expanded > MAX_EXPANDED_LINES {
            if !self.stopped {
                self.warn(
                    Code::TooLong,
                    file,
                    lineno,
                    "page expands to too many lines; the rest is skipped".into(),
                );
            }
            self.stopped = true;
            return;
        }
        match &mut self.mode {
            Mode::Normal => {}
            Mode::Defining { end, body, .. } => {
                if is_end_line(raw, end) {
                    let Mode::Defining {
                        name, body, append, ..
                    } = std::mem::replace(&mut self.mode, Mode::Normal)
                    else {
                        unreachable!()
                    };
                    // A page that redefines a macro the tree is built from (DocBook's criu(8)
                    // turns `.SH` into low-level requests) keeps the man(7)/mdoc(7) meaning.
                    if STRUCTURAL_MACROS.contains(&name.as_str()) {
                        self.warn(
                            Code::RedefinedStructuralMacro,
                            file,
                            lineno,
                            format!("ignoring the page's redefinition of .{name}; read as the standard macro"),
                        );
                        return;
                    }
                    let mut body = body;
                    if append && let Some(old) = self.macros.get(&name) {
                        let mut all = old.as_ref().clone();
                        all.append(&mut body);
                        body = all;
                    }
                    self.macros.insert(name, Rc::new(body));
                } else {
                    body.push(raw.replace("\\\\", "\\"));
                }
                return;
            }
            Mode::Ignoring { end } => {
                if is_end_line(raw, end) {
                    self.mode = Mode::Normal;
                }
                return;
            }
            Mode::SkippingBraces { depth } => {
                *depth += brace_balance(raw);
                if *depth <= 0 {
                    self.mode = Mode::Normal;
                }
                return;
            }
        }

        let had_text = !raw.is_empty();
        let line = self.interpolate(raw, file, lineno, 0);
        let is_control = line.starts_with(['.', '\'']);
        if !is_control {
            if had_text && line.is_empty() && raw.trim() != "" {
                // The line held only braces or a comment.
                return;
            }
            if raw.starts_with("\\\"") || raw.starts_with("\\#") {
                return;
            }
            if self.depth == 0 && self.include_stack.is_empty() && !line.trim().is_empty() {
                self.seen_content = true;
            }
            self.lines.push(Line {
                kind: LineKind::Text(line),
                line: lineno,
                file: file.clone(),
            });
            return;
        }
        let body = line[1..].trim_start_matches([' ', '\t']);
        let name_len = body.find([' ', '\t']).unwrap_or(body.len());
        let name = &body[..name_len];
        let rest = body[name_len..].trim_start_matches([' ', '\t']);
        if name.is_empty() {
            return;
        }
        self.request(name, rest, lineno, file);
    }

    /// Runs one request, or calls the macro of that name. The requests that change the
    /// interpreter's state are handled here; the others are passed on to the front ends.
    fn request(&mut self, name: &str, rest: &str, lineno: u32, file: &Option<Rc<str>>) {
        match name {
            "de" | "de1" | "dei" | "am" | "am1" | "ami" => {
                self.define_macro(name, rest, lineno, file)
            }
            "ds" | "ds1" | "as" | "as1" => self.define_string(name, rest),
            "nr" => self.set_register(rest),
            "rm" => {
                for n in split_args(rest) {
                    self.macros.remove(&n);
                    self.strings.remove(&n);
                }
            }
            "rn" | "als" => self.rename_macro(name, rest),
            "if" | "ie" => {
                let (cond, body) = self.condition(rest, file, lineno);
                if name == "ie" {
                    self.else_stack.push(cond);
                }
                self.conditional_body(cond, body, lineno, file);
            }
            "el" => {
                let cond = !self.else_stack.pop().unwrap_or(true);
                self.conditional_body(cond, rest, lineno, file);
            }
            "ig" => {
                let end = split_args(rest)
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| ".".into());
                self.mode = Mode::Ignoring { end };
            }
            "so" => self.include(rest.trim(), lineno, file),
            "nx" => self.stopped = true,
            "while" => self.warn(
                Code::WhileLoop,
                file,
                lineno,
                ".while loops are not run; the loop is skipped".into(),
            ),
            "nop" => self.process(rest, lineno, file),
            "ec" | "eo" | "cc" => self.warn(
                Code::SyntaxChange,
                file,
                lineno,
                format!(".{name} changes roff's syntax; not supported"),
            ),
            _ if is_passed_on(name) => self.emit_request(name, rest, lineno, file),
            _ => {
                if let Some(body) = self.macros.get(name).cloned() {
                    self.call_macro(name, body, rest, lineno, file);
                } else {
                    if !(self.known)(name) {
                        self.warn(
                            Code::UnknownMacro,
                            file,
                            lineno,
                            format!("unknown request or macro .{name}"),
                        );
                    }
                    self.emit_request(name, rest, lineno, file);
                }
            }
        }
    }

    /// `.de name [end]` (and `.am`, ...): the lines up to `end` become the macro's body.
    fn define_macro(&mut self, name: &str, rest: &str, lineno: u32, file: &Option<Rc<str>>) {
        let args = split_args(rest);
        let Some(mname) = args.first() else {
            self.warn(
                Code::MacroWithoutName,
                file,
                lineno,
                format!(".{name} without a macro name"),
            );
            return;
        };
        self.mode = Mode::Defining {
            name: mname.clone(),
            end: args.get(1).cloned().unwrap_or_else(|| ".".to_string()),
            body: Vec::new(),
            append: name.starts_with("am"),
        };
    }

    /// `.ds name value` (and `.as`, which appends).
    fn define_string(&mut self, name: &str, rest: &str) {
        let name_len = rest.find([' ', '\t']).unwrap_or(rest.len());
        let sname = &rest[..name_len];
        let mut value = rest[name_len..].trim_start_matches([' ', '\t']);
        if let Some(v) = value.strip_prefix('"') {
            value = v;
        }
        if sname.is_empty() {
            return;
        }
        if name.starts_with("as") {
            self.strings
                .entry(sname.to_string())
                .or_default()
                .push_str(value);
        } else {
            self.strings.insert(sname.to_string(), value.to_string());
        }
    }

    /// `.nr name [+|-]value`.
    fn set_register(&mut self, rest: &str) {
        let args = split_args(rest);
        let Some(rname) = args.first() else {
            return;
        };
        let old = self.registers.get(rname).copied().unwrap_or(0);
        let value = args.get(1).map(String::as_str).unwrap_or("0");
        let new = if let Some(d) = value.strip_prefix('+') {
            old + eval_number(d).unwrap_or(0)
        } else if let Some(d) = value.strip_prefix('-') {
            old - eval_number(d).unwrap_or(0)
        } else {
            eval_number(value).unwrap_or(0)
        };
        self.registers.insert(rname.clone(), new);
    }

    /// `.rn old new` renames a macro; `.als new old` gives it a second name.
    fn rename_macro(&mut self, name: &str, rest: &str) {
        let args = split_args(rest);
        if let [a, b, ..] = args.as_slice() {
            let (from, to) = if name == "rn" { (a, b) } else { (b, a) };
            if let Some(m) = self.macros.get(from).cloned() {
                if name == "rn" {
                    self.macros.remove(from);
                }
                self.macros.insert(to.clone(), m);
            }
        }
    }

    fn emit_request(&mut self, name: &str, rest: &str, lineno: u32, file: &Option<Rc<str>>) {
        if self.depth == 0 && self.include_stack.is_empty() && !is_metadata(name) {
            self.seen_content = true;
        }
        self.lines.push(Line {
            kind: LineKind::Request {
                name: name.to_string(),
                args: split_args(rest),
                rest: rest.to_string(),
            },
            line: lineno,
            file: file.clone(),
        });
    }

    fn call_macro(
        &mut self,
        name: &str,
        body: Rc<Vec<String>>,
        rest: &str,
        lineno: u32,
        file: &Option<Rc<str>>,
    ) {
        if self.depth >= MAX_DEPTH {
            self.warn(
                Code::MacroTooDeep,
                file,
                lineno,
                format!("macro .{name} nests too deep; expansion stopped"),
            );
            return;
        }
        let mut args = vec![name.to_string()];
        args.extend(split_args(rest));
        self.args_stack.push(Rc::new(args));
        self.depth += 1;
        for body_line in body.iter() {
            if self.stopped {
                break;
            }
            self.process(body_line, lineno, file);
        }
        self.depth -= 1;
        self.args_stack.pop();
    }

    fn include(&mut self, target: &str, lineno: u32, file: &Option<Rc<str>>) {
        let target = target.trim_matches('"').to_string();
        if self.depth == 0
            && self.include_stack.is_empty()
            && !self.seen_content
            && self.redirect.is_none()
        {
            self.redirect = Some(target.clone());
        } else if self.depth == 0 && self.include_stack.is_empty() {
            self.seen_content = true;
        }
        if self.include_stack.contains(&target) {
            let mut chain = self.include_stack.clone();
            chain.push(target.clone());
            self.warn(
                Code::IncludeLoop,
                file,
                lineno,
                format!(".so {target}: include loop ({})", chain.join(" → ")),
            );
            return;
        }
        if self.include_stack.len() >= 16 {
            self.warn(
                Code::IncludeTooDeep,
                file,
                lineno,
                format!(".so {target}: includes nest too deep"),
            );
            return;
        }
        let Some(resolver) = self.resolver.as_mut() else {
            self.warn(
                Code::IncludeWithoutTree,
                file,
                lineno,
                format!(".so {target}: no manual tree to resolve it in"),
            );
            return;
        };
        match resolver(&target) {
            Ok(text) => {
                self.include_stack.push(target.clone());
                let saved = std::mem::replace(&mut self.mode, Mode::Normal);
                self.run(&text, Some(Rc::from(target.as_str())));
                self.mode = saved;
                self.include_stack.pop();
            }
            Err(e) => self.warn(
                Code::IncludeFailed,
                file,
                lineno,
                format!(".so {target}: {e}"),
            ),
        }
    }

    fn conditional_body(&mut self, cond: bool, body: &str, lineno: u32, file: &Option<Rc<str>>) {
        let body = body.trim_start_matches([' ', '\t']);
        if let Some(after) = body.strip_prefix("\\{") {
            if cond {
                let after = after.trim_start_matches([' ', '\t']);
                let after = after
                    .strip_prefix('\\')
                    .filter(|a| a.is_empty())
                    .unwrap_or(after);
                if !after.trim().is_empty() {
                    self.process(after, lineno, file);
                }
            } else {
                let depth = 1 + brace_balance(after);
                if depth > 0 {
                    self.mode = Mode::SkippingBraces { depth };
                }
            }
        } else if cond && !body.is_empty() {
            self.process(body, lineno, file);
        }
    }

    /// Parses and evaluates the condition at the start of `rest`; returns it and the body.
    fn condition<'a>(
        &mut self,
        rest: &'a str,
        file: &Option<Rc<str>>,
        lineno: u32,
    ) -> (bool, &'a str) {
        let mut s = rest.trim_start();
        let mut negate = false;
        while let Some(r) = s.strip_prefix('!') {
            negate = !negate;
            s = r;
        }
        let first = s.chars().next().unwrap_or(' ');
        let (value, body) = match first {
            'n' | 't' | 'o' | 'e' | 'v' if !s[1..].starts_with(|c: char| c.is_alphanumeric()) => {
                (matches!(first, 'n' | 'o'), &s[1..])
            }
            'd' | 'r' | 'c' | 'F' | 'S' | 'm' if s[1..].starts_with([' ', '\t']) => {
                let after = s[1..].trim_start();
                let end = after.find([' ', '\t']).unwrap_or(after.len());
                let name = &after[..end];
                let v = match first {
                    'd' => self.strings.contains_key(name) || self.macros.contains_key(name),
                    'r' => self.registers.contains_key(name),
                    'c' => true,
                    _ => false,
                };
                (v, &after[end..])
            }
            '\'' | '"' | '|' | '/' | '#' | '^' | '!' | '@' | '%' => {
                // 'a'b' string comparison
                let delim = first;
                let inner = &s[1..];
                let Some(p1) = inner.find(delim) else {
                    return (false, "");
                };
                let a = &inner[..p1];
                let after_a = &inner[p1 + 1..];
                let Some(p2) = after_a.find(delim) else {
                    return (false, "");
                };
                let b = &after_a[..p2];
                let a = self.interpolate(a, file, lineno, 0);
                let b = self.interpolate(b, file, lineno, 0);
                (a == b, &after_a[p2 + 1..])
            }
            _ => {
                let end = expression_end(s);
                let expr = self.interpolate(&s[..end], file, lineno, 0);
                match eval_number(&expr) {
                    Some(n) => (n > 0, &s[end..]),
                    None => {
                        self.warn(
                            Code::ConditionNotUnderstood,
                            file,
                            lineno,
                            format!("condition `{}` not understood; taken as false", &s[..end]),
                        );
                        (false, &s[end..])
                    }
                }
            }
        };
        (value != negate, body)
    }

    /// Replaces `\*` strings, `\n` registers and `\$` macro arguments; drops comments and
    /// conditional braces. Other escapes are kept for the renderer.
    fn interpolate(
        &mut self,
        s: &str,
        file: &Option<Rc<str>>,
        lineno: u32,
        depth: usize,
    ) -> String {
        if !s.contains('\\') {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(pos) = rest.find('\\') {
            out.push_str(&rest[..pos]);
            let after = &rest[pos + 1..];
            let mut chars = after.chars();
            let Some(c) = chars.next() else {
                rest = after;
                break;
            };
            match c {
                '\\' => {
                    out.push_str("\\\\");
                    rest = &after[1..];
                }
                '"' => {
                    rest = "";
                    // Comments swallow trailing white space before them too.
                    let trimmed = out.trim_end_matches([' ', '\t']).len();
                    out.truncate(trimmed);
                    break;
                }
                '#' => {
                    rest = "";
                    break;
                }
                '{' | '}' => rest = &after[1..],
                '*' => {
                    let (name, next) = take_name(&after[1..]);
                    rest = next;
                    if depth >= MAX_DEPTH {
                        continue;
                    }
                    match self.strings.get(name).cloned() {
                        Some(v) => {
                            let v = self.interpolate(&v, file, lineno, depth + 1);
                            out.push_str(&v);
                        }
                        None => self.warn(
                            Code::UndefinedString,
                            file,
                            lineno,
                            format!("undefined string \\*[{name}]"),
                        ),
                    }
                }
                'n' => {
                    let mut r = &after[1..];
                    let mut step = 0;
                    if let Some(x) = r.strip_prefix('+') {
                        step = 1;
                        r = x;
                    } else if let Some(x) = r.strip_prefix('-') {
                        step = -1;
                        r = x;
                    }
                    let (name, next) = take_name(r);
                    rest = next;
                    let name = name.to_string();
                    let args = self.args_stack.last().map(|a| a.len() as i64 - 1);
                    let value = if name == ".$" {
                        args.unwrap_or(0)
                    } else {
                        let v = self.registers.entry(name).or_insert(0);
                        *v += step;
                        *v
                    };
                    out.push_str(&value.to_string());
                }
                '$' => {
                    let (name, next) = take_name(&after[1..]);
                    rest = next;
                    if let Some(args) = self.args_stack.last() {
                        match name {
                            "*" => out.push_str(&args[1..].join(" ")),
                            "@" => {
                                let quoted: Vec<String> =
                                    args[1..].iter().map(|a| format!("\"{a}\"")).collect();
                                out.push_str(&quoted.join(" "));
                            }
                            _ => {
                                if let Some(a) =
                                    name.parse::<usize>().ok().and_then(|i| args.get(i))
                                {
                                    out.push_str(a);
                                }
                            }
                        }
                    }
                }
                _ => {
                    out.push('\\');
                    out.push(c);
                    rest = &after[c.len_utf8()..];
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
#[path = "interp_tests.rs"]
mod tests;
