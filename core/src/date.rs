//! Dates and times: lenient parsing, and the wire formats feedrail writes.
//!
//! A **transaction date** is wall-clock time, as Codat treats it: Codat records the date and time
//! as written and ignores any offset, so `2026-07-01T00:30:00+01:00` lands in Sage on 1 July.
//! feedrail keeps it the same way ([`WrittenDate::local`]), orders and checks lines on it, and
//! sends it without an offset (`2026-07-01T00:30:00`). The offset a line carried is kept beside
//! it ([`WrittenDate::offset`]) to warn when one feed mixes offsets, and to convert instants into
//! a named time zone when asked ([`WrittenDate::in_zone`]).
//!
//! **Timestamps** Codat itself produces (`requestedOnUtc`, `modifiedDate`) are instants, parsed
//! into UTC ([`parse_utc`]) and written in RFC 3339 with a `Z`.

use chrono::{
    DateTime, FixedOffset, NaiveDate, NaiveDateTime, Offset, SecondsFormat, TimeZone, Utc,
};

/// A transaction date as written: its wall-clock date and time, and the UTC offset it carried
/// (`None` for `2026-03-01T10:21:00` or `2026-03-01`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WrittenDate {
    /// The date and time as written, offset dropped.
    pub local: NaiveDateTime,
    /// The offset written after it (`Z` is zero).
    pub offset: Option<FixedOffset>,
}

impl WrittenDate {
    /// A date written without an offset.
    pub fn local(local: NaiveDateTime) -> Self {
        WrittenDate {
            local,
            offset: None,
        }
    }

    /// An instant, as a date in UTC with offset `Z`.
    pub fn instant(at: DateTime<Utc>) -> Self {
        WrittenDate {
            local: at.naive_utc(),
            offset: Some(Utc.fix()),
        }
    }

    /// The wall-clock time Codat records: `local` as written, or, when `zone` is given and the
    /// date carried an offset, the instant it names converted to that zone's wall-clock time.
    pub fn in_zone(&self, zone: Option<chrono_tz::Tz>) -> NaiveDateTime {
        match (zone, self.offset) {
            (Some(zone), Some(offset)) => {
                let instant =
                    self.local - chrono::Duration::seconds(offset.local_minus_utc().into());
                zone.from_utc_datetime(&instant).naive_local()
            }
            _ => self.local,
        }
    }
}

/// Parses a transaction date: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, `YYYY-MM-DDTHH:MM:SS[.fraction]`,
/// each date-time optionally followed by `Z` or `±HH:MM`, a space standing for the `T` if need
/// be. `None` for anything else, including impossible dates (`2026-02-30`), a 60th second
/// (`23:59:60`) and the year 0000.
pub fn parse_written(text: &str) -> Option<WrittenDate> {
    if let Some(local) = parse_common(text.as_bytes()) {
        let offset = text.ends_with('Z').then(|| Utc.fix());
        return Some(WrittenDate { local, offset }).filter(plausible);
    }
    let parsed = if text.len() == 10 {
        text.parse::<NaiveDate>()
            .ok()
            .map(|d| WrittenDate::local(d.and_time(chrono::NaiveTime::MIN)))
    } else if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        Some(WrittenDate {
            local: dt.naive_local(),
            offset: Some(*dt.offset()),
        })
    } else {
        const LOCAL_FORMATS: [&str; 4] = [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ];
        LOCAL_FORMATS
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
            .map(WrittenDate::local)
    };
    parsed.filter(plausible)
}

/// Refuses what chrono accepts but no bank statement holds: a leap second and the year 0.
fn plausible(date: &WrittenDate) -> bool {
    use chrono::{Datelike, Timelike};
    date.local.year() >= 1 && date.local.nanosecond() < 1_000_000_000
}

/// The wall-clock time of a transaction date, its offset dropped (as Codat reads it).
pub fn parse_wall_clock(text: &str) -> Option<NaiveDateTime> {
    parse_written(text).map(|d| d.local)
}

/// A named IANA time zone (`Europe/London`), or a `CONFIG` error naming `what`.
pub fn parse_zone(text: &str, what: &str) -> Result<chrono_tz::Tz, crate::Error> {
    text.trim().parse::<chrono_tz::Tz>().map_err(|_| {
        crate::Error::config(format!(
            "{what} must be an IANA time zone such as Europe/London, got {text:?}"
        ))
    })
}

/// The current calendar day in `zone` (UTC when `None`).
pub fn today_in(zone: Option<chrono_tz::Tz>) -> NaiveDate {
    let now = Utc::now();
    match zone {
        Some(zone) => now.with_timezone(&zone).date_naive(),
        None => now.date_naive(),
    }
}

/// Parses an ISO 8601 date or date-time, with or without an offset, into UTC.
///
/// Accepted: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, `YYYY-MM-DDTHH:MM:SS[.fraction]`, each date-time
/// optionally followed by `Z` or `±HH:MM`; a space may stand for the `T`. Returns `None` for
/// anything else, including impossible dates such as `2026-02-30`.
pub fn parse_utc(text: &str) -> Option<DateTime<Utc>> {
    if let Some(fast) = parse_common(text.as_bytes()) {
        return Some(fast.and_utc());
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
fn parse_common(b: &[u8]) -> Option<NaiveDateTime> {
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
    Some(date.and_time(time))
}

/// The calendar day of a date or date-time as written (`2026-03-01`,
/// `2026-03-01T23:00:00-05:00` is 1 March), or a `CONFIG` error naming `what` (e.g. "today").
pub fn parse_day(text: &str, what: &str) -> Result<NaiveDate, crate::Error> {
    parse_wall_clock(text.trim())
        .map(|d| d.date())
        .ok_or_else(|| {
            crate::Error::config(format!(
                "{what} must be a date such as 2026-03-01, got {text:?}"
            ))
        })
}

/// Formats a transaction date the way feedrail sends it: `YYYY-MM-DDTHH:MM:SS`, with a fraction
/// only when the time has one, and no offset (it is wall-clock time).
pub fn format_transaction_date(date: &NaiveDateTime) -> String {
    let mut text = String::with_capacity(29);
    write_transaction_date(date, &mut text);
    text
}

/// [`format_transaction_date`] into `out`, digit by digit (a push writes a thousand dates; a
/// strftime pattern would be parsed again for each).
fn write_transaction_date(date: &NaiveDateTime, out: &mut String) {
    use chrono::{Datelike, Timelike};
    let year = date.year();
    if !(0..=9999).contains(&year) {
        out.push_str(&date.format("%Y-%m-%dT%H:%M:%S%.f").to_string());
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

/// Serde adapter for transaction dates: read as wall-clock time with [`parse_wall_clock`] (an
/// offset is dropped, as Codat drops it), written with [`format_transaction_date`].
pub mod transaction_date {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    /// Writes the date without an offset.
    pub fn serialize<S: Serializer>(date: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        let mut text = String::with_capacity(29);
        write_transaction_date(date, &mut text);
        s.serialize_str(&text)
    }

    /// Reads any form [`parse_written`] accepts.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let text = String::deserialize(d)?;
        parse_wall_clock(&text).ok_or_else(|| D::Error::custom(format!("invalid date {text:?}")))
    }
}

/// Serde adapter for optional transaction dates (`null` or absent is `None`).
pub mod transaction_date_option {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    /// Writes the date without an offset, or `null`.
    pub fn serialize<S: Serializer>(date: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_str(&format_transaction_date(d)),
            None => s.serialize_none(),
        }
    }

    /// Reads `null` or any form [`parse_written`] accepts.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => parse_wall_clock(&text)
                .map(Some)
                .ok_or_else(|| D::Error::custom(format!("invalid date {text:?}"))),
        }
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
    fn transaction_dates_keep_their_wall_clock_time() {
        let d = parse_wall_clock("2026-07-01T00:30:00+01:00").unwrap();
        assert_eq!(
            format_transaction_date(&d),
            "2026-07-01T00:30:00",
            "Codat drops the offset"
        );
        let d = parse_wall_clock("2026-03-01T10:21:00.25Z").unwrap();
        assert_eq!(format_transaction_date(&d), "2026-03-01T10:21:00.250");
        let written = parse_written("2026-07-01T00:30:00+01:00").unwrap();
        assert_eq!(written.offset.map(|o| o.local_minus_utc()), Some(3600));
        assert_eq!(parse_written("2026-07-01T00:30:00").unwrap().offset, None);
        assert_eq!(parse_written("2026-07-01").unwrap().offset, None);
    }

    #[test]
    fn instants_convert_into_a_named_zone() {
        let london = parse_zone("Europe/London", "time_zone").unwrap();
        let summer = parse_written("2026-06-30T23:30:00Z").unwrap();
        assert_eq!(
            format_transaction_date(&summer.in_zone(Some(london))),
            "2026-07-01T00:30:00",
            "BST is UTC+1"
        );
        let winter = parse_written("2026-01-15T23:30:00-05:00").unwrap();
        assert_eq!(
            format_transaction_date(&winter.in_zone(Some(london))),
            "2026-01-16T04:30:00"
        );
        let local = parse_written("2026-06-30T23:30:00").unwrap();
        assert_eq!(
            local.in_zone(Some(london)),
            local.local,
            "a date without an offset is already wall-clock time"
        );
        assert!(parse_zone("Mars/Olympus", "time_zone").is_err());
    }

    #[test]
    fn refuses_leap_seconds_and_year_zero() {
        for bad in [
            "2016-12-31T23:59:60",
            "2016-12-31T23:59:60Z",
            "0000-01-01",
            "0000-01-01T00:00:00",
        ] {
            assert!(parse_written(bad).is_none(), "{bad:?}");
        }
        assert!(parse_written("0001-01-01").is_some());
    }

    #[test]
    fn a_day_is_read_as_written() {
        let day = parse_day("2026-03-01T23:00:00-05:00", "today").unwrap();
        assert_eq!(day.to_string(), "2026-03-01");
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
        ];
        for text in dates {
            let date = parse_wall_clock(text).unwrap();
            let chrono = date.format("%Y-%m-%dT%H:%M:%S%.f").to_string();
            assert_eq!(format_transaction_date(&date), chrono, "{text}");
        }
    }
}
