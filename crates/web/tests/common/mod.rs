//! Shared by the web crate's integration tests: an index of a few real pages from the shipped
//! corpus, and a server on a loopback port.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use web::AppState;

/// The pages the tests explain with: real pages from `manpages/`.
const PAGES: &[&str] = &[
    "man1/tar.1.gz",
    "man1/ls.1.gz",
    "man1/sort.1.gz",
    "man1/bash.1.gz",
    "man1/echo.1.gz",
    "man1/grep.1.gz",
    "man1/du.1.gz",
];

/// More real pages for the browser test, whose script and long line use these programs.
pub const BROWSER_PAGES: &[&str] = &[
    "man1/cat.1.gz",
    "man1/wc.1.gz",
    "man1/rsync.1.gz",
    "man1/curl.1.gz",
    "man1/jq.1.gz",
    "man1/tee.1.gz",
];

/// The workspace root.
pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(|p| p.parent())
        .expect("crates/web is two levels below the workspace")
        .to_path_buf()
}

/// An in-memory index of [`PAGES`].
pub fn test_store() -> store::Store {
    let store = testkit::stored::shipped(PAGES);
    assert_eq!(store.info().pages, PAGES.len(), "every test page is read");
    store
}

/// Application state over [`test_store`].
pub fn test_state() -> Arc<AppState> {
    Arc::new(AppState::new(test_store()))
}

/// Starts the server over [`test_state`] on a free loopback port in a runtime of its own
/// thread; returns its address. The server lives until the test process ends.
pub fn start_server() -> SocketAddr {
    serve_state(test_state())
}

/// Like [`start_server`], over [`PAGES`] and [`BROWSER_PAGES`].
pub fn start_browser_server() -> SocketAddr {
    let pages: Vec<&str> = PAGES.iter().chain(BROWSER_PAGES).copied().collect();
    serve_state(Arc::new(AppState::new(testkit::stored::shipped(&pages))))
}

fn serve_state(state: Arc<AppState>) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("a loopback port");
            tx.send(listener.local_addr().expect("bound"))
                .expect("the test waits");
            web::serve(listener, state).await.expect("serving");
        });
    });
    rx.recv().expect("the server starts")
}

/// The folder of the pinned npm tools (crates/web/tests/node).
pub fn node_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/node")
}

/// Whether the browser and LSP tests must run (CI sets `EXPLAIN_REQUIRE_BROWSER=1`); when not
/// required and their tools are missing, they say so and pass.
pub fn tools_or_skip(what: &str, needed: &[PathBuf]) -> bool {
    let missing: Vec<_> = needed.iter().filter(|p| !p.exists()).collect();
    if missing.is_empty() {
        return true;
    }
    let required = std::env::var_os("EXPLAIN_REQUIRE_BROWSER").is_some_and(|v| v == "1");
    assert!(
        !required,
        "{what}: missing {missing:?}; .ci/run installs them (apt-get install chromium chromium-driver; npm ci in crates/web/tests/node)"
    );
    eprintln!(
        "SKIPPED {what}: missing {missing:?} (run .ci/run's install steps, or set EXPLAIN_REQUIRE_BROWSER=1 to fail instead)"
    );
    false
}
