//! explainshell's URL forms, which links across the web still use, led to ours:
//! `/explain/<distro>/<release>?cmd=...` and `/explain/<prog>?args=...` (also
//! `/explain/<section>/<prog>?args=...`) become `/explain?cmd=...`.

use crate::query::{MAX_COMMAND_BYTES, QueryError};

/// Which of our routes a request came in on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    /// `/explain/{name}`.
    Program(&'a str),
    /// `/explain/{section}/{name}`: `name` is explainshell's release when `cmd` is given.
    ProgramInSection(&'a str),
}

/// Where an explainshell URL leads: `Ok(Some(location))` for one of its forms, `Ok(None)` when
/// the request is our program page (no `cmd`, no `args`), `Err` when the command line would
/// be longer than [`MAX_COMMAND_BYTES`]. `cmd` (on the two-segment route) wins over `args`; a
/// repeated parameter keeps its first value.
pub fn location(route: Route<'_>, raw_query: Option<&str>) -> Result<Option<String>, QueryError> {
    let raw = raw_query.unwrap_or("");
    // Percent-encoding at most triples the size: refuse before decoding anything huge.
    if raw.len() > MAX_COMMAND_BYTES * 3 + 64 {
        return Err(QueryError::TooLong(raw.len() / 3));
    }
    let (mut cmd, mut args) = (None, None);
    for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
        match key.as_ref() {
            "cmd" if cmd.is_none() => cmd = Some(value),
            "args" if args.is_none() => args = Some(value),
            _ => {}
        }
    }
    let line = match (route, cmd, args) {
        (Route::ProgramInSection(_), Some(cmd), _) => cmd.into_owned(),
        (Route::Program(prog) | Route::ProgramInSection(prog), _, Some(args)) => {
            if args.trim().is_empty() {
                prog.to_string()
            } else {
                format!("{prog} {args}")
            }
        }
        _ => return Ok(None),
    };
    if line.len() > MAX_COMMAND_BYTES {
        return Err(QueryError::TooLong(line.len()));
    }
    let encoded: String = form_urlencoded::byte_serialize(line.as_bytes()).collect();
    Ok(Some(format!("/explain?cmd={encoded}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leads_both_forms_to_explain() {
        let at = |route, raw| location(route, Some(raw)).unwrap();
        assert_eq!(
            at(Route::ProgramInSection("26.04"), "cmd=tar+xzvf+a.tgz"),
            Some("/explain?cmd=tar+xzvf+a.tgz".into())
        );
        assert_eq!(
            at(Route::Program("tar"), "args=xzvf+a.tgz&cmd=ls"),
            Some("/explain?cmd=tar+xzvf+a.tgz".into())
        );
        assert_eq!(
            at(Route::ProgramInSection("tar"), "args=-x&args=-c"),
            Some("/explain?cmd=tar+-x".into())
        );
        assert_eq!(
            at(Route::Program("ls"), "args="),
            Some("/explain?cmd=ls".into())
        );
        assert_eq!(
            at(Route::ProgramInSection("26.04"), "cmd=a%26b+%C3%A9%ff"),
            Some("/explain?cmd=a%26b+%C3%A9%EF%BF%BD".into())
        );
    }

    #[test]
    fn program_pages_stay_program_pages() {
        assert_eq!(location(Route::Program("tar"), None), Ok(None));
        assert_eq!(location(Route::Program("tar"), Some("cmd=ls")), Ok(None));
        assert_eq!(
            location(Route::ProgramInSection("tar"), Some("x=1")),
            Ok(None)
        );
    }

    #[test]
    fn refuses_long_lines() {
        let args = format!("args={}", "a".repeat(MAX_COMMAND_BYTES));
        assert!(matches!(
            location(Route::Program("tar"), Some(&args)),
            Err(QueryError::TooLong(_))
        ));
        let huge = format!("cmd={}", "%41".repeat(MAX_COMMAND_BYTES * 2));
        assert!(matches!(
            location(Route::ProgramInSection("1"), Some(&huge)),
            Err(QueryError::TooLong(_))
        ));
    }
}
