//! Numbers, units and dates as a resident reads them: "95.8%", "5,120", "£1,234", "7 hours",
//! "31 December 2019". Pure functions of the model.

use crate::model::metric::Unit;

/// How many decimal places to show for a set of values: as many as the most precise value
/// was written with (at most 2), so a column of figures lines up.
pub fn decimals_for(values: impl IntoIterator<Item = f64>) -> usize {
    values
        .into_iter()
        .map(|v| {
            let text = format!("{v}");
            text.split_once('.').map_or(0, |(_, frac)| frac.len())
        })
        .max()
        .unwrap_or(0)
        .min(2)
}

/// A number with thousands separators and fixed decimals: 5120.0 -> "5,120".
pub fn number(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    if negative {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A value with its unit: "95.8%", "£1,234", "7 hours", "5,120".
pub fn with_unit(value: f64, unit: Unit, decimals: usize) -> String {
    let mut n = number(value, decimals);
    let plural = |one: &'static str, many: &'static str| if value == 1.0 { one } else { many };
    let suffix = match unit {
        Unit::Percent => "%",
        Unit::Gbp if value < 0.0 => return format!("-£{}", &n[1..]),
        Unit::Gbp => {
            n.insert(0, '£');
            return n;
        }
        Unit::Hours => plural(" hour", " hours"),
        Unit::Days => plural(" day", " days"),
        Unit::Minutes => plural(" minute", " minutes"),
        Unit::Count | Unit::Score | Unit::Ratio => "",
    };
    n.push_str(suffix);
    n
}

/// The unit in words, for a table heading.
pub fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Count => "number",
        Unit::Percent => "per cent",
        Unit::Gbp => "pounds (£)",
        Unit::Hours => "hours",
        Unit::Days => "days",
        Unit::Minutes => "minutes",
        Unit::Score => "score",
        Unit::Ratio => "ratio",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_get_separators_and_fixed_decimals() {
        assert_eq!(number(5120.0, 0), "5,120");
        assert_eq!(number(1234567.891, 2), "1,234,567.89");
        assert_eq!(number(95.8, 1), "95.8");
        assert_eq!(number(96.0, 1), "96.0");
        assert_eq!(number(-1500.0, 0), "-1,500");
        assert_eq!(number(-0.001, 1), "0.0");
    }

    #[test]
    fn units() {
        assert_eq!(with_unit(95.8, Unit::Percent, 1), "95.8%");
        assert_eq!(with_unit(300000.0, Unit::Gbp, 0), "£300,000");
        assert_eq!(with_unit(-5.0, Unit::Gbp, 0), "-£5");
        assert_eq!(with_unit(1.0, Unit::Hours, 0), "1 hour");
        assert_eq!(with_unit(7.0, Unit::Hours, 0), "7 hours");
    }

    #[test]
    fn decimals_follow_the_most_precise_value() {
        assert_eq!(decimals_for([96.0, 95.8, 97.15]), 2);
        assert_eq!(decimals_for([5120.0, 300.0]), 0);
        assert_eq!(decimals_for([1.0 / 3.0]), 2);
        assert_eq!(decimals_for([]), 0);
    }
}
