//! Loading metrics: `metrics/<slug>.yaml` (definition, targets, inline data), the optional
//! `metrics/<slug>.csv`, and the figures of `snapshots/<date>.yaml`.

use super::fields::{Fields, IdRule};
use super::raw::{RawMetric, RawSnapshot};
use super::yaml::{YamlDoc, YamlPath};
use crate::diag::{did_you_mean, Diagnostic, Diagnostics, Location};
use crate::model::metric::{
    merge_points, ChartKind, DataPoint, Direction, Frequency, Metric, Series, Target, Unit,
};
use crate::model::period::Period;
use crate::model::Snapshot;
use chrono::NaiveDate;
use foldhash::HashMap;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Read;
use std::path::Path;

/// The series a metric has when it declares none.
pub(crate) const DEFAULT_SERIES: &str = "value";

/// Reads a metric definition with its inline data. Points from CSV and snapshots are added
/// and merged later.
pub(crate) fn load_metric(slug: &str, doc: &YamlDoc, diags: &mut Diagnostics) -> Option<Metric> {
    let root = YamlPath::root();
    let raw: RawMetric = doc.read(diags)?;
    let mut f = Fields { doc, diags };
    let title = f.required(raw.title.as_ref(), &root, "title");
    let unit = match raw.unit.as_ref() {
        Some(_) => f.keyword::<Unit>(raw.unit.as_ref(), &root.key("unit"), "unit"),
        None => {
            f.required(None, &root, "unit");
            None
        }
    };
    let direction = f
        .keyword::<Direction>(raw.direction.as_ref(), &root.key("direction"), "direction")
        .unwrap_or_default();
    let frequency =
        f.keyword::<Frequency>(raw.frequency.as_ref(), &root.key("frequency"), "frequency");
    let chart = f
        .keyword::<ChartKind>(raw.chart.as_ref(), &root.key("chart"), "chart kind")
        .unwrap_or_default();

    let mut series: Vec<Series> = Vec::new();
    let mut listed: HashSet<String> = HashSet::new();
    for (i, s) in raw.series.iter().enumerate() {
        let path = root.key("series").index(i);
        let Some(id) = f.required(s.id.as_ref(), &path, "id") else {
            continue;
        };
        if !f.id(&id, &path.key("id"), IdRule::SeriesId, "series id") {
            continue;
        }
        if id == "period" || id == "target" {
            f.error(
                &path.key("id"),
                format!("`{id}` is a column name plainsight uses itself"),
            )
            .hint = Some("choose another series id".to_string());
            continue;
        }
        if !listed.insert(id.clone()) {
            f.error(&path.key("id"), format!("series `{id}` is listed twice"));
            continue;
        }
        let label = f.text(s.label.as_ref()).unwrap_or_else(|| id.clone());
        series.push(Series { id, label });
    }
    if raw.series.is_empty() {
        series.push(Series {
            id: DEFAULT_SERIES.to_string(),
            label: title.clone().unwrap_or_default(),
        });
    }
    let kind = frequency.map(|f| f.period_kind());
    let ids = SeriesIds::new(&series);

    let mut targets = Vec::new();
    for (i, t) in raw.targets.iter().enumerate() {
        let path = root.key("targets").index(i);
        let from = t
            .from
            .as_ref()
            .and_then(|p| f.period(p.as_str(), &path.key("from"), None));
        let to =
            t.to.as_ref()
                .and_then(|p| f.period(p.as_str(), &path.key("to"), None));
        let series_ref = f.text(t.series.as_ref());
        if let Some(s) = &series_ref {
            check_series(&mut f, s, &ids, &path.key("series"), slug);
        }
        let Some(value) = t.value else {
            f.required(None, &path, "value");
            continue;
        };
        if let (Some(from), Some(to)) = (from, to) {
            if to.end() < from.start() {
                f.error(
                    &path,
                    format!("this target runs from {from} to {to}, which ends before it starts"),
                );
            }
        }
        targets.push(Target {
            value,
            from,
            to,
            series: series_ref,
            at: doc.at(&path),
        });
    }

    let mut points = Vec::new();
    for (i, row) in raw.data.iter().enumerate() {
        let path = root.key("data").index(i);
        points.extend(read_row(&mut f, row, &path, &ids, kind, slug));
    }

    let mut metric = Metric {
        slug: slug.to_string(),
        title: title?,
        description: f.text(raw.description.as_ref()).unwrap_or_default(),
        unit: unit?,
        direction,
        frequency,
        series,
        targets,
        chart,
        source: f.text(raw.source.as_ref()),
        headline: raw.headline,
        points,
        at: doc.at(&root),
    };
    // The file's own figures are merged now; figures from CSV files and snapshots are merged
    // in later (`merge_figures` again), which gives the same result as merging all at once.
    for conflict in merge_figures(&mut metric, Vec::new()) {
        diags.push(conflict);
    }
    Some(metric)
}

/// Merges `extra` figures into a metric's own (see [`merge_points`]); the figures given twice
/// with different values come back as errors.
pub(crate) fn merge_figures(metric: &mut Metric, mut extra: Vec<DataPoint>) -> Vec<Diagnostic> {
    let mut all = std::mem::take(&mut metric.points);
    all.append(&mut extra);
    let (merged, conflicts) = merge_points(all);
    metric.points = merged;
    conflicts
        .into_iter()
        .map(|conflict| {
            let (first, second) = (&conflict.first, &conflict.second);
            Diagnostic::error(
                second.at.clone(),
                format!(
                    "metric `{}`, series `{}`, {}: {} here, but {} at {}",
                    metric.slug, second.series, second.period, second.value, first.value, first.at
                ),
            )
            .hint("a figure given twice must have the same value: correct the wrong one")
        })
        .collect()
}

/// A metric's series ids, for checking the keys of many rows: looked up in a set once there
/// are more than a few (a hostile file can list 100,000). Each id is also kept shared, so
/// the figures of a series share one copy of its name.
struct SeriesIds<'a> {
    series: &'a [Series],
    shared: Vec<std::sync::Arc<str>>,
    set: Option<HashMap<&'a str, usize>>,
}

impl<'a> SeriesIds<'a> {
    fn new(series: &'a [Series]) -> Self {
        let set = (series.len() > 16).then(|| {
            series
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), i))
                .collect()
        });
        let shared = series
            .iter()
            .map(|s| std::sync::Arc::from(s.id.as_str()))
            .collect();
        SeriesIds {
            series,
            shared,
            set,
        }
    }

    /// The shared id of the series `id`, if the metric has it.
    fn find(&self, id: &str) -> Option<&std::sync::Arc<str>> {
        let at = match &self.set {
            Some(set) => set.get(id).copied(),
            None => self.series.iter().position(|s| s.id == id),
        };
        at.map(|i| &self.shared[i])
    }

    fn contains(&self, id: &str) -> bool {
        self.find(id).is_some()
    }
}

/// The shared id of the series `id`; an error at `path` when the metric has no such series.
fn check_series<'s>(
    f: &mut Fields,
    id: &str,
    series: &'s SeriesIds,
    path: &YamlPath,
    slug: &str,
) -> Option<&'s std::sync::Arc<str>> {
    if let Some(shared) = series.find(id) {
        return Some(shared);
    }
    let message = format!("metric `{slug}` has no series `{id}`");
    if !f.diags.has_room_for(&f.doc.at(path).file) {
        // Counted, not listed: the suggestions cost a scan of every series.
        f.error(path, message);
        return None;
    }
    let ids: Vec<&str> = series.series.iter().map(|s| s.id.as_str()).collect();
    let d = f.error(path, message);
    d.expected = Some(format!("one of {}", ids.join(", ")));
    d.hint = did_you_mean(id, ids).map(|m| format!("did you mean `{m}`?"));
    None
}

/// A number from YAML. `None` with no error for a blank (`~`): no figure for that period.
fn number(f: &mut Fields, value: &serde_yaml::Value, path: &YamlPath) -> Option<f64> {
    match value {
        serde_yaml::Value::Number(n) => match n.as_f64() {
            Some(v) if v.is_finite() => Some(v),
            _ => {
                f.error(path, format!("`{n}` is not a usable number"));
                None
            }
        },
        serde_yaml::Value::Null => None,
        other => {
            let shown = match other {
                serde_yaml::Value::String(s) => format!("`{s}`"),
                _ => "this value".to_string(),
            };
            let d = f.error(path, format!("{shown} is not a number"));
            d.expected = Some("a number such as 95.8 or 5120, without units or commas; leave it blank (~) when there is no figure".to_string());
            None
        }
    }
}

/// One row of `{period: ..., <series>: value, ...}`, from inline data or a snapshot.
fn read_row(
    f: &mut Fields,
    row: &BTreeMap<String, serde_yaml::Value>,
    path: &YamlPath,
    series: &SeriesIds,
    kind: Option<crate::model::period::PeriodKind>,
    slug: &str,
) -> Vec<DataPoint> {
    let period = match row.get("period") {
        Some(serde_yaml::Value::String(s)) => match Period::parse(s) {
            Ok(period) if kind.is_none_or(|kind| period.kind() == kind) => Some(period),
            _ => f.period(s, &path.key("period"), kind),
        },
        Some(serde_yaml::Value::Number(n)) => f.period(&n.to_string(), &path.key("period"), kind),
        _ => {
            f.required(None, path, "period");
            None
        }
    };
    let mut points = Vec::new();
    for (key, value) in row.iter().filter(|(k, _)| *k != "period") {
        let Some(shared_id) = series
            .find(key)
            .or_else(|| check_series(f, key, series, &path.key(key), slug))
        else {
            continue;
        };
        let given = value.as_f64().filter(|v| v.is_finite());
        let Some(value) = given.or_else(|| number(f, value, &path.key(key))) else {
            continue;
        };
        if let Some(period) = period {
            points.push(DataPoint {
                series: shared_id.clone(),
                period,
                value,
                at: f.doc.at(&path.key(key)),
            });
        }
    }
    points
}

/// Reads `metrics/<slug>.csv`: header `period,<series ids...>`, one row per period. The file
/// is streamed, not read whole. `shown` is the path used in messages.
pub(crate) fn load_csv(
    path: &Path,
    shown: &Path,
    metric: &Metric,
    diags: &mut Diagnostics,
) -> Vec<DataPoint> {
    match std::fs::File::open(path) {
        Ok(file) => read_csv(file, shown, metric, diags),
        Err(e) => {
            diags.push(Diagnostic::error(
                Location::file(shown),
                format!("cannot read this file: {e}"),
            ));
            Vec::new()
        }
    }
}

/// Reads CSV data for a metric from any reader.
pub fn read_csv(
    input: impl Read,
    shown: &Path,
    metric: &Metric,
    diags: &mut Diagnostics,
) -> Vec<DataPoint> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(super::source::LfReader::new(input));
    let mut points = Vec::new();
    let mut columns: Vec<Option<std::sync::Arc<str>>> = Vec::new();
    let shared_name: std::sync::Arc<Path> = std::sync::Arc::from(shown);
    let mut seen_periods: BTreeMap<Period, usize> = BTreeMap::new();
    let mut record = csv::ByteRecord::new();
    let mut first = true;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                diags.push(Diagnostic::error(
                    Location::new(shown, line, 0),
                    format!("this is not valid CSV: {e}"),
                ));
                break;
            }
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        let mut cells = Vec::with_capacity(record.len());
        for (i, raw) in record.iter().enumerate() {
            let raw = if first && i == 0 {
                raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw)
            } else {
                raw
            };
            match std::str::from_utf8(raw) {
                Ok(text) => cells.push(text.trim()),
                Err(_) => {
                    diags.push(
                        Diagnostic::error(
                            Location::new(shown, line, 0),
                            "this row is not valid UTF-8 text",
                        )
                        .hint("save the file as CSV UTF-8"),
                    );
                    return points;
                }
            }
        }
        if first {
            first = false;
            columns = header(&cells, shown, line, metric, diags);
            if columns.is_empty() {
                return points;
            }
            continue;
        }
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if cells.len() != columns.len() {
            diags.push(
                Diagnostic::error(
                    Location::new(shown, line, 1),
                    format!("this row has {} cells but the header has {} columns", cells.len(), columns.len()),
                )
                .hint("every row needs a cell for every column; leave a cell empty when there is no figure"),
            );
            continue;
        }
        let period = match Period::parse(cells[0]) {
            Ok(p) => match metric.frequency {
                Some(freq) if p.kind() != freq.period_kind() => {
                    diags.push(
                        Diagnostic::error(
                            Location::new(shown, line, 1),
                            format!(
                                "period `{}` does not match the metric's frequency",
                                cells[0]
                            ),
                        )
                        .expected(format!("a period written {}", freq.period_kind().form())),
                    );
                    continue;
                }
                _ => p,
            },
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        Location::new(shown, line, 1),
                        format!("period {}", e.message),
                    )
                    .expected(crate::model::period::PERIOD_FORMS)
                    .maybe_hint(e.hint),
                );
                continue;
            }
        };
        if let Some(previous) = seen_periods.insert(period, line) {
            diags.push(Diagnostic::error(
                Location::new(shown, line, 1),
                format!("period {period} is given twice in this file (first on line {previous})"),
            ));
            continue;
        }
        // Where each cell starts, counted on from the last (not from the row's start for
        // every cell: a wide row would cost its width squared).
        let mut next_column = 1 + cells[0].chars().count() + 1;
        for (index, cell) in cells.iter().enumerate().skip(1) {
            let column = next_column;
            next_column += cell.chars().count() + 1;
            let Some(series) = &columns[index] else {
                continue;
            };
            if cell.is_empty() {
                continue;
            }
            match cell.parse::<f64>() {
                Ok(value) if value.is_finite() => points.push(DataPoint {
                    series: series.clone(),
                    period,
                    value,
                    at: Location::in_file(&shared_name, line, column),
                }),
                _ => diags.push(
                    Diagnostic::error(
                        Location::new(shown, line, column),
                        format!("`{cell}` in column `{series}` is not a number"),
                    )
                    .expected("a number such as 95.8 or 5120, without units, % signs or thousands separators; leave the cell empty when there is no figure"),
                ),
            }
        }
    }
    if first {
        diags.push(
            Diagnostic::error(Location::file(shown), "this CSV file is empty").expected(format!(
                "a header row `period,{}`",
                series_ids(metric).join(",")
            )),
        );
    }
    points
}

fn series_ids(metric: &Metric) -> Vec<&str> {
    metric.series.iter().map(|s| s.id.as_str()).collect()
}

/// Checks the header row; returns the series of each column (`None` for `period`), or
/// nothing when the header is unusable.
fn header(
    cells: &[&str],
    shown: &Path,
    line: usize,
    metric: &Metric,
    diags: &mut Diagnostics,
) -> Vec<Option<std::sync::Arc<str>>> {
    let expected = format!("a header row `period,{}`", series_ids(metric).join(","));
    if cells.first() != Some(&"period") {
        diags.push(
            Diagnostic::error(
                Location::new(shown, line, 1),
                format!(
                    "the first column is `{}`, not `period`",
                    cells.first().unwrap_or(&"")
                ),
            )
            .expected(expected),
        );
        return Vec::new();
    }
    let mut columns = vec![None];
    let mut seen = BTreeSet::new();
    let mut ok = true;
    let known = SeriesIds::new(&metric.series);
    // Where each cell starts: counted on from the last (summing every earlier cell again
    // cost a wide header its width squared).
    let mut next_column = 1 + cells[0].chars().count() + 1;
    for name in &cells[1..] {
        let column = next_column;
        next_column += name.chars().count() + 1;
        if !known.contains(name) {
            let problem = Diagnostic::error(
                Location::new(shown, line, column),
                format!("metric `{}` has no series `{name}`", metric.slug),
            );
            // Past the problems listed for a file, counted without suggestions (each costs a
            // scan of every series).
            diags.push(if diags.has_room_for(shown) {
                problem.expected(expected.clone()).maybe_hint(
                    did_you_mean(name, series_ids(metric)).map(|m| format!("did you mean `{m}`?")),
                )
            } else {
                problem
            });
            ok = false;
        } else if !seen.insert(*name) {
            diags.push(Diagnostic::error(
                Location::new(shown, line, column),
                format!("column `{name}` is given twice"),
            ));
            ok = false;
        }
        columns.push(known.find(name).cloned());
    }
    if ok {
        columns
    } else {
        Vec::new()
    }
}

/// Reads a snapshot: one published set of figures for several metrics on one date. Figures of
/// a metric whose file exists but could not be read (`unreadable`) are left out quietly: that
/// file's own errors say what is wrong.
pub(crate) fn load_snapshot(
    date: NaiveDate,
    doc: &YamlDoc,
    metrics: &BTreeMap<String, impl std::borrow::Borrow<Metric>>,
    unreadable: impl Fn(&str) -> bool,
    diags: &mut Diagnostics,
) -> Option<(Snapshot, Vec<(String, DataPoint)>)> {
    let root = YamlPath::root();
    let raw: RawSnapshot = doc.read(diags)?;
    let mut f = Fields { doc, diags };
    let mut points = Vec::new();
    for (slug, row) in &raw.values {
        let path = root.key("values").key(slug);
        let Some(metric) = metrics.get(slug).map(std::borrow::Borrow::borrow) else {
            if unreadable(slug) {
                continue;
            }
            let d = f.error(&path, format!("there is no metric `{slug}`"));
            d.expected = Some("the slug of a file in content/metrics/".to_string());
            d.hint = did_you_mean(slug, metrics.keys().map(String::as_str))
                .map(|m| format!("did you mean `{m}`?"));
            continue;
        };
        let kind = metric.frequency.map(|f| f.period_kind());
        let ids = SeriesIds::new(&metric.series);
        for point in read_row(&mut f, row, &path, &ids, kind, slug) {
            points.push((slug.clone(), point));
        }
    }
    Some((
        Snapshot {
            date,
            title: f.text(raw.title.as_ref()),
            metrics: raw.values.keys().cloned().collect(),
            at: doc.at(&root),
        },
        points,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metric() -> Metric {
        Metric {
            slug: "requests".into(),
            title: "Requests".into(),
            description: String::new(),
            unit: Unit::Count,
            direction: Direction::None,
            frequency: Some(Frequency::Monthly),
            series: vec![
                Series {
                    id: "telephone".into(),
                    label: "Telephone".into(),
                },
                Series {
                    id: "web".into(),
                    label: "Web".into(),
                },
            ],
            targets: vec![],
            chart: ChartKind::StackedBar,
            source: None,
            headline: false,
            points: vec![],
            at: Location::file("m.yaml"),
        }
    }

    fn read(text: &str) -> (Vec<DataPoint>, Vec<String>) {
        let mut diags = Diagnostics::new();
        let points = read_csv(text.as_bytes(), Path::new("m.csv"), &metric(), &mut diags);
        (
            points,
            diags.sorted().iter().map(|d| d.to_string()).collect(),
        )
    }

    #[test]
    fn reads_rows_with_bom_crlf_and_blank_cells() {
        let (points, problems) =
            read("\u{feff}period,telephone,web\r\n2019-06,5120,2210\r\n2019-07,,2300\r\n");
        assert!(problems.is_empty(), "{problems:?}");
        let values: Vec<_> = points
            .iter()
            .map(|p| (p.period.to_string(), &*p.series, p.value))
            .collect();
        assert_eq!(
            values,
            [
                ("2019-06".into(), "telephone", 5120.0),
                ("2019-06".into(), "web", 2210.0),
                ("2019-07".into(), "web", 2300.0)
            ]
        );
        assert_eq!(points[1].at.to_string(), "m.csv:2:14");
    }

    #[test]
    fn a_cell_that_is_not_a_number_names_row_and_column() {
        let (_, problems) = read("period,telephone,web\n2019-06,5120,22%\n");
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("m.csv:2:14: error: `22%` in column `web` is not a number"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn header_problems() {
        let (_, problems) = read("month,telephone\n");
        assert!(problems[0].contains("the first column is `month`, not `period`"));
        let (_, problems) = read("period,telephone,wbe\n");
        assert!(problems[0].contains("has no series `wbe`"));
        assert!(problems[0].contains("did you mean `web`?"));
        let (_, problems) = read("");
        assert!(problems[0].contains("this CSV file is empty"));
    }

    #[test]
    fn row_problems() {
        let (_, problems) =
            read("period,telephone,web\n2019-Q3,1,2\n2019-06,1\n2019-07,1,2\n2019-07,1,2\n");
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("does not match the metric's frequency"));
        assert!(problems[1].contains("has 2 cells but the header has 3"));
        assert!(
            problems[2].contains("period 2019-07 is given twice in this file (first on line 4)")
        );
    }

    #[test]
    fn invalid_utf8_is_reported_not_a_panic() {
        let mut diags = Diagnostics::new();
        read_csv(
            &b"period,web\n2019-06,\xff\n"[..],
            Path::new("m.csv"),
            &metric(),
            &mut diags,
        );
        assert!(diags.sorted()[0].message.contains("not valid UTF-8"));
    }
}
