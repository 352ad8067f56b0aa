//! Where each key and value of a YAML document starts, found by its path
//! ([`super::yaml::YamlPath`]'s text). Recorded in one pass over saphyr-parser's events that
//! builds no values; the same pass finds keys given twice in one mapping.

use super::yaml::{INDEX, KEY};
use saphyr_parser::Event;

/// A line and column, 1-based.
pub(super) type Position = (usize, usize);

/// Where a node's value starts, and its key when it is a mapping's value with a scalar key.
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    pub value: Position,
    pub key: Option<Position>,
}

/// A key given twice in one mapping: where it is first and where again.
pub(super) struct DuplicateKey {
    pub key: String,
    pub first: Position,
    pub again: Position,
}

/// Every node of a document by its path.
#[derive(Default)]
pub(super) struct Spans {
    by_path: foldhash::HashMap<String, Found>,
}

impl Spans {
    pub fn get(&self, path: &str) -> Option<Found> {
        self.by_path.get(path).copied()
    }

    /// Where the node at `path` starts, or when it is absent the nearest node on the way to it.
    pub fn nearest(&self, mut path: &str) -> Option<Position> {
        loop {
            if let Some(found) = self.by_path.get(path) {
                return Some(found.value);
            }
            path = &path[..path.rfind([KEY, INDEX])?];
        }
    }
}

/// A mapping or sequence whose end has not been read yet.
struct Open {
    /// The length of the path to it.
    path_len: usize,
    mapping: bool,
    /// A sequence's next index.
    items: usize,
    /// A mapping's key just read, whose value comes next, and where it is written.
    key: Option<(String, Option<Position>)>,
    /// Inside a mapping or sequence used as a key, how deep: its contents are not recorded.
    complex_key_depth: usize,
    /// It is the second value of a key given twice: its contents are not recorded either.
    repeated: bool,
}

/// Builds [`Spans`] from a document's events, in order.
#[derive(Default)]
pub(super) struct SpansBuilder {
    spans: Spans,
    path: String,
    open: Vec<Open>,
    duplicates: Vec<DuplicateKey>,
}

impl SpansBuilder {
    /// Takes the next event of the document, which starts at `here`.
    pub fn event(&mut self, event: &Event, here: Position) {
        let opens = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        if let Some(open) = self.open.last_mut().filter(|o| o.complex_key_depth > 0) {
            match event {
                _ if opens => open.complex_key_depth += 1,
                Event::MappingEnd | Event::SequenceEnd => {
                    open.complex_key_depth -= 1;
                    if open.complex_key_depth == 0 {
                        open.key = Some(("?".into(), None));
                    }
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(open) = self.open.pop() {
                    self.path.truncate(open.path_len);
                }
                return;
            }
            Event::Scalar(..) | Event::Alias(_) => {}
            _ if !opens => return,
            _ => {}
        }
        let parent_len = self.path.len();
        let mut key_at = None;
        match self.open.last_mut() {
            None if !self.spans.by_path.is_empty() => return,
            None => {}
            Some(open) if open.mapping => match (open.key.take(), event) {
                (Some((key, at)), _) => {
                    self.path.push(KEY);
                    self.path.push_str(&key.replace([KEY, INDEX], " "));
                    key_at = at;
                }
                // No key yet: this node is the key.
                (None, Event::Scalar(text, ..)) => {
                    open.key = Some((text.to_string(), Some(here)));
                    return;
                }
                // An alias, or a mapping or sequence, as a key.
                (None, _) => {
                    open.key = Some(("?".into(), None));
                    open.complex_key_depth = usize::from(opens);
                    return;
                }
            },
            Some(open) => {
                self.path.push(INDEX);
                self.path.push_str(&open.items.to_string());
                open.items += 1;
            }
        }
        let repeated = self.record(here, key_at);
        if opens {
            self.open.push(Open {
                path_len: parent_len,
                mapping: matches!(event, Event::MappingStart(..)),
                items: 0,
                key: None,
                complex_key_depth: 0,
                repeated,
            });
        } else {
            self.path.truncate(parent_len);
        }
    }

    /// Records the node at the current path; whether its key was given before in the mapping.
    fn record(&mut self, value: Position, key: Option<Position>) -> bool {
        if self.open.iter().any(|open| open.repeated) {
            return true;
        }
        let found = Found { value, key };
        let first = self.spans.by_path.entry(self.path.clone()).or_insert(found);
        match (first.key, key) {
            (Some(first), Some(again)) if first != again => {
                let key = &self.path[self.path.rfind(KEY).map_or(0, |at| at + 1)..];
                self.duplicates.push(DuplicateKey {
                    key: key.to_string(),
                    first,
                    again,
                });
                true
            }
            _ => false,
        }
    }

    /// The positions, and the keys given twice, in the order they are written.
    pub fn finish(mut self) -> (Spans, Vec<DuplicateKey>) {
        self.duplicates.sort_by_key(|d| d.again);
        (self.spans, self.duplicates)
    }
}
