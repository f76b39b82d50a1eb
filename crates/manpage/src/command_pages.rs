//! Commands documented inside a program's page with a synopsis of their own, each read as a page:
//! tmux(1)'s item `new-session [-AdDEPX] [-c start-directory] ...` becomes the page
//! `tmux new-session` (also `tmux new`, from its "(alias: new)"), whose options are the flags of
//! that head, explained by the paragraphs of the item that name them. bash(1)'s builtins are
//! built by the same [`command_page`].

use roff::{Block, Document, Font, ItemStyle, Section, Text};

use crate::extract::{body_help, options_in};
use crate::model::{Help, Origin, Page};
use crate::operands::{operands_with_help, preformatted_forms};
use crate::sections::SectionKind;

/// What a page is made of when a command is documented by one item of another page.
pub(crate) struct CommandItem<'a> {
    /// The page's names.
    pub names: Vec<String>,
    /// The words that run the command, as its synopsis lines start (`new-session`, `cd`).
    pub spoken: Vec<String>,
    /// The synopsis lines (the item's heads).
    pub heads: Vec<Text>,
    /// The item's paragraphs, in order.
    pub help: Help,
    /// The item's body (or the bodies of several items of one command), for their own
    /// definition lists.
    pub bodies: Vec<&'a [Block]>,
    /// The section the item is in.
    pub section: &'a str,
    /// The file the page came from.
    pub source: &'a str,
    /// Where it comes from: the page that documents it.
    pub origin: Origin,
}

/// The page of one command documented by an item: options from the item's lists and from its
/// synopsis flags that the paragraphs name, operands from the synopsis.
pub(crate) fn command_page(item: CommandItem) -> Page {
    let CommandItem {
        names,
        spoken,
        heads,
        help,
        bodies,
        section,
        source,
        origin,
    } = item;
    // The description: the first paragraph that is not an option's or operand's definition
    // (`--offline: Modify ...`).
    let defines_argument = |p: &&Text| {
        let plain = p.plain();
        let first = plain.split_whitespace().next().unwrap_or("");
        first.starts_with('-') || (first.ends_with(':') && !first.contains(char::is_uppercase))
    };
    let first_paragraph: Help = help
        .iter()
        .find(|p| !defines_argument(p))
        .or(help.first())
        .into_iter()
        .cloned()
        .collect();
    let mut options: Vec<crate::model::OptionDef> = Vec::new();
    for body in bodies {
        for def in options_in(body, section) {
            crate::extract::push_new(def, &[], &mut options);
        }
    }
    let mut prose = crate::prose::options(&heads, &help, &options, section, true, &spoken);
    // A flag shown with an argument the paragraphs name (tmux's `-s session-name`: "Create a
    // new session with name session-name"): those paragraphs too, in order.
    for opt in &mut prose {
        let Some(arg) = opt.argument.as_ref().map(|a| a.name.clone()) else {
            continue;
        };
        if !arg.contains(['-', '_']) {
            continue;
        }
        let flag = opt.flags[0].text.clone();
        let named = |p: &Text| {
            let plain = p.plain();
            names_word(&plain, &arg) || names_word(&plain, &flag)
        };
        if help.iter().any(|p| names_word(&p.plain(), &arg)) {
            opt.help = help.iter().filter(|p| named(p)).cloned().collect();
            opt.section = section.to_string();
        }
    }
    options.extend(prose);
    let mut name_line = Text::new();
    for (i, h) in heads.iter().enumerate() {
        if i > 0 {
            name_line.push("\n", Font::Roman);
        }
        name_line.append(h);
    }
    let operands = operands_with_help(&spoken, &options, &heads, &first_paragraph);
    let description = first_paragraph.first().map(Text::plain).unwrap_or_default();
    Page {
        name: names[0].clone(),
        section: "1".into(),
        names,
        name_line,
        description,
        source: source.to_string(),
        synopsis: heads,
        options,
        operands,
        shell_topics: Vec::new(),
        commands: Vec::new(),
        origin,
        passes_options: Vec::new(),
        abbreviated_commands: false,
        abbreviated_keywords: false,
        settings: Vec::new(),
    }
}

/// The commands `program`'s page documents with a synopsis each. Only a program whose synopsis
/// takes a command (`tmux ... [command [flags]]`, `virsh ... COMMAND [ARG]...`) has them, in one
/// of two shapes:
/// - a list where most heads are a command word followed by bracketed flags (tmux);
/// - subsections titled with a command word whose syntax block shows that word first (virsh's
///   `domblklist` subsection: "Syntax:" and `domblklist domain [--inactive] [--details]`), or
///   that list the command's options (criu's `dump` subsection of OPTIONS).
pub fn read(
    doc: &Document,
    program: &str,
    section: &str,
    synopsis: &[Text],
    source: &str,
) -> Vec<Page> {
    if !takes_command(synopsis) {
        return Vec::new();
    }
    let mut found = Found {
        program,
        source,
        origin: Origin::InPage {
            page: format!("{program}({section})"),
        },
        pages: Vec::new(),
        syntax_sections: Vec::new(),
        command_lists: Vec::new(),
    };
    // Examples show the program run, not its commands defined.
    for section in doc
        .sections
        .iter()
        .filter(|s| SectionKind::of(&s.title) != SectionKind::Examples)
    {
        found.collect(&section.blocks, &section.title);
    }
    // Subsections count when several show flags or list options: hledger's CSV rules (`skip N`)
    // are no commands.
    let with_flags = found
        .syntax_sections
        .iter()
        .filter(|c| c.defines_options || c.heads.iter().any(|h| shows_flag(&h.plain())))
        .count();
    if with_flags >= 2 {
        for c in std::mem::take(&mut found.syntax_sections) {
            found.push(c);
        }
    }
    if !found.pages.is_empty() {
        for c in std::mem::take(&mut found.command_lists) {
            found.push(c);
        }
    }
    found.pages
}

fn shows_flag(form: &str) -> bool {
    form.split_whitespace()
        .skip(1)
        .any(|w| w.trim_start_matches(['[', '{', '(', '|']).starts_with('-'))
}

/// Whether a synopsis line has a `command` or `subcommand` operand after the program's name.
fn takes_command(synopsis: &[Text]) -> bool {
    synopsis.iter().any(|form| {
        form.plain()
            .split(|c: char| c.is_whitespace() || "[]{}|".contains(c))
            .filter(|w| !w.is_empty())
            .skip(1)
            .any(|w| w.eq_ignore_ascii_case("command") || w.eq_ignore_ascii_case("subcommand"))
    })
}

/// One command's documentation, before it becomes a page.
struct Candidate<'d> {
    word: String,
    heads: Vec<Text>,
    help: Help,
    bodies: Vec<&'d [Block]>,
    /// With several items for one command (adb's `adb forward --list`, `adb forward --remove
    /// local`), each head's own paragraphs: a flag shown in one head is explained by them.
    per_head: Vec<(Text, Help)>,
    section: &'d str,
    /// Whether the body defines options of its own (a list of them).
    defines_options: bool,
}

/// The commands found so far in one program's page.
struct Found<'p, 'd> {
    program: &'p str,
    source: &'p str,
    origin: Origin,
    pages: Vec<Page>,
    /// Commands documented by subsections, kept until the whole page is read.
    syntax_sections: Vec<Candidate<'d>>,
    /// Lists made only of commands, none or one with flags: commands if the page has others.
    command_lists: Vec<Candidate<'d>>,
}

impl<'d> Found<'_, 'd> {
    fn collect(&mut self, blocks: &'d [Block], section: &'d str) {
        let program = self.program;
        let command = |head: &Text| {
            let plain = head.plain();
            command_head(&plain, program)
                .filter(|(word, _)| !is_program(word, program))
                .map(|(word, flags)| (word.to_string(), flags))
        };
        // Bullets among the commands (adb shell's options) count neither for nor against a list.
        let items = blocks
            .iter()
            .filter(|b| matches!(b, Block::Item { style, .. } if *style != ItemStyle::Bullet))
            .count();
        let with_flags = blocks
            .iter()
            .filter(|b| matches!(b, Block::Item { head, .. } if command(head).is_some_and(|c| c.1)))
            .count();
        let run_by_program = blocks
            .iter()
            .filter(|b| {
                matches!(b, Block::Item { head, .. }
                    if command(head).is_some() && head.plain().starts_with(&format!("{program} ")))
            })
            .count();
        // A list where most items are commands showing flags; or, once the page has such lists,
        // one whose every item runs the program with a command (adb's `adb devices [-l]`, `adb
        // connect host[:port]`).
        let flagged = with_flags >= 2 && with_flags * 2 >= items;
        let all_commands = items > 0 && run_by_program == items;
        if flagged || all_commands {
            // One command may have several items (`adb forward --list`, `adb forward local
            // remote`): one candidate each, in the order first seen.
            let mut list: Vec<Candidate<'d>> = Vec::new();
            for b in blocks {
                let Block::Item { head, body, .. } = b else {
                    continue;
                };
                let Some((word, _)) = command(head) else {
                    continue;
                };
                let head = without_program(head, program);
                let help = body_help(body);
                match list.iter_mut().find(|c| c.word == word) {
                    Some(c) => {
                        c.heads.push(head.clone());
                        c.help.extend(help.iter().cloned());
                        c.bodies.push(body);
                        c.per_head.push((head, help));
                    }
                    None => list.push(Candidate {
                        word,
                        heads: vec![head.clone()],
                        help: help.clone(),
                        bodies: vec![body],
                        per_head: vec![(head, help)],
                        section,
                        defines_options: false,
                    }),
                }
            }
            if flagged {
                for c in list {
                    self.push(c);
                }
            } else {
                self.command_lists.extend(list);
            }
        }
        for b in blocks {
            match b {
                Block::Indented { blocks, .. } => self.collect(blocks, section),
                Block::Subsection(s) => {
                    if let Some(c) = syntax_subsection(s)
                        && !is_program(&c.word, program)
                    {
                        self.syntax_sections.push(c);
                    }
                    self.collect(&s.blocks, &s.title)
                }
                _ => {}
            }
        }
    }

    fn push(&mut self, c: Candidate) {
        let Candidate {
            word,
            heads,
            mut help,
            bodies,
            per_head,
            section,
            ..
        } = c;
        let mut spoken = vec![word];
        // "(alias: new)" before the description.
        if let Some(alias) = help.first().and_then(|p| alias_of(&p.plain())) {
            help.remove(0);
            spoken.push(alias);
        }
        let names: Vec<String> = spoken
            .iter()
            .map(|w| format!("{} {w}", self.program))
            .collect();
        let known = self
            .pages
            .iter()
            .any(|p| p.names.iter().any(|n| names.contains(n)));
        if help.is_empty() || known {
            return;
        }
        let mut page = command_page(CommandItem {
            names,
            spoken,
            heads,
            help: help.clone(),
            bodies,
            section,
            source: self.source,
            origin: self.origin.clone(),
        });
        // A flag that only the synopsis shows, with several items for the command: the
        // paragraphs of the items whose head shows it.
        if per_head.len() > 1 {
            for opt in page.options.iter_mut().filter(|o| o.section == "SYNOPSIS") {
                let flag = opt.flags[0].text.as_str();
                let own: Help = per_head
                    .iter()
                    .filter(|(head, _)| names_word(&head.plain(), flag))
                    .flat_map(|(_, help)| help.iter().cloned())
                    .collect();
                if !own.is_empty() {
                    opt.help = own;
                    opt.section = section.to_string();
                }
            }
        }
        // An operand is explained by the paragraphs that define it (rabbitmq-plugins' "plugin:
        // One or more plugins to enable"), else by those that name it (tmux's `shell-command`),
        // else by the first.
        for op in &mut page.operands {
            let name = op.name.as_str();
            let defines = |p: &Text| {
                let plain = p.plain();
                plain.starts_with(name)
                    && !plain[name.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '-')
            };
            let mut mentions: Help = help.iter().filter(|p| defines(p)).cloned().collect();
            if mentions.is_empty() {
                mentions = help
                    .iter()
                    .filter(|p| names_word(&p.plain(), name))
                    .cloned()
                    .collect();
            }
            if !mentions.is_empty() {
                op.help = mentions;
            }
        }
        self.pages.push(page);
    }
}

/// Whether a head's first word is the program itself or the program a sub-command page belongs
/// to (`ip maddress ...` in ip-maddress(8)).
fn is_program(word: &str, program: &str) -> bool {
    word == program
        || program
            .strip_prefix(word)
            .is_some_and(|rest| rest.starts_with(['-', '_']))
}

/// A subsection titled with a command word whose first preformatted block shows its syntax (the
/// word, the synopsis forms that start with it, and the other paragraphs), or, without one,
/// whose body lists options (the word alone as synopsis, and the top-level paragraphs).
fn syntax_subsection(s: &Section) -> Option<Candidate<'_>> {
    let word = s.title.trim();
    if !is_command_word(word) {
        return None;
    }
    let Some(Block::Preformatted { text, .. }) =
        first_preformatted(&s.blocks[..s.blocks.len().min(3)])
    else {
        // criu(8): a subsection per command holds that command's options, without a syntax.
        if options_in(&s.blocks, &s.title).is_empty() {
            return None;
        }
        let help: Help = s
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect();
        return Some(Candidate {
            word: word.to_string(),
            heads: vec![Text::from_run(word, Font::Bold)],
            help,
            bodies: vec![&s.blocks],
            per_head: Vec::new(),
            section: &s.title,
            defines_options: true,
        });
    };
    let heads: Vec<Text> = preformatted_forms(text)
        .into_iter()
        .filter(|f| f.plain().split_whitespace().next() == Some(word))
        .collect();
    if heads.is_empty() {
        return None;
    }
    let syntax = text.plain();
    let help: Help = body_help(&s.blocks)
        .into_iter()
        .filter(|p| {
            let plain = p.plain();
            plain != syntax && plain.trim() != "Syntax:"
        })
        .collect();
    Some(Candidate {
        word: word.to_string(),
        heads,
        help,
        bodies: vec![&s.blocks],
        per_head: Vec::new(),
        section: &s.title,
        defines_options: false,
    })
}

fn first_preformatted(blocks: &[Block]) -> Option<&Block> {
    blocks.iter().find_map(|b| match b {
        Block::Preformatted { .. } => Some(b),
        Block::Indented { blocks, .. } => first_preformatted(blocks),
        _ => None,
    })
}

/// `(alias: new)` → `new`.
fn alias_of(paragraph: &str) -> Option<String> {
    let inner = paragraph
        .trim()
        .strip_prefix("(alias:")?
        .strip_suffix(')')?
        .trim();
    is_command_word(inner).then(|| inner.to_string())
}

/// Whether `plain` has `word` as a whole word, where words may hold `-` and `_`.
fn names_word(plain: &str, word: &str) -> bool {
    // A word with other characters (`host[:port]`) is never whole.
    word.chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && crate::prose::stands_alone(plain, word, &['-', '_'])
}

/// A head that is a command's synopsis: its command word, and whether it shows flags. Every
/// word after the command must be synopsis notation: brackets, flags, placeholders
/// (`host[:port]`, `local...`). The program may come first (`adb forward --list`).
fn command_head<'h>(plain: &'h str, program: &str) -> Option<(&'h str, bool)> {
    let mut words = plain.split_whitespace().peekable();
    if words.peek() == Some(&program) {
        words.next();
    }
    let word = words.next()?;
    if !is_command_word(word) {
        return None;
    }
    let mut flags = false;
    for w in words {
        let bare = w.trim_matches(|c| "[]{}|".contains(c));
        if bare.starts_with('-') {
            flags |= w.starts_with("[-") || w.starts_with('-');
            continue;
        }
        let notation = bare.is_empty()
            || bare == "..."
            || bare
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_|:./=[]<>".contains(c));
        if !notation {
            return None;
        }
    }
    Some((word, flags))
}

/// The head without the program's name before the command (`adb forward --list` →
/// `forward --list`).
fn without_program(head: &Text, program: &str) -> Text {
    let plain = head.plain();
    let Some(rest) = plain
        .strip_prefix(program)
        .filter(|r| r.starts_with(' '))
        .map(str::trim_start)
    else {
        return head.clone();
    };
    // Keep the fonts: drop characters from the front until the rest is left.
    let mut skip = plain.len() - rest.len();
    let mut out = Text::new();
    for run in &head.runs {
        if skip >= run.text.len() {
            skip -= run.text.len();
            continue;
        }
        out.push(&run.text[skip..], run.font);
        skip = 0;
    }
    out
}

fn is_command_word(w: &str) -> bool {
    w.len() > 1
        && w.starts_with(|c: char| c.is_ascii_lowercase())
        && w.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_that_are_command_synopses() {
        let head = |h| command_head(h, "tmux");
        assert_eq!(
            head("new-session [-AdDEPX] [-c start-directory] [shell-command]"),
            Some(("new-session", true))
        );
        assert_eq!(head("kill-server"), Some(("kill-server", false)));
        // An option with a value looks the same; a sentence or a flag does not.
        assert_eq!(head("buffer-limit number"), Some(("buffer-limit", false)));
        assert_eq!(head("-t target"), None);
        assert_eq!(head("Create a new session."), None);
        assert_eq!(head("status-left string (\"[#S]\")"), None);
        // After the program's name (adb).
        assert_eq!(
            command_head("adb connect host[:port]", "adb"),
            Some(("connect", false))
        );
        assert_eq!(
            command_head("adb forward --list", "adb"),
            Some(("forward", true))
        );
    }

    #[test]
    fn aliases() {
        assert_eq!(alias_of("(alias: new)"), Some("new".into()));
        assert_eq!(alias_of("(alias: new) Create"), None);
    }
}
