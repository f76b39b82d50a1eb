//! Matching the words of one simple command against its page: program, sub-commands, options
//! (bundled, attached, `=value`, abbreviated), option arguments and operands.

use std::ops::Range;
use std::sync::Arc;

use crate::pages::Lookup;
use crate::{Kind, Piece};
use manpage::{ArgumentNeed, FlagStyle, OptionDef, Page};

/// The page of a program word: `tar`, `/usr/bin/tar`, `printf.1`.
pub fn program_page(lookup: &Lookup, word: &str) -> Option<Arc<Page>> {
    if word.is_empty() {
        return None;
    }
    let base = word.rsplit('/').next().unwrap_or(word);
    if base.is_empty() {
        return None;
    }
    if let Some(p) = lookup.page(base) {
        return Some(p);
    }
    let (name, section) = base.rsplit_once('.')?;
    if section.starts_with(|c: char| c.is_ascii_digit()) {
        return lookup.page_in(name, section);
    }
    None
}

fn option_piece(
    range: Range<usize>,
    group: usize,
    page: &Page,
    opt: &OptionDef,
    flag: &str,
) -> Piece {
    let mut help = Vec::with_capacity(opt.help.len() + 1);
    help.push(opt.head.clone());
    help.extend(opt.help.iter().cloned());
    Piece {
        range,
        kind: Kind::Option,
        group,
        help: Some(help),
        page: Some(page.citation()),
        option: Some(flag.to_string()),
    }
}

fn argument_piece(range: Range<usize>, group: usize, page: &Page, opt: &OptionDef) -> Piece {
    let mut p = option_piece(range, group, page, opt, "");
    p.kind = Kind::Argument;
    p.option = None;
    p
}

fn unknown(range: Range<usize>, group: usize) -> Piece {
    Piece {
        range,
        kind: Kind::Unknown,
        group,
        help: None,
        page: None,
        option: None,
    }
}

/// The option spelled exactly `flag`.
fn exact<'p>(page: &'p Page, flag: &str) -> Option<&'p OptionDef> {
    page.options
        .iter()
        .find(|o| o.flags.iter().any(|f| f.text == flag))
}

/// The only long option that `prefix` abbreviates (getopt_long's rule).
fn abbreviated<'p>(page: &'p Page, prefix: &str) -> Option<(&'p OptionDef, String)> {
    if prefix.len() < 4 {
        return None;
    }
    let mut found: Option<(&OptionDef, String)> = None;
    for o in &page.options {
        for f in &o.flags {
            if f.style == FlagStyle::Long && f.text.starts_with(prefix) {
                match &found {
                    Some((prev, _)) if !std::ptr::eq(*prev, o) => return None,
                    _ => found = Some((o, f.text.clone())),
                }
            }
        }
    }
    found
}

fn takes_required(opt: &OptionDef) -> bool {
    opt.argument
        .as_ref()
        .is_some_and(|a| a.need == ArgumentNeed::Required)
}

/// Matches a simple command's words: the program (already at `words[0]`), sub-commands, then
/// options and operands.
pub fn explain_words(words: &[shell::Word], group: usize, lookup: &Lookup, out: &mut Vec<Piece>) {
    let Some(first) = words.first() else { return };
    let Some(mut page) = program_page(lookup, &first.value) else {
        out.push(unknown(first.range.clone(), group));
        for w in &words[1..] {
            out.push(unknown(w.range.clone(), group));
        }
        return;
    };
    out.push(Piece {
        range: first.range.clone(),
        kind: Kind::Program,
        group,
        help: Some(vec![page.name_line.clone()]),
        page: Some(page.citation()),
        option: None,
    });
    let mut idx = 1;
    // Sub-commands with pages of their own: git commit → git-commit, gcloud compute → gcloud_compute.
    while let Some(w) = words.get(idx) {
        if w.value.starts_with('-')
            || w.value.is_empty()
            || !w
                .value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            break;
        }
        let sub = [
            format!("{}-{}", page.name, w.value),
            format!("{}_{}", page.name, w.value.replace('-', "_")),
        ]
        .iter()
        .find_map(|n| lookup.page(n).filter(|p| &p.name == n));
        let Some(sub) = sub else { break };
        out.push(Piece {
            range: w.range.clone(),
            kind: Kind::Subcommand,
            group,
            help: Some(vec![sub.name_line.clone()]),
            page: Some(sub.citation()),
            option: None,
        });
        page = sub;
        idx += 1;
    }
    explain_arguments(&words[idx..], group, &page, out);
}

/// Options and operands of one page.
fn explain_arguments(words: &[shell::Word], group: usize, page: &Page, out: &mut Vec<Piece>) {
    let mut end_of_options = false;
    let mut positional: Vec<&shell::Word> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        let v = w.value.as_str();
        i += 1;
        if !end_of_options && v == "--" {
            end_of_options = true;
            match exact(page, "--") {
                Some(o) => out.push(option_piece(w.range.clone(), group, page, o, "--")),
                None => out.push(unknown(w.range.clone(), group)),
            }
            continue;
        }
        let dashed = !end_of_options && (v.starts_with('-') || v.starts_with('+')) && v.len() > 1;
        if dashed {
            let (name, value) = match v.split_once('=') {
                Some((n, val)) if n.len() > 1 => (n, Some(val)),
                _ => (v, None),
            };
            // The whole word (before any `=`) as one option: `--file`, `-name`, `-x`.
            let whole = exact(page, name)
                .map(|o| (o, name.to_string()))
                .or_else(|| {
                    if name.starts_with("--") {
                        abbreviated(page, name)
                    } else {
                        None
                    }
                });
            if let Some((opt, flag)) = whole {
                out.push(option_piece(w.range.clone(), group, page, opt, &flag));
                if value.is_none()
                    && takes_required(opt)
                    && let Some(arg) = words.get(i)
                {
                    out.push(argument_piece(arg.range.clone(), group, page, opt));
                    i += 1;
                }
                continue;
            }
            if name.starts_with("--") {
                out.push(unknown(w.range.clone(), group));
                continue;
            }
            // A bundle of short options: -xzvf, -n1, -ofile.
            if let Some(consumed) = bundle(w, words.get(i), group, page, out) {
                i += consumed;
                continue;
            }
            out.push(unknown(w.range.clone(), group));
            continue;
        }
        positional.push(w);
    }
    assign_operands(&positional, group, page, out);
}

/// Which operand each positional word is. With fewer words than operands, the required
/// operands are filled first, then optional ones from the right, as in `cal [[month] year]`.
fn assign_operands(words: &[&shell::Word], group: usize, page: &Page, out: &mut Vec<Piece>) {
    let ops = &page.operands;
    let mut chosen: Vec<usize> = (0..ops.len()).collect();
    if words.len() < ops.len() {
        let mut keep = vec![false; ops.len()];
        let mut left = words.len();
        for (i, op) in ops.iter().enumerate() {
            if !op.optional && left > 0 {
                keep[i] = true;
                left -= 1;
            }
        }
        for i in (0..ops.len()).rev() {
            if left == 0 {
                break;
            }
            if !keep[i] {
                keep[i] = true;
                left -= 1;
            }
        }
        chosen = (0..ops.len()).filter(|&i| keep[i]).collect();
    }
    for (k, w) in words.iter().enumerate() {
        let op = chosen
            .get(k)
            .map(|&i| &ops[i])
            .or_else(|| ops.last().filter(|o| o.variadic));
        match op {
            Some(op) if !op.help.is_empty() => out.push(Piece {
                range: w.range.clone(),
                kind: Kind::Argument,
                group,
                help: Some(op.help.clone()),
                page: Some(page.citation()),
                option: None,
            }),
            _ => out.push(unknown(w.range.clone(), group)),
        }
    }
}

/// Splits `-xzvf` into letters. Returns how many following words were used as arguments, or
/// `None` when the first letter is not a documented short option.
fn bundle(
    w: &shell::Word,
    next: Option<&shell::Word>,
    group: usize,
    page: &Page,
    out: &mut Vec<Piece>,
) -> Option<usize> {
    let v = &w.value;
    let prefix = &v[..1];
    // Offsets map from the value to the raw word only when the word is unquoted.
    let raw_matches = !w.quoted && w.range.len() == v.len();
    let letters: Vec<(usize, char)> = v.char_indices().skip(1).collect();
    let (_, first) = *letters.first()?;
    exact(page, &format!("{prefix}{first}"))?;
    if !raw_matches {
        // Quoted bundles are rare; explain the whole word by its first letter.
        let opt = exact(page, &format!("{prefix}{first}"))?;
        out.push(option_piece(
            w.range.clone(),
            group,
            page,
            opt,
            &format!("{prefix}{first}"),
        ));
        return Some(0);
    }
    let base = w.range.start;
    let mut k = 0;
    while k < letters.len() {
        let (off, c) = letters[k];
        let flag = format!("{prefix}{c}");
        let start = if k == 0 { base } else { base + off };
        let letter_end = base + off + c.len_utf8();
        match exact(page, &flag) {
            Some(opt) => {
                let needs = opt.argument.as_ref().map(|a| a.need);
                if needs.is_some() && letter_end < w.range.end {
                    // The rest of the word is the argument: -n1, -I{}, -ofile.
                    out.push(option_piece(start..w.range.end, group, page, opt, &flag));
                    return Some(0);
                }
                out.push(option_piece(start..letter_end, group, page, opt, &flag));
                if needs == Some(ArgumentNeed::Required)
                    && k + 1 == letters.len()
                    && let Some(arg) = next
                {
                    out.push(argument_piece(arg.range.clone(), group, page, opt));
                    return Some(1);
                }
            }
            None => out.push(unknown(start..letter_end, group)),
        }
        k += 1;
    }
    Some(0)
}
