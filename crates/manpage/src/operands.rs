//! Positional operands, read from the SYNOPSIS and documented from OPERANDS or DESCRIPTION.

use roff::{Block, Document, Font, Text};

use crate::model::{Help, Operand, OptionDef};

/// The synopsis forms: one text per paragraph or preformatted line of SYNOPSIS.
pub fn synopsis(doc: &Document) -> Vec<Text> {
    let Some(section) = doc.section("SYNOPSIS") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    collect(&section.blocks, &mut out);
    out
}

fn collect(blocks: &[Block], out: &mut Vec<Text>) {
    for b in blocks {
        match b {
            Block::Paragraph { text, .. } => out.push(text.clone()),
            Block::Preformatted { text, .. } => {
                // Preformatted synopses continue forms on indented lines.
                let mut form = Text::new();
                for line in text.raw().split('\n') {
                    if !line.starts_with([' ', '\t']) && !form.is_blank() {
                        out.push(std::mem::take(&mut form));
                    }
                    form.push(line.trim(), Font::Roman);
                    form.push(" ", Font::Roman);
                }
                if !form.is_blank() {
                    out.push(form.trimmed());
                }
            }
            Block::Indented { blocks, .. } => collect(blocks, out),
            Block::Subsection(s) => collect(&s.blocks, out),
            Block::Item { head, body, .. } => {
                let mut t = head.clone();
                for b in body {
                    if let Block::Paragraph { text, .. } = b {
                        t.push_space();
                        t.append(text);
                    }
                }
                out.push(t);
            }
            Block::Table { .. } => {}
        }
    }
}

/// Splits a synopsis form into words, keeping bracket groups whole.
fn tokens(form: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in form.chars() {
        match c {
            '[' | '{' | '(' | '<' => {
                depth += 1;
                cur.push(c);
            }
            ']' | '}' | ')' | '>' => {
                depth -= 1;
                cur.push(c);
            }
            c if c.is_whitespace() && depth <= 0 => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                depth = 0;
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The operands of the first synopsis form that has any.
pub fn operands(
    doc: &Document,
    names: &[String],
    options: &[OptionDef],
    forms: &[Text],
) -> Vec<Operand> {
    for form in forms {
        let plain = form.plain();
        let toks = tokens(&plain);
        let mut found: Vec<Operand> = Vec::new();
        let mut skip_next = false;
        for (i, tok) in toks.iter().enumerate() {
            if i == 0 || skip_next {
                skip_next = false;
                continue;
            }
            if tok.starts_with('-') || tok.starts_with('+') {
                let flag = tok.split('=').next().unwrap_or(tok);
                skip_next = !tok.contains('=')
                    && options
                        .iter()
                        .any(|o| o.argument.is_some() && o.flags.iter().any(|f| f.text == flag));
                continue;
            }
            if tok == "..." || tok == "…" {
                if let Some(last) = found.last_mut() {
                    last.variadic = true;
                }
                continue;
            }
            if tok.starts_with('{') || tok.starts_with('|') || tok == "|" {
                continue;
            }
            let optional = tok.starts_with('[');
            // `[options / URLs]`, `[a|b]`: alternatives inside one bracket.
            let alternatives: Vec<String> = if optional
                && (tok.contains(" / ") || tok.contains('|'))
                && !tok[1..].contains('[')
            {
                tok.trim_start_matches('[')
                    .trim_end_matches("...")
                    .trim_end_matches(']')
                    .split(['/', '|'])
                    .map(|a| a.trim().to_string())
                    .collect()
            } else {
                vec![tok.clone()]
            };
            for alt in alternatives {
                add_operand(&alt, optional, names, &mut found);
            }
        }
        if !found.is_empty() {
            for op in &mut found {
                op.help = operand_help(doc, &op.name, form);
            }
            return found;
        }
    }
    Vec::new()
}

fn add_operand(tok: &str, optional: bool, names: &[String], found: &mut Vec<Operand>) {
    let variadic = tok.contains("...") || tok.contains('…');
    let inner = tok
        .trim_end_matches("...")
        .trim_end_matches('…')
        .trim_start_matches('[')
        .trim_end_matches("...")
        .trim_end_matches(']')
        .trim_end_matches("...")
        .trim_end_matches('…');
    if inner.starts_with('-') || inner.starts_with('+') || inner.is_empty() {
        return;
    }
    let upper = inner.to_ascii_uppercase();
    if matches!(
        upper.as_str(),
        "OPTION" | "OPTIONS" | "<OPTIONS>" | "FLAGS" | "SWITCHES"
    ) || names.iter().any(|n| n == inner)
    {
        return;
    }
    if !inner
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '<' | '>' | '@' | ':' | '.' | '/'))
    {
        return;
    }
    if let Some(o) = found.iter_mut().find(|o| o.name == inner) {
        o.variadic |= variadic;
        return;
    }
    found.push(Operand {
        name: inner.to_string(),
        variadic,
        optional,
        help: Vec::new(),
    });
}

fn operand_help(doc: &Document, name: &str, form: &Text) -> Help {
    let bare = name.trim_matches(|c| c == '<' || c == '>');
    for title in ["OPERANDS", "ARGUMENTS", "POSITIONAL ARGUMENTS"] {
        if let Some(s) = doc.section(title)
            && let Some(body) = find_item(&s.blocks, bare)
        {
            return crate::extract::body_help(body);
        }
    }
    // A section named after the operand (curl's URL).
    let singular = bare.strip_suffix('s').unwrap_or(bare);
    if let Some(s) = doc
        .sections
        .iter()
        .find(|s| s.title.eq_ignore_ascii_case(bare) || s.title.eq_ignore_ascii_case(singular))
    {
        let help = crate::extract::body_help(&s.blocks);
        if !help.is_empty() {
            return help;
        }
    }
    if let Some(s) = doc.section("DESCRIPTION") {
        let paragraphs: Vec<&Text> = s
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text, .. } => Some(text),
                _ => None,
            })
            .collect();
        // A paragraph that starts with the operand's name defines it; else the first that names it.
        let starts = paragraphs.iter().find(|t| {
            let p = t.plain();
            p.starts_with(bare)
                && !p[bare.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        });
        if let Some(t) = starts.or_else(|| paragraphs.iter().find(|t| mentions(&t.plain(), bare))) {
            return vec![(*t).clone()];
        }
    }
    vec![form.clone()]
}

/// The body of the item (at any depth) whose head names `name` first.
fn find_item<'d>(blocks: &'d [Block], name: &str) -> Option<&'d [Block]> {
    for b in blocks {
        match b {
            Block::Item { head, body, .. } => {
                let plain = head.plain();
                let first = plain.split_whitespace().next().unwrap_or("");
                if first.trim_matches(|c| c == '<' || c == '>' || c == '[' || c == ']') == name {
                    return Some(body);
                }
                if let Some(found) = find_item(body, name) {
                    return Some(found);
                }
            }
            Block::Indented { blocks, .. } => {
                if let Some(found) = find_item(blocks, name) {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}

fn mentions(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(p, _)| {
        let before = text[..p].chars().next_back();
        let after = text[p + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}
