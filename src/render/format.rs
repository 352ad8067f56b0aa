//! Numbers, units and dates as a resident reads them: "95.8%", "5,120", "£1,234", "7 hours",
//! "31 December 2019". Pure functions of the model.

use crate::model::metric::Unit;

/// How many decimal places to show for a set of values: as many as the most precise value
/// was written with (at most 2), so a column of figures lines up.
pub(crate) fn decimals_for(values: impl IntoIterator<Item = f64>) -> usize {
    let mut most = 0;
    for value in values {
        most = most.max(decimals_of(value));
        if most == 2 {
            break;
        }
    }
    most
}

/// How many decimals (up to 2) the shortest text that reads back as `value` has: what
/// `format!("{value}")` shows, found without writing it. A number with one decimal `k / 10`
/// reads back as `value` exactly when dividing `k` by 10 gives `value`, since both round the
/// same real number to the nearest float.
fn decimals_of(value: f64) -> usize {
    if !(value.is_finite() && value.abs() < 1e12) {
        let text = format!("{value}");
        return text
            .split_once('.')
            .map_or(0, |(_, frac)| frac.len())
            .min(2);
    }
    if value.fract() == 0.0 {
        0
    } else if (value * 10.0).round() / 10.0 == value {
        1
    } else {
        2
    }
}

/// A number with thousands separators and fixed decimals: 5120.0 -> "5,120".
pub(crate) fn number(value: f64, decimals: usize) -> String {
    let (whole, frac) = match fixed_digits(value.abs(), decimals) {
        Some(digits) => digits,
        None => {
            let text = format!("{:.*}", decimals, value.abs());
            match text.split_once('.') {
                Some((whole, frac)) => (whole.to_string(), Some(frac.to_string())),
                None => (text, None),
            }
        }
    };
    let frac_digits = frac.as_deref().unwrap_or_default();
    let negative = value < 0.0 && (whole.bytes().chain(frac_digits.bytes())).any(|b| b != b'0');
    let mut out = String::with_capacity(whole.len() + frac_digits.len() + whole.len() / 3 + 2);
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
        out.push_str(&frac);
    }
    out
}

/// The whole and decimal digits of `format!("{:.*}", decimals, value)` for a non-negative
/// `value`, by integer arithmetic, when that is sure to round as the formatter does (exact
/// decimal expansion, ties to even): the scaled value is small enough that its rounding
/// error is far below 1e-6, and it is not within 1e-6 of a tie. `None` otherwise.
fn fixed_digits(value: f64, decimals: usize) -> Option<(String, Option<String>)> {
    let scale = [1.0, 10.0, 100.0, 1000.0].get(decimals)?;
    let scaled = value * scale;
    if scaled.is_nan() || scaled >= 1e9 || (scaled.fract() - 0.5).abs() < 1e-6 {
        return None;
    }
    // Below 1e9, the cast is exact.
    let rounded = scaled.round() as u64;
    let divisor = 10u64.pow(decimals as u32);
    let frac = (decimals > 0).then(|| format!("{:0width$}", rounded % divisor, width = decimals));
    Some(((rounded / divisor).to_string(), frac))
}

/// A value with its unit: "95.8%", "£1,234", "7 hours", "5,120".
pub(crate) fn with_unit(value: f64, unit: Unit, decimals: usize) -> String {
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

/// `text` with its first letter in capitals: "not known" -> "Not known".
pub(crate) fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// The unit in words, for a table heading.
pub(crate) fn unit_name(unit: Unit) -> &'static str {
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

    /// Many values of every magnitude, near ties and awkward binary fractions, against the
    /// standard formatter the shortcuts stand in for.
    #[test]
    fn the_shortcuts_format_as_the_standard_formatter_does() {
        let reference_decimals = |v: f64| {
            let text = format!("{v}");
            text.split_once('.')
                .map_or(0, |(_, frac)| frac.len())
                .min(2)
        };
        let reference_number = |v: f64, d: usize| {
            let text = format!("{:.*}", d, v.abs());
            let negative = v < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
            format!("{}{}", if negative { "-" } else { "" }, text)
        };
        let mut random = crate::test_random::Xorshift::new(0x9E37_79B9_7F4A_7C15);
        let mut next = || random.next_u64();
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            1.005,
            2.675,
            0.045,
            1e-7,
            123456789.5,
            999999999.995,
            1e9,
            1e12,
            1e21,
            -0.004,
            -0.005,
            f64::NAN,
            f64::INFINITY,
        ];
        for _ in 0..200_000 {
            let r = next();
            let v = match r % 4 {
                0 => (r >> 8) as f64 / 1000.0 % 1e7,
                1 => ((r >> 8) % 100_000) as f64 / 100.0 + 0.005,
                2 => f64::from_bits(r) % 1e10,
                _ => ((r >> 8) % 10_000) as f64 / 8.0,
            };
            values.push(if r & 1 << 60 == 0 { v } else { -v });
        }
        for v in values {
            assert_eq!(decimals_of(v), reference_decimals(v), "decimals of {v:e}");
            for d in 0..4 {
                let ours = number(v, d).replace(',', "");
                assert_eq!(ours, reference_number(v, d), "{v:e} to {d} decimals");
            }
        }
    }
}
