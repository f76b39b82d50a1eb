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
    /// The help as HTML (escaped and built by the matcher).
    #[serde(rename = "helpHTML")]
    pub help_html: String,
}

/// The hover answer for an explanation: every span that has help (unknown parts are left out).
pub fn from_explanation(ex: &Explanation) -> Hover {
    Hover {
        matches: ex
            .spans
            .iter()
            .filter_map(|s| {
                Some(Match {
                    start: s.start_utf16,
                    end: s.end_utf16,
                    help_html: s.help_html.clone()?,
                })
            })
            .collect(),
    }
}
