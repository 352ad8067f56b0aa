//! Loading a strategy: `strategies/<slug>/index.md` (front matter and summary) and its action
//! plan `strategies/<slug>/actions.yaml`.

use super::fields::{Fields, IdRule};
use super::raw::{RawAction, RawActionUpdate, RawPeriodRange, RawStep, RawStrategy, Text};
use super::yaml::{YamlDoc, YamlPath};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::period::Period;
use crate::model::strategy::{
    Action, ActionUpdate, Approval, Located, Step, Strategy, StrategyPeriod, Theme,
};

/// Reads a strategy's front matter; `summary` is its Markdown body. Actions are added later.
pub(crate) fn load_strategy(
    slug: &str,
    doc: &YamlDoc,
    summary: &str,
    diags: &mut Diagnostics,
) -> Option<Strategy> {
    let root = YamlPath::root();
    let raw: RawStrategy = doc.read(diags)?;
    let mut f = Fields { doc, diags };
    let title = f.required(raw.title.as_ref(), &root, "title");
    let period = raw
        .period
        .as_ref()
        .and_then(|value| strategy_period(&mut f, value, &root.key("period")));
    let approved = raw.approved.as_ref().map(|a| Approval {
        by: f.text(a.by.as_ref()),
        on: f.date(a.on.as_ref(), &root.key("approved").key("on")),
        reference: f.text(a.reference.as_ref()),
    });
    let mut themes: Vec<Theme> = Vec::new();
    for (i, theme) in raw.themes.iter().enumerate() {
        let path = root.key("themes").index(i);
        let id = f.required(theme.id.as_ref(), &path, "id");
        let title = f.required(theme.title.as_ref(), &path, "title");
        let (Some(id), Some(title)) = (id, title) else {
            continue;
        };
        if !f.id(&id, &path.key("id"), IdRule::Slug, "theme id") {
            continue;
        }
        if themes.iter().any(|t| t.id == id) {
            f.error(&path.key("id"), format!("theme `{id}` is listed twice"));
            continue;
        }
        themes.push(Theme {
            id,
            title,
            description: f.text(theme.description.as_ref()),
        });
    }
    let related = f.references(&raw.related, &root, "related");
    Some(Strategy {
        slug: slug.to_string(),
        title: title?,
        period,
        approved,
        owner: f.text(raw.owner.as_ref()),
        themes,
        related,
        review: f.text(raw.review.as_ref()),
        summary: summary.to_string(),
        actions: Default::default(),
        at: doc.at(&root),
    })
}

/// `2017/20` (financial years 2017/18 to 2019/20), a single period, or `{start, end}`.
fn strategy_period(
    f: &mut Fields,
    value: &serde_yaml::Value,
    path: &YamlPath,
) -> Option<StrategyPeriod> {
    let expected = "a span written YYYY/YY (e.g. 2017/20, April 2017 to March 2020), a single period, or {start: YYYY-MM, end: YYYY-MM}";
    if value.is_mapping() {
        let range: RawPeriodRange = f.doc.read_value(value, path, f.diags)?;
        let start = f.period(range.start.as_str(), &path.key("start"), None);
        let end = f.period(range.end.as_str(), &path.key("end"), None);
        let (start, end) = (start?, end?);
        if end.end() < start.start() {
            f.error(path, "the strategy period ends before it starts");
            return None;
        }
        return Some(StrategyPeriod { start, end });
    }
    let text = match value {
        serde_yaml::Value::String(s) => s.trim().to_string(),
        serde_yaml::Value::Number(n) => n.to_string(),
        _ => {
            f.error(path, "the strategy period is not text").expected = Some(expected.to_string());
            return None;
        }
    };
    if let Some((first, second)) = text.split_once('/') {
        if let (Ok(start), Ok(end)) = (first.parse::<i32>(), second.parse::<i32>()) {
            if first.len() == 4 && second.len() == 2 {
                let end_year = start - start.rem_euclid(100) + end;
                let end_year = if end_year <= start {
                    end_year + 100
                } else {
                    end_year
                };
                return Some(StrategyPeriod {
                    start: Period::FinancialYear(start),
                    end: Period::FinancialYear(end_year - 1),
                });
            }
        }
    }
    match Period::parse(&text) {
        Ok(period) => Some(StrategyPeriod {
            start: period,
            end: period,
        }),
        Err(_) => {
            f.error(path, format!("`{text}` is not a strategy period"))
                .expected = Some(expected.to_string());
            None
        }
    }
}

/// Reads an action plan: a YAML list of actions. Every action is read even when others are
/// broken, so one run reports every problem.
pub(crate) fn load_actions(
    doc: &YamlDoc,
    strategy: Option<&Strategy>,
    diags: &mut Diagnostics,
) -> Vec<Action> {
    let root = YamlPath::root();
    let Some(items) = doc.read_list::<RawAction>(diags) else {
        diags.push(
            Diagnostic::error(doc.at(&root), "an action plan must be a list of actions")
                .expected("a YAML list: each action starts with `- id: ...`"),
        );
        return Vec::new();
    };
    let mut actions = Vec::new();
    for (i, raw) in items {
        let path = root.index(i);
        let mut f = Fields { doc, diags };
        if let Some(action) = action(&mut f, &raw, &path, strategy) {
            actions.push(action);
        }
    }
    actions
}

/// Reads an action plan straight into actions, with no positions and no problems reported;
/// `None` when any part of it cannot be read. For old versions in the history, where speed
/// matters and nothing is reported.
pub(crate) fn read_actions_quietly(text: &str) -> Option<Vec<Action>> {
    let raws: Vec<RawAction> = serde_yaml::from_str(text).ok()?;
    let doc = YamlDoc::without_positions(std::path::Path::new("actions.yaml"), String::new());
    let mut ignored = Diagnostics::new();
    let mut f = Fields {
        doc: &doc,
        diags: &mut ignored,
    };
    let root = YamlPath::root();
    Some(
        raws.iter()
            .enumerate()
            .filter_map(|(i, raw)| action(&mut f, raw, &root.index(i), None))
            .collect(),
    )
}

fn action(
    f: &mut Fields,
    raw: &RawAction,
    path: &YamlPath,
    strategy: Option<&Strategy>,
) -> Option<Action> {
    let id = f.required(raw.id.as_ref(), path, "id");
    let id_ok = id
        .as_deref()
        .is_some_and(|id| f.id(id, &path.key("id"), IdRule::ActionId, "action id"));
    let title = f.required(raw.title.as_ref(), path, "title");
    let theme = theme_reference(f, raw.theme.as_ref(), path, strategy);
    let due = f.due(raw.due.as_ref(), &path.key("due"));
    let stated_status = match &raw.status {
        Some(text) if !text.as_str().trim().is_empty() => {
            f.status(text, &path.key("status")).map(Some)
        }
        _ => Some(None),
    };
    let steps: Vec<Step> = raw
        .steps
        .iter()
        .enumerate()
        .filter_map(|(j, s)| step(f, s, &path.key("steps").index(j)))
        .collect();
    let mut updates: Vec<ActionUpdate> = raw
        .updates
        .iter()
        .enumerate()
        .filter_map(|(j, u)| update(f, u, &path.key("updates").index(j)))
        .collect();
    updates.sort_by_key(|u| u.date);
    let stated_status = stated_status?;
    let rolled_up = crate::model::status::roll_up(steps.iter().map(|s| s.status));
    let (status, status_rolled_up) = match (stated_status, rolled_up) {
        (Some(stated), _) => (stated, false),
        (None, Some(rolled)) => (rolled, true),
        (None, None) => {
            if raw.status.is_some() || f.doc.has_key(&path.key("status")) {
                f.error(&path.key("status"), "`status` is empty, but it is required")
            } else {
                f.error(path, "required field `status` is missing")
            }
            .expected = Some(format!(
                "one of {} (or steps, whose statuses roll up into the action's)",
                crate::model::status::Status::accepted()
            ));
            return None;
        }
    };
    if !id_ok {
        return None;
    }
    Some(Action {
        id: id?,
        theme,
        title: title?,
        description: f.text(raw.description.as_ref()),
        milestones: raw
            .milestones
            .iter()
            .filter_map(|m| f.text(Some(m)))
            .collect(),
        success_criteria: f.text(raw.success_criteria.as_ref()),
        owner: f.text(raw.owner.as_ref()),
        due,
        status,
        status_rolled_up,
        status_note: f.text(raw.status_note.as_ref()),
        resources: f.text(raw.resources.as_ref()),
        expected_outcome: f.text(raw.expected_outcome.as_ref()),
        actual_outcome: f.text(raw.actual_outcome.as_ref()),
        metrics: f.references(&raw.metrics, path, "metrics"),
        steps,
        updates,
        at: f.doc.at(path),
    })
}

/// The action's theme: required when the strategy declares themes, and one of them.
fn theme_reference(
    f: &mut Fields,
    theme: Option<&Text>,
    path: &YamlPath,
    strategy: Option<&Strategy>,
) -> Option<Located<String>> {
    let themes = strategy.map(|s| s.themes.as_slice()).unwrap_or_default();
    let Some(theme) = f.text(theme) else {
        if !themes.is_empty() {
            let d = f.error(path, "required field `theme` is missing");
            d.expected = Some(format!(
                "one of the strategy's themes: {}",
                themes
                    .iter()
                    .map(|t| t.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        return None;
    };
    let theme_path = path.key("theme");
    if let Some(strategy) = strategy {
        if !themes.iter().any(|t| t.id == theme) {
            let ids: Vec<&str> = themes.iter().map(|t| t.id.as_str()).collect();
            let d = f.error(
                &theme_path,
                format!(
                    "theme `{theme}` is not one of the themes of strategy `{}`",
                    strategy.slug
                ),
            );
            d.expected = Some(if ids.is_empty() {
                format!(
                    "no theme: the strategy declares none in {}",
                    strategy.at.file.display()
                )
            } else {
                format!("one of {}", ids.join(", "))
            });
            d.hint = crate::diag::did_you_mean(&theme, ids).map(|m| format!("did you mean `{m}`?"));
            return None;
        }
    }
    Some(Located {
        value: theme,
        at: f.doc.at(&theme_path),
    })
}

fn step(f: &mut Fields, raw: &RawStep, path: &YamlPath) -> Option<Step> {
    let title = f.required(raw.title.as_ref(), path, "title");
    let status = match &raw.status {
        Some(text) if !text.as_str().trim().is_empty() => f.status(text, &path.key("status")),
        _ => {
            f.required(None, path, "status");
            None
        }
    };
    let due = f.due(raw.due.as_ref(), &path.key("due"));
    Some(Step {
        title: title?,
        description: f.text(raw.description.as_ref()),
        owner: f.text(raw.owner.as_ref()),
        due,
        status: status?,
        status_note: f.text(raw.status_note.as_ref()),
        update: f.text(raw.update.as_ref()),
        at: f.doc.at(path),
    })
}

fn update(f: &mut Fields, raw: &RawActionUpdate, path: &YamlPath) -> Option<ActionUpdate> {
    let date = match raw.date.as_ref() {
        Some(_) => f.date(raw.date.as_ref(), &path.key("date")),
        None => {
            f.required(None, path, "date");
            None
        }
    };
    let text = f.required(raw.text.as_ref(), path, "text");
    let status = match &raw.status {
        Some(s) => Some(f.status(s, &path.key("status"))?),
        None => None,
    };
    let due = f.due(raw.due.as_ref(), &path.key("due"));
    Some(ActionUpdate {
        date: date?,
        status,
        due,
        text: text?,
        at: f.doc.at(path),
    })
}
