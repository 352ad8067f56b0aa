//! `plainsight build`: the pipeline as named stages. Load and validate the content, load the
//! theme, render (each file written into a staging folder as it is made), swap in. Any
//! error stops the build and removes the staging folder, so the previous site stays as it
//! was.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::output::{Sink, Staging};
use crate::render::{render, RenderOptions, Rendered};
use crate::theme::Theme;
use std::path::{Path, PathBuf};

/// Where to read and write.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content_dir: PathBuf,
    pub out_dir: PathBuf,
    pub base_url: Option<String>,
}

/// What a build did, for its summary line.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub(crate) pages: usize,
    pub(crate) charts: usize,
    pub(crate) files: usize,
    /// Each stage and how long it took, in order.
    pub(crate) timings: Vec<(&'static str, std::time::Duration)>,
}

/// The outcome: every problem found, and the report when the site was written.
pub struct Built {
    pub diagnostics: Diagnostics,
    pub report: Option<BuildReport>,
}

/// The folder holding `content/` (and `themes/`).
fn site_dir(content_dir: &Path) -> PathBuf {
    match content_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The loaded content and the theme it asks for, once both are known to have no errors; the
/// history's warnings are added only then, so a broken site reports its own problems alone.
fn content_and_theme(
    content_dir: &Path,
    checked: crate::Checked,
    history_problems: Diagnostics,
    diagnostics: &mut Diagnostics,
) -> Option<(crate::model::Content, Theme)> {
    diagnostics.extend(checked.diagnostics);
    let content = checked.content?;
    if diagnostics.has_errors() {
        return None;
    }
    diagnostics.extend(history_problems);
    let theme = Theme::load(
        &site_dir(content_dir),
        content.site.theme.as_deref(),
        diagnostics,
    );
    if diagnostics.has_errors() {
        return None;
    }
    Some((content, theme))
}

/// Runs `stage` and says how long it took.
fn timed<T>(stage: impl FnOnce() -> T) -> (T, std::time::Duration) {
    let started = std::time::Instant::now();
    let value = stage();
    (value, started.elapsed())
}

/// Renders the site, handing each file to `sink` as it is made. `None` when a problem
/// stopped it (in `diagnostics`).
pub(crate) fn render_site(
    options: &BuildOptions,
    diagnostics: &mut Diagnostics,
    sink: &dyn Sink,
) -> Option<Rendered> {
    // The commits are read from git beside the content: neither needs the other. The
    // replay comes after, to take the files on disk from what loading read.
    let ((checked, loaded), (walk, walk_took)) = rayon::join(
        || timed(|| crate::check(&options.content_dir)),
        || timed(|| crate::history::walk(&options.content_dir)),
    );
    let mut history_problems = Diagnostics::new();
    let (history, replay_took) =
        timed(|| walk.replay(&checked.working_copy, &mut history_problems));
    let (content, theme) =
        content_and_theme(&options.content_dir, checked, history_problems, diagnostics)?;
    let render_options = RenderOptions {
        base_url: options.base_url.clone(),
    };
    let rendered = render(
        &content,
        &history,
        &theme,
        &render_options,
        diagnostics,
        sink,
    );
    // Freeing a large model takes a while; do it off the build's path (a command that exits
    // next does not wait for it, a preview server frees it in the background).
    std::thread::spawn(move || drop((content, history, theme)));
    let mut rendered = rendered?;
    rendered.timings.splice(
        0..0,
        [
            ("load and validate", loaded),
            ("git commits (beside loading)", walk_took),
            ("git history replayed", replay_took),
        ],
    );
    Some(rendered)
}

/// What the preview server keeps from one load of the site to the next.
#[derive(Default)]
pub struct Caches {
    pub files: crate::load::cache::FileCache,
    pub(crate) history: crate::history::HistoryCache,
}

/// Loads the site in `content_dir` for the preview: only what changed since the last load is
/// read again (`caches`), and nothing is rendered until it is asked for. Links are
/// site-relative, whatever base_url says. `None` when a problem stopped it (in
/// `diagnostics`).
pub fn preview(
    content_dir: &Path,
    caches: &mut Caches,
    diagnostics: &mut Diagnostics,
) -> Option<crate::render::preview::Preview> {
    let (checked, walk) = rayon::join(
        || crate::check_with(content_dir, Some(&caches.files)),
        || caches.history.walk(content_dir),
    );
    let mut history_problems = Diagnostics::new();
    let files = &caches.files;
    let history = caches.history.replay(
        walk,
        &checked.working_copy,
        &|path| files.stamp(&content_dir.join(path)),
        &mut history_problems,
    );
    let (content, theme) = content_and_theme(content_dir, checked, history_problems, diagnostics)?;
    let render_options = RenderOptions {
        base_url: Some("/".to_string()),
    };
    crate::render::preview::Preview::new(content, history, theme, &render_options, diagnostics)
}

/// Builds the site into `options.out_dir`: written into a staging folder as it renders,
/// swapped in only when complete.
pub fn build(options: &BuildOptions) -> Built {
    let mut diagnostics = Diagnostics::new();
    let cannot_write = |error: crate::output::WriteError| {
        Diagnostic::error(
            Location::file(&error.path),
            format!("cannot write the site: {}", error.message),
        )
    };
    let staging = match Staging::begin(&options.out_dir) {
        Ok(staging) => staging,
        Err(error) => {
            diagnostics.push(cannot_write(error));
            return Built {
                diagnostics,
                report: None,
            };
        }
    };
    let Some(rendered) = render_site(options, &mut diagnostics, &staging) else {
        // Dropping the staging folder removes it; the previous site stays.
        return Built {
            diagnostics,
            report: None,
        };
    };
    let swap_started = std::time::Instant::now();
    if let Err(error) = staging.finish() {
        diagnostics.push(cannot_write(error));
        return Built {
            diagnostics,
            report: None,
        };
    }
    Built {
        diagnostics,
        report: Some(BuildReport {
            pages: rendered.pages,
            charts: rendered.charts,
            files: rendered.files,
            timings: {
                let mut timings = rendered.timings;
                timings.push(("swap in", swap_started.elapsed()));
                timings
            },
        }),
    }
}
