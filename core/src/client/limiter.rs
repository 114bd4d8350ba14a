//! Codat allows 10 concurrent requests per company: one semaphore per company bounds them in
//! this process, and [`SharedSlots`] (when given) bounds them across every process working for
//! the same companies, and pauses a company for all of them after a 429.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use uuid::Uuid;

use crate::error::Error;

/// Request slots per company shared by many processes (feedrail's PostgreSQL database is one).
/// Methods block; the client calls them off the async threads.
pub trait SharedSlots: Send + Sync + std::fmt::Debug {
    /// Takes one of `company`'s first `slots` slots for at most `hold` (a crashed process's slot
    /// frees itself then); `None` when all are taken or the company is paused.
    fn try_take(&self, company: &str, slots: usize, hold: Duration) -> Result<Option<Slot>, Error>;

    /// Gives `slot` back.
    fn give_back(&self, company: &str, slot: Slot) -> Result<(), Error>;

    /// Stops every process from starting requests for `company` for `pause` (Codat answered
    /// 429).
    fn pause(&self, company: &str, pause: Duration) -> Result<(), Error>;
}

/// One taken slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Which of the company's slots.
    pub index: u32,
    /// Who took it (only its taker can give it back).
    pub token: Uuid,
}

/// Longest wait between two tries for a shared slot.
const MAX_POLL: Duration = Duration::from_millis(100);

/// Per-company request slots.
#[derive(Debug)]
pub(crate) struct CompanyLimiter {
    per_company: usize,
    semaphores: Mutex<HashMap<String, Arc<Semaphore>>>,
    shared: Option<Arc<dyn SharedSlots>>,
}

/// A request slot, held until dropped.
pub(crate) struct Permit {
    _local: OwnedSemaphorePermit,
    shared: Option<(Arc<dyn SharedSlots>, String, Slot)>,
}

impl Drop for Permit {
    fn drop(&mut self) {
        if let Some((shared, company, slot)) = self.shared.take() {
            let give_back = move || {
                if let Err(e) = shared.give_back(&company, slot) {
                    tracing::warn!(error = %e, company, "could not give a shared request slot back; it frees itself when its hold ends");
                }
            };
            super::in_background(give_back);
        }
    }
}

impl CompanyLimiter {
    /// At most `per_company` requests in flight per company, in this process and (with
    /// `shared`) across all processes.
    pub fn new(per_company: usize, shared: Option<Arc<dyn SharedSlots>>) -> Self {
        CompanyLimiter {
            per_company,
            semaphores: Mutex::new(HashMap::new()),
            shared,
        }
    }

    /// Waits for a slot for `company`, to be held at most `hold`; released when the permit is
    /// dropped.
    pub async fn acquire(&self, company: &str, hold: Duration) -> Permit {
        let semaphore = {
            let mut map = self.semaphores.lock().unwrap_or_else(|p| p.into_inner());
            Arc::clone(
                map.entry(company.to_owned())
                    .or_insert_with(|| Arc::new(Semaphore::new(self.per_company))),
            )
        };
        let local = semaphore
            .acquire_owned()
            .await
            .expect("company semaphores are never closed");
        let shared = match &self.shared {
            Some(shared) => self.take_shared(shared, company, hold).await,
            None => None,
        };
        Permit {
            _local: local,
            shared,
        }
    }

    /// Polls for a shared slot, waiting longer between tries (up to [`MAX_POLL`]). When the
    /// shared store fails, the request goes ahead on the local limit alone (Codat's 429 is
    /// still retried): a database hiccup must not stall every push.
    async fn take_shared(
        &self,
        shared: &Arc<dyn SharedSlots>,
        company: &str,
        hold: Duration,
    ) -> Option<(Arc<dyn SharedSlots>, String, Slot)> {
        let mut wait = Duration::from_millis(5);
        loop {
            let (s, c, n) = (Arc::clone(shared), company.to_owned(), self.per_company);
            let taken = tokio::task::spawn_blocking(move || s.try_take(&c, n, hold)).await;
            match taken {
                Ok(Ok(Some(slot))) => return Some((Arc::clone(shared), company.to_owned(), slot)),
                Ok(Ok(None)) => {
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(MAX_POLL);
                }
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, company, "shared request slots unavailable; sending on the local limit");
                    return None;
                }
                Err(e) => {
                    tracing::warn!(error = %e, company, "taking a shared request slot ended abnormally");
                    return None;
                }
            }
        }
    }

    /// Tells every process sharing the slots to leave `company` alone for `pause`.
    pub fn pause(&self, company: &str, pause: Duration) {
        if let Some(shared) = &self.shared {
            let (s, c) = (Arc::clone(shared), company.to_owned());
            let call = move || {
                if let Err(e) = s.pause(&c, pause) {
                    tracing::warn!(error = %e, company = c, "could not share a rate-limit pause");
                }
            };
            super::in_background(call);
        }
    }
}
