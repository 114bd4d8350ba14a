//! Codat's rate limits: a daily request quota per API key and a cap on concurrent requests per
//! company, both answered with 429 and `Retry-After`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, Utc};

use crate::state::lock;

/// Quota figures sent as `X-Rate-Limit-*` headers on every response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaState {
    /// Requests allowed per UTC day.
    pub limit: u64,
    /// Requests left today.
    pub remaining: u64,
    /// When the quota resets (next 00:00 UTC).
    pub reset: DateTime<Utc>,
    /// The webhook this request sets off: `client.rateLimit.reached` for the first request
    /// refused, `client.rateLimit.reset` for the first one allowed again.
    pub event: Option<&'static str>,
}

impl QuotaState {
    /// Seconds until the quota resets.
    pub fn seconds_to_reset(&self) -> u64 {
        (self.reset - Utc::now()).num_seconds().max(1) as u64
    }
}

#[derive(Debug, Default)]
struct Counters {
    day: Option<NaiveDate>,
    used: HashMap<String, u64>,
    exhausted: std::collections::HashSet<String>,
    in_flight: HashMap<String, usize>,
    peak: usize,
    refused: u64,
}

/// How close clients came to the per-company concurrency cap since the last reset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ConcurrencyStats {
    /// Most requests one company had in flight at once.
    pub peak_per_company: usize,
    /// Requests refused with 429 because their company was at the cap.
    pub refused: u64,
}

/// Live counters for both limits.
#[derive(Debug, Default)]
pub struct RateLimits {
    counters: Mutex<Counters>,
}

/// Holds one of a company's concurrent-request slots until dropped.
#[derive(Debug)]
pub struct CompanySlot {
    limits: Arc<RateLimits>,
    company: String,
}

impl Drop for CompanySlot {
    fn drop(&mut self) {
        let mut c = lock(&self.limits.counters);
        if let Some(n) = c.in_flight.get_mut(&self.company) {
            *n = n.saturating_sub(1);
        }
    }
}

impl RateLimits {
    /// Counts one request against `key`'s daily quota; `Err` when it is used up.
    pub fn take_quota(&self, key: &str, limit: u64) -> Result<QuotaState, QuotaState> {
        let now = Utc::now();
        let today = now.date_naive();
        let reset = (today + chrono::Days::new(1))
            .and_time(chrono::NaiveTime::MIN)
            .and_utc();
        let mut c = lock(&self.counters);
        if c.day != Some(today) {
            c.day = Some(today);
            c.used.clear();
        }
        let used = *c.used.entry(key.to_owned()).or_default();
        if used >= limit {
            let first = c.exhausted.insert(key.to_owned());
            return Err(QuotaState {
                limit,
                remaining: 0,
                reset,
                event: first.then_some(feedrail::webhooks::RATE_LIMIT_REACHED),
            });
        }
        c.used.insert(key.to_owned(), used + 1);
        let again = c.exhausted.remove(key);
        Ok(QuotaState {
            limit,
            remaining: limit - used - 1,
            reset,
            event: again.then_some(feedrail::webhooks::RATE_LIMIT_RESET),
        })
    }

    /// The quota figures for `key` without counting a request.
    pub fn peek_quota(&self, key: Option<&str>, limit: u64) -> QuotaState {
        let today = Utc::now().date_naive();
        let reset = (today + chrono::Days::new(1))
            .and_time(chrono::NaiveTime::MIN)
            .and_utc();
        let c = lock(&self.counters);
        let used = match (c.day == Some(today), key) {
            (true, Some(k)) => c.used.get(k).copied().unwrap_or(0),
            _ => 0,
        };
        QuotaState {
            limit,
            remaining: limit.saturating_sub(used),
            reset,
            event: None,
        }
    }

    /// Takes one of `company`'s `max` concurrent slots, or `None` when all are taken.
    pub fn enter_company(self: &Arc<Self>, company: &str, max: usize) -> Option<CompanySlot> {
        let mut c = lock(&self.counters);
        let n = c.in_flight.entry(company.to_owned()).or_default();
        if *n >= max {
            c.refused += 1;
            return None;
        }
        *n += 1;
        let now = *n;
        c.peak = c.peak.max(now);
        Some(CompanySlot {
            limits: Arc::clone(self),
            company: company.to_owned(),
        })
    }

    /// The concurrency figures since the last reset.
    pub fn concurrency(&self) -> ConcurrencyStats {
        let c = lock(&self.counters);
        ConcurrencyStats {
            peak_per_company: c.peak,
            refused: c.refused,
        }
    }

    /// Keys whose quota was used up and is not under `limit` (raised): their quota figures,
    /// and they count as reset (announced with `client.rateLimit.reset`).
    pub fn release_exhausted(&self, limit: u64) -> Vec<QuotaState> {
        let reset = (Utc::now().date_naive() + chrono::Days::new(1))
            .and_time(chrono::NaiveTime::MIN)
            .and_utc();
        let mut c = lock(&self.counters);
        let counters = &mut *c;
        let mut released = Vec::new();
        counters.exhausted.retain(|key| {
            let used = counters.used.get(key).copied().unwrap_or(0);
            if used < limit {
                released.push(QuotaState {
                    limit,
                    remaining: limit - used,
                    reset,
                    event: Some(feedrail::webhooks::RATE_LIMIT_RESET),
                });
                return false;
            }
            true
        });
        released
    }

    /// Forgets every count.
    pub fn reset(&self) {
        let mut c = lock(&self.counters);
        c.used.clear();
        c.exhausted.clear();
        c.peak = 0;
        c.refused = 0;
    }
}
