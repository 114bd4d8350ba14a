//! Push operations: Codat's record of one asynchronous write.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a push operation stands. `Pending` is the only non-final status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum PushStatus {
    /// Accepted; Sage has not finished with it.
    Pending,
    /// Refused; nothing was written. See `validation.errors`.
    Failed,
    /// Written to the target account.
    Success,
    /// Not finished within `timeoutInMinutes`; the data may still land.
    TimedOut,
}

impl PushStatus {
    /// Whether the status is final (anything but `Pending`).
    pub fn is_final(self) -> bool {
        self != Self::Pending
    }

    /// The wire name, e.g. `"TimedOut"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "Pending",
            Self::Failed => "Failed",
            Self::Success => "Success",
            Self::TimedOut => "TimedOut",
        }
    }
}

impl std::fmt::Display for PushStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One validation finding on a push operation or an error body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ValidationItem {
    /// What the finding is about (for bank transactions: the transaction id).
    #[serde(default)]
    pub item_id: Option<String>,
    /// What is wrong.
    #[serde(default)]
    pub message: Option<String>,
    /// Which validator found it.
    #[serde(default)]
    pub validator_name: Option<String>,
}

/// Errors and warnings Codat attached to a push operation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Validation {
    /// Problems that made the push fail.
    #[serde(default)]
    pub errors: Option<Vec<ValidationItem>>,
    /// Problems that did not stop it.
    #[serde(default)]
    pub warnings: Option<Vec<ValidationItem>>,
}

/// One record a push changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PushChange {
    /// `Unknown`, `Created`, `Modified`, `Deleted` or `AttachmentUploaded`.
    #[serde(rename = "type", default)]
    pub change_type: Option<String>,
    /// The record changed.
    #[serde(default)]
    pub record_ref: Option<RecordRef>,
    /// The attachment created, if any.
    #[serde(default)]
    pub attachment_id: Option<String>,
}

/// Reference to a pushed record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct RecordRef {
    /// Record id.
    #[serde(default)]
    pub id: Option<String>,
    /// Record data type, e.g. `bankTransactions`.
    #[serde(default)]
    pub data_type: Option<String>,
}

/// The `validatorName` of a push's validation error saying the account already has a line with
/// that id (`itemId` is the line's id).
///
/// This is feedrail's documented assumption of how Codat surfaces Sage's refusal of a statement
/// with transaction ids it already received (Sage documents the refusal, Codat does not document
/// its form); the sandbox reports it this way. A push lands whole or not at all, so when every
/// line of a push is refused this way, all of them are on the account.
pub const ALREADY_RECEIVED: &str = "AlreadyReceived";

/// Codat's `PushOperation` (and, with `data`, the create response that echoes the request).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PushOperation {
    /// Records changed, once known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<PushChange>>,
    /// `bankTransactions` for bank feeds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<String>,
    /// The company.
    pub company_id: String,
    /// Codat's key for this operation; persist it to poll.
    pub push_operation_key: String,
    /// The connection.
    pub data_connection_key: String,
    /// When it was requested.
    #[serde(with = "crate::date::timestamp")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub requested_on_utc: DateTime<Utc>,
    /// When it finished; absent while pending.
    #[serde(
        default,
        with = "crate::date::timestamp_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub completed_on_utc: Option<DateTime<Utc>>,
    /// Deadline requested with the push.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_in_minutes: Option<i32>,
    /// Where it stands.
    pub status: PushStatus,
    /// Why it failed, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// Errors and warnings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<Validation>,
    /// Body status code: 202 pending, 200 success, 400 failed (not the HTTP status).
    pub status_code: i32,
    /// Echo of the request body (create response only), kept as raw JSON text: it is as large
    /// as the push and rarely needed, so it is not parsed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<serde_json::Value>"))]
    pub data: Option<Box<serde_json::value::RawValue>>,
}

impl PushOperation {
    /// Ids of the lines this push was refused for because the account already has them (see
    /// [`ALREADY_RECEIVED`]).
    pub fn already_received(&self) -> std::collections::HashSet<&str> {
        self.validation
            .iter()
            .flat_map(|v| v.errors.iter().flatten())
            .filter(|item| item.validator_name.as_deref() == Some(ALREADY_RECEIVED))
            .filter_map(|item| item.item_id.as_deref())
            .collect()
    }

    /// How long Codat took over it, by Codat's own clock (requested to completed), once final.
    pub fn processing_time(&self) -> Option<std::time::Duration> {
        (self.completed_on_utc? - self.requested_on_utc)
            .to_std()
            .ok()
    }
}
