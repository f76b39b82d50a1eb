//! Help as plain text.

use manpage::Text;

/// Paragraphs as plain text, separated by blank lines: white space inside a paragraph collapsed,
/// preformatted paragraphs (several lines) keeping their lines.
pub fn plain<'t>(paragraphs: impl IntoIterator<Item = &'t Text>) -> String {
    paragraphs
        .into_iter()
        .map(|t| {
            if t.raw().contains('\n') {
                t.raw()
                    .lines()
                    .map(str::trim_end)
                    .collect::<Vec<_>>()
                    .join("\n")
                    .trim()
                    .to_string()
            } else {
                t.plain()
            }
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use manpage::Font;

    #[test]
    fn paragraphs_collapse_blanks_and_preformatted_keep_lines() {
        let mut a = Text::new();
        a.push("  Extract   files ", Font::Roman);
        a.push("now", Font::Bold);
        let pre = Text::from_run("  a  b\n  c\n", Font::Roman);
        let blank = Text::from_run("   ", Font::Roman);
        assert_eq!(plain([&a, &blank, &pre]), "Extract files now\n\na  b\n  c");
    }
}
