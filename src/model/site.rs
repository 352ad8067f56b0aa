//! The site settings from `site.yaml`, and the reporting date everything is judged against.
//! Pure: no I/O.

use super::keyword::Keyword;
use super::schedule::RagRule;
use crate::diag::Location;
use chrono::{Months, NaiveDate};

/// How often the council reports progress; an open action whose latest update is older than
/// one cycle before the reporting date is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum ReportingCycle {
    Monthly,
    #[default]
    Quarterly,
    HalfYearly,
    Annual,
}

impl Keyword for ReportingCycle {
    const ALL: &'static [ReportingCycle] = &[
        ReportingCycle::Monthly,
        ReportingCycle::Quarterly,
        ReportingCycle::HalfYearly,
        ReportingCycle::Annual,
    ];

    fn key(self) -> &'static str {
        match self {
            ReportingCycle::Monthly => "monthly",
            ReportingCycle::Quarterly => "quarterly",
            ReportingCycle::HalfYearly => "half-yearly",
            ReportingCycle::Annual => "annual",
        }
    }
}

impl ReportingCycle {
    /// The earliest date an update may have and still be current on `as_of`.
    pub(crate) fn stale_before(self, as_of: NaiveDate) -> NaiveDate {
        let months = match self {
            ReportingCycle::Monthly => 1,
            ReportingCycle::Quarterly => 3,
            ReportingCycle::HalfYearly => 6,
            ReportingCycle::Annual => 12,
        };
        as_of
            .checked_sub_months(Months::new(months))
            .unwrap_or(NaiveDate::MIN)
    }
}

/// A link in the site's navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NavLink {
    pub(crate) title: String,
    pub(crate) url: String,
}

/// The site settings.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Site {
    pub(crate) title: String,
    pub(crate) organisation: String,
    pub(crate) description: Option<String>,
    pub(crate) base_url: String,
    /// BCP 47, e.g. `en-GB`.
    pub(crate) language: String,
    /// SPDX identifier, e.g. `OGL-UK-3.0`.
    pub(crate) licence: String,
    /// The reporting date as stated in site.yaml.
    pub(crate) as_of: Option<NaiveDate>,
    pub(crate) reporting_cycle: ReportingCycle,
    pub(crate) due_soon_days: i64,
    pub(crate) rag_rule: RagRule,
    pub(crate) theme: Option<String>,
    pub(crate) navigation: Vec<NavLink>,
    pub(crate) at: Location,
}

/// The date that "overdue", "due soon" and "stale" are judged against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReportingDate {
    pub(crate) date: NaiveDate,
    pub(crate) source: ReportingDateSource,
}

/// Where the reporting date came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ReportingDateSource {
    /// `as_of` in site.yaml.
    Stated,
    /// Not stated: the latest dated thing in the content, found here.
    Latest(Location),
    /// Not stated and nothing in the content is dated.
    Undated,
}

/// Picks the reporting date: the stated one, or else the latest of the given dated things.
pub(crate) fn reporting_date(
    stated: Option<NaiveDate>,
    dated: impl IntoIterator<Item = (NaiveDate, Location)>,
) -> ReportingDate {
    if let Some(date) = stated {
        return ReportingDate {
            date,
            source: ReportingDateSource::Stated,
        };
    }
    match dated
        .into_iter()
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
    {
        Some((date, at)) => ReportingDate {
            date,
            source: ReportingDateSource::Latest(at),
        },
        None => ReportingDate {
            date: NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN),
            source: ReportingDateSource::Undated,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_stated_date_wins() {
        let date = reporting_date(
            Some(d(2019, 12, 31)),
            [(d(2020, 2, 4), Location::file("u.md"))],
        );
        assert_eq!(date.date, d(2019, 12, 31));
        assert_eq!(date.source, ReportingDateSource::Stated);
    }

    #[test]
    fn without_a_stated_date_the_latest_dated_thing_is_used_and_named() {
        let date = reporting_date(
            None,
            [
                (d(2019, 7, 31), Location::file("snapshots/2019-07-31.yaml")),
                (d(2020, 2, 4), Location::file("updates/2020-02-04-x.md")),
            ],
        );
        assert_eq!(date.date, d(2020, 2, 4));
        assert_eq!(
            date.source,
            ReportingDateSource::Latest(Location::file("updates/2020-02-04-x.md"))
        );
        assert_eq!(
            reporting_date(None, []).source,
            ReportingDateSource::Undated
        );
    }

    #[test]
    fn stale_is_one_reporting_cycle_before_the_reporting_date() {
        assert_eq!(
            ReportingCycle::Quarterly.stale_before(d(2019, 12, 31)),
            d(2019, 9, 30)
        );
        assert_eq!(
            ReportingCycle::HalfYearly.stale_before(d(2019, 12, 31)),
            d(2019, 6, 30)
        );
    }
}
