//! An open document: its text kept in step with the editor's edits, what language it is, and
//! its shell code parsed once per change (when it is first needed).

use shell::{Script, Statement};

use crate::markdown::{self, Region};
use crate::position::{Encoding, LineIndex, Pos};

/// What a document is, for hovers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// A shell script: all of it is code.
    Shell,
    /// Markdown: its `sh`, `bash`, `shell` and `console` blocks are code.
    Markdown,
    /// Anything else: no hovers.
    Other,
}

/// Shells whose scripts we explain when a shebang names them.
const SHELLS: &[&str] = &["sh", "bash", "dash", "ash", "ksh", "mksh", "posh"];

/// Whether the first line of a text is a shebang naming a shell: `#!/bin/sh`,
/// `#!/usr/bin/env bash`, `#! /usr/bin/env -S bash -e`.
pub fn shell_shebang(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    let Some(rest) = first.strip_prefix("#!") else {
        return false;
    };
    let mut words = rest.split_whitespace();
    let base = |w: &str| w.rsplit('/').next().unwrap_or(w).to_string();
    let Some(program) = words.next().map(base) else {
        return false;
    };
    let program = if program == "env" {
        match words.find(|w| !w.starts_with('-') && !w.contains('=')) {
            Some(w) => base(w),
            None => return false,
        }
    } else {
        program
    };
    SHELLS.contains(&program.as_str())
}

/// The language of a document from its `languageId`, the name in its URI and its first line.
pub fn language(language_id: &str, uri: &str, text: &str) -> Language {
    let path = uri
        .split(['?', '#'])
        .next()
        .unwrap_or(uri)
        .to_ascii_lowercase();
    let id = language_id.to_ascii_lowercase();
    if matches!(id.as_str(), "shellscript" | "sh" | "bash")
        || path.ends_with(".sh")
        || path.ends_with(".bash")
    {
        Language::Shell
    } else if id == "markdown" || path.ends_with(".md") || path.ends_with(".markdown") {
        Language::Markdown
    } else if shell_shebang(text) {
        Language::Shell
    } else {
        Language::Other
    }
}

/// One block of shell code of a document, parsed.
#[derive(Debug)]
pub struct Code {
    /// The code and where it is in the document.
    pub region: Region,
    /// The code parsed, once per change.
    pub script: Script,
    /// Its statements (see [`shell::parse_with_statements`]).
    pub statements: Vec<Statement>,
}

impl Code {
    fn parse(region: Region) -> Code {
        let (script, statements) = shell::parse_with_statements(&region.text);
        Code {
            region,
            script,
            statements,
        }
    }
}

/// An open document.
#[derive(Debug)]
pub struct Document {
    uri: String,
    language_id: String,
    text: String,
    lines: LineIndex,
    /// The parsed code, built on first use after each change.
    code: Option<Vec<Code>>,
}

/// One change from `textDocument/didChange`: a range and its new text, or the whole text.
#[derive(Debug, Clone)]
pub struct Change {
    /// The range replaced; `None` replaces the whole document.
    pub range: Option<(Pos, Pos)>,
    /// The new text.
    pub text: String,
}

impl Document {
    /// A document as opened.
    pub fn new(uri: &str, language_id: &str, text: String) -> Document {
        Document {
            uri: uri.to_string(),
            language_id: language_id.to_string(),
            lines: LineIndex::new(&text),
            text,
            code: None,
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The lines of the text.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// Applies one change; positions count characters in `enc`. A range past the end of the
    /// text is clamped to it, and one whose ends are swapped is put in order.
    pub fn apply(&mut self, change: Change, enc: Encoding) {
        match change.range {
            None => self.text = change.text,
            Some((a, b)) => {
                let a = self.lines.offset_clamped(&self.text, a, enc);
                let b = self.lines.offset_clamped(&self.text, b, enc);
                self.text.replace_range(a.min(b)..a.max(b), &change.text);
            }
        }
        self.lines = LineIndex::new(&self.text);
        self.code = None;
    }

    /// The language the document is in now (a shebang may have been typed).
    pub fn language(&self) -> Language {
        language(&self.language_id, &self.uri, &self.text)
    }

    /// The shell code of the document, parsed once per change.
    pub fn code(&mut self) -> &[Code] {
        if self.code.is_none() {
            let regions = match self.language() {
                Language::Shell => vec![Region::whole(&self.text)],
                Language::Markdown => markdown::shell_blocks(&self.text),
                Language::Other => Vec::new(),
            };
            self.code = Some(regions.into_iter().map(Code::parse).collect());
        }
        self.code.as_deref().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Pos {
        Pos { line, character }
    }

    #[test]
    fn shebangs_of_shells() {
        for yes in [
            "#!/bin/sh\nls",
            "#!/bin/bash",
            "#! /usr/bin/dash -e",
            "#!/usr/bin/env bash",
            "#!/usr/bin/env -S bash -euo pipefail",
            "#!/usr/bin/env LC_ALL=C sh",
        ] {
            assert!(shell_shebang(yes), "{yes}");
        }
        for no in [
            "#!/usr/bin/python3",
            "#!/usr/bin/env node",
            "# bash",
            "ls",
            "",
        ] {
            assert!(!shell_shebang(no), "{no}");
        }
    }

    #[test]
    fn language_from_id_uri_and_shebang() {
        assert_eq!(language("shellscript", "file:///a", ""), Language::Shell);
        assert_eq!(language("plaintext", "file:///a/x.SH", ""), Language::Shell);
        assert_eq!(language("", "file:///a/x.bash?x=1", ""), Language::Shell);
        assert_eq!(language("markdown", "file:///a/x", ""), Language::Markdown);
        assert_eq!(language("", "file:///README.md", ""), Language::Markdown);
        assert_eq!(
            language("", "file:///bin/deploy", "#!/bin/bash\n"),
            Language::Shell
        );
        assert_eq!(
            language("python", "file:///x.py", "print()"),
            Language::Other
        );
    }

    #[test]
    fn incremental_edits_in_both_encodings() {
        let mut d = Document::new("file:///x.sh", "shellscript", "echo 😀 a\nls\n".into());
        // Replace `a` (after the emoji): UTF-16 column 8, UTF-8 column 10.
        d.apply(
            Change {
                range: Some((pos(0, 8), pos(0, 9))),
                text: "b".into(),
            },
            Encoding::Utf16,
        );
        assert_eq!(d.text(), "echo 😀 b\nls\n");
        d.apply(
            Change {
                range: Some((pos(0, 10), pos(0, 11))),
                text: "c".into(),
            },
            Encoding::Utf8,
        );
        assert_eq!(d.text(), "echo 😀 c\nls\n");
        // An insertion across lines, then one at the very end, then swapped ends.
        d.apply(
            Change {
                range: Some((pos(1, 2), pos(1, 2))),
                text: " -l\ncat".into(),
            },
            Encoding::Utf16,
        );
        assert_eq!(d.text(), "echo 😀 c\nls -l\ncat\n");
        d.apply(
            Change {
                range: Some((pos(9, 0), pos(9, 0))),
                text: "x".into(),
            },
            Encoding::Utf16,
        );
        assert_eq!(d.text(), "echo 😀 c\nls -l\ncat\nx");
        d.apply(
            Change {
                range: Some((pos(3, 1), pos(0, 0))),
                text: String::new(),
            },
            Encoding::Utf16,
        );
        assert_eq!(d.text(), "");
        d.apply(
            Change {
                range: None,
                text: "pwd".into(),
            },
            Encoding::Utf16,
        );
        assert_eq!(d.text(), "pwd");
        assert_eq!(d.code().len(), 1);
    }
}
