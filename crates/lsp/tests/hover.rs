//! Hovers through [`lsp::State`] against real pages of the shipped corpus (tar, ls, grep,
//! sort, find, cat, echo and bash for the shell syntax): what is shown and where.

use std::sync::OnceLock;

use lsp::{Encoding, Hover, Pos, State};

fn pages() -> &'static store::Store {
    static STORE: OnceLock<store::Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let pages: Vec<String> = ["tar", "ls", "grep", "sort", "find", "cat", "echo", "bash"]
            .iter()
            .map(|name| format!("man1/{name}.1.gz"))
            .collect();
        testkit::stored::shipped(&pages.iter().map(String::as_str).collect::<Vec<_>>())
    })
}

fn pos(line: u32, character: u32) -> Pos {
    Pos { line, character }
}

/// Opens `text` as `uri` and hovers at the first `needle` (its character `delta`).
fn hover_at(uri: &str, text: &str, needle: &str, delta: usize) -> (Option<Hover>, Pos) {
    let mut state = State::new(pages(), Encoding::Utf16);
    state.open(uri, "", text.to_string());
    let at = locate(text, needle, delta);
    (state.hover(uri, at).unwrap(), at)
}

fn locate(text: &str, needle: &str, delta: usize) -> Pos {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle}")) + delta;
    let line = text[..offset].matches('\n').count();
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    pos(
        line as u32,
        text[start..offset].encode_utf16().count() as u32,
    )
}

/// The text a hover's range covers.
fn covered(text: &str, h: &Hover) -> String {
    let idx = lsp::LineIndex::new(text);
    let a = idx.offset(text, h.start, Encoding::Utf16).unwrap();
    let b = idx.offset(text, h.end, Encoding::Utf16).unwrap();
    text[a..b].to_string()
}

#[test]
fn a_program_shows_its_name_line_and_page() {
    let text = "#!/bin/sh\ntar -xzvf x.tgz\n";
    let (h, _) = hover_at("file:///a.sh", text, "tar", 1);
    let h = h.unwrap();
    assert_eq!(covered(text, &h), "tar");
    assert_eq!((h.start, h.end), (pos(1, 0), pos(1, 3)));
    assert!(
        h.markdown.contains("an archiving utility"),
        "{}",
        h.markdown
    );
    assert!(h.markdown.ends_with("*tar(1)*"), "{}", h.markdown);
    assert!(h.plain.ends_with("tar(1)"), "{}", h.plain);
}

#[test]
fn an_option_in_a_bundle_shows_its_heading_as_code() {
    let text = "tar -xzvf x.tgz\n";
    let (h, _) = hover_at("file:///a.sh", text, "z", 0);
    let h = h.unwrap();
    assert_eq!(covered(text, &h), "z");
    assert!(
        h.markdown.starts_with("```text\n-z, --gzip"),
        "{}",
        h.markdown
    );
    assert!(h.markdown.contains("gzip"), "{}", h.markdown);
    // The argument of `-f` shares its heading.
    let (h, _) = hover_at("file:///a.sh", text, "x.tgz", 2);
    let h = h.unwrap();
    assert_eq!(covered(text, &h), "x.tgz");
    assert!(
        h.markdown.starts_with("```text\n-f, --file"),
        "{}",
        h.markdown
    );
}

#[test]
fn shell_syntax_shows_the_bash_paragraph() {
    let text = "ls -l > out.txt 2>&1\n";
    let (h, _) = hover_at("file:///a.sh", text, ">", 0);
    let h = h.unwrap();
    assert_eq!(covered(text, &h), ">");
    assert!(h.markdown.contains("*bash(1)*"), "{}", h.markdown);
    assert!(
        h.markdown.to_lowercase().contains("redirect"),
        "{}",
        h.markdown
    );
}

#[test]
fn a_continued_line_is_read_with_its_command() {
    let text = "echo start\ngrep -r \\\n  -i pattern . |\n  sort -r\n";
    let (h, _) = hover_at("file:///a.sh", text, "-i", 1);
    let h = h.unwrap();
    assert_eq!(h.start, pos(2, 2));
    assert!(h.markdown.contains("--ignore-case"), "{}", h.markdown);
    // `-r` of sort, on the last line of the pipeline, is sort's.
    let (h, _) = hover_at("file:///a.sh", text, "sort -r", 6);
    assert!(h.unwrap().markdown.contains("--reverse"));
}

#[test]
fn blanks_and_unknown_parts_have_no_hover() {
    let text = "ls  -l\nfrobnicate --now\n\n";
    assert_eq!(hover_at("file:///a.sh", text, "  -l", 1).0, None);
    assert_eq!(hover_at("file:///a.sh", text, "frobnicate", 2).0, None);
    assert_eq!(hover_at("file:///a.sh", text, "\n\n", 1).0, None);
    // A document that is not shell has no hovers.
    assert_eq!(hover_at("file:///a.txt", text, "ls", 0).0, None);
}

#[test]
fn here_documents_and_functions_defined_elsewhere() {
    let text = "greet() {\n  echo hi\n}\ncat <<EOF | sort\nline\nEOF\ngreet\n";
    let (h, _) = hover_at("file:///a.sh", text, "line", 1);
    let h = h.unwrap();
    assert_eq!(covered(text, &h), "line");
    assert!(h.markdown.contains("*bash(1)*"));
    let (h, _) = hover_at("file:///a.sh", text, "| sort", 3);
    assert!(h.unwrap().markdown.contains("*sort(1)*"));
    // `greet` on the last line calls the function, not a program.
    let at = text.rfind("greet").unwrap();
    let mut state = State::new(pages(), Encoding::Utf16);
    state.open("file:///a.sh", "shellscript", text.into());
    let h = state.hover("file:///a.sh", pos(6, 1)).unwrap().unwrap();
    assert_eq!(h.start, pos(6, 0));
    assert!(at > 0 && h.markdown.contains("*bash(1)*"), "{}", h.markdown);
}

/// In a long function, the statement under the cursor is explained with the other statements
/// blanked out: the hover is the same as in a short one.
#[test]
fn long_bodies_give_the_same_hovers_as_short_ones() {
    let body = "  find . -name '*.tmp' -exec rm -f {} \\;\n  tar -czf b.tgz src\n";
    let short = format!(
        "main() {{\n{body}  while read -r l; do\n    echo \"$l\" | sort -r\n  done < list\n}}\n"
    );
    let long = format!(
        "main() {{\n{}  while read -r l; do\n    echo \"$l\" | sort -r\n  done < list\n}}\n",
        body.repeat(80)
    );
    assert!(long.len() > 2 * lsp::hover::WHOLE);
    for (needle, delta) in [
        ("sort -r", 6),
        ("done", 1),
        ("while", 0),
        ("read -r", 5),
        ("< list", 0),
        ("main", 0),
    ] {
        let (a, _) = hover_at("file:///s.sh", &short, needle, delta);
        let (b, _) = hover_at("file:///l.sh", &long, needle, delta);
        let (a, b) = (a.expect(needle), b.expect(needle));
        assert_eq!(a.markdown, b.markdown, "{needle}");
        assert_eq!(covered(&short, &a), covered(&long, &b), "{needle}");
    }
    // And the first statement of the body, among those left out for others.
    let (h, _) = hover_at("file:///l.sh", &long, "-exec", 1);
    assert!(h.unwrap().markdown.contains("-exec"));
    // Blank lines and comments between left-out statements stay without hover.
    let gaps = long.replace("src\n  find", "src\n\n  # note\n  find");
    let (h, _) = hover_at("file:///g.sh", &gaps, "\n\n  #", 1);
    assert_eq!(h, None);
    let (h, _) = hover_at("file:///g.sh", &gaps, "# note", 1);
    assert!(h.unwrap().markdown.contains("*bash(1)*"));
}

#[test]
fn markdown_blocks_and_console_prompts() {
    let text = "# Backups\n\nRun:\n\n```console\n$ tar -czf b.tgz src\ntar: removing leading '/'\n$ ls -l \\\n>   b.tgz\n```\n\nand `ls -l` in prose is not code.\n\n```python\nls -l\n```\n";
    let uri = "file:///README.md";
    let (h, _) = hover_at(uri, text, "-czf", 2);
    let h = h.unwrap();
    assert_eq!(covered(text, &h), "z");
    let (h, _) = hover_at(uri, text, "b.tgz\n```", 0);
    let h = h.unwrap();
    assert_eq!(covered(text, &h), "b.tgz");
    assert!(h.markdown.contains("*ls(1)*"), "{}", h.markdown);
    // Output, prompts, prose and other languages have no hover.
    assert_eq!(hover_at(uri, text, "removing", 0).0, None);
    assert_eq!(hover_at(uri, text, "$ tar", 0).0, None);
    assert_eq!(hover_at(uri, text, "ls -l` in", 0).0, None);
    assert_eq!(hover_at(uri, text, "ls -l\n```\n", 0).0, None);
}

#[test]
fn errors_for_unknown_documents_and_positions() {
    let mut state = State::new(pages(), Encoding::Utf8);
    assert!(state.hover("file:///nope.sh", pos(0, 0)).is_err());
    state.open("file:///a.sh", "shellscript", "ls\n".into());
    assert!(state.hover("file:///a.sh", pos(5, 0)).is_err());
    assert_eq!(state.hover("file:///a.sh", pos(1, 0)), Ok(None));
    // A character past the end of the line is its end: nothing there.
    assert_eq!(state.hover("file:///a.sh", pos(0, 99)), Ok(None));
}
