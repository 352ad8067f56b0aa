//! The example site in `content/` (Inverclyde Council's Digital and ICT strategies) checks
//! clean, and its summary counts what the committee reports hold.

use crate::support::{repo_root, run_in};

#[test]
fn the_example_content_checks_clean_with_its_counts() {
    let run = run_in(&repo_root(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.summary(),
        "checked Inverclyde Council: 2 strategies, 18 actions (9 steps), 5 metrics with 161 data points, 2 updates, 2 pages; 1 overdue action as at 31 December 2019; 0 errors, 1 warning"
    );
    assert!(
        run.stderr.contains(
            "warning: action DS-04 is overdue: due August 2018, delayed as at 31 December 2019"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn the_example_content_checks_with_an_explicit_folder_from_elsewhere() {
    let content = repo_root().join("content");
    let run = run_in(
        &std::env::temp_dir(),
        &["check", "--content", content.to_str().unwrap_or_default()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}
