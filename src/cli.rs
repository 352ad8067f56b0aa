//! The command line: what a person or CI types, and what each command prints. The work itself
//! is done by the library; this module only reads arguments, prints and picks the exit code.

use crate::diag::{github_annotation, OutputFormat};
use crate::model::period::date_in_words;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// plainsight builds a public performance website from a council's strategies, action plans
/// and performance figures kept as YAML and Markdown files.
#[derive(Debug, Parser)]
#[command(
    name = "plainsight",
    version,
    after_help = "Exit codes:\n  0  success (warnings do not fail a command)\n  1  the content has errors\n  2  the command line was wrong"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the content for errors and warnings without building anything.
    Check {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// How to print problems: `human`, or `github` for annotations on a pull request.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Build the public site from the content into the output folder.
    Build {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The output folder; replaced only when the build succeeds.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// The address the site will be published at, overriding site.yaml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Github,
}

impl From<Format> for OutputFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::Human => OutputFormat::Human,
            Format::Github => OutputFormat::Github,
        }
    }
}

/// Runs a parsed command line and returns the process's exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check { content, format } => check(&content, format.into()),
        Command::Build {
            content,
            out,
            base_url,
            format,
        } => build(
            crate::build::BuildOptions {
                content_dir: content,
                out_dir: out,
                base_url,
            },
            format.into(),
        ),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Prints every problem, sorted, in the chosen format.
fn print_problems(
    diagnostics: &crate::diag::Diagnostics,
    format: OutputFormat,
    out: &mut dyn Write,
) {
    for problem in diagnostics.sorted() {
        let text = match format {
            OutputFormat::Human => format!("{problem}\n"),
            OutputFormat::Github => github_annotation(&problem),
        };
        let _ = writeln!(out, "{text}");
    }
}

fn output_for(format: OutputFormat) -> Box<dyn Write> {
    match format {
        OutputFormat::Human => Box::new(std::io::stderr().lock()),
        OutputFormat::Github => Box::new(std::io::stdout().lock()),
    }
}

fn counts(diagnostics: &crate::diag::Diagnostics) -> String {
    format!(
        "{}, {}",
        plural(diagnostics.error_count(), "error", "errors"),
        plural(diagnostics.warning_count(), "warning", "warnings")
    )
}

fn build(options: crate::build::BuildOptions, format: OutputFormat) -> ExitCode {
    let started = std::time::Instant::now();
    let built = crate::build::build(&options);
    let mut out = output_for(format);
    print_problems(&built.diagnostics, format, &mut out);
    match built.report {
        Some(report) => {
            let _ = writeln!(
                out,
                "built {}: {}, {}, {} files in {:.2} s; {}",
                options.out_dir.display(),
                plural(report.pages, "page", "pages"),
                plural(report.charts, "chart", "charts"),
                report.files,
                started.elapsed().as_secs_f64(),
                counts(&built.diagnostics)
            );
            ExitCode::SUCCESS
        }
        None => {
            let _ = writeln!(
                out,
                "build failed: {}; {} was left as it was",
                counts(&built.diagnostics),
                options.out_dir.display()
            );
            ExitCode::FAILURE
        }
    }
}

fn check(content_dir: &std::path::Path, format: OutputFormat) -> ExitCode {
    let checked = crate::check(content_dir);
    let mut out = output_for(format);
    print_problems(&checked.diagnostics, format, &mut out);
    let errors = checked.diagnostics.error_count();
    let counts = counts(&checked.diagnostics);
    let line = match (&checked.content, checked.summary()) {
        (Some(content), Some(s)) => format!(
            "checked {}: {}, {} ({}), {} with {}, {}, {}; {} as at {}; {counts}",
            content.site.organisation,
            plural(s.strategies, "strategy", "strategies"),
            plural(s.actions, "action", "actions"),
            plural(s.steps, "step", "steps"),
            plural(s.metrics, "metric", "metrics"),
            plural(s.data_points, "data point", "data points"),
            plural(s.updates, "update", "updates"),
            plural(s.pages, "page", "pages"),
            plural(s.overdue_actions, "overdue action", "overdue actions"),
            date_in_words(content.reporting_date.date),
        ),
        _ => format!("check failed: {counts}"),
    };
    let _ = writeln!(out, "{line}");
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
