//! A durable cursor store in one SQLite file, shared safely by any number of processes on one
//! machine.
//!
//! - WAL journal with `synchronous = FULL`: a step that returned survives a crash *and* a power
//!   loss (each step is one fsync; a feed makes three per batch of up to 1000 lines).
//! - Every write starts `BEGIN IMMEDIATE`, so it takes the file's write lock up front and waits
//!   (the busy timeout) for another process's step to finish instead of failing.
//! - The schema is versioned (`PRAGMA user_version`) and migrated on open; a file written by a
//!   newer feedrail is refused with a `STORE` error rather than misread.
//! - Pushed ids live in their own table keyed by (account, id): resuming looks up the lines at
//!   hand through that index, so an account with ten million pushed ids resumes in bounded
//!   memory and time.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use uuid::Uuid;

use super::journal::StoredEntry;
use super::lease::{busy, lost};
use super::{
    AccountState, BatchEnd, CursorStore, InFlightBatch, JournalEntry, JournalStatus, Lease,
    LeaseRequest, advance, not_in_flight, position_columns, read_batch, read_position,
};
use crate::batch::PushTarget;
use crate::error::Error;
use crate::rules::{AccountCursor, IdSet};

/// How long a step waits for another process's step before giving up with `STORE`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Schema migrations, in order; the file's `user_version` is how many have run.
const MIGRATIONS: &[&str] = &[
    // 1: the first layout (kept so files written by feedrail 0.1 are carried forward).
    "CREATE TABLE IF NOT EXISTS accounts (
        company_id TEXT NOT NULL, connection_id TEXT NOT NULL, account_id TEXT NOT NULL,
        latest_date TEXT, latest_id TEXT, last_balance TEXT,
        PRIMARY KEY (company_id, connection_id, account_id));
    CREATE TABLE IF NOT EXISTS pushed_ids (
        company_id TEXT NOT NULL, connection_id TEXT NOT NULL, account_id TEXT NOT NULL, id TEXT NOT NULL,
        PRIMARY KEY (company_id, connection_id, account_id, id)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS retired_keys (
        company_id TEXT NOT NULL, connection_id TEXT NOT NULL, account_id TEXT NOT NULL, key TEXT NOT NULL,
        PRIMARY KEY (company_id, connection_id, account_id, key)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS in_flight (
        company_id TEXT NOT NULL, connection_id TEXT NOT NULL, account_id TEXT NOT NULL,
        batch TEXT NOT NULL,
        PRIMARY KEY (company_id, connection_id, account_id));",
    // 2: one row per account with its lease and batch in flight; ids keyed by the account's
    // integer key (a tenth of the size per id).
    "CREATE TABLE account (
        id INTEGER PRIMARY KEY,
        company_id TEXT NOT NULL, connection_id TEXT NOT NULL, account_id TEXT NOT NULL,
        latest_date TEXT, latest_id TEXT, last_balance TEXT,
        in_flight TEXT,
        lease_token TEXT, lease_holder TEXT, lease_expires_ms INTEGER,
        UNIQUE (company_id, connection_id, account_id));
    CREATE TABLE pushed_id (
        account INTEGER NOT NULL REFERENCES account (id), id TEXT NOT NULL,
        PRIMARY KEY (account, id)) WITHOUT ROWID;
    CREATE TABLE retired_key (
        account INTEGER NOT NULL REFERENCES account (id), key TEXT NOT NULL,
        PRIMARY KEY (account, key)) WITHOUT ROWID;
    INSERT INTO account (company_id, connection_id, account_id, latest_date, latest_id, last_balance)
        SELECT company_id, connection_id, account_id, latest_date, latest_id, last_balance FROM accounts;
    INSERT OR IGNORE INTO account (company_id, connection_id, account_id)
        SELECT company_id, connection_id, account_id FROM in_flight
        UNION SELECT company_id, connection_id, account_id FROM pushed_ids
        UNION SELECT company_id, connection_id, account_id FROM retired_keys;
    UPDATE account SET in_flight = (SELECT f.batch FROM in_flight f WHERE f.company_id = account.company_id
        AND f.connection_id = account.connection_id AND f.account_id = account.account_id);
    INSERT INTO pushed_id (account, id) SELECT a.id, p.id FROM pushed_ids p
        JOIN account a USING (company_id, connection_id, account_id);
    INSERT INTO retired_key (account, key) SELECT a.id, r.key FROM retired_keys r
        JOIN account a USING (company_id, connection_id, account_id);
    DROP TABLE accounts; DROP TABLE pushed_ids; DROP TABLE retired_keys; DROP TABLE in_flight;",
    // 3: the push journal, one row per settled batch with its ids (a JSON array).
    "CREATE TABLE journal (
        account INTEGER NOT NULL REFERENCES account (id), sequence INTEGER NOT NULL,
        status TEXT NOT NULL, idempotency_key TEXT NOT NULL, push_operation_key TEXT,
        requested_ms INTEGER NOT NULL, completed_ms INTEGER NOT NULL,
        message TEXT, validation TEXT, ids TEXT NOT NULL,
        PRIMARY KEY (account, sequence)) WITHOUT ROWID;",
];

/// An account's row key and who holds its lease.
struct LeaseRow {
    id: i64,
    token: Option<String>,
    holder: Option<String>,
    expires_ms: Option<i64>,
}

/// An account's row key, latest date and id, and last balance, as stored.
type PositionRow = (i64, Option<String>, Option<String>, Option<String>);

/// Keeps cursors in a SQLite file (see the module docs for its guarantees).
#[derive(Debug)]
pub struct SqliteCursorStore {
    db: Mutex<Connection>,
    path: String,
}

impl SqliteCursorStore {
    /// Opens (creating and migrating if needed) the store at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        let fail = |e: rusqlite::Error| Error::store(format!("cannot open {shown}: {e}"));
        let mut db = Connection::open(path).map_err(fail)?;
        db.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
        db.pragma_update(None, "journal_mode", "WAL")
            .map_err(fail)?;
        db.pragma_update(None, "synchronous", "FULL")
            .map_err(fail)?;
        db.pragma_update(None, "foreign_keys", "ON").map_err(fail)?;
        migrate(&mut db, &shown)?;
        Ok(SqliteCursorStore {
            db: Mutex::new(db),
            path: shown,
        })
    }

    /// The schema version this feedrail writes.
    pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

    fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.db.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn err(&self, e: impl std::fmt::Display) -> Error {
        Error::store(format!("{}: {e}", self.path))
    }

    /// Runs `f` in a write transaction (`BEGIN IMMEDIATE`) and commits it.
    fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T, Error>) -> Result<T, Error> {
        let mut db = self.db();
        let tx = db
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| self.err(e))?;
        let value = f(&tx)?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(value)
    }

    /// Runs `f` under `lease` in a write transaction, with the account's row key: refused when
    /// another run holds the account.
    fn fenced<T>(
        &self,
        lease: &Lease,
        target: &PushTarget,
        f: impl FnOnce(&Transaction<'_>, i64) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.write(|tx| match self.lease_row(tx, target)? {
            Some(row) if row.token == Some(lease.token.to_string()) => f(tx, row.id),
            Some(LeaseRow {
                token: Some(_),
                holder: Some(holder),
                expires_ms: Some(expires),
                ..
            }) => Err(lost(target, lease, Some((&holder, from_ms(expires))))),
            _ => Err(lost(target, lease, None)),
        })
    }

    fn lease_row(&self, tx: &Transaction<'_>, t: &PushTarget) -> Result<Option<LeaseRow>, Error> {
        tx.query_row(
            "SELECT id, lease_token, lease_holder, lease_expires_ms FROM account
             WHERE company_id = ?1 AND connection_id = ?2 AND account_id = ?3",
            keys(t),
            |r| {
                Ok(LeaseRow {
                    id: r.get(0)?,
                    token: r.get(1)?,
                    holder: r.get(2)?,
                    expires_ms: r.get(3)?,
                })
            },
        )
        .optional()
        .map_err(|e| self.err(e))
    }

    fn in_flight(
        &self,
        tx: &Transaction<'_>,
        t: &PushTarget,
        id: i64,
    ) -> Result<Option<InFlightBatch>, Error> {
        let text: Option<String> = tx
            .query_row("SELECT in_flight FROM account WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .map_err(|e| self.err(e))?;
        text.map(|text| read_batch(t, &text).map_err(|e| self.err(e)))
            .transpose()
    }

    /// Clears the batch in flight under `key`, returning it.
    fn take_in_flight(
        &self,
        tx: &Transaction<'_>,
        t: &PushTarget,
        id: i64,
        key: Uuid,
    ) -> Result<InFlightBatch, Error> {
        match self.in_flight(tx, t, id)? {
            Some(batch) if batch.idempotency_key == key => {
                tx.execute("UPDATE account SET in_flight = NULL WHERE id = ?1", [id])
                    .map_err(|e| self.err(e))?;
                Ok(batch)
            }
            other => Err(not_in_flight(t, key, other.map(|b| b.idempotency_key))),
        }
    }

    /// Journals `batch` as settled with `status` and `end`, after the account's last entry.
    fn journal_entry(
        &self,
        tx: &Transaction<'_>,
        id: i64,
        batch: &InFlightBatch,
        status: JournalStatus,
        end: &BatchEnd,
    ) -> Result<(), Error> {
        let last: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(sequence), 0) FROM journal WHERE account = ?1",
                [id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        let entry = JournalEntry::new(last as u64 + 1, batch, status, end);
        tx.prepare_cached(
            "INSERT INTO journal (account, sequence, status, idempotency_key, push_operation_key,
             requested_ms, completed_ms, message, validation, ids)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )
        .and_then(|mut insert| {
            insert.execute(params![
                id,
                entry.sequence as i64,
                entry.status.as_str(),
                entry.idempotency_key.to_string(),
                entry.push_operation_key,
                to_ms(entry.requested_at),
                to_ms(entry.completed_at),
                entry.message,
                entry.validation_text(),
                entry.ids_text(),
            ])
        })
        .map(|_| ())
        .map_err(|e| self.err(e))
    }

    fn retire(&self, tx: &Transaction<'_>, id: i64, key: Uuid) -> Result<(), Error> {
        tx.prepare_cached("INSERT OR IGNORE INTO retired_key (account, key) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![id, key.to_string()]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    fn position(
        &self,
        tx: &Connection,
        t: &PushTarget,
    ) -> Result<Option<(i64, AccountCursor)>, Error> {
        let row: Option<PositionRow> = tx
            .query_row(
                "SELECT id, latest_date, latest_id, last_balance FROM account
                 WHERE company_id = ?1 AND connection_id = ?2 AND account_id = ?3",
                keys(t),
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((id, date, latest_id, balance)) = row else {
            return Ok(None);
        };
        let cursor = read_position(t, date, latest_id, balance).map_err(|e| self.err(e))?;
        Ok(Some((id, cursor)))
    }
}

fn migrate(db: &mut Connection, shown: &str) -> Result<(), Error> {
    let fail = |e: rusqlite::Error| Error::store(format!("cannot migrate {shown}: {e}"));
    let tx = db
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(fail)?;
    let version: usize = tx
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map_err(fail)?
        .try_into()
        .unwrap_or(usize::MAX);
    if version > MIGRATIONS.len() {
        return Err(Error::store(format!(
            "{shown} has schema version {version}, newer than this feedrail knows ({}); upgrade feedrail to read it",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        tx.execute_batch(sql).map_err(fail)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)
            .map_err(fail)?;
    }
    tx.commit().map_err(fail)
}

fn keys(t: &PushTarget) -> [&str; 3] {
    [&t.company_id, &t.connection_id, &t.account_id]
}

fn to_ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

fn from_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

impl CursorStore for SqliteCursorStore {
    fn acquire(&self, target: &PushTarget, request: &LeaseRequest) -> Result<Lease, Error> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO account (company_id, connection_id, account_id) VALUES (?1, ?2, ?3)",
                keys(target),
            )
            .map_err(|e| self.err(e))?;
            let row = self
                .lease_row(tx, target)?
                .ok_or_else(|| self.err("the account row vanished"))?;
            let now = to_ms(Utc::now());
            if let (Some(token), Some(holder), Some(expires)) =
                (row.token, row.holder, row.expires_ms)
                && token != request.token.to_string()
                && expires > now
            {
                return Err(busy(target, &holder, from_ms(expires)));
            }
            let id = row.id;
            let lease = request.granted();
            tx.execute(
                "UPDATE account SET lease_token = ?2, lease_holder = ?3, lease_expires_ms = ?4 WHERE id = ?1",
                params![id, lease.token.to_string(), lease.holder, to_ms(lease.expires_at)],
            )
            .map_err(|e| self.err(e))?;
            Ok(lease)
        })
    }

    fn renew(&self, target: &PushTarget, lease: &Lease) -> Result<Lease, Error> {
        self.fenced(lease, target, |tx, id| {
            let renewed = lease.renewed();
            tx.execute(
                "UPDATE account SET lease_expires_ms = ?2 WHERE id = ?1",
                params![id, to_ms(renewed.expires_at)],
            )
            .map_err(|e| self.err(e))?;
            Ok(renewed)
        })
    }

    fn release(&self, target: &PushTarget, lease: &Lease) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute(
                "UPDATE account SET lease_token = NULL, lease_holder = NULL, lease_expires_ms = NULL
                 WHERE company_id = ?1 AND connection_id = ?2 AND account_id = ?3 AND lease_token = ?4",
                params![
                    target.company_id,
                    target.connection_id,
                    target.account_id,
                    lease.token.to_string()
                ],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
        })
    }

    fn load(&self, target: &PushTarget) -> Result<AccountState, Error> {
        let mut db = self.db();
        let tx = db.transaction().map_err(|e| self.err(e))?;
        let Some((id, cursor)) = self.position(&tx, target)? else {
            return Ok(AccountState::default());
        };
        let in_flight = self.in_flight(&tx, target, id)?;
        let mut retired_keys = std::collections::HashSet::new();
        let mut stmt = tx
            .prepare_cached("SELECT key FROM retired_key WHERE account = ?1")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?;
        for key in rows {
            let key = key.map_err(|e| self.err(e))?;
            retired_keys.insert(Uuid::parse_str(&key).map_err(|e| {
                self.err(format!(
                    "account {:?}: retired key {key:?} is unreadable ({e}); restore the file from a backup",
                    target.account_id
                ))
            })?);
        }
        Ok(AccountState {
            cursor,
            in_flight,
            retired_keys,
        })
    }

    fn find_pushed(&self, target: &PushTarget, ids: &[&str]) -> Result<IdSet, Error> {
        let mut db = self.db();
        let tx = db.transaction().map_err(|e| self.err(e))?;
        let mut found = IdSet::default();
        let Some((account, _)) = self.position(&tx, target)? else {
            return Ok(found);
        };
        let mut stmt = tx
            .prepare_cached("SELECT 1 FROM pushed_id WHERE account = ?1 AND id = ?2")
            .map_err(|e| self.err(e))?;
        for id in ids {
            if stmt.exists(params![account, id]).map_err(|e| self.err(e))? {
                found.insert((*id).to_owned());
            }
        }
        Ok(found)
    }

    fn save_batch(
        &self,
        lease: &Lease,
        target: &PushTarget,
        batch: &InFlightBatch,
        retire: Option<Uuid>,
    ) -> Result<(), Error> {
        let text = serde_json::to_string(batch).map_err(|e| self.err(e))?;
        self.fenced(lease, target, |tx, id| {
            if let Some(key) = retire {
                self.retire(tx, id, key)?;
            }
            tx.execute(
                "UPDATE account SET in_flight = ?2 WHERE id = ?1",
                params![id, text],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
        })
    }

    fn complete_batch(
        &self,
        lease: &Lease,
        target: &PushTarget,
        key: Uuid,
        end: &BatchEnd,
    ) -> Result<(), Error> {
        self.fenced(lease, target, |tx, id| {
            let batch = self.take_in_flight(tx, target, id, key)?;
            self.journal_entry(tx, id, &batch, JournalStatus::Landed, end)?;
            let (_, mut cursor) = self
                .position(tx, target)?
                .ok_or_else(|| self.err("the account row vanished"))?;
            advance(&mut cursor, &batch.transactions);
            {
                let mut insert = tx
                    .prepare_cached("INSERT OR IGNORE INTO pushed_id (account, id) VALUES (?1, ?2)")
                    .map_err(|e| self.err(e))?;
                for line in batch.transactions.iter() {
                    insert
                        .execute(params![id, line.id])
                        .map_err(|e| self.err(e))?;
                }
            }
            let (date, latest_id, balance) = position_columns(&cursor);
            tx.execute(
                "UPDATE account SET latest_date = ?2, latest_id = ?3, last_balance = ?4 WHERE id = ?1",
                params![id, date, latest_id, balance],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
        })
    }

    fn abandon_batch(
        &self,
        lease: &Lease,
        target: &PushTarget,
        key: Uuid,
        end: &BatchEnd,
    ) -> Result<(), Error> {
        self.fenced(lease, target, |tx, id| {
            let batch = self.take_in_flight(tx, target, id, key)?;
            self.journal_entry(tx, id, &batch, JournalStatus::Failed, end)?;
            self.retire(tx, id, key)
        })
    }

    fn journal(&self, target: &PushTarget) -> Result<Vec<JournalEntry>, Error> {
        let mut db = self.db();
        let tx = db.transaction().map_err(|e| self.err(e))?;
        let Some((account, _)) = self.position(&tx, target)? else {
            return Ok(Vec::new());
        };
        let mut stmt = tx
            .prepare_cached(
                "SELECT sequence, status, idempotency_key, push_operation_key, requested_ms,
                 completed_ms, message, validation, ids FROM journal WHERE account = ?1
                 ORDER BY sequence",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([account], |r| {
                Ok(StoredEntry {
                    sequence: r.get(0)?,
                    status: r.get(1)?,
                    idempotency_key: r.get(2)?,
                    push_operation_key: r.get(3)?,
                    requested_at: from_ms(r.get(4)?),
                    completed_at: from_ms(r.get(5)?),
                    message: r.get(6)?,
                    validation: r.get(7)?,
                    ids: r.get(8)?,
                })
            })
            .map_err(|e| self.err(e))?;
        let mut entries = Vec::new();
        for row in rows {
            let stored = row.map_err(|e| self.err(e))?;
            entries.push(
                stored
                    .read()
                    .map_err(|e| self.err(format!("account {:?}: {e}", target.account_id)))?,
            );
        }
        Ok(entries)
    }
}
