//! Reading the content folder's history from git, in process (gix): one walk over the
//! first-parent chain from HEAD, oldest first, yielding for each commit that changed the content
//! folder the files it added, changed or removed. Unchanged subtrees are skipped by id, so a
//! long history costs little more than its number of commits.

use crate::model::history::CommitInfo;
use chrono::{DateTime, Utc};
use gix::bstr::ByteSlice;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One commit's changes to the content folder.
pub(crate) struct CommitFiles {
    pub(crate) commit: CommitInfo,
    /// Path inside the content folder -> the new version, or `None` when the file was removed.
    pub(crate) files: BTreeMap<String, Option<Blob>>,
}

/// One version of a file: its id, and its bytes once [`Walked::fetch`] read them.
pub(crate) struct Blob {
    pub(crate) id: gix::ObjectId,
    pub(crate) bytes: Option<Vec<u8>>,
}

/// Reads blobs by id, from any thread: for the versions [`Walked::fetch`] left unread, which
/// are seldom needed (the repository is opened again for each).
pub(crate) struct Store {
    git_dir: PathBuf,
}

impl Store {
    /// The bytes of `blob`: as fetched, else read now; `None` when the repository cannot give
    /// them (that version is then treated as unreadable).
    pub(crate) fn bytes<'a>(&self, blob: &'a Blob) -> Option<std::borrow::Cow<'a, [u8]>> {
        match &blob.bytes {
            Some(bytes) => Some(std::borrow::Cow::Borrowed(bytes)),
            None => {
                let repo = gix::open(&self.git_dir).ok()?;
                let object = repo.find_object(blob.id).ok()?;
                Some(std::borrow::Cow::Owned(object.detach().data))
            }
        }
    }
}

/// The repository facts the record needs besides the commits.
pub(crate) struct Walked {
    pub(crate) commits: Vec<CommitFiles>,
    pub(crate) shallow: bool,
    pub(crate) committed: Committed,
    pub(crate) store: Store,
}

/// What HEAD holds of the content folder, to find the edits not yet committed.
pub(crate) struct Committed {
    /// Content files as committed at HEAD: path -> blob id.
    head_files: BTreeMap<String, gix::ObjectId>,
    /// The content folder on disk.
    pub(crate) content_dir: PathBuf,
}

/// The commit HEAD points at, as hex; `None` outside a repository or before the first commit.
pub(crate) fn head(content_dir: &Path) -> Option<String> {
    let repo = gix::discover(content_dir).ok()?;
    let id = repo.head_id().ok()?;
    Some(id.to_string())
}

/// The file git appends to whenever HEAD moves (a commit, a checkout, a pull): the reflog of
/// HEAD in the repository holding `content_dir`, when there is one.
#[cfg(feature = "serve")]
pub(crate) fn head_log(content_dir: &Path) -> Option<PathBuf> {
    let repo = gix::discover(content_dir).ok()?;
    let log = repo.git_dir().join("logs").join("HEAD");
    log.is_file().then_some(log)
}

/// The id git gives a file's bytes.
pub(crate) fn blob_id(bytes: &[u8]) -> Option<gix::ObjectId> {
    gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, bytes).ok()
}

/// Why no history could be read.
pub(crate) enum WalkError {
    NotGit,
    NoCommits,
    Failed(String),
}

fn failed(error: impl std::fmt::Display) -> WalkError {
    WalkError::Failed(error.to_string())
}

/// Walks the history of `content_dir`: which versions each commit holds, without their bytes
/// (see [`Walked::fetch`]).
pub(crate) fn walk(content_dir: &Path) -> Result<Walked, WalkError> {
    let repo = gix::discover(content_dir).map_err(|_| WalkError::NotGit)?;
    let workdir = repo.workdir().ok_or(WalkError::NotGit)?.to_path_buf();
    let content_abs = content_dir.canonicalize().map_err(failed)?;
    let workdir_abs = workdir.canonicalize().map_err(failed)?;
    let prefix = content_abs
        .strip_prefix(&workdir_abs)
        .map_err(failed)?
        .to_path_buf();
    let head = match repo.head_commit() {
        Ok(head) => head,
        Err(_) => return Err(WalkError::NoCommits),
    };
    let shallow = repo.is_shallow().unwrap_or(false);
    let mut ids = Vec::new();
    for info in repo
        .rev_walk([head.id])
        .first_parent_only()
        .all()
        .map_err(failed)?
    {
        match info {
            Ok(info) => ids.push(info.id),
            // A shallow clone ends where its parents are missing.
            Err(_) if shallow => break,
            Err(e) => return Err(failed(e)),
        }
    }
    ids.reverse();

    let mut commits = Vec::new();
    let mut previous: BTreeMap<String, gix::ObjectId> = BTreeMap::new();
    let mut previous_root: Option<gix::ObjectId> = None;
    for id in ids {
        let commit = repo.find_commit(id).map_err(failed)?;
        let root = content_tree(&commit, &prefix)?;
        if root == previous_root {
            continue;
        }
        let mut current = BTreeMap::new();
        if let Some(root) = root {
            list_files(&repo, root, "", &previous, &mut current)?;
        }
        let mut files = BTreeMap::new();
        for (path, blob) in current.iter().filter(|(p, _)| !p.ends_with('/')) {
            if previous.get(path) != Some(blob) {
                files.insert(
                    path.clone(),
                    Some(Blob {
                        id: *blob,
                        bytes: None,
                    }),
                );
            }
        }
        for path in previous.keys().filter(|p| !p.ends_with('/')) {
            if !current.contains_key(path) {
                files.insert(path.clone(), None);
            }
        }
        previous = current;
        previous_root = root;
        if files.is_empty() {
            continue;
        }
        commits.push(CommitFiles {
            commit: commit_info(&commit)?,
            files,
        });
    }
    Ok(Walked {
        commits,
        shallow,
        committed: Committed {
            head_files: previous,
            content_dir: content_abs,
        },
        store: Store {
            git_dir: repo.git_dir().to_path_buf(),
        },
    })
}

impl Walked {
    /// Reads the bytes of every version but those `unneeded` names (given what HEAD holds, a
    /// path and an id): those are read only if asked for later, through [`Walked::store`].
    pub(crate) fn fetch(
        &mut self,
        unneeded: impl Fn(&Committed, &str, &gix::ObjectId) -> bool,
    ) -> Result<(), WalkError> {
        let repo = gix::open(&self.store.git_dir).map_err(failed)?;
        for commit in &mut self.commits {
            for (path, blob) in commit.files.iter_mut() {
                let Some(blob) = blob else { continue };
                if blob.bytes.is_none() && !unneeded(&self.committed, path, &blob.id) {
                    blob.bytes = Some(repo.find_object(blob.id).map_err(failed)?.detach().data);
                }
            }
        }
        Ok(())
    }
}

fn commit_info(commit: &gix::Commit<'_>) -> Result<CommitInfo, WalkError> {
    let time = commit.time().map_err(failed)?;
    let message = commit.message().map_err(failed)?;
    Ok(CommitInfo {
        id: commit.id.to_string(),
        time: DateTime::<Utc>::from_timestamp(time.seconds, 0).unwrap_or_default(),
        summary: message.summary().to_str_lossy().trim().to_string(),
    })
}

/// The id of the content folder's tree in a commit (`None` when the folder is absent).
fn content_tree(
    commit: &gix::Commit<'_>,
    prefix: &Path,
) -> Result<Option<gix::ObjectId>, WalkError> {
    let tree = commit.tree().map_err(failed)?;
    if prefix.as_os_str().is_empty() {
        return Ok(Some(tree.id));
    }
    let entry = tree.lookup_entry_by_path(prefix).map_err(failed)?;
    Ok(entry.filter(|e| e.mode().is_tree()).map(|e| e.object_id()))
}

/// Lists every file below `tree` as path -> blob id. A subtree whose id is unchanged since the
/// previous commit is copied from `previous` without being read.
fn list_files(
    repo: &gix::Repository,
    tree: gix::ObjectId,
    dir: &str,
    previous: &BTreeMap<String, gix::ObjectId>,
    out: &mut BTreeMap<String, gix::ObjectId>,
) -> Result<(), WalkError> {
    let tree = repo.find_tree(tree).map_err(failed)?;
    for entry in tree.iter() {
        let entry = entry.map_err(failed)?;
        let name = entry.filename().to_str_lossy();
        let path = if dir.is_empty() {
            name.to_string()
        } else {
            format!("{dir}/{name}")
        };
        let mode = entry.mode();
        if mode.is_tree() {
            let key = format!("{path}/");
            let id = entry.object_id();
            if previous.get(&key) == Some(&id) {
                for (p, blob) in previous.range(key.clone()..) {
                    if !p.starts_with(&key) {
                        break;
                    }
                    out.insert(p.clone(), *blob);
                }
            } else {
                out.insert(key, id);
                list_files(repo, id, &path, previous, out)?;
            }
        } else if mode.is_blob() {
            out.insert(path, entry.object_id());
        }
    }
    Ok(())
}

impl Committed {
    /// Whether `id` is the version of `path` that HEAD holds.
    pub(crate) fn is_head_version(&self, path: &str, id: &gix::ObjectId) -> bool {
        self.head_files.get(path) == Some(id)
    }

    /// Content files (of `on_disk`) whose working copy differs from HEAD (edits not yet
    /// committed), and files not yet committed at all. `blob_id` gives the id of the file at
    /// a path as it is on disk.
    pub(crate) fn uncommitted(
        &self,
        on_disk: &[String],
        mut blob_id: impl FnMut(&Path) -> Option<gix::ObjectId>,
    ) -> Vec<String> {
        on_disk
            .iter()
            .filter(|path| {
                let working = blob_id(&self.content_dir.join(path));
                match (self.head_files.get(path.as_str()), working) {
                    (Some(committed), Some(id)) => *committed != id,
                    (None, Some(_)) => true,
                    // Unreadable now (removed while listed): nothing to compare.
                    (_, None) => false,
                }
            })
            .cloned()
            .collect()
    }
}
