//! Atom feeds (RFC 4287): one writer for the record of changes and for updates.

use super::escape_xml as esc;

/// A feed's own details.
pub(crate) struct Feed<'a> {
    pub(crate) title: String,
    /// The page the feed mirrors (absolute).
    pub(crate) page: String,
    /// The feed's own address (absolute).
    pub(crate) self_url: String,
    pub(crate) author: &'a str,
}

/// One entry; `html` is escaped into the content element.
pub(crate) struct Entry {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) link: String,
    /// RFC 3339, e.g. `2020-02-04T12:00:00Z`.
    pub(crate) updated: String,
    pub(crate) html: String,
}

/// Writes the feed; `updated` is the newest entry's time (or the epoch for an empty feed, so
/// the output never depends on the clock).
pub(crate) fn atom(feed: &Feed, entries: &[Entry]) -> String {
    let updated = entries
        .iter()
        .map(|e| e.updated.as_str())
        .max()
        .unwrap_or("1970-01-01T00:00:00Z");
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!("  <title>{}</title>\n", esc(&feed.title)));
    xml.push_str(&format!("  <id>{}</id>\n", esc(&feed.page)));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        esc(&feed.self_url)
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        esc(&feed.page)
    ));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        esc(feed.author)
    ));
    for e in entries {
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", esc(&e.title)));
        xml.push_str(&format!("    <id>{}</id>\n", esc(&e.id)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            esc(&e.link)
        ));
        xml.push_str(&format!("    <updated>{}</updated>\n", esc(&e.updated)));
        xml.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            esc(&e.html)
        ));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
