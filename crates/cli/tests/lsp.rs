//! `explain lsp` as an editor runs it: JSON-RPC with Content-Length framing over the real
//! binary's standard input and output, against the shipped corpus. Hovers on a program, a
//! letter of an option bundle, a redirection, the second line of a continued command, after
//! a non-BMP character (UTF-16 and UTF-8 columns), after incremental edits, and in markdown
//! code blocks; errors for bad requests; shutdown and exit.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A cache folder of this test binary, with the default index built once before any server
/// starts (so no two processes build it at once).
fn cache() -> PathBuf {
    static READY: OnceLock<Mutex<PathBuf>> = OnceLock::new();
    let dir = READY.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("explain-lsp-cache");
        std::fs::create_dir_all(&dir).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_explain"))
            .args(["--color", "never", "ls"])
            .env_remove("EXPLAIN_INDEX")
            .env("XDG_CACHE_HOME", &dir)
            .env("HOME", &dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        Mutex::new(dir)
    });
    dir.lock().unwrap().clone()
}

/// The server and a thread that reads its framed messages.
struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start() -> Server {
        let cache = cache();
        let mut child = Command::new(env!("CARGO_BIN_EXE_explain"))
            .arg("lsp")
            .env_remove("EXPLAIN_INDEX")
            .env("XDG_CACHE_HOME", &cache)
            .env("HOME", &cache)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length:") {
                        length = n.trim().parse::<usize>().ok();
                    }
                }
                let n = length.expect("every message has a Content-Length header");
                let mut body = vec![0; n];
                stdout.read_exact(&mut body).unwrap();
                let v: Value = serde_json::from_slice(&body).expect("the body is JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            incoming,
            next_id: 1,
        }
    }

    fn send(&mut self, msg: Value) {
        let body = serde_json::to_vec(&msg).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let msg = self
                .incoming
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no answer to {method}"));
            if msg["id"] == json!(id) {
                return msg;
            }
        }
    }

    fn initialize(&mut self, encodings: Option<&[&str]>) -> Value {
        let mut caps =
            json!({"textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}});
        if let Some(e) = encodings {
            caps["general"] = json!({"positionEncodings": e});
        }
        let resp = self.call(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": caps}),
        );
        self.notify("initialized", json!({}));
        resp["result"].clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    /// Ends the session (with `shutdown` first or not) and returns the exit status.
    fn finish(mut self, shutdown: bool) -> Option<i32> {
        if shutdown {
            let resp = self.call("shutdown", Value::Null);
            assert_eq!(resp["result"], Value::Null, "{resp}");
            assert!(resp.get("error").is_none(), "{resp}");
        }
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// The markdown of a hover answer, and its range as [start line, start char, end line,
/// end char].
fn answer(resp: &Value) -> (String, [u64; 4]) {
    let r = &resp["result"];
    assert_eq!(r["contents"]["kind"], "markdown", "{resp}");
    let text = r["contents"]["value"].as_str().unwrap().to_string();
    let g = |a: &str, b: &str| r["range"][a][b].as_u64().unwrap();
    (
        text,
        [
            g("start", "line"),
            g("start", "character"),
            g("end", "line"),
            g("end", "character"),
        ],
    )
}

const SCRIPT: &str = "#!/bin/bash\n\
tar -xzvf x.tgz\n\
ls -l > out.txt\n\
grep -r \\\n  -i pattern .\n\
echo \u{1F600} | sort -r\n";

#[test]
fn lsp_hovers_shell_and_markdown_with_utf16_positions() {
    let mut s = Server::start();
    let init = s.initialize(None);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16", "{init}");
    assert_eq!(
        init["capabilities"]["textDocumentSync"]["change"], 2,
        "{init}"
    );
    assert_eq!(init["capabilities"]["textDocumentSync"]["openClose"], true);
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    assert_eq!(init["serverInfo"]["name"], "explain");

    let uri = "file:///work/deploy.sh";
    s.open(uri, "shellscript", SCRIPT);

    // The program.
    let (md, range) = answer(&s.hover(uri, 1, 1));
    assert_eq!(range, [1, 0, 1, 3]);
    assert!(
        md.contains("an archiving utility") && md.contains("tar(1)"),
        "{md}"
    );
    // One letter of a bundle: its own option, heading as code.
    let (md, range) = answer(&s.hover(uri, 1, 6));
    assert_eq!(range, [1, 6, 1, 7]);
    assert!(md.starts_with("```text\n-z, --gzip"), "{md}");
    // A redirection: bash(1).
    let (md, range) = answer(&s.hover(uri, 2, 6));
    assert_eq!(range, [2, 6, 2, 7]);
    assert!(
        md.contains("bash(1)") && md.contains("Redirection of output"),
        "{md}"
    );
    // The second line of a continued command belongs to grep.
    let (md, range) = answer(&s.hover(uri, 4, 3));
    assert_eq!(range, [4, 2, 4, 4]);
    assert!(
        md.contains("--ignore-case") && md.contains("grep(1)"),
        "{md}"
    );
    // After 😀 (two UTF-16 code units), `-r` of sort starts at column 15.
    let (md, range) = answer(&s.hover(uri, 5, 15));
    assert_eq!(range, [5, 15, 5, 17]);
    assert!(md.contains("--reverse") && md.contains("sort(1)"), "{md}");
    // Blanks: no hover.
    assert_eq!(s.hover(uri, 5, 7)["result"], Value::Null);
    assert_eq!(s.hover(uri, 2, 5)["result"], Value::Null);

    // Incremental edits, applied in order: `-r` becomes `-n`, then a line goes in on top.
    s.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [
                {"range": {"start": {"line": 5, "character": 16}, "end": {"line": 5, "character": 17}}, "text": "n"},
                {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "cat -A notes.txt\n"}
            ]
        }),
    );
    let (md, range) = answer(&s.hover(uri, 6, 16));
    assert_eq!(range, [6, 15, 6, 17]);
    assert!(md.contains("--numeric-sort"), "{md}");
    let (md, range) = answer(&s.hover(uri, 1, 5));
    assert_eq!(range, [1, 4, 1, 6]);
    assert!(md.contains("--show-all") && md.contains("cat(1)"), "{md}");
    let (_, range) = answer(&s.hover(uri, 2, 0));
    assert_eq!(range, [2, 0, 2, 3]);

    // Markdown: a console block's command, without its prompt; output has no hover.
    let md_uri = "file:///work/README.md";
    s.open(
        md_uri,
        "markdown",
        "# Backup\n\n```console\n$ tar -czf b.tgz src\ntar: done\n```\n",
    );
    let (md, range) = answer(&s.hover(md_uri, 3, 7));
    assert_eq!(range, [3, 6, 3, 8]);
    assert!(md.starts_with("```text\n-c, --create"), "{md}");
    assert_eq!(s.hover(md_uri, 4, 1)["result"], Value::Null);
    assert_eq!(s.hover(md_uri, 3, 0)["result"], Value::Null);

    // Bad requests get errors, and the server goes on.
    let e = s.hover("file:///not/open.sh", 0, 0);
    assert_eq!(e["error"]["code"], -32602, "{e}");
    let e = s.hover(uri, 99, 0);
    assert_eq!(e["error"]["code"], -32602, "{e}");
    let e = s.call("textDocument/hover", json!({"position": "nowhere"}));
    assert_eq!(e["error"]["code"], -32602, "{e}");
    let e = s.call("textDocument/definition", json!({}));
    assert_eq!(e["error"]["code"], -32601, "{e}");
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": md_uri}}),
    );
    assert_eq!(s.hover(md_uri, 3, 7)["error"]["code"], -32602);
    assert!(s.hover(uri, 1, 1)["result"].is_object());

    assert_eq!(s.finish(true), Some(0));
}

#[test]
fn lsp_counts_utf8_columns_when_the_client_offers_them() {
    let mut s = Server::start();
    let init = s.initialize(Some(&["utf-8", "utf-16"]));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8", "{init}");
    let uri = "file:///work/deploy.sh";
    s.open(uri, "shellscript", SCRIPT);
    // After 😀 (four bytes), `-r` of sort starts at column 17.
    let (md, range) = answer(&s.hover(uri, 5, 17));
    assert_eq!(range, [5, 17, 5, 19]);
    assert!(md.contains("--reverse"), "{md}");
    // An edit in UTF-8 columns: `sort -r` becomes `sort -rn`.
    s.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [
                {"range": {"start": {"line": 5, "character": 19}, "end": {"line": 5, "character": 19}}, "text": "n"}
            ]
        }),
    );
    let (md, range) = answer(&s.hover(uri, 5, 19));
    assert_eq!(range, [5, 19, 5, 20]);
    assert!(md.contains("--numeric-sort"), "{md}");
    // Requests after shutdown are refused; exit then ends the server cleanly.
    let resp = s.call("shutdown", Value::Null);
    assert_eq!(resp["result"], Value::Null);
    let e = s.hover(uri, 5, 17);
    assert_eq!(e["error"]["code"], -32600, "{e}");
    s.notify("exit", Value::Null);
    let status = s.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn lsp_exit_without_shutdown_is_status_1() {
    let mut s = Server::start();
    // A request before initialize is refused.
    let e = s.hover("file:///x.sh", 0, 0);
    assert_eq!(e["error"]["code"], -32002, "{e}");
    s.initialize(None);
    assert_eq!(s.finish(false), Some(1));
}
