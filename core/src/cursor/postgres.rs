//! The cursor store in PostgreSQL, shared by any number of processes on any number of machines.
//!
//! - Leases are columns of the account's row, set with one conditional `UPDATE` whose clock is
//!   the database's (`now()`): machines with skewed clocks still agree on who holds an account.
//! - Every write runs in a transaction that locks the account's row (`FOR UPDATE`) and checks
//!   the lease token first, so a run that lost its lease cannot move the cursor.
//! - Pushed ids live in `feedrail_pushed_id (account, id)`, looked up on demand.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::journal::StoredEntry;
use super::lease::{busy, lost};
use super::{
    AccountState, BatchEnd, CursorStore, InFlightBatch, JournalEntry, JournalStatus, Lease,
    LeaseRequest, advance, not_in_flight, position_columns, read_batch, read_position,
};
use crate::batch::PushTarget;
use crate::error::Error;
use crate::postgres::{Database, Tx, off_async};
use crate::rules::IdSet;

/// Keeps cursors in feedrail's tables of a PostgreSQL database (see the module docs).
#[derive(Debug, Clone)]
pub struct PostgresCursorStore {
    db: Arc<Database>,
}

impl PostgresCursorStore {
    /// Connects to the database at `url` (`postgresql://…`), creating or migrating feedrail's
    /// tables.
    pub fn connect(url: &str) -> Result<Self, Error> {
        Ok(PostgresCursorStore {
            db: Database::connect(url)?,
        })
    }

    /// A store on a database already connected.
    pub fn new(db: Arc<Database>) -> Self {
        PostgresCursorStore { db }
    }

    /// The database it keeps cursors in.
    pub fn database(&self) -> &Arc<Database> {
        &self.db
    }

    /// Runs `f` under `lease` in a transaction holding the account's row lock, with the row's
    /// key: refused when another run holds the account.
    fn fenced<T>(
        &self,
        lease: &Lease,
        target: &PushTarget,
        f: impl FnOnce(&mut Tx<'_>, i64) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut conn = self.db.conn()?;
        let mut tx = conn.transaction().map_err(|e| self.db.err(e))?;
        let row = tx
            .query_opt(
                "SELECT id, lease_token, lease_holder, lease_expires FROM feedrail_account
                 WHERE company_id = $1 AND connection_id = $2 AND account_id = $3 FOR UPDATE",
                &[
                    &target.company_id,
                    &target.connection_id,
                    &target.account_id,
                ],
            )
            .map_err(|e| self.db.err(e))?;
        let value = match row {
            Some(row) if row.get::<_, Option<Uuid>>(1) == Some(lease.token) => {
                f(&mut tx, row.get(0))?
            }
            Some(row) => {
                let holder: Option<String> = row.get(2);
                let expires: Option<DateTime<Utc>> = row.get(3);
                return Err(lost(target, lease, holder.as_deref().zip(expires)));
            }
            None => return Err(lost(target, lease, None)),
        };
        tx.commit().map_err(|e| self.db.err(e))?;
        Ok(value)
    }

    /// Clears the batch in flight under `key`, returning it.
    fn take_in_flight(
        &self,
        tx: &mut Tx<'_>,
        target: &PushTarget,
        id: i64,
        key: Uuid,
    ) -> Result<InFlightBatch, Error> {
        let text: Option<String> = tx
            .query_one(
                "SELECT in_flight FROM feedrail_account WHERE id = $1",
                &[&id],
            )
            .map_err(|e| self.db.err(e))?
            .get(0);
        let batch = text
            .map(|t| read_batch(target, &t).map_err(|e| self.db.err(e)))
            .transpose()?;
        match batch {
            Some(batch) if batch.idempotency_key == key => {
                tx.execute(
                    "UPDATE feedrail_account SET in_flight = NULL WHERE id = $1",
                    &[&id],
                )
                .map_err(|e| self.db.err(e))?;
                Ok(batch)
            }
            other => Err(not_in_flight(target, key, other.map(|b| b.idempotency_key))),
        }
    }

    /// Journals `batch` as settled with `status` and `end`, after the account's last entry.
    fn journal_entry(
        &self,
        tx: &mut Tx<'_>,
        id: i64,
        batch: &InFlightBatch,
        status: JournalStatus,
        end: &BatchEnd,
    ) -> Result<(), Error> {
        let last: i64 = tx
            .query_one(
                "SELECT COALESCE(MAX(sequence), 0) FROM feedrail_journal WHERE account = $1",
                &[&id],
            )
            .map_err(|e| self.db.err(e))?
            .get(0);
        let entry = JournalEntry::new(last as u64 + 1, batch, status, end);
        tx.execute(
            "INSERT INTO feedrail_journal (account, sequence, status, idempotency_key,
             push_operation_key, requested_at, completed_at, message, validation, ids)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            &[
                &id,
                &(entry.sequence as i64),
                &entry.status.as_str(),
                &entry.idempotency_key,
                &entry.push_operation_key,
                &entry.requested_at,
                &entry.completed_at,
                &entry.message,
                &entry.validation_text(),
                &entry.ids_text(),
            ],
        )
        .map(|_| ())
        .map_err(|e| self.db.err(e))
    }

    fn retire(&self, tx: &mut Tx<'_>, id: i64, key: Uuid) -> Result<(), Error> {
        tx.execute(
            "INSERT INTO feedrail_retired_key (account, key) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&id, &key],
        )
        .map(|_| ())
        .map_err(|e| self.db.err(e))
    }
}

impl PostgresCursorStore {
    fn acquire_now(&self, target: &PushTarget, request: &LeaseRequest) -> Result<Lease, Error> {
        let mut conn = self.db.conn()?;
        let keys: [&(dyn ::postgres::types::ToSql + Sync); 3] = [
            &target.company_id,
            &target.connection_id,
            &target.account_id,
        ];
        conn.execute(
            "INSERT INTO feedrail_account (company_id, connection_id, account_id)
             VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &keys,
        )
        .map_err(|e| self.db.err(e))?;
        let ttl_ms = request.ttl.as_secs_f64() * 1000.0;
        let granted = conn
            .query_opt(
                "UPDATE feedrail_account
                 SET lease_token = $4, lease_holder = $5,
                     lease_expires = now() + LEAST($6::float8, 1e12) * interval '1 millisecond'
                 WHERE company_id = $1 AND connection_id = $2 AND account_id = $3
                   AND (lease_token IS NULL OR lease_token = $4 OR lease_expires <= now())
                 RETURNING lease_expires",
                &[
                    &target.company_id,
                    &target.connection_id,
                    &target.account_id,
                    &request.token,
                    &request.holder,
                    &ttl_ms,
                ],
            )
            .map_err(|e| self.db.err(e))?;
        if let Some(row) = granted {
            return Ok(Lease {
                expires_at: row.get(0),
                ..request.granted()
            });
        }
        let row = conn
            .query_opt(
                "SELECT lease_holder, lease_expires FROM feedrail_account
                 WHERE company_id = $1 AND connection_id = $2 AND account_id = $3",
                &keys,
            )
            .map_err(|e| self.db.err(e))?;
        let (holder, expires): (Option<String>, Option<DateTime<Utc>>) =
            row.map_or((None, None), |r| (r.get(0), r.get(1)));
        Err(busy(
            target,
            holder.as_deref().unwrap_or("another run"),
            expires.unwrap_or_else(Utc::now),
        ))
    }

    fn renew_now(&self, target: &PushTarget, lease: &Lease) -> Result<Lease, Error> {
        self.fenced(lease, target, |tx, id| {
            let ttl_ms = lease.ttl.as_secs_f64() * 1000.0;
            let row = tx
                .query_one(
                    "UPDATE feedrail_account
                     SET lease_expires = now() + LEAST($2::float8, 1e12) * interval '1 millisecond'
                     WHERE id = $1 RETURNING lease_expires",
                    &[&id, &ttl_ms],
                )
                .map_err(|e| self.db.err(e))?;
            Ok(Lease {
                expires_at: row.get(0),
                ..lease.clone()
            })
        })
    }

    fn release_now(&self, target: &PushTarget, lease: &Lease) -> Result<(), Error> {
        self.db
            .conn()?
            .execute(
                "UPDATE feedrail_account SET lease_token = NULL, lease_holder = NULL, lease_expires = NULL
                 WHERE company_id = $1 AND connection_id = $2 AND account_id = $3 AND lease_token = $4",
                &[
                    &target.company_id,
                    &target.connection_id,
                    &target.account_id,
                    &lease.token,
                ],
            )
            .map(|_| ())
            .map_err(|e| self.db.err(e))
    }

    fn load_now(&self, target: &PushTarget) -> Result<AccountState, Error> {
        let mut conn = self.db.conn()?;
        let mut tx = conn.snapshot().map_err(|e| self.db.err(e))?;
        let Some(row) = tx
            .query_opt(
                "SELECT id, latest_date, latest_id, last_balance, in_flight FROM feedrail_account
                 WHERE company_id = $1 AND connection_id = $2 AND account_id = $3",
                &[
                    &target.company_id,
                    &target.connection_id,
                    &target.account_id,
                ],
            )
            .map_err(|e| self.db.err(e))?
        else {
            return Ok(AccountState::default());
        };
        let id: i64 = row.get(0);
        let cursor = read_position(target, row.get(1), row.get(2), row.get(3))
            .map_err(|e| self.db.err(e))?;
        let in_flight = row
            .get::<_, Option<String>>(4)
            .map(|t| read_batch(target, &t).map_err(|e| self.db.err(e)))
            .transpose()?;
        let retired_keys = tx
            .query(
                "SELECT key FROM feedrail_retired_key WHERE account = $1",
                &[&id],
            )
            .map_err(|e| self.db.err(e))?
            .iter()
            .map(|r| r.get::<_, Uuid>(0))
            .collect();
        tx.commit().map_err(|e| self.db.err(e))?;
        Ok(AccountState {
            cursor,
            in_flight,
            retired_keys,
        })
    }

    fn find_pushed_now(&self, target: &PushTarget, ids: &[&str]) -> Result<IdSet, Error> {
        let mut found = IdSet::default();
        if ids.is_empty() {
            return Ok(found);
        }
        let mut conn = self.db.conn()?;
        // One round trip per 10,000 ids, through the primary key's index.
        for chunk in ids.chunks(10_000) {
            let rows = conn
                .query(
                    "SELECT p.id FROM feedrail_pushed_id p JOIN feedrail_account a ON a.id = p.account
                     WHERE a.company_id = $1 AND a.connection_id = $2 AND a.account_id = $3
                       AND p.id = ANY($4)",
                    &[
                        &target.company_id,
                        &target.connection_id,
                        &target.account_id,
                        &chunk,
                    ],
                )
                .map_err(|e| self.db.err(e))?;
            found.extend(rows.iter().map(|r| r.get::<_, String>(0)));
        }
        Ok(found)
    }

    fn save_batch_now(
        &self,
        lease: &Lease,
        target: &PushTarget,
        batch: &InFlightBatch,
        retire: Option<Uuid>,
    ) -> Result<(), Error> {
        let text = serde_json::to_string(batch).map_err(|e| self.db.err(e))?;
        self.fenced(lease, target, |tx, id| {
            if let Some(key) = retire {
                self.retire(tx, id, key)?;
            }
            tx.execute(
                "UPDATE feedrail_account SET in_flight = $2 WHERE id = $1",
                &[&id, &text],
            )
            .map(|_| ())
            .map_err(|e| self.db.err(e))
        })
    }

    fn complete_batch_now(
        &self,
        lease: &Lease,
        target: &PushTarget,
        key: Uuid,
        end: &BatchEnd,
    ) -> Result<(), Error> {
        self.fenced(lease, target, |tx, id| {
            let batch = self.take_in_flight(tx, target, id, key)?;
            self.journal_entry(tx, id, &batch, JournalStatus::Landed, end)?;
            let row = tx
                .query_one(
                    "SELECT latest_date, latest_id, last_balance FROM feedrail_account WHERE id = $1",
                    &[&id],
                )
                .map_err(|e| self.db.err(e))?;
            let mut cursor = read_position(target, row.get(0), row.get(1), row.get(2))
                .map_err(|e| self.db.err(e))?;
            advance(&mut cursor, &batch.transactions);
            let ids: Vec<&str> = batch.transactions.iter().map(|t| t.id.as_str()).collect();
            tx.execute(
                // Under the account's row lock nobody else inserts its ids: an anti-join is
                // enough, and cheaper than ON CONFLICT's speculative insertion.
                "INSERT INTO feedrail_pushed_id (account, id)
                 SELECT $1, x FROM unnest($2::text[]) AS x
                 WHERE NOT EXISTS (SELECT 1 FROM feedrail_pushed_id p WHERE p.account = $1 AND p.id = x)",
                &[&id, &ids],
            )
            .map_err(|e| self.db.err(e))?;
            let (date, latest_id, balance) = position_columns(&cursor);
            tx.execute(
                "UPDATE feedrail_account SET latest_date = $2, latest_id = $3, last_balance = $4
                 WHERE id = $1",
                &[&id, &date, &latest_id, &balance],
            )
            .map(|_| ())
            .map_err(|e| self.db.err(e))
        })
    }

    fn abandon_batch_now(
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

    fn journal_now(&self, target: &PushTarget) -> Result<Vec<JournalEntry>, Error> {
        let mut conn = self.db.conn()?;
        let rows = conn
            .query(
                "SELECT j.sequence, j.status, j.idempotency_key, j.push_operation_key,
                 j.requested_at, j.completed_at, j.message, j.validation, j.ids
                 FROM feedrail_journal j JOIN feedrail_account a ON a.id = j.account
                 WHERE a.company_id = $1 AND a.connection_id = $2 AND a.account_id = $3
                 ORDER BY j.sequence",
                &[
                    &target.company_id,
                    &target.connection_id,
                    &target.account_id,
                ],
            )
            .map_err(|e| self.db.err(e))?;
        rows.into_iter()
            .map(|row| {
                StoredEntry {
                    sequence: row.get(0),
                    status: row.get(1),
                    idempotency_key: row.get::<_, Uuid>(2).to_string(),
                    push_operation_key: row.get(3),
                    requested_at: row.get(4),
                    completed_at: row.get(5),
                    message: row.get(6),
                    validation: row.get(7),
                    ids: row.get(8),
                }
                .read()
                .map_err(|e| self.db.err(format!("account {:?}: {e}", target.account_id)))
            })
            .collect()
    }
}

impl CursorStore for PostgresCursorStore {
    fn acquire(&self, target: &PushTarget, request: &LeaseRequest) -> Result<Lease, Error> {
        off_async(|| self.acquire_now(target, request))
    }

    fn renew(&self, target: &PushTarget, lease: &Lease) -> Result<Lease, Error> {
        off_async(|| self.renew_now(target, lease))
    }

    fn release(&self, target: &PushTarget, lease: &Lease) -> Result<(), Error> {
        off_async(|| self.release_now(target, lease))
    }

    fn load(&self, target: &PushTarget) -> Result<AccountState, Error> {
        off_async(|| self.load_now(target))
    }

    fn find_pushed(&self, target: &PushTarget, ids: &[&str]) -> Result<IdSet, Error> {
        off_async(|| self.find_pushed_now(target, ids))
    }

    fn save_batch(
        &self,
        lease: &Lease,
        target: &PushTarget,
        batch: &InFlightBatch,
        retire: Option<Uuid>,
    ) -> Result<(), Error> {
        off_async(|| self.save_batch_now(lease, target, batch, retire))
    }

    fn complete_batch(
        &self,
        lease: &Lease,
        target: &PushTarget,
        key: Uuid,
        end: &BatchEnd,
    ) -> Result<(), Error> {
        off_async(|| self.complete_batch_now(lease, target, key, end))
    }

    fn abandon_batch(
        &self,
        lease: &Lease,
        target: &PushTarget,
        key: Uuid,
        end: &BatchEnd,
    ) -> Result<(), Error> {
        off_async(|| self.abandon_batch_now(lease, target, key, end))
    }

    fn journal(&self, target: &PushTarget) -> Result<Vec<JournalEntry>, Error> {
        off_async(|| self.journal_now(target))
    }
}
