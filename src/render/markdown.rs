//! Markdown from content to safe HTML: CommonMark with tables, footnotes and strikethrough;
//! headings shifted down one level (the page title is the only h1) and given ids; raw HTML
//! and dangerous links removed by a sanitiser, so content can never run script on the site.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

fn level_number(level: HeadingLevel) -> usize {
    level as usize
}

fn level_of(number: usize) -> HeadingLevel {
    match number {
        0..=1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// An id made from heading text: lowercase words joined by hyphens.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

fn sanitiser() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_generic_attributes(["id"])
            .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
            .link_rel(Some("noopener noreferrer"))
            .id_prefix(None);
        builder
    })
}

/// A link from content under the site's base path when it is site-absolute (`/pages/x/`).
fn rebase<'a>(url: CowStr<'a>, base: &str) -> CowStr<'a> {
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => CowStr::from(format!("{base}{rest}")),
        _ => url,
    }
}

/// Renders Markdown to sanitised HTML. The document's top heading level becomes h2 (the page
/// title is the only h1) and the others keep their relative levels; links and images that
/// start with `/` are put under `base`, the path the site is served from.
pub(crate) fn to_html(markdown: &str, base: &str) -> String {
    if let Some(paragraphs) = plain_paragraphs(markdown) {
        let mut html = String::with_capacity(markdown.len() + 16 * paragraphs.len());
        for lines in paragraphs {
            html.push_str("<p>");
            html.push_str(&lines.join("\n"));
            html.push_str("</p>\n");
        }
        return html;
    }
    let top = Parser::new_ext(markdown, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level_number(level)),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    // `level >= top` for every heading, so this never underflows.
    let shift = |level: HeadingLevel| level_of(level_number(level) + 2 - top);
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut events: Vec<Event> = Vec::new();
    let mut in_heading: Option<(HeadingLevel, usize)> = None;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                in_heading = Some((shift(level), events.len()));
                events.push(Event::Start(Tag::Heading {
                    level: shift(level),
                    id: None,
                    classes,
                    attrs,
                }));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: rebase(dest_url, base),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: rebase(dest_url, base),
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start)) = in_heading.take() {
                    let text: String = events[start..]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let base = slugify(&text);
                    let count = used.entry(base.clone()).or_insert(0);
                    *count += 1;
                    let id = if *count == 1 {
                        base
                    } else {
                        format!("{base}-{count}")
                    };
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                        *slot = Some(CowStr::from(id));
                    }
                    events.push(Event::End(TagEnd::Heading(level)));
                }
            }
            other => events.push(other),
        }
    }
    let mut raw = String::new();
    html::push_html(&mut raw, events.into_iter());
    sanitiser().clean(&raw).to_string()
}

/// The words joined by single spaces.
fn spaced<'a>(words: impl Iterator<Item = &'a str>, capacity: usize) -> String {
    let mut text = String::with_capacity(capacity);
    for word in words {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
    text
}

/// Text with the same words as the Markdown's text, for search: the Markdown itself when it
/// is plain prose (only its spacing differs from [`to_text`]'s, and words do not see
/// spacing), else [`to_text`]. Most text is plain, and is then neither copied nor parsed.
pub(crate) fn words_text(markdown: &str) -> Cow<'_, str> {
    if is_plain(markdown) {
        Cow::Borrowed(markdown)
    } else {
        Cow::Owned(to_text(markdown))
    }
}

/// Markdown as plain text with no markup, e.g. for a description or a summary line.
pub(crate) fn to_text(markdown: &str) -> String {
    if is_plain(markdown) {
        // Plain prose has no tab or other control character, so in ASCII text the only
        // spaces are ' ' and '\n', which the cheaper ASCII split sees just as well.
        return if markdown.is_ascii() {
            spaced(markdown.split_ascii_whitespace(), markdown.len())
        } else {
            spaced(markdown.split_whitespace(), markdown.len())
        };
    }
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The paragraphs of `markdown` (each its lines, trimmed) when it is plain prose that
/// Markdown leaves as it is: no character that can start inline markup (`*_`[]<>&\\|~`), no
/// tab, control character or no-break space, no line ending in a space, and every line
/// starting, after at most three spaces, with a letter (so no heading, list, quote, code,
/// table or rule). Most descriptions and updates are like this, and need no parser or
/// sanitiser: their HTML is the paragraphs as they are.
fn plain_paragraphs(markdown: &str) -> Option<Vec<Vec<&str>>> {
    if !has_no_markup_characters(markdown) {
        return None;
    }
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    let mut in_paragraph = false;
    for line in markdown.split('\n') {
        match plain_line(line)? {
            None => in_paragraph = false,
            Some(text) => {
                match paragraphs.last_mut() {
                    Some(lines) if in_paragraph => lines.push(text),
                    _ => paragraphs.push(vec![text]),
                }
                in_paragraph = true;
            }
        }
    }
    Some(paragraphs)
}

/// Whether `markdown` is plain prose in the sense of [`plain_paragraphs`].
fn is_plain(markdown: &str) -> bool {
    has_no_markup_characters(markdown) && markdown.split('\n').all(|l| plain_line(l).is_some())
}

/// No character that can start inline markup, and no control character (but line breaks)
/// or no-break space. Read byte by byte: in UTF-8, the C1 controls and the no-break space
/// are the only characters written 0xC2 then 0x80 to 0xA0; every other one is harmless.
fn has_no_markup_characters(markdown: &str) -> bool {
    let bytes = markdown.as_bytes();
    let mut from = 0;
    while let Some(at) = bytes[from..]
        .iter()
        .position(|&b| MAYBE_MARKUP[usize::from(b)])
    {
        let at = from + at;
        if bytes[at] != 0xc2 || matches!(bytes.get(at + 1), Some(0x80..=0xa0)) {
            return false;
        }
        from = at + 1;
    }
    true
}

/// The bytes [`has_no_markup_characters`] looks at: markup, controls (but the line feed),
/// and 0xC2, which starts the C1 controls and the no-break space (and harmless characters).
const MAYBE_MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = byte != b'\n' as usize;
        byte += 1;
    }
    let markup = b"*_`[]<>&\\|~";
    let mut i = 0;
    while i < markup.len() {
        table[markup[i] as usize] = true;
        i += 1;
    }
    table[0x7f] = true;
    table[0xc2] = true;
    table
};

/// A line of plain prose: `Some(None)` when blank, `Some(Some(text))` (its leading spaces
/// removed) when it starts with a letter after at most three spaces and does not end in a
/// space, `None` otherwise.
fn plain_line(line: &str) -> Option<Option<&str>> {
    let text = line.trim_start_matches(' ');
    if text.is_empty() {
        return Some(None);
    }
    let starts_with_letter = text.chars().next().is_some_and(char::is_alphabetic);
    (line.len() - text.len() <= 3 && starts_with_letter && !text.ends_with(' '))
        .then_some(Some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_reads_plain_prose_as_it_is_and_other_markdown_as_its_text() {
        let plain = "Refurbish the library\nby March.";
        assert!(matches!(words_text(plain), Cow::Borrowed(text) if text == plain));
        let marked = "**Open** the [library](https://example.org/hours) <b>late</b>";
        assert_eq!(words_text(marked), "Open the library late");
    }

    #[test]
    fn headings_are_shifted_and_get_unique_ids() {
        let html = to_html("# Summary\n\ntext\n\n## Summary\n\n### Café & co\n", "/");
        assert!(html.contains("<h2 id=\"summary\">Summary</h2>"), "{html}");
        assert!(html.contains("<h3 id=\"summary-2\">Summary</h3>"), "{html}");
        assert!(
            html.contains("<h4 id=\"café-co\">Café &amp; co</h4>"),
            "{html}"
        );
    }

    #[test]
    fn tables_and_footnotes_render() {
        let html = to_html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: Note.\n",
            "/",
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<td>1</td>"), "{html}");
        assert!(
            html.contains("<sup><a href=\"#1\""),
            "footnote reference: {html}"
        );
        assert!(html.contains("id=\"1\""), "footnote definition: {html}");
    }

    #[test]
    fn raw_html_and_script_links_are_removed() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<iframe src=x></iframe><style>p{}</style>\n\n[a](javascript:alert(1)) [b](data:text/html,x) <img src=x onerror=alert(1)>\n",
            "/",
        );
        for bad in [
            "<script",
            "alert(1)</",
            "<iframe",
            "<style",
            "javascript:",
            "data:",
            "onerror",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn headings_start_at_h2_whatever_level_the_author_began_with() {
        let html = to_html("## About\n\n### Detail\n\n## More\n", "/");
        assert!(html.contains("<h2 id=\"about\">About</h2>"), "{html}");
        assert!(html.contains("<h3 id=\"detail\">Detail</h3>"), "{html}");
        let deep = to_html("### Only\n", "/");
        assert!(deep.contains("<h2 id=\"only\">Only</h2>"), "{deep}");
    }

    #[test]
    fn site_links_are_put_under_the_base_path() {
        let html = to_html(
            "[about](/pages/about/) [ext](https://x.org/a) [rel](b/) [proto](//cdn.example/x)",
            "/perf/",
        );
        assert!(html.contains("href=\"/perf/pages/about/\""), "{html}");
        assert!(html.contains("href=\"https://x.org/a\""), "{html}");
        assert!(html.contains("href=\"b/\""), "{html}");
        assert!(html.contains("href=\"//cdn.example/x\""), "{html}");
    }

    #[test]
    fn links_get_noopener() {
        let html = to_html("[site](https://example.org)", "/");
        assert!(html.contains("rel=\"noopener noreferrer\""), "{html}");
    }

    /// Random texts of prose, spaces, line breaks and characters Markdown may treat
    /// specially: wherever the plain-prose shortcut is taken, it gives what the parser and
    /// sanitiser give.
    #[test]
    fn plain_prose_shortcut_matches_the_parser() {
        let pieces = [
            "word",
            "Council",
            "café",
            "2024",
            "1.",
            "-",
            "+",
            "#",
            "\"quoted\"",
            "'",
            "!",
            "?",
            ":",
            ";",
            ",",
            ".",
            "(",
            ")",
            "£5",
            "’",
            "=",
            "==",
            "---",
            "*",
            "_",
            "`",
            "[",
            "]",
            "<b>",
            "&amp;",
            "\\",
            "|",
            "~",
            "\t",
            "\u{a0}",
            "http://x.org",
            " ",
            " ",
            "  ",
            "    ",
            "\n",
            "\n",
            "\n\n",
            "\n   ",
            "\n    ",
            "\r\n",
            "é",
            "Ünder",
            "\u{85}",
            "\u{9f}",
            "\u{a1}",
            "¢",
            "\u{7f}",
            "\u{1}",
            "\u{2003}",
        ];
        let mut random = crate::test_random::Xorshift::new(0x2545_F491_4F6C_DD1D);
        let mut next = || random.next_u64();
        let mut taken = 0;
        for _ in 0..20_000 {
            let length = next() % 24;
            let text: String = (0..length)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            if plain_paragraphs(&text).is_none() {
                continue;
            }
            taken += 1;
            let slow_html = {
                let mut raw = String::new();
                html::push_html(&mut raw, Parser::new_ext(&text, options()));
                sanitiser().clean(&raw).to_string()
            };
            assert_eq!(to_html(&text, "/"), slow_html, "HTML of {text:?}");
            let mut slow_text = String::new();
            for event in Parser::new_ext(&text, options()) {
                match event {
                    Event::Text(t) | Event::Code(t) => slow_text.push_str(&t),
                    Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => {
                        slow_text.push(' ')
                    }
                    _ => {}
                }
            }
            let slow_text = slow_text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(to_text(&text), slow_text, "text of {text:?}");
        }
        assert!(taken > 1_000, "only {taken} texts were plain");
    }

    #[test]
    fn plain_text() {
        assert_eq!(
            to_text("**Bold** and `code`\nnext line\n\nPara."),
            "Bold and code next line Para."
        );
    }
}
