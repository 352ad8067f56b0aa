//! The date grammar: `Period::parse`, `Due::parse`, `suggest_for_free_text` and
//! `Status::parse` on arbitrary strings, with the invariants the site relies on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plainsight::model::period::{suggest_for_free_text, Due, Period, PeriodError};
use plainsight::model::Status;

/// Every suggestion in a hint (text between backticks) must itself be accepted.
fn check_hint(error: &PeriodError, input: &str) {
    let Some(hint) = &error.hint else { return };
    let mut parts = hint.split('`');
    parts.next();
    if let Some(suggested) = parts.next() {
        assert!(
            Due::parse(suggested).is_ok(),
            "hint {hint:?} for {input:?} suggests something that is not accepted"
        );
    }
}

fn check_period(p: Period, input: &str) {
    let (start, end) = (p.start(), p.end());
    assert!(
        start <= end,
        "{p:?} from {input:?}: start {start} after end {end}"
    );
    // The key orders periods as their (start, end) days do, also against periods that start
    // or end on the same day.
    let written_start = start.format("%Y-%m-%d").to_string();
    let same_start = [
        Period::Day(start),
        Period::Day(end),
        Period::parse(&written_start[..4]).unwrap_or(p),
        Period::parse(&written_start[..7]).unwrap_or(p),
    ];
    for other in same_start {
        assert_eq!(
            p.chronological_key().cmp(&other.chronological_key()),
            (start, end).cmp(&(other.start(), other.end())),
            "{p:?} against {other:?}"
        );
    }
    assert!(!p.in_words().is_empty());
    let _ = p.kind();
    let written = p.to_string();
    assert_eq!(
        Period::parse(&written),
        Ok(p),
        "{input:?} -> {p:?} -> {written:?} does not read back"
    );
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();

    match Period::parse(text) {
        Ok(p) => check_period(p, text),
        Err(e) => {
            assert!(!e.message.is_empty());
            check_hint(&e, text);
        }
    }

    match Due::parse(text) {
        Ok(due) => {
            if let Some(p) = due.deadline() {
                check_period(p, text);
            }
            if let (Some(start), Some(end)) = (due.start(), due.end()) {
                assert!(start <= end);
            }
            assert!(!due.in_words().is_empty());
            let written = due.to_string();
            assert_eq!(
                Due::parse(&written),
                Ok(due),
                "{text:?} -> {due:?} -> {written:?} does not read back"
            );
        }
        Err(e) => {
            assert!(!e.message.is_empty());
            check_hint(&e, text);
        }
    }

    if let Some(suggestion) = suggest_for_free_text(text) {
        assert!(
            Due::parse(&suggestion).is_ok(),
            "suggestion {suggestion:?} for {text:?} is not accepted"
        );
    }

    match Status::parse(text) {
        Ok(status) => assert_eq!(Status::parse(status.key()), Ok(status)),
        Err(Some(near)) => assert_eq!(Status::parse(near.key()), Ok(near)),
        Err(None) => {}
    }
});
