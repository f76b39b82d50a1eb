//! The askama templates (in the workspace's `templates/` folder) and the data they get. All
//! text is escaped by askama; only help HTML that the matcher built and escaped is marked safe.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::assets::AssetUrls;
use crate::program::ProgramView;
use crate::view::{ExplainView, Suggestion};

/// Example command lines on the home page; the last five are explainshell's own examples.
pub const EXAMPLES: &[&str] = &[
    "tar -xzvf archive.tar.gz",
    "ls -la | sort -k5 -n",
    "find . -name '*.log' -mtime +7 -delete",
    "grep -rn --include='*.rs' TODO src",
    "ssh -i key.pem -p 2222 user@host",
    ":(){ :|:& };:",
    "for user in $(cut -f1 -d: /etc/passwd); do crontab -u $user -l 2>/dev/null; done",
    "true && { echo success; } || { echo failed; }",
    "cut -d ' ' -f 1 /var/log/apache2/access_log | uniq -c | sort -n | tail -n 20",
    "tar zcf - some-dir | ssh some-server \"cd /; tar xvzf -\"",
];

/// The script example on the home page: a whole script is explained line by line.
pub const SCRIPT_EXAMPLE: &str = "#!/bin/sh\nset -eu\nfor f in *.log; do\n  gzip -9 \"$f\"\ndone\nif [ -d old ]; then\n  mv -- *.gz old/ 2>/dev/null\nfi\n";

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

impl HomePage {
    /// The example script.
    pub fn script(&self) -> &'static str {
        SCRIPT_EXAMPLE
    }
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
