//! A queue of lines per account in PostgreSQL, drained in order by any number of [`Worker`]s on
//! any number of machines.
//!
//! An application hands lines over with [`Queue::enqueue`] (validated on entry, stored in
//! order, idempotent by line id) and returns; workers claim accounts with due lines, push them
//! through the normal pipeline under the account's lease, and delete what landed. Lines of a
//! batch Codat refused are kept as *failed*, with the reason, and hold the account's later lines
//! back until an operator retries or drops them ([`Queue::retry_failed`], [`Queue::drop_failed`]).

mod worker;

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

pub use worker::{Worker, WorkerMetrics, WorkerOptions};

use crate::batch::PushTarget;
use crate::cursor::{PostgresCursorStore, read_position};
use crate::error::Error;
use crate::model::Transaction;
use crate::postgres::{Database, off_async};
use crate::rules::{IdSet, Lines, Profile, Report, ValidationContext, validate_lines_where};

/// How lines are checked on entry.
#[derive(Debug, Clone, Default)]
pub struct EnqueueOptions {
    /// The target's rules (Sage by default).
    pub profile: Profile,
    /// The day to validate against (default: today in `time_zone`, or in UTC).
    pub today: Option<NaiveDate>,
    /// Converts dates written with an offset into this zone's wall-clock time; `None` keeps
    /// every date as written, as Codat does.
    pub time_zone: Option<chrono_tz::Tz>,
}

/// What [`Queue::enqueue`] did.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Enqueued {
    /// Lines added to the account's queue.
    pub queued: usize,
    /// Positions of lines left out because their id is already queued or already landed (so
    /// handing the same lines over twice is harmless).
    pub already_known: Vec<usize>,
    /// Warnings found on entry (errors refuse the whole call).
    pub validation: Report,
}

/// One account's place in the queue.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountQueueStatus {
    /// The account.
    pub target: PushTarget,
    /// Lines waiting to be pushed.
    pub queued: u64,
    /// Lines of the batch in flight (sent or about to be, not yet settled).
    pub in_flight: u64,
    /// Lines that landed through feedrail (by any run, queued or not).
    pub landed: u64,
    /// Lines of batches Codat refused, waiting for a retry or a drop.
    pub failed: u64,
    /// Why the first failed line failed.
    pub failure: Option<String>,
    /// Who works on the account now, when someone does.
    pub holder: Option<String>,
    /// When a worker tries again after a transient error.
    pub retry_at: Option<DateTime<Utc>>,
    /// That error.
    pub last_error: Option<String>,
}

/// The queue in feedrail's PostgreSQL tables. Cheap to clone; methods block, and are safe to
/// call from async code too (they step off the runtime's worker thread).
#[derive(Debug, Clone)]
pub struct Queue {
    store: PostgresCursorStore,
}

impl Queue {
    /// Connects to the database at `url` (`postgresql://…`).
    pub fn connect(url: &str) -> Result<Queue, Error> {
        Ok(Queue::new(PostgresCursorStore::connect(url)?))
    }

    /// The queue kept beside `store`'s cursors.
    pub fn new(store: PostgresCursorStore) -> Queue {
        Queue { store }
    }

    /// The cursor store in the same database.
    pub fn store(&self) -> &PostgresCursorStore {
        &self.store
    }

    fn db(&self) -> &Arc<Database> {
        self.store.database()
    }

    /// Validates `lines` as the continuation of `target`'s feed (after what landed and what is
    /// queued: same rules as a push) and appends them to its queue, all in one transaction.
    /// Lines whose id is already queued or landed are left out. `VALIDATION` (nothing queued)
    /// when any line is invalid.
    pub fn enqueue(
        &self,
        target: &PushTarget,
        lines: &Lines<'_>,
        options: &EnqueueOptions,
    ) -> Result<Enqueued, Error> {
        off_async(|| self.enqueue_now(target, lines, options))
    }

    fn enqueue_now(
        &self,
        target: &PushTarget,
        lines: &Lines<'_>,
        options: &EnqueueOptions,
    ) -> Result<Enqueued, Error> {
        let db = self.db();
        let mut conn = db.conn()?;
        let mut tx = conn.transaction().map_err(|e| db.err(e))?;
        tx.execute(
            "INSERT INTO feedrail_account (company_id, connection_id, account_id)
             VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[
                &target.company_id,
                &target.connection_id,
                &target.account_id,
            ],
        )
        .map_err(|e| db.err(e))?;
        // The row lock orders concurrent enqueues to one account.
        let row = tx
            .query_one(
                "SELECT id, latest_date, latest_id, last_balance FROM feedrail_account
                 WHERE company_id = $1 AND connection_id = $2 AND account_id = $3 FOR UPDATE",
                &[
                    &target.company_id,
                    &target.connection_id,
                    &target.account_id,
                ],
            )
            .map_err(|e| db.err(e))?;
        let account: i64 = row.get(0);
        let mut cursor =
            read_position(target, row.get(1), row.get(2), row.get(3)).map_err(|e| db.err(e))?;
        let last = tx
            .query_opt(
                "SELECT seq, line FROM feedrail_queued_line WHERE account = $1 ORDER BY seq DESC LIMIT 1",
                &[&account],
            )
            .map_err(|e| db.err(e))?;
        let mut next_seq = 0i64;
        if let Some(last) = last {
            next_seq = last.get::<_, i64>(0) + 1;
            let line = read_line(target, &last.get::<_, String>(1)).map_err(|e| db.err(e))?;
            crate::cursor::advance(&mut cursor, std::slice::from_ref(&line));
        }
        let ids: Vec<&str> = (0..lines.len()).filter_map(|i| lines.id(i)).collect();
        let known: IdSet = tx
            .query(
                "SELECT id FROM feedrail_pushed_id WHERE account = $1 AND id = ANY($2)
                 UNION SELECT line_id FROM feedrail_queued_line WHERE account = $1 AND line_id = ANY($2)",
                &[&account, &ids],
            )
            .map_err(|e| db.err(e))?
            .iter()
            .map(|r| r.get::<_, String>(0))
            .collect();
        cursor.recent_ids = known;
        let mut ctx = ValidationContext::new(&options.profile, &cursor).in_zone(options.time_zone);
        if let Some(today) = options.today {
            ctx = ctx.on(today);
        }
        let include = |i: usize| lines.id(i).is_none_or(|id| !cursor.has_pushed(id));
        let already_known: Vec<usize> = (0..lines.len()).filter(|&i| !include(i)).collect();
        let validated = validate_lines_where(lines, &ctx, include);
        if !validated.report.is_ok() {
            return Err(Error::Validation(Box::new(validated.report)));
        }
        let mut seqs = Vec::with_capacity(validated.transactions.len());
        let mut line_ids = Vec::with_capacity(validated.transactions.len());
        let mut bodies = Vec::with_capacity(validated.transactions.len());
        for (n, t) in validated.transactions.iter().enumerate() {
            seqs.push(next_seq + n as i64);
            line_ids.push(t.id.as_str());
            bodies.push(serde_json::to_string(t).map_err(|e| db.err(e))?);
        }
        tx.execute(
            "INSERT INTO feedrail_queued_line (account, seq, line_id, line)
             SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[])",
            &[&account, &seqs, &line_ids, &bodies],
        )
        .map_err(|e| db.err(e))?;
        tx.commit().map_err(|e| db.err(e))?;
        Ok(Enqueued {
            queued: validated.transactions.len(),
            already_known,
            validation: validated.report,
        })
    }

    /// Every account the database knows, with its queue (accounts with nothing queued, in
    /// flight or failed included: their landed count is what feedrail pushed).
    pub fn status(&self) -> Result<Vec<AccountQueueStatus>, Error> {
        off_async(|| self.status_now())
    }

    fn status_now(&self) -> Result<Vec<AccountQueueStatus>, Error> {
        let db = self.db();
        let rows = db
            .conn()?
            .query(
                "SELECT a.company_id, a.connection_id, a.account_id,
                    (SELECT count(*) FROM feedrail_queued_line q WHERE q.account = a.id AND q.failed IS NULL),
                    COALESCE(jsonb_array_length(a.in_flight::jsonb -> 'transactions'), 0)::bigint,
                    (SELECT count(*) FROM feedrail_pushed_id p WHERE p.account = a.id),
                    (SELECT count(*) FROM feedrail_queued_line q WHERE q.account = a.id AND q.failed IS NOT NULL),
                    (SELECT q.failed FROM feedrail_queued_line q WHERE q.account = a.id AND q.failed IS NOT NULL
                     ORDER BY q.seq LIMIT 1),
                    CASE WHEN a.lease_expires > now() THEN a.lease_holder END,
                    a.retry_at, a.last_error
                 FROM feedrail_account a ORDER BY a.company_id, a.connection_id, a.account_id",
                &[],
            )
            .map_err(|e| db.err(e))?;
        Ok(rows
            .iter()
            .map(|r| AccountQueueStatus {
                target: PushTarget::new(
                    r.get::<_, String>(0),
                    r.get::<_, String>(1),
                    r.get::<_, String>(2),
                ),
                queued: r.get::<_, i64>(3) as u64,
                in_flight: r.get::<_, i64>(4) as u64,
                landed: r.get::<_, i64>(5) as u64,
                failed: r.get::<_, i64>(6) as u64,
                failure: r.get(7),
                holder: r.get(8),
                retry_at: r.get(9),
                last_error: r.get(10),
            })
            .collect())
    }

    /// Queues `target`'s failed lines again (after the cause was fixed at Codat or in Sage);
    /// returns how many.
    pub fn retry_failed(&self, target: &PushTarget) -> Result<u64, Error> {
        self.on_failed(
            target,
            "UPDATE feedrail_queued_line SET failed = NULL
             WHERE failed IS NOT NULL AND account = (SELECT id FROM feedrail_account
             WHERE company_id = $1 AND connection_id = $2 AND account_id = $3)",
        )
    }

    /// Deletes `target`'s failed lines for good, letting its later lines go; returns how many.
    pub fn drop_failed(&self, target: &PushTarget) -> Result<u64, Error> {
        self.on_failed(
            target,
            "DELETE FROM feedrail_queued_line
             WHERE failed IS NOT NULL AND account = (SELECT id FROM feedrail_account
             WHERE company_id = $1 AND connection_id = $2 AND account_id = $3)",
        )
    }

    fn on_failed(&self, target: &PushTarget, statement: &'static str) -> Result<u64, Error> {
        off_async(|| self.on_failed_now(target, statement))
    }

    fn on_failed_now(&self, target: &PushTarget, statement: &'static str) -> Result<u64, Error> {
        let db = self.db();
        let mut conn = db.conn()?;
        let mut tx = conn.transaction().map_err(|e| db.err(e))?;
        tx.execute(
            "UPDATE feedrail_account SET attempts = 0, retry_at = NULL, last_error = NULL
             WHERE company_id = $1 AND connection_id = $2 AND account_id = $3",
            &[
                &target.company_id,
                &target.connection_id,
                &target.account_id,
            ],
        )
        .map_err(|e| db.err(e))?;
        let n = tx
            .execute(
                statement,
                &[
                    &target.company_id,
                    &target.connection_id,
                    &target.account_id,
                ],
            )
            .map_err(|e| db.err(e))?;
        tx.commit().map_err(|e| db.err(e))?;
        Ok(n)
    }

    /// Makes `target`'s queued lines due now, when they were waiting out a backoff (the
    /// account was just connected, say); returns whether they were.
    pub fn wake(&self, target: &PushTarget) -> Result<bool, Error> {
        off_async(|| {
            let db = self.db();
            let n = db
                .conn()?
                .execute(
                    "UPDATE feedrail_account SET attempts = 0, retry_at = NULL
                     WHERE company_id = $1 AND connection_id = $2 AND account_id = $3
                       AND retry_at IS NOT NULL",
                    &[
                        &target.company_id,
                        &target.connection_id,
                        &target.account_id,
                    ],
                )
                .map_err(|e| db.err(e))?;
            Ok(n > 0)
        })
    }

    /// Lines a worker will push without an operator's help: queued, on accounts with no failed
    /// line holding them back.
    pub fn pending(&self) -> Result<u64, Error> {
        off_async(|| self.pending_now())
    }

    fn pending_now(&self) -> Result<u64, Error> {
        let db = self.db();
        let row = db
            .conn()?
            .query_one(
                "SELECT count(*) FROM feedrail_queued_line q WHERE q.failed IS NULL
                 AND NOT EXISTS (SELECT 1 FROM feedrail_queued_line f
                                 WHERE f.account = q.account AND f.failed IS NOT NULL)",
                &[],
            )
            .map_err(|e| db.err(e))?;
        Ok(row.get::<_, i64>(0) as u64)
    }
}

/// A queued line read back.
fn read_line(target: &PushTarget, text: &str) -> Result<Transaction, String> {
    serde_json::from_str(text).map_err(|e| {
        format!(
            "account {:?}: a queued line is unreadable ({e}); drop it with `feedrail queue drop`",
            target.account_id
        )
    })
}
