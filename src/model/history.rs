//! The record of what changed in the published content, from its git history: status changes,
//! due dates moved, targets changed, new and restated figures, each with the commit's date and
//! message. Pure data and the rules for reading it; [`crate::history`] reads git.

use super::period::{Due, Period};
use super::status::Status;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

/// How much history could be read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) enum HistoryStatus {
    /// Every commit that touched the content.
    #[default]
    Complete,
    /// A shallow clone: history before the oldest fetched commit is missing.
    Shallow { oldest: NaiveDate },
    /// The content is not in a git repository.
    NotGit,
    /// The repository has no commits yet.
    NoCommits,
    /// The repository could not be read.
    Unreadable(String),
}

impl HistoryStatus {
    /// What the site says about history it cannot show, if anything.
    pub(crate) fn limitation(&self) -> Option<String> {
        match self {
            HistoryStatus::Complete => None,
            HistoryStatus::Shallow { oldest } => Some(format!(
                "The record of changes starts on {}: earlier history was not available when this site was built.",
                super::period::date_in_words(*oldest)
            )),
            HistoryStatus::NotGit | HistoryStatus::NoCommits => Some(
                "The record of changes is not available: no earlier versions of this site's files were kept when it was built.".to_string(),
            ),
            HistoryStatus::Unreadable(_) => Some(
                "The record of changes is not available: the earlier versions of this site's files could not be read when it was built.".to_string(),
            ),
        }
    }
}

/// One commit that changed the content.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitInfo {
    /// The full hexadecimal id.
    pub(crate) id: String,
    pub(crate) time: DateTime<Utc>,
    /// The first line of the commit message.
    pub(crate) summary: String,
}

impl CommitInfo {
    pub(crate) fn date(&self) -> NaiveDate {
        self.time.date_naive()
    }

    pub(crate) fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(7)]
    }
}

/// A change to the published record, in plain terms.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// An action plan was published (the file first appeared).
    PlanPublished {
        strategy: String,
        actions: usize,
    },
    ActionAdded {
        strategy: String,
        id: String,
        title: String,
    },
    ActionRemoved {
        strategy: String,
        id: String,
        title: String,
    },
    StatusChanged {
        strategy: String,
        id: String,
        from: Option<Status>,
        to: Option<Status>,
    },
    DueChanged {
        strategy: String,
        id: String,
        from: Option<Due>,
        to: Option<Due>,
    },
    MetricPublished {
        metric: String,
        points: usize,
    },
    /// The targets of a metric changed: each side is the list of targets in words.
    TargetsChanged {
        metric: String,
        from: Vec<String>,
        to: Vec<String>,
    },
    FiguresAdded {
        metric: String,
        periods: Vec<Period>,
    },
    /// A figure that was published with one value now has another.
    FigureRestated {
        metric: String,
        series: String,
        period: Period,
        from: f64,
        to: f64,
    },
    FiguresRemoved {
        metric: String,
        periods: Vec<Period>,
    },
    /// Any other content file changed (a summary, an update, a page).
    FileChanged {
        path: String,
    },
}

impl Change {
    /// The strategy and action this change concerns, if any.
    pub(crate) fn action(&self) -> Option<(&str, &str)> {
        match self {
            Change::ActionAdded { strategy, id, .. }
            | Change::ActionRemoved { strategy, id, .. }
            | Change::StatusChanged { strategy, id, .. }
            | Change::DueChanged { strategy, id, .. } => Some((strategy, id)),
            _ => None,
        }
    }

    /// The metric this change concerns, if any.
    pub(crate) fn metric(&self) -> Option<&str> {
        match self {
            Change::MetricPublished { metric, .. }
            | Change::TargetsChanged { metric, .. }
            | Change::FiguresAdded { metric, .. }
            | Change::FigureRestated { metric, .. }
            | Change::FiguresRemoved { metric, .. } => Some(metric),
            _ => None,
        }
    }
}

/// A commit and what it changed.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitChanges {
    pub(crate) commit: CommitInfo,
    pub changes: Vec<Change>,
}

/// The whole record, oldest commit first.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub(crate) status: HistoryStatus,
    pub commits: Vec<CommitChanges>,
    /// Content file (path inside content/, `/` separators) -> the last commit that changed it.
    pub last_changed: BTreeMap<String, CommitInfo>,
    /// Content files whose working copy differs from the last commit (uncommitted edits).
    pub uncommitted: Vec<String>,
    /// Where each action's and metric's changes are, built on first use so that pages do not
    /// each scan the whole record: (commit, change) positions by key. Built from `commits` as
    /// they are when first asked; the record is complete by then (history is read once).
    index: std::sync::OnceLock<ChangeIndex>,
}

#[derive(Debug, Clone, Default)]
struct ChangeIndex {
    actions: std::collections::HashMap<(String, String), Vec<(usize, usize)>>,
    metrics: std::collections::HashMap<String, Vec<(usize, usize)>>,
}

/// A change with the commit it came in.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dated<'a> {
    pub(crate) commit: &'a CommitInfo,
    pub(crate) change: &'a Change,
}

/// How an action's due date moved over its history.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rescheduling {
    pub(crate) times: usize,
    pub(crate) first: Option<Due>,
    pub(crate) last: Option<Due>,
    /// Days between the first and the last deadline, when both are dated (positive: later).
    pub(crate) days_moved: Option<i64>,
}

impl History {
    fn index(&self) -> &ChangeIndex {
        self.index.get_or_init(|| {
            let mut index = ChangeIndex::default();
            for (c, commit) in self.commits.iter().enumerate() {
                for (i, change) in commit.changes.iter().enumerate() {
                    if let Some((strategy, id)) = change.action() {
                        let key = (strategy.to_string(), id.to_lowercase());
                        index.actions.entry(key).or_default().push((c, i));
                    }
                    if let Some(metric) = change.metric() {
                        index
                            .metrics
                            .entry(metric.to_string())
                            .or_default()
                            .push((c, i));
                    }
                }
            }
            index
        })
    }

    fn dated(&self, positions: Option<&Vec<(usize, usize)>>) -> Vec<Dated<'_>> {
        positions
            .into_iter()
            .flatten()
            .map(|&(c, i)| Dated {
                commit: &self.commits[c].commit,
                change: &self.commits[c].changes[i],
            })
            .collect()
    }

    /// Every change concerning one action (its id in any case), oldest first.
    pub(crate) fn for_action<'a>(&'a self, strategy: &str, id: &str) -> Vec<Dated<'a>> {
        self.dated(
            self.index()
                .actions
                .get(&(strategy.to_string(), id.to_lowercase())),
        )
    }

    /// Every change concerning one metric, oldest first.
    pub(crate) fn for_metric<'a>(&'a self, metric: &str) -> Vec<Dated<'a>> {
        self.dated(self.index().metrics.get(metric))
    }

    /// How often and how far an action's due date was moved; `None` if it never was.
    pub(crate) fn rescheduling(&self, strategy: &str, id: &str) -> Option<Rescheduling> {
        let moves: Vec<(Option<Due>, Option<Due>)> = self
            .for_action(strategy, id)
            .into_iter()
            .filter_map(|d| match d.change {
                Change::DueChanged { from, to, .. } => Some((*from, *to)),
                _ => None,
            })
            .collect();
        let (first, last) = (moves.first()?.0, moves.last()?.1);
        let days_moved = match (first.and_then(|d| d.end()), last.and_then(|d| d.end())) {
            (Some(a), Some(b)) => Some((b - a).num_days()),
            _ => None,
        };
        Some(Rescheduling {
            times: moves.len(),
            first,
            last,
            days_moved,
        })
    }

    /// The last commit that changed any of these content files.
    pub(crate) fn last_changed_of<'a>(
        &'a self,
        paths: impl IntoIterator<Item = &'a str>,
    ) -> Option<&'a CommitInfo> {
        paths
            .into_iter()
            .filter_map(|p| self.last_changed.get(p))
            .max_by_key(|c| c.time)
    }

    /// The last commit that changed anything.
    pub(crate) fn last_commit(&self) -> Option<&CommitInfo> {
        self.commits.last().map(|c| &c.commit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn commit(day: u32, summary: &str) -> CommitInfo {
        CommitInfo {
            id: format!("{day:040}"),
            time: Utc.with_ymd_and_hms(2020, 1, day, 12, 0, 0).unwrap(),
            summary: summary.into(),
        }
    }

    fn due(text: &str) -> Option<Due> {
        Some(Due::parse(text).unwrap())
    }

    #[test]
    fn rescheduling_counts_moves_and_the_distance() {
        let history = History {
            commits: vec![
                CommitChanges {
                    commit: commit(1, "Move DS-01"),
                    changes: vec![Change::DueChanged {
                        strategy: "d".into(),
                        id: "DS-01".into(),
                        from: due("2019-12"),
                        to: due("2020-03"),
                    }],
                },
                CommitChanges {
                    commit: commit(2, "Move DS-01 again"),
                    changes: vec![Change::DueChanged {
                        strategy: "d".into(),
                        id: "DS-01".into(),
                        from: due("2020-03"),
                        to: due("2020-06"),
                    }],
                },
            ],
            ..History::default()
        };
        let r = history.rescheduling("d", "ds-01").unwrap();
        assert_eq!(r.times, 2);
        assert_eq!(r.first, due("2019-12"));
        assert_eq!(r.last, due("2020-06"));
        assert_eq!(r.days_moved, Some(182));
        assert_eq!(history.rescheduling("d", "DS-02"), None);
    }

    #[test]
    fn limitations_are_said_in_words() {
        assert_eq!(HistoryStatus::Complete.limitation(), None);
        let shallow = HistoryStatus::Shallow {
            oldest: NaiveDate::from_ymd_opt(2020, 2, 4).unwrap(),
        };
        assert!(shallow
            .limitation()
            .unwrap()
            .contains("starts on 4 February 2020"));
        assert!(HistoryStatus::NotGit
            .limitation()
            .unwrap()
            .contains("no earlier versions of this site's files were kept"));
    }
}
