//! Every route through the router, on real pages: statuses, content types, headers and bodies.

mod common;
#[path = "routes/http.rs"]
mod http_behaviour;

use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

fn app() -> Router {
    static STATE: OnceLock<Arc<web::AppState>> = OnceLock::new();
    web::router(STATE.get_or_init(common::test_state).clone())
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
    bytes: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(&name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    /// The header names in every `Vary` field, lowercased.
    fn vary(&self) -> Vec<String> {
        self.headers
            .get_all(header::VARY)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|name| name.trim().to_ascii_lowercase())
            .collect()
    }
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `GET uri` with these request headers (values as bytes, so that tests can send any).
async fn send(uri: &str, headers: &[(header::HeaderName, &[u8])]) -> Reply {
    let mut req = Request::get(uri);
    for (name, value) in headers {
        let value = header::HeaderValue::from_bytes(value).expect("a valid header value");
        req = req.header(name, value);
    }
    let res = app()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .expect("the router never fails");
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
    }
}

async fn get(uri: &str, accept: Option<&str>) -> Reply {
    match accept {
        Some(a) => send(uri, &[(header::ACCEPT, a.as_bytes())]).await,
        None => send(uri, &[]).await,
    }
}

const BROWSER: Option<&str> =
    Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

#[tokio::test]
async fn api_v1_serves_the_json_contract() {
    let r = get(
        &format!("/api/v1/explain?cmd={}", encode("tar -xzvf x.tgz")),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.header(header::CONTENT_TYPE)
            .starts_with("application/json")
    );
    let v = r.json();
    assert_eq!(v["version"], 1);
    assert_eq!(v["command"], "tar -xzvf x.tgz");
    let texts: Vec<&str> = v["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["tar", "-x", "z", "v", "f", "x.tgz"]);
    assert_eq!(v["spans"][1]["page"], "tar(1)");
}

#[tokio::test]
async fn api_v1_explains_errors_clearly() {
    let r = get("/api/v1/explain", None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["error"].as_str().unwrap().contains("cmd"));
    let long = "a".repeat(web::MAX_COMMAND_BYTES + 1);
    let r = get(&format!("/api/v1/explain?cmd={long}"), None).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.json()["error"].as_str().unwrap().contains("16 KiB"));
}

#[tokio::test]
async fn hover_clients_get_matches_in_utf16() {
    // bash-language-server sends no text/html in Accept.
    for accept in [None, Some("*/*")] {
        let r = get(&format!("/explain?cmd={}", encode("ls -la")), accept).await;
        assert_eq!(r.status, StatusCode::OK);
        let m = &r.json()["matches"];
        assert_eq!(m[0]["start"], 0);
        assert_eq!(m[0]["end"], 2);
        assert_eq!(m[1]["start"], 3);
        assert_eq!(m[1]["end"], 5);
        assert!(
            m[1]["helpHTML"]
                .as_str()
                .unwrap()
                .contains("long listing format")
        );
    }
    // UTF-16: an astral character counts two units.
    let r = get(&format!("/api/explain?cmd={}", encode("echo 😀 -n")), None).await;
    let m = r.json()["matches"].as_array().unwrap().clone();
    let last = m.last().unwrap();
    assert_eq!(
        (last["start"].as_u64(), last["end"].as_u64()),
        (Some(8), Some(10))
    );
    let mut end = 0;
    for x in &m {
        assert!(x["start"].as_u64().unwrap() >= end, "overlap in {m:?}");
        end = x["end"].as_u64().unwrap();
    }
}

#[tokio::test]
async fn format_json_wins_over_accept() {
    let r = get(
        &format!("/explain?cmd={}&format=json", encode("ls -l")),
        BROWSER,
    )
    .await;
    assert!(r.json()["matches"].as_array().unwrap().len() >= 2);
}

#[tokio::test]
async fn hover_failures_are_empty_matches_with_200() {
    let long = "a".repeat(web::MAX_COMMAND_BYTES + 10);
    for uri in [
        "/explain".to_string(),
        "/explain?cmd=".to_string(),
        format!("/explain?cmd={long}"),
        format!("/api/explain?cmd={long}"),
    ] {
        let r = get(&uri, None).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert_eq!(r.json(), serde_json::json!({"matches": []}), "{uri}");
    }
}

#[tokio::test]
async fn browsers_get_the_page_with_boxes_and_security_headers() {
    let r = get(
        &format!("/explain?cmd={}", encode("tar -xzvf x.tgz")),
        BROWSER,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header(header::CONTENT_TYPE).starts_with("text/html"));
    assert_eq!(r.body.matches("<li class=\"box ").count(), 5);
    assert!(
        r.body
            .contains(r#"<a class="page" href="/explain/1/tar">tar(1)</a>"#)
    );
    assert!(
        r.header(header::CONTENT_SECURITY_POLICY)
            .contains("script-src 'self'")
    );
    assert!(
        r.header(header::CONTENT_SECURITY_POLICY)
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(r.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(r.header(header::X_FRAME_OPTIONS), "DENY");
}

#[tokio::test]
async fn the_page_escapes_what_it_is_given() {
    let cmd = "echo '<script>alert(1)</script>' \"&\"";
    let r = get(&format!("/explain?cmd={}", encode(cmd)), BROWSER).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains("<script>alert"));
    assert!(r.body.contains("&#60;script&#62;") || r.body.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn long_input_is_413_with_a_message() {
    let long = "a".repeat(web::MAX_COMMAND_BYTES + 1);
    let r = get(&format!("/explain?cmd={long}"), BROWSER).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("16 KiB"));
}

#[tokio::test]
async fn empty_query_goes_home() {
    let r = get("/explain?cmd=+", BROWSER).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header(header::LOCATION), "/");
}

#[tokio::test]
async fn unknown_programs_get_similar_names() {
    let r = get(
        &format!("/explain?cmd={}", encode("tarr -xf a.tar")),
        BROWSER,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("documents <code>tarr</code>"), "{}", r.body);
    assert!(r.body.contains(r#"<a href="/explain/tar">tar</a>"#));
}

#[tokio::test]
async fn parse_errors_show_the_line_with_a_caret() {
    let r = get(&format!("/explain?cmd={}", encode("echo \"abc")), BROWSER).await;
    assert!(r.body.contains("Syntax error on line 1"), "{}", r.body);
    // The caret stands under the opening quote that is never closed.
    assert!(r.body.contains("echo &#34;abc\n     ^</pre>"), "{}", r.body);
}

#[tokio::test]
async fn program_pages_list_every_option() {
    for uri in ["/explain/tar", "/explain/1/tar"] {
        let r = get(uri, BROWSER).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert!(r.body.contains("<h1>tar(1)</h1>"));
        assert!(r.body.contains("--extract"));
        assert!(r.body.contains("id=\"opt--file\"") || r.body.contains("id=\"opt-f\""));
    }
    let r = get("/explain/9/tar", BROWSER).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("tar(9)"));
    assert!(r.body.contains(r#"href="/explain/1/tar""#));
    let r = get("/explain/srot", BROWSER).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains(r#"href="/explain/sort""#));
}

#[tokio::test]
async fn home_has_a_search_box_and_examples() {
    let r = get("/", BROWSER).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(r#"action="/explain""#));
    assert!(r.body.contains("/explain?cmd=tar%20-xzvf%20archive.tar.gz"));
    assert!(
        r.body.contains(r#"action="/search""#),
        "the option search form"
    );
}

#[tokio::test]
async fn healthz_reports_the_index() {
    let r = get("/healthz", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["pages"], 7);
    assert_eq!(v["build_id"], "in-memory");
}

#[tokio::test]
async fn static_files_are_cached() {
    let page = get("/", BROWSER).await.body;
    let start = page
        .find("/static/style.css?v=")
        .expect("the page links the CSS");
    let url = &page[start..page[start..].find('"').unwrap() + start];
    let r = get(url, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header(header::CONTENT_TYPE).starts_with("text/css"));
    assert!(r.header(header::CACHE_CONTROL).contains("max-age=31536000"));
    let etag = r.header(header::ETAG).to_string();
    let res = app()
        .oneshot(
            Request::get(url)
                .header(header::IF_NONE_MATCH, &etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(
        get("/static/nope.js", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn unknown_routes_are_404() {
    assert_eq!(get("/nope", BROWSER).await.status, StatusCode::NOT_FOUND);
    let r = get("/nope", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["error"], "not found");
}

#[tokio::test]
async fn search_lists_options_linked_to_their_explanation() {
    let r = get("/search?q=ignore+case&in=grep", BROWSER).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header(header::CONTENT_TYPE).starts_with("text/html"));
    assert!(
        r.header(header::CONTENT_SECURITY_POLICY)
            .contains("frame-ancestors 'none'")
    );
    let first = r.body.find("<li class=\"result\">").expect("a result");
    let first = &r.body[first..];
    assert!(
        first.contains(r#"href="/explain?cmd=grep+--ignore-case""#),
        "{first}"
    );
    assert!(
        first.contains("<code>grep -i, --ignore-case</code>"),
        "{first}"
    );
    assert!(first.contains(r#"href="/explain/1/grep#opt-i">grep(1)</a>"#));
    assert!(r.body.contains(r#"name="q" value="ignore case""#));
    assert!(
        r.body
            .contains(r#"name="in" class="search-in" value="grep""#)
    );
    // Across all pages, and a builtin cited as bash(1) with no anchor on bash's page.
    let r = get("/search?q=timeout&in=read", BROWSER).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("<code>read -t timeout</code>"),
        "{}",
        r.body
    );
    assert!(r.body.contains(r#"href="/explain/1/bash">bash(1)</a>"#));
    assert!(r.body.contains(r#"href="/explain?cmd=read+-t""#));
}

#[tokio::test]
async fn search_says_why_there_is_nothing() {
    let r = get("/search", BROWSER).await;
    assert_eq!(r.status, StatusCode::OK, "the empty form");
    assert!(r.body.contains(r#"action="/search""#));
    assert!(!r.body.contains("class=\"result\""));
    let r = get("/search?q=zzxqj+qqzzv", BROWSER).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("No option matches"), "{}", r.body);
    let r = get(&format!("/search?q={}", encode("-- \"' ()")), BROWSER).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("no words to search for"), "{}", r.body);
    let r = get("/search?q=gzip&in=nosuch", BROWSER).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("nosuch"));
    let long = "a".repeat(web::MAX_QUERY_BYTES + 1);
    let r = get(&format!("/search?q={long}"), BROWSER).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn search_escapes_the_query_and_reads_it_as_words() {
    for q in [
        "<script>alert(1)</script>",
        "\"--foo AND (bar",
        "title:x* ~2",
    ] {
        let r = get(
            &format!("/search?q={}&in={}", encode(q), encode(q)),
            BROWSER,
        )
        .await;
        assert!(
            [
                StatusCode::OK,
                StatusCode::BAD_REQUEST,
                StatusCode::NOT_FOUND
            ]
            .contains(&r.status),
            "{q}: {}",
            r.status
        );
        assert!(!r.body.contains("<script>alert"), "{q}");
        let r = get(&format!("/search?q={}", encode(q)), BROWSER).await;
        assert_eq!(r.status, StatusCode::OK, "{q}");
    }
}

#[tokio::test]
async fn api_v1_search_serves_the_search_contract() {
    let r = get("/api/v1/search?q=human+readable+sizes&in=du&limit=2", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.header(header::CONTENT_TYPE)
            .starts_with("application/json")
    );
    let v = r.json();
    assert_eq!(v["version"], 1);
    assert_eq!(v["query"], "human readable sizes");
    assert_eq!(v["in"], "du");
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(
        results[0]["flags"],
        serde_json::json!(["-h", "--human-readable"])
    );
    assert_eq!(results[0]["page"], "du(1)");
    assert_eq!(results[0]["explain"], "du --human-readable");
    for field in ["program", "command", "spellings", "summary", "score"] {
        assert!(!results[0][field].is_null(), "{field}");
    }
    for (uri, status) in [
        ("/api/v1/search", StatusCode::BAD_REQUEST),
        ("/api/v1/search?q=--", StatusCode::BAD_REQUEST),
        ("/api/v1/search?q=x&in=nosuch", StatusCode::NOT_FOUND),
    ] {
        let r = get(uri, None).await;
        assert_eq!(r.status, status, "{uri}");
        assert!(r.json()["error"].is_string(), "{uri}");
    }
}

/// A line where one help explains parts of two commands (`-l` twice) and shell syntax sits
/// between them: the numbering the page, the v2 API and the terminal share.
const SHARED_HELPS: &str = "ls -l /tmp; ls -l | sort -r > out 2>&1";

#[tokio::test]
async fn api_v2_gives_each_help_once_and_spans_point_at_it() {
    let r = get(
        &format!("/api/v2/explain?cmd={}", encode(SHARED_HELPS)),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["version"], 2);
    let spans = v["spans"].as_array().unwrap();
    let helps = v["helps"].as_array().unwrap();
    let help_of = |text: &str, nth: usize| {
        spans.iter().filter(|s| s["text"] == text).nth(nth).unwrap()["help"].clone()
    };
    assert_eq!(help_of("-l", 0), help_of("-l", 1), "one help for both -l");
    assert_ne!(help_of("ls", 0), help_of("-l", 0));
    let l = &helps[help_of("-l", 0).as_u64().unwrap() as usize - 1];
    assert_eq!(l["kind"], "option");
    assert!(l["head"].as_str().unwrap().starts_with("-l"), "{l}");
    // Each help is used, and ids count up in order of first use.
    let mut seen: Vec<u64> = Vec::new();
    for s in spans {
        if let Some(id) = s["help"].as_u64()
            && !seen.contains(&id)
        {
            seen.push(id);
        }
    }
    assert_eq!(seen, (1..=helps.len() as u64).collect::<Vec<_>>());
    // The v1 answer for the same line is still served, each span carrying its help's text.
    let r = get(
        &format!("/api/v1/explain?cmd={}", encode(SHARED_HELPS)),
        None,
    )
    .await;
    let v1 = r.json();
    assert_eq!(v1["version"], 1);
    let l1 = v1["spans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"] == "-l")
        .unwrap();
    let joined = format!(
        "{}\n\n{}",
        l["head"].as_str().unwrap(),
        l["body"].as_str().unwrap()
    );
    assert_eq!(l1["help"], joined.as_str());
}

#[tokio::test]
async fn the_page_numbers_parts_by_help_id() {
    let v = get(
        &format!("/api/v2/explain?cmd={}", encode(SHARED_HELPS)),
        None,
    )
    .await
    .json();
    let ids: Vec<String> = v["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["help"].as_u64().map_or("?".into(), |n| n.to_string()))
        .collect();
    let page = get(&format!("/explain?cmd={}", encode(SHARED_HELPS)), BROWSER).await;
    let labels: Vec<String> = page
        .body
        .split("<rt>")
        .skip(1)
        .map(|s| s.split("</rt>").next().unwrap().to_string())
        .collect();
    assert_eq!(labels, ids);
    let boxes = page.body.matches("<li class=\"box ").count();
    assert_eq!(boxes, v["helps"].as_array().unwrap().len());
}

#[tokio::test]
async fn crlf_ends_a_line() {
    let r = get("/api/v2/explain?cmd=echo%20a%0D%0Als%20-l", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    let programs: Vec<(&str, u64)> = v["spans"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "program")
        .map(|s| (s["text"].as_str().unwrap(), s["group"].as_u64().unwrap()))
        .collect();
    assert_eq!(programs.len(), 2, "{v}");
    assert_eq!((programs[0].0, programs[1].0), ("echo", "ls"));
    assert_ne!(programs[0].1, programs[1].1, "two commands: {v}");
    let l = v["spans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"] == "-l")
        .unwrap();
    assert_eq!(l["kind"], "option", "{v}");
    assert!(v["errors"].as_array().unwrap().is_empty(), "{v}");
}

/// The `href` of every example link on the home page.
fn example_links(home: &str) -> Vec<String> {
    home.split("href=\"/explain?cmd=")
        .skip(1)
        .map(|s| format!("/explain?cmd={}", s.split('"').next().unwrap()))
        .collect()
}

#[tokio::test]
async fn home_examples_include_explainshells_and_a_script_and_all_explain() {
    let home = get("/", BROWSER).await;
    let links = example_links(&home.body);
    for wanted in [web::EXAMPLES[5], "for user in $(cut -f1 -d: /etc/passwd)"] {
        assert!(
            links.iter().any(|l| l.contains(&encode(wanted))),
            "the home page links {wanted:?}: {links:?}"
        );
    }
    let script = links
        .iter()
        .find(|l| l.contains(&encode(web::SCRIPT_EXAMPLE)))
        .expect("the script example is linked whole");
    for link in &links {
        let page = get(link, BROWSER).await;
        assert_eq!(page.status, StatusCode::OK, "{link}");
        assert!(page.body.contains("id=\"command\""), "{link} is explained");
    }
    let page = get(script, BROWSER).await;
    let lines = web::SCRIPT_EXAMPLE.lines().count();
    assert_eq!(
        page.body.matches("<section class=\"block").count(),
        lines,
        "one block per script line"
    );
}
