//! Where each key and value of a YAML document starts, found by its path
//! ([`super::yaml::YamlPath`]'s text). Recorded in one pass over saphyr-parser's events that
//! builds no values; the same pass finds keys given twice in one mapping.

use super::yaml::{INDEX, KEY};
use saphyr_parser::{Event, Parser};

/// A line and column, 1-based.
pub(super) type Position = (usize, usize);

/// Where a node's value starts, and its key when it is a mapping's value with a scalar key.
pub(super) type Found = (Position, Option<Position>);

/// A key given twice in one mapping: where it is first and where again.
pub(super) struct DuplicateKey {
    pub(crate) key: String,
    pub(crate) first: Position,
    pub(crate) again: Position,
}

/// A node as recorded: where its path is in [`Spans::paths`], where it starts and its key.
struct Node {
    path: (usize, usize),
    value: Position,
    key: Option<Position>,
}

/// Every node of a document by its path; the paths' texts are kept one after another.
#[derive(Default)]
pub(super) struct Spans {
    paths: String,
    nodes: hashbrown::HashTable<Node>,
}

fn hash(path: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0).hash_one(path)
}

impl Spans {
    pub(crate) fn get(&self, path: &str) -> Option<Found> {
        let text = |node: &Node| &self.paths[node.path.0..node.path.1];
        let node = self.nodes.find(hash(path), |node| text(node) == path)?;
        Some((node.value, node.key))
    }

    /// Where the node at `path` starts, or when it is absent the nearest node on the way to it.
    pub(crate) fn nearest(&self, mut path: &str) -> Option<Position> {
        loop {
            if let Some(found) = self.get(path) {
                return Some(found.0);
            }
            path = &path[..path.rfind([KEY, INDEX])?];
        }
    }

    /// Records the node at `path`; when a node is there already, the key of that one.
    fn insert(&mut self, path: &str, value: Position, key: Option<Position>) -> Option<Found> {
        let Spans { paths, nodes } = self;
        let text = |node: &Node| &paths[node.path.0..node.path.1];
        let entry = nodes.entry(hash(path), |node| text(node) == path, |n| hash(text(n)));
        if let hashbrown::hash_table::Entry::Occupied(first) = &entry {
            return Some((first.get().value, first.get().key));
        }
        let at = (paths.len(), paths.len() + path.len());
        entry.insert(Node {
            path: at,
            value,
            key,
        });
        paths.push_str(path);
        None
    }
}

/// A mapping or sequence whose end has not been read yet.
#[derive(Default)]
struct Open {
    /// The length of the path to it.
    path_len: usize,
    mapping: bool,
    /// A sequence's next index.
    items: usize,
    /// A mapping's key was just read (its text is [`SpansBuilder::key`]) and its value comes
    /// next: where the key is written.
    key: Option<Option<Position>>,
    /// Inside a mapping or sequence used as a key, how deep: its contents are not recorded.
    complex_key_depth: usize,
    /// It is the second value of a key given twice, or the value of a key that is not a
    /// scalar: its contents are not recorded either.
    unrecorded: bool,
}

/// Builds [`Spans`] from a document's events, in order.
#[derive(Default)]
struct SpansBuilder {
    spans: Spans,
    /// The path to the node being read.
    path: String,
    /// The text of the key just read.
    key: String,
    open: Vec<Open>,
    duplicates: Vec<DuplicateKey>,
}

impl SpansBuilder {
    /// Takes the next event of the document, which starts at `here`.
    fn event(&mut self, event: &Event, here: Position) {
        let opens = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        if let Some(open) = self.open.last_mut().filter(|o| o.complex_key_depth > 0) {
            match event {
                _ if opens => open.complex_key_depth += 1,
                Event::MappingEnd | Event::SequenceEnd => {
                    open.complex_key_depth -= 1;
                    if open.complex_key_depth == 0 {
                        open.key = Some(None);
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
        let (mut key_at, mut unrecorded) = (None, false);
        match self.open.last_mut() {
            None if self.spans.get("").is_some() => return,
            None => {}
            Some(open) if open.mapping => match (open.key.take(), event) {
                (Some(at), _) => {
                    unrecorded = at.is_none();
                    self.path.push(KEY);
                    let plain = |c| if c == KEY || c == INDEX { ' ' } else { c };
                    self.path.extend(self.key.chars().map(plain));
                    key_at = at;
                }
                // No key yet: this node is the key.
                (None, Event::Scalar(text, ..)) => {
                    self.key.clear();
                    self.key.push_str(text);
                    open.key = Some(Some(here));
                    return;
                }
                // An alias, or a mapping or sequence, as a key.
                (None, _) => {
                    self.key.clear();
                    self.key.push('?');
                    open.key = Some(None);
                    open.complex_key_depth = usize::from(opens);
                    return;
                }
            },
            Some(open) => {
                use std::fmt::Write;
                let _ = write!(self.path, "{INDEX}{}", open.items);
                open.items += 1;
            }
        }
        let unrecorded = unrecorded || self.open.iter().any(|open| open.unrecorded);
        let unrecorded = unrecorded || self.record(here, key_at);
        if opens {
            self.open.push(Open {
                path_len: parent_len,
                mapping: matches!(event, Event::MappingStart(..)),
                unrecorded,
                ..Open::default()
            });
        } else {
            self.path.truncate(parent_len);
        }
    }

    /// Records the node at the current path; whether its key was given before in the mapping.
    fn record(&mut self, value: Position, key: Option<Position>) -> bool {
        match (self.spans.insert(&self.path, value, key), key) {
            (Some((_, Some(first))), Some(again)) => {
                let key = self.path[self.path.rfind(KEY).map_or(0, |at| at + 1)..].to_string();
                self.duplicates.push(DuplicateKey { key, first, again });
                true
            }
            _ => false,
        }
    }
}

/// Where every node of `text` starts, and the keys given twice, in the order they are written;
/// `None` when saphyr-parser cannot read it.
pub(super) fn read(text: &str) -> Option<(Spans, Vec<DuplicateKey>)> {
    let mut builder = SpansBuilder::default();
    for event in Parser::new_from_str(text) {
        let (event, span) = event.ok()?;
        match event {
            // Only the first document: serde_yaml rejects a second one.
            Event::DocumentEnd => break,
            event => builder.event(&event, (span.start.line(), span.start.col() + 1)),
        }
    }
    builder.duplicates.sort_by_key(|d| d.again);
    Some((builder.spans, builder.duplicates))
}
