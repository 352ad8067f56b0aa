//! Judging actions against the reporting date: overdue, due soon, and the RAG rating under the
//! site's rule. Always against `as_of`, never the clock, so the same content builds the same
//! site. Pure: no I/O.

use super::keyword::Keyword;
use super::period::Due;
use super::status::{Rag, Status};
use chrono::NaiveDate;

/// How a site rates actions red, amber or green.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum RagRule {
    /// The colour of the stated status.
    #[default]
    Status,
    /// As `Status`, but an open action past its due date is red, and an on-track one due
    /// within `due_soon_days` is amber.
    Dates,
}

impl Keyword for RagRule {
    const ALL: &'static [RagRule] = &[RagRule::Status, RagRule::Dates];

    fn key(self) -> &'static str {
        match self {
            RagRule::Status => "status",
            RagRule::Dates => "dates",
        }
    }
}

impl RagRule {
    /// The rule in words, as the site publishes it.
    pub(crate) fn describe(self, due_soon_days: i64) -> String {
        match self {
            RagRule::Status => "Each action is rated by the status its officer reports: red for delayed, amber for at risk, green for on track or ongoing, blue for complete, grey for not started or cancelled.".to_string(),
            RagRule::Dates => format!("Each action is rated by its reported status and its due date: an unfinished action past its due date is red; an on-track action due within {due_soon_days} days is amber; otherwise the colour of its status."),
        }
    }
}

/// Where an action stands against its deadline on the reporting date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Timing {
    /// Complete or cancelled.
    Closed,
    /// The due period ended this many days before the reporting date.
    Overdue { days: i64 },
    /// Due within the due-soon window: this many days left.
    DueSoon { days: i64 },
    /// Due later than the due-soon window.
    NotYetDue,
    /// No due date, or an ongoing or recurring commitment.
    NoDeadline,
}

/// Judges an action or step against the reporting date.
pub(crate) fn timing(
    due: Option<&Due>,
    status: Status,
    as_of: NaiveDate,
    due_soon_days: i64,
) -> Timing {
    if status.is_closed() {
        return Timing::Closed;
    }
    let Some(end) = due.and_then(|d| d.end()) else {
        return Timing::NoDeadline;
    };
    let days_left = (end - as_of).num_days();
    if days_left < 0 {
        Timing::Overdue { days: -days_left }
    } else if days_left <= due_soon_days {
        Timing::DueSoon { days: days_left }
    } else {
        Timing::NotYetDue
    }
}

/// The RAG colour of an action under the site's rule.
pub(crate) fn rag(rule: RagRule, status: Status, timing: Timing) -> Rag {
    match (rule, timing) {
        (RagRule::Dates, Timing::Overdue { .. }) => Rag::Red,
        (RagRule::Dates, Timing::DueSoon { .. }) if status == Status::OnTrack => Rag::Amber,
        _ => status.rag(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2019, 12, 31).unwrap()
    }

    fn due(text: &str) -> Due {
        Due::parse(text).unwrap()
    }

    #[test]
    fn overdue_when_the_due_period_ended_before_the_reporting_date() {
        let t = |text, status| timing(Some(&due(text)), status, as_of(), 60);
        assert_eq!(t("2019-10", Status::OnTrack), Timing::Overdue { days: 61 });
        assert_eq!(t("2019-12", Status::OnTrack), Timing::DueSoon { days: 0 });
        assert_eq!(t("2020-02", Status::OnTrack), Timing::DueSoon { days: 60 });
        assert_eq!(t("2020-03", Status::OnTrack), Timing::NotYetDue);
        assert_eq!(t("2019/20", Status::Delayed), Timing::NotYetDue);
        assert_eq!(t("2018-01", Status::Complete), Timing::Closed);
        assert_eq!(t("2018-01", Status::Cancelled), Timing::Closed);
    }

    #[test]
    fn ongoing_and_recurring_commitments_are_never_overdue() {
        for text in [
            "ongoing",
            "ongoing from 2017-06",
            "annual",
            "annual from 2017-04",
        ] {
            assert_eq!(
                timing(Some(&due(text)), Status::OnTrack, as_of(), 60),
                Timing::NoDeadline,
                "{text}"
            );
        }
        assert_eq!(
            timing(None, Status::OnTrack, as_of(), 60),
            Timing::NoDeadline
        );
    }

    #[test]
    fn the_dates_rule_reds_overdue_actions_and_the_status_rule_does_not() {
        let overdue = Timing::Overdue { days: 3 };
        assert_eq!(rag(RagRule::Dates, Status::OnTrack, overdue), Rag::Red);
        assert_eq!(rag(RagRule::Status, Status::OnTrack, overdue), Rag::Green);
        let soon = Timing::DueSoon { days: 3 };
        assert_eq!(rag(RagRule::Dates, Status::OnTrack, soon), Rag::Amber);
        assert_eq!(rag(RagRule::Dates, Status::Delayed, soon), Rag::Red);
    }
}
