//! Rendering: the model and the theme in, the site's files out (HTML pages, chart data,
//! sitemap, robots.txt, static assets). Pages render in parallel. Nothing here reads or
//! writes files: [`crate::output`] writes what this returns.

pub mod changes;
pub mod charts;
pub mod data;
pub mod feeds;
pub mod format;
pub mod markdown;
pub mod search;
pub mod searchable;
pub mod views;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::history::History;
use crate::model::schedule::Timing;
use crate::model::{Content, Status};
use crate::output::OutputFile;
use crate::theme::Theme;
use rayon::prelude::*;
use serde::Serialize;
use views::*;

/// What to render with.
pub struct RenderOptions {
    /// Overrides site.yaml's base_url (e.g. for a preview deployment).
    pub base_url: Option<String>,
}

/// What was rendered, for the build's summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub files: Vec<OutputFile>,
    pub pages: usize,
    pub charts: usize,
    /// How long the pages and the search index took.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// One page to render: where it goes, which template, and its view.
struct PageJob {
    path: String,
    template: &'static str,
    title: String,
    breadcrumbs: Vec<Link>,
    view: serde_json::Value,
    charts: usize,
    in_sitemap: bool,
    /// The content files the page is made from (inside content/); empty: the whole site.
    sources: Vec<String>,
}

#[derive(Serialize)]
struct PageMeta<'a> {
    title: &'a str,
    path: &'a str,
    canonical: String,
    breadcrumbs: &'a [Link],
    last_updated: String,
}

/// Builds the tera instance: default templates under a `default/` prefix, the site theme's
/// unprefixed, so a site template of the same name wins everywhere (also in `extends`).
fn templates(theme: &Theme, diags: &mut Diagnostics) -> Option<tera::Tera> {
    let mut tera = tera::Tera::new();
    if let Err(e) = tera.set_fallback_prefixes(["default/"]) {
        diags.push(Diagnostic::error(Location::file("themes"), e.to_string()));
        return None;
    }
    tera.autoescape_on([".html", ".xml"]);
    let all = theme
        .default_templates
        .iter()
        .map(|t| (format!("default/{}", t.name), t))
        .chain(theme.site_templates.iter().map(|t| (t.name.clone(), t)));
    let sources: Vec<(String, &str)> = all.map(|(name, t)| (name, t.source.as_str())).collect();
    if let Err(error) = tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), *s))) {
        diags.push(Diagnostic::error(
            Location::file("themes"),
            format!("a template has an error: {}", error_chain(&error)),
        ));
        return None;
    }
    Some(tera)
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    text
}

/// Renders the whole site.
pub fn render(
    content: &Content,
    history: &History,
    theme: &Theme,
    options: &RenderOptions,
    diags: &mut Diagnostics,
) -> Option<Rendered> {
    let started = std::time::Instant::now();
    let tera = templates(theme, diags)?;
    let base_url = options
        .base_url
        .clone()
        .unwrap_or_else(|| content.site.base_url.clone());
    let base = base_path(&base_url);
    let absolute_root = base_url
        .split_once("://")
        .map(|(scheme, rest)| format!("{scheme}://{}", rest.split('/').next().unwrap_or_default()));
    let urls = Urls { base: base.clone() };
    let mut site = site_view(content, &base);
    site.history_limitation = history.status.limitation();
    let commits = changes::commit_views(history, content, &urls);
    let root = absolute_root.clone().unwrap_or_default();
    let datasets = data::datasets(content, &urls);
    let mut jobs = page_jobs(content, history, &urls, &datasets, &root);
    jobs.push(data_page(content, history, &urls, &datasets, &site.licence));
    jobs.push(PageJob {
        path: "search/index.html".into(),
        template: "search.html",
        title: "Search".into(),
        breadcrumbs: vec![crumb("Home", urls.base.clone())],
        view: serde_json::json!({}),
        charts: 0,
        in_sitemap: false,
        sources: vec![],
    });
    jobs.push(PageJob {
        path: "changes/index.html".into(),
        template: "changes.html",
        title: "What changed".into(),
        breadcrumbs: vec![crumb("Home", urls.base.clone())],
        view: serde_json::json!({"commits": commits}),
        charts: 0,
        in_sitemap: true,
        sources: vec![],
    });

    let rendered: Vec<Result<OutputFile, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let meta = PageMeta {
                title: &job.title,
                path: &job.path,
                canonical: format!(
                    "{}{}",
                    absolute_root.clone().unwrap_or_default(),
                    url_of(&base, &job.path)
                ),
                breadcrumbs: &job.breadcrumbs,
                last_updated: last_updated(history, &job.sources),
            };
            let mut context = tera::Context::new();
            context.insert("site", &site);
            context.insert("page", &meta);
            context.insert("view", &job.view);
            tera.render(job.template, &context)
                .map(|html| OutputFile {
                    path: job.path.clone(),
                    bytes: html.into_bytes(),
                })
                .map_err(|e| {
                    Diagnostic::error(
                        Location::file(format!("themes: {}", job.template)),
                        format!("rendering {} failed: {}", job.path, error_chain(&e)),
                    )
                })
        })
        .collect();
    let mut files = Vec::new();
    let mut failed = false;
    for result in rendered {
        match result {
            Ok(file) => files.push(file),
            Err(d) => {
                diags.push(d);
                failed = true;
            }
        }
    }
    if failed {
        return None;
    }
    let pages_took = started.elapsed();
    let search_started = std::time::Instant::now();
    files.extend(search::index(&searchable::documents(content, &urls)));
    let search_took = search_started.elapsed();
    let data_started = std::time::Instant::now();
    for dataset in &datasets {
        files.push(OutputFile {
            path: dataset.csv_path.clone(),
            bytes: dataset.csv.clone().into_bytes(),
        });
        files.push(OutputFile {
            path: dataset.json_path.clone(),
            bytes: dataset.json.clone().into_bytes(),
        });
    }
    files.push(OutputFile {
        path: "data/datapackage.json".into(),
        bytes: data::datapackage(content, &datasets, &site.licence).into_bytes(),
    });
    files.push(OutputFile {
        path: "data/catalog.jsonld".into(),
        bytes: data::dcat_catalogue(content, &datasets, &root, &base).into_bytes(),
    });
    files.push(OutputFile {
        path: "updates/atom.xml".into(),
        bytes: updates_feed(content, &urls, &root).into_bytes(),
    });
    let mut sitemap_paths: Vec<String> = jobs
        .iter()
        .filter(|j| j.in_sitemap)
        .map(|j| j.path.clone())
        .collect();
    sitemap_paths.extend(
        datasets
            .iter()
            .flat_map(|d| [d.csv_path.clone(), d.json_path.clone()]),
    );
    files.push(OutputFile {
        path: "sitemap.xml".into(),
        bytes: sitemap(
            absolute_root.as_deref().unwrap_or(""),
            &base,
            &sitemap_paths,
        )
        .into_bytes(),
    });
    files.push(OutputFile {
        path: "robots.txt".into(),
        bytes: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}{}sitemap.xml\n",
            absolute_root.as_deref().unwrap_or(""),
            base
        )
        .into_bytes(),
    });
    files.push(OutputFile {
        path: "changes/atom.xml".into(),
        bytes: changes::atom_feed(
            &commits,
            &content.site.title,
            &content.site.organisation,
            absolute_root.as_deref().unwrap_or(""),
            &base,
        )
        .into_bytes(),
    });
    files.push(OutputFile {
        path: "assets/print.css".into(),
        bytes: print_css(&site, absolute_root.as_deref().unwrap_or(""), &base).into_bytes(),
    });
    for (path, bytes) in &theme.statics {
        files.push(OutputFile {
            path: format!("assets/{path}"),
            bytes: bytes.clone(),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Some(Rendered {
        pages: jobs.len(),
        charts: jobs.iter().map(|j| j.charts).sum(),
        files,
        timings: vec![
            ("render pages", pages_took),
            ("search index", search_took),
            ("data files, feeds, sitemap", data_started.elapsed()),
        ],
    })
}

/// The address of an output file: `strategies/x/index.html` -> `/strategies/x/`.
fn url_of(base: &str, path: &str) -> String {
    format!("{base}{}", path.strip_suffix("index.html").unwrap_or(path))
}

fn sitemap(root: &str, base: &str, paths: &[String]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in paths {
        let url = format!("{root}{}", url_of(base, path));
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape_xml(&url)));
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The print stylesheet's page-margin boxes: the site, its address and the reporting date
/// at the foot of every printed page, with page numbers. Generated because CSS can only put
/// fixed text there, and a stylesheet file (not an inline style) keeps a strict CSP working.
fn print_css(site: &SiteView, root: &str, base: &str) -> String {
    let left = format!("{}: {}. {root}{base}", site.organisation, site.title);
    let right = format!("Figures as at {}", site.as_of_words);
    format!(
        "@page {{\n  @bottom-left {{ content: {}; font: 8pt system-ui, sans-serif; }}\n  @bottom-right {{ content: {} \" · page \" counter(page) \" of \" counter(pages); font: 8pt system-ui, sans-serif; }}\n}}\n",
        css_string(&left),
        css_string(&right)
    )
}

/// A CSS string literal: quotes, backslashes and line breaks escaped, `<` too so the text can
/// never end a style element.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '\n' | '\r' => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes text for XML element content and attributes.
pub fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn crumb(title: &str, url: String) -> Link {
    Link {
        title: title.to_string(),
        url,
    }
}

fn chart_view(id: String, chart: &charming::Chart, description: String) -> ChartView {
    ChartView {
        json: charts::to_island_json(chart, &description),
        id,
        description,
    }
}

#[allow(clippy::too_many_lines)]
fn page_jobs(
    content: &Content,
    history: &History,
    urls: &Urls,
    datasets: &[data::Dataset],
    root: &str,
) -> Vec<PageJob> {
    let by_name: std::collections::HashMap<&str, &data::Dataset> =
        datasets.iter().map(|d| (d.name.as_str(), d)).collect();
    let dataset_named = |name: &str| by_name.get(name).copied();
    // Which actions measure each metric, found in one pass rather than once per metric page.
    let mut measured_by: std::collections::HashMap<&str, Vec<Link>> =
        std::collections::HashMap::new();
    for (strategy, action) in content.actions() {
        for metric in &action.metrics {
            measured_by
                .entry(metric.value.as_str())
                .or_default()
                .push(crumb(
                    &format!("{}: {}", action.id, action.title),
                    urls.action(&strategy.slug, &action.id),
                ));
        }
    }
    let download = |name: &str| {
        dataset_named(name).map(|d| serde_json::json!({"csv": format!("{}{}", urls.base, d.csv_path), "json": format!("{}{}", urls.base, d.json_path)}))
    };
    let home = || crumb("Home", urls.base.clone());
    let mut jobs = Vec::new();

    // Dashboard.
    let cards: Vec<StrategyCard> = content
        .strategies
        .values()
        .map(|s| strategy_card(content, urls, s))
        .collect();
    let metric_cards: Vec<MetricCard> = content
        .metrics
        .values()
        .filter(|m| m.headline)
        .map(|m| MetricCard {
            title: m.title.clone(),
            url: urls.metric(&m.slug),
            headlines: headlines(m),
        })
        .collect();
    let latest_updates: Vec<serde_json::Value> = content
        .updates
        .iter()
        .rev()
        .take(5)
        .map(|u| update_summary(u, urls))
        .collect();
    jobs.push(PageJob {
        path: "index.html".into(),
        template: "index.html",
        title: content.site.title.clone(),
        breadcrumbs: vec![],
        view: serde_json::json!({"strategies": cards, "metrics": metric_cards, "updates": latest_updates}),
        charts: 0,
        in_sitemap: true,
        sources: vec![],
    });

    // Strategies.
    jobs.push(PageJob {
        path: "strategies/index.html".into(),
        template: "strategies.html",
        title: "Strategies".into(),
        breadcrumbs: vec![home()],
        view: serde_json::json!({"strategies": cards}),
        charts: 0,
        in_sitemap: true,
        sources: vec![],
    });
    for strategy in content.strategies.values() {
        let strategy_url = urls.strategy(&strategy.slug);
        let rows: Vec<ActionRow> = strategy
            .actions
            .iter()
            .map(|a| action_row(content, urls, strategy, a))
            .collect();
        let mut themes: Vec<serde_json::Value> = strategy
            .themes
            .iter()
            .map(|theme| {
                let actions: Vec<&ActionRow> = strategy
                    .actions
                    .iter()
                    .zip(&rows)
                    .filter(|(a, _)| a.theme.as_ref().is_some_and(|t| t.value == theme.id))
                    .map(|(_, r)| r)
                    .collect();
                serde_json::json!({"id": theme.id, "title": theme.title, "description": theme.description, "actions": actions})
            })
            .collect();
        let unthemed: Vec<&ActionRow> = strategy
            .actions
            .iter()
            .zip(&rows)
            .filter(|(a, _)| a.theme.is_none())
            .map(|(_, r)| r)
            .collect();
        if !unthemed.is_empty() {
            themes.push(serde_json::json!({"id": "actions", "title": if strategy.themes.is_empty() { "Actions" } else { "Other actions" }, "description": null, "actions": unthemed}));
        }
        let judged_rows: Vec<(Timing, &ActionRow)> = strategy
            .actions
            .iter()
            .zip(&rows)
            .map(|(a, r)| (judged(content, a).0, r))
            .collect();
        let overdue: Vec<&ActionRow> = judged_rows
            .iter()
            .filter(|(t, _)| matches!(t, Timing::Overdue { .. }))
            .map(|(_, r)| *r)
            .collect();
        let due_soon: Vec<&ActionRow> = judged_rows
            .iter()
            .filter(|(t, _)| matches!(t, Timing::DueSoon { .. }))
            .map(|(_, r)| *r)
            .collect();
        let groups: Vec<(String, Vec<(Status, usize)>)> = if strategy.themes.is_empty() {
            vec![(strategy.title.clone(), status_counts(&strategy.actions))]
        } else {
            strategy
                .themes
                .iter()
                .map(|t| {
                    (
                        t.title.clone(),
                        status_counts(
                            strategy
                                .actions
                                .iter()
                                .filter(|a| a.theme.as_ref().is_some_and(|th| th.value == t.id)),
                        ),
                    )
                })
                .collect()
        };
        let counts_table: Vec<serde_json::Value> = groups
            .iter()
            .map(|(name, counts)| serde_json::json!({"name": name, "counts": Status::ALL.map(|s| counts.iter().find(|(c, _)| *c == s).map_or(0, |(_, n)| *n)), "total": counts.iter().map(|(_, n)| n).sum::<usize>()}))
            .collect();
        let card = strategy_card(content, urls, strategy);
        let description = format!(
            "Bar chart of the {} actions of {} by status{}: {}.",
            card.total,
            strategy.title,
            if strategy.themes.is_empty() {
                ""
            } else {
                " and theme"
            },
            card.split_words
        );
        let chart = chart_view(
            format!("chart-{}-status", strategy.slug),
            &charts::status_chart(&groups),
            description,
        );
        let related: Vec<Link> = strategy
            .related
            .iter()
            .filter_map(|r| content.strategies.get(&r.value))
            .map(|s| crumb(&s.title, urls.strategy(&s.slug)))
            .collect();
        let updates: Vec<serde_json::Value> = content
            .updates
            .iter()
            .rev()
            .filter(|u| u.strategies.iter().any(|s| s.value == strategy.slug))
            .map(|u| update_summary(u, urls))
            .collect();
        jobs.push(PageJob {
            path: format!("strategies/{}/index.html", strategy.slug),
            template: "strategy.html",
            title: strategy.title.clone(),
            breadcrumbs: vec![home(), crumb("Strategies", format!("{}strategies/", urls.base))],
            view: serde_json::json!({
                "title": strategy.title,
                "summary_html": markdown_html(&strategy.summary, &urls.base),
                "period_words": strategy.period.map(|p| p.in_words()),
                "approved": strategy.approved.as_ref().map(|a| serde_json::json!({
                    "by": a.by, "on_words": a.on.map(crate::model::period::date_in_words), "reference": a.reference
                })),
                "owner": strategy.owner,
                "review": strategy.review,
                "card": card,
                "themes": themes,
                "overdue": overdue,
                "due_soon": due_soon,
                "due_soon_days": content.site.due_soon_days,
                "chart": chart,
                "status_labels": Status::ALL.map(|s| s.label()),
                "counts_table": counts_table,
                "related": related,
                "updates": updates,
                "rescheduled": changes::rescheduled(history, strategy, urls),
                "downloads": download(&format!("actions-{}", strategy.slug)),
            }),
            charts: 1,
            in_sitemap: true,
            sources: vec![format!("strategies/{}/index.md", strategy.slug), format!("strategies/{}/actions.yaml", strategy.slug)],
        });
        for (action, row) in strategy.actions.iter().zip(&rows) {
            let (complete, total) = action.step_progress();
            let metrics: Vec<Link> = action
                .metrics
                .iter()
                .filter_map(|m| content.metrics.get(&m.value))
                .map(|m| crumb(&m.title, urls.metric(&m.slug)))
                .collect();
            jobs.push(PageJob {
                path: format!(
                    "strategies/{}/actions/{}/index.html",
                    strategy.slug,
                    action.id.to_lowercase()
                ),
                template: "action.html",
                title: format!("{}: {}", action.id, action.title),
                breadcrumbs: vec![
                    home(),
                    crumb("Strategies", format!("{}strategies/", urls.base)),
                    crumb(&strategy.title, strategy_url.clone()),
                ],
                view: serde_json::json!({
                    "row": row,
                    "strategy": crumb(&strategy.title, strategy_url.clone()),
                    "description_html": action.description.as_deref().map(|d| markdown_html(d, &urls.base)),
                    "milestones": action.milestones,
                    "success_criteria": action.success_criteria,
                    "status_note": action.status_note,
                    "status_rolled_up": action.status_rolled_up,
                    "resources": action.resources,
                    "expected_outcome": action.expected_outcome,
                    "actual_outcome": action.actual_outcome,
                    "steps": action.steps.iter().map(step_view).collect::<Vec<_>>(),
                    "steps_complete": complete,
                    "steps_total": total,
                    "metrics": metrics,
                    "updates": action.updates.iter().map(update_note).collect::<Vec<_>>(),
                    "timeline": changes::action_timeline(history, &strategy.slug, action),
                }),
                charts: 0,
                in_sitemap: true,
                sources: vec![format!("strategies/{}/actions.yaml", strategy.slug)],
            });
        }
    }

    // Metrics.
    let metric_list: Vec<serde_json::Value> = content
        .metrics
        .values()
        .map(|m| serde_json::json!({"title": m.title, "url": urls.metric(&m.slug), "headlines": headlines(m), "unit": format::unit_name(m.unit)}))
        .collect();
    jobs.push(PageJob {
        path: "metrics/index.html".into(),
        template: "metrics.html",
        title: "Performance measures".into(),
        breadcrumbs: vec![home()],
        view: serde_json::json!({"metrics": metric_list}),
        charts: 0,
        in_sitemap: true,
        sources: vec![],
    });
    for metric in content.metrics.values() {
        let lines = headlines(metric);
        let (restated, target_changes) = changes::metric_record(history, metric);
        let description = metric_description(metric, &lines);
        let has_data = !metric.points.is_empty();
        let chart = has_data.then(|| {
            chart_view(
                format!("chart-{}", metric.slug),
                &charts::metric_chart(metric),
                description.clone(),
            )
        });
        let actions: Vec<Link> = measured_by
            .get(metric.slug.as_str())
            .cloned()
            .unwrap_or_default();
        jobs.push(PageJob {
            path: format!("metrics/{}/index.html", metric.slug),
            template: "metric.html",
            title: metric.title.clone(),
            breadcrumbs: vec![home(), crumb("Performance measures", format!("{}metrics/", urls.base))],
            view: serde_json::json!({
                "title": metric.title,
                "description_html": markdown_html(&metric.description, &urls.base),
                "unit": format::unit_name(metric.unit),
                "direction": match metric.direction {
                    crate::model::metric::Direction::Up => "Higher is better",
                    crate::model::metric::Direction::Down => "Lower is better",
                    crate::model::metric::Direction::None => "Neither higher nor lower is better: this is a context measure",
                },
                "frequency": metric.frequency.map(|f| crate::model::Keyword::key(f).replace('-', " ")),
                "source": metric.source,
                "headlines": lines,
                "chart": chart,
                "table": data_table(metric, &changes::restated_keys(history, &metric.slug)),
                "restated": restated,
                "downloads": download(&format!("metric-{}", metric.slug)),
                "jsonld": dataset_named(&format!("metric-{}", metric.slug)).map(|d| data::schema_org_dataset(d, content, root, &urls.base)),
                "target_changes": target_changes,
                "actions": actions,
            }),
            charts: usize::from(has_data),
            in_sitemap: true,
            sources: metric_sources(content, &metric.slug),
        });
    }

    // Updates and pages.
    jobs.push(PageJob {
        path: "updates/index.html".into(),
        template: "updates.html",
        title: "Updates".into(),
        breadcrumbs: vec![home()],
        view: serde_json::json!({"updates": content.updates.iter().rev().map(|u| update_summary(u, urls)).collect::<Vec<_>>()}),
        charts: 0,
        in_sitemap: true,
        sources: vec![],
    });
    for update in &content.updates {
        let strategies: Vec<Link> = update
            .strategies
            .iter()
            .filter_map(|r| content.strategies.get(&r.value))
            .map(|s| crumb(&s.title, urls.strategy(&s.slug)))
            .collect();
        let metrics: Vec<Link> = update
            .metrics
            .iter()
            .filter_map(|r| content.metrics.get(&r.value))
            .map(|m| crumb(&m.title, urls.metric(&m.slug)))
            .collect();
        jobs.push(PageJob {
            path: format!("updates/{}/index.html", update_slug(update)),
            template: "update.html",
            title: update.title.clone(),
            breadcrumbs: vec![home(), crumb("Updates", format!("{}updates/", urls.base))],
            view: serde_json::json!({
                "title": update.title,
                "date_words": crate::model::period::date_in_words(update.date),
                "date": update.date.format("%Y-%m-%d").to_string(),
                "committee": update.committee,
                "reference": update.reference,
                "body_html": markdown_html(&update.body, &urls.base),
                "strategies": strategies,
                "metrics": metrics,
            }),
            charts: 0,
            in_sitemap: true,
            sources: vec![format!("updates/{}.md", update_slug(update))],
        });
    }
    for page in content.pages.values() {
        jobs.push(PageJob {
            path: format!("pages/{}/index.html", page.slug),
            template: "page.html",
            title: page.title.clone(),
            breadcrumbs: vec![home()],
            view: serde_json::json!({"title": page.title, "description": page.description, "body_html": markdown_html(&page.body, &urls.base)}),
            charts: 0,
            in_sitemap: true,
            sources: vec![format!("pages/{}.md", page.slug)],
        });
    }
    jobs.push(PageJob {
        path: "404.html".into(),
        template: "404.html",
        title: "Page not found".into(),
        breadcrumbs: vec![],
        view: serde_json::json!({}),
        charts: 0,
        in_sitemap: false,
        sources: vec![],
    });
    jobs
}

/// The content files a metric's figures come from.
fn metric_sources(content: &Content, slug: &str) -> Vec<String> {
    let mut sources = vec![
        format!("metrics/{slug}.yaml"),
        format!("metrics/{slug}.csv"),
    ];
    sources.extend(
        content
            .snapshots
            .iter()
            .filter(|s| s.metrics.iter().any(|m| m == slug))
            .map(|s| format!("snapshots/{}.yaml", s.date.format("%Y-%m-%d"))),
    );
    sources
}

/// "Last updated" for a page made from `sources` (all content when empty).
fn last_updated(history: &History, sources: &[String]) -> String {
    if history
        .uncommitted
        .iter()
        .any(|u| sources.is_empty() || sources.contains(u))
    {
        return "Last updated: includes changes not yet committed (not yet in the published record)".to_string();
    }
    let commit = if sources.is_empty() {
        history.last_commit()
    } else {
        history.last_changed_of(sources.iter().map(String::as_str))
    };
    match commit {
        Some(c) => format!(
            "Last updated {}",
            crate::model::period::date_in_words(c.date())
        ),
        None if history.status.limitation().is_some() => {
            "Last updated: not known (built without git history)".to_string()
        }
        None => "Last updated: not known".to_string(),
    }
}

/// The catalogue page: every dataset with its description, licence, period, last update and
/// links, plus the data package and the DCAT catalogue.
fn data_page(
    content: &Content,
    history: &History,
    urls: &Urls,
    datasets: &[data::Dataset],
    licence: &LicenceView,
) -> PageJob {
    let items: Vec<serde_json::Value> = datasets
        .iter()
        .map(|d| {
            let sources: Vec<String> = if let Some(slug) = d.name.strip_prefix("metric-") {
                metric_sources(content, slug)
            } else if let Some(slug) = d.name.strip_prefix("actions-") {
                vec![format!("strategies/{slug}/actions.yaml")]
            } else {
                content.strategies.keys().map(|s| format!("strategies/{s}/actions.yaml")).collect()
            };
            serde_json::json!({
                "title": d.title,
                "description": d.description,
                "period_covered": d.period_covered,
                "source": d.source,
                "last_updated": last_updated(history, &sources),
                "csv": format!("{}{}", urls.base, d.csv_path),
                "json": format!("{}{}", urls.base, d.json_path),
                "page": d.page,
                "fields": d.fields.iter().map(|(n, k, desc)| serde_json::json!({"name": n, "type": k, "description": desc})).collect::<Vec<_>>(),
            })
        })
        .collect();
    PageJob {
        path: "data/index.html".into(),
        template: "data.html",
        title: "Open data".into(),
        breadcrumbs: vec![crumb("Home", urls.base.clone())],
        view: serde_json::json!({"datasets": items, "licence": licence}),
        charts: 0,
        in_sitemap: true,
        sources: vec![],
    }
}

/// Updates as an Atom feed, newest first.
fn updates_feed(content: &Content, urls: &Urls, root: &str) -> String {
    let entries: Vec<feeds::Entry> = content
        .updates
        .iter()
        .rev()
        .map(|u| {
            let link = format!("{root}{}", urls.update(u));
            feeds::Entry {
                id: link.clone(),
                title: u.title.clone(),
                link,
                updated: format!("{}T00:00:00Z", u.date.format("%Y-%m-%d")),
                html: markdown_html(&u.body, &urls.base),
            }
        })
        .collect();
    feeds::atom(
        &feeds::Feed {
            title: format!("{}: updates", content.site.title),
            page: format!("{root}{}updates/", urls.base),
            self_url: format!("{root}{}updates/atom.xml", urls.base),
            author: &content.site.organisation,
        },
        &entries,
    )
}

fn update_summary(update: &crate::model::Update, urls: &Urls) -> serde_json::Value {
    serde_json::json!({
        "title": update.title,
        "url": urls.update(update),
        "date": update.date.format("%Y-%m-%d").to_string(),
        "date_words": crate::model::period::date_in_words(update.date),
        "committee": update.committee,
        "summary": truncate_words(&markdown::to_text(&update.body), 40),
    })
}

fn truncate_words(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    if all.len() <= words {
        all.join(" ")
    } else {
        format!("{}…", all[..words].join(" "))
    }
}
