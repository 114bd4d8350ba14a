//! Companies and their data connections: the setup around a bank feed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Body of `POST /companies`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CompanyRequest {
    /// Company name (letters, digits, spaces and `-',&@.?!`).
    pub name: String,
    /// Free description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A Codat company: one of your customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Company {
    /// Company id (a UUID).
    pub id: String,
    /// Company name.
    pub name: String,
    /// Free description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Codat Link URL for the company.
    pub redirect: String,
    /// When it was created.
    #[serde(
        default,
        with = "crate::date::timestamp_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub created: Option<DateTime<Utc>>,
    /// Who created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_user_name: Option<String>,
    /// The company's data connections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_connections: Option<Vec<Connection>>,
}

/// Body of `POST /companies/{companyId}/connections`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ConnectionRequest {
    /// Four-letter integration key; `olpr` is Sage Bank Feeds.
    pub platform_key: String,
}

/// State of a data connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ConnectionStatus {
    /// Created; the user has not linked it yet.
    PendingAuth,
    /// Linked to the platform.
    Linked,
    /// Unlinked by you.
    Unlinked,
    /// Access withdrawn on the platform side.
    Deauthorized,
}

/// A data connection between a company and a platform (for bank feeds: Sage Bank Feeds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    /// Connection id (a UUID).
    pub id: String,
    /// Integration id.
    pub integration_id: String,
    /// Integration key, e.g. `olpr`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_key: Option<String>,
    /// Source id.
    pub source_id: String,
    /// Platform name, e.g. `SageBankFeed`.
    pub platform_name: String,
    /// Link URL (not to be given to Sage users).
    pub link_url: String,
    /// Connection state.
    pub status: ConnectionStatus,
    /// When it was created.
    #[serde(with = "crate::date::timestamp")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub created: DateTime<Utc>,
    /// `BankFeed` for bank feed connections.
    pub source_type: String,
    /// Last sync, if any.
    #[serde(
        default,
        with = "crate::date::timestamp_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub last_sync: Option<DateTime<Utc>>,
}

/// `olpr`: the platform key of Sage Bank Feeds.
pub const SAGE_PLATFORM_KEY: &str = "olpr";

/// A one-time password for connecting a Sage bank feed (`POST …/bankFeeds/otp`): the Sage user
/// enters it with the connection id in Sage's "Connect Bank" dialog.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Otp {
    /// The one-time password, e.g. `GT40U4`.
    #[cfg_attr(feature = "schema", schemars(extend("x-secret" = true)))]
    pub otp: String,
    /// When it stops being valid.
    #[serde(with = "crate::date::timestamp")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub expiry: DateTime<Utc>,
}

impl std::fmt::Debug for Otp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Otp")
            .field("otp", &"<redacted>")
            .field("expiry", &self.expiry)
            .finish()
    }
}
