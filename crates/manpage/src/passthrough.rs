//! Wrappers that pass their options to another program: zgrep, bzgrep, xzgrep and zipgrep to
//! grep, zdiff and xzdiff to diff, zcmp to cmp. Both halves must be in the page: a synopsis
//! form `zgrep [grep_options] ...` and a paragraph saying the options are passed to `grep`.

use roff::Text;

use crate::model::OptionsPassed;
use crate::phrases::OPTIONS_PASSED_ON;
use crate::prose::stands_alone;

/// The commands of the page (first word of each synopsis form, one of `names`) whose synopsis
/// shows `[PROGRAM_options]` and whose description says options are passed to PROGRAM.
pub fn read(synopsis: &[Text], described: &[Text], names: &[String]) -> Vec<OptionsPassed> {
    let mut out: Vec<OptionsPassed> = Vec::new();
    for form in synopsis.iter().flat_map(Text::lines) {
        let plain = form.plain();
        let mut words = plain
            .split(|c: char| c.is_whitespace() || matches!(c, '[' | ']'))
            .filter(|w| !w.is_empty());
        let Some(command) = words.next() else {
            continue;
        };
        if !names.iter().any(|n| n == command) {
            continue;
        }
        let Some(to) = words.find_map(|w| w.strip_suffix("_options")) else {
            continue;
        };
        let valid = !to.is_empty()
            && to
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !valid || !says_passed(described, to) || out.iter().any(|p| p.command == command) {
            continue;
        }
        out.push(OptionsPassed {
            command: command.to_string(),
            to: to.to_string(),
        });
    }
    out
}

/// Whether a paragraph says options are passed to `program` ("passed directly to grep(1)").
fn says_passed(paragraphs: &[Text], program: &str) -> bool {
    paragraphs.iter().any(|p| {
        let plain = p.plain();
        plain.split(". ").any(|sentence| {
            OPTIONS_PASSED_ON.in_sentence(sentence) && stands_alone(sentence, program, &['-', '_'])
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use roff::Font;

    fn text(s: &str) -> Text {
        Text::from_run(s, Font::Roman)
    }

    #[test]
    fn each_form_passes_to_its_own_program() {
        let synopsis = [
            text("xzcmp [cmp_options] file1 [file2]"),
            text("xzdiff [diff_options] file1 [file2]"),
        ];
        let described = [text(
            "xzcmp and xzdiff invoke cmp(1) or diff(1). All options specified are passed \
             directly to cmp(1) or diff(1). If only one file is given...",
        )];
        let names = ["xzdiff".to_string(), "xzcmp".to_string()];
        let got = read(&synopsis, &described, &names);
        let pairs: Vec<(&str, &str)> = got
            .iter()
            .map(|p| (p.command.as_str(), p.to.as_str()))
            .collect();
        assert_eq!(pairs, [("xzcmp", "cmp"), ("xzdiff", "diff")]);
    }

    #[test]
    fn a_synopsis_alone_is_not_enough() {
        let synopsis = [text("zgrep [ grep_options ] [ -e ] pattern filename...")];
        let described = [text("The zgrep command invokes grep on compressed files.")];
        assert!(read(&synopsis, &described, &["zgrep".to_string()]).is_empty());
    }
}
