//! HTTP behaviour across the routes: Vary, ETag and Cache-Control, 304 Not Modified,
//! compression, and the redirects from explainshell's URL forms.

use axum::http::{StatusCode, header};

use super::{BROWSER, encode, get, send};

/// Every cacheable route, each with the Accept it is asked with.
fn cacheable() -> Vec<(String, Option<&'static str>)> {
    let cmd = encode("tar -xzvf x.tgz");
    vec![
        ("/".into(), BROWSER),
        (format!("/explain?cmd={cmd}"), BROWSER),
        (format!("/explain?cmd={cmd}"), None),
        ("/explain/tar".into(), BROWSER),
        ("/explain/1/tar".into(), BROWSER),
        ("/search?q=ignore+case&in=grep".into(), BROWSER),
        (format!("/api/v2/explain?cmd={cmd}"), None),
        (format!("/api/v1/explain?cmd={cmd}"), None),
        ("/api/v1/search?q=ignore+case".into(), None),
        (format!("/api/explain?cmd={cmd}"), None),
    ]
}

#[tokio::test]
async fn answers_that_depend_on_accept_vary_on_it() {
    let long = "a".repeat(web::MAX_COMMAND_BYTES + 1);
    for (uri, accept, status) in [
        ("/explain?cmd=ls".to_string(), BROWSER, StatusCode::OK),
        ("/explain?cmd=ls".to_string(), None, StatusCode::OK),
        (
            format!("/explain?cmd={long}"),
            BROWSER,
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        ("/explain?cmd=+".to_string(), BROWSER, StatusCode::SEE_OTHER),
        ("/nope".to_string(), BROWSER, StatusCode::NOT_FOUND),
        ("/nope".to_string(), None, StatusCode::NOT_FOUND),
    ] {
        let r = get(&uri, accept).await;
        assert_eq!(r.status, status, "{uri}");
        assert!(r.vary().contains(&"accept".into()), "{uri}: {:?}", r.vary());
    }
    for uri in ["/api/v2/explain?cmd=ls", "/explain/tar", "/"] {
        let r = get(uri, BROWSER).await;
        assert!(
            !r.vary().contains(&"accept".into()),
            "{uri}: {:?}",
            r.vary()
        );
    }
}

#[tokio::test]
async fn pages_and_apis_carry_a_stable_etag_and_cache_control() {
    let mut tags = Vec::new();
    for (uri, accept) in cacheable() {
        let first = get(&uri, accept).await;
        assert_eq!(first.status, StatusCode::OK, "{uri}");
        let tag = first.header(header::ETAG).to_string();
        assert!(
            tag.len() > 2 && tag.starts_with('"') && tag.ends_with('"'),
            "{uri}: {tag:?}"
        );
        assert_eq!(get(&uri, accept).await.header(header::ETAG), tag, "{uri}");
        assert_eq!(
            first.header(header::CACHE_CONTROL),
            "public, max-age=300",
            "{uri}"
        );
        assert!(first.vary().contains(&"accept-encoding".into()), "{uri}");
        tags.push(tag);
    }
    let mut distinct = tags.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        tags.len(),
        "each URL and representation its own tag"
    );
}

#[tokio::test]
async fn a_matching_if_none_match_is_304_and_others_are_200() {
    for (uri, accept) in cacheable() {
        let accept = accept.unwrap_or("").as_bytes();
        let full = send(&uri, &[(header::ACCEPT, accept)]).await;
        let tag = full.header(header::ETAG).to_string();
        let weak = format!("W/{tag}");
        let list = format!("\"other\", {tag} ,W/\"x\"");
        for sent in [tag.as_str(), weak.as_str(), list.as_str(), "*"] {
            let r = send(
                &uri,
                &[
                    (header::ACCEPT, accept),
                    (header::IF_NONE_MATCH, sent.as_bytes()),
                ],
            )
            .await;
            assert_eq!(r.status, StatusCode::NOT_MODIFIED, "{uri} {sent}");
            assert!(r.bytes.is_empty(), "{uri} {sent}");
            let echoed = if sent == weak { &weak } else { &tag };
            assert_eq!(r.header(header::ETAG), echoed, "{uri} {sent}");
            assert_eq!(r.header(header::CACHE_CONTROL), "public, max-age=300");
            assert_eq!(r.vary(), full.vary(), "{uri} {sent}");
            assert_eq!(r.header(header::X_FRAME_OPTIONS), "DENY");
        }
        let hostile = [
            &b"\"nope\""[..],
            b"w/\"nope\", \"",
            b"\"\xff\xfe\xc3\xa9\"",
            &[b'"'; 20_000][..],
        ];
        for sent in hostile {
            let r = send(
                &uri,
                &[(header::ACCEPT, accept), (header::IF_NONE_MATCH, sent)],
            )
            .await;
            assert_eq!(r.status, StatusCode::OK, "{uri}");
            assert_eq!(r.bytes, full.bytes, "{uri}");
        }
    }
    // The tag is the representation's: the HTML page's tag does not validate the JSON.
    let page = get("/explain?cmd=ls", BROWSER).await;
    let r = send(
        "/explain?cmd=ls",
        &[(header::IF_NONE_MATCH, page.header(header::ETAG).as_bytes())],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.json()["matches"].is_array());
}

#[tokio::test]
async fn errors_and_healthz_get_no_etag() {
    let long = "a".repeat(web::MAX_COMMAND_BYTES + 1);
    for (uri, accept, status) in [
        ("/explain/9/tar".to_string(), BROWSER, StatusCode::NOT_FOUND),
        ("/explain/srot".to_string(), BROWSER, StatusCode::NOT_FOUND),
        ("/nope".to_string(), None, StatusCode::NOT_FOUND),
        (
            "/search?q=gzip&in=nosuch".to_string(),
            BROWSER,
            StatusCode::NOT_FOUND,
        ),
        ("/api/v1/explain".to_string(), None, StatusCode::BAD_REQUEST),
        (
            format!("/api/v1/explain?cmd={long}"),
            None,
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            format!("/explain?cmd={long}"),
            BROWSER,
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        ("/healthz".to_string(), None, StatusCode::OK),
    ] {
        let r = get(&uri, accept).await;
        assert_eq!(r.status, status, "{uri}");
        assert!(!r.headers.contains_key(header::ETAG), "{uri}");
        assert!(!r.headers.contains_key(header::CACHE_CONTROL), "{uri}");
    }
    // `*` asks for any current answer: there is none at a 404.
    let r = send("/explain/9/tar", &[(header::IF_NONE_MATCH, b"*")]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut out)
        .expect("a gzip body");
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(
        &mut brotli_decompressor::Decompressor::new(bytes, 4096),
        &mut out,
    )
    .expect("a br body");
    out
}

#[tokio::test]
async fn bodies_are_compressed_when_the_client_asks() {
    let page = format!("/explain?cmd={}", encode("tar -xzvf x.tgz"));
    let api = format!("/api/v2/explain?cmd={}", encode("tar -xzvf x.tgz"));
    for (uri, accept) in [
        (page.as_str(), BROWSER),
        (api.as_str(), None),
        ("/", BROWSER),
    ] {
        let accept = accept.unwrap_or("").as_bytes();
        let plain = send(uri, &[(header::ACCEPT, accept)]).await;
        assert!(
            !plain.headers.contains_key(header::CONTENT_ENCODING),
            "{uri}"
        );
        let tag = plain.header(header::ETAG).to_string();
        for (coding, decode) in [("gzip", gunzip as fn(&[u8]) -> Vec<u8>), ("br", unbrotli)] {
            let r = send(
                uri,
                &[
                    (header::ACCEPT, accept),
                    (header::ACCEPT_ENCODING, coding.as_bytes()),
                ],
            )
            .await;
            assert_eq!(r.status, StatusCode::OK, "{uri} {coding}");
            assert_eq!(r.header(header::CONTENT_ENCODING), coding, "{uri}");
            assert!(r.bytes.len() < plain.bytes.len(), "{uri} {coding}");
            assert_eq!(decode(&r.bytes), plain.bytes, "{uri} {coding}");
            // The same tag, weak: the bytes differ, what they say does not.
            assert_eq!(r.header(header::ETAG), format!("W/{tag}"), "{uri}");
            assert!(r.vary().contains(&"accept-encoding".into()));
            assert!(
                r.header(header::CONTENT_SECURITY_POLICY)
                    .contains("frame-ancestors 'none'")
            );
            assert_eq!(r.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
            let again = send(
                uri,
                &[
                    (header::ACCEPT, accept),
                    (header::ACCEPT_ENCODING, coding.as_bytes()),
                    (header::IF_NONE_MATCH, r.header(header::ETAG).as_bytes()),
                ],
            )
            .await;
            assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{uri} {coding}");
        }
    }
    // Codings this server does not make, or refused ones, leave the body as it is.
    let plain = get(&api, None).await;
    for coding in ["zstd, deflate", "identity", "gzip;q=0, br;q=0", "x-unknown"] {
        let r = send(&api, &[(header::ACCEPT_ENCODING, coding.as_bytes())]).await;
        assert_eq!(r.status, StatusCode::OK, "{coding}");
        assert!(
            !r.headers.contains_key(header::CONTENT_ENCODING),
            "{coding}"
        );
        assert_eq!(r.bytes, plain.bytes, "{coding}");
        assert_eq!(r.header(header::ETAG), plain.header(header::ETAG));
    }
    // Static files are compressed too and keep their own strong tag.
    let home = get("/", BROWSER).await.body;
    let start = home
        .find("/static/app.js?v=")
        .expect("the page links the script");
    let url = &home[start..home[start..].find('"').unwrap() + start];
    let plain = get(url, None).await;
    let r = send(url, &[(header::ACCEPT_ENCODING, b"br")]).await;
    assert_eq!(r.header(header::CONTENT_ENCODING), "br");
    assert_eq!(unbrotli(&r.bytes), plain.bytes);
    assert_eq!(r.header(header::ETAG), plain.header(header::ETAG));
}

#[tokio::test]
async fn explainshell_urls_redirect_to_the_explanation() {
    let cases = [
        (
            "/explain/ubuntu/26.04?cmd=tar+xzvf+a.tgz".to_string(),
            "/explain?cmd=tar+xzvf+a.tgz",
        ),
        (
            format!("/explain/ubuntu/26.04?cmd={}", encode("echo a && echo é")),
            "/explain?cmd=echo+a+%26%26+echo+%C3%A9",
        ),
        (
            "/explain/tar?args=xzvf+a.tgz".to_string(),
            "/explain?cmd=tar+xzvf+a.tgz",
        ),
        (
            format!("/explain/1/tar?args={}", encode("-x -f 'a b' & é")),
            "/explain?cmd=tar+-x+-f+%27a+b%27+%26+%C3%A9",
        ),
    ];
    for (uri, location) in cases {
        let r = get(&uri, BROWSER).await;
        assert_eq!(r.status, StatusCode::MOVED_PERMANENTLY, "{uri}");
        assert_eq!(r.header(header::LOCATION), location, "{uri}");
        assert!(!r.headers.contains_key(header::ETAG), "{uri}");
    }
    let r = get("/explain?cmd=tar+xzvf+a.tgz", BROWSER).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(r#"href="/explain/1/tar">tar(1)</a>"#));
    // Without cmd or args, the program pages stay program pages.
    let r = get("/explain/1/tar", BROWSER).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<h1>tar(1)</h1>"));
    let r = get("/explain/tar?cmd=ls", BROWSER).await;
    assert!(r.body.contains("<h1>tar(1)</h1>"));
    assert_eq!(
        get("/explain/ubuntu/26.04", BROWSER).await.status,
        StatusCode::NOT_FOUND
    );
    let long = "a".repeat(web::MAX_COMMAND_BYTES);
    let r = get(&format!("/explain/tar?args={long}"), BROWSER).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("16 KiB"));
}
