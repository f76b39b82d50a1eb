//! The command line cut into its source lines, each holding the help boxes first used on it, so
//! that a script reads as annotated source: a line, then what explains it. A line ends at a
//! newline between parts (`\r\n` counts as one); a part that itself holds newlines (a quoted
//! string over several lines) keeps them and stays on the line it starts on.

use super::{HelpBox, Part};

/// One source line of the command line, with the boxes of the helps it uses first.
#[derive(Debug)]
pub struct Line {
    /// The 1-based number of the source line it starts on.
    pub number: usize,
    /// Its parts, in order.
    pub parts: Vec<Part>,
    /// Where each word starts in `parts`: a word is a run of parts with nothing between them
    /// (`-f` `s` `S` `L` of `-fsSL`), which the page never breaks across rows.
    pub word_starts: Vec<usize>,
    /// Text after its last part (blanks, a comment), without the newline.
    pub tail: String,
    /// The boxes whose first part is on this line, in the order of those parts.
    pub boxes: Vec<HelpBox>,
}

impl Line {
    fn new(number: usize) -> Line {
        Line {
            number,
            parts: Vec::new(),
            word_starts: Vec::new(),
            tail: String::new(),
            boxes: Vec::new(),
        }
    }

    /// The line's words, each a run of parts with no gap between them.
    pub fn words(&self) -> impl Iterator<Item = &[Part]> {
        let ends = self
            .word_starts
            .iter()
            .skip(1)
            .copied()
            .chain([self.parts.len()]);
        self.word_starts
            .iter()
            .zip(ends)
            .map(|(&start, end)| &self.parts[start..end])
    }

    /// Whether the line shows nothing (a blank line of a script).
    pub fn is_blank(&self) -> bool {
        self.parts.is_empty() && self.tail.trim().is_empty()
    }

    /// Whether the line has boxes of its own.
    pub fn has_boxes(&self) -> bool {
        !self.boxes.is_empty()
    }
}

/// Cuts `parts` (with their gaps) and the `tail` after them into source lines, and places each
/// of `boxes` (indexed by number - 1) on the line of its first part. Blank lines at the end are
/// dropped; a box no part uses goes on the last line.
pub fn split(parts: Vec<Part>, tail: &str, boxes: Vec<HelpBox>) -> Vec<Line> {
    let mut cut = Cutter {
        lines: vec![Line::new(1)],
        number: 1,
    };
    // For each box: the line and part index where it is first used.
    let mut first_use: Vec<Option<(usize, usize)>> = vec![None; boxes.len()];
    for mut part in parts {
        let gap = std::mem::take(&mut part.gap);
        part.gap = cut.add_gap(&gap);
        let line = cut.lines.len() - 1;
        if let Some(b) = part.help_box.filter(|&b| b >= 1 && b <= boxes.len()) {
            first_use[b - 1].get_or_insert((line, part.index));
        }
        cut.number += part.text.matches('\n').count();
        let current = &mut cut.lines[line];
        if current.parts.is_empty() || !part.gap.is_empty() {
            current.word_starts.push(current.parts.len());
        }
        current.parts.push(part);
    }
    let rest = cut.add_gap(tail);
    let mut lines = cut.lines;
    lines
        .last_mut()
        .expect("one line at least")
        .tail
        .push_str(&rest);
    while lines.len() > 1 && lines.last().is_some_and(Line::is_blank) {
        lines.pop();
    }
    let last = lines.len() - 1;
    let mut placed: Vec<(usize, usize, HelpBox)> = boxes
        .into_iter()
        .zip(first_use)
        .map(|(b, at)| {
            let (line, part) = at.unwrap_or((last, usize::MAX));
            (line.min(last), part, b)
        })
        .collect();
    placed.sort_by_key(|(line, part, b)| (*line, *part, b.number));
    for (line, _, b) in placed {
        lines[line].boxes.push(b);
    }
    lines
}

/// The lines cut so far, and the source line number the next text starts on.
struct Cutter {
    lines: Vec<Line>,
    number: usize,
}

impl Cutter {
    /// Adds `gap` to the current line; each newline in it ends the line (the text before it is
    /// the line's tail) and opens the next. Returns what is left for the next part's gap.
    fn add_gap(&mut self, gap: &str) -> String {
        let mut segments = gap.split('\n');
        let mut last = segments.next().unwrap_or("");
        for segment in segments {
            let current = self.lines.last_mut().expect("one line at least");
            current
                .tail
                .push_str(last.strip_suffix('\r').unwrap_or(last));
            self.number += 1;
            self.lines.push(Line::new(self.number));
            last = segment;
        }
        last.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(index: usize, gap: &str, text: &str, help_box: Option<usize>) -> Part {
        Part {
            index,
            gap: gap.into(),
            text: text.into(),
            help_box,
            group: 1,
            kind: "argument",
            colour: 0,
        }
    }

    fn help_box(number: usize) -> HelpBox {
        HelpBox {
            number,
            parts: String::new(),
            group: 1,
            page: None,
            page_url: None,
            option: None,
            help_html: String::new(),
            colour: 0,
        }
    }

    fn shape(lines: &[Line]) -> Vec<(usize, Vec<&str>, &str, Vec<usize>)> {
        lines
            .iter()
            .map(|l| {
                let parts = l.parts.iter().map(|p| p.text.as_str()).collect();
                let boxes = l.boxes.iter().map(|b| b.number).collect();
                (l.number, parts, l.tail.as_str(), boxes)
            })
            .collect()
    }

    #[test]
    fn a_newline_between_parts_ends_the_line_and_crlf_is_one_newline() {
        let parts = vec![
            part(0, "", "echo", Some(1)),
            part(1, " ", "a", Some(2)),
            part(2, " # hi\r\n\r\n  ", "ls", Some(3)),
            part(3, " ", "a", Some(2)),
        ];
        let lines = split(parts, "\n", (1..=3).map(help_box).collect());
        assert_eq!(
            shape(&lines),
            [
                (1, vec!["echo", "a"], " # hi", vec![1, 2]),
                (2, vec![], "", vec![]),
                (3, vec!["ls", "a"], "", vec![3]),
            ]
        );
        assert_eq!(
            lines[2].parts[0].gap, "  ",
            "the indent stays before the part"
        );
        assert_eq!(lines[0].words().count(), 2);
        assert!(lines[1].is_blank());
    }

    #[test]
    fn a_part_over_several_lines_moves_the_numbers_on() {
        let parts = vec![
            part(0, "", "echo", Some(1)),
            part(1, " ", "'a\nb'", Some(2)),
            part(2, "\n", "ls", Some(3)),
        ];
        let lines = split(parts, "", (1..=3).map(help_box).collect());
        assert_eq!(
            shape(&lines),
            [
                (1, vec!["echo", "'a\nb'"], "", vec![1, 2]),
                (3, vec!["ls"], "", vec![3]),
            ]
        );
    }

    #[test]
    fn parts_with_nothing_between_are_one_word() {
        let parts = vec![
            part(0, "", "curl", Some(1)),
            part(1, " ", "-f", Some(2)),
            part(2, "", "s", Some(3)),
            part(3, "", "S", Some(4)),
            part(4, " ", "url", Some(1)),
        ];
        let lines = split(parts, "", (1..=4).map(help_box).collect());
        let words: Vec<Vec<&str>> = lines[0]
            .words()
            .map(|w| w.iter().map(|p| p.text.as_str()).collect())
            .collect();
        assert_eq!(words, [vec!["curl"], vec!["-f", "s", "S"], vec!["url"]]);
    }

    #[test]
    fn a_box_no_part_uses_goes_last() {
        let lines = split(
            vec![part(0, "", "x", Some(2))],
            "",
            (1..=2).map(help_box).collect(),
        );
        assert_eq!(shape(&lines), [(1, vec!["x"], "", vec![2, 1])]);
    }
}
