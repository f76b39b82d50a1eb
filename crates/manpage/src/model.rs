//! The page model: what one manual page defines.

use roff::Text;
use serde::{Deserialize, Serialize};

/// Help text: paragraphs of inline text with fonts kept. Preformatted lines are joined by `'\n'`.
pub type Help = Vec<Text>;

/// Plain text of help paragraphs, each paragraph's white space normalised, paragraphs joined by a blank line.
pub fn help_plain(help: &[Text]) -> String {
    help.iter()
        .map(Text::plain)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// How a flag is spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FlagStyle {
    /// `-x`: one character after one dash; may be bundled (`-xzvf`).
    Short,
    /// `--name`.
    Long,
    /// `-name`: a long name after a single dash (find, openssl, gcc).
    SingleDashLong,
    /// `+x` or `+name`.
    Plus,
    /// `if=FILE`: a keyword operand given as one `name=value` word (dd). The flag's text is
    /// the name without `=`; the value is the option's argument.
    Assignment,
    /// `a`: a letter given without a dash, where the page says so (ps's BSD options, grouped
    /// as in `ps aux`).
    Dashless,
}

/// One spelling of an option, e.g. `-x` or `--extract`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Flag {
    /// The flag as written, dashes included.
    pub text: String,
    /// How it is spelled.
    pub style: FlagStyle,
}

impl Flag {
    /// A flag from its text, its style worked out from the dashes.
    pub fn new(text: &str) -> Flag {
        let style = if text.starts_with("--") {
            FlagStyle::Long
        } else if text.starts_with('+') {
            FlagStyle::Plus
        } else if text.chars().count() == 2 {
            FlagStyle::Short
        } else {
            FlagStyle::SingleDashLong
        };
        Flag {
            text: text.to_string(),
            style,
        }
    }
}

/// Whether an option takes an argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArgumentNeed {
    /// `-f ARCHIVE`, `--file=ARCHIVE`.
    Required,
    /// `--color[=WHEN]`, `-d[num]`: only when attached.
    Optional,
}

/// The argument an option takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Argument {
    /// Its name as documented, e.g. `ARCHIVE`, `<commit>`, `WHEN`.
    pub name: String,
    /// Whether it must be given.
    pub need: ArgumentNeed,
}

/// One documented option: all its spellings, its argument and its help.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionDef {
    /// Every spelling, in the order the page gives them.
    pub flags: Vec<Flag>,
    /// The argument, if it takes one.
    pub argument: Option<Argument>,
    /// The definition head as printed (`-f, --file=ARCHIVE`).
    pub head: Text,
    /// The description: the whole body up to the next definition.
    pub help: Help,
    /// The section (and subsection) it is defined in, e.g. `OPTIONS` or `DESCRIPTION › Operation mode`.
    pub section: String,
    /// The line of the page where the definition starts.
    pub line: u32,
    /// The keywords its argument takes, when the description lists them (tar's
    /// `--warning=KEYWORD`, ssh's `-o` keywords), in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<ValueDef>,
}

impl OptionDef {
    /// Whether it is an operator between two operands, as its head shows it: three words, the
    /// first an operand (`string1 = string2`, `arg1 OP arg2`, `expr1 -a expr2`).
    pub fn is_binary_operator(&self) -> bool {
        let head = self.head.plain();
        let words: Vec<&str> = head.split_whitespace().collect();
        words.len() == 3 && !words[0].starts_with(['-', '+'])
    }
}

/// One keyword value an option's argument takes, e.g. `no-file-changed` for tar's `--warning`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueDef {
    /// The keyword as written (`all`, `AddKeysToAgent`, `ro`).
    pub name: String,
    /// What the page says about it; empty when the page only lists it.
    pub help: Help,
}

/// A positional operand from the SYNOPSIS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operand {
    /// Its name as written, e.g. `FILE`, `destination`.
    pub name: String,
    /// Whether it may repeat (`FILE...`).
    pub variadic: bool,
    /// Whether it may be left out (`[FILE]`).
    pub optional: bool,
    /// What documents it: an OPERANDS item, a DESCRIPTION paragraph that names it, or the synopsis line.
    pub help: Help,
    /// Whether the words from here on are a command the program runs (`sudo ... command [arg ...]`).
    #[serde(default)]
    pub starts_command: bool,
    /// Whether it is given only together with the operand after it: `month` in
    /// `cal [[month] year]`, where one word is the year.
    #[serde(default)]
    pub needs_next: bool,
    /// Whether the words after it are its own arguments, not the program's: dash's
    /// `[command_file [argument ...]]` (a script and what it is given). Options end there.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub owns_rest: bool,
}

/// A command of the program documented inside its page: a COMMANDS item (`systemctl
/// restart`, `apt-get install`), a command with a synopsis of its own (tmux(1)'s `new-session`),
/// or a builtin of the shell (bash(1)'s `cd`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Command {
    /// The words that run it: its own name first, then its aliases (`new-session`, `new`).
    pub names: Vec<String>,
    /// How the page documents it.
    pub doc: CommandDoc,
}

/// How a page documents one of its commands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum CommandDoc {
    /// One item whose help also covers the words after the command (`restart PATTERN...`).
    Item {
        /// The definition head as printed (`restart PATTERN...`).
        head: Text,
        /// The description.
        help: Help,
    },
    /// A synopsis, options and operands of its own: a page, named as it is run (`tmux
    /// new-session`; a shell builtin by its own name, `cd`). While the page is read `page`
    /// holds it; the index keeps it as a page of its own, so a page read back from the index
    /// has `None` here and the command's page is looked up by name.
    Page {
        /// The command's page.
        #[serde(skip)]
        page: Option<Box<Page>>,
    },
}

impl Command {
    /// The command's own name.
    pub fn name(&self) -> &str {
        &self.names[0]
    }

    /// Its page, while the parent page is being read (see [`CommandDoc::Page`]).
    pub fn page(&self) -> Option<&Page> {
        match &self.doc {
            CommandDoc::Page { page } => page.as_deref(),
            CommandDoc::Item { .. } => None,
        }
    }
}

/// A configuration setting the page documents as an item: git-config(1)'s `core.editor`,
/// ssh_config(5)'s `StrictHostKeyChecking`. Options that set them (`git -c`, `ssh -o`) are
/// explained by these items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setting {
    /// The setting's name as the page writes it.
    pub name: String,
    /// The item's head.
    pub head: Text,
    /// The item's description.
    pub help: Help,
}

/// The paragraphs the shell's page gives one piece of shell syntax.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShellTopic {
    /// Which piece of syntax.
    pub key: crate::Topic,
    /// The heading it comes from, e.g. `REDIRECTION › Duplicating File Descriptors`.
    pub title: String,
    /// The paragraphs.
    pub help: Help,
}

/// Where a page's text comes from, and so how it is cited.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Origin {
    /// A manual page of its own, cited `name(section)`.
    #[default]
    ManPage,
    /// A builtin of the shell, documented in the shell's page (cited `bash(1)`).
    ShellBuiltin {
        /// The shell's page, `bash(1)`.
        page: String,
    },
    /// A command documented inside another program's page (tmux(1)'s `new-session`).
    InPage {
        /// The page that documents it, `tmux(1)`.
        page: String,
    },
}

impl Origin {
    /// Whether the page is a part of another page (a builtin or a program's command).
    pub fn is_inside_another(&self) -> bool {
        !matches!(self, Origin::ManPage)
    }
}

/// Everything we know about one manual page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// The page's name (from its file name), e.g. `tar`, `git-commit`.
    pub name: String,
    /// The section, e.g. `1`, `8`, `1ssl`.
    pub section: String,
    /// Every name the page documents (NAME section entries), the page name first.
    pub names: Vec<String>,
    /// The NAME line, e.g. `tar - an archiving utility`.
    pub name_line: Text,
    /// The one-line description after the dash.
    pub description: String,
    /// The path of the page file relative to its manual tree, e.g. `man1/tar.1.gz`.
    pub source: String,
    /// The synopsis, one entry per form.
    pub synopsis: Vec<Text>,
    /// Documented options.
    pub options: Vec<OptionDef>,
    /// Positional operands, in order.
    pub operands: Vec<Operand>,
    /// Shell syntax topics (only the shell's page has them: see [`crate::read_shell`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shell_topics: Vec<ShellTopic>,
    /// Commands documented inside this page: COMMANDS items, commands with a synopsis of
    /// their own, the shell's builtins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commands: Vec<Command>,
    /// Where the page comes from.
    #[serde(default)]
    pub origin: Origin,
    /// Commands of this page that hand the options they do not define to another program, as
    /// the page says (zgrep's `[grep_options]`, "All options specified are passed directly
    /// to grep").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passes_options: Vec<OptionsPassed>,
    /// Whether the page says its commands may be abbreviated (ip(8): "The names of all objects
    /// may be written in full or abbreviated form"), so `ip addr` finds ip-address(8).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub abbreviated_commands: bool,
    /// Whether the page says its keyword options may be abbreviated (dig(1): "Keywords may be
    /// abbreviated, provided the abbreviation is unambiguous"), so `+time` is `+timeout`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub abbreviated_keywords: bool,
    /// The configuration settings the page documents (git-config(1), ssh_config(5)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<Setting>,
}

/// One command that passes its options on: `zgrep` to `grep`, `xzdiff` to `diff`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionsPassed {
    /// The command name, one of the page's names.
    pub command: String,
    /// The program that receives the options.
    pub to: String,
}

impl Page {
    /// `name(section)`, as pages are cited; a builtin or a program's command cites the page
    /// that documents it.
    pub fn citation(&self) -> String {
        match &self.origin {
            Origin::ManPage => format!("{}({})", self.name, self.section),
            Origin::ShellBuiltin { page } | Origin::InPage { page } => page.clone(),
        }
    }

    /// The pages of the commands documented inside this one (while it is being read).
    pub fn command_pages(&self) -> impl Iterator<Item = &Page> {
        self.commands.iter().filter_map(Command::page)
    }

    /// The command items (COMMANDS entries without a page of their own).
    pub fn command_items(&self) -> impl Iterator<Item = (&Command, &Text, &Help)> {
        self.commands.iter().filter_map(|c| match &c.doc {
            CommandDoc::Item { head, help } => Some((c, head, help)),
            CommandDoc::Page { .. } => None,
        })
    }

    /// The option with this exact spelling.
    pub fn option(&self, flag: &str) -> Option<&OptionDef> {
        self.options
            .iter()
            .find(|o| o.flags.iter().any(|f| f.text == flag))
    }
}
