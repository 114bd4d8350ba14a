//! Dates and times: lenient parsing into UTC, and the wire formats feedrail writes.
//!
//! feedrail holds every date as a UTC instant:
//! - `2026-03-01` is midnight UTC that day;
//! - `2026-03-01T10:21:00` (no offset) is taken as UTC;
//! - `2026-03-01T10:21:00+02:00` is converted to UTC (`08:21:00Z`).
//!
//! Transaction dates go on the wire without an offset (`2026-03-01T08:21:00`), as Codat
//! recommends: Codat treats them as local and ignores offsets, so the UTC wall-clock time is what
//! lands in Sage. Timestamps that Codat itself produces (`requestedOnUtc`, `modifiedDate`) are
//! written in RFC 3339 with a `Z`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

/// Parses an ISO 8601 date or date-time, with or without an offset, into UTC.
///
/// Accepted: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, `YYYY-MM-DDTHH:MM:SS[.fraction]`, each date-time
/// optionally followed by `Z` or `±HH:MM`; a space may stand for the `T`. Returns `None` for
/// anything else, including impossible dates such as `2026-02-30`.
pub fn parse_utc(text: &str) -> Option<DateTime<Utc>> {
    if let Some(fast) = parse_common(text.as_bytes()) {
        return Some(fast);
    }
    if text.len() == 10 {
        return text
            .parse::<NaiveDate>()
            .ok()
            .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc());
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.with_timezone(&Utc));
    }
    const LOCAL_FORMATS: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ];
    LOCAL_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .map(|n| n.and_utc())
}

/// The two forms most feeds use, `YYYY-MM-DDTHH:MM:SS` and the same with `Z`, read without
/// chrono's format interpreter (chrono still checks the values). `None` for anything else, which
/// then takes the general path.
fn parse_common(b: &[u8]) -> Option<DateTime<Utc>> {
    let b = match b.len() {
        19 => b,
        20 if b[19] == b'Z' => &b[..19],
        _ => return None,
    };
    if b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
    let time = chrono::NaiveTime::from_hms_opt(num(11..13)?, num(14..16)?, num(17..19)?)?;
    Some(date.and_time(time).and_utc())
}

/// The UTC calendar day of a date or date-time (`2026-03-01`, `2026-03-01T10:00:00+02:00`), or a
/// `CONFIG` error naming `what` (e.g. "today").
pub fn parse_day(text: &str, what: &str) -> Result<NaiveDate, crate::Error> {
    parse_utc(text.trim())
        .map(|d| d.date_naive())
        .ok_or_else(|| {
            crate::Error::config(format!(
                "{what} must be a date such as 2026-03-01, got {text:?}"
            ))
        })
}

/// Formats a transaction date the way feedrail sends it: `YYYY-MM-DDTHH:MM:SS`, with a fraction
/// only when the time has one, and no offset (the value is UTC).
pub fn format_transaction_date(date: &DateTime<Utc>) -> String {
    let mut text = String::with_capacity(29);
    write_transaction_date(date, &mut text);
    text
}

/// [`format_transaction_date`] into `out`, digit by digit (a push writes a thousand dates; a
/// strftime pattern would be parsed again for each).
fn write_transaction_date(date: &DateTime<Utc>, out: &mut String) {
    use chrono::{Datelike, Timelike};
    let year = date.year();
    if !(0..=9999).contains(&year) {
        out.push_str(&date.naive_utc().format("%Y-%m-%dT%H:%M:%S%.f").to_string());
        return;
    }
    fn digits(out: &mut String, value: u32, width: u32) {
        for place in (0..width).rev() {
            out.push(char::from(b'0' + (value / 10u32.pow(place) % 10) as u8));
        }
    }
    digits(out, year as u32, 4);
    out.push('-');
    digits(out, date.month(), 2);
    out.push('-');
    digits(out, date.day(), 2);
    out.push('T');
    digits(out, date.hour(), 2);
    out.push(':');
    digits(out, date.minute(), 2);
    out.push(':');
    // A leap second is carried in the nanoseconds (as 60 seconds by chrono's own format).
    let nanos = date.nanosecond();
    digits(out, date.second() + nanos / 1_000_000_000, 2);
    let fraction = nanos % 1_000_000_000;
    if fraction == 0 {
        return;
    }
    out.push('.');
    if fraction.is_multiple_of(1_000_000) {
        digits(out, fraction / 1_000_000, 3);
    } else if fraction.is_multiple_of(1_000) {
        digits(out, fraction / 1_000, 6);
    } else {
        digits(out, fraction, 9);
    }
}

/// Formats a timestamp in RFC 3339 with a `Z`, as Codat writes `requestedOnUtc`.
pub fn format_timestamp(date: &DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Serde adapter for transaction dates: parsed with [`parse_utc`], written with
/// [`format_transaction_date`].
pub mod transaction_date {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    /// Writes the date without an offset.
    pub fn serialize<S: Serializer>(date: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        let mut text = String::with_capacity(29);
        write_transaction_date(date, &mut text);
        s.serialize_str(&text)
    }

    /// Reads any form [`parse_utc`] accepts.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(d)?;
        parse_utc(&text).ok_or_else(|| D::Error::custom(format!("invalid date {text:?}")))
    }
}

/// Serde adapter for timestamps: parsed with [`parse_utc`], written with [`format_timestamp`].
pub mod timestamp {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    /// Writes RFC 3339 with `Z`.
    pub fn serialize<S: Serializer>(date: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_timestamp(date))
    }

    /// Reads any form [`parse_utc`] accepts.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(d)?;
        parse_utc(&text).ok_or_else(|| D::Error::custom(format!("invalid timestamp {text:?}")))
    }
}

/// Serde adapter for optional timestamps (`null` or absent is `None`).
pub mod timestamp_option {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    /// Writes RFC 3339 with `Z`, or `null`.
    pub fn serialize<S: Serializer>(date: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_str(&format_timestamp(d)),
            None => s.serialize_none(),
        }
    }

    /// Reads `null` or any form [`parse_utc`] accepts.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => parse_utc(&text)
                .map(Some)
                .ok_or_else(|| D::Error::custom(format!("invalid timestamp {text:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> String {
        format_timestamp(&parse_utc(text).expect(text))
    }

    #[test]
    fn parses_every_accepted_form_into_utc() {
        assert_eq!(utc("2026-03-01"), "2026-03-01T00:00:00Z");
        assert_eq!(utc("2026-03-01T10:21"), "2026-03-01T10:21:00Z");
        assert_eq!(utc("2026-03-01T10:21:00"), "2026-03-01T10:21:00Z");
        assert_eq!(utc("2026-03-01 10:21:00.5"), "2026-03-01T10:21:00.500Z");
        assert_eq!(utc("2026-03-01T10:21:00Z"), "2026-03-01T10:21:00Z");
        assert_eq!(utc("2026-03-01T01:21:00+02:00"), "2026-02-28T23:21:00Z");
        assert_eq!(
            utc("2023-09-12T18:19:40.1234567Z"),
            "2023-09-12T18:19:40.123456700Z"
        );
    }

    #[test]
    fn fast_path_agrees_with_the_general_one() {
        for text in [
            "2026-03-01T10:21:00",
            "2026-03-01T10:21:00Z",
            "2024-02-29T23:59:59",
        ] {
            let general =
                NaiveDateTime::parse_from_str(text.trim_end_matches('Z'), "%Y-%m-%dT%H:%M:%S")
                    .unwrap()
                    .and_utc();
            assert_eq!(parse_utc(text), Some(general));
        }
        for bad in [
            "2026-02-30T10:21:00",
            "2026-03-01T24:00:00",
            "2026-03-01T10:21:0x",
            "2026-03-01T10:61:00Z",
        ] {
            assert!(parse_utc(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn refuses_nonsense() {
        for bad in [
            "",
            "2026-02-30",
            "yesterday",
            "2026/03/01",
            "2026-03-01T25:00:00",
            "20260301",
        ] {
            assert!(parse_utc(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn transaction_dates_go_out_without_offset() {
        let d = parse_utc("2026-03-01T10:21:00+01:00").unwrap();
        assert_eq!(format_transaction_date(&d), "2026-03-01T09:21:00");
        let d = parse_utc("2026-03-01T10:21:00.25Z").unwrap();
        assert_eq!(format_transaction_date(&d), "2026-03-01T10:21:00.250");
    }
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn transaction_dates_are_written_as_chrono_writes_them() {
        let dates = [
            "2026-01-01T00:00:00Z",
            "2026-12-31T23:59:59.5Z",
            "0001-02-03T04:05:06.123Z",
            "2026-07-01T00:30:00.000001Z",
            "2026-07-01T00:30:00.123456789Z",
            "9999-12-31T23:59:59.999Z",
            "2016-12-31T23:59:60Z",
        ];
        for text in dates {
            let date = parse_utc(text).unwrap();
            let chrono = date.naive_utc().format("%Y-%m-%dT%H:%M:%S%.f").to_string();
            assert_eq!(format_transaction_date(&date), chrono, "{text}");
        }
    }
}
