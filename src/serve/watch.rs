//! Watching the site's sources for changes. A pure function decides which file events matter
//! (reading a file, editor swap files and hidden files do not); a debounced watcher turns the
//! ones that do into one rebuild per burst of saves, naming the files that changed.

use notify_debouncer_full::notify::event::EventKind;
use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, DebouncedEvent};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The folders whose changes rebuild the site: content/ and, when present, themes/ beside it.
pub(crate) fn watched_folders(content_dir: &Path) -> Vec<PathBuf> {
    let mut folders = vec![content_dir.to_path_buf()];
    let themes = content_dir
        .parent()
        .unwrap_or(Path::new("."))
        .join("themes");
    if themes.is_dir() {
        folders.push(themes);
    }
    folders
}

/// Whether a change to `path` of this kind should rebuild the site.
pub(crate) fn matters(kind: &EventKind, path: &Path) -> bool {
    if matches!(kind, EventKind::Access(_) | EventKind::Other) {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let editor_scratch = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with("#");
    !editor_scratch
}

/// The files that changed in a way that matters, each once.
fn changed(events: &[DebouncedEvent]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = events
        .iter()
        .flat_map(|e| {
            e.event
                .paths
                .iter()
                .filter(|p| matters(&e.event.kind, p))
                .cloned()
        })
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// How long the watcher waits after a change for more: an editor's save is a burst of events
/// within a few milliseconds. A save read half-written is no harm: its last event starts
/// another rebuild.
const QUIET: Duration = Duration::from_millis(30);

/// Starts watching `folders` (and everything in them) and `files`; calls `on_change` (on the
/// watcher's thread) with the changed files after each burst of changes that matter, or with
/// `None` when the watcher lost events (anything may have changed). Dropping the returned
/// value stops watching.
pub(crate) fn start(
    folders: Vec<PathBuf>,
    files: Vec<PathBuf>,
    mut on_change: impl FnMut(Option<Vec<PathBuf>>) + Send + 'static,
) -> Result<impl Drop, String> {
    let mut debouncer = new_debouncer(
        QUIET,
        None,
        move |result: DebounceEventResult| match result {
            Ok(events) => {
                let paths = changed(&events);
                if !paths.is_empty() {
                    on_change(Some(paths));
                }
            }
            Err(_) => on_change(None),
        },
    )
    .map_err(|e| e.to_string())?;
    for folder in &folders {
        debouncer
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    for file in &files {
        debouncer
            .watch(file, RecursiveMode::NonRecursive)
            .map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(debouncer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify_debouncer_full::notify::event::{AccessKind, CreateKind, DataChange, ModifyKind};

    #[test]
    fn saves_matter_and_reads_and_scratch_files_do_not() {
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert!(matters(&write, Path::new("content/metrics/sla.yaml")));
        assert!(matters(
            &EventKind::Create(CreateKind::File),
            Path::new("content/pages/new.md")
        ));
        assert!(!matters(
            &EventKind::Access(AccessKind::Any),
            Path::new("content/site.yaml")
        ));
        for scratch in [
            "content/.site.yaml.swp",
            "content/site.yaml~",
            "content/#site.yaml#",
            "content/x.tmp",
        ] {
            assert!(!matters(&write, Path::new(scratch)), "{scratch}");
        }
    }
}
