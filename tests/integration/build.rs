//! `plainsight build`: the pages a resident sees, theme overrides, escaping of hostile
//! content, a failed build leaving the previous site, and byte-identical rebuilds.

use crate::support::{files_below, repo_root, Site, ACTIONS, METRIC};

/// The example site built once into a temp dir, shared by the tests that read it.
fn example() -> &'static Site {
    static SITE: std::sync::OnceLock<Site> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let site = Site::empty();
        copy_dir(&repo_root().join("content"), &site.path().join("content"));
        let run = site.build();
        assert_eq!(run.code, 0, "{}", run.stderr);
        site
    })
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The text of an HTML page as a person reads it: tags removed (block tags become spaces,
/// inline ones nothing), scripts dropped, white space folded.
fn text_of(html: &str) -> String {
    const INLINE: [&str; 8] = ["a", "strong", "span", "time", "b", "em", "abbr", "code"];
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start + 1..start + end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        rest = &rest[start + end + 1..];
        if name == "script" && !tag.starts_with('/') {
            rest = rest.find("</script>").map_or("", |i| &rest[i..]);
        }
        if !INLINE.contains(&name.as_str()) {
            text.push(' ');
        }
    }
    text.push_str(rest);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_build_reports_what_it_made() {
    let site = Site::minimal();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.summary()
            .starts_with("built public: 11 pages, 2 charts,"),
        "{}",
        run.summary()
    );
}

#[test]
fn the_dashboard_shows_progress_headlines_and_the_reporting_date() {
    let text = text_of(&example().output("index.html"));
    for expected in [
        "Figures as at 31 December 2019",
        "Digital Strategy 2017–2020 April 2017 to March 2020 4 of 8 actions complete",
        "2 on track, 2 delayed and 4 complete. 1 overdue",
        "ICT Strategy 2017–2020",
        "Monthly Service Level Attainment – Incidents",
        "VIP users 96.0% July 2019 Target 95%: met Down from 97.1% in June 2019, worse",
        "ICT Services Performance Update",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
}

#[test]
fn a_strategy_page_has_its_approval_action_tables_and_overdue_list() {
    let html = example().output("strategies/digital-2017-20/index.html");
    let text = text_of(&html);
    for expected in [
        "Approved Policy and Resources Committee, 20 June 2017 (report FIN/31/17/AMcD/AP)",
        "Overdue DS-04: Review home and Mobile working Policies: due August 2018, overdue by 487 days (delayed)",
        "Customer Focus",
        "DS-01 Provide improved online services ICT Service Manager December 2019 Due today Delayed",
        "How actions are rated: Each action is rated by the status its officer reports",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    assert!(html.contains(r#"<span class="badge badge-red">Delayed</span>"#));
    assert!(html.contains(r#"<a href="/strategies/digital-2017-20/actions/ds-01/">Provide improved online services</a>"#));
    assert!(html.contains(r#"data-chart="chart-digital-2017-20-status-data""#));
    assert!(html
        .contains(r#"<script type="application/json" id="chart-digital-2017-20-status-data">{"#));
    assert!(html.contains(r#"<script src="/assets/charts.js" defer></script>"#));
}

#[test]
fn an_action_page_has_steps_and_every_update_in_order() {
    let text = text_of(&example().output("strategies/digital-2017-20/actions/ds-01/index.html"));
    for expected in [
        "Provide improved online services",
        "Steps complete 2 of 4",
        "Allow Council Tax administration via the Council website",
        "Public launch scheduled for 27th January 2020",
        "Performance measures",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    let first = text.find("20 June 2017").expect("the 2017 update");
    let second = text
        .find("31 December 2019 · Update · Delayed")
        .expect("the 2019 update");
    assert!(first < second, "updates oldest first");
}

#[test]
fn a_metric_page_says_the_latest_figure_against_its_target_and_tables_every_point() {
    let html = example().output("metrics/sla-incidents/index.html");
    let text = text_of(&html);
    assert!(
        text.contains("Standard users: 95.8% in July 2019 against a target of 95%: met."),
        "{text}"
    );
    assert!(
        text.contains("Period VIP users Standard users Target"),
        "{text}"
    );
    assert!(
        text.contains("July 2017 93.5% 91.1% 90%"),
        "the 90% target before August 2017: {text}"
    );
    assert!(
        text.contains("August 2017 95.6% 94.2% 95%"),
        "the 95% target from August 2017: {text}"
    );
    let figures = html
        .split(r#"<caption id="data-caption">"#)
        .nth(1)
        .and_then(|rest| rest.split("</table>").next())
        .expect("the table of figures");
    assert_eq!(
        figures.matches("<tr><th scope=\"row\">").count(),
        21,
        "one row per period"
    );
    let columns = html
        .split("<summary>Columns of the download</summary>")
        .nth(1)
        .and_then(|rest| rest.split("</table>").next())
        .map(text_of)
        .expect("the download's columns, described under the download links");
    for column in [
        "period string The period",
        "vip number VIP users (percent)",
        "standard number Standard users (percent)",
        "target number The target in force for the period (percent)",
    ] {
        assert!(columns.contains(column), "missing {column:?} in {columns}");
    }
    let island = html
        .split(r#"<script type="application/json" id="chart-sla-incidents-data">"#)
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("the chart's data island");
    let chart: serde_json::Value = serde_json::from_str(island).expect("the island is JSON");
    let target = chart["series"]
        .as_array()
        .and_then(|series| series.iter().find(|s| s["name"] == "Target"))
        .expect("a target line in the chart");
    assert_eq!(target["step"], "end", "a stepped target line: {target}");
}

#[test]
fn the_open_data_page_tables_every_dataset_with_its_downloads() {
    let html = example().output("data/index.html");
    let table = |caption: &str| -> Vec<String> {
        html.split(&format!(">{caption}</caption>"))
            .nth(1)
            .and_then(|rest| rest.split("</tbody>").next())
            .map(|body| body.split("<tr>").skip(2).map(text_of).collect())
            .unwrap_or_else(|| panic!("no table {caption:?} in {html}"))
    };
    let plans = table("Action plans to download");
    assert_eq!(
        plans.len(),
        3,
        "all actions, then each strategy's: {plans:?}"
    );
    assert!(plans[0].starts_with("All actions "), "{plans:?}");
    assert!(
        plans[1].starts_with("Digital Strategy 2017–2020: action plan "),
        "{plans:?}"
    );
    assert!(plans[2].ends_with("CSV of ICT Strategy 2017–2020: action plan · JSON of ICT Strategy 2017–2020: action plan"), "{plans:?}");
    assert!(html.contains(r#"<a href="/data/actions.csv" download>CSV"#));
    assert!(html.contains(r#"<a href="/data/strategies/ict-2017-20-actions.json" download>JSON"#));

    let measures = table("Performance measures to download");
    assert_eq!(measures.len(), 5, "one row per measure: {measures:?}");
    let sla = measures
        .iter()
        .find(|row| row.starts_with("Monthly Service Level Attainment – Incidents "))
        .unwrap_or_else(|| panic!("no SLA row in {measures:?}"));
    assert!(
        sla.contains(" April 2017 to July 2019 "),
        "period covered: {sla}"
    );
    assert!(
        html.contains(r#"<a href="/data/metrics/sla-incidents.csv" download>CSV<span class="visually-hidden"> of Monthly Service Level Attainment – Incidents</span></a>"#),
        "{html}"
    );
    // The action plans' columns are described once; a measure's are on its own page.
    assert_eq!(html.matches("<code>action_id</code>").count(), 1, "{html}");
    assert!(!html.contains("<code>vip</code>"), "{html}");
}

#[test]
fn every_page_kind_and_the_site_files_are_written() {
    let site = example();
    for path in [
        "strategies/index.html",
        "metrics/index.html",
        "updates/index.html",
        "updates/2020-02-04-ict-performance-update/index.html",
        "pages/accessibility/index.html",
        "404.html",
        "assets/style.css",
        "assets/charts.js",
    ] {
        assert!(site.path().join("public").join(path).is_file(), "{path}");
    }
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://performance.example.org/strategies/digital-2017-20/actions/ds-01/</loc>"
    ));
    assert!(!sitemap.contains("404"));
    assert_eq!(
        site.output("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://performance.example.org/sitemap.xml\n"
    );
    let print = site.output("assets/print.css");
    assert!(
        print.contains(
            r#"@bottom-right { content: "Figures as at 31 December 2019" " · page " counter(page)"#
        ),
        "{print}"
    );
    let page = site.output("pages/about/index.html");
    assert!(page.contains(r#"<link rel="stylesheet" href="/assets/print.css" media="print">"#));
    assert!(page.contains("<html lang=\"en-GB\">"));
    assert!(text_of(&page).contains(
        "Contains public sector information licensed under the Open Government Licence v3.0"
    ));
}

#[test]
fn base_url_puts_every_link_under_its_path() {
    let site = Site::minimal();
    let run = site.run(&[
        "build",
        "--base-url",
        "https://council.example/performance/",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.output("index.html");
    assert!(html.contains(r#"<link rel="stylesheet" href="/performance/assets/style.css">"#));
    assert!(html.contains(r#"<a href="/performance/strategies/plan/">The plan</a>"#));
    assert!(html.contains(r#"<link rel="canonical" href="https://council.example/performance/">"#));
}

#[test]
fn a_site_theme_overrides_templates_and_static_files_by_name() {
    let site = Site::minimal();
    site.write(
        "content/site.yaml",
        "title: Test site\norganisation: Test Council\nas_of: \"2019-12-31\"\ntheme: council\n",
    );
    site.write(
        "themes/council/templates/badge.html",
        "<b class=\"council-badge\">{{ status.label | upper }}</b>",
    );
    site.write("themes/council/static/style.css", "body { color: black; }");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.output("strategies/plan/index.html");
    assert!(
        html.contains("<b class=\"council-badge\">ON TRACK</b>"),
        "the site's badge wins"
    );
    assert!(
        html.contains("<h1>The plan</h1>"),
        "templates not overridden still come from the default theme"
    );
    assert_eq!(site.output("assets/style.css"), "body { color: black; }");
    assert!(site.path().join("public/assets/charts.js").is_file());
}

#[test]
fn a_missing_site_theme_is_an_error() {
    let site = Site::minimal();
    site.write(
        "content/site.yaml",
        "title: Test site\norganisation: Test Council\ntheme: council\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("site.yaml names the theme `council`, but this folder does not exist"),
        "{}",
        run.stderr
    );
}

#[test]
fn hostile_text_stays_text_in_pages_and_chart_data() {
    let site = Site::minimal();
    let hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";
    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS.replace("title: Do a thing", &format!("title: \"{hostile}\"")),
    );
    site.write(
        "content/metrics/sla.yaml",
        &METRIC.replace("label: VIP}", &format!("label: \"{hostile}\"}}")),
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\n<script>alert(3)</script>\n\n[click](javascript:alert(4))\n\n<iframe src=\"https://evil.example\"></iframe>\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in [
        "strategies/plan/index.html",
        "strategies/plan/actions/a-01/index.html",
        "metrics/sla/index.html",
        "pages/about/index.html",
    ] {
        let html = site.output(page);
        for forbidden in [
            "<script>alert",
            "<img src=x onerror",
            "href=\"javascript:",
            "<iframe",
        ] {
            assert!(!html.contains(forbidden), "{forbidden} in {page}");
        }
    }
    let action = site.output("strategies/plan/actions/a-01/index.html");
    assert!(
        action.contains("&lt;&#x2F;script&gt;") || action.contains("&lt;/script&gt;"),
        "the title is shown as text"
    );
    let metric = site.output("metrics/sla/index.html");
    assert!(
        metric.contains(r#"\u003c/script\u003e\u003cscript\u003ealert(1)"#),
        "the label is escaped in the JSON island"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = Site::minimal();
    assert_eq!(site.build().code, 0);
    let before = files_below(&site.path().join("public"));
    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS.replace("status: on_track", "status: amber"),
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.summary()
            .starts_with("build failed: 1 error, 0 warnings; public was left as it was"),
        "{}",
        run.summary()
    );
    assert_eq!(files_below(&site.path().join("public")), before);
    let leftovers: Vec<String> = std::fs::read_dir(site.path())
        .expect("read")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn building_twice_gives_byte_identical_output() {
    let first = Site::empty();
    copy_dir(&repo_root().join("content"), &first.path().join("content"));
    assert_eq!(first.build().code, 0);
    let once = files_below(&first.path().join("public"));
    assert_eq!(first.build().code, 0);
    assert_eq!(files_below(&first.path().join("public")), once);
    assert!(once.len() > 30);
}
