//! Page identity: name and section from the file name, names and description from NAME.

use roff::{Document, Text};

/// `tar.1.gz` → (`tar`, `1`); `openssl-req.1ssl.gz` → (`openssl-req`, `1ssl`).
pub fn name_and_section(file_name: &str) -> Option<(String, String)> {
    let mut base = file_name.rsplit('/').next().unwrap_or(file_name);
    for ext in [".gz", ".bz2", ".xz", ".zst", ".Z", ".lzma"] {
        if let Some(b) = base.strip_suffix(ext) {
            base = b;
            break;
        }
    }
    let dot = base.rfind('.')?;
    let (name, section) = (&base[..dot], &base[dot + 1..]);
    if name.is_empty() || !section.starts_with(|c: char| c.is_ascii_digit() || c == 'n' || c == 'l')
    {
        return None;
    }
    Some((name.to_string(), section.to_string()))
}

/// `iptables/ip6tables` (iptables(8)'s NAME line) is two names; a name with a slash in any other
/// shape (a path, `a//b`) stays one.
fn split_alternatives(name: &str) -> Vec<String> {
    let parts: Vec<&str> = name.split('/').collect();
    let is_name = |p: &&str| {
        !p.is_empty()
            && p.starts_with(|c: char| c.is_ascii_alphanumeric())
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'))
    };
    if parts.len() > 1 && parts.iter().all(is_name) {
        parts.into_iter().map(str::to_string).collect()
    } else {
        vec![name.to_string()]
    }
}

/// The NAME line, the names it lists and the description after the dash.
pub fn name_section(doc: &Document) -> (Text, Vec<String>, String) {
    let Some(section) = doc.section("NAME").or_else(|| doc.sections.first()) else {
        return (Text::new(), Vec::new(), String::new());
    };
    // The paragraphs at the start; certbot(1) goes on in NAME with its whole `--help` output.
    let leading = section
        .blocks
        .iter()
        .position(|b| !matches!(b, roff::Block::Paragraph { .. }))
        .unwrap_or(section.blocks.len())
        .max(1);
    let mut line = Text::new();
    for text in crate::extract::body_help(&section.blocks[..leading.min(section.blocks.len())]) {
        if !line.runs.is_empty() {
            line.push_space();
        }
        line.append(&text);
    }
    let plain = line.plain();
    let split = [" - ", " — ", " – ", " -- ", " \u{2010} "]
        .iter()
        .filter_map(|sep| plain.find(sep).map(|p| (p, sep.len())))
        .min_by_key(|(p, _)| *p);
    let (names_part, description) = match split {
        Some((p, len)) => (&plain[..p], plain[p + len..].trim().to_string()),
        None => (plain.as_str(), String::new()),
    };
    // Names are separated by commas; an entry with blanks inside (gcloud's `gcloud compute
    // instances`) is a phrase, not a program name.
    let names = names_part
        .split(',')
        .map(|n| n.trim().trim_matches(|c: char| c == '\\' || c == '"'))
        .filter(|n| !n.is_empty() && n.len() < 80 && !n.contains(char::is_whitespace))
        .flat_map(split_alternatives)
        .collect();
    let line = Text::from_run(plain, roff::Font::Roman);
    (line, names, description)
}
