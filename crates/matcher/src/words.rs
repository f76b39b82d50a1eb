//! The words after a program, as a list of rules (ripgrep's flag list is the model): each rule
//! looks at one word and says what it is, returning the pieces it explains and how many words
//! it used. Rules never emit spans; the driver ([`Context::arguments`]) does, in the order the
//! rules give, and runs nested commands and sub-commands. The first rule that does not pass wins,
//! so the order of [`WORD_RULES`] is the order of precedence.

use std::ops::Range;
use std::sync::Arc;

use manpage::{FlagStyle, OptionDef, Origin, Page, Topic};

use crate::command::{Context, command_item, operand_filled_by, piece, unknown};
use crate::help::HelpEntry;
use crate::option_lookup::{
    abbreviated, abbreviated_keyword, allows_dashless_bundle, dashless, exact, extra_values,
    grouped_flags, placeholder, runs_command_until_terminator, takes_required,
};
use crate::{Kind, Piece};

/// Where the walk over one page's words stands.
pub(crate) struct Walk<'w> {
    /// The page whose words these are.
    pub page: Arc<Page>,
    /// The program this page is a sub-command of (its options count too).
    pub parent: Option<Arc<Page>>,
    /// The simple command's group.
    pub group: usize,
    /// Whether `--` was seen.
    pub end_of_options: bool,
    /// The help of a command defined in the page, once its word is seen: the words after it
    /// are described there.
    pub command_done: Option<Arc<HelpEntry>>,
    /// The positional words so far.
    pub positional: Vec<&'w shell::Word>,
    /// Whether the word is the first after the program.
    pub first: bool,
}

impl Walk<'_> {
    /// Whether a word is written as an option: a dash or plus and more, before `--`.
    fn dashed(&self, v: &str) -> bool {
        !self.end_of_options && (v.starts_with('-') || v.starts_with('+')) && v.len() > 1
    }
}

/// Something the driver emits, in order.
pub(crate) enum Out {
    /// A span.
    Piece(Piece),
    /// The words at this range of the words after the current one are a command of their own
    /// (`find -exec rm {} ;`), run by the program, never a builtin.
    Command(Range<usize>),
}

/// What a rule made of a word.
pub(crate) enum Step {
    /// Not this rule's word.
    Pass,
    /// The word and `more` words after it, explained by `out`.
    Took { more: usize, out: Vec<Out> },
    /// A positional word: an operand, or an argument of a command item.
    Positional,
    /// A sub-command with a page of its own: its word, then the rest are its words.
    Subcommand {
        word: Piece,
        page: Arc<Page>,
        parent: Arc<Page>,
    },
    /// The word starts a command the program runs (`sudo cmd ...`): it and the rest are that
    /// command.
    Nested,
}

fn took(more: usize, pieces: Vec<Piece>) -> Step {
    Step::Took {
        more,
        out: pieces.into_iter().map(Out::Piece).collect(),
    }
}

/// A word rule: the context (for lookups and helps), the walk, the word and the words after it.
pub(crate) type WordRule = fn(&Context, &mut Walk, &shell::Word, &[shell::Word]) -> Step;

/// The word rules, in order of precedence.
pub(crate) const WORD_RULES: &[(&str, WordRule)] = &[
    ("end of options", end_of_options),
    ("expression operator", expression_operator),
    ("builtin's operands", builtin_operands),
    ("option", option),
    ("unknown long option", unknown_long_option),
    ("bundle", dashed_bundle),
    ("placeholder", placeholder_option),
    ("symbolic mode", symbolic_mode),
    ("unknown option", unknown_option),
    ("sub-command", subcommand),
    ("page command", page_command),
    ("dashless bundle", dashless_bundle),
    ("BSD letters", bsd_letters),
    ("keyword operand", keyword_operand),
    ("nested command", nested_command),
    ("script operand", script_operand),
    ("operand", operand),
];

/// dash's `[command_file [argument ...]]`: the words after the script are its arguments, never
/// the shell's options (`sh install.sh --dry-run`). bash(1) says so in prose (ARGUMENTS: "the
/// remaining arguments" are the positional parameters, after a script or `-c`'s string).
fn script_operand(ctx: &Context, walk: &mut Walk, w: &shell::Word, _: &[shell::Word]) -> Step {
    let page = walk.page.clone();
    let shell = page.name == manpage::SHELL_PAGE && !page.origin.is_inside_another();
    if shell && walk.positional.is_empty() {
        // bash's synopsis names no arguments: they share the script's operand.
        walk.end_of_options = true;
        walk.command_done = operand_filled_by(&page, &walk.positional, w)
            .filter(|op| !op.help.is_empty())
            .map(|op| ctx.helps.operand(&page, op));
    } else if page.operands.iter().any(|o| o.owns_rest)
        && operand_filled_by(&page, &walk.positional, w).is_some_and(|o| o.owns_rest)
    {
        walk.end_of_options = true;
    }
    Step::Pass
}

/// bash's builtins read their options before their first operand, as getopt does without
/// GNU's permutation: `echo cp -pf a b` prints `-pf`, `export NAME -n` names a variable.
/// (test's and `[`'s operators, which stand between operands, are read before this rule.)
fn builtin_operands(_: &Context, walk: &mut Walk, _: &shell::Word, _: &[shell::Word]) -> Step {
    let builtin = matches!(walk.page.origin, Origin::ShellBuiltin { .. });
    if builtin && !walk.positional.is_empty() && !is_test(&walk.page) {
        walk.end_of_options = true;
    }
    Step::Pass
}

/// test and `[`, whose words are an expression: `[ "$a" = "--" ]` compares with `--`.
fn is_test(page: &Page) -> bool {
    matches!(page.name.as_str(), "test" | "[")
}

/// An operator of an expression the page defines, written as a word of its own: test's `=`,
/// `==`, `!=`, `<`, `>`, `=~` (bash(1)'s CONDITIONAL EXPRESSIONS, for `[` and `[[`), whose
/// right operand is the next word, and the `]` that ends `[ expr ]`.
fn expression_operator(
    ctx: &Context,
    walk: &mut Walk,
    w: &shell::Word,
    rest: &[shell::Word],
) -> Step {
    let v = w.value.as_str();
    let symbolic = !v.is_empty() && v.chars().all(|c| "=!<>~]".contains(c));
    if w.quoted || !(symbolic || walk.dashed(v)) || (v == "]" && !rest.is_empty()) {
        return Step::Pass;
    }
    let spelt: Vec<&OptionDef> = walk
        .page
        .options
        .iter()
        .filter(|o| o.flags.iter().any(|f| f.text == v))
        .collect();
    if spelt.is_empty() {
        return Step::Pass;
    }
    // test's `-a` is unary (`-a file`) at the start of an expression and binary (`expr1 -a
    // expr2`) after an operand.
    let before = previous_word(ctx, walk, w);
    let after_operand = !matches!(before, Before::Other);
    let Some(o) = spelt
        .iter()
        .find(|o| symbolic || (o.is_binary_operator() && (after_operand || spelt.len() == 1)))
        .copied()
    else {
        return Step::Pass;
    };
    let help = ctx.opt_help(&walk.page, o);
    if v == "]" {
        let p = piece(w.range.clone(), Kind::Argument, walk.group, help, None);
        return took(0, vec![p]);
    }
    let mut pieces = vec![piece(
        w.range.clone(),
        Kind::Option,
        walk.group,
        help.clone(),
        Some(v.to_string()),
    )];
    // The word after a binary operator is its right operand, unless the operand is an
    // expression (find's `expr1 -o expr2`) or the word is an option or a bracket itself.
    let operand_is_a_word = o.is_binary_operator()
        && !o
            .head
            .plain()
            .split_whitespace()
            .last()
            .is_some_and(|w| w.starts_with("expr"));
    let right = rest.first().filter(|r| {
        // A quoted word is written as a string to compare with (`[ "$1" = "--" ]`).
        operand_is_a_word
            && (!walk.dashed(&r.value) || r.quoted || r.value == "--")
            && !matches!(
                r.value.as_str(),
                "]" | "]]" | "(" | ")" | "!" | "\\(" | "\\)"
            )
    });
    if let Some(r) = right {
        pieces.push(piece(
            r.range.clone(),
            Kind::Argument,
            walk.group,
            help.clone(),
            None,
        ));
        // And the positional word just before it is its left operand (`"$a"` in
        // `[ "$a" = x ]`), no longer an operand of the program.
        if let Before::Positional(left) = before {
            walk.positional.pop();
            pieces.insert(
                0,
                piece(left.range.clone(), Kind::Argument, walk.group, help, None),
            );
        }
    }
    took(usize::from(right.is_some()), pieces)
}

/// What the word before one in its command is.
enum Before<'w> {
    /// A positional word that is an operand (`"$a"` in `[ "$a" = x ]`), the last one so far.
    Positional(&'w shell::Word),
    /// A value already explained (`x` in `-h x -a ...`).
    Value,
    /// An operator, an option, `!`, `(` or the program.
    Other,
}

fn previous_word<'w>(ctx: &Context, walk: &Walk<'w>, w: &shell::Word) -> Before<'w> {
    let emitted = ctx
        .out
        .iter()
        .rev()
        .find(|p| p.group == walk.group && p.range.end <= w.range.start);
    let positional = walk
        .positional
        .last()
        .copied()
        .filter(|p| p.range.end <= w.range.start);
    match (emitted, positional) {
        (Some(e), Some(p)) if p.range.end <= e.range.end => match e.kind {
            Kind::Argument => Before::Value,
            _ => Before::Other,
        },
        (_, Some(p)) if is_operand_word(&p.value) => Before::Positional(p),
        (_, Some(_)) => Before::Other,
        (Some(e), None) if e.kind == Kind::Argument => Before::Value,
        _ => Before::Other,
    }
}

fn is_operand_word(v: &str) -> bool {
    !matches!(v, "!" | "(" | "\\(")
}

/// dd's `if=/dev/zero`, `bs=1M`: a `name=value` operand the page defines as an item
/// (`if=FILE`), explained by that item.
fn keyword_operand(ctx: &Context, walk: &mut Walk, w: &shell::Word, _: &[shell::Word]) -> Step {
    let Some((name, _)) = w.value.split_once('=') else {
        return Step::Pass;
    };
    if name.is_empty() || w.value.starts_with(['-', '+']) {
        return Step::Pass;
    }
    let Some(o) = walk.page.options.iter().find(|o| {
        o.flags
            .iter()
            .any(|f| f.style == FlagStyle::Assignment && f.text == name)
    }) else {
        return Step::Pass;
    };
    let help = ctx.opt_help(&walk.page, o);
    took(
        0,
        vec![piece(
            w.range.clone(),
            Kind::Argument,
            walk.group,
            help,
            None,
        )],
    )
}

/// `--` ends the options: the page's own `--` item explains it when there is one.
fn end_of_options(ctx: &Context, walk: &mut Walk, w: &shell::Word, rest: &[shell::Word]) -> Step {
    if walk.end_of_options || w.value != "--" || is_test(&walk.page) {
        return Step::Pass;
    }
    walk.end_of_options = true;
    // The page's own `--` if it has one; else what bash(1) says `--` does, for a builtin or for
    // a program (the convention programs share: the end of the options).
    let help = match exact(&walk.page, "--") {
        Some(o) => Some(ctx.opt_help(&walk.page, o)),
        None if matches!(walk.page.origin, Origin::ShellBuiltin { .. }) => {
            ctx.lookup.topic(Topic::BuiltinEndOfOptions)
        }
        None => ctx.lookup.topic(Topic::EndOfOptions),
    };
    let p = match help {
        Some(help) => piece(
            w.range.clone(),
            Kind::Option,
            walk.group,
            help,
            Some("--".into()),
        ),
        None => unknown(w.range.clone(), walk.group),
    };
    // `kubectl exec -it pod -- ls -l`: a program that says it runs a command, with no operand
    // for it, runs what follows `--`.
    if !rest.is_empty() && runs_a_command(&walk.page) {
        return Step::Took {
            more: rest.len(),
            out: vec![Out::Piece(p), Out::Command(0..rest.len())],
        };
    }
    took(0, vec![p])
}

/// Whether the page's one-line description says the program runs a command ("Execute a command
/// in a container") while its synopsis names no operand for it.
fn runs_a_command(page: &Page) -> bool {
    let d = page.description.to_ascii_lowercase();
    (d.starts_with("execute a command") || d.starts_with("run a command"))
        && !page.operands.iter().any(|o| o.starts_command)
}

/// A dashed word's option name and the value after `=`, if any (`--file=x`; `-=x` has none).
fn option_name(v: &str) -> (&str, Option<&str>) {
    match v.split_once('=') {
        Some((n, val)) if n.len() > 1 => (n, Some(val)),
        _ => (v, None),
    }
}

/// The option a dashed word names in `p`, with its index and the spelling used: exactly, a
/// unique abbreviation of a long option, or ffmpeg's `-c:a` where the head shows
/// `-c[:stream_specifier]`.
fn find_option(p: &Page, name: &str) -> Option<(usize, String)> {
    let index = |o: &OptionDef| p.options.iter().position(|x| std::ptr::eq(x, o));
    exact(p, name)
        .and_then(|o| Some((index(o)?, name.to_string())))
        .or_else(|| {
            if name.starts_with("--") {
                abbreviated(p, name).and_then(|(o, f)| Some((index(o)?, f)))
            } else if name.starts_with('+') && p.abbreviated_keywords {
                abbreviated_keyword(p, name).and_then(|(o, f)| Some((index(o)?, f)))
            } else {
                None
            }
        })
        .or_else(|| {
            let (base, _) = name.split_once(':')?;
            let o = exact(p, base)?;
            o.head
                .plain()
                .contains(&format!("{base}[:"))
                .then_some(())?;
            Some((index(o)?, base.to_string()))
        })
}

/// A whole-word option of the page, or else of the program it is a sub-command of (gcloud's
/// flags that every command takes): `--file=x` (a value the page documents gets its own span),
/// the argument in the next word (each value of a documented comma list its own span), or the
/// command an option runs up to its terminator (`-exec ... ;`).
fn option(ctx: &Context, walk: &mut Walk, w: &shell::Word, rest: &[shell::Word]) -> Step {
    let v = w.value.as_str();
    if !walk.dashed(v) {
        return Step::Pass;
    }
    let (name, value) = option_name(v);
    let found = find_option(&walk.page, name)
        .map(|f| (f, walk.page.clone()))
        .or_else(|| {
            let p = walk.parent.as_ref()?;
            find_option(p, name).map(|f| (f, p.clone()))
        });
    let Some(((index, flag), owner)) = found else {
        return Step::Pass;
    };
    let group = walk.group;
    let opt = &owner.options[index];
    let mut out = Vec::new();
    let attached = value.and_then(|val| {
        let help = ctx.setting_help(&owner, opt, val);
        help.or_else(|| ctx.helps.value(&owner, opt, val))
            .map(|h| (val, h))
    });
    let option_end = match attached {
        Some((val, _)) if !w.quoted && w.range.len() == v.len() => w.range.end - val.len(),
        _ => w.range.end,
    };
    out.push(Out::Piece(piece(
        w.range.start..option_end,
        Kind::Option,
        group,
        ctx.opt_help(&owner, opt),
        Some(flag.clone()),
    )));
    if let Some((_, help)) = attached
        && option_end < w.range.end
    {
        let p = piece(option_end..w.range.end, Kind::Argument, group, help, None);
        out.push(Out::Piece(p));
    }
    if runs_command_until_terminator(opt) {
        let end = rest.iter().position(|w| w.value == ";" || w.value == "+");
        // `{}` is find's, "replaced by the current file name" (this option's paragraph, where
        // it says so), not an operand of the command; a piece given first wins over the
        // command's own.
        let says_braces = std::iter::once(&opt.head)
            .chain(&opt.help)
            .any(|t| t.plain().contains("{}"));
        for w in rest[..end.unwrap_or(rest.len())].iter().skip(1) {
            if says_braces && w.value == "{}" {
                let p = piece(
                    w.range.clone(),
                    Kind::Argument,
                    group,
                    ctx.opt_help(&owner, opt),
                    None,
                );
                out.push(Out::Piece(p));
            }
        }
        out.push(Out::Command(0..end.unwrap_or(rest.len())));
        let more = match end {
            Some(e) => {
                let help = ctx.opt_help(&owner, opt);
                let p = piece(rest[e].range.clone(), Kind::Argument, group, help, None);
                out.push(Out::Piece(p));
                e + 1
            }
            None => rest.len(),
        };
        return Step::Took { more, out };
    }
    let mut more = 0;
    // `--` and a word that is an option of the page are never a value (`sh -s -- -y`).
    let is_value = |w: &shell::Word| {
        w.value != "--"
            && !(walk.dashed(&w.value) && find_option(&owner, option_name(&w.value).0).is_some())
    };
    if value.is_none()
        && takes_required(opt, &flag)
        && let Some(arg) = rest.first().filter(|w| is_value(w))
    {
        out.extend(
            argument_pieces(ctx, &owner, opt, arg, group)
                .into_iter()
                .map(Out::Piece),
        );
        more = 1;
        // `--set name path`: the other words its head shows, while they are values.
        for arg in rest[1..].iter().take(extra_values(opt, &flag)) {
            if !is_value(arg) {
                break;
            }
            let help = ctx.opt_help(&owner, opt);
            let p = piece(arg.range.clone(), Kind::Argument, group, help, None);
            out.push(Out::Piece(p));
            more += 1;
        }
        more += grouped_flag_words(ctx, &owner, opt, &rest[more..], group, &mut out);
    }
    Step::Took { more, out }
}

/// `--install ... --slave l n p --slave ...`: flags the option's head shows in an optional group
/// after its arguments, each with its words, explained by the option's help. Only flags the
/// page does not document on their own. Returns the words taken.
fn grouped_flag_words(
    ctx: &Context,
    owner: &Page,
    opt: &OptionDef,
    rest: &[shell::Word],
    group: usize,
    out: &mut Vec<Out>,
) -> usize {
    let groups = grouped_flags(opt);
    let mut taken = 0;
    while let Some(w) = rest.get(taken) {
        let Some((_, values)) = groups.iter().find(|(f, _)| *f == w.value) else {
            break;
        };
        if find_option(owner, &w.value).is_some() || rest.len() < taken + 1 + values {
            break;
        }
        for (k, word) in rest[taken..=taken + values].iter().enumerate() {
            let (kind, flag) = match k {
                0 => (Kind::Option, Some(word.value.clone())),
                _ => (Kind::Argument, None),
            };
            let help = ctx.opt_help(owner, opt);
            out.push(Out::Piece(piece(
                word.range.clone(),
                kind,
                group,
                help,
                flag,
            )));
        }
        taken += 1 + values;
    }
    taken
}

/// An option's argument given as the next word: a documented value, each value of a comma
/// list written plainly when the page documents them all (`mount -o noatime,nodev`; each span
/// takes the comma after it, so the list has no gaps), else the option's help.
fn argument_pieces(
    ctx: &Context,
    owner: &Page,
    opt: &OptionDef,
    arg: &shell::Word,
    group: usize,
) -> Vec<Piece> {
    let items: Vec<&str> = arg.value.split(',').collect();
    let helps: Option<Vec<Arc<HelpEntry>>> =
        if items.len() > 1 && !arg.quoted && arg.range.len() == arg.value.len() {
            items
                .iter()
                .map(|v| ctx.helps.value(owner, opt, v))
                .collect()
        } else {
            None
        };
    let Some(helps) = helps else {
        let help = ctx
            .setting_help(owner, opt, &arg.value)
            .or_else(|| ctx.helps.value(owner, opt, &arg.value))
            .unwrap_or_else(|| ctx.opt_help(owner, opt));
        return vec![piece(arg.range.clone(), Kind::Argument, group, help, None)];
    };
    let mut at = arg.range.start;
    let last = items.len() - 1;
    let mut out = Vec::with_capacity(items.len());
    for (k, (item, help)) in items.iter().zip(helps).enumerate() {
        let comma = usize::from(k < last);
        let range = at..at + item.len() + comma;
        out.push(piece(range, Kind::Argument, group, help, None));
        at += item.len() + comma;
    }
    out
}

/// A `--long` option no page documents.
fn unknown_long_option(_: &Context, walk: &mut Walk, w: &shell::Word, _: &[shell::Word]) -> Step {
    if !walk.dashed(&w.value) || !option_name(&w.value).0.starts_with("--") {
        return Step::Pass;
    }
    took(0, vec![unknown(w.range.clone(), walk.group)])
}

/// A bundle of short options of the page, or else of its parent program (`-xzvf`).
fn dashed_bundle(ctx: &Context, walk: &mut Walk, w: &shell::Word, rest: &[shell::Word]) -> Step {
    if !walk.dashed(&w.value) {
        return Step::Pass;
    }
    let prefix = &w.value[..1];
    let bundled = ctx
        .bundle(w, rest, walk.group, &walk.page, prefix)
        .or_else(|| {
            let p = walk.parent.as_ref()?;
            ctx.bundle(w, rest, walk.group, p, prefix)
        });
    match bundled {
        Some((more, pieces)) => took(more, pieces),
        None => Step::Pass,
    }
}

/// `-9`, `-KILL`: a dash and a value, where the page shows a placeholder flag (`-<signal>`,
/// bash's `-sigspec`).
fn placeholder_option(ctx: &Context, walk: &mut Walk, w: &shell::Word, _: &[shell::Word]) -> Step {
    let v = w.value.as_str();
    // gzip's `-#` ("Regulate the speed of compression using the specified digit #"): `-9`.
    if walk.dashed(v)
        && v.len() == 2
        && v.as_bytes()[1].is_ascii_digit()
        && let Some(opt) = exact(&walk.page, "-#")
    {
        let help = ctx.opt_help(&walk.page, opt);
        let p = piece(
            w.range.clone(),
            Kind::Option,
            walk.group,
            help,
            Some("-#".into()),
        );
        return took(0, vec![p]);
    }
    if !walk.dashed(v)
        || !v.starts_with('-')
        || !v[1..].starts_with(|c: char| c.is_ascii_alphanumeric())
        || !v[1..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Step::Pass;
    }
    let Some((opt, shown)) = placeholder(&walk.page) else {
        return Step::Pass;
    };
    let help = ctx.opt_help(&walk.page, opt);
    took(
        0,
        vec![piece(
            w.range.clone(),
            Kind::Option,
            walk.group,
            help,
            Some(shown),
        )],
    )
}

/// `chmod -x f`, `chmod +x f`: a symbolic mode that starts with its operator is the page's
/// `MODE` operand, where that operand comes next, not an option (the page's own options were
/// tried first).
fn symbolic_mode(_: &Context, walk: &mut Walk, w: &shell::Word, _: &[shell::Word]) -> Step {
    let v = w.value.as_str();
    let fills_mode = || {
        operand_filled_by(&walk.page, &walk.positional, w)
            .is_some_and(|o| o.name.to_ascii_uppercase().starts_with("MODE"))
    };
    if walk.dashed(v) && v.split(',').all(is_symbolic_mode) && fills_mode() {
        Step::Positional
    } else {
        Step::Pass
    }
}

/// `[ugoa]*` then one or more of an operator (`-+=`) and perms (`rwxXst`, or one of `ugo`).
fn is_symbolic_mode(mode: &str) -> bool {
    let rest = mode.trim_start_matches(['u', 'g', 'o', 'a']);
    if !rest.starts_with(['-', '+', '=']) {
        return false;
    }
    rest.split(['-', '+', '=']).skip(1).all(|perms| {
        perms.chars().all(|c| "rwxXst".contains(c)) || matches!(perms, "u" | "g" | "o")
    })
}

/// Any other dashed word is an option no page documents, except `+FORMAT` where the page has
/// such an operand (date).
fn unknown_option(_: &Context, walk: &mut Walk, w: &shell::Word, _: &[shell::Word]) -> Step {
    let v = w.value.as_str();
    if !walk.dashed(v)
        || (v.starts_with('+') && walk.page.operands.iter().any(|o| o.name.starts_with('+')))
    {
        return Step::Pass;
    }
    took(0, vec![unknown(w.range.clone(), walk.group)])
}

/// The first positional word may be a sub-command with a page of its own (`git commit`); sub-
/// command words are checked before anything else, so `git foo` never runs `foo` as a program
/// when a git-foo page exists.
fn subcommand(ctx: &Context, walk: &mut Walk, w: &shell::Word, _: &[shell::Word]) -> Step {
    if !walk.positional.is_empty() || walk.end_of_options {
        return Step::Pass;
    }
    let Some(sub) = ctx.subcommand_page(&walk.page, &w.value) else {
        return Step::Pass;
    };
    // A command documented inside the page: its synopsis and first paragraph.
    let help = if sub.origin.is_inside_another() {
        ctx.helps.program(&sub)
    } else {
        ctx.helps.name(&sub)
    };
    let word = piece(w.range.clone(), Kind::Subcommand, walk.group, help, None);
    let parent = walk.parent.clone().unwrap_or_else(|| walk.page.clone());
    Step::Subcommand {
        word,
        page: sub,
        parent,
    }
}

/// A command defined in the page itself (`systemctl restart`, `apt-get install`): its item
/// explains it, and the words after it.
fn page_command(ctx: &Context, walk: &mut Walk, w: &shell::Word, _: &[shell::Word]) -> Step {
    if !walk.positional.is_empty() || walk.end_of_options || walk.command_done.is_some() {
        return Step::Pass;
    }
    let Some((index, head, body)) = command_item(&walk.page, &w.value) else {
        return Step::Pass;
    };
    let help = ctx.helps.command_item(&walk.page, index, head, body);
    walk.command_done = Some(help.clone());
    took(
        0,
        vec![piece(
            w.range.clone(),
            Kind::Subcommand,
            walk.group,
            help,
            None,
        )],
    )
}

/// An old-style bundle without a dash as the first word, where the synopsis shows one
/// (`tar xzvf`).
fn dashless_bundle(ctx: &Context, walk: &mut Walk, w: &shell::Word, rest: &[shell::Word]) -> Step {
    if !walk.positional.is_empty()
        || walk.end_of_options
        || !walk.first
        || !allows_dashless_bundle(&walk.page)
    {
        return Step::Pass;
    }
    match ctx.bundle(w, rest, walk.group, &walk.page, "-") {
        Some((more, pieces)) => took(more, pieces),
        None => Step::Pass,
    }
}

/// ps's BSD options: letters without a dash, grouped (`ps aux`), wherever they stand.
fn bsd_letters(ctx: &Context, walk: &mut Walk, w: &shell::Word, rest: &[shell::Word]) -> Step {
    let v = w.value.as_str();
    if walk.end_of_options
        || w.quoted
        || v.is_empty()
        || !v.chars().all(|c| dashless(&walk.page, c))
    {
        return Step::Pass;
    }
    match ctx.bundle(w, rest, walk.group, &walk.page, "") {
        Some((more, pieces)) => took(more, pieces),
        None => Step::Pass,
    }
}

/// The operand that starts a command the program runs (`sudo ... command [arg ...]`): the rest
/// is that command.
fn nested_command(ctx: &Context, walk: &mut Walk, w: &shell::Word, _: &[shell::Word]) -> Step {
    let page = &walk.page;
    let nests = page.operands.iter().any(|o| o.starts_command);
    if nests && ctx.operand_starts_command(page, &walk.positional, w) {
        Step::Nested
    } else {
        Step::Pass
    }
}

/// Anything else is positional.
fn operand(_: &Context, _: &mut Walk, _: &shell::Word, _: &[shell::Word]) -> Step {
    Step::Positional
}
