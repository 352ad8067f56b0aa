//! YAML documents with positions: every problem inside a YAML file names its line and column
//! in the real file (front-matter offset included).
//!
//! One pass with an event parser (saphyr-parser, or for the plain shape most content has,
//! [`super::yaml_fast`], which gives the same events faster) records where every key and value
//! starts, in a tree shaped like the document ([`super::yaml_spans`]), and builds the
//! document's serde_yaml value (see [`super::yaml_value`]; files with anchors, tags and the
//! like are parsed by serde_yaml, the maintained `yaml_serde`, instead). The raw structs are
//! deserialised from the value, with `deny_unknown_fields` doing the structural checks; a path
//! (from serde_path_to_error, or from the loader's own checks) is walked down the tree to a
//! line and column. The same pass finds keys given twice in one mapping.

use super::yaml_fast;
use super::yaml_spans::{DuplicateKey, SpanTree, SpanTreeBuilder, Step};
use super::yaml_subset::suits_fast_path;
use super::yaml_value::ValueBuilder;
use crate::diag::{did_you_mean, Diagnostic, Diagnostics, Location};
use saphyr_parser::{Event, Parser};
use serde::de::DeserializeOwned;
use std::path::Path;

/// A path into a YAML document, e.g. `[3].steps[1].status`, kept as one string (a marker
/// character before each key or index): the loader makes one for every figure it reads, and
/// one allocation each is much cheaper than a vector of segments.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct YamlPath(String);

const KEY: char = '\u{1}';
const INDEX: char = '\u{2}';

impl YamlPath {
    pub fn root() -> Self {
        YamlPath(String::new())
    }

    pub fn key(&self, key: &str) -> Self {
        let mut path = String::with_capacity(self.0.len() + key.len() + 1);
        path.push_str(&self.0);
        path.push(KEY);
        path.extend(key.chars().map(path_char));
        YamlPath(path)
    }

    pub fn index(&self, index: usize) -> Self {
        use std::fmt::Write;
        let mut path = String::with_capacity(self.0.len() + 6);
        path.push_str(&self.0);
        path.push(INDEX);
        let _ = write!(path, "{index}");
        YamlPath(path)
    }

    /// The steps of the path, from the root.
    fn steps(&self) -> impl Iterator<Item = Step<'_>> {
        // Both markers are one byte in UTF-8, and no other character contains those bytes.
        let is_marker = |b: &u8| *b == KEY as u8 || *b == INDEX as u8;
        let path = self.0.as_bytes();
        let mut at = 0;
        std::iter::from_fn(move || {
            let marker = *path.get(at)?;
            let rest = &path[at + 1..];
            let len = rest.iter().position(is_marker).unwrap_or(rest.len());
            let text = std::str::from_utf8(&rest[..len]).unwrap_or_default();
            at += 1 + len;
            Some(if marker == KEY as u8 {
                Step::Key(text)
            } else {
                Step::Index(text.parse().unwrap_or(usize::MAX))
            })
        })
    }
}

/// A character of a key as a path keeps it: a marker inside a key would make two paths look
/// alike, so it becomes a space (such keys are never fields).
pub(super) fn path_char(c: char) -> char {
    if c == KEY || c == INDEX {
        ' '
    } else {
        c
    }
}

/// Indexes `text`, and builds its value when it is a plain document (see [`ValueBuilder`]).
#[allow(clippy::type_complexity)]
fn index(
    text: &str,
) -> Result<(SpanTree, Vec<DuplicateKey>, Option<serde_yaml::Value>), (String, usize, usize)> {
    // About one node per `:`, `-` or `,`: sized up front, the index is not grown (and copied)
    // again and again while a large file is read. Counted a block at a time, in vector
    // instructions.
    let nodes: usize = (text.as_bytes().chunks(128))
        .map(|block| {
            let marks = block
                .iter()
                .map(|b| u8::from(matches!(b, b':' | b'-' | b',')));
            usize::from(marks.fold(0u8, u8::wrapping_add))
        })
        .sum();
    let suits = suits_fast_path(text);
    let mut reading = Reading::new(nodes + 1);
    // The fast reader gives its events straight to the index and the value.
    let read_fast = suits && yaml_fast::read(text, &mut reading).is_some();
    #[cfg(debug_assertions)]
    if read_fast {
        if let Some(events) = yaml_fast::events(text) {
            yaml_fast::assert_read_as_saphyr_reads(text, &events);
        }
    }
    if !read_fast {
        if suits {
            // The fast reader stopped halfway: what it gave is thrown away.
            reading = Reading::new(nodes + 1);
        } else {
            reading.builder.give_up();
        }
        for event in Parser::new_from_str(text) {
            let (event, span) = event.map_err(|e| {
                (
                    e.info().to_string(),
                    e.marker().line(),
                    e.marker().col() + 1,
                )
            })?;
            if reading.take(event, span) {
                break;
            }
        }
    }
    let (spans, duplicates) = reading.spans.finish();
    Ok((spans, duplicates, reading.builder.finish()))
}

/// A document's events as they are read, given to the positions and the value.
struct Reading {
    spans: SpanTreeBuilder,
    builder: ValueBuilder,
    /// Past the end of the first document: only the first is indexed (serde_yaml rejects a
    /// second one).
    ended: bool,
}

impl Reading {
    fn new(nodes: usize) -> Reading {
        Reading {
            spans: SpanTreeBuilder::with_capacity(nodes),
            builder: ValueBuilder::default(),
            ended: false,
        }
    }

    /// Takes one event; `true` when reading should stop.
    fn take(&mut self, event: Event<'_>, span: saphyr_parser::Span) -> bool {
        if self.ended {
            if matches!(event, Event::DocumentStart(_)) {
                // A second document: serde_yaml reports it.
                self.builder.give_up();
                return true;
            }
            return false;
        }
        if matches!(event, Event::DocumentEnd) {
            self.ended = true;
        }
        self.builder.event(&event);
        self.spans
            .event(&event, (span.start.line(), span.start.col() + 1));
        false
    }
}

impl<'a> yaml_fast::Sink<'a> for Reading {
    fn event(&mut self, event: Event<'a>, span: saphyr_parser::Span) {
        self.take(event, span);
    }
}

/// A parsed YAML document and the positions of its nodes.
pub struct YamlDoc {
    file: std::sync::Arc<Path>,
    line_offset: usize,
    spans: SpanTree,
    pub value: serde_yaml::Value,
}

/// Removes serde_yaml's " at line N column M" phrases, since plainsight prints the location
/// in front of the message.
fn strip_positions(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(start) = rest.find(" at line ") {
        out.push_str(&rest[..start]);
        let after = &rest[start + " at line ".len()..];
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let line_end = digits(after);
        match after[line_end..].strip_prefix(" column ") {
            Some(col) => rest = &col[digits(col)..],
            None => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl YamlDoc {
    /// Parses `text`, whose first line is line `line_offset + 1` of `file`. Problems go to
    /// `diags`; `None` when the document cannot be used at all.
    pub fn parse(
        file: &Path,
        text: &str,
        line_offset: usize,
        diags: &mut Diagnostics,
    ) -> Option<YamlDoc> {
        let shared: std::sync::Arc<Path> = std::sync::Arc::from(file);
        let location =
            |line: usize, column: usize| Location::in_file(&shared, line + line_offset, column);
        let mut indexed = index(text);
        if let Ok((_, duplicates, _)) = &indexed {
            for duplicate in duplicates {
                diags.push(
                    Diagnostic::error(
                        location(duplicate.again.0, duplicate.again.1),
                        format!(
                            "`{}` is given twice in the same mapping (first at line {})",
                            duplicate.key,
                            duplicate.first.0 + line_offset
                        ),
                    )
                    .hint("keep one of them; YAML would otherwise silently use only one"),
                );
            }
            if !duplicates.is_empty() {
                return None;
            }
        }
        let syntax_error = |line, column, message: &str| {
            Diagnostic::error(location(line, column), format!("this is not valid YAML: {message}"))
                .hint("check the indentation, and put text containing `: ` or starting with a special character in quotes")
        };
        let built = indexed.as_mut().ok().and_then(|(_, _, value)| value.take());
        let parsed = match built {
            Some(value) => Ok(value),
            None => serde_yaml::from_str(text),
        };
        let value: serde_yaml::Value = match parsed {
            Ok(value) => value,
            Err(error) => {
                let (line, column) = error
                    .location()
                    .map(|l| (l.line(), l.column()))
                    .unwrap_or((1, 1));
                let message = strip_positions(&error.to_string());
                if message.contains("repetition limit exceeded")
                    || message.contains("recursion limit exceeded")
                {
                    diags.push(
                        Diagnostic::error(location(line, column), "this file's YAML aliases (`*name`) or nesting expand to far more data than any content needs")
                            .hint("write the values out instead of using anchors and aliases"),
                    );
                } else {
                    diags.push(syntax_error(line, column, &message));
                }
                return None;
            }
        };
        let spans = match indexed {
            Ok((spans, _, _)) => spans,
            Err((message, line, column)) => {
                diags.push(syntax_error(line, column, &message));
                return None;
            }
        };
        Some(YamlDoc {
            file: shared,
            line_offset,
            spans,
            value,
        })
    }

    /// Parses `text` for its values only, for reading old versions from history, where
    /// nothing is reported. `None` when it is not valid YAML or has a problem `parse` would
    /// report as an error (a duplicate key). Positions are recorded but not needed: the
    /// single-pass reader is still faster than serde_yaml's.
    pub fn parse_values_only(file: &Path, text: &str) -> Option<YamlDoc> {
        let mut problems = Diagnostics::new();
        let doc = YamlDoc::parse(file, text, 0, &mut problems)?;
        (!problems.has_errors()).then_some(doc)
    }

    /// A document with a value but no positions (every location is the file's first line).
    pub fn without_positions(file: &Path, value: serde_yaml::Value) -> YamlDoc {
        YamlDoc {
            file: std::sync::Arc::from(file),
            line_offset: 0,
            spans: SpanTree::default(),
            value,
        }
    }

    /// Where the value at `path` starts; the nearest enclosing node when it is absent.
    pub fn at(&self, path: &YamlPath) -> Location {
        let (line, column) = self.spans.find(path.steps()).1.unwrap_or((1, 1));
        Location::in_file(&self.file, line + self.line_offset, column)
    }

    /// Where the value of `key` in the mapping at `path` starts: `at(&path.key(key))`,
    /// without making that path.
    pub fn at_key(&self, path: &YamlPath, key: &str) -> Location {
        let steps = path.steps().chain(std::iter::once(Step::Key(key)));
        let (line, column) = self.spans.find(steps).1.unwrap_or((1, 1));
        Location::in_file(&self.file, line + self.line_offset, column)
    }

    /// Where the key of the value at `path` is written (for unknown or misplaced keys).
    pub fn key_at(&self, path: &YamlPath) -> Location {
        match self.spans.find(path.steps()).0.and_then(|found| found.key) {
            Some((line, column)) => Location::in_file(&self.file, line + self.line_offset, column),
            None => self.at(path),
        }
    }

    /// Whether the key of the value at `path` is written in the document.
    pub fn has_key(&self, path: &YamlPath) -> bool {
        let found = self.spans.find(path.steps()).0;
        found.is_some_and(|found| found.key.is_some())
    }

    /// Deserialises the value at `path` (already taken out as `value`) into a raw struct.
    /// A structural problem (unknown field, wrong type, missing field) becomes a diagnostic at
    /// the exact key or value.
    pub fn deserialize<T: DeserializeOwned>(
        &self,
        value: &serde_yaml::Value,
        path: &YamlPath,
        diags: &mut Diagnostics,
    ) -> Option<T> {
        // Read straight from the value first; only a value with a problem is read again,
        // tracking the path, to say where the problem is.
        if let Ok(raw) = T::deserialize(value) {
            return Some(raw);
        }
        match serde_path_to_error::deserialize::<_, T>(value.clone()) {
            Ok(raw) => Some(raw),
            Err(error) => {
                let mut full = path.clone();
                for segment in error.path().iter() {
                    full = match segment {
                        serde_path_to_error::Segment::Seq { index } => full.index(*index),
                        serde_path_to_error::Segment::Map { key } => full.key(key),
                        serde_path_to_error::Segment::Enum { variant } => full.key(variant),
                        serde_path_to_error::Segment::Unknown => full,
                    };
                }
                diags.push(
                    self.structural_problem(&full, &strip_positions(&error.inner().to_string())),
                );
                None
            }
        }
    }

    fn structural_problem(&self, path: &YamlPath, message: &str) -> Diagnostic {
        let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
        if let Some(rest) = message.strip_prefix("unknown field ") {
            let given = quoted.first().copied().unwrap_or(rest);
            let expected = &quoted[1.min(quoted.len())..];
            let mut at = self.key_at(&path.key(given));
            if at == self.at(path) {
                at = self.key_at(path);
            }
            return Diagnostic::error(at, format!("unknown field `{given}`"))
                .expected(if expected.is_empty() {
                    "no fields here".to_string()
                } else {
                    format!("one of {}", expected.join(", "))
                })
                .maybe_hint(
                    did_you_mean(given, expected.iter().copied())
                        .map(|m| format!("did you mean `{m}`?")),
                );
        }
        if message.starts_with("missing field ") {
            let field = quoted.first().copied().unwrap_or("?");
            return Diagnostic::error(
                self.at(path),
                format!("required field `{field}` is missing"),
            )
            .hint(format!("add `{field}:` here"));
        }
        let message = message.replace("invalid type: ", "wrong kind of value: found ");
        Diagnostic::error(self.at(path), message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        status: String,
    }

    fn parse(text: &str, offset: usize) -> (Option<YamlDoc>, Vec<String>) {
        let mut diags = Diagnostics::new();
        let doc = YamlDoc::parse(Path::new("f.yaml"), text, offset, &mut diags);
        (doc, diags.sorted().iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn texts_fuzzing_found_read_differently_are_read_as_serde_yaml_reads_them() {
        // fuzz/regressions/yaml/: saphyr-parser and libyaml disagree on each of these.
        for text in [
            "a: |\n  x",
            "\u{1}",
            ":",
            "{b:}\n",
            "{?a: 1}\n",
            "a: x\u{2028} y\n",
            "a: {b\n  c: d}\n",
            "\t",
            "--- |\n# x\n",
            "- {a: :b\"}\n",
            "- {a: 1, >>b: 2}\n",
            "...\n",
            "...\na: 1\n",
            "a: 4\n ?\n ?\n\n ?\n ?\n",
            "a-b[c: {d\": e\", f: g:? :h}\n",
            "%(\n---\n-\n",
            "a: [dev2017-, reported in report -, next]\n",
        ] {
            let theirs: Option<serde_yaml::Value> = serde_yaml::from_str(text).ok();
            if let (Some(doc), _) = parse(text, 0) {
                assert_eq!(Some(doc.value), theirs, "{text:?}");
            }
        }
    }

    #[test]
    fn positions_of_nested_values_and_keys() {
        let text = "- id: a\n  steps:\n    - title: x\n      status: done\n";
        let (doc, problems) = parse(text, 0);
        assert!(problems.is_empty());
        let doc = doc.unwrap();
        let status = YamlPath::root()
            .index(0)
            .key("steps")
            .index(0)
            .key("status");
        assert_eq!(doc.at(&status).to_string(), "f.yaml:4:15");
        assert_eq!(doc.key_at(&status).to_string(), "f.yaml:4:7");
        let missing = YamlPath::root().index(0).key("owner");
        assert_eq!(
            doc.at(&missing).to_string(),
            "f.yaml:1:3",
            "falls back to the enclosing node"
        );
    }

    #[test]
    fn a_text_the_fast_reader_leaves_halfway_is_read_again_from_the_start() {
        // The fast reader takes the first keys, then stops at the plain scalar over two lines;
        // what it gave so far must not be counted twice.
        let text = "id: a\nstatus: plain\n  over two lines\nowner: b\n";
        assert!(suits_fast_path(text) && yaml_fast::events(text).is_none());
        let (doc, problems) = parse(text, 0);
        assert!(problems.is_empty(), "{problems:?}");
        let doc = doc.unwrap();
        assert_eq!(
            doc.value,
            serde_yaml::from_str::<serde_yaml::Value>(text).unwrap()
        );
        let owner = YamlPath::root().key("owner");
        assert_eq!(doc.at(&owner).to_string(), "f.yaml:4:8");
        assert_eq!(doc.key_at(&owner).to_string(), "f.yaml:4:1");
    }

    #[test]
    fn flow_mappings_are_indexed_too() {
        let (doc, _) = parse("data:\n  - {period: 2019-06, vip: 97.1}\n", 0);
        let path = YamlPath::root().key("data").index(0).key("vip");
        let doc = doc.unwrap();
        assert_eq!(doc.at(&path).to_string(), "f.yaml:2:28");
        let row = YamlPath::root().key("data").index(0);
        assert_eq!(doc.at_key(&row, "vip").to_string(), "f.yaml:2:28");
        // A key that is not there: the row itself, as `at` gives.
        assert_eq!(doc.at_key(&row, "web").to_string(), "f.yaml:2:5");
        assert_eq!(doc.at(&row.key("web")), doc.at_key(&row, "web"));
    }

    #[test]
    fn the_front_matter_offset_is_added() {
        let (doc, _) = parse("title: x\nowner: y\n", 1);
        assert_eq!(
            doc.unwrap().at(&YamlPath::root().key("owner")).to_string(),
            "f.yaml:3:8"
        );
        let (_, problems) = parse("title: x\n  owner: : y\n", 1);
        assert!(problems[0].starts_with("f.yaml:3:"), "{problems:?}");
    }

    #[test]
    fn syntax_errors_name_line_and_column_without_repeating_them() {
        let (doc, problems) = parse("title: [unclosed\nowner: x\n", 0);
        assert!(doc.is_none());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("f.yaml:"), "{}", problems[0]);
        assert!(!problems[0].contains(" at line "), "{}", problems[0]);
    }

    #[test]
    fn duplicate_keys_are_reported_with_both_lines() {
        let (doc, problems) = parse("title: a\nowner: b\ntitle: c\n", 0);
        assert!(doc.is_none());
        assert_eq!(
            problems,
            ["f.yaml:3:1: error: `title` is given twice in the same mapping (first at line 1)\n  = help: keep one of them; YAML would otherwise silently use only one"]
        );
    }

    #[test]
    fn only_the_repeated_key_is_reported_not_the_keys_inside_its_two_values() {
        let text = "a:\n  x: 1\n  y: 2\nb: 0\na:\n  x: 3\n";
        let (doc, problems) = parse(text, 0);
        assert!(doc.is_none());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("f.yaml:5:1: error: `a` is given twice"));
    }

    #[test]
    fn large_mappings_are_searched_and_checked_for_repeated_keys() {
        let keys: Vec<String> = (0..40).map(|i| format!("k{i:02}: {i}\n")).collect();
        let (doc, problems) = parse(&keys.concat(), 0);
        assert!(problems.is_empty());
        let doc = doc.unwrap();
        for (line, key) in [(1, "k00"), (17, "k16"), (40, "k39")] {
            let path = YamlPath::root().key(key);
            assert_eq!(doc.at(&path).to_string(), format!("f.yaml:{line}:6"));
            assert_eq!(doc.key_at(&path).to_string(), format!("f.yaml:{line}:1"));
        }
        assert!(!doc.has_key(&YamlPath::root().key("k40")));

        let repeated = [keys.concat(), "k07: again\nk07: and again\n".into()].concat();
        let (doc, problems) = parse(&repeated, 0);
        assert!(doc.is_none());
        assert_eq!(
            problems
                .iter()
                .map(|p| p.lines().next().unwrap_or(""))
                .collect::<Vec<_>>(),
            [
                "f.yaml:41:1: error: `k07` is given twice in the same mapping (first at line 8)",
                "f.yaml:42:1: error: `k07` is given twice in the same mapping (first at line 8)"
            ]
        );
    }

    #[test]
    fn unknown_fields_point_at_the_key_with_a_suggestion() {
        let text = "- id: a\n  stauts: x\n";
        let mut diags = Diagnostics::new();
        let doc = YamlDoc::parse(Path::new("f.yaml"), text, 0, &mut diags).unwrap();
        let items = doc.value.as_sequence().unwrap().clone();
        let item: Option<Item> = doc.deserialize(&items[0], &YamlPath::root().index(0), &mut diags);
        assert!(item.is_none());
        let problems: Vec<String> = diags.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(
            problems,
            ["f.yaml:2:3: error: unknown field `stauts`\n  = expected: one of id, status\n  = help: did you mean `status`?"]
        );
    }

    #[test]
    fn missing_fields_point_at_the_mapping() {
        let mut diags = Diagnostics::new();
        let doc =
            YamlDoc::parse(Path::new("f.yaml"), "x: 1\nitem:\n  id: a\n", 0, &mut diags).unwrap();
        let value = doc.value.get("item").unwrap().clone();
        let item: Option<Item> = doc.deserialize(&value, &YamlPath::root().key("item"), &mut diags);
        assert!(item.is_none());
        assert_eq!(
            diags.sorted()[0].to_string(),
            "f.yaml:3:3: error: required field `status` is missing\n  = help: add `status:` here"
        );
    }

    #[test]
    fn strip_positions_removes_every_position_phrase() {
        assert_eq!(
            strip_positions("did not find expected key at line 3 column 5, while parsing a block mapping at line 1 column 1"),
            "did not find expected key, while parsing a block mapping"
        );
        assert_eq!(strip_positions("at line end"), "at line end");
    }
}
