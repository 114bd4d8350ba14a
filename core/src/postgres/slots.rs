//! Codat's per-company request limit held across every process on one database: a row per
//! slot, taken with `FOR UPDATE SKIP LOCKED` for a bounded time, and a per-company pause after
//! a 429.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use uuid::Uuid;

use super::Database;
use crate::client::{SharedSlots, Slot};
use crate::error::Error;

/// Request slots per company in feedrail's PostgreSQL tables, shared by every worker and
/// process using the database. Give it to [`crate::ClientBuilder::shared_slots`].
#[derive(Debug)]
pub struct PostgresCompanySlots {
    db: Arc<Database>,
    /// Companies whose slot rows this process already made sure of.
    known: Mutex<HashSet<(String, usize)>>,
}

impl PostgresCompanySlots {
    /// Slots kept in `db`.
    pub fn new(db: Arc<Database>) -> Self {
        PostgresCompanySlots {
            db,
            known: Mutex::new(HashSet::new()),
        }
    }

    fn ensure_rows(&self, company: &str, slots: usize) -> Result<(), Error> {
        let key = (company.to_owned(), slots);
        if self
            .known
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(&key)
        {
            return Ok(());
        }
        self.db
            .conn()?
            .execute(
                "INSERT INTO feedrail_company_slot (company_id, slot)
                 SELECT $1, s FROM generate_series(0, $2 - 1) s ON CONFLICT DO NOTHING",
                &[&company, &(slots as i32)],
            )
            .map_err(|e| self.db.err(e))?;
        self.known
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key);
        Ok(())
    }
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

impl SharedSlots for PostgresCompanySlots {
    fn try_take(&self, company: &str, slots: usize, hold: Duration) -> Result<Option<Slot>, Error> {
        self.ensure_rows(company, slots)?;
        let token = Uuid::new_v4();
        let row = self
            .db
            .conn()?
            .query_opt(
                "UPDATE feedrail_company_slot SET token = $3, expires = now() + $4::float8 * interval '1 millisecond'
                 WHERE (company_id, slot) = (
                     SELECT company_id, slot FROM feedrail_company_slot
                     WHERE company_id = $1 AND slot < $2 AND (token IS NULL OR expires <= now())
                       AND NOT EXISTS (SELECT 1 FROM feedrail_company c
                                       WHERE c.company_id = $1 AND c.paused_until > now())
                     ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED)
                 RETURNING slot",
                &[&company, &(slots as i32), &token, &millis(hold)],
            )
            .map_err(|e| self.db.err(e))?;
        Ok(row.map(|r| Slot {
            index: r.get::<_, i32>(0) as u32,
            token,
        }))
    }

    fn give_back(&self, company: &str, slot: Slot) -> Result<(), Error> {
        self.db
            .conn()?
            .execute(
                "UPDATE feedrail_company_slot SET token = NULL, expires = NULL
                 WHERE company_id = $1 AND slot = $2 AND token = $3",
                &[&company, &(slot.index as i32), &slot.token],
            )
            .map(|_| ())
            .map_err(|e| self.db.err(e))
    }

    fn pause(&self, company: &str, pause: Duration) -> Result<(), Error> {
        self.db
            .conn()?
            .execute(
                "INSERT INTO feedrail_company (company_id, paused_until)
                 VALUES ($1, now() + $2::float8 * interval '1 millisecond')
                 ON CONFLICT (company_id) DO UPDATE
                 SET paused_until = GREATEST(feedrail_company.paused_until, EXCLUDED.paused_until)",
                &[&company, &millis(pause)],
            )
            .map(|_| ())
            .map_err(|e| self.db.err(e))
    }
}
