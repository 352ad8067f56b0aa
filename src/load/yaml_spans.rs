//! Where each node of a YAML document starts, as a tree shaped like the document: one entry
//! per node in one vector, each container's children listed together, and every mapping key
//! kept in one shared string. Built from the parser's events in the same pass that builds the
//! value; a path (`[3].steps[1].status`) is found by walking it down from the root.
//!
//! The same pass finds keys given twice in one mapping.

use saphyr_parser::Event;

/// A line and column, 1-based.
pub type Position = (usize, usize);

/// A [`Position`] as the tree keeps it, in half the space.
type Packed = (u32, u32);

/// A stretch of [`SpanTree::keys`]: where it starts and how long it is.
type KeyText = (u32, u32);

/// A mapping key just read, whose value comes next.
struct PendingKey {
    text: KeyText,
    /// Where it is written; none for an alias or a complex key.
    at: Option<Packed>,
}

/// Line and column of every node's value and key.
#[derive(Debug, Default)]
pub struct SpanTree {
    nodes: Vec<SpanNode>,
    /// Each container's children (indices into `nodes`), a container's together, in the
    /// document's order; large mappings also have theirs sorted by key after them.
    children: Vec<u32>,
    /// The text of every mapping key, one after another.
    keys: String,
}

#[derive(Debug)]
struct SpanNode {
    /// Where the value starts.
    value: Packed,
    /// Where its key is written, when it is a mapping's value with a scalar key.
    key_at: Option<Packed>,
    /// Its key's text (empty when it has none).
    key: KeyText,
    kind: Kind,
    /// Where its children start in [`SpanTree::children`], and how many there are.
    children: (u32, u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scalar,
    Sequence,
    Mapping,
    /// A mapping with more than [`SORTED_FROM`] keys: its children are followed by the same
    /// children sorted by key, so a key is found by binary search.
    LargeMapping,
}

/// Mappings with more keys than this are searched by binary search (and checked for
/// duplicates by sorting); smaller ones by looking at each key.
const SORTED_FROM: usize = 16;

/// One step of a path: a mapping's key or a sequence's index.
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// A key given twice in one mapping: where it is first and where again.
pub struct DuplicateKey {
    pub key: String,
    pub first: Position,
    pub again: Position,
}

impl SpanTree {
    /// Where the node at the end of `path` starts, when it is in the document, and where the
    /// deepest node on the way to it starts (the node itself when it is there).
    pub fn find<'p>(
        &self,
        path: impl Iterator<Item = Step<'p>>,
    ) -> (Option<Found>, Option<Position>) {
        if self.nodes.is_empty() {
            return (None, None);
        }
        let mut node = 0;
        for step in path {
            match self.child(node, step) {
                Some(child) => node = child,
                None => return (None, Some(position(self.nodes[node].value))),
            }
        }
        let found = &self.nodes[node];
        let found = Found {
            value: position(found.value),
            key: found.key_at.map(position),
        };
        (Some(found), Some(found.value))
    }

    fn child(&self, node: usize, step: Step) -> Option<usize> {
        let parent = &self.nodes[node];
        let (from, len) = (parent.children.0 as usize, parent.children.1 as usize);
        let listed = &self.children[from..from + len];
        let index = match (parent.kind, step) {
            (Kind::Sequence, Step::Index(i)) => *listed.get(i)?,
            (Kind::Mapping, Step::Key(key)) => *listed.iter().find(|&&c| self.key(c) == key)?,
            (Kind::LargeMapping, Step::Key(key)) => {
                let sorted = &self.children[from + len..from + 2 * len];
                let at = sorted.partition_point(|&c| self.key(c) < key);
                *sorted.get(at).filter(|&&c| self.key(c) == key)?
            }
            _ => return None,
        };
        Some(index as usize)
    }

    fn key(&self, node: u32) -> &str {
        let (start, len) = self.nodes[node as usize].key;
        &self.keys[start as usize..start as usize + len as usize]
    }
}

/// A node found by path: where its value starts, and its key when it has one.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub value: Position,
    pub key: Option<Position>,
}

fn position((line, column): Packed) -> Position {
    (line as usize, column as usize)
}

fn compact((line, column): Position) -> Packed {
    (narrow(line), narrow(column))
}

/// A count or offset within one file as the tree keeps it. Files are at most
/// [`super::source::MAX_TEXT_FILE_BYTES`] (16 MiB), so it always fits.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Builds a [`SpanTree`] from a document's events, in order.
pub struct SpanTreeBuilder {
    tree: SpanTree,
    open: Vec<Open>,
    /// The children of every open container, an open container's after its parent's.
    pending: Vec<u32>,
    duplicates: Vec<DuplicateKey>,
}

struct Open {
    node: u32,
    /// Where its children start in `pending`.
    from: usize,
    /// For a mapping: the key just read, whose value comes next.
    key: Option<PendingKey>,
    /// Inside a mapping or sequence used as a key, how deep: its contents are not indexed.
    complex_key_depth: usize,
}

impl SpanTreeBuilder {
    /// A builder expecting about `nodes` nodes.
    pub fn with_capacity(nodes: usize) -> SpanTreeBuilder {
        SpanTreeBuilder {
            tree: SpanTree {
                nodes: Vec::with_capacity(nodes),
                children: Vec::with_capacity(nodes),
                keys: String::new(),
            },
            open: Vec::new(),
            pending: Vec::new(),
            duplicates: Vec::new(),
        }
    }

    /// Takes the next event of the document, which starts at `here`.
    pub fn event(&mut self, event: &Event, here: Position) {
        let opens = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        let closes = matches!(event, Event::MappingEnd | Event::SequenceEnd);
        if let Some(open) = self
            .open
            .last_mut()
            .filter(|open| open.complex_key_depth > 0)
        {
            if opens {
                open.complex_key_depth += 1;
            } else if closes {
                open.complex_key_depth -= 1;
                if open.complex_key_depth == 0 {
                    let text = self.add_key("?");
                    self.set_key(PendingKey { text, at: None });
                }
            }
            return;
        }
        if closes {
            self.close();
            return;
        }
        let kind = match event {
            Event::Scalar(..) | Event::Alias(_) => Kind::Scalar,
            Event::MappingStart(..) => Kind::Mapping,
            Event::SequenceStart(..) => Kind::Sequence,
            _ => return,
        };
        let is_root = self.open.is_empty();
        if is_root && !self.tree.nodes.is_empty() {
            return;
        }
        let in_mapping = self
            .open
            .last()
            .is_some_and(|open| self.tree.nodes[open.node as usize].kind == Kind::Mapping);
        let (key, key_at) = if in_mapping {
            let key = self.open.last_mut().and_then(|open| open.key.take());
            match (key, event) {
                (Some(key), _) => (key.text, key.at),
                // No key yet: this node is the key.
                (None, Event::Scalar(text, ..)) => {
                    let text = self.add_key(text);
                    self.set_key(PendingKey {
                        text,
                        at: Some(compact(here)),
                    });
                    return;
                }
                (None, Event::Alias(_)) => {
                    let text = self.add_key("?");
                    self.set_key(PendingKey { text, at: None });
                    return;
                }
                (None, _) => {
                    if let Some(open) = self.open.last_mut() {
                        open.complex_key_depth = 1;
                    }
                    return;
                }
            }
        } else {
            ((0, 0), None)
        };
        let node = narrow(self.tree.nodes.len());
        self.tree.nodes.push(SpanNode {
            value: compact(here),
            key_at,
            key,
            kind,
            children: (0, 0),
        });
        if !is_root {
            self.pending.push(node);
        }
        if kind != Kind::Scalar {
            self.open.push(Open {
                node,
                from: self.pending.len(),
                key: None,
                complex_key_depth: 0,
            });
        }
    }

    fn set_key(&mut self, key: PendingKey) {
        if let Some(open) = self.open.last_mut() {
            open.key = Some(key);
        }
    }

    /// Adds a key's text to the tree. A marker character of [`super::yaml::YamlPath`] inside
    /// it is kept as the path keeps it, a space.
    fn add_key(&mut self, text: &str) -> KeyText {
        let start = self.tree.keys.len();
        self.tree
            .keys
            .extend(text.chars().map(super::yaml::path_char));
        (narrow(start), narrow(self.tree.keys.len() - start))
    }

    /// Ends the innermost open mapping or sequence: its children are listed in the tree.
    fn close(&mut self) {
        let Some(open) = self.open.pop() else {
            return;
        };
        let from = self.tree.children.len();
        let count = self.pending.len() - open.from;
        self.tree.children.extend(self.pending.drain(open.from..));
        let node = open.node as usize;
        self.tree.nodes[node].children = (narrow(from), narrow(count));
        if self.tree.nodes[node].kind != Kind::Mapping {
            return;
        }
        if count > SORTED_FROM {
            self.tree.nodes[node].kind = Kind::LargeMapping;
            let mut sorted = self.tree.children[from..].to_vec();
            // Stable: of children with the same key, the first written comes first.
            sorted.sort_by(|&a, &b| self.tree.key(a).cmp(self.tree.key(b)));
            // The first of a run of equal keys written as a key; the others repeat it.
            let mut first: Option<u32> = None;
            for (i, &child) in sorted.iter().enumerate() {
                if i > 0 && self.tree.key(sorted[i - 1]) != self.tree.key(child) {
                    first = None;
                }
                match first {
                    Some(first) => {
                        self.check_duplicate(first, child);
                    }
                    None if self.tree.nodes[child as usize].key_at.is_some() => first = Some(child),
                    None => {}
                }
            }
            self.tree.children.extend(sorted);
        } else {
            for later in from..from + count {
                for earlier in from..later {
                    let (a, b) = (self.tree.children[earlier], self.tree.children[later]);
                    if self.check_duplicate(a, b) {
                        break;
                    }
                }
            }
        }
    }

    /// Records `again` as a duplicate when it has the same key as `first`, both written as
    /// keys. Whether it was one.
    fn check_duplicate(&mut self, first: u32, again: u32) -> bool {
        let tree = &self.tree;
        let (a, b) = (&tree.nodes[first as usize], &tree.nodes[again as usize]);
        match (a.key_at, b.key_at) {
            (Some(first_at), Some(again_at)) if tree.key(first) == tree.key(again) => {
                self.duplicates.push(DuplicateKey {
                    key: tree.key(first).to_string(),
                    first: position(first_at),
                    again: position(again_at),
                });
                true
            }
            _ => false,
        }
    }

    /// The tree, and the keys given twice, in the order they are written.
    pub fn finish(mut self) -> (SpanTree, Vec<DuplicateKey>) {
        while !self.open.is_empty() {
            self.close();
        }
        self.duplicates.sort_by_key(|d| d.again);
        (self.tree, self.duplicates)
    }
}
