//! `Sandbox`: the Codat emulator in-process, for tests, examples and demos.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use feedrail::Error;
use feedrail_bindings::fault_config;
use feedrail_sandbox::SandboxConfig;
use serde_json::Value;

use crate::errors::{FeedrailError, guarded};
use crate::json::*;

/// A stateful local emulator of the Codat Bank Feeds API with Sage's rules, on loopback: point
/// a `Client` at `url` with `apiKey`. It injects faults on request and keeps a ledger of what
/// landed, to check a feed against.
#[derive(uniffi::Object)]
pub struct Sandbox {
    inner: Mutex<Option<feedrail_sandbox::Sandbox>>,
    url: String,
    api_key: String,
}

impl Sandbox {
    fn with<T>(
        &self,
        f: impl FnOnce(&feedrail_sandbox::Sandbox) -> Result<T, Error>,
    ) -> Result<T, FeedrailError> {
        guarded(|| {
            let inner = self.inner.lock().map_err(|_| Error::Internal {
                message: "the sandbox's lock was poisoned".to_owned(),
            })?;
            let sandbox = inner
                .as_ref()
                .ok_or_else(|| Error::config("the sandbox was closed; start a new one"))?;
            f(sandbox)
        })
    }
}

#[uniffi::export]
impl Sandbox {
    /// Starts a sandbox on a free loopback port; each push stays `Pending` for `delayMs`
    /// milliseconds (default 0).
    #[uniffi::constructor(default(delay_ms = None))]
    pub fn start(delay_ms: Option<i64>) -> Result<Arc<Self>, FeedrailError> {
        guarded(|| {
            let delay = u64::try_from(delay_ms.unwrap_or(0)).map_err(|_| {
                Error::config(format!("delayMs must be 0 or more, got {delay_ms:?}"))
            })?;
            let config = SandboxConfig {
                processing_delay: Duration::from_millis(delay),
                ..SandboxConfig::default()
            };
            let sandbox = crate::runtime::block_on(feedrail_sandbox::Sandbox::start(config))
                .map_err(|e| Error::Internal {
                    message: format!("cannot start the sandbox: {e}"),
                })?;
            Ok(Arc::new(Sandbox {
                url: sandbox.url(),
                api_key: sandbox.api_key().to_owned(),
                inner: Mutex::new(Some(sandbox)),
            }))
        })
    }

    /// Its base URL (`http://127.0.0.1:PORT`).
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The API key it accepts.
    pub fn api_key(&self) -> String {
        self.api_key.clone()
    }

    /// Connects a source account as the Sage user would: with the one-time password when given,
    /// at once otherwise.
    #[uniffi::method(default(otp = None))]
    pub fn connect_account(
        &self,
        company_id: String,
        connection_id: String,
        account_id: String,
        otp: Option<String>,
    ) -> Result<SourceAccount, FeedrailError> {
        self.with(|s| {
            let account = match &otp {
                Some(otp) => {
                    s.connect_account_with_otp(&company_id, &connection_id, &account_id, otp)
                }
                None => s.connect_account(&company_id, &connection_id, &account_id),
            }
            .map_err(|e| e.into_error("connectAccount"))?;
            SourceAccount::of(&account)
        })
    }

    /// Disconnects a source account: pushes to it then fail.
    pub fn disconnect_account(
        &self,
        company_id: String,
        connection_id: String,
        account_id: String,
    ) -> Result<SourceAccount, FeedrailError> {
        self.with(|s| {
            let account = s
                .disconnect_account(&company_id, &connection_id, &account_id)
                .map_err(|e| e.into_error("disconnectAccount"))?;
            SourceAccount::of(&account)
        })
    }

    /// What landed on the account's target, in order, with its balance.
    pub fn ledger(
        &self,
        company_id: String,
        connection_id: String,
        account_id: String,
    ) -> Result<Ledger, FeedrailError> {
        self.with(|s| {
            let ledger = s
                .ledger(&company_id, &connection_id, &account_id)
                .map_err(|e| e.into_error("ledger"))?;
            Ledger::of(&ledger)
        })
    }

    /// Registers a webhook endpoint that gets the events of `eventTypes` (default: all).
    #[uniffi::method(default(event_types = None))]
    pub fn add_webhook(
        &self,
        url: String,
        event_types: Option<Vec<String>>,
    ) -> Result<WebhookEndpoint, FeedrailError> {
        self.with(|s| {
            let endpoint = s
                .add_webhook(&url, event_types)
                .map_err(|e| e.into_error("addWebhook"))?;
            WebhookEndpoint::of(&endpoint)
        })
    }

    /// Each webhook endpoint's deliveries.
    pub fn webhook_stats(&self) -> Result<WebhookDeliveryStatsList, FeedrailError> {
        self.with(|s| WebhookDeliveryStatsList::of(&s.webhook_stats()))
    }

    /// How many times a push operation's status was read.
    pub fn status_polls(&self) -> Result<i64, FeedrailError> {
        self.with(|s| Ok(i64::try_from(s.status_polls()).unwrap_or(i64::MAX)))
    }

    /// Injects faults from now on (null: none).
    #[uniffi::method(default(faults = None))]
    pub fn set_faults(&self, faults: Option<FaultConfig>) -> Result<(), FeedrailError> {
        let faults = match faults {
            Some(f) => f.value("faults")?,
            None => Value::Null,
        };
        let faults = fault_config(faults)?;
        self.with(|s| s.set_faults(faults).map_err(Error::config))
    }

    /// Its counters: requests, pushes, faults injected.
    pub fn stats(&self) -> Result<SandboxStats, FeedrailError> {
        self.with(|s| SandboxStats::of(&s.stats()))
    }

    /// Forgets every company, connection, account and push.
    pub fn reset(&self) -> Result<(), FeedrailError> {
        self.with(|s| {
            s.reset();
            Ok(())
        })
    }

    /// Stops it (later calls fail with `Config`); `close()` also frees the object.
    pub fn stop(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.take();
        }
    }
}

/// A fresh PostgreSQL database for a test (on the server `FEEDRAIL_DATABASE_URL` names): its
/// URL, to use as a client's `cursor`.
#[uniffi::export]
pub fn scratch_database() -> Result<String, FeedrailError> {
    guarded(|| feedrail_sandbox::try_scratch_database().map_err(Error::store))
}
