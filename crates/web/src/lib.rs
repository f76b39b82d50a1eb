//! The web surface of `explain`: the explanation page (the command row with a line drawn from
//! each part to its help box), program pages, and the JSON APIs: the v2 and v1 contracts of
//! `docs/json.md` and the `{"matches": [...]}` format that bash-language-server's hover client
//! reads from explainshell.
//!
//! [`router`] builds the whole application over any [`store::Store`]; [`serve`] runs it on a
//! listener until Ctrl-C. Pages render an [`matcher::Explanation`] and never recompute spans.
//!
//! Routes:
//!
//! | route | what |
//! |---|---|
//! | `/` | search box, examples, about |
//! | `/explain?cmd=...` | the explanation page (browsers), or hover JSON (other clients, `format=json`); `Vary: Accept` |
//! | `/explain/{name}`, `/explain/{section}/{name}` | a program page: description and every option |
//! | `/explain/{distro}/{release}?cmd=...`, `/explain/{name}?args=...` | explainshell's forms: 301 to `/explain?cmd=...` |
//! | `/search?q=...&in=...` | options found by what they do, each linked to its explanation |
//! | `/api/v1/search?q=...&in=...` | the same as JSON (the search contract) |
//! | `/api/v2/explain?cmd=...` | the JSON contract, version 2 |
//! | `/api/v1/explain?cmd=...` | the JSON contract, version 1 (kept for existing clients) |
//! | `/api/explain?cmd=...` | hover JSON for older bash-language-server versions |
//! | `/healthz` | the index's page count and build id (never cached) |
//! | `/static/{file}` | embedded CSS, JavaScript and icon, cached for a year |
//!
//! Every route but `/healthz` and `/static` answers 200 with an ETag and
//! `Cache-Control: public, max-age=300`, and `304 Not Modified` to a matching `If-None-Match`
//! ([`caching`]). Bodies are compressed with gzip or br when the client accepts them.

mod assets;
mod caching;
mod explainshell;
mod handlers;
mod hover;
mod program;
mod query;
mod search;
mod security;
mod suggest;
mod templates;
mod view;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::middleware::map_response;
use axum::routing::get;
use tokio::net::TcpListener;

pub use query::MAX_COMMAND_BYTES;
pub use search::MAX_QUERY_BYTES;
pub use templates::{EXAMPLES, SCRIPT_EXAMPLE};

/// How long one request may take before it is answered with 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// How many requests are handled at once; more wait their turn.
pub const MAX_CONCURRENT_REQUESTS: usize = 256;

/// What every handler shares: the index (which keeps decoded pages itself) and the names for
/// suggestions.
pub struct AppState {
    store: store::Store,
    names: suggest::Names,
}

impl AppState {
    /// State over an open index.
    pub fn new(store: store::Store) -> AppState {
        AppState {
            store,
            names: suggest::Names::default(),
        }
    }

    /// The index.
    pub fn store(&self) -> &store::Store {
        &self.store
    }
}

/// The whole application: routes, HTTP caching and compression, security headers, the request
/// timeout and the concurrency limit.
pub fn router(state: Arc<AppState>) -> Router {
    let caching = caching::CachingLayer::new(
        &state.store().info().build_id,
        "/explain",
        &["/healthz", "/static/"],
    );
    let routes = Router::new()
        .route("/", get(handlers::home))
        .route("/explain", get(handlers::explain))
        .route("/explain/{name}", get(handlers::program))
        .route(
            "/explain/{section}/{name}",
            get(handlers::program_in_section),
        )
        .route("/search", get(search::page))
        .route("/api/v2/explain", get(handlers::api_v2))
        .route("/api/v1/explain", get(handlers::api_v1))
        .route("/api/v1/search", get(search::api))
        .route("/api/explain", get(handlers::api_hover))
        .route("/healthz", get(handlers::healthz))
        .route("/static/{file}", get(assets::serve))
        .fallback(handlers::not_found)
        .with_state(state);
    // One stack, applied once (each `Router::layer` call boxes every route again), outermost
    // first: security headers and limits, then compression (and the weakening of the tags it
    // changes), then validation, which may answer 304 before any handler runs.
    routes.layer(
        security::layers()
            .layer(map_response(caching::weaken_compressed_tags))
            .layer(caching::compression())
            .layer(caching),
    )
}

/// Serves the application on `listener` until Ctrl-C (or the process ends).
pub async fn serve(listener: TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// Binds `addr` and serves the index on it, on a runtime of its own, until Ctrl-C. Prints the
/// address it listens on once it is ready.
pub fn run(addr: SocketAddr, store: store::Store) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|e| std::io::Error::new(e.kind(), format!("cannot listen on {addr}: {e}")))?;
        let local = listener.local_addr()?;
        let info = store.info();
        println!(
            "explain: serving {} pages (index {}) on http://{local}/",
            info.pages, info.build_id
        );
        serve(listener, Arc::new(AppState::new(store))).await
    })
}
