//! `Worker`: drains the PostgreSQL queue, on tokio, until stopped or drained.

use std::sync::Arc;

use feedrail::Error;
use feedrail_bindings::{FeedSettings, WorkerSettings, ops};
use serde_json::{Map, Value};

use crate::errors::FeedrailError;
use crate::json::{JsonText, WorkerMetrics, WorkerOptions};
use crate::runtime::run;

/// The options of a worker that configure its feeds rather than the worker itself.
const FEED_KEYS: &[&str] = &["batchSize", "waitTimeout", "profile"];

/// A worker over a client's PostgreSQL cursor: claims accounts with due lines, pushes them in
/// order under the account's lease, lets them go. Any number of workers, in any processes on
/// any machines, share the work and Codat's per-company request limit.
#[derive(uniffi::Object)]
pub struct Worker {
    inner: feedrail::queue::Worker,
}

impl Worker {
    /// A worker over `pipeline` with `options` (the worker's own and its feeds').
    pub fn build(
        pipeline: feedrail::Pipeline,
        options: Option<WorkerOptions>,
    ) -> Result<Arc<Self>, Error> {
        let all: Map<String, Value> = match options {
            Some(o) => o.read_as("options")?,
            None => Map::new(),
        };
        let (feed, own): (Map<String, Value>, Map<String, Value>) = all
            .into_iter()
            .partition(|(key, _)| FEED_KEYS.contains(&key.as_str()));
        let settings: WorkerSettings = read(own)?;
        let feed: FeedSettings = read(feed)?;
        let _runtime = crate::runtime::runtime().enter();
        Ok(Arc::new(Worker {
            inner: settings.build(pipeline, feed.options(None)?)?,
        }))
    }
}

/// `map` read as `T`, or a `CONFIG` error.
fn read<T: serde::de::DeserializeOwned>(map: Map<String, Value>) -> Result<T, Error> {
    serde_json::from_value(Value::Object(map))
        .map_err(|e| Error::config(format!("options is not valid: {e}")))
}

#[uniffi::export]
impl Worker {
    /// Works until `stop()` (or, with `untilDrained`, until nothing is left to do); returns the
    /// metrics.
    pub async fn run(&self) -> Result<WorkerMetrics, FeedrailError> {
        let worker = self.inner.clone();
        run(async move { WorkerMetrics::of(&ops::run_worker(worker).await?) }).await
    }

    /// Claims nothing more and sends no further batch: `run()` returns once each batch in
    /// flight has settled; the rest stays queued.
    pub fn stop(&self) {
        self.inner.stop();
    }

    /// What it did so far.
    pub fn metrics(&self) -> Result<WorkerMetrics, FeedrailError> {
        crate::errors::guarded(|| WorkerMetrics::of(&self.inner.metrics()))
    }
}
