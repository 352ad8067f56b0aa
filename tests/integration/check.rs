//! `plainsight check` on broken fixtures: one test per class of problem, asserting the exact
//! place and message a user sees, and the exit code.

use crate::support::{Site, ACTIONS, METRIC};

/// Asserts that check failed and printed exactly these problems (the first line of each).
fn assert_errors(site: &Site, expected: &[&str]) {
    let run = site.check();
    let firsts: Vec<String> = run
        .problems()
        .iter()
        .map(|p| p.lines().next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(firsts, expected, "stderr was:\n{}", run.stderr);
    assert_eq!(run.code, 1, "exit code; stderr was:\n{}", run.stderr);
}

/// The full text (with expected and help lines) of the only problem printed.
fn only_problem(site: &Site) -> String {
    let run = site.check();
    let problems = run.problems();
    assert_eq!(problems.len(), 1, "stderr was:\n{}", run.stderr);
    problems[0].clone()
}

#[test]
fn a_clean_site_passes_with_a_summary() {
    let run = Site::minimal().check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.summary(),
        "checked Test Council: 1 strategy, 1 action (0 steps), 1 metric with 2 data points, 0 updates, 0 pages; 0 overdue actions as at 31 December 2019; 0 errors, 0 warnings"
    );
}

#[test]
fn yaml_syntax_errors_name_the_line_and_column() {
    let site = Site::minimal();
    site.write(
        "content/metrics/sla.yaml",
        "title: SLA\nunit: percent\nseries: [{id: vip, label: VIP}\n",
    );
    let problem = only_problem(&site);
    assert!(
        problem.starts_with("content/metrics/sla.yaml:4:1: error: this is not valid YAML: did not find expected ',' or ']'"),
        "{problem}"
    );
    assert!(
        problem.contains("= help: check the indentation"),
        "{problem}"
    );
}

#[test]
fn front_matter_errors_count_lines_from_the_top_of_the_file() {
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/index.md",
        "---\ntitle: The plan\nowner: [Chief Financial Officer\n---\nSummary.\n",
    );
    let problem = only_problem(&site);
    assert!(
        problem.starts_with("content/strategies/plan/index.md:4:1: error: this is not valid YAML"),
        "{problem}"
    );
}

#[test]
fn a_key_given_twice_names_both_lines() {
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/actions.yaml",
        "- id: A-01\n  theme: customer-focus\n  title: Do a thing\n  status: on_track\n  title: Do another thing\n",
    );
    assert_eq!(
        only_problem(&site),
        "content/strategies/plan/actions.yaml:5:3: error: `title` is given twice in the same mapping (first at line 3)\n  = help: keep one of them; YAML would otherwise silently use only one"
    );
}

#[test]
fn unknown_fields_are_errors_with_a_did_you_mean() {
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/actions.yaml",
        &format!("{ACTIONS}  sucess_criteria: Services online.\n"),
    );
    let problem = only_problem(&site);
    assert!(
        problem.starts_with("content/strategies/plan/actions.yaml:7:3: error: unknown field `sucess_criteria`\n  = expected: one of id, theme, title,"),
        "{problem}"
    );
    assert!(
        problem.ends_with("= help: did you mean `success_criteria`?"),
        "{problem}"
    );
}

#[test]
fn every_broken_action_is_reported_not_just_the_first() {
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/actions.yaml",
        "- id: A-01\n  theme: customer-focus\n  title: One\n  stauts: on_track\n- id: A-02\n  theme: customer-focus\n  title: Two\n  status: done\n- id: A-03\n  theme: customer-focus\n  title: Three\n  status: on_track\n  ownr: Me\n",
    );
    assert_errors(
        &site,
        &[
            "content/strategies/plan/actions.yaml:4:3: error: unknown field `stauts`",
            "content/strategies/plan/actions.yaml:8:11: error: unknown status `done`",
            "content/strategies/plan/actions.yaml:13:3: error: unknown field `ownr`",
        ],
    );
}

#[test]
fn unknown_status_lists_the_vocabulary_and_suggests() {
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS.replace("status: on_track", "status: On-track"),
    );
    assert_eq!(
        only_problem(&site),
        "content/strategies/plan/actions.yaml:5:11: error: unknown status `On-track`\n  = expected: one of not_started, on_track, at_risk, delayed, complete, ongoing, cancelled\n  = help: did you mean `on_track`? Keep the original wording in `status_note`"
    );
}

#[test]
fn unparseable_due_dates_list_the_accepted_forms() {
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS.replace("due: \"2020-03\"", "due: Dec 19"),
    );
    assert_eq!(
        only_problem(&site),
        "content/strategies/plan/actions.yaml:4:8: error: due date `Dec 19` is not a date plainsight can read\n  = expected: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY/YY (UK financial year), ongoing, ongoing from YYYY-MM, annual, or annual from YYYY-MM\n  = help: did you mean `2019-12`?"
    );
}

#[test]
fn duplicate_action_ids_name_both_places() {
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/actions.yaml",
        &format!(
            "{ACTIONS}- id: a-01\n  theme: customer-focus\n  title: Again\n  status: complete\n"
        ),
    );
    assert_eq!(
        only_problem(&site),
        "content/strategies/plan/actions.yaml:7:3: error: action id `a-01` is used twice in this plan (first at content/strategies/plan/actions.yaml:1:3)\n  = help: give each action its own id; ids are how its history is followed"
    );
}

#[test]
fn references_to_unknown_themes_metrics_and_strategies() {
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS
            .replace("theme: customer-focus", "theme: customer-focuss")
            .replace("metrics: [sla]", "metrics: [sla-incidents]"),
    );
    site.write(
        "content/updates/2020-02-04-report.md",
        "---\ntitle: Report\nstrategies: [plan, digital]\n---\nText.\n",
    );
    assert_errors(
        &site,
        &[
            "content/strategies/plan/actions.yaml:2:10: error: theme `customer-focuss` is not one of the themes of strategy `plan`",
            "content/strategies/plan/actions.yaml:6:13: error: there is no metric `sla-incidents`",
            "content/updates/2020-02-04-report.md:3:20: error: there is no strategy `digital`",
        ],
    );
    let problems = site.check().problems();
    assert!(
        problems[0].ends_with("= help: did you mean `customer-focus`?"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].contains("= expected: one of sla"),
        "{}",
        problems[1]
    );
}

#[test]
fn csv_cells_that_are_not_numbers_name_row_and_column() {
    let site = Site::minimal();
    site.write(
        "content/metrics/sla.csv",
        "period,vip,standard\r\n2019-07,96.0,95.8\r\n2019-08,96.5,95%\r\n",
    );
    assert_eq!(
        only_problem(&site),
        "content/metrics/sla.csv:3:14: error: `95%` in column `standard` is not a number\n  = expected: a number such as 95.8 or 5120, without units, % signs or thousands separators; leave the cell empty when there is no figure"
    );
}

#[test]
fn a_figure_given_twice_with_different_values_names_both_files() {
    let site = Site::minimal();
    site.write(
        "content/metrics/sla.csv",
        "period,vip,standard\n2019-07,96.0,95.8\n",
    );
    site.write(
        "content/snapshots/2019-07-31.yaml",
        "title: Performance Statistics\nvalues:\n  sla: {period: \"2019-07\", vip: 96.0, standard: 95.9}\n",
    );
    assert_eq!(
        only_problem(&site),
        "content/snapshots/2019-07-31.yaml:3:49: error: metric `sla`, series `standard`, 2019-07: 95.9 here, but 95.8 at content/metrics/sla.csv:2:14\n  = help: a figure given twice must have the same value: correct the wrong one"
    );
}

#[test]
fn the_same_figure_repeated_with_the_same_value_is_fine() {
    let site = Site::minimal();
    site.write(
        "content/metrics/sla.csv",
        "period,vip,standard\n2019-07,96.0,95.8\n",
    );
    site.write(
        "content/snapshots/2019-07-31.yaml",
        "values:\n  sla: {period: \"2019-07\", vip: 96, standard: 95.8}\n",
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.summary().contains("1 metric with 4 data points"),
        "{}",
        run.summary()
    );
}

#[test]
fn ids_and_slugs_that_could_become_unsafe_paths_are_refused() {
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS.replace("id: A-01", "id: ../../etc/A-01"),
    );
    site.write("content/pages/About Us.md", "---\ntitle: About\n---\n");
    site.write(
        "content/strategies/plan/index.md",
        "---\ntitle: The plan\nthemes:\n  - {id: customer-focus, title: Customer Focus}\n  - {id: \"x\u{200b}y\", title: Hidden}\n---\n",
    );
    assert_errors(
        &site,
        &[
            "content/pages/About Us.md: error: the page file name `About Us` cannot be used in a web address",
            "content/strategies/plan/actions.yaml:1:7: error: action id `../../etc/A-01` cannot be used in a web address",
            "content/strategies/plan/index.md:5:10: error: theme id `x\\u{200b}y` cannot be used in a web address",
        ],
    );
    let problems = site.check().problems();
    assert!(
        problems[0].ends_with("= help: rename it to `about-us`"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].contains("= expected: letters, digits and hyphens, e.g. `DS-04`"),
        "{}",
        problems[1]
    );
}

#[test]
fn percentages_outside_0_to_100_are_warnings_that_do_not_fail() {
    let site = Site::minimal();
    site.write(
        "content/metrics/sla.yaml",
        &METRIC.replace("vip: 97.1", "vip: 971"),
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.problems(),
        ["content/metrics/sla.yaml:8:30: warning: 971 is outside 0 to 100, but metric `sla` is a percentage\n  = help: check the figure; write percentages as 95.8, not 0.958"]
    );
    assert!(run.summary().ends_with("0 errors, 1 warning"));
}

#[test]
fn empty_and_missing_required_fields() {
    let site = Site::minimal();
    site.write("content/strategies/plan/actions.yaml", "- id: A-01\n  theme: customer-focus\n  title: \"\"\n  status: on_track\n- theme: customer-focus\n  title: No id\n  status: on_track\n");
    site.write("content/metrics/sla.yaml", "title: SLA\n");
    assert_errors(
        &site,
        &[
            "content/metrics/sla.yaml:1:1: error: required field `unit` is missing",
            "content/strategies/plan/actions.yaml:3:10: error: `title` is empty, but it is required",
            "content/strategies/plan/actions.yaml:5:3: error: required field `id` is missing",
        ],
    );
}

#[test]
fn a_file_in_an_unknown_place_is_reported() {
    let site = Site::minimal();
    site.write("content/strategies/plan/action.yaml", ACTIONS);
    let run = site.check();
    assert_eq!(run.code, 0);
    assert_eq!(
        run.problems(),
        ["content/strategies/plan/action.yaml: warning: this file is not part of the content format and is ignored\n  = expected: site.yaml, strategies/<slug>/index.md, strategies/<slug>/actions.yaml, metrics/<slug>.yaml, metrics/<slug>.csv, snapshots/<YYYY-MM-DD>.yaml, updates/<YYYY-MM-DD>-<slug>.md or pages/<slug>.md\n  = help: did you mean `actions.yaml`?"]
    );
}

#[test]
fn problems_from_many_files_come_in_one_run_sorted_by_file() {
    let site = Site::minimal();
    site.write(
        "content/site.yaml",
        "title: Test site\norganisation: Test Council\nas_of: 31/12/2019\n",
    );
    site.write(
        "content/metrics/sla.yaml",
        &METRIC.replace("unit: percent", "unit: percnet"),
    );
    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS.replace("status: on_track", "status: amber"),
    );
    assert_errors(
        &site,
        &[
            "content/metrics/sla.yaml:2:7: error: unknown unit `percnet`",
            "content/site.yaml:1:1: warning: no valid `as_of` is set and nothing in the content is dated, so nothing can be judged overdue",
            "content/site.yaml:3:8: error: `31/12/2019` is not a date",
            "content/strategies/plan/actions.yaml:5:11: error: unknown status `amber`",
        ],
    );
}

#[test]
fn github_format_prints_workflow_commands() {
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS.replace("status: on_track", "status: amber"),
    );
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    let first = run.stdout.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        "::error file=content/strategies/plan/actions.yaml,line=5,col=11::unknown status `amber`%0Aexpected: one of not_started, on_track, at_risk, delayed, complete, ongoing, cancelled%0Ahelp: keep the original wording in `status_note`"
    );
}

#[test]
fn overdue_actions_are_warnings_and_counted() {
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS.replace("due: \"2020-03\"", "due: \"2019-10\""),
    );
    let run = site.check();
    assert_eq!(run.code, 0);
    assert_eq!(
        run.problems(),
        ["content/strategies/plan/actions.yaml:1:3: warning: action A-01 is overdue: due October 2019, on track as at 31 December 2019 (61 days late)"]
    );
    assert!(run
        .summary()
        .contains("1 overdue action as at 31 December 2019"));
}

#[test]
fn without_as_of_the_latest_date_in_the_content_is_used_and_said() {
    let site = Site::minimal();
    site.write(
        "content/site.yaml",
        "title: Test site\norganisation: Test Council\n",
    );
    site.write(
        "content/updates/2020-02-04-report.md",
        "---\ntitle: Report\n---\nText.\n",
    );
    let run = site.check();
    assert_eq!(run.code, 0);
    assert_eq!(
        run.problems(),
        ["content/site.yaml:1:1: warning: no valid `as_of` is set, so the reporting date is 4 February 2020, the latest date in the content (at content/updates/2020-02-04-report.md:2:1)\n  = help: add `as_of: YYYY-MM-DD` to site.yaml to state the reporting date"]
    );
}

#[test]
fn stale_updates_are_warnings() {
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/actions.yaml",
        &format!("{ACTIONS}  updates:\n    - {{date: \"2019-05-01\", text: Started.}}\n"),
    );
    let run = site.check();
    assert_eq!(run.code, 0);
    assert!(
        run.problems()[0].starts_with("content/strategies/plan/actions.yaml:1:3: warning: action A-01's latest update is from 1 May 2019, older than one quarterly reporting cycle before 31 December 2019"),
        "{}",
        run.stderr
    );
}

#[test]
fn awkward_files_never_crash_the_check() {
    let site = Site::minimal();
    site.write("content/pages/empty.md", "");
    site.write_bytes(
        "content/pages/bom.md",
        b"\xEF\xBB\xBF---\r\ntitle: BOM and CRLF\r\n---\r\nText.\r\n",
    );
    site.write_bytes("content/pages/latin1.md", b"---\ntitle: Caf\xE9\n---\n");
    site.write("content/metrics/empty.yaml", "");
    site.write("content/snapshots/2019-07-31.yaml", "");
    site.write("content/strategies/plan/actions.yaml", "");
    assert_errors(
        &site,
        &[
            "content/metrics/empty.yaml:1:1: error: required field `title` is missing",
            "content/metrics/empty.yaml:1:1: error: required field `unit` is missing",
            "content/pages/empty.md:1:1: error: this file has no front matter",
            "content/pages/latin1.md:2:11: error: this file is not valid UTF-8 text",
        ],
    );
}

#[test]
fn a_huge_file_is_refused_with_its_size() {
    let site = Site::minimal();
    let line = "# padding padding padding padding padding padding padding padding\n";
    site.write(
        "content/metrics/big.yaml",
        &line.repeat(17 * 1024 * 1024 / line.len() + 1),
    );
    let problem = only_problem(&site);
    assert!(
        problem.starts_with("content/metrics/big.yaml: error: this file is 17 MiB; YAML and Markdown files may be at most 16 MiB"),
        "{problem}"
    );
}

#[test]
fn a_yaml_alias_bomb_is_an_error_not_a_hang() {
    let site = Site::minimal();
    // In a row of figures, where any value is read before it is checked.
    let mut bomb = String::from(
        "title: Bomb\nunit: count\ndata:\n- period: 2019-01\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (name, prev) in [
        ("b", "a"),
        ("c", "b"),
        ("d", "c"),
        ("e", "d"),
        ("f", "e"),
        ("g", "f"),
        ("h", "g"),
        ("i", "h"),
    ] {
        bomb.push_str(&format!("  {name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    site.write("content/metrics/bomb.yaml", &bomb);
    let run = site.check();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/metrics/bomb.yaml:10:10: error: this file's YAML aliases (`*name`) or nesting expand to far more data than any content needs"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_content_folder_or_site_yaml_is_explained() {
    let site = Site::empty();
    let run = site.check();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("content: error: there is no content folder here"),
        "{}",
        run.stderr
    );
    site.write("content/pages/about.md", "---\ntitle: About\n---\n");
    let run = site.check();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("content/site.yaml: error: site.yaml is missing"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_target_written_with_a_percent_sign_says_what_to_write_and_nothing_else() {
    let site = Site::minimal();
    site.write(
        "content/metrics/sla.yaml",
        &METRIC.replace("targets: [{value: 95}]", "targets: [{value: 95%}]"),
    );
    site.write(
        "content/snapshots/2019-07-31.yaml",
        "title: July\nvalues:\n  sla: {period: \"2019-07\", vip: 96.0}\n",
    );
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.problems(),
        ["content/metrics/sla.yaml:6:19: error: `95%` is not a number\n  = help: write 95: no % or £ sign and no thousands commas (the metric's `unit:` says what the figures are)"],
        "one error, in the file that has it: the action and the snapshot naming the measure are not reported"
    );
}

#[test]
fn uk_date_forms_get_a_did_you_mean() {
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS.replace("due: \"2020-03\"", "due: 31/12/2019"),
    );
    site.write(
        "content/site.yaml",
        "title: Test site\norganisation: Test Council\nas_of: Dec-19\n",
    );
    let problems = site.check().problems();
    assert!(
        problems.contains(&"content/strategies/plan/actions.yaml:4:8: error: due date `31/12/2019` is not a date plainsight can read\n  = expected: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY/YY (UK financial year), ongoing, ongoing from YYYY-MM, annual, or annual from YYYY-MM\n  = help: did you mean `2019-12-31`?".to_string()),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("content/site.yaml:3:8: error: `Dec-19` is not a date")),
        "{problems:?}"
    );
}
