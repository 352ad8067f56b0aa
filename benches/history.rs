//! Benchmark: reading the record of changes from a content repository with many commits.
//!
//! Run: `cargo bench --bench history` (or `-- 1000 10000 --runs 5`). For each size it makes
//! a repository with `git fast-import` (setup only; plainsight reads git in process), where
//! every commit changes one action's status or due date and every tenth adds a month of
//! figures, then times `history::read` several times and prints the median, min and max.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

fn actions_yaml(commit: usize, actions: usize) -> String {
    let statuses = ["on_track", "at_risk", "delayed", "complete"];
    let mut text = String::new();
    for i in 0..actions {
        let touched = commit % actions == i;
        let round = commit / actions;
        let status = if touched {
            statuses[round % 4]
        } else {
            statuses[(round + 3) % 4]
        };
        let month = 1 + (round + i) % 12;
        text.push_str(&format!(
            "- id: A-{i:03}\n  title: Action {i}\n  due: \"{}-{month:02}\"\n  status: {status}\n",
            2020 + (round % 5)
        ));
    }
    text
}

fn csv(months: usize) -> String {
    let mut text = String::from("period,value\n");
    for m in 0..months {
        text.push_str(&format!(
            "{}-{:02},{}\n",
            2000 + m / 12,
            1 + m % 12,
            90 + (m * 7) % 10
        ));
    }
    text
}

fn make_repo(dir: &Path, commits: usize) {
    let git = |args: &[&str], input: Option<&[u8]>| {
        let mut child = Command::new("git")
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("git");
        if let Some(bytes) = input {
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(bytes)
                .expect("write");
        }
        assert!(child.wait().expect("wait").success(), "git {args:?}");
    };
    git(&["init", "-q", "-b", "main"], None);
    let mut stream = Vec::new();
    let data = |stream: &mut Vec<u8>, text: &str| {
        stream.extend(format!("data {}\n", text.len()).as_bytes());
        stream.extend(text.as_bytes());
        stream.push(b'\n');
    };
    for n in 0..commits {
        stream.extend(
            format!(
                "commit refs/heads/main\nmark :{}\ncommitter Bench <bench@example.org> {} +0000\n",
                n + 1,
                1_500_000_000 + n * 3600
            )
            .as_bytes(),
        );
        data(&mut stream, &format!("Change {n}"));
        if n > 0 {
            stream.extend(format!("from :{n}\n").as_bytes());
        } else {
            for (path, text) in [
                (
                    "content/site.yaml",
                    "title: Bench\norganisation: Bench Council\nas_of: \"2024-12-31\"\n"
                        .to_string(),
                ),
                (
                    "content/strategies/plan/index.md",
                    "---\ntitle: Plan\n---\nText.\n".to_string(),
                ),
                (
                    "content/metrics/m.yaml",
                    "title: M\nunit: percent\nfrequency: monthly\n".to_string(),
                ),
            ] {
                stream.extend(format!("M 100644 inline {path}\n").as_bytes());
                data(&mut stream, &text);
            }
        }
        stream.extend(b"M 100644 inline content/strategies/plan/actions.yaml\n");
        data(&mut stream, &actions_yaml(n, 50));
        if n % 10 == 0 {
            stream.extend(b"M 100644 inline content/metrics/m.csv\n");
            data(&mut stream, &csv(1 + n / 10));
        }
    }
    git(&["fast-import", "--quiet"], Some(&stream));
    git(&["checkout", "-q", "main"], None);
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let sizes: Vec<usize> = args
        .iter()
        .take_while(|a| *a != "--runs")
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    };
    println!(
        "{:>8}  {:>10}  {:>10}  {:>10}  {:>8}",
        "commits", "median", "min", "max", "changes"
    );
    for size in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        make_repo(dir.path(), size);
        let content = dir.path().join("content");
        let mut times = Vec::new();
        let mut changes = 0;
        for _ in 0..runs {
            let mut diags = plainsight::diag::Diagnostics::new();
            let started = Instant::now();
            let history = plainsight::history::read(&content, &mut diags);
            times.push(started.elapsed().as_secs_f64());
            changes = history
                .commits
                .iter()
                .map(|c| c.changes.len())
                .sum::<usize>();
            assert_eq!(diags.warning_count(), 0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{size:>8}  {:>9.3}s  {:>9.3}s  {:>9.3}s  {changes:>8}",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
    }
}
