//! The preview renders each file when it is asked for, from the loaded model. Whatever it
//! serves must be what `plainsight build` writes, byte for byte, and after an edit it must
//! serve the edited text, never a stale page.

use crate::support::{files_below, repo_root, Site, ACTIONS};
use plainsight::build::{build, preview, BuildOptions, Caches};
use plainsight::diag::Diagnostics;

fn options(content_dir: std::path::PathBuf, out_dir: std::path::PathBuf) -> BuildOptions {
    BuildOptions {
        content_dir,
        out_dir,
        base_url: Some("/".to_string()),
    }
}

fn text(bytes: Option<Result<Vec<u8>, plainsight::diag::Diagnostic>>) -> String {
    String::from_utf8(bytes.expect("a file").expect("rendered")).expect("UTF-8")
}

#[test]
fn every_file_the_preview_serves_is_the_file_the_build_writes() {
    // The repository's own example, with its real git history.
    let out = tempfile::tempdir().expect("a temp dir");
    let options = options(repo_root().join("content"), out.path().join("public"));
    let built = build(&options);
    assert!(built.report.is_some(), "{:?}", built.diagnostics.sorted());
    let mut diags = Diagnostics::new();
    let preview =
        preview(&options.content_dir, &mut Caches::default(), &mut diags).expect("a preview");

    let files = files_below(&options.out_dir);
    assert!(files.len() > 100, "{} files", files.len());
    for (path, bytes) in &files {
        let served = preview
            .file(path)
            .unwrap_or_else(|| panic!("{path}: not served"));
        let served = served.unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(
            served == *bytes,
            "{path}: the preview differs from the build"
        );
    }
    assert!(preview.file("strategies/no-such-plan/index.html").is_none());
    assert!(preview.file("metrics/index.html/x").is_none());
}

#[test]
fn after_an_edit_every_page_it_touches_shows_it() {
    let site = Site::minimal();
    let options = options(site.path().join("content"), site.path().join("public"));
    let mut caches = Caches::default();
    let mut diags = Diagnostics::new();
    let first = preview(&options.content_dir, &mut caches, &mut diags).expect("a preview");
    assert!(text(first.file("strategies/plan/actions/a-01/index.html")).contains("Do a thing"));
    assert_eq!(caches.files.len(), 4, "every content file remembered");

    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS.replace("Do a thing", "Do another thing"),
    );
    let second =
        preview(&options.content_dir, &mut caches, &mut Diagnostics::new()).expect("a preview");
    assert!(
        text(second.file("strategies/plan/actions/a-01/index.html")).contains("Do another thing")
    );
    // The metric page lists the actions that measure it: it shows the new title too.
    assert!(text(second.file("metrics/sla/index.html")).contains("Do another thing"));
    assert!(text(second.file("data/actions.csv")).contains("Do another thing"));
    assert!(!text(second.file("search/index.html")).is_empty());

    // A broken edit is reported with its place, and no preview is made.
    site.write(
        "content/strategies/plan/actions.yaml",
        "- id: A-01\n  title: [unclosed\n",
    );
    let mut problems = Diagnostics::new();
    assert!(preview(&options.content_dir, &mut caches, &mut problems).is_none());
    let shown: Vec<String> = problems.sorted().iter().map(|d| d.to_string()).collect();
    assert!(
        shown.iter().any(|p| p.starts_with(&format!(
            "{}:3:1: error: this is not valid YAML",
            site.path()
                .join("content/strategies/plan/actions.yaml")
                .display()
        ))),
        "{shown:?}"
    );
}
