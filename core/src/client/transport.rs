//! Sending one API call with retries: the only place that talks HTTP.

use std::time::{Duration, Instant};

use reqwest::Method;
use reqwest::header::{HeaderValue, RETRY_AFTER};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::Client;
use super::retry::{Deadline, parse_retry_after};
use crate::error::{ApiFailure, Error};
use crate::model::ErrorBody;

/// How much longer than its timeout a request's shared company slot is held at most.
const SLOT_SLACK: Duration = Duration::from_secs(5);

/// How a call may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retry {
    /// Safe to repeat (GET): retry on network errors, 408, 429 and 5xx.
    Read,
    /// A DELETE: retried like a read; a 404 after an attempt that got no answer (or a 5xx) means
    /// that attempt deleted it, so it counts as done.
    Delete,
    /// A write carrying an `Idempotency-Key`: retry with the same key on network errors, 408,
    /// 409 and 429; after a 5xx (which Codat keeps under the key) with a fresh key.
    KeyedWrite,
    /// A push: like `KeyedWrite`, but a 5xx is handed back to the caller, which reconciles
    /// before sending again.
    Push,
}

/// One API call.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub method: Method,
    pub segments: Vec<String>,
    pub query: Vec<(&'static str, String)>,
    pub body: Option<Vec<u8>>,
    pub idempotency_key: Option<Uuid>,
    pub company: Option<String>,
    pub retry: Retry,
    /// A 409 whose body is an array is a result, not an error (batch account creation answers
    /// 409 with per-account results when every account already exists).
    pub results_on_conflict: bool,
}

impl Call {
    /// A call to the path made of `segments` (each percent-encoded on the way out).
    pub fn new(method: Method, segments: &[&str], retry: Retry) -> Self {
        Call {
            method,
            segments: segments.iter().map(|s| (*s).to_owned()).collect(),
            query: Vec::new(),
            body: None,
            idempotency_key: None,
            company: None,
            retry,
            results_on_conflict: false,
        }
    }

    /// Counts against `company`'s concurrency limit.
    pub fn company(mut self, company: &str) -> Self {
        self.company = Some(company.to_owned());
        self
    }

    /// A JSON body; writes get an idempotency key unless one is set later.
    pub fn json<T: serde::Serialize + ?Sized>(mut self, body: &T) -> Result<Self, Error> {
        self.body = Some(serde_json::to_vec(body).map_err(|e| Error::Internal {
            message: format!("cannot serialize the request body: {e}"),
        })?);
        if self.idempotency_key.is_none() {
            self.idempotency_key = Some(Uuid::new_v4());
        }
        Ok(self)
    }

    /// Sets the `Idempotency-Key`.
    pub fn key(mut self, key: Uuid) -> Self {
        self.idempotency_key = Some(key);
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, name: &'static str, value: impl ToString) -> Self {
        self.query.push((name, value.to_string()));
        self
    }

    /// `/companies/…`, for messages and logs.
    pub fn path(&self) -> String {
        format!("/{}", self.segments.join("/"))
    }

    fn operation(&self) -> String {
        format!("{} {}", self.method, self.path())
    }
}

/// A successful response.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    /// Whether the server replayed a response it kept for the idempotency key
    /// (`Idempotent-Replayed: true`).
    pub replayed: bool,
    /// Attempts made, this one included.
    pub attempts: u32,
}

/// Why an attempt failed, and whether another may succeed.
enum Failure {
    Api(ApiFailure),
    Network(String),
    Timeout(String),
}

impl Reply {
    /// Decodes the JSON body.
    pub fn json<T: DeserializeOwned>(&self, call: &Call) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|e| {
            Error::Api(Box::new(ApiFailure::unanswered(
                call.method.as_str(),
                call.path(),
                self.status,
                format!("the response is not what the Codat API documents: {e}"),
            )))
        })
    }
}

impl Client {
    /// Sends `call`, retrying as its kind allows, within the policy's attempts and time budget.
    pub(crate) async fn execute(&self, call: &Call) -> Result<Reply, Error> {
        let policy = &self.inner.retry;
        let deadline = Deadline::after(policy.total_timeout);
        let mut schedule = policy.schedule();
        let mut key = call.idempotency_key;
        let mut attempt = 0u32;
        let mut may_have_landed = false;
        loop {
            attempt += 1;
            let remaining = deadline.remaining();
            let failure = match self.attempt(call, key, attempt, remaining).await {
                Ok(reply) => return Ok(reply),
                Err(Failure::Api(f))
                    if call.retry == Retry::Delete && f.status == 404 && may_have_landed =>
                {
                    return Ok(Reply {
                        status: 204,
                        body: Vec::new(),
                        replayed: false,
                        attempts: attempt,
                    });
                }
                Err(f) => f,
            };
            may_have_landed |= match &failure {
                Failure::Api(f) => f.status >= 500,
                Failure::Network(_) | Failure::Timeout(_) => true,
            };
            let (retryable, retry_after, fresh_key) = match &failure {
                Failure::Api(f) => {
                    let five_xx = f.status >= 500;
                    let retry = f.retryable
                        && match call.retry {
                            Retry::Read | Retry::Delete => f.status != 409,
                            Retry::KeyedWrite => true,
                            Retry::Push => !five_xx,
                        };
                    (
                        retry,
                        f.retry_after,
                        five_xx && call.retry == Retry::KeyedWrite,
                    )
                }
                Failure::Network(_) | Failure::Timeout(_) => (true, None, false),
            };
            let give_up = |failure: Failure| self.give_up(call, failure, attempt);
            if !retryable || attempt >= policy.max_attempts {
                return Err(give_up(failure));
            }
            if retry_after.is_some_and(|r| r > policy.max_retry_after) {
                return Err(give_up(failure));
            }
            let backoff = schedule.next().unwrap_or(policy.max_backoff);
            let delay = backoff.max(retry_after.unwrap_or_default());
            if deadline.reached_after(delay) {
                return Err(give_up(failure));
            }
            if fresh_key {
                key = Some(Uuid::new_v4());
            }
            tracing::info!(
                operation = %call.operation(),
                attempt,
                delay_ms = delay.as_millis() as u64,
                reason = %failure_reason(&failure),
                "retrying"
            );
            tokio::time::sleep(delay).await;
        }
    }

    async fn attempt(
        &self,
        call: &Call,
        key: Option<Uuid>,
        attempt: u32,
        remaining: Duration,
    ) -> Result<Reply, Failure> {
        let mut url = self.inner.base_url.clone();
        {
            let mut segments = url
                .path_segments_mut()
                .map_err(|()| Failure::Network("the base URL cannot have a path".into()))?;
            segments.pop_if_empty();
            for s in &call.segments {
                segments.push(s);
            }
        }
        if !call.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(call.query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        let timeout = self
            .inner
            .timeouts
            .request
            .min(remaining.max(Duration::from_millis(1)));
        let mut request = self
            .inner
            .http
            .request(call.method.clone(), url)
            .header(reqwest::header::AUTHORIZATION, self.inner.auth.clone())
            .timeout(timeout);
        if let Some(key) = key {
            request = request.header(
                "idempotency-key",
                HeaderValue::from_str(&key.to_string()).expect("a UUID is a valid header"),
            );
        }
        if let Some(body) = &call.body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        self.quota_wait(call, attempt, remaining).await?;
        let _slot = match &call.company {
            Some(company) => Some(
                self.inner
                    .limiter
                    .acquire(company, timeout + SLOT_SLACK)
                    .await,
            ),
            None => None,
        };
        let sent = Instant::now();
        let response = request.send().await.map_err(|e| classify(&e))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let replayed = response
            .headers()
            .get("idempotent-replayed")
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"true"));
        let body = response.bytes().await.map_err(|e| classify(&e))?.to_vec();
        tracing::debug!(
            operation = %call.operation(),
            status,
            attempt,
            elapsed_ms = sent.elapsed().as_millis() as u64,
            "response"
        );
        let conflict_results = status == 409
            && call.results_on_conflict
            && body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
        if (200..300).contains(&status) || conflict_results {
            return Ok(Reply {
                status,
                body,
                replayed,
                attempts: attempt,
            });
        }
        if status == 429
            && let Some(company) = &call.company
        {
            self.inner
                .limiter
                .pause(company, retry_after.unwrap_or(Duration::from_secs(1)));
        }
        let parsed: ErrorBody = serde_json::from_slice(&body).unwrap_or_default();
        let hint = parsed.retry_hint();
        let transient = matches!(status, 408 | 409 | 429) || status >= 500;
        Err(Failure::Api(ApiFailure {
            method: call.method.to_string(),
            path: call.path(),
            status,
            message: parsed
                .error
                .clone()
                .unwrap_or_else(|| String::from_utf8_lossy(&body).chars().take(200).collect()),
            service: parsed.service.clone(),
            correlation_id: parsed.correlation_id.clone(),
            validation: parsed.validation.and_then(|v| v.errors).unwrap_or_default(),
            retry_after,
            retryable: transient && hint != Some(false),
            attempts: attempt,
        }))
    }

    /// After `client.rateLimit.reached`, waits for the quota to reset (or its reset event)
    /// when that is within the time left, and fails as a 429 would otherwise.
    async fn quota_wait(
        &self,
        call: &Call,
        attempt: u32,
        remaining: Duration,
    ) -> Result<(), Failure> {
        let hub = &self.inner.events;
        let started = Instant::now();
        let pause = loop {
            let reset = hub.notified();
            let Some(pause) = hub.quota_pause() else {
                return Ok(());
            };
            if pause >= remaining.saturating_sub(started.elapsed()) {
                break pause;
            }
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                () = reset => {}
            }
        };
        Err(Failure::Api(ApiFailure {
            retry_after: Some(pause),
            retryable: true,
            attempts: attempt,
            ..ApiFailure::unanswered(
                call.method.as_str(),
                call.path(),
                429,
                format!(
                    "not sent: Codat's daily quota is used up (client.rateLimit.reached) for another {} s",
                    pause.as_secs()
                ),
            )
        }))
    }

    fn give_up(&self, call: &Call, failure: Failure, attempts: u32) -> Error {
        match failure {
            Failure::Api(mut f) => {
                f.attempts = attempts;
                Error::Api(Box::new(f))
            }
            Failure::Network(message) => Error::Network {
                operation: call.operation(),
                message,
                attempts,
            },
            Failure::Timeout(message) => Error::Timeout {
                operation: call.operation(),
                message,
                attempts,
            },
        }
    }
}

fn classify(e: &reqwest::Error) -> Failure {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    if e.is_timeout() {
        Failure::Timeout(message)
    } else {
        Failure::Network(message)
    }
}

fn failure_reason(f: &Failure) -> String {
    match f {
        Failure::Api(a) => format!("HTTP {}", a.status),
        Failure::Network(m) => format!("network: {m}"),
        Failure::Timeout(m) => format!("timeout: {m}"),
    }
}
