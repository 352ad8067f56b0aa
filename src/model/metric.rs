//! Metrics (performance indicators): their definition, their data points merged from every
//! source, targets that change over time, and whether a figure met its target. Pure: no I/O.

use super::keyword::Keyword;
use super::period::{Period, PeriodKind};
use crate::diag::Location;

/// What a metric's numbers count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Count,
    Percent,
    Gbp,
    Hours,
    Days,
    Minutes,
    Score,
    Ratio,
}

impl Keyword for Unit {
    const ALL: &'static [Unit] = &[
        Unit::Count,
        Unit::Percent,
        Unit::Gbp,
        Unit::Hours,
        Unit::Days,
        Unit::Minutes,
        Unit::Score,
        Unit::Ratio,
    ];

    fn key(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Percent => "percent",
            Unit::Gbp => "gbp",
            Unit::Hours => "hours",
            Unit::Days => "days",
            Unit::Minutes => "minutes",
            Unit::Score => "score",
            Unit::Ratio => "ratio",
        }
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    /// Higher is better.
    Up,
    /// Lower is better.
    Down,
    /// A context indicator: neither is better, so no figure "meets" a target.
    #[default]
    None,
}

impl Keyword for Direction {
    const ALL: &'static [Direction] = &[Direction::Up, Direction::Down, Direction::None];

    fn key(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::None => "none",
        }
    }
}

/// How often a metric is measured; each asks for one way of writing periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frequency {
    Daily,
    Monthly,
    Quarterly,
    Annual,
    FinancialYear,
}

impl Keyword for Frequency {
    const ALL: &'static [Frequency] = &[
        Frequency::Daily,
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::Annual,
        Frequency::FinancialYear,
    ];

    fn key(self) -> &'static str {
        match self {
            Frequency::Daily => "daily",
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Annual => "annual",
            Frequency::FinancialYear => "financial-year",
        }
    }
}

impl Frequency {
    /// The kind of period a data point of this frequency names.
    pub fn period_kind(self) -> PeriodKind {
        match self {
            Frequency::Daily => PeriodKind::Day,
            Frequency::Monthly => PeriodKind::Month,
            Frequency::Quarterly => PeriodKind::Quarter,
            Frequency::Annual => PeriodKind::Year,
            Frequency::FinancialYear => PeriodKind::FinancialYear,
        }
    }
}

/// How the metric is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ChartKind {
    #[default]
    Line,
    Bar,
    StackedBar,
    Area,
    StackedArea,
    Pie,
}

impl Keyword for ChartKind {
    const ALL: &'static [ChartKind] = &[
        ChartKind::Line,
        ChartKind::Bar,
        ChartKind::StackedBar,
        ChartKind::Area,
        ChartKind::StackedArea,
        ChartKind::Pie,
    ];

    fn key(self) -> &'static str {
        match self {
            ChartKind::Line => "line",
            ChartKind::Bar => "bar",
            ChartKind::StackedBar => "stacked-bar",
            ChartKind::Area => "area",
            ChartKind::StackedArea => "stacked-area",
            ChartKind::Pie => "pie",
        }
    }
}

/// One line or bar of a metric (e.g. a channel, or VIP users).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub id: String,
    pub label: String,
}

/// A target value in force over a span of periods; `from` and `to` are inclusive and either
/// may be open. `series: None` applies to every series.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub(crate) value: f64,
    pub(crate) from: Option<Period>,
    pub(crate) to: Option<Period>,
    pub(crate) series: Option<String>,
    pub(crate) at: Location,
}

impl Target {
    fn applies_to(&self, series: &str, period: Period) -> bool {
        let series_matches = self.series.as_deref().is_none_or(|s| s == series);
        let after_start = self.from.is_none_or(|from| period.start() >= from.start());
        let before_end = self.to.is_none_or(|to| period.start() <= to.end());
        series_matches && after_start && before_end
    }

    /// Whether two targets are both in force for the same series at some time.
    pub(crate) fn overlaps(&self, other: &Target) -> bool {
        let same_series = match (&self.series, &other.series) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let starts_before_other_ends = match (self.from, other.to) {
            (Some(from), Some(to)) => from.start() <= to.end(),
            _ => true,
        };
        let other_starts_before_end = match (other.from, self.to) {
            (Some(from), Some(to)) => from.start() <= to.end(),
            _ => true,
        };
        same_series && starts_before_other_ends && other_starts_before_end
    }
}

/// One published figure: a series' value for a period, and where it was given.
#[derive(Debug, Clone, PartialEq)]
pub struct DataPoint {
    pub series: std::sync::Arc<str>,
    pub period: Period,
    pub value: f64,
    pub at: Location,
}

/// The same figure given twice with different values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Conflict {
    pub(crate) first: DataPoint,
    pub(crate) second: DataPoint,
}

/// Merges points from inline data, a CSV file and snapshots, in the order given. A point
/// repeated with the same value is kept once (snapshots repeat published figures); one
/// repeated with a different value is a conflict, and the first value is kept.
pub(crate) fn merge_points(mut points: Vec<DataPoint>) -> (Vec<DataPoint>, Vec<Conflict>) {
    // A stable sort keeps the figures of one series and period in the order given, so the
    // first given is the one kept; a metric's figures usually come in order already, which
    // the sort sees in one pass.
    points.sort_by(|a, b| {
        (a.period.chronological_key(), &a.series, a.period).cmp(&(
            b.period.chronological_key(),
            &b.series,
            b.period,
        ))
    });
    // In place: a metric's points are most of a site's memory, and a second vector for the
    // merged ones would be as large again.
    let mut conflicts = Vec::new();
    points.dedup_by(|point, kept| {
        let same = kept.series == point.series && kept.period == point.period;
        if same && kept.value != point.value {
            conflicts.push(Conflict {
                first: kept.clone(),
                second: point.clone(),
            });
        }
        same
    });
    (points, conflicts)
}

/// Whether a figure met its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Assessment {
    Met,
    Missed,
}

impl Assessment {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Assessment::Met => "met",
            Assessment::Missed => "missed",
        }
    }
}

/// A performance indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub unit: Unit,
    pub direction: Direction,
    pub frequency: Option<Frequency>,
    pub series: Vec<Series>,
    pub targets: Vec<Target>,
    pub chart: ChartKind,
    pub source: Option<String>,
    /// Shown on the dashboard.
    pub headline: bool,
    /// Every data point from every source, merged, in period order.
    pub points: Vec<DataPoint>,
    pub at: Location,
}

impl Metric {
    /// The target in force for a series in a period. When targets overlap, the one listed
    /// last wins (validation warns about overlaps).
    pub(crate) fn target_for(&self, series: &str, period: Period) -> Option<&Target> {
        self.targets
            .iter()
            .rev()
            .find(|t| t.applies_to(series, period))
    }

    /// Whether `value` met `target`, given which way is better.
    pub(crate) fn assess(&self, value: f64, target: f64) -> Option<Assessment> {
        let met = match self.direction {
            Direction::Up => value >= target,
            Direction::Down => value <= target,
            Direction::None => return None,
        };
        Some(if met {
            Assessment::Met
        } else {
            Assessment::Missed
        })
    }

    /// The most recent point of a series.
    pub(crate) fn latest(&self, series: &str) -> Option<&DataPoint> {
        self.points.iter().rev().find(|p| &*p.series == series)
    }

    /// The value of a series in a period. The points are in period order (see
    /// [`merge_points`]), so the period is found by halving, not by a scan: tables and charts
    /// ask once per period and series.
    pub(crate) fn value(&self, series: &str, period: Period) -> Option<f64> {
        debug_assert!(
            self.points.windows(2).all(|pair| {
                pair[0].period.chronological_key() <= pair[1].period.chronological_key()
            }),
            "metric `{}`: figures out of period order",
            self.slug
        );
        let key = period.chronological_key();
        let first = self
            .points
            .partition_point(|p| p.period.chronological_key() < key);
        self.points[first..]
            .iter()
            .take_while(|p| p.period.chronological_key() == key)
            .find(|p| &*p.series == series && p.period == period)
            .map(|p| p.value)
    }

    /// The values of a series in each of `periods` (which are in order, as [`Metric::periods`]
    /// gives them): what [`Metric::value`] gives for each, found in one walk along the points
    /// instead of a search per period.
    pub(crate) fn values(&self, series: &str, periods: &[Period]) -> Vec<Option<f64>> {
        debug_assert!(
            periods
                .windows(2)
                .all(|pair| pair[0].chronological_key() <= pair[1].chronological_key()),
            "periods out of order"
        );
        let mut first = 0;
        periods
            .iter()
            .map(|period| {
                let key = period.chronological_key();
                while self
                    .points
                    .get(first)
                    .is_some_and(|p| p.period.chronological_key() < key)
                {
                    first += 1;
                }
                self.points[first..]
                    .iter()
                    .take_while(|p| p.period.chronological_key() == key)
                    .find(|p| &*p.series == series && p.period == *period)
                    .map(|p| p.value)
            })
            .collect()
    }

    /// Every period with data, in order.
    pub(crate) fn periods(&self) -> Vec<Period> {
        let mut periods: Vec<Period> = self.points.iter().map(|p| p.period).collect();
        periods.dedup();
        periods
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize) -> Location {
        Location::new("m.yaml", line, 1)
    }

    fn p(text: &str) -> Period {
        Period::parse(text).unwrap()
    }

    fn point(series: &str, period: &str, value: f64, line: usize) -> DataPoint {
        DataPoint {
            series: series.into(),
            period: p(period),
            value,
            at: at(line),
        }
    }

    fn sla_metric(direction: Direction) -> Metric {
        Metric {
            slug: "sla".into(),
            title: "SLA".into(),
            description: String::new(),
            unit: Unit::Percent,
            direction,
            frequency: Some(Frequency::Monthly),
            series: vec![],
            targets: vec![
                Target {
                    value: 90.0,
                    from: None,
                    to: Some(p("2017-07")),
                    series: None,
                    at: at(1),
                },
                Target {
                    value: 95.0,
                    from: Some(p("2017-08")),
                    to: None,
                    series: None,
                    at: at(2),
                },
            ],
            chart: ChartKind::Line,
            source: None,
            headline: false,
            points: vec![],
            at: at(0),
        }
    }

    #[test]
    fn the_target_in_force_follows_target_changes() {
        let metric = sla_metric(Direction::Up);
        let target = |period| metric.target_for("vip", p(period)).map(|t| t.value);
        assert_eq!(target("2017-06"), Some(90.0));
        assert_eq!(target("2017-07"), Some(90.0));
        assert_eq!(target("2017-08"), Some(95.0));
        assert_eq!(target("2019-07"), Some(95.0));
    }

    #[test]
    fn a_series_target_applies_to_that_series_only() {
        let mut metric = sla_metric(Direction::Up);
        metric.targets = vec![Target {
            value: 80.0,
            from: None,
            to: None,
            series: Some("web".into()),
            at: at(1),
        }];
        assert_eq!(
            metric.target_for("web", p("2019-01")).map(|t| t.value),
            Some(80.0)
        );
        assert_eq!(metric.target_for("telephone", p("2019-01")), None);
    }

    #[test]
    fn a_series_values_in_one_walk_are_its_value_in_each_period() {
        let mut metric = sla_metric(Direction::Up);
        let figures = [
            ("vip", "2019-06", 1.0),
            ("std", "2019-06", 2.0),
            ("std", "2019-Q2", 3.0),
            ("vip", "2019/20", 4.0),
            ("vip", "2019", 5.0),
            ("std", "2019-07", 6.0),
            ("vip", "2020-01-31", 7.0),
            ("std", "2021", 8.0),
        ];
        let points = figures.iter().map(|&(s, t, v)| point(s, t, v, 1)).collect();
        metric.points = merge_points(points).0;
        let periods = metric.periods();
        assert!(periods.len() >= 7, "{periods:?}");
        for series in ["vip", "std", "none"] {
            let one_by_one: Vec<Option<f64>> =
                periods.iter().map(|p| metric.value(series, *p)).collect();
            assert_eq!(metric.values(series, &periods), one_by_one, "{series}");
        }
        assert_eq!(metric.values("vip", &periods).iter().flatten().count(), 4);
    }

    #[test]
    fn met_or_missed_depends_on_direction() {
        let up = sla_metric(Direction::Up);
        assert_eq!(up.assess(95.8, 95.0), Some(Assessment::Met));
        assert_eq!(up.assess(95.0, 95.0), Some(Assessment::Met));
        assert_eq!(up.assess(94.9, 95.0), Some(Assessment::Missed));
        let down = sla_metric(Direction::Down);
        assert_eq!(down.assess(4.0, 5.0), Some(Assessment::Met));
        assert_eq!(down.assess(6.0, 5.0), Some(Assessment::Missed));
        assert_eq!(sla_metric(Direction::None).assess(1.0, 5.0), None);
    }

    #[test]
    fn merging_keeps_repeats_once_and_reports_different_values() {
        let (points, conflicts) = merge_points(vec![
            point("vip", "2019-07", 96.0, 10),
            point("vip", "2019-06", 97.1, 11),
            point("vip", "2019-07", 96.0, 20),
            point("standard", "2019-07", 95.8, 12),
            point("standard", "2019-07", 95.9, 21),
        ]);
        let listed: Vec<_> = points
            .iter()
            .map(|p| (p.period.to_string(), &*p.series, p.value))
            .collect();
        assert_eq!(
            listed,
            [
                ("2019-06".to_string(), "vip", 97.1),
                ("2019-07".to_string(), "standard", 95.8),
                ("2019-07".to_string(), "vip", 96.0),
            ]
        );
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].first.at.line, 12);
        assert_eq!(conflicts[0].second.at.line, 21);
    }

    #[test]
    fn overlapping_targets_are_detected() {
        let metric = sla_metric(Direction::Up);
        assert!(!metric.targets[0].overlaps(&metric.targets[1]));
        let open = Target {
            value: 1.0,
            from: None,
            to: None,
            series: None,
            at: at(3),
        };
        assert!(open.overlaps(&metric.targets[0]));
    }

    #[test]
    fn latest_and_value_read_the_merged_points() {
        let mut metric = sla_metric(Direction::Up);
        metric.points = merge_points(vec![
            point("vip", "2019-06", 97.1, 1),
            point("vip", "2019-07", 96.0, 2),
        ])
        .0;
        assert_eq!(metric.latest("vip").map(|p| p.value), Some(96.0));
        assert_eq!(metric.value("vip", p("2019-06")), Some(97.1));
        assert_eq!(metric.periods().len(), 2);
    }

    #[test]
    fn keywords_parse_with_suggestions() {
        assert_eq!(Unit::parse("percent"), Ok(Unit::Percent));
        assert_eq!(Unit::parse("percnt"), Err(Some("percent")));
        assert_eq!(ChartKind::parse("stacked-bar"), Ok(ChartKind::StackedBar));
        assert_eq!(Frequency::parse("monthy"), Err(Some("monthly")));
        assert!(Direction::accepted().contains("up, down, none"));
    }
}
