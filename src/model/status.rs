//! The status vocabulary, its RAG colours and plain labels, and how steps roll up into their
//! action. One closed list, so every council's site reads the same way. Pure: no I/O.

use std::fmt;

/// Where an action or step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    NotStarted,
    OnTrack,
    AtRisk,
    Delayed,
    Complete,
    /// Continuous or business as usual.
    Ongoing,
    Cancelled,
}

/// A red / amber / green rating, plus blue for done and grey for not applicable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Rag {
    Red,
    Amber,
    Green,
    Blue,
    Grey,
}

impl Rag {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
            Rag::Blue => "blue",
            Rag::Grey => "grey",
        }
    }
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::NotStarted,
        Status::OnTrack,
        Status::AtRisk,
        Status::Delayed,
        Status::Complete,
        Status::Ongoing,
        Status::Cancelled,
    ];

    /// The word used in content files.
    pub fn key(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::Delayed => "delayed",
            Status::Complete => "complete",
            Status::Ongoing => "ongoing",
            Status::Cancelled => "cancelled",
        }
    }

    /// The plain-English label a resident reads.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "Not started",
            Status::OnTrack => "On track",
            Status::AtRisk => "At risk",
            Status::Delayed => "Delayed",
            Status::Complete => "Complete",
            Status::Ongoing => "Ongoing",
            Status::Cancelled => "Cancelled",
        }
    }

    pub(crate) fn rag(self) -> Rag {
        match self {
            Status::NotStarted | Status::Cancelled => Rag::Grey,
            Status::OnTrack | Status::Ongoing => Rag::Green,
            Status::AtRisk => Rag::Amber,
            Status::Delayed => Rag::Red,
            Status::Complete => Rag::Blue,
        }
    }

    /// Finished one way or another: no longer due, never overdue.
    pub(crate) fn is_closed(self) -> bool {
        matches!(self, Status::Complete | Status::Cancelled)
    }

    /// All the accepted words, for error messages.
    pub(crate) fn accepted() -> String {
        Status::ALL.map(|s| s.key()).join(", ")
    }

    /// Reads a status word. The error is a suggestion when the word is a near miss
    /// ("On Track", "on-track", "Complete April 2020").
    pub fn parse(text: &str) -> Result<Status, Option<Status>> {
        let trimmed = text.trim();
        if let Some(status) = Status::ALL.into_iter().find(|s| s.key() == trimmed) {
            return Ok(status);
        }
        let normalised: String = trimmed
            .to_lowercase()
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect();
        let exact = Status::ALL.into_iter().find(|s| s.key() == normalised);
        let prefix = || {
            Status::ALL
                .into_iter()
                .find(|s| normalised.starts_with(s.key()))
        };
        let near = || {
            crate::diag::did_you_mean(&normalised, Status::ALL.map(|s| s.key()))
                .and_then(|key| Status::ALL.into_iter().find(|s| s.key() == key))
        };
        Err(exact.or_else(prefix).or_else(near))
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The status an action has from its steps.
///
/// Cancelled steps do not count unless every step is cancelled. When every remaining step is
/// complete, the action is complete; when every remaining step is ongoing or complete and at
/// least one is ongoing, it is ongoing. Otherwise the action is as bad as its worst open step
/// (delayed, then at risk), on track when work has started, and not started when nothing has.
pub fn roll_up(steps: impl IntoIterator<Item = Status>) -> Option<Status> {
    let all: Vec<Status> = steps.into_iter().collect();
    if all.is_empty() {
        return None;
    }
    let live: Vec<Status> = all
        .iter()
        .copied()
        .filter(|s| *s != Status::Cancelled)
        .collect();
    if live.is_empty() {
        return Some(Status::Cancelled);
    }
    let any = |wanted: Status| live.contains(&wanted);
    let every = |f: fn(Status) -> bool| live.iter().all(|s| f(*s));
    let status = if every(|s| s == Status::Complete) {
        Status::Complete
    } else if every(|s| matches!(s, Status::Complete | Status::Ongoing)) {
        Status::Ongoing
    } else if any(Status::Delayed) {
        Status::Delayed
    } else if any(Status::AtRisk) {
        Status::AtRisk
    } else if every(|s| s == Status::NotStarted) {
        Status::NotStarted
    } else {
        Status::OnTrack
    };
    Some(status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn every_status_has_a_key_label_and_colour() {
        let table: Vec<_> = Status::ALL
            .iter()
            .map(|s| (s.key(), s.label(), s.rag().name()))
            .collect();
        assert_eq!(
            table,
            [
                ("not_started", "Not started", "grey"),
                ("on_track", "On track", "green"),
                ("at_risk", "At risk", "amber"),
                ("delayed", "Delayed", "red"),
                ("complete", "Complete", "blue"),
                ("ongoing", "Ongoing", "green"),
                ("cancelled", "Cancelled", "grey"),
            ]
        );
    }

    #[test]
    fn only_complete_and_cancelled_are_closed() {
        let closed: Vec<_> = Status::ALL.into_iter().filter(|s| s.is_closed()).collect();
        assert_eq!(closed, [Complete, Cancelled]);
    }

    #[test]
    fn parse_accepts_exact_keys_and_suggests_for_near_misses() {
        assert_eq!(Status::parse("on_track"), Ok(OnTrack));
        assert_eq!(Status::parse("On Track"), Err(Some(OnTrack)));
        assert_eq!(Status::parse("on-track"), Err(Some(OnTrack)));
        assert_eq!(Status::parse("Complete April 2020"), Err(Some(Complete)));
        assert_eq!(Status::parse("compelte"), Err(Some(Complete)));
        assert_eq!(Status::parse("green"), Err(None));
    }

    #[test]
    fn roll_up_takes_the_worst_open_step() {
        assert_eq!(roll_up([]), None);
        assert_eq!(roll_up([Complete, Complete]), Some(Complete));
        assert_eq!(roll_up([Complete, Cancelled]), Some(Complete));
        assert_eq!(roll_up([Cancelled, Cancelled]), Some(Cancelled));
        assert_eq!(roll_up([Complete, Ongoing]), Some(Ongoing));
        assert_eq!(roll_up([Complete, OnTrack, AtRisk]), Some(AtRisk));
        assert_eq!(roll_up([AtRisk, Delayed, OnTrack]), Some(Delayed));
        assert_eq!(roll_up([NotStarted, NotStarted]), Some(NotStarted));
        assert_eq!(roll_up([Complete, NotStarted]), Some(OnTrack));
        assert_eq!(roll_up([Ongoing, NotStarted]), Some(OnTrack));
    }
}
