//! What a feed run did: per batch, and in total.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::batch::PushTarget;
use crate::error::{Error, StopReport};
use crate::model::ValidationItem;
use crate::rules::Report;

/// Where a batch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum BatchStatus {
    /// Landed on the account, put there by this run.
    Success,
    /// Already on the account before this run sent it: Codat replayed an earlier push's
    /// success for its key, or Sage refused every line as already received.
    AlreadyLanded,
    /// Refused by Codat or Sage; nothing of it was written.
    Failed,
    /// Its fate is unknown (see `in_doubt`) and could not be resolved in this run; the next run
    /// resolves it before sending anything else.
    InDoubt,
    /// Accepted but still pending when the client stopped waiting; the cursor keeps its key.
    Pending,
    /// Not accepted: refused outright, or its fate is unknown after the retries ran out (the
    /// cursor keeps it and sends it again under the same key next time).
    NotSent,
}

/// One batch of a feed run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub idempotency_key: Uuid,
    /// Codat's key, once accepted.
    pub push_operation_key: Option<String>,
    /// Where it ended.
    pub status: BatchStatus,
    /// Codat's `errorMessage`, or why it was not sent.
    pub message: Option<String>,
    /// Codat's `validation.errors`.
    pub errors: Vec<ValidationItem>,
    /// Codat's processing time of its push in milliseconds (requested to completed, by Codat's
    /// clock).
    pub processing_ms: Option<u64>,
    /// Why its fate became unknown, when it did (ended `TimedOut`, resumed after Codat's
    /// idempotency window, a server error whose history search failed, ...).
    pub in_doubt: Option<String>,
    /// How a batch in doubt was settled.
    pub resolution: Option<Resolution>,
}

/// How a batch whose fate was unknown was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Resolution {
    /// Found `Success` in the company's push history (by its lines' ids).
    FoundInHistory,
    /// Not found; sent again under a fresh key, and that push landed.
    Resent,
    /// Sent again; Sage refused every line as already received, so all of them are on the
    /// account (a push lands whole or not at all).
    AlreadyReceived,
    /// Still unknown: kept in doubt for the next run.
    Unresolved,
}

/// The account's result of a feed run: exactly what landed and what did not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Lines of this input that this run put on the account.
    pub landed: usize,
    /// Lines of this input this run sent that turned out to be on the account already (an
    /// earlier run or a twin had pushed them).
    pub already_landed: usize,
    /// The account's balance after the run, as far as feedrail knows.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Decimal>"))]
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
            already_landed: 0,
            balance: None,
        }
    }

    /// Lines of the input that are not on the account (neither landed now nor before).
    pub fn not_landed(&self) -> usize {
        self.total - self.landed - self.already_landed - self.already_pushed.len()
    }

    /// The batches of this run (the resumed one first) whose fate became unknown, with how each
    /// was settled.
    pub fn in_doubt(&self) -> impl Iterator<Item = &BatchOutcome> {
        self.resumed
            .iter()
            .chain(&self.batches)
            .filter(|b| b.in_doubt.is_some())
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
        if self.already_landed > 0 {
            write!(f, ", {} found already landed", self.already_landed)?;
        }
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

impl StopReport for FeedReport {
    fn summary(&self) -> String {
        format!(
            "{} of {} transactions landed on account {:?}, {} were not sent; push again to resume from the cursor",
            self.landed + self.already_landed,
            self.total,
            self.target.account_id,
            self.not_landed()
        )
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Error {
    /// What landed before a feed stopped.
    pub fn feed_report(&self) -> Option<&FeedReport> {
        match self {
            Error::Incomplete { report, .. } => report.as_any().downcast_ref(),
            _ => None,
        }
    }
}
