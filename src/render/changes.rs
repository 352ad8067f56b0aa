//! The record of changes in words, with the page each change concerns, and its Atom feed
//! (RFC 4287). Pure: history and model in, text out.

use super::format::{decimals_for, with_unit};
use super::views::Urls;
use crate::model::history::{Change, CommitChanges, History};
use crate::model::period::Period;
use crate::model::Content;
use serde::Serialize;

/// One change as a sentence, with a link to what it concerns.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangeLine {
    pub(crate) text: String,
    pub(crate) url: Option<String>,
    /// `status`, `due`, `target`, `restated`, `figures`, `added`, `removed` or `other`.
    pub(crate) kind: &'static str,
}

/// A commit in the record.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CommitView {
    pub(crate) id: String,
    pub(crate) anchor: String,
    pub(crate) date: String,
    pub(crate) date_words: String,
    pub(crate) time: String,
    pub(crate) message: String,
    pub(crate) changes: Vec<ChangeLine>,
}

fn periods_in_words(periods: &[Period]) -> String {
    let words: Vec<String> = periods.iter().map(Period::in_words).collect();
    match words.len() {
        0 => String::new(),
        1 => words[0].clone(),
        2..=3 => format!(
            "{} and {}",
            words[..words.len() - 1].join(", "),
            words[words.len() - 1]
        ),
        n => format!("{} to {} ({n} periods)", words[0], words[n - 1]),
    }
}

/// "from 90% to 95% from August 2017": the targets before and after, in words.
fn target_change_words(from: &[String], to: &[String]) -> String {
    let side = |targets: &[String]| {
        if targets.is_empty() {
            "none".to_string()
        } else {
            targets.join("; ")
        }
    };
    format!("from {} to {}", side(from), side(to))
}

fn due_words(due: Option<crate::model::Due>) -> String {
    due.map_or_else(|| "no date".to_string(), |d| d.in_words())
}

/// A change in words.
pub(crate) fn describe(change: &Change, content: &Content, urls: &Urls) -> ChangeLine {
    let strategy_title = |slug: &str| {
        content
            .strategies
            .get(slug)
            .map_or_else(|| slug.to_string(), |s| s.title.clone())
    };
    let metric_title = |slug: &str| {
        content
            .metrics
            .get(slug)
            .map_or_else(|| slug.to_string(), |m| m.title.clone())
    };
    let action_url = |strategy: &str, id: &str| {
        let exists = content
            .strategies
            .get(strategy)
            .is_some_and(|s| s.actions.iter().any(|a| a.id.eq_ignore_ascii_case(id)));
        exists.then(|| urls.action(strategy, id))
    };
    let metric_url = |slug: &str| {
        content
            .metrics
            .contains_key(slug)
            .then(|| urls.metric(slug))
    };
    let value = |slug: &str, v: f64| match content.metrics.get(slug) {
        Some(m) => with_unit(v, m.unit, decimals_for([v])),
        None => v.to_string(),
    };
    let line = |text: String, url: Option<String>, kind| ChangeLine { text, url, kind };
    match change {
        Change::PlanPublished { strategy, actions } => line(
            format!(
                "Published the action plan of {} with {actions} actions",
                strategy_title(strategy)
            ),
            content
                .strategies
                .contains_key(strategy)
                .then(|| urls.strategy(strategy)),
            "added",
        ),
        Change::ActionAdded {
            strategy,
            id,
            title,
        } => line(
            format!("Added action {id}: {title}"),
            action_url(strategy, id),
            "added",
        ),
        Change::ActionRemoved {
            strategy,
            id,
            title,
        } => line(
            format!(
                "Removed action {id}: {title} (from {})",
                strategy_title(strategy)
            ),
            content
                .strategies
                .contains_key(strategy)
                .then(|| urls.strategy(strategy)),
            "removed",
        ),
        Change::StatusChanged {
            strategy,
            id,
            from,
            to,
        } => line(
            format!(
                "{id}: status changed from {} to {}",
                from.map_or("none", |s| s.label()),
                to.map_or("none", |s| s.label())
            ),
            action_url(strategy, id),
            "status",
        ),
        Change::DueChanged {
            strategy,
            id,
            from,
            to,
        } => line(
            format!(
                "{id}: due date moved from {} to {}",
                due_words(*from),
                due_words(*to)
            ),
            action_url(strategy, id),
            "due",
        ),
        Change::MetricPublished { metric, points } => line(
            format!(
                "Published the measure {} with {points} figures",
                metric_title(metric)
            ),
            metric_url(metric),
            "added",
        ),
        Change::TargetsChanged { metric, from, to } => line(
            format!(
                "{}: target changed {}",
                metric_title(metric),
                target_change_words(from, to)
            ),
            metric_url(metric),
            "target",
        ),
        Change::FiguresAdded { metric, periods } => line(
            format!(
                "{}: new figures for {}",
                metric_title(metric),
                periods_in_words(periods)
            ),
            metric_url(metric),
            "figures",
        ),
        Change::FigureRestated {
            metric,
            series,
            period,
            from,
            to,
        } => {
            let label = content
                .metrics
                .get(metric)
                .and_then(|m| m.series.iter().find(|s| &s.id == series))
                .map_or_else(|| series.clone(), |s| s.label.clone());
            line(
                format!(
                    "{}: the {} figure for {label} was restated from {} to {}",
                    metric_title(metric),
                    period.in_words(),
                    value(metric, *from),
                    value(metric, *to)
                ),
                metric_url(metric),
                "restated",
            )
        }
        Change::FiguresRemoved { metric, periods } => line(
            format!(
                "{}: figures removed for {}",
                metric_title(metric),
                periods_in_words(periods)
            ),
            metric_url(metric),
            "removed",
        ),
        Change::FileChanged { path } => describe_file(path, content, urls),
    }
}

fn describe_file(path: &str, content: &Content, urls: &Urls) -> ChangeLine {
    let line = |text: String, url: Option<String>| ChangeLine {
        text,
        url,
        kind: "other",
    };
    match crate::load::classify(std::path::Path::new(path), std::path::Path::new(path)) {
        Ok(crate::load::Kind::Site) => {
            line("Changed the site settings".into(), Some(urls.base.clone()))
        }
        Ok(crate::load::Kind::StrategyIndex { slug }) => match content.strategies.get(&slug) {
            Some(s) => line(
                format!("Updated the summary of {}", s.title),
                Some(urls.strategy(&slug)),
            ),
            None => line(format!("Changed the strategy {slug}"), None),
        },
        Ok(crate::load::Kind::Update { date, slug }) => {
            match content
                .updates
                .iter()
                .find(|u| u.date == date && u.slug == slug)
            {
                Some(u) => line(
                    format!("Published or edited the update “{}”", u.title),
                    Some(urls.update(u)),
                ),
                None => line(format!("Changed the update {slug}"), None),
            }
        }
        Ok(crate::load::Kind::Page { slug }) => match content.pages.get(&slug) {
            Some(p) => line(
                format!("Edited the page “{}”", p.title),
                Some(urls.page(&slug)),
            ),
            None => line(format!("Changed the page {slug}"), None),
        },
        _ => line(format!("Changed {path}"), None),
    }
}

/// The record, newest commit first, each commit with its changes in words. Commits whose
/// only changes are to files outside the format are left out.
pub(crate) fn commit_views(history: &History, content: &Content, urls: &Urls) -> Vec<CommitView> {
    history
        .commits
        .iter()
        .rev()
        .filter(|c| !c.changes.is_empty())
        .map(|c| commit_view(c, content, urls))
        .collect()
}

fn commit_view(c: &CommitChanges, content: &Content, urls: &Urls) -> CommitView {
    CommitView {
        id: c.commit.id.clone(),
        anchor: format!("commit-{}", c.commit.short_id()),
        date: crate::model::period::iso_date(c.commit.date()),
        date_words: crate::model::period::date_in_words(c.commit.date()),
        time: c.commit.time.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        message: c.commit.summary.clone(),
        changes: c
            .changes
            .iter()
            .map(|ch| describe(ch, content, urls))
            .collect(),
    }
}

/// The record of changes as an Atom feed: an entry per commit.
pub(crate) fn atom_feed(
    commits: &[CommitView],
    site_title: &str,
    organisation: &str,
    root: &str,
    base: &str,
) -> String {
    let esc = super::escape_xml;
    let page = format!("{root}{base}changes/");
    let entries: Vec<super::feeds::Entry> = commits
        .iter()
        .map(|c| {
            let mut list = String::from("<ul>");
            for change in &c.changes {
                match &change.url {
                    Some(url) => list.push_str(&format!(
                        "<li><a href=\"{}{}\">{}</a></li>",
                        esc(root),
                        esc(url),
                        esc(&change.text)
                    )),
                    None => list.push_str(&format!("<li>{}</li>", esc(&change.text))),
                }
            }
            list.push_str("</ul>");
            super::feeds::Entry {
                id: format!("{page}#{}", c.id),
                title: c.message.clone(),
                link: format!("{page}#{}", c.anchor),
                updated: c.time.clone(),
                html: list,
            }
        })
        .collect();
    super::feeds::atom(
        &super::feeds::Feed {
            title: format!("{site_title}: what changed"),
            self_url: format!("{page}atom.xml"),
            page,
            author: organisation,
        },
        &entries,
    )
}

/// An entry of an action's timeline: a dated update from the content, or a change from the
/// record.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TimelineEntry {
    pub(crate) date: String,
    pub(crate) date_words: String,
    /// `update` (written in the content) or `change` (found in the git history).
    pub(crate) kind: &'static str,
    pub(crate) text: String,
    pub(crate) status: Option<super::views::StatusView>,
    pub(crate) due_words: Option<String>,
    /// For changes: the commit message.
    pub(crate) message: Option<String>,
    pub(crate) anchor: Option<String>,
}

fn sentence_for_action(change: &Change) -> Option<String> {
    match change {
        Change::StatusChanged { from, to, .. } => Some(format!(
            "Status changed from {} to {}",
            from.map_or("none", |s| s.label()),
            to.map_or("none", |s| s.label())
        )),
        Change::DueChanged { from, to, .. } => Some(format!(
            "Due date moved from {} to {}",
            due_words(*from),
            due_words(*to)
        )),
        Change::ActionAdded { .. } => Some("Added to the action plan".to_string()),
        Change::PlanPublished { .. } => Some("Published in the action plan".to_string()),
        _ => None,
    }
}

/// Everything that happened to an action, oldest first: its dated updates and, from the git
/// history, every status change and due-date move with the commit's date and message.
pub(crate) fn action_timeline(
    history: &History,
    strategy: &str,
    action: &crate::model::Action,
) -> Vec<TimelineEntry> {
    let mut entries: Vec<(chrono::NaiveDate, TimelineEntry)> = action
        .updates
        .iter()
        .map(|u| {
            let note = super::views::update_note(u);
            (
                u.date,
                TimelineEntry {
                    date: note.date,
                    date_words: note.date_words,
                    kind: "update",
                    text: note.text,
                    status: note.status,
                    due_words: note.due_words,
                    message: None,
                    anchor: None,
                },
            )
        })
        .collect();
    let published_with_plan = history.commits.iter().find_map(|c| {
        c.changes.iter().find_map(|ch| match ch {
            Change::PlanPublished { strategy: s, .. } if s == strategy => Some(c),
            _ => None,
        })
    });
    let mut dated: Vec<(&crate::model::history::CommitInfo, String)> = history
        .for_action(strategy, &action.id)
        .into_iter()
        .filter_map(|d| sentence_for_action(d.change).map(|text| (d.commit, text)))
        .collect();
    if let Some(commit) = published_with_plan {
        if !dated.iter().any(|(c, _)| c.id == commit.commit.id) {
            dated.insert(
                0,
                (&commit.commit, "Published in the action plan".to_string()),
            );
        }
    }
    for (commit, text) in dated {
        entries.push((
            commit.date(),
            TimelineEntry {
                date: crate::model::period::iso_date(commit.date()),
                date_words: crate::model::period::date_in_words(commit.date()),
                kind: "change",
                text,
                status: None,
                due_words: None,
                message: Some(commit.summary.clone()),
                anchor: Some(format!("commit-{}", commit.short_id())),
            },
        ));
    }
    entries.sort_by_key(|(date, _)| *date);
    entries.into_iter().map(|(_, e)| e).collect()
}

/// An action whose due date was moved.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Rescheduled {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) times: usize,
    pub(crate) from_words: String,
    pub(crate) to_words: String,
    pub(crate) moved_words: Option<String>,
}

/// The actions of a strategy whose due dates were moved, with how often and how far.
pub(crate) fn rescheduled(
    history: &History,
    strategy: &crate::model::Strategy,
    urls: &Urls,
) -> Vec<Rescheduled> {
    strategy
        .actions
        .iter()
        .filter_map(|a| {
            let r = history.rescheduling(&strategy.slug, &a.id)?;
            let moved_words = r.days_moved.map(|days| {
                let months = (days as f64 / 30.44).round() as i64;
                let amount = if days.abs() < 45 {
                    format!("{} days", days.abs())
                } else if months.abs() == 1 {
                    "1 month".to_string()
                } else {
                    format!("{} months", months.abs())
                };
                match days.signum() {
                    1 => format!("{amount} later"),
                    -1 => format!("{amount} earlier"),
                    _ => "back to the same date".to_string(),
                }
            });
            Some(Rescheduled {
                id: a.id.clone(),
                title: a.title.clone(),
                url: urls.action(&strategy.slug, &a.id),
                times: r.times,
                from_words: due_words(r.first),
                to_words: due_words(r.last),
                moved_words,
            })
        })
        .collect()
}

/// A figure published with one value and later changed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Restated {
    pub(crate) series: String,
    pub(crate) period_words: String,
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) date_words: String,
    pub(crate) message: String,
    pub(crate) anchor: String,
}

/// A metric's restated figures and target changes, oldest first.
pub(crate) fn metric_record(
    history: &History,
    metric: &crate::model::Metric,
) -> (Vec<Restated>, Vec<TimelineEntry>) {
    let mut restated = Vec::new();
    let mut targets = Vec::new();
    let show = |v: f64| with_unit(v, metric.unit, decimals_for([v]));
    for d in history.for_metric(&metric.slug) {
        let date_words = crate::model::period::date_in_words(d.commit.date());
        let anchor = format!("commit-{}", d.commit.short_id());
        match d.change {
            Change::FigureRestated {
                series,
                period,
                from,
                to,
                ..
            } => restated.push(Restated {
                series: metric
                    .series
                    .iter()
                    .find(|s| &s.id == series)
                    .map_or_else(|| series.clone(), |s| s.label.clone()),
                period_words: period.in_words(),
                from: show(*from),
                to: show(*to),
                date_words,
                message: d.commit.summary.clone(),
                anchor,
            }),
            Change::TargetsChanged { from, to, .. } => targets.push(TimelineEntry {
                date: crate::model::period::iso_date(d.commit.date()),
                date_words,
                kind: "change",
                text: format!("Target changed {}", target_change_words(from, to)),
                status: None,
                due_words: None,
                message: Some(d.commit.summary.clone()),
                anchor: Some(anchor),
            }),
            _ => {}
        }
    }
    (restated, targets)
}

/// The (series, period) pairs of a metric whose figure was restated.
pub(crate) fn restated_keys(
    history: &History,
    metric: &str,
) -> std::collections::BTreeSet<(String, Period)> {
    history
        .for_metric(metric)
        .into_iter()
        .filter_map(|d| match d.change {
            Change::FigureRestated { series, period, .. } => Some((series.clone(), *period)),
            _ => None,
        })
        .collect()
}
