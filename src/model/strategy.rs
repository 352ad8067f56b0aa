//! Strategies and their action plans: actions, implementation steps and dated updates.
//! Pure data with the rules that belong to it (progress from steps); no I/O.

use super::period::{Due, Period};
use super::status::Status;
use crate::diag::Location;
use chrono::NaiveDate;

/// A value from content with the place it was written, for cross-file checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located<T> {
    pub(crate) value: T,
    pub(crate) at: Location,
}

/// When a strategy runs: `2017/20` is 1 April 2017 to 31 March 2020.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StrategyPeriod {
    pub(crate) start: Period,
    pub(crate) end: Period,
}

impl StrategyPeriod {
    /// The span in words: "April 2017 to March 2020".
    pub(crate) fn in_words(&self) -> String {
        let month =
            |d: NaiveDate| Period::Month(chrono::Datelike::year(&d), chrono::Datelike::month(&d));
        format!(
            "{} to {}",
            month(self.start.start()).in_words(),
            month(self.end.end()).in_words()
        )
    }
}

/// Which committee approved a strategy, when, and under which report reference.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Approval {
    pub(crate) by: Option<String>,
    pub(crate) on: Option<NaiveDate>,
    pub(crate) reference: Option<String>,
}

/// A grouping of actions within a strategy (e.g. Customer Focus).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Theme {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
}

/// A strategy with its action plan.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Strategy {
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) period: Option<StrategyPeriod>,
    pub(crate) approved: Option<Approval>,
    pub(crate) owner: Option<String>,
    pub(crate) themes: Vec<Theme>,
    pub(crate) related: Vec<Located<String>>,
    pub(crate) review: Option<String>,
    /// Markdown.
    pub(crate) summary: String,
    pub(crate) actions: std::sync::Arc<[Action]>,
    pub(crate) at: Location,
}

/// A dated progress report on an action (the "Update" column of a committee report).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ActionUpdate {
    pub(crate) date: NaiveDate,
    pub(crate) status: Option<Status>,
    /// A new due date given with this update (a re-scheduling).
    pub(crate) due: Option<Due>,
    pub(crate) text: String,
    pub(crate) at: Location,
}

/// An implementation step of an action.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Step {
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) owner: Option<String>,
    pub(crate) due: Option<Due>,
    pub(crate) status: Status,
    pub(crate) status_note: Option<String>,
    pub(crate) update: Option<String>,
    pub(crate) at: Location,
}

/// One commitment in an action plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub(crate) id: String,
    pub(crate) theme: Option<Located<String>>,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) milestones: Vec<String>,
    pub(crate) success_criteria: Option<String>,
    pub(crate) owner: Option<String>,
    pub(crate) due: Option<Due>,
    /// The status in force: as stated, or rolled up from the steps when none is stated.
    pub status: Status,
    /// Whether `status` was rolled up from the steps rather than stated.
    pub(crate) status_rolled_up: bool,
    pub(crate) status_note: Option<String>,
    pub(crate) resources: Option<String>,
    pub(crate) expected_outcome: Option<String>,
    pub(crate) actual_outcome: Option<String>,
    pub(crate) metrics: Vec<Located<String>>,
    pub(crate) steps: Vec<Step>,
    /// In date order, oldest first.
    pub(crate) updates: Vec<ActionUpdate>,
    pub(crate) at: Location,
}

impl Action {
    /// Steps complete out of steps that count (cancelled steps do not).
    pub(crate) fn step_progress(&self) -> (usize, usize) {
        let counted = self.steps.iter().filter(|s| s.status != Status::Cancelled);
        let total = counted.clone().count();
        let complete = counted.filter(|s| s.status == Status::Complete).count();
        (complete, total)
    }

    /// Stated as complete while a step is still to do (not complete, cancelled or ongoing).
    pub(crate) fn stated_complete_with_open_steps(&self) -> bool {
        !self.status_rolled_up
            && self.status == Status::Complete
            && self
                .steps
                .iter()
                .any(|s| !s.status.is_closed() && s.status != Status::Ongoing)
    }

    /// The most recent update.
    pub(crate) fn latest_update(&self) -> Option<&ActionUpdate> {
        self.updates.iter().max_by_key(|u| u.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(status: Status) -> Step {
        Step {
            title: "s".into(),
            description: None,
            owner: None,
            due: None,
            status,
            status_note: None,
            update: None,
            at: Location::file("a.yaml"),
        }
    }

    fn action(steps: Vec<Step>) -> Action {
        Action {
            id: "DS-01".into(),
            theme: None,
            title: "t".into(),
            description: None,
            milestones: vec![],
            success_criteria: None,
            owner: None,
            due: None,
            status: Status::OnTrack,
            status_rolled_up: false,
            status_note: None,
            resources: None,
            expected_outcome: None,
            actual_outcome: None,
            metrics: vec![],
            steps,
            updates: vec![],
            at: Location::file("a.yaml"),
        }
    }

    #[test]
    fn progress_counts_complete_steps_and_ignores_cancelled_ones() {
        let a = action(vec![
            step(Status::Complete),
            step(Status::OnTrack),
            step(Status::Cancelled),
            step(Status::Complete),
        ]);
        assert_eq!(a.step_progress(), (2, 3));
    }

    #[test]
    fn strategy_period_in_words() {
        let period = StrategyPeriod {
            start: Period::FinancialYear(2017),
            end: Period::FinancialYear(2019),
        };
        assert_eq!(period.in_words(), "April 2017 to March 2020");
    }
}
