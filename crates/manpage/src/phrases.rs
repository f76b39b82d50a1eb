//! The wordings the page model looks for in prose, in one table. Each phrase was fitted to the
//! wording of real pages, named in its doc comment, and has its test right after it (as ripgrep keeps a
//! flag's test beside its definition). A phrase that starts to match where it should not is
//! fixed here, for every pass that uses it.

/// A wording: every group must have one of its words in the sentence, and no word of `none`
/// may be there.
pub(crate) struct Phrase {
    /// Groups of alternatives; each group must match.
    pub groups: &'static [&'static [&'static str]],
    /// Words that rule the sentence out.
    pub none: &'static [&'static str],
    /// Whether case is ignored.
    pub ignore_case: bool,
    /// Short words of which a run of text must hold one before the sentence is read at all
    /// (most paragraphs hold none, and testing the runs costs less than joining them).
    pub hint: &'static [&'static str],
}

impl Phrase {
    /// Whether `sentence` says it.
    pub(crate) fn in_sentence(&self, sentence: &str) -> bool {
        let lower;
        let s = if self.ignore_case {
            lower = sentence.to_ascii_lowercase();
            lower.as_str()
        } else {
            sentence
        };
        self.groups.iter().all(|g| g.iter().any(|w| s.contains(w)))
            && !self.none.iter().any(|w| s.contains(w))
    }

    /// Whether some sentence of `text` says it.
    pub(crate) fn in_text(&self, text: &roff::Text) -> bool {
        self.may_be_in(text) && text.plain().split(". ").any(|s| self.in_sentence(s))
    }

    /// Whether a run of `text` holds a hint word (always true without hints).
    pub(crate) fn may_be_in(&self, text: &roff::Text) -> bool {
        self.hint.is_empty()
            || text
                .runs
                .iter()
                .any(|r| self.hint.iter().any(|h| r.text.contains(h)))
    }
}

/// Letters given as options without a dash: ps(1)'s "BSD options, which may be grouped and
/// must not be used with a dash".
pub(crate) const DASHLESS_OPTIONS: Phrase = Phrase {
    groups: &[&["must not be used with a dash"]],
    none: &[],
    ignore_case: false,
    hint: &["dash"],
};

/// A wrapper's options go to another program: zgrep(1)'s "options ... are passed directly to
/// grep(1)" (the program named is checked by the caller).
pub(crate) const OPTIONS_PASSED_ON: Phrase = Phrase {
    groups: &[&["options"], &["passed"]],
    none: &[],
    ignore_case: false,
    hint: &[],
};

/// Commands or objects may be abbreviated: ip(8)'s "The names of all objects may be written in
/// full or abbreviated form", tmux(1)'s "the shortest unambiguous form of a command is
/// accepted". Not git's "abbreviated SHA-1".
pub(crate) const ABBREVIATED_COMMANDS: Phrase = Phrase {
    groups: &[&["abbreviated", "unambiguous form"], &["command", "object"]],
    none: &["sha"],
    ignore_case: true,
    hint: &["abbreviated", "unambiguous"],
};

/// Keyword options may be abbreviated: dig(1)'s "Keywords may be abbreviated, provided the
/// abbreviation is unambiguous" (`+time=5` is `+timeout=5`).
pub(crate) const ABBREVIATED_KEYWORDS: Phrase = Phrase {
    groups: &[&["abbreviated"], &["keyword"]],
    none: &[],
    ignore_case: true,
    hint: &["abbreviated"],
};

/// Quoted words in a sentence are an argument's values, not examples: ls(1)'s "WHEN can be
/// 'always' (default if omitted), 'auto', or 'never'" (find(1)'s `'Foo'` is an example).
pub(crate) const LISTS_VALUES: Phrase = Phrase {
    groups: &[&[
        "can be",
        "can also be",
        "may be",
        "must be",
        "one of",
        "either",
        "values",
        "accepts",
    ]],
    none: &[],
    ignore_case: false,
    hint: &[],
};

/// bash(1)'s compgen and complete "accept any option accepted by the complete builtin with the
/// exception of -p and -r": the lead-in before the lending builtin's name, and the one before
/// the options left out.
pub(crate) const BORROWED_OPTIONS: (&str, &str) = ("option accepted by the ", "exception of");

/// What follows an operator placeholder that stands for a list of operators: bash(1)'s "OP is
/// one of -eq, -ne, -lt, -le, -gt, or -ge".
pub(crate) const OPERATOR_LIST: &str = "is one of";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashless_options() {
        assert!(
            DASHLESS_OPTIONS
                .in_sentence("BSD options, which may be grouped and must not be used with a dash")
        );
        assert!(!DASHLESS_OPTIONS.in_sentence("options preceded by a dash"));
    }

    #[test]
    fn options_passed_on() {
        assert!(OPTIONS_PASSED_ON.in_sentence("All options are passed directly to grep"));
        assert!(!OPTIONS_PASSED_ON.in_sentence("The files are passed to grep"));
    }

    #[test]
    fn abbreviated_commands() {
        assert!(
            ABBREVIATED_COMMANDS
                .in_sentence("The names of all objects may be written in full or abbreviated form")
        );
        assert!(
            ABBREVIATED_COMMANDS
                .in_sentence("the shortest unambiguous form of a command is accepted")
        );
        assert!(!ABBREVIATED_COMMANDS.in_sentence("an abbreviated SHA-1 of the commit object"));
        assert!(!ABBREVIATED_COMMANDS.in_sentence("file names may be abbreviated"));
    }

    #[test]
    fn abbreviated_keywords() {
        assert!(
            ABBREVIATED_KEYWORDS.in_sentence(
                "Keywords may be abbreviated, provided the abbreviation is unambiguous"
            )
        );
        assert!(!ABBREVIATED_KEYWORDS.in_sentence("file names may be abbreviated"));
    }

    #[test]
    fn lists_values() {
        assert!(LISTS_VALUES.in_sentence("WHEN can be 'always', 'auto', or 'never'"));
        assert!(!LISTS_VALUES.in_sentence("matches 'Foo' and 'FOO'"));
    }

    #[test]
    fn hints_are_tested_on_runs() {
        let t = roff::Text::from_run("no such word here", roff::Font::Roman);
        assert!(!DASHLESS_OPTIONS.may_be_in(&t));
        assert!(OPTIONS_PASSED_ON.may_be_in(&t), "no hints: always read");
    }
}
