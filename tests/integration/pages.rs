//! The default theme's pages: every optional part shown with its text escaped, a home page
//! with nothing to list, and the theme's templates (the default theme's or a site's) used for
//! every page made from them.

use crate::corpus::generator;
use crate::support::{files_below, repo_root, Site, METRIC, STRATEGY_INDEX};

const EVERY_PART: &str = r#"- id: A-01
  theme: customer-focus
  title: Tom & Jerry's <b>"plan"</b>
  description: "Some *Markdown* with <script>alert(1)</script> & a [link](https://example.org/?a=1&b=2)."
  milestones: ["First <one>", "Second & 'two'"]
  success_criteria: Residents say "yes" & mean it
  owner: Head of <Digital>
  due: "2019-06"
  status: delayed
  status_note: Waiting for the <supplier>
  resources: £1m & two "posts"
  expected_outcome: Fewer calls <than now>
  actual_outcome: It's done
  metrics: [sla, empty]
  steps:
    - {title: "Step <1>", description: "Desc & more", owner: "Team 'A'", due: "2019-03", status: complete, status_note: "Done <early>", update: "All \"fine\""}
    - {title: Step 2, status: not_started}
  updates:
    - {date: "2019-07-01", status: delayed, due: "2020-01", text: "Moved <again> & again"}
    - {date: "2019-05-01", text: Started}
- id: A-02
  theme: customer-focus
  title: Nothing else
  status: complete
"#;

#[test]
fn pages_show_every_optional_part_with_its_text_escaped() {
    let site = Site::minimal();
    site.write(
        "content/site.yaml",
        "title: Test <site> & \"more\"\norganisation: Tom's Council\ndescription: It's <ours> & \"theirs\"\nas_of: \"2019-12-31\"\nlicence: OGL-UK-3.0\nrag: {due_soon_days: 60}\nnavigation:\n  - {title: About <us>, url: /pages/about/}\n  - {title: Elsewhere, url: \"https://example.org/?a=1&b=2\"}\n",
    );
    site.write(
        "content/strategies/plan/index.md",
        &STRATEGY_INDEX.replace(
            "Customer Focus}",
            "Customer <Focus> & \"care\", description: \"Caring & <sharing>\"}\n  - {id: empty, title: Nothing here}",
        ),
    );
    site.write("content/strategies/plan/actions.yaml", EVERY_PART);
    site.write(
        "content/metrics/sla.yaml",
        &METRIC
            .replace("title: SLA", "title: SLA <in> & \"out\"\nsource: The <desk> & co\ndescription: \"A *measure* <i>with</i> & more\"\nheadline: true")
            .replace("data:\n", "data:\n  - {period: \"2019-05\", vip: 96, standard: 96}\n"),
    );
    site.write(
        "content/metrics/empty.yaml",
        "title: Not yet measured\nunit: count\ndirection: none\n",
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nAbout us.\n",
    );
    site.write(
        "content/strategies/other/index.md",
        "---\ntitle: Other <plan> & \"more\"\nperiod: \"2019/20\"\napproved: {by: Policy & Resources, on: \"2019-04-01\", ref: \"P&R/1/19\"}\nowner: Chief <Officer>\nreview: Yearly & \"often\"\nrelated: [plan]\n---\nA *summary* with <em>markup</em>.\n",
    );
    site.write(
        "content/strategies/other/actions.yaml",
        "- id: O-01\n  title: Due soon <really>\n  due: \"2020-01\"\n  status: on_track\n- id: O-02\n  title: Long overdue\n  due: \"2019-01\"\n  status: not_started\n",
    );
    site.write(
        "content/updates/2019-11-05-progress.md",
        "---\ntitle: Progress <report> & \"more\"\ndate: \"2019-11-05\"\ncommittee: Policy & Resources\nstrategies: [plan, other]\n---\nThe committee noted *progress* & more.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = |path: &str| site.output(path);
    let other = page("strategies/other/index.html");
    for part in [
        "Policy &amp; Resources, 1 April 2019 (report P&amp;R/1/19)",
        "Review</dt><dd>Yearly &amp; &quot;often&quot;",
        "<h2 id=\"due-soon-heading\">Due in the next 60 days</h2>\n  \n  <ul><li><a href=\"/strategies/other/actions/o-01/\">O-01: Due soon &lt;really&gt;</a>",
        "<h2 id=\"theme-actions\">Actions</h2>",
        "Progress &lt;report&gt; &amp; &quot;more&quot;</a></h3>",
    ] {
        assert!(other.contains(part), "{part}\n{other}");
    }
    let plan = page("strategies/plan/index.html");
    assert!(
        plan.contains(
            "<h2 id=\"theme-empty\">Nothing here</h2>\n  \n  <p>No actions in this theme.</p>"
        ),
        "{plan}"
    );
    let action = page("strategies/plan/actions/a-01/index.html");
    for part in [
        "<li>First &lt;one&gt;</li>",
        "Resources</dt><dd>£1m &amp; two &quot;posts&quot;",
        "Done &lt;early&gt;",
        "Moved &lt;again&gt; &amp; again",
    ] {
        assert!(action.contains(part), "{part}\n{action}");
    }
    let empty = page("metrics/empty/index.html");
    assert!(empty.contains("No figures have been published for this measure yet."));
    let home = page("index.html");
    for part in [
        "<h3><a href=\"/metrics/sla/\">SLA &lt;in&gt; &amp; &quot;out&quot;</a></h3>",
        "<p class=\"meta\">Standard</p>",
        "<p>Target 95%: <strong class=\"assessment assessment-met\">met</strong></p>",
        "<p class=\"meta\">Down from 96.0% in May 2019, worse</p>",
        "<h3><a href=\"/strategies/other/\">Other &lt;plan&gt; &amp; &quot;more&quot;</a></h3>",
        "Progress &lt;report&gt; &amp; &quot;more&quot;</a></h3>",
    ] {
        assert!(home.contains(part), "{part}\n{home}");
    }
    let measures = page("metrics/index.html");
    assert!(
        measures.contains("<p class=\"not-set\">No figures yet.</p>"),
        "{measures}"
    );
    assert!(measures.contains("<p>VIP: "), "{measures}");
    let strategies = page("strategies/index.html");
    assert!(
        strategies.contains("<h2><a href=\"/strategies/plan/\">"),
        "{strategies}"
    );
}

#[test]
fn a_home_page_with_no_updates_or_headline_measures_says_so() {
    let site = Site::minimal();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = site.output("index.html");
    assert!(home.contains("<p>No updates yet.</p>"), "{home}");
    assert!(!home.contains("Headline measures"), "{home}");
}

/// The page kinds made from a template of their own: the template, and where its pages are.
fn made_from(path: &str) -> Option<&'static str> {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["index.html"] => Some("index.html"),
        ["strategies", "index.html"] => Some("strategies.html"),
        ["metrics", "index.html"] => Some("metrics.html"),
        ["strategies", _, "index.html"] => Some("strategy.html"),
        ["strategies", _, "actions", _, "index.html"] => Some("action.html"),
        ["metrics", _, "index.html"] => Some("metric.html"),
        _ => None,
    }
}

#[test]
fn a_site_themes_templates_make_every_page_of_their_kind() {
    let site = Site::empty();
    generator::generate(0.02, site.path(), None).expect("generate");
    let settings = site.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&settings).expect("site.yaml");
    site.write("content/site.yaml", &format!("{text}\ntheme: council\n"));
    // Each page template: the default one with a line of its own inserted.
    let templates = repo_root().join("themes/default/templates");
    let kinds = [
        "action.html",
        "metric.html",
        "strategy.html",
        "index.html",
        "strategies.html",
        "metrics.html",
    ];
    for name in kinds {
        let source = std::fs::read_to_string(templates.join(name)).expect(name);
        let marked = source.replacen(
            "{% block content %}",
            &format!("{{% block content %}}<p class=\"made-from\">{name}</p>"),
            1,
        );
        assert_ne!(marked, source, "{name} has a content block");
        site.write(&format!("themes/council/templates/{name}"), &marked);
    }
    site.write(
        "themes/council/templates/badge.html",
        "<b class=\"council-badge\">{{ status.label }}</b>",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);

    let mut pages_of_each_kind = std::collections::BTreeMap::new();
    for (path, bytes) in files_below(&site.path().join("public")) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).expect("UTF-8");
        let marks: Vec<&str> = html
            .split("<p class=\"made-from\">")
            .skip(1)
            .filter_map(|rest| rest.split("</p>").next())
            .collect();
        let kind = made_from(&path);
        assert_eq!(marks, Vec::from_iter(kind), "{path}");
        if let Some(kind) = kind {
            *pages_of_each_kind.entry(kind).or_insert(0) += 1;
        }
        if kind == Some("action.html") {
            assert!(html.contains("<b class=\"council-badge\">"), "{path}");
            assert!(!html.contains("<span class=\"badge"), "{path}");
        }
    }
    let count = |kind: &str| pages_of_each_kind.get(kind).copied().unwrap_or(0);
    assert_eq!(count("action.html"), 20, "{pages_of_each_kind:?}");
    assert_eq!(count("metric.html"), 5, "{pages_of_each_kind:?}");
    for kind in kinds {
        assert!(count(kind) > 0, "{kind}: {pages_of_each_kind:?}");
    }
}

/// The default theme is built into the binary (build.rs), rebuilt whenever a file under
/// `themes/default/` changes: an edited default template shows on every page made from it
/// after `cargo build`.
#[test]
fn the_built_in_default_theme_is_the_one_in_themes_default() {
    let built_in: Vec<(String, Vec<u8>)> = plainsight::theme::Theme::default_theme()
        .default_templates
        .into_iter()
        .map(|t| (t.name, t.source.into_bytes()))
        .collect();
    let on_disk = files_below(&repo_root().join("themes/default/templates"));
    assert_eq!(built_in, on_disk);
}
