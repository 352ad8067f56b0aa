//! Writing new content for the communications team: `plainsight init` (a new site with a small
//! example, a .gitignore and CI workflows) and `plainsight new ...` (an action, a metric, a
//! snapshot or an update, each with comments explaining every field). Nothing is ever
//! overwritten: a file that exists is an error naming it.

use crate::model::metric::Frequency;
use crate::model::period::Period;
use crate::model::Content;
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

/// The example site `init` writes: path inside the new site -> text.
const INIT_FILES: [(&str, &str); 12] = [
    ("content/site.yaml", include_str!("site/site.yaml")),
    (
        "content/strategies/our-plan/index.md",
        include_str!("site/strategies/our-plan/index.md"),
    ),
    (
        "content/strategies/our-plan/actions.yaml",
        include_str!("site/strategies/our-plan/actions.yaml"),
    ),
    (
        "content/metrics/calls-answered.yaml",
        include_str!("site/metrics/calls-answered.yaml"),
    ),
    (
        "content/metrics/calls-answered.csv",
        include_str!("site/metrics/calls-answered.csv"),
    ),
    (
        "content/metrics/online-reports.yaml",
        include_str!("site/metrics/online-reports.yaml"),
    ),
    (
        "content/updates/2025-03-31-quarter-four-report.md",
        include_str!("site/updates/2025-03-31-quarter-four-report.md"),
    ),
    (
        "content/pages/about.md",
        include_str!("site/pages/about.md"),
    ),
    (
        "content/pages/accessibility.md",
        include_str!("site/pages/accessibility.md"),
    ),
    (".gitignore", "/public/\n"),
    (
        ".github/workflows/plainsight.yml",
        include_str!("ci/github.yml"),
    ),
    (".gitlab-ci.yml", include_str!("ci/gitlab.yml")),
];

/// A file `init` or `new` would write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewFile {
    pub(crate) path: PathBuf,
    pub(crate) text: String,
    /// Append to an existing file (a new action in its plan) instead of creating one.
    pub(crate) append: bool,
}

/// Why nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScaffoldError(pub String);

impl std::fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The files of a new site in `dir`.
pub(crate) fn init(dir: &Path) -> Vec<NewFile> {
    INIT_FILES
        .iter()
        .map(|(path, text)| NewFile {
            path: dir.join(path),
            text: (*text).to_string(),
            append: false,
        })
        .collect()
}

/// Writes files, refusing before writing anything if any would overwrite an existing file.
pub(crate) fn write(files: &[NewFile]) -> Result<(), ScaffoldError> {
    for file in files.iter().filter(|f| !f.append) {
        if file.path.exists() {
            return Err(ScaffoldError(format!(
                "{} already exists; plainsight never overwrites a file (move it away or choose another name)",
                file.path.display()
            )));
        }
    }
    for file in files {
        if let Some(dir) = file.path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| ScaffoldError(format!("{}: {e}", dir.display())))?;
        }
        let result = if file.append {
            use std::io::Write;
            std::fs::OpenOptions::new()
                .append(true)
                .open(&file.path)
                .and_then(|mut f| f.write_all(file.text.as_bytes()))
        } else {
            std::fs::write(&file.path, &file.text)
        };
        result.map_err(|e| ScaffoldError(format!("{}: {e}", file.path.display())))?;
    }
    Ok(())
}

/// The next id after the plan's last one: DS-08 -> DS-09; A-1 -> A-2; none -> `<PREFIX>-01`.
pub(crate) fn next_action_id(existing: &[&str], strategy_slug: &str) -> String {
    let parsed: Vec<(String, u32, usize)> = existing
        .iter()
        .filter_map(|id| {
            let (prefix, number) = id.rsplit_once('-')?;
            Some((prefix.to_string(), number.parse().ok()?, number.len()))
        })
        .collect();
    match parsed.iter().max_by_key(|(_, n, _)| *n) {
        Some((prefix, number, width)) => {
            let mut candidate = number + 1;
            loop {
                let id = format!("{prefix}-{candidate:0width$}");
                if !existing.iter().any(|e| e.eq_ignore_ascii_case(&id)) {
                    return id;
                }
                candidate += 1;
            }
        }
        None => {
            let prefix: String = strategy_slug
                .split('-')
                .filter_map(|w| w.chars().next())
                .filter(|c| c.is_ascii_alphabetic())
                .collect::<String>()
                .to_uppercase();
            format!(
                "{}-01",
                if prefix.is_empty() {
                    "A".to_string()
                } else {
                    prefix
                }
            )
        }
    }
}

/// A new action appended to a strategy's plan.
pub(crate) fn new_action(
    content_dir: &Path,
    content: &Content,
    strategy: &str,
    title: Option<&str>,
) -> Result<NewFile, ScaffoldError> {
    let Some(plan) = content.strategies.get(strategy) else {
        let known: Vec<&str> = content.strategies.keys().map(String::as_str).collect();
        return Err(ScaffoldError(format!(
            "there is no strategy `{strategy}`; the strategies are: {}",
            if known.is_empty() {
                "none yet".to_string()
            } else {
                known.join(", ")
            }
        )));
    };
    let ids: Vec<&str> = plan.actions.iter().map(|a| a.id.as_str()).collect();
    let id = next_action_id(&ids, strategy);
    let theme_line = match plan.themes.first() {
        Some(theme) => format!(
            "  theme: {}               # one of: {}\n",
            theme.id,
            plan.themes
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => String::new(),
    };
    let title = title.unwrap_or("Describe the action in a few words");
    let path = content_dir
        .join("strategies")
        .join(strategy)
        .join("actions.yaml");
    let needs_newline = std::fs::read(&path)
        .map(|b| !b.is_empty() && !b.ends_with(b"\n"))
        .unwrap_or(false);
    let text = format!(
        "{}\n# {id}: added with `plainsight new action`. Required: id, title, status{}.\n- id: {id}                      # stable: the record of changes follows it\n{theme_line}  title: {}\n  owner: Responsible officer      # who is responsible\n  due: \"{}\"                     # YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY/YY, ongoing or annual\n  status: not_started             # not_started, on_track, at_risk, delayed, complete, ongoing, cancelled\n  success_criteria: How you will know it is done.\n  updates: []                     # dated progress: - {{date: \"YYYY-MM-DD\", text: ...}}\n",
        if needs_newline { "\n" } else { "" },
        if plan.themes.is_empty() { "" } else { ", theme" },
        yaml_string(title),
        content.reporting_date.date.year() + 1,
    );
    Ok(NewFile {
        path,
        text,
        append: true,
    })
}

/// A YAML scalar for text a person typed: quoted when it could be read as something else.
fn yaml_string(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || " .,()'’–-/&".contains(c))
        && !text.starts_with(['-', ' ', '\''])
        && !text.ends_with(' ');
    let reserved = matches!(
        text.to_lowercase().as_str(),
        "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off"
    );
    if plain && !text.is_empty() && !reserved {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// A new metric definition.
pub(crate) fn new_metric(content_dir: &Path, slug: &str) -> Result<NewFile, ScaffoldError> {
    if !crate::load::fields::IdRule::Slug.check(slug) {
        return Err(ScaffoldError(format!(
            "`{slug}` cannot be a metric's name: use {}",
            crate::load::fields::IdRule::Slug.describe()
        )));
    }
    let text = format!(
        "# A performance measure, written by `plainsight new metric`. Required: title, unit.\ntitle: {}\ndescription: What is measured and how (Markdown).\nunit: count            # count | percent | gbp | hours | days | minutes | score | ratio\ndirection: up          # up: higher is better; down: lower is better; none: context only\nfrequency: monthly     # daily | monthly | quarterly | annual | financial-year\nseries: [{{id: value, label: {}}}]   # one line per series, e.g. channels\ntargets: []            # e.g. [{{value: 95, from: \"2025-04\"}}]; a new target needs a new line\nchart: line            # line | bar | stacked-bar | area | stacked-area | pie\nsource: Where the figures come from\nheadline: false        # true: show on the dashboard\ndata: []               # e.g. - {{period: \"2025-04\", value: 120}}; or put them in {slug}.csv\n",
        yaml_string(&title_from_slug(slug)),
        yaml_string(&title_from_slug(slug)),
    );
    Ok(NewFile {
        path: content_dir.join("metrics").join(format!("{slug}.yaml")),
        text,
        append: false,
    })
}

fn title_from_slug(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// The period after `period`, of the same kind.
fn next_period(period: Period) -> Period {
    match period {
        Period::Year(y) => Period::Year(y + 1),
        Period::FinancialYear(y) => Period::FinancialYear(y + 1),
        Period::Quarter(y, 4) => Period::Quarter(y + 1, 1),
        Period::Quarter(y, q) => Period::Quarter(y, q + 1),
        Period::Month(y, 12) => Period::Month(y + 1, 1),
        Period::Month(y, m) => Period::Month(y, m + 1),
        Period::Day(d) => Period::Day(d.succ_opt().unwrap_or(d)),
    }
}

/// The period a figure would be due for on `date`, for a metric with no figures yet.
fn period_for(frequency: Option<Frequency>, date: NaiveDate) -> Period {
    match frequency {
        Some(Frequency::Daily) => Period::Day(date),
        Some(Frequency::Quarterly) => Period::Quarter(date.year(), (date.month() - 1) / 3 + 1),
        Some(Frequency::Annual) => Period::Year(date.year()),
        Some(Frequency::FinancialYear) => Period::FinancialYear(if date.month() >= 4 {
            date.year()
        } else {
            date.year() - 1
        }),
        Some(Frequency::Monthly) | None => Period::Month(date.year(), date.month()),
    }
}

/// A snapshot for `date`, pre-filled with every metric and the next period due, every value
/// left blank (`~`) for the team to fill in.
pub(crate) fn new_snapshot(content_dir: &Path, content: &Content, date: NaiveDate) -> NewFile {
    let mut text = format!(
        "# Figures as published on {} (written by `plainsight new snapshot`).\n# Fill in each value; leave ~ where there is no figure. A figure given again elsewhere\n# must have the same value.\ntitle: Performance statistics – {}\nvalues:\n",
        crate::model::period::date_in_words(date),
        crate::model::period::date_in_words(date)
    );
    for metric in content.metrics.values() {
        let period = metric
            .periods()
            .last()
            .map_or_else(|| period_for(metric.frequency, date), |p| next_period(*p));
        let values: Vec<String> = metric
            .series
            .iter()
            .map(|s| format!("{}: ~", s.id))
            .collect();
        text.push_str(&format!(
            "  {}: {{period: \"{period}\", {}}}   # {}\n",
            metric.slug,
            values.join(", "),
            metric.title
        ));
    }
    if content.metrics.is_empty() {
        text.push_str("  {}\n");
    }
    NewFile {
        path: content_dir
            .join("snapshots")
            .join(format!("{}.yaml", date.format("%Y-%m-%d"))),
        text,
        append: false,
    }
}

/// A new update dated `date`.
pub(crate) fn new_update(
    content_dir: &Path,
    title: &str,
    date: NaiveDate,
) -> Result<NewFile, ScaffoldError> {
    let slug = crate::load::fields::IdRule::Slug
        .suggest(title)
        .filter(|s| s.len() <= 60)
        .unwrap_or_else(|| {
            crate::render::markdown::slugify(title)
                .chars()
                .take(60)
                .collect::<String>()
                .trim_end_matches('-')
                .to_string()
        });
    let day = date.format("%Y-%m-%d");
    let text = format!(
        "---\n# An update (a progress report or news item), written by `plainsight new update`.\ntitle: {}\ndate: \"{day}\"              # must match the date in the file name\ncommittee: ~                  # e.g. Cabinet\nref: ~                        # the committee report's reference\nstrategies: []                # strategies it reports on, e.g. [our-plan]\nmetrics: []                   # measures it mentions\n---\nWrite the update here, in Markdown.\n",
        yaml_string(title)
    );
    Ok(NewFile {
        path: content_dir.join("updates").join(format!("{day}-{slug}.md")),
        text,
        append: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_id_follows_the_plans_numbering() {
        assert_eq!(
            next_action_id(&["DS-01", "DS-08", "DS-03"], "digital"),
            "DS-09"
        );
        assert_eq!(next_action_id(&["A-9"], "x"), "A-10");
        assert_eq!(next_action_id(&[], "customer-services-plan"), "CSP-01");
    }

    #[test]
    fn periods_follow_on() {
        assert_eq!(next_period(Period::Month(2019, 12)), Period::Month(2020, 1));
        assert_eq!(
            next_period(Period::Quarter(2024, 4)),
            Period::Quarter(2025, 1)
        );
        assert_eq!(
            next_period(Period::FinancialYear(2019)),
            Period::FinancialYear(2020)
        );
        let d = NaiveDate::from_ymd_opt(2025, 2, 10).unwrap();
        assert_eq!(
            period_for(Some(Frequency::FinancialYear), d),
            Period::FinancialYear(2024)
        );
        assert_eq!(
            period_for(Some(Frequency::Quarterly), d),
            Period::Quarter(2025, 1)
        );
    }

    #[test]
    fn typed_text_is_quoted_when_yaml_would_misread_it() {
        assert_eq!(
            yaml_string("Move council tax online"),
            "Move council tax online"
        );
        assert_eq!(yaml_string("Fix: the bins"), "\"Fix: the bins\"");
        assert_eq!(yaml_string("null"), "\"null\"");
        assert_eq!(yaml_string("say \"hi\""), "\"say \\\"hi\\\"\"");
    }
}
