//! What each page contributes to site search, taken from the model: its address, title,
//! kind, where it belongs, a summary, and the rest of its words. The order is the site's
//! (strategies, their actions, measures, updates, pages), which is also the order results
//! with equal scores are listed in.

use super::markdown::{to_text, words_text};
use super::search::{summary_of, SearchDoc};
use super::views::Urls;
use crate::model::Content;
use std::borrow::Cow;

/// Every searchable page of the site.
pub(crate) fn documents<'a>(content: &'a Content, urls: &Urls) -> Vec<SearchDoc<'a>> {
    let mut docs = Vec::new();
    for strategy in content.strategies.values() {
        let themes = strategy.themes.iter().map(|t| Cow::from(t.title.as_str()));
        docs.push(SearchDoc {
            url: urls.strategy(&strategy.slug),
            title: Cow::from(strategy.title.as_str()),
            kind: "Strategy",
            context: Cow::from(strategy.owner.as_deref().unwrap_or_default()),
            summary: summary_of(&to_text(&strategy.summary)),
            body: std::iter::once(words_text(&strategy.summary))
                .chain(themes)
                .collect(),
        });
        for action in strategy.actions.iter() {
            let mut body: Vec<Cow<str>> = vec![
                Cow::from(action.id.as_str()),
                Cow::from(action.status.label()),
            ];
            body.extend(action.owner.as_deref().map(words_text));
            body.extend(action.description.as_deref().map(words_text));
            body.extend(action.success_criteria.as_deref().map(words_text));
            body.extend(action.expected_outcome.as_deref().map(words_text));
            body.extend(action.actual_outcome.as_deref().map(words_text));
            body.extend(action.status_note.as_deref().map(words_text));
            body.extend(action.milestones.iter().map(|m| words_text(m)));
            body.extend(action.steps.iter().map(|s| words_text(&s.title)));
            body.extend(action.updates.iter().map(|u| words_text(&u.text)));
            let description = action.description.as_deref().map(to_text);
            docs.push(SearchDoc {
                url: urls.action(&strategy.slug, &action.id),
                title: Cow::Owned(format!("{}: {}", action.id, action.title)),
                kind: "Action",
                context: Cow::from(strategy.title.as_str()),
                summary: summary_of(description.as_deref().unwrap_or_default()),
                body,
            });
        }
    }
    for metric in content.metrics.values() {
        docs.push(SearchDoc {
            url: urls.metric(&metric.slug),
            title: Cow::from(metric.title.as_str()),
            kind: "Performance measure",
            context: Cow::Borrowed(""),
            summary: summary_of(&to_text(&metric.description)),
            body: vec![
                words_text(&metric.description),
                Cow::from(metric.source.as_deref().unwrap_or_default()),
            ],
        });
    }
    for update in content.updates.iter().rev() {
        docs.push(SearchDoc {
            url: urls.update(update),
            title: Cow::from(update.title.as_str()),
            kind: "Update",
            context: Cow::Owned(crate::model::period::date_in_words(update.date)),
            summary: summary_of(&to_text(&update.body)),
            body: vec![
                words_text(&update.body),
                Cow::from(update.committee.as_deref().unwrap_or_default()),
            ],
        });
    }
    for page in content.pages.values() {
        let summary = match page.description.as_deref() {
            Some(description) => summary_of(description),
            None => summary_of(&to_text(&page.body)),
        };
        docs.push(SearchDoc {
            url: urls.page(&page.slug),
            title: Cow::from(page.title.as_str()),
            kind: "Page",
            context: Cow::Borrowed(""),
            summary,
            body: vec![
                Cow::from(page.description.as_deref().unwrap_or_default()),
                words_text(&page.body),
            ],
        });
    }
    docs
}
