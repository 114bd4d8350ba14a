//! Core errors as JS `Error` objects: `name` `FeedrailError`, and the properties of
//! [`ErrorDetails`] (`code`, `status`, `correlationId`, `retryable`, `retryAfter`, `issues`,
//! `report`).

use feedrail::Error;
use feedrail_bindings::errors::ErrorDetails;
use napi::bindgen_prelude::{JsValue, Object};
use napi::{Env, Status};
use napi_derive::napi;

use crate::types::to_js_value;

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
    let details = serde_json::to_value(ErrorDetails::of(error))
        .map_err(|e| napi::Error::from_reason(e.to_string()))?;
    if let serde_json::Value::Object(properties) = details {
        for (name, value) in properties {
            object.set(name, to_js_value(value))?;
        }
    }
    Ok(object)
}
