//! Periods and due dates: the date grammar of the content format.
//!
//! A [`Period`] is a span of calendar time written as `YYYY`, `YYYY-MM`, `YYYY-MM-DD`,
//! `YYYY-Qn` (calendar quarter) or `YYYY/YY` (UK financial year, April to March). Metric data
//! points and targets use periods. A [`Due`] date is a period, or an open-ended commitment:
//! `ongoing` (optionally `ongoing from YYYY-MM`) or recurring `annual` (optionally
//! `annual from YYYY-MM`); open-ended commitments are never overdue. Pure: no I/O.

use chrono::{Datelike, Months, NaiveDate};
use std::fmt;

/// The forms a period may be written in, for error messages.
pub(crate) const PERIOD_FORMS: &str =
    "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn (calendar quarter) or YYYY/YY (UK financial year, April to March)";

/// The forms a due date may be written in, for error messages.
pub(crate) const DUE_FORMS: &str = "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY/YY (UK financial year), ongoing, ongoing from YYYY-MM, annual, or annual from YYYY-MM";

/// A span of calendar time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Year(i32),
    /// Year and quarter (1-4); Q1 is January to March.
    Quarter(i32, u32),
    /// Year and month (1-12).
    Month(i32, u32),
    Day(NaiveDate),
    /// A UK financial year, named by the year it starts in: `FinancialYear(2019)` is 2019/20,
    /// 1 April 2019 to 31 March 2020.
    FinancialYear(i32),
}

/// How fine a period is; a metric's frequency asks for one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    Year,
    Quarter,
    Month,
    Day,
    FinancialYear,
}

impl PeriodKind {
    /// How this kind of period is written, for error messages.
    pub(crate) fn form(self) -> &'static str {
        match self {
            PeriodKind::Year => "YYYY",
            PeriodKind::Quarter => "YYYY-Qn",
            PeriodKind::Month => "YYYY-MM",
            PeriodKind::Day => "YYYY-MM-DD",
            PeriodKind::FinancialYear => "YYYY/YY",
        }
    }
}

/// Why a period or due date could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError {
    pub message: String,
    pub hint: Option<String>,
}

impl PeriodError {
    fn new(message: impl Into<String>) -> Self {
        PeriodError {
            message: message.into(),
            hint: None,
        }
    }

    fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|m| m.to_lowercase().starts_with(&lower))
        .map(|i| i as u32 + 1)
}

/// The plain English name of a month, 1-12.
pub(crate) fn month_name(month: u32) -> &'static str {
    MONTH_NAMES[(month.clamp(1, 12) - 1) as usize]
}

fn parse_year(text: &str) -> Option<i32> {
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

fn parse_two_digits(text: &str) -> Option<u32> {
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

impl Period {
    /// Reads a period in one of the [`PERIOD_FORMS`].
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(PeriodError::new("the date is empty"));
        }
        if let Some(year) = parse_year(text) {
            return Ok(Period::Year(year));
        }
        if let Some((first, second)) = text.split_once('/') {
            return Self::parse_financial_year(text, first, second);
        }
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [year, quarter] if quarter.starts_with(['Q', 'q']) => {
                let year = parse_year(year).ok_or_else(|| Self::unreadable(text))?;
                match &quarter[1..] {
                    "1" | "2" | "3" | "4" => {
                        Ok(Period::Quarter(year, quarter[1..].parse().unwrap_or(1)))
                    }
                    _ => Err(PeriodError::new(format!(
                        "`{text}` names quarter {}, but quarters are Q1 to Q4",
                        &quarter[1..]
                    ))),
                }
            }
            [year, month] => {
                let (Some(year), Some(month)) = (parse_year(year), parse_two_digits(month)) else {
                    return Err(Self::unreadable(text));
                };
                if (1..=12).contains(&month) {
                    Ok(Period::Month(year, month))
                } else {
                    Err(PeriodError::new(format!(
                        "`{text}` names month {month}, but months are 01 to 12"
                    )))
                }
            }
            [year, month, day] => {
                let (Some(y), Some(m), Some(d)) = (
                    parse_year(year),
                    parse_two_digits(month),
                    parse_two_digits(day),
                ) else {
                    return Err(Self::unreadable(text));
                };
                NaiveDate::from_ymd_opt(y, m, d)
                    .map(Period::Day)
                    .ok_or_else(|| {
                        PeriodError::new(format!("`{text}` is not a date in the calendar"))
                    })
            }
            _ => Err(Self::unreadable(text)),
        }
    }

    fn parse_financial_year(text: &str, first: &str, second: &str) -> Result<Period, PeriodError> {
        let Some(start) = parse_year(first) else {
            return Err(Self::unreadable(text));
        };
        let expected_end = (start + 1).rem_euclid(100);
        let matches = parse_two_digits(second)
            .map(|end| end as i32 == expected_end)
            .or_else(|| parse_year(second).map(|end| end == start + 1));
        match matches {
            Some(true) if second.len() == 2 => Ok(Period::FinancialYear(start)),
            Some(true) => Err(PeriodError::new(format!(
                "`{text}`: a financial year is written with a two-digit end year"
            ))
            .with_hint(format!("write `{start:04}/{expected_end:02}`"))),
            Some(false) => Err(PeriodError::new(format!(
                "`{text}` is not a financial year: the second year must follow the first"
            ))
            .with_hint(format!("did you mean `{start:04}/{expected_end:02}`?"))),
            None => Err(Self::unreadable(text)),
        }
    }

    fn unreadable(text: &str) -> PeriodError {
        let error = PeriodError::new(format!("`{text}` is not a date plainsight can read"));
        match suggest_for_free_text(text) {
            Some(suggestion) => error.with_hint(format!("did you mean `{suggestion}`?")),
            None => error,
        }
    }

    /// The first day of the period.
    pub fn start(&self) -> NaiveDate {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
        match *self {
            Period::Year(y) => ymd(y, 1, 1),
            Period::Quarter(y, q) => ymd(y, (q - 1) * 3 + 1, 1),
            Period::Month(y, m) => ymd(y, m, 1),
            Period::Day(d) => d,
            Period::FinancialYear(y) => ymd(y, 4, 1),
        }
    }

    /// The last day of the period (inclusive).
    pub fn end(&self) -> NaiveDate {
        let months = match self {
            Period::Year(_) | Period::FinancialYear(_) => 12,
            Period::Quarter(..) => 3,
            Period::Month(..) => 1,
            Period::Day(d) => return *d,
        };
        self.start()
            .checked_add_months(Months::new(months))
            .and_then(|next| next.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    pub fn kind(&self) -> PeriodKind {
        match self {
            Period::Year(_) => PeriodKind::Year,
            Period::Quarter(..) => PeriodKind::Quarter,
            Period::Month(..) => PeriodKind::Month,
            Period::Day(_) => PeriodKind::Day,
            Period::FinancialYear(_) => PeriodKind::FinancialYear,
        }
    }

    /// The period in words, as a resident reads it: "December 2019", "Q3 2019", "2019/20".
    pub fn in_words(&self) -> String {
        match *self {
            Period::Year(y) => y.to_string(),
            Period::Quarter(y, q) => format!("Q{q} {y}"),
            Period::Month(y, m) => format!("{} {y}", month_name(m)),
            Period::Day(d) => date_in_words(d),
            Period::FinancialYear(y) => format!("{y}/{:02}", (y + 1).rem_euclid(100)),
        }
    }

    /// Ordering by time: the start day first, then the shorter period first. The same order
    /// as `(start(), end())`, without date arithmetic: periods starting on the same day are
    /// all calendar-aligned, so the shorter kind ends first. (Figures are sorted and looked up
    /// by this key, so it is worth keeping cheap.)
    pub fn chronological_key(&self) -> (i32, u32, u32, u8) {
        match *self {
            Period::Day(d) => (d.year(), d.month(), d.day(), 0),
            Period::Month(y, m) => (y, m, 1, 1),
            Period::Quarter(y, q) => (y, (q - 1) * 3 + 1, 1, 2),
            Period::Year(y) => (y, 1, 1, 3),
            Period::FinancialYear(y) => (y, 4, 1, 3),
        }
    }
}

impl fmt::Display for Period {
    /// The period as written in content (`2019-12`, `2019-Q3`, `2019/20`), years always with
    /// four digits so that it reads back (`0218-04`, not `218-04`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Period::Day(d) => write!(f, "{d}"),
            Period::FinancialYear(y) => write!(f, "{y:04}/{:02}", (y + 1).rem_euclid(100)),
        }
    }
}

/// A date as ISO 8601 writes it: "2019-12-31". (chrono's `Display`, the same text as
/// `format("%Y-%m-%d")` without parsing that pattern on every call.)
pub(crate) fn iso_date(date: NaiveDate) -> String {
    date.to_string()
}

/// A date in words: "31 December 2019".
pub(crate) fn date_in_words(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// When an action or step is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Due {
    /// Due by the end of this period.
    By(Period),
    /// Continuous, business as usual; never overdue.
    Ongoing { from: Option<Period> },
    /// Recurs every year; never overdue.
    Annual { from: Option<Period> },
}

impl Due {
    /// Reads a due date in one of the [`DUE_FORMS`].
    pub fn parse(text: &str) -> Result<Due, PeriodError> {
        let trimmed = text.trim();
        let lower = trimmed.to_lowercase();
        for (word, make) in [
            (
                "ongoing",
                (|from| Due::Ongoing { from }) as fn(Option<Period>) -> Due,
            ),
            ("annual", |from| Due::Annual { from }),
        ] {
            if lower == word {
                return Ok(make(None));
            }
            if let Some(rest) = lower.strip_prefix(word) {
                if let Some(from) = rest.trim_start().strip_prefix("from ") {
                    return Period::parse(from).map(|p| make(Some(p))).map_err(|e| {
                        PeriodError::new(format!("after `{word} from`: {}", e.message))
                    });
                }
            }
        }
        Period::parse(trimmed).map(Due::By).map_err(|mut error| {
            if error.hint.is_none() {
                error.hint = suggest_for_free_text(trimmed).map(|s| format!("did you mean `{s}`?"));
            }
            error
        })
    }

    /// The period the action must be finished by, when it has a deadline.
    pub fn deadline(&self) -> Option<Period> {
        match self {
            Due::By(period) => Some(*period),
            Due::Ongoing { .. } | Due::Annual { .. } => None,
        }
    }

    /// The first day of the commitment, when known.
    pub fn start(&self) -> Option<NaiveDate> {
        match self {
            Due::By(period) => Some(period.start()),
            Due::Ongoing { from } | Due::Annual { from } => from.map(|p| p.start()),
        }
    }

    /// The last day by which it must be done; `None` for open-ended commitments.
    pub fn end(&self) -> Option<NaiveDate> {
        self.deadline().map(|p| p.end())
    }

    /// The due date in words: "December 2019", "Ongoing from June 2017", "Annual".
    pub fn in_words(&self) -> String {
        match self {
            Due::By(period) => period.in_words(),
            Due::Ongoing { from: None } => "Ongoing".to_string(),
            Due::Ongoing { from: Some(p) } => format!("Ongoing from {}", p.in_words()),
            Due::Annual { from: None } => "Annual".to_string(),
            Due::Annual { from: Some(p) } => format!("Annual from {}", p.in_words()),
        }
    }
}

impl fmt::Display for Due {
    /// The due date as written in content.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Due::By(period) => write!(f, "{period}"),
            Due::Ongoing { from: None } => write!(f, "ongoing"),
            Due::Ongoing { from: Some(p) } => write!(f, "ongoing from {p}"),
            Due::Annual { from: None } => write!(f, "annual"),
            Due::Annual { from: Some(p) } => write!(f, "annual from {p}"),
        }
    }
}

/// Turns the free text found in real plans ("Dec 19", "March 2020", "From June 2017") and
/// common UK forms ("31/12/2019", "Dec-19") into the accepted form, for a did-you-mean.
pub fn suggest_for_free_text(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '-'))
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [from, month, year] if from.eq_ignore_ascii_case("from") => {
            let (y, m) = month_year(month, year)?;
            Some(format!("ongoing from {y:04}-{m:02}"))
        }
        [month, year] => {
            let (y, m) = month_year(month, year)?;
            Some(format!("{y:04}-{m:02}"))
        }
        [day, month, year] => {
            let day: u32 = day
                .trim_end_matches(|c: char| c.is_alphabetic())
                .parse()
                .ok()?;
            let (y, m) = month_year(month, year)?;
            NaiveDate::from_ymd_opt(y, m, day).map(iso_date)
        }
        _ => None,
    }
}

fn month_year(month: &str, year: &str) -> Option<(i32, u32)> {
    let numbered = month.parse::<u32>().ok().filter(|m| (1..=12).contains(m));
    let m = numbered.or_else(|| month_number(month.trim_end_matches('.')))?;
    let y = match year.len() {
        4 => parse_year(year)?,
        2 => 2000 + parse_two_digits(year)? as i32,
        _ => return None,
    };
    Some((y, m))
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_dates_are_what_the_strftime_pattern_writes() {
        for (y, m, d) in [
            (2019, 12, 31),
            (0, 1, 1),
            (218, 4, 5),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 30),
        ] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a date");
            assert_eq!(super::iso_date(date), date.format("%Y-%m-%d").to_string());
        }
    }

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_form_resolves_to_a_start_and_an_end() {
        let cases = [
            ("2019", day(2019, 1, 1), day(2019, 12, 31)),
            ("2020-02", day(2020, 2, 1), day(2020, 2, 29)),
            ("2019-12-31", day(2019, 12, 31), day(2019, 12, 31)),
            ("2019-Q3", day(2019, 7, 1), day(2019, 9, 30)),
            ("2019-Q4", day(2019, 10, 1), day(2019, 12, 31)),
            ("2019/20", day(2019, 4, 1), day(2020, 3, 31)),
            ("1999/00", day(1999, 4, 1), day(2000, 3, 31)),
        ];
        for (text, start, end) in cases {
            let period = Period::parse(text).unwrap();
            assert_eq!((period.start(), period.end()), (start, end), "{text}");
            assert_eq!(period.to_string(), text, "round trip");
        }
    }

    #[test]
    fn years_before_1000_are_written_so_that_they_read_back() {
        // Found by fuzzing (fuzz/regressions/due_date/): `0218-04` was written `218-04`.
        for text in [
            "0218",
            "0218-04",
            "0218-Q2",
            "0218/19",
            "0218-04-01",
            "0099/00",
        ] {
            let period = Period::parse(text).unwrap();
            assert_eq!(period.to_string(), text);
            assert_eq!(Period::parse(&period.to_string()), Ok(period));
        }
        let due = Due::parse("annual from 0218-04").unwrap();
        assert_eq!(Due::parse(&due.to_string()), Ok(due));
        assert_eq!(
            Period::parse("0218/20").unwrap_err().hint.as_deref(),
            Some("did you mean `0218/19`?")
        );
        assert_eq!(
            suggest_for_free_text("April 0218").as_deref(),
            Some("0218-04")
        );
    }

    #[test]
    fn periods_in_words() {
        assert_eq!(
            Period::parse("2019-12").unwrap().in_words(),
            "December 2019"
        );
        assert_eq!(Period::parse("2019-Q1").unwrap().in_words(), "Q1 2019");
        assert_eq!(Period::parse("2019/20").unwrap().in_words(), "2019/20");
        assert_eq!(
            Period::parse("2020-01-27").unwrap().in_words(),
            "27 January 2020"
        );
    }

    #[test]
    fn impossible_dates_are_rejected_with_a_reason() {
        assert!(Period::parse("2019-13")
            .unwrap_err()
            .message
            .contains("months are 01 to 12"));
        assert!(Period::parse("2019-Q5")
            .unwrap_err()
            .message
            .contains("Q1 to Q4"));
        assert!(Period::parse("2019-02-30")
            .unwrap_err()
            .message
            .contains("not a date in the calendar"));
        let fy = Period::parse("2019/21").unwrap_err();
        assert_eq!(fy.hint.as_deref(), Some("did you mean `2019/20`?"));
        assert_eq!(
            Period::parse("2019/2020").unwrap_err().hint.as_deref(),
            Some("write `2019/20`")
        );
        assert!(Period::parse("").is_err());
        assert!(Period::parse("20-12").is_err());
        assert!(
            Period::parse("２０１９").is_err(),
            "full-width digits are not digits here"
        );
    }

    #[test]
    fn due_accepts_open_ended_and_recurring_commitments() {
        assert_eq!(Due::parse("ongoing").unwrap(), Due::Ongoing { from: None });
        assert_eq!(Due::parse("Annual").unwrap(), Due::Annual { from: None });
        let from = Due::parse("ongoing from 2017-06").unwrap();
        assert_eq!(
            from,
            Due::Ongoing {
                from: Some(Period::Month(2017, 6))
            }
        );
        assert_eq!(from.in_words(), "Ongoing from June 2017");
        assert_eq!(from.end(), None, "open-ended commitments have no deadline");
        assert_eq!(from.start(), Some(day(2017, 6, 1)));
        assert_eq!(
            Due::parse("annual from 2018-04").unwrap().to_string(),
            "annual from 2018-04"
        );
        assert_eq!(
            Due::parse("2019-12").unwrap().end(),
            Some(day(2019, 12, 31))
        );
    }

    #[test]
    fn free_text_from_real_plans_gets_a_suggestion() {
        let cases = [
            ("Dec 19", "2019-12"),
            ("Mar 2020", "2020-03"),
            ("August 2018", "2018-08"),
            ("From June 2017", "ongoing from 2017-06"),
            ("27th January 2020", "2020-01-27"),
            ("31/12/2019", "2019-12-31"),
            ("Dec-19", "2019-12"),
            ("03/2020", "2020-03"),
        ];
        for (text, suggestion) in cases {
            let error = Due::parse(text).unwrap_err();
            assert_eq!(
                error.hint.as_deref(),
                Some(format!("did you mean `{suggestion}`?").as_str()),
                "{text}"
            );
        }
        assert_eq!(
            Due::parse("April 2018 / Dec 2019 (for decision)")
                .unwrap_err()
                .hint,
            None
        );
    }

    #[test]
    fn ordering_is_chronological() {
        let mut periods: Vec<Period> = ["2019-12", "2019-02", "2018/19", "2019-Q1"]
            .iter()
            .map(|t| Period::parse(t).unwrap())
            .collect();
        periods.sort_by_key(|p| p.chronological_key());
        let order: Vec<String> = periods.iter().map(|p| p.to_string()).collect();
        assert_eq!(order, ["2018/19", "2019-Q1", "2019-02", "2019-12"]);

        // Periods starting on the same day: the shorter first, as (start, end) orders them.
        for same_start in [
            ["2019", "2019-Q1", "2019-01", "2019-01-01"],
            ["2019/20", "2019-Q2", "2019-04", "2019-04-01"],
        ] {
            let mut periods: Vec<Period> = same_start
                .iter()
                .map(|t| Period::parse(t).unwrap())
                .collect();
            let mut by_dates = periods.clone();
            by_dates.sort_by_key(|p| (p.start(), p.end()));
            periods.sort_by_key(|p| p.chronological_key());
            assert_eq!(periods, by_dates);
            assert_eq!(periods[0].to_string(), same_start[3]);
            assert_eq!(periods[3].to_string(), same_start[0]);
        }
    }
}
