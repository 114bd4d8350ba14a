//! The shared state behind every route.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::http::HeaderMap;
use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::config::SandboxConfig;
use crate::faults::{FaultConfig, Faults};
use crate::idempotency::IdempotencyCache;
use crate::ratelimit::RateLimits;
use crate::state::Store;

/// Settings that can change while the sandbox runs (`PUT /_sandbox/settings`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Settings {
    /// How long a push stays `Pending` before it is processed, in milliseconds.
    pub processing_delay_ms: u64,
    /// Requests a company may have in flight at once.
    pub concurrency_per_company: usize,
    /// Requests an API key may make per UTC day.
    pub daily_quota: u64,
    /// How long idempotent responses are kept, in seconds.
    pub idempotency_ttl_secs: u64,
    /// How long a one-time password stays valid, in seconds (Codat does not say; 600 here).
    #[serde(default = "default_otp_lifetime_secs")]
    pub otp_lifetime_secs: u64,
}

fn default_otp_lifetime_secs() -> u64 {
    600
}

/// Everything the routes share.
#[derive(Debug)]
pub struct App {
    /// Companies, connections, accounts, ledgers, push operations.
    pub store: Mutex<Store>,
    /// Live settings.
    pub settings: RwLock<Settings>,
    /// Fault injection.
    pub faults: Faults,
    /// Idempotent responses.
    pub idempotency: IdempotencyCache,
    /// Quota and concurrency counters.
    pub limits: Arc<RateLimits>,
    /// Status reads of single push operations (`GET …/push/{key}`) since the last reset.
    pub status_polls: std::sync::atomic::AtomicU64,
    /// Webhook endpoints and deliveries.
    pub webhooks: crate::webhooks::Webhooks,
    /// Pushes accepted for an account while an earlier push to it was still pending.
    pub overlapping_pushes: std::sync::atomic::AtomicU64,
    /// `Authorization` token (base64 of the key) → raw key.
    tokens: HashMap<String, String>,
    /// What `reset` goes back to.
    initial: (Settings, FaultConfig),
}

impl App {
    /// State for `config`.
    pub fn new(config: &SandboxConfig) -> Self {
        let settings = Settings {
            processing_delay_ms: config.processing_delay.as_millis() as u64,
            concurrency_per_company: config.concurrency_per_company,
            daily_quota: config.daily_quota,
            idempotency_ttl_secs: config.idempotency_ttl.as_secs(),
            otp_lifetime_secs: default_otp_lifetime_secs(),
        };
        let tokens = config
            .api_keys
            .iter()
            .map(|k| {
                (
                    base64::engine::general_purpose::STANDARD.encode(k),
                    k.clone(),
                )
            })
            .collect();
        App {
            store: Mutex::new(Store::default()),
            settings: RwLock::new(settings.clone()),
            faults: Faults::new(config.faults.clone()),
            idempotency: IdempotencyCache::new(),
            limits: Arc::new(RateLimits::default()),
            status_polls: std::sync::atomic::AtomicU64::new(0),
            webhooks: crate::webhooks::Webhooks::new(),
            overlapping_pushes: std::sync::atomic::AtomicU64::new(0),
            tokens,
            initial: (settings, config.faults.clone()),
        }
    }

    /// The current settings.
    pub fn settings(&self) -> Settings {
        self.settings
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Replaces the settings; a raised daily quota resets it for keys that had used it up.
    pub fn set_settings(&self, settings: Settings) {
        let quota = settings.daily_quota;
        *self.settings.write().unwrap_or_else(|p| p.into_inner()) = settings;
        for state in self.limits.release_exhausted(quota) {
            self.announce_quota(&state);
        }
    }

    /// Announces a quota change (`client.rateLimit.reached` / `.reset`) to webhook endpoints.
    pub fn announce_quota(&self, state: &crate::ratelimit::QuotaState) {
        if let Some(event_type) = state.event {
            self.webhooks.emit(
                event_type,
                serde_json::json!({
                    "dailyQuota": state.limit,
                    "quotaRemaining": state.remaining,
                    "expiryDate": feedrail::date::format_timestamp(&state.reset),
                }),
            );
        }
    }

    /// The processing delay.
    pub fn processing_delay(&self) -> Duration {
        Duration::from_millis(self.settings().processing_delay_ms)
    }

    /// The raw API key behind `Authorization: Basic <base64(key)>`, if it is one we accept.
    pub fn authenticate(&self, headers: &HeaderMap) -> Option<String> {
        let value = headers
            .get(axum::http::header::AUTHORIZATION)?
            .to_str()
            .ok()?;
        let token = value
            .strip_prefix("Basic ")
            .or_else(|| value.strip_prefix("basic "))?;
        self.tokens.get(token.trim()).cloned()
    }

    /// Forgets all data, cached responses, counters and webhook endpoints; settings and faults go back to how the
    /// sandbox started.
    pub fn reset(&self) {
        *crate::state::lock(&self.store) = Store::default();
        self.idempotency.clear();
        self.limits.reset();
        self.webhooks.clear();
        self.status_polls
            .store(0, std::sync::atomic::Ordering::Relaxed);
        self.overlapping_pushes
            .store(0, std::sync::atomic::Ordering::Relaxed);
        self.set_settings(self.initial.0.clone());
        self.faults.set(self.initial.1.clone());
    }
}
