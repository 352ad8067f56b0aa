//! Any text as each kind of YAML content file (a metric, an action plan, a snapshot), beside
//! a valid site.yaml and strategy, checked with `plainsight::check`: nothing may panic, and
//! every problem found in the text must point at a line and column inside it.
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
        content
    })
}

fuzz_target!(|data: &[u8]| {
    let content = content();
    for file in FILES {
        std::fs::write(content.join(file), data).expect("write the input");
    }
    let checked = plainsight::check(content);
    // The text as the loader reads it: UTF-8, BOM dropped, CRLF and CR made LF.
    let Ok(text) = plainsight::load::source::decode(data, content) else {
        return;
    };
    // Lines as either YAML parser counts them (YAML 1.1 also breaks at NEL, LS and PS),
    // plus one for a problem at the very end.
    let lines: Vec<&str> = text
        .split(['\n', '\u{85}', '\u{2028}', '\u{2029}'])
        .collect();
    for problem in checked.diagnostics.sorted() {
        let shown = problem.location.file.to_string_lossy();
        if !FILES.iter().any(|file| shown.ends_with(file)) || problem.location.line == 0 {
            continue;
        }
        let line = lines.get(problem.location.line - 1);
        let width = line.map_or(0, |l| l.chars().count());
        assert!(
            line.is_some() && problem.location.column <= width + 1,
            "{problem} is outside the text ({} lines)",
            lines.len()
        );
    }
});
