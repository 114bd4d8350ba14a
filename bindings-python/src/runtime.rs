//! The one tokio runtime behind every call; rebuilt in a forked child (a runtime's threads do
//! not survive `fork`).

use std::sync::{Arc, Mutex};

use tokio::runtime::Runtime;

static RUNTIME: Mutex<Option<(u32, Arc<Runtime>)>> = Mutex::new(None);

/// The runtime of this process.
pub fn runtime() -> Arc<Runtime> {
    let pid = std::process::id();
    let mut slot = RUNTIME.lock().unwrap_or_else(|p| p.into_inner());
    match &*slot {
        Some((owner, rt)) if *owner == pid => Arc::clone(rt),
        _ => {
            let rt = Arc::new(
                tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .thread_name("feedrail")
                    .enable_all()
                    .build()
                    .expect("a tokio runtime can be built"),
            );
            if let Some((_, old)) = slot.take() {
                // A runtime inherited through fork has no threads left: forget it without
                // waiting for them.
                std::mem::forget(old);
            }
            *slot = Some((pid, Arc::clone(&rt)));
            rt
        }
    }
}
