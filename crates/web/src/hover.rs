//! The explainshell hover format that bash-language-server reads:
//! `{"matches": [{"start": N, "end": N, "helpHTML": "..."}]}`, offsets in UTF-16 code units
//! into `cmd`, half-open, never overlapping.

use matcher::Explanation;
use serde::Serialize;

/// The whole hover answer.
#[derive(Debug, Serialize, Default)]
pub struct Hover {
    /// One entry per documented part, in order.
    pub matches: Vec<Match>,
}

/// One documented part.
#[derive(Debug, Serialize)]
pub struct Match {
    /// Start in UTF-16 code units, inclusive.
    pub start: usize,
    /// End in UTF-16 code units, exclusive.
    pub end: usize,
    /// The help as HTML (escaped, built by `render`).
    #[serde(rename = "helpHTML")]
    pub help_html: String,
}

/// The hover answer for an explanation: every span that has help (unknown parts are left out).
pub fn from_explanation(ex: &Explanation) -> Hover {
    let html: Vec<String> = ex
        .helps
        .iter()
        .map(|h| render::html(h.paragraphs()))
        .collect();
    let matches = ex
        .spans
        .iter()
        .zip(render::json::utf16_ranges(ex))
        .filter_map(|(s, utf16)| {
            Some(Match {
                start: utf16.start,
                end: utf16.end,
                help_html: html[s.help?.index()].clone(),
            })
        })
        .collect();
    Hover { matches }
}
