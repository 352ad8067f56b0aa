//! Loading Markdown documents with front matter: updates (`updates/<date>-<slug>.md`) and
//! free pages (`pages/<slug>.md`).

use super::fields::Fields;
use super::raw::{RawPage, RawUpdate};
use super::yaml::{YamlDoc, YamlPath};
use crate::diag::Diagnostics;
use crate::model::{Page, Update};
use chrono::NaiveDate;

/// Reads an update; `file_date` and `slug` come from its file name.
pub(crate) fn load_update(
    file_date: NaiveDate,
    slug: &str,
    doc: &YamlDoc,
    body: &str,
    diags: &mut Diagnostics,
) -> Option<Update> {
    let root = YamlPath::root();
    let raw: RawUpdate = doc.read(diags)?;
    let mut f = Fields { doc, diags };
    let title = f.required(raw.title.as_ref(), &root, "title");
    if let Some(date) = f.date(raw.date.as_ref(), &root.key("date")) {
        if date != file_date {
            let d = f.error(
                &root.key("date"),
                format!("the date {date} differs from the date in the file name, {file_date}"),
            );
            d.hint = Some("make them the same: the file name sets the page's address".to_string());
        }
    }
    Some(Update {
        slug: slug.to_string(),
        date: file_date,
        title: title?,
        committee: f.text(raw.committee.as_ref()),
        reference: f.text(raw.reference.as_ref()),
        strategies: f.references(&raw.strategies, &root, "strategies"),
        metrics: f.references(&raw.metrics, &root, "metrics"),
        body: body.to_string(),
        at: doc.at(&root),
    })
}

/// Reads a free page.
pub(crate) fn load_page(
    slug: &str,
    doc: &YamlDoc,
    body: &str,
    diags: &mut Diagnostics,
) -> Option<Page> {
    let root = YamlPath::root();
    let raw: RawPage = doc.read(diags)?;
    let mut f = Fields { doc, diags };
    let title = f.required(raw.title.as_ref(), &root, "title");
    Some(Page {
        slug: slug.to_string(),
        title: title?,
        description: f.text(raw.description.as_ref()),
        body: body.to_string(),
        at: doc.at(&root),
    })
}
