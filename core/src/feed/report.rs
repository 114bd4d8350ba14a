//! What a feed run did: per batch, and in total.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::batch::PushTarget;
use crate::model::ValidationItem;
use crate::rules::Report;

/// Where a batch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BatchStatus {
    /// Landed on the account.
    Success,
    /// Refused by Codat or Sage; nothing of it was written.
    Failed,
    /// Ended `TimedOut`; nothing of it was written (in the sandbox; Codat says it may still land).
    TimedOut,
    /// Accepted but still pending when the client stopped waiting; the cursor keeps its key.
    Pending,
    /// Not accepted: refused outright, or its fate is unknown after the retries ran out (the
    /// cursor keeps it and sends it again under the same key next time).
    NotSent,
}

/// One batch of a feed run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchOutcome {
    /// 0-based position among this run's batches (the resumed batch has none).
    pub sequence: Option<usize>,
    /// Lines in it.
    pub size: usize,
    /// Id of its first line.
    pub first_id: String,
    /// Id of its last line.
    pub last_id: String,
    /// Its Idempotency-Key.
    pub idempotency_key: Uuid,
    /// Codat's key, once accepted.
    pub push_operation_key: Option<String>,
    /// Where it ended.
    pub status: BatchStatus,
    /// Codat's `errorMessage`, or why it was not sent.
    pub message: Option<String>,
    /// Codat's `validation.errors`.
    pub errors: Vec<ValidationItem>,
    /// Milliseconds from Codat accepting the push to feedrail seeing its final status.
    pub processing_ms: Option<u64>,
    /// The previous batch's processing time, used to time this one's polls.
    #[serde(skip)]
    pub expected_processing: Option<std::time::Duration>,
}

/// The account's result of a feed run: exactly what landed and what did not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeedReport {
    /// The account.
    pub target: PushTarget,
    /// Lines handed in.
    pub total: usize,
    /// Input positions left out because the cursor says they landed in an earlier run.
    pub already_pushed: Vec<usize>,
    /// Findings on the other lines.
    pub validation: Report,
    /// Input positions not sent because they have errors (with `skip_invalid`).
    pub skipped: Vec<usize>,
    /// A batch left in flight by an earlier run, resolved before anything else.
    pub resumed: Option<BatchOutcome>,
    /// This run's batches, in order (only those attempted).
    pub batches: Vec<BatchOutcome>,
    /// Lines of this input that landed in this run.
    pub landed: usize,
    /// The account's balance after the run, as far as feedrail knows.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub balance: Option<Decimal>,
}

impl FeedReport {
    /// An empty report for `total` lines to `target`.
    pub fn new(target: PushTarget, total: usize) -> Self {
        FeedReport {
            target,
            total,
            already_pushed: Vec::new(),
            validation: Report::default(),
            skipped: Vec::new(),
            resumed: None,
            batches: Vec::new(),
            landed: 0,
            balance: None,
        }
    }

    /// Lines of the input that are not on the account (neither landed now nor before).
    pub fn not_landed(&self) -> usize {
        self.total - self.landed - self.already_pushed.len()
    }

    /// Whether every line of the input is on the account.
    pub fn is_complete(&self) -> bool {
        self.not_landed() == 0
    }
}

impl std::fmt::Display for FeedReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "account {:?}: {} of {} lines landed in {} batch(es)",
            self.target.account_id,
            self.landed,
            self.total,
            self.batches
                .iter()
                .filter(|b| b.status == BatchStatus::Success)
                .count()
        )?;
        if !self.already_pushed.is_empty() {
            write!(f, ", {} already there", self.already_pushed.len())?;
        }
        if !self.skipped.is_empty() {
            write!(f, ", {} skipped as invalid", self.skipped.len())?;
        }
        if let Some(b) = &self.balance {
            write!(f, "; balance {b}")?;
        }
        Ok(())
    }
}
