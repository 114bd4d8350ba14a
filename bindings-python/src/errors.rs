//! Core errors as the Python exceptions of `feedrail._errors` (one class per stable code), with
//! `code`, `status`, `correlation_id`, `retryable`, `retry_after`, `issues` and `report` set.

use feedrail::Error;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use feedrail_bindings::errors::{ErrorDetails, ErrorIssues};
use feedrail_bindings::spelling::snake;

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

/// A detail's JSON scalar as Python (`retry_after` stays a float: it is seconds, not money).
fn scalar<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match n.as_u64() {
            Some(whole) => whole.into_pyobject(py)?.into_any(),
            None => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(text) => text.into_pyobject(py)?.into_any(),
        _ => py.None().into_bound(py),
    })
}

fn serialized_json(details: &ErrorDetails) -> PyResult<serde_json::Value> {
    serde_json::to_value(details).map_err(|e| internal(format!("cannot convert an error: {e}")))
}

fn build(py: Python<'_>, error: &Error) -> PyResult<PyErr> {
    let code = error.code();
    let class = py
        .import("feedrail._errors")?
        .getattr("for_code")?
        .call1((code.as_str(),))?;
    let exc = class.call1((error.to_string(),))?;
    let details = ErrorDetails::of(error);
    exc.setattr(
        "issues",
        match &details.issues {
            ErrorIssues::Findings(issues) => typed(py, "Issue", issues)?,
            ErrorIssues::Codat(items) => typed(py, "ValidationItem", items)?,
        },
    )?;
    exc.setattr(
        "report",
        match &details.report {
            Some(report) => typed(py, "FeedReport", report)?,
            None => py.None().into_bound(py),
        },
    )?;
    // The plain details (code, status, correlation id, ...), in Python's spelling.
    if let serde_json::Value::Object(properties) = serialized_json(&details)? {
        for (name, value) in properties {
            if name != "issues" && name != "report" {
                exc.setattr(snake(&name), scalar(py, &value)?)?;
            }
        }
    }
    Ok(PyErr::from_value(exc))
}
