//! A whole content folder: the input is cut into files at ASCII record separators (0x1E),
//! written to fixed places in a temporary `content/`, then checked with `plainsight::check`;
//! when there are no errors the site is also rendered in memory (default theme, no git
//! history). Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plainsight::model::history::History;
use plainsight::output::{is_contained, OutputFile, Sink, WriteError};
use plainsight::render::{render, RenderOptions};
use plainsight::theme::Theme;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Where each part of the input goes, in order. Slugs are those of the example content so
/// that seeds made from it stay consistent.
const FILES: [&str; 8] = [
    "site.yaml",
    "strategies/digital-2017-20/index.md",
    "strategies/digital-2017-20/actions.yaml",
    "metrics/requests-by-channel.yaml",
    "metrics/requests-by-channel.csv",
    "snapshots/2019-07-31.yaml",
    "updates/2020-02-04-ict-performance-update.md",
    "pages/about.md",
];

const SEPARATOR: u8 = 0x1e;

struct Fixture {
    content: PathBuf,
    theme: Theme,
    render: bool,
    /// PLAINSIGHT_FUZZ_DEBUG set: print the diagnostics (to see why a seed fails `check`).
    debug: bool,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        // Outside any git repository, one folder per process (libFuzzer may run several).
        // libFuzzer ends the process with exit(), so nothing is dropped: folders left by
        // earlier processes that have ended are removed here instead.
        let temp = std::env::temp_dir();
        remove_stale(&temp);
        let root = temp.join(format!("{PREFIX}{}", std::process::id()));
        let content = root.join("content");
        for file in FILES {
            let dir = content.join(file);
            std::fs::create_dir_all(dir.parent().expect("every file is in content/"))
                .expect("create the temporary content folder");
        }
        Fixture {
            content,
            theme: Theme::default_theme(),
            render: std::env::var_os("PLAINSIGHT_FUZZ_NO_RENDER").is_none(),
            debug: std::env::var_os("PLAINSIGHT_FUZZ_DEBUG").is_some(),
        }
    })
}

const PREFIX: &str = "plainsight-fuzz-content-";

/// Removes the folders of fuzzing processes that are no longer running (Linux: /proc).
fn remove_stale(temp: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn write(content: &Path, data: &[u8]) {
    let mut parts = data.split(|b| *b == SEPARATOR);
    for file in FILES {
        let path = content.join(file);
        match parts.next() {
            Some(bytes) => std::fs::write(&path, bytes).expect("write a content file"),
            None => match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => panic!("remove {}: {e}", path.display()),
            },
        }
    }
}

/// Keeps only the paths of the rendered files, and checks each: inside the output folder,
/// and written once.
#[derive(Default)]
struct Checking(Mutex<HashSet<String>>);

impl Sink for Checking {
    fn put(&self, file: OutputFile) -> Result<(), WriteError> {
        assert!(
            is_contained(&file.path),
            "rendered file {:?} is not inside the output folder",
            file.path
        );
        let mut seen = self.0.lock().unwrap_or_else(|e| e.into_inner());
        assert!(
            seen.insert(file.path.clone()),
            "{:?} is rendered twice",
            file.path
        );
        Ok(())
    }
}

fuzz_target!(|data: &[u8]| {
    let fixture = fixture();
    write(&fixture.content, data);
    let checked = plainsight::check(&fixture.content);
    for d in checked.diagnostics.sorted() {
        let shown = d.to_string();
        if fixture.debug {
            eprintln!("{shown}");
        }
    }
    let _ = checked.summary();
    if checked.diagnostics.has_errors() || !fixture.render {
        return;
    }
    let Some(content) = checked.content else {
        return;
    };
    let mut diags = plainsight::diag::Diagnostics::new();
    let options = RenderOptions { base_url: None };
    let sink = Checking::default();
    let rendered = render(
        &content,
        &History::default(),
        &fixture.theme,
        &options,
        &mut diags,
        &sink,
    );
    if fixture.debug {
        for d in diags.sorted() {
            eprintln!("render: {d}");
        }
        let files = sink.0.lock().map_or(0, |s| s.len());
        eprintln!("rendered: {} ({files} files)", rendered.is_some());
    }
});
