//! A small valid site in a temp dir that each test changes a file or two of, and a way to run
//! the real `plainsight` binary on it.

use std::path::{Path, PathBuf};
use std::process::Command;

pub const SITE_YAML: &str = "title: Test site\norganisation: Test Council\nas_of: \"2019-12-31\"\n";

pub const STRATEGY_INDEX: &str = "---\ntitle: The plan\nthemes:\n  - {id: customer-focus, title: Customer Focus}\n---\nSummary.\n";

pub const ACTIONS: &str = "- id: A-01\n  theme: customer-focus\n  title: Do a thing\n  due: \"2020-03\"\n  status: on_track\n  metrics: [sla]\n";

pub const METRIC: &str = "title: SLA\nunit: percent\ndirection: up\nfrequency: monthly\nseries: [{id: vip, label: VIP}, {id: standard, label: Standard}]\ntargets: [{value: 95}]\ndata:\n  - {period: \"2019-06\", vip: 97.1, standard: 95.4}\n";

/// A site folder holding `content/`.
pub struct Site {
    dir: tempfile::TempDir,
}

/// What a run of the command printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Site {
    /// A valid site: one strategy with one action, one metric.
    pub fn minimal() -> Site {
        let site = Site::empty();
        site.write("content/site.yaml", SITE_YAML);
        site.write("content/strategies/plan/index.md", STRATEGY_INDEX);
        site.write("content/strategies/plan/actions.yaml", ACTIONS);
        site.write("content/metrics/sla.yaml", METRIC);
        site
    }

    pub fn empty() -> Site {
        Site {
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `plainsight build` into `public/`.
    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// A file of the built site, as text.
    pub fn output(&self, relative: &str) -> String {
        let path = self.dir.path().join("public").join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn write(&self, relative: &str, text: &str) -> &Site {
        self.write_bytes(relative, text.as_bytes())
    }

    pub fn write_bytes(&self, relative: &str, bytes: &[u8]) -> &Site {
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create dirs");
        std::fs::write(&path, bytes).expect("write fixture");
        self
    }

    /// Runs `plainsight <args>` in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.path(), args)
    }

    /// Runs `plainsight check` and returns what it printed for a person.
    pub fn check(&self) -> Run {
        self.run(&["check"])
    }
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_plainsight"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run plainsight");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The repository's own folder (holding the example `content/`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Run {
    /// The problems printed, one string each (first line with location, then its notes).
    pub fn problems(&self) -> Vec<String> {
        self.stderr
            .split("\n\n")
            .map(str::trim)
            .filter(|block| block.starts_with("content/"))
            .map(str::to_string)
            .collect()
    }

    /// The summary line.
    pub fn summary(&self) -> &str {
        self.stderr.lines().last().unwrap_or_default()
    }
}

/// Every file below `dir`, as (relative path, bytes), in path order.
pub fn files_below(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned();
                files.push((relative, std::fs::read(&path).expect("read file")));
            }
        }
    }
    files.sort();
    files
}
