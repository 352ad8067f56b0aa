//! YAML documents with positions: every problem inside a YAML file names its line and column
//! in the real file (front-matter offset included).
//!
//! The values come from one parser, serde_yaml (the maintained `yaml_serde`), read straight
//! into the raw structs, with `deny_unknown_fields` doing the structural checks. Positions
//! come from one pass over saphyr-parser's events, which builds no values: it records where
//! every key and value starts ([`super::yaml_spans`]) and finds keys given twice in one
//! mapping. A path (from serde_path_to_error, or from the loader's own checks) is walked down
//! that tree to a line and column; serde's messages are put in a comms officer's words by
//! [`super::yaml_words`].

use super::yaml_spans::{self, Spans};
use super::yaml_words::{given_twice, structural_problem, syntax_problem};
use crate::diag::{Diagnostic, Diagnostics, Location};
use serde::de::DeserializeOwned;
use std::path::Path;
use std::sync::Arc;

/// A path into a YAML document, e.g. `[3].steps[1].status`, kept as one string (a marker
/// character before each key or index): one allocation, not a vector of segments.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct YamlPath(String);

pub(super) const KEY: char = '\u{1}';
pub(super) const INDEX: char = '\u{2}';

impl YamlPath {
    pub(crate) fn root() -> Self {
        YamlPath(String::new())
    }

    /// A marker inside a key would make two paths look alike, so it becomes a space (such
    /// keys are never fields).
    pub(crate) fn key(&self, key: &str) -> Self {
        let mut path = String::with_capacity(self.0.len() + key.len() + 1);
        path.push_str(&self.0);
        path.push(KEY);
        path.extend(
            key.chars()
                .map(|c| if c == KEY || c == INDEX { ' ' } else { c }),
        );
        YamlPath(path)
    }

    pub(crate) fn index(&self, index: usize) -> Self {
        YamlPath(format!("{}{INDEX}{index}", self.0))
    }

    /// The path `error` says, below this one.
    fn join(&self, error: &serde_path_to_error::Path) -> YamlPath {
        use serde_path_to_error::Segment;
        error
            .iter()
            .fold(self.clone(), |path, segment| match segment {
                Segment::Seq { index } => path.index(*index),
                Segment::Map { key } | Segment::Enum { variant: key } => path.key(key),
                Segment::Unknown => path,
            })
    }
}

/// A YAML document: its text, and the positions of its nodes.
pub(crate) struct YamlDoc {
    file: Arc<Path>,
    line_offset: usize,
    spans: Spans,
    text: String,
}

impl YamlDoc {
    /// Reads the positions of `text`, whose first line is line `line_offset + 1` of `file`.
    /// Problems go to `diags`; `None` when the document cannot be used at all.
    pub(crate) fn parse(
        file: &Path,
        text: String,
        line_offset: usize,
        diags: &mut Diagnostics,
    ) -> Option<YamlDoc> {
        let mut doc = YamlDoc::without_positions(file, text);
        doc.line_offset = line_offset;
        match yaml_spans::read(&doc.text) {
            Some((spans, duplicates)) => {
                for duplicate in &duplicates {
                    let (line, column) = duplicate.again;
                    let first = duplicate.first.0 + line_offset;
                    let at = doc.location(line, column);
                    diags.push(given_twice(at, &duplicate.key, Some(first)));
                }
                doc.spans = spans;
                duplicates.is_empty().then_some(doc)
            }
            // The values' parser says what is wrong; when it reads the text after all, the
            // document is used with every position at its start.
            None => match serde_yaml::from_str::<serde::de::IgnoredAny>(&doc.text) {
                Err(error) => {
                    diags.push(doc.syntax_error(&error));
                    None
                }
                Ok(_) => Some(doc),
            },
        }
    }

    /// A document with no positions (every location is the file's first line), for old
    /// versions read from the history, where nothing is reported.
    pub(crate) fn without_positions(file: &Path, text: String) -> YamlDoc {
        YamlDoc {
            file: Arc::from(file),
            line_offset: 0,
            spans: Spans::default(),
            text,
        }
    }

    fn location(&self, line: usize, column: usize) -> Location {
        Location::in_file(&self.file, line + self.line_offset, column)
    }

    fn syntax_error(&self, error: &serde_yaml::Error) -> Diagnostic {
        let (line, column) = (error.location()).map_or((1, 1), |l| (l.line(), l.column()));
        let line_text = self.text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        syntax_problem(self.location(line, column), &error.to_string(), line_text)
    }

    /// The whole document read into `T`; a problem is reported where it is.
    pub(crate) fn read<T: DeserializeOwned>(&self, diags: &mut Diagnostics) -> Option<T> {
        serde_yaml::from_str(&self.text).ok().or_else(|| {
            let again = serde_yaml::Deserializer::from_str(&self.text);
            self.report(
                &YamlPath::root(),
                serde_path_to_error::deserialize(again),
                diags,
            )
        })
    }

    /// Each item of a document that is a list, read into `T` and numbered; an item with a
    /// problem is reported and left out, the others are still read. `None` when the
    /// document is not a list (the caller says what it should be).
    pub(crate) fn read_list<T: DeserializeOwned>(
        &self,
        diags: &mut Diagnostics,
    ) -> Option<Vec<(usize, T)>> {
        if let Ok(items) = serde_yaml::from_str::<Option<Vec<T>>>(&self.text) {
            return Some(items.unwrap_or_default().into_iter().enumerate().collect());
        }
        // Something is wrong: each item is read on its own, so that every problem is found.
        let items = match serde_yaml::from_str::<serde_yaml::Value>(&self.text) {
            Ok(serde_yaml::Value::Sequence(items)) => items,
            Ok(serde_yaml::Value::Null) => Vec::new(),
            Ok(_) => return None,
            Err(error) => {
                diags.push(self.syntax_error(&error));
                return Some(Vec::new());
            }
        };
        let read = items.iter().enumerate().filter_map(|(i, item)| {
            let raw = self.read_value(item, &YamlPath::root().index(i), diags)?;
            Some((i, raw))
        });
        Some(read.collect())
    }

    /// `value`, found at `path` in the document, read into `T`; a problem is reported where
    /// it is.
    pub(crate) fn read_value<T: DeserializeOwned>(
        &self,
        value: &serde_yaml::Value,
        path: &YamlPath,
        diags: &mut Diagnostics,
    ) -> Option<T> {
        T::deserialize(value)
            .ok()
            .or_else(|| self.report(path, serde_path_to_error::deserialize(value), diags))
    }

    /// Reports the problem that reading again below `path`, tracking the path, found.
    fn report<T>(
        &self,
        path: &YamlPath,
        again: Result<T, serde_path_to_error::Error<serde_yaml::Error>>,
        diags: &mut Diagnostics,
    ) -> Option<T> {
        let error = match again {
            Ok(read) => return Some(read),
            Err(error) => error,
        };
        let (inner, path) = (error.inner(), path.join(error.path()));
        let problem = match (structural_problem(self, &path, inner), inner.location()) {
            // serde_yaml's place, when the positions could not be read.
            (Some(problem), Some(at)) if self.spans.get("").is_none() => Diagnostic {
                location: self.location(at.line(), at.column()),
                ..problem
            },
            (Some(problem), _) => problem,
            // A limit reached has no place of its own: the value being read has.
            (None, None) => Diagnostic {
                location: self.at(&path),
                ..self.syntax_error(inner)
            },
            (None, Some(_)) => self.syntax_error(inner),
        };
        diags.push(problem);
        None
    }

    /// Where the value at `path` starts; the nearest enclosing node when it is absent.
    pub(crate) fn at(&self, path: &YamlPath) -> Location {
        let (line, column) = self.spans.nearest(&path.0).unwrap_or((1, 1));
        self.location(line, column)
    }

    /// Where the key of the value at `path` is written (for unknown or misplaced keys).
    pub(crate) fn key_at(&self, path: &YamlPath) -> Location {
        match self.spans.get(&path.0).and_then(|found| found.1) {
            Some((line, column)) => self.location(line, column),
            None => self.at(path),
        }
    }

    /// Whether the key of the value at `path` is written in the document.
    pub(crate) fn has_key(&self, path: &YamlPath) -> bool {
        (self.spans.get(&path.0)).is_some_and(|found| found.1.is_some())
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
        let doc = YamlDoc::parse(Path::new("f.yaml"), text.into(), offset, &mut diags);
        (doc, diags.sorted().iter().map(|d| d.to_string()).collect())
    }

    fn read_list(text: &str) -> (Vec<usize>, Vec<String>) {
        let mut diags = Diagnostics::new();
        let doc = YamlDoc::parse(Path::new("f.yaml"), text.into(), 0, &mut diags);
        let items = doc.and_then(|doc| doc.read_list::<Item>(&mut diags));
        let read = items.unwrap_or_default().into_iter().map(|(i, _)| i);
        let problems = diags.sorted().iter().map(|d| d.to_string()).collect();
        (read.collect(), problems)
    }

    #[test]
    fn positions_of_values_and_keys_block_and_flow_with_the_front_matter_offset() {
        let text = "- id: a\n  steps:\n    - {title: x, status: done}\n";
        let doc = parse(text, 1).0.unwrap();
        let step = YamlPath::root().index(0).key("steps").index(0);
        let at = |path: &YamlPath| doc.at(path).to_string();
        assert_eq!(at(&step.key("status")), "f.yaml:4:26");
        assert_eq!(doc.key_at(&step.key("status")).to_string(), "f.yaml:4:18");
        assert_eq!(
            doc.key_at(&YamlPath::root().index(0).key("steps"))
                .to_string(),
            "f.yaml:3:3"
        );
        // Absent: the nearest node on the way to it.
        assert_eq!(at(&step.key("owner")), "f.yaml:4:7");
        assert_eq!(at(&YamlPath::root().index(0).key("owner")), "f.yaml:2:3");
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
    fn only_the_repeated_key_is_reported_not_the_keys_inside_its_two_values() {
        let text = "a:\n  x: 1\n  y: 2\nb: 0\na:\n  x: 3\na: 4\n";
        let (doc, problems) = parse(text, 0);
        assert!(doc.is_none());
        let firsts: Vec<&str> = problems.iter().filter_map(|p| p.lines().next()).collect();
        assert_eq!(
            firsts,
            [
                "f.yaml:5:1: error: `a` is given twice in the same mapping (first at line 1)",
                "f.yaml:7:1: error: `a` is given twice in the same mapping (first at line 1)"
            ]
        );
        // Values under keys that are not plain text are not compared at all.
        for text in [
            "? [a]\n: {x: 1}\n? [b]\n: {x: 2}\n",
            "a: &k k\n*k : {x: 1}\nb: {x: 2}\n",
        ] {
            assert_eq!(parse(text, 0).1, Vec::<String>::new(), "{text:?}");
        }
    }

    #[test]
    fn every_broken_item_of_a_list_is_reported_and_the_others_are_read() {
        let (read, problems) = read_list("- id: a\n  stauts: x\n- id: b\n  status: y\n- id: c\n");
        assert_eq!(read, [1]);
        assert_eq!(
            problems,
            [
                "f.yaml:2:3: error: unknown field `stauts`\n  = expected: one of id, status\n  = help: did you mean `status`?",
                "f.yaml:5:3: error: required field `status` is missing\n  = help: add `status:` here"
            ]
        );
        assert_eq!(read_list("").0, Vec::<usize>::new());
    }

    #[test]
    fn a_text_only_the_values_parser_reads_is_used_without_positions() {
        // saphyr-parser (YAML 1.2) rejects a tab after the colon; serde_yaml's libyaml reads it.
        let text = "id: a\nstatus:\tx\n";
        assert!(yaml_spans::read(text).is_none());
        let (doc, problems) = parse(text, 0);
        assert!(problems.is_empty(), "{problems:?}");
        let item: Option<Item> = doc.unwrap().read(&mut Diagnostics::new());
        assert_eq!(item.map(|i| i.status), Some("x".to_string()));
    }
}
