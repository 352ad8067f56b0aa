//! The default theme's pages: every optional part shown with its text escaped, and a home
//! page with nothing to list.

use crate::support::{Site, METRIC, STRATEGY_INDEX};

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
