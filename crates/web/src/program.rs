//! The program page: a page's NAME line, synopsis, operands and every option with its help.

use manpage::Page;
use roff::Text;

/// One option on the program page.
#[derive(Debug)]
pub struct OptionView {
    /// An anchor id, from the first flag (`opt--file`).
    pub anchor: String,
    /// The definition head as HTML.
    pub head_html: String,
    /// The description as HTML.
    pub help_html: String,
}

/// One operand on the program page.
#[derive(Debug)]
pub struct OperandView {
    /// Its name as in the synopsis.
    pub name: String,
    /// Its help as HTML (may be empty).
    pub help_html: String,
}

/// Everything the program page shows.
#[derive(Debug)]
pub struct ProgramView {
    /// `name(section)`.
    pub citation: String,
    /// The NAME line, plain.
    pub name_line: String,
    /// Other names the page documents.
    pub aliases: Vec<String>,
    /// The synopsis forms as HTML.
    pub synopsis_html: Vec<String>,
    /// Operands.
    pub operands: Vec<OperandView>,
    /// Options.
    pub options: Vec<OptionView>,
    /// The page file, relative to its tree.
    pub source: String,
}

/// The id of an option on its program page, from its first spelling: `opt--file`.
pub fn anchor(flag: &str) -> String {
    let clean: String = flag
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("opt{clean}")
}

fn text_html(text: &Text) -> String {
    render::html([text])
}

/// The view of one page.
pub fn build(page: &Page) -> ProgramView {
    ProgramView {
        citation: page.citation(),
        name_line: page.name_line.plain(),
        aliases: page
            .names
            .iter()
            .filter(|n| **n != page.name)
            .cloned()
            .collect(),
        synopsis_html: page.synopsis.iter().map(text_html).collect(),
        operands: page
            .operands
            .iter()
            .map(|o| OperandView {
                name: o.name.clone(),
                help_html: render::html(&o.help),
            })
            .collect(),
        options: page
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| OptionView {
                anchor: o
                    .flags
                    .first()
                    .map_or_else(|| format!("opt-{i}"), |f| anchor(&f.text)),
                head_html: text_html(&o.head),
                help_html: render::html(&o.help),
            })
            .collect(),
        source: page.source.clone(),
    }
}
