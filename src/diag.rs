//! Diagnostics: every problem plainsight finds in content, with where it is and what to do.
//!
//! Loading and validation never stop at the first problem: they push [`Diagnostic`]s into a
//! [`Diagnostics`] list, which is sorted by file, line and column and printed once, either
//! for a person (`file:line:column: error: message`, then what was expected and a hint) or as
//! GitHub Actions workflow commands (`::error file=...,line=...,col=...::message`).

use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// A place in a content file. `line` and `column` are 1-based; 0 means "the whole file"
/// (or "the whole line").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Shared: a file's many locations (one per figure, say) point at one name.
    pub file: Arc<Path>,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub(crate) fn new(file: impl AsRef<Path>, line: usize, column: usize) -> Self {
        Location::in_file(&Arc::from(file.as_ref()), line, column)
    }

    /// A place in a file whose name is already shared (no copy of the name is made).
    pub(crate) fn in_file(file: &Arc<Path>, line: usize, column: usize) -> Self {
        Location {
            file: file.clone(),
            line,
            column,
        }
    }

    /// The file as a whole, when no line can be named (a missing file, a bad file name).
    pub fn file(file: impl AsRef<Path>) -> Self {
        Location::new(file, 0, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A file name can hold characters a terminal would hide or use to reorder the line
        // (bidi controls, zero-width spaces); show those as escapes.
        for c in self.file.display().to_string().chars() {
            if c.is_control() || is_invisible_format(c) {
                write!(f, "\\u{{{:x}}}", c as u32)?;
            } else {
                write!(f, "{c}")?;
            }
        }
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// Unicode format characters that change how text around them is shown: zero-width
/// spaces and joiners, bidi marks, embeddings, overrides and isolates, word joiners, BOM.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// How serious a problem is: errors fail `check` and `build`; warnings are reported only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Severity {
    Error,
    Warning,
}

impl Severity {
    fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem found in the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub(crate) severity: Severity,
    pub location: Location,
    pub(crate) message: String,
    /// What the format accepts at this place ("one of not_started, on_track, ...").
    pub(crate) expected: Option<String>,
    /// A suggestion: a did-you-mean, or how to fix it.
    pub(crate) hint: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            expected: None,
            hint: None,
        }
    }

    pub(crate) fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(location, message)
        }
    }

    pub(crate) fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a hint only when there is one (e.g. a did-you-mean that found a candidate).
    pub(crate) fn maybe_hint(self, hint: Option<String>) -> Self {
        match hint {
            Some(hint) => self.hint(hint),
            None => self,
        }
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity, &str) {
        (
            &self.location.file,
            self.location.line,
            self.location.column,
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.location,
            self.severity.word(),
            self.message
        )?;
        if let Some(expected) = &self.expected {
            write!(f, "\n  = expected: {expected}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = help: {hint}")?;
        }
        Ok(())
    }
}

/// At most this many problems are kept for one file; the rest are counted. A hostile or
/// broken file (a 100 MB CSV of bad rows) must not fill memory or the terminal.
pub(crate) const MAX_PER_FILE: usize = 50;

/// Every problem found in one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    per_file: std::collections::HashMap<Arc<Path>, usize>,
    /// Problems not kept, by file: (errors, warnings).
    hidden: std::collections::BTreeMap<Arc<Path>, (usize, usize)>,
    /// Where `push_mut` puts a problem that is not kept.
    discarded: Option<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.push_mut(diagnostic);
    }

    /// Whether a problem in `file` would still be listed (fewer than [`MAX_PER_FILE`] so
    /// far): when not, a caller can skip working out suggestions nobody will see.
    pub(crate) fn has_room_for(&self, file: &Path) -> bool {
        self.per_file
            .get(file)
            .is_none_or(|kept| *kept < MAX_PER_FILE)
    }

    /// Adds a problem and returns it, so the caller can add what was expected and a hint.
    pub(crate) fn push_mut(&mut self, diagnostic: Diagnostic) -> &mut Diagnostic {
        let kept = self
            .per_file
            .entry(diagnostic.location.file.clone())
            .or_default();
        if *kept >= MAX_PER_FILE {
            let hidden = self
                .hidden
                .entry(diagnostic.location.file.clone())
                .or_default();
            match diagnostic.severity {
                Severity::Error => hidden.0 += 1,
                Severity::Warning => hidden.1 += 1,
            }
            return self.discarded.insert(diagnostic);
        }
        *kept += 1;
        self.items.push(diagnostic);
        let last = self.items.len() - 1;
        &mut self.items[last]
    }

    pub(crate) fn extend(&mut self, other: Diagnostics) {
        self.items.reserve(other.items.len());
        for item in other.items {
            self.push(item);
        }
        for (file, (errors, warnings)) in other.hidden {
            let hidden = self.hidden.entry(file).or_default();
            hidden.0 += errors;
            hidden.1 += warnings;
        }
    }

    pub(crate) fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    fn count(&self, severity: Severity) -> usize {
        let hidden: usize = self
            .hidden
            .values()
            .map(|(errors, warnings)| match severity {
                Severity::Error => errors,
                Severity::Warning => warnings,
            })
            .sum();
        hidden + self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// The problems sorted by file, line and column, duplicates removed; a file with more
    /// than [`MAX_PER_FILE`] ends with one line saying how many more it has.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        items.dedup();
        for (file, &(errors, warnings)) in &self.hidden {
            let more = Diagnostic {
                severity: if errors > 0 {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                location: Location::file(file),
                message: format!(
                    "and {} more problems in this file ({errors} errors, {warnings} warnings), not shown",
                    errors + warnings
                ),
                expected: None,
                hint: Some(format!("only the first {MAX_PER_FILE} problems of a file are shown; fix those and check again")),
            };
            let after = items
                .iter()
                .rposition(|d| d.location.file == *file)
                .map_or(items.len(), |i| i + 1);
            items.insert(after, more);
        }
        items
    }
}

/// How `check` prints problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum OutputFormat {
    /// `file:line:column: error: message` with expected and help lines.
    #[default]
    Human,
    /// GitHub Actions workflow commands, which become annotations on a pull request.
    Github,
}

/// Formats one problem as a GitHub Actions workflow command.
pub(crate) fn github_annotation(diagnostic: &Diagnostic) -> String {
    let mut text = diagnostic.message.clone();
    if let Some(expected) = &diagnostic.expected {
        text.push_str(&format!("\nexpected: {expected}"));
    }
    if let Some(hint) = &diagnostic.hint {
        text.push_str(&format!("\nhelp: {hint}"));
    }
    let location = &diagnostic.location;
    let mut properties = format!(
        "file={}",
        escape_property(&location.file.to_string_lossy().replace('\\', "/"))
    );
    if location.line > 0 {
        properties.push_str(&format!(",line={}", location.line));
        if location.column > 0 {
            properties.push_str(&format!(",col={}", location.column));
        }
    }
    format!(
        "::{} {}::{}",
        diagnostic.severity.word(),
        properties,
        escape_data(&text)
    )
}

/// Escapes a workflow command's message, as the GitHub Actions toolkit does.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (`file=...`), which also may not hold `:` or `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The closest candidate to `given`, when one is close enough to be worth suggesting.
pub(crate) fn did_you_mean<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let given_lower = given.to_lowercase();
    candidates
        .into_iter()
        .filter_map(|candidate| {
            let candidate_lower = candidate.to_lowercase();
            let similarity = strsim::jaro_winkler(&given_lower, &candidate_lower);
            let edits = strsim::damerau_levenshtein(&given_lower, &candidate_lower);
            let close = similarity >= 0.8 || edits <= (candidate_lower.chars().count() / 4).max(1);
            close.then_some((edits, -similarity, candidate))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
        .map(|(_, _, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_format_names_file_line_column_then_expected_and_help() {
        let d = Diagnostic::error(
            Location::new("content/metrics/x.yaml", 4, 8),
            "unknown unit `pct`",
        )
        .expected("one of count, percent")
        .hint("did you mean `percent`?");
        assert_eq!(
            d.to_string(),
            "content/metrics/x.yaml:4:8: error: unknown unit `pct`\n  = expected: one of count, percent\n  = help: did you mean `percent`?"
        );
    }

    #[test]
    fn hidden_and_reordering_characters_in_file_names_are_shown_escaped() {
        let at = Location::new("content/metrics/sla\u{200b}\u{202e}lmay.yaml", 1, 2);
        assert_eq!(
            at.to_string(),
            "content/metrics/sla\\u{200b}\\u{202e}lmay.yaml:1:2"
        );
        assert_eq!(
            Location::new("content/pages/café.md", 3, 1).to_string(),
            "content/pages/café.md:3:1"
        );
    }

    #[test]
    fn whole_file_locations_omit_line_and_column() {
        let d = Diagnostic::warning(
            Location::file("content/notes.txt"),
            "not part of the format",
        );
        assert_eq!(
            d.to_string(),
            "content/notes.txt: warning: not part of the format"
        );
    }

    #[test]
    fn github_annotations_escape_newlines_and_property_separators() {
        let d = Diagnostic::error(Location::new("content/a,b:c.yaml", 2, 3), "50% wrong")
            .hint("fix it");
        assert_eq!(
            github_annotation(&d),
            "::error file=content/a%2Cb%3Ac.yaml,line=2,col=3::50%25 wrong%0Ahelp: fix it"
        );
    }

    #[test]
    fn sorted_orders_by_file_then_line_then_column() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::error(Location::new("b.yaml", 1, 1), "b"));
        all.push(Diagnostic::error(Location::new("a.yaml", 9, 1), "a9"));
        all.push(Diagnostic::warning(Location::new("a.yaml", 2, 5), "a2"));
        let order: Vec<_> = all.sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(order, ["a2", "a9", "b"]);
        assert_eq!(all.error_count(), 2);
        assert_eq!(all.warning_count(), 1);
    }

    #[test]
    fn a_file_keeps_its_first_problems_and_counts_the_rest() {
        let mut diags = Diagnostics::new();
        for line in 1..=MAX_PER_FILE + 1000 {
            diags.push(Diagnostic::error(Location::new("big.csv", line, 1), "bad"));
        }
        diags.push(Diagnostic::warning(
            Location::new("other.yaml", 1, 1),
            "odd",
        ));
        assert_eq!(diags.error_count(), MAX_PER_FILE + 1000);
        let sorted = diags.sorted();
        assert_eq!(sorted.len(), MAX_PER_FILE + 2);
        assert_eq!(
            sorted[MAX_PER_FILE].to_string().lines().next(),
            Some("big.csv: error: and 1000 more problems in this file (1000 errors, 0 warnings), not shown")
        );
        assert_eq!(
            &*sorted[MAX_PER_FILE + 1].location.file,
            Path::new("other.yaml")
        );
    }

    #[test]
    fn did_you_mean_finds_close_names_only() {
        let units = ["count", "percent", "gbp"];
        assert_eq!(did_you_mean("percnet", units), Some("percent"));
        assert_eq!(did_you_mean("furlongs", units), None);
    }
}
