//! The push journal: one entry per settled batch (landed, or refused by Codat) with its ids,
//! kept by every cursor store in the step that settles the batch. Codat cannot list what is on
//! a target account; this, with Codat's push history, is how feedrail answers which lines
//! reached Sage, through which push, and when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::InFlightBatch;
use crate::model::{PushOperation, ValidationItem};

/// How a journaled batch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum JournalStatus {
    /// On the account (Codat said `Success`, or it was found there).
    Landed,
    /// Refused: nothing of it was written (`Failed`, or every line refused).
    Failed,
}

impl JournalStatus {
    /// The status as stored (`landed`, `failed`).
    pub fn as_str(self) -> &'static str {
        match self {
            JournalStatus::Landed => "landed",
            JournalStatus::Failed => "failed",
        }
    }

    /// A stored status read back.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "landed" => Some(JournalStatus::Landed),
            "failed" => Some(JournalStatus::Failed),
            _ => None,
        }
    }
}

/// What is known when a batch settles, besides the batch itself: the stores write it into the
/// journal with the batch's keys, times and ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchEnd {
    /// Codat's key of the push that settled it, when there is one.
    pub push_operation_key: Option<String>,
    /// When Codat completed it (default: when it was settled).
    pub completed_at: Option<DateTime<Utc>>,
    /// Codat's `errorMessage`, or why it was refused.
    pub message: Option<String>,
    /// Codat's validation messages.
    pub validation: Vec<ValidationItem>,
}

impl BatchEnd {
    /// The end a final push operation tells.
    pub fn of(operation: &PushOperation) -> Self {
        BatchEnd {
            push_operation_key: Some(operation.push_operation_key.clone()),
            completed_at: operation.completed_on_utc,
            message: operation.error_message.clone(),
            validation: operation
                .validation
                .as_ref()
                .and_then(|v| v.errors.clone())
                .unwrap_or_default(),
        }
    }

    /// An end known only by why it ended.
    pub fn because(message: impl Into<String>) -> Self {
        BatchEnd {
            message: Some(message.into()),
            ..BatchEnd::default()
        }
    }
}

/// One settled batch in the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct JournalEntry {
    /// Its place in the account's journal (1, 2, …).
    pub sequence: u64,
    /// How it ended.
    pub status: JournalStatus,
    /// The Idempotency-Key of the attempt that settled it.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub idempotency_key: Uuid,
    /// Codat's push operation key, when Codat accepted it.
    pub push_operation_key: Option<String>,
    /// When it was first sent.
    pub requested_at: DateTime<Utc>,
    /// When it settled (Codat's completion time when known).
    pub completed_at: DateTime<Utc>,
    /// Codat's `errorMessage`, or why it was refused.
    pub message: Option<String>,
    /// Codat's validation messages.
    #[serde(default)]
    pub validation: Vec<ValidationItem>,
    /// Its lines' ids, in order.
    pub ids: Vec<String>,
}

impl JournalEntry {
    /// The entry of `batch`, settled as `status` with `end`, at `sequence`.
    pub fn new(
        sequence: u64,
        batch: &InFlightBatch,
        status: JournalStatus,
        end: &BatchEnd,
    ) -> Self {
        JournalEntry {
            sequence,
            status,
            idempotency_key: batch.idempotency_key,
            push_operation_key: end
                .push_operation_key
                .clone()
                .or_else(|| batch.push_operation_key.clone()),
            requested_at: batch.started_at,
            completed_at: end.completed_at.unwrap_or_else(Utc::now),
            message: end.message.clone(),
            validation: end.validation.clone(),
            ids: batch.transactions.iter().map(|t| t.id.clone()).collect(),
        }
    }

    /// Its ids as stored: a JSON array.
    pub(crate) fn ids_text(&self) -> String {
        serde_json::to_string(&self.ids).expect("strings serialize")
    }

    /// Its validation messages as stored (a JSON array), or `None` when there are none.
    pub(crate) fn validation_text(&self) -> Option<String> {
        (!self.validation.is_empty())
            .then(|| serde_json::to_string(&self.validation).expect("validation items serialize"))
    }
}

/// The stored columns of an entry read back into one; the error says which is unreadable.
pub(crate) struct StoredEntry {
    pub sequence: i64,
    pub status: String,
    pub idempotency_key: String,
    pub push_operation_key: Option<String>,
    pub requested_at: DateTime<Utc>,
    pub completed_at: DateTime<Utc>,
    pub message: Option<String>,
    pub validation: Option<String>,
    pub ids: String,
}

impl StoredEntry {
    /// The entry, or what is wrong with it.
    pub fn read(self) -> Result<JournalEntry, String> {
        let bad = |what: &str, e: &dyn std::fmt::Display| {
            format!(
                "journal entry {}: {what} is unreadable ({e})",
                self.sequence
            )
        };
        Ok(JournalEntry {
            sequence: u64::try_from(self.sequence).map_err(|e| bad("the sequence", &e))?,
            status: JournalStatus::parse(&self.status)
                .ok_or_else(|| bad("the status", &self.status))?,
            idempotency_key: self
                .idempotency_key
                .parse()
                .map_err(|e| bad("the idempotency key", &e))?,
            push_operation_key: self.push_operation_key,
            requested_at: self.requested_at,
            completed_at: self.completed_at,
            message: self.message,
            validation: match &self.validation {
                Some(text) => serde_json::from_str(text).map_err(|e| bad("the validation", &e))?,
                None => Vec::new(),
            },
            ids: serde_json::from_str(&self.ids).map_err(|e| bad("the ids", &e))?,
        })
    }
}
