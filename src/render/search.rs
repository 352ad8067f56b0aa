//! Site search with no third-party service and no server: an inverted index built from the
//! model (not by parsing the rendered HTML), split into small JSON files so a search fetches
//! only the few it needs, and read by `assets/search.js` on the search page.
//!
//! - `search/meta.json`: how many documents, how many per chunk, which term shards exist.
//! - `search/terms/<key>.json`: `{term: [doc, weight, doc, weight, ...]}` for every term whose
//!   first two characters give `key`; the client matches query words as prefixes of terms.
//! - `search/docs/<n>.json`: `[[url, title, kind, context, summary], ...]`, documents
//!   `n * DOCS_PER_CHUNK ..` in order.

use crate::output::OutputFile;
use foldhash::HashMap;
use serde_json::json;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Documents per `docs/<n>.json` file.
pub(crate) const DOCS_PER_CHUNK: usize = 500;
/// A word in a title counts this many times a word in the body.
const TITLE_WEIGHT: u32 = 10;
/// Summaries shown under a result are cut to about this many characters.
const SUMMARY_CHARS: usize = 180;

/// One searchable page. Its texts borrow from the model where they can: the index reads
/// every word of every page, and copies of them all were held while it was built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SearchDoc<'a> {
    pub(crate) url: String,
    pub(crate) title: Cow<'a, str>,
    /// What the page is, in words: "Action", "Performance measure", ...
    pub(crate) kind: &'static str,
    /// Where it belongs, e.g. the strategy of an action; may be empty.
    pub(crate) context: Cow<'a, str>,
    /// Plain text shown under the result.
    pub(crate) summary: String,
    /// The texts that are searched (the title and context are searched too; the summary is
    /// not, so it should be among these). Only their words count: not their spacing.
    pub(crate) body: Vec<Cow<'a, str>>,
}

/// The words of `text` as the index and the client both see them: lower case, split at
/// anything that is not a letter, digit or joining hyphen. A hyphenated word such as `DS-04`
/// gives `ds-04` and its parts `ds` and `04`, so either form finds it.
#[cfg(test)]
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |word| out.push(word.to_string()));
    out
}

/// Calls `visit` with each of [`words`]' words in turn, lowering case into one buffer rather
/// than a new string per word (the index reads every word of every page).
fn for_each_word(text: &str, mut visit: impl FnMut(&str)) {
    let mut word = String::new();
    let mut visit_raw = |raw: &str| visit_word(raw, &mut word, &mut visit);
    if text.is_ascii() {
        // Most text: split by bytes, without decoding characters (the same split for ASCII).
        let raws = (text.as_bytes()).split(|b| !(b.is_ascii_alphanumeric() || *b == b'-'));
        raws.for_each(|raw| visit_raw(std::str::from_utf8(raw).unwrap_or_default()));
    } else {
        text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .for_each(visit_raw);
    }
}

/// Visits the word (and, when hyphenated, its parts) of `raw`, a run of letters, digits and
/// hyphens, lowered into `word`.
fn visit_word(raw: &str, word: &mut String, visit: &mut impl FnMut(&str)) {
    let raw = raw.trim_matches('-');
    if raw.is_empty() {
        return;
    }
    word.clear();
    if raw.is_ascii() {
        word.push_str(raw);
        word.make_ascii_lowercase();
    } else {
        word.push_str(&raw.to_lowercase());
    }
    if word.contains('-') {
        for part in word.split('-').filter(|part| !part.is_empty()) {
            visit(part);
        }
    }
    visit(word);
}

/// The shard a term lives in: its first two characters, each a-z or 0-9, anything else `_`.
pub(crate) fn shard_key(term: &str) -> String {
    term.chars()
        .take(2)
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `text` cut at a word boundary to about `SUMMARY_CHARS` characters.
pub(crate) fn summary_of(text: &str) -> String {
    if text.chars().count() <= SUMMARY_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(SUMMARY_CHARS).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Builds the index files for `docs` (kept in the given order: a document's number is its
/// position).
pub(crate) fn index(docs: &[SearchDoc<'_>]) -> Vec<OutputFile> {
    // term -> (doc, weight) pairs. Documents are read in order, so each list is sorted by
    // document without a map per term; terms are sorted at the end, so the output is
    // byte-identical between builds.
    let mut terms: HashMap<String, Vec<(u32, u32)>> = HashMap::default();
    for (number, doc) in docs.iter().enumerate() {
        let number = u32::try_from(number).unwrap_or(u32::MAX);
        let mut add = |text: &str, weight: u32| {
            for_each_word(text, |word| {
                let postings = match terms.get_mut(word) {
                    Some(postings) => postings,
                    None => terms.entry(word.to_string()).or_default(),
                };
                match postings.last_mut() {
                    Some((last, total)) if *last == number => *total = total.saturating_add(weight),
                    _ => postings.push((number, weight)),
                }
            });
        };
        add(&doc.title, TITLE_WEIGHT);
        add(&doc.context, 1);
        for text in &doc.body {
            add(text, 1);
        }
    }
    let mut terms: Vec<(String, Vec<(u32, u32)>)> = terms.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // Each shard's JSON object is written as its terms come, in order: the same text
    // serde_json writes for a map, without building one.
    let mut shards: BTreeMap<String, String> = BTreeMap::new();
    for (term, postings) in terms {
        let shard = shards.entry(shard_key(&term)).or_default();
        shard.push(if shard.is_empty() { '{' } else { ',' });
        shard.push_str(&serde_json::Value::from(term).to_string());
        shard.push_str(":[");
        for (i, (doc, weight)) in postings.into_iter().enumerate() {
            if i > 0 {
                shard.push(',');
            }
            let _ = write!(shard, "{doc},{weight}");
        }
        shard.push(']');
    }
    let mut files = vec![OutputFile {
        path: "search/meta.json".into(),
        bytes: json!({
            "docs": docs.len(),
            "docsPerChunk": DOCS_PER_CHUNK,
            "shards": shards.keys().collect::<Vec<_>>(),
        })
        .to_string()
        .into_bytes(),
    }];
    for (key, mut json) in shards {
        json.push('}');
        files.push(OutputFile {
            path: format!("search/terms/{key}.json"),
            bytes: json.into_bytes(),
        });
    }
    for (n, chunk) in docs.chunks(DOCS_PER_CHUNK).enumerate() {
        let rows: Vec<[&str; 5]> = chunk
            .iter()
            .map(|d| [d.url.as_str(), &*d.title, d.kind, &*d.context, &d.summary])
            .collect();
        files.push(OutputFile {
            path: format!("search/docs/{n}.json"),
            bytes: serde_json::to_vec(&rows).unwrap_or_default(),
        });
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(url: &str, title: &'a str, body: &'a str) -> SearchDoc<'a> {
        SearchDoc {
            url: url.into(),
            title: title.into(),
            kind: "Action",
            context: Cow::Borrowed(""),
            summary: String::new(),
            body: vec![body.into()],
        }
    }

    fn file(files: &[OutputFile], path: &str) -> serde_json::Value {
        let file = files.iter().find(|f| f.path == path).map(|f| &f.bytes);
        serde_json::from_slice(file.map_or(&[][..], |b| b.as_slice())).unwrap_or_default()
    }

    #[test]
    fn hyphenated_ids_are_found_whole_and_by_their_parts() {
        assert_eq!(
            words("Action DS-04: Wi-Fi."),
            ["action", "ds", "04", "ds-04", "wi", "fi", "wi-fi"]
        );
        assert_eq!(words("--- Café —"), ["café"]);
        // ASCII text is split by bytes, other text by characters: the same words either way.
        let ascii = "Wi-Fi (phase 2), e.g. DS-04/ICT_05 -- done; 'CCTV' & 5G+!";
        let accented = format!("{ascii} é");
        assert_eq!(
            [words(ascii), vec!["é".to_string()]].concat(),
            words(&accented)
        );
    }

    #[test]
    fn terms_point_at_documents_with_title_words_weighted() {
        let files = index(&[
            doc("/a/", "Broadband", "schools"),
            doc("/b/", "Schools", ""),
        ]);
        let shard = file(&files, "search/terms/sc.json");
        assert_eq!(shard["schools"], json!([0, 1, 1, TITLE_WEIGHT]));
        assert_eq!(
            file(&files, "search/meta.json")["shards"],
            json!(["br", "sc"])
        );
        assert_eq!(file(&files, "search/docs/0.json")[1][0], "/b/");
    }

    #[test]
    fn non_ascii_terms_go_to_an_underscore_shard() {
        assert_eq!(shard_key("ŵyr"), "_y");
        assert_eq!(shard_key("a"), "a");
    }

    #[test]
    fn long_summaries_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let cut = summary_of(long.trim());
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= SUMMARY_CHARS + 1);
        assert_eq!(summary_of("short."), "short.");
    }
}
