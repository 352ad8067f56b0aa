//! `load::split` (front matter / body) and `load::source::decode` + `LfReader` (BOM and line
//! endings) on arbitrary input, with the invariants the loader relies on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plainsight::load::source::{decode, LfReader};
use plainsight::load::{split, SplitError};
use plainsight_fuzz::Chunked;
use std::io::Read;
use std::path::Path;

/// Where `part` starts inside `whole`, when it is a slice of it.
fn offset_in(whole: &str, part: &str) -> usize {
    let start = part.as_ptr() as usize;
    let base = whole.as_ptr() as usize;
    assert!(
        start >= base && start + part.len() <= base + whole.len(),
        "slice is not part of the input"
    );
    start - base
}

/// Whether the file opens a front-matter block: `---`, optional spaces or tabs, newline.
fn opens(text: &str) -> bool {
    text.strip_prefix("---")
        .map(|rest| rest.trim_start_matches([' ', '\t']).starts_with('\n'))
        .unwrap_or(false)
}

fn check_split(text: &str) {
    match split(text) {
        Ok(s) => {
            assert!(opens(text));
            assert_eq!(s.line_offset, 1);
            let fm = offset_in(text, s.front_matter);
            let body = offset_in(text, s.body);
            // The opening line comes first, then the front matter, then the closing line.
            assert!(opens(&text[..fm]) && text[..fm].ends_with('\n'));
            assert_eq!(text[..fm].matches('\n').count(), 1, "opening is one line");
            assert!(fm + s.front_matter.len() <= body);
            assert_eq!(body + s.body.len(), text.len(), "the body runs to the end");
            assert!(s.front_matter.is_empty() || s.front_matter.ends_with('\n'));
            let closing = &text[fm + s.front_matter.len()..body];
            let closing = closing.strip_suffix('\n').unwrap_or(closing);
            let closing = closing.strip_suffix('\n').unwrap_or(closing);
            assert_eq!(closing.trim_end(), "---", "closing line {closing:?}");
            // The closing line is the first `---` line.
            assert!(s.front_matter.split('\n').all(|l| l.trim_end() != "---"));
        }
        Err(SplitError::Missing) => assert!(!opens(text)),
        Err(SplitError::Unclosed) => {
            assert!(opens(text));
            let after_open = &text[text.find('\n').map_or(text.len(), |i| i + 1)..];
            assert!(after_open
                .split_inclusive('\n')
                .all(|l| l.trim_end() != "---"));
        }
    }
}

fn line_endings(bytes: &[u8]) -> usize {
    let mut count = 0;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'\n' if i > 0 && bytes[i - 1] == b'\r' => {}
            b'\n' | b'\r' => count += 1,
            _ => {}
        }
    }
    count
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        check_split(text);
    }
    let step = 1 + data.first().map_or(0, |b| (*b % 8) as usize);
    let mut streamed = Vec::new();
    LfReader::new(Chunked::new(data, step))
        .read_to_end(&mut streamed)
        .expect("reading from memory cannot fail");
    assert!(!streamed.contains(&b'\r'));
    assert_eq!(
        streamed.iter().filter(|b| **b == b'\n').count(),
        line_endings(data),
        "LfReader keeps the line count"
    );
    match decode(data, Path::new("f.md")) {
        Ok(text) => {
            assert!(!text.contains('\r'));
            let without_bom = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
            assert_eq!(text.matches('\n').count(), line_endings(without_bom));
            // Streaming and whole-file decoding agree.
            let mut streamed = Vec::new();
            LfReader::new(without_bom)
                .read_to_end(&mut streamed)
                .expect("reading from memory cannot fail");
            assert_eq!(text.as_bytes(), &streamed[..]);
            check_split(&text);
        }
        Err(d) => {
            assert!(
                std::str::from_utf8(data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data)).is_err()
            );
            assert!(d.location.line >= 1 && d.location.column >= 1);
        }
    }
});
