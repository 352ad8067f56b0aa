//! Cross-file checks on the loaded model: references that point nowhere, duplicate action
//! ids, figures out of range, overlapping targets, and the warnings a performance team wants
//! before a committee does (overdue actions, stale updates). Reads only the model.

use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::Unloaded;
use crate::model::metric::Unit;
use crate::model::schedule::{timing, Timing};
use crate::model::site::ReportingDateSource;
use crate::model::strategy::Located;
use crate::model::{Content, Status};
use std::collections::{BTreeMap, HashMap};

/// Runs every cross-file check.
pub(crate) fn validate(content: &Content, unloaded: &Unloaded, diags: &mut Diagnostics) {
    check_references(content, unloaded, diags);
    check_action_ids(content, diags);
    check_figures(content, diags);
    check_schedule(content, diags);
    check_reporting_date(content, diags);
}

fn unknown_reference(
    reference: &Located<String>,
    what: &str,
    folder: &str,
    known: &[&str],
) -> Diagnostic {
    Diagnostic::error(
        reference.at.clone(),
        format!("there is no {what} `{}`", reference.value),
    )
    .expected(if known.is_empty() {
        format!("the slug of a {what} in content/{folder}/ (there are none yet)")
    } else {
        format!("one of {}", known.join(", "))
    })
    .maybe_hint(
        did_you_mean(&reference.value, known.iter().copied())
            .map(|m| format!("did you mean `{m}`?")),
    )
}

fn check_references(content: &Content, unloaded: &Unloaded, diags: &mut Diagnostics) {
    let metrics: Vec<&str> = content.metrics.keys().map(String::as_str).collect();
    let strategies: Vec<&str> = content.strategies.keys().map(String::as_str).collect();
    let exists_but_broken = |r: &Located<String>| {
        unloaded.metrics.contains(&r.value) || unloaded.strategies.contains(&r.value)
    };
    let check = |refs: &[Located<String>],
                 known: &[&str],
                 what: &str,
                 folder: &str,
                 diags: &mut Diagnostics| {
        for r in refs {
            // `known` comes from a sorted map, so a binary search finds a slug in log time.
            if known.binary_search(&r.value.as_str()).is_err() && !exists_but_broken(r) {
                diags.push(unknown_reference(r, what, folder, known));
            }
        }
    };
    for strategy in content.strategies.values() {
        check(
            &strategy.related,
            &strategies,
            "strategy",
            "strategies",
            diags,
        );
        for action in strategy.actions.iter() {
            check(&action.metrics, &metrics, "metric", "metrics", diags);
        }
    }
    for update in &content.updates {
        check(
            &update.strategies,
            &strategies,
            "strategy",
            "strategies",
            diags,
        );
        check(&update.metrics, &metrics, "metric", "metrics", diags);
    }
}

fn check_action_ids(content: &Content, diags: &mut Diagnostics) {
    for strategy in content.strategies.values() {
        // Ids become folder names, so ids differing only in case would collide on some disks.
        let mut seen: HashMap<String, &crate::model::Action> = HashMap::new();
        for action in strategy.actions.iter() {
            match seen.get(&action.id.to_lowercase()) {
                Some(first) => diags.push(
                    Diagnostic::error(
                        action.at.clone(),
                        format!(
                            "action id `{}` is used twice in this plan (first at {})",
                            action.id, first.at
                        ),
                    )
                    .hint("give each action its own id; ids are how its history is followed"),
                ),
                None => {
                    seen.insert(action.id.to_lowercase(), action);
                }
            }
            if action.stated_complete_with_open_steps() {
                diags.push(
                    Diagnostic::warning(
                        action.at.clone(),
                        format!(
                            "action {} is complete but some of its steps are not",
                            action.id
                        ),
                    )
                    .hint("update the steps' statuses, or the action's"),
                );
            }
        }
    }
}

fn check_figures(content: &Content, diags: &mut Diagnostics) {
    for metric in content.metrics.values() {
        if metric.unit == Unit::Percent {
            for point in metric
                .points
                .iter()
                .filter(|p| !(0.0..=100.0).contains(&p.value))
            {
                diags.push(
                    Diagnostic::warning(
                        point.at.clone(),
                        format!(
                            "{} is outside 0 to 100, but metric `{}` is a percentage",
                            point.value, metric.slug
                        ),
                    )
                    .hint("check the figure; write percentages as 95.8, not 0.958"),
                );
            }
        }
        for (i, target) in metric.targets.iter().enumerate() {
            if let Some(earlier) = metric.targets[..i].iter().find(|t| t.overlaps(target)) {
                diags.push(
                    Diagnostic::warning(
                        target.at.clone(),
                        format!("this target overlaps the one at {}; the later one is used where both apply", earlier.at),
                    )
                    .hint("give each target `from:` and `to:` periods that do not overlap"),
                );
            }
        }
    }
}

fn check_schedule(content: &Content, diags: &mut Diagnostics) {
    let as_of = content.reporting_date.date;
    let site = &content.site;
    let stale_before = site.reporting_cycle.stale_before(as_of);
    let as_of_words = crate::model::period::date_in_words(as_of);
    for (_, action) in content.actions() {
        if let Timing::Overdue { days } = timing(
            action.due.as_ref(),
            action.status,
            as_of,
            site.due_soon_days,
        ) {
            let due = action
                .due
                .as_ref()
                .map(|d| d.in_words())
                .unwrap_or_default();
            diags.push(Diagnostic::warning(
                action.at.clone(),
                format!(
                    "action {} is overdue: due {due}, {} as at {as_of_words} ({days} days late)",
                    action.id,
                    action.status.label().to_lowercase()
                ),
            ));
        }
        let latest = action.latest_update().map(|u| u.date);
        if !action.status.is_closed() && action.status != Status::NotStarted {
            if let Some(date) = latest.filter(|d| *d < stale_before) {
                diags.push(Diagnostic::warning(
                    action.at.clone(),
                    format!(
                        "action {}'s latest update is from {}, older than one {} reporting cycle before {as_of_words}",
                        action.id,
                        crate::model::period::date_in_words(date),
                        crate::model::keyword::Keyword::key(site.reporting_cycle)
                    ),
                ).hint("add an update with this cycle's progress"));
            }
        }
    }
}

fn check_reporting_date(content: &Content, diags: &mut Diagnostics) {
    let date = crate::model::period::date_in_words(content.reporting_date.date);
    match &content.reporting_date.source {
        ReportingDateSource::Stated => {}
        ReportingDateSource::Latest(at) => diags.push(
            Diagnostic::warning(
                content.site.at.clone(),
                format!("no valid `as_of` is set, so the reporting date is {date}, the latest date in the content (at {at})"),
            )
            .hint("add `as_of: YYYY-MM-DD` to site.yaml to state the reporting date"),
        ),
        ReportingDateSource::Undated => diags.push(
            Diagnostic::warning(content.site.at.clone(), "no valid `as_of` is set and nothing in the content is dated, so nothing can be judged overdue")
                .hint("add `as_of: YYYY-MM-DD` to site.yaml"),
        ),
    }
}

/// What `check` counts, for its summary line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub(crate) strategies: usize,
    pub(crate) actions: usize,
    pub(crate) steps: usize,
    pub(crate) metrics: usize,
    pub(crate) data_points: usize,
    pub(crate) snapshots: usize,
    pub(crate) updates: usize,
    pub(crate) pages: usize,
    pub(crate) overdue_actions: usize,
    pub(crate) actions_by_status: BTreeMap<Status, usize>,
}

impl Summary {
    pub(crate) fn of(content: &Content) -> Summary {
        let as_of = content.reporting_date.date;
        let mut summary = Summary {
            strategies: content.strategies.len(),
            metrics: content.metrics.len(),
            data_points: content.metrics.values().map(|m| m.points.len()).sum(),
            snapshots: content.snapshots.len(),
            updates: content.updates.len(),
            pages: content.pages.len(),
            ..Summary::default()
        };
        for (_, action) in content.actions() {
            summary.actions += 1;
            summary.steps += action.steps.len();
            *summary.actions_by_status.entry(action.status).or_default() += 1;
            if matches!(
                timing(
                    action.due.as_ref(),
                    action.status,
                    as_of,
                    content.site.due_soon_days
                ),
                Timing::Overdue { .. }
            ) {
                summary.overdue_actions += 1;
            }
        }
        summary
    }
}
