//! # feedrail
//!
//! Push bank transactions to Sage through the Codat Bank Feeds API, once and right: validation
//! with per-line reports, ordered batching with deterministic idempotency keys, a client with
//! safe retries and polling with deadlines, and a feed pipeline with a durable cursor.
//!
//! ```
//! use feedrail::{AccountCursor, Profile, PushTarget, ValidationContext, plan_batches, validate_records};
//! use serde_json::json;
//!
//! let records = vec![json!({
//!     "id": "tx-1", "date": "2026-03-01T09:30:00", "description": "Coffee",
//!     "amount": -3.20, "balance": 96.80, "transactionType": "Debit"
//! })];
//! let profile = Profile::sage();
//! let cursor = AccountCursor::default();
//! let ctx = ValidationContext::new(&profile, &cursor);
//! let validated = validate_records(&records, &ctx);
//! assert!(validated.report.is_ok());
//! let target = PushTarget::new("company", "connection", "account");
//! let batches = plan_batches(&target, &validated.transactions, 1000).unwrap();
//! assert_eq!(batches.len(), 1);
//! ```

pub mod batch;
pub mod client;
pub mod cursor;
pub mod date;
pub mod error;
pub mod feed;
pub mod model;
pub mod money;
pub mod postgres;
pub mod queue;
pub mod reconcile;
pub mod rules;
pub mod webhooks;

pub use batch::{Batch, PushTarget, idempotency_key, plan_batches, resend_key};
pub use chrono_tz::Tz;
pub use client::{
    Client, ClientBuilder, DEFAULT_BASE_URL, ListOptions, PushOptions, RetryPolicy, Timeouts,
    WaitOptions,
};
pub use cursor::{
    AccountState, BatchEnd, CursorStore, InDoubt, InFlightBatch, JournalEntry, JournalStatus,
    Lease, LeaseRequest, MemoryCursorStore, PostgresCursorStore, SqliteCursorStore,
};
pub use error::{ApiFailure, Error, ErrorCode, StopReport, WebhookRejection};
pub use feed::{
    BatchOutcome, BatchStatus, Chunks, FeedJob, FeedOptions, FeedReport, LineSource, Pipeline,
    Progress, ProgressCallback, Resolution, SOURCE_CHUNK_LINES,
};
pub use model::*;
pub use reconcile::{
    BalanceBreak, BatchCheck, LineStatus, ReconcileOptions, ReconciledLine, Reconciliation,
    StatusCounts, reconcile_lines,
};
pub use rules::{
    AccountCursor, Field, FieldSource, Issue, IssueCode, Lines, MAX_BATCH_SIZE, Profile, RawRecord,
    RawValue, Report, Severity, StreamValidation, Validated, ValidationContext, check_lines,
    check_lines_where, check_records, field_position, validate, validate_lines,
    validate_lines_where, validate_records, validate_records_where, validate_where,
};

/// The environment variable that turns on feedrail's log where no logging is set up (the CLI,
/// the Node package): a `tracing` filter such as `info` or `feedrail=debug`.
pub const LOG_ENV_VAR: &str = "FEEDRAIL_LOG";

/// This crate's version, as sent in the User-Agent.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
