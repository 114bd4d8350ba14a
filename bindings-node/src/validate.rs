//! `validate`: the core's rules on JS records, without sending anything.

use feedrail::date::parse_day;
use feedrail::{AccountCursor, Profile, ValidationContext, check_records};
use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;
use serde_json::Value;

use crate::client::records;
use crate::errors::{internal, to_js};
use crate::options::{ValidateOptions, day_text};
use crate::types::{Output, to_js_value};

/// Checks records against a rule profile without sending anything; returns the report
/// (`checked`, `errors`, `warnings`, `validIndices`).
#[napi(ts_return_type = "Report")]
pub fn validate(
    env: Env,
    #[napi(ts_arg_type = "TransactionInput[]")] records: Unknown<'_>,
    options: Option<ValidateOptions>,
) -> napi::Result<Output> {
    let lines = self::records(&env, records, "records")?;
    let (cursor, today, profile) = match options {
        Some(o) => (o.cursor, o.today, o.profile),
        None => (None, None, None),
    };
    let cursor =
        AccountCursor::from_json(cursor.unwrap_or(Value::Null)).map_err(|e| to_js(&env, e))?;
    let profile =
        Profile::named(profile.as_deref().unwrap_or("sage")).map_err(|e| to_js(&env, e))?;
    let day = today
        .map(|d| parse_day(&day_text(d), "today"))
        .transpose()
        .map_err(|e| to_js(&env, e))?;
    let validated = std::panic::catch_unwind(|| {
        let mut ctx = ValidationContext::new(&profile, &cursor);
        if let Some(d) = day {
            ctx = ctx.on(d);
        }
        serde_json::to_value(check_records(&lines, &ctx))
    })
    .map_err(|_| {
        internal(
            &env,
            "feedrail panicked while validating; please report this",
        )
    })?
    .map_err(|e| internal(&env, format!("cannot convert the report: {e}")))?;
    if lines.len() > 10_000 {
        // Freeing 100k parsed rows takes tens of milliseconds: not on Node's thread.
        std::thread::spawn(move || drop(lines));
    }
    Ok(to_js_value(validated))
}
