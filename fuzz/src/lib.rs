//! What the fuzz targets share.

use std::io::Read;

/// A reader handing out at most `step` bytes a call, so that a reader's buffering (a CR/LF
/// pair split across two reads, a UTF-8 character cut in half) is fuzzed too.
pub struct Chunked<'a> {
    data: &'a [u8],
    step: usize,
}

impl<'a> Chunked<'a> {
    /// Reads `data` at most `step` bytes at a time (`step` is at least 1).
    pub fn new(data: &'a [u8], step: usize) -> Self {
        Chunked {
            data,
            step: step.max(1),
        }
    }
}

impl Read for Chunked<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(out.len()).min(self.data.len());
        out[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}
