//! When and how long to retry: bounded attempts inside an overall deadline, exponential backoff
//! with jitter (backon's schedule), `Retry-After` honoured up to a cap, `canBeRetried` respected.

use std::time::{Duration, Instant};

use backon::{BackoffBuilder, ExponentialBackoff, ExponentialBuilder};

/// How a client retries.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts per request, the first included (1 disables retries).
    pub max_attempts: u32,
    /// First backoff delay.
    pub initial_backoff: Duration,
    /// Longest backoff delay.
    pub max_backoff: Duration,
    /// Growth factor between delays.
    pub multiplier: f32,
    /// Longest `Retry-After` honoured; a longer one ends the retries with `RATE_LIMITED`.
    pub max_retry_after: Duration,
    /// Time budget for one operation, all attempts and waits included.
    pub total_timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            multiplier: 2.0,
            max_retry_after: Duration::from_secs(60),
            total_timeout: Duration::from_secs(300),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// The default policy with `retries` retries after the first attempt (0: no retries).
    pub fn with_retries(retries: u32) -> Self {
        RetryPolicy {
            max_attempts: retries.saturating_add(1),
            ..Self::default()
        }
    }

    /// Checks the values, with a message saying which is wrong.
    pub fn validate(&self) -> Result<(), String> {
        if self.max_attempts == 0 {
            return Err("retry max_attempts must be at least 1".into());
        }
        if self.multiplier.is_nan() || self.multiplier < 1.0 {
            return Err("retry multiplier must be at least 1.0".into());
        }
        if self.initial_backoff > self.max_backoff {
            return Err("retry initial_backoff must not exceed max_backoff".into());
        }
        if self.total_timeout.is_zero() {
            return Err("retry total_timeout must be more than zero".into());
        }
        Ok(())
    }

    /// The backoff delays, with jitter, for one operation.
    pub(crate) fn schedule(&self) -> ExponentialBackoff {
        ExponentialBuilder::new()
            .with_min_delay(self.initial_backoff)
            .with_max_delay(self.max_backoff)
            .with_factor(self.multiplier)
            .with_jitter()
            .without_max_times()
            .build()
    }
}

/// The instant a wait must not pass. A budget too long for an `Instant` to hold (say
/// `Duration::MAX`) is a deadline never reached, not an overflow.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline(Option<Instant>);

impl Deadline {
    /// `budget` from now.
    pub(crate) fn after(budget: Duration) -> Self {
        Deadline(Instant::now().checked_add(budget))
    }

    /// Time left, zero once passed (`Duration::MAX` for a deadline never reached).
    pub(crate) fn remaining(self) -> Duration {
        self.0.map_or(Duration::MAX, |d| {
            d.saturating_duration_since(Instant::now())
        })
    }

    /// Whether waiting `wait` more from now would reach it.
    pub(crate) fn reached_after(self, wait: Duration) -> bool {
        self.0
            .is_some_and(|d| Instant::now().checked_add(wait).is_none_or(|t| t >= d))
    }
}

/// Parses `Retry-After` given as seconds (Codat's form) or as an HTTP date.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = when.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_too_far_to_represent_is_never_reached() {
        let never = Deadline::after(Duration::MAX);
        assert_eq!(never.remaining(), Duration::MAX);
        assert!(!never.reached_after(Duration::MAX));
        let soon = Deadline::after(Duration::from_secs(60));
        assert!(soon.remaining() <= Duration::from_secs(60));
        assert!(!soon.reached_after(Duration::from_secs(1)));
        assert!(soon.reached_after(Duration::from_secs(61)));
        assert!(soon.reached_after(Duration::MAX));
    }

    #[test]
    fn retries_count_after_the_first_attempt() {
        assert_eq!(RetryPolicy::with_retries(0).max_attempts, 1);
        assert_eq!(RetryPolicy::with_retries(4).max_attempts, 5);
        assert_eq!(RetryPolicy::with_retries(u32::MAX).max_attempts, u32::MAX);
        assert_eq!(
            RetryPolicy::with_retries(2).total_timeout,
            RetryPolicy::default().total_timeout
        );
    }

    #[test]
    fn schedule_grows_and_is_capped() {
        let policy = RetryPolicy {
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(400),
            ..RetryPolicy::default()
        };
        let delays: Vec<Duration> = policy.schedule().take(6).collect();
        assert!(delays.iter().all(|d| *d >= Duration::from_millis(100)));
        assert!(
            delays.iter().all(|d| *d <= Duration::from_millis(800)),
            "{delays:?}"
        );
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
        assert!(
            RetryPolicy {
                max_attempts: 0,
                ..RetryPolicy::default()
            }
            .validate()
            .is_err()
        );
    }
}
