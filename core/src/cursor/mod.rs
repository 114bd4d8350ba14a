//! Cursor stores: what feedrail pushed to each account, written at every step so a process
//! killed anywhere resumes without pushing a batch twice.
//!
//! Codat cannot list the transactions on a target account, so this is how feedrail knows "the
//! newest line already on the account", the balance, and the ids it must never send again.

mod memory;
mod sqlite;

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use memory::MemoryCursorStore;
pub use sqlite::SqliteCursorStore;

use crate::batch::PushTarget;
use crate::error::Error;
use crate::model::Transaction;
use crate::rules::AccountCursor;

/// A batch that was (or is about to be) sent and has not reached a final status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InFlightBatch {
    /// Its Idempotency-Key.
    pub idempotency_key: Uuid,
    /// Codat's key, once the push was accepted.
    pub push_operation_key: Option<String>,
    /// When it was first sent.
    pub started_at: DateTime<Utc>,
    /// Its lines, exactly as sent (so it can be sent again under the same key).
    pub transactions: Vec<Transaction>,
}

/// Everything stored for one account.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountState {
    /// Latest date and id, last balance and pushed ids (the status is not stored: it is read
    /// from Codat).
    pub cursor: AccountCursor,
    /// The batch in flight, if any.
    pub in_flight: Option<InFlightBatch>,
    /// Idempotency keys of pushes that did not land: never to be sent again.
    pub retired_keys: HashSet<Uuid>,
}

impl AccountState {
    /// The key to send a batch planned under `key` with: `key` itself, or its first resend key
    /// that is not retired.
    pub fn usable_key(&self, key: Uuid) -> Uuid {
        let mut usable = key;
        let mut generation = 0;
        while self.retired_keys.contains(&usable) {
            generation += 1;
            usable = crate::batch::resend_key(key, generation);
        }
        usable
    }
}

/// Where the feed pipeline remembers what it pushed. Implementations must make each method
/// atomic: after a crash the state is as before or as after the call, never in between.
pub trait CursorStore: Send + Sync + std::fmt::Debug {
    /// The state of `target` (empty when never seen).
    fn load(&self, target: &PushTarget) -> Result<AccountState, Error>;

    /// Records `batch` as in flight, before it is sent.
    fn begin_batch(&self, target: &PushTarget, batch: &InFlightBatch) -> Result<(), Error>;

    /// Records Codat's key for the in-flight batch, once the push was accepted.
    fn set_push_operation(
        &self,
        target: &PushTarget,
        push_operation_key: &str,
    ) -> Result<(), Error>;

    /// The in-flight batch landed: advances the cursor past it and clears it, in one step.
    fn complete_batch(&self, target: &PushTarget) -> Result<(), Error>;

    /// The in-flight batch did not land (`Failed`, `TimedOut` or refused): clears it and
    /// retires its key.
    fn abandon_batch(&self, target: &PushTarget) -> Result<(), Error>;
}

/// Moves `cursor` past the lines of a batch that landed.
pub(crate) fn advance(cursor: &mut AccountCursor, lines: &[Transaction]) {
    for tx in lines {
        cursor.recent_ids.insert(tx.id.clone());
    }
    if let Some(last) = lines.last() {
        cursor.latest_date = Some(cursor.latest_date.map_or(last.date, |d| d.max(last.date)));
        cursor.latest_id = Some(last.id.clone());
        if last.balance.is_some() {
            cursor.last_balance = last.balance;
        }
    }
}
