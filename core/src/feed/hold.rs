//! A run's hold on an account: the lease taken (waiting for it if asked), renewed in the
//! background while the run works, released when the run ends; and the store's blocking calls
//! moved off the async worker threads.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::task::JoinHandle;

use crate::batch::PushTarget;
use crate::cursor::{CursorStore, Lease, LeaseRequest};
use crate::error::{Error, ErrorCode};

/// Runs a blocking store call on tokio's blocking pool.
pub(crate) async fn blocking<T: Send + 'static>(
    store: &Arc<dyn CursorStore>,
    f: impl FnOnce(&dyn CursorStore) -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    let store = Arc::clone(store);
    tokio::task::spawn_blocking(move || f(store.as_ref()))
        .await
        .unwrap_or_else(|e| {
            Err(Error::Internal {
                message: format!("a cursor store call ended abnormally: {e}"),
            })
        })
}

/// The lease on one account, renewed every third of its ttl until dropped.
pub(crate) struct Hold {
    store: Arc<dyn CursorStore>,
    target: PushTarget,
    lease: Lease,
    heartbeat: JoinHandle<()>,
    released: bool,
}

impl Hold {
    /// Takes `target`, retrying every 100 ms (at most) for up to `wait` while another run holds
    /// it; `ACCOUNT_BUSY` after that.
    pub async fn take(
        store: &Arc<dyn CursorStore>,
        target: &PushTarget,
        ttl: Duration,
        wait: Duration,
    ) -> Result<Hold, Error> {
        let request = LeaseRequest::for_this_process(ttl);
        let until = Instant::now().checked_add(wait);
        let lease = loop {
            let (t, r) = (target.clone(), request.clone());
            match blocking(store, move |s| s.acquire(&t, &r)).await {
                Err(e)
                    if e.code() == ErrorCode::AccountBusy
                        && until.is_none_or(|u| Instant::now() < u) =>
                {
                    let left = until.map_or(Duration::MAX, |u| u - Instant::now());
                    tokio::time::sleep(left.min(Duration::from_millis(100))).await;
                }
                other => break other?,
            }
        };
        Ok(Hold::adopt(store, target, lease))
    }

    /// Holds a lease already taken (a worker's claim), renewing it from now on.
    pub fn adopt(store: &Arc<dyn CursorStore>, target: &PushTarget, lease: Lease) -> Hold {
        let heartbeat = tokio::spawn(renew_every(
            Arc::clone(store),
            target.clone(),
            lease.clone(),
        ));
        Hold {
            store: Arc::clone(store),
            target: target.clone(),
            lease,
            heartbeat,
            released: false,
        }
    }

    /// The lease every write carries.
    pub fn lease(&self) -> &Lease {
        &self.lease
    }

    /// Gives the account up.
    pub async fn release(mut self) -> Result<(), Error> {
        self.heartbeat.abort();
        self.released = true;
        let (t, l) = (self.target.clone(), self.lease.clone());
        blocking(&self.store, move |s| s.release(&t, &l)).await
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        self.heartbeat.abort();
        if self.released {
            return;
        }
        // The run was cancelled or failed: give the account up at once rather than leave it
        // busy until the lease expires.
        let (store, t, l) = (
            Arc::clone(&self.store),
            self.target.clone(),
            self.lease.clone(),
        );
        let release = move || {
            if let Err(e) = store.release(&t, &l) {
                tracing::warn!(error = %e, "could not release the account's lease; it expires on its own");
            }
        };
        match tokio::runtime::Handle::try_current() {
            Ok(handle) => drop(handle.spawn_blocking(release)),
            Err(_) => release(),
        }
    }
}

async fn renew_every(store: Arc<dyn CursorStore>, target: PushTarget, mut lease: Lease) {
    let period = (lease.ttl / 3).max(Duration::from_millis(10));
    loop {
        tokio::time::sleep(period).await;
        let (t, l) = (target.clone(), lease.clone());
        match blocking(&store, move |s| s.renew(&t, &l)).await {
            Ok(renewed) => lease = renewed,
            Err(e) => {
                // The next write is fenced and stops the run; nothing more to do here.
                tracing::warn!(account_id = %target.account_id, error = %e, "lost the account's lease");
                return;
            }
        }
    }
}
