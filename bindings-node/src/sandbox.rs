//! `Sandbox`: the Codat emulator in-process, for tests, examples and demos.

use std::sync::Mutex;
use std::time::Duration;

use feedrail_bindings::fault_config;
use feedrail_sandbox::SandboxConfig;
use napi::Env;
use napi::bindgen_prelude::PromiseRaw;
use napi_derive::napi;
use serde_json::Value;

use crate::args::{Opts, read_options};
use crate::errors::{config, guard, internal, to_js};
use crate::options::SandboxOptions;
use crate::types::{Output, to_js_value};

/// A sandbox result as JSON.
fn json<T: serde::Serialize>(value: T) -> Result<Value, feedrail::Error> {
    serde_json::to_value(value).map_err(|e| feedrail::Error::Internal {
        message: format!("cannot convert a sandbox result: {e}"),
    })
}

/// A local Codat Bank Feeds API on 127.0.0.1 (a free port), with Sage's rules and injectable
/// faults. `await Sandbox.start()`, then point a `Client` at `sandbox.url` with `sandbox.apiKey`.
#[napi]
pub struct Sandbox {
    inner: Mutex<Option<feedrail_sandbox::Sandbox>>,
    url: String,
    api_key: String,
}

#[napi]
impl Sandbox {
    /// Starts a sandbox.
    #[napi(ts_return_type = "Promise<Sandbox>")]
    pub fn start<'env>(
        env: &'env Env,
        #[napi(ts_arg_type = "SandboxOptions")] options: Option<Opts<SandboxOptions>>,
    ) -> napi::Result<PromiseRaw<'env, Sandbox>> {
        let options = read_options(env, options, "options")?;
        let delay = options.and_then(|o| o.delay_ms).unwrap_or(0);
        let config = SandboxConfig {
            processing_delay: Duration::from_millis(u64::from(delay)),
            ..SandboxConfig::default()
        };
        env.spawn_future_with_callback(
            async move { Ok(feedrail_sandbox::Sandbox::start(config).await) },
            |env, started| match started {
                Ok(sandbox) => Ok(Sandbox {
                    url: sandbox.url(),
                    api_key: sandbox.api_key().to_owned(),
                    inner: Mutex::new(Some(sandbox)),
                }),
                Err(e) => Err(internal(env, format!("cannot start the sandbox: {e}"))),
            },
        )
    }

    /// A new, empty PostgreSQL database on the server named by `FEEDRAIL_DATABASE_URL`, as a
    /// URL: a clean queue and cursor for one test (throws `STORE` when there is no server).
    #[napi]
    pub fn scratch_database(env: Env) -> napi::Result<String> {
        feedrail_sandbox::try_scratch_database().map_err(|e| to_js(&env, feedrail::Error::store(e)))
    }

    /// Its base URL, e.g. `http://127.0.0.1:49152`.
    #[napi(getter)]
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The API key it accepts.
    #[napi(getter)]
    pub fn api_key(&self) -> String {
        self.api_key.clone()
    }

    /// Connects a source account as the Sage user's "Connect Bank" step would, with the
    /// one-time password from `client.generateOtp` (refused when wrong, used or expired);
    /// without `otp` the sandbox skips that step.
    #[napi(ts_return_type = "SourceAccount")]
    pub fn connect_account(
        &self,
        env: Env,
        company_id: String,
        connection_id: String,
        account_id: String,
        otp: Option<String>,
    ) -> napi::Result<Output> {
        self.with(&env, |s| {
            match &otp {
                Some(otp) => {
                    s.connect_account_with_otp(&company_id, &connection_id, &account_id, otp)
                }
                None => s.connect_account(&company_id, &connection_id, &account_id),
            }
            .map_err(|e| e.into_error("connectAccount"))
            .and_then(json)
        })
    }

    /// Disconnects a source account, as the Sage user (or Sage) would.
    #[napi(ts_return_type = "SourceAccount")]
    pub fn disconnect_account(
        &self,
        env: Env,
        company_id: String,
        connection_id: String,
        account_id: String,
    ) -> napi::Result<Output> {
        self.with(&env, |s| {
            s.disconnect_account(&company_id, &connection_id, &account_id)
                .map_err(|e| e.into_error("disconnectAccount"))
                .and_then(json)
        })
    }

    /// Registers a webhook endpoint: events (all, or `eventTypes`) are POSTed to `url`, signed
    /// like Svix, and retried with backoff until answered with a 2xx.
    #[napi(ts_return_type = "WebhookEndpoint")]
    pub fn add_webhook(
        &self,
        env: Env,
        url: String,
        event_types: Option<Vec<String>>,
    ) -> napi::Result<Output> {
        self.with(&env, |s| {
            s.add_webhook(&url, event_types)
                .map_err(|e| e.into_error("addWebhook"))
                .and_then(json)
        })
    }

    /// Each webhook endpoint's deliveries: delivered, failed attempts, abandoned, in flight.
    #[napi(ts_return_type = "WebhookDeliveryStats[]")]
    pub fn webhook_stats(&self, env: Env) -> napi::Result<Output> {
        self.with(&env, |s| json(s.webhook_stats()))
    }

    /// Status reads of single push operations (`GET …/push/{key}`) so far.
    #[napi(ts_return_type = "number")]
    pub fn status_polls(&self, env: Env) -> napi::Result<Output> {
        self.with(&env, |s| Ok(Value::from(s.status_polls())))
    }

    /// What landed on an account, in order.
    #[napi(ts_return_type = "Ledger")]
    pub fn ledger(
        &self,
        env: Env,
        company_id: String,
        connection_id: String,
        account_id: String,
    ) -> napi::Result<Output> {
        self.with(&env, |s| {
            s.ledger(&company_id, &connection_id, &account_id)
                .map_err(|e| e.into_error("ledger"))
                .and_then(json)
        })
    }

    /// Sets fault probabilities (`error500`, `resetAfterCommit`, ..., and `seed`); none clears them.
    #[napi]
    pub fn set_faults(
        &self,
        env: Env,
        #[napi(ts_arg_type = "FaultConfig")] faults: Option<Value>,
    ) -> napi::Result<()> {
        let faults = fault_config(faults.unwrap_or(Value::Null)).map_err(|e| to_js(&env, e))?;
        self.with(&env, |s| {
            s.set_faults(faults)
                .map(|()| Value::Null)
                .map_err(feedrail::Error::config)
        })
        .map(drop)
    }

    /// Every counter since the last reset: `faults`, `companies`, `pushOperations`,
    /// `overlappingPushes`, `statusPolls`, `concurrency`, `webhooks`.
    #[napi(ts_return_type = "SandboxStats")]
    pub fn stats(&self, env: Env) -> napi::Result<Output> {
        self.with(&env, |s| json(s.stats()))
    }

    /// Forgets every company, push and webhook endpoint; settings and faults go back to how
    /// the sandbox started.
    #[napi]
    pub fn reset(&self, env: Env) -> napi::Result<()> {
        self.with(&env, |s| {
            s.reset();
            Ok(Value::Null)
        })
        .map(drop)
    }

    /// Stops the server; later calls fail with `CONFIG`. Closing twice is harmless.
    #[napi]
    pub fn close(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.take();
        }
    }

    fn with(
        &self,
        env: &Env,
        f: impl FnOnce(&feedrail_sandbox::Sandbox) -> Result<Value, feedrail::Error>,
    ) -> napi::Result<Output> {
        let inner = self
            .inner
            .lock()
            .map_err(|_| internal(env, "the sandbox's lock was poisoned"))?;
        let sandbox = inner
            .as_ref()
            .ok_or_else(|| config(env, "the sandbox was closed; start a new one"))?;
        guard(env, || {
            f(sandbox).map(to_js_value).map_err(|e| to_js(env, e))
        })
    }
}
