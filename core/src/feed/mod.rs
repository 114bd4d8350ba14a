//! The feed pipeline: validate against the cursor, batch, push batch after batch (each only
//! after the previous landed), remember every step, stop at the first batch that does not land,
//! and report exactly what landed. Accounts run concurrently; batches of one account never do.

mod progress;
mod report;

use std::collections::HashSet;

use chrono::{NaiveDate, Utc};
use serde_json::Value;
use uuid::Uuid;

pub use progress::{Progress, ProgressCallback};
pub use report::{BatchOutcome, BatchStatus, FeedReport};

use crate::batch::{PushTarget, plan_batches};
use crate::client::{Client, PushOptions, WaitOptions};
use crate::cursor::InFlightBatch;
use crate::error::Error;
use crate::model::{AccountStatus, PushOperation, PushStatus, Transaction};
use crate::rules::{
    Lines, MAX_BATCH_SIZE, Profile, Report, ValidationContext, validate_lines_where, validate_where,
};

/// How a feed is pushed.
#[derive(Clone)]
pub struct FeedOptions {
    /// The target's rules (Sage by default).
    pub profile: Profile,
    /// Send the valid lines and leave out the invalid ones (reported as `skipped`), instead of
    /// refusing the whole feed.
    pub skip_invalid: bool,
    /// Lines per push, 1 to 1000.
    pub batch_size: usize,
    /// Query options of every push.
    pub push: PushOptions,
    /// How long and how often to poll each push.
    pub wait: WaitOptions,
    /// Read the account's status from Codat before pushing (one request).
    pub check_account_status: bool,
    /// The UTC day to validate against (default: today).
    pub today: Option<NaiveDate>,
    /// Called on every progress event.
    pub progress: Option<ProgressCallback>,
}

impl Default for FeedOptions {
    fn default() -> Self {
        FeedOptions {
            profile: Profile::sage(),
            skip_invalid: false,
            batch_size: MAX_BATCH_SIZE,
            push: PushOptions::default(),
            wait: WaitOptions::default(),
            check_account_status: true,
            today: None,
            progress: None,
        }
    }
}

impl std::fmt::Debug for FeedOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FeedOptions")
            .field("profile", &self.profile.name())
            .field("skip_invalid", &self.skip_invalid)
            .field("batch_size", &self.batch_size)
            .field("push", &self.push)
            .field("wait", &self.wait)
            .field("check_account_status", &self.check_account_status)
            .field("today", &self.today)
            .field("progress", &self.progress.as_ref().map(|_| "callback"))
            .finish()
    }
}

/// One account's lines, for [`Client::push_feeds`].
#[derive(Debug, Clone)]
pub struct FeedJob {
    /// The account.
    pub target: PushTarget,
    /// Its lines, read.
    pub lines: Lines<'static>,
}

impl FeedJob {
    /// A job for `target` from lines already read.
    pub fn new(target: PushTarget, lines: Lines<'static>) -> Self {
        FeedJob { target, lines }
    }

    /// A job for `target` from raw JSON records.
    pub fn from_json(target: PushTarget, records: &[Value]) -> Self {
        FeedJob::new(target, Lines::from_json_owned(records))
    }
}

/// Lines as handed in.
#[derive(Clone, Copy)]
enum Input<'a> {
    Read(&'a Lines<'a>),
    Typed(&'a [Transaction]),
}

impl<'a> Input<'a> {
    fn len(self) -> usize {
        match self {
            Input::Read(lines) => lines.len(),
            Input::Typed(t) => t.len(),
        }
    }

    fn id_at(self, i: usize) -> Option<&'a str> {
        match self {
            Input::Read(lines) => lines.id(i),
            Input::Typed(t) => Some(&t[i].id),
        }
    }
}

impl Client {
    /// Pushes raw JSON lines to one account: validation (refusing, or with `skip_invalid`
    /// leaving out, invalid lines), batches of at most `batch_size`, each pushed only after the
    /// previous landed, every step written to the cursor store.
    ///
    /// Lines whose id the cursor says already landed are left out (`already_pushed`), so running
    /// the same feed again after an interruption resumes it. A batch left in flight by an earlier
    /// run is resolved first — polled if it was accepted, sent again under the same key if not.
    ///
    /// Errors: `VALIDATION` before any request; `ACCOUNT_NOT_CONNECTED`; and once batches were
    /// sent, an `Incomplete` error whose report says exactly what landed, caused by
    /// `PUSH_FAILED`, `PUSH_TIMED_OUT` or the request error that stopped it.
    pub async fn push_feed(
        &self,
        target: &PushTarget,
        records: &[Value],
        options: &FeedOptions,
    ) -> Result<FeedReport, Error> {
        self.push_lines(target, &Lines::from_json(records), options)
            .await
    }

    /// [`Client::push_feed`] for lines already read (how the language packages hand them over).
    pub async fn push_lines(
        &self,
        target: &PushTarget,
        lines: &Lines<'_>,
        options: &FeedOptions,
    ) -> Result<FeedReport, Error> {
        self.run_feed(target, Input::Read(lines), options).await
    }

    /// [`Client::push_feed`] for typed transactions.
    pub async fn push_transactions(
        &self,
        target: &PushTarget,
        transactions: &[Transaction],
        options: &FeedOptions,
    ) -> Result<FeedReport, Error> {
        self.run_feed(target, Input::Typed(transactions), options)
            .await
    }

    /// Several accounts at once: each account on its own task (so validation and polling of
    /// different accounts run in parallel), sequential within each, bounded by the per-company
    /// request limit. One result per job, in order.
    pub async fn push_feeds(
        &self,
        jobs: Vec<FeedJob>,
        options: &FeedOptions,
    ) -> Vec<Result<FeedReport, Error>> {
        let mut seen = HashSet::new();
        if let Some(dup) = jobs.iter().find(|j| !seen.insert(j.target.clone())) {
            let message = format!(
                "account {:?} appears in more than one job; give each account one job so its batches stay in order",
                dup.target.account_id
            );
            return jobs
                .iter()
                .map(|_| Err(Error::config(message.clone())))
                .collect();
        }
        let shared = shared_ids(&jobs);
        let tasks: Vec<_> = jobs
            .into_iter()
            .zip(shared)
            .map(|(job, shared)| {
                let client = self.clone();
                let options = options.clone();
                tokio::spawn(async move {
                    match shared {
                        Some(report) => Err(Error::Validation(Box::new(report))),
                        None => client.push_lines(&job.target, &job.lines, &options).await,
                    }
                })
            })
            .collect();
        let mut results = Vec::with_capacity(tasks.len());
        for task in tasks {
            results.push(task.await.unwrap_or_else(|e| {
                Err(Error::Internal {
                    message: format!("the feed task for an account ended abnormally: {e}"),
                })
            }));
        }
        results
    }

    async fn run_feed(
        &self,
        target: &PushTarget,
        input: Input<'_>,
        options: &FeedOptions,
    ) -> Result<FeedReport, Error> {
        if options.batch_size == 0 || options.batch_size > options.profile.max_batch_size() {
            return Err(Error::config(format!(
                "batch size {} is out of range; use 1 to {}",
                options.batch_size,
                options.profile.max_batch_size()
            )));
        }
        let store = self.cursor_store();
        let mut report = FeedReport::new(target.clone(), input.len());
        let mut state = store.load(target)?;
        if let Some(batch) = state.in_flight.take() {
            emit(options, || Progress::Resumed {
                account_id: target.account_id.clone(),
                push_operation_key: batch.push_operation_key.clone(),
            });
            let (outcome, error) = self.resume(target, batch, options).await;
            report.resumed = Some(outcome);
            if let Some(e) = error {
                return Err(incomplete(e, report));
            }
            state = store.load(target)?;
        }

        let cursor = &state.cursor;
        let today = options.today.unwrap_or_else(|| Utc::now().date_naive());
        let ctx = ValidationContext::new(&options.profile, cursor).on(today);
        let include = |i: usize| input.id_at(i).is_none_or(|id| !cursor.has_pushed(id));
        report.already_pushed = (0..input.len()).filter(|&i| !include(i)).collect();
        let (validation, transactions): (Report, Vec<Transaction>) = match input {
            Input::Read(lines) => {
                let validated = validate_lines_where(lines, &ctx, include);
                (validated.report, validated.transactions)
            }
            Input::Typed(lines) => {
                let validation = validate_where(lines, &ctx, include);
                let bad: HashSet<usize> = validation.error_indices().into_iter().collect();
                let keep = (0..lines.len())
                    .filter(|&i| include(i) && !bad.contains(&i) && !validation.has_account_error())
                    .map(|i| lines[i].clone())
                    .collect();
                (validation, keep)
            }
        };
        report.skipped = validation.error_indices();
        report.validation = validation;
        report.balance = cursor.last_balance;
        if !report.validation.is_ok() && !options.skip_invalid {
            return Err(Error::Validation(Box::new(report.validation)));
        }

        if options.check_account_status && options.profile.require_connected() {
            let account = self
                .get_account(
                    &target.company_id,
                    &target.connection_id,
                    &target.account_id,
                )
                .await?;
            if account.status != Some(AccountStatus::Connected) {
                return Err(Error::AccountNotConnected {
                    account_id: target.account_id.clone(),
                    status: account.status,
                });
            }
        }

        let batches = plan_batches(target, &transactions, options.batch_size)?;
        emit(options, || Progress::Planned {
            account_id: target.account_id.clone(),
            transactions: transactions.len(),
            batches: batches.len(),
        });
        let mut expected = None;
        for batch in &batches {
            let lines = batch.lines(&transactions);
            let (outcome, error) = self
                .send_and_confirm(target, lines, batch, &state, expected, options)
                .await;
            expected = outcome.processing_ms.map(std::time::Duration::from_millis);
            let landed = outcome.status == BatchStatus::Success;
            if landed {
                report.landed += lines.len();
                report.balance = lines
                    .iter()
                    .rev()
                    .find_map(|t| t.balance)
                    .or(report.balance);
                emit(options, || Progress::BatchLanded {
                    account_id: target.account_id.clone(),
                    sequence: batch.sequence,
                    size: lines.len(),
                    landed: report.landed,
                    total: transactions.len(),
                });
            } else {
                emit(options, || Progress::BatchStopped {
                    account_id: target.account_id.clone(),
                    sequence: batch.sequence,
                    status: outcome.status,
                });
            }
            report.batches.push(outcome);
            if let Some(e) = error {
                return Err(incomplete(e, report));
            }
        }
        Ok(report)
    }

    /// Resolves a batch an earlier run left in flight.
    async fn resume(
        &self,
        target: &PushTarget,
        batch: InFlightBatch,
        options: &FeedOptions,
    ) -> (BatchOutcome, Option<Error>) {
        let store = self.cursor_store();
        let mut outcome = outcome_for(&batch.transactions, batch.idempotency_key);
        let op = match &batch.push_operation_key {
            Some(key) => match self.wait(&target.company_id, key, &options.wait).await {
                Err(e) if e.code() == crate::ErrorCode::NotFound => {
                    // Codat no longer knows it: nothing can have landed under it.
                    outcome.status = BatchStatus::Failed;
                    outcome.message = Some(format!(
                        "push {key} is unknown to Codat; its lines will be sent again"
                    ));
                    return match store.abandon_batch(target) {
                        Ok(()) => (outcome, None),
                        Err(e) => (outcome, Some(e)),
                    };
                }
                other => other,
            },
            None => {
                self.accept_and_wait(
                    target,
                    &batch.transactions,
                    batch.idempotency_key,
                    options,
                    &mut outcome,
                )
                .await
            }
        };
        let error = self.settle(target, op, &mut outcome);
        // A resumed batch that did not land is not an error of this run: its lines are sent
        // again below if they are in this input.
        match error {
            Some(e)
                if matches!(
                    e.code(),
                    crate::ErrorCode::PushFailed | crate::ErrorCode::PushTimedOut
                ) && matches!(outcome.status, BatchStatus::Failed | BatchStatus::TimedOut) =>
            {
                (outcome, None)
            }
            other => (outcome, other),
        }
    }

    /// Records, sends and polls one batch.
    async fn send_and_confirm(
        &self,
        target: &PushTarget,
        lines: &[Transaction],
        planned: &crate::batch::Batch,
        retired: &crate::cursor::AccountState,
        expected: Option<std::time::Duration>,
        options: &FeedOptions,
    ) -> (BatchOutcome, Option<Error>) {
        let key = retired.usable_key(planned.idempotency_key);
        let mut outcome = outcome_for(lines, key);
        outcome.sequence = Some(planned.sequence);
        outcome.expected_processing = expected;
        let batch = InFlightBatch {
            idempotency_key: key,
            push_operation_key: None,
            started_at: Utc::now(),
            transactions: lines.to_vec(),
        };
        if let Err(e) = self.cursor_store().begin_batch(target, &batch) {
            outcome.message = Some(e.to_string());
            return (outcome, Some(e));
        }
        let op = self
            .accept_and_wait(target, lines, key, options, &mut outcome)
            .await;
        let error = self.settle(target, op, &mut outcome);
        (outcome, error)
    }

    /// Sends a batch under `key`, records Codat's key, and polls it to its end.
    async fn accept_and_wait(
        &self,
        target: &PushTarget,
        lines: &[Transaction],
        key: Uuid,
        options: &FeedOptions,
        outcome: &mut BatchOutcome,
    ) -> Result<PushOperation, Error> {
        let store = self.cursor_store();
        let op = match self.push_batch(target, lines, key, &options.push).await {
            Ok(op) => op,
            Err(e) => {
                // An HTTP answer to the push itself (a refusal, or a 5xx after which the batch was
                // looked for and not found) means it is not on Codat: retire its key so the next
                // run sends it under a fresh one. A 409 or 429 after every retry, a failed look-up,
                // or no answer at all leaves its fate unknown: keep it, so the next run sends it
                // again under the same key.
                let answered = matches!(&e, Error::Api(f) if f.method == "POST" && f.status != 409 && f.status != 429);
                if answered {
                    store.abandon_batch(target)?;
                }
                return Err(e);
            }
        };
        store.set_push_operation(target, &op.push_operation_key)?;
        outcome.push_operation_key = Some(op.push_operation_key.clone());
        if let Some(sequence) = outcome.sequence {
            emit(options, || Progress::BatchSent {
                account_id: target.account_id.clone(),
                sequence,
                size: lines.len(),
                push_operation_key: op.push_operation_key.clone(),
            });
        }
        let accepted = std::time::Instant::now();
        let wait = WaitOptions {
            expected: outcome.expected_processing,
            ..options.wait.clone()
        };
        let done = self
            .wait(&target.company_id, &op.push_operation_key, &wait)
            .await;
        outcome.processing_ms = Some(accepted.elapsed().as_millis() as u64);
        done
    }

    /// Writes a batch's end to the cursor store and the outcome; the error that stops the run.
    fn settle(
        &self,
        target: &PushTarget,
        op: Result<PushOperation, Error>,
        outcome: &mut BatchOutcome,
    ) -> Option<Error> {
        let store = self.cursor_store();
        let op = match op {
            Ok(op) => op,
            Err(e) => {
                outcome.status = if matches!(e, Error::PushTimedOut { .. }) {
                    BatchStatus::Pending
                } else {
                    BatchStatus::NotSent
                };
                outcome.message = Some(e.to_string());
                return Some(e);
            }
        };
        outcome.push_operation_key = Some(op.push_operation_key.clone());
        outcome.message = op.error_message.clone();
        outcome.errors = op
            .validation
            .as_ref()
            .and_then(|v| v.errors.clone())
            .unwrap_or_default();
        let key = op.push_operation_key.clone();
        let message = op.error_message.clone().unwrap_or_default();
        let (status, stored, error) = match op.status {
            PushStatus::Success => (BatchStatus::Success, store.complete_batch(target), None),
            PushStatus::Failed => (
                BatchStatus::Failed,
                store.abandon_batch(target),
                Some(Error::PushFailed {
                    push_operation_key: key,
                    message,
                    errors: outcome.errors.clone(),
                }),
            ),
            PushStatus::TimedOut => (
                BatchStatus::TimedOut,
                store.abandon_batch(target),
                Some(Error::PushTimedOut {
                    push_operation_key: key,
                    message: format!(
                        "{message} (Codat ended the push TimedOut; push again to send its lines)"
                    ),
                }),
            ),
            PushStatus::Pending => (BatchStatus::Pending, Ok(()), None),
        };
        outcome.status = status;
        match stored {
            Err(e) => Some(e),
            Ok(()) => error,
        }
    }
}

/// For each job, a report of the lines whose id another account of the same company also uses,
/// or `None`. Codat requires ids unique within a company, and feedrail relies on it: after a
/// server error it recognizes a push by its lines' ids, and Codat's push history does not say
/// which account a push was for.
fn shared_ids(jobs: &[FeedJob]) -> Vec<Option<Report>> {
    let mut owner: std::collections::HashMap<(&str, &str), &str> = std::collections::HashMap::new();
    for job in jobs {
        for id in (0..job.lines.len()).filter_map(|i| job.lines.id(i)) {
            owner
                .entry((&job.target.company_id, id))
                .or_insert(&job.target.account_id);
        }
    }
    jobs.iter()
        .map(|job| {
            let mut report = Report {
                checked: job.lines.len(),
                ..Report::default()
            };
            for index in 0..job.lines.len() {
                let Some(id) = job.lines.id(index) else { continue };
                let first = owner[&(job.target.company_id.as_str(), id)];
                if first != job.target.account_id {
                    report.push(crate::rules::Issue {
                        code: crate::rules::IssueCode::DuplicateId,
                        index: Some(index),
                        transaction_id: Some(id.to_owned()),
                        field: Some("id".to_owned()),
                        message: format!(
                            "transaction at index {index} (id {id:?}): account {first:?} of the same company has a line with this id; Codat needs ids unique within a company — make them unique (for example, prefix them with the account id)"
                        ),
                    });
                }
            }
            (!report.is_ok()).then_some(report)
        })
        .collect()
}

fn outcome_for(lines: &[Transaction], key: Uuid) -> BatchOutcome {
    BatchOutcome {
        sequence: None,
        size: lines.len(),
        first_id: lines.first().map(|t| t.id.clone()).unwrap_or_default(),
        last_id: lines.last().map(|t| t.id.clone()).unwrap_or_default(),
        idempotency_key: key,
        push_operation_key: None,
        status: BatchStatus::NotSent,
        message: None,
        errors: Vec::new(),
        processing_ms: None,
        expected_processing: None,
    }
}

fn emit(options: &FeedOptions, event: impl FnOnce() -> Progress) {
    if let Some(callback) = &options.progress {
        callback(&event());
    }
}

fn incomplete(cause: Error, report: FeedReport) -> Error {
    Error::Incomplete {
        cause: Box::new(cause),
        report: Box::new(report),
    }
}
