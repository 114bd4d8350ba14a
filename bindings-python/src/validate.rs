//! `feedrail.validate`: the core's rules on Python records.

use feedrail_bindings::Records;
use feedrail_bindings::spelling::camel_keys;
use pyo3::prelude::*;
use pyo3::types::PyList;
use serde_json::Value;

use crate::errors::{guard, to_pyerr};
use crate::lines::Columns;
use crate::types::{serialized, to_json};

/// The text of a day given as a `date`, a `datetime` or a string (the core reads it).
pub fn day_text(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    Ok(Some(if obj.hasattr("isoformat")? {
        obj.call_method0("isoformat")?.to_string()
    } else {
        obj.str()?.to_string()
    }))
}

/// Validates records against a profile, a cursor and a day; returns the report as a dict
/// (`checked`, `errors`, `warnings`, `valid_indices`).
#[pyfunction]
#[pyo3(signature = (records, *, cursor=None, today=None, profile="sage", time_zone=None))]
pub fn validate<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    cursor: Option<&Bound<'py, PyAny>>,
    today: Option<&Bound<'py, PyAny>>,
    profile: &str,
    time_zone: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let columns = Columns::of(records)?;
        let records = match &columns {
            Some(columns) => Records::Lines(columns.lines()?),
            // An Arrow table is checked in place, its rows read as they are checked.
            None => match crate::arrow::batches(records)? {
                Some(batches) => Records::Arrow(batches),
                None => Records::Lines(crate::lines::read(records)?),
            },
        };
        let cursor = match cursor {
            Some(c) => camel_keys(to_json(c)?),
            None => Value::Null,
        };
        let day = day_text(today)?;
        let validated = py
            .detach(|| {
                feedrail_bindings::validate(
                    &records,
                    cursor,
                    day.as_deref(),
                    Some(profile),
                    time_zone.as_deref(),
                )
            })
            .map_err(|e| to_pyerr(py, e))?;
        let report = serialized(py, &validated.report)?;
        report.set_item("valid_indices", PyList::new(py, validated.indices)?)?;
        Ok(report)
    })
}
