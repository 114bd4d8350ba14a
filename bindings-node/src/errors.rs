//! Core errors as JS `Error` objects: `name` `FeedrailError`, `code` the core's stable code, and
//! `status`, `correlationId`, `retryable`, `retryAfter` (seconds), `issues` and `report`.

use feedrail::Error;
use napi::bindgen_prelude::{JsValue, Object};
use napi::{Env, Status};
use napi_derive::napi;

use crate::types::to_js_value;

/// The stable code of a `FeedrailError`: the same in Rust, Python and Node.
#[napi(string_enum = "UPPER_SNAKE")]
pub enum ErrorCode {
    /// Transactions broke the target's rules; nothing was sent. See `issues`.
    Validation,
    /// A setting or an argument is out of range or of the wrong type.
    Config,
    /// 401: the API key is wrong.
    Auth,
    /// 403: the key may not use this resource.
    Forbidden,
    /// 404: the company, connection, account or push operation does not exist.
    NotFound,
    /// 409 or 422: a request with this idempotency key is in flight, or was sent with another body.
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
    /// A webhook delivery's signature is missing or wrong, or its timestamp is too far from
    /// now: it is not proven to come from Codat (answer 400).
    WebhookSignature,
    /// A webhook delivery was accepted before (answer 200: its event was handled).
    WebhookReplay,
    /// A correctly signed webhook delivery is not a Codat event (answer 400).
    WebhookPayload,
    /// A bug in feedrail (for example a panic caught at the boundary).
    Internal,
}

/// Every code the core defines, in its order (tests check `ErrorCode` against it).
#[napi]
pub fn error_codes() -> Vec<&'static str> {
    feedrail::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .collect()
}

/// A core error as a napi error that throws (or rejects with) the `FeedrailError` object.
pub fn to_js(env: &Env, error: Error) -> napi::Error {
    match build(env, &error) {
        Ok(object) => napi::Error::from(object.to_unknown()),
        Err(e) => napi::Error::new(
            Status::GenericFailure,
            format!("{error} (and the error could not be converted: {e})"),
        ),
    }
}

/// An `INTERNAL` error with `message`.
pub fn internal(env: &Env, message: impl Into<String>) -> napi::Error {
    to_js(
        env,
        Error::Internal {
            message: message.into(),
        },
    )
}

/// The `INTERNAL` error of a panic caught at the boundary.
pub fn panicked(env: &Env) -> napi::Error {
    internal(env, "feedrail panicked")
}

/// Runs `f`; a panic in it becomes an `INTERNAL` `FeedrailError` instead of aborting Node (a
/// panic unwinding out of a napi callback aborts the process).
pub fn guard<T>(env: &Env, f: impl FnOnce() -> napi::Result<T>) -> napi::Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| Err(panicked(env)))
}

/// A `CONFIG` error: an argument of the wrong type or out of range.
pub fn config(env: &Env, message: impl Into<String>) -> napi::Error {
    to_js(env, Error::config(message))
}

fn build<'env>(env: &'env Env, error: &Error) -> napi::Result<Object<'env>> {
    let mut message = error.to_string();
    if error.code() == feedrail::ErrorCode::Config {
        // Options are named as a Node user spells them (`maxRetries`, not `max_retries`).
        message = feedrail_bindings::spelling::camel_options(&message);
    }
    let mut object = env.create_error(napi::Error::new(Status::GenericFailure, message))?;
    object.set("name", "FeedrailError")?;
    object.set("code", error.code().as_str())?;
    object.set("status", error.status())?;
    object.set("correlationId", error.correlation_id())?;
    object.set("retryable", error.retryable())?;
    object.set("retryAfter", error.retry_after().map(|d| d.as_secs_f64()))?;
    let issues = match error.report() {
        Some(report) => serde_json::to_value(&report.errors),
        None => serde_json::to_value(error.validation_items()),
    }
    .map_err(|e| napi::Error::from_reason(e.to_string()))?;
    object.set("issues", to_js_value(issues))?;
    let report = error
        .feed_report()
        .map(serde_json::to_value)
        .transpose()
        .map_err(|e| napi::Error::from_reason(e.to_string()))?;
    object.set("report", report.map(to_js_value))?;
    Ok(object)
}
