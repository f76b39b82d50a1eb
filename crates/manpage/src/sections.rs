//! The one classifier of section titles. Every pass that reads or skips sections by what they
//! are about asks [`SectionKind::of`] and names the kinds it wants, so the lists of sections
//! to skip are written once, side by side, instead of in each pass.

/// What a section (or subsection) is about, from its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SectionKind {
    Name,
    Synopsis,
    Description,
    /// Exactly `OPTIONS`; `GLOBAL OPTIONS` and the like are [`SectionKind::Other`].
    Options,
    /// Any title with `EXAMPLE` in it (`EXAMPLES`, `USAGE EXAMPLES`, java's `-Xlog Usage
    /// Examples`): examples show options in use, they do not define them.
    Examples,
    SeeAlso,
    Authors,
    Bugs,
    ReportingBugs,
    History,
    Copyright,
    License,
    ExitStatus,
    ReturnValue,
    Files,
    Environment,
    Diagnostics,
    /// `STANDARDS` or `CONFORMING TO`.
    Standards,
    Notes,
    /// Anything else: the sections where a page's own material is.
    Other,
}

/// Titles and their kinds; a title is matched as a whole, ignoring case.
const TITLES: &[(&str, SectionKind)] = &[
    ("NAME", SectionKind::Name),
    ("SYNOPSIS", SectionKind::Synopsis),
    ("DESCRIPTION", SectionKind::Description),
    ("OPTIONS", SectionKind::Options),
    ("SEE ALSO", SectionKind::SeeAlso),
    ("AUTHOR", SectionKind::Authors),
    ("AUTHORS", SectionKind::Authors),
    ("BUGS", SectionKind::Bugs),
    ("REPORTING BUGS", SectionKind::ReportingBugs),
    ("HISTORY", SectionKind::History),
    ("COPYRIGHT", SectionKind::Copyright),
    ("LICENSE", SectionKind::License),
    ("EXIT STATUS", SectionKind::ExitStatus),
    ("RETURN VALUE", SectionKind::ReturnValue),
    ("FILES", SectionKind::Files),
    ("ENVIRONMENT", SectionKind::Environment),
    ("DIAGNOSTICS", SectionKind::Diagnostics),
    ("STANDARDS", SectionKind::Standards),
    ("CONFORMING TO", SectionKind::Standards),
    ("NOTES", SectionKind::Notes),
];

impl SectionKind {
    /// The kind of a section titled `title`.
    pub(crate) fn of(title: &str) -> SectionKind {
        let upper = title.trim().to_ascii_uppercase();
        if upper.contains("EXAMPLE") {
            return SectionKind::Examples;
        }
        TITLES
            .iter()
            .find(|(t, _)| *t == upper)
            .map_or(SectionKind::Other, |&(_, kind)| kind)
    }

    /// Sections whose lists never define options of the page's program: everything but the
    /// description, the options and the page's own sections.
    pub(crate) fn never_defines_options(self) -> bool {
        !matches!(
            self,
            SectionKind::Description | SectionKind::Options | SectionKind::Other
        )
    }

    /// Sections about the page as a whole, never about one operand (dig's `name` operand is
    /// not explained by its NAME section, nor a `file` by FILES).
    pub(crate) fn is_about_the_whole_page(self) -> bool {
        !matches!(
            self,
            SectionKind::Other
                | SectionKind::ReportingBugs
                | SectionKind::Copyright
                | SectionKind::License
                | SectionKind::ReturnValue
                | SectionKind::Diagnostics
                | SectionKind::Standards
        )
    }
}

/// The path of a subsection, as an option's `section` gives it: `DESCRIPTION › Operation mode`.
/// Paths stay strings (their only readers print them or compare them whole); this is the one
/// place they are joined.
pub(crate) fn subsection_path(parent: &str, title: &str) -> String {
    format!("{parent} › {title}")
}

#[cfg(test)]
mod tests {
    use super::SectionKind::{self, *};

    #[test]
    fn titles_are_classified_whole_and_ignoring_case() {
        for (title, kind) in [
            ("NAME", Name),
            ("Options", Options),
            ("GLOBAL OPTIONS", Other),
            ("See also", SeeAlso),
            ("EXAMPLES", Examples),
            ("Usage Examples", Examples),
            ("-Xlog Usage Examples", Examples),
            ("CONFORMING TO", Standards),
            ("COMMANDS", Other),
            ("DESCRIPTION ", Description),
        ] {
            assert_eq!(SectionKind::of(title), kind, "{title}");
        }
    }

    #[test]
    fn options_are_looked_for_in_the_pages_own_sections_only() {
        for title in ["DESCRIPTION", "OPTIONS", "COMMANDS", "Operation mode"] {
            assert!(!SectionKind::of(title).never_defines_options(), "{title}");
        }
        for title in [
            "SYNOPSIS",
            "EXAMPLES",
            "ENVIRONMENT",
            "EXIT STATUS",
            "NOTES",
        ] {
            assert!(SectionKind::of(title).never_defines_options(), "{title}");
        }
    }
}
