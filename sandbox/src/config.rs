//! How a sandbox is set up.

use std::time::Duration;

use crate::faults::FaultConfig;

/// The API key the sandbox accepts when none is configured.
pub const DEFAULT_API_KEY: &str = "sandbox-api-key";

/// Settings of a sandbox instance.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Raw API keys accepted in `Authorization: Basic base64(key)`.
    pub api_keys: Vec<String>,
    /// How long a push stays `Pending` before it is processed (Codat/Sage latency).
    pub processing_delay: Duration,
    /// How long responses are kept for replay under an `Idempotency-Key` (Codat: 90 minutes).
    pub idempotency_ttl: Duration,
    /// Requests a company may have in flight at once (Codat: 10).
    pub concurrency_per_company: usize,
    /// Requests a key may make per UTC day (reported in `X-Rate-Limit-*` on every response).
    pub daily_quota: u64,
    /// Injected faults.
    pub faults: FaultConfig,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            port: 0,
            api_keys: vec![DEFAULT_API_KEY.to_owned()],
            processing_delay: Duration::from_millis(200),
            idempotency_ttl: Duration::from_secs(90 * 60),
            concurrency_per_company: 10,
            daily_quota: 1_000_000,
            faults: FaultConfig::default(),
        }
    }
}

impl SandboxConfig {
    /// A configuration for tests: no processing delay, otherwise the defaults.
    pub fn for_tests() -> Self {
        SandboxConfig {
            processing_delay: Duration::ZERO,
            ..Self::default()
        }
    }
}
