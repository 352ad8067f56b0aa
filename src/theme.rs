//! Loading the theme: the default theme built into plainsight, with a site's own theme
//! (`themes/<name>/` beside `content/`, named by `theme:` in site.yaml) laid over it. A site
//! file with the same name as a default one wins. This is I/O, done before rendering, so
//! rendering never reads files.

use crate::diag::{Diagnostic, Diagnostics, Location};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// A template: its name (e.g. `strategy.html`) and its source.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    pub source: String,
}

/// The templates and static files a site is rendered with.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// The default theme's templates.
    pub default_templates: Vec<TemplateSource>,
    /// The site theme's templates, which override default ones of the same name.
    pub(crate) site_templates: Vec<TemplateSource>,
    /// Static files by path inside `static/`, site files over default ones. The default
    /// theme's are borrowed from the binary, not copied (ECharts alone is a megabyte).
    pub(crate) statics: BTreeMap<String, Cow<'static, [u8]>>,
}

impl Theme {
    /// The default theme alone.
    pub fn default_theme() -> Theme {
        let mut theme = Theme::default();
        for (path, bytes) in embedded::FILES {
            if let Some(name) = path.strip_prefix("templates/") {
                theme.default_templates.push(TemplateSource {
                    name: name.to_string(),
                    source: String::from_utf8_lossy(bytes).into_owned(),
                });
            } else if let Some(name) = path.strip_prefix("static/") {
                theme
                    .statics
                    .insert(name.to_string(), Cow::Borrowed(*bytes));
            }
        }
        theme
    }

    /// The default theme with the site's theme `themes/<name>/` (inside `site_dir`) over it.
    pub(crate) fn load(site_dir: &Path, name: Option<&str>, diags: &mut Diagnostics) -> Theme {
        let mut theme = Theme::default_theme();
        let Some(name) = name else { return theme };
        let dir = site_dir.join("themes").join(name);
        if !dir.is_dir() {
            diags.push(
                Diagnostic::error(Location::file(&dir), format!("site.yaml names the theme `{name}`, but this folder does not exist"))
                    .hint("create it with templates/ and static/ folders, or remove `theme:` to use the default theme"),
            );
            return theme;
        }
        for (relative, path) in files_under(&dir.join("templates"), diags) {
            match std::fs::read_to_string(&path) {
                Ok(source) => theme.site_templates.push(TemplateSource {
                    name: relative,
                    source,
                }),
                Err(e) => diags.push(Diagnostic::error(
                    Location::file(&path),
                    format!("cannot read this template: {e}"),
                )),
            }
        }
        for (relative, path) in files_under(&dir.join("static"), diags) {
            match std::fs::read(&path) {
                Ok(bytes) => {
                    theme.statics.insert(relative, Cow::Owned(bytes));
                }
                Err(e) => diags.push(Diagnostic::error(
                    Location::file(&path),
                    format!("cannot read this file: {e}"),
                )),
            }
        }
        theme
    }
}

/// Files below `dir` as (path relative to it with `/` separators, full path), in name order.
/// Symbolic links are not followed.
fn files_under(dir: &Path, diags: &mut Diagnostics) -> Vec<(String, std::path::PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let parts: Option<Vec<&str>> = relative
                    .components()
                    .map(|c| c.as_os_str().to_str())
                    .collect();
                match parts {
                    Some(parts) if !parts.iter().any(|p| p.starts_with('.')) => {
                        files.push((parts.join("/"), entry.path().to_path_buf()));
                    }
                    Some(_) => {}
                    None => diags.push(Diagnostic::error(
                        Location::file(entry.path()),
                        "this file name is not valid UTF-8",
                    )),
                }
            }
            Ok(entry) if entry.path_is_symlink() => diags.push(Diagnostic::warning(
                Location::file(entry.path()),
                "symbolic links are not followed; this is ignored",
            )),
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::error(
                Location::file(dir),
                format!("cannot read the theme: {e}"),
            )),
        }
    }
    files
}
