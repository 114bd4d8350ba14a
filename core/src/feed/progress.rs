//! Progress events of a feed run, for progress bars and logs.

use std::sync::Arc;

use serde::Serialize;

use super::report::BatchStatus;

/// Something a feed run did.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "ProgressEvent")
)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "camelCase")]
pub enum Progress {
    /// A batch left in flight by an earlier run is being resolved.
    #[serde(rename_all = "camelCase")]
    Resumed {
        /// The account.
        account_id: String,
        /// Its Codat key, if it was accepted.
        push_operation_key: Option<String>,
    },
    /// Validation passed; this is what will be sent.
    #[serde(rename_all = "camelCase")]
    Planned {
        /// The account.
        account_id: String,
        /// Lines to send.
        transactions: usize,
        /// Batches to send.
        batches: usize,
    },
    /// A batch was accepted (`Pending`).
    #[serde(rename_all = "camelCase")]
    BatchSent {
        /// The account.
        account_id: String,
        /// Its position.
        sequence: usize,
        /// Its lines.
        size: usize,
        /// Codat's key.
        push_operation_key: String,
    },
    /// A batch landed.
    #[serde(rename_all = "camelCase")]
    BatchLanded {
        /// The account.
        account_id: String,
        /// Its position.
        sequence: usize,
        /// Its lines.
        size: usize,
        /// Lines landed so far in this run.
        landed: usize,
        /// Lines this run will send.
        total: usize,
    },
    /// A batch did not land; the run stops.
    #[serde(rename_all = "camelCase")]
    BatchStopped {
        /// The account.
        account_id: String,
        /// Its position.
        sequence: usize,
        /// Where it ended.
        status: BatchStatus,
    },
}

/// A progress callback; called from the task running the feed, so keep it quick.
pub type ProgressCallback = Arc<dyn Fn(&Progress) + Send + Sync>;
