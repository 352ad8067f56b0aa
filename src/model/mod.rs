//! The content model: what plainsight knows about a site once its files are read.
//!
//! Stored like a small database: maps keyed by slug, relations as ids. Model types do no I/O
//! and no rendering; each keeps the [`Location`](crate::diag::Location) it was read from so
//! that cross-file checks can name the file, line and column.

pub mod history;
pub(crate) mod keyword;
pub mod metric;
pub mod period;
pub mod schedule;
pub mod site;
pub mod status;
pub mod strategy;

use crate::diag::Location;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use strategy::Located;

pub(crate) use keyword::Keyword;
pub(crate) use metric::Metric;
pub(crate) use period::{Due, Period};
pub(crate) use site::{ReportingDate, Site};
pub use status::Status;
pub(crate) use strategy::{Action, Step, Strategy};

/// One published set of figures ("Performance Statistics – 31 July 2019"). Its values are
/// merged into the metrics; this records that it was published.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Snapshot {
    pub(crate) date: NaiveDate,
    pub(crate) title: Option<String>,
    /// Slugs of the metrics it gives figures for.
    pub(crate) metrics: Vec<String>,
    pub(crate) at: Location,
}

/// A dated progress report or news item, e.g. a committee update.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Update {
    pub(crate) slug: String,
    pub(crate) date: NaiveDate,
    pub(crate) title: String,
    pub(crate) committee: Option<String>,
    pub(crate) reference: Option<String>,
    pub(crate) strategies: Vec<Located<String>>,
    pub(crate) metrics: Vec<Located<String>>,
    /// Markdown.
    pub(crate) body: String,
    pub(crate) at: Location,
}

/// A free page (about, accessibility statement, ...).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Page {
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    /// Markdown.
    pub(crate) body: String,
    pub(crate) at: Location,
}

/// Everything in a site's `content/` folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    pub(crate) site: Site,
    pub(crate) reporting_date: ReportingDate,
    pub(crate) strategies: BTreeMap<String, Strategy>,
    /// Shared with the preview's cache of loaded files (a metric is copied only to merge in
    /// figures from other files).
    pub(crate) metrics: BTreeMap<String, std::sync::Arc<Metric>>,
    /// In date order.
    pub(crate) snapshots: Vec<Snapshot>,
    /// In date order, oldest first.
    pub(crate) updates: Vec<Update>,
    pub(crate) pages: BTreeMap<String, Page>,
}

impl Content {
    /// Every action of every strategy, with its strategy.
    pub(crate) fn actions(&self) -> impl Iterator<Item = (&Strategy, &Action)> {
        self.strategies
            .values()
            .flat_map(|s| s.actions.iter().map(move |a| (s, a)))
    }
}
