//! A fast reader for the plain shape content files have: block mappings and sequences whose
//! values are plain, quoted or literal-block scalars or one-line flow collections. It gives
//! the events, with the same start positions, that saphyr-parser gives, several times
//! faster, because it need not handle the rest of YAML: for any text that strays from that
//! shape it gives `None`, and saphyr-parser reads the text instead. So a text either reads
//! exactly as saphyr-parser reads it, or is handed to it.
//!
//! Debug builds (the tests and the fuzz targets) check that claim on every text read: the
//! caller compares these events with saphyr-parser's (see `super::yaml`).

use saphyr_parser::{Event, Marker, ScalarStyle, Span};
use std::borrow::Cow;

/// An event and where it starts (what the positions tree records).
pub type Spanned<'a> = (Event<'a>, Span);

/// Where the reader's events go, in order, as it reads them.
pub trait Sink<'a> {
    fn event(&mut self, event: Event<'a>, span: Span);
}

impl<'a> Sink<'a> for Vec<Spanned<'a>> {
    fn event(&mut self, event: Event<'a>, span: Span) {
        self.push((event, span));
    }
}

/// The events of `text`, or `None` when it is not in the shape this reader takes (for the
/// checks of debug builds and the tests; a build reads with [`read`]).
#[cfg(any(debug_assertions, test))]
pub fn events(text: &str) -> Option<Vec<Spanned<'_>>> {
    let mut out = Vec::with_capacity(text.len() / 16);
    read(text, &mut out)?;
    Some(out)
}

/// Gives the events of `text` to `sink` as it reads them, without holding them (for a large
/// file, a list of its events took several times the memory of its text). `None` when the
/// text is not in the shape this reader takes; `sink` may have had some events by then, and
/// should be thrown away.
pub fn read<'a>(text: &'a str, sink: &mut impl Sink<'a>) -> Option<()> {
    if text.contains(['\t', '\r']) {
        return None;
    }
    let lines: Vec<Line> = text
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, raw)| Line::new(i + 1, raw.strip_suffix('\n').unwrap_or(raw)))
        .collect();
    let mut reader = Reader {
        lines,
        next: 0,
        out: sink,
    };
    reader.document()
}

/// Panics when `events` (what [`events`] gave for `text`) differ from saphyr-parser's, in
/// an event or where a node starts. Debug builds call it on every text read.
#[cfg(any(debug_assertions, test))]
pub fn assert_read_as_saphyr_reads(text: &str, events: &[Spanned]) {
    let node_start = |event: &Event, span: &Span| match event {
        Event::Scalar(..) | Event::MappingStart(..) | Event::SequenceStart(..) => {
            Some((span.start.line(), span.start.col()))
        }
        _ => None,
    };
    // saphyr-parser may go on giving the same error for ever: its events up to the first.
    let mut failed = false;
    let saphyr: Vec<_> = saphyr_parser::Parser::new_from_str(text)
        .take_while(|read| !std::mem::replace(&mut failed, read.is_err()))
        .map(|read| read.map(|(event, span)| (node_start(&event, &span), event)))
        .collect();
    let fast: Vec<_> = events
        .iter()
        .map(|(event, span)| Ok((node_start(event, span), event.clone())))
        .collect();
    if saphyr != fast {
        let at = saphyr.iter().zip(&fast).take_while(|(a, b)| a == b).count();
        panic!(
            "the fast YAML reader and saphyr-parser differ on {text:?}: at event {at}, {:?} against saphyr-parser's {:?}",
            fast.get(at),
            saphyr.get(at)
        );
    }
}

#[derive(Clone, Copy)]
struct Line<'a> {
    number: usize,
    indent: usize,
    /// The line after its indentation.
    text: &'a str,
}

impl<'a> Line<'a> {
    fn new(number: usize, raw: &'a str) -> Line<'a> {
        let text = raw.trim_start_matches(' ');
        Line {
            number,
            indent: raw.len() - text.len(),
            text,
        }
    }

    /// Blank or only a comment: skipped between nodes.
    fn is_blank(&self) -> bool {
        self.text.is_empty() || self.text.starts_with('#')
    }

    /// `- ...` or a lone `-`: an entry of a block sequence.
    fn is_entry(&self) -> bool {
        self.text == "-" || self.text.starts_with("- ")
    }

    /// The character column of byte `at` of the line's text.
    fn column(&self, at: usize) -> usize {
        self.indent + self.text[..at].chars().count()
    }
}

fn at(line: usize, column: usize) -> Span {
    let marker = Marker::new(0, line, column);
    Span::new(marker, marker)
}

/// Whether `text` starts with a block mapping key (`name:` then a space or the end), and if so
/// the key and what follows the colon.
fn key_of(text: &str) -> Option<(&str, &str)> {
    let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))?;
    let (key, rest) = text.split_at(end);
    let after = rest.strip_prefix(':')?;
    let starts_well = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    (starts_well && (after.is_empty() || after.starts_with(' '))).then_some((key, after))
}

struct Reader<'a, 's, S> {
    lines: Vec<Line<'a>>,
    /// The first line not yet read.
    next: usize,
    out: &'s mut S,
}

impl<'a, S: Sink<'a>> Reader<'a, '_, S> {
    fn emit(&mut self, event: Event<'a>, line: usize, column: usize) {
        self.out.event(event, at(line, column));
    }

    fn scalar(&mut self, value: Cow<'a, str>, style: ScalarStyle, line: usize, column: usize) {
        self.emit(Event::Scalar(value, style, 0, None), line, column);
    }

    /// Skips blank and comment lines; the next line with content, if any.
    fn peek(&mut self) -> Option<Line<'a>> {
        while self.lines.get(self.next)?.is_blank() {
            self.next += 1;
        }
        self.lines.get(self.next).copied()
    }

    fn document(&mut self) -> Option<()> {
        self.emit(Event::StreamStart, 1, 0);
        self.emit(Event::DocumentStart(false), 1, 0);
        let first = self.peek()?;
        if first.indent != 0 || first.text.starts_with("---") || first.text.starts_with('%') {
            return None;
        }
        if first.is_entry() {
            self.sequence(0, false)?;
        } else {
            self.mapping(0, None)?;
        }
        if self.peek().is_some() {
            return None;
        }
        let end = self.lines.len() + 1;
        self.emit(Event::DocumentEnd, end, 0);
        self.emit(Event::StreamEnd, end, 0);
        Some(())
    }

    /// A block mapping whose keys are at column `indent`. `inline` is its first key when it
    /// starts after a sequence entry's dash: (line index, byte offset in the line's text).
    fn mapping(&mut self, indent: usize, inline: Option<(usize, usize)>) -> Option<()> {
        let mut first = true;
        let mut entry = inline;
        loop {
            let (index, offset) = match entry.take() {
                Some(inline) => inline,
                None => {
                    let Some(line) = self.peek() else { break };
                    if line.indent < indent {
                        break;
                    }
                    if line.indent > indent || line.is_entry() {
                        return None;
                    }
                    (self.next, 0)
                }
            };
            let line = self.lines[index];
            let (number, key_column) = (line.number, line.column(offset));
            let (key, after) = key_of(&line.text[offset..])?;
            let value_offset = line.text.len() - after.trim_start_matches(' ').len();
            if first {
                self.emit(Event::MappingStart(0, None), number, key_column);
                first = false;
            }
            self.scalar(Cow::Borrowed(key), ScalarStyle::Plain, number, key_column);
            self.next = index + 1;
            if after.trim_start_matches(' ').is_empty() {
                if !after.is_empty() {
                    // `key:` then only spaces: saphyr's empty value sits after the spaces.
                    return None;
                }
                self.block_value(indent, number, empty_value_column(&line))?;
            } else {
                self.inline_value(index, value_offset, indent)?;
            }
        }
        if first {
            return None;
        }
        let end = self.peek().map_or(self.lines.len() + 1, |l| l.number);
        self.emit(Event::MappingEnd, end, 0);
        Some(())
    }

    /// The value of a key with nothing after its colon: a block below it, or empty (null).
    fn block_value(&mut self, indent: usize, number: usize, empty_column: usize) -> Option<()> {
        match self.peek() {
            Some(line) if line.indent > indent => {
                let inner = line.indent;
                if line.is_entry() {
                    self.sequence(inner, false)
                } else {
                    self.mapping(inner, None)
                }
            }
            Some(line) if line.indent == indent && line.is_entry() => self.sequence(indent, true),
            _ => {
                self.scalar(Cow::Borrowed(""), ScalarStyle::Plain, number, empty_column);
                Some(())
            }
        }
    }

    /// A block sequence whose dashes are at column `indent`; `indentless` when it is the
    /// value of a key at the same column (saphyr then places it at its first entry's value).
    fn sequence(&mut self, indent: usize, indentless: bool) -> Option<()> {
        let mut first = true;
        while let Some(line) = self.peek() {
            if line.indent < indent || (indentless && !line.is_entry()) {
                break;
            }
            if line.indent > indent || !line.is_entry() {
                return None;
            }
            let index = self.next;
            let after_dash = &line.text[1..];
            let value_offset = 1 + (after_dash.len() - after_dash.trim_start_matches(' ').len());
            if value_offset >= line.text.len() || line.text[value_offset..].starts_with('#') {
                return None;
            }
            if first {
                let column = if indentless {
                    line.column(value_offset)
                } else {
                    indent
                };
                self.emit(Event::SequenceStart(0, None), line.number, column);
                first = false;
            }
            let value = &line.text[value_offset..];
            if value.starts_with("- ") || value == "-" {
                return None;
            }
            if key_of(value).is_some() {
                let column = line.column(value_offset);
                self.mapping(column, Some((index, value_offset)))?;
            } else {
                self.next = index + 1;
                self.inline_value(index, value_offset, indent)?;
            }
        }
        if first {
            return None;
        }
        let end = self.peek().map_or(self.lines.len() + 1, |l| l.number);
        self.emit(Event::SequenceEnd, end, 0);
        Some(())
    }

    /// A value written on its line (after `key: ` or `- `), in a block whose keys or dashes
    /// are at column `indent`; nothing may follow but a comment, and no later line may
    /// continue it.
    fn inline_value(&mut self, index: usize, offset: usize, indent: usize) -> Option<()> {
        let line = self.lines[index];
        let number = line.number;
        let text: &'a str = &line.text[offset..];
        let column = line.column(offset);
        let rest = match text.as_bytes()[0] {
            b'|' => {
                let strip = match text[1..].trim_end_matches(' ') {
                    "" => false,
                    "-" => true,
                    _ => return None,
                };
                return self.literal(indent, strip);
            }
            b'"' => {
                let body = &text[1..];
                let end = body.find('"')?;
                if body[..end].contains('\\') {
                    return None;
                }
                self.scalar(
                    Cow::Borrowed(&body[..end]),
                    ScalarStyle::DoubleQuoted,
                    number,
                    column,
                );
                &body[end + 1..]
            }
            b'\'' => {
                let (value, rest) = single_quoted(&text[1..])?;
                self.scalar(value, ScalarStyle::SingleQuoted, number, column);
                rest
            }
            b'{' | b'[' => {
                let mut flow = Flow {
                    text,
                    at: 0,
                    number,
                    counted: (0, column),
                    out: &mut *self.out,
                };
                flow.collection(0)?;
                &text[flow.at..]
            }
            _ => {
                let (value, rest) = block_plain(text)?;
                self.scalar(Cow::Borrowed(value), ScalarStyle::Plain, number, column);
                rest
            }
        };
        // Only spaces may follow, or a comment after at least one space.
        let trimmed = rest.trim_start_matches(' ');
        if !(trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())) {
            return None;
        }
        // No later line may continue the value (a plain scalar over several lines), and no
        // comment may sit deeper than the block (saphyr and this reader would place it
        // differently).
        let mut look = index + 1;
        while let Some(next) = self.lines.get(look) {
            if next.text.is_empty() {
                look += 1;
                continue;
            }
            if next.indent > indent {
                return None;
            }
            if !next.text.starts_with('#') {
                break;
            }
            look += 1;
        }
        Some(())
    }

    /// A literal block scalar (`|` or `|-`) under a key or dash at column `indent`.
    fn literal(&mut self, indent: usize, strip: bool) -> Option<()> {
        let start = self.next;
        let first = self.lines.get(start)?;
        if first.text.is_empty() || first.indent <= indent {
            return None;
        }
        let (number, content_indent) = (first.number, first.indent);
        let mut value = String::new();
        let mut pending_breaks = 0;
        let mut end = start;
        while let Some(line) = self.lines.get(end) {
            if line.text.is_empty() {
                if line.indent > 0 {
                    // Spaces only: kept or not depending on their number; saphyr decides.
                    return None;
                }
                pending_breaks += 1;
                end += 1;
                continue;
            }
            if line.indent < content_indent {
                if line.indent > indent {
                    return None;
                }
                break;
            }
            if !value.is_empty() {
                value.push('\n');
            }
            for _ in 0..pending_breaks {
                value.push('\n');
            }
            pending_breaks = 0;
            value.extend(std::iter::repeat_n(' ', line.indent - content_indent));
            value.push_str(line.text);
            end += 1;
        }
        if !strip {
            value.push('\n');
        }
        self.next = end;
        self.scalar(
            Cow::Owned(value),
            ScalarStyle::Literal,
            number,
            content_indent,
        );
        Some(())
    }
}

/// Where saphyr-parser places the empty value of a `key:` line with nothing after the
/// colon: at the colon.
fn empty_value_column(line: &Line) -> usize {
    line.indent + line.text.chars().count() - 1
}

/// A plain scalar in block context: up to a comment or the end of the line. `None` when it
/// starts or goes on in a way only saphyr-parser should judge.
fn block_plain(text: &str) -> Option<(&str, &str)> {
    let first = text.chars().next()?;
    let second = text[first.len_utf8()..].chars().next();
    let indicator = matches!(
        first,
        ',' | '['
            | ']'
            | '{'
            | '}'
            | '#'
            | '&'
            | '*'
            | '!'
            | '|'
            | '>'
            | '\''
            | '"'
            | '%'
            | '@'
            | '`'
    );
    if indicator || matches!(first, '?' | ':') || (first == '-' && second.is_none_or(|c| c == ' '))
    {
        return None;
    }
    let end = text.find(" #").unwrap_or(text.len());
    let value = text[..end].trim_end_matches(' ');
    if value.contains(": ") || value.ends_with(':') {
        return None;
    }
    Some((value, &text[value.len()..]))
}

/// A single-quoted scalar's value (`''` is a quote) and what follows its closing quote;
/// `None` when it does not close on this line.
fn single_quoted(body: &str) -> Option<(Cow<'_, str>, &str)> {
    let mut value = String::new();
    let mut rest = body;
    loop {
        let end = rest.find('\'')?;
        value.push_str(&rest[..end]);
        rest = &rest[end + 1..];
        match rest.strip_prefix('\'') {
            Some(after) => {
                value.push('\'');
                rest = after;
            }
            None => break,
        }
    }
    Some((Cow::Owned(value), rest))
}

/// A one-line flow collection of plain words, numbers and quoted strings without escapes,
/// the shape `super::yaml_subset` calls simple.
struct Flow<'a, 'o, S> {
    text: &'a str,
    /// Byte offset of the next character.
    at: usize,
    number: usize,
    /// A byte offset and its character column: events come in order, so each column is
    /// counted on from the last one (counting from the line's start each time made a long
    /// line cost its length squared).
    counted: (usize, usize),
    out: &'o mut S,
}

const MAX_FLOW_DEPTH: usize = 8;

impl<'a, S: Sink<'a>> Flow<'a, '_, S> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start_matches(' ').len();
    }

    fn emit(&mut self, event: Event<'a>, at: usize) {
        let (from, column) = self.counted;
        let column = match self.text.get(from..at) {
            Some(between) => column + between.chars().count(),
            // Never so (events come in order), but a wrong column beats a panic.
            None => column,
        };
        self.counted = (at, column);
        self.out.event(event, self::at(self.number, column));
    }

    fn collection(&mut self, depth: usize) -> Option<()> {
        if depth >= MAX_FLOW_DEPTH {
            return None;
        }
        let (is_map, close) = match self.rest().as_bytes().first()? {
            b'{' => (true, b'}'),
            b'[' => (false, b']'),
            _ => return None,
        };
        let start = self.at;
        self.emit(
            if is_map {
                Event::MappingStart(0, None)
            } else {
                Event::SequenceStart(0, None)
            },
            start,
        );
        self.at += 1;
        self.skip_spaces();
        if self.rest().as_bytes().first() != Some(&close) {
            loop {
                if is_map {
                    self.scalar()?;
                    self.at += self.rest().strip_prefix(": ").map(|_| 2)?;
                    self.skip_spaces();
                }
                if self.rest().starts_with(['{', '[']) {
                    self.collection(depth + 1)?;
                } else {
                    self.scalar()?;
                }
                self.skip_spaces();
                match self.rest().as_bytes().first()? {
                    c if *c == close => break,
                    b',' if self.rest().starts_with(", ") => {
                        self.at += 2;
                        self.skip_spaces();
                    }
                    _ => return None,
                }
            }
        }
        let end = self.at;
        self.at += 1;
        self.emit(
            if is_map {
                Event::MappingEnd
            } else {
                Event::SequenceEnd
            },
            end,
        );
        Some(())
    }

    /// A quoted string without escapes, or a plain scalar of letters, digits, spaces and
    /// `_ - . / + ( ) %` that starts with a letter, digit, `_` or `/` (or a sign or point
    /// before a digit).
    fn scalar(&mut self) -> Option<()> {
        let rest = self.rest();
        let start = self.at;
        let first = rest.chars().next()?;
        if first == '"' || first == '\'' {
            let body = &rest[1..];
            let end = body.find(first)?;
            if body[..end].contains('\\') || body[end + 1..].starts_with(first) {
                return None;
            }
            let style = if first == '"' {
                ScalarStyle::DoubleQuoted
            } else {
                ScalarStyle::SingleQuoted
            };
            self.emit(
                Event::Scalar(Cow::Borrowed(&body[..end]), style, 0, None),
                start,
            );
            self.at += end + 2;
            return Some(());
        }
        let second = rest[first.len_utf8()..].chars().next();
        let starts_well = first.is_alphanumeric()
            || matches!(first, '_' | '/')
            || (matches!(first, '-' | '+' | '.') && second.is_some_and(|c| c.is_ascii_digit()));
        let plain = |c: char| c.is_alphanumeric() || " _-./+()%".contains(c);
        let end = rest.find(|c| !plain(c)).unwrap_or(rest.len());
        let value = rest[..end].trim_end_matches(' ');
        if !starts_well || value.is_empty() {
            return None;
        }
        self.emit(
            Event::Scalar(Cow::Borrowed(value), ScalarStyle::Plain, 0, None),
            start,
        );
        self.at += value.len();
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read by this reader, and as saphyr-parser reads it.
    fn reads_alike(text: &str) {
        let events = events(text).unwrap_or_else(|| panic!("not taken: {text:?}"));
        assert_read_as_saphyr_reads(text, &events);
    }

    #[test]
    fn content_shapes_read_as_saphyr_reads_them() {
        for text in [
            "title: Measure 0\nseries: [{id: a, label: Group A}, {id: b}]\nempty:\nnested:\n  k: v\n  # comment\n  q: \"quoted\"   # trailing\ndata:\n  - {period: \"2020-01\", a: 99}\n  - x\n",
            // A sequence at its key's column starts at its first value; a lone one at its dash.
            "list:\n- id: A\n  steps:\n    - {t: 1}\n- id: B\nlast: 1\n",
            "# lead comment\n\n- id: A-000\n  metrics: [m-1]\n  notes:\n  - x\n  - \"y\"\n- id: B\n",
            // Literal blocks, kept and stripped; single quotes; a negative number; comments.
            "a: 'it''s'\nb: -5\nc: |-\n  one\n\n    two\n\nd: x # c\ne:   spaced  \nf: |\n  kept\n",
            // Empty values sit at their colon, also in a compact mapping and deep down.
            "- id: A-01\n  steps:\n    - steps:\n    - steps:\n    - x\n",
            "a:\n  - b:\n  - c\nurl: https://example.org/a#b\nwhen: 12:30\n",
            "title: Café – naïve ☕\nnote: {label: Déjà vu, n: 1}\n",
        ] {
            reads_alike(text);
        }
    }

    /// Texts made of random lines in content's shapes (and broken ones): whatever this
    /// reader takes, it must read as saphyr-parser does, and it must take a good share.
    #[test]
    fn random_texts_it_takes_read_as_saphyr_reads_them() {
        const INDENTS: [usize; 6] = [0, 0, 2, 2, 4, 6];
        const PIECES: [&str; 42] = [
            "title: Plain words here",
            "id: A-01",
            "due: \"2020-03\"",
            "steps:",
            "- x",
            "- id: B-2",
            "- {period: \"2019-06\", vip: 97.1, standard: 95.4}",
            "-",
            "# a comment",
            "",
            "text: |",
            "text: |-",
            "kept line",
            "  more indented",
            "series: [{id: a, label: Group A}, {id: b}]",
            "metrics: [m-1, m-2]",
            "note: 'it''s'",
            "q: \"quoted\"   # trailing",
            "v: x # comment",
            "empty:   ",
            "n: -5",
            "url: https://example.org/a#b",
            "a: b: c",
            "- - nested",
            "&anchor a: 1",
            "x: *alias",
            "t: >",
            "k: [a, b] tail",
            "when: 12:30",
            "---",
            "{a: 1}",
            "Café: naïve ☕",
            "- key:",
            "-  two spaces",
            "key:    far value",
            "h: \"a # b\"",
            "nest: [{a: [1, 2]}, [x, \"y\"]]",
            "base_url: x.y-z",
            "trailing: spaces   ",
            "#no space comment",
            "- \"quoted entry\" # c",
            "- |",
        ];
        let mut random = crate::test_random::Xorshift::new(0x9E37_79B9_7F4A_7C15);
        let mut next = |below: usize| random.below(below);
        let mut taken = 0;
        for _ in 0..50_000 {
            // Mostly the indentation of the line before, or one step in or out; sometimes any.
            let mut indent = 0usize;
            let text: String = (0..1 + next(8))
                .map(|_| {
                    indent = match next(8) {
                        0 => indent.saturating_sub(2),
                        1 => indent + 2,
                        2 => INDENTS[next(INDENTS.len())],
                        _ => indent,
                    };
                    format!("{}{}\n", " ".repeat(indent), PIECES[next(PIECES.len())])
                })
                .collect();
            if let Some(events) = events(&text) {
                assert_read_as_saphyr_reads(&text, &events);
                taken += 1;
            }
        }
        assert!(taken > 2_000, "only {taken} of 50,000 taken");
    }

    #[test]
    fn other_shapes_are_left_to_saphyr() {
        for text in [
            "",
            "just text\n",
            "a: &x 1\nb: *x\n",
            "a: !tag 1\n",
            "a: >\n  folded\n",
            "a: |+\n  keep\n\n",
            "a: |2\n   indented\n",
            "a: plain\n  over two lines\n",
            "a: \"over\n  two\"\n",
            "a: \"esc\\\"aped\"\n",
            "\"quoted key\": 1\n",
            "a: b: c\n",
            "a:  \n",
            "---\na: 1\n",
            "a: 1\n  # deeper comment\nb: 2\n",
            "- - nested\n",
            "-\n  a: 1\n",
            "a: [1, 2] tail\n",
            "? complex\n: key\n",
            "a:\tb\n",
        ] {
            assert!(events(text).is_none(), "{text:?}");
        }
    }
}
