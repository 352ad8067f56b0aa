//! Finding content files: walks `content/` and says what each file is by where it is. A file
//! in a place the format does not know is reported, never silently skipped; symbolic links
//! are not followed, so nothing outside `content/` is ever read.

use super::fields::IdRule;
use crate::diag::{did_you_mean, Diagnostic, Diagnostics, Location};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// What a content file is, from its place in `content/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Site,
    StrategyIndex { slug: String },
    Actions { slug: String },
    MetricDefinition { slug: String },
    MetricCsv { slug: String },
    Snapshot { date: NaiveDate },
    Update { date: NaiveDate, slug: String },
    Page { slug: String },
}

/// A content file found on disk.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub(crate) kind: Kind,
    /// Where to read it.
    pub(crate) path: PathBuf,
    /// How to name it in messages (the content folder as given, then the relative path).
    pub(crate) shown: PathBuf,
}

const LAYOUT: &str = "site.yaml, strategies/<slug>/index.md, strategies/<slug>/actions.yaml, metrics/<slug>.yaml, metrics/<slug>.csv, snapshots/<YYYY-MM-DD>.yaml, updates/<YYYY-MM-DD>-<slug>.md or pages/<slug>.md";

const KNOWN_NAMES: [&str; 3] = ["site.yaml", "index.md", "actions.yaml"];

/// Says what the file at `relative` (inside `content/`) is.
pub(crate) fn classify(relative: &Path, shown: &Path) -> Result<Kind, Diagnostic> {
    let parts: Vec<&str> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<_>>()
        .ok_or_else(|| {
            Diagnostic::error(Location::file(shown), "this file name is not valid UTF-8")
                .hint("rename it using letters, digits and hyphens")
        })?;
    let misplaced = || {
        let name = parts.last().copied().unwrap_or_default();
        let mut d = Diagnostic::warning(
            Location::file(shown),
            "this file is not part of the content format and is ignored",
        )
        .expected(LAYOUT);
        if let Some(stem) = name.strip_suffix(".yml") {
            d = d.hint(format!(
                "YAML files end in .yaml here: rename it to {stem}.yaml"
            ));
        } else if let Some(near) = did_you_mean(name, KNOWN_NAMES) {
            d = d.hint(format!("did you mean `{near}`?"));
        }
        d
    };
    let slug_of = |name: &str, what: &str| -> Result<String, Diagnostic> {
        if IdRule::Slug.check(name) {
            Ok(name.to_string())
        } else {
            Err(Diagnostic::error(
                Location::file(shown),
                format!(
                    "the {what} `{}` cannot be used in a web address",
                    name.escape_debug()
                ),
            )
            .expected(IdRule::Slug.describe())
            .maybe_hint(
                IdRule::Slug
                    .suggest(name)
                    .map(|s| format!("rename it to `{s}`")),
            ))
        }
    };
    let date_of = |text: &str| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .filter(|_| text.len() == 10)
    };
    match parts.as_slice() {
        ["site.yaml"] => Ok(Kind::Site),
        ["strategies", slug, "index.md"] => Ok(Kind::StrategyIndex {
            slug: slug_of(slug, "strategy folder name")?,
        }),
        ["strategies", slug, "actions.yaml"] => Ok(Kind::Actions {
            slug: slug_of(slug, "strategy folder name")?,
        }),
        ["metrics", name] if name.ends_with(".yaml") => Ok(Kind::MetricDefinition {
            slug: slug_of(name.trim_end_matches(".yaml"), "metric file name")?,
        }),
        ["metrics", name] if name.ends_with(".csv") => Ok(Kind::MetricCsv {
            slug: slug_of(name.trim_end_matches(".csv"), "metric file name")?,
        }),
        ["snapshots", name] if name.ends_with(".yaml") => {
            let stem = name.trim_end_matches(".yaml");
            date_of(stem)
                .map(|date| Kind::Snapshot { date })
                .ok_or_else(|| {
                    Diagnostic::error(
                        Location::file(shown),
                        format!("the snapshot file name `{stem}` is not a date"),
                    )
                    .expected(
                        "snapshots/<YYYY-MM-DD>.yaml, named by the date the figures were published",
                    )
                })
        }
        ["updates", name] if name.ends_with(".md") => {
            let stem = name.trim_end_matches(".md");
            let date = stem.get(..10).and_then(date_of);
            let slug = stem
                .get(11..)
                .filter(|_| stem.as_bytes().get(10) == Some(&b'-'));
            match (date, slug) {
                (Some(date), Some(slug)) => Ok(Kind::Update { date, slug: slug_of(slug, "update file name")? }),
                _ => Err(Diagnostic::error(
                    Location::file(shown),
                    format!("the update file name `{stem}` does not start with a date and a slug"),
                )
                .expected("updates/<YYYY-MM-DD>-<slug>.md, e.g. updates/2020-02-04-ict-performance-update.md")),
            }
        }
        ["pages", name] if name.ends_with(".md") => Ok(Kind::Page {
            slug: slug_of(name.trim_end_matches(".md"), "page file name")?,
        }),
        _ => Err(misplaced()),
    }
}

/// Walks the content folder in a fixed order. Hidden files (`.gitkeep`, `.DS_Store`) are
/// skipped; symbolic links are reported and not followed.
pub(crate) fn discover(content_dir: &Path, diags: &mut Diagnostics) -> Vec<Found> {
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let shown = error
                    .path()
                    .map_or_else(|| content_dir.to_path_buf(), Path::to_path_buf);
                diags.push(Diagnostic::error(
                    Location::file(shown),
                    format!("cannot read this: {error}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        let relative = path.strip_prefix(content_dir).unwrap_or(path);
        if entry.path_is_symlink() {
            diags.push(
                Diagnostic::warning(
                    Location::file(path),
                    "symbolic links are not followed; this is ignored",
                )
                .hint("copy the file into content/ instead of linking to it"),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        match classify(relative, path) {
            Ok(kind) => found.push(Found {
                kind,
                path: path.to_path_buf(),
                shown: path.to_path_buf(),
            }),
            Err(d) => diags.push(d),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str) -> Result<Kind, String> {
        classify(Path::new(path), Path::new(path)).map_err(|d| d.to_string())
    }

    #[test]
    fn every_place_of_the_format_is_recognised() {
        assert_eq!(kind("site.yaml"), Ok(Kind::Site));
        assert_eq!(
            kind("strategies/digital/index.md"),
            Ok(Kind::StrategyIndex {
                slug: "digital".into()
            })
        );
        assert_eq!(
            kind("strategies/digital/actions.yaml"),
            Ok(Kind::Actions {
                slug: "digital".into()
            })
        );
        assert_eq!(
            kind("metrics/sla.yaml"),
            Ok(Kind::MetricDefinition { slug: "sla".into() })
        );
        assert_eq!(
            kind("metrics/sla.csv"),
            Ok(Kind::MetricCsv { slug: "sla".into() })
        );
        let date = NaiveDate::from_ymd_opt(2019, 7, 31).unwrap();
        assert_eq!(
            kind("snapshots/2019-07-31.yaml"),
            Ok(Kind::Snapshot { date })
        );
        assert_eq!(
            kind("updates/2019-07-31-summer-report.md"),
            Ok(Kind::Update {
                date,
                slug: "summer-report".into()
            })
        );
        assert_eq!(
            kind("pages/about.md"),
            Ok(Kind::Page {
                slug: "about".into()
            })
        );
    }

    #[test]
    fn unknown_places_are_warnings_with_a_suggestion() {
        let message = kind("strategies/digital/action.yaml").unwrap_err();
        assert!(
            message.contains("warning: this file is not part of the content format"),
            "{message}"
        );
        assert!(
            message.contains("did you mean `actions.yaml`?"),
            "{message}"
        );
        assert!(kind("metrics/sla.yml")
            .unwrap_err()
            .contains("rename it to sla.yaml"));
        assert!(kind("notes.txt").is_err());
    }

    #[test]
    fn unsafe_names_are_errors() {
        let message = kind("pages/About Us.md").unwrap_err();
        assert!(
            message
                .contains("error: the page file name `About Us` cannot be used in a web address"),
            "{message}"
        );
        assert!(message.contains("rename it to `about-us`"), "{message}");
        assert!(kind("snapshots/31-07-2019.yaml")
            .unwrap_err()
            .contains("is not a date"));
        assert!(kind("updates/2019-07-31.md")
            .unwrap_err()
            .contains("does not start with a date and a slug"));
        assert!(kind("updates/2019-02-30-x.md").is_err());
    }
}
