//! Hostile and broken content, as it could arrive in a pull request. Each case either builds
//! inert output or fails with a clear error (the test says which), and nothing is ever written
//! outside the output folder.

use crate::support::{files_below, Site, ACTIONS};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Markup that would run script if it reached a page unescaped.
const HOSTILE: &str = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'&<!--";

/// What the site folder holds besides content/: only the output folder.
fn assert_nothing_written_outside_public(site: &Site) {
    let mut names: Vec<String> = std::fs::read_dir(site.path())
        .expect("read site folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["content", "public"], "only content/ and public/");
}

/// Every `<script` of a page is one of ours: an external file or a data island.
fn assert_only_our_scripts(page: &str, html: &str) {
    for (at, _) in html.match_indices("<script") {
        let tag = &html[at..html[at..].find('>').map_or(html.len(), |end| at + end + 1)];
        let ours = tag.starts_with("<script src=\"/assets/")
            || tag == "<script type=\"application/json\">"
            || tag.starts_with("<script type=\"application/json\" id=\"")
            || tag == "<script type=\"application/ld+json\">";
        assert!(ours, "{page}: unexpected {tag}");
        let body_end = html[at..]
            .find("</script>")
            .map_or(html.len(), |end| at + end);
        let body = &html[at + tag.len()..body_end];
        assert!(!body.to_lowercase().contains("<script"), "{page}: {body}");
        assert!(
            !body.contains("<!--"),
            "{page}: a comment opener inside a script"
        );
    }
}

fn html_pages(site: &Site) -> Vec<(String, String)> {
    files_below(&site.path().join("public"))
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("UTF-8 page")))
        .collect()
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a JSON string, which is also a YAML string")
}

#[test]
fn markup_in_every_text_field_and_chart_label_stays_text() {
    let site = Site::empty();
    let h = quoted(HOSTILE);
    site.write(
        "content/site.yaml",
        &format!("title: {h}\norganisation: {h}\ndescription: {h}\nas_of: \"2019-12-31\"\n"),
    );
    site.write(
        "content/strategies/plan/index.md",
        &format!("---\ntitle: {h}\nowner: {h}\nreview: {h}\nthemes:\n  - {{id: customer-focus, title: {h}, description: {h}}}\n---\n{HOSTILE}\n"),
    );
    site.write(
        "content/strategies/plan/actions.yaml",
        &format!(
            "- id: A-01\n  theme: customer-focus\n  title: {h}\n  description: {h}\n  owner: {h}\n  due: \"2020-03\"\n  status: on_track\n  status_note: {h}\n  success_criteria: {h}\n  resources: {h}\n  expected_outcome: {h}\n  actual_outcome: {h}\n  milestones: [{h}]\n  metrics: [sla]\n  steps:\n    - {{title: {h}, description: {h}, owner: {h}, status: complete, update: {h}}}\n  updates:\n    - {{date: \"2019-11-30\", text: {h}}}\n"
        ),
    );
    site.write(
        "content/metrics/sla.yaml",
        &format!("title: {h}\ndescription: {h}\nsource: {h}\nunit: percent\ndirection: up\nfrequency: monthly\nheadline: true\nseries: [{{id: vip, label: {h}}}, {{id: standard, label: {h}}}]\ntargets: [{{value: 95}}]\ndata:\n  - {{period: \"2019-06\", vip: 97.1, standard: 95.4}}\n  - {{period: \"2019-07\", vip: 96.1, standard: 94.4}}\n"),
    );
    site.write(
        "content/updates/2019-12-01-news.md",
        &format!("---\ntitle: {h}\ncommittee: {h}\nref: {h}\nstrategies: [plan]\n---\n{HOSTILE}\n"),
    );
    site.write(
        "content/pages/about.md",
        &format!("---\ntitle: {h}\ndescription: {h}\n---\n{HOSTILE}\n"),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = html_pages(&site);
    assert!(pages.len() >= 12, "{} pages", pages.len());
    for (page, html) in &pages {
        assert_only_our_scripts(page, html);
        // Markdown may keep an image (sanitised); it never keeps a handler.
        for (at, _) in html.match_indices("<img") {
            let tag = &html[at..at + html[at..].find('>').unwrap_or(0)];
            assert!(!tag.contains("onerror"), "{page}: {tag}");
        }
        assert!(!html.contains("alert(1)</script>"), "{page}");
    }
    let action = site.output("strategies/plan/actions/a-01/index.html");
    assert!(
        action.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "shown as text"
    );
    let metric = site.output("metrics/sla/index.html");
    assert!(metric.contains(r"\u003c/script\u003e\u003cscript\u003ealert(1)"));
    for feed in ["updates/atom.xml", "changes/atom.xml", "sitemap.xml"] {
        assert!(!site.output(feed).contains("<script"), "{feed}");
    }
    assert_nothing_written_outside_public(&site);
}

#[test]
fn script_frames_styles_and_script_links_in_markdown_are_removed() {
    let site = Site::minimal();
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\n<script>alert(1)</script>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n<style>body{display:none}</style>\n\n<svg onload=alert(2)><circle/></svg>\n\n<a href=\"vbscript:msgbox(3)\">vb</a> [js](javascript:alert(4)) [data](data:text/html;base64,PHNjcmlwdD4=) [JS upper](JaVaScRiPt:alert(5)) <img src=x onerror=alert(6)>\n\n<p style=\"position:fixed\" onclick=\"alert(7)\">kept text</p>\n\n[fine](https://example.org/)\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.output("pages/about/index.html");
    let main = &html[html.find("<main").expect("main")..html.find("</main>").expect("end")];
    for gone in [
        "<script",
        "<iframe",
        "<style",
        "<svg",
        "onload",
        "vbscript:",
        "javascript:",
        "JaVaScRiPt:",
        "data:text",
        "onerror",
        "onclick",
        "style=",
    ] {
        assert!(!main.contains(gone), "{gone} in {main}");
    }
    assert!(main.contains("kept text"));
    assert!(
        main.contains("<a href=\"https://example.org/\" rel=\"noopener noreferrer\">fine</a>"),
        "{main}"
    );
}

#[test]
fn script_links_in_the_navigation_are_refused_and_external_ones_get_noopener() {
    let site = Site::minimal();
    site.write(
        "content/site.yaml",
        &format!("{}navigation:\n  - {{title: Council, url: \"https://example.gov.uk/\"}}\n  - {{title: About, url: /pages/about/}}\n", crate::support::SITE_YAML),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.output("index.html");
    assert!(
        html.contains("<a href=\"https://example.gov.uk/\" rel=\"noopener\">Council</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"/pages/about/\">About</a>"));
    site.write(
        "content/site.yaml",
        &format!(
            "{}navigation:\n  - {{title: Click, url: \"javascript:alert(1)\"}}\n",
            crate::support::SITE_YAML
        ),
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert_eq!(
        run.problems()[0].lines().next(),
        Some("content/site.yaml:5:25: error: `javascript:alert(1)` cannot be used as a link")
    );
}

#[test]
fn bidi_and_zero_width_characters_in_ids_are_refused_and_in_text_kept_as_text() {
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS.replace("id: A-01", "id: \"A-\u{202E}10\""),
    );
    site.write(
        "content/metrics/sla\u{200B}.yaml",
        &crate::support::METRIC.replace("title: SLA", "title: Hidden"),
    );
    let run = site.check();
    assert_eq!(run.code, 1);
    let problems = run.problems();
    let first_lines: Vec<&str> = problems.iter().filter_map(|p| p.lines().next()).collect();
    assert!(
        first_lines.contains(&"content/strategies/plan/actions.yaml:1:7: error: action id `A-\\u{202e}10` cannot be used in a web address"),
        "{first_lines:?}"
    );
    assert!(
        first_lines
            .iter()
            .any(|p| p.starts_with("content/metrics/sla\\u{200b}.yaml") && p.contains("error")),
        "{first_lines:?}"
    );

    // In text they are kept as characters, which cannot reorder or hide markup.
    let site = Site::minimal();
    site.write(
        "content/strategies/plan/actions.yaml",
        &ACTIONS.replace(
            "title: Do a thing",
            "title: \"Do \u{202E}gniht a\u{202C} \u{200B}thing <b>\"",
        ),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.output("strategies/plan/actions/a-01/index.html");
    assert!(
        page.contains("Do \u{202E}gniht a\u{202C} \u{200B}thing &lt;b&gt;"),
        "the title as text"
    );
    assert_nothing_written_outside_public(&site);
}

#[test]
fn a_very_long_line_builds() {
    let site = Site::minimal();
    let long = "word ".repeat(400_000);
    site.write(
        "content/pages/long.md",
        &format!("---\ntitle: Long\ndescription: \"{long}\"\n---\n{long}\n"),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.output("pages/long/index.html").len() > 2_000_000);
}

#[test]
fn a_metric_with_a_hundred_thousand_series_is_read() {
    // One line of 100,000 flow items, and a CSV as wide: each read in time proportional to
    // its size (readers that counted each item's column from the line's start, or looked
    // each series up in a list, took minutes).
    let site = Site::minimal();
    let ids: Vec<String> = (0..100_000).map(|i| format!("s{i}")).collect();
    let series = ids
        .iter()
        .map(|id| format!("{{id: {id}, label: L}}"))
        .collect::<Vec<_>>()
        .join(", ");
    site.write(
        "content/metrics/wide.yaml",
        &format!("title: Wide\nunit: count\nfrequency: annual\nseries: [{series}]\n"),
    );
    site.write(
        "content/metrics/wide.csv",
        &format!(
            "period,{}\n2020,{}\n",
            ids.join(","),
            vec!["1"; ids.len()].join(",")
        ),
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains("2 metrics with 100002 data points"), "{said}");
}

#[test]
fn a_wide_csv_of_unknown_columns_is_reported_as_counted_problems() {
    // Past the 50 problems listed per file, no suggestions are worked out (each scanned all
    // 20,000 series: 20,000 such columns took minutes).
    let site = Site::minimal();
    let series = (0..20_000)
        .map(|i| format!("{{id: s{i}, label: L}}"))
        .collect::<Vec<_>>()
        .join(", ");
    let unknown: Vec<String> = (0..20_000).map(|i| format!("x{i}")).collect();
    site.write(
        "content/metrics/wide.yaml",
        &format!("title: Wide\nunit: count\nfrequency: annual\nseries: [{series}]\n"),
    );
    site.write(
        "content/metrics/wide.csv",
        &format!("period,{}\n", unknown.join(",")),
    );
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains("20000 errors"), "{said}");
    assert!(said.contains("metric `wide` has no series `x0`"), "{said}");
    assert!(
        said.contains("only the first 50 problems of a file are shown"),
        "{said}"
    );
}

#[test]
fn deeply_nested_yaml_is_an_error_not_a_crash() {
    let site = Site::minimal();
    let depth = 20_000;
    site.write(
        "content/metrics/deep.yaml",
        &format!(
            "title: Deep\nunit: count\ndata:\n- {{period: 2019-01, x: {}{}}}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    );
    site.write(
        "content/strategies/plan/actions.yaml",
        &format!("{ACTIONS}  steps:{}\n", "\n    - steps:".repeat(2_000)),
    );
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let problems = run.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("content/metrics/deep.yaml:4:")
                && p.contains("expand to far more data than any content needs")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("content/strategies/plan/actions.yaml:")),
        "{problems:?}"
    );
}

#[test]
fn symlinks_out_of_content_and_symlink_loops_are_not_followed() {
    let site = Site::minimal();
    std::fs::create_dir_all(site.path().join("content/pages")).expect("pages folder");
    let secret = site.path().join("secret.md");
    std::fs::write(&secret, "---\ntitle: Secret\n---\nTOP SECRET TEXT\n").expect("write");
    std::os::unix::fs::symlink(&secret, site.path().join("content/pages/secret.md"))
        .expect("symlink");
    std::os::unix::fs::symlink("/etc", site.path().join("content/pages/etc")).expect("symlink");
    std::os::unix::fs::symlink(
        site.path().join("content/strategies"),
        site.path().join("content/strategies/plan/loop"),
    )
    .expect("symlink");
    let started = Instant::now();
    let run = site.build();
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "no endless walk"
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let problems = run.problems();
    for link in [
        "content/pages/secret.md",
        "content/pages/etc",
        "content/strategies/plan/loop",
    ] {
        assert!(
            problems.iter().any(
                |p| p.starts_with(&format!("{link}: warning: ")) && p.contains("symbolic link")
            ),
            "{link}: {problems:?}"
        );
    }
    for (path, bytes) in files_below(&site.path().join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("TOP SECRET TEXT"), "{path}");
        assert!(!text.contains("root:x:0:0"), "{path}");
    }
    std::fs::remove_file(&secret).expect("remove");
    assert_nothing_written_outside_public(&site);
}

#[test]
fn non_utf8_files_are_errors_naming_line_and_column() {
    let site = Site::minimal();
    site.write_bytes(
        "content/strategies/plan/actions.yaml",
        &[ACTIONS.as_bytes(), b"  status_note: caf\xE9 \xFF\xFE\n"].concat(),
    );
    site.write_bytes(
        "content/metrics/sla.csv",
        b"period,vip,standard\n2019-07,9\xFF,95\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    let problems = run.problems();
    assert!(
        problems.iter().any(|p| p.starts_with(
            "content/strategies/plan/actions.yaml:7:19: error: this file is not valid UTF-8 text"
        )),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p
                .starts_with("content/metrics/sla.csv:2: error: this row is not valid UTF-8 text")),
        "{problems:?}"
    );
}

/// The peak memory of a running process so far (Linux: VmHWM), in MiB.
fn peak_mib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

#[test]
fn a_100_mb_csv_is_streamed_and_its_problems_capped() {
    let site = Site::minimal();
    let path = site.path().join("content/metrics/sla.csv");
    {
        use std::io::Write;
        let mut csv = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
        writeln!(csv, "period,vip,standard").expect("write");
        let junk = "x".repeat(1_000);
        let mut written = 0;
        while written < 100 * 1024 * 1024 {
            let row = format!("2019-06,{junk},95\n");
            csv.write_all(row.as_bytes()).expect("write");
            written += row.len();
        }
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_plainsight"))
        .arg("check")
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run plainsight");
    let mut peak = 0;
    while child.try_wait().expect("wait").is_none() {
        peak = peak.max(peak_mib(child.id()).unwrap_or(0));
        std::thread::sleep(Duration::from_millis(10));
    }
    let output = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        peak < 100,
        "peak memory {peak} MiB while reading a 100 MB file"
    );
    assert!(stderr.len() < 100_000, "{} bytes of messages", stderr.len());
    assert!(
        stderr.contains("content/metrics/sla.csv: error: and ")
            && stderr.contains("more problems in this file"),
        "{}",
        &stderr[stderr.len().saturating_sub(2_000)..]
    );
}

#[test]
fn a_build_killed_while_writing_leaves_the_previous_site() {
    let site = Site::empty();
    crate::corpus::generator::generate(1.0, site.path(), None).expect("generate");
    assert_eq!(site.build().code, 0);
    let public = site.path().join("public");
    let before = files_below(&public);
    // Change something so the new build differs, then kill it while it writes.
    let site_yaml = site.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site_yaml).expect("site.yaml");
    std::fs::write(&site_yaml, text.replacen("title:", "title: Changed", 1)).expect("write");
    let mut child = Command::new(env!("CARGO_BIN_EXE_plainsight"))
        .args(["build", "--quiet"])
        .current_dir(site.path())
        .stderr(Stdio::null())
        .spawn()
        .expect("run plainsight");
    let staging = site.path().join(format!(".public.building-{}", child.id()));
    let deadline = Instant::now() + Duration::from_secs(120);
    while !(staging.join("strategies").exists()) {
        assert!(Instant::now() < deadline, "the build never started writing");
        assert!(
            child.try_wait().expect("wait").is_none(),
            "finished before it was killed"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    assert!(
        staging.exists(),
        "killed mid-write, the staging folder is left"
    );
    assert_eq!(files_below(&public), before, "the previous site is intact");
    // The next build cleans up after the killed one.
    assert_eq!(site.build().code, 0);
    assert!(!staging.exists());
    assert!(site.output("index.html").contains("Changed"));
}
