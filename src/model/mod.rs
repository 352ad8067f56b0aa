//! The content model: what plainsight knows about a site once its files are read.
//!
//! Stored like a small database: maps keyed by slug, relations as ids. Model types do no I/O
//! and no rendering; each keeps the [`Location`](crate::diag::Location) it was read from so
//! that cross-file checks can name the file, line and column.

pub mod history;
pub mod keyword;
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

pub use keyword::Keyword;
pub use metric::Metric;
pub use period::{Due, Period};
pub use site::{ReportingDate, Site};
pub use status::{Rag, Status};
pub use strategy::{Action, Step, Strategy};

/// One published set of figures ("Performance Statistics – 31 July 2019"). Its values are
/// merged into the metrics; this records that it was published.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub date: NaiveDate,
    pub title: Option<String>,
    /// Slugs of the metrics it gives figures for.
    pub metrics: Vec<String>,
    pub at: Location,
}

/// A dated progress report or news item, e.g. a committee update.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub slug: String,
    pub date: NaiveDate,
    pub title: String,
    pub committee: Option<String>,
    pub reference: Option<String>,
    pub strategies: Vec<Located<String>>,
    pub metrics: Vec<Located<String>>,
    /// Markdown.
    pub body: String,
    pub at: Location,
}

/// A free page (about, accessibility statement, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    /// Markdown.
    pub body: String,
    pub at: Location,
}

/// Everything in a site's `content/` folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    pub site: Site,
    pub reporting_date: ReportingDate,
    pub strategies: BTreeMap<String, Strategy>,
    /// Shared with the preview's cache of loaded files (a metric is copied only to merge in
    /// figures from other files).
    pub metrics: BTreeMap<String, std::sync::Arc<Metric>>,
    /// In date order.
    pub snapshots: Vec<Snapshot>,
    /// In date order, oldest first.
    pub updates: Vec<Update>,
    pub pages: BTreeMap<String, Page>,
}

impl Content {
    /// Every action of every strategy, with its strategy.
    pub fn actions(&self) -> impl Iterator<Item = (&Strategy, &Action)> {
        self.strategies
            .values()
            .flat_map(|s| s.actions.iter().map(move |a| (s, a)))
    }
}
