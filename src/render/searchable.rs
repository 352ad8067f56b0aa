//! What each page contributes to site search, taken from the model: its address, title,
//! kind, where it belongs, a summary, and the rest of its words. The order is the site's
//! (strategies, their actions, measures, updates, pages), which is also the order results
//! with equal scores are listed in.

use super::markdown::to_text;
use super::search::{summary_of, SearchDoc};
use super::views::Urls;
use crate::model::Content;

/// Every searchable page of the site.
pub fn documents(content: &Content, urls: &Urls) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    for strategy in content.strategies.values() {
        let summary = to_text(&strategy.summary);
        let themes: Vec<&str> = strategy.themes.iter().map(|t| t.title.as_str()).collect();
        docs.push(SearchDoc {
            url: urls.strategy(&strategy.slug),
            title: strategy.title.clone(),
            kind: "Strategy",
            context: strategy.owner.clone().unwrap_or_default(),
            summary: summary_of(&summary),
            body: [summary.as_str(), &themes.join(" ")].join(" "),
        });
        for action in strategy.actions.iter() {
            let mut body: Vec<&str> = vec![&action.id, action.status.label()];
            body.extend(action.owner.as_deref());
            body.extend(action.description.as_deref());
            body.extend(action.success_criteria.as_deref());
            body.extend(action.expected_outcome.as_deref());
            body.extend(action.actual_outcome.as_deref());
            body.extend(action.status_note.as_deref());
            body.extend(action.milestones.iter().map(String::as_str));
            body.extend(action.steps.iter().map(|s| s.title.as_str()));
            body.extend(action.updates.iter().map(|u| u.text.as_str()));
            let description = action.description.as_deref().map(to_text);
            docs.push(SearchDoc {
                url: urls.action(&strategy.slug, &action.id),
                title: format!("{}: {}", action.id, action.title),
                kind: "Action",
                context: strategy.title.clone(),
                summary: summary_of(description.as_deref().unwrap_or_default()),
                body: to_text(&body.join("\n\n")),
            });
        }
    }
    for metric in content.metrics.values() {
        let description = to_text(&metric.description);
        docs.push(SearchDoc {
            url: urls.metric(&metric.slug),
            title: metric.title.clone(),
            kind: "Performance measure",
            context: String::new(),
            summary: summary_of(&description),
            body: [
                description.as_str(),
                metric.source.as_deref().unwrap_or_default(),
            ]
            .join(" "),
        });
    }
    for update in content.updates.iter().rev() {
        let body = to_text(&update.body);
        docs.push(SearchDoc {
            url: urls.update(update),
            title: update.title.clone(),
            kind: "Update",
            context: crate::model::period::date_in_words(update.date),
            summary: summary_of(&body),
            body: [
                body.as_str(),
                update.committee.as_deref().unwrap_or_default(),
            ]
            .join(" "),
        });
    }
    for page in content.pages.values() {
        let body = to_text(&page.body);
        docs.push(SearchDoc {
            url: urls.page(&page.slug),
            title: page.title.clone(),
            kind: "Page",
            context: String::new(),
            summary: summary_of(page.description.as_deref().unwrap_or(&body)),
            body: [page.description.as_deref().unwrap_or_default(), &body].join(" "),
        });
    }
    docs
}
