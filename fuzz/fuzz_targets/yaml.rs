//! `load::yaml::YamlDoc::parse` (one saphyr-parser pass that records positions and, for plain
//! documents, builds the value) against `serde_yaml::from_str` on the same text: whenever
//! plainsight accepts a document, its value must be the one serde_yaml reads. Positions must
//! stay inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plainsight::diag::Diagnostics;
use plainsight::load::source::decode;
use plainsight::load::yaml::{YamlDoc, YamlPath};
use serde_yaml::Value;
use std::path::Path;

/// Equality that treats NaN as equal to NaN.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_nan() && y.is_nan() => true,
        (Value::Sequence(x), Value::Sequence(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Mapping(x), Value::Mapping(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|((ka, va), (kb, vb))| same(ka, kb) && same(va, vb))
        }
        _ => a == b,
    }
}

/// Every key path of the value, for looking up positions.
fn paths(value: &Value, path: YamlPath, out: &mut Vec<YamlPath>) {
    if out.len() > 1000 {
        return;
    }
    match value {
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                paths(item, path.index(i), out);
            }
        }
        Value::Mapping(map) => {
            for (key, item) in map {
                if let Value::String(key) = key {
                    paths(item, path.key(key), out);
                }
            }
        }
        _ => {}
    }
    out.push(path);
}

fuzz_target!(|data: &[u8]| {
    // As the loader reads files: UTF-8, BOM dropped, CRLF and CR made LF.
    let Ok(text) = decode(data, Path::new("f.yaml")) else {
        return;
    };
    let text = text.as_str();
    let mut diags = Diagnostics::new();
    let doc = YamlDoc::parse(Path::new("f.yaml"), text, 1, &mut diags);
    // Line breaks as either parser counts them (YAML 1.1 also breaks at NEL, LS and PS),
    // plus the offset of 1, plus one for an error at the very end.
    let breaks = text
        .matches(['\n', '\u{85}', '\u{2028}', '\u{2029}'])
        .count();
    let lines = breaks + 3;
    for d in diags.sorted() {
        assert!(d.location.line <= lines, "{d} is past the end of the file");
    }
    let Some(doc) = doc else { return };
    match serde_yaml::from_str::<Value>(text) {
        Ok(theirs) => assert!(
            same(&doc.value, &theirs),
            "plainsight read {:?}, serde_yaml reads {theirs:?}",
            doc.value
        ),
        Err(e) => panic!(
            "plainsight read {:?}, serde_yaml rejects it: {e}",
            doc.value
        ),
    }
    let mut all = Vec::new();
    paths(&doc.value, YamlPath::root(), &mut all);
    for path in all {
        let at = doc.at(&path);
        assert!(at.line >= 2 && at.line <= lines, "{at} for {path:?}");
        let _ = doc.key_at(&path);
    }
});
