//! Help as HTML: `<p>` per paragraph, `<pre>` for preformatted ones, `<b>` and `<i>` for the
//! page's fonts; everything else escaped.

use manpage::Text;

/// Paragraphs as HTML: one `<p>` per paragraph (`<pre>` for preformatted ones), `<b>` and `<i>`
/// for fonts, everything escaped.
pub fn html<'t>(paragraphs: impl IntoIterator<Item = &'t Text>) -> String {
    let mut out = String::new();
    for t in paragraphs {
        if t.is_blank() {
            continue;
        }
        let pre = t.raw().trim().contains('\n');
        out.push_str(if pre { "<pre>" } else { "<p>" });
        let runs = if pre { t.clone() } else { t.trimmed() };
        for run in &runs.runs {
            let text = if pre {
                run.text.clone()
            } else {
                roff::tree::normalize_space_keep_edges(&run.text)
            };
            let escaped = escape_html(&text);
            match (run.font.is_bold(), run.font.is_italic()) {
                (true, true) => out.push_str(&format!("<b><i>{escaped}</i></b>")),
                (true, false) => out.push_str(&format!("<b>{escaped}</b>")),
                (false, true) => out.push_str(&format!("<i>{escaped}</i>")),
                _ => out.push_str(&escaped),
            }
        }
        out.push_str(if pre { "</pre>" } else { "</p>" });
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use manpage::Font;

    #[test]
    fn fonts_become_tags_and_text_is_escaped() {
        let mut t = Text::new();
        t.push("-f", Font::Bold);
        t.push(" <FILE> & ", Font::Roman);
        t.push("x", Font::Italic);
        let pre = Text::from_run("a <b>\n  c", Font::Roman);
        assert_eq!(
            html([&t, &pre]),
            "<p><b>-f</b> &lt;FILE&gt; &amp; <i>x</i></p><pre>a &lt;b&gt;\n  c</pre>"
        );
        assert_eq!(escape_html(r#"'"'"#), "&#39;&quot;&#39;");
    }
}
