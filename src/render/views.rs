//! View structs: the small, already-worded values each template gets. Built from the model
//! with dates in words, numbers with units, statuses with labels and colours, so templates
//! only lay things out. Nothing here reads files.

use super::charts;
use super::converted::Converted;
use super::format::{decimals_for, sentence_case, unit_name, with_unit};
use super::markdown;
use crate::model::keyword::Keyword;
use crate::model::metric::{Assessment, Direction, Metric};
use crate::model::period::{date_in_words, Period};
use crate::model::schedule::{rag, timing, Timing};
use crate::model::{Action, Content, Status, Strategy, Update};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link {
    pub(crate) title: String,
    pub(crate) url: String,
}

/// The licence a site states, with its name, address and attribution.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LicenceView {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) url: Option<String>,
    pub(crate) attribution: String,
}

/// What every page shows: the site's name, navigation, licence and reporting date.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    pub(crate) title: String,
    pub(crate) organisation: String,
    pub(crate) description: Option<String>,
    pub(crate) language: String,
    /// The path the site is served under, ending in `/` (from base_url).
    pub(crate) base: String,
    pub(crate) licence: LicenceView,
    pub(crate) as_of_words: String,
    pub(crate) as_of: String,
    pub(crate) nav: Vec<Link>,
    pub(crate) rag_rule: String,
    /// What the record of changes cannot show (no git, a shallow clone), if anything.
    pub(crate) history_limitation: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct StatusView {
    pub(crate) key: &'static str,
    pub(crate) label: &'static str,
    pub(crate) rag: &'static str,
}

impl StatusView {
    pub(crate) fn of(status: Status, rag_name: &'static str) -> StatusView {
        StatusView {
            key: status.key(),
            label: status.label(),
            rag: rag_name,
        }
    }
}

/// A chart: the id of its element, its JSON data island, and the sentence that says the same.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChartView {
    pub(crate) id: String,
    pub(crate) json: String,
    pub(crate) description: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct UpdateNote {
    pub(crate) date: String,
    pub(crate) date_words: String,
    pub(crate) status: Option<StatusView>,
    pub(crate) due_words: Option<String>,
    pub(crate) text: String,
}

/// An action as a row of an action table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ActionRow {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) owner: Option<String>,
    pub(crate) due_words: Option<String>,
    pub(crate) status: StatusView,
    pub(crate) timing: Option<String>,
    pub(crate) overdue: bool,
    pub(crate) latest_update: Option<UpdateNote>,
    pub(crate) theme: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct StepView {
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) owner: Option<String>,
    pub(crate) due_words: Option<String>,
    pub(crate) status: StatusView,
    pub(crate) status_note: Option<String>,
    pub(crate) update: Option<String>,
}

/// One segment of a RAG bar: how many actions are in a status.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Segment {
    pub(crate) label: &'static str,
    pub(crate) rag: &'static str,
    pub(crate) count: usize,
    /// Left edge and width, in per cent of the bar.
    pub(crate) x: f64,
    pub(crate) width: f64,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct StrategyCard {
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) period_words: Option<String>,
    pub(crate) complete: usize,
    pub(crate) total: usize,
    pub(crate) overdue: usize,
    pub(crate) segments: Vec<Segment>,
    pub(crate) split_words: String,
}

/// The words for a metric's latest figures.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Headline {
    pub(crate) series: String,
    pub(crate) value: String,
    pub(crate) period_words: String,
    pub(crate) target: Option<String>,
    pub(crate) assessment: Option<&'static str>,
    pub(crate) trend: Option<String>,
    pub(crate) sentence: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct MetricCard {
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) headlines: Vec<Headline>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct DataRow {
    pub(crate) period: String,
    pub(crate) period_words: String,
    /// Each series' figure, then the target of each target line: the cells of the row, in
    /// the order of the table's `headers` and `target_headers`.
    pub(crate) figures: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct DataTable {
    pub(crate) caption: String,
    pub(crate) headers: Vec<String>,
    pub(crate) target_headers: Vec<String>,
    pub(crate) rows: Vec<DataRow>,
}

/// Where a dataset's two files are downloaded from.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Downloads {
    pub(crate) csv: String,
    pub(crate) json: String,
}

/// A column of a download: its name, Table Schema type and meaning.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FieldView {
    pub(crate) name: String,
    #[serde(rename = "type")]
    pub(crate) kind: &'static str,
    pub(crate) description: String,
}

/// Who approved a strategy, when, and in which report.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ApprovalView {
    pub(crate) by: Option<String>,
    pub(crate) on_words: Option<String>,
    pub(crate) reference: Option<String>,
}

/// A theme of a strategy with its actions (or the strategy's actions without a theme).
#[derive(Clone, Serialize)]
pub(crate) struct ThemeView {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) actions: Vec<Converted<ActionRow>>,
}

/// A row of a strategy's table of how many actions are in each status.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CountsRow {
    pub(crate) name: String,
    /// In the order of `Status::ALL`.
    pub(crate) counts: [usize; Status::ALL.len()],
    pub(crate) total: usize,
}

/// An update as a list shows it: title, date, committee and the start of its text.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct UpdateSummary {
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) date: String,
    pub(crate) date_words: String,
    pub(crate) committee: Option<String>,
    pub(crate) summary: String,
}

/// Settings the views need besides the model.
pub(crate) struct Urls {
    pub(crate) base: String,
}

impl Urls {
    pub(crate) fn strategy(&self, slug: &str) -> String {
        format!("{}strategies/{slug}/", self.base)
    }
    pub(crate) fn action(&self, strategy: &str, id: &str) -> String {
        format!(
            "{}strategies/{strategy}/actions/{}/",
            self.base,
            id.to_lowercase()
        )
    }
    pub(crate) fn metric(&self, slug: &str) -> String {
        format!("{}metrics/{slug}/", self.base)
    }
    pub(crate) fn update(&self, update: &Update) -> String {
        format!("{}updates/{}/", self.base, update_slug(update))
    }
    pub(crate) fn page(&self, slug: &str) -> String {
        format!("{}pages/{slug}/", self.base)
    }
}

/// An update's address segment: its date and slug, so two updates may share a slug.
pub(crate) fn update_slug(update: &Update) -> String {
    format!("{}-{}", update.date, update.slug)
}

/// The licence's name, address and attribution statement.
pub(crate) fn licence(id: &str, organisation: &str) -> LicenceView {
    let (name, url) = match id {
        "OGL-UK-3.0" => (
            "Open Government Licence v3.0",
            Some("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
        ),
        "CC-BY-4.0" => (
            "Creative Commons Attribution 4.0",
            Some("https://creativecommons.org/licenses/by/4.0/"),
        ),
        "CC0-1.0" => (
            "CC0 1.0 Public Domain Dedication",
            Some("https://creativecommons.org/publicdomain/zero/1.0/"),
        ),
        "ODC-By-1.0" => (
            "Open Data Commons Attribution Licence 1.0",
            Some("https://opendatacommons.org/licenses/by/1-0/"),
        ),
        other => (other, None),
    };
    let attribution = if id == "OGL-UK-3.0" {
        format!("Contains public sector information licensed under the Open Government Licence v3.0. © {organisation}.")
    } else {
        format!("© {organisation}. Published under the {name}.")
    };
    LicenceView {
        id: id.to_string(),
        name: name.to_string(),
        url: url.map(str::to_string),
        attribution,
    }
}

/// The path part of a base URL: `https://x.org/perf` -> `/perf/`.
pub(crate) fn base_path(base_url: &str) -> String {
    let without_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| {
        rest.split_once('/').map_or("", |(_, path)| path)
    });
    let trimmed = without_scheme.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

pub(crate) fn site_view(content: &Content, base: &str) -> SiteView {
    let site = &content.site;
    let nav = site
        .navigation
        .iter()
        .map(|link| Link {
            title: link.title.clone(),
            url: if link.url.starts_with('/') {
                format!("{base}{}", link.url.trim_start_matches('/'))
            } else {
                link.url.clone()
            },
        })
        .collect();
    SiteView {
        title: site.title.clone(),
        organisation: site.organisation.clone(),
        description: site.description.clone(),
        language: site.language.clone(),
        base: base.to_string(),
        licence: licence(&site.licence, &site.organisation),
        as_of_words: date_in_words(content.reporting_date.date),
        as_of: crate::model::period::iso_date(content.reporting_date.date),
        nav,
        rag_rule: site.rag_rule.describe(site.due_soon_days),
        history_limitation: None,
    }
}

/// The judgement of an action on the reporting date, and its colour under the site's rule.
pub(crate) fn judged(content: &Content, action: &Action) -> (Timing, StatusView) {
    let site = &content.site;
    let t = timing(
        action.due.as_ref(),
        action.status,
        content.reporting_date.date,
        site.due_soon_days,
    );
    (
        t,
        StatusView::of(action.status, rag(site.rag_rule, action.status, t).name()),
    )
}

pub(crate) fn timing_words(t: Timing) -> Option<String> {
    let days = |n: i64| {
        if n == 1 {
            "1 day".to_string()
        } else {
            format!("{n} days")
        }
    };
    match t {
        Timing::Overdue { days: n } => Some(format!("Overdue by {}", days(n))),
        Timing::DueSoon { days: 0 } => Some("Due today".to_string()),
        Timing::DueSoon { days: n } => Some(format!("Due in {}", days(n))),
        _ => None,
    }
}

pub(crate) fn update_note(update: &crate::model::strategy::ActionUpdate) -> UpdateNote {
    UpdateNote {
        date: crate::model::period::iso_date(update.date),
        date_words: date_in_words(update.date),
        status: update.status.map(|s| StatusView::of(s, s.rag().name())),
        due_words: update.due.map(|d| d.in_words()),
        text: update.text.clone(),
    }
}

pub(crate) fn action_row(
    content: &Content,
    urls: &Urls,
    strategy: &Strategy,
    action: &Action,
) -> ActionRow {
    let (t, status) = judged(content, action);
    ActionRow {
        id: action.id.clone(),
        title: action.title.clone(),
        url: urls.action(&strategy.slug, &action.id),
        owner: action.owner.clone(),
        due_words: action.due.map(|d| d.in_words()),
        status,
        timing: timing_words(t),
        overdue: matches!(t, Timing::Overdue { .. }),
        latest_update: action.latest_update().map(update_note),
        theme: action.theme.as_ref().and_then(|th| {
            strategy
                .themes
                .iter()
                .find(|t| t.id == th.value)
                .map(|t| t.title.clone())
        }),
    }
}

pub(crate) fn step_view(step: &crate::model::Step) -> StepView {
    StepView {
        title: step.title.clone(),
        description: step.description.clone(),
        owner: step.owner.clone(),
        due_words: step.due.map(|d| d.in_words()),
        status: StatusView::of(step.status, step.status.rag().name()),
        status_note: step.status_note.clone(),
        update: step.update.clone(),
    }
}

/// Counts of actions by status, in vocabulary order, leaving out empty ones.
pub(crate) fn status_counts<'a>(
    actions: impl IntoIterator<Item = &'a Action>,
) -> Vec<(Status, usize)> {
    let actions: Vec<&Action> = actions.into_iter().collect();
    Status::ALL
        .into_iter()
        .map(|s| (s, actions.iter().filter(|a| a.status == s).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// "3 complete, 1 on track and 1 delayed".
pub(crate) fn split_words(counts: &[(Status, usize)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .map(|(s, n)| format!("{n} {}", s.label().to_lowercase()))
        .collect();
    match parts.as_slice() {
        [] => "no actions".to_string(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(crate) fn strategy_card(content: &Content, urls: &Urls, strategy: &Strategy) -> StrategyCard {
    let counts = status_counts(strategy.actions.iter());
    let total = strategy.actions.len();
    let mut x = 0.0;
    let segments = counts
        .iter()
        .map(|(status, count)| {
            let width = if total == 0 {
                0.0
            } else {
                *count as f64 * 100.0 / total as f64
            };
            let segment = Segment {
                label: status.label(),
                rag: status.rag().name(),
                count: *count,
                x: (x * 100.0f64).round() / 100.0,
                width: (width * 100.0f64).round() / 100.0,
            };
            x += width;
            segment
        })
        .collect();
    let overdue = strategy
        .actions
        .iter()
        .filter(|a| matches!(judged(content, a).0, Timing::Overdue { .. }))
        .count();
    StrategyCard {
        title: strategy.title.clone(),
        url: urls.strategy(&strategy.slug),
        period_words: strategy.period.map(|p| p.in_words()),
        complete: strategy
            .actions
            .iter()
            .filter(|a| a.status == Status::Complete)
            .count(),
        total,
        overdue,
        segments,
        split_words: split_words(&counts),
    }
}

/// The latest figure of each series in words: "95.8% in July 2019 against a target of 95%:
/// met", with the direction of travel against the previous period.
pub(crate) fn headlines(metric: &Metric) -> Vec<Headline> {
    let decimals = decimals_for(metric.points.iter().map(|p| p.value));
    let target_decimals = decimals_for(metric.targets.iter().map(|t| t.value));
    let show = |v: f64| with_unit(v, metric.unit, decimals);
    metric
        .series
        .iter()
        .filter_map(|series| {
            let latest = metric.latest(&series.id)?;
            let previous = metric
                .points
                .iter()
                .rev()
                .filter(|p| *p.series == *series.id && p.period < latest.period)
                .max_by_key(|p| p.period.chronological_key());
            let target = metric.target_for(&series.id, latest.period);
            let assessment = target.and_then(|t| metric.assess(latest.value, t.value));
            let value = show(latest.value);
            let period_words = latest.period.in_words();
            let target_text = target.map(|t| with_unit(t.value, metric.unit, target_decimals));
            let mut sentence = format!("{value} in {period_words}");
            if let Some(t) = &target_text {
                sentence.push_str(&format!(" against a target of {t}"));
                if let Some(a) = assessment {
                    sentence.push_str(&format!(": {}", a.word()));
                }
            }
            let trend = previous
                .map(|p| trend_words(metric, latest.value, p.value, &show(p.value), p.period));
            Some(Headline {
                series: series.label.clone(),
                value,
                period_words,
                target: target_text,
                assessment: assessment.map(Assessment::word),
                trend,
                sentence,
            })
        })
        .collect()
}

fn trend_words(
    metric: &Metric,
    now: f64,
    before: f64,
    before_text: &str,
    period: Period,
) -> String {
    let rising = if now > before {
        true
    } else if now < before {
        false
    } else {
        return format!("Unchanged from {}", period.in_words());
    };
    let judgement = match (metric.direction, rising) {
        (Direction::Up, true) | (Direction::Down, false) => ", better",
        (Direction::Up, false) | (Direction::Down, true) => ", worse",
        (Direction::None, _) => "",
    };
    let change = if rising { "Up" } else { "Down" };
    format!(
        "{change} from {before_text} in {}{judgement}",
        period.in_words()
    )
}

/// The table of a metric's figures: a row per period, a column per series and per target line.
pub(crate) fn data_table(
    metric: &Metric,
    restated: &std::collections::BTreeSet<(String, Period)>,
) -> DataTable {
    let periods = metric.periods();
    let decimals = decimals_for(metric.points.iter().map(|p| p.value));
    let target_decimals = decimals_for(metric.targets.iter().map(|t| t.value));
    let targets = charts::target_lines(metric, &periods);
    let columns: Vec<Vec<Option<f64>>> = (metric.series.iter())
        .map(|s| metric.values(&s.id, &periods))
        .collect();
    let rows = periods
        .iter()
        .enumerate()
        .map(|(i, period)| DataRow {
            period: period.to_string(),
            period_words: period.in_words(),
            figures: (metric.series.iter().zip(&columns))
                .map(|(s, column)| {
                    let text = column[i].map_or_else(
                        || "no figure".to_string(),
                        |v| with_unit(v, metric.unit, decimals),
                    );
                    if !restated.is_empty() && restated.contains(&(s.id.clone(), *period)) {
                        format!("{text} (restated)")
                    } else {
                        text
                    }
                })
                .chain(targets.iter().map(|(_, values)| {
                    values[i].map_or_else(
                        || "none".to_string(),
                        |v| with_unit(v, metric.unit, target_decimals),
                    )
                }))
                .collect(),
        })
        .collect();
    DataTable {
        caption: format!(
            "{} ({}), by {}",
            metric.title,
            unit_name(metric.unit),
            metric.frequency.map_or("period", |f| match f {
                crate::model::metric::Frequency::Daily => "day",
                crate::model::metric::Frequency::Monthly => "month",
                crate::model::metric::Frequency::Quarterly => "quarter",
                crate::model::metric::Frequency::Annual => "year",
                crate::model::metric::Frequency::FinancialYear => "financial year",
            })
        ),
        headers: metric.series.iter().map(|s| s.label.clone()).collect(),
        target_headers: targets.into_iter().map(|(name, _)| name).collect(),
        rows,
    }
}

/// The sentence a chart's ARIA description and caption share.
pub(crate) fn metric_description(metric: &Metric, headlines: &[Headline]) -> String {
    let periods = metric.periods();
    let span = match (periods.first(), periods.last()) {
        (Some(first), Some(last)) if first != last => {
            format!(" from {} to {}", first.in_words(), last.in_words())
        }
        (Some(only), _) => format!(" for {}", only.in_words()),
        _ => String::new(),
    };
    let latest: Vec<String> = headlines
        .iter()
        .map(|h| {
            if headlines.len() > 1 {
                format!("{}: {}", h.series, h.sentence)
            } else {
                h.sentence.clone()
            }
        })
        .collect();
    let mut text = format!(
        "{} chart of {}{span}.",
        metric.chart.key().replace('-', " "),
        metric.title
    );
    if !latest.is_empty() {
        text.push_str(&format!(" Latest: {}.", latest.join("; ")));
    }
    sentence_case(&text)
}

pub(crate) fn markdown_html(text: &str, base: &str) -> String {
    markdown::to_html(text, base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://performance.example.org/"), "/");
        assert_eq!(base_path("https://example.org/perf"), "/perf/");
        assert_eq!(base_path("/"), "/");
        assert_eq!(base_path("/sub/dir/"), "/sub/dir/");
    }

    #[test]
    fn licences_name_their_attribution() {
        let ogl = licence("OGL-UK-3.0", "Inverclyde Council");
        assert_eq!(ogl.name, "Open Government Licence v3.0");
        assert!(ogl
            .attribution
            .contains("Contains public sector information"));
    }

    #[test]
    fn split_words_reads_as_a_list() {
        assert_eq!(split_words(&[(Status::Complete, 3)]), "3 complete");
        assert_eq!(
            split_words(&[
                (Status::Complete, 3),
                (Status::OnTrack, 1),
                (Status::Delayed, 1)
            ]),
            "3 complete, 1 on track and 1 delayed"
        );
    }
}
