//! Open data: every metric and every action plan as CSV (RFC 4180, UTF-8) and JSON, one
//! all-actions dataset, a Frictionless Data Package (v2) describing every CSV with a Table
//! Schema, and a DCAT v3 catalogue in JSON-LD. The licence and its attribution travel with
//! every dataset. Pure: model in, file contents out.

use super::views::{licence, FieldView, LicenceView, Urls};
use crate::model::metric::Metric;
use crate::model::schedule::{rag, timing};
use crate::model::{Action, Content, Keyword, Strategy};
use crate::output::{OutputFile, Sink, WriteError};
use serde::Serialize;
use serde_json::{json, Value};

/// One downloadable dataset: where its files are and how the catalogue describes it. The
/// files themselves are [`OutputFile`]s, made by [`dataset_files`].
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Dataset {
    /// A lowercase name for the data package (`metric-sla-incidents`).
    pub(crate) name: String,
    pub(crate) title: String,
    pub(crate) description: String,
    /// Output path of the CSV inside the site (`data/metrics/sla-incidents.csv`).
    pub(crate) csv_path: String,
    pub(crate) json_path: String,
    /// Field name and Table Schema type of each CSV column.
    pub(crate) fields: Vec<(String, &'static str, String)>,
    pub(crate) period_covered: Option<String>,
    /// Page the dataset belongs to.
    pub(crate) page: Option<String>,
    pub(crate) source: Option<String>,
}

/// A dataset's two files, the CSV and the JSON, from their text.
fn files_of(dataset: &Dataset, csv: String, json: String) -> [OutputFile; 2] {
    [
        OutputFile {
            path: dataset.csv_path.clone(),
            bytes: csv.into_bytes(),
        },
        OutputFile {
            path: dataset.json_path.clone(),
            bytes: json.into_bytes(),
        },
    ]
}

/// A CSV writer, RFC 4180 with CRLF line ends, into a buffer of `capacity` bytes.
fn csv_writer(capacity: usize) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(capacity))
}

/// CSV records, RFC 4180 with CRLF line ends: the header (when given), then the rows.
fn csv_records<R: AsRef<[String]>>(header: Option<&[String]>, rows: &[R]) -> Vec<u8> {
    // Sized up front: an action plan's records are megabytes, and growing them step by step
    // copies them again and again into fresh memory.
    let cells: usize = rows
        .iter()
        .map(|row| {
            row.as_ref()
                .iter()
                .map(|cell| cell.len() + 1)
                .sum::<usize>()
                + 2
        })
        .sum();
    let mut writer = csv_writer(cells + cells / 16 + 256);
    // Writing to a Vec cannot fail; a failure would only mean a bug in the csv crate.
    if let Some(header) = header {
        let _ = writer.write_record(header);
    }
    for row in rows {
        let _ = writer.write_record(row.as_ref());
    }
    writer.into_inner().unwrap_or_default()
}

/// One cell of a JSON download.
enum Cell<'a> {
    Null,
    Integer(u64),
    Text(&'a str),
}

/// A table row as a JSON object (keys in alphabetical order, as a JSON map would have
/// them), written straight from the cells: building a JSON value per cell cost more than the
/// rest of the data files together.
struct JsonRow<'r, 'a> {
    header: &'a [String],
    order: &'r [usize],
    row: &'a [String],
    cell: fn(usize, &'a str) -> Cell<'a>,
}

impl Serialize for JsonRow<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.order.len()))?;
        for &column in self.order {
            let text = self.row.get(column).map_or("", String::as_str);
            let key = &self.header[column];
            match (self.cell)(column, text) {
                Cell::Null => map.serialize_entry(key, &())?,
                Cell::Integer(n) => map.serialize_entry(key, &n)?,
                Cell::Text(t) => map.serialize_entry(key, t)?,
            }
        }
        map.end()
    }
}

/// The columns' indices with their names in alphabetical order: the order of a JSON map's
/// keys, which the JSON downloads keep.
fn alphabetical_order(header: &[String]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..header.len()).collect();
    order.sort_by(|&a, &b| header[a].cmp(&header[b]));
    order
}

/// A number as written in data files: no separators, no units, shortest exact form.
fn write_raw_number(out: &mut String, value: f64) {
    use std::fmt::Write;
    // Writing to a String cannot fail.
    let _ = write!(out, "{value}");
}

/// What a metric's dataset holds besides the figures: its periods, the target in force in
/// each, and the target columns' names.
struct MetricColumns {
    periods: Vec<crate::model::period::Period>,
    targets: Vec<(String, Vec<Option<f64>>)>,
    target_names: Vec<String>,
}

impl MetricColumns {
    fn of(metric: &Metric) -> MetricColumns {
        let periods = metric.periods();
        let targets = super::charts::target_lines(metric, &periods);
        let target_names: Vec<String> = if targets.len() == 1 && targets[0].0 == "Target" {
            vec!["target".to_string()]
        } else {
            metric
                .series
                .iter()
                .filter(|s| targets.iter().any(|(n, _)| n.ends_with(&s.label)))
                .map(|s| format!("target_{}", s.id))
                .collect()
        };
        MetricColumns {
            periods,
            targets,
            target_names,
        }
    }
}

/// A metric's dataset, described: a row per period, a column per series, and the target in
/// force.
fn metric_description(urls: &Urls, metric: &Metric, columns: &MetricColumns) -> Dataset {
    let unit = metric.unit.key();
    let mut fields = vec![(
        "period".to_string(),
        "string",
        "The period, written YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY/YY (UK financial year)"
            .to_string(),
    )];
    fields.extend(
        metric
            .series
            .iter()
            .map(|s| (s.id.clone(), "number", format!("{} ({unit})", s.label))),
    );
    fields.extend(columns.target_names.iter().map(|n| {
        (
            n.clone(),
            "number",
            format!("The target in force for the period ({unit})"),
        )
    }));
    let periods = &columns.periods;
    let period_covered = match (periods.first(), periods.last()) {
        (Some(a), Some(b)) if a != b => Some(format!("{} to {}", a.in_words(), b.in_words())),
        (Some(a), _) => Some(a.in_words()),
        _ => None,
    };
    Dataset {
        name: format!("metric-{}", metric.slug),
        title: metric.title.clone(),
        description: first_sentence_or(
            &super::markdown::to_text(&metric.description),
            &metric.title,
        ),
        csv_path: format!("data/metrics/{}.csv", metric.slug),
        json_path: format!("data/metrics/{}.json", metric.slug),
        fields,
        period_covered,
        page: Some(urls.metric(&metric.slug)),
        source: metric.source.clone(),
    }
}

/// A metric's CSV and JSON files. The figures stay numbers from the model to both files:
/// written once as text for the CSV, handed to the JSON writer as they are.
fn metric_files(metric: &Metric, dataset: &Dataset, columns: &MetricColumns) -> [OutputFile; 2] {
    let MetricColumns {
        periods,
        targets,
        target_names,
    } = columns;
    let mut header = vec!["period".to_string()];
    header.extend(metric.series.iter().map(|s| s.id.clone()));
    header.extend(target_names.iter().cloned());
    let mut figures: Vec<Vec<Option<f64>>> = (metric.series.iter())
        .map(|s| metric.values(&s.id, periods))
        .collect();
    figures.extend(targets.iter().map(|(_, values)| values.clone()));
    let table = MetricTable {
        periods: periods.iter().map(ToString::to_string).collect(),
        figures,
    };
    let unit = metric.unit.key();
    /// The JSON download; fields in alphabetical order, as before they were streamed.
    #[derive(Serialize)]
    struct MetricJson<'a> {
        data: MetricJsonRows<'a>,
        description: String,
        direction: &'static str,
        frequency: Option<&'static str>,
        series: Vec<Value>,
        source: &'a Option<String>,
        targets: Vec<Value>,
        title: &'a str,
        unit: &'a str,
    }
    let json = MetricJson {
        data: MetricJsonRows::new(&header, &table),
        description: super::markdown::to_text(&metric.description),
        direction: metric.direction.key(),
        frequency: metric.frequency.map(|f| f.key()),
        series: metric
            .series
            .iter()
            .map(|s| json!({"id": s.id, "label": s.label}))
            .collect(),
        source: &metric.source,
        targets: metric
            .targets
            .iter()
            .map(|t| {
                json!({
                    "from": t.from.map(|p| p.to_string()),
                    "series": t.series,
                    "to": t.to.map(|p| p.to_string()),
                    "value": t.value,
                })
            })
            .collect(),
        title: &metric.title,
        unit,
    };
    let json = serde_json::to_string(&json).unwrap_or_default();
    files_of(dataset, table.csv(&header), json)
}

/// A metric's figures by period: a row per period, a column per series and target line
/// (`None` where there is no figure).
struct MetricTable {
    periods: Vec<String>,
    figures: Vec<Vec<Option<f64>>>,
}

impl MetricTable {
    /// The CSV text: the header, then each period and its figures, empty where there is
    /// none.
    fn csv(&self, header: &[String]) -> String {
        let mut writer = csv_writer(64 * (self.periods.len() + 1));
        let mut row: Vec<String> = vec![String::new(); 1 + self.figures.len()];
        // Writing to a Vec cannot fail; a failure would only mean a bug in the csv crate.
        let _ = writer.write_record(header);
        for (i, period) in self.periods.iter().enumerate() {
            row[0].clone_from(period);
            for (cell, column) in row[1..].iter_mut().zip(&self.figures) {
                cell.clear();
                if let Some(value) = column[i] {
                    write_raw_number(cell, value);
                }
            }
            let _ = writer.write_record(&row);
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// A metric's figures as JSON objects, keys in alphabetical order: the period as text, each
/// figure a number or null.
struct MetricJsonRows<'a> {
    header: &'a [String],
    order: Vec<usize>,
    table: &'a MetricTable,
}

impl<'a> MetricJsonRows<'a> {
    fn new(header: &'a [String], table: &'a MetricTable) -> MetricJsonRows<'a> {
        MetricJsonRows {
            header,
            order: alphabetical_order(header),
            table,
        }
    }
}

impl Serialize for MetricJsonRows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        struct Row<'r>(&'r MetricJsonRows<'r>, usize);
        impl Serialize for Row<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let (rows, i) = (self.0, self.1);
                let mut map = serializer.serialize_map(Some(rows.order.len()))?;
                for &column in &rows.order {
                    let key = &rows.header[column];
                    match column.checked_sub(1) {
                        None => map.serialize_entry(key, &rows.table.periods[i])?,
                        Some(figure) => {
                            let value = rows.table.figures.get(figure).and_then(|c| c[i]);
                            map.serialize_entry(key, &value)?
                        }
                    }
                }
                map.end()
            }
        }
        let mut seq = serializer.serialize_seq(Some(self.table.periods.len()))?;
        for i in 0..self.table.periods.len() {
            seq.serialize_element(&Row(self, i))?;
        }
        seq.end()
    }
}

fn first_sentence_or(text: &str, fallback: &str) -> String {
    let sentence = text.split_inclusive(". ").next().unwrap_or("").trim();
    if sentence.is_empty() {
        fallback.to_string()
    } else {
        sentence.to_string()
    }
}

const ACTION_FIELDS: [(&str, &str, &str); 15] = [
    ("strategy", "string", "The strategy's slug"),
    ("action_id", "string", "The action's id"),
    (
        "step",
        "integer",
        "The step's number within its action; empty for the action itself",
    ),
    ("title", "string", "What will be done"),
    ("theme", "string", "The theme's title"),
    ("owner", "string", "The responsible officer"),
    ("due", "string", "The due date as written in the plan"),
    ("due_start", "date", "The first day of the due period"),
    (
        "due_end",
        "date",
        "The last day of the due period; empty for ongoing or recurring commitments",
    ),
    (
        "status",
        "string",
        "not_started, on_track, at_risk, delayed, complete, ongoing or cancelled",
    ),
    (
        "rag",
        "string",
        "The RAG rating under the site's rule: red, amber, green, blue or grey",
    ),
    (
        "status_note",
        "string",
        "The plan's own words about the status",
    ),
    (
        "latest_update_date",
        "date",
        "The date of the latest dated update",
    ),
    ("latest_update", "string", "The latest update's text"),
    ("success_criteria", "string", "How success will be judged"),
];

fn action_rows(content: &Content, strategy: &Strategy, action: &Action) -> Vec<Vec<String>> {
    let as_of = content.reporting_date.date;
    let site = &content.site;
    let theme = action
        .theme
        .as_ref()
        .and_then(|t| strategy.themes.iter().find(|th| th.id == t.value))
        .map(|t| t.title.clone())
        .unwrap_or_default();
    let date = crate::model::period::iso_date;
    let latest = action.latest_update();
    let action_rag = rag(
        site.rag_rule,
        action.status,
        timing(
            action.due.as_ref(),
            action.status,
            as_of,
            site.due_soon_days,
        ),
    );
    let mut rows = vec![vec![
        strategy.slug.clone(),
        action.id.clone(),
        String::new(),
        action.title.clone(),
        theme.clone(),
        action.owner.clone().unwrap_or_default(),
        action.due.map(|d| d.to_string()).unwrap_or_default(),
        action
            .due
            .and_then(|d| d.start())
            .map(date)
            .unwrap_or_default(),
        action
            .due
            .and_then(|d| d.end())
            .map(date)
            .unwrap_or_default(),
        action.status.key().to_string(),
        action_rag.name().to_string(),
        action.status_note.clone().unwrap_or_default(),
        latest.map(|u| date(u.date)).unwrap_or_default(),
        latest.map(|u| u.text.clone()).unwrap_or_default(),
        action.success_criteria.clone().unwrap_or_default(),
    ]];
    for (i, step) in action.steps.iter().enumerate() {
        let step_rag = rag(
            site.rag_rule,
            step.status,
            timing(step.due.as_ref(), step.status, as_of, site.due_soon_days),
        );
        rows.push(vec![
            strategy.slug.clone(),
            action.id.clone(),
            (i + 1).to_string(),
            step.title.clone(),
            theme.clone(),
            step.owner.clone().unwrap_or_default(),
            step.due.map(|d| d.to_string()).unwrap_or_default(),
            step.due
                .and_then(|d| d.start())
                .map(date)
                .unwrap_or_default(),
            step.due.and_then(|d| d.end()).map(date).unwrap_or_default(),
            step.status.key().to_string(),
            step_rag.name().to_string(),
            step.status_note.clone().unwrap_or_default(),
            String::new(),
            step.update.clone().unwrap_or_default(),
            String::new(),
        ]);
    }
    rows
}

/// An action plan's dataset (a strategy's, or every strategy's), described.
fn actions_description(name: String, title: String, description: String, stem: &str) -> Dataset {
    Dataset {
        name,
        title,
        description,
        csv_path: format!("data/{stem}.csv"),
        json_path: format!("data/{stem}.json"),
        fields: ACTION_FIELDS
            .iter()
            .map(|(n, k, d)| (n.to_string(), *k, d.to_string()))
            .collect(),
        period_covered: None,
        page: None,
        source: None,
    }
}

/// A strategy's action rows, written once as CSV records and as JSON objects: the
/// strategy's own files wrap them, and the all-actions files join every strategy's, so the
/// largest dataset is never serialised a second time.
struct ActionTable {
    /// CSV records, each ending in CRLF, without the header.
    csv_records: Vec<u8>,
    /// JSON objects, each after a comma (so tables join without copying: the first's comma
    /// is skipped), without the brackets of the array.
    json_rows: Vec<u8>,
}

fn action_header() -> Vec<String> {
    ACTION_FIELDS
        .iter()
        .map(|(n, _, _)| n.to_string())
        .collect()
}

impl ActionTable {
    fn of(rows: &[Vec<String>]) -> ActionTable {
        let header = action_header();
        let csv_records = csv_records(None, rows);
        let order = alphabetical_order(&header);
        // Each cell's key, quotes and punctuation come to about 20 bytes besides its text.
        let mut json_rows = Vec::with_capacity(csv_records.len() + rows.len() * header.len() * 20);
        for row in rows {
            json_rows.push(b',');
            // Writing to a Vec cannot fail.
            let _ = serde_json::to_writer(
                &mut json_rows,
                &JsonRow {
                    header: &header,
                    order: &order,
                    row,
                    cell: |column, text| match (ACTION_FIELDS[column].1, text.is_empty()) {
                        (_, true) => Cell::Null,
                        ("integer", false) => text.parse::<u64>().map_or(Cell::Null, Cell::Integer),
                        _ => Cell::Text(text),
                    },
                },
            );
        }
        ActionTable {
            csv_records,
            json_rows,
        }
    }
}

/// Writes an action plan's CSV and JSON files, from its strategies' tables (one for a
/// strategy's own plan, every strategy's for all actions), as they are: not joined first.
fn put_actions_files(
    sink: &dyn Sink,
    dataset: &Dataset,
    tables: &[&ActionTable],
) -> Result<(), WriteError> {
    let header = csv_records::<Vec<String>>(Some(&action_header()), &[]);
    let mut csv: Vec<&[u8]> = vec![&header];
    csv.extend(tables.iter().map(|t| t.csv_records.as_slice()));
    sink.put_parts(&dataset.csv_path, &csv)?;

    let mut title = b"],\"title\":".to_vec();
    // Writing to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut title, &dataset.title);
    title.push(b'}');
    let mut json: Vec<&[u8]> = vec![b"{\"rows\":["];
    let mut rows = tables.iter().map(|t| t.json_rows.as_slice());
    if let Some(first) = rows.by_ref().find(|r| !r.is_empty()) {
        json.push(&first[1..]);
    }
    json.extend(rows);
    json.push(&title);
    sink.put_parts(&dataset.json_path, &json)
}

/// Every dataset of the site, described: each strategy's action plan, all actions, each
/// metric. Cheap: the pages link to them and the catalogues list them, and their files are
/// made beside the pages ([`dataset_files`]).
pub(crate) fn datasets(content: &Content, urls: &Urls) -> Vec<Dataset> {
    use rayon::prelude::*;
    let mut all: Vec<Dataset> = content
        .strategies
        .values()
        .map(|strategy| strategy_description(urls, strategy))
        .collect();
    all.push(all_actions_description(urls));
    let metrics: Vec<&std::sync::Arc<Metric>> = content.metrics.values().collect();
    all.par_extend(
        metrics
            .par_iter()
            .map(|metric| metric_description(urls, metric, &MetricColumns::of(metric))),
    );
    all
}

/// The files of every dataset, a CSV and a JSON each, handed to `sink` as each is made, in
/// parallel: written and freed while the pages are made, not held (83 MB at 10,000 actions).
/// `datasets` are the descriptions [`datasets`] made; a metric's is reused, not made again.
pub(crate) fn dataset_files(
    content: &Content,
    urls: &Urls,
    datasets: &[Dataset],
    sink: &dyn Sink,
) -> Result<(), WriteError> {
    use rayon::prelude::*;
    let strategies: Vec<&Strategy> = content.strategies.values().collect();
    let tables: Vec<ActionTable> = strategies
        .par_iter()
        .map(|strategy| {
            let table = ActionTable::of(&strategy_rows(content, strategy));
            put_actions_files(sink, &strategy_description(urls, strategy), &[&table])?;
            Ok(table)
        })
        .collect::<Result<_, WriteError>>()?;
    let every_table: Vec<&ActionTable> = tables.iter().collect();
    // The all-actions files are one long task: made beside the metrics' files.
    let described: foldhash::HashMap<&str, &Dataset> = (datasets.iter())
        .filter_map(|d| Some((d.name.strip_prefix("metric-")?, d)))
        .collect();
    let metrics: Vec<&std::sync::Arc<Metric>> = content.metrics.values().collect();
    let (everything, per_metric) = rayon::join(
        || put_actions_files(sink, &all_actions_description(urls), &every_table),
        || {
            metrics.par_iter().try_for_each(|metric| {
                let columns = MetricColumns::of(metric);
                let files = match described.get(metric.slug.as_str()) {
                    Some(dataset) => metric_files(metric, dataset, &columns),
                    None => metric_files(
                        metric,
                        &metric_description(urls, metric, &columns),
                        &columns,
                    ),
                };
                files.into_iter().try_for_each(|file| sink.put(file))
            })
        },
    );
    everything.and(per_metric)
}

/// A dataset's columns as the templates show them: name, Table Schema type and meaning.
pub(crate) fn field_views(dataset: &Dataset) -> Vec<FieldView> {
    (dataset.fields.iter())
        .map(|(name, kind, description)| FieldView {
            name: name.clone(),
            kind,
            description: description.clone(),
        })
        .collect()
}

/// One dataset by its name, described alone (the preview renders one page at a time, and a
/// page needs only its own dataset).
pub(crate) fn dataset_named(content: &Content, urls: &Urls, name: &str) -> Option<Dataset> {
    if let Some(slug) = name.strip_prefix("metric-") {
        let metric = content.metrics.get(slug)?;
        return Some(metric_description(urls, metric, &MetricColumns::of(metric)));
    }
    if let Some(slug) = name.strip_prefix("actions-") {
        let strategy = content.strategies.get(slug)?;
        return Some(strategy_description(urls, strategy));
    }
    (name == "actions").then(|| all_actions_description(urls))
}

/// Every row of a strategy's action plan: a row per action and per step.
fn strategy_rows(content: &Content, strategy: &Strategy) -> Vec<Vec<String>> {
    strategy
        .actions
        .iter()
        .flat_map(|a| action_rows(content, strategy, a))
        .collect()
}

fn strategy_description(urls: &Urls, strategy: &Strategy) -> Dataset {
    let mut dataset = actions_description(
        format!("actions-{}", strategy.slug),
        format!("{}: action plan", strategy.title),
        format!("Every action and step of the {} with its status, RAG rating, due date, owner and latest update.", strategy.title),
        &format!("strategies/{}-actions", strategy.slug),
    );
    dataset.page = Some(urls.strategy(&strategy.slug));
    dataset
}

fn all_actions_description(urls: &Urls) -> Dataset {
    let mut everything = actions_description(
        "actions".to_string(),
        "All actions".to_string(),
        "Every action and step of every strategy, with its status, RAG rating, due date, owner and latest update.".to_string(),
        "actions",
    );
    everything.page = Some(format!("{}strategies/", urls.base));
    everything
}

/// `{"@id": ...}`: a link in JSON-LD.
#[derive(Serialize)]
struct Id<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
}

/// A publisher in JSON-LD.
#[derive(Serialize)]
struct Organisation<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "foaf:name")]
    name: &'a str,
}

// The catalogues are written from structs, whose fields are declared in alphabetical order:
// the order a JSON map has, in which these files were first written.

/// The Frictionless Data Package (v2) describing every CSV.
pub(crate) fn datapackage(
    content: &Content,
    datasets: &[Dataset],
    licence: &LicenceView,
) -> String {
    #[derive(Serialize)]
    struct Package<'a> {
        #[serde(rename = "$schema")]
        schema: &'static str,
        contributors: [Contributor<'a>; 1],
        description: &'a str,
        homepage: &'a str,
        licenses: [Licence<'a>; 1],
        name: String,
        resources: Vec<Resource<'a>>,
        title: String,
        version: String,
    }
    #[derive(Serialize)]
    struct Contributor<'a> {
        roles: [&'static str; 1],
        title: &'a str,
    }
    #[derive(Serialize)]
    struct Licence<'a> {
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        path: Option<&'a str>,
        title: &'a str,
    }
    #[derive(Serialize)]
    struct Resource<'a> {
        description: &'a str,
        encoding: &'static str,
        format: &'static str,
        mediatype: &'static str,
        name: &'a str,
        path: &'a str,
        schema: Schema<'a>,
        title: &'a str,
    }
    #[derive(Serialize)]
    struct Schema<'a> {
        fields: Vec<Field<'a>>,
    }
    #[derive(Serialize)]
    struct Field<'a> {
        description: &'a str,
        name: &'a str,
        #[serde(rename = "type")]
        kind: &'static str,
    }
    let site = &content.site;
    let package = Package {
        schema: "https://datapackage.org/profiles/2.0/datapackage.json",
        contributors: [Contributor {
            roles: ["publisher"],
            title: &site.organisation,
        }],
        description: site.description.as_deref().unwrap_or(&site.title),
        homepage: &site.base_url,
        licenses: [Licence {
            name: &licence.id,
            path: licence.url.as_deref(),
            title: &licence.name,
        }],
        name: format!(
            "{}-performance",
            crate::render::markdown::slugify(&site.organisation)
        ),
        resources: datasets
            .iter()
            .map(|d| Resource {
                description: &d.description,
                encoding: "utf-8",
                format: "csv",
                mediatype: "text/csv",
                name: &d.name,
                path: d.csv_path.trim_start_matches("data/"),
                schema: Schema {
                    fields: d
                        .fields
                        .iter()
                        .map(|(name, kind, description)| Field {
                            description,
                            name,
                            kind,
                        })
                        .collect(),
                },
                title: &d.title,
            })
            .collect(),
        title: format!("{}: {}", site.organisation, site.title),
        version: crate::model::period::iso_date(content.reporting_date.date),
    };
    serde_json::to_string_pretty(&package).unwrap_or_default()
}

/// The DCAT v3 catalogue in JSON-LD.
pub(crate) fn dcat_catalogue(
    content: &Content,
    datasets: &[Dataset],
    root: &str,
    base: &str,
) -> String {
    #[derive(Serialize)]
    struct Catalogue<'a> {
        #[serde(rename = "@context")]
        context: Context,
        #[serde(rename = "@id")]
        id: String,
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "dcat:dataset")]
        datasets: Vec<Item<'a>>,
        #[serde(rename = "dct:issued")]
        issued: String,
        #[serde(rename = "dct:license")]
        licence: Id<'a>,
        #[serde(rename = "dct:publisher")]
        publisher: Organisation<'a>,
        #[serde(rename = "dct:title")]
        title: String,
    }
    #[derive(Serialize)]
    struct Context {
        dcat: &'static str,
        dct: &'static str,
        foaf: &'static str,
    }
    #[derive(Serialize)]
    struct Item<'a> {
        #[serde(rename = "@id")]
        id: String,
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "dcat:distribution")]
        distributions: [Distribution<'a>; 2],
        #[serde(rename = "dcat:landingPage")]
        landing_page: Option<Id<'a>>,
        #[serde(rename = "dct:description")]
        description: &'a str,
        #[serde(rename = "dct:license")]
        licence: Id<'a>,
        #[serde(rename = "dct:publisher")]
        publisher: Organisation<'a>,
        #[serde(rename = "dct:rights")]
        rights: &'a str,
        #[serde(rename = "dct:temporal")]
        temporal: &'a Option<String>,
        #[serde(rename = "dct:title")]
        title: &'a str,
    }
    #[derive(Serialize)]
    struct Distribution<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "dcat:downloadURL")]
        download: Id<'a>,
        #[serde(rename = "dcat:mediaType")]
        media_type: &'static str,
        #[serde(rename = "dct:license")]
        licence: Id<'a>,
    }
    let licence = licence(&content.site.licence, &content.site.organisation);
    let licence_ref = licence.url.clone().unwrap_or_else(|| licence.id.clone());
    let absolute = |path: &str| format!("{root}{base}{path}");
    let organisation = &content.site.organisation;
    let publisher = || Organisation {
        kind: "foaf:Organization",
        name: organisation,
    };
    let links: Vec<(String, String, Option<String>)> = datasets
        .iter()
        .map(|d| {
            (
                absolute(&d.csv_path),
                absolute(&d.json_path),
                d.page.as_ref().map(|p| format!("{root}{p}")),
            )
        })
        .collect();
    let items = datasets
        .iter()
        .zip(&links)
        .map(|(d, (csv, json, page))| Item {
            id: csv.clone(),
            kind: "dcat:Dataset",
            distributions: [
                Distribution {
                    kind: "dcat:Distribution",
                    download: Id { id: csv },
                    media_type: "text/csv",
                    licence: Id { id: &licence_ref },
                },
                Distribution {
                    kind: "dcat:Distribution",
                    download: Id { id: json },
                    media_type: "application/json",
                    licence: Id { id: &licence_ref },
                },
            ],
            landing_page: page.as_deref().map(|id| Id { id }),
            description: &d.description,
            licence: Id { id: &licence_ref },
            publisher: publisher(),
            rights: &licence.attribution,
            temporal: &d.period_covered,
            title: &d.title,
        })
        .collect();
    let catalogue = Catalogue {
        context: Context {
            dcat: "http://www.w3.org/ns/dcat#",
            dct: "http://purl.org/dc/terms/",
            foaf: "http://xmlns.com/foaf/0.1/",
        },
        id: absolute("data/"),
        kind: "dcat:Catalog",
        datasets: items,
        issued: crate::model::period::iso_date(content.reporting_date.date),
        licence: Id { id: &licence_ref },
        publisher: publisher(),
        title: format!("{}: open data", content.site.title),
    };
    serde_json::to_string_pretty(&catalogue).unwrap_or_default()
}

/// schema.org `Dataset` JSON-LD for a metric page (escaped for a script element).
pub(crate) fn schema_org_dataset(
    dataset: &Dataset,
    content: &Content,
    root: &str,
    base: &str,
) -> String {
    let licence = licence(&content.site.licence, &content.site.organisation);
    let absolute = |path: &str| format!("{root}{base}{path}");
    let value = json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": dataset.title,
        "description": dataset.description,
        "url": dataset.page.as_ref().map(|p| format!("{root}{p}")),
        "license": licence.url.clone().unwrap_or(licence.id.clone()),
        "creditText": licence.attribution,
        "temporalCoverage": dataset.period_covered,
        "creator": {"@type": "Organization", "name": content.site.organisation},
        "isAccessibleForFree": true,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": absolute(&dataset.csv_path)},
            {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": absolute(&dataset.json_path)},
        ],
    });
    super::charts::escape_for_script(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_follows_rfc_4180_quoting_and_line_endings() {
        let text = csv_records(
            Some(&["a".into(), "b".into()]),
            &[vec!["x, y".into(), "say \"hi\"".into()]],
        );
        assert_eq!(
            String::from_utf8_lossy(&text),
            "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n"
        );
    }

    /// The CSV and the JSON file of an action plan, as written.
    fn written(dataset: &Dataset, tables: &[&ActionTable]) -> [OutputFile; 2] {
        let sink = crate::output::Memory::default();
        put_actions_files(&sink, dataset, tables).unwrap_or_else(|e| panic!("{e}"));
        let [csv, json]: [OutputFile; 2] = sink
            .into_files()
            .try_into()
            .unwrap_or_else(|f| panic!("{f:?}"));
        assert!(csv.path.ends_with(".csv") && json.path.ends_with(".json"));
        [csv, json]
    }

    fn action_row(strategy: &str, id: &str, step: &str, title: &str) -> Vec<String> {
        let mut row = vec![String::new(); ACTION_FIELDS.len()];
        row[0] = strategy.to_string();
        row[1] = id.to_string();
        row[2] = step.to_string();
        row[3] = title.to_string();
        row
    }

    #[test]
    fn all_actions_files_join_every_strategys_rows_including_a_strategy_without_actions() {
        let first = ActionTable::of(&[
            action_row("a", "A-1", "", "Open the hub, \"phase 1\""),
            action_row("a", "A-1", "1", "Find a site"),
        ]);
        let empty = ActionTable::of(&[]);
        let last = ActionTable::of(&[action_row("b", "B-1", "", "Close the gap")]);
        let dataset = actions_description(
            "actions".into(),
            "All actions".into(),
            String::new(),
            "actions",
        );
        let [csv, json] = written(&dataset, &[&first, &empty, &last]);
        let csv = String::from_utf8(csv.bytes).unwrap_or_default();
        let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
        assert_eq!(lines.len(), 4, "{csv}");
        assert!(lines[0].starts_with("strategy,action_id,step,title,"));
        assert!(lines[1].starts_with("a,A-1,,\"Open the hub, \"\"phase 1\"\"\","));
        assert!(lines[3].starts_with("b,B-1,,Close the gap,"));

        let text = String::from_utf8(json.bytes).unwrap_or_default();
        assert!(!text.contains('\n'), "compact, not indented: {text}");
        let value: Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(value["title"], "All actions");
        let rows = value["rows"].as_array().cloned().unwrap_or_default();
        let ids: Vec<(&str, &Value)> = rows
            .iter()
            .map(|r| (r["action_id"].as_str().unwrap_or(""), &r["step"]))
            .collect();
        assert_eq!(
            ids,
            [
                ("A-1", &Value::Null),
                ("A-1", &json!(1)),
                ("B-1", &Value::Null)
            ]
        );
        assert_eq!(rows[0]["title"], "Open the hub, \"phase 1\"");
        assert_eq!(rows[0]["owner"], Value::Null);
    }

    #[test]
    fn a_strategy_without_actions_has_a_header_and_an_empty_list() {
        let dataset =
            actions_description("actions-x".into(), "X".into(), String::new(), "x-actions");
        let [csv, json] = written(&dataset, &[&ActionTable::of(&[])]);
        assert_eq!(
            String::from_utf8(csv.bytes).unwrap_or_default(),
            format!("{}\r\n", action_header().join(","))
        );
        assert_eq!(
            String::from_utf8(json.bytes).unwrap_or_default(),
            r#"{"rows":[],"title":"X"}"#
        );
    }

    /// A metric's CSV and JSON, from its YAML.
    fn metric_downloads(yaml: &str) -> (String, serde_json::Value) {
        let mut diags = crate::diag::Diagnostics::new();
        let path = std::path::Path::new("m.yaml");
        let doc = crate::load::yaml::YamlDoc::parse(path, yaml.into(), 0, &mut diags);
        let metric = doc.and_then(|doc| crate::load::metric::load_metric("m", &doc, &mut diags));
        let metric = metric.unwrap_or_else(|| panic!("{:?}", diags.sorted()));
        let columns = MetricColumns::of(&metric);
        let urls = Urls { base: "/".into() };
        let dataset = metric_description(&urls, &metric, &columns);
        let [csv, json] = metric_files(&metric, &dataset, &columns);
        let json = serde_json::from_slice(&json.bytes).unwrap_or_default();
        (String::from_utf8(csv.bytes).unwrap_or_default(), json)
    }

    #[test]
    fn a_metrics_files_give_each_period_its_figures_and_target_with_gaps_left_empty() {
        let (csv, json) = metric_downloads(
            "title: Calls\nunit: count\nseries: [{id: phone, label: Phone}, {id: web, label: Web}]\n\
             targets: [{value: 0.5, from: \"2024-02\"}]\ndata:\n\
             - {period: \"2024-01\", phone: 1200, web: 35.25}\n\
             - {period: \"2024-02\", phone: 1e6}\n",
        );
        assert_eq!(
            csv,
            "period,phone,web,target\r\n2024-01,1200,35.25,\r\n2024-02,1000000,,0.5\r\n"
        );
        assert_eq!(
            json["data"],
            serde_json::json!([
                {"period": "2024-01", "phone": 1200.0, "target": null, "web": 35.25},
                {"period": "2024-02", "phone": 1000000.0, "target": 0.5, "web": null},
            ])
        );
    }

    #[test]
    fn raw_numbers_have_no_separators_or_units() {
        let raw = |value| {
            let mut text = String::new();
            write_raw_number(&mut text, value);
            text
        };
        assert_eq!(raw(5120.0), "5120");
        assert_eq!(raw(95.8), "95.8");
        assert_eq!(raw(-0.125), "-0.125");
    }
}
