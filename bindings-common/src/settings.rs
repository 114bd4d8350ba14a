//! How a binding's user configures a client, a feed and the sandbox's faults: one reading of
//! every option and its default, for Python and Node alike.

use std::time::Duration;

use feedrail::date::parse_day;
use feedrail::queue::{EnqueueOptions, Worker, WorkerOptions};
use feedrail::{
    Client, Error, FeedOptions, ListOptions, Pipeline, Profile, ProgressCallback, PushOptions,
    ReconcileOptions, RetryPolicy, Timeouts, WaitOptions,
};
use feedrail_sandbox::FaultConfig;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

/// A duration given in seconds: finite, positive and representable (under about 5.8e11 years),
/// or a `CONFIG` error naming the option.
pub fn duration(what: &str, seconds: f64) -> Result<Duration, Error> {
    match Duration::try_from_secs_f64(seconds) {
        Ok(d) if !d.is_zero() => Ok(d),
        _ => Err(Error::config(format!(
            "{what} must be a positive number of seconds, got {seconds}"
        ))),
    }
}

/// The options of a client; `None` is the core's default.
#[derive(Default, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "ClientOptions")]
pub struct ClientSettings {
    /// The Codat API key (required).
    #[schemars(extend("x-secret" = true))]
    pub api_key: String,
    /// Default `https://api.codat.io`.
    pub base_url: Option<String>,
    /// The durable cursor: a SQLite file path or a `postgresql://` URL (default: in memory).
    pub cursor: Option<String>,
    /// Retries after the first attempt of a request (default 4).
    pub max_retries: Option<i64>,
    /// Seconds for one request (default 60).
    pub timeout: Option<f64>,
    /// Seconds for one operation with all its retries (default 300).
    pub total_timeout: Option<f64>,
    /// Requests in flight per company (default 10, Codat's limit).
    pub concurrency_per_company: Option<i64>,
    /// Added to the User-Agent after the language's name.
    pub user_agent: Option<String>,
    /// The signing secret (`whsec_…`) of the webhook endpoint whose deliveries this client
    /// handles: waits then end on events, polling only as a fallback.
    #[schemars(extend("x-secret" = true))]
    pub webhook_secret: Option<String>,
    /// A proxy for an https base URL (the API key crosses it only inside TLS).
    pub proxy: Option<String>,
}

impl ClientSettings {
    /// `base` with the retry settings given here (`max_retries`, `total_timeout`).
    pub fn retry(&self, base: RetryPolicy) -> Result<RetryPolicy, Error> {
        let mut retry = match self.max_retries {
            None => base.clone(),
            Some(n) => {
                let n = u32::try_from(n).map_err(|_| {
                    Error::config(format!("max_retries must be 0 or more, got {n}"))
                })?;
                RetryPolicy {
                    max_attempts: RetryPolicy::with_retries(n).max_attempts,
                    ..base
                }
            }
        };
        if let Some(s) = self.total_timeout {
            retry.total_timeout = duration("total_timeout", s)?;
        }
        Ok(retry)
    }

    /// `base` with the request timeout given here (`timeout`).
    pub fn timeouts(&self, base: Timeouts) -> Result<Timeouts, Error> {
        let mut timeouts = base;
        if let Some(s) = self.timeout {
            timeouts.request = duration("timeout", s)?;
        }
        Ok(timeouts)
    }

    /// `pipeline` pushing through a client with these settings' retry policy and timeout
    /// (only those; unset ones keep `pipeline`'s): a client's `with_options`.
    pub fn override_policy(&self, pipeline: &Pipeline) -> Result<Pipeline, Error> {
        let client = pipeline.client();
        let retry = self.retry(client.retry_policy().clone())?;
        let timeouts = self.timeouts(client.timeouts().clone())?;
        Ok(pipeline.with_client(client.with_policy(Some(retry), Some(timeouts))))
    }

    /// Builds the core client and its feed pipeline; `language` ("python", "node") goes into
    /// the User-Agent.
    pub fn build(self, language: &str) -> Result<Pipeline, Error> {
        let retry = self.retry(RetryPolicy::default())?;
        let timeouts = self.timeouts(Timeouts::default())?;
        let suffix = match self.user_agent {
            Some(extra) => format!("{language}; {extra}"),
            None => language.to_owned(),
        };
        let mut builder = Client::builder()
            .api_key(self.api_key)
            .retry(retry)
            .timeouts(timeouts)
            .user_agent(suffix);
        if let Some(url) = self.base_url {
            builder = builder.base_url(url);
        }
        if let Some(n) = self.concurrency_per_company {
            let n = usize::try_from(n).map_err(|_| {
                Error::config(format!(
                    "concurrency_per_company must be at least 1, got {n}"
                ))
            })?;
            builder = builder.concurrency_per_company(n);
        }
        if let Some(secret) = self.webhook_secret {
            builder = builder.webhook_secret(secret);
        }
        if let Some(proxy) = self.proxy {
            builder = builder.proxy(proxy);
        }
        Pipeline::open(builder, self.cursor.as_deref())
    }
}

/// The options of `push_feed` / `pushFeed`; `None` is the core's default.
#[derive(Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "FeedOptions")]
pub struct FeedSettings {
    /// Push the valid lines and report the invalid ones as skipped.
    pub skip_invalid: Option<bool>,
    /// Lines per push, 1 to 1000 (default 1000).
    pub batch_size: Option<usize>,
    /// The day to validate against, `YYYY-MM-DD` (default: today in `time_zone`, or in UTC).
    pub today: Option<String>,
    /// IANA zone (`Europe/London`) that dates with an offset are converted into (default: every
    /// date kept as written).
    pub time_zone: Option<String>,
    /// Seconds to wait for each push to finish (default 900).
    pub wait_timeout: Option<f64>,
    /// Rule profile, `"sage"` (default) or `"generic"`.
    pub profile: Option<String>,
    /// Codat's `timeoutInMinutes` for each push.
    pub timeout_in_minutes: Option<u32>,
    /// Codat's `allowSyncOnPushComplete` for each push.
    pub allow_sync_on_push_complete: Option<bool>,
    /// Seconds to wait for another run to give the account up (default 0: `ACCOUNT_BUSY` at
    /// once).
    pub lease_wait: Option<f64>,
}

impl FeedSettings {
    /// The core's feed options, with an optional progress callback.
    pub fn options(self, progress: Option<ProgressCallback>) -> Result<FeedOptions, Error> {
        let defaults = FeedOptions::default();
        let (profile, today, time_zone) = rules(
            self.profile.as_deref(),
            self.today.as_deref(),
            self.time_zone.as_deref(),
            defaults.profile.clone(),
        )?;
        Ok(FeedOptions {
            profile,
            skip_invalid: self.skip_invalid.unwrap_or(defaults.skip_invalid),
            batch_size: self.batch_size.unwrap_or(defaults.batch_size),
            today,
            time_zone,
            wait: wait_options(self.wait_timeout)?,
            push: PushOptions {
                timeout_in_minutes: self.timeout_in_minutes,
                allow_sync_on_push_complete: self.allow_sync_on_push_complete,
            },
            progress,
            lease_wait: match self.lease_wait {
                Some(0.0) => Duration::ZERO,
                Some(s) => duration("lease_wait", s)?,
                None => defaults.lease_wait,
            },
            ..defaults
        })
    }
}

/// The options of `enqueue`; `None` is the core's default.
#[derive(Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "EnqueueOptions")]
pub struct EnqueueSettings {
    /// The day to validate against, `YYYY-MM-DD` (default: today in `time_zone`, or in UTC).
    pub today: Option<String>,
    /// IANA zone that dates with an offset are converted into (default: kept as written).
    pub time_zone: Option<String>,
    /// Rule profile, `"sage"` (default) or `"generic"`.
    pub profile: Option<String>,
}

/// The rule profile (`default` when unnamed), the day and the zone a validation runs with, read
/// from their options, or a `CONFIG` error naming the one that is wrong.
fn rules(
    profile: Option<&str>,
    today: Option<&str>,
    time_zone: Option<&str>,
    default: Profile,
) -> Result<(Profile, Option<chrono::NaiveDate>, Option<feedrail::Tz>), Error> {
    Ok((
        profile.map_or(Ok(default), Profile::named)?,
        today.map(|d| parse_day(d, "today")).transpose()?,
        zone(time_zone)?,
    ))
}

/// The `time_zone` option read, or a `CONFIG` error naming it.
pub fn zone(text: Option<&str>) -> Result<Option<feedrail::Tz>, Error> {
    text.map(|z| feedrail::date::parse_zone(z, "time_zone"))
        .transpose()
}

impl EnqueueSettings {
    /// The core's enqueue options.
    pub fn options(self) -> Result<EnqueueOptions, Error> {
        let (profile, today, time_zone) = rules(
            self.profile.as_deref(),
            self.today.as_deref(),
            self.time_zone.as_deref(),
            Profile::default(),
        )?;
        Ok(EnqueueOptions {
            profile,
            today,
            time_zone,
        })
    }
}

/// The options of `reconcile`; `None` is the core's default.
#[derive(Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "ReconcileOptions")]
pub struct ReconcileSettings {
    /// The day to validate against, `YYYY-MM-DD` (default: today in `time_zone`, or in UTC).
    pub today: Option<String>,
    /// IANA zone that dates with an offset are converted into (default: kept as written).
    pub time_zone: Option<String>,
    /// Rule profile, `"sage"` (default) or `"generic"`.
    pub profile: Option<String>,
    /// The balance before the first line, as decimal text (default: the first valid line's
    /// balance less its amount).
    pub opening_balance: Option<String>,
    /// Re-read each journaled batch's push operation from Codat (default false).
    pub confirm: Option<bool>,
}

impl ReconcileSettings {
    /// The core's reconcile options.
    pub fn options(self) -> Result<ReconcileOptions, Error> {
        let defaults = ReconcileOptions::default();
        let (profile, today, time_zone) = rules(
            self.profile.as_deref(),
            self.today.as_deref(),
            self.time_zone.as_deref(),
            defaults.profile,
        )?;
        Ok(ReconcileOptions {
            profile,
            today,
            time_zone,
            opening_balance: self
                .opening_balance
                .as_deref()
                .map(|text| feedrail::reconcile::parse_opening_balance(text, "opening_balance"))
                .transpose()?,
            confirm: self.confirm.unwrap_or(defaults.confirm),
            read_account: defaults.read_account,
        })
    }
}

/// The options of a worker; `None` is the core's default.
#[derive(Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "WorkerOptions")]
pub struct WorkerSettings {
    /// Accounts pushed at once (default 8).
    pub accounts_at_once: Option<usize>,
    /// Most lines per claim of an account (default 10,000).
    pub lines_per_claim: Option<usize>,
    /// Stop once nothing is left to do (default: wait for more lines).
    pub until_drained: Option<bool>,
    /// Seconds between two looks for due lines when idle (default 1).
    pub idle_poll: Option<f64>,
    /// Seconds a claim lasts unless renewed (default 30).
    pub lease_ttl: Option<f64>,
}

impl WorkerSettings {
    /// Builds a worker over `pipeline` (a PostgreSQL cursor), pushing with `feed`.
    pub fn build(self, pipeline: Pipeline, mut feed: FeedOptions) -> Result<Worker, Error> {
        let defaults = WorkerOptions::default();
        if let Some(s) = self.lease_ttl {
            feed.lease_ttl = duration("lease_ttl", s)?;
        }
        Worker::new(
            pipeline,
            WorkerOptions {
                feed,
                accounts_at_once: self.accounts_at_once.unwrap_or(defaults.accounts_at_once),
                lines_per_claim: self.lines_per_claim.unwrap_or(defaults.lines_per_claim),
                until_drained: self.until_drained.unwrap_or(defaults.until_drained),
                idle_poll: match self.idle_poll {
                    Some(s) => duration("idle_poll", s)?,
                    None => defaults.idle_poll,
                },
                ..defaults
            },
        )
    }
}

/// The options of one push (`push_batch`), for a binding that reads them as JSON.
#[derive(Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "PushBatchOptions")]
pub struct PushBatchSettings {
    /// The push's idempotency key (default: derived from the target and the lines).
    pub idempotency_key: Option<String>,
    /// Codat's `timeoutInMinutes`.
    pub timeout_in_minutes: Option<u32>,
    /// Codat's `allowSyncOnPushComplete`.
    pub allow_sync_on_push_complete: Option<bool>,
}

impl PushBatchSettings {
    /// The idempotency key given, and the core's push options.
    pub fn options(self) -> (Option<String>, PushOptions) {
        (
            self.idempotency_key,
            PushOptions {
                timeout_in_minutes: self.timeout_in_minutes,
                allow_sync_on_push_complete: self.allow_sync_on_push_complete,
            },
        )
    }
}

/// The options of listing push operations; `None` is the core's default.
#[derive(Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "ListOptions")]
pub struct ListSettings {
    /// Page number, from 1 (default 1).
    pub page: Option<u32>,
    /// Items per page (default 100).
    pub page_size: Option<u32>,
    /// Codat's query language, e.g. `status=Failed`.
    pub query: Option<String>,
    /// Codat's `orderBy`, e.g. `-requestedOnUtc`.
    pub order_by: Option<String>,
}

impl ListSettings {
    /// The page to read and the core's list options.
    pub fn options(self) -> (u32, ListOptions) {
        let defaults = ListOptions::default();
        let options = ListOptions {
            query: self.query,
            order_by: self.order_by,
            page_size: self.page_size.unwrap_or(defaults.page_size),
        };
        (self.page.unwrap_or(1), options)
    }
}

/// Polling options with a deadline in seconds (default 900).
pub fn wait_options(deadline: Option<f64>) -> Result<WaitOptions, Error> {
    let mut wait = WaitOptions::default();
    if let Some(s) = deadline {
        wait.deadline = duration("timeout", s)?;
    }
    Ok(wait)
}

/// A fault configuration from JSON with camelCase keys (`error500`, `resetAfterCommit`, ...,
/// `seed`); null is no faults.
pub fn fault_config(value: Value) -> Result<FaultConfig, Error> {
    if value.is_null() {
        return Ok(FaultConfig::default());
    }
    serde_json::from_value(value)
        .map_err(|e| Error::config(format!("not a fault configuration: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_must_be_positive_and_finite() {
        assert_eq!(
            duration("timeout", 1.5).unwrap(),
            Duration::from_millis(1500)
        );
        assert!(duration("timeout", 1e15).is_ok());
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e300] {
            let e = duration("timeout", bad).unwrap_err();
            assert_eq!(e.code().as_str(), "CONFIG");
            assert!(e.to_string().contains("timeout"), "{e}");
        }
    }

    #[test]
    fn feed_settings_fall_back_to_the_core_defaults() {
        let options = FeedSettings::default().options(None).unwrap();
        let core = FeedOptions::default();
        assert_eq!(options.batch_size, core.batch_size);
        assert_eq!(options.skip_invalid, core.skip_invalid);
        assert_eq!(options.wait.deadline, core.wait.deadline);
        assert_eq!(options.profile.name(), "sage");
    }

    #[test]
    fn feed_settings_reject_a_bad_day_and_profile() {
        let bad_day = FeedSettings {
            today: Some("tomorrow".into()),
            ..FeedSettings::default()
        };
        assert_eq!(bad_day.options(None).unwrap_err().code().as_str(), "CONFIG");
        let bad_profile = FeedSettings {
            profile: Some("xero".into()),
            ..FeedSettings::default()
        };
        assert!(bad_profile.options(None).is_err());
    }

    #[test]
    fn fault_configs_are_checked() {
        let faults = fault_config(serde_json::json!({"error500": 0.5, "seed": 3})).unwrap();
        assert_eq!(faults.seed, 3);
        assert!(fault_config(serde_json::json!({"nope": 1})).is_err());
        assert_eq!(fault_config(Value::Null).unwrap(), FaultConfig::default());
    }
}
