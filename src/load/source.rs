//! Reading content files as text, whatever a spreadsheet or an editor saved: a UTF-8 byte
//! order mark is dropped, CRLF and lone CR line endings become LF (line numbers stay the
//! same), invalid UTF-8 and oversized files are reported with where the problem is.

use crate::diag::{Diagnostic, Location};
use std::path::Path;

/// Larger YAML or Markdown files are refused: no council writes a 16 MiB action plan, and
/// reading one whole would only waste memory.
pub(crate) const MAX_TEXT_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a text file from disk; `shown` is the path used in messages.
pub(crate) fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    use std::io::Read;
    let cannot_read = |e: std::io::Error| {
        Diagnostic::error(Location::file(shown), format!("cannot read this file: {e}"))
    };
    let mut file = std::fs::File::open(path).map_err(cannot_read)?;
    let length = file.metadata().map_err(cannot_read)?.len();
    if length > MAX_TEXT_FILE_BYTES {
        return Err(Diagnostic::error(
            Location::file(shown),
            format!(
                "this file is {} MiB; YAML and Markdown files may be at most {} MiB",
                length / (1024 * 1024),
                MAX_TEXT_FILE_BYTES / (1024 * 1024)
            ),
        )
        .hint("split it, or put large series of figures in the metric's CSV file"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(cannot_read)?;
    decode_owned(bytes, shown)
}

/// Decodes bytes as UTF-8 text with LF line endings.
pub fn decode(bytes: &[u8], shown: &Path) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    Ok(normalise_line_endings(valid_utf8(bytes, shown)?))
}

/// [`decode`], keeping the bytes' own buffer as the text's when they need no change (most
/// files): no copy.
fn decode_owned(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) if !text.starts_with('\u{FEFF}') && !text.contains('\r') => Ok(text),
        Ok(text) => decode(text.as_bytes(), shown),
        Err(error) => decode(error.as_bytes(), shown),
    }
}

/// The bytes as text, or where they stop being UTF-8.
fn valid_utf8<'a>(bytes: &'a [u8], shown: &Path) -> Result<&'a str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|error| {
        let good = &bytes[..error.valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        Diagnostic::error(
            Location::new(shown, line, column),
            "this file is not valid UTF-8 text",
        )
        .hint(
            "save it as UTF-8 (in Excel: \"CSV UTF-8\"; in most editors: Save with encoding UTF-8)",
        )
    })
}

fn normalise_line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Streams bytes with CRLF and lone CR line endings turned into LF, so that line numbers
/// counted on LF are right for files saved by spreadsheets.
pub struct LfReader<R> {
    inner: R,
    after_cr: bool,
    buffer: Vec<u8>,
    position: usize,
}

impl<R: std::io::Read> LfReader<R> {
    pub fn new(inner: R) -> Self {
        LfReader {
            inner,
            after_cr: false,
            buffer: Vec::with_capacity(64 * 1024),
            position: 0,
        }
    }
}

impl<R: std::io::Read> std::io::Read for LfReader<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.position >= self.buffer.len() {
            self.buffer.clear();
            self.position = 0;
            let mut chunk = [0u8; 64 * 1024];
            let read = self.inner.read(&mut chunk)?;
            if read == 0 {
                return Ok(0);
            }
            for &byte in &chunk[..read] {
                let skip = self.after_cr && byte == b'\n';
                self.after_cr = byte == b'\r';
                if !skip {
                    self.buffer.push(if byte == b'\r' { b'\n' } else { byte });
                }
            }
        }
        let n = out.len().min(self.buffer.len() - self.position);
        out[..n].copy_from_slice(&self.buffer[self.position..self.position + n]);
        self.position += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lf_reader_normalises_line_endings_across_reads() {
        use std::io::Read;
        let mut out = String::new();
        let input: &[u8] = b"a\r\nb\rc\n\r\n";
        LfReader::new(input).read_to_string(&mut out).unwrap();
        assert_eq!(out, "a\nb\nc\n\n");
        // A CR at the end of one read and its LF at the start of the next.
        let mut out = Vec::new();
        let mut reader = LfReader::new(std::io::Read::chain(&b"x\r"[..], &b"\ny"[..]));
        reader.read_to_end(&mut out).unwrap();
        assert_eq!(out, b"x\ny");
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let text = decode(b"\xEF\xBB\xBFtitle: a\r\nowner: b\r\n", Path::new("f")).unwrap();
        assert_eq!(text, "title: a\nowner: b\n");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let error = decode(b"title: a\nowner: Caf\xE9\n", Path::new("f.yaml")).unwrap_err();
        assert_eq!(error.location, Location::new("f.yaml", 2, 11));
        assert!(error.message.contains("not valid UTF-8"));
    }

    #[test]
    fn files_are_read_as_they_are_decoded() {
        let dir = tempfile::tempdir().unwrap();
        for (bytes, text) in [
            (&b"title: a\nowner: b\n"[..], "title: a\nowner: b\n"),
            (
                b"\xEF\xBB\xBFtitle: a\r\nowner: b\r",
                "title: a\nowner: b\n",
            ),
        ] {
            let path = dir.path().join("f.yaml");
            std::fs::write(&path, bytes).unwrap();
            assert_eq!(read_text(&path, Path::new("f.yaml")).unwrap(), text);
        }
        std::fs::write(dir.path().join("f.yaml"), b"title: Caf\xE9\n").unwrap();
        let error = read_text(&dir.path().join("f.yaml"), Path::new("f.yaml")).unwrap_err();
        assert_eq!(error.location, Location::new("f.yaml", 1, 11));
        let error = read_text(&dir.path().join("missing.yaml"), Path::new("m.yaml")).unwrap_err();
        assert!(
            error.message.starts_with("cannot read this file"),
            "{error}"
        );
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b"", Path::new("f")).unwrap(), "");
    }
}
