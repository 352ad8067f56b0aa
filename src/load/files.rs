//! The content files found on disk, and reading them: in parallel, each file's problems kept
//! apart, through the preview server's cache when there is one ([`FileCache`]), and YAML or
//! Markdown with front matter into a [`YamlDoc`].

use super::cache::FileCache;
use super::discover::{discover, Found, Kind};
use super::frontmatter::{self, SplitError};
use super::source;
use super::yaml::YamlDoc;
use crate::diag::{Diagnostic, Diagnostics, Location};
use rayon::prelude::*;
use std::path::Path;

/// Every content file, and what the preview server remembers of them.
pub(super) struct Files<'c> {
    found: Vec<Found>,
    /// Where each kind of file is in `found`.
    by_kind: foldhash::HashMap<Kind, usize>,
    cache: Option<&'c FileCache>,
}

impl<'c> Files<'c> {
    pub(crate) fn discover(
        content_dir: &Path,
        cache: Option<&'c FileCache>,
        diags: &mut Diagnostics,
    ) -> Self {
        let found = discover(content_dir, diags);
        let by_kind = (found.iter().enumerate()).map(|(i, f)| (f.kind.clone(), i));
        Files {
            by_kind: by_kind.collect(),
            found,
            cache,
        }
    }

    /// The files of one kind, each with what `key` says of it (its slug, say); `key` gives
    /// `None` for files of other kinds.
    pub(crate) fn of<'a, K>(
        &'a self,
        key: impl Fn(&'a Kind) -> Option<K> + 'a,
    ) -> impl Iterator<Item = (K, &'a Found)> + 'a {
        self.found
            .iter()
            .filter_map(move |f| Some((key(&f.kind)?, f)))
    }

    /// Where the file of kind `kind` is, when there is one.
    pub(crate) fn path_of(&self, kind: &Kind) -> Option<&Path> {
        let file = self.by_kind.get(kind).map(|&i| &self.found[i]);
        file.map(|f| f.path.as_path())
    }

    /// What a file read against the files at `paths` (a metric's CSV is read against its
    /// definition) is remembered under: the versions of those files this load read.
    pub(crate) fn against(&self, paths: &[&Path]) -> Option<u64> {
        self.cache
            .map_or(Some(0), |cache| cache.dependencies(paths.iter().copied()))
    }

    /// What reading `file` gives, read against `dependencies` (see [`Files::against`]):
    /// remembered by the cache while none of them changed.
    pub(crate) fn read<T: Clone + Send + Sync + 'static>(
        &self,
        file: &Found,
        dependencies: Option<u64>,
        diags: &mut Diagnostics,
        read: impl FnOnce(&mut Diagnostics) -> Option<T>,
    ) -> Option<T> {
        match self.cache {
            Some(cache) => cache.get_or_load(&file.path, dependencies, diags, read),
            None => read(diags),
        }
    }

    /// Reads the files of one kind (see [`Files::of`]) in parallel, each into its own list of
    /// problems, then merges those (problems are sorted when printed, so the order they are
    /// found in does not matter).
    pub(crate) fn read_each<'a, K: Send, T: Send>(
        &'a self,
        key: impl Fn(&'a Kind) -> Option<K> + 'a,
        diags: &mut Diagnostics,
        read: impl Fn(K, &'a Found, &mut Diagnostics) -> Option<T> + Sync,
    ) -> Vec<T> {
        let files: Vec<(K, &Found)> = self.of(key).collect();
        let results: Vec<(Option<T>, Diagnostics)> = files
            .into_par_iter()
            .map(|(key, file)| {
                let mut found = Diagnostics::new();
                (read(key, file, &mut found), found)
            })
            .collect();
        let read = results.into_iter().filter_map(|(value, found)| {
            diags.extend(found);
            value
        });
        read.collect()
    }
}

/// Reads a YAML file into a document; problems go to `diags`.
pub(super) fn read_yaml(found: &Found, diags: &mut Diagnostics) -> Option<YamlDoc> {
    let text = source::read_text(&found.path, &found.shown)
        .map_err(|d| diags.push(d))
        .ok()?;
    YamlDoc::parse(&found.shown, text, 0, diags)
}

/// Reads a Markdown file with front matter into its document and its body.
pub(super) fn read_markdown(found: &Found, diags: &mut Diagnostics) -> Option<(YamlDoc, String)> {
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
