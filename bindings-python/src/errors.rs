//! The exception hierarchy: `FeedrailError` and one subclass per core error code, each carrying
//! `code`, `status`, `correlation_id`, `retryable`, `retry_after` and, where they apply, `issues`
//! (validation findings) and `report` (what a feed landed before it stopped).

use feedrail::{Error, ErrorCode};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

use crate::types::serialized;

create_exception!(
    feedrail,
    FeedrailError,
    PyException,
    "Base of every feedrail error; `.code` is the stable code."
);
create_exception!(
    feedrail,
    ValidationError,
    FeedrailError,
    "Lines broke the rules; nothing was sent. See `.issues`."
);
create_exception!(feedrail, ConfigError, FeedrailError, "A setting is wrong.");
create_exception!(
    feedrail,
    AuthenticationError,
    FeedrailError,
    "401: the API key is wrong."
);
create_exception!(
    feedrail,
    PermissionDeniedError,
    FeedrailError,
    "403: the key may not use this resource."
);
create_exception!(
    feedrail,
    NotFoundError,
    FeedrailError,
    "404: no such company, connection, account or push."
);
create_exception!(
    feedrail,
    ConflictError,
    FeedrailError,
    "409/422: idempotency key in flight or reused."
);
create_exception!(
    feedrail,
    BadRequestError,
    FeedrailError,
    "400: Codat refused the request."
);
create_exception!(
    feedrail,
    RateLimitError,
    FeedrailError,
    "429: too many requests; see `.retry_after`."
);
create_exception!(
    feedrail,
    APIError,
    FeedrailError,
    "Another HTTP error, or an unreadable response."
);
create_exception!(
    feedrail,
    NetworkError,
    FeedrailError,
    "No answer after every attempt."
);
create_exception!(feedrail, TimeoutError, FeedrailError, "Out of time.");
create_exception!(
    feedrail,
    PushFailedError,
    FeedrailError,
    "A push ended Failed; nothing of it was written."
);
create_exception!(
    feedrail,
    PushTimedOutError,
    FeedrailError,
    "A push timed out or was still pending at the deadline."
);
create_exception!(
    feedrail,
    AccountNotConnectedError,
    FeedrailError,
    "The source account is not connected."
);
create_exception!(
    feedrail,
    StoreError,
    FeedrailError,
    "The cursor store failed."
);
create_exception!(feedrail, InternalError, FeedrailError, "A bug in feedrail.");

/// Adds every exception class to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("FeedrailError", py.get_type::<FeedrailError>())?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("AuthenticationError", py.get_type::<AuthenticationError>())?;
    m.add(
        "PermissionDeniedError",
        py.get_type::<PermissionDeniedError>(),
    )?;
    m.add("NotFoundError", py.get_type::<NotFoundError>())?;
    m.add("ConflictError", py.get_type::<ConflictError>())?;
    m.add("BadRequestError", py.get_type::<BadRequestError>())?;
    m.add("RateLimitError", py.get_type::<RateLimitError>())?;
    m.add("APIError", py.get_type::<APIError>())?;
    m.add("NetworkError", py.get_type::<NetworkError>())?;
    m.add("TimeoutError", py.get_type::<TimeoutError>())?;
    m.add("PushFailedError", py.get_type::<PushFailedError>())?;
    m.add("PushTimedOutError", py.get_type::<PushTimedOutError>())?;
    m.add(
        "AccountNotConnectedError",
        py.get_type::<AccountNotConnectedError>(),
    )?;
    m.add("StoreError", py.get_type::<StoreError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    Ok(())
}

/// An `InternalError` with `message`.
pub fn internal(message: String) -> PyErr {
    let err = InternalError::new_err(message);
    Python::attach(|py| {
        let _ = err.value(py).setattr("code", ErrorCode::Internal.as_str());
    });
    err
}

/// A core error as the matching Python exception, attributes set.
pub fn to_pyerr(py: Python<'_>, error: Error) -> PyErr {
    let message = error.to_string();
    let err = match error.code() {
        ErrorCode::Validation => ValidationError::new_err(message),
        ErrorCode::Config => ConfigError::new_err(message),
        ErrorCode::Auth => AuthenticationError::new_err(message),
        ErrorCode::Forbidden => PermissionDeniedError::new_err(message),
        ErrorCode::NotFound => NotFoundError::new_err(message),
        ErrorCode::Conflict => ConflictError::new_err(message),
        ErrorCode::BadRequest => BadRequestError::new_err(message),
        ErrorCode::RateLimited => RateLimitError::new_err(message),
        ErrorCode::Network => NetworkError::new_err(message),
        ErrorCode::Timeout => TimeoutError::new_err(message),
        ErrorCode::PushFailed => PushFailedError::new_err(message),
        ErrorCode::PushTimedOut => PushTimedOutError::new_err(message),
        ErrorCode::AccountNotConnected => AccountNotConnectedError::new_err(message),
        ErrorCode::Store => StoreError::new_err(message),
        ErrorCode::Internal => InternalError::new_err(message),
        _ => APIError::new_err(message),
    };
    if let Err(e) = describe(py, &err, &error) {
        return e;
    }
    err
}

fn describe(py: Python<'_>, err: &PyErr, error: &Error) -> PyResult<()> {
    let value = err.value(py);
    value.setattr("code", error.code().as_str())?;
    value.setattr("status", error.status())?;
    value.setattr("correlation_id", error.correlation_id())?;
    value.setattr("retryable", error.retryable())?;
    value.setattr("retry_after", error.retry_after().map(|d| d.as_secs_f64()))?;
    let issues = match error.report() {
        Some(report) => serialized(py, &report.errors)?,
        None => serialized(py, &error.validation_items())?,
    };
    value.setattr("issues", issues)?;
    let report = match error.feed_report() {
        Some(r) => serialized(py, r)?,
        None => py.None().into_bound(py),
    };
    value.setattr("report", report)?;
    Ok(())
}
