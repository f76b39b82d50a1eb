//! The protocol: initialize (choosing the position encoding), the document notifications,
//! hover, shutdown and exit, over an `lsp-server` connection.
//!
//! Requests are answered in order on one thread. A request with bad parameters, for a
//! document that is not open or a position past its end gets an error response; an unknown
//! request gets `MethodNotFound`; a request after `shutdown` gets `InvalidRequest`. A panic
//! while answering becomes an `InternalError` response, never the end of the server.

use std::panic::AssertUnwindSafe;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    HoverContents, HoverParams, InitializeResult, MarkupContent, MarkupKind, PositionEncodingKind,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions,
};
use matcher::PageSource;
use serde_json::Value;

use crate::{Change, Encoding, Error, Pos, State};

/// Serves over standard input and output until the client says `exit` or closes the
/// connection. Returns whether `shutdown` came before the end (the exit status is 0 then,
/// 1 otherwise, as the protocol asks).
pub fn run_stdio(pages: &dyn PageSource) -> anyhow::Result<bool> {
    let (connection, io_threads) = Connection::stdio();
    let clean = run(&connection, pages)?;
    drop(connection);
    io_threads.join()?;
    Ok(clean)
}

/// Serves on a connection (see [`run_stdio`]).
pub fn run(connection: &Connection, pages: &dyn PageSource) -> anyhow::Result<bool> {
    let Some(client) = initialize(connection)? else {
        return Ok(false);
    };
    let mut state = State::new(pages, client.encoding);
    let mut shutdown = false;
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                let id = req.id.clone();
                let resp = if shutdown {
                    error(
                        req,
                        ErrorCode::InvalidRequest,
                        "the server is shutting down",
                    )
                } else if req.method == "shutdown" {
                    shutdown = true;
                    Response::new_ok(id, Value::Null)
                } else {
                    std::panic::catch_unwind(AssertUnwindSafe(|| request(&mut state, &client, req)))
                        .unwrap_or_else(|_| {
                            Response::new_err(
                                id,
                                ErrorCode::InternalError as i32,
                                "explain failed on this request".into(),
                            )
                        })
                };
                connection.sender.send(resp.into())?;
            }
            Message::Notification(n) if n.method == "exit" => return Ok(shutdown),
            Message::Notification(n) => {
                let method = n.method.clone();
                match std::panic::catch_unwind(AssertUnwindSafe(|| notification(&mut state, n))) {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => eprintln!("explain lsp: {method}: {e}"),
                    Err(_) => eprintln!("explain lsp: {method}: failed"),
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(false)
}

/// What the client said it can do.
struct Client {
    encoding: Encoding,
    markdown: bool,
}

/// Waits for `initialize` and answers it; `None` when the client leaves first.
fn initialize(connection: &Connection) -> anyhow::Result<Option<Client>> {
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) if req.method == "initialize" => {
                let client = client(&req.params);
                let result = InitializeResult {
                    capabilities: ServerCapabilities {
                        position_encoding: Some(PositionEncodingKind::from(client.encoding.name())),
                        text_document_sync: Some(TextDocumentSyncCapability::Options(
                            TextDocumentSyncOptions {
                                open_close: Some(true),
                                change: Some(TextDocumentSyncKind::INCREMENTAL),
                                ..Default::default()
                            },
                        )),
                        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
                        ..Default::default()
                    },
                    server_info: Some(ServerInfo {
                        name: "explain".into(),
                        version: Some(env!("CARGO_PKG_VERSION").into()),
                    }),
                };
                connection
                    .sender
                    .send(Response::new_ok(req.id, result).into())?;
                return Ok(Some(client));
            }
            Message::Request(req) => {
                let resp = error(
                    req,
                    ErrorCode::ServerNotInitialized,
                    "the server is not initialized",
                );
                connection.sender.send(resp.into())?;
            }
            Message::Notification(n) if n.method == "exit" => return Ok(None),
            _ => {}
        }
    }
    Ok(None)
}

/// Reads the client's capabilities leniently: UTF-8 positions when it offers them
/// (`general.positionEncodings`), markdown hovers unless it lists only other formats.
fn client(params: &Value) -> Client {
    let caps = &params["capabilities"];
    let offers = |list: &Value, what: &str| {
        list.as_array()
            .is_some_and(|l| l.iter().any(|v| v.as_str() == Some(what)))
    };
    let encoding = if offers(&caps["general"]["positionEncodings"], "utf-8") {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let formats = &caps["textDocument"]["hover"]["contentFormat"];
    let markdown = formats.as_array().is_none_or(|l| l.is_empty()) || offers(formats, "markdown");
    Client { encoding, markdown }
}

fn error(req: Request, code: ErrorCode, message: &str) -> Response {
    Response::new_err(req.id, code as i32, message.to_string())
}

fn request(state: &mut State, client: &Client, req: Request) -> Response {
    match req.method.as_str() {
        "textDocument/hover" => {
            let params: HoverParams = match serde_json::from_value(req.params.clone()) {
                Ok(p) => p,
                Err(e) => return error(req, ErrorCode::InvalidParams, &e.to_string()),
            };
            let at = params.text_document_position_params;
            let pos = Pos {
                line: at.position.line,
                character: at.position.character,
            };
            match state.hover(at.text_document.uri.as_str(), pos) {
                Ok(None) => Response::new_ok(req.id, Value::Null),
                Ok(Some(h)) => {
                    let (kind, value) = if client.markdown {
                        (MarkupKind::Markdown, h.markdown)
                    } else {
                        (MarkupKind::PlainText, h.plain)
                    };
                    let hover = lsp_types::Hover {
                        contents: HoverContents::Markup(MarkupContent { kind, value }),
                        range: Some(lsp_types::Range {
                            start: position(h.start),
                            end: position(h.end),
                        }),
                    };
                    Response::new_ok(req.id, hover)
                }
                Err(e @ (Error::NotOpen(_) | Error::BadPosition(_))) => {
                    error(req, ErrorCode::InvalidParams, &e.to_string())
                }
                Err(e @ Error::Index(_)) => error(req, ErrorCode::InternalError, &e.to_string()),
            }
        }
        "initialize" => error(req, ErrorCode::InvalidRequest, "already initialized"),
        _ => {
            let message = format!("unknown request {}", req.method);
            error(req, ErrorCode::MethodNotFound, &message)
        }
    }
}

fn position(p: Pos) -> lsp_types::Position {
    lsp_types::Position {
        line: p.line,
        character: p.character,
    }
}

fn notification(state: &mut State, n: Notification) -> anyhow::Result<()> {
    match n.method.as_str() {
        "textDocument/didOpen" => {
            let p: DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
            let d = p.text_document;
            state.open(d.uri.as_str(), &d.language_id, d.text);
        }
        "textDocument/didChange" => {
            let p: DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
            let changes = p
                .content_changes
                .into_iter()
                .map(|c| Change {
                    range: c.range.map(|r| {
                        let pos = |p: lsp_types::Position| Pos {
                            line: p.line,
                            character: p.character,
                        };
                        (pos(r.start), pos(r.end))
                    }),
                    text: c.text,
                })
                .collect();
            state.change(p.text_document.uri.as_str(), changes)?;
        }
        "textDocument/didClose" => {
            let p: DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
            state.close(p.text_document.uri.as_str());
        }
        // `initialized`, `$/cancelRequest` (requests are answered in order, at once),
        // `$/setTrace`, `workspace/didChangeConfiguration`, ...: nothing to do.
        _ => {}
    }
    Ok(())
}
