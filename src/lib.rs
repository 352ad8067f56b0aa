//! plainsight: a static-site generator for public performance transparency.
//!
//! The pipeline, one module a stage: [`load`] (content files -> [`model`]) ->
//! [`validate`] (cross-file checks) -> [`theme`] -> [`render`] (pages, charts) ->
//! [`output`] (written atomically). [`build`] runs them in order. Every stage reports
//! problems as [`diag::Diagnostic`]s naming file, line and column, and collects all of them
//! before failing.

pub mod build;
pub mod cli;
pub mod diag;
pub mod history;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod scaffold;
#[cfg(feature = "serve")]
pub(crate) mod serve;
#[cfg(test)]
mod test_random;
pub mod theme;
pub(crate) mod validate;

use diag::Diagnostics;
use model::Content;
use std::path::Path;

/// The outcome of loading and validating a content folder.
pub struct Checked {
    /// The model, when site.yaml could be read (even if other files have errors).
    pub content: Option<Content>,
    pub diagnostics: Diagnostics,
    /// What each file was read to (see [`load::WorkingCopy`]).
    pub working_copy: load::WorkingCopy,
}

impl Checked {
    pub fn summary(&self) -> Option<validate::Summary> {
        self.content.as_ref().map(validate::Summary::of)
    }
}

/// Loads and validates the content folder, collecting every problem.
pub fn check(content_dir: &Path) -> Checked {
    check_with(content_dir, None)
}

/// [`check`], reading again only the files `cache` does not remember.
pub(crate) fn check_with(content_dir: &Path, cache: Option<&load::cache::FileCache>) -> Checked {
    let mut diagnostics = Diagnostics::new();
    let loaded = load::load_with(content_dir, cache, &mut diagnostics);
    if let Some(content) = &loaded.content {
        validate::validate(content, &loaded.unloaded, &mut diagnostics);
    }
    Checked {
        content: loaded.content,
        diagnostics,
        working_copy: loaded.working_copy,
    }
}
