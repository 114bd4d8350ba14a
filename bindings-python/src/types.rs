//! Python ⇄ JSON for arguments and results: arguments in (accounts, cursors: dicts, objects, any
//! number type, exactly), results out (dicts with snake_case keys, money as `Decimal`). Records
//! go to the core through `lines`, not JSON.

use feedrail_bindings::spelling::{MONEY_FIELDS, snake};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// A Python value as JSON for the core: numbers keep their exact digits (floats through their
/// shortest `repr`), NaN and infinities become text the core reports as invalid, mappings and
/// objects with attributes become JSON objects, `transaction_type` is accepted for
/// `transactionType`.
pub fn to_json(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(number(&obj.str()?.to_string()));
    }
    if obj.is_instance_of::<PyFloat>() {
        return Ok(number(&obj.repr()?.to_string()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_string()));
    }
    let py = obj.py();
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key = match k.cast::<PyString>() {
                Ok(s) => field_name(&s.to_cow()?),
                Err(_) => field_name(&k.str()?.to_string()),
            };
            map.insert(key, to_json(&v)?);
        }
        return Ok(Value::Object(map));
    }
    let ty = obj.get_type();
    let type_name = ty.name()?;
    match type_name.to_cow()?.as_ref() {
        "Decimal" => return Ok(number(&obj.str()?.to_cow()?)),
        "datetime" | "date" | "Timestamp" => {
            return Ok(Value::String(obj.call_method0("isoformat")?.to_string()));
        }
        _ => {}
    }
    if obj.hasattr("dtype")? && obj.hasattr("item")? {
        // A numpy scalar: its plain Python value.
        return to_json(&obj.call_method0("item")?);
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        let items: PyResult<Vec<Value>> = obj.try_iter()?.map(|i| to_json(&i?)).collect();
        return Ok(Value::Array(items?));
    }
    if obj.hasattr("__dataclass_fields__")? {
        let dict = py.import("dataclasses")?.call_method1("asdict", (obj,))?;
        return to_json(&dict);
    }
    if let Ok(attrs) = obj.getattr("__dict__") {
        return to_json(&attrs);
    }
    Ok(Value::String(obj.str()?.to_string()))
}

/// Exact digits as a JSON number, or the text itself when it is not a number (NaN, inf).
fn number(text: &str) -> Value {
    text.parse::<Number>()
        .map(Value::Number)
        .unwrap_or_else(|_| Value::String(text.to_owned()))
}

/// Python spelling → Codat spelling for the one field that differs.
fn field_name(key: &str) -> String {
    match key {
        "transaction_type" => "transactionType".to_owned(),
        other => other.to_owned(),
    }
}

/// `decimal.Decimal`, looked up once per interpreter.
fn decimal(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static DECIMAL: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    DECIMAL
        .get_or_try_init(py, || {
            py.import("decimal")?.getattr("Decimal").map(Bound::unbind)
        })
        .map(|d| d.bind(py))
}

/// A JSON result as Python: objects as dicts with snake_case keys, money as `Decimal`.
pub fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    to_python_field(py, value, false)
}

fn to_python_field<'py>(
    py: Python<'py>,
    value: &Value,
    money: bool,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            let text = n.to_string();
            if money || text.contains(['.', 'e', 'E']) {
                decimal(py)?.call1((text,))?
            } else {
                match text.parse::<i64>() {
                    Ok(i) => i.into_pyobject(py)?.into_any(),
                    Err(_) => py.get_type::<PyInt>().call1((text,))?,
                }
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python_field(py, item, money)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                let value = match (k.as_str(), v) {
                    // A finding's field, in the spelling Python input uses.
                    ("field", Value::String(name))
                        if feedrail::rules::KNOWN_FIELDS.contains(&name.as_str()) =>
                    {
                        PyString::new(py, &snake(name)).into_any()
                    }
                    _ => to_python_field(py, v, MONEY_FIELDS.contains(&k.as_str()))?,
                };
                dict.set_item(snake(k), value)?;
            }
            dict.into_any()
        }
    })
}

/// Any serializable core result as Python.
pub fn serialized<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value)
        .map_err(|e| crate::errors::internal(format!("cannot convert a result: {e}")))?;
    to_python(py, &json)
}

/// Any serializable core result as the generated Python type `type_name` of `feedrail._types`
/// (a list of them when the result is a list).
pub fn typed<'py, T: serde::Serialize>(
    py: Python<'py>,
    type_name: &str,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let read = py
        .import("feedrail._types")?
        .getattr("READERS")?
        .get_item(type_name)?;
    let native = serialized(py, value)?;
    if let Ok(items) = native.cast::<PyList>() {
        let list = PyList::empty(py);
        for item in items.iter() {
            list.append(read.call1((item,))?)?;
        }
        return Ok(list.into_any());
    }
    read.call1((native,))
}
