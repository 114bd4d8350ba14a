//! Reading a file of transactions: a JSON array of objects, or a CSV whose header names the
//! fields. CSV columns match Codat's field names whatever their case and punctuation
//! (`transactionType`, `transaction_type`, `Transaction Type`; `type` too); other columns are kept
//! under their own name (the rules warn about them); an empty cell is an absent field. Every cell
//! stays text, so amounts keep their exact digits.

use std::path::Path;

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

/// The records of `path`: CSV when it ends in `.csv`, JSON otherwise.
pub fn read_records(path: &Path) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        from_csv(&text).map_err(|e| format!("{}: {e}", path.display()))
    } else {
        from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
    }
}

fn from_json(text: &str) -> Result<Vec<Value>, String> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => Ok(items),
        Ok(_) => Err("expected a JSON array of transactions".to_owned()),
        Err(e) => Err(format!("not valid JSON: {e}")),
    }
}

fn from_csv(text: &str) -> Result<Vec<Value>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("cannot read the CSV header: {e}"))?
        .iter()
        .map(field_name)
        .collect();
    if !headers.iter().any(|h| h == "id") {
        return Err("the CSV header has no id column; name the columns id, date, description, amount, balance, transactionType".to_owned());
    }
    let mut records = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| match e.position() {
            Some(p) => format!("line {}: {e}", p.line()),
            None => e.to_string(),
        })?;
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
        records.push(Value::Object(record));
    }
    Ok(records)
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
            "ID,Date,Description,Amount,Balance,Transaction Type,Memo\n\
             a,2026-01-01,Rent,-1200.10,99.90,DirectDebit,\n",
        )
        .unwrap();
        assert_eq!(
            rows[0],
            serde_json::json!({"id": "a", "date": "2026-01-01", "description": "Rent",
                "amount": "-1200.10", "balance": "99.90", "transactionType": "DirectDebit"})
        );
    }

    #[test]
    fn ragged_csv_names_the_line() {
        let e = from_csv("id,amount\na,1\nb,2,3\n").unwrap_err();
        assert!(e.contains("line 3"), "{e}");
        assert!(
            from_csv("name,amount\na,1\n")
                .unwrap_err()
                .contains("no id column")
        );
    }

    #[test]
    fn json_must_be_an_array() {
        assert!(from_json("{}").unwrap_err().contains("array"));
        assert!(from_json("[1,").unwrap_err().contains("not valid JSON"));
        assert_eq!(from_json("[]").unwrap(), Vec::<Value>::new());
    }
}
