//! Positional operands, read from the SYNOPSIS and documented from OPERANDS or DESCRIPTION.

use roff::{Block, Document, Font, ItemStyle, Text};

use crate::model::{Help, Operand, OptionDef};
use crate::sections::SectionKind;

/// The synopsis forms: one text per paragraph or preformatted line of SYNOPSIS.
pub fn synopsis(doc: &Document) -> Vec<Text> {
    // lesskey(1) titles it `SYNOPSIS (deprecated)`.
    let Some(section) = doc.section("SYNOPSIS").or_else(|| {
        doc.sections
            .iter()
            .find(|s| s.title.to_ascii_uppercase().starts_with("SYNOPSIS "))
    }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    collect(&section.blocks, &mut out);
    out
}

fn collect(blocks: &[Block], out: &mut Vec<Text>) {
    for b in blocks {
        match b {
            Block::Paragraph { text, .. } => out.extend(paragraph_forms(text)),
            Block::Preformatted { text, .. } => out.extend(preformatted_forms(text)),
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

/// The synopsis forms of a paragraph: one, or one per forced line break where each such line
/// starts with the program again (`lesskey [-o output]` `.br` `lesskey -V`).
fn paragraph_forms(text: &Text) -> Vec<Text> {
    let lines = text.lines();
    let first_word = |t: &Text| t.plain().split_whitespace().next().map(str::to_string);
    let program = lines.first().and_then(first_word);
    let repeats = lines.iter().skip(1).any(|l| first_word(l) == program);
    if program.is_none() || !repeats {
        return vec![text.clone()];
    }
    let mut out: Vec<Text> = Vec::new();
    for line in lines {
        match out.last_mut() {
            Some(form) if first_word(&line) != program => {
                form.push_space();
                form.append(&line);
            }
            _ => out.push(line),
        }
    }
    out
}

/// The synopsis forms of a preformatted block: a form goes on over indented lines.
pub(crate) fn preformatted_forms(text: &Text) -> Vec<Text> {
    let mut out = Vec::new();
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
    out
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
        // A bracket left open to the end (docker-run(1)'s `[--tmpfs[=[CONTAINER-DIR[:OPTIONS]]]`
        // has one `]` too few) would swallow the rest of the form: the words after its first
        // blank are read again as words of their own.
        match cur.split_once(char::is_whitespace) {
            Some((first, rest)) if depth > 0 => {
                out.push(first.to_string());
                out.extend(tokens(rest));
            }
            _ => out.push(cur),
        }
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
    let Some((mut found, form)) = parse_forms(names, options, forms) else {
        return Vec::new();
    };
    // dnf's and hledger's `COMMAND` is one of the commands their COMMANDS section lists, not a
    // program to run.
    // So is perf's `COMMAND`, whose SEE ALSO cites perf-stat(1), perf-top(1), ...: a program
    // with pages for its sub-commands runs no other program there.
    // (Only as the first operand: ssh's SEE ALSO cites ssh-add(1), ssh-agent(1), ... but its
    // `destination [command]` runs one.)
    let first_is_command = found.first().is_some_and(|op| op.starts_command);
    if lists_commands(doc) || (first_is_command && cites_subcommand_pages(doc, names)) {
        found.iter_mut().for_each(|op| op.starts_command = false);
    }
    for op in &mut found {
        op.help = operand_help(doc, &op.name, form);
    }
    found
}

/// Whether the page has a section of its own commands: `COMMANDS`, `GIT COMMANDS`, ...
fn lists_commands(doc: &Document) -> bool {
    doc.sections.iter().any(|s| {
        let t = s.title.trim().to_ascii_uppercase();
        (t == "COMMANDS" || t.ends_with(" COMMANDS")) && !t.contains("BUILTIN")
    })
}

/// Whether the page's SEE ALSO cites two or more pages named after the program and a word
/// (`perf-stat(1)`, `perf-top(1)` on perf(1)): the pages of its sub-commands.
fn cites_subcommand_pages(doc: &Document, names: &[String]) -> bool {
    let Some(name) = names.first() else {
        return false;
    };
    let prefix = format!("{name}-");
    let Some(see_also) = doc
        .sections
        .iter()
        .find(|s| SectionKind::of(&s.title) == SectionKind::SeeAlso)
    else {
        return false;
    };
    let text: String = crate::extract::body_help(&see_also.blocks)
        .iter()
        .map(|t| t.plain() + " ")
        .collect();
    text.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| {
            w.strip_prefix(&prefix)
                .and_then(|rest| rest.split_once('('))
                .is_some_and(|(sub, _)| !sub.is_empty())
        })
        .take(2)
        .count()
        == 2
}

/// The operands of the first form that has any, with `help` as their help (builtins).
pub fn operands_with_help(
    names: &[String],
    options: &[OptionDef],
    forms: &[Text],
    help: &Help,
) -> Vec<Operand> {
    let Some((mut found, _)) = parse_forms(names, options, forms) else {
        return Vec::new();
    };
    for op in &mut found {
        op.help = help.clone();
    }
    found
}

/// Operands (without help) of the first synopsis form that has any, and that form.
/// A form whose operands include a command (`sudo ... [command [arg ...]]`) wins over earlier ones.
fn parse_forms<'f>(
    names: &[String],
    options: &[OptionDef],
    forms: &'f [Text],
) -> Option<(Vec<Operand>, &'f Text)> {
    let mut first: Option<(Vec<Operand>, &Text)> = None;
    let mut runs: Option<(Vec<Operand>, &Text)> = None;
    // Forms that start with the program; java's synopsis also says "To launch a class file:".
    let own: Vec<&Text> = forms
        .iter()
        .filter(|f| crate::prose::shows_own_name(&f.plain(), names))
        .collect();
    // Without one, only lines that read as forms, not as sentences (npm's "Note: This command is
    // unaware of workspaces." under Synopsis).
    let forms: Vec<&Text> = if own.is_empty() {
        forms
            .iter()
            .filter(|f| !reads_as_sentence(&f.plain(), names))
            .collect()
    } else {
        own
    };
    for form in forms {
        let plain = form.plain();
        let toks = tokens(&plain);
        let lead = own_name_words(&toks, names);
        let mut found: Vec<Operand> = Vec::new();
        let mut skip_next = false;
        for (i, tok) in toks.iter().enumerate() {
            if i < lead || skip_next {
                skip_next = false;
                continue;
            }
            if tok.starts_with('-')
                || (tok.starts_with('+') && !tok[1..].starts_with(|c: char| c.is_ascii_uppercase()))
            {
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
            // (`[-sign filename|uri]` is an option and its argument's alternatives.)
            let alternatives: Vec<String> = if optional
                && (tok.contains(" / ") || tok.contains('|'))
                && !tok[1..].contains('[')
                && !tok[1..].trim_start().starts_with(['-', '+'])
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
        // A command operand runs a command only when what follows is its arguments
        // (`COMMAND [ARG]...`); systemctl's `COMMAND [UNIT...]` names one of its own commands.
        let n = found.len();
        for i in 0..n {
            if found[i].starts_command {
                found[i].starts_command =
                    found.get(i + 1).is_none_or(|next| is_args(&next.name)) && i + 2 >= n;
            }
        }
        // Of the forms that run a command, the one that says most about the words before it
        // (sudo's `[VAR=value] [-i | -s] [command [arg ...]]` after `sudo -l [command]`).
        if found.iter().any(|o| o.starts_command) {
            if runs
                .as_ref()
                .is_none_or(|(best, _)| found.len() > best.len())
            {
                runs = Some((found, form));
            }
            continue;
        }
        if first.is_none() && !found.is_empty() {
            first = Some((found, form));
        }
    }
    runs.or(first)
}

/// Whether a synopsis line is prose: it ends a sentence, or starts with a label (`Note:`,
/// gobuster's `Modes:`) that no name of the page follows (argparse's `usage: ansible-playbook`
/// and rsync's `Local: rsync ...` are forms).
fn reads_as_sentence(line: &str, names: &[String]) -> bool {
    let line = line.trim();
    let labelled = line
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with(':'))
        && !names
            .iter()
            .any(|n| line.split_whitespace().any(|w| w == n));
    line.ends_with('.') && !line.ends_with("...") || labelled || line.starts_with("<!--")
}

/// How many words at the start of a form spell the program: one (`tar`), or, on a sub-command's
/// page, the program and the sub-command (`docker exec` on docker-exec(1), `git commit` on
/// git-commit(1)), so the sub-command is not read as an operand.
fn own_name_words(toks: &[String], names: &[String]) -> usize {
    let bare = |t: &str| t.rsplit('/').next().unwrap_or(t).to_lowercase();
    let mut joined = match toks.first() {
        Some(t) => bare(t),
        None => return 0,
    };
    let mut lead = 1;
    for tok in &toks[1..] {
        if !tok.starts_with(|c: char| c.is_ascii_lowercase()) {
            break;
        }
        let longer = format!("{joined}-{tok}");
        let is_prefix = |n: &String| {
            let n = n.to_lowercase();
            n == longer || n.starts_with(&format!("{longer}-"))
        };
        if !names.iter().any(is_prefix) {
            break;
        }
        joined = longer;
        lead += 1;
    }
    let whole = |n: &String| n.to_lowercase() == joined;
    if lead > 1 && !names.iter().any(whole) {
        return 1;
    }
    lead
}

fn add_operand(tok: &str, optional: bool, names: &[String], found: &mut Vec<Operand>) {
    // `[command [arg ...]]`: the first word, then what is nested inside.
    if tok.starts_with('[')
        && tok.ends_with(']')
        && tok[1..tok.len() - 1].contains(char::is_whitespace)
    {
        let inner = &tok[1..tok.len() - 1];
        let parts = tokens(inner);
        // `[-g group]`, `[ -f FORMAT ]`: an option and its argument, not operands.
        if parts
            .first()
            .is_some_and(|p| p.starts_with(['-', '+', '|']))
        {
            return;
        }
        let mut last: Option<usize> = None;
        let first_inside = found.len();
        let count = parts.len();
        for (k, part) in parts.into_iter().enumerate() {
            if part == "..." || part == "…" {
                if let Some(i) = last {
                    found[i].variadic = true;
                }
                continue;
            }
            let before = found.len();
            add_operand(&part, true, names, found);
            if found.len() > before {
                last = Some(found.len() - 1);
                // `[[month] year]`: a bracket nested before another operand of the same group.
                if part.starts_with('[') && k + 1 < count {
                    found[before].needs_next = true;
                }
            }
        }
        // `[command_file [argument ...]]`: what follows the script is given to it. (Only a
        // script: su's `[user [argument...]]` still reads options after the user.)
        if found.len() == first_inside + 2
            && !found[first_inside].starts_command
            && ["file", "script"]
                .iter()
                .any(|w| found[first_inside].name.to_ascii_lowercase().contains(w))
            && found[first_inside + 1].variadic
            && is_args(&found[first_inside + 1].name)
        {
            found[first_inside].owns_rest = true;
        }
        return;
    }
    let variadic = tok.contains("...") || tok.contains('…');
    let inner = tok
        .trim_end_matches("...")
        .trim_end_matches('…')
        .trim_start_matches('[')
        .trim_end_matches("...")
        .trim_end_matches(']')
        .trim_end_matches("...")
        .trim_end_matches('…');
    // `name[=word]`: the name, with an optional part written after it.
    let inner = match inner.find('[') {
        Some(p) if p > 0 => &inner[..p],
        _ => inner,
    };
    if inner.starts_with('-')
        || inner.is_empty()
        || (inner.starts_with('+') && !inner[1..].starts_with(|c: char| c.is_ascii_uppercase()))
    {
        return;
    }
    let upper = inner.to_ascii_uppercase();
    if matches!(
        upper.as_str(),
        "OPTION" | "OPTIONS" | "<OPTIONS>" | "FLAGS" | "SWITCHES"
    ) {
        // `svn command [options] [args]`: a command followed by its own options is one of the
        // program's sub-commands, not a program to run (`svn co` is not RCS's co(1)).
        if let Some(last) = found.last_mut() {
            last.starts_command = false;
        }
        return;
    }
    // The program's name again is no operand, unless it is the command it runs (bash's
    // `command [-pVv] command [arg ...]`).
    if names.iter().any(|n| n == inner) && !starts_command(inner) {
        return;
    }
    if !inner.chars().all(|c| {
        c.is_alphanumeric()
            || matches!(c, '_' | '-' | '<' | '>' | '@' | ':' | '.' | '/' | '=' | '+')
    }) {
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
        starts_command: starts_command(inner),
        needs_next: false,
        owns_rest: false,
    });
}

/// Whether an operand's name is the arguments of a command.
fn is_args(name: &str) -> bool {
    let bare = name
        .trim_matches(|c| c == '<' || c == '>')
        .to_ascii_lowercase();
    matches!(
        bare.as_str(),
        "arg" | "args" | "argument" | "arguments" | "initial-arguments" | "command-args"
    )
}

/// Whether an operand's name says the words from there on are a command to run.
fn starts_command(name: &str) -> bool {
    let bare = name
        .trim_matches(|c| c == '<' || c == '>')
        .to_ascii_lowercase();
    matches!(
        bare.as_str(),
        "command"
            | "utility"
            | "program"
            | "cmd"
            | "prog"
            | "command-line"
            | "commandline"
            | "shell-builtin"
    )
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
    if let Some(s) = doc.sections.iter().find(|s| {
        (s.title.eq_ignore_ascii_case(bare) || s.title.eq_ignore_ascii_case(singular))
            && !SectionKind::of(&s.title).is_about_the_whole_page()
    }) {
        let help = crate::extract::body_help(&s.blocks);
        if !help.is_empty() {
            return help;
        }
    }
    // An item anywhere whose whole head is the operand's name (dig's `server`, `name`, `type`
    // under SIMPLE USAGE; `@server` is written with its sigil only in the synopsis).
    let unsigiled = bare.strip_prefix('@').unwrap_or(bare);
    for s in &doc.sections {
        if let Some(body) = item_named(&s.blocks, unsigiled) {
            let help = crate::extract::body_help(body);
            if !help.is_empty() {
                return help;
            }
        }
    }
    // A definition whose head is the operand as the synopsis writes it (git-push(1)'s
    // `<repository>` and `<refspec>...` among its OPTIONS, DocBook's paragraph and indented body).
    if name.starts_with('<') {
        for s in doc
            .sections
            .iter()
            .filter(|s| SectionKind::of(&s.title) != SectionKind::Synopsis)
        {
            if let Some(body) = definition_headed(&s.blocks, name) {
                let help = crate::extract::body_help(body);
                if !help.is_empty() {
                    return help;
                }
            }
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
        // `+FORMAT` is written `FORMAT` in prose ("Display date and time in the given FORMAT").
        let unsigned = bare
            .strip_prefix('+')
            .filter(|r| r.len() > 1)
            .unwrap_or(bare);
        // Else the first that names it as a placeholder; else a plain mention in the first
        // paragraph (which says what the program does with its operands: bfs's "Each path
        // specified on the command line"), or of a name no sentence uses as a word of English
        // (find's `starting-point`). dnf(8)'s third paragraph says "the name of such a command"
        // and does not explain `<command>`.
        let plain_mention = |i: usize, t: &Text, word: &str| {
            (i == 0 || !word.chars().all(char::is_alphabetic)) && mentions(&t.plain(), word)
        };
        if let Some(t) = starts
            .or_else(|| {
                paragraphs
                    .iter()
                    .find(|t| mentions_placeholder(t, name, bare))
            })
            .or_else(|| {
                paragraphs
                    .iter()
                    .find(|t| mentions_placeholder(t, name, unsigned))
            })
            .or_else(|| {
                let mut all = paragraphs.iter().enumerate();
                all.find(|(i, t)| plain_mention(*i, t, bare) || plain_mention(*i, t, unsigned))
                    .map(|(_, t)| t)
            })
        {
            return vec![(*t).clone()];
        }
    }
    vec![form.clone()]
}

/// The body of the item (at any depth) whose whole head is `name`.
fn item_named<'d>(blocks: &'d [Block], name: &str) -> Option<&'d [Block]> {
    blocks.iter().find_map(|b| match b {
        // A row of a column table (tmux's FORMATS row `command`) is a cell, not a definition.
        Block::Item {
            head, body, style, ..
        } if *style != ItemStyle::Column && head.plain().trim() == name => Some(&body[..]),
        Block::Item { body, .. } => item_named(body, name),
        Block::Indented { blocks, .. } => item_named(blocks, name),
        _ => None,
    })
}

/// The body of the definition (an item, or a paragraph with an indented body after it) whose
/// whole head is `written`, with or without a trailing `...`.
fn definition_headed<'d>(blocks: &'d [Block], written: &str) -> Option<&'d [Block]> {
    let bare = written.trim_end_matches("...");
    let is_head = |t: &Text| {
        let p = t.plain();
        let p = p.trim();
        p == bare || p.trim_end_matches("...") == bare
    };
    blocks.iter().enumerate().find_map(|(i, b)| match b {
        Block::Item { head, body, .. } if is_head(head) => Some(&body[..]),
        Block::Paragraph { text, .. } if is_head(text) => match blocks.get(i + 1) {
            Some(Block::Indented { blocks, .. }) => Some(&blocks[..]),
            _ => None,
        },
        Block::Item { body, .. } => definition_headed(body, written),
        Block::Indented { blocks, .. } => definition_headed(blocks, written),
        Block::Subsection(s) => definition_headed(&s.blocks, written),
        _ => None,
    })
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
    crate::prose::stands_alone(text, word, &['_'])
}

/// Whether a paragraph names the operand as a placeholder, not just as a word of English: as
/// written in the synopsis when that is `<command>`, in capitals (`FILE`), or set in italic or
/// bold (*month*). dnf(8)'s "the name of such a command" does not explain `<command>`.
fn mentions_placeholder(text: &Text, written: &str, word: &str) -> bool {
    if written.starts_with('<') {
        return text.plain().contains(written.trim_end_matches("..."));
    }
    // GNU pages write the operand in capitals in the synopsis and in italic lower case in
    // prose (chmod's `MODE`, "according to *mode*").
    if word.len() >= 2 && word.chars().all(|c| !c.is_lowercase()) {
        let lower = word.to_lowercase();
        return mentions(&text.plain(), word) || set_in(text, &lower, Font::is_italic);
    }
    set_in(text, word, |f| f.is_italic() || f.is_bold())
}

/// Whether `word` stands alone somewhere in the paragraph in a font `style` accepts.
fn set_in(text: &Text, word: &str, style: impl Fn(Font) -> bool) -> bool {
    text.runs.iter().any(|r| {
        style(r.font)
            && r.text
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .any(|w| w == word)
    })
}
