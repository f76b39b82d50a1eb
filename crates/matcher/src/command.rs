//! Matching the words of one simple command against its page: the program (a shell function, a
//! bash builtin or a page), sub-commands, options (bundled, attached, `=value`, abbreviated),
//! option arguments, operands, and the commands that wrappers run (`sudo`, `xargs`,
//! `find -exec ... ;`).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use manpage::{CommandDoc, OptionDef, Origin, Page, Text, Topic};

use crate::help::{HelpEntry, HelpKey, Helps};
use crate::lookup::Lookup;
use crate::option_lookup::names_a_number;
use crate::words::{Out, Step, WORD_RULES, Walk};
use crate::{Kind, Piece};

/// What the matcher needs while it walks the commands of one script.
pub struct Context<'l, 'a> {
    /// The script's text.
    pub source: &'l str,
    /// Page lookups.
    pub lookup: &'l Lookup<'a>,
    /// Shell functions defined in the script.
    pub functions: &'l HashSet<String>,
    /// The last group number handed out.
    pub last_group: usize,
    /// The pieces found so far.
    pub out: Vec<Piece>,
    /// The helps given so far, one per thing documented.
    pub helps: Helps,
    /// The commands that other programs run, found so far (their command strings are read
    /// after the walk).
    pub nested: Vec<Nested>,
}

/// A command that another program runs (`sudo sh -c '...'`, `ssh host 'cmd'`).
pub struct Nested {
    /// Where its first word starts in the source.
    pub start: usize,
    /// The name of the page of the program that runs it (`ssh`, `docker-run`).
    pub wrapper: String,
}

pub(crate) fn piece(
    range: Range<usize>,
    kind: Kind,
    group: usize,
    help: Arc<HelpEntry>,
    option: Option<String>,
) -> Piece {
    Piece {
        range,
        kind,
        group,
        help: Some(help),
        option,
        other_pages: Vec::new(),
    }
}

pub(crate) fn unknown(range: Range<usize>, group: usize) -> Piece {
    Piece::unknown(range, group)
}

/// The page's own command item named `word` (`systemctl restart`), with its index among the
/// page's commands.
pub(crate) fn command_item<'p>(
    page: &'p Page,
    word: &str,
) -> Option<(usize, &'p Text, &'p [Text])> {
    page.commands
        .iter()
        .enumerate()
        .find_map(|(i, c)| match &c.doc {
            CommandDoc::Item { head, help } if c.names.iter().any(|n| n == word) => {
                Some((i, head, help.as_slice()))
            }
            _ => None,
        })
}

impl Context<'_, '_> {
    pub(crate) fn opt_help(&self, page: &Page, opt: &OptionDef) -> Arc<HelpEntry> {
        self.helps.option(page, opt)
    }

    fn new_group(&mut self) -> usize {
        self.last_group += 1;
        self.last_group
    }

    /// The page of a program word: a builtin when bash would run one (`external` false and no
    /// slash), else the page of the file name (`/usr/bin/tar` → tar), else `name.section`.
    fn program_page(&self, word: &str, external: bool) -> Option<Arc<Page>> {
        let lookup = self.lookup;
        if word.is_empty() {
            return None;
        }
        if !external
            && !word.contains('/')
            && let Some(b) = lookup.builtin(word)
        {
            return Some(b);
        }
        let base = word.rsplit('/').next().unwrap_or(word);
        if base.is_empty() {
            return None;
        }
        if let Some(p) = lookup.command_page(base) {
            return Some(p);
        }
        let (name, section) = base.rsplit_once('.')?;
        if section.starts_with(|c: char| c.is_ascii_digit()) {
            return lookup.page_in(name, section);
        }
        None
    }

    /// The pages other than `chosen` that a program name (`base`, without its path) could mean:
    /// the program's page beside the builtin (`printf`, `kill`, `echo`), or pages of other
    /// sections.
    fn other_pages(&self, base: &str, chosen: &Page) -> Vec<String> {
        let own = chosen.citation();
        let mut out: Vec<String> = Vec::new();
        // Pages of that very name, not pages that only list it (rc(1plan9) lists `cd`).
        for p in self
            .lookup
            .pages(base)
            .into_iter()
            .filter(|p| p.name == base)
        {
            let c = p.citation();
            if c != own && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// Explains one simple command. `external` is set for commands run by another program
    /// (`sudo`, `xargs`, `find -exec`), which never run shell builtins or functions.
    pub fn command(&mut self, words: &[shell::Word], group: usize, external: bool) {
        let Some(first) = words.first() else { return };
        if !external && self.functions.contains(&first.value) {
            match self.lookup.topic(Topic::FunctionCall) {
                Some(help) => {
                    self.out
                        .push(piece(first.range.clone(), Kind::Program, group, help, None))
                }
                None => self.out.push(unknown(first.range.clone(), group)),
            }
            for w in &words[1..] {
                self.out.push(unknown(w.range.clone(), group));
            }
            return;
        }
        // `[[ ... ]]`: the brackets are syntax, the words between are test's operators and operands.
        if first.value == "[[" && !first.quoted {
            self.conditional(words, group);
            return;
        }
        let Some(page) = self.program_page(&first.value, external) else {
            self.out.push(unknown(first.range.clone(), group));
            for w in &words[1..] {
                self.out.push(unknown(w.range.clone(), group));
            }
            return;
        };
        let mut program = piece(
            first.range.clone(),
            Kind::Program,
            group,
            self.helps.program(&page),
            None,
        );
        let base = first.value.rsplit('/').next().unwrap_or(&first.value);
        program.other_pages = self.other_pages(base, &page);
        self.out.push(program);
        // zgrep passes the options it does not define to grep, as its page says: grep's page
        // answers for them, as a parent program's does for a sub-command.
        let passed_to = page
            .passes_options
            .iter()
            .find(|p| p.command == base)
            .and_then(|p| self.lookup.page(&p.to))
            .or_else(|| self.set_letters_of(&page));
        self.arguments(&words[1..], group, page, passed_to);
    }

    /// The item of the setting that an option's `KEY=VALUE` argument sets, in the page that
    /// documents the settings: one the option's help cites (ssh's `-o`: "see ssh_config(5)"),
    /// or the program's config command it names (git's `-c`: "as listed by git config").
    pub(crate) fn setting_help(
        &self,
        owner: &Page,
        opt: &OptionDef,
        value: &str,
    ) -> Option<Arc<HelpEntry>> {
        let (key, _) = value.split_once('=')?;
        if key.is_empty() || !key.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let text: String = opt
            .help
            .iter()
            .map(|t| t.plain())
            .collect::<Vec<_>>()
            .join(" ");
        let mut pages: Vec<Arc<Page>> = cited_pages(&text)
            .into_iter()
            .filter_map(|(name, section)| self.lookup.page_in(&name, &section))
            .collect();
        if text.contains(&format!("{} config", owner.name)) {
            pages.extend(self.lookup.page(&format!("{}-config", owner.name)));
        }
        pages.iter().find_map(|p| {
            let at = p
                .settings
                .iter()
                .position(|s| setting_matches(&s.name, key))?;
            Some(self.helps.setting(p, at))
        })
    }

    /// The page that answers for the letters the shell's page leaves to the `set` builtin:
    /// bash(1) OPTIONS takes "the single-character shell options documented in the description
    /// of the set builtin command" (`bash -eu x.sh`, `bash -o pipefail`).
    /// Likewise bash(1) on local: "The option can be any of the options accepted by declare";
    /// and typeset is declare's synonym.
    fn set_letters_of(&self, page: &Page) -> Option<Arc<Page>> {
        let builtin = matches!(page.origin, Origin::ShellBuiltin { .. });
        let from = match page.name.as_str() {
            manpage::SHELL_PAGE if !page.origin.is_inside_another() => "set",
            "local" | "typeset" if builtin => "declare",
            _ => return None,
        };
        self.lookup.builtin(from)
    }

    /// `[[ expression ]]`: the brackets get bash(1)'s paragraph on the conditional command, the
    /// expression the operators of the `[` builtin.
    fn conditional(&mut self, words: &[shell::Word], group: usize) {
        let keyword = |ctx: &mut Self, w: &shell::Word| match ctx.lookup.topic(Topic::Conditional) {
            Some(help) => ctx
                .out
                .push(piece(w.range.clone(), Kind::Keyword, 0, help, None)),
            None => ctx.out.push(unknown(w.range.clone(), 0)),
        };
        keyword(self, &words[0]);
        let (inner, close) = match words.last() {
            Some(last) if words.len() > 1 && last.value == "]]" => {
                (&words[1..words.len() - 1], Some(last))
            }
            _ => (&words[1..], None),
        };
        match self.lookup.builtin("[") {
            Some(test) => self.arguments(inner, group, test, None),
            None => inner
                .iter()
                .for_each(|w| self.out.push(unknown(w.range.clone(), group))),
        }
        if let Some(close) = close {
            keyword(self, close);
        }
    }

    /// A sub-command page for `word` under `page`: `git-commit`, `gcloud_compute`, a command the
    /// page documents inside itself (`tmux new-session`), or, where the page allows
    /// abbreviations, the only such command the word starts (`tmux a` → attach-session) or the
    /// only (or first) page it abbreviates (`ip addr` → ip-address; `git st` is no abbreviation
    /// of git-stage).
    pub(crate) fn subcommand_page(&self, page: &Page, word: &str) -> Option<Arc<Page>> {
        if word.is_empty()
            || !word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            || page.origin.is_inside_another()
        {
            return None;
        }
        for name in [
            format!("{}-{}", page.name, word),
            format!("{}_{}", page.name, word.replace('-', "_")),
        ] {
            if let Some(p) = self.lookup.page(&name).filter(|p| p.name == name) {
                return Some(p);
            }
        }
        // A command the page documents with a synopsis of its own (`tmux new-session`, or its
        // alias `tmux new`).
        if let Some(p) = self.lookup.inner_page(&page.name, word) {
            return Some(p);
        }
        // tmux accepts "the shortest unambiguous form of a command" (`tmux a` → attach-session).
        if page.abbreviated_commands
            && let Some(p) = self.lookup.inner_page_abbreviated(&page.name, word)
        {
            return Some(p);
        }
        if word.len() >= 2 && page.abbreviated_commands {
            let prefix = format!("{}-{}", page.name, word);
            if let Some(name) = self.lookup.names_with_prefix(&prefix).into_iter().next() {
                return self.lookup.page(&name).filter(|p| p.name == name);
            }
        }
        None
    }

    /// Options, operands, sub-commands and nested commands of one page.
    fn arguments(
        &mut self,
        words: &[shell::Word],
        group: usize,
        page: Arc<Page>,
        parent: Option<Arc<Page>>,
    ) {
        // tmux runs a sequence of its commands, separated by `\;`: after one, the next word is
        // another command of the program.
        if matches!(page.origin, Origin::InPage { .. })
            && let Some(program) = parent.clone()
            && let Some(at) = words.iter().position(|w| w.value == ";")
        {
            self.arguments(&words[..at], group, page, Some(program.clone()));
            self.out.push(unknown(words[at].range.clone(), group));
            self.arguments(&words[at + 1..], group, program, None);
            return;
        }
        let mut walk = Walk {
            page: page.clone(),
            parent: parent.clone(),
            group,
            end_of_options: false,
            command_done: None,
            positional: Vec::new(),
            first: true,
        };
        let mut i = 0;
        'words: while i < words.len() {
            let (w, rest) = (&words[i], &words[i + 1..]);
            walk.first = i == 0;
            for (_, rule) in WORD_RULES {
                match rule(self, &mut walk, w, rest) {
                    Step::Pass => continue,
                    Step::Took { more, out } => {
                        self.emit(out, rest, &page);
                        i += 1 + more;
                    }
                    Step::Positional => {
                        walk.positional.push(w);
                        i += 1;
                    }
                    Step::Subcommand { word, page, parent } => {
                        self.out.push(word);
                        self.arguments(rest, group, page, Some(parent));
                        return;
                    }
                    Step::Nested => {
                        self.nested_command(&words[i..], &page);
                        break 'words;
                    }
                }
                continue 'words;
            }
            unreachable!("the last word rule takes every word");
        }
        match walk.command_done {
            Some(help) => {
                for w in walk.positional {
                    self.out.push(piece(
                        w.range.clone(),
                        Kind::Argument,
                        group,
                        help.clone(),
                        None,
                    ));
                }
            }
            None => self.assign_operands(&walk.positional, group, &page),
        }
    }

    /// Emits what a word rule made, running the commands it found (a new group each).
    fn emit(&mut self, out: Vec<Out>, rest: &[shell::Word], page: &Page) {
        for o in out {
            match o {
                Out::Piece(p) => self.out.push(p),
                Out::Command(range) if !range.is_empty() => self.nested_command(&rest[range], page),
                Out::Command(_) => {}
            }
        }
    }

    /// A command that the program of `wrapper` runs, in a group of its own. A quoted script
    /// handed to a shell (`ssh host 'cd /srv && ls'`) is the wrapper's operand here; its
    /// commands are explained inside the quotes afterwards.
    fn nested_command(&mut self, words: &[shell::Word], wrapper: &Page) {
        let Some(first) = words.first() else { return };
        self.nested.push(Nested {
            start: first.range.start,
            wrapper: wrapper.name.clone(),
        });
        let inner = self.new_group();
        // bash's `builtin` and `command` run builtins too (`command` skips only functions).
        let external = !(matches!(wrapper.origin, Origin::ShellBuiltin { .. })
            && matches!(wrapper.name.as_str(), "builtin" | "command"));
        if crate::inline::joined_command_string(self.source, &wrapper.name, words).is_some() {
            let help = wrapper
                .operands
                .iter()
                .find(|o| o.starts_command && !o.help.is_empty())
                .map(|o| self.helps.operand(wrapper, o));
            self.out.push(match help {
                Some(help) => piece(first.range.clone(), Kind::Argument, inner, help, None),
                None => unknown(first.range.clone(), inner),
            });
            return;
        }
        self.command(words, inner, external);
    }

    /// With operands filled in order, whether `w` (after the words in `before`) is the operand
    /// that starts a command. `NAME=VALUE` operands only take words with `=`.
    pub(crate) fn operand_starts_command(
        &self,
        page: &Page,
        before: &[&shell::Word],
        w: &shell::Word,
    ) -> bool {
        operand_filled_by(page, before, w).is_some_and(|op| op.starts_command)
    }

    /// Which operand each positional word is. With fewer words than operands, required operands
    /// are filled first, then optional ones left to right (see below for the exceptions).
    fn assign_operands(&mut self, words: &[&shell::Word], group: usize, page: &Page) {
        // `dig @8.8.8.8 example.com`: a word with an operand's sigil is that operand, wherever it
        // stands; the other words fill the other operands in order.
        // `date +%s`: a word that starts with `+` is the `+FORMAT` operand.
        let sigil_of = |name: &str| {
            name.chars()
                .next()
                .filter(|c| matches!(c, '@' | '+'))
                .filter(|_| name.len() > 1)
        };
        let mut rest: Vec<&shell::Word> = Vec::with_capacity(words.len());
        for w in words {
            let op = page.operands.iter().find(|o| {
                sigil_of(&o.name).is_some_and(|c| w.value.starts_with(c) && w.value.len() > 1)
            });
            // A format is usually quoted (`date '+%Y-%m-%d'`); a quoted `@...` is text.
            let quoting_ok = !w.quoted || w.value.starts_with('+');
            match op {
                Some(op) if !op.help.is_empty() && quoting_ok => {
                    self.operand_piece(w.range.clone(), group, op, page)
                }
                _ => rest.push(w),
            }
        }
        let words = &rest[..];
        let ops: Vec<&manpage::Operand> = page
            .operands
            .iter()
            .filter(|o| sigil_of(&o.name).is_none())
            .collect();
        let ops = &ops[..];
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
            // Optional operands take the words left to right (`dig example.com MX` is a name
            // and a type), except one that goes only with the operand after it, which waits
            // for a second word (`cal 2024` is a year, `cal 7 2024` a month and a year).
            // A number goes to an operand named for one when a later one is (`nc -l 8080` is
            // the port, not the destination).
            for i in 0..ops.len() {
                if left == 0 {
                    break;
                }
                if keep[i] || (ops[i].needs_next && left < 2) {
                    continue;
                }
                let next_word = words.len() - left;
                let numeric = words[next_word].value.chars().all(|c| c.is_ascii_digit());
                let later_fits =
                    (i + 1..ops.len()).any(|j| !keep[j] && names_a_number(&ops[j].name) == numeric);
                if names_a_number(&ops[i].name) != numeric && later_fits && left < ops.len() - i {
                    continue;
                }
                keep[i] = true;
                left -= 1;
            }
            chosen = (0..ops.len()).filter(|&i| keep[i]).collect();
        }
        for (k, w) in words.iter().enumerate() {
            let op = chosen
                .get(k)
                .map(|&i| ops[i])
                .or_else(|| ops.last().copied().filter(|o| o.variadic));
            match op {
                Some(op) if !op.help.is_empty() => {
                    self.operand_piece(w.range.clone(), group, op, page)
                }
                _ => self.out.push(unknown(w.range.clone(), group)),
            }
        }
    }

    /// A word explained as the operand `op`.
    fn operand_piece(
        &mut self,
        range: Range<usize>,
        group: usize,
        op: &manpage::Operand,
        page: &Page,
    ) {
        // `shopt -u optname`, `set -- arg ...`: an option before the word whose description
        // names the operand (in italic, as a placeholder) says what the word does there.
        // Only an option of this page that takes no value (grep's `-e PATTERNS` takes one).
        // Back from the newest piece, no further than the commands before this one (groups are
        // numbered in the order commands start, so an earlier one's pieces all come first).
        let named_by_option = self
            .out
            .iter()
            .rev()
            .take_while(|p| p.group == 0 || p.group >= group)
            .filter(|p| p.group == group && p.range.end <= range.start)
            .find(|p| p.kind == Kind::Option)
            .and_then(|p| p.help.clone())
            .filter(|help| {
                let takes_none = match &help.key {
                    HelpKey::Option(of, i) if of.is(page) => {
                        page.options.get(*i).is_some_and(|o| o.argument.is_none())
                    }
                    _ => false,
                };
                let runs_a_command = op.starts_command
                    || ["command", "program", "utility", "cmd"]
                        .iter()
                        .any(|w| op.name.to_ascii_lowercase().contains(w));
                takes_none && !runs_a_command && names_placeholder(&help.body, &op.name)
            });
        let own = self.helps.operand(page, op);
        // Only where the operand's own help is generic (the synopsis line, or the page's first
        // words), and the option's is not the whole description too (a builtin's `echo -e`).
        let generic = || {
            let own_first = own.body.first().map(Text::plain).unwrap_or_default();
            page.synopsis.iter().any(|f| f.plain() == own_first)
                || (!page.description.is_empty() && own_first.starts_with(&page.description))
        };
        let help = match named_by_option {
            Some(h) if h.body.first() != own.body.first() && generic() => h,
            _ => own,
        };
        self.out
            .push(piece(range, Kind::Argument, group, help, None));
    }
}

/// The operand `w` fills, after the positional words `before`, taking operands in order.
pub(crate) fn operand_filled_by<'p>(
    page: &'p Page,
    before: &[&shell::Word],
    w: &shell::Word,
) -> Option<&'p manpage::Operand> {
    let ops = &page.operands;
    let mut p = 0;
    for word in before.iter().copied().chain(std::iter::once(w)) {
        while p < ops.len() && ops[p].name.contains('=') && !word.value.contains('=') {
            p += 1;
        }
        let op = ops.get(p)?;
        if std::ptr::eq(word, w) {
            return Some(op);
        }
        if !op.variadic {
            p += 1;
        }
    }
    None
}

/// Whether a description names an operand as a placeholder: the operand's name (without `<>`
/// or `...`), or its plural, set in italic.
fn names_placeholder(body: &[Text], operand: &str) -> bool {
    let bare = operand
        .trim_end_matches("...")
        .trim_matches(|c| c == '<' || c == '>' || c == '[' || c == ']');
    if bare.is_empty() {
        return false;
    }
    body.iter().flat_map(|t| &t.runs).any(|r| {
        r.font.is_italic() && {
            let w = r.text.trim();
            w == bare || w.strip_suffix('s') == Some(bare)
        }
    })
}

/// The pages a text cites as `name(section)`.
fn cited_pages(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (open, _) in text.match_indices('(') {
        let name_start = text[..open]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
            .map_or(0, |i| i + 1);
        let name = &text[name_start..open];
        let Some(close) = text[open..].find(')').map(|c| c + open) else {
            continue;
        };
        let section = &text[open + 1..close];
        if !name.is_empty()
            && section.starts_with(|c: char| c.is_ascii_digit())
            && section.len() <= 4
        {
            out.push((name.to_string(), section.to_string()));
        }
    }
    out
}

/// Whether a setting named `name` (`branch.<name>.remote`, `StrictHostKeyChecking`) is `key`;
/// names are compared without case, as git and ssh read them, and `<...>` stands for any part.
fn setting_matches(name: &str, key: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (name.split('.').collect(), key.split('.').collect());
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(n, k)| n.eq_ignore_ascii_case(k) || (n.starts_with('<') && n.ends_with('>')))
}
