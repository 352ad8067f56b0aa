//! Reading single fields of a YAML document into model values, reporting each bad one at its
//! own line and column: required text, statuses, due dates, periods, dates, closed
//! vocabularies, slugs and ids.

use super::raw::Text;
use super::yaml::{YamlDoc, YamlPath};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::keyword::Keyword;
use crate::model::period::{Due, Period, PeriodKind, DUE_FORMS, PERIOD_FORMS};
use crate::model::status::Status;
use crate::model::strategy::Located;
use chrono::NaiveDate;

/// The longest slug or id accepted: it becomes a folder name.
const MAX_ID_LEN: usize = 80;

/// What characters an identifier may use; every one of them ends up in a URL and a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdRule {
    /// Lowercase letters, digits and hyphens: strategy, metric, page and theme slugs.
    Slug,
    /// Letters, digits and hyphens: action ids such as `DS-04`.
    ActionId,
    /// Lowercase letters, digits, hyphens and underscores: series ids such as `face_to_face`.
    SeriesId,
}

impl IdRule {
    fn allows(self, c: char) -> bool {
        match self {
            IdRule::Slug => c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-',
            IdRule::ActionId => c.is_ascii_alphanumeric() || c == '-',
            IdRule::SeriesId => {
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
            }
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            IdRule::Slug => "lowercase letters a-z, digits and hyphens, e.g. `digital-2017-20`",
            IdRule::ActionId => "letters, digits and hyphens, e.g. `DS-04`",
            IdRule::SeriesId => {
                "lowercase letters, digits, hyphens and underscores, e.g. `face_to_face`"
            }
        }
    }

    /// Whether `text` is a safe identifier under this rule.
    pub(crate) fn check(self, text: &str) -> bool {
        !text.is_empty()
            && text.len() <= MAX_ID_LEN
            && text.chars().all(|c| self.allows(c))
            && !text.starts_with('-')
            && !text.ends_with('-')
    }

    /// A safe identifier close to `text`, for a did-you-mean.
    pub(crate) fn suggest(self, text: &str) -> Option<String> {
        let mut out = String::new();
        for c in text.trim().chars() {
            let c = if self == IdRule::ActionId {
                c
            } else {
                c.to_ascii_lowercase()
            };
            if self.allows(c) {
                out.push(c);
            } else if (c.is_whitespace() || c == '_' || c == '.' || c == '/') && !out.ends_with('-')
            {
                out.push('-');
            }
        }
        let out = out.trim_matches('-').to_string();
        (self.check(&out) && out != text).then_some(out)
    }
}

/// Reads fields of one YAML document, pushing a diagnostic for every bad one.
pub(crate) struct Fields<'a> {
    pub(crate) doc: &'a YamlDoc,
    pub(crate) diags: &'a mut Diagnostics,
}

fn non_empty(text: Option<&Text>) -> Option<String> {
    text.map(|t| t.as_str().trim())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

impl Fields<'_> {
    pub(crate) fn error(&mut self, path: &YamlPath, message: impl Into<String>) -> &mut Diagnostic {
        self.diags
            .push_mut(Diagnostic::error(self.doc.at(path), message))
    }

    /// Optional text; blank counts as absent.
    pub(crate) fn text(&self, value: Option<&Text>) -> Option<String> {
        non_empty(value)
    }

    /// Required text: missing or blank is an error at the mapping or the key.
    pub(crate) fn required(
        &mut self,
        value: Option<&Text>,
        parent: &YamlPath,
        field: &str,
    ) -> Option<String> {
        let text = non_empty(value);
        if text.is_none() {
            let path = parent.key(field);
            let message = if value.is_some() || self.doc.has_key(&path) {
                format!("`{field}` is empty, but it is required")
            } else {
                format!("required field `{field}` is missing")
            };
            let at = if self.doc.has_key(&path) {
                path
            } else {
                parent.clone()
            };
            self.error(&at, message).hint = Some(format!("add `{field}: ...` with a value"));
        }
        text
    }

    /// A status word from the closed vocabulary.
    pub(crate) fn status(&mut self, value: &Text, path: &YamlPath) -> Option<Status> {
        match Status::parse(value.as_str()) {
            Ok(status) => Some(status),
            Err(near) => {
                let d = self.error(path, format!("unknown status `{}`", value.as_str()));
                d.expected = Some(format!("one of {}", Status::accepted()));
                d.hint = Some(match near {
                    Some(s) => format!(
                        "did you mean `{}`? Keep the original wording in `status_note`",
                        s.key()
                    ),
                    None => "keep the original wording in `status_note`".to_string(),
                });
                None
            }
        }
    }

    pub(crate) fn due(&mut self, value: Option<&Text>, path: &YamlPath) -> Option<Due> {
        let value = non_empty(value)?;
        match Due::parse(&value) {
            Ok(due) => Some(due),
            Err(error) => {
                let d = self.error(path, format!("due date {}", error.message));
                d.expected = Some(DUE_FORMS.to_string());
                d.hint = error.hint;
                None
            }
        }
    }

    /// A period; with `kind`, it must be of that kind (a metric's frequency).
    pub(crate) fn period(
        &mut self,
        value: &str,
        path: &YamlPath,
        kind: Option<PeriodKind>,
    ) -> Option<Period> {
        match Period::parse(value) {
            Ok(period) => match kind {
                Some(kind) if period.kind() != kind => {
                    let d = self.error(
                        path,
                        format!("period `{value}` does not match the metric's frequency"),
                    );
                    d.expected = Some(format!("a period written {}", kind.form()));
                    None
                }
                _ => Some(period),
            },
            Err(error) => {
                let d = self.error(path, format!("period {}", error.message));
                d.expected = Some(PERIOD_FORMS.to_string());
                d.hint = error.hint;
                None
            }
        }
    }

    /// A calendar date, `YYYY-MM-DD`.
    pub(crate) fn date(&mut self, value: Option<&Text>, path: &YamlPath) -> Option<NaiveDate> {
        let text = non_empty(value)?;
        match Period::parse(&text) {
            Ok(Period::Day(date)) => Some(date),
            _ => {
                let d = self.error(path, format!("`{text}` is not a date"));
                d.expected = Some("a date written YYYY-MM-DD, e.g. 2019-12-31".to_string());
                d.hint = crate::model::period::suggest_for_free_text(&text)
                    .filter(|s| s.len() == 10)
                    .map(|s| format!("did you mean `{s}`?"));
                None
            }
        }
    }

    /// A word from a closed vocabulary; `what` names it in the message ("unit").
    pub(crate) fn keyword<K: Keyword>(
        &mut self,
        value: Option<&Text>,
        path: &YamlPath,
        what: &str,
    ) -> Option<K> {
        let text = non_empty(value)?;
        match K::parse(&text) {
            Ok(k) => Some(k),
            Err(near) => {
                let d = self.error(path, format!("unknown {what} `{text}`"));
                d.expected = Some(format!("one of {}", K::accepted()));
                d.hint = near.map(|n| format!("did you mean `{n}`?"));
                None
            }
        }
    }

    /// An identifier that will become part of a URL; `what` names it ("theme id").
    pub(crate) fn id(&mut self, text: &str, path: &YamlPath, rule: IdRule, what: &str) -> bool {
        if rule.check(text) {
            return true;
        }
        let d = self.error(
            path,
            format!(
                "{what} `{}` cannot be used in a web address",
                text.escape_debug()
            ),
        );
        d.expected = Some(rule.describe().to_string());
        d.hint = rule.suggest(text).map(|s| format!("did you mean `{s}`?"));
        false
    }

    /// A list of references to other things by slug, each with its place.
    pub(crate) fn references(
        &mut self,
        values: &[Text],
        parent: &YamlPath,
        field: &str,
    ) -> Vec<Located<String>> {
        values
            .iter()
            .enumerate()
            .filter_map(|(i, value)| {
                let path = parent.key(field).index(i);
                let text = value.as_str().trim().to_string();
                self.id(&text, &path, IdRule::Slug, "reference")
                    .then(|| Located {
                        value: text,
                        at: self.doc.at(&path),
                    })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        assert!(IdRule::Slug.check("digital-2017-20"));
        for bad in [
            "",
            "Digital",
            "a b",
            "../etc",
            "a/b",
            "-a",
            "a-",
            "caf\u{e9}",
            "a\u{200b}b",
            "a.b",
        ] {
            assert!(!IdRule::Slug.check(bad), "{bad:?}");
        }
        assert!(!IdRule::Slug.check(&"a".repeat(81)));
    }

    #[test]
    fn action_ids_allow_capitals_and_series_ids_underscores() {
        assert!(IdRule::ActionId.check("DS-04"));
        assert!(!IdRule::ActionId.check("DS 04"));
        assert!(!IdRule::ActionId.check("DS_04"));
        assert!(IdRule::SeriesId.check("face_to_face"));
    }

    #[test]
    fn suggestions_turn_names_into_safe_ids() {
        assert_eq!(
            IdRule::Slug.suggest("Digital Strategy"),
            Some("digital-strategy".into())
        );
        assert_eq!(IdRule::ActionId.suggest("DS 04"), Some("DS-04".into()));
        assert_eq!(IdRule::Slug.suggest("../../etc"), Some("etc".into()));
        assert_eq!(IdRule::Slug.suggest("***"), None);
    }
}
