//! `Worker`: drains the PostgreSQL queue, on tokio, until stopped or drained.

use feedrail_bindings::ops;
use napi::Env;
use napi::bindgen_prelude::PromiseRaw;
use napi_derive::napi;

use crate::client::promise;
use crate::types::{Output, to_js_value};

/// A worker over a client's PostgreSQL cursor: claims accounts with due lines, pushes them in
/// order under the account's lease, lets them go. Any number of workers, in any processes on
/// any machines, share the work and Codat's per-company request limit.
#[napi]
pub struct Worker {
    inner: feedrail::queue::Worker,
}

impl Worker {
    /// Wraps a core worker.
    pub fn new(inner: feedrail::queue::Worker) -> Self {
        Worker { inner }
    }
}

#[napi]
impl Worker {
    /// Works until `stop()` (or, with `untilDrained`, until nothing is left to do); resolves
    /// with the metrics.
    #[napi(ts_return_type = "Promise<WorkerMetrics>")]
    pub fn run<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, Output>> {
        promise(env, ops::run_worker(self.inner.clone()))
    }

    /// Claims nothing more and sends no further batch: `run()` resolves once each batch in flight
    /// has settled; the rest stays queued.
    #[napi]
    pub fn stop(&self) {
        self.inner.stop();
    }

    /// What it did so far.
    #[napi(ts_return_type = "WorkerMetrics")]
    pub fn metrics(&self) -> Output {
        to_js_value(serde_json::to_value(self.inner.metrics()).unwrap_or_default())
    }
}
