//! Loading: content files -> the model.
//!
//! [`load`] walks `content/`, reads every file it knows, and returns the model together with
//! every problem found, in one run. It is a list of stages, one function each; each kind of
//! file has its own module. Metric data from inline rows, CSV and snapshots is merged here,
//! and the reporting date chosen. Cross-file checks are [`crate::validate`]'s job.

pub mod cache;
mod discover;
mod document;
pub(crate) mod fields;
mod files;
mod frontmatter;
pub(crate) mod metric;
pub(crate) mod raw;
mod site;
pub mod source;
mod strategy;
pub(crate) mod yaml;
mod yaml_spans;
mod yaml_words;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::metric::DataPoint;
use crate::model::site::reporting_date;
use crate::model::strategy::Action;
use crate::model::{Content, Metric, Page, Site, Snapshot, Strategy, Update};
use cache::FileCache;
use files::{read_markdown, read_yaml, Files};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

pub(crate) use discover::{classify, Kind};
pub use frontmatter::{split, Split, SplitError};
pub use metric::read_csv;
pub(crate) use metric::{load_metric, load_snapshot};
pub(crate) use strategy::read_actions_quietly;

/// Slugs of files that exist but could not be loaded. References to them are not reported
/// again as "unknown": the file's own errors say what is wrong.
#[derive(Debug, Default)]
pub(crate) struct Unloaded {
    pub(crate) metrics: BTreeSet<String>,
    pub(crate) strategies: BTreeSet<String>,
}

impl Unloaded {
    /// The metrics and strategies whose files were found but not loaded.
    fn of(
        files: &Files,
        metrics: &BTreeMap<String, Arc<Metric>>,
        strategies: &BTreeMap<String, Strategy>,
    ) -> Unloaded {
        let not_loaded = |slug: &String, loaded: bool| (!loaded).then(|| slug.clone());
        let metrics = files.of(|kind| match kind {
            Kind::MetricDefinition { slug } => not_loaded(slug, metrics.contains_key(slug)),
            _ => None,
        });
        let strategies = files.of(|kind| match kind {
            Kind::StrategyIndex { slug } => not_loaded(slug, strategies.contains_key(slug)),
            _ => None,
        });
        Unloaded {
            metrics: metrics.map(|(slug, _)| slug).collect(),
            strategies: strategies.map(|(slug, _)| slug).collect(),
        }
    }
}

/// What the files on disk were read to, by slug, before figures from other files were
/// merged in: the history uses these again for committed versions that are the same files,
/// instead of reading them a second time.
#[derive(Debug, Default, Clone)]
pub struct WorkingCopy {
    /// Each `strategies/<slug>/actions.yaml`.
    pub plans: BTreeMap<String, Arc<[Action]>>,
    /// Each `metrics/<slug>.yaml`, with its own figures only.
    pub definitions: BTreeMap<String, Arc<Metric>>,
}

/// What loading gives: the model (`None` only when site.yaml could not be read; otherwise
/// everything that could be read), the files that could not be, and what each file was
/// read to.
#[derive(Default)]
pub(crate) struct Loaded {
    pub(crate) content: Option<Content>,
    pub(crate) unloaded: Unloaded,
    pub(crate) working_copy: WorkingCopy,
}

/// Loads the content folder, reading again only the files `cache` does not remember (the
/// preview server's rebuilds); `diags` says what could not be read.
pub(crate) fn load_with(
    content_dir: &Path,
    cache: Option<&FileCache>,
    diags: &mut Diagnostics,
) -> Loaded {
    if !content_dir.is_dir() {
        diags.push(
            Diagnostic::error(Location::file(content_dir), "there is no content folder here")
                .hint("run plainsight in the site's folder (the one holding content/), or pass --content DIR"),
        );
        return Loaded::default();
    }
    let files = Files::discover(content_dir, cache, diags);
    let site = read_site(&files, content_dir, diags);
    let mut metrics = read_metrics(&files, diags);
    let definitions = metrics.clone();
    let mut figures = read_csv_figures(&files, &metrics, diags);
    let mut strategies = read_strategies(&files, diags);
    let plans = read_plans(&files, &strategies, diags);
    for (slug, actions) in &plans {
        if let Some(strategy) = strategies.get_mut(slug) {
            strategy.actions = actions.clone();
        }
    }
    let snapshots = read_snapshots(&files, &metrics, &mut figures, diags);
    merge_figures(&mut metrics, figures, diags);
    let updates = read_updates(&files, diags);
    let pages = read_pages(&files, diags);
    let unloaded = Unloaded::of(&files, &metrics, &strategies);
    let working_copy = WorkingCopy { plans, definitions };
    let content = site.map(|site| Content {
        reporting_date: reporting_date_of(&site, &updates, &snapshots, &strategies),
        site,
        strategies,
        metrics,
        snapshots,
        updates,
        pages,
    });
    Loaded {
        content,
        unloaded,
        working_copy,
    }
}

fn read_site(files: &Files, content_dir: &Path, diags: &mut Diagnostics) -> Option<Site> {
    let Some((_, file)) = files.of(|k| matches!(k, Kind::Site).then_some(())).next() else {
        diags.push(
            Diagnostic::error(
                Location::file(content_dir.join("site.yaml")),
                "site.yaml is missing",
            )
            .hint("every site needs content/site.yaml with at least `title:` and `organisation:`"),
        );
        return None;
    };
    files.read(file, files.against(&[]), diags, |diags| {
        read_yaml(file, diags).and_then(|doc| site::load_site(&doc, diags))
    })
}

/// Each `metrics/<slug>.yaml`, with its own figures only.
fn read_metrics(files: &Files, diags: &mut Diagnostics) -> BTreeMap<String, Arc<Metric>> {
    let slug_of = |kind: &Kind| match kind {
        Kind::MetricDefinition { slug } => Some(slug.clone()),
        _ => None,
    };
    read_by_slug(files, slug_of, diags, |slug, file, diags| {
        let doc = read_yaml(file, diags)?;
        metric::load_metric(slug, &doc, diags).map(Arc::new)
    })
}

/// Reads each file of one kind, read against no other file, by the slug `slug_of` gives it.
fn read_by_slug<T: Clone + Send + Sync + 'static>(
    files: &Files,
    slug_of: impl Fn(&Kind) -> Option<String>,
    diags: &mut Diagnostics,
    load: impl Fn(&str, &discover::Found, &mut Diagnostics) -> Option<T> + Sync,
) -> BTreeMap<String, T> {
    let read = files.read_each(slug_of, diags, |slug, file, diags| {
        let value = files.read(file, files.against(&[]), diags, |diags| {
            load(&slug, file, diags)
        });
        Some((slug, value?))
    });
    read.into_iter().collect()
}

/// The figures of each `metrics/<slug>.csv`, by the metric's slug.
fn read_csv_figures(
    files: &Files,
    metrics: &BTreeMap<String, Arc<Metric>>,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Vec<DataPoint>> {
    let slug_of = |kind: &Kind| match kind {
        Kind::MetricCsv { slug } => Some(slug.clone()),
        _ => None,
    };
    let read = files.read_each(slug_of, diags, |slug, file, diags| {
        let definition = Kind::MetricDefinition { slug: slug.clone() };
        match (metrics.get(&slug), files.path_of(&definition)) {
            (Some(metric), Some(definition)) => {
                let points = files.read(file, files.against(&[definition]), diags, |diags| {
                    Some(metric::load_csv(&file.path, &file.shown, metric, diags))
                })?;
                Some((slug, points))
            }
            // The definition's own errors say why it was not loaded.
            (None, Some(_)) => None,
            _ => {
                diags.push(
                    Diagnostic::error(Location::file(&file.shown), format!("there is no metrics/{slug}.yaml for this data"))
                        .hint(format!("a metric's CSV data needs its definition beside it: create metrics/{slug}.yaml with `title:` and `unit:`")),
                );
                None
            }
        }
    });
    read.into_iter().collect()
}

/// Each `strategies/<slug>/index.md`, without its actions yet.
fn read_strategies(files: &Files, diags: &mut Diagnostics) -> BTreeMap<String, Strategy> {
    let slug_of = |kind: &Kind| match kind {
        Kind::StrategyIndex { slug } => Some(slug.clone()),
        _ => None,
    };
    read_by_slug(files, slug_of, diags, |slug, file, diags| {
        let (doc, body) = read_markdown(file, diags)?;
        strategy::load_strategy(slug, &doc, &body, diags)
    })
}

/// Each `strategies/<slug>/actions.yaml`, read against its strategy's index (for its themes).
fn read_plans(
    files: &Files,
    strategies: &BTreeMap<String, Strategy>,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Arc<[Action]>> {
    let slug_of = |kind: &Kind| match kind {
        Kind::Actions { slug } => Some(slug.clone()),
        _ => None,
    };
    let read = files.read_each(slug_of, diags, |slug, file, diags| {
        let Some(index) = files.path_of(&Kind::StrategyIndex { slug: slug.clone() }) else {
            diags.push(
                Diagnostic::error(
                    Location::file(&file.shown),
                    format!("strategy `{slug}` has an action plan but no index.md"),
                )
                .hint(format!(
                    "create strategies/{slug}/index.md with the strategy's `title:`"
                )),
            );
            return None;
        };
        let actions = files.read(file, files.against(&[index]), diags, |diags| {
            let doc = read_yaml(file, diags)?;
            let actions = strategy::load_actions(&doc, strategies.get(&slug), diags);
            Some(Arc::<[Action]>::from(actions))
        });
        Some((slug, actions?))
    });
    read.into_iter().collect()
}

/// Each `snapshots/<date>.yaml`, in date order, read against every metric's definition; its
/// figures are added to `figures`.
fn read_snapshots(
    files: &Files,
    metrics: &BTreeMap<String, Arc<Metric>>,
    figures: &mut BTreeMap<String, Vec<DataPoint>>,
    diags: &mut Diagnostics,
) -> Vec<Snapshot> {
    let definitions: Vec<&Path> = files
        .of(|k| matches!(k, Kind::MetricDefinition { .. }).then_some(()))
        .map(|(_, f)| f.path.as_path())
        .collect();
    let against = files.against(&definitions);
    let mut snapshots = Vec::new();
    for (date, file) in files.of(|k| match k {
        Kind::Snapshot { date } => Some(*date),
        _ => None,
    }) {
        let read = files.read(file, against, diags, |diags| {
            let doc = read_yaml(file, diags)?;
            let unreadable = |slug: &str| {
                let definition = Kind::MetricDefinition {
                    slug: slug.to_string(),
                };
                files.path_of(&definition).is_some()
            };
            metric::load_snapshot(date, &doc, metrics, unreadable, diags)
        });
        if let Some((snapshot, points)) = read {
            snapshots.push(snapshot);
            for (slug, point) in points {
                figures.entry(slug).or_default().push(point);
            }
        }
    }
    snapshots.sort_by_key(|s| s.date);
    snapshots
}

/// Each metric's figures from its CSV file and snapshots merged into its own (in parallel:
/// this is per metric). Figures given twice with different values are errors.
fn merge_figures(
    metrics: &mut BTreeMap<String, Arc<Metric>>,
    mut figures: BTreeMap<String, Vec<DataPoint>>,
    diags: &mut Diagnostics,
) {
    use rayon::prelude::*;
    let mut with_figures: Vec<(&mut Metric, Vec<DataPoint>)> = metrics
        .values_mut()
        .filter_map(|metric| {
            let extra = figures.remove(&metric.slug)?;
            Some((Arc::make_mut(metric), extra))
        })
        .collect();
    let conflicts: Vec<Diagnostic> = with_figures
        .par_iter_mut()
        .flat_map_iter(|(metric, extra)| metric::merge_figures(metric, std::mem::take(extra)))
        .collect();
    for conflict in conflicts {
        diags.push(conflict);
    }
}

/// Each `updates/<date>-<slug>.md`, in date order.
fn read_updates(files: &Files, diags: &mut Diagnostics) -> Vec<Update> {
    let key = |kind: &Kind| match kind {
        Kind::Update { date, slug } => Some((*date, slug.clone())),
        _ => None,
    };
    let mut updates = files.read_each(key, diags, |(date, slug), file, diags| {
        files.read(file, files.against(&[]), diags, |diags| {
            let (doc, body) = read_markdown(file, diags)?;
            document::load_update(date, &slug, &doc, &body, diags)
        })
    });
    updates.sort_by(|a, b| (a.date, &a.slug).cmp(&(b.date, &b.slug)));
    updates
}

/// Each `pages/<slug>.md`.
fn read_pages(files: &Files, diags: &mut Diagnostics) -> BTreeMap<String, Page> {
    let slug_of = |kind: &Kind| match kind {
        Kind::Page { slug } => Some(slug.clone()),
        _ => None,
    };
    read_by_slug(files, slug_of, diags, |slug, file, diags| {
        let (doc, body) = read_markdown(file, diags)?;
        document::load_page(slug, &doc, &body, diags)
    })
}

/// The reporting date: site.yaml's `as_of`, else the latest date in the content.
fn reporting_date_of(
    site: &Site,
    updates: &[Update],
    snapshots: &[Snapshot],
    strategies: &BTreeMap<String, Strategy>,
) -> crate::model::ReportingDate {
    let action_updates = strategies.values().flat_map(|s| {
        (s.actions.iter()).flat_map(|a| a.updates.iter().map(|u| (u.date, u.at.clone())))
    });
    let dated = (updates.iter().map(|u| (u.date, u.at.clone())))
        .chain(snapshots.iter().map(|s| (s.date, s.at.clone())))
        .chain(action_updates);
    reporting_date(site.as_of, dated)
}
