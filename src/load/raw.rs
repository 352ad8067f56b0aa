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
pub struct Text(pub String);

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
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: Option<Text>,
    pub organisation: Option<Text>,
    pub description: Option<Text>,
    pub base_url: Option<Text>,
    pub language: Option<Text>,
    pub licence: Option<Text>,
    pub as_of: Option<Text>,
    pub reporting_cycle: Option<Text>,
    pub rag: Option<RawRag>,
    pub theme: Option<Text>,
    #[serde(default)]
    pub navigation: Vec<RawNavLink>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRag {
    pub due_soon_days: Option<i64>,
    pub rule: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNavLink {
    pub title: Text,
    pub url: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPeriodRange {
    pub start: Text,
    pub end: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStrategy {
    pub title: Option<Text>,
    /// `2017/20`, or `{start: 2017-06, end: 2020-03}` (a [`RawPeriodRange`]).
    pub period: Option<serde_yaml::Value>,
    pub approved: Option<RawApproval>,
    pub owner: Option<Text>,
    #[serde(default)]
    pub themes: Vec<RawTheme>,
    #[serde(default)]
    pub related: Vec<Text>,
    pub review: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawApproval {
    pub by: Option<Text>,
    pub on: Option<Text>,
    #[serde(rename = "ref")]
    pub reference: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTheme {
    pub id: Option<Text>,
    pub title: Option<Text>,
    pub description: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAction {
    pub id: Option<Text>,
    pub theme: Option<Text>,
    pub title: Option<Text>,
    pub description: Option<Text>,
    #[serde(default)]
    pub milestones: Vec<Text>,
    pub success_criteria: Option<Text>,
    pub owner: Option<Text>,
    pub due: Option<Text>,
    pub status: Option<Text>,
    pub status_note: Option<Text>,
    pub resources: Option<Text>,
    pub expected_outcome: Option<Text>,
    pub actual_outcome: Option<Text>,
    #[serde(default)]
    pub metrics: Vec<Text>,
    #[serde(default)]
    pub steps: Vec<RawStep>,
    #[serde(default)]
    pub updates: Vec<RawActionUpdate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub title: Option<Text>,
    pub description: Option<Text>,
    pub owner: Option<Text>,
    pub due: Option<Text>,
    pub status: Option<Text>,
    pub status_note: Option<Text>,
    pub update: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActionUpdate {
    pub date: Option<Text>,
    pub status: Option<Text>,
    pub due: Option<Text>,
    pub text: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMetric {
    pub title: Option<Text>,
    pub description: Option<Text>,
    pub unit: Option<Text>,
    pub direction: Option<Text>,
    pub frequency: Option<Text>,
    #[serde(default)]
    pub series: Vec<RawSeries>,
    #[serde(default)]
    pub targets: Vec<RawTarget>,
    pub chart: Option<Text>,
    pub source: Option<Text>,
    #[serde(default)]
    pub headline: bool,
    /// Rows of `{period: ..., <series id>: value, ...}`; checked by the loader, since the
    /// keys are the metric's own series ids.
    #[serde(default)]
    pub data: Vec<BTreeMap<String, serde_yaml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSeries {
    pub id: Option<Text>,
    pub label: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    pub value: Option<f64>,
    pub from: Option<Text>,
    pub to: Option<Text>,
    pub series: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSnapshot {
    pub title: Option<Text>,
    /// Metric slug -> `{period: ..., <series id>: value, ...}`.
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, serde_yaml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUpdate {
    pub title: Option<Text>,
    pub date: Option<Text>,
    pub committee: Option<Text>,
    #[serde(rename = "ref")]
    pub reference: Option<Text>,
    #[serde(default)]
    pub strategies: Vec<Text>,
    #[serde(default)]
    pub metrics: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: Option<Text>,
    pub description: Option<Text>,
}
