//! Arrow record batches → the core's [`Lines`] (to push) or straight into the rules
//! ([`check_batches`], to validate), each cell read in place from its column: how Python reads
//! anything with the Arrow PyCapsule interface (pyarrow, polars, DuckDB) and Node reads Arrow IPC
//! bytes (`tableToIPC(table)` of Apache Arrow JS).
//!
//! Column names are Codat's (`transactionType`) or snake case (`transaction_type`). Column types:
//! text (`string`, `large_string`, `string_view`), money as `decimal128`, `float64`/`float32` or
//! any integer, dates as `timestamp` (without a zone: wall-clock time; with one: that zone's time
//! with its offset, read like a string with an offset) or `date32`/`date64`, `bool`, and `null`.
//! A transaction field of another type is a `CONFIG` error naming the column.

pub use arrow_array::RecordBatch;

use std::cell::Cell;
use std::io::Cursor;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Decimal128Type, Float32Type, Float64Type, Int8Type, Int16Type,
    Int32Type, Int64Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Date64Array, Decimal128Array, Float32Array,
    Float64Array, LargeStringArray, StringArray, StringViewArray,
};
use arrow_buffer::{NullBuffer, ScalarBuffer};
use arrow_schema::{ArrowError, DataType, TimeUnit};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use feedrail::rules::{Table, TableColumn, check_tables};
use feedrail::{Error, Lines, RawValue, Validated, ValidationContext};
use rust_decimal::Decimal;

/// Reads every batch of `batches` after the `lines` read before; a batch that cannot be read is
/// `CONFIG` naming the argument `what`.
pub fn read_batches(
    batches: impl IntoIterator<Item = Result<RecordBatch, ArrowError>>,
    what: &str,
    lines: &mut Lines<'static>,
) -> Result<(), Error> {
    for batch in batches {
        read_batch(&readable(batch, what)?, lines)?;
    }
    Ok(())
}

/// The lines of Arrow IPC bytes, in the streaming format (`tableToIPC(table)`, the default) or
/// the file format (`tableToIPC(table, "file")`, a `.arrow` file's content).
/// `what` names the argument in messages.
pub fn read_ipc(bytes: &[u8], what: &str) -> Result<Lines<'static>, Error> {
    let mut lines = Lines::default();
    read_batches(ipc_reader(bytes, what)?, what, &mut lines)?;
    Ok(lines)
}

/// The batches of Arrow IPC bytes (see [`read_ipc`]), for [`check_batches`].
pub fn ipc_batches(bytes: &[u8], what: &str) -> Result<Vec<RecordBatch>, Error> {
    ipc_reader(bytes, what)?
        .map(|batch| readable(batch, what))
        .collect()
}

/// The batches of Arrow IPC bytes as they are read, in either format.
fn ipc_reader<'b>(
    bytes: &'b [u8],
    what: &str,
) -> Result<Box<dyn Iterator<Item = Result<RecordBatch, ArrowError>> + 'b>, Error> {
    let unreadable = |e: ArrowError| {
        Error::config(format!(
            "{what}: the bytes are not Arrow IPC data ({e}); pass tableToIPC(table) of an Arrow table"
        ))
    };
    Ok(if bytes.starts_with(b"ARROW1") {
        Box::new(
            arrow_ipc::reader::FileReader::try_new(Cursor::new(bytes), None).map_err(unreadable)?,
        )
    } else {
        Box::new(arrow_ipc::reader::StreamReader::try_new(bytes, None).map_err(unreadable)?)
    })
}

/// A batch as read, or `CONFIG` naming the argument `what`.
pub fn readable(batch: Result<RecordBatch, ArrowError>, what: &str) -> Result<RecordBatch, Error> {
    batch.map_err(|e| Error::config(format!("{what}: an Arrow batch is unreadable: {e}")))
}

/// Appends the rows of `batch` to `lines`.
pub fn read_batch(batch: &RecordBatch, lines: &mut Lines<'static>) -> Result<(), Error> {
    let decoded = decode(batch)?;
    let columns = typed(batch, &decoded)?;
    lines.push_table(&table(batch, &columns));
    Ok(())
}

/// Validates the rows of `batches` in order against `ctx`, each row read from its columns as it
/// is checked, its text borrowed (no lines kept): what `validate` does with an Arrow table.
pub fn check_batches(
    batches: &[RecordBatch],
    ctx: &ValidationContext<'_>,
) -> Result<Validated, Error> {
    let decoded = batches.iter().map(decode).collect::<Result<Vec<_>, _>>()?;
    let columns = batches
        .iter()
        .zip(&decoded)
        .map(|(batch, decoded)| typed(batch, decoded))
        .collect::<Result<Vec<_>, _>>()?;
    let tables: Vec<_> = batches
        .iter()
        .zip(&columns)
        .map(|(batch, columns)| table(batch, columns))
        .collect();
    Ok(check_tables(&tables, ctx))
}

/// A batch's columns, dictionaries decoded.
fn decode(batch: &RecordBatch) -> Result<Vec<ArrayRef>, Error> {
    batch.columns().iter().map(decoded).collect()
}

/// Each of the `decoded` columns of `batch` typed, with its field position and name.
fn typed<'a>(batch: &'a RecordBatch, decoded: &'a [ArrayRef]) -> Result<Vec<Named<'a>>, Error> {
    batch
        .schema_ref()
        .fields()
        .iter()
        .zip(decoded)
        .map(|(field, array)| {
            let position = crate::spelling::field_position(field.name());
            let column = Column::read(field.name(), position.is_some(), array)?;
            Ok((position, field.name().as_str(), column))
        })
        .collect()
}

/// A typed column with its field position (`None`: not a transaction field) and name.
type Named<'a> = (Option<usize>, &'a str, Column<'a>);

/// The table of `batch`'s typed `columns`.
fn table<'c>(batch: &RecordBatch, columns: &'c [Named<'c>]) -> Table<'c, Column<'c>> {
    Table::new(
        batch.num_rows(),
        columns
            .iter()
            .map(|(position, name, column)| (*position, *name, column)),
    )
}

/// `array` with a dictionary-encoded column (how Arrow JS and pandas categoricals hold repeated
/// text) turned into its plain values.
fn decoded(array: &ArrayRef) -> Result<ArrayRef, Error> {
    match array.as_any_dictionary_opt() {
        Some(dictionary) => arrow_select::take::take(dictionary.values(), dictionary.keys(), None)
            .map_err(|e| Error::config(format!("records: a dictionary column is unreadable: {e}"))),
        None => Ok(array.clone()),
    }
}

/// One column of a batch, typed as it is read: most kinds are read cell by cell from the
/// column's own buffers; the rare ones that need text of their own are converted up front.
enum Column<'a> {
    Utf8(&'a StringArray),
    LargeUtf8(&'a LargeStringArray),
    Utf8View(&'a StringViewArray),
    Bool(&'a BooleanArray),
    Float64(&'a Float64Array),
    Float32(&'a Float32Array),
    /// `decimal128` at `scale`; `wide` holds the decimal text of the values beyond 28 digits
    /// (the core reports them as it does such text), when there are any.
    Decimal {
        values: &'a Decimal128Array,
        scale: u32,
        wide: Option<Vec<Option<String>>>,
    },
    /// Integers, as exact numbers (`None` beyond 96 bits).
    Integers(Vec<Option<Decimal>>),
    Days(&'a Date32Array),
    Millis(&'a Date64Array),
    /// A timestamp without a zone: wall-clock time.
    Instants(Instants<'a>),
    /// Instants shown in a zone, as ISO 8601 text with the offset.
    Zoned(Vec<Option<String>>),
    /// Only nulls.
    Null,
    /// A column that is not a transaction field, of a type feedrail does not read: only whether
    /// each cell is set.
    Present(&'a ArrayRef),
}

/// Binds `$read` to a reader of one cell of `$column` (`Fn(row) -> Option<RawValue>`) and
/// evaluates `$then`, once per column type: each type's loop over a run is compiled with its own
/// reader inlined.
macro_rules! with_reader {
    ($column:expr, $read:ident => $then:expr) => {
        match $column {
            Column::Utf8(a) => {
                let $read = |row| a.is_valid(row).then(|| RawValue::Text(a.value(row)));
                $then
            }
            Column::LargeUtf8(a) => {
                let $read = |row| a.is_valid(row).then(|| RawValue::Text(a.value(row)));
                $then
            }
            Column::Utf8View(a) => {
                let $read = |row| a.is_valid(row).then(|| RawValue::Text(a.value(row)));
                $then
            }
            Column::Bool(a) => {
                let $read = |row| a.is_valid(row).then(|| RawValue::Bool(a.value(row)));
                $then
            }
            Column::Float64(a) => {
                let $read = |row| a.is_valid(row).then(|| RawValue::Float(a.value(row)));
                $then
            }
            Column::Float32(a) => {
                let $read = |row| {
                    a.is_valid(row)
                        .then(|| RawValue::Float(a.value(row).into()))
                };
                $then
            }
            Column::Decimal {
                values,
                scale,
                wide,
            } => {
                let $read = |row| {
                    if !values.is_valid(row) {
                        return None;
                    }
                    match exact_decimal(values.value(row), *scale) {
                        Some(d) => Some(RawValue::Decimal(d)),
                        None => wide.as_ref()?[row].as_deref().map(RawValue::Number),
                    }
                };
                $then
            }
            Column::Integers(v) => {
                let $read = |row: usize| v[row].map(RawValue::Decimal);
                $then
            }
            Column::Days(a) => {
                let $read = |row| {
                    a.is_valid(row)
                        .then(|| day(a.value(row)))
                        .flatten()
                        .map(RawValue::Date)
                };
                $then
            }
            Column::Millis(a) => {
                let $read = |row| {
                    a.is_valid(row)
                        .then(|| DateTime::from_timestamp_millis(a.value(row)))
                        .flatten()
                        .map(|t| RawValue::Date(t.naive_utc()))
                };
                $then
            }
            Column::Instants(instants) => {
                let day = Cell::new(EPOCH);
                let $read = |row| instants.at(row, &day).map(RawValue::Date);
                $then
            }
            Column::Zoned(v) => {
                let $read = |row: usize| v[row].as_deref().map(RawValue::Text);
                $then
            }
            Column::Null => {
                let $read = |_| None;
                $then
            }
            Column::Present(array) => {
                let $read = |row| array.is_valid(row).then_some(RawValue::Other("a value"));
                $then
            }
        }
    };
}

impl TableColumn for Column<'_> {
    fn cell(&self, row: usize) -> Option<RawValue<'_>> {
        with_reader!(self, read => read(row))
    }

    fn each_cell<'s>(
        &'s self,
        rows: std::ops::Range<usize>,
        mut each: impl FnMut(usize, Option<RawValue<'s>>),
    ) {
        with_reader!(self, read => {
            for (k, row) in rows.enumerate() {
                each(k, read(row));
            }
        })
    }
}

impl<'a> Column<'a> {
    fn read(name: &str, field: bool, array: &'a ArrayRef) -> Result<Self, Error> {
        Ok(match array.data_type() {
            DataType::Utf8 => Column::Utf8(array.as_string::<i32>()),
            DataType::LargeUtf8 => Column::LargeUtf8(array.as_string::<i64>()),
            DataType::Utf8View => Column::Utf8View(array.as_string_view()),
            DataType::Boolean => Column::Bool(array.as_boolean()),
            DataType::Int8 => integers(array.as_primitive::<Int8Type>().iter()),
            DataType::Int16 => integers(array.as_primitive::<Int16Type>().iter()),
            DataType::Int32 => integers(array.as_primitive::<Int32Type>().iter()),
            DataType::Int64 => integers(array.as_primitive::<Int64Type>().iter()),
            DataType::UInt8 => integers(array.as_primitive::<UInt8Type>().iter()),
            DataType::UInt16 => integers(array.as_primitive::<UInt16Type>().iter()),
            DataType::UInt32 => integers(array.as_primitive::<UInt32Type>().iter()),
            DataType::UInt64 => integers(array.as_primitive::<UInt64Type>().iter()),
            DataType::Float32 => Column::Float32(array.as_primitive::<Float32Type>()),
            DataType::Float64 => Column::Float64(array.as_primitive::<Float64Type>()),
            DataType::Decimal128(_, scale) => {
                let scale = u32::try_from(*scale).map_err(|_| {
                    Error::config(format!(
                        "column {name:?} is decimal128 with a negative scale ({scale}); give it a scale of 0 or more"
                    ))
                })?;
                let values = array.as_primitive::<Decimal128Type>();
                let wide = values
                    .iter()
                    .any(|v| v.is_some_and(|v| exact_decimal(v, scale).is_none()))
                    .then(|| {
                        values
                            .iter()
                            .map(|v| {
                                v.filter(|&v| exact_decimal(v, scale).is_none())
                                    .map(|v| digits(v, scale))
                            })
                            .collect()
                    });
                Column::Decimal {
                    values,
                    scale,
                    wide,
                }
            }
            DataType::Date32 => Column::Days(array.as_primitive::<Date32Type>()),
            DataType::Date64 => Column::Millis(array.as_primitive::<Date64Type>()),
            DataType::Timestamp(unit, zone) => {
                let (values, per_second) = match unit {
                    TimeUnit::Second => (array.as_primitive::<TimestampSecondType>().values(), 1),
                    TimeUnit::Millisecond => (
                        array.as_primitive::<TimestampMillisecondType>().values(),
                        1_000,
                    ),
                    TimeUnit::Microsecond => (
                        array.as_primitive::<TimestampMicrosecondType>().values(),
                        1_000_000,
                    ),
                    TimeUnit::Nanosecond => (
                        array.as_primitive::<TimestampNanosecondType>().values(),
                        1_000_000_000,
                    ),
                };
                let instants = Instants {
                    values,
                    nulls: array.nulls(),
                    per_second,
                };
                match zone {
                    None => Column::Instants(instants),
                    Some(zone) => {
                        let zone = feedrail::date::parse_zone(zone, name)?;
                        let day = Cell::new(EPOCH);
                        Column::Zoned(
                            (0..array.len())
                                .map(|row| {
                                    instants.at(row, &day).map(|t| {
                                        t.and_utc()
                                            .with_timezone(&zone)
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
                return Err(Error::config(format!(
                    "column {name:?} has Arrow type {other}; feedrail reads string, decimal128, float64, integer, timestamp, date32 and bool columns"
                )));
            }
            _ => Column::Present(array),
        })
    }
}

/// The cells of a timestamp column without a zone.
struct Instants<'a> {
    values: &'a ScalarBuffer<i64>,
    nulls: Option<&'a NullBuffer>,
    /// Units a second.
    per_second: i64,
}

/// Day 0 (1970-01-01), where a reader's last day met starts.
const EPOCH: (i64, NaiveDate) = (0, NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date"));

impl Instants<'_> {
    /// The instant at `row` as UTC wall-clock time (`None` when null or beyond chrono's years).
    /// `day` is the last day met (days since 1970-01-01 and its date): rows of a feed mostly
    /// share their day with the row before.
    #[inline(always)]
    fn at(&self, row: usize, day: &Cell<(i64, NaiveDate)>) -> Option<NaiveDateTime> {
        let Instants {
            values,
            nulls,
            per_second,
        } = self;
        if nulls.is_some_and(|n| n.is_null(row)) {
            return None;
        }
        let value = values[row];
        let (seconds, part) = (value.div_euclid(*per_second), value.rem_euclid(*per_second));
        let nanos = u32::try_from(part * (1_000_000_000 / per_second)).ok()?;
        let (days, second) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
        let date = match day.get() {
            (known, date) if known == days => date,
            _ => {
                let date = epoch_day(days)?;
                day.set((days, date));
                date
            }
        };
        let time =
            NaiveTime::from_num_seconds_from_midnight_opt(u32::try_from(second).ok()?, nanos)?;
        Some(date.and_time(time))
    }
}

fn integers<T: Into<i128>>(cells: impl Iterator<Item = Option<T>>) -> Column<'static> {
    Column::Integers(
        cells
            .map(|v| v.and_then(|v| Decimal::try_from_i128_with_scale(v.into(), 0).ok()))
            .collect(),
    )
}

/// `value` at `scale` as an exact decimal, trailing zeros beyond 28 places dropped (a column's
/// scale is shared by its values: `1E-28` in a scale-29 column is held as `10`); `None` when it
/// does not fit.
#[inline(always)]
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

/// The date `days` after 1970-01-01.
fn epoch_day(days: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(days.checked_add(719_163)?).ok()?)
}

/// Days since 1970-01-01 as midnight that day.
fn day(days: i32) -> Option<NaiveDateTime> {
    epoch_day(days.into()).map(|d| d.and_time(NaiveTime::MIN))
}
