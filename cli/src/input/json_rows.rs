//! JSON records read as a stream: the elements of a top-level array, or the values of a JSON
//! Lines file. Only element boundaries are found here (brackets and strings counted); each
//! element is then parsed by serde_json, refusing repeated keys, and errors are placed at their
//! line and column in the file.

use std::fmt;
use std::io::BufRead;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use feedrail::Lines;

use super::RecordReader;

/// How the file holds its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One JSON array of records.
    Array,
    /// One record after another, separated by whitespace (JSON Lines).
    Lines,
}

/// Where the reader is in the file.
#[derive(Debug, Clone, Copy)]
struct Place {
    line: u64,
    column: u64,
}

/// The records of a JSON file, one at a time.
pub struct JsonRows<R> {
    inner: R,
    layout: Layout,
    /// The position of the next byte.
    at: Place,
    /// Past the opening bracket (arrays) and not yet done.
    started: bool,
    done: bool,
    element: Vec<u8>,
}

impl<R: BufRead> JsonRows<R> {
    /// Records read from `inner`, laid out as `layout`.
    pub fn new(inner: R, layout: Layout) -> Self {
        JsonRows {
            inner,
            layout,
            at: Place { line: 1, column: 1 },
            started: false,
            done: false,
            element: Vec::new(),
        }
    }

    fn peek(&mut self) -> Result<Option<u8>, String> {
        let buf = self
            .inner
            .fill_buf()
            .map_err(|e| format!("cannot read the file: {e}"))?;
        Ok(buf.first().copied())
    }

    fn bump(&mut self, b: u8) {
        self.inner.consume(1);
        if b == b'\n' {
            self.at = Place {
                line: self.at.line + 1,
                column: 1,
            };
        } else {
            self.at.column += 1;
        }
    }

    fn skip_whitespace(&mut self) -> Result<Option<u8>, String> {
        while let Some(b) = self.peek()? {
            if !b.is_ascii_whitespace() {
                return Ok(Some(b));
            }
            self.bump(b);
        }
        Ok(None)
    }

    fn error(&self, what: &str) -> String {
        format!(
            "line {}, column {}: not valid JSON: {what}",
            self.at.line, self.at.column
        )
    }

    /// The next record and the line it starts on.
    fn next_row(&mut self) -> Result<Option<(u64, Value)>, String> {
        if self.done {
            return Ok(None);
        }
        let first = self.skip_whitespace()?;
        if self.layout == Layout::Array && !self.started {
            match first {
                Some(b'[') => self.bump(b'['),
                None => return Err(self.error("EOF while parsing a value")),
                Some(other) => {
                    let kind = match other {
                        b'{' => "an object",
                        b'"' => "a string",
                        b'-' | b'0'..=b'9' => "a number",
                        b't' | b'f' => "a boolean",
                        b'n' => "null",
                        _ => return Err(self.error("expected value")),
                    };
                    return Err(format!(
                        "line {}: expected a JSON array of transactions ([{{...}}, ...]), found {kind}",
                        self.at.line
                    ));
                }
            }
            self.started = true;
            if self.skip_whitespace()? == Some(b']') {
                self.bump(b']');
                return self.finish();
            }
        }
        if self.layout == Layout::Lines && first.is_none() {
            self.done = true;
            return Ok(None);
        }
        let start = self.at;
        self.scan_element()?;
        if self.element.is_empty() {
            return Err(self.error("expected value"));
        }
        let record = parse(&self.element, start)?;
        if self.layout == Layout::Array {
            match self.skip_whitespace()? {
                Some(b',') => {
                    self.bump(b',');
                    if self.skip_whitespace()? == Some(b']') {
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(b']') => {
                    self.bump(b']');
                    self.finish::<()>()?;
                }
                Some(_) => return Err(self.error("expected `,` or `]`")),
                None => return Err(self.error("EOF while parsing a list")),
            }
        }
        Ok(Some((start.line, record)))
    }

    /// After the closing bracket only whitespace may follow.
    fn finish<T>(&mut self) -> Result<Option<T>, String> {
        self.done = true;
        match self.skip_whitespace()? {
            None => Ok(None),
            Some(_) => Err(self.error("trailing characters")),
        }
    }

    /// Takes one value's bytes into `element`: up to its closing bracket or quote, or for a bare
    /// scalar up to the next delimiter.
    fn scan_element(&mut self) -> Result<(), String> {
        self.element.clear();
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        while let Some(b) = self.peek()? {
            if in_string {
                self.take(b);
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth == 0 => return Ok(()),
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.take(b);
                        return Ok(());
                    }
                }
                b',' if depth == 0 => return Ok(()),
                _ if depth == 0 && b.is_ascii_whitespace() => return Ok(()),
                _ => {}
            }
            self.take(b);
        }
        if depth > 0 || in_string {
            return Err(self.error("EOF while parsing a value"));
        }
        Ok(())
    }

    fn take(&mut self, b: u8) {
        self.element.push(b);
        self.bump(b);
    }
}

impl<R: BufRead + Send> RecordReader for JsonRows<R> {
    fn read_into(&mut self, lines: &mut Lines<'static>) -> Result<Option<u64>, String> {
        let row = self.next_row();
        if row.is_err() {
            self.done = true;
        }
        Ok(row?.map(|(line, record)| {
            lines.push_json(&record);
            line
        }))
    }
}

/// One element, parsed with its errors placed in the file.
fn parse(bytes: &[u8], start: Place) -> Result<Value, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = start.line
            + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
        format!("line {line}: the file is not UTF-8 (a byte in this line is not); save it as UTF-8")
    })?;
    let placed = |e: serde_json::Error| {
        let line = start.line + e.line() as u64 - 1;
        let column = if e.line() == 1 {
            start.column + e.column() as u64 - 1
        } else {
            e.column() as u64
        };
        let what = e.to_string();
        let what = what.split(" at line ").next().unwrap_or(&what).to_owned();
        format!("line {line}, column {column}: not valid JSON: {what}")
    };
    NoDuplicateKeys::deserialize(&mut serde_json::Deserializer::from_str(text)).map_err(placed)?;
    serde_json::from_str(text).map_err(placed)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(bytes: &[u8], layout: Layout) -> Result<Vec<(u64, Value)>, String> {
        let mut reader = JsonRows::new(bytes, layout);
        std::iter::from_fn(|| reader.next_row().transpose()).collect()
    }

    fn array(bytes: &[u8]) -> Result<Vec<(u64, Value)>, String> {
        rows(bytes, Layout::Array)
    }

    #[test]
    fn json_names_lines_and_refuses_repeated_keys() {
        assert!(array(b"{}").unwrap_err().contains("array"));
        assert!(array(b"[1,").unwrap_err().starts_with("line 1, column"));
        assert!(array(b"[]").unwrap().is_empty());
        assert!(array(b"  [ ]  \n").unwrap().is_empty());
        let got = array(b"[\n  {\"id\": \"a\"},\n\n  {\"id\": \"b\"}\n]").unwrap();
        assert_eq!(got.iter().map(|r| r.0).collect::<Vec<_>>(), [2, 4]);
        let e = array(b"[{\"id\": \"a\"},\n {\"amount\": 1, \"amount\": 2}]").unwrap_err();
        assert!(
            e.starts_with("line 2,") && e.contains("\"amount\" appears twice"),
            "{e}"
        );
        let e = array(b"[{\"id\": \"a\"},\n {\"id\": \"\xff\"}]").unwrap_err();
        assert!(e.starts_with("line 2:") && e.contains("UTF-8"), "{e}");
    }

    #[test]
    fn errors_are_placed_in_the_file() {
        let e = array(b"[{\"id\": \"a\"},\n  {\"id\": }]").unwrap_err();
        assert!(e.starts_with("line 2, column 10:"), "{e}");
        let e = array(b"[{\"id\": \"a\"},]").unwrap_err();
        assert!(e.contains("trailing comma"), "{e}");
        let e = array(b"[{\"id\": \"a\"}] x").unwrap_err();
        assert!(e.contains("trailing characters"), "{e}");
        let e = array(b"[{\"id\": \"a\"} {\"id\": \"b\"}]").unwrap_err();
        assert!(e.contains("expected `,` or `]`"), "{e}");
        let e = array(b"[{\"id\": \"a}\"").unwrap_err();
        assert!(e.contains("EOF"), "{e}");
    }

    #[test]
    fn strings_may_hold_brackets_quotes_and_commas() {
        let got = array(br#"[{"id": "a,]}\"[{", "x": [1, {"y": "}"}]}, 2, "s"]"#).unwrap();
        assert_eq!(got[0].1["id"], "a,]}\"[{");
        assert_eq!(got[1].1, 2);
        assert_eq!(got[2].1, "s");
    }

    #[test]
    fn json_lines_are_values_one_after_another() {
        let got = rows(b"{\"id\": \"a\"}\n\n{\"id\": \"b\"}\n", Layout::Lines).unwrap();
        assert_eq!(got.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 3]);
        assert!(rows(b"", Layout::Lines).unwrap().is_empty());
        let e = rows(b"{\"id\": \"a\"}\n{\"id\": \"b\"", Layout::Lines).unwrap_err();
        assert!(e.starts_with("line 2,"), "{e}");
    }
}
