//! Properties of the date and status rules that must hold for every input, not just the
//! examples in the unit tests (proptest generates many and shrinks any failure).

use chrono::NaiveDate;
use plainsight::model::period::{Due, Period};
use plainsight::model::status::{roll_up, Status};
use proptest::prelude::*;

fn any_period() -> impl Strategy<Value = Period> {
    // Every four-digit year the parser accepts, 0001 included (years before 1000 were once
    // written without their leading zeros).
    let year = 1i32..=9998;
    prop_oneof![
        year.clone().prop_map(Period::Year),
        (year.clone(), 1u32..=4).prop_map(|(y, q)| Period::Quarter(y, q)),
        (year.clone(), 1u32..=12).prop_map(|(y, m)| Period::Month(y, m)),
        (year.clone(), 1u32..=12, 1u32..=31).prop_filter_map("a real day", |(y, m, d)| {
            NaiveDate::from_ymd_opt(y, m, d).map(Period::Day)
        }),
        year.prop_map(Period::FinancialYear),
    ]
}

fn any_status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

proptest! {
    #[test]
    fn a_period_reads_back_as_it_is_written(period in any_period()) {
        prop_assert_eq!(Period::parse(&period.to_string()), Ok(period));
    }

    #[test]
    fn a_period_starts_before_it_ends(period in any_period()) {
        prop_assert!(period.start() <= period.end());
    }

    #[test]
    fn periods_sort_by_their_start_then_end(a in any_period(), b in any_period()) {
        prop_assert_eq!(
            a.chronological_key().cmp(&b.chronological_key()),
            (a.start(), a.end()).cmp(&(b.start(), b.end()))
        );
        if a.end() < b.start() {
            prop_assert!(a.chronological_key() < b.chronological_key());
        }
    }

    #[test]
    fn ongoing_and_annual_from_any_period_read_back(period in any_period()) {
        prop_assert_eq!(
            Due::parse(&format!("ongoing from {period}")),
            Ok(Due::Ongoing { from: Some(period) })
        );
        prop_assert_eq!(
            Due::parse(&format!("Annual from {period}")),
            Ok(Due::Annual { from: Some(period) })
        );
    }

    #[test]
    fn parsing_any_text_never_panics(text in "\\PC{0,40}") {
        let _ = Period::parse(&text);
        let _ = Due::parse(&text);
    }

    #[test]
    fn a_roll_up_does_not_depend_on_the_order_of_the_steps(
        steps in prop::collection::vec(any_status(), 0..12).prop_shuffle(),
        seed in any::<u64>(),
    ) {
        let mut reordered = steps.clone();
        let len = reordered.len().max(1);
        reordered.rotate_left((seed as usize) % len);
        reordered.reverse();
        prop_assert_eq!(roll_up(steps.iter().copied()), roll_up(reordered));
    }

    #[test]
    fn steps_all_complete_roll_up_to_complete(n in 1usize..20, cancelled in 0usize..5) {
        let steps = std::iter::repeat_n(Status::Complete, n)
            .chain(std::iter::repeat_n(Status::Cancelled, cancelled));
        prop_assert_eq!(roll_up(steps), Some(Status::Complete));
    }

    #[test]
    fn a_delayed_step_makes_an_unfinished_action_delayed(
        others in prop::collection::vec(any_status(), 0..10),
    ) {
        let steps: Vec<Status> = others.iter().copied().chain([Status::Delayed]).collect();
        prop_assert_eq!(roll_up(steps), Some(Status::Delayed));
    }

    #[test]
    fn a_roll_up_is_one_of_its_steps_statuses_or_on_track(
        steps in prop::collection::vec(any_status(), 1..12),
    ) {
        let status = roll_up(steps.iter().copied()).expect("steps give a status");
        prop_assert!(steps.contains(&status) || status == Status::OnTrack || status == Status::Ongoing);
    }
}
