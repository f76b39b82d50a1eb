//! The document tree shared by the man(7) and mdoc(7) front ends.

use serde::{Deserialize, Serialize};

pub use crate::diagnostic::{Code, Diagnostic, Severity};

/// The font of a run of text, after roff font escapes and font macros are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Font {
    /// Upright text.
    #[default]
    Roman,
    /// Bold (`\fB`, `.B`, mdoc `Fl`, `Cm`, `Sy`).
    Bold,
    /// Italic or underlined (`\fI`, `.I`, mdoc `Ar`, `Em`).
    Italic,
    /// Bold italic (`\f(BI`).
    BoldItalic,
    /// Constant width (`\f(CW`, `\f[V]`, mdoc `Li`).
    Mono,
}

impl Font {
    /// Whether the run is drawn bold.
    pub fn is_bold(self) -> bool {
        matches!(self, Font::Bold | Font::BoldItalic)
    }
    /// Whether the run is drawn italic.
    pub fn is_italic(self) -> bool {
        matches!(self, Font::Italic | Font::BoldItalic)
    }
}

/// A run of text in one font. A `'\n'` inside the text is a forced line break (`.br`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// The text, with every roff escape already resolved.
    pub text: String,
    /// The font the run is set in.
    pub font: Font,
}

/// Inline text: a sequence of font runs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text {
    /// The runs, in order; adjacent runs never share a font.
    pub runs: Vec<Run>,
}

impl Text {
    /// An empty text.
    pub fn new() -> Self {
        Self::default()
    }

    /// Text made of one run.
    pub fn from_run(text: impl Into<String>, font: Font) -> Self {
        let mut t = Text::new();
        t.push(text.into(), font);
        t
    }

    /// Appends `text` in `font`, merging it into the last run when the fonts agree.
    pub fn push(&mut self, text: impl AsRef<str>, font: Font) {
        let text = text.as_ref();
        if text.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some(last) if last.font == font => last.text.push_str(text),
            _ => self.runs.push(Run {
                text: text.to_string(),
                font,
            }),
        }
    }

    /// Appends every run of `other`.
    pub fn append(&mut self, other: &Text) {
        for run in &other.runs {
            self.push(&run.text, run.font);
        }
    }

    /// Appends a single space unless the text is empty or already ends in white space.
    pub fn push_space(&mut self) {
        if let Some(last) = self.runs.last_mut()
            && !last.text.ends_with([' ', '\n'])
        {
            last.text.push(' ');
        }
    }

    /// Whether there is no visible character.
    pub fn is_blank(&self) -> bool {
        self.runs.iter().all(|r| r.text.trim().is_empty())
    }

    /// The raw text of all runs, line breaks kept as `'\n'`.
    pub fn raw(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// Plain text with white space (line breaks included) collapsed to single spaces and trimmed.
    pub fn plain(&self) -> String {
        normalize_space(&self.raw())
    }

    /// Trims white space at both ends, keeping fonts.
    pub fn trimmed(&self) -> Text {
        let mut runs = self.runs.clone();
        while runs.first().is_some_and(|r| r.text.trim_start().is_empty()) {
            runs.remove(0);
        }
        while runs.last().is_some_and(|r| r.text.trim_end().is_empty()) {
            runs.pop();
        }
        if let Some(first) = runs.first_mut() {
            first.text = first.text.trim_start().to_string();
        }
        if let Some(last) = runs.last_mut() {
            last.text = last.text.trim_end().to_string();
        }
        Text { runs }
    }

    /// Splits the text at forced line breaks, each line trimmed; blank lines dropped.
    pub fn lines(&self) -> Vec<Text> {
        let mut out = vec![Text::new()];
        for run in &self.runs {
            let mut parts = run.text.split('\n');
            if let Some(first) = parts.next() {
                out.last_mut().expect("never empty").push(first, run.font);
            }
            for part in parts {
                out.push(Text::new());
                out.last_mut().expect("never empty").push(part, run.font);
            }
        }
        out.into_iter()
            .map(|t| t.trimmed())
            .filter(|t| !t.is_blank())
            .collect()
    }
}

/// Collapses every run of white space to one space and trims both ends.
pub fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// How a list item's head relates to its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemStyle {
    /// A tag on its own, body indented below or beside it (`.TP`, `.IP tag`, mdoc `-tag`).
    Tagged,
    /// A hanging paragraph whose first line is the head (`.HP`, mdoc `-hang`/`-ohang`).
    Hanging,
    /// A bullet, dash or number item (mdoc `-bullet`, `-enum`, `.IP \(bu`).
    Bullet,
    /// A row of a column list (mdoc `-column`).
    Column,
}

/// A block of a section's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// Running text.
    Paragraph {
        /// The paragraph's text.
        text: Text,
        /// Line of the page where it starts (1-based).
        line: u32,
    },
    /// A list item or tagged paragraph: the head, and the blocks of its body.
    Item {
        /// The head, with forced line breaks between stacked heads (`.TQ`, `.br`).
        head: Text,
        /// The body.
        body: Vec<Block>,
        /// What kind of list the item comes from.
        style: ItemStyle,
        /// Line of the page where the head starts (1-based).
        line: u32,
    },
    /// Blocks shifted right (`.RS`/`.RE`, mdoc `.Bd -offset`, `.D1`).
    Indented {
        /// The nested blocks.
        blocks: Vec<Block>,
        /// Line of the page where the indentation starts (1-based).
        line: u32,
    },
    /// Text set line by line without filling (`.nf`, `.EX`, mdoc `.Bd -literal`, `.Dl`).
    Preformatted {
        /// The text; lines separated by `'\n'`.
        text: Text,
        /// Line of the page where it starts (1-based).
        line: u32,
    },
    /// A table (tbl `.TS`/`.TE`): rows of cells.
    Table {
        /// The rows, each a list of cells.
        rows: Vec<Vec<Text>>,
        /// Line of the page where it starts (1-based).
        line: u32,
    },
    /// A subsection (`.SS`, mdoc `.Ss`).
    Subsection(Section),
}

impl Block {
    /// The line of the page where the block starts.
    pub fn line(&self) -> u32 {
        match self {
            Block::Paragraph { line, .. }
            | Block::Item { line, .. }
            | Block::Indented { line, .. }
            | Block::Preformatted { line, .. }
            | Block::Table { line, .. } => *line,
            Block::Subsection(s) => s.line,
        }
    }
}

/// A section (`.SH`) or subsection (`.SS`) with its blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The heading as printed, e.g. `OPTIONS`.
    pub title: String,
    /// The body.
    pub blocks: Vec<Block>,
    /// Line of the page where the heading is (1-based).
    pub line: u32,
}

/// Which macro language a page is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dialect {
    /// man(7): `.TH`, `.SH`, `.TP`, ...
    Man,
    /// mdoc(7): `.Dd`, `.Dt`, `.Sh`, `.Bl`, ...
    Mdoc,
}

/// A whole page as one tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The macro language of the page.
    pub dialect: Dialect,
    /// The title from `.TH` / `.Dt`, e.g. `TAR`.
    pub title: Option<String>,
    /// The section from `.TH` / `.Dt`, e.g. `1`.
    pub section: Option<String>,
    /// Blocks before the first section heading (rare).
    pub preamble: Vec<Block>,
    /// The sections in order.
    pub sections: Vec<Section>,
    /// What was not understood, with file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// When the whole page is a `.so` redirect to another page, its target path.
    pub redirect: Option<String>,
}

impl Document {
    /// The first section whose title matches `title` (ASCII case-insensitive).
    pub fn section(&self, title: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.title.eq_ignore_ascii_case(title))
    }
}

/// Collapses runs of white space to one space but keeps a single leading or trailing space, so
/// that runs of text can be normalised one by one and still join correctly.
pub fn normalize_space_keep_edges(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}
