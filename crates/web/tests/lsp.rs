//! bash-language-server's explainshell hover client against our server: the real language
//! server from npm (pinned in `tests/node/package.json`), spoken to over stdio with
//! `explainshellEndpoint` pointing at this crate's server on loopback. Hovering the `-l` of
//! `ls -la` in a `.sh` file must show ls(1)'s help for `-l`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A language server over stdio: framed JSON-RPC out, a thread reading framed JSON back.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
}

impl Client {
    fn start(program: &std::path::Path, endpoint: &str) -> Client {
        let mut child = Command::new("node")
            .arg(program)
            .arg("start")
            .env("EXPLAINSHELL_ENDPOINT", endpoint)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node starts bash-language-server");
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
                let Some(n) = length else { return };
                let mut body = vec![0; n];
                if stdout.read_exact(&mut body).is_err() {
                    return;
                }
                if let Ok(v) = serde_json::from_slice(&body)
                    && tx.send(v).is_err()
                {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    /// Waits for the response to request `id`, answering the server's own requests with null.
    fn response(&mut self, id: u64, timeout: Duration) -> Value {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .incoming
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no answer to request {id} within {timeout:?}"));
            if message.get("method").is_some() {
                if let Some(request_id) = message.get("id") {
                    let reply = json!({"jsonrpc": "2.0", "id": request_id, "result": null});
                    self.send(reply);
                }
                continue;
            }
            if message["id"] == id {
                return message;
            }
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn bash_language_server_hover_shows_our_help() {
    let program = common::node_dir().join("node_modules/bash-language-server/out/cli.js");
    if !common::tools_or_skip(
        "bash-language-server hover test",
        std::slice::from_ref(&program),
    ) {
        return;
    }
    let addr = common::start_server();
    let endpoint = format!("http://{addr}");
    let mut lsp = Client::start(&program, &endpoint);
    lsp.send(json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {
            "processId": null, "rootUri": null, "capabilities": {},
            "initializationOptions": {"explainshellEndpoint": endpoint}
        }
    }));
    let init = lsp.response(1, Duration::from_secs(30));
    assert!(
        init["result"]["capabilities"]["hoverProvider"]
            .as_bool()
            .unwrap_or(false),
        "the server offers hovers: {init}"
    );
    lsp.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let uri = "file:///tmp/explain-hover-test.sh";
    lsp.send(json!({
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "shellscript", "version": 1,
                                     "text": "#!/bin/sh\nls -la\n"}}
    }));
    // Line 1, character 4: the `l` of `-la`.
    lsp.send(json!({
        "jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 4}}
    }));
    let hover = lsp.response(2, Duration::from_secs(30));
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("a markdown hover: {hover}"));
    assert!(
        text.contains("use a long listing format"),
        "the hover holds ls(1)'s help for -l: {text}"
    );
    // Only our answer is that short: bash-language-server's fallback (man or help output)
    // would hold all of ls(1), -a's help included.
    assert!(
        !text.contains("do not ignore entries"),
        "and not -a's help: {text}"
    );
    eprintln!("hover: {text}");
    lsp.send(json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown", "params": null}));
    let _ = lsp.response(3, Duration::from_secs(10));
    lsp.send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
}
