//! Source accounts (Codat's v1 `SourceAccount` schema): the accounts in your application that
//! feed a target account in Sage.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Connection state of a source account. Only `connected` accounts accept pushes in Sage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum AccountStatus {
    /// Created, waiting for the Sage user to connect it.
    Pending,
    /// Connected to a target account: pushes are accepted.
    Connected,
    /// Being connected (seen in mapping flows).
    Connecting,
    /// Disconnected by the user, by Sage or by a PATCH.
    Disconnected,
    /// Any status this version of feedrail does not know.
    #[serde(other)]
    Unknown,
}

impl AccountStatus {
    /// The wire name, e.g. `"connected"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Connected => "connected",
            Self::Connecting => "connecting",
            Self::Disconnected => "disconnected",
            Self::Unknown => "unknown",
        }
    }
}

impl std::fmt::Display for AccountStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A source account as Codat returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SourceAccount {
    /// Your unique id for the account; the push path's `{accountId}`.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_name: Option<String>,
    /// Free text in v1, e.g. `Credit` or `Debit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<String>,
    /// Account number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_number: Option<String>,
    /// UK sort code (required by Codat for GBP accounts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_code: Option<String>,
    /// ISO 4217 currency code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Latest balance; set by the last line of each successful push.
    #[serde(
        default,
        with = "rust_decimal::serde::arbitrary_precision_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Decimal>"))]
    pub balance: Option<Decimal>,
    /// When the account last changed.
    #[serde(
        default,
        with = "crate::date::timestamp_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub modified_date: Option<DateTime<Utc>>,
    /// Connection state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AccountStatus>,
    /// When the account became connected (set by the server).
    #[serde(
        default,
        with = "crate::date::timestamp_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub feed_start_date: Option<DateTime<Utc>>,
}

/// Body of `POST .../connectionInfo/bankFeedAccounts` (and one item of `/batch`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SourceAccountPrototype {
    /// Your unique id for the account.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_name: Option<String>,
    /// Free text, e.g. `Credit` or `Debit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<String>,
    /// Account number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_number: Option<String>,
    /// UK sort code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_code: Option<String>,
    /// ISO 4217 currency code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Opening balance.
    #[serde(
        default,
        with = "rust_decimal::serde::arbitrary_precision_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Decimal>"))]
    pub balance: Option<Decimal>,
    /// When the account last changed.
    #[serde(
        default,
        with = "crate::date::timestamp_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub modified_date: Option<DateTime<Utc>>,
}

/// Body of `PATCH .../connectionInfo/bankFeedAccounts/{accountId}`.
///
/// Codat allows `accountName`; `status` only to `disconnected`; `balance` only while the account
/// is not connected.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SourceAccountUpdate {
    /// New display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_name: Option<String>,
    /// New status (only `disconnected` is accepted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AccountStatus>,
    /// New balance (only while not connected).
    #[serde(
        default,
        with = "rust_decimal::serde::arbitrary_precision_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Decimal>"))]
    pub balance: Option<Decimal>,
}

impl SourceAccountUpdate {
    /// The PATCH body for account `id`: the spec's `SourceAccount` requires the account's `id`
    /// beside the fields that change.
    pub fn body(&self, id: &str) -> serde_json::Value {
        let mut body = serde_json::to_value(self).unwrap_or_default();
        if let Some(fields) = body.as_object_mut() {
            fields.insert("id".to_owned(), id.into());
        }
        body
    }
}

/// One item of the response of `POST .../bankFeedAccounts/batch`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct BatchCreateItem {
    /// The id from the request.
    pub source_account_id: String,
    /// What happened to it.
    pub result: BatchCreateResult,
}

/// Outcome of creating one account in a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct BatchCreateResult {
    /// 201 when created; an error status (Codat sends it as a string) otherwise.
    pub status_code: StatusCode,
    /// Why it failed, when it did.
    #[serde(default)]
    pub error: Option<String>,
    /// The created account, when it was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<SourceAccount>,
}

/// An HTTP status that Codat sends sometimes as a number, sometimes as a string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum StatusCode {
    /// As a JSON number (`201`).
    Number(u16),
    /// As a JSON string (`"409"`).
    Text(String),
}

impl StatusCode {
    /// The numeric status, when it is one.
    pub fn as_u16(&self) -> Option<u16> {
        match self {
            Self::Number(n) => Some(*n),
            Self::Text(t) => t.parse().ok(),
        }
    }
}
