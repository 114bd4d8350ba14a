//! The tokio runtime every call runs on, and how a Kotlin coroutine awaits work on it: the work
//! is spawned there and aborted when the coroutine is cancelled (its future dropped).

use std::future::Future;
use std::sync::LazyLock;

use feedrail::Error;
use futures_util::FutureExt;

use crate::errors::FeedrailError;

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("feedrail")
        .build()
        .expect("the tokio runtime starts")
});

/// The runtime.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    &RUNTIME
}

/// Aborts the task when dropped: a cancelled coroutine stops its work.
struct AbortOnDrop(tokio::task::AbortHandle);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Runs `work` on the runtime; a panic in it becomes `INTERNAL`.
pub async fn run<T: Send + 'static>(
    work: impl Future<Output = Result<T, Error>> + Send + 'static,
) -> Result<T, FeedrailError> {
    let task = RUNTIME.spawn(std::panic::AssertUnwindSafe(work).catch_unwind());
    let _abort = AbortOnDrop(task.abort_handle());
    match task.await {
        Ok(Ok(result)) => result.map_err(FeedrailError::from),
        Ok(Err(_)) | Err(_) => Err(crate::errors::internal("feedrail panicked".to_owned())),
    }
}

/// Runs `work` on the runtime and blocks this (JVM) thread until it ends.
pub fn block_on<T>(work: impl Future<Output = T>) -> T {
    RUNTIME.block_on(work)
}
