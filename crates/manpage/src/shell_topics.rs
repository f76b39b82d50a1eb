//! The shell-syntax help that bash(1) gives: which paragraphs document `|`, `&&`, `2>&1`, ...
//!
//! The table below names each topic's place in bash(1) (section, subsection, which blocks);
//! the text itself always comes from the page. A topic whose place is not found is left out
//! and reported, never filled in from elsewhere.

use roff::{Block, Document};

use crate::extract::body_help;
use crate::model::ShellTopic;
use crate::sections::subsection_path;
use crate::topic::Topic;

enum Pick {
    /// Every block.
    All,
    /// The first n blocks.
    First(usize),
    /// From the first paragraph containing the text, n blocks.
    From(&'static str, usize),
    /// The body of the list item whose head starts with the text.
    Item(&'static str),
    /// The body of the list item whose head is exactly the text.
    Head(&'static str),
}

struct Rule {
    key: Topic,
    section: &'static str,
    subsection: Option<&'static str>,
    pick: Pick,
}

const RULES: &[Rule] = &[
    Rule {
        key: Topic::EndOfOptions,
        section: "OPTIONS",
        subsection: None,
        pick: Pick::Head("--"),
    },
    Rule {
        key: Topic::BuiltinEndOfOptions,
        section: "SHELL BUILTIN COMMANDS",
        subsection: None,
        pick: Pick::From("to signify the end of the options", 1),
    },
    Rule {
        key: Topic::Pipe,
        section: "SHELL GRAMMAR",
        subsection: Some("Pipelines"),
        pick: Pick::First(3),
    },
    Rule {
        key: Topic::Negation,
        section: "SHELL GRAMMAR",
        subsection: Some("Pipelines"),
        pick: Pick::From("reserved word !", 1),
    },
    Rule {
        key: Topic::Time,
        section: "SHELL GRAMMAR",
        subsection: Some("Pipelines"),
        pick: Pick::From("If the time reserved word", 1),
    },
    Rule {
        key: Topic::ListSemicolon,
        section: "SHELL GRAMMAR",
        subsection: Some("Lists"),
        pick: Pick::From("executed sequentially", 1),
    },
    Rule {
        key: Topic::ListBackground,
        section: "SHELL GRAMMAR",
        subsection: Some("Lists"),
        pick: Pick::From("control operator &", 1),
    },
    Rule {
        key: Topic::ListAnd,
        section: "SHELL GRAMMAR",
        subsection: Some("Lists"),
        pick: Pick::From("AND and OR lists are sequences", 3),
    },
    Rule {
        key: Topic::ListOr,
        section: "SHELL GRAMMAR",
        subsection: Some("Lists"),
        pick: Pick::From("An OR list has the form", 3),
    },
    Rule {
        key: Topic::SimpleCommand,
        section: "SHELL GRAMMAR",
        subsection: Some("Simple Commands"),
        pick: Pick::All,
    },
    Rule {
        key: Topic::Subshell,
        section: "SHELL GRAMMAR",
        subsection: Some("Compound Commands"),
        pick: Pick::Item("(list)"),
    },
    Rule {
        key: Topic::Group,
        section: "SHELL GRAMMAR",
        subsection: Some("Compound Commands"),
        pick: Pick::Item("{ list; }"),
    },
    Rule {
        key: Topic::Arithmetic,
        section: "SHELL GRAMMAR",
        subsection: Some("Compound Commands"),
        pick: Pick::Item("((expression))"),
    },
    Rule {
        key: Topic::Conditional,
        section: "SHELL GRAMMAR",
        subsection: Some("Compound Commands"),
        pick: Pick::Item("[[ expression ]]"),
    },
    Rule {
        key: Topic::For,
        section: "SHELL GRAMMAR",
        subsection: Some("Compound Commands"),
        pick: Pick::Item("for name"),
    },
    Rule {
        key: Topic::ForArithmetic,
        section: "SHELL GRAMMAR",
        subsection: Some("Compound Commands"),
        pick: Pick::Item("for (("),
    },
    Rule {
        key: Topic::Select,
        section: "SHELL GRAMMAR",
        subsection: Some("Compound Commands"),
        pick: Pick::Item("select name"),
    },
    Rule {
        key: Topic::Case,
        section: "SHELL GRAMMAR",
        subsection: Some("Compound Commands"),
        pick: Pick::Item("case word"),
    },
    Rule {
        key: Topic::If,
        section: "SHELL GRAMMAR",
        subsection: Some("Compound Commands"),
        pick: Pick::Item("if list"),
    },
    Rule {
        key: Topic::While,
        section: "SHELL GRAMMAR",
        subsection: Some("Compound Commands"),
        pick: Pick::Item("until list"),
    },
    Rule {
        key: Topic::Coproc,
        section: "SHELL GRAMMAR",
        subsection: Some("Coprocesses"),
        pick: Pick::First(3),
    },
    Rule {
        key: Topic::Function,
        section: "SHELL GRAMMAR",
        subsection: Some("Shell Function Definitions"),
        pick: Pick::First(2),
    },
    Rule {
        key: Topic::FunctionCall,
        section: "FUNCTIONS",
        subsection: None,
        pick: Pick::First(1),
    },
    Rule {
        key: Topic::Comment,
        section: "COMMENTS",
        subsection: None,
        pick: Pick::All,
    },
    Rule {
        key: Topic::Quoting,
        section: "QUOTING",
        subsection: None,
        pick: Pick::First(2),
    },
    Rule {
        key: Topic::Assignment,
        section: "PARAMETERS",
        subsection: None,
        pick: Pick::From("A variable may be assigned to", 3),
    },
    Rule {
        key: Topic::PositionalParameter,
        section: "PARAMETERS",
        subsection: Some("Positional Parameters"),
        pick: Pick::All,
    },
    Rule {
        key: Topic::SpecialParameter,
        section: "PARAMETERS",
        subsection: Some("Special Parameters"),
        pick: Pick::First(1),
    },
    Rule {
        key: Topic::SpecialStar,
        section: "PARAMETERS",
        subsection: Some("Special Parameters"),
        pick: Pick::Item("*"),
    },
    Rule {
        key: Topic::SpecialAt,
        section: "PARAMETERS",
        subsection: Some("Special Parameters"),
        pick: Pick::Item("@"),
    },
    Rule {
        key: Topic::SpecialHash,
        section: "PARAMETERS",
        subsection: Some("Special Parameters"),
        pick: Pick::Item("#"),
    },
    Rule {
        key: Topic::SpecialQuestion,
        section: "PARAMETERS",
        subsection: Some("Special Parameters"),
        pick: Pick::Item("?"),
    },
    Rule {
        key: Topic::SpecialDash,
        section: "PARAMETERS",
        subsection: Some("Special Parameters"),
        pick: Pick::Item("-"),
    },
    Rule {
        key: Topic::SpecialDollar,
        section: "PARAMETERS",
        subsection: Some("Special Parameters"),
        pick: Pick::Item("$"),
    },
    Rule {
        key: Topic::SpecialBang,
        section: "PARAMETERS",
        subsection: Some("Special Parameters"),
        pick: Pick::Item("!"),
    },
    Rule {
        key: Topic::SpecialZero,
        section: "PARAMETERS",
        subsection: Some("Special Parameters"),
        pick: Pick::Item("0"),
    },
    Rule {
        key: Topic::BraceExpansion,
        section: "EXPANSION",
        subsection: Some("Brace Expansion"),
        pick: Pick::First(2),
    },
    Rule {
        key: Topic::TildeExpansion,
        section: "EXPANSION",
        subsection: Some("Tilde Expansion"),
        pick: Pick::First(1),
    },
    Rule {
        key: Topic::ParameterExpansion,
        section: "EXPANSION",
        subsection: Some("Parameter Expansion"),
        pick: Pick::First(1),
    },
    Rule {
        key: Topic::ParameterDefault,
        section: "EXPANSION",
        subsection: Some("Parameter Expansion"),
        pick: Pick::Item("${parameter:-"),
    },
    Rule {
        key: Topic::ParameterAssignDefault,
        section: "EXPANSION",
        subsection: Some("Parameter Expansion"),
        pick: Pick::Item("${parameter:="),
    },
    Rule {
        key: Topic::ParameterError,
        section: "EXPANSION",
        subsection: Some("Parameter Expansion"),
        pick: Pick::Item("${parameter:?"),
    },
    Rule {
        key: Topic::ParameterAlternate,
        section: "EXPANSION",
        subsection: Some("Parameter Expansion"),
        pick: Pick::Item("${parameter:+"),
    },
    Rule {
        key: Topic::ParameterSubstring,
        section: "EXPANSION",
        subsection: Some("Parameter Expansion"),
        pick: Pick::Item("${parameter:offset"),
    },
    Rule {
        key: Topic::ParameterNames,
        section: "EXPANSION",
        subsection: Some("Parameter Expansion"),
        pick: Pick::Item("${!prefix"),
    },
    Rule {
        key: Topic::ParameterKeys,
        section: "EXPANSION",
        subsection: Some("Parameter Expansion"),
        pick: Pick::Item("${!name["),
    },
    Rule {
        key: Topic::ParameterLength,
        section: "EXPANSION",
        subsection: Some("Parameter Expansion"),
        pick: Pick::Item("${#parameter"),
    },
    Rule {
        key: Topic::ParameterRemovePrefix,
        section: "EXPANSION",
        subsection: Some("Parameter Expansion"),
        pick: Pick::Item("${parameter#"),
    },
    Rule {
        key: Topic::ParameterRemoveSuffix,
        section: "EXPANSION",
        subsection: Some("Parameter Expansion"),
        pick: Pick::Item("${parameter%"),
    },
    Rule {
        key: Topic::ParameterReplace,
        section: "EXPANSION",
        subsection: Some("Parameter Expansion"),
        pick: Pick::Item("${parameter/"),
    },
    Rule {
        key: Topic::ParameterCase,
        section: "EXPANSION",
        subsection: Some("Parameter Expansion"),
        pick: Pick::Item("${parameter^"),
    },
    Rule {
        key: Topic::ParameterTransform,
        section: "EXPANSION",
        subsection: Some("Parameter Expansion"),
        pick: Pick::Item("${parameter@"),
    },
    Rule {
        key: Topic::CommandSubstitution,
        section: "EXPANSION",
        subsection: Some("Command Substitution"),
        pick: Pick::First(3),
    },
    Rule {
        key: Topic::ArithmeticExpansion,
        section: "EXPANSION",
        subsection: Some("Arithmetic Expansion"),
        pick: Pick::First(3),
    },
    Rule {
        key: Topic::ProcessSubstitution,
        section: "EXPANSION",
        subsection: Some("Process Substitution"),
        pick: Pick::First(1),
    },
    Rule {
        key: Topic::PathnameExpansion,
        section: "EXPANSION",
        subsection: Some("Pathname Expansion"),
        pick: Pick::First(1),
    },
    Rule {
        key: Topic::Redirect,
        section: "REDIRECTION",
        subsection: None,
        pick: Pick::First(1),
    },
    Rule {
        key: Topic::RedirectInput,
        section: "REDIRECTION",
        subsection: Some("Redirecting Input"),
        pick: Pick::All,
    },
    Rule {
        key: Topic::RedirectOutput,
        section: "REDIRECTION",
        subsection: Some("Redirecting Output"),
        pick: Pick::All,
    },
    Rule {
        key: Topic::RedirectAppend,
        section: "REDIRECTION",
        subsection: Some("Appending Redirected Output"),
        pick: Pick::All,
    },
    Rule {
        key: Topic::RedirectOutputAndError,
        section: "REDIRECTION",
        subsection: Some("Redirecting Standard Output and Standard Error"),
        pick: Pick::All,
    },
    Rule {
        key: Topic::RedirectAppendOutputAndError,
        section: "REDIRECTION",
        subsection: Some("Appending Standard Output and Standard Error"),
        pick: Pick::All,
    },
    Rule {
        key: Topic::HereDocument,
        section: "REDIRECTION",
        subsection: Some("Here Documents"),
        pick: Pick::All,
    },
    Rule {
        key: Topic::HereString,
        section: "REDIRECTION",
        subsection: Some("Here Strings"),
        pick: Pick::All,
    },
    Rule {
        key: Topic::Duplicate,
        section: "REDIRECTION",
        subsection: Some("Duplicating File Descriptors"),
        pick: Pick::All,
    },
    Rule {
        key: Topic::Move,
        section: "REDIRECTION",
        subsection: Some("Moving File Descriptors"),
        pick: Pick::All,
    },
    Rule {
        key: Topic::ReadWrite,
        section: "REDIRECTION",
        subsection: Some("Opening File Descriptors for Reading and Writing"),
        pick: Pick::All,
    },
];

/// The shell topics of bash(1), and the keys whose place was not found.
pub fn topics(doc: &Document) -> (Vec<ShellTopic>, Vec<Topic>) {
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for rule in RULES {
        match topic(doc, rule) {
            Some(t) => out.push(t),
            None => missing.push(rule.key),
        }
    }
    (out, missing)
}

fn topic(doc: &Document, rule: &Rule) -> Option<ShellTopic> {
    let section = doc.section(rule.section)?;
    let (blocks, title): (Vec<Block>, String) = match rule.subsection {
        None => (
            section
                .blocks
                .iter()
                .take_while(|b| !matches!(b, Block::Subsection(_)))
                .cloned()
                .collect(),
            section.title.clone(),
        ),
        Some(sub) => {
            let s = section.blocks.iter().find_map(|b| match b {
                Block::Subsection(s) if s.title.eq_ignore_ascii_case(sub) => Some(s),
                _ => None,
            })?;
            (s.blocks.clone(), subsection_path(&section.title, &s.title))
        }
    };
    let picked: Vec<Block> = match rule.pick {
        Pick::All => blocks,
        Pick::First(n) => blocks.into_iter().take(n).collect(),
        Pick::From(needle, n) => {
            let start = blocks.iter().position(|b| block_text(b).contains(needle))?;
            blocks.into_iter().skip(start).take(n).collect()
        }
        Pick::Head(whole) => blocks.iter().find_map(|b| match b {
            Block::Item { head, body, .. } if head.plain().trim() == whole => Some(body.clone()),
            _ => None,
        })?,
        // Heads given together (`${parameter#word}`, `${parameter##word}`) share the body of
        // the last one.
        Pick::Item(prefix) => {
            let start = blocks.iter().position(
                |b| matches!(b, Block::Item { head, .. } if head.plain().starts_with(prefix)),
            )?;
            blocks[start..].iter().find_map(|b| match b {
                Block::Item { body, .. } if !body.is_empty() => Some(body.clone()),
                _ => None,
            })?
        }
    };
    let help = body_help(&picked);
    if help.is_empty() {
        return None;
    }
    Some(ShellTopic {
        key: rule.key,
        title,
        help,
    })
}

fn block_text(b: &Block) -> String {
    match b {
        Block::Paragraph { text, .. } | Block::Preformatted { text, .. } => text.plain(),
        _ => String::new(),
    }
}
