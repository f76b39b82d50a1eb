//! `explain serve` as a user starts it: it listens where told, answers over HTTP from the
//! shipped corpus, and `serve` is a management command only as the first argument.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The binary with a cache folder of the test's own, so tests never build one index at once.
fn explain(test: &str) -> Command {
    let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("explain-serve-{test}"));
    std::fs::create_dir_all(&cache).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_explain"));
    cmd.env_remove("EXPLAIN_INDEX")
        .env("XDG_CACHE_HOME", &cache)
        .env("HOME", &cache);
    cmd
}

fn http_get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("the server accepts connections");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    reply
}

#[test]
fn serve_answers_on_the_address_given() {
    let mut child = explain("answers")
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let result = std::panic::catch_unwind(|| {
        // "explain: serving N pages (index ID) on http://127.0.0.1:PORT/"
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|s| s.trim().strip_suffix('/'))
            .unwrap_or_else(|| panic!("the address is printed: {line:?}"))
            .to_string();
        let health = http_get(&addr, "/healthz");
        assert!(health.starts_with("HTTP/1.1 200"), "{health}");
        assert!(health.contains("\"status\":\"ok\""), "{health}");
        let api = http_get(&addr, "/api/v1/explain?cmd=tar%20-xzvf%20x.tgz");
        assert!(api.contains("\"page\":\"tar(1)\""), "{api}");
    });
    let _ = child.kill();
    let _ = child.wait();
    result.unwrap();
}

#[test]
fn serve_refuses_a_bad_address() {
    let out = explain("bad-address")
        .args(["serve", "--addr", "nowhere"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--addr"));
}

#[test]
fn serve_after_dashdash_is_a_program_to_explain() {
    let out = explain("dashdash")
        .args(["--", "serve", "foo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("serve foo"));
}
