//! Exact decimal money: parsing wire text into [`Decimal`] without any float round trip.
//!
//! Amounts and balances are held as [`rust_decimal::Decimal`] (28 significant digits, scale up
//! to 28) and go on the wire as JSON numbers with exactly the digits they were given: `0.1` stays
//! `0.1`, `0.10` stays `0.10`, `12345678901234.56` stays exact.

use rust_decimal::Decimal;

/// Why a piece of text is not an acceptable money amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// The text is not a decimal number (`"abc"`, `"1,000"`, `"NaN"`, `""`).
    NotANumber,
    /// The number is well formed but cannot be held exactly: more than 28 significant digits,
    /// more than 28 decimal places, or larger than 79228162514264337593543950335.
    OutOfRange,
}

/// Parses a decimal number exactly.
///
/// Accepts the JSON number grammar: an optional `-`, digits, an optional fraction and an optional
/// exponent (`12`, `-0.50`, `1.5e3`, `2E-2`). Anything that would need rounding is refused with
/// [`MoneyError::OutOfRange`] rather than silently changed.
pub fn parse_decimal(text: &str) -> Result<Decimal, MoneyError> {
    let (mantissa, exponent) = split_number(text).ok_or(MoneyError::NotANumber)?;
    let value = Decimal::from_str_exact(mantissa).map_err(|_| MoneyError::OutOfRange)?;
    match exponent {
        None => Ok(value),
        Some(exp) => scale_by_power_of_ten(value, exp),
    }
}

/// A binary float as the shortest decimal that reads back as the same float: `0.1` is exactly
/// `0.1`, `100.0` is `100`. NaN and infinities are [`MoneyError::NotANumber`].
pub fn decimal_from_f64(value: f64) -> Result<Decimal, MoneyError> {
    if !value.is_finite() {
        return Err(MoneyError::NotANumber);
    }
    if value.abs() < 1e12 {
        // Most money has at most two decimals. When `cents / 100` reads back as `value`, it is
        // the shortest decimal that does: any other with at most two places is 0.01 or more
        // away, far beyond a float's precision at this size.
        let cents = (value * 100.0).round();
        if cents / 100.0 == value {
            return Ok(Decimal::new(cents as i64, 2).normalize());
        }
    }
    shortest(value)
}

/// The general path of [`decimal_from_f64`]: ryu's shortest digits (ties to even, as JavaScript
/// and Python print floats), without the `.0` or exponent scale of its text (`100.0`, `1.5e16`).
fn shortest(value: f64) -> Result<Decimal, MoneyError> {
    let mut buffer = ryu::Buffer::new();
    parse_decimal(buffer.format_finite(value)).map(|d| d.normalize())
}

/// Splits `text` into mantissa and exponent after checking it against the JSON number grammar.
fn split_number(text: &str) -> Option<(&str, Option<i64>)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    if bytes.first() == Some(&b'-') {
        i += 1;
    }
    let int_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    if i == int_start {
        return None;
    }
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == frac_start {
            return None;
        }
    }
    let mantissa = &text[..i];
    if i == bytes.len() {
        return Some((mantissa, None));
    }
    if bytes[i] != b'e' && bytes[i] != b'E' {
        return None;
    }
    let exp_text = &text[i + 1..];
    let digits = exp_text.strip_prefix(['+', '-']).unwrap_or(exp_text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Exponents beyond any representable scale saturate; the range check below refuses them.
    let exponent = exp_text
        .parse::<i64>()
        .unwrap_or(if exp_text.starts_with('-') {
            i64::MIN
        } else {
            i64::MAX
        });
    Some((mantissa, Some(exponent)))
}

/// Multiplies `value` by `10^exp` exactly, or reports that the result cannot be held.
fn scale_by_power_of_ten(value: Decimal, exp: i64) -> Result<Decimal, MoneyError> {
    if value.is_zero() {
        return Ok(value);
    }
    if exp >= 0 {
        let mut result = value;
        for _ in 0..exp.min(29) {
            result = result
                .checked_mul(Decimal::TEN)
                .ok_or(MoneyError::OutOfRange)?;
        }
        if exp > 29 {
            return Err(MoneyError::OutOfRange);
        }
        Ok(result)
    } else {
        let scale = i64::from(value.scale()) + exp.unsigned_abs().min(64) as i64;
        if scale > i64::from(Decimal::MAX_SCALE) {
            return Err(MoneyError::OutOfRange);
        }
        let mut result = value;
        result
            .set_scale(scale as u32)
            .map_err(|_| MoneyError::OutOfRange)?;
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_exact_digits() {
        assert_eq!(parse_decimal("0.1").unwrap().to_string(), "0.1");
        assert_eq!(parse_decimal("0.10").unwrap().to_string(), "0.10");
        assert_eq!(
            parse_decimal("12345678901234.56").unwrap().to_string(),
            "12345678901234.56"
        );
        assert_eq!(parse_decimal("-7").unwrap().to_string(), "-7");
    }

    #[test]
    fn scientific_notation_is_exact() {
        assert_eq!(parse_decimal("1.5e3").unwrap().to_string(), "1500.0");
        assert_eq!(parse_decimal("25E-3").unwrap().to_string(), "0.025");
        assert_eq!(parse_decimal("0e999").unwrap().to_string(), "0");
        assert_eq!(parse_decimal("1e400"), Err(MoneyError::OutOfRange));
        assert_eq!(parse_decimal("1e-29"), Err(MoneyError::OutOfRange));
    }

    #[test]
    fn floats_count_as_their_shortest_decimal() {
        for (f, text) in [
            (0.1, "0.1"),
            (-1.25, "-1.25"),
            (100.0, "100"),
            (-0.0, "0"),
            (1e-7, "0.0000001"),
            (1.5e16, "15000000000000000"),
            (123456.789e3, "123456789"),
            // Exactly 884812932564.40625: a tie between two shortest forms, broken to even.
            (884_812_932_564.406_3, "884812932564.4062"),
        ] {
            assert_eq!(decimal_from_f64(f).unwrap().to_string(), text);
        }
        assert_eq!(decimal_from_f64(1e300), Err(MoneyError::OutOfRange));
        // The two-decimal shortcut agrees with the general path.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for i in 0..50_000i64 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let cents = (seed % 2_000_000_000_000) as i64 - 1_000_000_000_000;
            for f in [
                cents as f64 / 100.0,
                i as f64 * 0.07,
                f64::from_bits(seed) % 1e12,
            ] {
                if f.is_finite() {
                    let general = shortest(f).map(|d| d.to_string());
                    let got = decimal_from_f64(f).map(|d| d.to_string());
                    assert_eq!(got, general, "{f:?}");
                }
            }
        }
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(decimal_from_f64(bad), Err(MoneyError::NotANumber));
        }
    }

    #[test]
    fn refuses_what_it_cannot_hold() {
        assert_eq!(
            parse_decimal("79228162514264337593543950336"),
            Err(MoneyError::OutOfRange)
        );
        assert_eq!(
            parse_decimal("0.00000000000000000000000000001"),
            Err(MoneyError::OutOfRange)
        );
        for bad in [
            "", "-", "abc", "1,000", "1_000", "NaN", "inf", " 1", "1.", ".5", "+1", "1e",
        ] {
            assert_eq!(parse_decimal(bad), Err(MoneyError::NotANumber), "{bad:?}");
        }
    }
}
