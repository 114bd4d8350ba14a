//! Driving one batch to a settled end: sent (or sent again under the same key), polled, and
//! written to the store as landed, refused, or in doubt — and a batch in doubt resolved before
//! anything else goes to the account.
//!
//! A batch is *in doubt* when it may or may not be on the account: it ended `TimedOut` (Codat
//! says such a push may still land), Codat no longer knows its push, it was resumed after
//! Codat's idempotency window, or a server error answered it and the history search that would
//! tell failed. It is resolved by (a) looking for it in the company's push history by its lines'
//! ids — found `Success`: landed; then (b) sending it again under a fresh key — `Success`:
//! landed; every line refused as already received: landed before (a push lands whole or not at
//! all); refused otherwise: still in doubt, for the next run.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use uuid::Uuid;

use super::hold::{Hold, blocking};
use super::report::{BatchOutcome, BatchStatus, Resolution};
use super::{FeedOptions, Progress, emit};
use crate::batch::{PushTarget, resend_key};
use crate::client::{Client, Sent, WaitOptions};
use crate::cursor::{BatchEnd, CursorStore, InDoubt, InFlightBatch, Lease};
use crate::error::{Error, ErrorCode};
use crate::model::{PushOperation, PushStatus};

/// Fresh keys one run tries on a batch in doubt before leaving it to the next run.
const MAX_RESENDS: u32 = 3;

/// One account's run: what every batch step needs.
pub(crate) struct Run<'a> {
    pub client: &'a Client,
    pub store: &'a Arc<dyn CursorStore>,
    pub hold: &'a Hold,
    pub target: &'a PushTarget,
    pub options: &'a FeedOptions,
    /// Codat's processing time of the account's last push, to time the next one's polls.
    pub expected: Option<Duration>,
}

/// Where a batch stands inside [`Run::drive`].
struct Step {
    /// Codat answered the current key with a replay of a push made before this run's send.
    replayed: bool,
    /// The history was searched since the batch went into doubt.
    searched: bool,
    /// Fresh keys tried in this run.
    resends: u32,
    /// When the current key was sent by this run.
    sent_at: Option<Instant>,
}

impl Run<'_> {
    /// Runs one store step on this account under the run's lease, off the async threads.
    async fn step<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn CursorStore, &Lease, &PushTarget) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, Error> {
        let (lease, target) = (self.hold.lease().clone(), self.target.clone());
        blocking(self.store, move |s| f(s, &lease, &target)).await
    }

    /// Writes `batch` as the account's batch in flight (retiring `retire`).
    pub async fn save(&self, batch: &InFlightBatch, retire: Option<Uuid>) -> Result<(), Error> {
        let batch = batch.clone();
        self.step(move |s, lease, target| s.save_batch(lease, target, &batch, retire))
            .await
    }

    /// `batch` landed, as `end` tells: journaled and the cursor moved past it.
    async fn complete(&self, batch: &InFlightBatch, end: BatchEnd) -> Result<(), Error> {
        let key = batch.idempotency_key;
        self.step(move |s, lease, target| s.complete_batch(lease, target, key, &end))
            .await
    }

    /// `batch` was refused, as `end` tells: journaled and its key retired.
    async fn abandon(&self, batch: &InFlightBatch, end: BatchEnd) -> Result<(), Error> {
        let key = batch.idempotency_key;
        self.step(move |s, lease, target| s.abandon_batch(lease, target, key, &end))
            .await
    }

    /// Marks `batch` in doubt for `reason` (its push forgotten: the next step looks for it).
    async fn doubt(&self, batch: &mut InFlightBatch, reason: String) -> Result<(), Error> {
        tracing::warn!(account_id = %self.target.account_id, %reason, "batch in doubt");
        batch.in_doubt = Some(InDoubt {
            reason,
            since: Utc::now(),
        });
        batch.push_operation_key = None;
        self.save(batch, None).await
    }

    /// Takes `batch` (already saved as in flight) to a settled end, filling `outcome`. An error
    /// stops the run; the store then says where the batch stands for the next one.
    pub async fn drive(
        &mut self,
        mut batch: InFlightBatch,
        outcome: &mut BatchOutcome,
    ) -> Result<(), Error> {
        let result = self.step_through(&mut batch, outcome).await;
        outcome.idempotency_key = batch.idempotency_key;
        if let Some(doubt) = &batch.in_doubt {
            outcome.in_doubt = Some(doubt.reason.clone());
        }
        if let Err(e) = &result {
            outcome.message.get_or_insert_with(|| e.to_string());
            if batch.in_doubt.is_some() && outcome.resolution.is_none() {
                outcome.resolution = Some(Resolution::Unresolved);
                outcome.status = BatchStatus::InDoubt;
            }
        }
        result
    }

    async fn step_through(
        &mut self,
        batch: &mut InFlightBatch,
        outcome: &mut BatchOutcome,
    ) -> Result<(), Error> {
        let mut step = Step {
            replayed: false,
            searched: false,
            resends: 0,
            sent_at: None,
        };
        loop {
            if batch.in_doubt.is_some() && batch.push_operation_key.is_none() {
                if !step.searched {
                    step.searched = true;
                    let ids = batch.ids();
                    if let Some(op) = self
                        .client
                        .find_landed(self.target, &ids, batch.started_at)
                        .await?
                    {
                        outcome.push_operation_key = Some(op.push_operation_key.clone());
                        outcome.resolution = Some(Resolution::FoundInHistory);
                        self.complete(batch, BatchEnd::of(&op)).await?;
                        outcome.status = landed_status(batch, !batch.sent_by_this_run);
                        return Ok(());
                    }
                }
                if step.resends == MAX_RESENDS {
                    return Err(Error::PushTimedOut {
                        push_operation_key: outcome.push_operation_key.clone().unwrap_or_default(),
                        message: format!(
                            "the batch is in doubt ({}) and {MAX_RESENDS} fresh sends did not settle it; it stays in doubt and the next run resolves it before sending anything else",
                            batch.in_doubt.as_ref().map_or("", |d| d.reason.as_str())
                        ),
                    });
                }
                let old = batch.idempotency_key;
                batch.idempotency_key = resend_key(old, 1);
                batch.key_sent_at = Some(Utc::now());
                self.save(batch, Some(old)).await?;
                step.resends += 1;
                step.replayed = false;
            }
            if batch.push_operation_key.is_none() {
                if batch.in_doubt.is_none()
                    && !batch.sent_by_this_run
                    && (Utc::now() - batch.key_sent_at())
                        .to_std()
                        .is_ok_and(|age| age > self.options.idempotency_window)
                {
                    let reason = format!(
                        "resumed {} after it was sent, past Codat's idempotency window: the earlier send may have landed",
                        humanize(Utc::now() - batch.key_sent_at())
                    );
                    self.doubt(batch, reason).await?;
                    continue;
                }
                self.send(batch, outcome, &mut step).await?;
            }
            let op = match self.poll(batch, outcome, &step).await {
                Ok(op) => op,
                Err(e) if e.code() == ErrorCode::NotFound => {
                    let key = batch.push_operation_key.clone().unwrap_or_default();
                    self.doubt(batch, format!("Codat does not know its push {key}"))
                        .await?;
                    step.searched = false;
                    continue;
                }
                Err(e) => {
                    outcome.status = BatchStatus::Pending;
                    return Err(e);
                }
            };
            match op.status {
                PushStatus::Success => {
                    self.complete(batch, BatchEnd::of(&op)).await?;
                    outcome.status = landed_status(batch, step.replayed);
                    if batch.in_doubt.is_some() {
                        outcome.resolution = Some(Resolution::Resent);
                    }
                    return Ok(());
                }
                PushStatus::Failed => return self.failed(batch, op, outcome).await,
                PushStatus::TimedOut => {
                    let reason = format!(
                        "push {} ended TimedOut; Codat says such a push may still land",
                        op.push_operation_key
                    );
                    self.doubt(batch, reason).await?;
                    step.searched = false;
                }
                PushStatus::Pending => {
                    outcome.status = BatchStatus::Pending;
                    return Err(Error::Internal {
                        message: format!(
                            "waiting for push {} returned it still Pending",
                            op.push_operation_key
                        ),
                    });
                }
            }
        }
    }

    /// Sends the batch under its current key and records Codat's key.
    async fn send(
        &mut self,
        batch: &mut InFlightBatch,
        outcome: &mut BatchOutcome,
        step: &mut Step,
    ) -> Result<(), Error> {
        outcome.idempotency_key = batch.idempotency_key;
        let sent_at = Instant::now();
        let sent = self
            .client
            .send_batch(
                self.target,
                &batch.transactions,
                batch.idempotency_key,
                &self.options.push,
                batch.started_at,
            )
            .await;
        match sent {
            Sent::Accepted { op, replayed } => {
                step.replayed = replayed;
                step.sent_at = Some(sent_at);
                batch.push_operation_key = Some(op.push_operation_key.clone());
                self.save(batch, None).await?;
                outcome.push_operation_key = Some(op.push_operation_key.clone());
                if let Some(sequence) = outcome.sequence {
                    emit(self.options, || Progress::BatchSent {
                        account_id: self.target.account_id.clone(),
                        sequence,
                        size: batch.transactions.len(),
                        push_operation_key: op.push_operation_key.clone(),
                    });
                }
                Ok(())
            }
            Sent::Refused(e) => {
                // Answered: not on Codat under this key. A batch in doubt stays in doubt (its
                // next send takes a fresh key); any other is dropped and its key retired.
                outcome.status = BatchStatus::NotSent;
                if batch.in_doubt.is_none() {
                    self.abandon(batch, BatchEnd::because(e.to_string()))
                        .await?;
                }
                Err(e)
            }
            Sent::Unanswered(e) => {
                // Kept in flight under the same key: the next run sends it again and Codat
                // answers once.
                outcome.status = BatchStatus::NotSent;
                Err(e)
            }
            Sent::Unknown(e) => {
                self.doubt(
                    batch,
                    "a server error answered its push and the push history could not be searched"
                        .to_owned(),
                )
                .await?;
                Err(e)
            }
        }
    }

    /// Polls the batch's push to a final status, timed by the account's last processing time.
    async fn poll(
        &mut self,
        batch: &InFlightBatch,
        outcome: &mut BatchOutcome,
        step: &Step,
    ) -> Result<PushOperation, Error> {
        let key = batch.push_operation_key.clone().unwrap_or_default();
        outcome.push_operation_key = Some(key.clone());
        let wait = WaitOptions {
            expected: self.expected.or(self.options.wait.expected),
            ..self.options.wait.clone()
        };
        let op = self
            .client
            .wait_since(
                &self.target.company_id,
                &key,
                &wait,
                step.sent_at.unwrap_or_else(Instant::now),
            )
            .await?;
        if let Some(took) = op.processing_time().filter(|t| *t <= wait.deadline) {
            self.expected = Some(took);
            outcome.processing_ms = Some(took.as_millis() as u64);
        }
        outcome.message = op.error_message.clone();
        outcome.errors = op
            .validation
            .as_ref()
            .and_then(|v| v.errors.clone())
            .unwrap_or_default();
        Ok(op)
    }

    /// A push that ended `Failed`: landed before when Sage refused every line as already
    /// received; otherwise refused (or, for a batch in doubt, still in doubt).
    async fn failed(
        &mut self,
        batch: &mut InFlightBatch,
        op: PushOperation,
        outcome: &mut BatchOutcome,
    ) -> Result<(), Error> {
        let received = op.already_received();
        let ids = batch.ids();
        if !received.is_empty() && ids.iter().all(|id| received.contains(id)) {
            self.complete(
                batch,
                BatchEnd {
                    message: Some("Sage refused every line as already received".to_owned()),
                    validation: Vec::new(),
                    ..BatchEnd::of(&op)
                },
            )
            .await?;
            outcome.status = landed_status(batch, true);
            outcome.resolution = Some(Resolution::AlreadyReceived);
            outcome.errors.clear();
            outcome.message = Some(format!(
                "Sage refused all {} lines as already received: they are on the account",
                ids.len()
            ));
            return Ok(());
        }
        let mut message = op.error_message.clone().unwrap_or_default();
        if !received.is_empty() {
            message = format!(
                "{message}; Sage refused {} of the batch's {} lines as already received, but a push lands whole: the account holds lines this batch does not account for (was the cursor lost, or the input changed?) — check the account before pushing again",
                received.len(),
                ids.len()
            );
        }
        let error = Error::PushFailed {
            push_operation_key: op.push_operation_key.clone(),
            message: message.clone(),
            errors: outcome.errors.clone(),
        };
        if batch.in_doubt.is_some() {
            batch.push_operation_key = None;
            self.save(batch, None).await?;
        } else {
            outcome.status = BatchStatus::Failed;
            self.abandon(
                batch,
                BatchEnd {
                    message: Some(message.clone()),
                    ..BatchEnd::of(&op)
                },
            )
            .await?;
        }
        Err(error)
    }
}

/// The status of a batch on the account: `AlreadyLanded` when the push that put it there is
/// not the one this run made (`by_another_send`) — unless it was this run's earlier send of a
/// batch in doubt.
fn landed_status(batch: &InFlightBatch, by_another_send: bool) -> BatchStatus {
    if by_another_send && !(batch.in_doubt.is_some() && batch.sent_by_this_run) {
        BatchStatus::AlreadyLanded
    } else {
        BatchStatus::Success
    }
}

fn humanize(age: chrono::Duration) -> String {
    match age.num_minutes() {
        m if m >= 1 => format!("{m} min"),
        _ => format!("{} s", age.num_seconds()),
    }
}
