//! Reading a file of transactions: a JSON array of objects, or a CSV whose header names the
//! fields. CSV columns match Codat's field names whatever their case and punctuation
//! (`transactionType`, `transaction_type`, `Transaction Type`; `type` too); other columns are kept
//! under their own name (the rules warn about them); an empty cell is an absent field. Every cell
//! stays text, so amounts keep their exact digits.
//!
//! Nothing is read with a meaning the file does not state: two columns naming one field, a JSON
//! object repeating a key, bytes that are not UTF-8 and a malformed row are each a one-line
//! error naming the line. Every record keeps the line it starts on, for the report.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

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

/// A file's records and where each starts.
#[derive(Debug, Default)]
pub struct Records {
    /// The records, in file order.
    pub records: Vec<Value>,
    /// The 1-based line each record starts on.
    pub lines: Vec<u64>,
    /// Whether the file is CSV (records are named by line) or JSON (by row and line).
    pub csv: bool,
}

impl Records {
    /// How a report names record `index`: `line 7` (CSV) or `row 3 (line 7)` (JSON).
    pub fn name(&self, index: usize) -> String {
        match (self.csv, self.lines.get(index)) {
            (true, Some(line)) => format!("line {line}"),
            (false, Some(line)) => format!("row {index} (line {line})"),
            (_, None) => format!("row {index}"),
        }
    }
}

/// The records of `path`: CSV when it ends in `.csv`, JSON otherwise.
pub fn read_records(path: &Path) -> Result<Records, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let read = if is_csv {
        from_csv(&bytes)
    } else {
        from_json(&bytes)
    };
    read.map_err(|e| format!("{}: {e}", path.display()))
}

/// The line (1-based) of byte `offset` in `bytes`.
fn line_of(bytes: &[u8], offset: usize) -> u64 {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

/// The line a CSV record starts on: the reader's position is where the previous record ended,
/// so blank lines after it are skipped first.
fn record_line(bytes: &[u8], position: u64) -> u64 {
    let start = position as usize;
    let skipped = bytes.get(start..).map_or(0, |rest| {
        rest.iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count()
    });
    line_of(bytes, start + skipped)
}

fn from_json(bytes: &[u8]) -> Result<Records, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "line {}: the file is not UTF-8 (byte {} is not); save it as UTF-8",
            line_of(bytes, e.valid_up_to()),
            e.valid_up_to() + 1
        )
    })?;
    let mut checker = serde_json::Deserializer::from_str(text);
    NoDuplicateKeys::deserialize(&mut checker).map_err(|e| json_error(&e))?;
    let items: Vec<&RawValue> = serde_json::from_str(text).map_err(|e| {
        // Valid JSON that is not an array: say what it is instead.
        let kind = match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(_)) => "an object",
            Ok(Value::String(_)) => "a string",
            Ok(Value::Number(_)) => "a number",
            Ok(Value::Bool(_)) => "a boolean",
            Ok(_) => "null",
            Err(_) => return json_error(&e),
        };
        let at = text.bytes().take_while(u8::is_ascii_whitespace).count();
        format!(
            "line {}: expected a JSON array of transactions ([{{...}}, ...]), found {kind}",
            line_of(bytes, at)
        )
    })?;
    let mut out = Records::default();
    for raw in items {
        let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        out.lines.push(line_of(bytes, offset));
        out.records
            .push(serde_json::from_str(raw.get()).map_err(|e| json_error(&e))?);
    }
    Ok(out)
}

fn json_error(e: &serde_json::Error) -> String {
    let what = e.to_string();
    let what = what.split(" at line ").next().unwrap_or(&what).to_owned();
    format!(
        "line {}, column {}: not valid JSON: {what}",
        e.line(),
        e.column()
    )
}

/// Walks a JSON document and fails on an object that repeats a key (serde_json would keep the
/// last one silently).
struct NoDuplicateKeys;

impl<'de> Deserialize<'de> for NoDuplicateKeys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NoDuplicateKeys)
    }
}

impl<'de> Visitor<'de> for NoDuplicateKeys {
    type Value = NoDuplicateKeys;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_unit<E>(self) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self, A::Error> {
        while seq.next_element::<NoDuplicateKeys>()?.is_some() {}
        Ok(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self, A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!(
                    "the key {key:?} appears twice in one object; keep one"
                )));
            }
            map.next_value::<NoDuplicateKeys>()?;
        }
        Ok(self)
    }
}

fn from_csv(bytes: &[u8]) -> Result<Records, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let raw_headers = reader
        .headers()
        .map_err(|e| csv_error(bytes, &e, "cannot read the CSV header"))?
        .clone();
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
    let mut out = Records {
        csv: true,
        ..Records::default()
    };
    for row in reader.records() {
        let row = row.map_err(|e| csv_error(bytes, &e, "cannot read the row"))?;
        let mut record = Map::new();
        for (name, cell) in headers.iter().zip(row.iter()) {
            if cell.is_empty() {
                continue;
            }
            let value = match (name.as_str(), cell) {
                ("reconciled", "true") => Value::Bool(true),
                ("reconciled", "false") => Value::Bool(false),
                _ => Value::String(cell.to_owned()),
            };
            record.insert(name.clone(), value);
        }
        out.lines
            .push(row.position().map_or(0, |p| record_line(bytes, p.byte())));
        out.records.push(Value::Object(record));
    }
    Ok(out)
}

/// A CSV error as `line N: …`, the line counted up to the reader's own byte position (so blank
/// lines and line breaks inside quoted cells count).
fn csv_error(bytes: &[u8], e: &csv::Error, what: &str) -> String {
    let line = match e.kind() {
        csv::ErrorKind::Utf8 { pos: Some(p), .. }
        | csv::ErrorKind::UnequalLengths { pos: Some(p), .. } => Some(p),
        _ => e.position(),
    }
    .map(|p| record_line(bytes, p.byte()));
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

    #[test]
    fn csv_headers_map_to_fields_and_cells_stay_exact() {
        let rows = from_csv(
            b"ID,Date,Description,Amount,Balance,Transaction Type,Memo\n\
             a,2026-01-01,Rent,-1200.10,99.90,DirectDebit,\n",
        )
        .unwrap();
        assert_eq!(
            rows.records[0],
            serde_json::json!({"id": "a", "date": "2026-01-01", "description": "Rent",
                "amount": "-1200.10", "balance": "99.90", "transactionType": "DirectDebit"})
        );
    }

    #[test]
    fn csv_lines_come_from_the_reader() {
        let rows = from_csv(b"id,description\n\na,\"two\nlines\"\n\nb,x\n").unwrap();
        assert_eq!(
            rows.lines,
            [3, 6],
            "blank lines and a multi-line cell count"
        );
        assert_eq!(rows.name(1), "line 6");
        let e = from_csv(b"id,amount\na,1\n\nb,2,3\n").unwrap_err();
        assert!(e.starts_with("line 4:"), "{e}");
        let e = from_csv(b"id,amount\na,1\nb,\xff\n").unwrap_err();
        assert!(e.starts_with("line 3:") && e.contains("UTF-8"), "{e}");
    }

    #[test]
    fn csv_columns_naming_one_field_are_refused() {
        let e = from_csv(b"id,amount,ID\na,1,b\n").unwrap_err();
        assert!(e.contains("columns 1 (\"id\") and 3 (\"ID\")"), "{e}");
        let e = from_csv(b"id,type,transactionType\na,Debit,Credit\n").unwrap_err();
        assert!(e.contains("field transactionType"), "{e}");
        assert!(
            from_csv(b"name,amount\na,1\n")
                .unwrap_err()
                .contains("no id column")
        );
    }

    #[test]
    fn json_names_lines_and_refuses_repeated_keys() {
        assert!(from_json(b"{}").unwrap_err().contains("array"));
        assert!(from_json(b"[1,").unwrap_err().starts_with("line 1, column"));
        assert!(from_json(b"[]").unwrap().records.is_empty());
        let rows = from_json(b"[\n  {\"id\": \"a\"},\n\n  {\"id\": \"b\"}\n]").unwrap();
        assert_eq!(rows.lines, [2, 4]);
        assert_eq!(rows.name(1), "row 1 (line 4)");
        let e = from_json(b"[{\"id\": \"a\"},\n {\"amount\": 1, \"amount\": 2}]").unwrap_err();
        assert!(
            e.starts_with("line 2,") && e.contains("\"amount\" appears twice"),
            "{e}"
        );
        let e = from_json(b"[{\"id\": \"a\"},\n {\"id\": \"\xff\"}]").unwrap_err();
        assert!(e.starts_with("line 2:") && e.contains("UTF-8"), "{e}");
    }
}
