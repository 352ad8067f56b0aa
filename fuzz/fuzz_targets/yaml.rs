//! Any text as each kind of YAML content file (a metric, an action plan, a snapshot) and as
//! a page's front matter, beside a valid site.yaml and strategy, checked with
//! `plainsight::check`: nothing may panic, and every problem found in the text must point at
//! a line and column inside it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Where the input is written, each time.
const FILES: [&str; 3] = [
    "metrics/requests-by-channel.yaml",
    "strategies/digital-2017-20/actions.yaml",
    "snapshots/2019-07-31.yaml",
];

/// Where the input is written as front matter, after a first line `---`.
const PAGE: &str = "pages/about.md";

/// A content folder of this process's own (libFuzzer may run several), in the temporary
/// folder that fuzz/run removes afterwards.
fn content() -> &'static PathBuf {
    static CONTENT: OnceLock<PathBuf> = OnceLock::new();
    CONTENT.get_or_init(|| {
        let content = std::env::temp_dir()
            .join(format!("plainsight-fuzz-yaml-{}", std::process::id()))
            .join("content");
        let write = |path: &str, text: &str| {
            let path = content.join(path);
            std::fs::create_dir_all(path.parent().expect("inside content/")).expect("folder");
            std::fs::write(path, text).expect("write a content file");
        };
        write(
            "site.yaml",
            "title: T\norganisation: O\nas_of: 2019-12-31\n",
        );
        write(
            "strategies/digital-2017-20/index.md",
            "---\ntitle: S\n---\n",
        );
        for file in FILES.into_iter().chain([PAGE]) {
            write(file, "");
        }
        content
    })
}

/// Whether `line` and `column` (1-based) are inside `text` split into lines at `breaks`.
fn inside(text: &str, breaks: &[char], line: usize, column: usize) -> bool {
    let width = text.split(breaks).nth(line.wrapping_sub(1));
    width.is_some_and(|l| column <= l.chars().count() + 1)
}

fuzz_target!(|data: &[u8]| {
    let content = content();
    for file in FILES {
        std::fs::write(content.join(file), data).expect("write the input");
    }
    let page = [b"---\n", data, b"\n---\n"].concat();
    std::fs::write(content.join(PAGE), page).expect("write the input");
    let checked = plainsight::check(content);
    // The text as the loader reads it: UTF-8, BOM dropped, CRLF and CR made LF.
    let Ok(text) = plainsight::load::source::decode(data, content) else {
        return;
    };
    for problem in checked.diagnostics.sorted() {
        let at = &problem.location;
        let shown = at.file.to_string_lossy();
        let offset = match () {
            _ if FILES.iter().any(|file| shown.ends_with(file)) => 0,
            _ if shown.ends_with(PAGE) => 1,
            _ => continue,
        };
        if at.line <= offset {
            continue;
        }
        // saphyr-parser breaks lines at line feeds only; libyaml also at NEL, LS and PS, and
        // may point just past the last line.
        let line = at.line - offset;
        assert!(
            inside(&text, &['\n'], line, at.column)
                || inside(
                    &text,
                    &['\n', '\u{85}', '\u{2028}', '\u{2029}'],
                    line,
                    at.column
                )
                || line == text.split(['\n', '\u{85}', '\u{2028}', '\u{2029}']).count() + 1,
            "{problem} is outside the text"
        );
    }
});
