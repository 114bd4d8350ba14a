//! The option objects of the Node API, as typed in index.d.ts, and their reading into the shared
//! settings (which hold every default).

use feedrail_bindings::{
    ClientSettings, EnqueueSettings, FeedSettings, ListSettings, ReconcileSettings, WorkerSettings,
};
use napi::Status;
use napi::bindgen_prelude::Unknown;
use napi::threadsafe_function::ThreadsafeFunction;
use napi_derive::napi;
use serde_json::Value;

use crate::types::Output;

/// A progress callback as napi holds it: called from any thread, never keeping Node alive.
pub type ProgressFn = ThreadsafeFunction<Output, Unknown<'static>, Output, Status, false, true>;

/// Options of `new Client(...)`.
#[napi(object, object_to_js = false)]
pub struct ClientOptions {
    /// The raw API key from the Codat Portal (feedrail encodes it). Never printed.
    pub api_key: String,
    /// Default `https://api.codat.io`; plain http only on loopback (e.g. the sandbox).
    pub base_url: Option<String>,
    /// Where what was pushed is remembered, so an interrupted feed resumes: a SQLite file path,
    /// or a `postgresql://` URL shared by many machines (which then also share Codat's
    /// per-company request limit). Default: in memory.
    pub cursor: Option<String>,
    /// Retries after a request's first attempt (default 4).
    pub max_retries: Option<i64>,
    /// Seconds for one request (default 60).
    pub timeout: Option<f64>,
    /// Seconds for one operation with all its retries (default 300).
    pub total_timeout: Option<f64>,
    /// Requests in flight per company (default 10, Codat's limit).
    pub concurrency_per_company: Option<i64>,
    /// Added to the User-Agent.
    pub user_agent: Option<String>,
    /// The signing secret (`whsec_…`) of the webhook endpoint whose deliveries you hand to
    /// `handleWebhook`: waits for a push then end on its event, and polls are only the
    /// fallback (at least 5 s apart). Never printed.
    pub webhook_secret: Option<String>,
    /// A proxy (`http://host:port`) for an https base URL, which it only tunnels: the API key
    /// crosses it inside TLS. Without it, `HTTPS_PROXY` / `ALL_PROXY` apply to https base URLs
    /// and no proxy to a loopback one. Never printed.
    pub proxy: Option<String>,
}

impl From<ClientOptions> for ClientSettings {
    fn from(o: ClientOptions) -> Self {
        ClientSettings {
            api_key: o.api_key,
            base_url: o.base_url,
            cursor: o.cursor,
            max_retries: o.max_retries,
            timeout: o.timeout,
            total_timeout: o.total_timeout,
            concurrency_per_company: o.concurrency_per_company,
            user_agent: o.user_agent,
            webhook_secret: o.webhook_secret,
            proxy: o.proxy,
        }
    }
}

pub use crate::args::Day;

/// The text of a day, for the core to read.
pub fn day_text(day: Day) -> String {
    day.text()
}

/// Options of `withOptions`: a retry policy or request timeout for a derived client.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct PolicyOptions {
    /// Retries after a request's first attempt.
    pub max_retries: Option<i64>,
    /// Seconds for one request.
    pub timeout: Option<f64>,
    /// Seconds for one operation with all its retries.
    pub total_timeout: Option<f64>,
}

impl From<PolicyOptions> for ClientSettings {
    fn from(o: PolicyOptions) -> Self {
        ClientSettings {
            max_retries: o.max_retries,
            timeout: o.timeout,
            total_timeout: o.total_timeout,
            ..ClientSettings::default()
        }
    }
}

/// Options of `pushFeed` and `pushFeeds`.
#[napi(object, object_to_js = false)]
pub struct FeedOptions {
    /// Push the valid lines and report the invalid ones as skipped (default false: refuse).
    pub skip_invalid: Option<bool>,
    /// Lines per push, 1 to 1000 (default 1000).
    pub batch_size: Option<u32>,
    /// The day to validate against (default: today in `timeZone`, or in UTC).
    #[napi(ts_type = "string | Date")]
    pub today: Option<Day>,
    /// IANA zone (`'Europe/London'`) that dates with an offset (and `Date`s) are converted into;
    /// default: every date's wall-clock time kept as written, as Codat does.
    pub time_zone: Option<String>,
    /// Seconds to wait for each push to finish (default 900).
    pub wait_timeout: Option<f64>,
    /// `"sage"` (default) or `"generic"`.
    pub profile: Option<String>,
    /// Codat's `timeoutInMinutes` for each push.
    pub timeout_in_minutes: Option<u32>,
    /// Codat's `allowSyncOnPushComplete` for each push.
    pub allow_sync_on_push_complete: Option<bool>,
    /// Seconds to wait for another run to give the account up (default 0: `ACCOUNT_BUSY` at
    /// once).
    pub lease_wait: Option<f64>,
    /// Called with every progress event (`planned`, `batchSent`, `batchLanded`, ...).
    #[napi(ts_type = "(event: ProgressEvent) => void")]
    pub on_progress: Option<ProgressFn>,
}

impl FeedOptions {
    /// The shared settings and the callback.
    pub fn split(self) -> (FeedSettings, Option<ProgressFn>) {
        let settings = FeedSettings {
            skip_invalid: self.skip_invalid,
            batch_size: self.batch_size.map(|n| n as usize),
            today: self.today.map(day_text),
            time_zone: self.time_zone,
            wait_timeout: self.wait_timeout,
            profile: self.profile,
            timeout_in_minutes: self.timeout_in_minutes,
            allow_sync_on_push_complete: self.allow_sync_on_push_complete,
            lease_wait: self.lease_wait,
        };
        (settings, self.on_progress)
    }
}

/// Options of `validate`.
#[napi(object, object_to_js = false)]
pub struct ValidateOptions {
    /// What is already on the account: `latestDate`, `latestId`, `lastBalance`, `recentIds`,
    /// `accountStatus`.
    #[napi(ts_type = "AccountCursorInput")]
    pub cursor: Option<Value>,
    /// The day to validate against (default: today in `timeZone`, or in UTC).
    #[napi(ts_type = "string | Date")]
    pub today: Option<Day>,
    /// IANA zone (`'Europe/London'`) that dates with an offset (and `Date`s) are converted into;
    /// default: every date's wall-clock time kept as written, as Codat does.
    pub time_zone: Option<String>,
    /// `"sage"` (default) or `"generic"`.
    pub profile: Option<String>,
}

/// Options of `pushBatch`.
#[napi(object, object_to_js = false)]
pub struct PushBatchOptions {
    /// The push's idempotency key (default: derived from the target and the lines).
    pub idempotency_key: Option<String>,
    /// Codat's `timeoutInMinutes`.
    pub timeout_in_minutes: Option<u32>,
    /// Codat's `allowSyncOnPushComplete`.
    pub allow_sync_on_push_complete: Option<bool>,
}

/// Options of `wait`.
#[napi(object, object_to_js = false)]
pub struct WaitOptions {
    /// Seconds to wait in all before `PUSH_TIMED_OUT` (default 900).
    pub timeout: Option<f64>,
}

/// Options of `listPushOperations` and `pushOperations`.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct ListOptions {
    /// Page number, from 1 (`listPushOperations` only).
    pub page: Option<u32>,
    /// Items per page (default 100).
    pub page_size: Option<u32>,
    /// Codat's query language, e.g. `status=Failed`.
    pub query: Option<String>,
    /// Codat's `orderBy`, e.g. `-requestedOnUtc`.
    pub order_by: Option<String>,
}

impl From<ListOptions> for ListSettings {
    fn from(o: ListOptions) -> Self {
        ListSettings {
            page: o.page,
            page_size: o.page_size,
            query: o.query,
            order_by: o.order_by,
        }
    }
}

/// Options of `Sandbox.start`.
#[napi(object, object_to_js = false)]
pub struct SandboxOptions {
    /// How long each push stays `Pending`, in milliseconds (default 0).
    pub delay_ms: Option<u32>,
}

/// Options of `enqueue`.
#[napi(object, object_to_js = false)]
pub struct EnqueueOptions {
    /// The day to validate against (default: today in `timeZone`, or in UTC).
    #[napi(ts_type = "string | Date")]
    pub today: Option<Day>,
    /// IANA zone (`'Europe/London'`) that dates with an offset (and `Date`s) are converted into;
    /// default: every date's wall-clock time kept as written, as Codat does.
    pub time_zone: Option<String>,
    /// `"sage"` (default) or `"generic"`.
    pub profile: Option<String>,
}

impl From<EnqueueOptions> for EnqueueSettings {
    fn from(o: EnqueueOptions) -> Self {
        EnqueueSettings {
            today: o.today.map(day_text),
            time_zone: o.time_zone,
            profile: o.profile,
        }
    }
}

/// Options of `reconcile`.
#[napi(object, object_to_js = false)]
pub struct ReconcileOptions {
    /// The day to validate against (default: today in `timeZone`, or in UTC).
    #[napi(ts_type = "string | Date")]
    pub today: Option<Day>,
    /// IANA zone (`'Europe/London'`) that dates with an offset (and `Date`s) are converted into;
    /// default: every date's wall-clock time kept as written, as Codat does.
    pub time_zone: Option<String>,
    /// `"sage"` (default) or `"generic"`.
    pub profile: Option<String>,
    /// The balance before the first line: a decimal string, or a number (read through its
    /// shortest decimal string). Default: the first line's balance less its amount.
    #[napi(ts_type = "string | number")]
    pub opening_balance: Option<napi::Either<String, f64>>,
    /// Re-read each journaled batch's push operation from Codat (one request per batch).
    pub confirm: Option<bool>,
}

impl From<ReconcileOptions> for ReconcileSettings {
    fn from(o: ReconcileOptions) -> Self {
        ReconcileSettings {
            today: o.today.map(day_text),
            time_zone: o.time_zone,
            profile: o.profile,
            opening_balance: o.opening_balance.map(|balance| match balance {
                napi::Either::A(text) => text,
                napi::Either::B(number) => number.to_string(),
            }),
            confirm: o.confirm,
        }
    }
}

/// Options of `worker`.
#[napi(object, object_to_js = false)]
pub struct WorkerOptions {
    /// Accounts pushed at once (default 8).
    pub accounts_at_once: Option<u32>,
    /// Most lines pushed per claim of an account before it is let go (default 10,000).
    pub lines_per_claim: Option<u32>,
    /// Stop once nothing is left to do, instead of waiting for more lines (default false).
    pub until_drained: Option<bool>,
    /// Seconds between two looks for due lines when idle (default 1).
    pub idle_poll: Option<f64>,
    /// Seconds a claim on an account lasts unless renewed (default 30).
    pub lease_ttl: Option<f64>,
    /// Lines per push, 1 to 1000 (default 1000).
    pub batch_size: Option<u32>,
    /// Seconds to wait for each push to finish (default 900).
    pub wait_timeout: Option<f64>,
    /// `"sage"` (default) or `"generic"`.
    pub profile: Option<String>,
}

impl WorkerOptions {
    /// The shared worker and feed settings.
    pub fn split(self) -> (WorkerSettings, FeedSettings) {
        (
            WorkerSettings {
                accounts_at_once: self.accounts_at_once.map(|n| n as usize),
                lines_per_claim: self.lines_per_claim.map(|n| n as usize),
                until_drained: self.until_drained,
                idle_poll: self.idle_poll,
                lease_ttl: self.lease_ttl,
            },
            FeedSettings {
                batch_size: self.batch_size.map(|n| n as usize),
                wait_timeout: self.wait_timeout,
                profile: self.profile,
                ..FeedSettings::default()
            },
        )
    }
}
