//! HTTP caching of pages and API answers (ETag, Cache-Control, Vary, `304 Not Modified`) and
//! compression of every body (gzip and br).
//!
//! An answer depends only on its URL, the index, the running binary and, for `/explain?cmd=`,
//! whether the client reads HTML. So its entity tag is a hash of exactly those, computed from
//! the request before the handler runs: no body is read or buffered, a matching
//! `If-None-Match` is answered `304` without explaining anything, and the tag does not depend
//! on how (or whether) the body is compressed afterwards. A compressed body is not the same
//! bytes as the plain one, so its tag is sent weak (`W/"..."`, RFC 9110 8.8.3.3, as nginx does);
//! `If-None-Match` compares tags weakly (RFC 9110 13.1.2), so both forms validate.

use std::sync::LazyLock;
use std::time::{SystemTime, UNIX_EPOCH};

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_ENCODING, ETAG, IF_NONE_MATCH, VARY};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use tower::{Layer, Service};
use tower_http::compression::CompressionLayer;

use crate::query;

/// Cache-Control of every page and API answer. `public`: the answer is the same for everyone
/// (no cookies, no accounts), so shared caches may keep it too. Five minutes: long enough that
/// a page opened again, or an editor hovering the same line, costs no request, and short enough
/// that a new index or a new release is seen within minutes without anyone purging a cache.
/// After that the cache revalidates with the ETag, which costs a hash and no explaining.
pub const PAGE_CACHE_CONTROL: &str = "public, max-age=300";

/// Whether a route's answer depends on the request's `Accept` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Negotiation {
    /// One representation per URL.
    Fixed,
    /// HTML for clients that ask for it, JSON for the others ([`query::wants_html`]).
    ByAccept,
}

/// What the validation middleware of one group of routes needs: a hash already fed with the
/// index build and the binary, and whether the routes negotiate on `Accept`.
#[derive(Clone)]
pub struct Validator {
    seed: Sha256,
    negotiation: Negotiation,
}

/// The running binary, as far as one `stat` tells: its size and modification time. A new build
/// or release therefore gets new tags even over the same index (the index's build id does not
/// change when only the matcher or the templates do), while restarts of the same binary, and
/// several servers run from one image, share them. When the binary cannot be found, the start
/// time of this process stands in: tags then change at each restart, which is safe.
static BINARY: LazyLock<String> = LazyLock::new(|| {
    let stat = std::env::current_exe().and_then(std::fs::metadata);
    let nanos = |t: SystemTime| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    match stat {
        Ok(meta) => format!("binary {} {}", meta.len(), meta.modified().map_or(0, nanos)),
        Err(_) => format!(
            "process {} {}",
            std::process::id(),
            nanos(SystemTime::now())
        ),
    }
});

/// Feeds one field, length first, so that no two field lists hash the same bytes.
fn feed(hasher: &mut Sha256, field: &[u8]) {
    hasher.update((field.len() as u64).to_le_bytes());
    hasher.update(field);
}

impl Validator {
    /// A validator for routes over the index with this build id.
    pub fn new(build_id: &str, negotiation: Negotiation) -> Validator {
        let mut seed = Sha256::new();
        feed(&mut seed, b"explain etag 1");
        feed(&mut seed, build_id.as_bytes());
        feed(&mut seed, BINARY.as_bytes());
        Validator { seed, negotiation }
    }

    /// The opaque tag (32 hex digits, unquoted) of the answer to `path_and_query` for a client
    /// that does or does not read HTML.
    fn opaque_tag(&self, path_and_query: &str, wants_html: bool) -> String {
        let mut hasher = self.seed.clone();
        let representation: &[u8] = match (self.negotiation, wants_html) {
            (Negotiation::Fixed, _) => b"fixed",
            (Negotiation::ByAccept, true) => b"html",
            (Negotiation::ByAccept, false) => b"json",
        };
        feed(&mut hasher, representation);
        feed(&mut hasher, path_and_query.as_bytes());
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut tag = String::with_capacity(32);
        for b in &hasher.finalize()[..16] {
            tag.push(char::from(HEX[usize::from(b >> 4)]));
            tag.push(char::from(HEX[usize::from(b & 0xf)]));
        }
        tag
    }
}

/// What the request's `If-None-Match` asks of the answer's tag.
#[derive(Debug, PartialEq, Eq)]
enum Condition {
    /// No header, or none of its tags is the answer's.
    Unconditional,
    /// `*`: answer 304 if there is an answer at all.
    Any,
    /// One of its tags is the answer's; `weak` when the client holds it as `W/"..."`.
    Matches { weak: bool },
}

/// Reads one `If-None-Match` field value: `*`, or a comma-separated list of entity-tags, each
/// compared with `opaque` by the weak comparison (the opaque parts are equal). Anything
/// malformed ends the reading: what was not read does not match.
fn read_field(value: &[u8], opaque: &[u8]) -> Condition {
    if value.trim_ascii() == b"*" {
        return Condition::Any;
    }
    let mut rest = value;
    loop {
        rest = rest.trim_ascii_start();
        while let Some(after) = rest.strip_prefix(b",") {
            rest = after.trim_ascii_start();
        }
        if rest.is_empty() {
            return Condition::Unconditional;
        }
        let weak = rest.starts_with(b"W/");
        if weak {
            rest = &rest[2..];
        }
        let Some(quoted) = rest.strip_prefix(b"\"") else {
            return Condition::Unconditional;
        };
        let Some(end) = quoted.iter().position(|&b| b == b'"') else {
            return Condition::Unconditional;
        };
        if &quoted[..end] == opaque {
            return Condition::Matches { weak };
        }
        rest = &quoted[end + 1..];
    }
}

/// The request's condition over every `If-None-Match` field it sent.
fn condition(headers: &HeaderMap, opaque: &str) -> Condition {
    let mut found = Condition::Unconditional;
    for value in headers.get_all(IF_NONE_MATCH) {
        match read_field(value.as_bytes(), opaque.as_bytes()) {
            Condition::Unconditional => {}
            Condition::Any => found = Condition::Any,
            matched @ Condition::Matches { .. } => return matched,
        }
    }
    found
}

/// Marks a response whose ETag this module set, so that compression may weaken it.
#[derive(Debug, Clone, Copy)]
struct OwnTag;

/// The validator headers of a cacheable answer: ETag, Cache-Control, and Vary on
/// Accept-Encoding (the body may be compressed).
fn validator_headers(headers: &mut HeaderMap, etag: HeaderValue) {
    headers.insert(ETAG, etag);
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(PAGE_CACHE_CONTROL));
    headers.append(VARY, HeaderValue::from_static("accept-encoding"));
}

/// `304 Not Modified` with the headers a 200 would have had, and no body.
fn not_modified(etag: HeaderValue, negotiation: Negotiation) -> Response {
    let mut res = StatusCode::NOT_MODIFIED.into_response();
    validator_headers(res.headers_mut(), etag);
    if negotiation == Negotiation::ByAccept {
        res.headers_mut()
            .append(VARY, HeaderValue::from_static("accept"));
    }
    res.extensions_mut().insert(OwnTag);
    res
}

fn quoted(opaque: &str, weak: bool) -> HeaderValue {
    let text = if weak {
        format!("W/\"{opaque}\"")
    } else {
        format!("\"{opaque}\"")
    };
    // 32 hex digits in quotes: always a valid header value.
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("\"\""))
}

/// Makes a successful answer uncacheable (`Cache-Control: no-store`, so no ETag either): for
/// answers that must be 200 but report a failure that may pass, such as an unreadable index.
pub fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Which requests are validated, and how: the layer of [`Caching`]. Every GET and HEAD is,
/// except the paths that keep their own caching (`/healthz`, `/static/`); the one path that
/// negotiates on `Accept` gets its own validator.
#[derive(Clone)]
pub struct CachingLayer {
    fixed: Validator,
    negotiated: Validator,
    negotiated_path: &'static str,
    uncached_prefixes: &'static [&'static str],
}

impl CachingLayer {
    /// Validation over the index with this build id: `negotiated_path` answers by `Accept`,
    /// paths starting with one of `uncached_prefixes` are left alone.
    pub fn new(
        build_id: &str,
        negotiated_path: &'static str,
        uncached_prefixes: &'static [&'static str],
    ) -> CachingLayer {
        CachingLayer {
            fixed: Validator::new(build_id, Negotiation::Fixed),
            negotiated: Validator::new(build_id, Negotiation::ByAccept),
            negotiated_path,
            uncached_prefixes,
        }
    }

    fn validator(&self, req: &Request) -> Option<&Validator> {
        let path = req.uri().path();
        if !matches!(*req.method(), Method::GET | Method::HEAD)
            || self.uncached_prefixes.iter().any(|p| path.starts_with(p))
        {
            None
        } else if path == self.negotiated_path {
            Some(&self.negotiated)
        } else {
            Some(&self.fixed)
        }
    }
}

impl<S> Layer<S> for CachingLayer {
    type Service = Caching<S>;

    fn layer(&self, inner: S) -> Caching<S> {
        Caching {
            inner,
            rules: self.clone(),
        }
    }
}

/// The validation service: answers 304 when the client's copy is current, and gives a
/// successful answer its ETag, Cache-Control and Vary. Error answers (4xx, 5xx), redirects and
/// answers that set their own Cache-Control ([`no_store`]) get no ETag; Vary on `Accept` goes
/// on every answer of the path that negotiates.
///
/// Only a 200 is ever tagged, so a request naming the current tag holds a copy of that 200:
/// it gets its 304 before the handler runs. `*` asks whether there is an answer at all, so the
/// handler runs first and only a 200 becomes a 304. A hand-written service rather than
/// `middleware::from_fn`, which boxes the inner service again on every request.
#[derive(Clone)]
pub struct Caching<S> {
    inner: S,
    rules: CachingLayer,
}

type Answer<E> = Pin<Box<dyn Future<Output = Result<Response, E>> + Send>>;

impl<S> Service<Request> for Caching<S>
where
    S: Service<Request, Response = Response>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Answer<S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Answer<S::Error> {
        let Some(validator) = self.rules.validator(&req) else {
            return Box::pin(self.inner.call(req));
        };
        let negotiation = validator.negotiation;
        let wants_html = negotiation == Negotiation::ByAccept && query::wants_html(req.headers());
        let path_and_query = req.uri().path_and_query().map_or("/", |p| p.as_str());
        let opaque = validator.opaque_tag(path_and_query, wants_html);
        let wanted = condition(req.headers(), &opaque);
        if let Condition::Matches { weak } = wanted {
            // The client tagged its copy as it was sent (weak when it came compressed): confirm
            // that copy, in its own words, without running the handler.
            return Box::pin(std::future::ready(Ok(not_modified(
                quoted(&opaque, weak),
                negotiation,
            ))));
        }
        let answer = self.inner.call(req);
        Box::pin(async move { Ok(tag(answer.await?, &opaque, wanted, negotiation)) })
    }
}

/// The validator headers on a handler's answer (or the 304 that `*` turns a 200 into).
fn tag(mut res: Response, opaque: &str, wanted: Condition, negotiation: Negotiation) -> Response {
    if res.status() == StatusCode::OK && !res.headers().contains_key(CACHE_CONTROL) {
        if wanted == Condition::Any {
            return not_modified(quoted(opaque, false), negotiation);
        }
        validator_headers(res.headers_mut(), quoted(opaque, false));
        res.extensions_mut().insert(OwnTag);
    }
    if negotiation == Negotiation::ByAccept {
        res.headers_mut()
            .append(VARY, HeaderValue::from_static("accept"));
    }
    res
}

/// Marks this module's ETag weak on a body that compression changed.
pub async fn weaken_compressed_tags<B>(mut res: Response<B>) -> Response<B> {
    if res.extensions().get::<OwnTag>().is_some()
        && res.headers().contains_key(CONTENT_ENCODING)
        && let Some(tag) = res.headers().get(ETAG)
        && !tag.as_bytes().starts_with(b"W/")
    {
        let mut weak = b"W/".to_vec();
        weak.extend_from_slice(tag.as_bytes());
        if let Ok(weak) = HeaderValue::from_bytes(&weak) {
            res.headers_mut().insert(ETAG, weak);
        }
    }
    res
}

/// Compresses bodies with gzip or br when the client accepts one (tower-http's defaults: not
/// bodies of 32 bytes or less, not images), and weakens this module's ETags on what it
/// compressed. Static files keep their own strong tags (`assets.rs`). The router stacks it
/// with the rest of its middleware.
pub fn compression() -> CompressionLayer {
    CompressionLayer::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAG: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn reads_lists_stars_and_weak_tags() {
        let read = |v: &[u8]| read_field(v, TAG);
        let strong = Condition::Matches { weak: false };
        let weak = Condition::Matches { weak: true };
        assert_eq!(read(b"\"0123456789abcdef0123456789abcdef\""), strong);
        assert_eq!(read(b"W/\"0123456789abcdef0123456789abcdef\""), weak);
        assert_eq!(
            read(b" \"x\" ,, W/\"y\", \"0123456789abcdef0123456789abcdef\" "),
            strong
        );
        assert_eq!(read(b" * "), Condition::Any);
        assert_eq!(read(b"\"x\", \"y\""), Condition::Unconditional);
    }

    #[test]
    fn malformed_or_hostile_values_just_do_not_match() {
        let long = format!("{}\"", "\"a\", ".repeat(100_000));
        for value in [
            &b""[..],
            b"0123456789abcdef0123456789abcdef",
            b"\"0123456789abcdef0123456789abcdef",
            b"w/\"0123456789abcdef0123456789abcdef\"",
            b"W/",
            b"\"\xff\xfe\", *",
            "\"é\"".as_bytes(),
            long.as_bytes(),
        ] {
            assert_eq!(
                read_field(value, TAG),
                Condition::Unconditional,
                "{value:?}"
            );
        }
    }

    #[tokio::test]
    async fn answers_that_set_their_own_cache_control_get_no_tag() {
        use axum::Router;
        use axum::body::Body;
        use axum::routing::get;
        use tower::ServiceExt;
        let app = Router::new()
            .route("/ok", get(|| async { "an answer" }))
            .route(
                "/failed",
                get(|| async { no_store("no answer".into_response()) }),
            )
            .layer(CachingLayer::new("b", "/negotiated", &[]));
        for (uri, tagged) in [("/ok", true), ("/failed", false)] {
            let res = app
                .clone()
                .oneshot(Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            assert_eq!(res.headers().contains_key(ETAG), tagged, "{uri}");
            let cache = res.headers()[CACHE_CONTROL].to_str().unwrap();
            assert_eq!(
                cache,
                if tagged {
                    PAGE_CACHE_CONTROL
                } else {
                    "no-store"
                }
            );
        }
    }

    #[test]
    fn tags_depend_on_build_url_and_representation() {
        let fixed = Validator::new("b1", Negotiation::Fixed);
        let tag = fixed.opaque_tag("/explain/tar", true);
        assert_eq!(tag.len(), 32);
        assert_eq!(tag, fixed.opaque_tag("/explain/tar", false));
        assert_ne!(tag, fixed.opaque_tag("/explain/ls", true));
        let other_build = Validator::new("b2", Negotiation::Fixed);
        assert_ne!(tag, other_build.opaque_tag("/explain/tar", true));
        let negotiated = Validator::new("b1", Negotiation::ByAccept);
        assert_ne!(
            negotiated.opaque_tag("/explain?cmd=ls", true),
            negotiated.opaque_tag("/explain?cmd=ls", false)
        );
    }
}
