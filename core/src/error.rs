//! The one error type, with stable codes shared by every language feedrail ships.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::model::{AccountStatus, ValidationItem};
use crate::rules::Report;

/// Stable, machine-readable error codes (`exc.code` in Python, `err.code` in Node).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum ErrorCode {
    /// Transactions broke the target's rules; nothing was sent. See the report.
    Validation,
    /// A setting is out of range or inconsistent.
    Config,
    /// 401: the API key is wrong.
    Auth,
    /// 403: the key may not use this resource.
    Forbidden,
    /// 404: the company, connection, account or push operation does not exist.
    NotFound,
    /// 409 or 422: a request with this idempotency key is in flight, or the key was reused with
    /// another body.
    Conflict,
    /// 400, or a 422 not about an idempotency key: Codat refused what was sent.
    BadRequest,
    /// 429 (or 402 quota): too many requests.
    RateLimited,
    /// Any other HTTP error, or a response feedrail cannot read.
    Api,
    /// The connection failed or was reset.
    Network,
    /// A request or operation took longer than allowed.
    Timeout,
    /// A push ended `Failed`: nothing of it was written.
    PushFailed,
    /// A push ended `TimedOut`, or was still pending at the client's deadline.
    PushTimedOut,
    /// The source account is not `connected`.
    AccountNotConnected,
    /// Another run holds the account's lease (retry after it ends or expires).
    AccountBusy,
    /// The cursor store could not be read or written.
    Store,
    /// A webhook delivery's signature is missing or wrong, or its timestamp is outside the
    /// tolerance: it is not proven to come from Codat (answer 400).
    WebhookSignature,
    /// A webhook delivery was accepted before (answer 2xx: its event was handled).
    WebhookReplay,
    /// A correctly signed webhook delivery is not a Codat event (answer 400).
    WebhookPayload,
    /// A bug in feedrail (for example a panic caught at a language boundary).
    Internal,
}

impl ErrorCode {
    /// Every code.
    pub const ALL: [ErrorCode; 20] = [
        Self::Validation,
        Self::Config,
        Self::Auth,
        Self::Forbidden,
        Self::NotFound,
        Self::Conflict,
        Self::BadRequest,
        Self::RateLimited,
        Self::Api,
        Self::Network,
        Self::Timeout,
        Self::PushFailed,
        Self::PushTimedOut,
        Self::AccountNotConnected,
        Self::AccountBusy,
        Self::Store,
        Self::WebhookSignature,
        Self::WebhookReplay,
        Self::WebhookPayload,
        Self::Internal,
    ];

    /// The code as text, e.g. `"PUSH_FAILED"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Validation => "VALIDATION",
            Self::Config => "CONFIG",
            Self::Auth => "AUTH",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::Conflict => "CONFLICT",
            Self::BadRequest => "BAD_REQUEST",
            Self::RateLimited => "RATE_LIMITED",
            Self::Api => "API",
            Self::Network => "NETWORK",
            Self::Timeout => "TIMEOUT",
            Self::PushFailed => "PUSH_FAILED",
            Self::PushTimedOut => "PUSH_TIMED_OUT",
            Self::AccountNotConnected => "ACCOUNT_NOT_CONNECTED",
            Self::AccountBusy => "ACCOUNT_BUSY",
            Self::Store => "STORE",
            Self::WebhookSignature => "WEBHOOK_SIGNATURE",
            Self::WebhookReplay => "WEBHOOK_REPLAY",
            Self::WebhookPayload => "WEBHOOK_PAYLOAD",
            Self::Internal => "INTERNAL",
        }
    }

    /// The code for an HTTP error status.
    pub fn for_status(status: u16) -> Self {
        match status {
            400 => Self::BadRequest,
            401 => Self::Auth,
            403 => Self::Forbidden,
            404 => Self::NotFound,
            409 | 422 => Self::Conflict,
            402 | 429 => Self::RateLimited,
            408 | 504 => Self::Timeout,
            _ => Self::Api,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a webhook delivery was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebhookRejection {
    /// Missing or wrong signature, or a timestamp outside the tolerance.
    Signature,
    /// The message id was accepted before.
    Replay,
    /// Signed, but not a Codat event.
    Payload,
}

/// What a stopped run carries besides its cause: the error type knows it only as a summary (the
/// feed pipeline's report implements it; `Error::feed_report` gives it back typed).
pub trait StopReport: std::fmt::Debug + Send + Sync + 'static {
    /// One sentence: what landed and what did not.
    fn summary(&self) -> String;
    /// The report itself, for downcasting.
    fn as_any(&self) -> &dyn std::any::Any;
}

/// What Codat answered to a failed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiFailure {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path requested (ids included, no query).
    pub path: String,
    /// HTTP status.
    pub status: u16,
    /// Codat's `error` text (or a summary of the body).
    pub message: String,
    /// Codat's `service`.
    pub service: Option<String>,
    /// Codat's `correlationId`: quote it to Codat support.
    pub correlation_id: Option<String>,
    /// Codat's per-item findings.
    pub validation: Vec<ValidationItem>,
    /// `Retry-After`, when sent.
    pub retry_after: Option<Duration>,
    /// Whether retrying the same request may succeed.
    pub retryable: bool,
    /// How many attempts were made.
    pub attempts: u32,
}

impl ApiFailure {
    /// The stable code of this failure: by status, except that a 422 is `CONFLICT` only when
    /// it is about an `Idempotency-Key` reused with another body, and `BAD_REQUEST` (Codat could
    /// not process what was sent) otherwise.
    pub fn code(&self) -> ErrorCode {
        match self.status {
            422 if !self.message.to_ascii_lowercase().contains("idempotency") => {
                ErrorCode::BadRequest
            }
            status => ErrorCode::for_status(status),
        }
    }

    /// A failure feedrail concludes from an answer without an error body (nothing to retry).
    pub fn unanswered(method: &str, path: String, status: u16, message: String) -> Self {
        ApiFailure {
            method: method.to_owned(),
            path,
            status,
            message,
            service: None,
            correlation_id: None,
            validation: Vec::new(),
            retry_after: None,
            retryable: false,
            attempts: 1,
        }
    }
}

/// Everything that can go wrong in feedrail.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Validation found errors; nothing was sent.
    #[error("{}", validation_message(.0))]
    Validation(Box<Report>),
    /// A setting is wrong.
    #[error("invalid configuration: {message}")]
    Config {
        /// What is wrong and how to fix it.
        message: String,
    },
    /// Codat answered with an error.
    #[error("{}", api_message(.0))]
    Api(Box<ApiFailure>),
    /// The connection failed or was reset, after every allowed attempt.
    #[error(
        "network error on {operation} after {attempts} attempt(s): {message}; check connectivity to the API and retry"
    )]
    Network {
        /// What was being done, e.g. `GET /companies/…`.
        operation: String,
        /// What failed.
        message: String,
        /// Attempts made.
        attempts: u32,
    },
    /// A request or the overall retry budget ran out of time.
    #[error(
        "timed out on {operation} after {attempts} attempt(s): {message}; raise the timeout or retry later"
    )]
    Timeout {
        /// What was being done.
        operation: String,
        /// What ran out.
        message: String,
        /// Attempts made.
        attempts: u32,
    },
    /// A push ended `Failed`; nothing of it was written. Not retryable as is: a rerun sends the
    /// batch again under a new idempotency key, which fails the same way unless the cause is fixed.
    #[error("push {push_operation_key} failed: {message}{}; nothing of it was written — fix what Codat names, then run again (the batch is sent again under a new key)", first_item(.errors))]
    PushFailed {
        /// Codat's key of the push.
        push_operation_key: String,
        /// Codat's `errorMessage`.
        message: String,
        /// Codat's `validation.errors`.
        errors: Vec<ValidationItem>,
    },
    /// A push ended `TimedOut`, or was still pending when the client stopped waiting.
    #[error("push {push_operation_key} timed out: {message}")]
    PushTimedOut {
        /// Codat's key of the push.
        push_operation_key: String,
        /// What happened and what to do.
        message: String,
    },
    /// The source account is not connected.
    #[error(
        "source account {account_id:?} is {}, not connected; Sage accepts pushes only to connected accounts — ask the account holder to connect it in Sage (Banking → Connect Bank), then push again",
        status.map_or("of unknown status", |s| s.as_str())
    )]
    AccountNotConnected {
        /// The source account.
        account_id: String,
        /// Its status.
        status: Option<AccountStatus>,
    },
    /// Another run holds the account: two runs on one account at once could reorder or lose
    /// lines, so the second waits or stops.
    #[error(
        "account {account_id:?} is busy: {holder} holds its lease until {}; wait for that run to finish (or give a lease wait), or run again once the lease has expired",
        expires_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    )]
    AccountBusy {
        /// The source account.
        account_id: String,
        /// Who holds it (host, process, run).
        holder: String,
        /// When its lease lapses unless renewed.
        expires_at: DateTime<Utc>,
    },
    /// The cursor store failed.
    #[error("cursor store error: {message}")]
    Store {
        /// What failed.
        message: String,
    },
    /// A webhook delivery was refused.
    #[error("webhook refused: {message}")]
    Webhook {
        /// Why (each reason has its own code).
        reason: WebhookRejection,
        /// What is wrong and what to do.
        message: String,
    },
    /// A bug in feedrail.
    #[error("internal error: {message}; please report it")]
    Internal {
        /// What went wrong.
        message: String,
    },
    /// A feed stopped part-way: `cause` says why, `report` says exactly what landed.
    #[error("{cause} — {}", report.summary())]
    Incomplete {
        /// Why it stopped.
        cause: Box<Error>,
        /// What landed and what did not (a `FeedReport`: see `Error::feed_report`).
        report: Box<dyn StopReport>,
    },
}

impl Error {
    /// A `CONFIG` error.
    pub fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
        }
    }

    /// A `CONFIG` error for record `index` of the caller's records, whose own code failed while
    /// a binding read it (a property, `isoformat`, an iterator's `next`), with what it raised.
    pub fn unreadable_record(index: usize, raised: impl std::fmt::Display) -> Self {
        Error::config(format!(
            "records[{index}] could not be read: {raised}; fix the record or leave it out"
        ))
    }

    /// A `STORE` error.
    pub fn store(message: impl std::fmt::Display) -> Self {
        Error::Store {
            message: message.to_string(),
        }
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Validation(_) => ErrorCode::Validation,
            Error::Config { .. } => ErrorCode::Config,
            Error::Api(f) => f.code(),
            Error::Network { .. } => ErrorCode::Network,
            Error::Timeout { .. } => ErrorCode::Timeout,
            Error::PushFailed { .. } => ErrorCode::PushFailed,
            Error::PushTimedOut { .. } => ErrorCode::PushTimedOut,
            Error::AccountNotConnected { .. } => ErrorCode::AccountNotConnected,
            Error::AccountBusy { .. } => ErrorCode::AccountBusy,
            Error::Store { .. } => ErrorCode::Store,
            Error::Webhook { reason, .. } => match reason {
                WebhookRejection::Signature => ErrorCode::WebhookSignature,
                WebhookRejection::Replay => ErrorCode::WebhookReplay,
                WebhookRejection::Payload => ErrorCode::WebhookPayload,
            },
            Error::Internal { .. } => ErrorCode::Internal,
            Error::Incomplete { cause, .. } => cause.code(),
        }
    }

    /// The HTTP status, for errors Codat answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(f) => Some(f.status),
            Error::Incomplete { cause, .. } => cause.status(),
            _ => None,
        }
    }

    /// Codat's correlation id, when it sent one.
    pub fn correlation_id(&self) -> Option<&str> {
        match self {
            Error::Api(f) => f.correlation_id.as_deref(),
            Error::Incomplete { cause, .. } => cause.correlation_id(),
            _ => None,
        }
    }

    /// Whether trying again later may succeed.
    pub fn retryable(&self) -> bool {
        match self {
            Error::Api(f) => f.retryable,
            Error::Network { .. }
            | Error::Timeout { .. }
            | Error::PushTimedOut { .. }
            | Error::AccountBusy { .. } => true,
            Error::Incomplete { cause, .. } => cause.retryable(),
            _ => false,
        }
    }

    /// How long Codat asked to wait, when it did.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Api(f) => f.retry_after,
            Error::Incomplete { cause, .. } => cause.retry_after(),
            _ => None,
        }
    }

    /// The validation report, for `VALIDATION` errors.
    pub fn report(&self) -> Option<&Report> {
        match self {
            Error::Validation(r) => Some(r),
            Error::Incomplete { cause, .. } => cause.report(),
            _ => None,
        }
    }

    /// Codat's per-item findings (a refused request, or a failed push).
    pub fn validation_items(&self) -> &[ValidationItem] {
        match self {
            Error::Api(f) => &f.validation,
            Error::PushFailed { errors, .. } => errors,
            Error::Incomplete { cause, .. } => cause.validation_items(),
            _ => &[],
        }
    }
}

fn validation_message(report: &Report) -> String {
    let first = report
        .errors
        .first()
        .map(|i| format!("; first: {i}"))
        .unwrap_or_default();
    let lines = report.error_indices().len();
    let what = if lines == 0 && report.has_account_error() {
        "the account was refused".to_owned()
    } else {
        format!(
            "{lines} of {} transactions failed validation",
            report.checked
        )
    };
    format!("{what}, nothing was sent{first}")
}

fn api_message(f: &ApiFailure) -> String {
    let advice = match f.code() {
        ErrorCode::Auth => {
            "check the API key: give feedrail the raw key from the Codat Portal (it encodes it)"
        }
        ErrorCode::Forbidden => {
            "this API key is not allowed to use this company; use the key that created it"
        }
        ErrorCode::NotFound => "check the company, connection, account or push operation id",
        ErrorCode::Conflict => {
            "a request with the same idempotency key is in flight or had another body"
        }
        ErrorCode::BadRequest => "Codat refused the request; see the validation items",
        ErrorCode::RateLimited => {
            "too many requests: wait and retry (feedrail already retried within its budget)"
        }
        ErrorCode::Timeout => "Codat timed out; retry later",
        _ => {
            "Codat could not handle the request; retry later, and quote the correlation id to Codat support if it persists"
        }
    };
    let service = f
        .service
        .as_deref()
        .map(|s| format!(" from {s}"))
        .unwrap_or_default();
    let correlation = f
        .correlation_id
        .as_deref()
        .map(|c| format!(" (correlation id {c})"))
        .unwrap_or_default();
    let items = first_item(&f.validation);
    format!(
        "{} {} failed with HTTP {}{service}: {}{items}{correlation}; {advice}",
        f.method, f.path, f.status, f.message
    )
}

fn first_item(items: &[ValidationItem]) -> String {
    match items.first() {
        None => String::new(),
        Some(i) => format!(
            " [{}{}{}]",
            i.item_id
                .as_deref()
                .map(|s| format!("{s}: "))
                .unwrap_or_default(),
            i.message.as_deref().unwrap_or("invalid"),
            if items.len() > 1 {
                format!(" and {} more", items.len() - 1)
            } else {
                String::new()
            }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_serializes_as_its_text() {
        for code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }

    fn failure(status: u16, message: &str) -> Error {
        Error::Api(Box::new(ApiFailure::unanswered(
            "POST",
            "/companies".into(),
            status,
            message.into(),
        )))
    }

    #[test]
    fn a_422_is_a_conflict_only_when_it_is_about_the_idempotency_key() {
        let reused = failure(
            422,
            "This Idempotency-Key was already used with a different request; use a new key.",
        );
        assert_eq!(reused.code(), ErrorCode::Conflict);
        let refused = failure(422, "The request could not be processed.");
        assert_eq!(refused.code(), ErrorCode::BadRequest);
        assert!(
            refused.to_string().contains("Codat refused the request"),
            "{refused}"
        );
        assert_eq!(failure(409, "").code(), ErrorCode::Conflict);
    }
}
