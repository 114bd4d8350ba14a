//! `feedrail` for Node: the core's rules and client behind a Promise API. The bindings convert
//! types and map errors; every rule lives in the core.

use chrono::NaiveDate;
use feedrail::{AccountCursor, Profile, ValidationContext, check_records};
use napi::{Error, Status};
use napi_derive::napi;
use serde_json::Value;

/// Options of `validate`.
#[napi(object)]
pub struct ValidateOptions {
    /// What is already on the account: `latestDate`, `latestId`, `lastBalance`, `recentIds`,
    /// `accountStatus`.
    pub cursor: Option<Value>,
    /// The UTC day to validate against, `YYYY-MM-DD` (default: today).
    pub today: Option<String>,
    /// `"sage"` (default) or `"generic"`.
    pub profile: Option<String>,
}

fn config(message: String) -> Error {
    Error::new(Status::InvalidArg, message)
}

/// Checks records against a rule profile without sending anything; returns the report
/// (`checked`, `errors`, `warnings`, `validIndices`).
#[napi]
pub fn validate(records: Vec<Value>, options: Option<ValidateOptions>) -> napi::Result<Value> {
    let (cursor, today, profile) = match options {
        Some(o) => (o.cursor, o.today, o.profile),
        None => (None, None, None),
    };
    let cursor: AccountCursor = match cursor {
        None | Some(Value::Null) => AccountCursor::default(),
        Some(c) => {
            serde_json::from_value(c).map_err(|e| config(format!("cursor is not valid: {e}")))?
        }
    };
    let name = profile.unwrap_or_else(|| "sage".to_owned());
    let profile = Profile::by_name(&name).ok_or_else(|| {
        config(format!(
            "unknown profile {name:?}; use \"sage\" or \"generic\""
        ))
    })?;
    let mut ctx = ValidationContext::new(&profile, &cursor);
    if let Some(day) = today {
        let day: NaiveDate = day
            .get(..10)
            .and_then(|d| d.parse().ok())
            .ok_or_else(|| config(format!("today must be YYYY-MM-DD, got {day:?}")))?;
        ctx = ctx.on(day);
    }
    let checked = check_records(&records, &ctx);
    let mut report = serde_json::to_value(&checked.report).map_err(|e| {
        Error::new(
            Status::GenericFailure,
            format!("cannot convert the report: {e}"),
        )
    })?;
    report["validIndices"] = Value::from(checked.indices);
    Ok(report)
}
