//! What each content file loaded to, remembered between loads by the preview server, so that
//! after one edit only the edited file is read again.
//!
//! An entry is used again only while its file's stamp (size, modification and change times,
//! inode: what git's index compares) is unchanged, and the files it was read against (a
//! metric's CSV is read against its definition) are the versions they were then: a
//! dependency is known by the stamp it was read under in this load, not by the stamp on disk
//! now, so a definition saved while its CSV is being read cannot leave the CSV remembered
//! against the new version. The watcher also names the files it saw change, and those are
//! forgotten whatever their stamps say, so an edit inside one clock tick is not missed. A
//! `plainsight build` has no cache and reads everything.

use crate::diag::Diagnostics;
use std::any::Any;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

/// What identifies one version of a file on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    changed: (i64, i64),
    inode: u64,
}

impl Stamp {
    /// The stamp of the file at `path`; `None` when it cannot be read (such a file is not
    /// remembered).
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            ((meta.ctime(), meta.ctime_nsec()), meta.ino())
        };
        #[cfg(not(unix))]
        let (changed, inode) = ((0, 0), 0);
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            changed,
            inode,
        })
    }
}

struct Entry {
    stamp: Stamp,
    dependencies: u64,
    value: Arc<dyn Any + Send + Sync>,
    diagnostics: Diagnostics,
}

/// The remembered results, shared by the loading threads.
#[derive(Default)]
pub struct FileCache {
    entries: RwLock<HashMap<PathBuf, Entry>>,
}

impl FileCache {
    /// Forgets `paths` (files the watcher saw change).
    pub(crate) fn forget<'a>(&self, paths: impl IntoIterator<Item = &'a Path>) {
        if let Ok(mut entries) = self.entries.write() {
            for path in paths {
                entries.remove(path);
            }
        }
    }

    /// The key of the versions of `paths` this load read, for a file read against them;
    /// `None` when one of them was not remembered (it changed while it was read), and then
    /// what is read against it is not remembered either.
    pub(crate) fn dependencies<'a>(
        &self,
        paths: impl IntoIterator<Item = &'a Path>,
    ) -> Option<u64> {
        let entries = self.entries.read().ok()?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for path in paths {
            path.hash(&mut hasher);
            entries.get(path)?.stamp.hash(&mut hasher);
        }
        Some(hasher.finish())
    }

    /// The stamp `path` was read under, when it is remembered.
    pub(crate) fn stamp(&self, path: &Path) -> Option<Stamp> {
        self.entries.read().ok()?.get(path).map(|entry| entry.stamp)
    }

    /// How many files are remembered.
    pub fn len(&self) -> usize {
        self.entries.read().map(|e| e.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The result of `load` for the file at `path` read against `dependencies` (see
    /// [`FileCache::dependencies`]): remembered when neither changed, else loaded now and
    /// remembered. The problems it found are added to `diags` either way.
    pub(crate) fn get_or_load<T: Clone + Send + Sync + 'static>(
        &self,
        path: &Path,
        dependencies: Option<u64>,
        diags: &mut Diagnostics,
        load: impl FnOnce(&mut Diagnostics) -> Option<T>,
    ) -> Option<T> {
        let (Some(stamp), Some(dependencies)) = (Stamp::of(path), dependencies) else {
            self.forget([path]);
            return load(diags);
        };
        let remembered = self.entries.read().ok().and_then(|entries| {
            let entry = entries.get(path)?;
            if entry.stamp != stamp || entry.dependencies != dependencies {
                return None;
            }
            let value = entry.value.downcast_ref::<Option<T>>()?.clone();
            Some((value, entry.diagnostics.clone()))
        });
        if let Some((value, found)) = remembered {
            diags.extend(found);
            return value;
        }
        let mut found = Diagnostics::new();
        let value = load(&mut found);
        // A file that changed while it was read is not remembered (nor is an older version).
        if let Ok(mut entries) = self.entries.write() {
            if Stamp::of(path) == Some(stamp) {
                entries.insert(
                    path.to_path_buf(),
                    Entry {
                        stamp,
                        dependencies,
                        value: Arc::new(value.clone()),
                        diagnostics: found.clone(),
                    },
                );
            } else {
                entries.remove(path);
            }
        }
        diags.extend(found);
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Location};
    use std::cell::Cell;

    fn load_counting(
        cache: &FileCache,
        path: &Path,
        dependencies: Option<u64>,
        reads: &Cell<usize>,
    ) -> (Option<String>, usize) {
        let mut diags = Diagnostics::new();
        let value = cache.get_or_load(path, dependencies, &mut diags, |diags| {
            reads.set(reads.get() + 1);
            diags.push(Diagnostic::warning(Location::file(path), "noted"));
            std::fs::read_to_string(path).ok()
        });
        (value, diags.warning_count())
    }

    #[test]
    fn a_file_is_read_again_only_when_it_or_what_it_was_read_against_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, "one").unwrap();
        let cache = FileCache::default();
        let reads = Cell::new(0);

        assert_eq!(
            load_counting(&cache, &path, Some(1), &reads),
            (Some("one".into()), 1)
        );
        // Remembered: the same value and the same warning, without reading.
        assert_eq!(
            load_counting(&cache, &path, Some(1), &reads),
            (Some("one".into()), 1)
        );
        assert_eq!(reads.get(), 1);

        // Another dependency key: read again.
        load_counting(&cache, &path, Some(2), &reads);
        assert_eq!(reads.get(), 2);

        // A different size changes the stamp.
        std::fs::write(&path, "three").unwrap();
        assert_eq!(
            load_counting(&cache, &path, Some(2), &reads).0.as_deref(),
            Some("three")
        );
        assert_eq!(reads.get(), 3);

        // Same size, forgotten by the watcher: read again even if the clock did not move.
        std::fs::write(&path, "seven").unwrap();
        cache.forget([path.as_path()]);
        assert_eq!(
            load_counting(&cache, &path, Some(2), &reads).0.as_deref(),
            Some("seven")
        );
        assert_eq!(reads.get(), 4);

        // Read against a file that was not remembered: read, and not remembered.
        load_counting(&cache, &path, None, &reads);
        load_counting(&cache, &path, None, &reads);
        assert_eq!(reads.get(), 6);
        assert!(cache.is_empty());
    }

    #[test]
    fn a_dependency_is_known_by_the_version_that_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let definition = dir.path().join("sla.yaml");
        std::fs::write(&definition, "series: vip").unwrap();
        let cache = FileCache::default();
        assert_eq!(
            cache.dependencies([definition.as_path()]),
            None,
            "not read yet"
        );
        let read = |cache: &FileCache| {
            cache.get_or_load(&definition, Some(0), &mut Diagnostics::new(), |_| {
                std::fs::read_to_string(&definition).ok()
            })
        };
        read(&cache);
        let first = cache.dependencies([definition.as_path()]);
        assert!(first.is_some());
        // Saved again after it was read: the key stays that of the version read...
        std::fs::write(&definition, "series: gold").unwrap();
        assert_eq!(cache.dependencies([definition.as_path()]), first);
        // ...until the next load reads the new version.
        read(&cache);
        assert_ne!(cache.dependencies([definition.as_path()]), first);
    }
}
