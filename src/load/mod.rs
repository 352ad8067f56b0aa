//! Loading: content files -> the model.
//!
//! [`load`] walks `content/`, reads every file it knows, and returns the model together with
//! every problem found, in one run. Each kind of file has its own module; this one puts
//! them together: metric data from inline rows, CSV and snapshots is merged here, and the
//! reporting date chosen. Cross-file checks are [`crate::validate`]'s job.

pub mod cache;
mod discover;
mod document;
pub(crate) mod fields;
mod frontmatter;
pub(crate) mod metric;
pub mod raw;
mod site;
pub mod source;
mod strategy;
pub(crate) mod yaml;
mod yaml_spans;
mod yaml_words;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::site::reporting_date;
use crate::model::strategy::Action;
use crate::model::{Content, Metric, Strategy};
use cache::FileCache;
use discover::Found;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use yaml::YamlDoc;

pub use discover::{classify, Kind};
pub use frontmatter::{split, Split, SplitError};
pub use metric::read_csv;
pub(crate) use metric::{load_metric, load_snapshot};
pub(crate) use strategy::read_actions_quietly;

/// Reads files in parallel, each into its own list of problems, then merges them (problems
/// are sorted when printed, so the order they are found in does not matter).
fn in_parallel<'a, T: Send>(
    files: impl Iterator<Item = &'a Found>,
    diags: &mut Diagnostics,
    read: impl Fn(&'a Found, &mut Diagnostics) -> Option<T> + Sync,
) -> Vec<T> {
    use rayon::prelude::*;
    let files: Vec<&Found> = files.collect();
    let results: Vec<(Option<T>, Diagnostics)> = files
        .par_iter()
        .map(|file| {
            let mut found = Diagnostics::new();
            let value = read(file, &mut found);
            (value, found)
        })
        .collect();
    results
        .into_iter()
        .filter_map(|(value, found)| {
            diags.extend(found);
            value
        })
        .collect()
}

/// What reading `found` (against the files behind `dependencies`) gives: from `cache` when it
/// remembers it, else from `read`.
fn remembered<T: Clone + Send + Sync + 'static>(
    cache: Option<&FileCache>,
    found: &Found,
    dependencies: Option<u64>,
    diags: &mut Diagnostics,
    read: impl FnOnce(&mut Diagnostics) -> Option<T>,
) -> Option<T> {
    match cache {
        Some(cache) => cache.get_or_load(&found.path, dependencies, diags, read),
        None => read(diags),
    }
}

/// The files of one kind by their slug (`slug_of` says which kind, and its slug), in slug
/// order (a snapshot's cache key is made from the definitions in this order).
fn by_slug<'a>(
    found: &'a [Found],
    slug_of: impl Fn(&'a Kind) -> Option<&'a String>,
) -> BTreeMap<&'a str, &'a Found> {
    found
        .iter()
        .filter_map(|f| slug_of(&f.kind).map(|slug| (slug.as_str(), f)))
        .collect()
}

/// Reads a YAML file into a document; problems go to `diags`.
fn read_yaml(found: &Found, diags: &mut Diagnostics) -> Option<YamlDoc> {
    let text = source::read_text(&found.path, &found.shown)
        .map_err(|d| diags.push(d))
        .ok()?;
    YamlDoc::parse(&found.shown, text, 0, diags)
}

/// Reads a Markdown file with front matter into its document and its body.
fn read_markdown(found: &Found, diags: &mut Diagnostics) -> Option<(YamlDoc, String)> {
    let text = source::read_text(&found.path, &found.shown)
        .map_err(|d| diags.push(d))
        .ok()?;
    match frontmatter::split(&text) {
        Ok(split) => {
            let front_matter = split.front_matter.to_string();
            let doc = YamlDoc::parse(&found.shown, front_matter, split.line_offset, diags)?;
            Some((doc, split.body.to_string()))
        }
        Err(error) => {
            let (line, message) = match error {
                SplitError::Missing => (1, "this file has no front matter"),
                SplitError::Unclosed => (1, "the front matter starting on line 1 is never closed"),
            };
            diags.push(
                Diagnostic::error(Location::new(&found.shown, line, 1), message)
                    .expected("the file to start with a line `---`, then YAML fields such as `title: ...`, then a line `---`, then the Markdown text"),
            );
            None
        }
    }
}

/// Slugs of files that exist but could not be loaded. References to them are not reported
/// again as "unknown": the file's own errors say what is wrong.
#[derive(Debug, Default)]
pub struct Unloaded {
    pub metrics: BTreeSet<String>,
    pub strategies: BTreeSet<String>,
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
pub struct Loaded {
    pub content: Option<Content>,
    pub unloaded: Unloaded,
    pub working_copy: WorkingCopy,
}

/// Loads the content folder; `diags` says what could not be read.
pub fn load(content_dir: &Path, diags: &mut Diagnostics) -> Loaded {
    load_with(content_dir, None, diags)
}

/// [`load`], reading again only the files `cache` does not remember (the preview server's
/// rebuilds).
pub fn load_with(content_dir: &Path, cache: Option<&FileCache>, diags: &mut Diagnostics) -> Loaded {
    if !content_dir.is_dir() {
        diags.push(
            Diagnostic::error(Location::file(content_dir), "there is no content folder here")
                .hint("run plainsight in the site's folder (the one holding content/), or pass --content DIR"),
        );
        return Loaded::default();
    }
    let found = discover::discover(content_dir, diags);
    let of_kind = |wanted: fn(&Kind) -> bool| found.iter().filter(move |f| wanted(&f.kind));

    let site = match of_kind(|k| matches!(k, Kind::Site)).next() {
        Some(file) => remembered(cache, file, Some(0), diags, |diags| {
            read_yaml(file, diags).and_then(|doc| site::load_site(&doc, diags))
        }),
        None => {
            diags.push(
                Diagnostic::error(
                    Location::file(content_dir.join("site.yaml")),
                    "site.yaml is missing",
                )
                .hint(
                    "every site needs content/site.yaml with at least `title:` and `organisation:`",
                ),
            );
            None
        }
    };

    let mut metrics: BTreeMap<String, Arc<Metric>> = in_parallel(
        of_kind(|k| matches!(k, Kind::MetricDefinition { .. })),
        diags,
        |file, diags| {
            let Kind::MetricDefinition { slug } = &file.kind else {
                return None;
            };
            remembered(cache, file, Some(0), diags, |diags| {
                read_yaml(file, diags)
                    .and_then(|doc| metric::load_metric(slug, &doc, diags))
                    .map(Arc::new)
            })
            .map(|metric| (slug.clone(), metric))
        },
    )
    .into_iter()
    .collect();
    let mut working_copy = WorkingCopy {
        definitions: metrics.clone(),
        ..WorkingCopy::default()
    };
    let mut extra_points: BTreeMap<String, Vec<crate::model::metric::DataPoint>> = BTreeMap::new();
    let definitions = by_slug(&found, |kind| match kind {
        Kind::MetricDefinition { slug } => Some(slug),
        _ => None,
    });
    let csv_points = in_parallel(
        of_kind(|k| matches!(k, Kind::MetricCsv { .. })),
        diags,
        |file, diags| {
            let Kind::MetricCsv { slug } = &file.kind else {
                return None;
            };
            match (metrics.get(slug), definitions.get(slug.as_str())) {
                (Some(metric), Some(definition)) => {
                    let against =
                        cache.map_or(Some(0), |c| c.dependencies([definition.path.as_path()]));
                    let points = remembered(cache, file, against, diags, |diags| {
                        Some(metric::load_csv(&file.path, &file.shown, metric, diags))
                    })?;
                    Some((slug.clone(), points))
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
        },
    );
    for (slug, points) in csv_points {
        extra_points.entry(slug).or_default().extend(points);
    }

    let mut strategies: BTreeMap<String, Strategy> = in_parallel(
        of_kind(|k| matches!(k, Kind::StrategyIndex { .. })),
        diags,
        |file, diags| {
            let Kind::StrategyIndex { slug } = &file.kind else {
                return None;
            };
            remembered(cache, file, Some(0), diags, |diags| {
                read_markdown(file, diags)
                    .and_then(|(doc, body)| strategy::load_strategy(slug, &doc, &body, diags))
            })
            .map(|strategy| (slug.clone(), strategy))
        },
    )
    .into_iter()
    .collect();
    let strategy_index = by_slug(&found, |kind| match kind {
        Kind::StrategyIndex { slug } => Some(slug),
        _ => None,
    });
    let plans = in_parallel(
        of_kind(|k| matches!(k, Kind::Actions { .. })),
        diags,
        |file, diags| {
            let Kind::Actions { slug } = &file.kind else {
                return None;
            };
            let Some(index) = strategy_index.get(slug.as_str()) else {
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
            let against = cache.map_or(Some(0), |c| c.dependencies([index.path.as_path()]));
            let actions = remembered(cache, file, against, diags, |diags| {
                let doc = read_yaml(file, diags)?;
                Some(Arc::<[Action]>::from(strategy::load_actions(
                    &doc,
                    strategies.get(slug),
                    diags,
                )))
            })?;
            Some((slug.clone(), actions))
        },
    );
    for (slug, actions) in plans {
        working_copy.plans.insert(slug.clone(), actions.clone());
        if let Some(strategy) = strategies.get_mut(&slug) {
            strategy.actions = actions;
        }
    }

    let mut snapshots = Vec::new();
    let mut snapshot_dependencies: Option<Option<u64>> = None;
    for file in of_kind(|k| matches!(k, Kind::Snapshot { .. })) {
        let Kind::Snapshot { date } = &file.kind else {
            continue;
        };
        // A snapshot is read against every metric's definition.
        let against = *snapshot_dependencies.get_or_insert_with(|| {
            cache.map_or(Some(0), |c| {
                c.dependencies(definitions.values().map(|f| f.path.as_path()))
            })
        });
        if let Some((snapshot, points)) = remembered(cache, file, against, diags, |diags| {
            let doc = read_yaml(file, diags)?;
            metric::load_snapshot(*date, &doc, &metrics, diags)
        }) {
            snapshots.push(snapshot);
            for (slug, point) in points {
                extra_points.entry(slug).or_default().push(point);
            }
        }
    }
    // Each metric's figures from its CSV file and snapshots merged in (in parallel: this is
    // per metric; a metric's own figures were merged when it was read).
    let mut with_points: Vec<(&mut Metric, Vec<crate::model::metric::DataPoint>)> = metrics
        .values_mut()
        .filter_map(|metric| {
            let extra = extra_points.remove(&metric.slug)?;
            Some((Arc::make_mut(metric), extra))
        })
        .collect();
    use rayon::prelude::*;
    let conflicts: Vec<Diagnostic> = with_points
        .par_iter_mut()
        .flat_map_iter(|(metric, extra)| metric::merge_figures(metric, std::mem::take(extra)))
        .collect();
    for conflict in conflicts {
        diags.push(conflict);
    }

    let mut updates = in_parallel(
        of_kind(|k| matches!(k, Kind::Update { .. })),
        diags,
        |file, diags| {
            let Kind::Update { date, slug } = &file.kind else {
                return None;
            };
            remembered(cache, file, Some(0), diags, |diags| {
                read_markdown(file, diags)
                    .and_then(|(doc, body)| document::load_update(*date, slug, &doc, &body, diags))
            })
        },
    );
    updates.sort_by(|a, b| (a.date, &a.slug).cmp(&(b.date, &b.slug)));
    let pages: BTreeMap<String, _> = in_parallel(
        of_kind(|k| matches!(k, Kind::Page { .. })),
        diags,
        |file, diags| {
            let Kind::Page { slug } = &file.kind else {
                return None;
            };
            remembered(cache, file, Some(0), diags, |diags| {
                read_markdown(file, diags)
                    .and_then(|(doc, body)| document::load_page(slug, &doc, &body, diags))
            })
            .map(|page| (slug.clone(), page))
        },
    )
    .into_iter()
    .collect();
    snapshots.sort_by_key(|s| s.date);

    let unloaded = Unloaded {
        metrics: found
            .iter()
            .filter_map(|f| match &f.kind {
                Kind::MetricDefinition { slug } if !metrics.contains_key(slug) => {
                    Some(slug.clone())
                }
                _ => None,
            })
            .collect(),
        strategies: found
            .iter()
            .filter_map(|f| match &f.kind {
                Kind::StrategyIndex { slug } if !strategies.contains_key(slug) => {
                    Some(slug.clone())
                }
                _ => None,
            })
            .collect(),
    };
    let Some(site) = site else {
        return Loaded {
            content: None,
            unloaded,
            working_copy,
        };
    };
    let dated = updates
        .iter()
        .map(|u| (u.date, u.at.clone()))
        .chain(snapshots.iter().map(|s| (s.date, s.at.clone())))
        .chain(strategies.values().flat_map(|s| {
            s.actions
                .iter()
                .flat_map(|a| a.updates.iter().map(|u| (u.date, u.at.clone())))
        }));
    let reporting_date = reporting_date(site.as_of, dated);
    let content = Content {
        site,
        reporting_date,
        strategies,
        metrics,
        snapshots,
        updates,
        pages,
    };
    Loaded {
        content: Some(content),
        unloaded,
        working_copy,
    }
}
