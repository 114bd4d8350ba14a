//! Arrow tables → the core's [`Lines`], through the Arrow PyCapsule interface
//! (`__arrow_c_stream__`): pyarrow tables and record batch readers, polars DataFrames, DuckDB
//! results. The batches are read by the shared reader (`feedrail_bindings::arrow`), each cell in
//! place, without a Python object per cell.

use std::ffi::CStr;

use arrow_array::RecordBatch;
use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use feedrail::Lines;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use crate::errors::{config_error, to_pyerr};

/// The capsule name the Arrow PyCapsule interface gives a stream.
const STREAM: &CStr = c"arrow_array_stream";

/// The lines of `obj` when it exports an Arrow stream (and is not a pandas DataFrame, which
/// has its own column reader); `None` otherwise.
pub fn read(obj: &Bound<'_, PyAny>) -> PyResult<Option<Lines<'static>>> {
    let Some(reader) = stream(obj)? else {
        return Ok(None);
    };
    let mut lines = Lines::default();
    feedrail_bindings::arrow::read_batches(reader, "records", &mut lines)
        .map_err(|e| to_pyerr(obj.py(), e))?;
    Ok(Some(lines))
}

/// The record batches of `obj` when it exports an Arrow stream (as for [`read`]), for
/// `validate` to check in place.
pub fn batches(obj: &Bound<'_, PyAny>) -> PyResult<Option<Vec<RecordBatch>>> {
    let Some(reader) = stream(obj)? else {
        return Ok(None);
    };
    reader
        .map(|batch| {
            feedrail_bindings::arrow::readable(batch, "records").map_err(|e| to_pyerr(obj.py(), e))
        })
        .collect::<PyResult<_>>()
        .map(Some)
}

/// The Arrow stream `obj` exports, if it does (and is not a pandas DataFrame).
fn stream(obj: &Bound<'_, PyAny>) -> PyResult<Option<RecordBatchStreamReader>> {
    if !obj.hasattr("__arrow_c_stream__")? || is_pandas(obj)? {
        return Ok(None);
    }
    let capsule = obj.call_method0("__arrow_c_stream__")?;
    let capsule = capsule
        .cast::<PyCapsule>()
        .map_err(|_| config_error("records.__arrow_c_stream__() did not return a capsule"))?;
    let stream = capsule
        .pointer_checked(Some(STREAM))
        .map_err(|_| config_error("records.__arrow_c_stream__() did not return an Arrow stream"))?;
    // SAFETY: the capsule holds a valid `ArrowArrayStream` (its name says so); `from_raw` moves
    // it out and leaves a released stream behind, which the capsule's destructor skips.
    let stream = unsafe { FFI_ArrowArrayStream::from_raw(stream.as_ptr().cast()) };
    RecordBatchStreamReader::try_new(stream)
        .map(Some)
        .map_err(|e| config_error(format!("records: cannot read the Arrow stream: {e}")))
}

fn is_pandas(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let module: String = obj.get_type().getattr("__module__")?.extract()?;
    Ok(module.starts_with("pandas."))
}
