//! Which pages the site has, and the view each page's template is given. The site is cut
//! into [`Unit`]s (the overview pages, one strategy with its actions, one measure, ...) that
//! are built and rendered independently, in parallel, and dropped as soon as they are
//! written, so memory does not grow with the size of the site.

use super::converted::Converted;
use super::views::*;
use super::{
    changes, chart_view, charts, crumb, data, format, metric_sources, to_view, update_summary,
    PageJob,
};
use crate::model::history::History;
use crate::model::schedule::Timing;
use crate::model::{Content, Metric, Page, Status, Strategy, Update};
use std::collections::HashMap;

/// What every page is built from, prepared once for the whole site.
pub(super) struct Shared<'a> {
    pub(crate) content: &'a Content,
    pub(crate) history: &'a History,
    pub(crate) urls: &'a Urls,
    pub(crate) root: &'a str,
    /// Every dataset by name; `None`: each is made when a page asks for it (the preview).
    datasets: Option<HashMap<&'a str, &'a data::Dataset>>,
    measured_by: &'a MeasuredBy,
    pub(crate) trails: &'a Trails,
}

/// Which actions measure each metric, found in one pass rather than once per metric page.
pub(super) struct MeasuredBy(HashMap<String, Vec<Link>>);

impl MeasuredBy {
    pub(crate) fn of(content: &Content, urls: &Urls) -> Self {
        let mut measured_by: HashMap<String, Vec<Link>> = HashMap::new();
        for (strategy, action) in content.actions() {
            for metric in &action.metrics {
                measured_by
                    .entry(metric.value.clone())
                    .or_default()
                    .push(crumb(
                        &format!("{}: {}", action.id, action.title),
                        urls.action(&strategy.slug, &action.id),
                    ));
            }
        }
        MeasuredBy(measured_by)
    }
}

/// The breadcrumb trails that many pages show, each turned into the templates' values once.
pub(super) struct Trails {
    /// The home page's (none).
    pub(crate) none: Converted<Vec<Link>>,
    /// Home.
    pub(crate) home: Converted<Vec<Link>>,
    /// Home, Strategies: a strategy's page.
    pub(crate) strategies: Converted<Vec<Link>>,
    /// Home, Performance measures: a measure's page.
    pub(crate) metrics: Converted<Vec<Link>>,
    /// Home, Updates: an update's page.
    pub(crate) updates: Converted<Vec<Link>>,
}

impl Trails {
    pub(crate) fn of(urls: &Urls) -> Self {
        let trail = |links: Vec<Link>| Converted::of(&links);
        let below_home = |title: &str, path: &str| {
            trail(vec![
                home(urls),
                crumb(title, format!("{}{path}", urls.base)),
            ])
        };
        Trails {
            none: trail(Vec::new()),
            home: trail(vec![home(urls)]),
            strategies: below_home("Strategies", "strategies/"),
            metrics: below_home("Performance measures", "metrics/"),
            updates: below_home("Updates", "updates/"),
        }
    }

    /// Home, Strategies, the strategy: the trail of its actions' pages.
    fn to_strategy(urls: &Urls, strategy: Link) -> Converted<Vec<Link>> {
        let strategies = crumb("Strategies", format!("{}strategies/", urls.base));
        Converted::of(&vec![home(urls), strategies, strategy])
    }
}

fn home(urls: &Urls) -> Link {
    crumb("Home", urls.base.clone())
}

impl<'a> Shared<'a> {
    pub(crate) fn new(
        content: &'a Content,
        history: &'a History,
        urls: &'a Urls,
        datasets: Option<&'a [data::Dataset]>,
        measured_by: &'a MeasuredBy,
        trails: &'a Trails,
        root: &'a str,
    ) -> Self {
        Shared {
            content,
            history,
            urls,
            root,
            datasets: datasets.map(|all| all.iter().map(|d| (d.name.as_str(), d)).collect()),
            measured_by,
            trails,
        }
    }

    fn dataset_named(&self, name: &str) -> Option<std::borrow::Cow<'a, data::Dataset>> {
        match &self.datasets {
            Some(all) => all.get(name).copied().map(std::borrow::Cow::Borrowed),
            None => data::dataset_named(self.content, self.urls, name).map(std::borrow::Cow::Owned),
        }
    }

    /// The download links of a dataset, for a page's "Download" box.
    fn download(&self, name: &str) -> Option<Downloads> {
        self.dataset_named(name).map(|d| self.links_of(&d))
    }

    fn links_of(&self, dataset: &data::Dataset) -> Downloads {
        Downloads {
            csv: format!("{}{}", self.urls.base, dataset.csv_path),
            json: format!("{}{}", self.urls.base, dataset.json_path),
        }
    }
}

/// A part of the site whose pages are built together.
pub(super) enum Unit<'a> {
    /// The dashboard and the list of strategies (they share the strategy cards).
    Overview,
    /// A strategy's page and the pages of its actions.
    Strategy(&'a Strategy),
    MetricList,
    Metric(&'a Metric),
    UpdateList,
    Update(&'a Update),
    Page(&'a Page),
    NotFound,
}

/// Every unit of the site, largest first so the parallel work ends evenly.
pub(super) fn units(content: &Content) -> Vec<Unit<'_>> {
    let mut strategies: Vec<&Strategy> = content.strategies.values().collect();
    strategies.sort_by_key(|s| std::cmp::Reverse(s.actions.len()));
    let mut units = vec![
        Unit::Overview,
        Unit::MetricList,
        Unit::UpdateList,
        Unit::NotFound,
    ];
    units.splice(0..0, strategies.into_iter().map(Unit::Strategy));
    units.extend(content.metrics.values().map(|m| Unit::Metric(m)));
    units.extend(content.updates.iter().map(Unit::Update));
    units.extend(content.pages.values().map(Unit::Page));
    units
}

/// The unit that makes the page at `path` (an output path such as
/// `strategies/digital/actions/a-1/index.html`), found from the path's shape; the unit's own
/// pages decide whether it really has that page.
pub(super) fn unit_for<'a>(content: &'a Content, path: &str) -> Option<Unit<'a>> {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["index.html"] | ["strategies", "index.html"] => Some(Unit::Overview),
        ["strategies", slug, "index.html"] | ["strategies", slug, "actions", _, "index.html"] => {
            content.strategies.get(*slug).map(Unit::Strategy)
        }
        ["metrics", "index.html"] => Some(Unit::MetricList),
        ["metrics", slug, "index.html"] => content.metrics.get(*slug).map(|m| Unit::Metric(m)),
        ["updates", "index.html"] => Some(Unit::UpdateList),
        ["updates", name, "index.html"] => content
            .updates
            .iter()
            .find(|u| update_slug(u) == *name)
            .map(Unit::Update),
        ["pages", slug, "index.html"] => content.pages.get(*slug).map(Unit::Page),
        ["404.html"] => Some(Unit::NotFound),
        _ => None,
    }
}

/// The pages of one unit.
pub(super) fn jobs(unit: &Unit<'_>, shared: &Shared<'_>) -> Vec<PageJob> {
    match unit {
        Unit::Overview => overview(shared),
        Unit::Strategy(strategy) => strategy_pages(shared, strategy),
        Unit::MetricList => metric_list(shared),
        Unit::Metric(metric) => metric_page(shared, metric),
        Unit::UpdateList => update_list(shared),
        Unit::Update(update) => update_page(shared, update),
        Unit::Page(page) => page_page(shared, page),
        Unit::NotFound => not_found(shared),
    }
}

fn overview(shared: &Shared<'_>) -> Vec<PageJob> {
    let Shared { content, urls, .. } = *shared;
    let mut jobs = Vec::new();

    // One list of cards for both pages.
    let cards = Converted::of(
        &(content.strategies.values())
            .map(|s| strategy_card(content, urls, s))
            .collect::<Vec<_>>(),
    );
    let metric_cards: Vec<MetricCard> = content
        .metrics
        .values()
        .filter(|m| m.headline)
        .map(|m| metric_card(urls, m))
        .collect();
    let latest_updates: Vec<UpdateSummary> = content
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
        breadcrumbs: shared.trails.none.clone(),
        view: to_view(&OverviewView {
            strategies: cards.clone(),
            metrics: metric_cards,
            updates: latest_updates,
        }),
        charts: 0,
        in_sitemap: true,
        sources: vec![],
    });

    jobs.push(PageJob {
        path: "strategies/index.html".into(),
        template: "strategies.html",
        title: "Strategies".into(),
        breadcrumbs: shared.trails.home.clone(),
        view: to_view(&StrategyListView { strategies: cards }),
        charts: 0,
        in_sitemap: true,
        sources: vec![],
    });
    jobs
}

#[allow(clippy::too_many_lines)]
fn strategy_pages(shared: &Shared<'_>, strategy: &Strategy) -> Vec<PageJob> {
    let Shared {
        content,
        history,
        urls,
        ..
    } = *shared;
    let download = |name: &str| shared.download(name);
    let mut jobs = Vec::new();
    let strategy_url = urls.strategy(&strategy.slug);
    // Each action's row, for the strategy's page (in its theme, and among the overdue or due
    // soon) and for the action's own page.
    let action_rows: Vec<Converted<ActionRow>> = (strategy.actions.iter())
        .map(|a| Converted::of(&action_row(content, urls, strategy, a)))
        .collect();
    // The rows of the actions for which `keep` says true, in order.
    let rows_where = |keep: &mut dyn Iterator<Item = bool>| -> Vec<Converted<ActionRow>> {
        (action_rows.iter().zip(keep))
            .filter(|(_, kept)| *kept)
            .map(|(row, _)| row.clone())
            .collect()
    };
    let actions = || strategy.actions.iter();
    let mut themes: Vec<ThemeView> = (strategy.themes.iter())
        .map(|theme| ThemeView {
            id: theme.id.clone(),
            title: theme.title.clone(),
            description: theme.description.clone(),
            actions: rows_where(
                &mut actions().map(|a| a.theme.as_ref().is_some_and(|t| t.value == theme.id)),
            ),
        })
        .collect();
    let unthemed = rows_where(&mut actions().map(|a| a.theme.is_none()));
    if !unthemed.is_empty() {
        let title = if strategy.themes.is_empty() {
            "Actions"
        } else {
            "Other actions"
        };
        themes.push(ThemeView {
            id: "actions".into(),
            title: title.into(),
            description: None,
            actions: unthemed,
        });
    }
    let timings: Vec<Timing> = actions().map(|a| judged(content, a).0).collect();
    let overdue = rows_where(&mut timings.iter().map(|t| matches!(t, Timing::Overdue { .. })));
    let due_soon = rows_where(&mut timings.iter().map(|t| matches!(t, Timing::DueSoon { .. })));
    let groups: Vec<(String, Vec<(Status, usize)>)> = if strategy.themes.is_empty() {
        vec![(
            strategy.title.clone(),
            status_counts(strategy.actions.iter()),
        )]
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
    let counts_table: Vec<CountsRow> = (groups.iter())
        .map(|(name, counts)| CountsRow {
            name: name.clone(),
            counts: Status::ALL
                .map(|s| counts.iter().find(|(c, _)| *c == s).map_or(0, |(_, n)| *n)),
            total: counts.iter().map(|(_, n)| n).sum(),
        })
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
    let updates: Vec<UpdateSummary> = content
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
        breadcrumbs: shared.trails.strategies.clone(),
        view: to_view(&StrategyView {
            title: strategy.title.clone(),
            summary_html: markdown_html(&strategy.summary, &urls.base),
            period_words: strategy.period.map(|p| p.in_words()),
            approved: strategy.approved.as_ref().map(|a| ApprovalView {
                by: a.by.clone(),
                on_words: a.on.map(crate::model::period::date_in_words),
                reference: a.reference.clone(),
            }),
            owner: strategy.owner.clone(),
            review: strategy.review.clone(),
            card,
            themes,
            overdue,
            due_soon,
            due_soon_days: content.site.due_soon_days,
            chart,
            status_labels: Status::ALL.map(|s| s.label()),
            counts_table,
            related,
            updates,
            rescheduled: changes::rescheduled(history, strategy, urls),
            downloads: download(&format!("actions-{}", strategy.slug)),
        }),
        charts: 1,
        in_sitemap: true,
        sources: vec![
            format!("strategies/{}/index.md", strategy.slug),
            format!("strategies/{}/actions.yaml", strategy.slug),
        ],
    });
    let trail = Trails::to_strategy(urls, crumb(&strategy.title, strategy_url.clone()));
    for (action, row) in strategy.actions.iter().zip(action_rows) {
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
            breadcrumbs: trail.clone(),
            view: to_view(&ActionView {
                row,
                strategy: crumb(&strategy.title, strategy_url.clone()),
                description_html: action
                    .description
                    .as_deref()
                    .map(|d| markdown_html(d, &urls.base)),
                milestones: action.milestones.clone(),
                success_criteria: action.success_criteria.clone(),
                status_note: action.status_note.clone(),
                status_rolled_up: action.status_rolled_up,
                resources: action.resources.clone(),
                expected_outcome: action.expected_outcome.clone(),
                actual_outcome: action.actual_outcome.clone(),
                steps: action.steps.iter().map(step_view).collect(),
                steps_complete: complete,
                steps_total: total,
                metrics,
                updates: action.updates.iter().map(update_note).collect(),
                timeline: changes::action_timeline(history, &strategy.slug, action),
            }),
            charts: 0,
            in_sitemap: true,
            sources: vec![format!("strategies/{}/actions.yaml", strategy.slug)],
        });
    }
    jobs
}

/// A measure's card: its title, address and latest figures.
fn metric_card(urls: &Urls, metric: &Metric) -> MetricCard {
    MetricCard {
        title: metric.title.clone(),
        url: urls.metric(&metric.slug),
        headlines: headlines(metric),
    }
}

fn metric_list(shared: &Shared<'_>) -> Vec<PageJob> {
    let Shared { content, urls, .. } = *shared;
    let mut jobs = Vec::new();
    let metric_list: Vec<MetricListItem> = content
        .metrics
        .values()
        .map(|m| MetricListItem {
            card: metric_card(urls, m),
            unit: format::unit_name(m.unit),
        })
        .collect();
    jobs.push(PageJob {
        path: "metrics/index.html".into(),
        template: "metrics.html",
        title: "Performance measures".into(),
        breadcrumbs: shared.trails.home.clone(),
        view: to_view(&MetricListView {
            metrics: metric_list,
        }),
        charts: 0,
        in_sitemap: true,
        sources: vec![],
    });
    jobs
}

fn metric_page(shared: &Shared<'_>, metric: &Metric) -> Vec<PageJob> {
    let Shared {
        content,
        history,
        urls,
        root,
        ..
    } = *shared;
    let dataset = shared.dataset_named(&format!("metric-{}", metric.slug));
    let mut jobs = Vec::new();
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
    let actions: Vec<Link> = shared
        .measured_by
        .0
        .get(metric.slug.as_str())
        .cloned()
        .unwrap_or_default();
    jobs.push(PageJob {
        path: format!("metrics/{}/index.html", metric.slug),
        template: "metric.html",
        title: metric.title.clone(),
        breadcrumbs: shared.trails.metrics.clone(),
        view: to_view(&MetricView {
            title: metric.title.clone(),
            description_html: markdown_html(&metric.description, &urls.base),
            unit: format::unit_name(metric.unit),
            direction: match metric.direction {
                crate::model::metric::Direction::Up => "Higher is better",
                crate::model::metric::Direction::Down => "Lower is better",
                crate::model::metric::Direction::None => {
                    "Neither higher nor lower is better: this is a context measure"
                }
            },
            frequency: metric
                .frequency
                .map(|f| crate::model::Keyword::key(f).replace('-', " ")),
            source: metric.source.clone(),
            headlines: lines,
            chart,
            table: data_table(metric, &changes::restated_keys(history, &metric.slug)),
            restated,
            downloads: dataset.as_ref().map(|d| shared.links_of(d)),
            download_fields: dataset.as_ref().map(|d| data::field_views(d)),
            jsonld: dataset
                .as_ref()
                .map(|d| data::schema_org_dataset(d, content, root, &urls.base)),
            target_changes,
            actions,
        }),
        charts: usize::from(has_data),
        in_sitemap: true,
        sources: metric_sources(content, &metric.slug),
    });
    jobs
}

fn update_list(shared: &Shared<'_>) -> Vec<PageJob> {
    let Shared { content, urls, .. } = *shared;
    let mut jobs = Vec::new();
    jobs.push(PageJob {
        path: "updates/index.html".into(),
        template: "updates.html",
        title: "Updates".into(),
        breadcrumbs: shared.trails.home.clone(),
        view: view! {"updates": content.updates.iter().rev().map(|u| update_summary(u, urls)).collect::<Vec<_>>()},
        charts: 0,
        in_sitemap: true,
        sources: vec![],
    });
    jobs
}

fn update_page(shared: &Shared<'_>, update: &Update) -> Vec<PageJob> {
    let Shared { content, urls, .. } = *shared;
    let mut jobs = Vec::new();
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
        breadcrumbs: shared.trails.updates.clone(),
        view: view! {
            "title": update.title,
            "date_words": crate::model::period::date_in_words(update.date),
            "date": crate::model::period::iso_date(update.date),
            "committee": update.committee,
            "reference": update.reference,
            "body_html": markdown_html(&update.body, &urls.base),
            "strategies": strategies,
            "metrics": metrics,
        },
        charts: 0,
        in_sitemap: true,
        sources: vec![format!("updates/{}.md", update_slug(update))],
    });
    jobs
}

fn page_page(shared: &Shared<'_>, page: &Page) -> Vec<PageJob> {
    let Shared { urls, .. } = *shared;
    let mut jobs = Vec::new();
    jobs.push(PageJob {
        path: format!("pages/{}/index.html", page.slug),
        template: "page.html",
        title: page.title.clone(),
        breadcrumbs: shared.trails.home.clone(),
        view: view! {"title": page.title, "description": page.description, "body_html": markdown_html(&page.body, &urls.base)},
        charts: 0,
        in_sitemap: true,
        sources: vec![format!("pages/{}.md", page.slug)],
    });
    jobs
}

fn not_found(shared: &Shared<'_>) -> Vec<PageJob> {
    vec![PageJob {
        path: "404.html".into(),
        template: "404.html",
        title: "Page not found".into(),
        breadcrumbs: shared.trails.none.clone(),
        view: view! {},
        charts: 0,
        in_sitemap: false,
        sources: vec![],
    }]
}

/// The home page's view.
#[derive(serde::Serialize)]
pub(super) struct OverviewView {
    pub(crate) strategies: Converted<Vec<StrategyCard>>,
    /// The headline measures.
    pub(crate) metrics: Vec<MetricCard>,
    /// The latest few updates.
    pub(crate) updates: Vec<UpdateSummary>,
}

/// The list of strategies' view.
#[derive(serde::Serialize)]
pub(super) struct StrategyListView {
    pub(crate) strategies: Converted<Vec<StrategyCard>>,
}

/// The list of measures' view.
#[derive(serde::Serialize)]
pub(super) struct MetricListView {
    pub(crate) metrics: Vec<MetricListItem>,
}

/// A measure in the list of measures: its card, and its unit.
#[derive(serde::Serialize)]
pub(super) struct MetricListItem {
    #[serde(flatten)]
    pub(crate) card: MetricCard,
    /// The unit's name (the default templates do not show it; a theme may).
    pub(crate) unit: &'static str,
}

/// An action page's view.
#[derive(serde::Serialize)]
pub(super) struct ActionView {
    pub(crate) row: Converted<ActionRow>,
    pub(crate) strategy: Link,
    pub(crate) description_html: Option<String>,
    pub(crate) milestones: Vec<String>,
    pub(crate) success_criteria: Option<String>,
    pub(crate) status_note: Option<String>,
    pub(crate) status_rolled_up: bool,
    pub(crate) resources: Option<String>,
    pub(crate) expected_outcome: Option<String>,
    pub(crate) actual_outcome: Option<String>,
    pub(crate) steps: Vec<StepView>,
    pub(crate) steps_complete: usize,
    pub(crate) steps_total: usize,
    pub(crate) metrics: Vec<Link>,
    pub(crate) updates: Vec<UpdateNote>,
    pub(crate) timeline: Vec<changes::TimelineEntry>,
}

/// A strategy's page's view.
#[derive(serde::Serialize)]
pub(super) struct StrategyView {
    pub(crate) title: String,
    pub(crate) summary_html: String,
    pub(crate) period_words: Option<String>,
    pub(crate) approved: Option<ApprovalView>,
    pub(crate) owner: Option<String>,
    pub(crate) review: Option<String>,
    pub(crate) card: StrategyCard,
    pub(crate) themes: Vec<ThemeView>,
    pub(crate) overdue: Vec<Converted<ActionRow>>,
    pub(crate) due_soon: Vec<Converted<ActionRow>>,
    pub(crate) due_soon_days: i64,
    pub(crate) chart: ChartView,
    pub(crate) status_labels: [&'static str; Status::ALL.len()],
    pub(crate) counts_table: Vec<CountsRow>,
    pub(crate) related: Vec<Link>,
    pub(crate) updates: Vec<UpdateSummary>,
    pub(crate) rescheduled: Vec<changes::Rescheduled>,
    pub(crate) downloads: Option<Downloads>,
}

/// A measure's page's view.
#[derive(serde::Serialize)]
pub(super) struct MetricView {
    pub(crate) title: String,
    pub(crate) description_html: String,
    pub(crate) unit: &'static str,
    pub(crate) direction: &'static str,
    pub(crate) frequency: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) headlines: Vec<Headline>,
    pub(crate) chart: Option<ChartView>,
    pub(crate) table: DataTable,
    pub(crate) restated: Vec<changes::Restated>,
    pub(crate) downloads: Option<Downloads>,
    pub(crate) download_fields: Option<Vec<FieldView>>,
    pub(crate) jsonld: Option<String>,
    pub(crate) target_changes: Vec<changes::TimelineEntry>,
    pub(crate) actions: Vec<Link>,
}
