//! Codat allows 10 concurrent requests per company: one semaphore per company bounds them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Per-company request slots.
#[derive(Debug)]
pub(crate) struct CompanyLimiter {
    per_company: usize,
    semaphores: Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl CompanyLimiter {
    /// At most `per_company` requests in flight per company.
    pub fn new(per_company: usize) -> Self {
        CompanyLimiter {
            per_company,
            semaphores: Mutex::new(HashMap::new()),
        }
    }

    /// Waits for a slot for `company`; held until the permit is dropped.
    pub async fn acquire(&self, company: &str) -> OwnedSemaphorePermit {
        let semaphore = {
            let mut map = self.semaphores.lock().unwrap_or_else(|p| p.into_inner());
            Arc::clone(
                map.entry(company.to_owned())
                    .or_insert_with(|| Arc::new(Semaphore::new(self.per_company))),
            )
        };
        semaphore
            .acquire_owned()
            .await
            .expect("company semaphores are never closed")
    }
}
