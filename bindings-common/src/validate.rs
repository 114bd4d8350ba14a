//! `validate` as every language package offers it: records, a cursor and a day as the user gives
//! them, read by the core.

use feedrail::date::parse_day;
use feedrail::{AccountCursor, Error, Lines, Profile, Validated, ValidationContext, check_lines};

use crate::arrow::{RecordBatch, check_batches};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

/// The options of `validate`, for a binding that reads them as JSON.
#[derive(Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "ValidateOptions")]
pub struct ValidateSettings {
    /// What the account holds already, in wire spelling (default: an empty account).
    #[schemars(with = "Option<feedrail::AccountCursor>")]
    pub cursor: Option<Value>,
    /// The day to validate against, `YYYY-MM-DD` (default: today in `time_zone`, or in UTC).
    pub today: Option<String>,
    /// Rule profile, `"sage"` (default) or `"generic"`.
    pub profile: Option<String>,
    /// IANA zone that dates with an offset are converted into (default: kept as written).
    pub time_zone: Option<String>,
}

/// What `validate` checks: lines already read, or Arrow batches whose rows are read as they are
/// checked (no lines kept).
pub enum Records<'a> {
    /// Records read into the core's lines.
    Lines(Lines<'a>),
    /// An Arrow table's batches.
    Arrow(Vec<RecordBatch>),
}

/// Checks `records` against the profile named `profile` (default `sage`), after `cursor` (wire
/// JSON; null is an empty account), on the day `today` (text; default today in `time_zone`, or
/// in UTC), dates with an offset converted into `time_zone` when given. The bindings call it
/// under their panic guard.
pub fn validate(
    records: &Records<'_>,
    cursor: Value,
    today: Option<&str>,
    profile: Option<&str>,
    time_zone: Option<&str>,
) -> Result<Validated, Error> {
    let cursor = AccountCursor::from_json(cursor)?;
    let profile = Profile::named(profile.unwrap_or("sage"))?;
    let day = today.map(|d| parse_day(d, "today")).transpose()?;
    let mut ctx =
        ValidationContext::new(&profile, &cursor).in_zone(crate::settings::zone(time_zone)?);
    if let Some(d) = day {
        ctx = ctx.on(d);
    }
    match records {
        Records::Lines(lines) => Ok(check_lines(lines, &ctx)),
        Records::Arrow(batches) => check_batches(batches, &ctx),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cursor_day_and_profile_through_the_core() {
        let line = serde_json::json!({"id": "a", "date": "2026-01-02T10:00:00", "description": "x",
            "amount": "-1", "balance": "9", "transactionType": "Debit"});
        let lines = Records::Lines(Lines::from_json(std::slice::from_ref(&line)));
        let ok = validate(&lines, Value::Null, Some("2026-01-02"), None, None).unwrap();
        assert!(ok.report.errors.is_empty());
        let future = validate(&lines, Value::Null, Some("2026-01-01"), None, None).unwrap();
        assert_eq!(future.report.errors[0].code.as_str(), "FUTURE_DATE");
        for (cursor, today, profile) in [
            (serde_json::json!({"latestDate": "nope"}), None, None),
            (Value::Null, Some("tomorrow"), None),
            (Value::Null, None, Some("xero")),
        ] {
            let e = validate(
                &Records::Lines(Lines::default()),
                cursor,
                today,
                profile,
                None,
            )
            .unwrap_err();
            assert_eq!(e.code().as_str(), "CONFIG", "{e}");
        }
        let zone = validate(&lines, Value::Null, None, None, Some("Mars/Olympus")).unwrap_err();
        assert!(zone.to_string().contains("time_zone"), "{zone}");
    }
}
