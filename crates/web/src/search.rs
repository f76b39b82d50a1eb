//! Option search: `GET /search?q=...&in=...` (the results page) and `GET /api/v1/search` (the
//! search contract of docs/json.md), over [`store::Store::search`].

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use askama::Template;
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use store::{Hit, SearchAnswer, SearchError};

use crate::AppState;
use crate::assets::{AssetUrls, URLS};
use crate::templates;
use crate::view;

/// The longest query accepted, in bytes (after percent-decoding). Longer ones get 413.
pub const MAX_QUERY_BYTES: usize = 1024;

/// Results on a page, unless `limit` asks for fewer (or more, up to [`MAX_LIMIT`]).
const DEFAULT_LIMIT: usize = 20;
const MAX_LIMIT: usize = 100;

/// What a search request asked for.
#[derive(Debug, Default, PartialEq, Eq)]
struct SearchQuery {
    /// `q`, trimmed; empty when absent.
    q: String,
    /// `in`, trimmed; `None` when absent or empty.
    within: Option<String>,
    /// `limit`, clamped to 1..=MAX_LIMIT.
    limit: usize,
}

/// Reads `q`, `in` and `limit`; `Err` with the length when `q` or `in` is too long.
fn parse(raw: Option<&str>) -> Result<SearchQuery, usize> {
    let raw = raw.unwrap_or("");
    if raw.len() > MAX_QUERY_BYTES * 6 + 64 {
        return Err(raw.len() / 3);
    }
    let mut query = SearchQuery {
        limit: DEFAULT_LIMIT,
        ..SearchQuery::default()
    };
    let (mut q, mut within) = (None, None);
    for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
        match key.as_ref() {
            "q" if q.is_none() => q = Some(value.into_owned()),
            "in" if within.is_none() => within = Some(value.into_owned()),
            "limit" => {
                if let Ok(n) = value.trim().parse::<usize>() {
                    query.limit = n.clamp(1, MAX_LIMIT);
                }
            }
            _ => {}
        }
    }
    for v in [&q, &within].into_iter().flatten() {
        if v.len() > MAX_QUERY_BYTES {
            return Err(v.len());
        }
    }
    query.q = q.unwrap_or_default().trim().to_string();
    query.within = within
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty());
    Ok(query)
}

fn too_long(n: usize) -> String {
    format!("the query is {n} bytes long; at most {MAX_QUERY_BYTES} bytes are searched")
}

/// Runs the search; a bug in it becomes an error message instead of a dropped connection.
fn run(state: &AppState, q: &SearchQuery) -> Result<Vec<Hit>, (StatusCode, String)> {
    let found = catch_unwind(AssertUnwindSafe(|| {
        state.store().search(&q.q, q.within.as_deref(), q.limit)
    }));
    match found {
        Ok(Ok(hits)) => Ok(hits),
        Ok(Err(e @ SearchError::NoWords)) => Err((
            StatusCode::BAD_REQUEST,
            format!("{e}: give some, e.g. preserve permissions"),
        )),
        Ok(Err(e @ SearchError::UnknownProgram(_))) => Err((StatusCode::NOT_FOUND, e.to_string())),
        Ok(Err(SearchError::Store(e))) => Err((
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("{e}. Rebuild the index with `explain index`."),
        )),
        Err(_) => Err((
            StatusCode::INTERNAL_SERVER_ERROR,
            "the search failed on this query (a bug: please report the query)".into(),
        )),
    }
}

/// One result on the page.
#[derive(Debug)]
pub struct ResultView {
    /// `tar`, `git commit`.
    pub command: String,
    /// `-p, --preserve-permissions`.
    pub spellings: String,
    /// `tar(1)`.
    pub page: String,
    /// The program page, at the option when it is listed there.
    pub page_url: Option<String>,
    /// The explanation of `tar --preserve-permissions`.
    pub explain_url: String,
    /// The first sentence of the help.
    pub summary: String,
    /// Other pages with the same option: `(citation, url)`.
    pub also: Vec<(String, Option<String>)>,
}

impl ResultView {
    fn new(hit: &Hit) -> ResultView {
        // Builtins are documented inside bash(1), whose program page does not list them.
        let on_own_page = hit
            .page
            .strip_prefix(&hit.program)
            .is_some_and(|r| r.starts_with('('));
        let page_url = view::page_url(&hit.page).map(|url| match hit.flags.first() {
            Some(flag) if on_own_page => format!("{url}#{}", crate::program::anchor(flag)),
            _ => url,
        });
        ResultView {
            command: hit.command.clone(),
            spellings: hit.spellings.clone(),
            page: hit.page.clone(),
            page_url,
            explain_url: format!(
                "/explain?cmd={}",
                form_urlencoded::byte_serialize(hit.explain.as_bytes()).collect::<String>()
            ),
            summary: hit.summary.clone(),
            also: hit
                .also
                .iter()
                .map(|p| (p.clone(), view::page_url(p)))
                .collect(),
        }
    }
}

/// `/search?q=`: the results page.
#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPage {
    /// Static file URLs.
    pub assets: &'static AssetUrls,
    /// The query as given.
    pub query: String,
    /// The `in` program as given, or empty.
    pub within: String,
    /// Why there are no results, when there are none.
    pub message: Option<String>,
    /// Best first.
    pub results: Vec<ResultView>,
}

/// `GET /search?q=...&in=...&limit=...`.
pub async fn page(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let q = match parse(raw.as_deref()) {
        Ok(q) => q,
        Err(n) => {
            let page = SearchPage {
                assets: &URLS,
                query: String::new(),
                within: String::new(),
                message: Some(format!("Too long: {}.", too_long(n))),
                results: Vec::new(),
            };
            return templates::html(StatusCode::PAYLOAD_TOO_LARGE, &page);
        }
    };
    let mut page = SearchPage {
        assets: &URLS,
        query: q.q.clone(),
        within: q.within.clone().unwrap_or_default(),
        message: None,
        results: Vec::new(),
    };
    if q.q.is_empty() {
        return templates::html(StatusCode::OK, &page);
    }
    let status = match run(&state, &q) {
        Ok(hits) if hits.is_empty() => {
            let place = q
                .within
                .as_deref()
                .map(|w| format!(" of {w}"))
                .unwrap_or_default();
            page.message = Some(format!(
                "No option{place} matches these words. Try other words, or search all programs."
            ));
            StatusCode::OK
        }
        Ok(hits) => {
            page.results = hits.iter().map(ResultView::new).collect();
            StatusCode::OK
        }
        Err((status, message)) => {
            page.message = Some(capitalise(&message));
            status
        }
    };
    templates::html(status, &page)
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => format!(
            "{}{}.",
            c.to_uppercase(),
            chars.as_str().trim_end_matches('.')
        ),
        None => String::new(),
    }
}

/// `GET /api/v1/search?q=...&in=...&limit=...`: the search contract (docs/json.md).
pub async fn api(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let error = |status: StatusCode, message: String| {
        (status, Json(json!({ "error": message }))).into_response()
    };
    let q = match parse(raw.as_deref()) {
        Ok(q) => q,
        Err(n) => return error(StatusCode::PAYLOAD_TOO_LARGE, too_long(n)),
    };
    if q.q.is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            "give the words to search for as `q`: /api/v1/search?q=preserve%20permissions&in=tar"
                .into(),
        );
    }
    match run(&state, &q) {
        Ok(hits) => Json(SearchAnswer::new(&q.q, q.within.as_deref(), hits)).into_response(),
        Err((status, message)) => error(status, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_q_in_and_limit() {
        let q = parse(Some("q=preserve+permissions&in=+tar+&limit=500")).unwrap();
        assert_eq!(q.q, "preserve permissions");
        assert_eq!(q.within.as_deref(), Some("tar"));
        assert_eq!(q.limit, MAX_LIMIT);
        let q = parse(Some("q=%22--foo&in=&limit=x")).unwrap();
        assert_eq!(
            (q.q.as_str(), q.within, q.limit),
            ("\"--foo", None, DEFAULT_LIMIT)
        );
        assert_eq!(parse(None).unwrap().q, "");
        let long = format!("q={}", "a".repeat(MAX_QUERY_BYTES + 1));
        assert_eq!(parse(Some(&long)), Err(MAX_QUERY_BYTES + 1));
    }
}
