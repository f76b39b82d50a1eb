//! Help for a terminal: paragraphs wrapped to a width, bold and underline for the page's fonts
//! when colour is on.

use manpage::{Font, Text};

/// `s` in the ANSI style `code` (`"1"`, `"36"`), or as it is without colour.
pub fn paint(code: &str, s: &str, color: bool) -> String {
    if color && !s.is_empty() {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// Wraps one paragraph, painting bold and italic runs; preformatted paragraphs keep their lines.
pub fn wrap_paragraph(para: &Text, width: usize, color: bool) -> Vec<String> {
    let raw = para.raw();
    if raw.trim().contains('\n') {
        return raw
            .trim_matches('\n')
            .lines()
            .map(|l| l.trim_end().to_string())
            .collect();
    }
    // Wrap the plain text, then paint it word by word following the runs.
    let plain = para.plain();
    let lines = textwrap::wrap(&plain, width);
    if !color {
        return lines.into_iter().map(|l| l.into_owned()).collect();
    }
    // Font of each char of the normalised text.
    let mut fonts: Vec<Font> = Vec::with_capacity(plain.len());
    let mut last_space = true;
    for run in &para.trimmed().runs {
        for c in run.text.chars() {
            if c.is_whitespace() {
                if !last_space && fonts.len() < plain.chars().count() {
                    fonts.push(Font::Roman);
                }
                last_space = true;
            } else {
                fonts.push(run.font);
                last_space = false;
            }
        }
    }
    let mut out = Vec::new();
    let mut idx = 0;
    let chars: Vec<char> = plain.chars().collect();
    for line in lines {
        let n = line.chars().count();
        // Skip the blank textwrap dropped at the break.
        while idx < chars.len() && chars[idx] == ' ' && !line.starts_with(' ') {
            idx += 1;
        }
        let mut s = String::new();
        let mut cur = Font::Roman;
        for k in 0..n {
            let f = fonts.get(idx + k).copied().unwrap_or(Font::Roman);
            if f != cur {
                s.push_str("\x1b[0m");
                if f.is_bold() {
                    s.push_str("\x1b[1m");
                }
                if f.is_italic() {
                    s.push_str("\x1b[4m");
                }
                cur = f;
            }
            s.push(chars.get(idx + k).copied().unwrap_or(' '));
        }
        if cur != Font::Roman {
            s.push_str("\x1b[0m");
        }
        idx += n;
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_paints_bold_words_only() {
        let mut t = Text::new();
        t.push("Use ", Font::Roman);
        t.push("-f", Font::Bold);
        t.push(" to name the archive file", Font::Roman);
        assert_eq!(
            wrap_paragraph(&t, 12, false),
            ["Use -f to", "name the", "archive file"]
        );
        let painted = wrap_paragraph(&t, 80, true);
        assert_eq!(
            painted,
            ["Use \x1b[0m\x1b[1m-f\x1b[0m to name the archive file"]
        );
    }

    #[test]
    fn preformatted_paragraphs_keep_their_lines() {
        let t = Text::from_run("\n  tar -c \n  tar -x\n", Font::Roman);
        assert_eq!(wrap_paragraph(&t, 5, true), ["  tar -c", "  tar -x"]);
    }
}
