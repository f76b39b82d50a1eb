//! Rendering: help text ([`Text`] paragraphs, fonts kept) as plain text, HTML, markdown and
//! ANSI, and an [`Explanation`] as the JSON contract (docs/json.md, versions 1 and 2).
//!
//! Surfaces (CLI, web, LSP) render through here and never group or recompute spans: the
//! explanation already holds each distinct help once, numbered.

pub mod ansi;
mod html;
pub mod json;
pub mod markdown;
mod plain;

pub use html::{escape_html, html};
pub use plain::plain;

#[cfg(doc)]
use manpage::Text;
#[cfg(doc)]
use matcher::Explanation;
