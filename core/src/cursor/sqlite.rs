//! A durable cursor store in SQLite: every step is one transaction, so a process killed anywhere
//! resumes from a consistent state.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};

use super::{AccountState, CursorStore, InFlightBatch, advance};
use crate::batch::PushTarget;
use crate::error::Error;
use crate::rules::AccountCursor;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS accounts (
    company_id TEXT NOT NULL, connection_id TEXT NOT NULL, account_id TEXT NOT NULL,
    latest_date TEXT, latest_id TEXT, last_balance TEXT,
    PRIMARY KEY (company_id, connection_id, account_id)
);
CREATE TABLE IF NOT EXISTS pushed_ids (
    company_id TEXT NOT NULL, connection_id TEXT NOT NULL, account_id TEXT NOT NULL, id TEXT NOT NULL,
    PRIMARY KEY (company_id, connection_id, account_id, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS retired_keys (
    company_id TEXT NOT NULL, connection_id TEXT NOT NULL, account_id TEXT NOT NULL, key TEXT NOT NULL,
    PRIMARY KEY (company_id, connection_id, account_id, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS in_flight (
    company_id TEXT NOT NULL, connection_id TEXT NOT NULL, account_id TEXT NOT NULL,
    batch TEXT NOT NULL,
    PRIMARY KEY (company_id, connection_id, account_id)
);
";

/// Keeps cursors in a SQLite file (WAL mode).
#[derive(Debug)]
pub struct SqliteCursorStore {
    db: Mutex<Connection>,
}

fn err(e: impl std::fmt::Display) -> Error {
    Error::store(e)
}

impl SqliteCursorStore {
    /// Opens (creating if needed) the store at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let db = Connection::open(path)
            .map_err(|e| Error::store(format!("cannot open {}: {e}", path.display())))?;
        db.pragma_update(None, "journal_mode", "WAL").map_err(err)?;
        db.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        db.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(err)?;
        db.execute_batch(SCHEMA).map_err(err)?;
        Ok(SqliteCursorStore { db: Mutex::new(db) })
    }

    fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.db.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn keys(t: &PushTarget) -> [&str; 3] {
    [&t.company_id, &t.connection_id, &t.account_id]
}

/// Latest date and id and last balance of `t` (no pushed ids).
fn load_position(db: &Connection, t: &PushTarget) -> Result<AccountCursor, Error> {
    let mut cursor = AccountCursor::default();
    let row: Option<(Option<String>, Option<String>, Option<String>)> = db
        .query_row(
            "SELECT latest_date, latest_id, last_balance FROM accounts
             WHERE company_id = ?1 AND connection_id = ?2 AND account_id = ?3",
            keys(t),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(err)?;
    if let Some((date, id, balance)) = row {
        cursor.latest_date = date.as_deref().and_then(crate::date::parse_utc);
        cursor.latest_id = id;
        cursor.last_balance = balance
            .as_deref()
            .and_then(|b| crate::money::parse_decimal(b).ok());
    }
    Ok(cursor)
}

fn load_in_flight(db: &Connection, t: &PushTarget) -> Result<Option<InFlightBatch>, Error> {
    let text: Option<String> = db
        .query_row(
            "SELECT batch FROM in_flight WHERE company_id = ?1 AND connection_id = ?2 AND account_id = ?3",
            keys(t),
            |r| r.get(0),
        )
        .optional()
        .map_err(err)?;
    text.map(|t| {
        serde_json::from_str(&t)
            .map_err(|e| Error::store(format!("unreadable in-flight batch: {e}")))
    })
    .transpose()
}

fn clear_in_flight(db: &Connection, t: &PushTarget) -> Result<(), Error> {
    db.execute(
        "DELETE FROM in_flight WHERE company_id = ?1 AND connection_id = ?2 AND account_id = ?3",
        keys(t),
    )
    .map(|_| ())
    .map_err(err)
}

fn save_in_flight(db: &Connection, t: &PushTarget, batch: &InFlightBatch) -> Result<(), Error> {
    let text = serde_json::to_string(batch).map_err(err)?;
    let [c, k, a] = keys(t);
    db.execute(
        "INSERT INTO in_flight (company_id, connection_id, account_id, batch) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (company_id, connection_id, account_id) DO UPDATE SET batch = excluded.batch",
        params![c, k, a, text],
    )
    .map_err(err)?;
    Ok(())
}

impl CursorStore for SqliteCursorStore {
    fn load(&self, target: &PushTarget) -> Result<AccountState, Error> {
        let db = self.db();
        let mut cursor = load_position(&db, target)?;
        let mut stmt = db
            .prepare_cached("SELECT id FROM pushed_ids WHERE company_id = ?1 AND connection_id = ?2 AND account_id = ?3")
            .map_err(err)?;
        let ids = stmt
            .query_map(keys(target), |r| r.get::<_, String>(0))
            .map_err(err)?;
        for id in ids {
            cursor.recent_ids.insert(id.map_err(err)?);
        }
        drop(stmt);
        let mut retired = std::collections::HashSet::new();
        let mut stmt = db
            .prepare_cached("SELECT key FROM retired_keys WHERE company_id = ?1 AND connection_id = ?2 AND account_id = ?3")
            .map_err(err)?;
        for key in stmt
            .query_map(keys(target), |r| r.get::<_, String>(0))
            .map_err(err)?
        {
            let key = key.map_err(err)?;
            retired.insert(
                uuid::Uuid::parse_str(&key)
                    .map_err(|e| Error::store(format!("unreadable key {key:?}: {e}")))?,
            );
        }
        drop(stmt);
        Ok(AccountState {
            cursor,
            in_flight: load_in_flight(&db, target)?,
            retired_keys: retired,
        })
    }

    fn begin_batch(&self, target: &PushTarget, batch: &InFlightBatch) -> Result<(), Error> {
        save_in_flight(&self.db(), target, batch)
    }

    fn set_push_operation(
        &self,
        target: &PushTarget,
        push_operation_key: &str,
    ) -> Result<(), Error> {
        let mut db = self.db();
        let tx = db.transaction().map_err(err)?;
        if let Some(mut batch) = load_in_flight(&tx, target)? {
            batch.push_operation_key = Some(push_operation_key.to_owned());
            save_in_flight(&tx, target, &batch)?;
        }
        tx.commit().map_err(err)
    }

    fn complete_batch(&self, target: &PushTarget) -> Result<(), Error> {
        let mut db = self.db();
        let tx = db.transaction().map_err(err)?;
        let Some(batch) = load_in_flight(&tx, target)? else {
            return Ok(());
        };
        let [c, k, a] = keys(target);
        let mut cursor = load_position(&tx, target)?;
        advance(&mut cursor, &batch.transactions);
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO pushed_ids (company_id, connection_id, account_id, id) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(err)?;
            for line in &batch.transactions {
                insert.execute(params![c, k, a, line.id]).map_err(err)?;
            }
        }
        tx.execute(
            "INSERT INTO accounts (company_id, connection_id, account_id, latest_date, latest_id, last_balance)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (company_id, connection_id, account_id) DO UPDATE SET
               latest_date = excluded.latest_date, latest_id = excluded.latest_id, last_balance = excluded.last_balance",
            params![
                c,
                k,
                a,
                cursor.latest_date.as_ref().map(crate::date::format_timestamp),
                cursor.latest_id,
                cursor.last_balance.map(|b| b.to_string()),
            ],
        )
        .map_err(err)?;
        clear_in_flight(&tx, target)?;
        tx.commit().map_err(err)
    }

    fn abandon_batch(&self, target: &PushTarget) -> Result<(), Error> {
        let mut db = self.db();
        let tx = db.transaction().map_err(err)?;
        if let Some(batch) = load_in_flight(&tx, target)? {
            let [c, k, a] = keys(target);
            tx.execute(
                "INSERT OR IGNORE INTO retired_keys (company_id, connection_id, account_id, key) VALUES (?1, ?2, ?3, ?4)",
                params![c, k, a, batch.idempotency_key.to_string()],
            )
            .map_err(err)?;
            clear_in_flight(&tx, target)?;
        }
        tx.commit().map_err(err)
    }
}
