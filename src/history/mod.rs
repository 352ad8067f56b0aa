//! History: git -> the record of what changed. Replays the content folder commit by commit,
//! reading each changed file with the same loaders the build uses, and compares each version
//! of an action plan or a metric with the one before: statuses, due dates, targets, figures.
//!
//! Two halves: [`walk`] reads the commits from git beside loading; [`Walk::replay`] runs
//! once the content is loaded, and takes the committed versions that are also the files on
//! disk (in most sites, nearly every file at HEAD) from what loading read them to, instead
//! of reading them again. Rendering only reads the [`History`] it returns.

mod git;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::cache::{FileCache, Stamp};
use crate::load::{self, Kind, WorkingCopy};
use crate::model::history::{Change, CommitChanges, History, HistoryStatus};
use crate::model::metric::{merge_points, Metric};
use crate::model::period::Period;
use crate::model::strategy::Action;
use crate::model::{Due, Status};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What an action looked like in one version of its plan.
#[derive(Debug, Clone, PartialEq)]
struct ActionState {
    id: String,
    title: String,
    status: Option<Status>,
    due: Option<Due>,
}

/// What a metric looked like at one commit: its targets in words, and every figure.
#[derive(Debug, Clone, PartialEq, Default)]
struct MetricState {
    targets: Vec<String>,
    figures: BTreeMap<(String, Period), f64>,
}

/// The metric files as of the commit being replayed, each read once when it changes.
#[derive(Default)]
struct MetricFiles {
    definitions: BTreeMap<String, Arc<Metric>>,
    csv: BTreeMap<String, Vec<u8>>,
    csv_points: BTreeMap<String, Vec<crate::model::metric::DataPoint>>,
    snapshots: BTreeMap<chrono::NaiveDate, Vec<u8>>,
    snapshot_points: BTreeMap<chrono::NaiveDate, Vec<(String, crate::model::metric::DataPoint)>>,
    states: BTreeMap<String, MetricState>,
}

fn text(bytes: &[u8]) -> Option<String> {
    load::source::decode(bytes, Path::new("")).ok()
}

fn states_of(actions: &[Action]) -> Vec<ActionState> {
    actions
        .iter()
        .map(|a| ActionState {
            id: a.id.clone(),
            title: a.title.clone(),
            status: Some(a.status),
            due: a.due,
        })
        .collect()
}

/// Reads an action plan version; `None` when that version cannot be read (its errors were
/// reported when it was current, and history shows only what was readable).
fn read_plan(bytes: &[u8]) -> Option<Vec<ActionState>> {
    Some(states_of(&load::read_actions_quietly(&text(bytes)?)?))
}

fn read_metric(slug: &str, bytes: &[u8]) -> Option<Metric> {
    let mut ignored = Diagnostics::new();
    let doc = load::yaml::YamlDoc::without_positions(Path::new("metric.yaml"), text(bytes)?);
    load::load_metric(slug, &doc, &mut ignored)
}

/// What the replay may take from loading instead of reading a committed version again.
struct Reuse<'a> {
    working: &'a WorkingCopy,
    committed: &'a git::Committed,
    store: &'a git::Store,
    /// Whether loading read the file at this path as HEAD holds it (not edited since).
    loaded_as_committed: &'a (dyn Fn(&str) -> bool + Sync),
}

impl Reuse<'_> {
    /// What loading read `path` to (found in `read` by `slug`), when `blob`, the version of
    /// `path` being replayed, is the one loading read.
    fn as_loaded<'m, T>(
        &self,
        read: &'m BTreeMap<String, T>,
        path: &str,
        slug: &str,
        blob: &git::Blob,
    ) -> Option<&'m T> {
        read.get(slug).filter(|_| {
            self.committed.is_head_version(path, &blob.id) && (self.loaded_as_committed)(path)
        })
    }

    /// The plan version `blob` of strategy `slug`: as loaded when it was, else read now.
    fn plan(&self, path: &str, slug: &str, blob: &git::Blob) -> Option<Vec<ActionState>> {
        match self.as_loaded(&self.working.plans, path, slug, blob) {
            Some(actions) => Some(states_of(actions)),
            None => read_plan(&self.store.bytes(blob)?),
        }
    }

    /// The definition version `blob` of metric `slug`: as loaded when it was, else read now.
    fn definition(&self, path: &str, slug: &str, blob: &git::Blob) -> Option<Arc<Metric>> {
        match self.as_loaded(&self.working.definitions, path, slug, blob) {
            Some(metric) => Some(metric.clone()),
            None => read_metric(slug, &self.store.bytes(blob)?).map(Arc::new),
        }
    }
}

fn target_words(metric: &Metric) -> Vec<String> {
    metric
        .targets
        .iter()
        .map(|t| {
            let mut words = crate::render::format::with_unit(
                t.value,
                metric.unit,
                crate::render::format::decimals_for([t.value]),
            );
            match (t.from, t.to) {
                (Some(from), Some(to)) => {
                    words.push_str(&format!(" from {} to {}", from.in_words(), to.in_words()))
                }
                (Some(from), None) => words.push_str(&format!(" from {}", from.in_words())),
                (None, Some(to)) => words.push_str(&format!(" until {}", to.in_words())),
                (None, None) => {}
            }
            if let Some(series) = &t.series {
                words.push_str(&format!(" ({series})"));
            }
            words
        })
        .collect()
}

impl MetricFiles {
    fn read_csv(&mut self, slug: &str) {
        let points = match (self.definitions.get(slug), self.csv.get(slug)) {
            (Some(metric), Some(bytes)) => {
                let mut ignored = Diagnostics::new();
                load::read_csv(bytes.as_slice(), Path::new(slug), metric, &mut ignored)
            }
            _ => Vec::new(),
        };
        self.csv_points.insert(slug.to_string(), points);
    }

    fn read_snapshot(&mut self, date: chrono::NaiveDate) {
        let points = self
            .snapshots
            .get(&date)
            .and_then(|bytes| text(bytes))
            .map(|content| {
                load::yaml::YamlDoc::without_positions(Path::new("snapshot.yaml"), content)
            })
            .and_then(|doc| {
                load::load_snapshot(
                    date,
                    &doc,
                    &self.definitions,
                    |_| true,
                    &mut Diagnostics::new(),
                )
            })
            .map(|(_, points)| points)
            .unwrap_or_default();
        self.snapshot_points.insert(date, points);
    }

    /// A metric's targets and figures from its definition, its CSV and every snapshot.
    fn state_of(&self, slug: &str, metric: &Metric) -> MetricState {
        let mut points = metric.points.clone();
        points.extend(self.csv_points.get(slug).cloned().unwrap_or_default());
        for snapshot in self.snapshot_points.values() {
            points.extend(
                snapshot
                    .iter()
                    .filter(|(s, _)| *s == slug)
                    .map(|(_, p)| p.clone()),
            );
        }
        let figures = merge_points(points)
            .0
            .into_iter()
            .map(|p| ((p.series.to_string(), p.period), p.value))
            .collect();
        MetricState {
            targets: target_words(metric),
            figures,
        }
    }

    /// Applies one commit's metric file changes (kind, path, new version) and returns the
    /// changes to the record.
    fn apply(
        &mut self,
        changed: Vec<(Kind, String, Option<git::Blob>)>,
        reuse: &Reuse,
    ) -> Vec<Change> {
        use rayon::prelude::*;
        let mut touched: BTreeSet<String> = BTreeSet::new();
        let mut definitions_changed = false;
        let mut snapshots_changed = false;
        // The changed definitions are read in parallel first (a first commit holds them all).
        let definitions: Vec<Option<Arc<Metric>>> = changed
            .par_iter()
            .map(|(kind, path, blob)| match (kind, blob) {
                (Kind::MetricDefinition { slug }, Some(blob)) => reuse.definition(path, slug, blob),
                _ => None,
            })
            .collect();
        for ((kind, _, blob), definition) in changed.into_iter().zip(definitions) {
            // The bytes of a CSV or snapshot version (a removed or unreadable one: `None`).
            let bytes = || blob.and_then(|blob| Some(reuse.store.bytes(&blob)?.into_owned()));
            match kind {
                Kind::MetricDefinition { slug } => {
                    match definition {
                        Some(metric) => self.definitions.insert(slug.clone(), metric),
                        None => self.definitions.remove(&slug),
                    };
                    definitions_changed = true;
                    touched.insert(slug);
                }
                Kind::MetricCsv { slug } => {
                    match bytes() {
                        Some(bytes) => self.csv.insert(slug.clone(), bytes),
                        None => self.csv.remove(&slug),
                    };
                    touched.insert(slug);
                }
                Kind::Snapshot { date } => {
                    match bytes() {
                        Some(bytes) => self.snapshots.insert(date, bytes),
                        None => self.snapshots.remove(&date),
                    };
                    snapshots_changed = true;
                    self.read_snapshot(date);
                }
                _ => {}
            }
        }
        if definitions_changed {
            // Series may have changed: re-read every snapshot against the new definitions.
            let dates: Vec<_> = self.snapshots.keys().copied().collect();
            self.snapshot_points
                .retain(|d, _| self.snapshots.contains_key(d));
            for date in dates {
                self.read_snapshot(date);
            }
        }
        for slug in &touched {
            self.read_csv(slug);
        }
        let slugs: Vec<String> = if snapshots_changed || definitions_changed {
            self.definitions
                .keys()
                .chain(self.states.keys())
                .cloned()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        } else {
            touched.into_iter().collect()
        };
        // Each metric's state now, worked out in parallel; then compared with the last.
        let states: Vec<(String, Option<MetricState>)> = slugs
            .into_par_iter()
            .map(|slug| {
                let state = self
                    .definitions
                    .get(&slug)
                    .map(|metric| self.state_of(&slug, metric));
                (slug, state)
            })
            .collect();
        let mut changes = Vec::new();
        for (slug, state) in states {
            let Some(state) = state else {
                self.states.remove(&slug);
                continue;
            };
            if self.states.get(&slug) != Some(&state) {
                changes.extend(metric_changes(&slug, self.states.get(&slug), &state));
                self.states.insert(slug, state);
            }
        }
        changes
    }
}

fn plan_changes(
    strategy: &str,
    before: Option<&Vec<ActionState>>,
    after: Option<&Vec<ActionState>>,
) -> Vec<Change> {
    let (Some(before), Some(after)) = (before, after) else {
        return match after {
            Some(after) => vec![Change::PlanPublished {
                strategy: strategy.to_string(),
                actions: after.len(),
            }],
            None => Vec::new(),
        };
    };
    let mut changes = Vec::new();
    let find = |list: &'_ [ActionState], id: &str| {
        list.iter().find(|a| a.id.eq_ignore_ascii_case(id)).cloned()
    };
    for new in after {
        match find(before, &new.id) {
            None => changes.push(Change::ActionAdded {
                strategy: strategy.into(),
                id: new.id.clone(),
                title: new.title.clone(),
            }),
            Some(old) => {
                if old.status != new.status {
                    changes.push(Change::StatusChanged {
                        strategy: strategy.into(),
                        id: new.id.clone(),
                        from: old.status,
                        to: new.status,
                    });
                }
                if old.due != new.due {
                    changes.push(Change::DueChanged {
                        strategy: strategy.into(),
                        id: new.id.clone(),
                        from: old.due,
                        to: new.due,
                    });
                }
            }
        }
    }
    for old in before {
        if find(after, &old.id).is_none() {
            changes.push(Change::ActionRemoved {
                strategy: strategy.into(),
                id: old.id.clone(),
                title: old.title.clone(),
            });
        }
    }
    changes
}

fn metric_changes(slug: &str, before: Option<&MetricState>, after: &MetricState) -> Vec<Change> {
    let Some(before) = before else {
        return vec![Change::MetricPublished {
            metric: slug.to_string(),
            points: after.figures.len(),
        }];
    };
    let mut changes = Vec::new();
    if before.targets != after.targets {
        changes.push(Change::TargetsChanged {
            metric: slug.into(),
            from: before.targets.clone(),
            to: after.targets.clone(),
        });
    }
    let mut added = BTreeSet::new();
    for ((series, period), value) in &after.figures {
        match before.figures.get(&(series.clone(), *period)) {
            None => {
                added.insert(*period);
            }
            Some(old) if old != value => changes.push(Change::FigureRestated {
                metric: slug.into(),
                series: series.clone(),
                period: *period,
                from: *old,
                to: *value,
            }),
            Some(_) => {}
        }
    }
    let removed: BTreeSet<Period> = before
        .figures
        .keys()
        .filter(|key| !after.figures.contains_key(*key))
        .map(|(_, period)| *period)
        .collect();
    if !added.is_empty() {
        changes.push(Change::FiguresAdded {
            metric: slug.into(),
            periods: sorted(added),
        });
    }
    if !removed.is_empty() {
        changes.push(Change::FiguresRemoved {
            metric: slug.into(),
            periods: sorted(removed),
        });
    }
    changes
}

fn sorted(periods: BTreeSet<Period>) -> Vec<Period> {
    let mut list: Vec<Period> = periods.into_iter().collect();
    list.sort_by_key(|p| p.chronological_key());
    list
}

/// Why there is no record, as the history's status.
fn status_of(error: git::WalkError) -> HistoryStatus {
    match error {
        git::WalkError::NotGit => HistoryStatus::NotGit,
        git::WalkError::NoCommits => HistoryStatus::NoCommits,
        git::WalkError::Failed(message) => HistoryStatus::Unreadable(message),
    }
}

/// The first half of reading the history, done beside loading (neither needs the other):
/// the commits, read from git, and which files on disk are not as committed.
/// [`Walk::replay`] finishes it once the content is loaded.
pub struct Walk {
    content_dir: PathBuf,
    walked: Result<git::Walked, HistoryStatus>,
    uncommitted: Vec<String>,
}

/// Reads the commits of `content_dir` from git (see [`Walk`]), leaving unread the versions
/// that loading reads (see [`fetch`]).
pub fn walk(content_dir: &Path) -> Walk {
    walk_reading(content_dir, true)
}

fn walk_reading(content_dir: &Path, skip_loaded: bool) -> Walk {
    let mut walked = git::walk(content_dir).map_err(status_of);
    let uncommitted = match &walked {
        Ok(walked) => {
            walked
                .committed
                .uncommitted(&files_on_disk(&walked.committed.content_dir), |path| {
                    std::fs::read(path)
                        .ok()
                        .and_then(|bytes| git::blob_id(&bytes))
                })
        }
        Err(_) => Vec::new(),
    };
    fetch(&mut walked, &uncommitted, skip_loaded);
    Walk {
        content_dir: content_dir.to_path_buf(),
        walked,
        uncommitted,
    }
}

/// Reads the bytes of the versions the replay will read. With `skip_loaded`, not those of
/// plans and metric definitions as HEAD holds them and as they are on disk (the replay takes
/// them from loading, and reads them only if loading did not read them so).
fn fetch(
    walked: &mut Result<git::Walked, HistoryStatus>,
    uncommitted: &[String],
    skip_loaded: bool,
) {
    let Ok(commits) = walked else { return };
    let edited: HashSet<&str> = uncommitted.iter().map(String::as_str).collect();
    let taken_from_loading = |committed: &git::Committed, path: &str, id: &gix::ObjectId| {
        skip_loaded
            && committed.is_head_version(path, id)
            && !edited.contains(path)
            && matches!(
                load::classify(Path::new(path), Path::new(path)),
                Ok(Kind::Actions { .. } | Kind::MetricDefinition { .. })
            )
    };
    if let Err(error) = commits.fetch(taken_from_loading) {
        *walked = Err(status_of(error));
    }
}

impl Walk {
    /// The record of changes. A committed version that is also the file on disk is taken
    /// from `working` (what loading read it to), not read again. Problems that limit the
    /// record become one warning that says how to fix it; the build goes on either way.
    pub fn replay(self, working: &WorkingCopy, diags: &mut Diagnostics) -> History {
        let mut history = {
            let uncommitted: HashSet<&str> = self.uncommitted.iter().map(String::as_str).collect();
            let loaded_as_committed = |path: &str| !uncommitted.contains(path);
            replay(
                self.walked,
                &self.content_dir,
                working,
                &loaded_as_committed,
                diags,
            )
            .0
        };
        history.uncommitted = self.uncommitted;
        history
    }
}

/// Reads the history of `content_dir`, every version from git (a build reads the commits
/// with [`walk`] beside loading instead, and replays them with what loading read).
pub fn read(content_dir: &Path, diags: &mut Diagnostics) -> History {
    walk_reading(content_dir, false).replay(&WorkingCopy::default(), diags)
}

/// The file to watch to know when HEAD moves (see [`HistoryCache`]); `None` outside git or
/// without a reflog.
#[cfg(feature = "serve")]
pub(crate) fn head_log(content_dir: &Path) -> Option<std::path::PathBuf> {
    git::head_log(content_dir)
}

/// What the preview server keeps between loads: the record as of one HEAD commit (with the
/// warnings it gave), and the blob id of each file on disk by its stamp. A new commit reads
/// the record again; an edit only hashes the edited file again.
#[derive(Default)]
pub struct HistoryCache {
    record: Option<CachedRecord>,
    blob_ids: FileCache,
}

struct CachedRecord {
    head: String,
    /// The record with the uncommitted files found last time.
    history: Arc<History>,
    warnings: Diagnostics,
    committed: git::Committed,
}

/// The first half of [`HistoryCache::replay`], done beside loading: the commits, read from
/// git only when HEAD moved since the record was read, and which files on disk are not as
/// committed.
pub struct CachedWalk {
    head: String,
    content_dir: PathBuf,
    /// `None` while the cached record is current.
    walked: Option<Result<git::Walked, HistoryStatus>>,
    uncommitted: Vec<String>,
}

impl HistoryCache {
    /// Forgets what is known of `paths` (files the watcher saw change, as absolute paths).
    #[cfg(feature = "serve")]
    pub(crate) fn forget<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        self.blob_ids.forget(paths);
    }

    /// The commits, when HEAD moved, and the files not yet committed (see [`CachedWalk`]).
    pub fn walk(&self, content_dir: &Path) -> CachedWalk {
        let head = git::head(content_dir).unwrap_or_default();
        let fresh = self
            .record
            .as_ref()
            .is_some_and(|r| r.head == head && !head.is_empty());
        let mut walked = (!fresh).then(|| git::walk(content_dir).map_err(status_of));
        let committed = match &walked {
            None => self.record.as_ref().map(|r| &r.committed),
            Some(walked) => walked.as_ref().ok().map(|w| &w.committed),
        };
        let uncommitted = committed.map_or_else(Vec::new, |committed| {
            committed.uncommitted(&files_on_disk(&committed.content_dir), |path| {
                self.blob_ids
                    .get_or_load(path, Some(0), &mut Diagnostics::new(), |_| {
                        git::blob_id(&std::fs::read(path).ok()?)
                    })
            })
        });
        if let Some(walked) = &mut walked {
            fetch(walked, &uncommitted, true);
        }
        CachedWalk {
            head,
            content_dir: content_dir.to_path_buf(),
            walked,
            uncommitted,
        }
    }

    /// [`Walk::replay`] for the preview: the record is replayed again only when HEAD moved;
    /// the same record is handed out again while nothing in it changed. A committed version
    /// is taken from `working` only when loading read the file under the same stamp
    /// (`loaded_stamp`, by path inside the content folder) as it was hashed under, so a file
    /// saved while the site was loading cannot pass for its committed version.
    pub fn replay(
        &mut self,
        walk: CachedWalk,
        working: &WorkingCopy,
        loaded_stamp: &(dyn Fn(&str) -> Option<Stamp> + Sync),
        diags: &mut Diagnostics,
    ) -> Arc<History> {
        let CachedWalk {
            head,
            content_dir,
            walked,
            uncommitted,
        } = walk;
        if let Some(walked) = walked {
            let committed_dir = walked
                .as_ref()
                .ok()
                .map(|w| w.committed.content_dir.clone());
            let mut warnings = Diagnostics::new();
            let (history, committed) = {
                let not_edited: HashSet<&str> = uncommitted.iter().map(String::as_str).collect();
                let blob_ids = &self.blob_ids;
                let loaded_as_committed = |path: &str| {
                    let hashed = committed_dir
                        .as_ref()
                        .and_then(|dir| blob_ids.stamp(&dir.join(path)));
                    !not_edited.contains(path) && hashed.is_some() && hashed == loaded_stamp(path)
                };
                replay(
                    walked,
                    &content_dir,
                    working,
                    &loaded_as_committed,
                    &mut warnings,
                )
            };
            let Some(committed) = committed else {
                // Not a repository, or one that could not be read just now (during `git gc`,
                // say): nothing to keep, read again next time.
                self.record = None;
                diags.extend(warnings);
                return Arc::new(history);
            };
            self.record = Some(CachedRecord {
                head,
                history: Arc::new(history),
                warnings,
                committed,
            });
        }
        let Some(record) = self.record.as_mut() else {
            return Arc::new(History::default());
        };
        diags.extend(record.warnings.clone());
        if uncommitted != record.history.uncommitted {
            let mut history = History::clone(&record.history);
            history.uncommitted = uncommitted;
            record.history = Arc::new(history);
        }
        record.history.clone()
    }
}

/// Content files on disk (paths inside the content folder, `/` separators), hidden ones aside.
fn files_on_disk(content_dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let relative = e.path().strip_prefix(content_dir).ok()?;
            let parts: Option<Vec<&str>> = relative
                .components()
                .map(|c| c.as_os_str().to_str())
                .collect();
            parts.map(|p| p.join("/"))
        })
        .filter(|p| !p.split('/').any(|part| part.starts_with('.')))
        .collect()
}

/// The record of commits (everything but the uncommitted edits), and what HEAD holds.
fn replay(
    walked: Result<git::Walked, HistoryStatus>,
    content_dir: &Path,
    working: &WorkingCopy,
    loaded_as_committed: &(dyn Fn(&str) -> bool + Sync),
    diags: &mut Diagnostics,
) -> (History, Option<git::Committed>) {
    let mut walked = match walked {
        Ok(walked) => walked,
        Err(status) => {
            let (message, hint) = match &status {
                HistoryStatus::NotGit => ("the content is not in a git repository, so the site has no record of changes", "keep the site in git (`git init`, then commit) to publish what changed and when"),
                HistoryStatus::NoCommits => ("the git repository has no commits yet, so the site has no record of changes", "commit the content to start the record"),
                _ => ("the git history could not be read, so the site has no record of changes", "check that the repository is not damaged (`git fsck`)"),
            };
            let mut d = Diagnostic::warning(Location::file(content_dir), message).hint(hint);
            if let HistoryStatus::Unreadable(detail) = &status {
                d.message.push_str(&format!(" ({detail})"));
            }
            diags.push(d);
            let mut history = History::default();
            history.status = status;
            return (history, None);
        }
    };
    let commits = std::mem::take(&mut walked.commits);
    let reuse = Reuse {
        working,
        committed: &walked.committed,
        store: &walked.store,
        loaded_as_committed,
    };

    // Every version of every action plan, read (or taken from loading) in parallel up front:
    // reading is most of the cost, and each version is read once.
    let plan_versions: Vec<(&str, String, &git::Blob)> = commits
        .iter()
        .flat_map(|c| c.files.iter())
        .filter_map(
            |(path, blob)| match load::classify(Path::new(path), Path::new(path)) {
                Ok(Kind::Actions { slug }) => Some((path.as_str(), slug, blob.as_ref()?)),
                _ => None,
            },
        )
        .collect();
    let mut parsed_plans = {
        use rayon::prelude::*;
        plan_versions
            .par_iter()
            .map(|(path, slug, blob)| reuse.plan(path, slug, blob))
            .collect::<Vec<_>>()
            .into_iter()
    };

    let mut plans: BTreeMap<String, Vec<ActionState>> = BTreeMap::new();
    let mut metrics = MetricFiles::default();
    let mut history = History::default();
    for commit in commits {
        let mut changes = Vec::new();
        let mut metric_files = Vec::new();
        for (path, blob) in commit.files {
            history
                .last_changed
                .insert(path.clone(), commit.commit.clone());
            match load::classify(Path::new(&path), Path::new(&path)) {
                Ok(Kind::Actions { slug }) => {
                    let after = match blob {
                        Some(_) => match parsed_plans.next().flatten() {
                            Some(after) => Some(after),
                            // An unreadable version: compare the next readable one with the last.
                            None => continue,
                        },
                        None => None,
                    };
                    changes.extend(plan_changes(&slug, plans.get(&slug), after.as_ref()));
                    match after {
                        Some(after) => plans.insert(slug, after),
                        None => plans.remove(&slug),
                    };
                }
                Ok(
                    kind @ (Kind::MetricDefinition { .. }
                    | Kind::MetricCsv { .. }
                    | Kind::Snapshot { .. }),
                ) => {
                    metric_files.push((kind, path, blob));
                }
                _ => changes.push(Change::FileChanged { path: path.clone() }),
            }
        }
        if !metric_files.is_empty() {
            changes.extend(metrics.apply(metric_files, &reuse));
        }
        // In a shallow clone the oldest commit is only the starting point: what it holds was
        // published earlier, at a date the clone cannot show.
        let baseline = walked.shallow && history.commits.is_empty();
        history.commits.push(CommitChanges {
            commit: commit.commit,
            changes: if baseline { Vec::new() } else { changes },
        });
    }

    history.status = if walked.shallow {
        let oldest = history
            .commits
            .first()
            .map_or(chrono::NaiveDate::MIN, |c| c.commit.date());
        diags.push(
            Diagnostic::warning(
                Location::file(content_dir),
                format!(
                    "this is a shallow clone, so the record of changes starts on {}",
                    crate::model::period::date_in_words(oldest)
                ),
            )
            .hint("fetch the full history before building: in GitHub Actions `actions/checkout` with `fetch-depth: 0`, in GitLab CI `GIT_DEPTH: 0`, or run `git fetch --unshallow`"),
        );
        HistoryStatus::Shallow { oldest }
    } else {
        HistoryStatus::Complete
    };
    (history, Some(walked.committed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(id: &str, status: Status, due: &str) -> ActionState {
        ActionState {
            id: id.into(),
            title: format!("Action {id}"),
            status: Some(status),
            due: Some(Due::parse(due).unwrap()),
        }
    }

    #[test]
    fn plan_changes_name_status_and_due_moves_additions_and_removals() {
        let before = vec![
            state("A-1", Status::OnTrack, "2019-12"),
            state("A-2", Status::OnTrack, "2020-01"),
        ];
        let after = vec![
            state("A-1", Status::Delayed, "2020-03"),
            state("A-3", Status::NotStarted, "2021"),
        ];
        let changes = plan_changes("plan", Some(&before), Some(&after));
        assert_eq!(
            changes,
            vec![
                Change::StatusChanged {
                    strategy: "plan".into(),
                    id: "A-1".into(),
                    from: Some(Status::OnTrack),
                    to: Some(Status::Delayed)
                },
                Change::DueChanged {
                    strategy: "plan".into(),
                    id: "A-1".into(),
                    from: Some(Due::parse("2019-12").unwrap()),
                    to: Some(Due::parse("2020-03").unwrap())
                },
                Change::ActionAdded {
                    strategy: "plan".into(),
                    id: "A-3".into(),
                    title: "Action A-3".into()
                },
                Change::ActionRemoved {
                    strategy: "plan".into(),
                    id: "A-2".into(),
                    title: "Action A-2".into()
                },
            ]
        );
        assert_eq!(
            plan_changes("plan", None, Some(&after)),
            vec![Change::PlanPublished {
                strategy: "plan".into(),
                actions: 2
            }]
        );
    }

    #[test]
    fn metric_changes_find_new_restated_and_removed_figures_and_target_changes() {
        let p = |t: &str| Period::parse(t).unwrap();
        let before = MetricState {
            targets: vec!["90%".into()],
            figures: BTreeMap::from([
                (("vip".into(), p("2019-06")), 97.1),
                (("vip".into(), p("2019-05")), 96.0),
            ]),
        };
        let after = MetricState {
            targets: vec!["95%".into()],
            figures: BTreeMap::from([
                (("vip".into(), p("2019-06")), 96.9),
                (("vip".into(), p("2019-07")), 96.0),
            ]),
        };
        let changes = metric_changes("sla", Some(&before), &after);
        assert_eq!(
            changes,
            vec![
                Change::TargetsChanged {
                    metric: "sla".into(),
                    from: vec!["90%".into()],
                    to: vec!["95%".into()]
                },
                Change::FigureRestated {
                    metric: "sla".into(),
                    series: "vip".into(),
                    period: p("2019-06"),
                    from: 97.1,
                    to: 96.9
                },
                Change::FiguresAdded {
                    metric: "sla".into(),
                    periods: vec![p("2019-07")]
                },
                Change::FiguresRemoved {
                    metric: "sla".into(),
                    periods: vec![p("2019-05")]
                },
            ]
        );
    }
}
