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
    let mut byte = 0;
    let mut unit = 0;
    let mut utf16 = |to: usize| {
        unit += ex.command[byte..to].encode_utf16().count();
        byte = to;
        unit
    };
    let mut matches = Vec::new();
    for s in &ex.spans {
        let (start, end) = (utf16(s.range.start), utf16(s.range.end));
        if let Some(id) = s.help {
            matches.push(Match {
                start,
                end,
                help_html: html[id.index()].clone(),
            });
        }
    }
    Hover { matches }
}
