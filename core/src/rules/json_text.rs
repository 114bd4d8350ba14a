//! Lines read straight from JSON text (an array of records), field by field, with no JSON value
//! tree in between: what a binding that hands its records over as text (the JVM) uses.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue as RawJson;

use super::lines::Lines;
use super::raw::{RawRecord, RawValue};
use crate::error::Error;

impl Lines<'static> {
    /// Reads `text`, a JSON array of records, into lines that own their text: the same lines
    /// [`Lines::from_json`] reads from the parsed records (a duplicate key keeps its last value;
    /// a record that is not an object is `INVALID_RECORD`). Text that is not a JSON array is a
    /// `CONFIG` error naming the line and column.
    pub fn from_json_text(text: &str) -> Result<Self, Error> {
        let mut lines = Lines::default();
        let mut reader = serde_json::Deserializer::from_str(text);
        Records(&mut lines)
            .deserialize(&mut reader)
            .and_then(|()| reader.end())
            .map_err(|e| Error::config(format!("records are not a JSON array of records: {e}")))?;
        Ok(lines)
    }
}

struct Records<'l>(&'l mut Lines<'static>);

impl<'de> DeserializeSeed<'de> for Records<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Records<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if let Some(n) = seq.size_hint() {
            self.0.reserve(n);
        }
        while let Some(raw) = seq.next_element::<&'de RawJson>()? {
            let text = raw.get();
            if text.starts_with('{') {
                let mut reader = serde_json::Deserializer::from_str(text);
                reader
                    .deserialize_map(Record(self.0))
                    .map_err(serde::de::Error::custom)?;
            } else {
                self.0.push_unreadable(value_of(text, None).kind());
            }
        }
        Ok(())
    }
}

struct Record<'l>(&'l mut Lines<'static>);

impl<'de> Visitor<'de> for Record<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record (an object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut fields: Vec<(Cow<'de, str>, &'de RawJson)> = Vec::with_capacity(9);
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let value: &'de RawJson = map.next_value()?;
            match fields.iter_mut().find(|(k, _)| *k == key) {
                Some(field) => field.1 = value,
                None => fields.push((key, value)),
            }
        }
        // Unescaped strings, which the record then borrows.
        let texts: Vec<Option<String>> = fields
            .iter()
            .map(|(_, raw)| {
                let t = raw.get();
                (t.starts_with('"') && t.contains('\\'))
                    .then(|| serde_json::from_str::<String>(t).ok())
                    .flatten()
            })
            .collect();
        let mut record = RawRecord::default();
        for ((key, raw), text) in fields.iter().zip(&texts) {
            record.set(key, value_of(raw.get(), text.as_deref()));
        }
        record.unknown.sort();
        self.0.push(&record);
        Ok(())
    }
}

/// A field's value from its JSON text (`unescaped`: a string's text when it had escapes).
fn value_of<'a>(raw: &'a str, unescaped: Option<&'a str>) -> RawValue<'a> {
    match raw.as_bytes().first() {
        Some(b'"') => RawValue::Text(unescaped.unwrap_or(&raw[1..raw.len() - 1])),
        Some(b'{') => RawValue::Other("an object"),
        Some(b'[') => RawValue::Other("an array"),
        Some(b't') => RawValue::Bool(true),
        Some(b'f') => RawValue::Bool(false),
        Some(b'n') => RawValue::Null,
        _ => RawValue::Number(raw),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::rules::{AccountCursor, Profile, ValidationContext, check_lines};

    fn findings(lines: &Lines<'_>) -> String {
        let profile = Profile::default();
        let cursor = AccountCursor::default();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let validated = check_lines(lines, &ValidationContext::new(&profile, &cursor).on(day));
        serde_json::to_string(&validated).unwrap()
    }

    /// Every shared vector reads the same from text as from parsed records.
    #[test]
    fn text_reads_like_parsed_records() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/cases");
        let mut read = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let case: Value =
                serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap())
                    .unwrap();
            let Value::Array(records) = &case["records"] else {
                continue;
            };
            let text = case["records"].to_string();
            assert_eq!(
                findings(&Lines::from_json_text(&text).unwrap()),
                findings(&Lines::from_json(records)),
                "{text}"
            );
            read += 1;
        }
        assert!(read >= 40);
    }

    #[test]
    fn odd_records_and_escapes() {
        let text = r#"[{"id":"a\"b","amount":12345678901234567890123456789.5,"x":{"y":[1]},"id":"c\u00e9", "zz":1, "aa":2},
            [1,[2]], "s", 3, -1.5, true, null, {"description":"\n"}]"#;
        let parsed: Vec<Value> = serde_json::from_str(text).unwrap();
        let lines = Lines::from_json_text(text).unwrap();
        assert_eq!(lines.len(), 8);
        assert_eq!(lines.id(0), Some("cé"));
        assert_eq!(findings(&lines), findings(&Lines::from_json(&parsed)));
        for bad in ["{}", "[1,", "[NaN]", "[] x"] {
            let e = Lines::from_json_text(bad).unwrap_err();
            assert!(e.to_string().contains("line 1 column"), "{e}");
        }
    }
}
