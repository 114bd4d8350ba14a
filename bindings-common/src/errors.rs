//! What every feedrail error carries besides its message, defined once: Node sets these
//! properties on its `FeedrailError`, Python the same attributes (in snake_case) on its
//! exceptions, and both packages' types are generated from this struct.

use feedrail::{Error, ErrorCode, FeedReport, Issue, ValidationItem};
use schemars::JsonSchema;
use serde::Serialize;

/// The findings an error carries.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ErrorIssues {
    /// feedrail's validation findings (`VALIDATION`).
    Findings(Vec<Issue>),
    /// Codat's validation messages (a refused request, `PUSH_FAILED`).
    Codat(Vec<ValidationItem>),
}

/// The properties of a `FeedrailError` besides its message.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(rename = "FeedrailErrorDetails")]
pub struct ErrorDetails {
    /// The stable code: the same in Rust, Python and Node; switch on it.
    pub code: ErrorCode,
    /// The HTTP status, when Codat answered.
    pub status: Option<u16>,
    /// Codat's correlation id, for support.
    pub correlation_id: Option<String>,
    /// Whether trying again later may succeed.
    pub retryable: bool,
    /// Seconds Codat asked to wait, when it did.
    pub retry_after: Option<f64>,
    /// Validation findings (`VALIDATION`) or Codat's validation messages (`PUSH_FAILED`).
    pub issues: ErrorIssues,
    /// What landed before a feed stopped.
    pub report: Option<FeedReport>,
}

impl ErrorDetails {
    /// The details of `error`.
    pub fn of(error: &Error) -> Self {
        ErrorDetails {
            code: error.code(),
            status: error.status(),
            correlation_id: error.correlation_id().map(str::to_owned),
            retryable: error.retryable(),
            retry_after: error.retry_after().map(|d| d.as_secs_f64()),
            issues: match error.report() {
                Some(report) => ErrorIssues::Findings(report.errors.clone()),
                None => ErrorIssues::Codat(error.validation_items().to_vec()),
            },
            report: error.feed_report().cloned(),
        }
    }
}
