//! Reading a file of transactions as a stream: a JSON array of objects, JSON Lines (`.jsonl`,
//! `.ndjson`), or a CSV whose header names the fields (`.csv`). CSV columns match Codat's field
//! names whatever their case and punctuation (`transactionType`, `transaction_type`,
//! `Transaction Type`; `type` too); other columns are kept under their own name (the rules warn
//! about them); an empty cell is an absent field. Every cell stays text, so amounts keep their
//! exact digits.
//!
//! Nothing is read with a meaning the file does not state: two columns naming one field, a JSON
//! object repeating a key, bytes that are not UTF-8 and a malformed row are each a one-line
//! error naming the line. Every record keeps the line it starts on, for the report.

mod csv_rows;
mod json_rows;

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use feedrail::{Chunks, LineSource, Lines, SOURCE_CHUNK_LINES};
use serde_json::Value;

use json_rows::Layout;

/// Fields by their normalized spelling (lowercase letters and digits only).
const FIELDS: [(&str, &str); 10] = [
    ("id", "id"),
    ("date", "date"),
    ("description", "description"),
    ("amount", "amount"),
    ("balance", "balance"),
    ("transactiontype", "transactionType"),
    ("type", "transactionType"),
    ("counterparty", "counterparty"),
    ("reference", "reference"),
    ("reconciled", "reconciled"),
];

/// One record and the 1-based line it starts on.
#[derive(Debug)]
pub struct Row {
    /// The line it starts on.
    pub line: u64,
    /// The record, every CSV cell as text.
    pub record: Value,
}

/// How the file's records are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json(Layout),
}

/// A transaction file, read again from its start whenever its records are needed, one record at
/// a time: memory does not grow with the file.
#[derive(Debug, Clone)]
pub struct FeedFile {
    path: PathBuf,
    format: Format,
}

type RowIter = Box<dyn Iterator<Item = Result<Row, String>> + Send>;

impl FeedFile {
    /// The file at `path`: CSV when it ends in `.csv`, JSON Lines in `.jsonl` or `.ndjson`, a
    /// JSON array otherwise. Fails when it cannot be opened.
    pub fn open(path: &Path) -> Result<Self, String> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let format = match extension.as_deref() {
            Some("csv") => Format::Csv,
            Some("jsonl" | "ndjson") => Format::Json(Layout::Lines),
            _ => Format::Json(Layout::Array),
        };
        let file = FeedFile {
            path: path.to_owned(),
            format,
        };
        file.handle()?;
        Ok(file)
    }

    fn handle(&self) -> Result<File, String> {
        File::open(&self.path).map_err(|e| format!("cannot read {}: {e}", self.path.display()))
    }

    /// The records from the start, each an error naming the file and line if unreadable.
    pub fn rows(&self) -> Result<RowIter, String> {
        let file = self.handle()?;
        let path = self.path.display().to_string();
        let rows: RowIter = match self.format {
            Format::Csv => {
                Box::new(csv_rows::CsvRows::new(file).map_err(|e| format!("{path}: {e}"))?)
            }
            Format::Json(layout) => Box::new(json_rows::JsonRows::new(
                BufReader::with_capacity(64 * 1024, file),
                layout,
            )),
        };
        Ok(Box::new(
            rows.map(move |row| row.map_err(|e| format!("{path}: {e}"))),
        ))
    }

    /// How a report names the records at `indices`, read from the file once more.
    pub fn names(&self, indices: &[usize]) -> Result<Names, String> {
        let wanted: std::collections::HashSet<usize> = indices.iter().copied().collect();
        let mut lines = HashMap::new();
        if !wanted.is_empty() {
            for (index, row) in self.rows()?.enumerate() {
                if wanted.contains(&index) {
                    lines.insert(index, row?.line);
                }
            }
        }
        Ok(Names {
            csv: self.format == Format::Csv,
            lines,
        })
    }
}

impl LineSource for FeedFile {
    fn chunks(&self) -> Result<Chunks<'_>, feedrail::Error> {
        let mut rows = self.rows().map_err(feedrail::Error::config)?;
        let mut first = 0;
        Ok(Box::new(std::iter::from_fn(move || {
            let mut records = Vec::with_capacity(SOURCE_CHUNK_LINES);
            for row in rows.by_ref().take(SOURCE_CHUNK_LINES) {
                match row {
                    Ok(row) => records.push(row.record),
                    Err(e) => return Some(Err(feedrail::Error::config(e))),
                }
            }
            if records.is_empty() {
                return None;
            }
            let lines = Lines::from_json_at(first, &records);
            first += records.len();
            Some(Ok(lines))
        })))
    }
}

/// How a report names a record: `line 7` (CSV) or `row 3 (line 7)` (JSON).
pub trait RowNames {
    /// The name of record `index`.
    fn name(&self, index: usize) -> String;
}

/// The lines of some records of a file, for a report.
#[derive(Debug, Default)]
pub struct Names {
    csv: bool,
    lines: HashMap<usize, u64>,
}

impl RowNames for Names {
    fn name(&self, index: usize) -> String {
        name(self.csv, index, self.lines.get(&index).copied())
    }
}

/// A whole file's records and where each starts, for commands that need them all at once.
#[derive(Debug, Default)]
pub struct Records {
    /// The records, in file order.
    pub records: Vec<Value>,
    /// The 1-based line each record starts on.
    pub lines: Vec<u64>,
    /// Whether the file is CSV (records are named by line) or JSON (by row and line).
    pub csv: bool,
}

impl RowNames for Records {
    fn name(&self, index: usize) -> String {
        name(self.csv, index, self.lines.get(index).copied())
    }
}

fn name(csv: bool, index: usize, line: Option<u64>) -> String {
    match (csv, line) {
        (true, Some(line)) => format!("line {line}"),
        (false, Some(line)) => format!("row {index} (line {line})"),
        (_, None) => format!("row {index}"),
    }
}

/// Every record of `path` (see [`FeedFile::open`]).
pub fn read_records(path: &Path) -> Result<Records, String> {
    let file = FeedFile::open(path)?;
    let mut out = Records {
        csv: file.format == Format::Csv,
        ..Records::default()
    };
    for row in file.rows()? {
        let row = row?;
        out.lines.push(row.line);
        out.records.push(row.record);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_line_or_row_and_line() {
        let records = Records {
            records: vec![Value::Null, Value::Null],
            lines: vec![3, 6],
            csv: true,
        };
        assert_eq!(records.name(1), "line 6");
        let names = Names {
            csv: false,
            lines: HashMap::from([(1, 4)]),
        };
        assert_eq!(names.name(1), "row 1 (line 4)");
        assert_eq!(names.name(0), "row 0");
    }
}
