//! `validate`: the core's rules on JS records, without sending anything.

use feedrail_bindings::Records;
use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;
use serde_json::Value;

use crate::args::{Opts, read_options};
use crate::client::lines;
use crate::errors::{guard, internal, to_js};
use crate::options::{ValidateOptions, day_text};
use crate::types::Output;

/// Checks records against a rule profile without sending anything; returns the report
/// (`checked`, `errors`, `warnings`, `validIndices`).
#[napi(ts_return_type = "ValidationReport")]
pub fn validate(
    env: Env,
    #[napi(ts_arg_type = "Iterable<TransactionInput> | Uint8Array")] records: Unknown<'_>,
    #[napi(ts_arg_type = "ValidateOptions")] options: Option<Opts<ValidateOptions>>,
) -> napi::Result<Output> {
    guard(&env, || {
        let options = read_options(&env, options, "options")?;
        let mut text = String::new();
        // Arrow IPC bytes are checked in place, their rows read as they are checked.
        let records = match crate::arrow::batches(&env, &records, "records")? {
            Some(batches) => Records::Arrow(batches),
            None => Records::Lines(lines(&env, records, "records", &mut text)?),
        };
        let (cursor, today, profile, time_zone) = match options {
            Some(o) => (o.cursor, o.today, o.profile, o.time_zone),
            None => (None, None, None, None),
        };
        let today = today.map(day_text);
        let validated = feedrail_bindings::validate(
            &records,
            cursor.unwrap_or(Value::Null),
            today.as_deref(),
            profile.as_deref(),
            time_zone.as_deref(),
        )
        .map_err(|e| to_js(&env, e))?;
        Output::serialized(&validated).map_err(|e| internal(&env, e.reason))
    })
}
