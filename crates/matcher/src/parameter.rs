//! Which form of bash's parameter expansion a `${...}` is, for its own paragraph of bash(1)
//! (`${x:-word}` "Use Default Values", `${#x}`, `${x%%.*}`, ...).

use manpage::Topic;

/// The form of `${...}` written as `text`; `None` for a plain `${name}` (or what this does not
/// read), which gets the section's opening paragraph.
pub(crate) fn form(text: &str) -> Option<Topic> {
    let inner = text.strip_prefix("${")?.strip_suffix('}')?;
    if let Some(rest) = inner.strip_prefix('!') {
        let name_end = name_len(rest);
        return match &rest[name_end..] {
            "*" | "@" if name_end > 0 => Some(Topic::ParameterNames),
            "[@]" | "[*]" if name_end > 0 => Some(Topic::ParameterKeys),
            _ => None,
        };
    }
    // `${#}` is the special parameter `#`; `${#x}` the length of x.
    if let Some(rest) = inner.strip_prefix('#')
        && !rest.is_empty()
        && parameter_len(rest) == rest.len()
    {
        return Some(Topic::ParameterLength);
    }
    let op = &inner[parameter_len(inner)..];
    let topic = match op.as_bytes() {
        [] => return None,
        [b':', b'-', ..] | [b'-', ..] => Topic::ParameterDefault,
        [b':', b'=', ..] | [b'=', ..] => Topic::ParameterAssignDefault,
        [b':', b'?', ..] | [b'?', ..] => Topic::ParameterError,
        [b':', b'+', ..] | [b'+', ..] => Topic::ParameterAlternate,
        [b':', ..] => Topic::ParameterSubstring,
        [b'#', ..] => Topic::ParameterRemovePrefix,
        [b'%', ..] => Topic::ParameterRemoveSuffix,
        [b'/', ..] => Topic::ParameterReplace,
        [b'^', ..] | [b',', ..] => Topic::ParameterCase,
        [b'@', ..] => Topic::ParameterTransform,
        _ => return None,
    };
    Some(topic)
}

/// The length of a variable name at the start of `s`.
fn name_len(s: &str) -> usize {
    let b = s.as_bytes();
    if !b
        .first()
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
    {
        return 0;
    }
    b.iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count()
}

/// The length of the parameter at the start of `s`: a name with an optional `[subscript]`,
/// digits, or one special parameter.
fn parameter_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = match b.first() {
        Some(c) if c.is_ascii_digit() => b.iter().take_while(|c| c.is_ascii_digit()).count(),
        Some(b'@' | b'*' | b'#' | b'?' | b'$' | b'!' | b'-') => 1,
        _ => name_len(s),
    };
    if n > 0 && b.get(n) == Some(&b'[') {
        let mut depth = 0;
        for (i, c) in b[n..].iter().enumerate() {
            match c {
                b'[' => depth += 1,
                b']' => {
                    depth -= 1;
                    if depth == 0 {
                        n += i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_is_read() {
        let cases = [
            ("${HOME:-/tmp}", Some(Topic::ParameterDefault)),
            ("${x-y}", Some(Topic::ParameterDefault)),
            ("${x:=1}", Some(Topic::ParameterAssignDefault)),
            ("${1:?usage}", Some(Topic::ParameterError)),
            ("${x:+set}", Some(Topic::ParameterAlternate)),
            ("${x:2:3}", Some(Topic::ParameterSubstring)),
            ("${!BASH_*}", Some(Topic::ParameterNames)),
            ("${!arr[@]}", Some(Topic::ParameterKeys)),
            ("${#x}", Some(Topic::ParameterLength)),
            ("${#arr[@]}", Some(Topic::ParameterLength)),
            ("${f##*/}", Some(Topic::ParameterRemovePrefix)),
            ("${f%.*}", Some(Topic::ParameterRemoveSuffix)),
            ("${x//a/b}", Some(Topic::ParameterReplace)),
            ("${x^^}", Some(Topic::ParameterCase)),
            ("${x@Q}", Some(Topic::ParameterTransform)),
            ("${arr[1]%x}", Some(Topic::ParameterRemoveSuffix)),
        ];
        for (text, want) in cases {
            assert_eq!(form(text), want, "{text}");
        }
    }

    #[test]
    fn plain_and_special_parameters_have_no_form() {
        for text in ["${x}", "${#}", "${arr[@]}", "${!x}", "${10}", "${@}", "$x"] {
            assert_eq!(form(text), None, "{text}");
        }
    }
}
