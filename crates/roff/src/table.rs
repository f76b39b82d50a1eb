//! tbl(1) tables (`.TS` ... `.TE`) read into rows of cells; layout is not kept.

use crate::escape::{FontState, render};
use crate::tree::Text;

enum State {
    Options,
    Format,
    Data,
}

/// Collects the lines of one table.
pub struct TableReader {
    line: u32,
    state: State,
    tab: char,
    rows: Vec<Vec<Text>>,
    /// The row being read while inside a `T{ ... T}` text block, and the block text so far.
    block: Option<(Vec<Text>, String)>,
}

impl TableReader {
    /// A reader for a table that starts at `line`.
    pub fn new(line: u32) -> Self {
        TableReader {
            line,
            state: State::Options,
            tab: '\t',
            rows: Vec::new(),
            block: None,
        }
    }

    /// `.T&`: a new format section follows.
    pub fn restart_format(&mut self, _rest: &str) {
        self.state = State::Format;
    }

    /// Takes the next raw line of the table.
    pub fn push_line(&mut self, line: &str) {
        match self.state {
            State::Options => {
                let trimmed = line.trim_end();
                if trimmed.ends_with(';') {
                    // `tab(@)`, also written `tab (@)` (tuptime) or in capitals.
                    let lower = trimmed.to_ascii_lowercase();
                    if let Some(pos) = lower.find("tab") {
                        let after = trimmed[pos + 3..].trim_start();
                        if let Some(inside) = after.strip_prefix('(') {
                            self.tab = inside.chars().next().unwrap_or('\t');
                        }
                    }
                    self.state = State::Format;
                } else {
                    self.state = State::Format;
                    self.push_line(line);
                }
            }
            State::Format => {
                if line.trim_end().ends_with('.') {
                    self.state = State::Data;
                }
            }
            State::Data => self.data_line(line),
        }
    }

    fn data_line(&mut self, line: &str) {
        if let Some((cells, mut text)) = self.block.take() {
            if let Some(after) = line.strip_prefix("T}") {
                let mut cells = cells;
                cells.push(cell(&text));
                self.split_into(after.strip_prefix(self.tab).unwrap_or(after), cells);
            } else {
                if !line.starts_with('.') {
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(line);
                }
                self.block = Some((cells, text));
            }
            return;
        }
        let trimmed = line.trim();
        if matches!(trimmed, "_" | "=" | "\\_" | "") || line.starts_with('.') {
            return;
        }
        self.split_into(line, Vec::new());
    }

    fn split_into(&mut self, line: &str, mut cells: Vec<Text>) {
        let parts: Vec<&str> = if line.is_empty() {
            Vec::new()
        } else {
            line.split(self.tab).collect()
        };
        let count = parts.len();
        for (i, part) in parts.into_iter().enumerate() {
            if i + 1 == count && part.trim_end() == "T{" {
                self.block = Some((cells, String::new()));
                return;
            }
            cells.push(cell(part));
        }
        if !cells.is_empty() {
            self.rows.push(cells);
        }
    }

    /// The rows read, and the line the table started on.
    pub fn finish(
        mut self,
        problems: &mut Vec<crate::diagnostic::Problem>,
    ) -> (Vec<Vec<Text>>, u32) {
        if let Some((mut cells, text)) = self.block.take() {
            problems.push(crate::diagnostic::Problem::new(
                crate::diagnostic::Code::UnclosedTableBlock,
                "table text block T{ not closed by T}",
            ));
            cells.push(cell(&text));
            self.rows.push(cells);
        }
        (self.rows, self.line)
    }
}

fn cell(raw: &str) -> Text {
    let mut t = Text::new();
    let raw = raw.trim();
    if matches!(raw, "_" | "=" | "\\^" | "^") {
        return t;
    }
    render(raw, &mut FontState::default(), &mut t, &mut Vec::new());
    t.trimmed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_text_blocks() {
        let mut r = TableReader::new(1);
        for l in [
            "tab(:);",
            "l l.",
            "\\fB-a\\fR:all",
            "_",
            "-b:T{",
            "long",
            "text",
            "T}",
        ] {
            r.push_line(l);
        }
        let (rows, _) = r.finish(&mut Vec::new());
        let plain: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.plain()).collect())
            .collect();
        assert_eq!(plain, vec![vec!["-a", "all"], vec!["-b", "long text"]]);
    }

    #[test]
    fn tab_option_with_a_blank_before_the_parenthesis() {
        let mut r = TableReader::new(1);
        for l in [
            "tab (@);",
            "l lx.",
            "\\-t | \\-\\-table@T{",
            "Table format",
            "T}",
        ] {
            r.push_line(l);
        }
        let (rows, _) = r.finish(&mut Vec::new());
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0][0].plain(), "-t | --table");
        assert_eq!(rows[0][1].plain(), "Table format");
    }
}
