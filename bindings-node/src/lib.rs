//! `feedrail` for Node: the core's rules and client behind a Promise API. The bindings convert
//! types and map errors; every rule lives in the core.

use feedrail::date::parse_day;
use feedrail::{AccountCursor, Profile, ValidationContext, check_records};
use napi::Error;
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

/// A core error as a JS error whose `code` is the core's stable code.
fn js_error(e: feedrail::Error) -> Error<String> {
    Error::new(e.code().as_str().to_owned(), e.to_string())
}

/// Checks records against a rule profile without sending anything; returns the report
/// (`checked`, `errors`, `warnings`, `validIndices`).
#[napi]
pub fn validate(
    records: Vec<Value>,
    options: Option<ValidateOptions>,
) -> Result<Value, Error<String>> {
    let options = options.unwrap_or(ValidateOptions {
        cursor: None,
        today: None,
        profile: None,
    });
    let cursor =
        AccountCursor::from_json(options.cursor.unwrap_or(Value::Null)).map_err(js_error)?;
    let profile = Profile::named(options.profile.as_deref().unwrap_or("sage")).map_err(js_error)?;
    let mut ctx = ValidationContext::new(&profile, &cursor);
    if let Some(day) = options.today {
        ctx = ctx.on(parse_day(&day, "today").map_err(js_error)?);
    }
    serde_json::to_value(check_records(&records, &ctx)).map_err(|e| {
        js_error(feedrail::Error::Internal {
            message: format!("cannot convert the report: {e}"),
        })
    })
}
