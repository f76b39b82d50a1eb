//! The route handlers. Each turns a request into a page or JSON; none panics on any input.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{CACHE_CONTROL, LOCATION, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use matcher::Explanation;
use serde_json::json;

use crate::AppState;
use crate::assets::URLS;
use crate::caching;
use crate::explainshell::{self, Route};
use crate::hover::{self, Hover};
use crate::query::{self, QueryError};
use crate::templates::{self, EXAMPLES, ErrorPage, ExplainPage, HomePage, ProgramPage};
use crate::view::{self, Suggestion, encode_segment};

type AppStateRef = State<Arc<AppState>>;

/// How many similar names an error page offers.
const SUGGESTIONS: usize = 5;

/// Why a line could not be explained.
enum Failure {
    /// The index could not be read: the message says what to do.
    Index(matcher::LookupError),
    /// The explainer panicked: a bug.
    Bug,
}

impl Failure {
    fn message(&self) -> String {
        match self {
            Failure::Index(e) => e.to_string(),
            Failure::Bug => {
                "the explainer failed on this command line (a bug: please report the line)".into()
            }
        }
    }
}

/// Explains `cmd`; a bug in the explainer becomes [`Failure::Bug`] instead of a dropped
/// connection.
fn explain_safely(state: &AppState, cmd: &str) -> Result<Explanation, Failure> {
    match catch_unwind(AssertUnwindSafe(|| {
        matcher::explain_str(cmd, state.store())
    })) {
        Ok(Ok(ex)) => Ok(ex),
        Ok(Err(e)) => Err(Failure::Index(e)),
        Err(_) => Err(Failure::Bug),
    }
}

fn error_page(status: StatusCode, title: &str, message: String) -> Response {
    templates::html(
        status,
        &ErrorPage {
            assets: &URLS,
            title: title.into(),
            message,
            suggestions: Vec::new(),
        },
    )
}

fn json_error(status: StatusCode, message: String) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

/// `GET /`.
pub async fn home(State(state): AppStateRef) -> Response {
    templates::html(
        StatusCode::OK,
        &HomePage {
            assets: &URLS,
            examples: EXAMPLES,
            pages: state.store().info().pages,
        },
    )
}

/// `GET /explain?cmd=`: the page for browsers, hover JSON for everyone else.
pub async fn explain(
    State(state): AppStateRef,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let parsed = query::parse(raw.as_deref());
    let wants_json = parsed.as_ref().is_ok_and(|q| q.json);
    if wants_json || !query::wants_html(&headers) {
        return hover_answer(&state, parsed);
    }
    let cmd = match parsed {
        Ok(q) => q.cmd.unwrap_or_default(),
        Err(e @ QueryError::TooLong(_)) => {
            return error_page(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Command line too long",
                e.to_string(),
            );
        }
    };
    if cmd.trim().is_empty() {
        return Redirect::to("/").into_response();
    }
    let ex = match explain_safely(&state, &cmd) {
        Ok(ex) => ex,
        Err(Failure::Index(e)) => {
            return error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "The index could not be read",
                e.to_string(),
            );
        }
        Err(Failure::Bug) => {
            return error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Could not explain this line",
                "The explainer failed on this command line. This is a bug: please report the line."
                    .into(),
            );
        }
    };
    let view = view::build(&ex);
    let suggestions = view
        .unknown_programs
        .iter()
        .map(|word| Suggestion {
            word: word.clone(),
            names: state.names.similar(state.store(), word, SUGGESTIONS),
        })
        .collect();
    templates::html(
        StatusCode::OK,
        &ExplainPage {
            assets: &URLS,
            cmd,
            view,
            suggestions,
        },
    )
}

/// The hover answer: matches when the line could be explained, `{"matches": []}` on any
/// failure, always 200. A failure of the explainer or the index is not cached.
fn hover_answer(state: &AppState, parsed: Result<query::Query, QueryError>) -> Response {
    let cmd = parsed
        .ok()
        .and_then(|q| q.cmd)
        .filter(|cmd| !cmd.trim().is_empty());
    let Some(cmd) = cmd else {
        return Json(Hover::default()).into_response();
    };
    match explain_safely(state, &cmd) {
        Ok(ex) => Json(hover::from_explanation(&ex)).into_response(),
        Err(_) => caching::no_store(Json(Hover::default()).into_response()),
    }
}

/// `GET /api/explain?cmd=`: hover JSON, for older bash-language-server versions.
pub async fn api_hover(State(state): AppStateRef, RawQuery(raw): RawQuery) -> Response {
    hover_answer(&state, query::parse(raw.as_deref()))
}

/// The contract versions the API serves.
#[derive(Clone, Copy)]
enum Contract {
    V1,
    V2,
}

/// `GET /api/v2/explain?cmd=`: the JSON contract, version 2.
pub async fn api_v2(State(state): AppStateRef, RawQuery(raw): RawQuery) -> Response {
    api_explain(&state, raw.as_deref(), Contract::V2)
}

/// `GET /api/v1/explain?cmd=`: the JSON contract, version 1, for clients written against it.
pub async fn api_v1(State(state): AppStateRef, RawQuery(raw): RawQuery) -> Response {
    api_explain(&state, raw.as_deref(), Contract::V1)
}

fn api_explain(state: &AppState, raw: Option<&str>, contract: Contract) -> Response {
    let cmd = match query::parse(raw) {
        Ok(q) => q.cmd,
        Err(e) => return json_error(StatusCode::PAYLOAD_TOO_LARGE, e.to_string()),
    };
    let Some(cmd) = cmd else {
        let version = match contract {
            Contract::V1 => 1,
            Contract::V2 => 2,
        };
        return json_error(
            StatusCode::BAD_REQUEST,
            format!(
                "give the command line to explain as `cmd`: /api/v{version}/explain?cmd=tar%20-xzvf%20x.tgz"
            ),
        );
    };
    match explain_safely(state, &cmd) {
        Ok(ex) => match contract {
            Contract::V2 => Json(render::json::v2(&ex)).into_response(),
            Contract::V1 => {
                let rendered = render::json::Rendered::new(&ex);
                Json(render::json::v1(&ex, &rendered)).into_response()
            }
        },
        Err(e) => json_error(StatusCode::INTERNAL_SERVER_ERROR, e.message()),
    }
}

/// How long a redirect from an explainshell URL may be reused: a day. The mapping does not
/// depend on the index; a day (not forever) leaves room to change it.
const REDIRECT_CACHE_CONTROL: &str = "public, max-age=86400";

/// The answer to an explainshell URL form: `301` to `/explain?cmd=...`, or 413 when the line
/// is too long; `None` when the request is for our program page.
fn explainshell_redirect(route: Route<'_>, raw: Option<&str>) -> Option<Response> {
    match explainshell::location(route, raw) {
        Ok(None) => None,
        Ok(Some(location)) => Some(
            (
                StatusCode::MOVED_PERMANENTLY,
                [
                    (LOCATION, location),
                    (CACHE_CONTROL, REDIRECT_CACHE_CONTROL.to_string()),
                ],
            )
                .into_response(),
        ),
        Err(e) => Some(error_page(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Command line too long",
            e.to_string(),
        )),
    }
}

/// `GET /explain/{name}`: the best page of that name; explainshell's `?args=` form redirects to
/// the explanation of `name args`.
pub async fn program(
    State(state): AppStateRef,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    explainshell_redirect(Route::Program(&name), raw.as_deref())
        .unwrap_or_else(|| program_page(&state, &name, None))
}

/// `GET /explain/{section}/{name}`: the page of that name in that section; explainshell's
/// `/explain/{distro}/{release}?cmd=` and `?args=` forms redirect to the explanation.
pub async fn program_in_section(
    State(state): AppStateRef,
    Path((section, name)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Response {
    explainshell_redirect(Route::ProgramInSection(&name), raw.as_deref())
        .unwrap_or_else(|| program_page(&state, &name, Some(&section)))
}

fn program_page(state: &AppState, name: &str, section: Option<&str>) -> Response {
    let store = state.store();
    let pages = match store.pages(name) {
        Ok(pages) => pages,
        Err(e) => {
            return error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "The index could not be read",
                format!("{e}. Rebuild the index with `explain index`."),
            );
        }
    };
    let chosen = match section {
        None => pages.first(),
        Some(s) => manpage::best_in_section(&pages, s),
    };
    let Some(page) = chosen else {
        let wanted = match section {
            Some(s) => format!("{name}({s})"),
            None => name.to_string(),
        };
        let mut suggestions: Vec<(String, String)> = pages
            .iter()
            .map(|p| {
                (
                    p.citation(),
                    view::page_url(&p.citation()).unwrap_or_default(),
                )
            })
            .collect();
        if suggestions.is_empty() {
            suggestions = state
                .names
                .similar(store, name, SUGGESTIONS)
                .into_iter()
                .map(|n| {
                    let url = format!("/explain/{}", encode_segment(&n));
                    (n, url)
                })
                .collect();
        }
        return templates::html(
            StatusCode::NOT_FOUND,
            &ErrorPage {
                assets: &URLS,
                title: "No such page".into(),
                message: format!("No page named {wanted} is in the index."),
                suggestions,
            },
        );
    };
    let other_sections = pages
        .iter()
        .filter(|p| p.section != page.section && p.name == page.name)
        .map(|p| {
            (
                p.citation(),
                view::page_url(&p.citation()).unwrap_or_default(),
            )
        })
        .collect();
    templates::html(
        StatusCode::OK,
        &ProgramPage {
            assets: &URLS,
            page: crate::program::build(page),
            other_sections,
        },
    )
}

/// `GET /healthz`: the index's page count and build id.
pub async fn healthz(State(state): AppStateRef) -> Response {
    let info = state.store().info();
    Json(json!({
        "status": "ok",
        "pages": info.pages,
        "options": info.options,
        "build_id": info.build_id,
    }))
    .into_response()
}

/// Anything else: 404, as a page for browsers and JSON for other clients (so it varies on
/// `Accept`).
pub async fn not_found(headers: HeaderMap) -> Response {
    let mut res = if query::wants_html(&headers) {
        error_page(
            StatusCode::NOT_FOUND,
            "Not found",
            "There is nothing at this address. Start from the home page.".into(),
        )
    } else {
        json_error(StatusCode::NOT_FOUND, "not found".into())
    };
    res.headers_mut()
        .append(VARY, HeaderValue::from_static("accept"));
    res
}
