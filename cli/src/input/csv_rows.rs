//! CSV records read as a stream: the header maps columns to Codat's fields, every cell stays
//! text, and each record keeps the line it starts on.

use std::collections::{HashMap, VecDeque};
use std::io::Read;
use std::sync::{Arc, Mutex};

use feedrail::{Lines, RawRecord, RawValue, field_position};

use super::{FIELDS, RecordReader};

/// The bytes the CSV reader has taken but no record has passed yet, to count lines exactly
/// (blank lines and line breaks inside quoted cells count) without keeping the file.
#[derive(Default)]
struct Window {
    /// File offset of `bytes[0]`.
    start: u64,
    /// The 1-based line `bytes[0]` is on.
    line: u64,
    bytes: VecDeque<u8>,
}

impl Window {
    /// The line a record starts on: `position` is where the previous record ended, so blank
    /// lines after it are skipped first. Positions must not go backwards.
    fn record_line(&mut self, position: u64) -> u64 {
        while self.start < position {
            let Some(b) = self.bytes.pop_front() else {
                break;
            };
            self.line += u64::from(b == b'\n');
            self.start += 1;
        }
        let blank = self
            .bytes
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .filter(|&&b| b == b'\n')
            .count();
        self.line + blank as u64
    }
}

/// A reader that keeps what it hands out in the window.
struct Tee<R> {
    inner: R,
    window: Arc<Mutex<Window>>,
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        lock(&self.window).bytes.extend(&buf[..n]);
        Ok(n)
    }
}

fn lock(window: &Mutex<Window>) -> std::sync::MutexGuard<'_, Window> {
    window
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The records of a CSV file, one at a time.
pub struct CsvRows<R> {
    reader: csv::Reader<Tee<R>>,
    /// Each column's field name.
    headers: Vec<String>,
    /// Each column's place in a record ([`field_position`]), `None` for other columns.
    positions: Vec<Option<usize>>,
    window: Arc<Mutex<Window>>,
    row: csv::StringRecord,
}

impl<R: Read> CsvRows<R> {
    /// Reads the header; fails when two columns name one field or none names the id.
    pub fn new(inner: R) -> Result<Self, String> {
        let window = Arc::new(Mutex::new(Window {
            line: 1,
            ..Window::default()
        }));
        let tee = Tee {
            inner,
            window: Arc::clone(&window),
        };
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(tee);
        let raw_headers = match reader.headers() {
            Ok(headers) => headers.clone(),
            Err(e) => return Err(csv_error(&window, &e, "cannot read the CSV header")),
        };
        let headers: Vec<String> = raw_headers.iter().map(field_name).collect();
        let mut first_column: HashMap<&str, usize> = HashMap::new();
        for (column, name) in headers.iter().enumerate() {
            if let Some(&earlier) = first_column.get(name.as_str()) {
                return Err(format!(
                    "line 1: columns {} ({:?}) and {} ({:?}) both name the field {name}; keep one",
                    earlier + 1,
                    &raw_headers[earlier],
                    column + 1,
                    &raw_headers[column]
                ));
            }
            first_column.insert(name, column);
        }
        if !first_column.contains_key("id") {
            return Err("line 1: the CSV header has no id column; name the columns id, date, description, amount, balance, transactionType".to_owned());
        }
        Ok(CsvRows {
            reader,
            positions: headers.iter().map(|h| field_position(h)).collect(),
            headers,
            window,
            row: csv::StringRecord::new(),
        })
    }
}

impl<R: Read + Send> RecordReader for CsvRows<R> {
    fn read_into(&mut self, lines: &mut Lines<'static>) -> Result<Option<u64>, String> {
        match self.reader.read_record(&mut self.row) {
            Ok(false) => return Ok(None),
            Ok(true) => {}
            Err(e) => return Err(csv_error(&self.window, &e, "cannot read the row")),
        }
        let mut record = RawRecord::default();
        for ((name, position), cell) in self
            .headers
            .iter()
            .zip(&self.positions)
            .zip(self.row.iter())
        {
            if cell.is_empty() {
                continue;
            }
            let value = match (name.as_str(), cell) {
                ("reconciled", "true") => RawValue::Bool(true),
                ("reconciled", "false") => RawValue::Bool(false),
                _ => RawValue::Text(cell),
            };
            match position.and_then(|p| record.field_at_mut(p)) {
                Some(slot) => *slot = Some(value),
                None => record.unknown.push(name.clone()),
            }
        }
        lines.push(&record);
        let line = self
            .row
            .position()
            .map_or(0, |p| lock(&self.window).record_line(p.byte()));
        Ok(Some(line))
    }
}

/// A CSV error as `line N: …`, the line counted up to the reader's own byte position.
fn csv_error(window: &Mutex<Window>, e: &csv::Error, what: &str) -> String {
    let line = match e.kind() {
        csv::ErrorKind::Utf8 { pos: Some(p), .. }
        | csv::ErrorKind::UnequalLengths { pos: Some(p), .. } => Some(p),
        _ => e.position(),
    }
    .map(|p| lock(window).record_line(p.byte()));
    let detail = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8; save it as UTF-8".to_owned(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} cells where the header has {expected_len}"),
        _ => e.to_string(),
    };
    match line {
        Some(line) => format!("line {line}: {what}: {detail}"),
        None => format!("{what}: {detail}"),
    }
}

/// A header as the Codat field it names, or itself.
fn field_name(header: &str) -> String {
    let normal: String = header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    FIELDS
        .iter()
        .find(|(spelling, _)| *spelling == normal)
        .map_or_else(|| header.to_owned(), |(_, field)| (*field).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each record's line, and the records as lines.
    fn rows(bytes: &[u8]) -> Result<(Vec<u64>, Lines<'static>), String> {
        let mut reader = CsvRows::new(bytes)?;
        let mut lines = Lines::with_capacity(0);
        let mut at = Vec::new();
        while let Some(line) = reader.read_into(&mut lines)? {
            at.push(line);
        }
        Ok((at, lines))
    }

    #[test]
    fn csv_headers_map_to_fields_and_cells_stay_exact() {
        let (_, lines) = rows(
            b"ID,Date,Description,Amount,Balance,Transaction Type,Memo,reconciled\n\
             a,2026-01-01,Rent,-1200.10,99.90,DirectDebit,note,true\n",
        )
        .unwrap();
        let record = serde_json::json!({"id": "a", "date": "2026-01-01", "description": "Rent",
            "amount": "-1200.10", "balance": "99.90", "transactionType": "DirectDebit",
            "Memo": "note", "reconciled": true});
        let expected = Lines::from_json(std::slice::from_ref(&record));
        assert_eq!(format!("{lines:?}"), format!("{expected:?}"));
    }

    #[test]
    fn csv_lines_come_from_the_reader() {
        let lines = |bytes: &[u8]| -> Vec<u64> { rows(bytes).unwrap().0 };
        assert_eq!(
            lines(b"id,description\n\na,\"two\nlines\"\n\nb,x\n"),
            [3, 6],
            "blank lines and a multi-line cell count"
        );
        assert_eq!(
            lines(b"id,d\r\na,1\r\n\r\nb,\"x\r\ny\"\r\nc,2"),
            [2, 4, 6],
            "CRLF, and no line break at the end"
        );
        let e = rows(b"id,amount\na,1\n\nb,2,3\n").unwrap_err();
        assert!(e.starts_with("line 4:"), "{e}");
        let e = rows(b"id,amount\na,1\nb,\xff\n").unwrap_err();
        assert!(e.starts_with("line 3:") && e.contains("UTF-8"), "{e}");
    }

    #[test]
    fn lines_stay_exact_far_beyond_the_readers_buffer() {
        let mut text = String::from("id,description\n");
        let mut expected = Vec::new();
        let mut line = 2;
        for i in 0..20_000 {
            if i % 7 == 0 {
                text.push('\n');
                line += 1;
            }
            expected.push(line);
            if i % 11 == 0 {
                text.push_str(&format!("t{i},\"a\nb\"\n"));
                line += 2;
            } else {
                text.push_str(&format!("t{i},x\n"));
                line += 1;
            }
        }
        let got = rows(text.as_bytes()).unwrap().0;
        assert_eq!(got, expected);
    }

    #[test]
    fn csv_columns_naming_one_field_are_refused() {
        let e = rows(b"id,amount,ID\na,1,b\n").unwrap_err();
        assert!(e.contains("columns 1 (\"id\") and 3 (\"ID\")"), "{e}");
        let e = rows(b"id,type,transactionType\na,Debit,Credit\n").unwrap_err();
        assert!(e.contains("field transactionType"), "{e}");
        assert!(
            rows(b"name,amount\na,1\n")
                .unwrap_err()
                .contains("no id column")
        );
    }
}
