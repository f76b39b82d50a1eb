//! The lexical pieces of request lines: names after escapes, macro arguments, the braces and
//! expressions of conditionals, and the end line of `.de` and `.ig` blocks.

/// Requests that do not count as page content when deciding whether a page is a `.so` redirect.
pub(crate) fn is_metadata(name: &str) -> bool {
    matches!(name, "lf" | "do" | "mso" | "warn")
}

/// `x`, `(xx` or `[name]` after an escape; returns the name and the rest.
pub(crate) fn take_name(s: &str) -> (&str, &str) {
    if let Some(r) = s.strip_prefix('(') {
        let end = r.char_indices().nth(2).map(|(i, _)| i).unwrap_or(r.len());
        (&r[..end], &r[end..])
    } else if let Some(r) = s.strip_prefix('[') {
        let end = r.find(']').unwrap_or(r.len());
        (&r[..end], r.get(end + 1..).unwrap_or(""))
    } else {
        let end = s.chars().next().map(char::len_utf8).unwrap_or(0);
        (&s[..end], &s[end..])
    }
}

/// Whether a line ends a macro definition or `.ig` block.
pub(crate) fn is_end_line(raw: &str, end: &str) -> bool {
    let Some(body) = raw.strip_prefix(['.', '\'']) else {
        return false;
    };
    let body = body.trim_start();
    if end == "." {
        body == "."
            || body.starts_with(". ")
            || body.starts_with(".\\\"")
            || body.starts_with(".\t")
    } else {
        body.split_whitespace().next() == Some(end)
    }
}

/// Opening minus closing conditional braces (`\{`, `\}`) in a line.
pub(crate) fn brace_balance(s: &str) -> i32 {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut n = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'\\' {
            match bytes[i + 1] {
                b'{' => n += 1,
                b'}' => n -= 1,
                _ => {}
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    n
}

/// Where a numeric condition ends: the first blank outside parentheses.
pub(crate) fn expression_end(s: &str) -> usize {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ' ' | '\t' if depth <= 0 => return i,
            _ => {}
        }
    }
    s.len()
}

/// Splits macro arguments: blanks separate, double quotes group, `""` is a literal quote.
pub(crate) fn split_args(s: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        let mut arg = String::new();
        if first == '"' {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        arg.push('"');
                    } else {
                        break;
                    }
                } else if c == '\\' {
                    arg.push(c);
                    if let Some(n) = chars.next() {
                        arg.push(n);
                    }
                } else {
                    arg.push(c);
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ' ' || c == '\t' {
                    break;
                }
                chars.next();
                arg.push(c);
                if c == '\\'
                    && let Some(n) = chars.next()
                {
                    arg.push(n);
                }
            }
        }
        args.push(arg);
    }
    args
}
