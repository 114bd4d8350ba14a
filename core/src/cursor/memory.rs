//! A cursor store in memory: for tests and short-lived processes (leases hold between the runs
//! of one process).

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::Utc;
use uuid::Uuid;

use super::lease::{busy, lost};
use super::{
    AccountState, BatchEnd, CursorStore, InFlightBatch, JournalEntry, JournalStatus, Lease,
    LeaseRequest, advance, not_in_flight,
};
use crate::batch::PushTarget;
use crate::error::Error;
use crate::rules::IdSet;

#[derive(Debug, Default)]
struct Account {
    state: AccountState,
    pushed: IdSet,
    lease: Option<Lease>,
    journal: Vec<JournalEntry>,
}

impl Account {
    fn journal(&mut self, batch: &InFlightBatch, status: JournalStatus, end: &BatchEnd) {
        let sequence = self.journal.len() as u64 + 1;
        self.journal
            .push(JournalEntry::new(sequence, batch, status, end));
    }
}

/// Keeps cursors in memory; lost when the process ends.
#[derive(Debug, Default)]
pub struct MemoryCursorStore {
    accounts: Mutex<HashMap<PushTarget, Account>>,
}

impl MemoryCursorStore {
    fn with<T>(&self, target: &PushTarget, f: impl FnOnce(&mut Account) -> T) -> T {
        let mut accounts = self.accounts.lock().unwrap_or_else(|p| p.into_inner());
        f(accounts.entry(target.clone()).or_default())
    }

    /// Runs a write under `lease`: refused when another run holds the account.
    fn fenced<T>(
        &self,
        target: &PushTarget,
        lease: &Lease,
        f: impl FnOnce(&mut Account) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.with(target, |account| match &account.lease {
            Some(held) if held.token == lease.token => f(account),
            Some(held) => Err(lost(target, lease, Some((&held.holder, held.expires_at)))),
            None => Err(lost(target, lease, None)),
        })
    }
}

fn take_batch(
    target: &PushTarget,
    account: &mut Account,
    key: Uuid,
) -> Result<InFlightBatch, Error> {
    match account.state.in_flight.take() {
        Some(batch) if batch.idempotency_key == key => Ok(batch),
        other => {
            let found = other.as_ref().map(|b| b.idempotency_key);
            account.state.in_flight = other;
            Err(not_in_flight(target, key, found))
        }
    }
}

impl CursorStore for MemoryCursorStore {
    fn acquire(&self, target: &PushTarget, request: &LeaseRequest) -> Result<Lease, Error> {
        self.with(target, |account| match &account.lease {
            Some(held) if held.token != request.token && held.expires_at > Utc::now() => {
                Err(busy(target, &held.holder, held.expires_at))
            }
            _ => {
                let lease = request.granted();
                account.lease = Some(lease.clone());
                Ok(lease)
            }
        })
    }

    fn renew(&self, target: &PushTarget, lease: &Lease) -> Result<Lease, Error> {
        self.fenced(target, lease, |account| {
            let renewed = lease.renewed();
            account.lease = Some(renewed.clone());
            Ok(renewed)
        })
    }

    fn release(&self, target: &PushTarget, lease: &Lease) -> Result<(), Error> {
        self.with(target, |account| {
            if account
                .lease
                .as_ref()
                .is_some_and(|l| l.token == lease.token)
            {
                account.lease = None;
            }
        });
        Ok(())
    }

    fn load(&self, target: &PushTarget) -> Result<AccountState, Error> {
        Ok(self.with(target, |account| account.state.clone()))
    }

    fn find_pushed(&self, target: &PushTarget, ids: &[&str]) -> Result<IdSet, Error> {
        Ok(self.with(target, |account| {
            ids.iter()
                .filter(|id| account.pushed.contains(**id))
                .map(|id| (*id).to_owned())
                .collect()
        }))
    }

    fn save_batch(
        &self,
        lease: &Lease,
        target: &PushTarget,
        batch: &InFlightBatch,
        retire: Option<Uuid>,
    ) -> Result<(), Error> {
        self.fenced(target, lease, |account| {
            account.state.retired_keys.extend(retire);
            account.state.in_flight = Some(InFlightBatch {
                sent_by_this_run: false,
                ..batch.clone()
            });
            Ok(())
        })
    }

    fn complete_batch(
        &self,
        lease: &Lease,
        target: &PushTarget,
        key: Uuid,
        end: &BatchEnd,
    ) -> Result<(), Error> {
        self.fenced(target, lease, |account| {
            let batch = take_batch(target, account, key)?;
            account.journal(&batch, JournalStatus::Landed, end);
            advance(&mut account.state.cursor, &batch.transactions);
            account
                .pushed
                .extend(batch.transactions.iter().map(|t| t.id.clone()));
            Ok(())
        })
    }

    fn abandon_batch(
        &self,
        lease: &Lease,
        target: &PushTarget,
        key: Uuid,
        end: &BatchEnd,
    ) -> Result<(), Error> {
        self.fenced(target, lease, |account| {
            let batch = take_batch(target, account, key)?;
            account.journal(&batch, JournalStatus::Failed, end);
            account.state.retired_keys.insert(key);
            Ok(())
        })
    }

    fn journal(&self, target: &PushTarget) -> Result<Vec<JournalEntry>, Error> {
        Ok(self.with(target, |account| account.journal.clone()))
    }
}
