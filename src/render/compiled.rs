//! The default theme's commonest pages, an action's, a measure's and a strategy's, and its
//! home page and lists of strategies and measures, written in Rust.
//!
//! They are nine pages in ten of a site, and rendering them with tera took a fifth of a
//! build's CPU time; this code writes them about eight times as fast. It is a translation of
//! `action.html`, `metric.html`, `strategy.html`, `index.html`, `strategies.html` and
//! `metrics.html` with the templates they use (see [`ACTION_TEMPLATES`] and the others), and
//! must write the bytes tera writes from them: tests build sites both ways and compare every
//! file, so an edit to one of those templates fails the tests until this code says the same.
//! A site whose theme replaces any of them gets tera, with its own templates.

use super::changes::TimelineEntry;
use super::pages::{
    ActionView, MetricListView, MetricView, OverviewView, StrategyListView, StrategyView,
};
use super::views::{ActionRow, ChartView, Link, SiteView, StatusView, StrategyCard, UpdateSummary};
use super::PageMeta;
use crate::theme::Theme;

/// The templates each page is made from.
const ACTION_TEMPLATES: [&str; 3] = ["base.html", "action.html", "badge.html"];
const METRIC_TEMPLATES: [&str; 5] = [
    "base.html",
    "metric.html",
    "chart.html",
    "chart_scripts.html",
    "download_columns.html",
];
const STRATEGY_TEMPLATES: [&str; 8] = [
    "base.html",
    "strategy.html",
    "rag_bar.html",
    "chart.html",
    "chart_scripts.html",
    "action_table.html",
    "badge.html",
    "update_item.html",
];

const OVERVIEW_TEMPLATES: [&str; 5] = [
    "base.html",
    "index.html",
    "strategy_card.html",
    "rag_bar.html",
    "update_item.html",
];
const STRATEGY_LIST_TEMPLATES: [&str; 4] = [
    "base.html",
    "strategies.html",
    "strategy_card.html",
    "rag_bar.html",
];
const METRIC_LIST_TEMPLATES: [&str; 2] = ["base.html", "metrics.html"];

/// Which pages this code writes for a theme: those whose templates the site's theme keeps.
#[derive(Debug, Clone, Copy)]
pub(super) struct Compiled {
    pub action: bool,
    pub metric: bool,
    pub strategy: bool,
    /// The home page.
    pub overview: bool,
    pub strategy_list: bool,
    pub metric_list: bool,
}

impl Compiled {
    pub fn for_theme(theme: &Theme) -> Compiled {
        let kept = |names: &[&str]| {
            !(theme.site_templates.iter()).any(|t| names.contains(&t.name.as_str()))
        };
        Compiled {
            action: kept(&ACTION_TEMPLATES),
            metric: kept(&METRIC_TEMPLATES),
            strategy: kept(&STRATEGY_TEMPLATES),
            overview: kept(&OVERVIEW_TEMPLATES),
            strategy_list: kept(&STRATEGY_LIST_TEMPLATES),
            metric_list: kept(&METRIC_LIST_TEMPLATES),
        }
    }
}

/// A page being written: markup as it is, text escaped as the templates escape it.
struct Html(String);

impl Html {
    fn raw(&mut self, markup: &str) -> &mut Html {
        self.0.push_str(markup);
        self
    }

    fn text(&mut self, text: &str) -> &mut Html {
        let out = &mut self.0;
        let _ = super::escaped_runs(text, |run| {
            out.push_str(run);
            Ok::<(), std::convert::Infallible>(())
        });
        self
    }

    fn number(&mut self, number: usize) -> &mut Html {
        use std::fmt::Write;
        let _ = write!(self.0, "{number}");
        self
    }
}

/// A value a template would show and test with `{% if %}`: present and not empty.
fn given(text: &Option<String>) -> Option<&str> {
    text.as_deref().filter(|t| !t.is_empty())
}

/// tera's `capitalize`: the first letter upper case, the rest lower case.
fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + &chars.as_str().to_lowercase(),
        None => String::new(),
    }
}

/// `base.html`, with the page's blocks written by `head`, `content` and `scripts`, into a
/// page of about `size` bytes.
fn base(
    site: &SiteView,
    page: &PageMeta<'_>,
    size: usize,
    head: impl FnOnce(&mut Html),
    content: impl FnOnce(&mut Html),
    scripts: impl FnOnce(&mut Html),
) -> String {
    let mut h = Html(String::with_capacity(size));
    h.raw("<!DOCTYPE html>\n<html lang=\"")
        .text(&site.language)
        .raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    if page.path != "index.html" {
        h.text(page.title).raw(" – ");
    }
    h.text(&site.title)
        .raw(" – ")
        .text(&site.organisation)
        .raw("</title>\n");
    if let Some(description) = given(&site.description) {
        h.raw("<meta name=\"description\" content=\"")
            .text(description)
            .raw("\">");
    }
    h.raw("\n<link rel=\"canonical\" href=\"")
        .text(&page.canonical)
        .raw("\">\n<link rel=\"icon\" href=\"")
        .text(&site.base)
        .raw("assets/favicon.svg\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"")
        .text(&site.base)
        .raw("assets/style.css\">\n<link rel=\"stylesheet\" href=\"")
        .text(&site.base)
        .raw("assets/print.css\" media=\"print\">\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Updates: ")
        .text(&site.title)
        .raw("\" href=\"")
        .text(&site.base)
        .raw("updates/atom.xml\">\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"What changed: ")
        .text(&site.title)
        .raw("\" href=\"")
        .text(&site.base)
        .raw("changes/atom.xml\">\n");
    head(&mut h);
    h.raw("\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n<header class=\"site-header\">\n  <div class=\"wrap header-inner\">\n    <a class=\"site-name\" href=\"")
        .text(&site.base)
        .raw("\">")
        .text(&site.organisation)
        .raw("<span class=\"site-title\">")
        .text(&site.title)
        .raw("</span></a>\n    <form class=\"site-search\" role=\"search\" aria-label=\"Site search\" action=\"")
        .text(&site.base)
        .raw("search/\" method=\"get\">\n      <label for=\"site-search-q\">Search this site</label>\n      <input id=\"site-search-q\" name=\"q\" type=\"search\" autocomplete=\"off\">\n      <button type=\"submit\">Search</button>\n    </form>\n    <nav class=\"site-nav\" aria-label=\"Main\">\n      <ul>\n");
    for (path, label, page_path) in [
        ("", "Dashboard", "index.html"),
        ("strategies/", "Strategies", "strategies/index.html"),
        ("metrics/", "Performance", "metrics/index.html"),
        ("updates/", "Updates", "updates/index.html"),
        ("changes/", "What changed", "changes/index.html"),
        ("data/", "Open data", "data/index.html"),
    ] {
        h.raw("        <li><a href=\"")
            .text(&site.base)
            .raw(path)
            .raw("\"");
        if page.path == page_path {
            h.raw(" aria-current=\"page\"");
        }
        h.raw(">").raw(label).raw("</a></li>\n");
    }
    h.raw("        ");
    for link in &site.nav {
        h.raw("<li><a href=\"").text(&link.url).raw("\"");
        if !link.url.starts_with(&site.base) {
            h.raw(" rel=\"noopener\"");
        }
        h.raw(">").text(&link.title).raw("</a></li>");
    }
    h.raw("\n      </ul>\n    </nav>\n  </div>\n</header>\n<div class=\"wrap\">\n  ");
    if !page.breadcrumbs.is_empty() {
        h.raw("\n  <nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\">\n    <ol>\n      ");
        for crumb in page.breadcrumbs {
            h.raw("<li><a href=\"")
                .text(&crumb.url)
                .raw("\">")
                .text(&crumb.title)
                .raw("</a></li>");
        }
        h.raw("\n      <li aria-current=\"page\">")
            .text(page.title)
            .raw("</li>\n    </ol>\n  </nav>\n  ");
    }
    h.raw("\n  <main id=\"main\" tabindex=\"-1\">\n    ");
    content(&mut h);
    h.raw("\n    <p class=\"meta last-updated\">")
        .text(&page.last_updated)
        .raw(". <a href=\"")
        .text(&site.base)
        .raw("changes/\">See what changed</a>.</p>\n  </main>\n</div>\n<footer class=\"site-footer\">\n  <div class=\"wrap\">\n    <p><strong>Figures as at ")
        .text(&site.as_of_words)
        .raw(".</strong></p>\n    <p>")
        .text(&site.licence.attribution);
    if let Some(url) = given(&site.licence.url) {
        h.raw(" <a href=\"")
            .text(url)
            .raw("\" rel=\"license noopener\">")
            .text(&site.licence.name)
            .raw("</a>");
    }
    h.raw("</p>\n    <p>Published by ")
        .text(&site.organisation)
        .raw(". Built with plainsight.</p>\n  </div>\n</footer>\n");
    scripts(&mut h);
    h.raw("\n</body>\n</html>\n");
    h.0
}

/// `badge.html`.
fn badge(h: &mut Html, status: &StatusView) {
    h.raw("<span class=\"badge badge-")
        .text(status.rag)
        .raw("\">")
        .text(status.label)
        .raw("</span>\n");
}

/// A `<dd>` with the value, or "Not set".
fn or_not_set(h: &mut Html, value: Option<&str>) {
    match value {
        Some(value) => h.text(value),
        None => h.raw("<span class=\"not-set\">Not set</span>"),
    };
}

/// A list of links, as `<li>` items.
fn link_items(h: &mut Html, links: &[Link]) {
    for link in links {
        h.raw("<li><a href=\"")
            .text(&link.url)
            .raw("\">")
            .text(&link.title)
            .raw("</a></li>");
    }
}

/// `action.html`.
pub(super) fn action_page(site: &SiteView, page: &PageMeta<'_>, view: &ActionView) -> String {
    let size = 6 * 1024 + 1024 * (view.steps.len() + view.timeline.len());
    base(
        site,
        page,
        size,
        |_| {},
        |h| action_content(h, site, view),
        |_| {},
    )
}

fn action_content(h: &mut Html, site: &SiteView, view: &ActionView) {
    let a = &view.row;
    h.raw("\n\n<p class=\"meta\">")
        .text(&a.id)
        .raw(" · <a href=\"")
        .text(&view.strategy.url)
        .raw("\">")
        .text(&view.strategy.title)
        .raw("</a>");
    if let Some(theme) = given(&a.theme) {
        h.raw(" · ").text(theme);
    }
    h.raw("</p>\n<h1>").text(&a.title).raw("</h1>\n<p>");
    badge(h, &a.status);
    if let Some(timing) = given(&a.timing) {
        h.raw(" <strong class=\"timing");
        if a.overdue {
            h.raw(" overdue");
        }
        h.raw("\">").text(timing).raw("</strong>");
    }
    h.raw("</p>\n<dl class=\"summary-list\">\n  <div><dt>Status</dt><dd>")
        .text(a.status.label);
    if view.status_rolled_up {
        h.raw(" (from its steps)");
    }
    if let Some(note) = given(&view.status_note) {
        h.raw(": “").text(note).raw("”");
    }
    h.raw("</dd></div>\n  <div><dt>Due</dt><dd>");
    or_not_set(h, given(&a.due_words));
    h.raw("</dd></div>\n  <div><dt>Responsible</dt><dd>");
    or_not_set(h, given(&a.owner));
    h.raw("</dd></div>\n  <div><dt>Success criteria</dt><dd>");
    or_not_set(h, given(&view.success_criteria));
    h.raw("</dd></div>\n  ");
    for (label, value) in [
        ("Resources", &view.resources),
        ("Expected outcome", &view.expected_outcome),
        ("Actual outcome", &view.actual_outcome),
    ] {
        if let Some(value) = given(value) {
            h.raw("<div><dt>")
                .raw(label)
                .raw("</dt><dd>")
                .text(value)
                .raw("</dd></div>");
        }
        h.raw("\n  ");
    }
    if view.steps_total > 0 {
        h.raw("<div><dt>Steps complete</dt><dd>")
            .number(view.steps_complete)
            .raw(" of ")
            .number(view.steps_total)
            .raw("</dd></div>");
    }
    h.raw("\n</dl>\n\n");
    if let Some(description) = given(&view.description_html) {
        h.raw("<section aria-labelledby=\"description-heading\"><h2 id=\"description-heading\">Description</h2><div class=\"prose\">")
            .raw(description)
            .raw("</div></section>");
    }
    h.raw("\n\n");
    if !view.milestones.is_empty() {
        h.raw("\n<section aria-labelledby=\"milestones-heading\"><h2 id=\"milestones-heading\">Milestones</h2>\n<ul>");
        for milestone in &view.milestones {
            h.raw("<li>").text(milestone).raw("</li>");
        }
        h.raw("</ul></section>\n");
    }
    h.raw("\n\n");
    if !view.steps.is_empty() {
        h.raw("\n<section aria-labelledby=\"steps-heading\">\n  <h2 id=\"steps-heading\">Steps</h2>\n  <table class=\"actions\">\n    <caption class=\"visually-hidden\">Steps of ")
            .text(&a.id)
            .raw("</caption>\n    <thead><tr><th scope=\"col\">Step</th><th scope=\"col\">Owner</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th><th scope=\"col\">Update</th></tr></thead>\n    <tbody>\n      ");
        for step in &view.steps {
            h.raw("\n      <tr>\n        <th scope=\"row\">")
                .text(&step.title);
            if let Some(description) = given(&step.description) {
                h.raw("<br><span class=\"meta\">")
                    .text(description)
                    .raw("</span>");
            }
            h.raw("</th>\n        <td>");
            or_not_set(h, given(&step.owner));
            h.raw("</td>\n        <td>");
            or_not_set(h, given(&step.due_words));
            h.raw("</td>\n        <td>");
            badge(h, &step.status);
            if let Some(note) = given(&step.status_note) {
                h.raw("<br><span class=\"meta\">").text(note).raw("</span>");
            }
            h.raw("</td>\n        <td>");
            match given(&step.update) {
                Some(update) => h.text(update),
                None => h.raw("<span class=\"not-set\">No update</span>"),
            };
            h.raw("</td>\n      </tr>\n      ");
        }
        h.raw("\n    </tbody>\n  </table>\n</section>\n");
    }
    h.raw("\n\n");
    if !view.metrics.is_empty() {
        h.raw("\n<section aria-labelledby=\"metrics-heading\"><h2 id=\"metrics-heading\">Performance measures</h2>\n<ul>");
        link_items(h, &view.metrics);
        h.raw("</ul></section>\n");
    }
    h.raw("\n\n<section aria-labelledby=\"history-heading\">\n  <h2 id=\"history-heading\">Updates and changes</h2>\n  <p>Dated progress updates, and every change to this action's status and due date found in the published record.</p>\n  ");
    if let Some(limitation) = given(&site.history_limitation) {
        h.raw("<p class=\"notice\">").text(limitation).raw("</p>");
    }
    h.raw("\n  ");
    if view.timeline.is_empty() {
        h.raw("<p>No updates have been published for this action.</p>");
    } else {
        h.raw("\n  <ol class=\"timeline\">\n    ");
        for entry in &view.timeline {
            timeline_entry(h, site, entry);
        }
        h.raw("\n  </ol>\n  ");
    }
    h.raw("\n</section>\n");
}

/// One `<li>` of an action's timeline, with the loop's whitespace after it.
fn timeline_entry(h: &mut Html, site: &SiteView, e: &TimelineEntry) {
    h.raw("\n    <li class=\"timeline-")
        .text(e.kind)
        .raw("\">\n      <p class=\"meta\"><time datetime=\"")
        .text(&e.date)
        .raw("\">")
        .text(&e.date_words)
        .raw("</time> · ")
        .raw(if e.kind == "update" {
            "Update"
        } else {
            "Change to the record"
        });
    if let Some(status) = &e.status {
        h.raw(" · ");
        badge(h, status);
    }
    if let Some(due) = given(&e.due_words) {
        h.raw(" · due ").text(due);
    }
    h.raw("</p>\n      <p>");
    if e.kind == "change" {
        h.raw("<strong>")
            .text(&e.text)
            .raw("</strong> on ")
            .text(&e.date_words)
            .raw(".");
    } else {
        h.text(&e.text);
    }
    h.raw("</p>\n      ");
    if let Some(message) = given(&e.message) {
        h.raw("<p class=\"meta\">Commit message: “")
            .text(message)
            .raw("” (<a href=\"")
            .text(&site.base)
            .raw("changes/#")
            .text(e.anchor.as_deref().unwrap_or_default())
            .raw("\">in the record</a>)</p>");
    }
    h.raw("\n    </li>\n    ");
}

/// `metric.html`.
pub(super) fn metric_page(site: &SiteView, page: &PageMeta<'_>, view: &MetricView) -> String {
    let size = 8 * 1024 + view.table.rows.len() * 160;
    base(
        site,
        page,
        size,
        |h| {
            if let Some(jsonld) = given(&view.jsonld) {
                h.raw("<script type=\"application/ld+json\">")
                    .raw(jsonld)
                    .raw("</script>");
            }
        },
        |h| metric_content(h, site, view),
        |h| {
            if view.chart.is_some() {
                chart_scripts(h, site);
            }
        },
    )
}

/// `chart.html`.
fn chart_figure(h: &mut Html, chart: &ChartView) {
    h.raw("<figure class=\"chart\">\n  <figcaption>")
        .text(&chart.description)
        .raw("</figcaption>\n  <div class=\"chart-canvas\" id=\"")
        .text(&chart.id)
        .raw("\" data-chart=\"")
        .text(&chart.id)
        .raw("-data\" role=\"img\" aria-label=\"")
        .text(&chart.description)
        .raw("\"></div>\n  <script type=\"application/json\" id=\"")
        .text(&chart.id)
        .raw("-data\">")
        .raw(&chart.json)
        .raw("</script>\n</figure>\n");
}

/// `chart_scripts.html`.
fn chart_scripts(h: &mut Html, site: &SiteView) {
    h.raw("<script src=\"")
        .text(&site.base)
        .raw("assets/vendor/echarts/echarts.min.js\" defer></script>\n<script src=\"")
        .text(&site.base)
        .raw("assets/charts.js\" defer></script>\n");
}

fn metric_content(h: &mut Html, site: &SiteView, view: &MetricView) {
    h.raw("\n<h1>").text(&view.title).raw("</h1>\n");
    if view.headlines.is_empty() {
        h.raw("<p class=\"lead\">No figures have been published for this measure yet.</p>");
    } else {
        h.raw("\n<div class=\"lead\">\n  ");
        for headline in &view.headlines {
            h.raw("<p>");
            if view.headlines.len() > 1 {
                h.text(&headline.series).raw(": ");
            }
            h.text(&headline.sentence).raw(".");
            if let Some(trend) = given(&headline.trend) {
                h.raw(" ").text(trend).raw(".");
            }
            h.raw("</p>");
        }
        h.raw("\n</div>\n");
    }
    h.raw("\n\n");
    if let Some(chart) = &view.chart {
        chart_figure(h, chart);
    }
    h.raw("\n\n");
    let table = &view.table;
    if !table.rows.is_empty() {
        h.raw("\n<section aria-labelledby=\"data-heading\">\n  <h2 id=\"data-heading\">The figures</h2>\n  <section class=\"table-scroll\" aria-labelledby=\"data-caption\" tabindex=\"0\">\n  <table class=\"data\">\n    <caption id=\"data-caption\">")
            .text(&table.caption)
            .raw("</caption>\n    <thead><tr><th scope=\"col\">Period</th>");
        for header in table.headers.iter().chain(&table.target_headers) {
            h.raw("<th scope=\"col\">").text(header).raw("</th>");
        }
        h.raw("</tr></thead>\n    <tbody>\n      ");
        for row in &table.rows {
            h.raw("<tr><th scope=\"row\"><time datetime=\"")
                .text(&row.period)
                .raw("\">")
                .text(&row.period_words)
                .raw("</time></th>");
            for cell in row.cells.iter().chain(&row.targets) {
                h.raw("<td>").text(cell).raw("</td>");
            }
            h.raw("</tr>");
        }
        h.raw("\n    </tbody>\n  </table>\n  </section>\n  ");
        if let Some(downloads) = &view.downloads {
            h.raw("<p>Download these figures: <a href=\"")
                .text(&downloads.csv)
                .raw("\" download>CSV</a> · <a href=\"")
                .text(&downloads.json)
                .raw("\" download>JSON</a> (<a href=\"")
                .text(&site.base)
                .raw("data/\">all open data</a>).</p>\n  ");
            if let Some(fields) = view.download_fields.as_ref().filter(|f| !f.is_empty()) {
                let title = "Columns of the download";
                h.raw("\n  <details>\n    <summary>")
                    .raw(title)
                    .raw("</summary>\n    <table class=\"columns\">\n      <caption class=\"visually-hidden\">")
                    .raw(title)
                    .raw("</caption>\n      <thead><tr><th scope=\"col\">Column</th><th scope=\"col\">Type</th><th scope=\"col\">Meaning</th></tr></thead>\n      <tbody>");
                for field in fields {
                    h.raw("<tr><th scope=\"row\"><code>")
                        .text(&field.name)
                        .raw("</code></th><td>")
                        .text(field.kind)
                        .raw("</td><td>")
                        .text(&field.description)
                        .raw("</td></tr>");
                }
                h.raw("</tbody>\n    </table>\n  </details>\n  ");
            }
        }
        h.raw("\n</section>\n");
    }
    h.raw("\n\n");
    if !view.restated.is_empty() || !view.target_changes.is_empty() {
        h.raw("\n<section aria-labelledby=\"record-heading\">\n  <h2 id=\"record-heading\">Changes to published figures and targets</h2>\n  ");
        if !view.restated.is_empty() {
            h.raw(
                "\n  <p>These figures were published with one value and later changed:</p>\n  <ul>",
            );
            for r in &view.restated {
                h.raw("<li><strong>")
                    .text(&r.series)
                    .raw(", ")
                    .text(&r.period_words)
                    .raw(": first published as ")
                    .text(&r.from)
                    .raw(", restated as ")
                    .text(&r.to)
                    .raw("</strong> on ")
                    .text(&r.date_words)
                    .raw(" (“")
                    .text(&r.message)
                    .raw("”, <a href=\"")
                    .text(&site.base)
                    .raw("changes/#")
                    .text(&r.anchor)
                    .raw("\">in the record</a>)</li>");
            }
            h.raw("</ul>\n  ");
        }
        h.raw("\n  ");
        if !view.target_changes.is_empty() {
            h.raw("\n  <ul>");
            for t in &view.target_changes {
                h.raw("<li>")
                    .text(&t.text)
                    .raw(" on ")
                    .text(&t.date_words)
                    .raw(" (“")
                    .text(t.message.as_deref().unwrap_or_default())
                    .raw("”, <a href=\"")
                    .text(&site.base)
                    .raw("changes/#")
                    .text(t.anchor.as_deref().unwrap_or_default())
                    .raw("\">in the record</a>)</li>");
            }
            h.raw("</ul>\n  ");
        }
        h.raw("\n</section>\n");
    }
    h.raw("\n\n<section aria-labelledby=\"about-heading\">\n  <h2 id=\"about-heading\">About this measure</h2>\n  <dl class=\"summary-list\">\n    <div><dt>Unit</dt><dd>")
        .text(&capitalize(view.unit))
        .raw("</dd></div>\n    <div><dt>Which way is better</dt><dd>")
        .text(view.direction)
        .raw("</dd></div>\n    <div><dt>How often</dt><dd>");
    match given(&view.frequency) {
        Some(frequency) => h.text(&capitalize(frequency)),
        None => h.raw("<span class=\"not-set\">Not set</span>"),
    };
    h.raw("</dd></div>\n    <div><dt>Source</dt><dd>");
    or_not_set(h, given(&view.source));
    h.raw("</dd></div>\n  </dl>\n  ");
    if !view.description_html.is_empty() {
        h.raw("<div class=\"prose\">")
            .raw(&view.description_html)
            .raw("</div>");
    }
    h.raw("\n  ");
    if !view.actions.is_empty() {
        h.raw("<h3>Actions this measures</h3><ul>");
        link_items(h, &view.actions);
        h.raw("</ul>");
    }
    h.raw("\n</section>\n");
}

/// `strategy.html`.
pub(super) fn strategy_page(site: &SiteView, page: &PageMeta<'_>, view: &StrategyView) -> String {
    let size = 8 * 1024 + view.card.total * 1024;
    base(
        site,
        page,
        size,
        |_| {},
        |h| strategy_content(h, site, view),
        |h| chart_scripts(h, site),
    )
}

fn strategy_content(h: &mut Html, site: &SiteView, view: &StrategyView) {
    h.raw("\n<h1>")
        .text(&view.title)
        .raw("</h1>\n<dl class=\"summary-list\">\n  <div><dt>Period</dt><dd>");
    or_not_set(h, given(&view.period_words));
    h.raw("</dd></div>\n  <div><dt>Approved</dt><dd>");
    match &view.approved {
        Some(approved) => {
            if let Some(by) = given(&approved.by) {
                h.text(by);
            }
            if let Some(on) = given(&approved.on_words) {
                h.raw(", ").text(on);
            }
            if let Some(reference) = given(&approved.reference) {
                h.raw(" (report ").text(reference).raw(")");
            }
        }
        None => {
            h.raw("<span class=\"not-set\">Not set</span>");
        }
    }
    h.raw("</dd></div>\n  <div><dt>Owner</dt><dd>");
    or_not_set(h, given(&view.owner));
    h.raw("</dd></div>\n  ");
    if let Some(review) = given(&view.review) {
        h.raw("<div><dt>Review</dt><dd>")
            .text(review)
            .raw("</dd></div>");
    }
    h.raw("\n  <div><dt>Figures as at</dt><dd>")
        .text(&site.as_of_words)
        .raw("</dd></div>\n</dl>\n\n<section aria-labelledby=\"progress-heading\">\n  <h2 id=\"progress-heading\">Progress</h2>\n  \n  <p class=\"big-number\">");
    let card = &view.card;
    h.number(card.complete)
        .raw(" of ")
        .number(card.total)
        .raw(" <span>actions complete</span></p>\n  ");
    rag_bar(h, card);
    h.raw("\n  <p>").text(&card.split_words).raw(". ");
    overdue_count(h, card);
    h.raw("</p>\n  ");
    chart_figure(h, &view.chart);
    h.raw("\n  <table class=\"counts\">\n    <caption>Actions by ");
    if view.themes.len() > 1 {
        h.raw("theme and ");
    }
    h.raw("status</caption>\n    <thead><tr><th scope=\"col\">Theme</th>");
    for label in view.status_labels {
        h.raw("<th scope=\"col\">").text(label).raw("</th>");
    }
    h.raw("<th scope=\"col\">Total</th></tr></thead>\n    <tbody>\n      ");
    for row in &view.counts_table {
        h.raw("<tr><th scope=\"row\">").text(&row.name).raw("</th>");
        for n in row.counts {
            h.raw("<td>").number(n).raw("</td>");
        }
        h.raw("<td>").number(row.total).raw("</td></tr>");
    }
    h.raw("\n    </tbody>\n  </table>\n  <p class=\"meta\">How actions are rated: ")
        .text(&site.rag_rule)
        .raw("</p>\n</section>\n\n<section aria-labelledby=\"overdue-heading\">\n  <h2 id=\"overdue-heading\">Overdue</h2>\n  ");
    if view.overdue.is_empty() {
        h.raw("<p>No actions are overdue as at ")
            .text(&site.as_of_words)
            .raw(".</p>");
    } else {
        h.raw("\n  <ul>");
        for a in &view.overdue {
            action_link(h, a);
            h.raw(": due ")
                .text(a.due_words.as_deref().unwrap_or_default())
                .raw(", ")
                .text(&a.timing.as_deref().unwrap_or_default().to_lowercase())
                .raw(" (")
                .text(&a.status.label.to_lowercase())
                .raw(")</li>");
        }
        h.raw("</ul>\n  ");
    }
    let days = view.due_soon_days.to_string();
    h.raw("\n  <h2 id=\"due-soon-heading\">Due in the next ")
        .raw(&days)
        .raw(" days</h2>\n  ");
    if view.due_soon.is_empty() {
        h.raw("<p>No actions are due in the next ")
            .raw(&days)
            .raw(" days.</p>");
    } else {
        h.raw("\n  <ul>");
        for a in &view.due_soon {
            action_link(h, a);
            h.raw(": due ")
                .text(a.due_words.as_deref().unwrap_or_default())
                .raw(" (")
                .text(&a.status.label.to_lowercase())
                .raw(")</li>");
        }
        h.raw("</ul>\n  ");
    }
    h.raw("\n</section>\n\n<section aria-labelledby=\"rescheduled-heading\">\n  <h2 id=\"rescheduled-heading\">Re-scheduled actions</h2>\n  ");
    if !view.rescheduled.is_empty() {
        h.raw("\n  <table class=\"actions\">\n    <caption class=\"visually-hidden\">Actions whose due date was moved</caption>\n    <thead><tr><th scope=\"col\">Action</th><th scope=\"col\">Times moved</th><th scope=\"col\">First due</th><th scope=\"col\">Now due</th><th scope=\"col\">Moved</th></tr></thead>\n    <tbody>\n      ");
        for r in &view.rescheduled {
            h.raw("<tr><th scope=\"row\"><a href=\"")
                .text(&r.url)
                .raw("\">")
                .text(&r.id)
                .raw(": ")
                .text(&r.title)
                .raw("</a></th><td>")
                .number(r.times)
                .raw("</td><td>")
                .text(&r.from_words)
                .raw("</td><td>")
                .text(&r.to_words)
                .raw("</td><td>");
            match given(&r.moved_words) {
                Some(moved) => h.text(moved),
                None => h.raw("<span class=\"not-set\">Not dated</span>"),
            };
            h.raw("</td></tr>");
        }
        h.raw("\n    </tbody>\n  </table>\n  ");
    } else if let Some(limitation) = given(&site.history_limitation) {
        h.raw("<p class=\"notice\">")
            .text(limitation)
            .raw("</p>\n  ");
    } else {
        h.raw("<p>No action's due date has been moved in the published record.</p>");
    }
    h.raw("\n</section>\n\n<section aria-labelledby=\"summary-heading\">\n  <h2 id=\"summary-heading\">Summary</h2>\n  <div class=\"prose\">")
        .raw(&view.summary_html)
        .raw("</div>\n</section>\n\n");
    for theme in &view.themes {
        h.raw("\n<section aria-labelledby=\"theme-")
            .text(&theme.id)
            .raw("\" class=\"theme\">\n  <h2 id=\"theme-")
            .text(&theme.id)
            .raw("\">")
            .text(&theme.title)
            .raw("</h2>\n  ");
        if let Some(description) = given(&theme.description) {
            h.raw("<p>").text(description).raw("</p>");
        }
        h.raw("\n  ");
        if theme.actions.is_empty() {
            h.raw("<p>No actions in this theme.</p>");
        } else {
            h.raw("\n  ");
            action_table(h, &format!("Actions: {}", theme.title), &theme.actions);
            h.raw("\n  ");
        }
        h.raw("\n</section>\n");
    }
    h.raw("\n\n");
    if let Some(downloads) = &view.downloads {
        h.raw("\n<section aria-labelledby=\"downloads-heading\">\n  <h2 id=\"downloads-heading\">Download the action plan</h2>\n  <p>Every action and step with its status, RAG rating, due date, owner and latest update: <a href=\"")
            .text(&downloads.csv)
            .raw("\" download>CSV</a> · <a href=\"")
            .text(&downloads.json)
            .raw("\" download>JSON</a>. Licence: ")
            .text(&site.licence.name)
            .raw(".</p>\n</section>\n");
    }
    h.raw("\n\n");
    if !view.related.is_empty() || !view.updates.is_empty() {
        h.raw("\n<section aria-labelledby=\"related-heading\">\n  <h2 id=\"related-heading\">Related</h2>\n  ");
        if !view.related.is_empty() {
            h.raw("<ul>");
            link_items(h, &view.related);
            h.raw("</ul>");
        }
        h.raw("\n  ");
        if !view.updates.is_empty() {
            h.raw("<h3>Updates</h3><ul class=\"update-list\">");
            for update in &view.updates {
                update_item(h, update);
            }
            h.raw("</ul>");
        }
        h.raw("\n</section>\n");
    }
    h.raw("\n");
}

/// The start of an overdue or due-soon item: `<li>` and the action's link.
fn action_link(h: &mut Html, a: &ActionRow) {
    h.raw("<li><a href=\"")
        .text(&a.url)
        .raw("\">")
        .text(&a.id)
        .raw(": ")
        .text(&a.title)
        .raw("</a>");
}

/// "N overdue." or "None overdue." under a strategy's progress.
fn overdue_count(h: &mut Html, card: &StrategyCard) {
    if card.overdue > 0 {
        h.raw("<strong class=\"overdue\">")
            .number(card.overdue)
            .raw(" overdue.</strong>");
    } else {
        h.raw("None overdue.");
    }
}

/// `rag_bar.html`.
fn rag_bar(h: &mut Html, card: &StrategyCard) {
    h.raw("<svg class=\"rag-bar\" viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"Actions by status: ")
        .text(&card.split_words)
        .raw("\">");
    for segment in &card.segments {
        h.raw("<rect x=\"")
            .raw(&format!("{:?}", segment.x))
            .raw("\" y=\"0\" width=\"")
            .raw(&format!("{:?}", segment.width))
            .raw("\" height=\"6\" class=\"fill-")
            .text(segment.rag)
            .raw("\"><title>")
            .text(segment.label)
            .raw(": ")
            .number(segment.count)
            .raw("</title></rect>");
    }
    h.raw("</svg>\n");
}

/// `action_table.html`.
fn action_table(h: &mut Html, caption: &str, actions: &[ActionRow]) {
    h.raw("<table class=\"actions\">\n  <caption class=\"visually-hidden\">")
        .text(caption)
        .raw("</caption>\n  <thead>\n    <tr><th scope=\"col\">ID</th><th scope=\"col\">Action</th><th scope=\"col\">Owner</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th><th scope=\"col\">Latest update</th></tr>\n  </thead>\n  <tbody>\n    ");
    for a in actions {
        h.raw("\n    <tr>\n      <td>")
            .text(&a.id)
            .raw("</td>\n      <th scope=\"row\"><a href=\"")
            .text(&a.url)
            .raw("\">")
            .text(&a.title)
            .raw("</a></th>\n      <td>");
        or_not_set(h, given(&a.owner));
        h.raw("</td>\n      <td>");
        or_not_set(h, given(&a.due_words));
        if let Some(timing) = given(&a.timing) {
            h.raw("<br><span class=\"timing");
            if a.overdue {
                h.raw(" overdue");
            }
            h.raw("\">").text(timing).raw("</span>");
        }
        h.raw("</td>\n      <td>");
        badge(h, &a.status);
        h.raw("</td>\n      <td>");
        match &a.latest_update {
            Some(update) => {
                h.raw("<span class=\"meta\"><time datetime=\"")
                    .text(&update.date)
                    .raw("\">")
                    .text(&update.date_words)
                    .raw("</time></span><br>")
                    .text(&update.text);
            }
            None => {
                h.raw("<span class=\"not-set\">No update</span>");
            }
        }
        h.raw("</td>\n    </tr>\n    ");
    }
    h.raw("\n  </tbody>\n</table>\n");
}

/// `index.html`: the home page.
pub(super) fn overview_page(site: &SiteView, page: &PageMeta<'_>, view: &OverviewView) -> String {
    let size = 8 * 1024 + view.strategies.len() * 1024 + view.metrics.len() * 512;
    base(
        site,
        page,
        size,
        |_| {},
        |h| overview_content(h, site, view),
        |_| {},
    )
}

fn overview_content(h: &mut Html, site: &SiteView, view: &OverviewView) {
    h.raw("\n<h1>")
        .text(&site.title)
        .raw("</h1>\n<p class=\"lead\">How ")
        .text(&site.organisation)
        .raw(" is doing against its strategies and performance measures. Figures as at <strong>")
        .text(&site.as_of_words)
        .raw("</strong>.</p>\n\n<section aria-labelledby=\"strategies-heading\">\n  <h2 id=\"strategies-heading\">Strategies</h2>\n  <ul class=\"cards\">\n    ");
    for card in &view.strategies {
        h.raw("\n    ");
        strategy_card(h, card, "h3");
        h.raw("\n    ");
    }
    h.raw("\n  </ul>\n</section>\n\n");
    if !view.metrics.is_empty() {
        h.raw("\n<section aria-labelledby=\"metrics-heading\">\n  <h2 id=\"metrics-heading\">Headline measures</h2>\n  <ul class=\"cards\">\n    ");
        for m in &view.metrics {
            h.raw("\n    <li class=\"card\">\n      <h3><a href=\"")
                .text(&m.url)
                .raw("\">")
                .text(&m.title)
                .raw("</a></h3>\n      ");
            for headline in &m.headlines {
                h.raw("\n      <div class=\"headline\">\n        ");
                if m.headlines.len() > 1 {
                    h.raw("<p class=\"meta\">")
                        .text(&headline.series)
                        .raw("</p>");
                }
                h.raw("\n        <p class=\"big-number\">")
                    .text(&headline.value)
                    .raw(" <span>")
                    .text(&headline.period_words)
                    .raw("</span></p>\n        ");
                if let Some(target) = given(&headline.target) {
                    h.raw("<p>Target ").text(target);
                    if let Some(assessment) = headline.assessment.filter(|a| !a.is_empty()) {
                        h.raw(": <strong class=\"assessment assessment-")
                            .text(assessment)
                            .raw("\">")
                            .text(assessment)
                            .raw("</strong>");
                    }
                    h.raw("</p>");
                }
                h.raw("\n        ");
                if let Some(trend) = given(&headline.trend) {
                    h.raw("<p class=\"meta\">").text(trend).raw("</p>");
                }
                h.raw("\n      </div>\n      ");
            }
            h.raw("\n    </li>\n    ");
        }
        h.raw("\n  </ul>\n</section>\n");
    }
    h.raw("\n\n<section aria-labelledby=\"updates-heading\">\n  <h2 id=\"updates-heading\">Latest updates</h2>\n  ");
    if view.updates.is_empty() {
        h.raw("<p>No updates yet.</p>");
    } else {
        h.raw("\n  <ul class=\"update-list\">\n    ");
        for u in &view.updates {
            update_item(h, u);
        }
        h.raw("\n  </ul>\n  <p><a href=\"")
            .text(&site.base)
            .raw("updates/\">All updates</a></p>\n  ");
    }
    h.raw("\n</section>\n");
}

/// `strategies.html`: every strategy's card.
pub(super) fn strategy_list_page(
    site: &SiteView,
    page: &PageMeta<'_>,
    view: &StrategyListView,
) -> String {
    let size = 8 * 1024 + view.strategies.len() * 1024;
    let content = |h: &mut Html| {
        h.raw(
            "\n<h1>Strategies</h1>\n<p class=\"lead\">Each strategy with its action plan, as at ",
        )
        .text(&site.as_of_words)
        .raw(".</p>\n<ul class=\"cards\">\n  ");
        for card in &view.strategies {
            h.raw("\n  ");
            strategy_card(h, card, "h2");
            h.raw("\n  ");
        }
        h.raw("\n</ul>\n");
    };
    base(site, page, size, |_| {}, content, |_| {})
}

/// `metrics.html`: every measure with its latest figures.
pub(super) fn metric_list_page(
    site: &SiteView,
    page: &PageMeta<'_>,
    view: &MetricListView,
) -> String {
    let size = 8 * 1024 + view.metrics.len() * 512;
    let content = |h: &mut Html| {
        h.raw("\n<h1>Performance measures</h1>\n<p class=\"lead\">Every measure, with its latest figure.</p>\n<ul class=\"cards\">\n  ");
        for m in view.metrics.iter().map(|item| &item.card) {
            h.raw("\n  <li class=\"card\">\n    <h2><a href=\"")
                .text(&m.url)
                .raw("\">")
                .text(&m.title)
                .raw("</a></h2>\n    ");
            for headline in &m.headlines {
                h.raw("<p>");
                if m.headlines.len() > 1 {
                    h.text(&headline.series).raw(": ");
                }
                h.text(&headline.sentence).raw(".</p>");
            }
            h.raw("\n    ");
            if m.headlines.is_empty() {
                h.raw("<p class=\"not-set\">No figures yet.</p>");
            }
            h.raw("\n  </li>\n  ");
        }
        h.raw("\n</ul>\n");
    };
    base(site, page, size, |_| {}, content, |_| {})
}

/// `strategy_card.html`, its title in a `heading` element.
fn strategy_card(h: &mut Html, card: &StrategyCard, heading: &str) {
    h.raw("<li class=\"card\">\n  <")
        .raw(heading)
        .raw("><a href=\"")
        .text(&card.url)
        .raw("\">")
        .text(&card.title)
        .raw("</a></")
        .raw(heading)
        .raw(">\n  ");
    if let Some(period) = given(&card.period_words) {
        h.raw("<p class=\"meta\">").text(period).raw("</p>");
    }
    h.raw("\n  <p class=\"big-number\">")
        .number(card.complete)
        .raw(" of ")
        .number(card.total)
        .raw(" <span>actions complete</span></p>\n  ");
    rag_bar(h, card);
    h.raw("\n  <p>").text(&card.split_words).raw(". ");
    overdue_count(h, card);
    h.raw("</p>\n</li>\n");
}

/// `update_item.html`.
fn update_item(h: &mut Html, u: &UpdateSummary) {
    h.raw("<li>\n  <h3><a href=\"")
        .text(&u.url)
        .raw("\">")
        .text(&u.title)
        .raw("</a></h3>\n  <p class=\"meta\"><time datetime=\"")
        .text(&u.date)
        .raw("\">")
        .text(&u.date_words)
        .raw("</time>");
    if let Some(committee) = given(&u.committee) {
        h.raw(" · ").text(committee);
    }
    h.raw("</p>\n  ");
    if !u.summary.is_empty() {
        h.raw("<p>").text(&u.summary).raw("</p>");
    }
    h.raw("\n</li>\n");
}

#[cfg(test)]
mod tests {
    use super::Compiled;
    use crate::theme::{TemplateSource, Theme};

    fn with_site_template(name: &str) -> Compiled {
        let mut theme = Theme::default_theme();
        theme.site_templates.push(TemplateSource {
            name: name.to_string(),
            source: String::new(),
            origin: name.to_string(),
        });
        Compiled::for_theme(&theme)
    }

    #[test]
    fn a_site_template_sends_only_the_pages_made_from_it_to_tera() {
        let default = Compiled::for_theme(&Theme::default_theme());
        assert!(default.action && default.metric && default.strategy);
        let badge = with_site_template("badge.html");
        assert!(!badge.action && badge.metric && !badge.strategy);
        let chart = with_site_template("chart.html");
        assert!(chart.action && !chart.metric && !chart.strategy);
        let base = with_site_template("base.html");
        assert!(!base.action && !base.metric && !base.strategy);
        let update_item = with_site_template("update_item.html");
        assert!(update_item.action && update_item.metric && !update_item.strategy);
        let index = with_site_template("index.html");
        assert!(index.action && index.metric && index.strategy);
        assert!(!index.overview && index.strategy_list && index.metric_list);
        let card = with_site_template("strategy_card.html");
        assert!(!card.overview && !card.strategy_list && card.metric_list && card.strategy);
        let metrics = with_site_template("metrics.html");
        assert!(metrics.overview && metrics.strategy_list && !metrics.metric_list);
    }
}
