//! The hover: the part of a command under the cursor and the help that documents it.
//!
//! Only the statement around the cursor is explained, never the whole document: the
//! top-level statement that holds it (with its line continuations, pipelines over several
//! lines and here-documents), so that the part is read in its whole command. A statement
//! longer than [`WHOLE`] (a long function, a loop over a page of commands) is explained only
//! as far as the innermost statement around the cursor that is shorter; where there is none
//! (the cursor on a keyword of a long loop), only the simple command or piece of syntax under
//! the cursor. The script is parsed once per change and explained in place: offsets need no
//! mapping.

use std::ops::Range;

use matcher::{Help, LookupError, PageSource};

use crate::document::Code;

/// Statements up to this many bytes are explained whole.
pub const WHOLE: usize = 2048;

/// A hover's answer: where the part is in the document and its help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the part in the document.
    pub range: Range<usize>,
    /// The help as markdown: an option's heading as a code block, the description, the page.
    pub markdown: String,
    /// The same as plain text, for clients that cannot show markdown.
    pub plain: String,
}

/// The help of the part at byte `offset` of a document whose shell code is `code`; `None` on
/// blanks, outside the code, and on parts that nothing documents. Fails when the index cannot
/// be read.
pub fn hover(
    code: &[Code],
    offset: usize,
    pages: &dyn PageSource,
) -> Result<Option<Found>, LookupError> {
    let Some((code, at)) = code
        .iter()
        .find_map(|c| Some((c, c.region.from_document(offset)?)))
    else {
        return Ok(None);
    };
    let Some(range) = explained_range(code, at) else {
        return Ok(None);
    };
    let ex = matcher::explain_range(&code.script, range, pages)?;
    let Some(span) = ex
        .spans
        .iter()
        .find(|s| s.range.start <= at && at < s.range.end)
    else {
        return Ok(None);
    };
    let Some(help) = ex.help(span) else {
        return Ok(None);
    };
    let start = code.region.start_to_document(span.range.start);
    let end = code.region.end_to_document(span.range.end);
    Ok(Some(Found {
        range: start..end,
        markdown: render::markdown::help(help),
        plain: plain(help),
    }))
}

/// What to explain for the cursor at `at` in the code: the top-level statement that holds it
/// when short enough, else the innermost statement around it that is, else the simple command
/// or the piece of syntax under it.
fn explained_range(code: &Code, at: usize) -> Option<Range<usize>> {
    let holding = |r: &Range<usize>| r.start <= at && at < r.end;
    let mut around = code.statements.iter().filter(|s| holding(&s.range));
    let top = around.next()?.range.clone();
    if top.len() <= WHOLE {
        return Some(top);
    }
    if let Some(inner) = around
        .filter(|s| s.range.len() <= WHOLE)
        .min_by_key(|s| s.range.len())
    {
        return Some(inner.range.clone());
    }
    let script = &code.script;
    script
        .commands
        .iter()
        .filter(|c| holding(&c.range))
        .map(|c| c.range.clone())
        .chain(
            script
                .syntax
                .iter()
                .filter(|s| holding(&s.range))
                .map(|s| s.range.clone()),
        )
        .min_by_key(|r| r.len())
}

/// The help as plain text, with the page last.
fn plain(help: &Help) -> String {
    format!("{}\n\n{}", render::plain(help.paragraphs()), help.page)
}
