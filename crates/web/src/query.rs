//! Reading the query string: the command line, the wanted format, and the size limit.

use axum::http::HeaderMap;
use axum::http::header::ACCEPT;

/// The longest command line accepted, in bytes (after percent-decoding). Longer ones get 413.
pub const MAX_COMMAND_BYTES: usize = 16 * 1024;

/// What a query asked for.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The `cmd` parameter, decoded (invalid UTF-8 replaced); `None` when absent.
    pub cmd: Option<String>,
    /// `format=json` was given.
    pub json: bool,
}

/// Why a query cannot be answered.
#[derive(Debug, PartialEq, Eq)]
pub enum QueryError {
    /// The command line is longer than [`MAX_COMMAND_BYTES`].
    TooLong(usize),
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QueryError::TooLong(n) => write!(
                f,
                "the command line is {n} bytes long; at most {MAX_COMMAND_BYTES} bytes (16 KiB) are explained"
            ),
        }
    }
}

/// Reads `cmd` and `format` from a raw query string. Unknown parameters are ignored; a repeated
/// `cmd` keeps the first.
pub fn parse(raw: Option<&str>) -> Result<Query, QueryError> {
    let raw = raw.unwrap_or("");
    // Percent-encoding at most triples the size: refuse before decoding anything huge.
    if raw.len() > MAX_COMMAND_BYTES * 3 + 64 {
        return Err(QueryError::TooLong(raw.len() / 3));
    }
    let mut query = Query::default();
    for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
        match key.as_ref() {
            "cmd" if query.cmd.is_none() => {
                if value.len() > MAX_COMMAND_BYTES {
                    return Err(QueryError::TooLong(value.len()));
                }
                query.cmd = Some(value.into_owned());
            }
            "format" => query.json = value == "json",
            _ => {}
        }
    }
    Ok(query)
}

/// Whether the client reads HTML: its `Accept` header names `text/html`. Browsers send it;
/// bash-language-server's hover client does not.
pub fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get_all(ACCEPT)
        .iter()
        .any(|v| v.to_str().is_ok_and(|s| s.contains("text/html")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cmd_and_format() {
        let q = parse(Some("cmd=tar+-xzvf%20x.tgz&format=json&x=1")).unwrap();
        assert_eq!(q.cmd.as_deref(), Some("tar -xzvf x.tgz"));
        assert!(q.json);
        assert_eq!(parse(None).unwrap(), Query::default());
    }

    #[test]
    fn invalid_utf8_is_replaced_not_refused() {
        let q = parse(Some("cmd=ls%ff")).unwrap();
        assert_eq!(q.cmd.as_deref(), Some("ls\u{fffd}"));
    }

    #[test]
    fn refuses_long_commands() {
        let ok = format!("cmd={}", "a".repeat(MAX_COMMAND_BYTES));
        assert!(parse(Some(&ok)).is_ok());
        let long = format!("cmd={}", "a".repeat(MAX_COMMAND_BYTES + 1));
        assert_eq!(
            parse(Some(&long)),
            Err(QueryError::TooLong(MAX_COMMAND_BYTES + 1))
        );
        let huge = format!("cmd={}", "%41".repeat(MAX_COMMAND_BYTES * 2));
        assert!(matches!(parse(Some(&huge)), Err(QueryError::TooLong(_))));
    }

    #[test]
    fn accept_decides_html() {
        let mut h = HeaderMap::new();
        assert!(!wants_html(&h));
        h.insert(ACCEPT, "*/*".parse().unwrap());
        assert!(!wants_html(&h));
        h.insert(
            ACCEPT,
            "text/html,application/xhtml+xml;q=0.9".parse().unwrap(),
        );
        assert!(wants_html(&h));
    }
}
