//! A synthetic but realistic site for benchmarks: at scale 1 about 50 strategies, 1,000
//! actions with steps and updates, 250 metrics with 60 monthly figures and a target change,
//! and 100 updates; the same number of equivalent Markdown pages as a Hugo site, so both
//! tools do comparable work. Deterministic: the same scale writes the same files.

use std::fmt::Write as _;
use std::path::Path;

const WORDS: [&str; 24] = [
    "council",
    "service",
    "residents",
    "online",
    "review",
    "improve",
    "delivery",
    "digital",
    "budget",
    "partners",
    "housing",
    "roads",
    "waste",
    "library",
    "customer",
    "support",
    "schools",
    "care",
    "plan",
    "progress",
    "report",
    "committee",
    "project",
    "team",
];

/// A repeatable pseudo-random sentence generator.
struct Text(u64);

impl Text {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            let w = WORDS[(self.next() % WORDS.len() as u64) as usize];
            if i == 0 {
                let mut c = w.chars();
                s.extend(c.next().map(|c| c.to_ascii_uppercase()));
                s.push_str(c.as_str());
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }

    fn paragraph(&mut self, sentences: usize) -> String {
        (0..sentences)
            .map(|_| self.sentence(12))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

/// Counts of what a scale writes.
pub struct Sizes {
    pub strategies: usize,
    pub actions: usize,
    pub metrics: usize,
    pub updates: usize,
}

pub fn sizes(scale: f64) -> Sizes {
    let n = |base: f64| ((base * scale).round() as usize).max(1);
    Sizes {
        strategies: n(50.0),
        actions: n(1000.0),
        metrics: n(250.0),
        updates: n(100.0),
    }
}

const STATUSES: [&str; 7] = [
    "not_started",
    "on_track",
    "at_risk",
    "delayed",
    "complete",
    "ongoing",
    "cancelled",
];

/// Writes a plainsight site into `site` and, when `hugo` is given, an equivalent Hugo site.
pub fn generate(scale: f64, site: &Path, hugo: Option<&Path>) -> std::io::Result<Sizes> {
    let sizes = sizes(scale);
    let mut text = Text(0x2545_f491_4f6c_dd1d);
    let content = site.join("content");
    write(
        &content.join("site.yaml"),
        "title: National performance\norganisation: Example Councils\nbase_url: https://performance.example.org/\nas_of: \"2024-12-31\"\nreporting_cycle: quarterly\n",
    )?;
    let per_strategy = sizes.actions.div_ceil(sizes.strategies);
    let mut action_no = 0;
    for s in 0..sizes.strategies {
        let slug = format!("strategy-{s:03}");
        let summary = text.paragraph(6);
        write(
            &content.join(format!("strategies/{slug}/index.md")),
            &format!("---\ntitle: Strategy {s}\nperiod: 2022/25\nowner: Chief Executive\nthemes:\n  - {{id: people, title: People}}\n  - {{id: place, title: Place}}\n---\n{summary}\n"),
        )?;
        let mut plan = String::new();
        for a in 0..per_strategy {
            if action_no >= sizes.actions {
                break;
            }
            action_no += 1;
            let status = STATUSES[(text.next() % 7) as usize];
            let theme = if a % 2 == 0 { "people" } else { "place" };
            let metric = format!("metric-{:04}", action_no % sizes.metrics);
            let _ = write!(
                plan,
                "- id: A-{a:03}\n  theme: {theme}\n  title: {}\n  description: {}\n  owner: Head of Service {}\n  due: \"{}-{:02}\"\n  status: {status}\n  metrics: [{metric}]\n  steps:\n    - {{title: {}, status: complete, due: \"2023-06\"}}\n    - {{title: {}, status: on_track, due: \"2025-03\"}}\n  updates:\n    - {{date: \"2024-06-30\", text: {}}}\n    - {{date: \"2024-12-31\", text: {}}}\n",
                text.sentence(6).trim_end_matches('.'),
                text.paragraph(3),
                a % 17,
                2023 + (a % 3),
                1 + a % 12,
                text.sentence(5).trim_end_matches('.'),
                text.sentence(5).trim_end_matches('.'),
                text.sentence(14).trim_end_matches('.'),
                text.sentence(14).trim_end_matches('.'),
            );
            if let Some(hugo) = hugo {
                write(
                    &hugo.join(format!("content/actions/{slug}-a{a:03}.md")),
                    &format!(
                        "---\ntitle: \"A-{a:03}\"\nstatus: {status}\n---\n{}\n\n{}\n\n{}\n",
                        text.paragraph(4),
                        text.paragraph(4),
                        text.paragraph(4)
                    ),
                )?;
            }
        }
        write(
            &content.join(format!("strategies/{slug}/actions.yaml")),
            &plan,
        )?;
    }
    for m in 0..sizes.metrics {
        let slug = format!("metric-{m:04}");
        let mut yaml = format!(
            "title: Measure {m}\ndescription: {}\nunit: percent\ndirection: up\nfrequency: monthly\nseries: [{{id: a, label: Group A}}, {{id: b, label: Group B}}]\ntargets: [{{value: 90, to: \"2022-12\"}}, {{value: 95, from: \"2023-01\"}}]\nchart: line\nsource: Service system\nheadline: {}\ndata:\n",
            text.paragraph(2),
            m < 6
        );
        for month in 0..60 {
            let (y, mo) = (2020 + month / 12, 1 + month % 12);
            let a = 85.0 + (text.next() % 150) as f64 / 10.0;
            let b = 85.0 + (text.next() % 150) as f64 / 10.0;
            let _ = writeln!(yaml, "  - {{period: \"{y}-{mo:02}\", a: {a}, b: {b}}}");
        }
        write(&content.join(format!("metrics/{slug}.yaml")), &yaml)?;
        if let Some(hugo) = hugo {
            write(
                &hugo.join(format!("content/metrics/{slug}.md")),
                &format!(
                    "---\ntitle: \"Measure {m}\"\n---\n{}\n\n{}\n\n{}\n",
                    text.paragraph(4),
                    text.paragraph(4),
                    text.paragraph(4)
                ),
            )?;
        }
    }
    for u in 0..sizes.updates {
        let day = 1 + u % 28;
        let month = 1 + (u / 28) % 12;
        let body = format!(
            "{}\n\n{}\n\n{}\n",
            text.paragraph(4),
            text.paragraph(4),
            text.paragraph(4)
        );
        write(
            &content.join(format!("updates/2024-{month:02}-{day:02}-update-{u:04}.md")),
            &format!("---\ntitle: Update {u}\ncommittee: Cabinet\n---\n{body}"),
        )?;
        if let Some(hugo) = hugo {
            write(
                &hugo.join(format!("content/updates/update-{u:04}.md")),
                &format!("---\ntitle: \"Update {u}\"\n---\n{body}"),
            )?;
        }
    }
    if let Some(hugo) = hugo {
        write_hugo_layouts(hugo)?;
    }
    Ok(sizes)
}

/// The Hugo twin's configuration and templates. `layouts/` gives every page the chrome a
/// plainsight page has (head links, skip link, header with search form and main menu,
/// breadcrumbs, footer), so both tools write comparable pages; `layouts-bare/` is a bare
/// skeleton (title and content only), for comparison: `hugo --layoutDir layouts-bare`.
/// Feeds and taxonomies are off, as the corpus has no taxonomy and plainsight writes only
/// two feeds.
fn write_hugo_layouts(hugo: &Path) -> std::io::Result<()> {
    let menu = [
        ("Dashboard", "/"),
        ("Actions", "/actions/"),
        ("Performance", "/metrics/"),
        ("Updates", "/updates/"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (name, url))| {
        format!(
            "[[menus.main]]\nname = '{name}'\npageRef = '{url}'\nweight = {}\n",
            i + 1
        )
    })
    .collect::<String>();
    write(
        &hugo.join("hugo.toml"),
        &format!("baseURL = 'https://performance.example.org/'\ntitle = 'National performance'\nlanguageCode = 'en-GB'\ndisableKinds = ['taxonomy', 'term', 'RSS']\n[params]\norganisation = 'Example Councils'\n{menu}"),
    )?;
    write(&hugo.join("layouts/_default/baseof.html"), HUGO_BASEOF)?;
    write(
        &hugo.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<p class=\"meta\">{{ .Section | title }}</p>\n<h1>{{ .Title }}</h1>\n{{ with .Params.status }}<p><span class=\"badge\">{{ . }}</span></p>{{ end }}\n<div class=\"prose\">{{ .Content }}</div>{{ end }}\n",
    )?;
    write(
        &hugo.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    )?;
    write(&hugo.join("layouts-bare/_default/baseof.html"), "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n<body><header><a href=\"/\">{{ site.Title }}</a></header><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n")?;
    write(
        &hugo.join("layouts-bare/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n",
    )?;
    write(&hugo.join("layouts-bare/_default/list.html"), "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n")
}

/// The page shell of the Hugo twin: the same head, header, breadcrumbs and footer as
/// plainsight's default theme writes on every page.
const HUGO_BASEOF: &str = r##"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }} – {{ site.Params.organisation }}</title>
<link rel="canonical" href="{{ .Permalink }}">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/style.css">
<link rel="stylesheet" href="/assets/print.css" media="print">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <div class="wrap header-inner">
    <a class="site-name" href="/">{{ site.Params.organisation }}<span class="site-title">{{ site.Title }}</span></a>
    <form class="site-search" role="search" aria-label="Site search" action="/search/" method="get">
      <label for="site-search-q">Search this site</label>
      <input id="site-search-q" name="q" type="search" autocomplete="off">
      <button type="submit">Search</button>
    </form>
    <nav class="site-nav" aria-label="Main">
      <ul>
        {{ range site.Menus.main }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>
        {{ end }}
      </ul>
    </nav>
  </div>
</header>
<div class="wrap">
  <nav class="breadcrumbs" aria-label="Breadcrumb">
    <ol>
      {{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
      <li aria-current="page">{{ .Title }}</li>
    </ol>
  </nav>
  <main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
  </main>
</div>
<footer class="site-footer">
  <div class="wrap">
    <p>Contains public sector information licensed under the Open Government Licence v3.0. © {{ site.Params.organisation }}. <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license noopener">Open Government Licence v3.0</a></p>
    <p>Published by {{ site.Params.organisation }}. Built with Hugo.</p>
  </div>
</footer>
</body>
</html>
"##;
