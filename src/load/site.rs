//! Loading `content/site.yaml` into [`Site`].

use super::fields::Fields;
use super::raw::RawSite;
use super::yaml::{YamlDoc, YamlPath};
use crate::diag::Diagnostics;
use crate::model::schedule::RagRule;
use crate::model::site::{NavLink, ReportingCycle, Site};

/// The licence a site states when site.yaml names none.
pub(crate) const DEFAULT_LICENCE: &str = "OGL-UK-3.0";

pub(crate) fn load_site(doc: &YamlDoc, diags: &mut Diagnostics) -> Option<Site> {
    let root = YamlPath::root();
    let raw: RawSite = doc.read(diags)?;
    let mut f = Fields { doc, diags };
    let title = f.required(raw.title.as_ref(), &root, "title");
    let organisation = f.required(raw.organisation.as_ref(), &root, "organisation");
    let as_of = f.date(raw.as_of.as_ref(), &root.key("as_of"));
    let reporting_cycle = f
        .keyword::<ReportingCycle>(
            raw.reporting_cycle.as_ref(),
            &root.key("reporting_cycle"),
            "reporting cycle",
        )
        .unwrap_or_default();
    let rag_path = root.key("rag");
    let (due_soon_days, rag_rule) = match &raw.rag {
        Some(rag) => {
            let days = rag.due_soon_days.unwrap_or(60);
            if !(0..=3660).contains(&days) {
                f.error(
                    &rag_path.key("due_soon_days"),
                    format!("`due_soon_days` is {days}"),
                )
                .expected = Some("a number of days from 0 to 3660".to_string());
            }
            let rule = f
                .keyword::<RagRule>(rag.rule.as_ref(), &rag_path.key("rule"), "RAG rule")
                .unwrap_or_default();
            (days, rule)
        }
        None => (60, RagRule::default()),
    };
    let base_url = f
        .text(raw.base_url.as_ref())
        .unwrap_or_else(|| "/".to_string());
    if !(base_url.starts_with("https://")
        || base_url.starts_with("http://")
        || base_url.starts_with('/'))
    {
        let d = f.error(
            &root.key("base_url"),
            format!("`{base_url}` is not a web address"),
        );
        d.expected = Some("an address starting https:// (or / for a site at the root)".to_string());
    }
    let language = f
        .text(raw.language.as_ref())
        .unwrap_or_else(|| "en-GB".to_string());
    if !is_language_tag(&language) {
        let d = f.error(
            &root.key("language"),
            format!("`{language}` is not a language tag"),
        );
        d.expected = Some("a BCP 47 language tag such as en-GB or cy".to_string());
    }
    let theme = f.text(raw.theme.as_ref());
    if let Some(name) = &theme {
        f.id(
            name,
            &root.key("theme"),
            super::fields::IdRule::Slug,
            "theme name",
        );
    }
    let navigation = raw
        .navigation
        .iter()
        .enumerate()
        .filter_map(|(index, link)| {
            let url = link.url.as_str().trim();
            if !is_safe_link(url) {
                let d = f.error(
                    &root.key("navigation").index(index).key("url"),
                    format!("`{url}` cannot be used as a link"),
                );
                d.expected = Some(
                    "an address starting https://, http://, mailto: or / (a page of this site)"
                        .to_string(),
                );
                return None;
            }
            Some(NavLink {
                title: link.title.as_str().to_string(),
                url: url.to_string(),
            })
        })
        .collect();
    Some(Site {
        title: title?,
        organisation: organisation?,
        description: f.text(raw.description.as_ref()),
        base_url,
        language,
        licence: f
            .text(raw.licence.as_ref())
            .unwrap_or_else(|| DEFAULT_LICENCE.to_string()),
        as_of,
        reporting_cycle,
        due_soon_days,
        rag_rule,
        theme,
        navigation,
        at: doc.at(&root),
    })
}

/// A loose BCP 47 check: letters, digits and hyphens, starting with a 2-3 letter language.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language_ok = parts
        .next()
        .is_some_and(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()));
    language_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Whether a link from content may go into a page: web and mail addresses and paths on this
/// site only; never `javascript:`, `data:` or another scheme that could run code.
fn is_safe_link(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        || (url.starts_with('/') && !url.starts_with("//"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn language_tags() {
        assert!(super::is_language_tag("en-GB"));
        assert!(super::is_language_tag("cy"));
        assert!(!super::is_language_tag("English"));
        assert!(!super::is_language_tag("en_GB"));
    }

    #[test]
    fn only_web_mail_and_site_links_are_safe() {
        for safe in [
            "https://example.org/",
            "HTTP://x",
            "mailto:a@b.c",
            "/pages/about/",
        ] {
            assert!(super::is_safe_link(safe), "{safe}");
        }
        for unsafe_link in [
            "javascript:alert(1)",
            "JavaScript:x",
            "data:text/html,x",
            "//evil.example",
            "vbscript:x",
            "about",
        ] {
            assert!(!super::is_safe_link(unsafe_link), "{unsafe_link}");
        }
    }
}
