//! Workers: claim accounts with due lines, push them in order under the account's lease, settle
//! the queue, and let go — any number of them, on any number of machines.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::sync::Notify;
use tokio::task::JoinSet;

use super::{Queue, read_line};
use crate::batch::PushTarget;
use crate::cursor::{Lease, LeaseRequest};
use crate::error::{Error, ErrorCode};
use crate::feed::{BatchStatus, FeedOptions, FeedReport, Hold, Pipeline};
use crate::model::Transaction;
use crate::webhooks::{Event, Payload, SOURCE_ACCOUNT_CONNECTED};

/// Longest idle stretch without a claim attempt while accounts are running (`Duration::MAX`
/// waits are bounded by a finishing account anyway).
const IDLE_CAP: Duration = Duration::from_secs(24 * 3600);

/// How a worker works.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// How each account's lines are pushed (lease ttl, batch size, polling, ...).
    pub feed: FeedOptions,
    /// Accounts this worker pushes at once.
    pub accounts_at_once: usize,
    /// Most lines pushed per claim; the account is then let go so others get their turn.
    pub lines_per_claim: usize,
    /// How often an idle worker looks for due lines.
    pub idle_poll: Duration,
    /// Stop once no line is left for a worker anywhere (lines held back by failed lines do not
    /// count: they wait for an operator), rather than wait for more.
    pub until_drained: bool,
    /// Longest wait before an account is tried again after a transient error (the wait doubles
    /// from one second per failed try).
    pub max_backoff: Duration,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        WorkerOptions {
            feed: FeedOptions::default(),
            accounts_at_once: 8,
            lines_per_claim: 10_000,
            idle_poll: Duration::from_secs(1),
            until_drained: false,
            max_backoff: Duration::from_secs(300),
        }
    }
}

/// What a worker did so far.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkerMetrics {
    /// Accounts claimed.
    pub claims: u64,
    /// Lines that landed (or were found landed) through this worker.
    pub lines_landed: u64,
    /// Lines marked failed (Codat refused their batch, or they no longer validate).
    pub lines_failed: u64,
    /// Batches that landed.
    pub batches: u64,
    /// Claims that ended with a transient error (the account is tried again later).
    pub transient_errors: u64,
    /// Mean time from claiming an account to a batch landing, per batch, in milliseconds.
    pub mean_batch_ms: f64,
    /// Longest claim, in milliseconds.
    pub max_claim_ms: u64,
}

#[derive(Debug, Default)]
struct Counters {
    claims: AtomicU64,
    lines_landed: AtomicU64,
    lines_failed: AtomicU64,
    batches: AtomicU64,
    transient_errors: AtomicU64,
    claim_ms: AtomicU64,
    max_claim_ms: AtomicU64,
}

/// Drains the queue: see the module docs. Cheap to clone; clones share the stop signal and
/// metrics.
#[derive(Debug, Clone)]
pub struct Worker {
    queue: Queue,
    pipeline: Pipeline,
    options: WorkerOptions,
    counters: Arc<Counters>,
    stopping: Arc<AtomicBool>,
    stop: Arc<Notify>,
}

/// A claimed account.
struct Claim {
    account: i64,
    target: PushTarget,
    lease: Lease,
}

impl Worker {
    /// A worker pushing through `pipeline`, which must have been opened on a PostgreSQL cursor
    /// ([`Pipeline::open`]: its client then shares the per-company limit with every worker).
    pub fn new(pipeline: Pipeline, options: WorkerOptions) -> Result<Self, Error> {
        if options.accounts_at_once == 0 || options.lines_per_claim == 0 {
            return Err(Error::config(
                "a worker needs accounts_at_once and lines_per_claim of at least 1",
            ));
        }
        Ok(Worker {
            queue: pipeline.queue()?,
            pipeline,
            options,
            counters: Arc::default(),
            stopping: Arc::default(),
            stop: Arc::default(),
        })
    }

    /// Asks the worker to stop: it claims nothing more, sends no further batch, and returns
    /// once each account's batch in flight has settled (its remaining lines stay queued).
    /// Dropping [`Worker::run`]'s future instead stops at once: the batch in flight stays in the
    /// store and the next worker to claim the account resumes it.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        self.stop.notify_waiters();
    }

    /// What it did so far.
    pub fn metrics(&self) -> WorkerMetrics {
        let c = &self.counters;
        let batches = c.batches.load(Ordering::Relaxed);
        WorkerMetrics {
            claims: c.claims.load(Ordering::Relaxed),
            lines_landed: c.lines_landed.load(Ordering::Relaxed),
            lines_failed: c.lines_failed.load(Ordering::Relaxed),
            batches,
            transient_errors: c.transient_errors.load(Ordering::Relaxed),
            mean_batch_ms: if batches == 0 {
                0.0
            } else {
                c.claim_ms.load(Ordering::Relaxed) as f64 / batches as f64
            },
            max_claim_ms: c.max_claim_ms.load(Ordering::Relaxed),
        }
    }

    /// Works until [`Worker::stop`] (or, with `until_drained`, until nothing is queued), and
    /// returns its metrics. Errors only when the database fails.
    pub async fn run(&self) -> Result<WorkerMetrics, Error> {
        let mut running: JoinSet<()> = JoinSet::new();
        let mut events = self.pipeline.client().events();
        loop {
            while let Some(done) = running.try_join_next() {
                if let Err(e) = done {
                    tracing::error!(error = %e, "an account task ended abnormally");
                }
            }
            if self.stopping.load(Ordering::SeqCst) {
                break;
            }
            let free = self.options.accounts_at_once - running.len();
            let claims = if free > 0 {
                self.claim(free).await?
            } else {
                Vec::new()
            };
            match claims.is_empty() {
                false => {
                    for claim in claims {
                        let worker = self.clone();
                        running.spawn(async move { worker.work(claim).await });
                    }
                }
                true => {
                    if running.is_empty() && self.options.until_drained {
                        let queue = self.queue.clone();
                        if run_blocking(move || queue.pending()).await? == 0 {
                            break;
                        }
                    }
                    let wait = if running.len() < self.options.accounts_at_once {
                        self.options.idle_poll
                    } else {
                        Duration::MAX
                    };
                    let idle_until = tokio::time::Instant::now() + wait.min(IDLE_CAP);
                    loop {
                        tokio::select! {
                            () = tokio::time::sleep_until(idle_until), if wait != Duration::MAX => break,
                            Some(done) = running.join_next(), if !running.is_empty() => {
                                if let Err(e) = done {
                                    tracing::error!(error = %e, "an account task ended abnormally");
                                }
                                break;
                            }
                            () = self.stop.notified() => break,
                            event = events.recv() => {
                                if let Ok(event) = event
                                    && self.wakes(&event).await?
                                {
                                    break;
                                }
                            }
                        }
                    }
                }
            }
        }
        while let Some(done) = running.join_next().await {
            if let Err(e) = done {
                tracing::error!(error = %e, "an account task ended abnormally");
            }
        }
        Ok(self.metrics())
    }

    /// Acts on a webhook event handed to the client: a `bankFeeds.sourceAccount.connected`
    /// event makes the account's queued lines due at once (rather than after their backoff);
    /// returns whether it did.
    async fn wakes(&self, event: &Event) -> Result<bool, Error> {
        let Payload::SourceAccount(changed) = &event.payload else {
            return Ok(false);
        };
        let Some(company) = changed.company() else {
            return Ok(false);
        };
        if event.event_type != SOURCE_ACCOUNT_CONNECTED {
            return Ok(false);
        }
        let target = PushTarget::new(company, &changed.connection_id, &changed.source_account.id);
        let queue = self.queue.clone();
        let woke = run_blocking(move || queue.wake(&target)).await?;
        if woke {
            tracing::info!(account = %changed.source_account.id, "account connected: its queued lines are due now");
        }
        Ok(woke)
    }

    /// Takes the leases of up to `n` accounts with due lines that nobody holds, in one statement
    /// (skipping rows another worker is claiming right now).
    async fn claim(&self, n: usize) -> Result<Vec<Claim>, Error> {
        let request = LeaseRequest::for_this_process(self.options.feed.lease_ttl);
        let queue = self.queue.clone();
        run_blocking(move || {
            let db = queue.db();
            let ttl_ms = request.ttl.as_secs_f64() * 1000.0;
            let rows = db
                .conn()?
                .query(
                    "UPDATE feedrail_account SET lease_token = $1, lease_holder = $2,
                        lease_expires = now() + $3::float8 * interval '1 millisecond'
                     WHERE id IN (
                        SELECT a.id FROM feedrail_account a
                        WHERE (a.lease_token IS NULL OR a.lease_expires <= now())
                          AND (a.retry_at IS NULL OR a.retry_at <= now())
                          AND EXISTS (SELECT 1 FROM feedrail_queued_line q
                                      WHERE q.account = a.id AND q.failed IS NULL)
                          AND NOT EXISTS (SELECT 1 FROM feedrail_queued_line q
                                          WHERE q.account = a.id AND q.failed IS NOT NULL)
                        ORDER BY a.retry_at NULLS FIRST, a.id
                        LIMIT $4 FOR UPDATE SKIP LOCKED)
                     RETURNING id, company_id, connection_id, account_id, lease_expires",
                    &[&request.token, &request.holder, &ttl_ms, &(n as i64)],
                )
                .map_err(|e| db.err(e))?;
            Ok(rows
                .iter()
                .map(|r| Claim {
                    account: r.get(0),
                    target: PushTarget::new(
                        r.get::<_, String>(1),
                        r.get::<_, String>(2),
                        r.get::<_, String>(3),
                    ),
                    lease: Lease {
                        expires_at: r.get(4),
                        ..request.granted()
                    },
                })
                .collect())
        })
        .await
    }

    /// Pushes a claimed account's due lines, settles its queue and lets it go.
    async fn work(&self, claim: Claim) {
        let started = Instant::now();
        self.counters.claims.fetch_add(1, Ordering::Relaxed);
        let store = Arc::clone(self.pipeline.store());
        let hold = Hold::adopt(&store, &claim.target, claim.lease.clone());
        let outcome = self.push_claimed(&hold, &claim).await;
        if let Err(e) = self.settle(&claim, outcome).await {
            tracing::warn!(account_id = %claim.target.account_id, error = %e, "could not settle the account's queue; the next claim does");
        }
        if let Err(e) = hold.release().await {
            tracing::warn!(error = %e, "could not release the account's lease; it expires on its own");
        }
        let ms = started.elapsed().as_millis() as u64;
        self.counters.claim_ms.fetch_add(ms, Ordering::Relaxed);
        self.counters.max_claim_ms.fetch_max(ms, Ordering::Relaxed);
    }

    async fn push_claimed(
        &self,
        hold: &Hold,
        claim: &Claim,
    ) -> Result<(Vec<Transaction>, Result<FeedReport, Error>), Error> {
        let (queue, c) = (self.queue.clone(), claim.target.clone());
        let (account, limit) = (claim.account, self.options.lines_per_claim as i64);
        let lines = run_blocking(move || {
            let db = queue.db();
            let rows = db
                .conn()?
                .query(
                    "SELECT line FROM feedrail_queued_line WHERE account = $1 AND failed IS NULL
                     ORDER BY seq LIMIT $2",
                    &[&account, &limit],
                )
                .map_err(|e| db.err(e))?;
            rows.iter()
                .map(|r| read_line(&c, &r.get::<_, String>(0)).map_err(|e| db.err(e)))
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
        let result = self
            .pipeline
            .push_held(
                hold,
                &claim.target,
                &lines,
                &self.options.feed,
                &self.stopping,
            )
            .await;
        Ok((lines, result))
    }

    /// Deletes what landed; marks failed what Codat refused or no longer validates; backs the
    /// account off after a transient error — all fenced by the claim's lease.
    async fn settle(
        &self,
        claim: &Claim,
        outcome: Result<(Vec<Transaction>, Result<FeedReport, Error>), Error>,
    ) -> Result<(), Error> {
        let (failed, error) = match &outcome {
            Ok((_, Ok(report))) => {
                self.count_landed(report);
                (Vec::new(), None)
            }
            Ok((lines, Err(e))) => {
                if let Some(report) = e.feed_report() {
                    self.count_landed(report);
                }
                let failed = failed_lines(lines, e);
                if failed.is_empty() {
                    (failed, Some(e.to_string()))
                } else {
                    (failed, None)
                }
            }
            Err(e) => (Vec::new(), Some(e.to_string())),
        };
        self.counters
            .lines_failed
            .fetch_add(failed.len() as u64, Ordering::Relaxed);
        if error.is_some() {
            self.counters
                .transient_errors
                .fetch_add(1, Ordering::Relaxed);
        }
        // The lines this claim handed to the pipeline (none when reading them failed): those of
        // them now recorded as pushed leave the queue.
        let handed: Vec<String> = match &outcome {
            Ok((lines, _)) => lines.iter().map(|l| l.id.clone()).collect(),
            Err(_) => Vec::new(),
        };
        let (queue, account, token) = (self.queue.clone(), claim.account, claim.lease.token);
        let max_backoff_s = self.options.max_backoff.as_secs_f64();
        run_blocking(move || {
            let db = queue.db();
            let mut conn = db.conn()?;
            let mut tx = conn.transaction().map_err(|e| db.err(e))?;
            let held = tx
                .query_opt(
                    "SELECT 1 FROM feedrail_account WHERE id = $1 AND lease_token = $2 FOR UPDATE",
                    &[&account, &token],
                )
                .map_err(|e| db.err(e))?;
            if held.is_none() {
                return Ok(());
            }
            tx.execute(
                "DELETE FROM feedrail_queued_line q
                 WHERE q.account = $1 AND q.line_id = ANY($2)
                   AND EXISTS (SELECT 1 FROM feedrail_pushed_id p WHERE p.account = $1 AND p.id = q.line_id)",
                &[&account, &handed],
            )
            .map_err(|e| db.err(e))?;
            for (id, reason) in &failed {
                tx.execute(
                    "UPDATE feedrail_queued_line SET failed = $3 WHERE account = $1 AND line_id = $2",
                    &[&account, id, reason],
                )
                .map_err(|e| db.err(e))?;
            }
            match &error {
                Some(message) => tx.execute(
                    "UPDATE feedrail_account SET attempts = attempts + 1, last_error = $2,
                        retry_at = now() + LEAST(power(2, attempts), $3::float8) * interval '1 second'
                     WHERE id = $1",
                    &[&account, message, &max_backoff_s],
                ),
                None => tx.execute(
                    "UPDATE feedrail_account SET attempts = 0, retry_at = NULL, last_error = NULL
                     WHERE id = $1",
                    &[&account],
                ),
            }
            .map_err(|e| db.err(e))?;
            tx.commit().map_err(|e| db.err(e))
        })
        .await
    }

    fn count_landed(&self, report: &FeedReport) {
        let c = &self.counters;
        c.lines_landed.fetch_add(
            (report.landed + report.already_landed) as u64,
            Ordering::Relaxed,
        );
        let batches = report
            .resumed
            .iter()
            .chain(&report.batches)
            .filter(|b| matches!(b.status, BatchStatus::Success | BatchStatus::AlreadyLanded))
            .count();
        c.batches.fetch_add(batches as u64, Ordering::Relaxed);
    }
}

/// Lines that cannot go as they are, with why: the lines of a batch Codat refused, or lines the
/// pipeline's validation refused. Empty for anything a later try may cure.
fn failed_lines(lines: &[Transaction], error: &Error) -> Vec<(String, String)> {
    match error {
        Error::Validation(report) => {
            let mut failed: Vec<(String, String)> = Vec::new();
            for issue in &report.errors {
                match issue.index.and_then(|i| lines.get(i)) {
                    Some(line) => failed.push((line.id.clone(), issue.message.clone())),
                    // An account-wide error: every line waits for the operator.
                    None => {
                        return lines
                            .iter()
                            .map(|l| (l.id.clone(), issue.message.clone()))
                            .collect();
                    }
                }
            }
            failed
        }
        e if e.code() == ErrorCode::PushFailed => {
            let Some(report) = e.feed_report() else {
                return Vec::new();
            };
            let refused = report
                .resumed
                .iter()
                .chain(&report.batches)
                .find(|b| b.status == BatchStatus::Failed);
            let Some(batch) = refused else {
                return Vec::new();
            };
            let reason = std::iter::once(batch.message.clone().unwrap_or_else(|| e.to_string()))
                .chain(batch.errors.iter().filter_map(|v| v.message.clone()))
                .collect::<Vec<_>>()
                .join("; ");
            let first = lines.iter().position(|l| l.id == batch.first_id);
            let last = lines.iter().position(|l| l.id == batch.last_id);
            match (first, last) {
                (Some(a), Some(b)) if a <= b => lines[a..=b]
                    .iter()
                    .map(|l| (l.id.clone(), reason.clone()))
                    .collect(),
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// Runs a blocking database call on tokio's blocking pool.
async fn run_blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    tokio::task::spawn_blocking(f).await.unwrap_or_else(|e| {
        Err(Error::Internal {
            message: format!("a queue database call ended abnormally: {e}"),
        })
    })
}
