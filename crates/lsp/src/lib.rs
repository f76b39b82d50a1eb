//! `explain lsp`: a language server that explains shell code on hover.
//!
//! Hovering a part of a command in a shell script, or in a `sh`/`bash`/`shell`/`console`
//! block of a markdown file, shows the help that documents it in its whole command: an
//! option's heading and description, a program's NAME line, the bash(1) paragraph of a piece
//! of shell syntax, with the page it comes from. The server speaks LSP over stdio with
//! rust-analyzer's `lsp-server`; documents are synced incrementally and positions count
//! UTF-16 code units, or bytes when the client offers `utf-8`.
//!
//! [`State`] is the server without the protocol: open, change and hover, for tests and
//! benchmarks. [`run_stdio`] serves it over standard input and output.

#![warn(missing_docs)]

mod document;
pub mod hover;
pub mod markdown;
pub mod position;
mod server;

use std::collections::HashMap;

use matcher::PageSource;

pub use document::{Change, Code, Document, Language, language, shell_shebang};
pub use position::{Encoding, LineIndex, Pos};
pub use server::{run, run_stdio};

/// A hover's answer in the document's positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    /// Where the part starts.
    pub start: Pos,
    /// Where it ends (exclusive).
    pub end: Pos,
    /// The help as markdown.
    pub markdown: String,
    /// The help as plain text.
    pub plain: String,
}

/// Why a request about a document cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The document is not open.
    NotOpen(String),
    /// The position is past the last line of the document.
    BadPosition(Pos),
    /// The index could not be read; the message says what to do.
    Index(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotOpen(uri) => write!(f, "document not open: {uri}"),
            Error::Index(message) => f.write_str(message),
            Error::BadPosition(p) => write!(
                f,
                "position {}:{} is past the end of the document",
                p.line, p.character
            ),
        }
    }
}

impl std::error::Error for Error {}

/// The open documents and how to explain them.
pub struct State<'p> {
    pages: &'p dyn PageSource,
    encoding: Encoding,
    documents: HashMap<String, Document>,
}

impl<'p> State<'p> {
    /// No documents yet; positions count characters in `encoding`.
    pub fn new(pages: &'p dyn PageSource, encoding: Encoding) -> State<'p> {
        State {
            pages,
            encoding,
            documents: HashMap::new(),
        }
    }

    /// The position encoding in use.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Opens (or reopens) a document.
    pub fn open(&mut self, uri: &str, language_id: &str, text: String) {
        self.documents
            .insert(uri.to_string(), Document::new(uri, language_id, text));
    }

    /// Applies changes to an open document, in order.
    pub fn change(&mut self, uri: &str, changes: Vec<Change>) -> Result<(), Error> {
        let enc = self.encoding;
        let doc = self
            .documents
            .get_mut(uri)
            .ok_or_else(|| Error::NotOpen(uri.to_string()))?;
        for c in changes {
            doc.apply(c, enc);
        }
        Ok(())
    }

    /// Closes a document; closing one that is not open does nothing.
    pub fn close(&mut self, uri: &str) {
        self.documents.remove(uri);
    }

    /// The text of an open document.
    pub fn text(&self, uri: &str) -> Option<&str> {
        self.documents.get(uri).map(Document::text)
    }

    /// The help of the part at a position: `Ok(None)` on blanks, outside shell code and on
    /// parts that nothing documents.
    pub fn hover(&mut self, uri: &str, at: Pos) -> Result<Option<Hover>, Error> {
        let enc = self.encoding;
        let doc = self
            .documents
            .get_mut(uri)
            .ok_or_else(|| Error::NotOpen(uri.to_string()))?;
        let offset = doc
            .lines()
            .offset(doc.text(), at, enc)
            .ok_or(Error::BadPosition(at))?;
        let pages = self.pages;
        let found =
            hover::hover(doc.code(), offset, pages).map_err(|e| Error::Index(e.to_string()))?;
        let Some(found) = found else {
            return Ok(None);
        };
        let (text, lines) = (doc.text(), doc.lines());
        Ok(Some(Hover {
            start: lines.position(text, found.range.start, enc),
            end: lines.position(text, found.range.end, enc),
            markdown: found.markdown,
            plain: found.plain,
        }))
    }
}
