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

/// Reads a file's records one at a time into the core's lines.
pub trait RecordReader: Send {
    /// Reads the next record into `lines`, returning the 1-based line it starts on, or `None` at
    /// the end; an error names the line.
    fn read_into(&mut self, lines: &mut Lines<'static>) -> Result<Option<u64>, String>;
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

    /// A reader of the records from the start; its errors name the file and the line.
    pub fn reader(&self) -> Result<Reader, String> {
        let file = self.handle()?;
        let path = self.path.display().to_string();
        let inner: Box<dyn RecordReader> = match self.format {
            Format::Csv => {
                Box::new(csv_rows::CsvRows::new(file).map_err(|e| format!("{path}: {e}"))?)
            }
            Format::Json(layout) => Box::new(json_rows::JsonRows::new(
                BufReader::with_capacity(64 * 1024, file),
                layout,
            )),
        };
        Ok(Reader { inner, path })
    }

    /// How a report names the records at `indices`, read from the file once more.
    pub fn names(&self, indices: &[usize]) -> Result<Names, String> {
        let wanted: std::collections::HashSet<usize> = indices.iter().copied().collect();
        let mut lines = HashMap::new();
        if !wanted.is_empty() {
            let mut reader = self.reader()?;
            let mut index = 0;
            let mut scratch = Lines::with_capacity(SOURCE_CHUNK_LINES);
            while let Some(line) = reader.read_into(&mut scratch)? {
                if wanted.contains(&index) {
                    lines.insert(index, line);
                }
                index += 1;
                if scratch.len() == SOURCE_CHUNK_LINES {
                    scratch = Lines::with_capacity(SOURCE_CHUNK_LINES);
                }
            }
        }
        Ok(Names {
            csv: self.format == Format::Csv,
            lines,
        })
    }
}

/// A file's records read one at a time, errors prefixed with the file's path.
pub struct Reader {
    inner: Box<dyn RecordReader>,
    path: String,
}

impl RecordReader for Reader {
    fn read_into(&mut self, lines: &mut Lines<'static>) -> Result<Option<u64>, String> {
        self.inner
            .read_into(lines)
            .map_err(|e| format!("{}: {e}", self.path))
    }
}

impl LineSource for FeedFile {
    fn chunks(&self) -> Result<Chunks<'_>, feedrail::Error> {
        let mut reader = self.reader().map_err(feedrail::Error::config)?;
        let mut first = 0;
        Ok(Box::new(std::iter::from_fn(move || {
            let mut lines = Lines::starting_at(first, SOURCE_CHUNK_LINES);
            while lines.len() < SOURCE_CHUNK_LINES {
                match reader.read_into(&mut lines) {
                    Ok(Some(_)) => {}
                    Ok(None) => break,
                    Err(e) => return Some(Err(feedrail::Error::config(e))),
                }
            }
            first += lines.len();
            (!lines.is_empty()).then_some(Ok(lines))
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
    pub lines: Lines<'static>,
    /// The 1-based line each record starts on.
    pub starts: Vec<u64>,
    /// Whether the file is CSV (records are named by line) or JSON (by row and line).
    pub csv: bool,
}

impl RowNames for Records {
    fn name(&self, index: usize) -> String {
        name(self.csv, index, self.starts.get(index).copied())
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
    let mut reader = file.reader()?;
    let mut out = Records {
        csv: file.format == Format::Csv,
        ..Records::default()
    };
    while let Some(line) = reader.read_into(&mut out.lines)? {
        out.starts.push(line);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_line_or_row_and_line() {
        let records = Records {
            lines: Lines::with_capacity(0),
            starts: vec![3, 6],
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
