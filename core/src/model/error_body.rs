//! Codat's `ErrorMessage`: the body of every error response.

use serde::{Deserialize, Serialize};

use super::push::Validation;

/// The JSON body Codat sends with 4xx and 5xx responses. No field is guaranteed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// The HTTP status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    /// Which Codat service answered, e.g. `PublicApi`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// What went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Quote this to Codat support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    /// Per-item findings, when the request was invalid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<Validation>,
    /// `"True"`, `"False"` or `"Unknown"` (a string in Codat's schema).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_be_retried: Option<String>,
    /// Machine-readable detail code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detailed_error_code: Option<i64>,
}

impl ErrorBody {
    /// `Some(true)` / `Some(false)` when `canBeRetried` says so, `None` when it is absent or
    /// `Unknown`.
    pub fn retry_hint(&self) -> Option<bool> {
        match self
            .can_be_retried
            .as_deref()?
            .to_ascii_lowercase()
            .as_str()
        {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}
