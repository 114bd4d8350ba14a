//! What is known about an account before a push: the state rules are checked against.

use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::AccountStatus;

/// Set of transaction ids, hashed with foldhash (fast, and seeded per process).
pub type IdSet = std::collections::HashSet<String, foldhash::fast::RandomState>;

/// What feedrail knows about a target account: Codat cannot list what was pushed, so this is
/// remembered by the client (see the cursor stores) and checked before every push.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountCursor {
    /// Date of the newest line already on the account.
    #[serde(default, with = "crate::date::transaction_date_option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<NaiveDateTime>"))]
    pub latest_date: Option<NaiveDateTime>,
    /// Id of that line.
    #[serde(default)]
    pub latest_id: Option<String>,
    /// The account's balance after the last line pushed.
    #[serde(default, with = "rust_decimal::serde::arbitrary_precision_option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Decimal>"))]
    pub last_balance: Option<Decimal>,
    /// Ids already pushed (recent ones at least); a line reusing one is a duplicate.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub recent_ids: IdSet,
    /// The account's status, when known; `None` skips the connected check.
    #[serde(default)]
    pub account_status: Option<AccountStatus>,
}

impl AccountCursor {
    /// A cursor from its JSON form (camelCase keys), or a `CONFIG` error saying what is wrong.
    pub fn from_json(value: serde_json::Value) -> Result<Self, crate::Error> {
        if value.is_null() {
            return Ok(Self::default());
        }
        serde_json::from_value(value).map_err(|e| {
            crate::Error::config(format!(
                "cursor is not valid: {e}; give latestDate, latestId, lastBalance, recentIds and accountStatus"
            ))
        })
    }

    /// Whether the cursor names no pushed id at all (then [`has_pushed`](Self::has_pushed) is
    /// false for every id).
    pub fn pushed_nothing(&self) -> bool {
        self.latest_id.is_none() && self.recent_ids.is_empty()
    }

    /// Whether `id` is known to be on the account already.
    pub fn has_pushed(&self, id: &str) -> bool {
        self.latest_id.as_deref() == Some(id)
            || (!self.recent_ids.is_empty() && self.recent_ids.contains(id))
    }
}
