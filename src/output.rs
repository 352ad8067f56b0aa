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
    pub bytes: Vec<u8>,
}

/// A write that failed, naming the path.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub message: String,
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

/// Writes `files` as the new content of `out_dir`, replacing what was there only once every
/// file is written.
pub fn write_site(out_dir: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| failed(&parent, e))?;
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_string());
    let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| failed(&staging, e))?;
    }
    let result =
        write_all(&staging, files).and_then(|()| swap_in(&staging, out_dir, &parent, &name));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    std::fs::create_dir_all(staging).map_err(|e| failed(staging, e))?;
    for file in files {
        if !is_contained(&file.path) {
            return Err(failed(
                Path::new(&file.path),
                "refusing to write outside the output folder",
            ));
        }
        let path = staging.join(&file.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
        }
        let mut handle = std::fs::File::create(&path).map_err(|e| failed(&path, e))?;
        handle
            .write_all(&file.bytes)
            .map_err(|e| failed(&path, e))?;
    }
    Ok(())
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
        std::fs::remove_dir_all(&old).map_err(|e| failed(&old, e))?;
    }
    Ok(())
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
