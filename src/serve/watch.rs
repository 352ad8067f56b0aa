//! Watching the site's sources for changes. A pure function decides which file events matter
//! (reading a file, editor swap files and hidden files do not); a debounced watcher turns the
//! ones that do into one rebuild per burst of saves.

use notify_debouncer_full::notify::event::EventKind;
use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, DebouncedEvent};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The folders whose changes rebuild the site: content/ and, when present, themes/ beside it.
pub fn watched_folders(content_dir: &Path) -> Vec<PathBuf> {
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
pub fn matters(kind: &EventKind, path: &Path) -> bool {
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

fn any_matters(events: &[DebouncedEvent]) -> bool {
    events
        .iter()
        .any(|e| e.event.paths.iter().any(|p| matters(&e.event.kind, p)))
}

/// Starts watching; calls `on_change` (on the watcher's thread) after each burst of changes
/// that matter. Dropping the returned value stops watching.
pub fn start(
    folders: Vec<PathBuf>,
    mut on_change: impl FnMut() + Send + 'static,
) -> Result<impl Drop, String> {
    let mut debouncer = new_debouncer(
        Duration::from_millis(150),
        None,
        move |result: DebounceEventResult| {
            if let Ok(events) = result {
                if any_matters(&events) {
                    on_change();
                }
            }
        },
    )
    .map_err(|e| e.to_string())?;
    for folder in &folders {
        debouncer
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|e| format!("{}: {e}", folder.display()))?;
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
