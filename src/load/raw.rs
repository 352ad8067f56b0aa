//! Raw types: exactly what a content file may say, field for field.
//!
//! Every struct denies unknown fields, so a typo is an error rather than a silently missing
//! value. Words from closed vocabularies (status, unit, ...) and dates stay text here: the
//! loader reads them, so that every bad one in a file is reported, each at its own line.

use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

/// A scalar read as text. YAML reads `2019` as a number and `2019-12` as text; both are
/// plain text to a person, so both are accepted wherever text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Text {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSite {
    pub(crate) title: Option<Text>,
    pub(crate) organisation: Option<Text>,
    pub(crate) description: Option<Text>,
    pub(crate) base_url: Option<Text>,
    pub(crate) language: Option<Text>,
    pub(crate) licence: Option<Text>,
    pub(crate) as_of: Option<Text>,
    pub(crate) reporting_cycle: Option<Text>,
    pub(crate) rag: Option<RawRag>,
    pub(crate) theme: Option<Text>,
    #[serde(default)]
    pub(crate) navigation: Vec<RawNavLink>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRag {
    pub(crate) due_soon_days: Option<i64>,
    pub(crate) rule: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNavLink {
    pub(crate) title: Text,
    pub(crate) url: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPeriodRange {
    pub(crate) start: Text,
    pub(crate) end: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStrategy {
    pub(crate) title: Option<Text>,
    /// `2017/20`, or `{start: 2017-06, end: 2020-03}` (a [`RawPeriodRange`]).
    pub(crate) period: Option<serde_yaml::Value>,
    pub(crate) approved: Option<RawApproval>,
    pub(crate) owner: Option<Text>,
    #[serde(default)]
    pub(crate) themes: Vec<RawTheme>,
    #[serde(default)]
    pub(crate) related: Vec<Text>,
    pub(crate) review: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawApproval {
    pub(crate) by: Option<Text>,
    pub(crate) on: Option<Text>,
    #[serde(rename = "ref")]
    pub(crate) reference: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTheme {
    pub(crate) id: Option<Text>,
    pub(crate) title: Option<Text>,
    pub(crate) description: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAction {
    pub(crate) id: Option<Text>,
    pub(crate) theme: Option<Text>,
    pub(crate) title: Option<Text>,
    pub(crate) description: Option<Text>,
    #[serde(default)]
    pub(crate) milestones: Vec<Text>,
    pub(crate) success_criteria: Option<Text>,
    pub(crate) owner: Option<Text>,
    pub(crate) due: Option<Text>,
    pub(crate) status: Option<Text>,
    pub(crate) status_note: Option<Text>,
    pub(crate) resources: Option<Text>,
    pub(crate) expected_outcome: Option<Text>,
    pub(crate) actual_outcome: Option<Text>,
    #[serde(default)]
    pub(crate) metrics: Vec<Text>,
    #[serde(default)]
    pub(crate) steps: Vec<RawStep>,
    #[serde(default)]
    pub(crate) updates: Vec<RawActionUpdate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStep {
    pub(crate) title: Option<Text>,
    pub(crate) description: Option<Text>,
    pub(crate) owner: Option<Text>,
    pub(crate) due: Option<Text>,
    pub(crate) status: Option<Text>,
    pub(crate) status_note: Option<Text>,
    pub(crate) update: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawActionUpdate {
    pub(crate) date: Option<Text>,
    pub(crate) status: Option<Text>,
    pub(crate) due: Option<Text>,
    pub(crate) text: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMetric {
    pub(crate) title: Option<Text>,
    pub(crate) description: Option<Text>,
    pub(crate) unit: Option<Text>,
    pub(crate) direction: Option<Text>,
    pub(crate) frequency: Option<Text>,
    #[serde(default)]
    pub(crate) series: Vec<RawSeries>,
    #[serde(default)]
    pub(crate) targets: Vec<RawTarget>,
    pub(crate) chart: Option<Text>,
    pub(crate) source: Option<Text>,
    #[serde(default)]
    pub(crate) headline: bool,
    /// Rows of `{period: ..., <series id>: value, ...}`; checked by the loader, since the
    /// keys are the metric's own series ids.
    #[serde(default)]
    pub(crate) data: Vec<BTreeMap<String, serde_yaml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSeries {
    pub(crate) id: Option<Text>,
    pub(crate) label: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTarget {
    pub(crate) value: Option<f64>,
    pub(crate) from: Option<Text>,
    pub(crate) to: Option<Text>,
    pub(crate) series: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSnapshot {
    pub(crate) title: Option<Text>,
    /// Metric slug -> `{period: ..., <series id>: value, ...}`.
    #[serde(default)]
    pub(crate) values: BTreeMap<String, BTreeMap<String, serde_yaml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUpdate {
    pub(crate) title: Option<Text>,
    pub(crate) date: Option<Text>,
    pub(crate) committee: Option<Text>,
    #[serde(rename = "ref")]
    pub(crate) reference: Option<Text>,
    #[serde(default)]
    pub(crate) strategies: Vec<Text>,
    #[serde(default)]
    pub(crate) metrics: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPage {
    pub(crate) title: Option<Text>,
    pub(crate) description: Option<Text>,
}
