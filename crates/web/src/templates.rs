//! The askama templates (in the workspace's `templates/` folder) and the data they get. All
//! text is escaped by askama; only help HTML that the matcher built and escaped is marked safe.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::assets::AssetUrls;
use crate::program::ProgramView;
use crate::view::{ExplainView, Suggestion};

/// Example command lines on the home page.
pub const EXAMPLES: &[&str] = &[
    "tar -xzvf archive.tar.gz",
    "ls -la | sort -k5 -n",
    "find . -name '*.log' -mtime +7 -delete",
    "grep -rn --include='*.rs' TODO src",
    "du -sh * | sort -h > sizes.txt",
    "ssh -i key.pem -p 2222 user@host",
];

/// `/`: search box, examples, about.
#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    /// Static file URLs.
    pub assets: &'static AssetUrls,
    /// Example command lines.
    pub examples: &'static [&'static str],
    /// Pages in the index.
    pub pages: usize,
}

/// `/explain?cmd=`: the explanation.
#[derive(Template)]
#[template(path = "explain.html")]
pub struct ExplainPage {
    /// Static file URLs.
    pub assets: &'static AssetUrls,
    /// The command line as given.
    pub cmd: String,
    /// What to show.
    pub view: ExplainView,
    /// Unknown programs with similar names.
    pub suggestions: Vec<Suggestion>,
}

/// `/explain/{section}/{name}`: a program page.
#[derive(Template)]
#[template(path = "program.html")]
pub struct ProgramPage {
    /// Static file URLs.
    pub assets: &'static AssetUrls,
    /// The page.
    pub page: ProgramView,
    /// Other sections with a page of the same name: `(citation, url)`.
    pub other_sections: Vec<(String, String)>,
}

/// Any error, as a page with a message and, where useful, similar names.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// Static file URLs.
    pub assets: &'static AssetUrls,
    /// The heading.
    pub title: String,
    /// What went wrong and what to do.
    pub message: String,
    /// Program pages that might be meant: `(name, url)`.
    pub suggestions: Vec<(String, String)>,
}

/// Renders a template as an HTML response with `status`. A template that fails to render (it
/// should not) becomes a plain 500 with a message, never a panic.
pub fn html(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("explain: the page could not be rendered: {e}"),
        )
            .into_response(),
    }
}
