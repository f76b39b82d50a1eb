//! Static files, embedded in the binary and served with a long cache lifetime. Pages link them
//! with `?v=<hash of the content>`, so a changed file gets a new URL.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG};
use axum::http::{HeaderMap, StatusCode, header::IF_NONE_MATCH};
use axum::response::{IntoResponse, Response};

struct Asset {
    name: &'static str,
    mime: &'static str,
    body: &'static [u8],
}

static ASSETS: &[Asset] = &[
    Asset {
        name: "style.css",
        mime: "text/css; charset=utf-8",
        body: include_bytes!("../static/style.css"),
    },
    Asset {
        name: "app.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../static/app.js"),
    },
    Asset {
        name: "theme.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../static/theme.js"),
    },
    Asset {
        name: "icon.svg",
        mime: "image/svg+xml",
        body: include_bytes!("../static/icon.svg"),
    },
];

/// FNV-1a: a stable content hash for cache-busting URLs and ETags.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn version(asset: &Asset) -> String {
    format!("{:012x}", hash(asset.body) & 0xffff_ffff_ffff)
}

/// The URLs pages use for the static files.
pub struct AssetUrls {
    /// The stylesheet.
    pub css: String,
    /// The page script (connector lines, highlighting, keys, theme toggle).
    pub js: String,
    /// The small script that applies the remembered theme before the page paints.
    pub theme_js: String,
    /// The favicon.
    pub icon: String,
}

fn url(name: &str) -> String {
    let asset = ASSETS
        .iter()
        .find(|a| a.name == name)
        .expect("asset is embedded");
    format!("/static/{}?v={}", asset.name, version(asset))
}

/// The URLs, computed once.
pub static URLS: LazyLock<AssetUrls> = LazyLock::new(|| AssetUrls {
    css: url("style.css"),
    js: url("app.js"),
    theme_js: url("theme.js"),
    icon: url("icon.svg"),
});

/// `GET /static/{file}`.
pub async fn serve(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some(asset) = ASSETS.iter().find(|a| a.name == file) else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    let etag = format!("\"{}\"", version(asset));
    let cache = [
        (
            CACHE_CONTROL,
            "public, max-age=31536000, immutable".to_string(),
        ),
        (ETAG, etag.clone()),
    ];
    if headers
        .get(IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    (cache, [(CONTENT_TYPE, asset.mime.to_string())], asset.body).into_response()
}
