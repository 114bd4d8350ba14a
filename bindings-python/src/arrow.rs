//! Arrow tables → the core's [`Lines`], through the Arrow PyCapsule interface
//! (`__arrow_c_stream__`): pyarrow tables and record batch readers, polars DataFrames, DuckDB
//! results. Columns are read in place, batch by batch, without a Python object per cell.
//!
//! Column types: text (`string`, `large_string`, `string_view`), money as `decimal128`,
//! `float64`/`float32` or any integer, dates as `timestamp` (without a zone: wall-clock time; with
//! one: that zone's time with its offset, read like a string with an offset) or `date32`/`date64`,
//! `bool`, and `null`. A transaction field of another type is a `CONFIG` error naming the column.

use std::ffi::CStr;

use arrow_array::cast::AsArray;
use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::types::{
    Date32Type, Date64Type, Decimal128Type, Float32Type, Float64Type, Int8Type, Int16Type,
    Int32Type, Int64Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use feedrail::{Lines, RawRecord, RawValue};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use rust_decimal::Decimal;

use crate::errors::config_error;

/// The capsule name the Arrow PyCapsule interface gives a stream.
const STREAM: &CStr = c"arrow_array_stream";

/// The lines of `obj` when it exports an Arrow stream (and is not a pandas DataFrame, which
/// has its own column reader); `None` otherwise.
pub fn read(obj: &Bound<'_, PyAny>) -> PyResult<Option<Lines<'static>>> {
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
    let reader = RecordBatchStreamReader::try_new(stream)
        .map_err(|e| config_error(format!("records: cannot read the Arrow stream: {e}")))?;
    let mut lines = Lines::with_capacity(0);
    for batch in reader {
        let batch = batch
            .map_err(|e| config_error(format!("records: an Arrow batch is unreadable: {e}")))?;
        read_batch(&batch, &mut lines)?;
    }
    Ok(Some(lines))
}

fn is_pandas(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let module: String = obj.get_type().getattr("__module__")?.extract()?;
    Ok(module.starts_with("pandas."))
}

/// One column of a batch, as the type it is read as.
enum Column<'a> {
    /// Text, read in place.
    Text(Vec<Option<&'a str>>),
    /// Booleans.
    Bool(Vec<Option<bool>>),
    /// Exact numbers (integers, decimal128).
    Decimal(Vec<Option<Decimal>>),
    /// Exact numbers beyond 28 digits, as their decimal text (the core reports them as it does
    /// such text).
    Digits(Vec<Option<Decimal>>, Vec<Option<String>>),
    /// Binary floating point.
    Float(Vec<Option<f64>>),
    /// Wall-clock dates and times.
    Date(Vec<Option<NaiveDateTime>>),
    /// Instants shown in a zone, as ISO 8601 text with the offset.
    Zoned(Vec<Option<String>>),
    /// Only nulls.
    Null,
    /// A column that is not a transaction field, of a type feedrail does not read: only whether
    /// each cell is set.
    Present(ArrayRef),
}

impl<'a> Column<'a> {
    fn read(name: &str, field: bool, array: &'a ArrayRef) -> PyResult<Self> {
        fn cells<T, I: Iterator<Item = Option<T>>>(iter: I) -> Vec<Option<T>> {
            iter.collect()
        }
        Ok(match array.data_type() {
            DataType::Utf8 => Column::Text(cells(array.as_string::<i32>().iter())),
            DataType::LargeUtf8 => Column::Text(cells(array.as_string::<i64>().iter())),
            DataType::Utf8View => Column::Text(cells(array.as_string_view().iter())),
            DataType::Boolean => Column::Bool(cells(array.as_boolean().iter())),
            DataType::Int8 => ints(array.as_primitive::<Int8Type>().iter()),
            DataType::Int16 => ints(array.as_primitive::<Int16Type>().iter()),
            DataType::Int32 => ints(array.as_primitive::<Int32Type>().iter()),
            DataType::Int64 => ints(array.as_primitive::<Int64Type>().iter()),
            DataType::UInt8 => ints(array.as_primitive::<UInt8Type>().iter()),
            DataType::UInt16 => ints(array.as_primitive::<UInt16Type>().iter()),
            DataType::UInt32 => ints(array.as_primitive::<UInt32Type>().iter()),
            DataType::UInt64 => ints(array.as_primitive::<UInt64Type>().iter()),
            DataType::Float32 => Column::Float(cells(
                array
                    .as_primitive::<Float32Type>()
                    .iter()
                    .map(|v| v.map(f64::from)),
            )),
            DataType::Float64 => Column::Float(cells(array.as_primitive::<Float64Type>().iter())),
            DataType::Decimal128(_, scale) => {
                let scale = u32::try_from(*scale).map_err(|_| {
                    config_error(format!(
                        "column {name:?} is decimal128 with a negative scale ({scale}); give it a scale of 0 or more"
                    ))
                })?;
                let values = array.as_primitive::<Decimal128Type>();
                let exact: Vec<Option<Decimal>> = values
                    .iter()
                    .map(|v| v.and_then(|v| exact_decimal(v, scale)))
                    .collect();
                let wide = values
                    .iter()
                    .zip(&exact)
                    .any(|(v, d)| v.is_some() && d.is_none());
                if wide {
                    let texts = values
                        .iter()
                        .zip(&exact)
                        .map(|(v, d)| match (v, d) {
                            (Some(v), None) => Some(digits(v, scale)),
                            _ => None,
                        })
                        .collect();
                    Column::Digits(exact, texts)
                } else {
                    Column::Decimal(exact)
                }
            }
            DataType::Date32 => Column::Date(cells(
                array
                    .as_primitive::<Date32Type>()
                    .iter()
                    .map(|v| v.and_then(day)),
            )),
            DataType::Date64 => {
                Column::Date(cells(array.as_primitive::<Date64Type>().iter().map(|v| {
                    v.and_then(DateTime::from_timestamp_millis)
                        .map(|t| t.naive_utc())
                })))
            }
            DataType::Timestamp(unit, zone) => {
                let nanos: Vec<Option<i64>> = match unit {
                    TimeUnit::Second => scaled(
                        array.as_primitive::<TimestampSecondType>().iter(),
                        1_000_000_000,
                    ),
                    TimeUnit::Millisecond => scaled(
                        array.as_primitive::<TimestampMillisecondType>().iter(),
                        1_000_000,
                    ),
                    TimeUnit::Microsecond => scaled(
                        array.as_primitive::<TimestampMicrosecondType>().iter(),
                        1_000,
                    ),
                    TimeUnit::Nanosecond => {
                        cells(array.as_primitive::<TimestampNanosecondType>().iter())
                    }
                };
                let instants = nanos
                    .into_iter()
                    .map(|v| v.map(DateTime::from_timestamp_nanos));
                match zone {
                    None => Column::Date(instants.map(|t| t.map(|t| t.naive_utc())).collect()),
                    Some(zone) => {
                        let zone = feedrail::date::parse_zone(zone, name)
                            .map_err(|e| config_error(e.to_string()))?;
                        Column::Zoned(
                            instants
                                .map(|t| {
                                    t.map(|t| {
                                        t.with_timezone(&zone)
                                            .format("%Y-%m-%dT%H:%M:%S%.f%:z")
                                            .to_string()
                                    })
                                })
                                .collect(),
                        )
                    }
                }
            }
            DataType::Null => Column::Null,
            other if field => {
                return Err(config_error(format!(
                    "column {name:?} has Arrow type {other}; feedrail reads string, decimal128, float64, integer, timestamp, date32 and bool columns"
                )));
            }
            _ => Column::Present(array.clone()),
        })
    }

    fn raw(&self, row: usize) -> Option<RawValue<'_>> {
        match self {
            Column::Text(v) => v[row].map(RawValue::Text),
            Column::Bool(v) => v[row].map(RawValue::Bool),
            Column::Decimal(v) => v[row].map(RawValue::Decimal),
            Column::Digits(exact, texts) => exact[row]
                .map(RawValue::Decimal)
                .or_else(|| texts[row].as_deref().map(RawValue::Number)),
            Column::Float(v) => v[row].map(RawValue::Float),
            Column::Date(v) => v[row].map(RawValue::Date),
            Column::Zoned(v) => v[row].as_deref().map(RawValue::Text),
            Column::Null => None,
            Column::Present(array) => array.is_valid(row).then_some(RawValue::Other("a value")),
        }
    }
}

fn ints<T: Into<i128>>(iter: impl Iterator<Item = Option<T>>) -> Column<'static> {
    Column::Decimal(
        iter.map(|v| v.and_then(|v| Decimal::try_from_i128_with_scale(v.into(), 0).ok()))
            .collect(),
    )
}

/// `value` at `scale` as an exact decimal, trailing zeros beyond 28 places dropped (a column's
/// scale is shared by its values: `1E-28` in a scale-29 column is held as `10`); `None` when it
/// does not fit.
fn exact_decimal(mut value: i128, mut scale: u32) -> Option<Decimal> {
    while scale > 28 && value % 10 == 0 {
        value /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(value, scale).ok()
}

/// `value` at `scale` as decimal text (`-12345` at scale 2 is `-123.45`).
fn digits(value: i128, scale: u32) -> String {
    let magnitude = value.unsigned_abs().to_string();
    let scale = scale as usize;
    let padded = format!("{magnitude:0>width$}", width = scale + 1);
    let (whole, fraction) = padded.split_at(padded.len() - scale);
    let sign = if value < 0 { "-" } else { "" };
    match fraction.is_empty() {
        true => format!("{sign}{whole}"),
        false => format!("{sign}{whole}.{fraction}"),
    }
}

fn scaled(iter: impl Iterator<Item = Option<i64>>, factor: i64) -> Vec<Option<i64>> {
    iter.map(|v| v.and_then(|v| v.checked_mul(factor)))
        .collect()
}

fn day(days: i32) -> Option<NaiveDateTime> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(719_163)?)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
}

/// Appends the rows of `batch` to `lines`.
fn read_batch(batch: &RecordBatch, lines: &mut Lines<'static>) -> PyResult<()> {
    let schema = batch.schema();
    let mut columns = Vec::with_capacity(batch.num_columns());
    for (field, array) in schema.fields().iter().zip(batch.columns()) {
        let position = crate::lines::position(field.name());
        columns.push((
            position,
            field.name().as_str(),
            Column::read(field.name(), position.is_some(), array)?,
        ));
    }
    for row in 0..batch.num_rows() {
        let mut record = RawRecord::default();
        for (position, name, column) in &columns {
            let Some(value) = column.raw(row) else {
                continue;
            };
            match position.and_then(|i| record.field_at_mut(i)) {
                Some(slot) => *slot = Some(value),
                None => record.unknown.push((*name).to_owned()),
            }
        }
        lines.push(&record);
    }
    Ok(())
}
