//! Turning the bytes of a page file into text: gzip, character encodings, junk.

use std::io::Read;

/// The most bytes a page may expand to once decompressed; bigger pages are refused, not truncated.
pub const MAX_PAGE_BYTES: usize = 128 * 1024 * 1024;

/// Why a file could not be read as a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    /// The gzip stream is damaged or cut short.
    Gzip(String),
    /// The page is larger than [`MAX_PAGE_BYTES`].
    TooLarge(usize),
    /// The bytes look like a binary file, not roff.
    Binary,
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SourceError::Gzip(e) => write!(f, "broken gzip data: {e}"),
            SourceError::TooLarge(n) => write!(
                f,
                "page is {n} bytes or more once decompressed, over the limit of {MAX_PAGE_BYTES}"
            ),
            SourceError::Binary => write!(f, "not a roff page: the file holds binary data"),
        }
    }
}

impl std::error::Error for SourceError {}

/// Decompresses gzip data (recognised by its magic number); other bytes are returned as they are.
pub fn decompress(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, SourceError> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        if bytes.len() > MAX_PAGE_BYTES {
            return Err(SourceError::TooLarge(bytes.len()));
        }
        return Ok(std::borrow::Cow::Borrowed(bytes));
    }
    let mut out = Vec::with_capacity(bytes.len() * 4);
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    decoder
        .take(MAX_PAGE_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| SourceError::Gzip(e.to_string()))?;
    if out.len() > MAX_PAGE_BYTES {
        return Err(SourceError::TooLarge(out.len()));
    }
    Ok(std::borrow::Cow::Owned(out))
}

/// Decodes page bytes to text: UTF-8 when valid, otherwise Latin-1 (the historical default).
/// NUL bytes and other C0 controls except tab, newline and backspace-free text are dropped.
pub fn decode(bytes: &[u8]) -> Result<String, SourceError> {
    let sample = &bytes[..bytes.len().min(4096)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x08 | 0x1b))
        .count();
    if !sample.is_empty() && controls * 10 > sample.len() {
        return Err(SourceError::Binary);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    if text
        .bytes()
        .any(|b| b < 0x20 && !matches!(b, b'\n' | b'\t'))
    {
        Ok(text
            .chars()
            .filter(|&c| c >= ' ' || c == '\n' || c == '\t')
            .collect())
    } else {
        Ok(text)
    }
}
