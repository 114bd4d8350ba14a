//! A cursor store in memory: for tests and short-lived processes.

use std::collections::HashMap;
use std::sync::Mutex;

use super::{AccountState, CursorStore, InFlightBatch, advance};
use crate::batch::PushTarget;
use crate::error::Error;

/// Keeps cursors in memory; lost when the process ends.
#[derive(Debug, Default)]
pub struct MemoryCursorStore {
    accounts: Mutex<HashMap<PushTarget, AccountState>>,
}

impl MemoryCursorStore {
    fn with<T>(&self, target: &PushTarget, f: impl FnOnce(&mut AccountState) -> T) -> T {
        let mut accounts = self.accounts.lock().unwrap_or_else(|p| p.into_inner());
        f(accounts.entry(target.clone()).or_default())
    }
}

impl CursorStore for MemoryCursorStore {
    fn load(&self, target: &PushTarget) -> Result<AccountState, Error> {
        Ok(self.with(target, |s| s.clone()))
    }

    fn begin_batch(&self, target: &PushTarget, batch: &InFlightBatch) -> Result<(), Error> {
        self.with(target, |s| s.in_flight = Some(batch.clone()));
        Ok(())
    }

    fn set_push_operation(
        &self,
        target: &PushTarget,
        push_operation_key: &str,
    ) -> Result<(), Error> {
        self.with(target, |s| {
            if let Some(b) = &mut s.in_flight {
                b.push_operation_key = Some(push_operation_key.to_owned());
            }
        });
        Ok(())
    }

    fn complete_batch(&self, target: &PushTarget) -> Result<(), Error> {
        self.with(target, |s| {
            if let Some(batch) = s.in_flight.take() {
                advance(&mut s.cursor, &batch.transactions);
            }
        });
        Ok(())
    }

    fn abandon_batch(&self, target: &PushTarget) -> Result<(), Error> {
        self.with(target, |s| {
            if let Some(batch) = s.in_flight.take() {
                s.retired_keys.insert(batch.idempotency_key);
            }
        });
        Ok(())
    }
}
