//! Whether a YAML text keeps to the subset that saphyr-parser (YAML 1.2, which plainsight's
//! single-pass reader uses) and libyaml (serde_yaml, YAML 1.1) read alike. Fuzzing found
//! the corners where they differ (fuzz/regressions/yaml/); a text outside the subset is read
//! by serde_yaml instead, which only costs time. The checks are deliberately coarse: they
//! admit what content is made of and little else.

/// Whether `text` is inside the subset:
///
/// - no line starts with `...` (a document end marker, after which the two disagree) or `%`
///   (a directive: libyaml rejects ones saphyr skips);
/// - it ends with a line break (a block scalar ending the file without one is read with its
///   last line by one parser and without it by the other);
/// - only printable characters other than tab (libyaml rejects control characters; tabs,
///   NEL, LS and PS are whitespace or line breaks to one and text to the other);
/// - every flow collection (`{...}`, `[...]`) is a simple one on a single line: see
///   [`simple_flow`]. Fuzzing found `{?a: 1}`, `{b:}`, `{a: :b}`, `{a: >b}` and a plain key
///   over two lines inside braces read differently, or rejected by libyaml only.
pub fn suits_fast_path(text: &str) -> bool {
    if !(text.is_empty() || text.ends_with('\n')) || !all_printable(text) {
        return false;
    }
    text.lines().all(|line| {
        if line.starts_with("...") || line.starts_with('%') {
            // A document end marker: libyaml rejects some documents after it that saphyr
            // reads (`...` then `a: 1`); a directive: libyaml rejects ones saphyr skips
            // (`%(`). Content needs neither.
            return false;
        }
        // The first bracket where a node can start opens a flow collection; one after other
        // text (`requests-by[channel`) is part of a plain or block scalar, text to both.
        let mut brackets = (line.bytes().enumerate()).filter(|(_, b)| matches!(b, b'{' | b'['));
        let opening = brackets.find(|&(at, _)| {
            let before = line[..at].trim_end();
            before.is_empty() || before.ends_with(['-', ':', '?', ',', '[', '{'])
        });
        opening.is_none_or(|(at, _)| simple_flow(&line[at..]))
    })
}

/// Whether every character of `text` is a line break or a printable character YAML takes as
/// it is. Mostly ASCII, so bytes are looked at a block at a time first (which the compiler
/// turns into vector instructions); only text with other bytes is looked at character by
/// character.
fn all_printable(text: &str) -> bool {
    let printable_ascii = |b: u8| b == b'\n' || (b' '..=b'~').contains(&b);
    let ascii = text
        .as_bytes()
        .chunks(64)
        .all(|block| block.iter().fold(true, |ok, &b| ok & printable_ascii(b)));
    let printable = |c: char| matches!(c, '\n' | ' '..='~' | '\u{a0}'..='\u{2027}' | '\u{202a}'..='\u{d7ff}' | '\u{e000}'..='\u{fefe}' | '\u{ff00}'..='\u{fffd}' | '\u{10000}'..);
    ascii || text.chars().all(printable)
}

/// Whether `text` is one flow collection followed only by spaces, made of plain words,
/// numbers and quoted strings without escapes: `{period: "2019-04", vip: 96.5}`,
/// `[a-1, b-2]`, `{id: web, label: Face to face}`.
fn simple_flow(text: &str) -> bool {
    let mut rest = text;
    collection(&mut rest, 0) && rest.trim_end_matches(' ').is_empty()
}

/// Deeper than this is not simple (and must not overflow the stack here).
const MAX_DEPTH: usize = 8;

/// Reads one `{...}` or `[...]`, nested `depth` deep, from the start of `rest`.
fn collection(rest: &mut &str, depth: usize) -> bool {
    let (close, is_map) = match rest.chars().next() {
        Some('{') => ('}', true),
        Some('[') => (']', false),
        _ => return false,
    };
    if depth >= MAX_DEPTH {
        return false;
    }
    *rest = rest[1..].trim_start_matches(' ');
    if let Some(after) = rest.strip_prefix(close) {
        *rest = after;
        return true;
    }
    loop {
        if is_map {
            if !scalar(rest) {
                return false;
            }
            match rest.strip_prefix(": ") {
                Some(after) => *rest = after.trim_start_matches(' '),
                None => return false,
            }
        }
        let value_read = if rest.starts_with(['{', '[']) {
            collection(rest, depth + 1)
        } else {
            scalar(rest)
        };
        if !value_read {
            return false;
        }
        *rest = rest.trim_start_matches(' ');
        if let Some(after) = rest.strip_prefix(close) {
            *rest = after;
            return true;
        }
        match rest.strip_prefix(", ") {
            Some(after) => *rest = after.trim_start_matches(' '),
            None => return false,
        }
    }
}

/// Reads a quoted string without escapes, or a plain scalar that starts with a letter, a
/// digit, `_` or `/` (or a sign or point before a digit) and holds only letters, digits, spaces and
/// `_ - . / + ( ) %`.
fn scalar(rest: &mut &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some(quote @ ('"' | '\'')) => {
            let body = &rest[1..];
            match body.find(quote) {
                Some(end) if !body[..end].contains('\\') && !body[end + 1..].starts_with(quote) => {
                    *rest = &body[end + 1..];
                    true
                }
                _ => false,
            }
        }
        Some(first) => {
            let starts_well = first.is_alphanumeric()
                || matches!(first, '_' | '/')
                || (matches!(first, '-' | '+' | '.')
                    && chars.next().is_some_and(|c| c.is_ascii_digit()));
            let plain = |c: char| c.is_alphanumeric() || " _-./+()%".contains(c);
            let end = rest.find(|c| !plain(c)).unwrap_or(rest.len());
            // Spaces before `, ` or the closing bracket are not part of the scalar.
            let scalar = rest[..end].trim_end_matches(' ');
            *rest = &rest[scalar.len()..];
            // saphyr-parser reads ` -` inside a flow scalar as the start of another one, and
            // rejects `report -,` where libyaml reads `report -` (fuzzing found it).
            starts_well && end > 0 && !scalar.contains(" -")
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flow_collections_content_uses_are_simple() {
        for text in [
            "{period: \"2019-04\", vip: 96.5, standard: 95.3}",
            "{id: face_to_face, label: Face to face}",
            "[requests-by-channel, payments-by-channel]",
            "{value: 95, from: '2017-08'}",
            "[]",
            "{a: [1, 2], b: {c: -0.5}}",
            "[a, b]   ",
            "{title: About, url: /pages/about/}",
        ] {
            assert!(simple_flow(text), "{text:?}");
        }
    }

    #[test]
    fn anything_else_in_braces_is_not() {
        for text in [
            "{?a: 1}",
            "{b:}",
            "{a: :b\"}",
            "{a: 1, >>>b: 2}",
            "{a: b",
            "{a: b} # note",
            "{a: \"x\\\"y\"}",
            "{a: 'it''s'}",
            "{a:b}",
            "[a,b]",
            "{a: b}, c",
            "{a: b: c}",
            "[dev-2017, reported in report -, next]",
            "[a -b]",
            &format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        ] {
            assert!(!simple_flow(text), "{text:?}");
        }
    }

    #[test]
    fn brackets_inside_text_are_left_alone() {
        assert!(suits_fast_path(
            "description: See the [summary](/s/) for more.\n"
        ));
        assert!(suits_fast_path("a: |\n  text with {braces}\n"));
        assert!(!suits_fast_path("a: {b\n  c: d}\n"));
        assert!(!suits_fast_path("- [a, b\n"));
        assert!(!suits_fast_path("a-b[c: {d\": e\", f: g:? :h}\n"));
    }
}
