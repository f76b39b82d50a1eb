//! A roff parser for manual pages. Bytes go in (gzip or plain, UTF-8 or Latin-1); one
//! [`Document`] tree comes out, the same shape for man(7) and mdoc(7) pages: sections,
//! subsections, paragraphs, tagged items with their heads and bodies, preformatted text and
//! tables, with inline text kept as font runs. Like mandoc, it reports every construct it does
//! not understand as a [`Diagnostic`] with file and line instead of guessing silently, and it
//! never panics, whatever the input.

mod build;
pub mod diagnostic;
pub mod escape;
mod interp;
mod man;
mod mdoc;
mod mdoc_blocks;
mod number;
mod outline;
mod request_line;
pub mod source;
mod table;
pub mod tree;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use interp::Resolver;
pub use source::SourceError;
pub use tree::{Block, Dialect, Document, Font, ItemStyle, Run, Section, Text};

/// Parses the text of a page. `resolver` loads files named by `.so`, relative to the root of
/// the manual tree; without one, `.so` requests are reported and skipped.
pub fn parse(text: &str, resolver: Option<Resolver<'_>>) -> Document {
    let mut interp = interp::Interpreter::new(is_known, resolver);
    interp.run(text, None);
    let dialect = detect_dialect(&interp.lines);
    let mut doc = match dialect {
        Dialect::Man => man::build(&interp.lines),
        Dialect::Mdoc => mdoc_blocks::build(&interp.lines),
    };
    let mut diagnostics = interp.diagnostics;
    diagnostics.append(&mut doc.diagnostics);
    diagnostics.sort_by_key(|d| (d.file.is_some(), d.line));
    doc.diagnostics = diagnostics;
    doc.redirect = if interp.seen_content {
        None
    } else {
        interp.redirect
    };
    doc
}

/// Parses the bytes of a page file (gzip-compressed or not).
pub fn parse_bytes(bytes: &[u8], resolver: Option<Resolver<'_>>) -> Result<Document, SourceError> {
    let raw = source::decompress(bytes)?;
    let text = source::decode(&raw)?;
    Ok(parse(&text, resolver))
}

/// Decodes the bytes of a page file to text: gzip, then UTF-8 or Latin-1.
pub fn decode_bytes(bytes: &[u8]) -> Result<String, SourceError> {
    let raw = source::decompress(bytes)?;
    source::decode(&raw)
}

pub(crate) fn is_known(name: &str) -> bool {
    man::is_known(name) || mdoc::is_macro(name)
}

fn detect_dialect(lines: &[interp::Line]) -> Dialect {
    for line in lines {
        if let interp::LineKind::Request { name, .. } = &line.kind {
            match name.as_str() {
                "TH" | "SH" => return Dialect::Man,
                "Dd" | "Dt" | "Sh" => return Dialect::Mdoc,
                _ => {}
            }
        }
    }
    Dialect::Man
}
