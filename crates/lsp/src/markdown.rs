//! The shell code of a document: all of a shell script, or the fenced code blocks of a
//! markdown file marked `sh`, `bash`, `shell` or `console`.
//!
//! In a `console` block only the commands count: lines that start with a `$ ` or `# ` prompt,
//! without the prompt, and the lines that continue them (after a line ending in `\`, or
//! starting with the `> ` secondary prompt, which is dropped). Output lines are left out.
//! The code is gathered into one text per block; [`Region`] maps its offsets back to the
//! document.

/// Shell code taken from a document, with where each part of it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// The code: the lines taken, joined by `\n`.
    pub text: String,
    /// The parts of `text` and where they are in the document, in order:
    /// (offset in `text`, offset in the document, length in bytes).
    pub pieces: Vec<(usize, usize, usize)>,
}

impl Region {
    /// All of a document.
    pub fn whole(doc: &str) -> Region {
        Region {
            text: doc.to_string(),
            pieces: vec![(0, 0, doc.len())],
        }
    }

    /// The offset in `text` of a document offset, if the code holds that byte.
    pub fn from_document(&self, offset: usize) -> Option<usize> {
        let i = self
            .pieces
            .partition_point(|p| p.1 <= offset)
            .checked_sub(1)?;
        let (t, d, len) = self.pieces[i];
        (offset < d + len).then_some(t + offset - d)
    }

    /// The document offset where a range of `text` that starts at `offset` starts.
    pub fn start_to_document(&self, offset: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|p| p.0 <= offset)
            .saturating_sub(1);
        let (t, d, len) = self.pieces.get(i).copied().unwrap_or_default();
        d + offset.saturating_sub(t).min(len)
    }

    /// The document offset where a range of `text` that ends at `offset` ends.
    pub fn end_to_document(&self, offset: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|p| p.0 < offset)
            .saturating_sub(1);
        let (t, d, len) = self.pieces.get(i).copied().unwrap_or_default();
        d + offset.saturating_sub(t).min(len)
    }

    fn push_line(&mut self, doc_offset: usize, line: &str) {
        if !self.pieces.is_empty() {
            self.text.push('\n');
        }
        self.pieces.push((self.text.len(), doc_offset, line.len()));
        self.text.push_str(line);
    }
}

/// What a fenced block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    /// `sh`, `bash`, `shell`: a script.
    Script,
    /// `console`: commands after prompts, and their output.
    Console,
    /// Anything else.
    Other,
}

/// An open fence.
struct Fence {
    ch: u8,
    len: usize,
    indent: usize,
    block: Block,
    region: Region,
    /// In a console block: whether the next line continues a command.
    continues: bool,
    /// In a console block: whether the last line was part of a command.
    in_command: bool,
}

/// The lines of a text: (offset, line without its terminator).
fn lines(doc: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    doc.split_inclusive('\n').map(move |raw| {
        let start = at;
        at += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        (start, line.strip_suffix('\r').unwrap_or(line))
    })
}

/// The opening fence of a line: (char, length, indent, info string). Any indentation is
/// taken (CommonMark allows three spaces, more inside list items), so that fences nested in
/// lists are found without reading list structure.
fn opening(line: &str) -> Option<(u8, usize, usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let ch = *rest.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = rest.len() - rest.trim_start_matches(ch as char).len();
    let info = rest[len..].trim();
    if len < 3 || (ch == b'`' && info.contains('`')) {
        return None;
    }
    Some((ch, len, indent, info))
}

/// Whether a line closes the fence (at any indentation, like the opening).
fn closes(line: &str, fence: &Fence) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let len = rest.len() - rest.trim_start_matches(fence.ch as char).len();
    len >= fence.len && rest[len..].trim().is_empty()
}

/// What the info string of a fence says the block holds.
fn block_kind(info: &str) -> Block {
    let word = info.split_whitespace().next().unwrap_or("");
    let word = word.trim_start_matches(['{', '.']).trim_end_matches('}');
    match word.to_ascii_lowercase().as_str() {
        "sh" | "bash" | "shell" => Block::Script,
        "console" => Block::Console,
        _ => Block::Other,
    }
}

/// The shell code of every `sh`, `bash`, `shell` and `console` block of a markdown text.
/// A block left open runs to the end of the text.
pub fn shell_blocks(doc: &str) -> Vec<Region> {
    let mut out = Vec::new();
    let mut open: Option<Fence> = None;
    for (at, line) in lines(doc) {
        let Some(fence) = open.as_mut() else {
            if let Some((ch, len, indent, info)) = opening(line) {
                open = Some(Fence {
                    ch,
                    len,
                    indent,
                    block: block_kind(info),
                    region: Region {
                        text: String::new(),
                        pieces: Vec::new(),
                    },
                    continues: false,
                    in_command: false,
                });
            }
            continue;
        };
        if closes(line, fence) {
            let fence = open.take().expect("open");
            if fence.block != Block::Other && !fence.region.pieces.is_empty() {
                out.push(fence.region);
            }
            continue;
        }
        // The fence's indentation is removed from its lines.
        let strip = line.len() - line.trim_start_matches(' ').len();
        let strip = strip.min(fence.indent);
        let (at, line) = (at + strip, &line[strip..]);
        match fence.block {
            Block::Other => {}
            Block::Script => fence.region.push_line(at, line),
            Block::Console => console_line(fence, at, line),
        }
    }
    if let Some(fence) = open
        && fence.block != Block::Other
        && !fence.region.pieces.is_empty()
    {
        out.push(fence.region);
    }
    out
}

/// One line of a console block: a command, a continuation, or output (left out).
fn console_line(fence: &mut Fence, at: usize, line: &str) {
    let secondary = line.strip_prefix("> ").or_else(|| line.strip_prefix('>'));
    let (skip, code) = if fence.continues || (fence.in_command && secondary.is_some()) {
        match secondary {
            Some(rest) => (line.len() - rest.len(), rest),
            None => (0, line),
        }
    } else if let Some(rest) = line.strip_prefix("$ ").or_else(|| line.strip_prefix("# ")) {
        (2, rest)
    } else {
        fence.in_command = false;
        fence.continues = false;
        return;
    };
    fence.region.push_line(at + skip, code);
    fence.in_command = true;
    fence.continues = code.ends_with('\\');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &str) -> Vec<String> {
        shell_blocks(doc).into_iter().map(|r| r.text).collect()
    }

    #[test]
    fn takes_shell_fences_only() {
        let doc = "# Title\n\n```sh\nls -la\n```\n\n```python\nprint(1)\n```\n\n~~~bash\ntar -xzvf x.tgz\n~~~\n```shell title=\"x\"\necho a\n```\n```{.bash}\npwd\n```\n";
        assert_eq!(texts(doc), ["ls -la", "tar -xzvf x.tgz", "echo a", "pwd"]);
    }

    #[test]
    fn a_fence_closes_only_with_its_own_kind_and_length() {
        let doc = "````sh\necho ```\n```\nls\n````\nafter\n";
        assert_eq!(texts(doc), ["echo ```\n```\nls"]);
        // Inside a non-shell block, a shell fence is text.
        let doc = "```text\n```sh\n```\nls\n";
        assert!(texts(doc).is_empty());
        // A block left open runs to the end.
        assert_eq!(texts("```bash\na\nb"), ["a\nb"]);
    }

    #[test]
    fn indented_fences_lose_their_indentation_and_map_back() {
        let doc = "1. step\n\n   ```sh\n   grep -r x .\n     | sort\n   ```\n";
        assert_eq!(texts("- a\n\n    ```bash\n    ls\n    ```\n"), ["ls"]);
        let r = &shell_blocks(doc)[0];
        assert_eq!(r.text, "grep -r x .\n  | sort");
        let sort = r.text.find("sort").unwrap();
        let in_doc = r.start_to_document(sort);
        assert_eq!(&doc[in_doc..in_doc + 4], "sort");
        assert_eq!(r.from_document(in_doc), Some(sort));
        assert_eq!(r.end_to_document(sort + 4), in_doc + 4);
        // The indentation and the fences are not code.
        assert_eq!(r.from_document(doc.find("   grep").unwrap()), None);
        assert_eq!(r.from_document(doc.find("```").unwrap()), None);
    }

    #[test]
    fn console_blocks_keep_commands_without_prompts() {
        let doc = "```console\n$ ls -l\ntotal 0\n# apt-get install \\\n>   tar\n$ cat <<EOF\n> hi\n> EOF\nhi\n```\n";
        let r = &shell_blocks(doc)[0];
        assert_eq!(
            r.text,
            "ls -l\napt-get install \\\n  tar\ncat <<EOF\nhi\nEOF"
        );
        // Offsets map back past the prompts.
        let tar = r.text.find("tar").unwrap();
        let d = r.start_to_document(tar);
        assert_eq!(&doc[d..d + 3], "tar");
        assert_eq!(r.from_document(doc.find("$ ls").unwrap()), None);
        let ls = doc.find("ls -l").unwrap();
        assert_eq!(r.from_document(ls), Some(0));
        // Output is not code.
        assert_eq!(r.from_document(doc.find("total").unwrap()), None);
    }

    #[test]
    fn crlf_lines_are_read_without_their_carriage_return() {
        let doc = "```sh\r\nls -l\r\necho x\r\n```\r\n";
        assert_eq!(texts(doc), ["ls -l\necho x"]);
    }

    #[test]
    fn a_whole_script_maps_to_itself() {
        let r = Region::whole("ls\n");
        assert_eq!(r.from_document(1), Some(1));
        assert_eq!(r.from_document(3), None);
        assert_eq!(r.start_to_document(2), 2);
        assert_eq!(r.end_to_document(2), 2);
    }
}
