//! The feed pipeline: validate against the cursor, batch, push batch after batch (each only
//! after the previous landed), remember every step, stop at the first batch that does not land,
//! and report exactly what landed. Accounts run concurrently; batches of one account never do —
//! not even across processes: a run holds the account's lease in the cursor store.

mod hold;
mod progress;
mod report;
mod settle;
mod source;

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::NaiveDate;
use serde_json::Value;
use uuid::Uuid;

pub use progress::{Progress, ProgressCallback};
pub use report::{BatchOutcome, BatchStatus, FeedReport, Resolution};
pub use source::{Chunks, LineSource, SOURCE_CHUNK_LINES};

use crate::batch::{PushTarget, idempotency_key};
use crate::client::{Client, ClientBuilder, PushOptions, WaitOptions};
use crate::cursor::{
    CursorStore, InFlightBatch, MemoryCursorStore, PostgresCursorStore, SqliteCursorStore,
};
use crate::error::{Error, ErrorCode};
use crate::model::{AccountStatus, Transaction};
use crate::postgres::{Database, PostgresCompanySlots, PostgresEventRelay};
use crate::rules::{
    Lines, MAX_BATCH_SIZE, Profile, Report, ValidationContext, check_lines_where, validate_where,
};
pub(crate) use hold::{Hold, blocking};
use settle::Run;

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
    /// The day to validate against (default: today in `time_zone`, or in UTC).
    pub today: Option<NaiveDate>,
    /// Converts dates written with an offset into this zone's wall-clock time (for sources that
    /// hand UTC instants); `None` keeps every date as written, as Codat does.
    pub time_zone: Option<chrono_tz::Tz>,
    /// Called on every progress event.
    pub progress: Option<ProgressCallback>,
    /// How long a run's hold on an account lasts unless renewed (it is renewed every third of
    /// it while the run works; a crashed run's hold lapses after it).
    pub lease_ttl: Duration,
    /// How long to wait for another run to give the account up before failing with
    /// `ACCOUNT_BUSY` (zero: fail at once).
    pub lease_wait: Duration,
    /// How long after a key was first sent a resumed batch still trusts Codat to answer it
    /// once (Codat keeps keys 90 minutes); older, it is in doubt and resolved.
    pub idempotency_window: Duration,
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
            time_zone: None,
            progress: None,
            lease_ttl: Duration::from_secs(30),
            lease_wait: Duration::ZERO,
            idempotency_window: Duration::from_secs(80 * 60),
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
            .field("time_zone", &self.time_zone)
            .field("progress", &self.progress.as_ref().map(|_| "callback"))
            .field("lease_ttl", &self.lease_ttl)
            .field("lease_wait", &self.lease_wait)
            .field("idempotency_window", &self.idempotency_window)
            .finish()
    }
}

/// One account's lines, for [`Pipeline::push_feeds`].
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

/// Refuses options no feed can run with.
fn check_options(options: &FeedOptions) -> Result<(), Error> {
    if options.batch_size == 0 || options.batch_size > options.profile.max_batch_size() {
        return Err(Error::config(format!(
            "batch size {} is out of range; use 1 to {}",
            options.batch_size,
            options.profile.max_batch_size()
        )));
    }
    if options.lease_ttl < Duration::from_millis(30) {
        return Err(Error::config(format!(
            "lease ttl {:?} is too short; give at least 30 ms (the default is 30 s)",
            options.lease_ttl
        )));
    }
    Ok(())
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

    /// The line at `i` as a transaction to send, dates read in `zone`.
    fn transaction(self, i: usize, zone: Option<chrono_tz::Tz>) -> Option<Transaction> {
        match self {
            Input::Read(lines) => lines.transaction_at(i, zone),
            Input::Typed(t) => t.get(i).cloned(),
        }
    }
}

/// The feed pipeline: a client and the cursor store that remembers what it pushed. Cheap to
/// clone; clones share both.
#[derive(Debug, Clone)]
pub struct Pipeline {
    client: Client,
    store: Arc<dyn CursorStore>,
    /// The PostgreSQL database behind `store`, when it is one (for the queue).
    database: Option<Arc<Database>>,
}

impl Pipeline {
    /// A pipeline pushing through `client` and remembering in `store`.
    pub fn new(client: Client, store: Arc<dyn CursorStore>) -> Self {
        Pipeline {
            client,
            store,
            database: None,
        }
    }

    /// A pipeline remembering in the store `cursor` names, or in memory when `None`: a
    /// `postgresql://` (or `postgres://`) URL is a [`PostgresCursorStore`] that many machines
    /// share — and then the client also shares Codat's per-company request limit with every
    /// process on that database; anything else is the path of a [`SqliteCursorStore`] file.
    pub fn open(client: ClientBuilder, cursor: Option<&str>) -> Result<Self, Error> {
        Ok(match cursor {
            None => Pipeline::in_memory(client.build()?),
            Some(spec) if spec.trim().is_empty() => {
                return Err(Error::config(
                    "the cursor is empty; give a SQLite file path or a postgresql:// URL",
                ));
            }
            Some(url) if crate::postgres::is_url(url) => {
                let db = Database::connect(url)?;
                let slots = Arc::new(PostgresCompanySlots::new(Arc::clone(&db)));
                let relay = Arc::new(PostgresEventRelay::new(Arc::clone(&db)));
                let client = client
                    .shared_slots(slots)
                    .event_relay(Arc::clone(&relay) as Arc<dyn crate::client::EventRelay>)
                    .build()?;
                relay.listen(client.event_hub_weak());
                Pipeline {
                    client,
                    store: Arc::new(PostgresCursorStore::new(Arc::clone(&db))),
                    database: Some(db),
                }
            }
            Some(path) => Pipeline::new(client.build()?, Arc::new(SqliteCursorStore::open(path)?)),
        })
    }

    /// A pipeline that remembers in memory (lost when the process ends).
    pub fn in_memory(client: Client) -> Self {
        Pipeline::new(client, Arc::new(MemoryCursorStore::default()))
    }

    /// The client it pushes through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The same pipeline (same cursor store) pushing through `client`, e.g. a client from
    /// [`Client::with_policy`].
    pub fn with_client(&self, client: Client) -> Pipeline {
        Pipeline {
            client,
            store: Arc::clone(&self.store),
            database: self.database.clone(),
        }
    }

    /// The queue in its PostgreSQL database; `CONFIG` when its cursor is not PostgreSQL.
    pub fn queue(&self) -> Result<crate::queue::Queue, Error> {
        match &self.database {
            Some(db) => Ok(crate::queue::Queue::new(PostgresCursorStore::new(
                Arc::clone(db),
            ))),
            None => Err(Error::config(
                "the queue lives in PostgreSQL: open the client with a postgresql:// cursor",
            )),
        }
    }

    /// The store it remembers in.
    pub fn store(&self) -> &Arc<dyn CursorStore> {
        &self.store
    }

    /// Pushes raw JSON lines to one account: validation (refusing, or with `skip_invalid`
    /// leaving out, invalid lines), batches of at most `batch_size`, each pushed only after the
    /// previous landed, every step written to the cursor store under the account's lease.
    ///
    /// Lines whose id the cursor says already landed are left out (`already_pushed`), so running
    /// the same feed again after an interruption resumes it. A batch left in flight by an earlier
    /// run is settled first — polled if it was accepted, sent again under the same key if not,
    /// resolved if its fate is in doubt.
    ///
    /// Errors: `ACCOUNT_BUSY` when another run holds the account; `VALIDATION` before any
    /// request; `ACCOUNT_NOT_CONNECTED`; and once batches were sent, an `Incomplete` error whose
    /// report says exactly what landed, caused by `PUSH_FAILED`, `PUSH_TIMED_OUT` or the
    /// request error that stopped it.
    pub async fn push_feed(
        &self,
        target: &PushTarget,
        records: &[Value],
        options: &FeedOptions,
    ) -> Result<FeedReport, Error> {
        self.push_lines(target, &Lines::from_json(records), options)
            .await
    }

    /// [`Pipeline::push_feed`] for lines already read (how the language packages hand them
    /// over).
    pub async fn push_lines(
        &self,
        target: &PushTarget,
        lines: &Lines<'_>,
        options: &FeedOptions,
    ) -> Result<FeedReport, Error> {
        self.run_feed(target, Input::Read(lines), options).await
    }

    /// [`Pipeline::push_feed`] for typed transactions.
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
                let pipeline = self.clone();
                let options = options.clone();
                tokio::spawn(async move {
                    match shared {
                        Some(report) => Err(Error::Validation(Box::new(report))),
                        None => pipeline.push_lines(&job.target, &job.lines, &options).await,
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

    /// [`Pipeline::push_transactions`] under a lease the caller already holds (a worker's
    /// claim): neither taken nor released here. Once `stop` is set, no further batch is sent:
    /// the report then leaves the rest unsent (the worker keeps it queued).
    pub(crate) async fn push_held(
        &self,
        hold: &Hold,
        target: &PushTarget,
        transactions: &[Transaction],
        options: &FeedOptions,
        stop: &AtomicBool,
    ) -> Result<FeedReport, Error> {
        check_options(options)?;
        self.run_held(
            hold,
            target,
            Input::Typed(transactions),
            options,
            Some(stop),
        )
        .await
    }

    async fn run_feed(
        &self,
        target: &PushTarget,
        input: Input<'_>,
        options: &FeedOptions,
    ) -> Result<FeedReport, Error> {
        check_options(options)?;
        let hold = Hold::take(&self.store, target, options.lease_ttl, options.lease_wait).await?;
        let result = self.run_held(&hold, target, input, options, None).await;
        if let Err(e) = hold.release().await {
            tracing::warn!(error = %e, "could not release the account's lease; it expires on its own");
        }
        result
    }

    async fn run_held(
        &self,
        hold: &Hold,
        target: &PushTarget,
        input: Input<'_>,
        options: &FeedOptions,
        stop: Option<&AtomicBool>,
    ) -> Result<FeedReport, Error> {
        let report = FeedReport::new(target.clone(), input.len());
        let (mut run, state, mut report) =
            self.begin(hold, target, options, report, || None).await?;
        // The input's ids, copied once into one buffer for the store's thread.
        let mut text = String::new();
        let mut ends = Vec::with_capacity(input.len());
        for id in (0..input.len()).filter_map(|i| input.id_at(i)) {
            text.push_str(id);
            ends.push(text.len());
        }
        let t = target.clone();
        let pushed = blocking(&self.store, move |s| {
            let starts = std::iter::once(0).chain(ends.iter().copied());
            let ids: Vec<&str> = starts.zip(&ends).map(|(a, &b)| &text[a..b]).collect();
            s.find_pushed(&t, &ids)
        })
        .await?;
        let mut cursor = state.cursor.clone();
        cursor.recent_ids = pushed;
        let cursor = &cursor;
        let mut ctx = ValidationContext::new(&options.profile, cursor).in_zone(options.time_zone);
        if let Some(today) = options.today {
            ctx = ctx.on(today);
        }
        let include = |i: usize| input.id_at(i).is_none_or(|id| !cursor.has_pushed(id));
        report.already_pushed = (0..input.len()).filter(|&i| !include(i)).collect();
        // Positions of the lines to send; each batch's transactions are built only when it is
        // sent, so the feed is never held twice.
        let (validation, sendable): (Report, Vec<usize>) = match input {
            Input::Read(lines) => {
                let checked = check_lines_where(lines, &ctx, include);
                (checked.report, checked.indices)
            }
            Input::Typed(lines) => {
                let validation = validate_where(lines, &ctx, include);
                let bad: HashSet<usize> = validation.error_indices().into_iter().collect();
                let keep = (0..lines.len())
                    .filter(|&i| include(i) && !bad.contains(&i) && !validation.has_account_error())
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

        // Read only once the input passed: a refused feed makes no request at all.
        self.check_connected(target, options).await?;

        let total = sendable.len();
        emit(options, || Progress::Planned {
            account_id: target.account_id.clone(),
            transactions: total,
            batches: total.div_ceil(options.batch_size),
        });
        let mut transactions = sendable
            .iter()
            .filter_map(|&i| input.transaction(i, options.time_zone));
        for sequence in 0.. {
            if stop.is_some_and(|s| s.load(Ordering::SeqCst)) {
                break;
            }
            let lines: Vec<Transaction> = transactions.by_ref().take(options.batch_size).collect();
            if lines.is_empty() {
                break;
            }
            let sent = Sent {
                sequence,
                key: state.usable_key(idempotency_key(target, &lines)),
                total,
            };
            if let Err(e) = send(&mut run, sent, lines, &mut report).await {
                return Err(incomplete(e, report));
            }
        }
        Ok(report)
    }

    /// Starts a run on an account held by `hold`: settles the batch an earlier run left in
    /// flight (an `Incomplete` error carrying `report` when that fails), then reads the account's
    /// state.
    async fn begin<'a>(
        &'a self,
        hold: &'a Hold,
        target: &'a PushTarget,
        options: &'a FeedOptions,
        mut report: FeedReport,
        count: impl FnOnce() -> Option<usize>,
    ) -> Result<(Run<'a>, crate::cursor::AccountState, FeedReport), Error> {
        let mut run = Run {
            client: &self.client,
            store: &self.store,
            hold,
            target,
            options,
            expected: None,
        };
        if let Err(e) = self.resume(&mut run, &mut report).await {
            report.total = count().unwrap_or(report.total);
            return Err(incomplete(e, report));
        }
        let t = target.clone();
        let state = blocking(&self.store, move |s| s.load(&t)).await?;
        Ok((run, state, report))
    }

    /// Settles the batch an earlier run left in flight, if any, into `report.resumed`.
    async fn resume(&self, run: &mut Run<'_>, report: &mut FeedReport) -> Result<(), Error> {
        let (target, options) = (run.target, run.options);
        let t = target.clone();
        let state = blocking(&self.store, move |s| s.load(&t)).await?;
        let Some(mut batch) = state.in_flight else {
            return Ok(());
        };
        emit(options, || Progress::Resumed {
            account_id: target.account_id.clone(),
            push_operation_key: batch.push_operation_key.clone(),
        });
        batch.sent_by_this_run = false;
        let mut outcome = outcome_for(&batch.transactions, batch.idempotency_key);
        let result = run.drive(batch, &mut outcome).await;
        let refused = outcome.status == BatchStatus::Failed;
        report.resumed = Some(outcome);
        match result {
            // A resumed batch that was refused is not an error of this run: its lines are sent
            // again if they are in this input.
            Err(e) if e.code() == ErrorCode::PushFailed && refused => Ok(()),
            other => other,
        }
    }

    /// Fails with `ACCOUNT_NOT_CONNECTED` when the options ask for the account's status and
    /// Codat says it is not connected.
    async fn check_connected(
        &self,
        target: &PushTarget,
        options: &FeedOptions,
    ) -> Result<(), Error> {
        if !(options.check_account_status && options.profile.require_connected()) {
            return Ok(());
        }
        let account = self
            .client
            .get_account(
                &target.company_id,
                &target.connection_id,
                &target.account_id,
            )
            .await?;
        if account.status == Some(AccountStatus::Connected) {
            Ok(())
        } else {
            Err(Error::AccountNotConnected {
                account_id: target.account_id.clone(),
                status: account.status,
            })
        }
    }
}

/// A batch about to be sent: its place, the key it goes under and the feed's total.
#[derive(Clone, Copy)]
struct Sent {
    sequence: usize,
    key: Uuid,
    /// Lines the feed sends in all, for progress.
    total: usize,
}

/// Sends one batch and follows it until it lands or stops, recording the step in the store and
/// its outcome in `report`; the error is what stopped it.
async fn send(
    run: &mut Run<'_>,
    sent: Sent,
    lines: Vec<Transaction>,
    report: &mut FeedReport,
) -> Result<(), Error> {
    let (target, options) = (run.target, run.options);
    let mut outcome = outcome_for(&lines, sent.key);
    outcome.sequence = Some(sent.sequence);
    let size = lines.len();
    let balance = lines.iter().rev().find_map(|t| t.balance);
    let batch = InFlightBatch::new(sent.key, lines);
    let result = match run.save(&batch, None).await {
        Ok(()) => run.drive(batch, &mut outcome).await,
        Err(e) => Err(e),
    };
    match outcome.status {
        BatchStatus::Success | BatchStatus::AlreadyLanded => {
            if outcome.status == BatchStatus::Success {
                report.landed += size;
            } else {
                report.already_landed += size;
            }
            report.balance = balance.or(report.balance);
            emit(options, || Progress::BatchLanded {
                account_id: target.account_id.clone(),
                sequence: sent.sequence,
                size,
                landed: report.landed + report.already_landed,
                total: sent.total,
            });
        }
        status => emit(options, || Progress::BatchStopped {
            account_id: target.account_id.clone(),
            sequence: sent.sequence,
            status,
        }),
    }
    report.batches.push(outcome);
    result
}

/// For each job, a report of the lines whose id another account of the same company also uses,
/// or `None`. Codat requires ids unique within a company, and feedrail relies on it: after a
/// server error it recognizes a push by its lines' ids, and Codat's push history does not say
/// which account a push was for.
fn shared_ids(jobs: &[FeedJob]) -> Vec<Option<Report>> {
    // One pass in job order: the first job to hold an id in its company owns it; a later job
    // holding it too gets an issue at that line.
    let total = jobs.iter().map(|j| j.lines.len()).sum();
    let mut owner: std::collections::HashMap<(&str, &str), usize, foldhash::fast::RandomState> =
        std::collections::HashMap::with_capacity_and_hasher(total, Default::default());
    let mut reports: Vec<Option<Report>> = vec![None; jobs.len()];
    for (j, job) in jobs.iter().enumerate() {
        for index in 0..job.lines.len() {
            let Some(id) = job.lines.id(index) else {
                continue;
            };
            let first = *owner.entry((&job.target.company_id, id)).or_insert(j);
            if first == j {
                continue;
            }
            let first = &jobs[first].target.account_id;
            reports[j]
                .get_or_insert_with(|| Report {
                    checked: job.lines.len(),
                    ..Report::default()
                })
                .push(crate::rules::Issue {
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
    reports
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
        in_doubt: None,
        resolution: None,
    }
}

pub(crate) fn emit(options: &FeedOptions, event: impl FnOnce() -> Progress) {
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
