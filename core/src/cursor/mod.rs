//! Cursor stores: what feedrail pushed to each account, written at every step so a process
//! killed anywhere resumes without pushing a batch twice, and leased so two processes never
//! work on one account at once.
//!
//! Codat cannot list the transactions on a target account, so this is how feedrail knows "the
//! newest line already on the account", the balance, and the ids it must never send again.
//!
//! The contract every store keeps (checked by one conformance suite for all of them):
//! - **Leases.** [`CursorStore::acquire`] gives one run the account until the lease expires
//!   (renewed while it works). A second run gets `ACCOUNT_BUSY` naming the holder; a crashed
//!   holder's lease expires and the next run takes over.
//! - **Fencing.** Every write carries the lease and is refused (`ACCOUNT_BUSY`) once another run
//!   took the account over, so a run that lost its lease cannot move the cursor.
//! - **Atomic steps.** After a crash the state is as before or as after a call, never between.
//! - **Ids on demand.** Pushed ids are looked up for the lines at hand, never loaded whole.
//! - **A journal.** Each settled batch (landed or refused) is journaled with its keys, times,
//!   Codat's messages and its ids, in the step that settles it.

pub mod conformance;
mod journal;
mod lease;
mod memory;
mod postgres;
mod sqlite;

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use journal::{BatchEnd, JournalEntry, JournalStatus};
pub use lease::{Lease, LeaseRequest};
pub use memory::MemoryCursorStore;
pub use postgres::PostgresCursorStore;
pub use sqlite::SqliteCursorStore;

use crate::batch::PushTarget;
use crate::error::Error;
use crate::model::Transaction;
use crate::rules::{AccountCursor, IdSet};

/// Why a batch's fate is unknown: it may or may not be on the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InDoubt {
    /// What made it unknown, e.g. "ended TimedOut" (Codat says such a push may still land).
    pub reason: String,
    /// When it was found to be in doubt.
    pub since: DateTime<Utc>,
}

/// A batch that was (or is about to be) sent and has not reached a final status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InFlightBatch {
    /// The Idempotency-Key of its current attempt.
    pub idempotency_key: Uuid,
    /// Codat's key, once the current attempt was accepted.
    pub push_operation_key: Option<String>,
    /// When the batch was first sent (by any run, under any key): its push is looked for in
    /// Codat's history from then.
    pub started_at: DateTime<Utc>,
    /// When the current key was first sent, when it is not the first key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_sent_at: Option<DateTime<Utc>>,
    /// Its lines, exactly as sent (so it can be sent again under the same key); shared, so
    /// recording the batch at each step copies no line.
    pub transactions: Arc<[Transaction]>,
    /// Set when its fate is unknown: it is resolved (found landed, or sent again) before
    /// anything else goes to the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_doubt: Option<InDoubt>,
    /// Whether the run that sent it first is the one holding it now (not stored: a batch
    /// loaded from the store was always sent by an earlier run).
    #[serde(skip)]
    pub sent_by_this_run: bool,
}

impl InFlightBatch {
    /// A batch about to be sent for the first time under `key`.
    pub fn new(key: Uuid, transactions: Vec<Transaction>) -> Self {
        InFlightBatch {
            idempotency_key: key,
            push_operation_key: None,
            started_at: Utc::now(),
            key_sent_at: None,
            transactions: transactions.into(),
            in_doubt: None,
            sent_by_this_run: true,
        }
    }

    /// When the current key was first sent.
    pub fn key_sent_at(&self) -> DateTime<Utc> {
        self.key_sent_at.unwrap_or(self.started_at)
    }

    /// The ids of its lines, in order.
    pub fn ids(&self) -> Vec<&str> {
        self.transactions.iter().map(|t| t.id.as_str()).collect()
    }
}

/// What is stored for one account, without its pushed ids (those are looked up on demand with
/// [`CursorStore::find_pushed`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountState {
    /// Latest date and id and last balance (`recent_ids` left empty).
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

/// Where the feed pipeline remembers what it pushed. Implementations make each method atomic and
/// fence every write with the caller's lease (see the module docs for the whole contract).
///
/// Methods block (a file or a database may be behind them); the pipeline calls them off the
/// async worker threads.
pub trait CursorStore: Send + Sync + std::fmt::Debug {
    /// Takes `target` for `request.ttl`: free, expired, or already held under the same token.
    /// `ACCOUNT_BUSY` (naming the holder and its expiry) when another run holds it.
    fn acquire(&self, target: &PushTarget, request: &LeaseRequest) -> Result<Lease, Error>;

    /// Extends a lease still held; `ACCOUNT_BUSY` when another run took the account over.
    fn renew(&self, target: &PushTarget, lease: &Lease) -> Result<Lease, Error>;

    /// Gives the account up (nothing happens when the lease was already lost).
    fn release(&self, target: &PushTarget, lease: &Lease) -> Result<(), Error>;

    /// The state of `target` (empty when never seen); pushed ids are not loaded.
    fn load(&self, target: &PushTarget) -> Result<AccountState, Error>;

    /// Which of `ids` already landed on `target` (through the store's index: time and memory
    /// grow with `ids`, not with the account's history).
    fn find_pushed(&self, target: &PushTarget, ids: &[&str]) -> Result<IdSet, Error>;

    /// Records `batch` as the account's batch in flight (before it is sent, and at every change:
    /// Codat's key, in doubt, a new attempt), and retires `retire` if given — in one step.
    fn save_batch(
        &self,
        lease: &Lease,
        target: &PushTarget,
        batch: &InFlightBatch,
        retire: Option<Uuid>,
    ) -> Result<(), Error>;

    /// The batch in flight under `key` landed: advances the cursor past it, remembers its ids,
    /// journals it as landed with `end` and clears it, in one step. A `STORE` error when
    /// another batch is in flight.
    fn complete_batch(
        &self,
        lease: &Lease,
        target: &PushTarget,
        key: Uuid,
        end: &BatchEnd,
    ) -> Result<(), Error>;

    /// The batch in flight under `key` did not land (`Failed`, or refused): journals it as
    /// failed with `end`, clears it and retires `key`. A `STORE` error when another batch is in
    /// flight.
    fn abandon_batch(
        &self,
        lease: &Lease,
        target: &PushTarget,
        key: Uuid,
        end: &BatchEnd,
    ) -> Result<(), Error>;

    /// Every journaled batch of `target`, in the order they settled.
    fn journal(&self, target: &PushTarget) -> Result<Vec<JournalEntry>, Error>;
}

/// Moves `cursor` past the lines of a batch that landed.
pub(crate) fn advance(cursor: &mut AccountCursor, lines: &[Transaction]) {
    if let Some(last) = lines.last() {
        cursor.latest_date = Some(cursor.latest_date.map_or(last.date, |d| d.max(last.date)));
        cursor.latest_id = Some(last.id.clone());
        if let Some(balance) = lines.iter().rev().find_map(|t| t.balance) {
            cursor.last_balance = Some(balance);
        }
    }
}

/// A stored position (latest date and id, last balance) read back; the error names the column
/// that is unreadable.
pub(crate) fn read_position(
    target: &PushTarget,
    date: Option<String>,
    latest_id: Option<String>,
    balance: Option<String>,
) -> Result<AccountCursor, String> {
    let corrupt = |column: &str, value: &str| {
        format!(
            "account {:?}: {column} {value:?} is unreadable; restore the store from a backup",
            target.account_id
        )
    };
    Ok(AccountCursor {
        latest_date: date
            .as_deref()
            .map(|d| crate::date::parse_wall_clock(d).ok_or_else(|| corrupt("latest_date", d)))
            .transpose()?,
        latest_id,
        last_balance: balance
            .as_deref()
            .map(|b| crate::money::parse_decimal(b).map_err(|_| corrupt("last_balance", b)))
            .transpose()?,
        ..AccountCursor::default()
    })
}

/// The stored columns of a position: latest date, latest id, last balance.
pub(crate) fn position_columns(
    cursor: &AccountCursor,
) -> (Option<String>, Option<String>, Option<String>) {
    (
        cursor
            .latest_date
            .as_ref()
            .map(crate::date::format_transaction_date),
        cursor.latest_id.clone(),
        cursor.last_balance.map(|b| b.to_string()),
    )
}

/// A stored batch in flight read back.
pub(crate) fn read_batch(target: &PushTarget, text: &str) -> Result<InFlightBatch, String> {
    serde_json::from_str(text).map_err(|e| {
        format!(
            "account {:?}: the batch in flight is unreadable ({e}); restore the store from a backup or clear the batch",
            target.account_id
        )
    })
}

/// The `STORE` error for a step on a batch that is not the one in flight.
pub(crate) fn not_in_flight(target: &PushTarget, key: Uuid, found: Option<Uuid>) -> Error {
    Error::store(format!(
        "account {:?}: batch {key} is not the batch in flight ({}); another run changed the account — run again to resume from the store",
        target.account_id,
        found.map_or_else(|| "none is".to_owned(), |k| format!("{k} is")),
    ))
}
