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
    /// Print only errors: no warnings, no summary line.
    #[arg(long, short, global = true)]
    pub(crate) quiet: bool,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
        /// Also print how long each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Preview the site on 127.0.0.1: pages are made when asked for from the content as it is
    /// now (nothing is written), and open pages reload on every change.
    #[cfg(feature = "serve")]
    Serve {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The port (0 picks a free one).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on; only change it to share the preview on a trusted network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
    },
    /// Create a new site in DIR (default: the current folder) with example content, a
    /// .gitignore and CI workflows for GitHub Actions and GitLab CI.
    Init {
        /// Where to create the site.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Add an action, a metric, a snapshot or an update from a template with every field
    /// explained. Never overwrites a file.
    New {
        /// The content folder.
        #[arg(long, default_value = "content", global = true)]
        content: PathBuf,
        #[command(subcommand)]
        what: NewCommand,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum NewCommand {
    /// Add an action to a strategy's plan, with the next free id.
    Action {
        /// The strategy's slug (its folder name under content/strategies/).
        #[arg(long)]
        strategy: String,
        /// The action's title.
        #[arg(long)]
        title: Option<String>,
    },
    /// Create content/metrics/SLUG.yaml.
    Metric {
        /// The metric's name in web addresses: lowercase letters, digits and hyphens.
        slug: String,
    },
    /// Create content/snapshots/DATE.yaml with every metric and the next period due.
    Snapshot {
        /// The publication date, YYYY-MM-DD (default: the reporting date in site.yaml).
        date: Option<String>,
    },
    /// Create content/updates/DATE-SLUG.md.
    Update {
        /// The update's title.
        title: String,
        /// Its date, YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
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
    let quiet = cli.quiet;
    match cli.command {
        Command::Check { content, format } => check(&content, format.into(), quiet),
        Command::Init { dir } => init(&dir, quiet),
        #[cfg(feature = "serve")]
        Command::Serve {
            content,
            port,
            bind,
        } => crate::serve::serve(crate::serve::ServeOptions {
            content_dir: content,
            bind,
            port,
        }),
        Command::New { content, what } => new(&content, what, quiet),
        Command::Build {
            content,
            out,
            base_url,
            format,
            timings,
        } => build(
            crate::build::BuildOptions {
                content_dir: content,
                out_dir: out,
                base_url,
            },
            format.into(),
            quiet,
            timings,
        ),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Whether to colour what goes to standard error: only on a terminal, and never when the
/// NO_COLOR convention asks not to.
fn colour() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Prints every problem, sorted, in the chosen format; with `quiet`, errors only.
fn print_problems(
    diagnostics: &crate::diag::Diagnostics,
    format: OutputFormat,
    quiet: bool,
    out: &mut dyn Write,
) {
    let colour = format == OutputFormat::Human && colour();
    for problem in diagnostics.sorted() {
        if quiet && problem.severity == crate::diag::Severity::Warning {
            continue;
        }
        let text = match format {
            OutputFormat::Human if colour => format!("{problem}\n")
                .replacen(": error: ", ": \x1b[1;31merror\x1b[0m: ", 1)
                .replacen(": warning: ", ": \x1b[1;33mwarning\x1b[0m: ", 1),
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

fn build(
    options: crate::build::BuildOptions,
    format: OutputFormat,
    quiet: bool,
    timings: bool,
) -> ExitCode {
    let started = std::time::Instant::now();
    let built = crate::build::build(&options);
    let mut out = output_for(format);
    print_problems(&built.diagnostics, format, quiet, &mut out);
    if let (true, Some(report)) = (timings, &built.report) {
        for (stage, took) in &report.timings {
            let _ = writeln!(out, "  {stage:<28} {:>8.3} s", took.as_secs_f64());
        }
    }
    match built.report {
        Some(_) if quiet => ExitCode::SUCCESS,
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

fn check(content_dir: &std::path::Path, format: OutputFormat, quiet: bool) -> ExitCode {
    let checked = crate::check(content_dir);
    let mut out = output_for(format);
    print_problems(&checked.diagnostics, format, quiet, &mut out);
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
    if !quiet {
        let _ = writeln!(out, "{line}");
    }
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn init(dir: &std::path::Path, quiet: bool) -> ExitCode {
    let files = crate::scaffold::init(dir);
    match crate::scaffold::write(&files) {
        Ok(()) => {
            if !quiet {
                eprintln!(
                    "created a new site in {} with {} files. Next: `plainsight check`, then `plainsight serve` to see it.",
                    dir.display(),
                    files.len()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    match crate::model::Period::parse(text) {
        Ok(crate::model::Period::Day(date)) => Ok(date),
        _ => Err(format!("`{text}` is not a date written YYYY-MM-DD")),
    }
}

/// Today's date (UTC), for the default date of a new update: an authoring convenience;
/// builds never read the clock.
fn today() -> chrono::NaiveDate {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .date_naive()
}

fn new(content_dir: &std::path::Path, what: NewCommand, quiet: bool) -> ExitCode {
    let needs_content = !matches!(
        what,
        NewCommand::Metric { .. } | NewCommand::Update { date: Some(_), .. }
    );
    let checked = if needs_content {
        Some(crate::check(content_dir))
    } else {
        None
    };
    let content = checked.as_ref().and_then(|c| c.content.as_ref());
    let result = match (&what, content) {
        (NewCommand::Metric { slug }, _) => crate::scaffold::new_metric(content_dir, slug),
        (
            NewCommand::Update {
                title,
                date: Some(date),
            },
            _,
        ) => parse_date(date)
            .map_err(crate::scaffold::ScaffoldError)
            .and_then(|d| crate::scaffold::new_update(content_dir, title, d)),
        (_, None) => Err(crate::scaffold::ScaffoldError(format!(
            "cannot read the site in {}: run `plainsight check` to see why",
            content_dir.display()
        ))),
        (NewCommand::Action { strategy, title }, Some(content)) => {
            crate::scaffold::new_action(content_dir, content, strategy, title.as_deref())
        }
        (NewCommand::Snapshot { date }, Some(content)) => {
            match date.as_deref().map(parse_date).transpose() {
                Ok(date) => Ok(crate::scaffold::new_snapshot(
                    content_dir,
                    content,
                    date.unwrap_or(content.reporting_date.date),
                )),
                Err(e) => Err(crate::scaffold::ScaffoldError(e)),
            }
        }
        (NewCommand::Update { title, date: None }, Some(_)) => {
            crate::scaffold::new_update(content_dir, title, today())
        }
    };
    match result.and_then(|file| crate::scaffold::write(std::slice::from_ref(&file)).map(|()| file))
    {
        Ok(file) => {
            if !quiet {
                let verb = if file.append { "added to" } else { "created" };
                eprintln!(
                    "{verb} {}: fill in the fields, then run `plainsight check`",
                    file.path.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
