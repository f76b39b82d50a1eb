//! Positions as LSP counts them (line and character, the character in UTF-16 code units or in
//! UTF-8 bytes, as negotiated) and byte offsets into a document.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says. A character past the end
//! of its line means the end of the line; one inside a character (between the two halves of
//! a surrogate pair, or inside a UTF-8 sequence) means the start of that character.

/// How the characters of a position are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 code units (bytes): LSP 3.17's `utf-8`.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    Utf16,
}

impl Encoding {
    /// The name the protocol uses.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// A position: zero-based line and character, the character counted in an [`Encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// The line, from 0.
    pub line: u32,
    /// The character within the line, from 0, in code units of the encoding.
    pub character: u32,
}

/// Where each line of a text starts, for converting positions to byte offsets and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
    /// Byte offset where each line's text ends (before its line terminator).
    ends: Vec<usize>,
}

impl LineIndex {
    /// The lines of `text`.
    pub fn new(text: &str) -> LineIndex {
        let b = text.as_bytes();
        let mut starts = vec![0];
        let mut ends = Vec::new();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => {
                    ends.push(i);
                    starts.push(i + 1);
                }
                b'\r' => {
                    ends.push(i);
                    if b.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        ends.push(b.len());
        LineIndex { starts, ends }
    }

    /// How many lines there are (an empty text, or one ending in a line break, has an empty
    /// last line).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The byte offset of a position, or `None` when its line is past the last line.
    pub fn offset(&self, text: &str, pos: Pos, enc: Encoding) -> Option<usize> {
        let line = pos.line as usize;
        let (start, end) = (*self.starts.get(line)?, self.ends[line]);
        let wanted = pos.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let w = enc.width(c);
            if units + w > wanted {
                return Some(start + i);
            }
            units += w;
        }
        Some(end)
    }

    /// The byte offset of a position, clamped to the end of the text when the line is past
    /// the last line (for edits, which must land somewhere).
    pub fn offset_clamped(&self, text: &str, pos: Pos, enc: Encoding) -> usize {
        self.offset(text, pos, enc).unwrap_or(text.len())
    }

    /// The position of a byte offset (rounded down to a character boundary; an offset past
    /// the end is the end).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character: usize = match enc {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => text[start..offset].chars().map(char::len_utf16).sum(),
        };
        Pos {
            line: line as u32,
            character: character as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pos(line: u32, character: u32) -> Pos {
        Pos { line, character }
    }

    #[test]
    fn lines_end_at_lf_crlf_and_cr() {
        let text = "a\nb\r\nc\rd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.lines(), 4);
        for (line, want) in [(0, 0), (1, 2), (2, 5), (3, 7)] {
            assert_eq!(idx.offset(text, pos(line, 0), Encoding::Utf16), Some(want));
        }
        assert_eq!(idx.position(text, 7, Encoding::Utf16), pos(3, 0));
        // Past the end of a line is its end, before the terminator.
        assert_eq!(idx.offset(text, pos(1, 9), Encoding::Utf8), Some(3));
        // Past the last line is nothing.
        assert_eq!(idx.offset(text, pos(4, 0), Encoding::Utf8), None);
        assert_eq!(
            idx.offset_clamped(text, pos(4, 0), Encoding::Utf8),
            text.len()
        );
        assert_eq!(LineIndex::new("x\n").lines(), 2);
    }

    #[test]
    fn utf16_and_utf8_count_a_non_bmp_character_differently() {
        // 😀 is 4 bytes in UTF-8 and 2 code units in UTF-16.
        let text = "echo 😀 | tr a b";
        let idx = LineIndex::new(text);
        let pipe = text.find('|').unwrap();
        assert_eq!(idx.position(text, pipe, Encoding::Utf16), pos(0, 8));
        assert_eq!(idx.position(text, pipe, Encoding::Utf8), pos(0, 10));
        assert_eq!(idx.offset(text, pos(0, 8), Encoding::Utf16), Some(pipe));
        assert_eq!(idx.offset(text, pos(0, 10), Encoding::Utf8), Some(pipe));
        // Inside the character: its start.
        assert_eq!(idx.offset(text, pos(0, 6), Encoding::Utf16), Some(5));
        assert_eq!(idx.offset(text, pos(0, 7), Encoding::Utf8), Some(5));
        // An offset inside a character rounds down.
        assert_eq!(idx.position(text, 7, Encoding::Utf8), pos(0, 5));
    }

    fn any_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a".to_string()),
                Just(" ".to_string()),
                Just("\n".to_string()),
                Just("\r".to_string()),
                Just("\r\n".to_string()),
                Just("é".to_string()),
                Just("€".to_string()),
                Just("😀".to_string()),
                any::<char>().prop_map(|c| c.to_string()),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        /// Every byte offset on a character boundary (other than between the `\r` and `\n`
        /// of one line break) survives offset → position → offset, in both encodings.
        #[test]
        fn offsets_round_trip(text in any_text()) {
            let idx = LineIndex::new(&text);
            for offset in 0..=text.len() {
                if !text.is_char_boundary(offset)
                    || (offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n'))
                {
                    continue;
                }
                for enc in [Encoding::Utf8, Encoding::Utf16] {
                    let p = idx.position(&text, offset, enc);
                    prop_assert_eq!(idx.offset(&text, p, enc), Some(offset), "{:?} {:?}", p, enc);
                }
            }
        }

        /// Every position maps to a boundary whose position is on the same line and not
        /// after it; positions inside a line and on character starts survive the round trip.
        #[test]
        fn positions_round_trip(text in any_text(), line in 0u32..12, character in 0u32..60) {
            let idx = LineIndex::new(&text);
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                let p = pos(line, character);
                match idx.offset(&text, p, enc) {
                    None => prop_assert!(line as usize >= idx.lines()),
                    Some(o) => {
                        prop_assert!(text.is_char_boundary(o));
                        let back = idx.position(&text, o, enc);
                        prop_assert_eq!(back.line, line);
                        prop_assert!(back.character <= character);
                        // Converting again is stable.
                        prop_assert_eq!(idx.offset(&text, back, enc), Some(o));
                    }
                }
            }
        }
    }
}
