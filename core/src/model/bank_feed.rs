//! The rest of a bank-feed connection: company information, source-account credentials and
//! account mappings (each answered for Sage as Codat answers).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `GET …/bankFeeds/info`: the company as the accounting software knows it (Codat answers this
/// for Xero and Oracle NetSuite; for Sage it is an error).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CompanyInformation {
    /// Name of the linked company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    /// Currency set in the accounting software.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_currency: Option<String>,
    /// Subscription type, e.g. `Trial`, `Standard`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_type: Option<String>,
    /// Whether the organisation has multicurrency enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multicurrency_enabled: Option<bool>,
    /// Enabled currencies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currencies: Option<Vec<String>>,
}

/// `POST …/bankFeedAccounts/credentials` (QuickBooks Online only): what the QBO user types to
/// authenticate the feed. The password never appears in `Debug`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Credentials {
    /// User name the bank-feeds platform signs in with.
    #[serde(default)]
    pub username: String,
    /// Its password.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(extend("x-secret" = true)))]
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// One source account and its current or possible target accounts
/// (`GET …/bankFeedAccounts/mapping`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AccountMapping {
    /// Your source account's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_account_id: Option<String>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_account_name: Option<String>,
    /// Its number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_account_number: Option<String>,
    /// Its balance.
    #[serde(
        default,
        with = "rust_decimal::serde::arbitrary_precision_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Decimal>"))]
    pub source_balance: Option<Decimal>,
    /// Its currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_currency: Option<String>,
    /// The target account it feeds, once mapped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_account_id: Option<String>,
    /// The target account's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_account_name: Option<String>,
    /// Mapping state, e.g. `pending`, `connected`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Target accounts it could be mapped to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_account_options: Option<Vec<TargetAccountOption>>,
    /// From when transactions can be fed.
    #[serde(
        default,
        with = "crate::date::timestamp_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub feed_start_date: Option<DateTime<Utc>>,
}

/// A target account a source account could be mapped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct TargetAccountOption {
    /// Target account id.
    #[serde(default)]
    pub id: String,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its balance.
    #[serde(
        default,
        with = "rust_decimal::serde::arbitrary_precision_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Decimal>"))]
    pub balance: Option<Decimal>,
    /// Its sort code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_code: Option<String>,
    /// Its account number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_number: Option<String>,
}

/// Body of `POST …/bankFeedAccounts/mapping`: map a source account to a target account (Xero,
/// FreeAgent, NetSuite, Exact; Sage users map inside Sage).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccountMappingRequest {
    /// Your source account's id.
    pub source_account_id: String,
    /// The target account's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_account_id: Option<String>,
    /// From when transactions can be fed.
    #[serde(
        default,
        with = "crate::date::timestamp_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub feed_start_date: Option<DateTime<Utc>>,
}

/// Answer to a mapping request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AccountMappingResult {
    /// The source account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_account_id: Option<String>,
    /// The target account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_account_id: Option<String>,
    /// Outcome, e.g. `Success` or `Failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Why it failed, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}
