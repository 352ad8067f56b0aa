//! The record of what changed, from real throwaway git repositories with fixed commit dates:
//! an action's status and due date changing, a target raised, a figure restated, an action
//! removed; then a shallow clone, a folder without git, and uncommitted edits.

use crate::support::{Site, ACTIONS, METRIC};
use std::path::Path;
use std::process::Command;

/// Runs `git` in `dir` with a fixed identity and commit date; panics if it fails. (Tests make
/// repositories with the git program; plainsight reads them in process.)
fn git(dir: &Path, args: &[&str], date: &str) {
    let stamp = format!("{date}T12:00:00+00:00");
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=Performance Team",
            "-c",
            "user.email=team@example.org",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("run git");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn commit(site: &Site, date: &str, message: &str) {
    git(site.path(), &["add", "-A"], date);
    git(site.path(), &["commit", "-q", "-m", message], date);
}

const TWO_ACTIONS: &str = "- id: A-01\n  theme: customer-focus\n  title: Do a thing\n  due: \"2019-12\"\n  status: on_track\n  metrics: [sla]\n- id: A-02\n  theme: customer-focus\n  title: Another thing\n  status: not_started\n";

/// A repository whose content went through a year of changes.
fn site_with_history() -> Site {
    let site = Site::minimal();
    site.write("public/.keep", "");
    site.write(".gitignore", "public/\n");
    git(site.path(), &["init", "-q"], "2019-11-01");
    site.write("content/strategies/plan/actions.yaml", TWO_ACTIONS);
    site.write(
        "content/metrics/sla.yaml",
        &METRIC.replace("targets: [{value: 95}]", "targets: [{value: 90}]"),
    );
    commit(&site, "2019-11-01", "Publish the plan");

    site.write(
        "content/strategies/plan/actions.yaml",
        &TWO_ACTIONS.replacen("status: on_track", "status: delayed", 1),
    );
    commit(&site, "2020-01-15", "A-01 delayed by supplier issues");

    site.write(
        "content/strategies/plan/actions.yaml",
        &TWO_ACTIONS
            .replacen("status: on_track", "status: delayed", 1)
            .replace("due: \"2019-12\"", "due: \"2020-03\""),
    );
    commit(&site, "2020-02-04", "Move A-01 to March after committee");

    site.write("content/metrics/sla.yaml", METRIC);
    commit(&site, "2020-02-10", "Raise the SLA target to 95%");

    site.write(
        "content/metrics/sla.yaml",
        &METRIC.replace("vip: 97.1", "vip: 96.9").replace(
            "  - {period: \"2019-06\", vip: 96.9, standard: 95.4}\n",
            "  - {period: \"2019-06\", vip: 96.9, standard: 95.4}\n  - {period: \"2019-07\", vip: 96.0, standard: 95.8}\n",
        ),
    );
    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS.replace("status: on_track", "status: delayed"),
    );
    commit(&site, "2020-03-01", "Correct the June figure; drop A-02");
    site
}

fn history_site() -> &'static Site {
    static SITE: std::sync::OnceLock<Site> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let site = site_with_history();
        let run = site.build();
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
        site
    })
}

fn text(site: &Site, page: &str) -> String {
    let html = site.output(page);
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_action_timeline_shows_status_and_due_date_changes_with_dates_and_messages() {
    let page = text(history_site(), "strategies/plan/actions/a-01/index.html");
    for expected in [
        "Published in the action plan on 1 November 2019",
        "Status changed from On track to Delayed on 15 January 2020",
        "Reason given: “A-01 delayed by supplier issues”",
        "Due date moved from December 2019 to March 2020 on 4 February 2020",
        "Reason given: “Move A-01 to March after committee”",
    ] {
        assert!(page.contains(expected), "missing {expected:?} in {page}");
    }
    let status = page.find("Status changed").unwrap_or_default();
    let due = page.find("Due date moved").unwrap_or_default();
    assert!(status < due, "oldest first");
}

#[test]
fn the_strategy_page_lists_rescheduled_actions_with_how_far_they_moved() {
    let page = text(history_site(), "strategies/plan/index.html");
    assert!(
        page.contains("A-01: Do a thing 1 December 2019 March 2020 3 months later"),
        "{page}"
    );
}

#[test]
fn the_metric_page_flags_restated_figures_and_target_changes() {
    let site = history_site();
    let page = text(site, "metrics/sla/index.html");
    for expected in [
        "VIP, June 2019: first published as 97.1%, restated as 96.9% on 1 March 2020",
        "“Correct the June figure; drop A-02”",
        "Target changed from 90% to 95% on 10 February 2020",
        "June 2019 96.9% (restated) 95.4% 95%",
        "Last updated 1 March 2020",
    ] {
        assert!(page.contains(expected), "missing {expected:?} in {page}");
    }
}

#[test]
fn the_open_data_page_gives_each_dataset_the_date_it_last_changed_once() {
    let html = history_site().output("data/index.html");
    let sla_row = html
        .split(r#"<a href="/metrics/sla/">SLA</a></th>"#)
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .unwrap_or_else(|| panic!("no row for the SLA figures in {html}"));
    assert!(
        sla_row.contains("<td>1 March 2020</td>"),
        "the SLA figures were last changed on 1 March 2020: {sla_row}"
    );
    assert!(!html.contains("<td>Last updated"), "{html}");
}

#[test]
fn the_changes_page_lists_commits_newest_first_with_links() {
    let site = history_site();
    let page = text(site, "changes/index.html");
    let order: Vec<usize> = [
        "1 March 2020 Reason given: “Correct the June figure; drop A-02”",
        "10 February 2020 Reason given: “Raise the SLA target to 95%”",
        "4 February 2020 Reason given: “Move A-01 to March after committee”",
        "15 January 2020 Reason given: “A-01 delayed by supplier issues”",
        "1 November 2019 Reason given: “Publish the plan”",
    ]
    .iter()
    .map(|heading| {
        page.find(heading)
            .unwrap_or_else(|| panic!("missing {heading:?} in {page}"))
    })
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "newest first: {order:?}"
    );
    for expected in [
        "Removed action A-02: Another thing",
        "SLA: the June 2019 figure for VIP was restated from 97.1% to 96.9%",
        "SLA: new figures for July 2019",
        "A-01: due date moved from December 2019 to March 2020",
    ] {
        assert!(page.contains(expected), "missing {expected:?} in {page}");
    }
    let html = site.output("changes/index.html");
    assert!(html.contains(r#"<a href="/strategies/plan/actions/a-01/">A-01: status changed from On track to Delayed</a>"#));
}

#[test]
fn the_changes_feed_is_well_formed_atom_with_an_entry_per_commit() {
    let site = history_site();
    let feed = site.output("changes/atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 5);
    assert!(feed.contains("<updated>2020-03-01T12:00:00Z</updated>"));
    let first = feed
        .find("<title>Correct the June figure; drop A-02</title>")
        .expect("newest entry");
    let last = feed
        .find("<title>Publish the plan</title>")
        .expect("oldest entry");
    assert!(first < last);
    let path = site.path().join("public/changes/atom.xml");
    let parsed = Command::new("python3")
        .args(["-c", "import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); print(r.tag, len(r.findall('{http://www.w3.org/2005/Atom}entry')))"])
        .arg(&path)
        .output()
        .expect("python3");
    assert_eq!(
        String::from_utf8_lossy(&parsed.stdout).trim(),
        "{http://www.w3.org/2005/Atom}feed 5",
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
}

#[test]
fn a_shallow_clone_builds_with_one_warning_and_says_what_it_cannot_show() {
    let origin = site_with_history();
    let clone = Site::empty();
    let target = clone.path().join("site");
    let url = format!("file://{}", origin.path().display());
    git(
        clone.path(),
        &[
            "clone",
            "-q",
            "--depth",
            "2",
            &url,
            target.to_str().unwrap_or_default(),
        ],
        "2020-03-02",
    );
    let run = crate::support::run_in(&target, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr.matches("warning:").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: this is a shallow clone, so the record of changes starts on 10 February 2020"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("fetch-depth: 0"), "{}", run.stderr);
    let changes =
        std::fs::read_to_string(target.join("public/changes/index.html")).unwrap_or_default();
    assert!(
        changes.contains("The record of changes starts on 10 February 2020"),
        "{changes}"
    );
    assert!(changes.contains("Correct the June figure"), "{changes}");
    assert!(
        !changes.contains("Published the action plan"),
        "the oldest fetched commit is a starting point, not a change: {changes}"
    );
}

#[test]
fn a_folder_without_git_builds_with_one_warning() {
    let site = Site::minimal();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: the content is not in a git repository, so the site has no record of changes"
        ),
        "{}",
        run.stderr
    );
    assert!(text(&site, "changes/index.html").contains("The record of changes is not available"));
    assert!(text(&site, "index.html").contains("Last updated: not recorded"));
    assert!(site
        .output("data/index.html")
        .contains("<td>Not recorded</td>"));
}

#[test]
fn uncommitted_edits_are_shown_as_the_working_state_without_history() {
    let site = site_with_history();
    site.write(
        "content/metrics/sla.yaml",
        &METRIC.replace("title: SLA", "title: SLA (draft)"),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = text(&site, "metrics/sla/index.html");
    assert!(
        page.contains("SLA (draft)"),
        "the working copy is what is shown"
    );
    assert!(
        page.contains("Last updated: includes changes not yet in the published record"),
        "{page}"
    );
    assert!(text(&site, "strategies/plan/index.html").contains("Last updated 1 March 2020"));
}

#[test]
fn an_uncommitted_edit_does_not_rewrite_what_the_last_commit_changed() {
    // The build takes committed versions that are the files on disk from what it loaded;
    // an edited file is not such a version, so the record must come from git.
    let site = site_with_history();
    site.write(
        "content/metrics/sla.yaml",
        &METRIC
            .replace("targets: [{value: 95}]", "targets: [{value: 99}]")
            .replace("vip: 97.1", "vip: 80.0"),
    );
    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS.replace("status: on_track", "status: complete"),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let metric = text(&site, "metrics/sla/index.html");
    for expected in [
        "VIP, June 2019: first published as 97.1%, restated as 96.9% on 1 March 2020",
        "Target changed from 90% to 95% on 10 February 2020",
        "June 2019 80.0% (restated) 95.4% 99%",
    ] {
        assert!(
            metric.contains(expected),
            "missing {expected:?} in {metric}"
        );
    }
    assert!(!metric.contains("to 99%"), "{metric}");
    assert!(!metric.contains("restated as 80"), "{metric}");
    let action = text(&site, "strategies/plan/actions/a-01/index.html");
    assert!(!action.contains("to Complete"), "{action}");
}

#[test]
fn the_record_replayed_with_what_loading_read_is_the_record_read_from_git() {
    let site = site_with_history();
    let content = site.path().join("content");
    let same = |label: &str| {
        let mut diags = plainsight::diag::Diagnostics::new();
        let from_git = plainsight::history::read(&content, &mut diags);
        let checked = plainsight::check(&content);
        let replayed =
            plainsight::history::walk(&content).replay(&checked.working_copy, &mut diags);
        assert!(
            checked.working_copy.plans.contains_key("plan")
                && checked.working_copy.definitions.contains_key("sla"),
            "{label}: loading keeps what it read"
        );
        assert_eq!(from_git.commits, replayed.commits, "{label}");
        assert_eq!(from_git.uncommitted, replayed.uncommitted, "{label}");
        assert_eq!(from_git.last_changed, replayed.last_changed, "{label}");
    };
    same("committed");
    site.write(
        "content/metrics/sla.yaml",
        &METRIC.replace("targets: [{value: 95}]", "targets: [{value: 99}]"),
    );
    same("with an uncommitted edit");
}

#[test]
fn the_preview_takes_a_file_from_loading_only_when_it_was_loaded_as_it_was_hashed() {
    use plainsight::history::HistoryCache;
    use plainsight::load::cache::Stamp;
    let site = site_with_history();
    let content = site.path().join("content");
    let mut diags = plainsight::diag::Diagnostics::new();
    let from_git = plainsight::history::read(&content, &mut diags);
    // What loading read, with the plan altered, as if the file had been saved again while
    // it was being loaded.
    let mut altered = plainsight::check(&content).working_copy;
    let mut actions = altered.plans["plan"].to_vec();
    actions[0].status = plainsight::model::Status::Complete;
    altered.plans.insert("plan".into(), actions.into());

    let replay = |loaded_stamp: &(dyn Fn(&str) -> Option<Stamp> + Sync)| {
        let mut cache = HistoryCache::default();
        let walk = cache.walk(&content);
        cache.replay(walk, &altered, loaded_stamp, &mut diags.clone())
    };
    let unknown = replay(&|_| None);
    assert_eq!(unknown.commits, from_git.commits, "no stamp: read from git");
    let same = replay(&|path| Stamp::of(&content.join(path)));
    assert_ne!(
        same.commits, from_git.commits,
        "under the stamp it was hashed under, loading's version is used"
    );
}

/// The words a resident reads on a page: its text outside tags, scripts and styles.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        text.push(' ');
        let tag = &rest[start..];
        let skip_to = ["<script", "<style"]
            .iter()
            .find(|t| tag.starts_with(**t))
            .map(|t| format!("</{}", &t[1..]));
        let end = match skip_to {
            Some(close) => tag.find(&close).unwrap_or(tag.len()),
            None => 0,
        };
        rest = &tag[end..];
        rest = &rest[rest.find('>').map_or(rest.len(), |at| at + 1)..];
    }
    text + rest
}

#[test]
fn no_public_page_says_git_or_commit_or_shows_a_hash() {
    let site = history_site();
    let public = site.path().join("public");
    let mut pages = 0;
    for (name, bytes) in crate::support::files_below(&public) {
        if !name.ends_with(".html") {
            continue;
        }
        pages += 1;
        let text = visible_text(&String::from_utf8_lossy(&bytes));
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            let lower = word.to_lowercase();
            assert!(
                !matches!(lower.as_str(), "git" | "commit" | "commits" | "committed"),
                "{name} says {word:?}: {text}"
            );
            let hash_like = word.len() >= 7
                && word.chars().all(|c| c.is_ascii_hexdigit())
                && word.chars().any(|c| c.is_ascii_digit())
                && word.chars().any(|c| c.is_ascii_alphabetic());
            assert!(!hash_like, "{name} shows {word:?}, which looks like a hash");
        }
    }
    assert!(pages > 10, "{pages} pages");
    let changes = text(site, "changes/index.html");
    assert!(
        changes.contains("Reason given: “Move A-01 to March after committee”"),
        "{changes}"
    );
}
