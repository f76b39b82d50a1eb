//! Command strings: `sh -c 'cmd ...'`, `bash -lc "..."`, `su -c '...' user`, `eval 'a; b'`. The
//! string is a script the program runs; its commands are explained inside the quotes, like the
//! commands of `$(...)`.
//!
//! Only strings whose text is the script as the inner shell reads it: single-quoted, or
//! double-quoted without a backslash or a backquote (whose removal would shift the text). A
//! string that does not parse is left to the outer command's help: better the operand's
//! paragraph than a wrong reading.

use std::ops::Range;

/// Programs that read a command string after `-c` (bundled or not: `-ec`, `-lc`).
const SHELLS: &[&str] = &["sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "su"];

/// The ranges of the command strings of one simple command (`words` from its program word on):
/// each quoted word's inside.
pub(crate) fn command_strings(source: &str, words: &[shell::Word]) -> Vec<Range<usize>> {
    let Some(program) = words.first() else {
        return Vec::new();
    };
    let name = program.value.rsplit('/').next().unwrap_or("");
    let mut out = Vec::new();
    if name == "eval" && words.len() == 2 {
        out.extend(inside_quotes(source, &words[1]));
    } else if SHELLS.contains(&name) {
        let words = &words[1..];
        // A shell's options come before its script (`sh install.sh -c x` passes `-c` to the
        // script); su takes its user anywhere.
        let options = match name {
            "su" => words.len(),
            _ => shell_options_end(words),
        };
        let after_c = words[..options]
            .iter()
            .position(|w| is_c_option(&w.value))
            .map(|i| i + 1);
        // The string is the next word that is not an option (`sh -c -e '...'` is rare but fine).
        if let Some(w) = after_c.and_then(|i| words[i..].iter().find(|w| !w.value.starts_with('-')))
        {
            out.extend(inside_quotes(source, w));
        }
    }
    out
}

/// Programs that hand the words of their command to a shell (`ssh host 'cd /srv && ls'`,
/// `watch 'df -h | grep sd'`), so that one quoted word is a script, not a program's name.
const JOINING: &[&str] = &["ssh", "watch"];

/// The command string of a command that `wrapper` runs (`words`, from the command's first word
/// on): the inside of its only word, when that word is a quoted script with a space in it.
pub(crate) fn joined_command_string(
    source: &str,
    wrapper: &str,
    words: &[shell::Word],
) -> Option<Range<usize>> {
    let [only] = words else { return None };
    if !JOINING.contains(&wrapper) || !only.value.contains(char::is_whitespace) {
        return None;
    }
    inside_quotes(source, only)
}

/// Where a shell's options end: at its first word that is not an option nor the name after
/// `-o`/`+o`/`-O`/`+O` (`bash -o pipefail -c '...'`).
fn shell_options_end(words: &[shell::Word]) -> usize {
    let mut i = 0;
    while let Some(w) = words.get(i) {
        match w.value.as_str() {
            "-o" | "+o" | "-O" | "+O" => i += 2,
            v if v.starts_with(['-', '+']) && v.len() > 1 => i += 1,
            _ => break,
        }
    }
    i.min(words.len())
}

/// `-c`, `--command`, or a bundle of letters with `c` in it (`-ec`, `-xc`).
fn is_c_option(v: &str) -> bool {
    v == "--command"
        || v.strip_prefix('-').is_some_and(|letters| {
            !letters.starts_with('-')
                && letters.contains('c')
                && letters.chars().all(|c| c.is_ascii_alphabetic())
        })
}

/// The inside of a word that is one quoted string whose text is the script as written.
fn inside_quotes(source: &str, w: &shell::Word) -> Option<Range<usize>> {
    let raw = &source[w.range.clone()];
    let quote = raw.chars().next().filter(|q| *q == '\'' || *q == '"')?;
    let inner = raw.strip_prefix(quote)?.strip_suffix(quote)?;
    let plain = match quote {
        '\'' => !inner.contains('\''),
        _ => !inner.contains(['"', '\\', '`']),
    };
    (plain && !inner.trim().is_empty()).then(|| w.range.start + 1..w.range.end - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(line: &str) -> Vec<&str> {
        let script = shell::parse(line);
        script
            .commands
            .iter()
            .flat_map(|c| command_strings(line, &c.words))
            .map(|r| &line[r])
            .collect()
    }

    #[test]
    fn shells_and_eval_take_their_string() {
        assert_eq!(strings("sh -c 'ls -l | wc -l'"), ["ls -l | wc -l"]);
        assert_eq!(
            strings("bash -ec \"make && make install\""),
            ["make && make install"]
        );
        assert_eq!(strings("su -c 'apt update' root"), ["apt update"]);
        assert_eq!(strings("eval 'a=1; echo $a'"), ["a=1; echo $a"]);
        assert_eq!(strings("bash -o pipefail -c 'ls | wc -l'"), ["ls | wc -l"]);
    }

    #[test]
    fn strings_that_would_read_differently_are_left_alone() {
        assert!(strings("sh -c \"echo \\\"x\\\"\"").is_empty());
        assert!(strings("sh -c \"$cmd\"x").is_empty());
        assert!(strings("sh install.sh -c 'x'").is_empty());
        assert!(strings("eval \"$(ssh-agent -s)\" extra").is_empty());
        assert!(strings("grep -c 'a b' f").is_empty());
    }
}
