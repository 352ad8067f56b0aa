//! The communications team's commands: `init` makes a site that checks and builds, and
//! `new ...` writes files that pass `check` unchanged and never overwrite anything.

use crate::support::{run_in, Site};

#[test]
fn init_makes_a_site_that_checks_and_builds() {
    let dir = Site::empty();
    let run = run_in(dir.path(), &["init", "council"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = dir.path().join("council");
    for file in [
        ".gitignore",
        ".github/workflows/plainsight.yml",
        ".gitlab-ci.yml",
        "content/pages/accessibility.md",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    let workflow =
        std::fs::read_to_string(site.join(".github/workflows/plainsight.yml")).unwrap_or_default();
    assert!(
        workflow.contains("fetch-depth: 0")
            && workflow.contains("plainsight check --format github")
    );
    let check = run_in(&site, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.summary().contains("0 errors, 0 warnings"),
        "{}",
        check.summary()
    );
    let build = run_in(&site, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let dashboard = std::fs::read_to_string(site.join("public/index.html")).unwrap_or_default();
    assert!(dashboard.contains("Customer Services Plan 2024–2027"));
    assert!(dashboard.contains("Figures as at <strong>31 March 2025</strong>"));
}

#[test]
fn init_refuses_to_overwrite_an_existing_site() {
    let site = Site::minimal();
    let run = site.run(&["init"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/site.yaml already exists; plainsight never overwrites a file"),
        "{}",
        run.stderr
    );
    assert!(
        !site.path().join(".gitlab-ci.yml").exists(),
        "nothing is written when anything would be overwritten"
    );
}

#[test]
fn new_files_pass_check_unchanged() {
    let site = Site::minimal();
    for args in [
        vec![
            "new",
            "action",
            "--strategy",
            "plan",
            "--title",
            "Publish the plan: online",
        ],
        vec!["new", "metric", "library-visits"],
        vec!["new", "snapshot", "2020-01-31"],
        vec![
            "new",
            "update",
            "Quarter three report",
            "--date",
            "2020-01-15",
        ],
    ] {
        let run = site.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    let check = site.check();
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.summary().contains("1 strategy, 2 actions"),
        "{}",
        check.summary()
    );
    assert!(check.summary().contains("2 metrics"), "{}", check.summary());
    let plan = std::fs::read_to_string(site.path().join("content/strategies/plan/actions.yaml"))
        .unwrap_or_default();
    assert!(plan.contains("- id: A-02"), "{plan}");
    assert!(
        plan.contains("title: \"Publish the plan: online\""),
        "{plan}"
    );
    let snapshot = std::fs::read_to_string(site.path().join("content/snapshots/2020-01-31.yaml"))
        .unwrap_or_default();
    assert!(
        snapshot.contains("sla: {period: \"2019-07\", vip: ~, standard: ~}"),
        "the next period due: {snapshot}"
    );
    assert!(site
        .path()
        .join("content/updates/2020-01-15-quarter-three-report.md")
        .is_file());
}

#[test]
fn new_never_overwrites() {
    let site = Site::minimal();
    let run = site.run(&["new", "metric", "sla"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/metrics/sla.yaml already exists"),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "action", "--strategy", "nope"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("there is no strategy `nope`; the strategies are: plan"),
        "{}",
        run.stderr
    );
}

#[test]
fn quiet_prints_errors_only_and_help_documents_exit_codes() {
    let site = Site::minimal();
    site.write(
        "content/metrics/sla.yaml",
        &crate::support::METRIC.replace("vip: 97.1", "vip: 971"),
    );
    let run = site.run(&["check", "--quiet"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (0, ""),
        "a warning alone prints nothing with --quiet"
    );
    let help = site.run(&["--help"]);
    assert!(help.stdout.contains("Exit codes:"), "{}", help.stdout);
    assert!(
        help.stdout.contains("1  the content has errors"),
        "{}",
        help.stdout
    );
}
