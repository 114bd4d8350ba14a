//! Python records → the core's [`Lines`]: each field read straight from the Python object
//! (strings borrowed, ints and floats without text, `Decimal`s through `str`), never through JSON.
//! Which kinds a field accepts, and every message, is the core's.

use feedrail::rules::{Table, TableColumn};
use feedrail::{Chunks, LineSource, Lines, RawRecord, RawValue, SOURCE_CHUNK_LINES};
use feedrail_bindings::spelling::field_position;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use rust_decimal::Decimal;

/// Lines that own their text from any iterable of mappings or objects, from columns
/// (`feedrail._report.Columns`, how pandas DataFrames arrive), from an Arrow stream, or from a
/// [`LineBuffer`] (taken: it is left empty).
pub fn read(obj: &Bound<'_, PyAny>) -> PyResult<Lines<'static>> {
    if let Ok(buffer) = obj.cast::<LineBuffer>() {
        return Ok(std::mem::take(&mut *buffer.get().lock()));
    }
    if let Some(columns) = Columns::of(obj)? {
        return Ok(columns.lines()?.into_owned());
    }
    if let Some(lines) = crate::arrow::read(obj)? {
        return Ok(lines);
    }
    let not_records = || {
        crate::errors::config_error(format!(
            "records must be a list of records (dicts or objects) or a DataFrame, not a {}",
            obj.get_type()
                .name()
                .map_or_else(|_| "value".to_owned(), |n| n.to_string())
        ))
    };
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<pyo3::types::PyBytes>()
        || obj.is_instance_of::<pyo3::types::PyDict>()
    {
        return Err(not_records());
    }
    let iter = obj.try_iter().map_err(|_| not_records())?;
    let mut lines = Lines::with_capacity(obj.len().unwrap_or(0));
    read_all(iter, &mut lines)?;
    Ok(lines)
}

/// Reads each record of `iter` after the `lines` read before; an unreadable one is named by its
/// index in the whole feed.
fn read_all(iter: Bound<'_, pyo3::types::PyIterator>, lines: &mut Lines<'_>) -> PyResult<()> {
    let py = iter.py();
    let first = lines.len();
    for (offset, item) in iter.enumerate() {
        read_record(&item?, lines)
            .map_err(|e| crate::errors::to_pyerr(py, unreadable(first + offset, &e)))?;
    }
    Ok(())
}

/// Lines read a chunk of records at a time, so that each chunk's Python objects can be let go
/// once read: how `AsyncClient` consumes an async iterable of records (`feedrail._client`).
#[pyclass(frozen, module = "feedrail._native")]
pub struct LineBuffer {
    lines: std::sync::Mutex<Lines<'static>>,
}

impl LineBuffer {
    fn lock(&self) -> std::sync::MutexGuard<'_, Lines<'static>> {
        self.lines
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[pymethods]
impl LineBuffer {
    /// How many records a chunk holds: the core's `SOURCE_CHUNK_LINES`.
    #[classattr]
    const CHUNK: usize = SOURCE_CHUNK_LINES;

    #[new]
    fn new() -> Self {
        LineBuffer {
            lines: std::sync::Mutex::new(Lines::default()),
        }
    }

    /// Reads `records` (an iterable of dicts or objects) after those read before.
    fn extend(&self, records: &Bound<'_, PyAny>) -> PyResult<()> {
        read_all(records.try_iter()?, &mut self.lock())
    }

    fn __len__(&self) -> usize {
        self.lock().len()
    }
}

/// A record whose own code raised while it was read (a property, `isoformat`, `__str__`): a
/// `CONFIG` error naming it, whether the records were read up front or chunk by chunk.
fn unreadable(index: usize, e: &PyErr) -> feedrail::Error {
    feedrail::Error::unreadable_record(index, e)
}

/// A list or tuple of records, read chunk by chunk (taking the GIL for each) while a feed is
/// pushed: three passes over the caller's own list instead of a copy of the whole feed.
pub struct ListSource {
    records: Py<PyAny>,
}

impl ListSource {
    /// The source for `obj` when it is a list or a tuple.
    pub fn of(obj: &Bound<'_, PyAny>) -> Option<Self> {
        (obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>()).then(|| ListSource {
            records: obj.clone().unbind(),
        })
    }
}

impl LineSource for ListSource {
    fn chunks(&self) -> Result<Chunks<'_>, feedrail::Error> {
        let mut first = 0;
        Ok(Box::new(std::iter::from_fn(move || {
            Python::attach(|py| {
                let records = self.records.bind(py);
                let end = records.len().ok()?.min(first + SOURCE_CHUNK_LINES);
                if first >= end {
                    return None;
                }
                let mut lines = Lines::starting_at(first, end - first);
                for index in first..end {
                    let read = records
                        .get_item(index)
                        .and_then(|record| read_record(&record, &mut lines));
                    if let Err(e) = read {
                        return Some(Err(unreadable(index, &e)));
                    }
                }
                first = end;
                Some(Ok(lines))
            })
        })))
    }
}

/// One field's value, holding what its [`RawValue`] borrows.
enum Cell<'py> {
    Null,
    Bool(bool),
    Text(Bound<'py, PyString>),
    Number(Bound<'py, PyString>),
    Decimal(Decimal),
    Float(f64),
    Other(&'static str),
}

impl Cell<'_> {
    fn raw(&self) -> PyResult<RawValue<'_>> {
        Ok(match self {
            Cell::Null => RawValue::Null,
            Cell::Bool(b) => RawValue::Bool(*b),
            Cell::Text(s) => RawValue::Text(s.to_str()?),
            Cell::Number(s) => RawValue::Number(s.to_str()?),
            Cell::Decimal(d) => RawValue::Decimal(*d),
            Cell::Float(f) => RawValue::Float(*f),
            Cell::Other(kind) => RawValue::Other(kind),
        })
    }
}

/// A record's fields by position in `KNOWN_FIELDS`, and its other keys.
struct Cells<'py> {
    known: [Option<Cell<'py>>; 9],
    unknown: Vec<String>,
}

impl<'py> Cells<'py> {
    fn new() -> Self {
        Cells {
            known: [const { None }; 9],
            unknown: Vec::new(),
        }
    }

    /// Files `cell` under `key`.
    fn put(&mut self, key: &str, cell: Cell<'py>) {
        match field_position(key) {
            Some(i) => self.known[i] = Some(cell),
            None => self.unknown.push(key.to_owned()),
        }
    }

    fn push_to(self, lines: &mut Lines<'_>) -> PyResult<()> {
        let mut record = RawRecord {
            unknown: self.unknown,
            ..RawRecord::default()
        };
        for (i, cell) in self.known.iter().enumerate() {
            if let (Some(cell), Some(slot)) = (cell, record.field_at_mut(i)) {
                *slot = Some(cell.raw()?);
            }
        }
        lines.push(&record);
        Ok(())
    }
}

/// A mapping, a dataclass or an object with attributes is read field by field; anything else is
/// an `INVALID_RECORD` line named by the core's kind of value.
fn read_record(obj: &Bound<'_, PyAny>, lines: &mut Lines<'_>) -> PyResult<()> {
    if let Ok(dict) = obj.cast::<PyDict>() {
        return read_dict(dict, lines);
    }
    match cell(obj.clone())? {
        Cell::Other("an object") if obj.hasattr("__dataclass_fields__")? => {
            let dict = obj
                .py()
                .import("dataclasses")?
                .call_method1("asdict", (obj,))?;
            read_dict(dict.cast()?, lines)
        }
        Cell::Other("an object") => match obj.getattr("__dict__") {
            Ok(attrs) if attrs.cast::<PyDict>().is_ok() => read_dict(attrs.cast()?, lines),
            _ => {
                lines.push_unreadable("an object without fields");
                Ok(())
            }
        },
        other => {
            lines.push_unreadable(other.raw()?.kind());
            Ok(())
        }
    }
}

fn read_dict(dict: &Bound<'_, PyDict>, lines: &mut Lines<'_>) -> PyResult<()> {
    let mut cells = Cells::new();
    for (key, value) in dict.iter() {
        let cell = cell(value)?;
        match key.cast::<PyString>() {
            Ok(k) => cells.put(k.to_str()?, cell),
            Err(_) => cells.put(&key.str()?.to_cow()?, cell),
        }
    }
    cells.push_to(lines)
}

/// `decimal.Decimal`, looked up once per interpreter.
fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

/// A field's value: text borrowed, ints exactly, floats as floats (the core reads them through
/// their shortest decimal), `Decimal`s through `str`, dates and date-times through `isoformat`.
fn cell(value: Bound<'_, PyAny>) -> PyResult<Cell<'_>> {
    let value = match value.cast_into::<PyString>() {
        Ok(s) => return Ok(Cell::Text(s)),
        Err(e) => e.into_inner(),
    };
    if value.is_none() {
        return Ok(Cell::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Cell::Bool(b.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        return Ok(match value.extract::<i64>() {
            Ok(i) => Cell::Decimal(Decimal::from(i)),
            Err(_) => Cell::Number(value.str()?),
        });
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Ok(Cell::Float(f.value()));
    }
    let py = value.py();
    if value.is_instance(decimal_type(py)?)? {
        return Ok(Cell::Number(value.str()?));
    }
    if value.hasattr("isoformat")? {
        let text = value.call_method0("isoformat")?;
        return Ok(Cell::Text(text.cast_into::<PyString>()?));
    }
    if value.hasattr("dtype")? && value.hasattr("item")? {
        // A numpy scalar: its plain Python value.
        return cell(value.call_method0("item")?);
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        return Ok(Cell::Other("an array"));
    }
    if value.is_instance_of::<PyDict>()
        || value.hasattr("__dataclass_fields__")?
        || value.hasattr("__dict__")?
    {
        return Ok(Cell::Other("an object"));
    }
    Ok(Cell::Text(value.str()?))
}

/// One DataFrame column: numeric and datetime columns as their raw 8-byte values, the rest as
/// the cells' values, read once.
enum Column<'py> {
    /// Nanoseconds since the epoch, UTC; `i64::MIN` (NaT) is an empty cell.
    Nanos(Vec<i64>),
    /// Floats; NaN is an empty cell.
    Floats(Vec<f64>),
    /// Integers.
    Ints(Vec<i64>),
    /// Other values; `None`, NaN and pandas' missing markers are empty cells.
    Cells(Vec<Option<Cell<'py>>>),
}

impl<'py> Column<'py> {
    fn read(kind: &str, data: Bound<'py, PyAny>, missing: &[Bound<'py, PyAny>]) -> PyResult<Self> {
        let words = |data: &Bound<'py, PyAny>| -> PyResult<Vec<[u8; 8]>> {
            Ok(data
                .cast::<PyBytes>()?
                .as_bytes()
                .as_chunks::<8>()
                .0
                .to_vec())
        };
        Ok(match kind {
            "ns" => Column::Nanos(words(&data)?.into_iter().map(i64::from_ne_bytes).collect()),
            "f8" => Column::Floats(words(&data)?.into_iter().map(f64::from_ne_bytes).collect()),
            "i8" => Column::Ints(words(&data)?.into_iter().map(i64::from_ne_bytes).collect()),
            _ => Column::Cells(
                data.cast_into::<PyList>()?
                    .iter()
                    .map(|v| {
                        let empty = v.is_none()
                            || v.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan())
                            || missing.iter().any(|m| v.is(m));
                        if empty {
                            return Ok(None);
                        }
                        let cell = cell(v)?;
                        // Text that cannot be read (a lone surrogate) fails here, once; its
                        // UTF-8 is kept by the string, so reading it again cannot fail.
                        cell.raw()?;
                        Ok(Some(cell))
                    })
                    .collect::<PyResult<_>>()?,
            ),
        })
    }

    fn len(&self) -> usize {
        match self {
            Column::Nanos(v) | Column::Ints(v) => v.len(),
            Column::Floats(v) => v.len(),
            Column::Cells(v) => v.len(),
        }
    }

    /// The value at `row`, `None` when the cell is empty.
    fn raw(&self, row: usize) -> Option<RawValue<'_>> {
        match self {
            Column::Nanos(v) => (v[row] != i64::MIN).then(|| {
                RawValue::Date(chrono::DateTime::from_timestamp_nanos(v[row]).naive_utc())
            }),
            Column::Floats(v) => (!v[row].is_nan()).then_some(RawValue::Float(v[row])),
            Column::Ints(v) => Some(RawValue::Decimal(Decimal::from(v[row]))),
            Column::Cells(v) => v[row].as_ref().map(|cell| {
                cell.raw()
                    .unwrap_or(RawValue::Other("text that is not valid UTF-8"))
            }),
        }
    }
}

/// A DataFrame as `feedrail._report.Columns` hands it over: each column name to `(kind, data)` —
/// kind `"ns"`, `"f8"` or `"i8"` with the column's 8-byte values as `bytes`, any other kind with
/// a list of values — and the objects that mark an empty cell (`missing`).
pub struct Columns<'py> {
    /// Each column's field position (`None`: not a transaction field), name and cells.
    named: Vec<(Option<usize>, String, Column<'py>)>,
}

impl<'py> Columns<'py> {
    /// The columns of `obj` when it is a `Columns` object.
    pub fn of(obj: &Bound<'py, PyAny>) -> PyResult<Option<Self>> {
        let Ok(columns) = obj.getattr("columns_by_name") else {
            return Ok(None);
        };
        let missing: Vec<Bound<'py, PyAny>> = obj
            .getattr("missing")?
            .try_iter()?
            .collect::<PyResult<_>>()?;
        let mut named = Vec::new();
        for (name, spec) in columns.cast::<PyDict>()?.iter() {
            let name = name.cast::<PyString>()?.to_str()?.to_owned();
            let (kind, data): (String, Bound<'py, PyAny>) = spec.extract()?;
            named.push((
                field_position(&name),
                name,
                Column::read(&kind, data, &missing)?,
            ));
        }
        Ok(Some(Columns { named }))
    }

    /// The rows as lines, borrowing their text from the cells.
    pub fn lines(&self) -> PyResult<Lines<'_>> {
        let rows = self.named.first().map_or(0, |(_, _, c)| c.len());
        let table = Table::new(
            rows,
            self.named
                .iter()
                .map(|(position, name, column)| (*position, name.as_str(), column)),
        );
        let mut lines = Lines::with_capacity(rows);
        lines.push_table_borrowed(&table);
        Ok(lines)
    }
}

impl TableColumn for Column<'_> {
    fn cell(&self, row: usize) -> Option<RawValue<'_>> {
        self.raw(row)
    }
}
