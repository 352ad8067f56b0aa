//! Rendering: the model and the theme in, the site's files out (HTML pages, chart data,
//! sitemap, robots.txt, static assets). Every page is written by tera from the theme's
//! templates (a site theme's over the default theme's), from a view of already-worded values.
//! Pages render in parallel. Nothing here reads or writes files: each file goes to a
//! [`Sink`] ([`crate::output`] writes them).

/// A page's view made of named parts, each converted straight into the templates' values
/// (`view! { "title": strategy.title, "chart": chart }`), with no JSON made on the way.
macro_rules! view {
    ($($key:literal : $value:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut parts = std::collections::BTreeMap::<&'static str, tera::Value>::new();
        $(parts.insert($key, tera::Value::from_serializable(&$value));)*
        tera::Value::from(parts)
    }};
}

pub(crate) mod changes;
pub(crate) mod charts;
mod converted;
pub(crate) mod data;
pub(crate) mod feeds;
pub(crate) mod format;
pub(crate) mod markdown;
mod pages;
pub(crate) mod preview;
pub(crate) mod search;
pub(crate) mod searchable;
pub(crate) mod views;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::history::History;
use crate::model::Content;
use crate::output::{OutputFile, Sink};
use crate::theme::Theme;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::atomic::{AtomicUsize, Ordering};
use views::*;

/// What to render with.
pub struct RenderOptions {
    /// Overrides site.yaml's base_url (e.g. for a preview deployment).
    pub base_url: Option<String>,
}

/// What was rendered, for the build's summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// How many files were handed to the sink.
    pub(crate) files: usize,
    pub(crate) pages: usize,
    pub(crate) charts: usize,
    /// How long the pages and the search index took.
    pub(crate) timings: Vec<(&'static str, std::time::Duration)>,
}

/// A page that was rendered, for the sitemap and the summary.
struct Rendering {
    path: String,
    in_sitemap: bool,
    charts: usize,
}

/// One page to render: where it goes, which template, and its view.
struct PageJob {
    path: String,
    template: &'static str,
    title: String,
    breadcrumbs: converted::Converted<Vec<Link>>,
    /// The page's own values, as the template sees them (`view`).
    view: tera::Value,
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
    breadcrumbs: &'a converted::Converted<Vec<Link>>,
    last_updated: String,
}

/// Builds the tera instance. Every template is there under its own name, the site theme's
/// where it has one (so a site template wins everywhere, also in `extends` and `include`),
/// and every default one also as `default/<name>`, so a site template can extend the one it
/// replaces. Names are looked up directly: no fallback is tried at each include.
fn templates(theme: &Theme, diags: &mut Diagnostics) -> Option<tera::Tera> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    let overridden = |name: &str| theme.site_templates.iter().any(|t| t.name == name);
    let defaults = theme.default_templates.iter();
    let all = (defaults.clone())
        .map(|t| (format!("default/{}", t.name), t))
        .chain(
            defaults
                .filter(|t| !overridden(&t.name))
                .map(|t| (t.name.clone(), t)),
        )
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

/// tera's escaping (`& < > " '` as entities), written a run of plain text at a time rather
/// than a byte at a time: the pages escape every value they show.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // Most values have nothing to escape: looked at a block at a time first (which the
    // compiler turns into vector instructions), they are given whole.
    let bytes = input.as_bytes();
    let special = |b: u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let plain =
        (bytes.chunks(32)).all(|block| !block.iter().fold(false, |found, &b| found | special(b)));
    if plain {
        return out.write_all(bytes);
    }
    let mut plain_from = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_all(&bytes[plain_from..at])?;
        out.write_all(entity.as_bytes())?;
        plain_from = at + 1;
    }
    out.write_all(&bytes[plain_from..])
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

/// What every page is rendered with, prepared once per build: the templates (the site's
/// values in their global context), the site's addresses and the lookups across the site.
pub(crate) struct Prepared {
    tera: tera::Tera,
    /// The site's path on its host (`/` or `/performance/`).
    base: String,
    /// Scheme and host (`https://example.org`), or empty when base_url has none.
    root: String,
    urls: Urls,
    site: SiteView,
    measured_by: pages::MeasuredBy,
    trails: pages::Trails,
}

impl Prepared {
    /// Compiles the templates and prepares the site-wide values; `None` when a template has
    /// an error (in `diags`).
    pub(crate) fn new(
        content: &Content,
        history: &History,
        theme: &Theme,
        options: &RenderOptions,
        diags: &mut Diagnostics,
    ) -> Option<Prepared> {
        let mut tera = templates(theme, diags)?;
        let base_url = options
            .base_url
            .clone()
            .unwrap_or_else(|| content.site.base_url.clone());
        let base = base_path(&base_url);
        let root = base_url
            .split_once("://")
            .map(|(scheme, rest)| {
                format!("{scheme}://{}", rest.split('/').next().unwrap_or_default())
            })
            .unwrap_or_default();
        let urls = Urls { base: base.clone() };
        let mut site = site_view(content, &base);
        site.history_limitation = history.status.limitation();
        // Site-wide values go into the global context once, not into every page's context.
        tera.global_context().insert("site", &site);
        let measured_by = pages::MeasuredBy::of(content, &urls);
        let trails = pages::Trails::of(&urls);
        Some(Prepared {
            tera,
            base,
            root,
            urls,
            site,
            measured_by,
            trails,
        })
    }

    fn shared<'a>(
        &'a self,
        content: &'a Content,
        history: &'a History,
        datasets: Option<&'a [data::Dataset]>,
    ) -> pages::Shared<'a> {
        pages::Shared::new(
            content,
            history,
            &self.urls,
            datasets,
            &self.measured_by,
            &self.trails,
            &self.root,
        )
    }

    /// Renders one page's template.
    fn render_page(
        &self,
        history: &History,
        job: PageJob,
    ) -> Result<(OutputFile, Rendering), Diagnostic> {
        let meta = PageMeta {
            title: &job.title,
            path: &job.path,
            canonical: format!("{}{}", self.root, url_of(&self.base, &job.path)),
            breadcrumbs: &job.breadcrumbs,
            last_updated: last_updated(history, &job.sources),
        };
        let mut context = tera::Context::new();
        context.insert("page", &meta);
        context.insert_value("view", job.view);
        // Written straight into the page's bytes: no UTF-8 check of a String, and room for
        // most pages from the start.
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(job.template, &context, &mut html)
            .map_err(|e| {
                Diagnostic::error(
                    Location::file(format!("themes: {}", job.template)),
                    format!("rendering {} failed: {}", job.path, error_chain(&e)),
                )
            })?;
        Ok((
            OutputFile {
                path: job.path.clone(),
                bytes: html,
            },
            Rendering {
                path: job.path,
                in_sitemap: job.in_sitemap,
                charts: job.charts,
            },
        ))
    }

    /// The pages that belong to no unit: the data catalogue, search and the record of changes.
    fn site_wide_jobs(
        &self,
        content: &Content,
        history: &History,
        datasets: &[data::Dataset],
        commits: &[changes::CommitView],
    ) -> Vec<PageJob> {
        vec![
            data_page(self, content, history, datasets),
            PageJob {
                path: "search/index.html".into(),
                template: "search.html",
                title: "Search".into(),
                breadcrumbs: self.trails.home.clone(),
                view: view! {},
                charts: 0,
                in_sitemap: false,
                sources: vec![],
            },
            PageJob {
                path: "changes/index.html".into(),
                template: "changes.html",
                title: "What changed".into(),
                breadcrumbs: self.trails.home.clone(),
                view: view! {"commits": commits},
                charts: 0,
                in_sitemap: true,
                sources: vec![],
            },
        ]
    }

    /// The files made from the whole site rather than one page: the search index, the data
    /// catalogue's files, the feeds, robots.txt and the print stylesheet. The data downloads
    /// are not among them (see [`data::dataset_files`]), nor the sitemap and the theme's files.
    fn site_files(
        &self,
        content: &Content,
        datasets: &[data::Dataset],
        commits: &[changes::CommitView],
        put: &(dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync),
    ) -> Result<Vec<(&'static str, std::time::Duration)>, Diagnostic> {
        let (root, base, urls) = (&self.root, &self.base, &self.urls);
        let search_started = std::time::Instant::now();
        for file in search::index(&searchable::documents(content, urls)) {
            put(file)?;
        }
        let search_took = search_started.elapsed();
        let data_started = std::time::Instant::now();
        let files = [
            OutputFile {
                path: "data/datapackage.json".into(),
                bytes: data::datapackage(content, datasets, &self.site.licence).into_bytes(),
            },
            OutputFile {
                path: "data/catalog.jsonld".into(),
                bytes: data::dcat_catalogue(content, datasets, root, base).into_bytes(),
            },
            OutputFile {
                path: "updates/atom.xml".into(),
                bytes: updates_feed(content, urls, root).into_bytes(),
            },
            OutputFile {
                path: "robots.txt".into(),
                bytes: format!("User-agent: *\nAllow: /\n\nSitemap: {root}{base}sitemap.xml\n")
                    .into_bytes(),
            },
            OutputFile {
                path: "changes/atom.xml".into(),
                bytes: changes::atom_feed(
                    commits,
                    &content.site.title,
                    &content.site.organisation,
                    root,
                    base,
                )
                .into_bytes(),
            },
            OutputFile {
                path: PRINT_CSS.into(),
                bytes: self.print_css().into_bytes(),
            },
        ];
        for file in files {
            put(file)?;
        }
        Ok(vec![
            ("search index (with pages)", search_took),
            ("feeds, catalogue (with pages)", data_started.elapsed()),
        ])
    }

    fn print_css(&self) -> String {
        print_css(&self.site, &self.root, &self.base)
    }

    fn sitemap(&self, mut paths: Vec<String>, datasets: &[data::Dataset]) -> OutputFile {
        paths.extend(
            datasets
                .iter()
                .flat_map(|d| [d.csv_path.clone(), d.json_path.clone()]),
        );
        OutputFile {
            path: "sitemap.xml".into(),
            bytes: sitemap(&self.root, &self.base, &paths).into_bytes(),
        }
    }
}

/// Where the generated print stylesheet goes.
const PRINT_CSS: &str = "assets/print.css";

/// Writes the theme's static files, under assets/, from where they are held.
fn put_theme_files(theme: &Theme, sink: &dyn Sink) -> Result<(), crate::output::WriteError> {
    (theme.statics.par_iter())
        .try_for_each(|(path, bytes)| sink.put_parts(&format!("assets/{path}"), &[bytes]))
}

/// Renders the whole site, handing every file to `sink` as soon as it is made.
pub fn render(
    content: &Content,
    history: &History,
    theme: &Theme,
    options: &RenderOptions,
    diags: &mut Diagnostics,
    sink: &dyn Sink,
) -> Option<Rendered> {
    let started = std::time::Instant::now();
    let prepared = Prepared::new(content, history, theme, options, diags)?;
    let commits = changes::commit_views(history, content, &prepared.urls);
    // The pages need the datasets' descriptions; the download files are made beside them.
    let datasets = data::datasets(content, &prepared.urls);
    let shared = prepared.shared(content, history, Some(&datasets));
    let counted = Counted {
        sink,
        files: AtomicUsize::new(0),
    };
    let cannot_write = |e: crate::output::WriteError| {
        Diagnostic::error(
            Location::file(&e.path),
            format!("cannot write the site: {}", e.message),
        )
    };
    let put = |file: OutputFile| counted.put(file).map_err(cannot_write);
    let render_page = |job: PageJob| -> Result<Rendering, Diagnostic> {
        let (file, rendering) = prepared.render_page(history, job)?;
        put(file)?;
        Ok(rendering)
    };
    // Each unit's pages (and the site-wide pages) are built, rendered, written and dropped in
    // turn, in parallel; beside them, the files that do not depend on the pages.
    let (outcomes, side) = rayon::join(
        || -> Vec<Result<Vec<Rendering>, Diagnostic>> {
            pages::units(content)
                .par_iter()
                .map(|unit| pages::jobs(unit, &shared))
                .chain(
                    rayon::iter::once(())
                        .map(|()| prepared.site_wide_jobs(content, history, &datasets, &commits)),
                )
                .map(|jobs| jobs.into_iter().map(&render_page).collect())
                .collect()
        },
        || -> Result<Vec<(&'static str, std::time::Duration)>, Diagnostic> {
            let data_files_started = std::time::Instant::now();
            data::dataset_files(content, &prepared.urls, &datasets, &counted)
                .map_err(cannot_write)?;
            let mut timings = vec![("data files (with pages)", data_files_started.elapsed())];
            timings.extend(prepared.site_files(content, &datasets, &commits, &put)?);
            Ok(timings)
        },
    );
    let mut done: Vec<Rendering> = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(pages) => done.extend(pages),
            Err(d) => diags.push(d),
        }
    }
    let side_timings = side.map_err(|d| diags.push(d)).unwrap_or_default();
    if diags.has_errors() {
        return None;
    }
    done.sort_by(|a, b| a.path.cmp(&b.path));
    let pages_took = started.elapsed();

    let finishing_started = std::time::Instant::now();
    let sitemap_paths: Vec<String> = done
        .iter()
        .filter(|r| r.in_sitemap)
        .map(|r| r.path.clone())
        .collect();
    drop(shared);
    let (sitemap_put, theme_put) = rayon::join(
        || put(prepared.sitemap(sitemap_paths, &datasets)),
        || put_theme_files(theme, &counted).map_err(cannot_write),
    );
    for outcome in [sitemap_put, theme_put] {
        outcome.map_err(|d| diags.push(d)).ok()?;
    }
    Some(Rendered {
        pages: done.len(),
        charts: done.iter().map(|r| r.charts).sum(),
        files: counted.files.into_inner(),
        timings: {
            let mut timings = vec![("render and write pages", pages_took)];
            timings.extend(side_timings);
            timings.push(("sitemap, theme files", finishing_started.elapsed()));
            timings
        },
    })
}

/// Hands files on to a sink, counting them.
struct Counted<'s> {
    sink: &'s dyn Sink,
    files: AtomicUsize,
}

impl Sink for Counted<'_> {
    fn put(&self, file: OutputFile) -> Result<(), crate::output::WriteError> {
        self.sink.put(file)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn put_parts(&self, path: &str, parts: &[&[u8]]) -> Result<(), crate::output::WriteError> {
        self.sink.put_parts(path, parts)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// A view as the templates see it (tera's values).
fn to_view(view: &impl Serialize) -> tera::Value {
    tera::Value::from_serializable(view)
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
pub(crate) fn escape_xml(text: &str) -> String {
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
            .map(|s| format!("snapshots/{}.yaml", s.date)),
    );
    sources
}

/// When the content behind a page or dataset last changed, as far as the record shows.
enum LastChange {
    /// The date of the last commit that changed one of its files.
    On(String),
    /// Why there is no date: edits not yet committed, or no history to read.
    Undated(&'static str),
}

impl LastChange {
    /// Finds it for content made from `sources` (all content when empty).
    fn of(history: &History, sources: &[String]) -> LastChange {
        if history
            .uncommitted
            .iter()
            .any(|u| sources.is_empty() || sources.contains(u))
        {
            return LastChange::Undated("includes changes not yet in the published record");
        }
        let commit = if sources.is_empty() {
            history.last_commit()
        } else {
            history.last_changed_of(sources.iter().map(String::as_str))
        };
        match commit {
            Some(c) => LastChange::On(crate::model::period::date_in_words(c.date())),
            None if history.status.limitation().is_some() => LastChange::Undated("not recorded"),
            None => LastChange::Undated("not known"),
        }
    }

    /// The page's sentence: "Last updated 1 March 2020".
    fn sentence(&self) -> String {
        match self {
            LastChange::On(date) => format!("Last updated {date}"),
            LastChange::Undated(why) => format!("Last updated: {why}"),
        }
    }

    /// The value under a "Last updated" heading: "1 March 2020".
    fn value(&self) -> String {
        match self {
            LastChange::On(date) => date.clone(),
            LastChange::Undated(why) => format::sentence_case(why),
        }
    }
}

/// "Last updated" for a page made from `sources` (all content when empty).
fn last_updated(history: &History, sources: &[String]) -> String {
    LastChange::of(history, sources).sentence()
}

/// The catalogue page: the licence, the data package and the DCAT catalogue, then the action
/// plans and the measures, each a row of a table (title, period, last change, downloads).
/// The columns of the action plan files are described once, as every plan has the same;
/// a measure's columns are described on its own page, so that a national site's catalogue
/// stays a page a phone can load.
fn data_page(
    prepared: &Prepared,
    content: &Content,
    history: &History,
    datasets: &[data::Dataset],
) -> PageJob {
    let (urls, licence) = (&prepared.urls, &prepared.site.licence);
    let row = |d: &data::Dataset, sources: &[String]| {
        serde_json::json!({
            "title": d.title,
            "period_covered": d.period_covered,
            "source": d.source,
            "last_updated": LastChange::of(history, sources).value(),
            "csv": format!("{}{}", urls.base, d.csv_path),
            "json": format!("{}{}", urls.base, d.json_path),
            "page": d.page,
        })
    };
    let mut action_plans = Vec::new();
    let mut measures = Vec::new();
    let mut action_fields = None;
    for d in datasets {
        if let Some(slug) = d.name.strip_prefix("metric-") {
            measures.push(row(d, &metric_sources(content, slug)));
        } else if let Some(slug) = d.name.strip_prefix("actions-") {
            action_plans.push(row(d, &[format!("strategies/{slug}/actions.yaml")]));
        } else {
            let every_plan: Vec<String> = (content.strategies.keys())
                .map(|s| format!("strategies/{s}/actions.yaml"))
                .collect();
            // All actions first: the one file most people want.
            action_plans.insert(0, row(d, &every_plan));
            action_fields = Some(data::field_views(d));
        }
    }
    PageJob {
        path: "data/index.html".into(),
        template: "data.html",
        title: "Open data".into(),
        breadcrumbs: prepared.trails.home.clone(),
        view: view! {
            "action_plans": action_plans,
            "action_fields": action_fields,
            "measures": measures,
            "licence": licence,
        },
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
                updated: format!("{}T00:00:00Z", u.date),
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

fn update_summary(update: &crate::model::Update, urls: &Urls) -> UpdateSummary {
    UpdateSummary {
        title: update.title.clone(),
        url: urls.update(update),
        date: crate::model::period::iso_date(update.date),
        date_words: crate::model::period::date_in_words(update.date),
        committee: update.committee.clone(),
        summary: truncate_words(&markdown::to_text(&update.body), 40),
    }
}

fn truncate_words(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    if all.len() <= words {
        all.join(" ")
    } else {
        format!("{}…", all[..words].join(" "))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping_is_teras_own() {
        for text in [
            "",
            "plain",
            "<a href=\"x\">Tom & Jerry's</a>",
            "é<ü>&&",
            "'",
        ] {
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            super::escape_html(text, &mut ours).unwrap();
            tera::escape_html(text, &mut theirs).unwrap();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }
}
