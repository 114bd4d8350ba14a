//! feedrail for the JVM: the core client, feeds, validation and the sandbox exported through
//! uniffi. Kotlin gets `suspend` functions and data classes (generated from the core's types);
//! the Java facade and the error accessors are Kotlin written around them. Every value that has
//! a schema in the core crosses as JSON and is read into its generated class on the Kotlin side,
//! so no rule, field or default is restated here.

uniffi::setup_scaffolding!("feedrail");

mod client;
mod errors;
mod json;
mod packed;
mod runtime;
mod sandbox;
mod webhooks;
mod worker;

pub use client::{Client, CompanyIterator, FeedOutcome, ProgressListener, PushOperationIterator};
pub use errors::FeedrailError;
pub use json::*;
pub use packed::Transactions;
pub use sandbox::Sandbox;
pub use webhooks::WebhookVerifier;
pub use worker::Worker;

/// Every error code the core defines, in its order.
#[uniffi::export]
pub fn error_codes() -> Vec<String> {
    feedrail::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}

/// The version of the native library (the workspace's).
#[uniffi::export]
pub fn native_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Checks `records` against a rule profile without sending anything: the report of every line
/// (`checked`, `errors`, `warnings`, `validIndices`). `cursor` is the account's last pushed line
/// (null: an empty account); `today` is `YYYY-MM-DD` (default: today in `time_zone`, or UTC).
#[uniffi::export(default(options = None))]
pub fn validate(
    records: Transactions,
    options: Option<ValidateOptions>,
) -> Result<ValidationReport, FeedrailError> {
    errors::guarded(|| check(records.borrowed()?, options))
}

/// The report of `lines` under `options`.
fn check(
    lines: feedrail::Lines<'_>,
    options: Option<ValidateOptions>,
) -> Result<ValidationReport, feedrail::Error> {
    let options = options
        .map(ValidateOptions::read)
        .transpose()?
        .unwrap_or_default();
    let validated = feedrail_bindings::validate(
        &feedrail_bindings::Records::Lines(lines),
        options.cursor.unwrap_or(serde_json::Value::Null),
        options.today.as_deref(),
        options.profile.as_deref(),
        options.time_zone.as_deref(),
    )?;
    ValidationReport::of(&validated)
}

/// `validate` of records given as JSON text (an array of objects), as they arrive from a file
/// or another service: wrong types, NaN and numbers too wide for a decimal are reported per
/// line and field.
#[uniffi::export(default(options = None))]
pub fn validate_json(
    records: String,
    options: Option<ValidateOptions>,
) -> Result<ValidationReport, FeedrailError> {
    errors::guarded(|| check(feedrail::Lines::from_json_text(&records)?, options))
}
