//! Seeded, reproducible fault injection: transport faults on requests and bad endings for pushes.

use std::sync::Mutex;
use std::time::Duration;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// Probabilities (0 to 1) of each fault, and the seed that makes a run reproducible.
///
/// Per API request, at most one of `error500`, `error503`, `rateLimited`, `resetBeforeCommit`
/// and `resetAfterCommit` happens (their sum must not exceed 1); `latency` is rolled separately.
/// Per push processed, at most one of `pushFailed`, `pushTimedOut` and `timedOutLanded` (their
/// sum must not exceed 1).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct FaultConfig {
    /// Seed of the fault generator; the same seed and request sequence give the same faults.
    pub seed: u64,
    /// 500 Internal Server Error before anything is done.
    #[serde(rename = "error500")]
    pub error_500: f64,
    /// 503 Service Unavailable before anything is done.
    #[serde(rename = "error503")]
    pub error_503: f64,
    /// 429 Too Many Requests (with `Retry-After: 1`) before anything is done.
    pub rate_limited: f64,
    /// The connection is reset before the request is handled: nothing happened.
    pub reset_before_commit: f64,
    /// The request is handled (a push is accepted and will be processed), then the connection
    /// is reset before the response: the client cannot know whether it landed.
    pub reset_after_commit: f64,
    /// Probability of added latency on a request.
    pub latency: f64,
    /// How much latency is added when it is.
    pub latency_ms: u64,
    /// A push ends `Failed` (nothing written) regardless of its content.
    pub push_failed: f64,
    /// A push ends `TimedOut` (nothing written).
    pub push_timed_out: f64,
    /// A push ends `TimedOut`, and its lines land a moment later anyway (Codat: a timed-out push
    /// "may still land"), before the account's next push is processed.
    pub timed_out_landed: f64,
    /// At most this many pushes end badly (`pushFailed`, `pushTimedOut`, `timedOutLanded`);
    /// the rest are processed normally. With a probability of 1, `1` makes exactly the first
    /// push processed fail.
    pub max_push_faults: Option<u64>,
}

impl FaultConfig {
    /// Every fault kind at probability `p` each (latency 50 ms), seeded.
    pub fn every_kind(seed: u64, p: f64) -> Self {
        FaultConfig {
            seed,
            error_500: p,
            error_503: p,
            rate_limited: p,
            reset_before_commit: p,
            reset_after_commit: p,
            latency: p,
            latency_ms: 50,
            push_failed: p,
            push_timed_out: p,
            timed_out_landed: p,
            max_push_faults: None,
        }
    }

    /// Checks that every probability is within 0..=1 and exclusive ones sum to at most 1.
    pub fn validate(&self) -> Result<(), String> {
        let all = [
            ("error500", self.error_500),
            ("error503", self.error_503),
            ("rateLimited", self.rate_limited),
            ("resetBeforeCommit", self.reset_before_commit),
            ("resetAfterCommit", self.reset_after_commit),
            ("latency", self.latency),
            ("pushFailed", self.push_failed),
            ("pushTimedOut", self.push_timed_out),
            ("timedOutLanded", self.timed_out_landed),
        ];
        if let Some((name, p)) = all.iter().find(|(_, p)| !(0.0..=1.0).contains(p)) {
            return Err(format!(
                "fault probability {name} = {p} is not between 0 and 1"
            ));
        }
        if self.request_total() > 1.0 {
            return Err(format!(
                "error500 + error503 + rateLimited + resetBeforeCommit + resetAfterCommit = {}, over 1: a request gets at most one of these faults, so their probabilities must add up to 1 or less (--fault-rate P gives each of them P: use at most 0.2)",
                self.request_total()
            ));
        }
        if self.processing_total() > 1.0 {
            return Err(format!(
                "pushFailed + pushTimedOut + timedOutLanded = {}, over 1: a push ends in at most one of these faults, so their probabilities must add up to 1 or less (--fault-rate P gives each of them P: use at most 0.33)",
                self.processing_total()
            ));
        }
        Ok(())
    }

    fn processing_total(&self) -> f64 {
        self.push_failed + self.push_timed_out + self.timed_out_landed
    }

    fn request_total(&self) -> f64 {
        self.error_500
            + self.error_503
            + self.rate_limited
            + self.reset_before_commit
            + self.reset_after_commit
    }
}

/// What happens to one API request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestFault {
    /// Nothing: the request is handled normally.
    None,
    /// Answer 500.
    Error500,
    /// Answer 503.
    Error503,
    /// Answer 429.
    RateLimited,
    /// Reset the connection without handling the request.
    ResetBeforeCommit,
    /// Handle the request, then reset the connection.
    ResetAfterCommit,
}

/// How a push ends regardless of its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcessingFault {
    /// Processed normally.
    None,
    /// Ends `Failed`.
    Failed,
    /// Ends `TimedOut`.
    TimedOut,
    /// Ends `TimedOut`, then lands.
    TimedOutLanded,
}

/// How often each fault happened since the last reset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct FaultStats {
    /// API requests seen by the fault generator.
    pub requests: u64,
    /// 500s injected.
    #[serde(rename = "error500")]
    pub error_500: u64,
    /// 503s injected.
    #[serde(rename = "error503")]
    pub error_503: u64,
    /// 429s injected.
    pub rate_limited: u64,
    /// Resets before handling.
    pub reset_before_commit: u64,
    /// Resets after handling.
    pub reset_after_commit: u64,
    /// Requests delayed.
    pub latency: u64,
    /// Pushes processed.
    pub pushes_processed: u64,
    /// Pushes forced to `Failed`.
    pub push_failed: u64,
    /// Pushes forced to `TimedOut`.
    pub push_timed_out: u64,
    /// Pushes forced to `TimedOut` that landed anyway.
    pub timed_out_landed: u64,
}

/// The live fault generator.
#[derive(Debug)]
pub struct Faults {
    inner: Mutex<(FaultConfig, ChaCha8Rng, FaultStats)>,
}

impl Faults {
    /// A generator for `config`.
    pub fn new(config: FaultConfig) -> Self {
        let rng = ChaCha8Rng::seed_from_u64(config.seed);
        Faults {
            inner: Mutex::new((config, rng, FaultStats::default())),
        }
    }

    /// Replaces the configuration, reseeds and clears the statistics.
    pub fn set(&self, config: FaultConfig) {
        *self.lock() = (
            config.clone(),
            ChaCha8Rng::seed_from_u64(config.seed),
            FaultStats::default(),
        );
    }

    /// The current configuration.
    pub fn config(&self) -> FaultConfig {
        self.lock().0.clone()
    }

    /// The statistics so far.
    pub fn stats(&self) -> FaultStats {
        self.lock().2.clone()
    }

    /// Decides the fate of one request: a fault (or none) and an added latency (or none).
    pub fn roll_request(&self) -> (RequestFault, Option<Duration>) {
        let mut guard = self.lock();
        let (config, rng, stats) = &mut *guard;
        stats.requests += 1;
        let latency = (config.latency > 0.0 && rng.random::<f64>() < config.latency).then(|| {
            stats.latency += 1;
            Duration::from_millis(config.latency_ms)
        });
        let u: f64 = if config.request_total() > 0.0 {
            rng.random()
        } else {
            1.0
        };
        let table = [
            (config.error_500, RequestFault::Error500),
            (config.error_503, RequestFault::Error503),
            (config.rate_limited, RequestFault::RateLimited),
            (config.reset_before_commit, RequestFault::ResetBeforeCommit),
            (config.reset_after_commit, RequestFault::ResetAfterCommit),
        ];
        let mut acc = 0.0;
        let mut fault = RequestFault::None;
        for (p, kind) in table {
            acc += p;
            if u < acc {
                fault = kind;
                break;
            }
        }
        match fault {
            RequestFault::None => {}
            RequestFault::Error500 => stats.error_500 += 1,
            RequestFault::Error503 => stats.error_503 += 1,
            RequestFault::RateLimited => stats.rate_limited += 1,
            RequestFault::ResetBeforeCommit => stats.reset_before_commit += 1,
            RequestFault::ResetAfterCommit => stats.reset_after_commit += 1,
        }
        (fault, latency)
    }

    /// Decides how one push ends.
    pub fn roll_processing(&self) -> ProcessingFault {
        let mut guard = self.lock();
        let (config, rng, stats) = &mut *guard;
        stats.pushes_processed += 1;
        let spent = stats.push_failed + stats.push_timed_out + stats.timed_out_landed;
        if config.processing_total() <= 0.0 || config.max_push_faults.is_some_and(|m| spent >= m) {
            return ProcessingFault::None;
        }
        let u: f64 = rng.random();
        if u < config.push_failed {
            stats.push_failed += 1;
            ProcessingFault::Failed
        } else if u < config.push_failed + config.push_timed_out {
            stats.push_timed_out += 1;
            ProcessingFault::TimedOut
        } else if u < config.processing_total() {
            stats.timed_out_landed += 1;
            ProcessingFault::TimedOutLanded
        } else {
            ProcessingFault::None
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (FaultConfig, ChaCha8Rng, FaultStats)> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_faults() {
        let run = || {
            let f = Faults::new(FaultConfig::every_kind(7, 0.1));
            (0..200).map(|_| f.roll_request()).collect::<Vec<_>>()
        };
        assert_eq!(run(), run());
    }

    #[test]
    fn push_faults_stop_at_their_budget() {
        let f = Faults::new(FaultConfig {
            push_failed: 1.0,
            max_push_faults: Some(1),
            ..FaultConfig::default()
        });
        let endings: Vec<_> = (0..3).map(|_| f.roll_processing()).collect();
        assert_eq!(
            endings,
            [
                ProcessingFault::Failed,
                ProcessingFault::None,
                ProcessingFault::None
            ]
        );
    }

    #[test]
    fn refuses_impossible_probabilities() {
        assert!(FaultConfig::every_kind(1, 0.3).validate().is_err());
        assert!(FaultConfig::every_kind(1, 0.4).validate().is_err());
        assert!(FaultConfig::every_kind(1, 0.2).validate().is_ok());
        let bad = FaultConfig {
            latency: 1.5,
            ..FaultConfig::default()
        };
        assert!(bad.validate().is_err());
    }
}
