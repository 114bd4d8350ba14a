//! Core errors as the Python exceptions of `feedrail._errors` (one class per stable code), with
//! `code`, `status`, `correlation_id`, `retryable`, `retry_after`, `issues` and `report` set.

use feedrail::Error;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use crate::types::typed;

/// A `ConfigError` with `message`.
pub fn config_error(message: impl Into<String>) -> PyErr {
    Python::attach(|py| to_pyerr(py, Error::config(message)))
}

/// An `InternalError` with `message`.
pub fn internal(message: String) -> PyErr {
    Python::attach(|py| to_pyerr(py, Error::Internal { message }))
}

/// Runs `f` while reading a call's arguments: a panic raises `feedrail.InternalError` (pyo3
/// would raise its own `PanicException`, which `except Exception` does not catch), and an
/// argument of the wrong type or range (`TypeError`, `ValueError`, `OverflowError`, `KeyError`)
/// raises `feedrail.ConfigError` with the same message, which names the argument.
pub fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(internal("feedrail panicked".to_owned())))
        .map_err(|e| {
            Python::attach(|py| {
                let bad_argument = e.is_instance_of::<pyo3::exceptions::PyTypeError>(py)
                    || e.is_instance_of::<pyo3::exceptions::PyValueError>(py)
                    || e.is_instance_of::<pyo3::exceptions::PyOverflowError>(py)
                    || e.is_instance_of::<pyo3::exceptions::PyKeyError>(py);
                if bad_argument {
                    to_pyerr(py, Error::config(e.value(py).to_string()))
                } else {
                    e
                }
            })
        })
}

/// A core error as the matching Python exception.
pub fn to_pyerr(py: Python<'_>, error: Error) -> PyErr {
    build(py, &error).unwrap_or_else(|e| {
        PyRuntimeError::new_err(format!(
            "{error} (and the error could not be converted: {e})"
        ))
    })
}

fn build(py: Python<'_>, error: &Error) -> PyResult<PyErr> {
    let code = error.code();
    let class = py
        .import("feedrail._errors")?
        .getattr("for_code")?
        .call1((code.as_str(),))?;
    let exc = class.call1((error.to_string(),))?;
    exc.setattr("code", code.as_str())?;
    exc.setattr("status", error.status())?;
    exc.setattr("correlation_id", error.correlation_id())?;
    exc.setattr("retryable", error.retryable())?;
    exc.setattr("retry_after", error.retry_after().map(|d| d.as_secs_f64()))?;
    let issues = match error.report() {
        Some(report) => typed(py, "Issue", &report.errors)?,
        None => typed(py, "ValidationItem", &error.validation_items())?,
    };
    exc.setattr("issues", issues)?;
    let report = match error.feed_report() {
        Some(r) => typed(py, "FeedReport", r)?,
        None => py.None().into_bound(py),
    };
    exc.setattr("report", report)?;
    Ok(PyErr::from_value(exc))
}
