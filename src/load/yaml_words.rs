//! What serde and the YAML parser say about a content file, in a comms officer's words: the
//! field that is not known (with a did-you-mean), the one that is missing, a value of the
//! wrong kind ("`95%` is not a number: write 95"), a tab used to indent. serde reports these
//! only as text, in fixed forms (`invalid type: string "95%", expected f64`), which are read
//! here and nowhere else.

use super::yaml::{YamlDoc, YamlPath};
use crate::diag::{did_you_mean, Diagnostic, Location};

/// The problem serde found reading the value at `path` into a raw struct; `None` when it is
/// not about the document's structure (a syntax error).
pub(super) fn structural_problem(
    doc: &YamlDoc,
    path: &YamlPath,
    error: &serde_yaml::Error,
) -> Option<Diagnostic> {
    let message = error.to_string();
    let message = without_positions(&message);
    // serde_yaml puts the path in front (`[0].steps: missing field ...`): the place is said
    // by the location instead.
    let phrases = [
        "unknown field ",
        "missing field ",
        "duplicate field ",
        "invalid type: ",
        "invalid value: ",
    ];
    let start = phrases.iter().filter_map(|p| message.find(p)).min()?;
    let message = &message[start..];
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let given = quoted.first().copied().unwrap_or(rest);
        let expected = &quoted[1.min(quoted.len())..];
        let mut at = doc.key_at(&path.key(given));
        if at == doc.at(path) {
            at = doc.key_at(path);
        }
        let problem = Diagnostic::error(at, format!("unknown field `{given}`"))
            .expected(match expected {
                [] => "no fields here".to_string(),
                _ => format!("one of {}", expected.join(", ")),
            })
            .maybe_hint(
                did_you_mean(given, expected.iter().copied())
                    .map(|m| format!("did you mean `{m}`?")),
            );
        return Some(problem);
    }
    if message.starts_with("missing field ") {
        let field = quoted.first().copied().unwrap_or("?");
        let problem =
            Diagnostic::error(doc.at(path), format!("required field `{field}` is missing"))
                .hint(format!("add `{field}:` here"));
        return Some(problem);
    }
    if message.starts_with("duplicate field ") {
        let field = quoted.first().copied().unwrap_or("?");
        return Some(given_twice(doc.at(path), field, None));
    }
    let (found, expected) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))?
        .rsplit_once(", expected ")?;
    Some(wrong_kind(doc.at(path), found, expected))
}

/// A key given twice in one mapping, at `at`; `first_line` is where it is first, when known.
pub(super) fn given_twice(at: Location, key: &str, first_line: Option<usize>) -> Diagnostic {
    let message = match first_line {
        Some(line) => format!("`{key}` is given twice in the same mapping (first at line {line})"),
        None => format!("`{key}` is given twice"),
    };
    Diagnostic::error(at, message)
        .hint("keep one of them; YAML would otherwise silently use only one")
}

/// A value of the wrong kind: `found` and `expected` are serde's words for them.
fn wrong_kind(at: Location, found: &str, expected: &str) -> Diagnostic {
    let wanted = match expected {
        "i64" | "i32" | "u64" | "u32" | "u16" | "u8" | "usize" => "a whole number",
        "f64" | "f32" => "a number",
        "a boolean" => "`true` or `false`",
        "a sequence" => "a list (one item per line, each starting with `- `)",
        "text" | "a string" => "text",
        _ => "`key: value` fields, one per line",
    };
    // serde quotes what it found: `string "95%"`, `integer `5``, `floating point `7.5``.
    let written = match found.split_once(['"', '`']) {
        Some((_, rest)) => rest.trim_end_matches(['"', '`']),
        None => "",
    };
    let given = match found {
        "unit value" => "an empty value".to_string(),
        "sequence" => "a list".to_string(),
        "map" => "a set of `key: value` fields".to_string(),
        _ if written.is_empty() => "this value".to_string(),
        _ => format!("`{written}`"),
    };
    if !wanted.ends_with("number") {
        return Diagnostic::error(
            at,
            format!("{given} is given here, but this needs {wanted}"),
        );
    }
    let problem = Diagnostic::error(at, format!("{given} is not {wanted}"));
    if found.starts_with("string") && written.parse::<f64>().is_ok() {
        return problem.hint(format!(
            "remove the quotes around {written}: quoted, it is text"
        ));
    }
    let figure = figure_in(written);
    match figure.parse::<f64>() {
        Ok(_) if figure != written => problem.hint(format!(
            "write {figure}: no % or £ sign and no thousands commas (the metric's `unit:` says what the figures are)"
        )),
        _ if wanted == "a whole number" => problem.expected("a whole number such as 60"),
        _ => problem.expected("a number such as 95 or 12.5"),
    }
}

/// A figure as written with its unit or thousands commas (`95%`, `£18,000`), without them; a
/// comma not followed by three digits (`1,5`) is kept, since it is not a thousands comma.
fn figure_in(written: &str) -> String {
    let mut figure = String::new();
    for (at, c) in written.char_indices() {
        let digits_after = written[at + c.len_utf8()..]
            .bytes()
            .take_while(u8::is_ascii_digit);
        let thousands = c == ',' && digits_after.count() == 3;
        if !(thousands || matches!(c, '%' | '£' | '$' | '€' | ' ')) {
            figure.push(c);
        }
    }
    figure
}

/// A syntax error, or a document too large to use, at `at`; `message` is the parser's and
/// `line` the text of the line it is on.
pub(super) fn syntax_problem(at: Location, message: &str, line: &str) -> Diagnostic {
    let message = without_positions(message);
    let indent = &line[..line.len() - line.trim_start().len()];
    if indent.contains('\t') {
        return Diagnostic::error(at, "this line is indented with a tab")
            .hint("use spaces, not a tab, to indent");
    }
    if message.contains("limit exceeded") {
        return Diagnostic::error(at, "this file's YAML aliases (`*name`) or nesting expand to far more data than any content needs")
            .hint("write the values out instead of using anchors and aliases");
    }
    if message.contains("more than one document") {
        return Diagnostic::error(at, "this file holds more than one YAML document").hint(
            "a line `---` ends a YAML document: remove it, or start the text after it with `#`",
        );
    }
    Diagnostic::error(at, format!("this is not valid YAML: {message}"))
        .hint("check the indentation, and put text containing `: ` or starting with a special character in quotes")
}

/// A message without serde_yaml's " at line N column M, while parsing ..." that follows
/// what is wrong: plainsight prints the place in front of the message.
fn without_positions(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Location {
        Location::new("f.yaml", 3, 5)
    }

    #[test]
    fn a_figure_written_as_text_says_what_to_write() {
        for (found, expected, said) in [
            ("string \"95%\"", "f64", "`95%` is not a number\n  = help: write 95: no % or £ sign and no thousands commas (the metric's `unit:` says what the figures are)"),
            ("string \"£18,000\"", "f64", "= help: write 18000:"),
            ("string \"1,5\"", "f64", "= expected: a number such as 95 or 12.5"),
            ("string \"about ten\"", "f64", "= expected: a number such as 95 or 12.5"),
            ("string \"95\"", "f64", "= help: remove the quotes around 95"),
            ("floating point `7.5`", "i64", "`7.5` is not a whole number"),
        ] {
            let problem = wrong_kind(at(), found, expected).to_string();
            assert!(problem.contains(said), "{problem}");
        }
    }

    #[test]
    fn no_rust_or_serde_words_reach_the_message() {
        for (found, expected) in [
            ("map", "a sequence"),
            ("sequence", "struct RawTheme"),
            ("integer `3`", "a boolean"),
            ("unit value", "a map"),
        ] {
            let problem = wrong_kind(at(), found, expected).to_string();
            for word in ["struct", "map", "sequence", "f64", "unit value", "Raw"] {
                assert!(!problem.contains(word), "{problem}");
            }
        }
    }

    #[test]
    fn a_tab_used_to_indent_says_to_use_spaces() {
        let problem = syntax_problem(
            at(),
            "found character that cannot start any token",
            "\tstatus: x",
        );
        assert_eq!(
            problem.to_string(),
            "f.yaml:3:5: error: this line is indented with a tab\n  = help: use spaces, not a tab, to indent"
        );
    }
}
