//! The JSON contract (docs/json.md): version 2, each distinct help once in `helps` and each span
//! pointing at it by id; and version 1, each span carrying its help's text, still served at
//! `/api/v1/explain`.

use std::ops::Range;

use matcher::{Explanation, Help, Problem};
use serde::Serialize;

use crate::{html, plain};

/// Each span's range in UTF-16 code units (what editors and browsers count), worked out in one
/// pass over the spans in order.
pub fn utf16_ranges(ex: &Explanation) -> Vec<Range<usize>> {
    let (mut byte, mut unit) = (0, 0);
    let mut at = |to: usize| {
        unit += ex.command[byte..to].encode_utf16().count();
        byte = to;
        unit
    };
    ex.spans
        .iter()
        .map(|s| at(s.range.start)..at(s.range.end))
        .collect()
}

/// A syntax error of the command line.
#[derive(Debug, Serialize)]
pub struct Error<'a> {
    start: usize,
    end: usize,
    message: &'a str,
}

fn errors(problems: &[Problem]) -> Vec<Error<'_>> {
    problems
        .iter()
        .map(|e| Error {
            start: e.range.start,
            end: e.range.end,
            message: &e.message,
        })
        .collect()
}

/// An explanation in version 2 of the contract.
#[derive(Debug, Serialize)]
pub struct V2<'a> {
    version: u32,
    command: &'a str,
    spans: Vec<V2Span<'a>>,
    helps: Vec<V2Help<'a>>,
    errors: Vec<Error<'a>>,
}

/// One span, pointing at its help by id.
#[derive(Debug, Serialize)]
pub struct V2Span<'a> {
    start: usize,
    end: usize,
    start_utf16: usize,
    end_utf16: usize,
    text: &'a str,
    kind: &'static str,
    group: usize,
    help: Option<u32>,
    option: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    other_pages: &'a [String],
}

/// One distinct help.
#[derive(Debug, Serialize)]
pub struct V2Help<'a> {
    id: u32,
    kind: &'static str,
    page: &'a str,
    head: Option<String>,
    head_html: Option<String>,
    body: String,
    body_html: String,
}

fn v2_help(h: &Help) -> V2Help<'_> {
    V2Help {
        id: h.id.0,
        kind: h.kind.name(),
        page: &h.page,
        head: h.head.as_ref().map(|t| plain([t])),
        head_html: h.head.as_ref().map(|t| html([t])),
        body: plain(h.body.iter()),
        body_html: html(h.body.iter()),
    }
}

/// The explanation in version 2 of the contract.
pub fn v2(ex: &Explanation) -> V2<'_> {
    let spans = ex
        .spans
        .iter()
        .zip(utf16_ranges(ex))
        .map(|(s, utf16)| V2Span {
            start: s.range.start,
            end: s.range.end,
            start_utf16: utf16.start,
            end_utf16: utf16.end,
            text: ex.text(s),
            kind: s.kind.name(),
            group: s.group,
            help: s.help.map(|id| id.0),
            option: s.option.as_deref(),
            other_pages: &s.other_pages,
        })
        .collect();
    V2 {
        version: 2,
        command: &ex.command,
        spans,
        helps: ex.helps.iter().map(v2_help).collect(),
        errors: errors(&ex.errors),
    }
}

/// An explanation in version 1 of the contract.
#[derive(Debug, Serialize)]
pub struct V1<'a> {
    version: u32,
    command: &'a str,
    spans: Vec<V1Span<'a>>,
    errors: Vec<Error<'a>>,
}

/// One span with its help's text.
#[derive(Debug, Serialize)]
pub struct V1Span<'a> {
    start: usize,
    end: usize,
    start_utf16: usize,
    end_utf16: usize,
    text: &'a str,
    kind: &'static str,
    group: usize,
    help: Option<&'a str>,
    help_html: Option<&'a str>,
    page: Option<&'a str>,
    option: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    other_pages: &'a [String],
}

/// Each help's text rendered once, as plain text and HTML, head and body together.
pub struct Rendered(Vec<(String, String)>);

impl Rendered {
    /// Renders every help of `ex`.
    pub fn new(ex: &Explanation) -> Rendered {
        Rendered(
            ex.helps
                .iter()
                .map(|h| (plain(h.paragraphs()), html(h.paragraphs())))
                .collect(),
        )
    }
}

/// The explanation in version 1 of the contract; `rendered` is [`Rendered::new`] of `ex`.
pub fn v1<'a>(ex: &'a Explanation, rendered: &'a Rendered) -> V1<'a> {
    let spans = ex
        .spans
        .iter()
        .zip(utf16_ranges(ex))
        .map(|(s, utf16)| {
            let text = s.help.map(|id| &rendered.0[id.index()]);
            V1Span {
                start: s.range.start,
                end: s.range.end,
                start_utf16: utf16.start,
                end_utf16: utf16.end,
                text: ex.text(s),
                kind: s.kind.name(),
                group: s.group,
                help: text.map(|t| t.0.as_str()),
                help_html: text.map(|t| t.1.as_str()),
                page: ex.page(s),
                option: s.option.as_deref(),
                other_pages: &s.other_pages,
            }
        })
        .collect();
    V1 {
        version: 1,
        command: &ex.command,
        spans,
        errors: errors(&ex.errors),
    }
}
