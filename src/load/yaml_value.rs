//! Builds the document's value from the same event stream that records positions, so a YAML
//! file is parsed once, not twice. Only plain documents are built here: anything with
//! anchors, aliases, tags, complex keys, deep nesting or a second document is left to
//! serde_yaml (`None`), which also gives those cases their error messages. Plain scalars are
//! resolved as serde_yaml resolves them (YAML 1.2 core schema), so both paths give the same
//! value; a test compares them on every file of the example site.

use saphyr_parser::{Event, ScalarStyle};
use serde_yaml::{Mapping, Number, Value};

/// Deeper than this, serde_yaml reports its recursion limit; leave such files to it.
const MAX_DEPTH: usize = 100;

enum Open {
    Map(Mapping, Option<Value>),
    Seq(Vec<Value>),
}

/// Receives the events of one document and builds its value.
#[derive(Default)]
pub struct ValueBuilder {
    stack: Vec<Open>,
    root: Option<Value>,
    /// Set when the document needs serde_yaml's full treatment.
    given_up: bool,
}

impl ValueBuilder {
    /// Feeds one event (`DocumentEnd` and stream events are ignored).
    pub fn event(&mut self, event: &Event<'_>) {
        if self.given_up {
            return;
        }
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if *anchor != 0 || tag.is_some() {
                    self.give_up();
                    return;
                }
                let value = match style {
                    ScalarStyle::Plain => resolve_plain(text),
                    _ => Some(Value::String(text.to_string())),
                };
                match value {
                    Some(value) => self.add(value),
                    None => self.give_up(),
                }
            }
            Event::MappingStart(anchor, tag) | Event::SequenceStart(anchor, tag) => {
                if *anchor != 0 || tag.is_some() || self.stack.len() >= MAX_DEPTH {
                    self.give_up();
                    return;
                }
                let in_key = matches!(self.stack.last(), Some(Open::Map(_, None)));
                if in_key {
                    // A mapping or sequence used as a key.
                    self.give_up();
                    return;
                }
                self.stack.push(match event {
                    Event::MappingStart(..) => Open::Map(Mapping::new(), None),
                    _ => Open::Seq(Vec::new()),
                });
            }
            Event::MappingEnd | Event::SequenceEnd => match self.stack.pop() {
                Some(Open::Map(map, None)) => self.add(Value::Mapping(map)),
                Some(Open::Seq(items)) => self.add(Value::Sequence(items)),
                _ => self.give_up(),
            },
            Event::Alias(_) => self.give_up(),
            _ => {}
        }
    }

    /// Marks the document as one for serde_yaml.
    pub fn give_up(&mut self) {
        self.given_up = true;
        self.stack.clear();
    }

    /// The document's value; `None` when it is left to serde_yaml.
    pub fn finish(self) -> Option<Value> {
        if self.given_up || !self.stack.is_empty() {
            return None;
        }
        match self.root {
            Some(Value::Mapping(_) | Value::Sequence(_)) => self.root,
            // No document (`...` alone, which libyaml rejects), or a single scalar (saphyr
            // and libyaml end a top-level block scalar differently: `--- |` then `# x` at
            // column 0). Content is neither.
            _ => None,
        }
    }

    fn add(&mut self, value: Value) {
        match self.stack.last_mut() {
            None => {
                if self.root.replace(value).is_some() {
                    self.give_up();
                }
            }
            Some(Open::Seq(items)) => items.push(value),
            Some(Open::Map(map, pending)) => match pending.take() {
                // An empty key (`: x`): libyaml rejects some forms saphyr accepts.
                None if value.is_null() => self.give_up(),
                None => *pending = Some(value),
                // Keys written differently can be the same value (`0x1F` and `31`): the
                // position index only sees repeated text, so serde_yaml reports these.
                Some(key) => {
                    if map.insert(key, value).is_some() {
                        self.give_up();
                    }
                }
            },
        }
    }
}

/// The value of a plain (unquoted) scalar: null, a boolean, an integer, a float or a string,
/// by the rules serde_yaml follows. `None` when serde_yaml would reject it (an integer too
/// big for 64 bits), so that it reports it.
pub fn resolve_plain(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let first = text.chars().next().unwrap_or(' ');
    if !(first.is_ascii_digit() || matches!(first, '+' | '-' | '.')) {
        return Some(Value::String(text.to_string()));
    }
    if let Some(number) = simple_number(text) {
        return Some(Value::Number(number));
    }
    // Numbers are written with letters, digits and `_ . + -` only. Anything else is a string,
    // and must not be pasted into the YAML below (`4\n? ?`, from a plain scalar over several
    // lines, once read as `4` and a second key; found by fuzzing).
    if !text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '+' | '-'))
    {
        return Some(Value::String(text.to_string()));
    }
    // Hex, octal, binary, infinities and the rare rest: ask serde_yaml about the scalar alone.
    match serde_yaml::from_str::<Value>(&format!("v: {text}")) {
        Ok(Value::Mapping(mut map)) => match map.remove("v") {
            Some(value @ (Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_))) => {
                Some(value)
            }
            _ => None,
        },
        _ => None,
    }
}

/// Decimal integers and plain decimal fractions, the numbers content is made of. `None` for
/// anything else, including leading zeros (`007` is a string in YAML 1.2).
fn simple_number(text: &str) -> Option<Number> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    if unsigned.len() > 1
        && unsigned.starts_with('0')
        && unsigned.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match fraction {
        None if digits(whole) => {
            if text.starts_with('-') {
                text.parse::<i64>().ok().map(Number::from)
            } else {
                unsigned.parse::<u64>().ok().map(Number::from)
            }
        }
        Some(f) if digits(whole) && (f.is_empty() || digits(f)) => {
            let unpositive = text.strip_prefix('+').unwrap_or(text);
            unpositive
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(Number::from)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(text: &str) -> Option<Value> {
        let mut builder = ValueBuilder::default();
        for event in saphyr_parser::Parser::new_from_str(text) {
            let (event, _) = event.ok()?;
            builder.event(&event);
        }
        builder.finish()
    }

    #[test]
    fn plain_scalars_resolve_as_serde_yaml_resolves_them() {
        for scalar in [
            "",
            "~",
            "null",
            "NULL",
            "true",
            "False",
            "yes",
            "no",
            "0",
            "7",
            "-7",
            "+7",
            "007",
            "-007",
            "95.5",
            "-0.25",
            "1.",
            ".5",
            "1e3",
            "1E-3",
            "0x1F",
            "0o17",
            "0b11",
            ".inf",
            "-.inf",
            ".nan",
            "2019",
            "2019-12",
            "2019-12-31",
            "2019/20",
            "1_000",
            "18446744073709551616",
            "9223372036854775808",
            "-9223372036854775809",
            "1.2.3",
            "+",
            "-",
            ".",
            "12:30",
            "-1 2",
            "4 ?",
        ] {
            let ours = resolve_plain(scalar);
            let theirs: Option<Value> = serde_yaml::from_str(&format!("v: {scalar}"))
                .ok()
                .map(|v: Value| v["v"].clone());
            match (&ours, &theirs) {
                (Some(Value::Number(a)), Some(Value::Number(b))) if a.is_nan() && b.is_nan() => {}
                _ => assert_eq!(ours, theirs, "{scalar:?}"),
            }
        }
    }

    #[test]
    fn documents_match_serde_yaml() {
        let text = "a: 1\nb: [x, 'y', \"z\\n\", 2.5]\nc:\n  - {d: null, e: true}\n  - |\n    block\n    text\nf: >\n  folded\n  line\ng:\n";
        assert_eq!(built(text), serde_yaml::from_str(text).ok());
        // A plain scalar over lines that starts with a digit is a string (found by fuzzing).
        for text in ["a: 4\n ?\n ?\n\n ?\n ?\n", "a: 4\n b\n\n c\n"] {
            let theirs: Option<Value> = serde_yaml::from_str(text).ok();
            assert!(theirs.is_some());
            assert_eq!(built(text), theirs, "{text:?}");
        }
    }

    #[test]
    fn every_yaml_file_of_the_example_site_builds_the_value_serde_yaml_parses() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut compared = 0;
        for entry in walkdir::WalkDir::new(content).into_iter().flatten() {
            let extension = entry.path().extension().and_then(|e| e.to_str());
            if matches!(extension, Some("yaml" | "md")) {
                let file = std::fs::read_to_string(entry.path()).unwrap_or_default();
                let text = match extension {
                    Some("md") => super::super::frontmatter::split(&file)
                        .map(|s| s.front_matter.to_string())
                        .unwrap_or_default(),
                    _ => file,
                };
                let theirs: Option<Value> = serde_yaml::from_str(&text).ok();
                assert_eq!(built(&text), theirs, "{}", entry.path().display());
                assert!(
                    super::super::yaml_subset::suits_fast_path(&text),
                    "{} is not read fast",
                    entry.path().display()
                );
                compared += 1;
            }
        }
        assert!(compared >= 15, "only {compared} files compared");
    }

    #[test]
    fn empty_keys_and_single_scalar_documents_are_left_to_serde_yaml() {
        assert_eq!(built(": x\n"), None);
        assert_eq!(built("a:\n  : x\n"), None);
        assert_eq!(built("just text\n"), None);
        assert_eq!(built("...\n"), None);
        assert_eq!(built(""), None);
        assert_eq!(built("--- |\n  x\n"), None);
    }

    #[test]
    fn keys_written_differently_with_the_same_value_are_left_to_serde_yaml() {
        for text in ["0x1F: a\n31: b\n", "-0b0:\n0: x\n", "a: {0o7: x, 7: y}\n"] {
            assert_eq!(built(text), None, "{text:?}");
            assert!(serde_yaml::from_str::<Value>(text).is_err(), "{text:?}");
        }
        assert!(built("0x1F: a\n32: b\n").is_some());
    }

    #[test]
    fn anchors_tags_and_complex_keys_are_left_to_serde_yaml() {
        assert_eq!(built("a: &x 1\nb: *x\n"), None);
        assert_eq!(built("a: !!str 1\n"), None);
        assert_eq!(built("? [a, b]\n: 1\n"), None);
        assert_eq!(
            built(&format!("{}{}", "[".repeat(150), "]".repeat(150))),
            None
        );
    }
}
