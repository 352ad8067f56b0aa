//! Writing the built site: every file goes into a fresh folder beside the output folder, and
//! only when all of it is written is it swapped in. A failed or killed build leaves the
//! previous site as it was. Every path is checked to stay inside the output folder.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path inside the output folder, with `/` separators.
    pub path: String,
    pub(crate) bytes: Vec<u8>,
}

/// A write that failed, naming the path.
#[derive(Debug)]
pub struct WriteError {
    pub(crate) path: PathBuf,
    pub(crate) message: String,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

fn failed(path: &Path, error: impl std::fmt::Display) -> WriteError {
    WriteError {
        path: path.to_path_buf(),
        message: error.to_string(),
    }
}

/// Whether a relative output path stays inside the output folder: only plain names, no `..`,
/// no root, no drive, no empty parts.
pub fn is_contained(relative: &str) -> bool {
    !relative.is_empty()
        && !relative.contains('\\')
        && Path::new(relative)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Where rendered files go. Called from several threads at once.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<(), WriteError>;

    /// One file made of `parts`, in order. A sink that writes files writes the parts as they
    /// are, not joined first: the all-actions downloads are tens of megabytes, made of parts
    /// already written for each strategy's own files.
    fn put_parts(&self, path: &str, parts: &[&[u8]]) -> Result<(), WriteError> {
        self.put(OutputFile {
            path: path.to_string(),
            bytes: parts.concat(),
        })
    }
}

/// Keeps the files in memory (for tests and tools that look at a build without writing it).
#[derive(Debug, Default)]
pub(crate) struct Memory(std::sync::Mutex<Vec<OutputFile>>);

impl Memory {
    /// The files, sorted by path.
    pub(crate) fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Memory {
    fn put(&self, file: OutputFile) -> Result<(), WriteError> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}

/// A new site being written into a fresh folder beside the output folder. [`Staging::finish`]
/// swaps it in; dropped unfinished (an error, a panic), the folder is removed and the output
/// folder is untouched. A killed process leaves only the hidden staging folder behind.
pub(crate) struct Staging {
    dir: PathBuf,
    /// Folders already made, so each is created once, not once per file in it.
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    out_dir: PathBuf,
    parent: PathBuf,
    name: String,
    finished: bool,
}

impl Staging {
    /// Creates the staging folder for `out_dir`.
    pub(crate) fn begin(out_dir: &Path) -> Result<Staging, WriteError> {
        let parent = match out_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| failed(&parent, e))?;
        let name = out_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_string());
        recover_leftovers(&parent, &name, out_dir);
        let dir = parent.join(format!(".{name}.building-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| failed(&dir, e))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| failed(&dir, e))?;
        Ok(Staging {
            dir,
            made: std::sync::Mutex::default(),
            out_dir: out_dir.to_path_buf(),
            parent,
            name,
            finished: false,
        })
    }

    /// Creates `relative` (and its folder) inside the staging folder, refusing any path that
    /// would lead out of it.
    fn create(&self, relative: &str) -> Result<(std::fs::File, PathBuf), WriteError> {
        if !is_contained(relative) {
            return Err(failed(
                Path::new(relative),
                "refusing to write outside the output folder",
            ));
        }
        let path = self.dir.join(relative);
        if let Some(dir) = path.parent() {
            let made = |dir: &Path| self.made.lock().is_ok_and(|m| m.contains(dir));
            if !made(dir) {
                std::fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
                if let Ok(mut m) = self.made.lock() {
                    m.insert(dir.to_path_buf());
                }
            }
        }
        let handle = std::fs::File::create(&path).map_err(|e| failed(&path, e))?;
        Ok((handle, path))
    }

    /// Replaces the output folder with everything written so far.
    pub(crate) fn finish(mut self) -> Result<(), WriteError> {
        swap_in(&self.dir, &self.out_dir, &self.parent, &self.name)?;
        self.finished = true;
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<(), WriteError> {
        self.put_parts(&file.path, &[&file.bytes])
    }

    fn put_parts(&self, path: &str, parts: &[&[u8]]) -> Result<(), WriteError> {
        let (mut handle, path) = self.create(path)?;
        for part in parts {
            handle.write_all(part).map_err(|e| failed(&path, e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes `files` as the new content of `out_dir`, replacing what was there only once every
/// file is written.
#[cfg(test)]
fn write_site(out_dir: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let staging = Staging::begin(out_dir)?;
    for file in files {
        staging.put(file.clone())?;
    }
    staging.finish()
}

/// Cleans up after builds that were killed: a staging folder of a process that is no longer
/// running is removed, and if one was killed between the two renames of [`swap_in`] (the
/// output folder missing, the previous site moved aside) the previous site is put back.
/// Folders of builds still running are left alone; without `/proc` nothing is touched.
fn recover_leftovers(parent: &Path, name: &str, out_dir: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        let (kind, pid) = match rest.split_once('-') {
            Some((kind @ ("building" | "old"), pid)) if pid.bytes().all(|b| b.is_ascii_digit()) => {
                (kind, pid)
            }
            _ => continue,
        };
        if pid.is_empty() || Path::new("/proc").join(pid).exists() {
            continue;
        }
        let path = entry.path();
        if kind == "old" && !out_dir.exists() {
            let _ = std::fs::rename(&path, out_dir);
        } else {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Replaces `out_dir` with `staging`: the old folder is moved aside, the new one renamed
/// into place, then the old one removed. Between the two renames (microseconds) the folder
/// is briefly absent; it is never half-written.
fn swap_in(staging: &Path, out_dir: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let had_old = out_dir.exists();
    if had_old {
        std::fs::rename(out_dir, &old).map_err(|e| failed(out_dir, e))?;
    }
    if let Err(e) = std::fs::rename(staging, out_dir) {
        if had_old {
            let _ = std::fs::rename(&old, out_dir);
        }
        return Err(failed(out_dir, e));
    }
    if had_old {
        remove_tree(&old).map_err(|e| failed(&old, e))?;
    }
    Ok(())
}

/// Removes a folder and everything in it, folders in parallel (a site has tens of thousands
/// of files, and unlinking them one by one was a tenth of a build). Symbolic links are
/// removed, never followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries = std::fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_contained() {
        assert!(is_contained("index.html"));
        assert!(is_contained("strategies/digital/actions/ds-01/index.html"));
        for bad in ["", "/etc/passwd", "../x", "a/../../x", "a\\..\\x", "./a"] {
            assert!(!is_contained(bad), "{bad}");
        }
    }

    #[test]
    fn removing_a_tree_removes_links_but_not_what_they_point_to() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("kept");
        std::fs::create_dir(&kept).unwrap();
        std::fs::write(kept.join("file"), "keep me").unwrap();
        let tree = dir.path().join("tree");
        std::fs::create_dir_all(tree.join("a/b")).unwrap();
        std::fs::write(tree.join("a/b/index.html"), "x").unwrap();
        std::fs::write(tree.join("top.html"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&kept, tree.join("a/link")).unwrap();
        remove_tree(&tree).unwrap();
        assert!(!tree.exists());
        assert_eq!(
            std::fs::read_to_string(kept.join("file")).unwrap(),
            "keep me"
        );
    }

    #[test]
    fn a_failed_write_leaves_the_previous_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let good = [OutputFile {
            path: "index.html".into(),
            bytes: b"old".to_vec(),
        }];
        write_site(&out, &good).unwrap();
        let bad = [
            OutputFile {
                path: "index.html".into(),
                bytes: b"new".to_vec(),
            },
            OutputFile {
                path: "../escape.html".into(),
                bytes: b"x".to_vec(),
            },
        ];
        assert!(write_site(&out, &bad).is_err());
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"old");
        assert!(!dir.path().join("escape.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, ["public"], "no staging folder left behind");
    }

    #[test]
    fn a_successful_write_replaces_everything() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(
            &out,
            &[OutputFile {
                path: "stale.html".into(),
                bytes: vec![],
            }],
        )
        .unwrap();
        write_site(
            &out,
            &[OutputFile {
                path: "a/b.html".into(),
                bytes: b"b".to_vec(),
            }],
        )
        .unwrap();
        assert!(!out.join("stale.html").exists());
        assert_eq!(std::fs::read(out.join("a/b.html")).unwrap(), b"b");
    }
}
