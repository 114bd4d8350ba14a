//! Input lines as a language package reads them from its own values, before any rule: one
//! [`RawValue`] per field, borrowed where it can be.

use rust_decimal::Decimal;
use serde_json::Value;

/// One field's value as the caller had it. Which kinds a field accepts, and the message for the
/// others, is decided when the line is read into [`Lines`](super::Lines).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RawValue<'a> {
    /// An explicit null (`None`, `null`); a missing key is no value at all.
    Null,
    /// A boolean.
    Bool(bool),
    /// Text.
    Text(&'a str),
    /// A number as exact decimal text in the JSON number grammar (`-12.50`, `1e3`); text that is
    /// not one is reported as an invalid number.
    Number(&'a str),
    /// A number already held exactly (an integer, a decimal object).
    Decimal(Decimal),
    /// A binary floating-point number; it counts as the shortest decimal that reads back as the
    /// same float (`0.1`, never `0.1000000000000000055…`). NaN and infinities are invalid.
    Float(f64),
    /// A wall-clock date and time already parsed (a time-zone-naive date-time column).
    Date(chrono::NaiveDateTime),
    /// Any other kind of value, named for messages: `"an object"`, `"an array"`.
    Other(&'static str),
}

impl<'a> RawValue<'a> {
    /// A JSON value's view: numbers keep their exact digits, objects and arrays are only named.
    pub fn from_json(value: &'a Value) -> Self {
        match value {
            Value::Null => RawValue::Null,
            Value::Bool(b) => RawValue::Bool(*b),
            Value::Number(n) => RawValue::Number(n.as_str()),
            Value::String(s) => RawValue::Text(s),
            Value::Array(_) => RawValue::Other("an array"),
            Value::Object(_) => RawValue::Other("an object"),
        }
    }

    /// The kind of value, for messages (`"a string"`, `"a number"`).
    pub fn kind(&self) -> &'static str {
        match self {
            RawValue::Null => "null",
            RawValue::Bool(_) => "a boolean",
            RawValue::Text(_) => "a string",
            RawValue::Number(_) | RawValue::Decimal(_) | RawValue::Float(_) => "a number",
            RawValue::Date(_) => "a date",
            RawValue::Other(kind) => kind,
        }
    }
}

/// The position of a wire field name (`"transactionType"`) in [`KNOWN_FIELDS`](super::KNOWN_FIELDS),
/// or `None` for any other key.
pub fn field_position(key: &str) -> Option<usize> {
    Some(match key {
        "id" => 0,
        "date" => 1,
        "description" => 2,
        "counterparty" => 3,
        "reference" => 4,
        "reconciled" => 5,
        "amount" => 6,
        "balance" => 7,
        "transactionType" => 8,
        _ => return None,
    })
}

/// One input line, field by field, under Codat's camelCase names. A field left `None` is missing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawRecord<'a> {
    /// `id`.
    pub id: Option<RawValue<'a>>,
    /// `date`.
    pub date: Option<RawValue<'a>>,
    /// `description`.
    pub description: Option<RawValue<'a>>,
    /// `counterparty`.
    pub counterparty: Option<RawValue<'a>>,
    /// `reference`.
    pub reference: Option<RawValue<'a>>,
    /// `reconciled`.
    pub reconciled: Option<RawValue<'a>>,
    /// `amount`.
    pub amount: Option<RawValue<'a>>,
    /// `balance`.
    pub balance: Option<RawValue<'a>>,
    /// `transactionType`.
    pub transaction_type: Option<RawValue<'a>>,
    /// Keys that are not bank transaction fields; each draws an `UNKNOWN_FIELD` warning.
    pub unknown: Vec<String>,
}

/// A record's fields by position in [`KNOWN_FIELDS`](super::KNOWN_FIELDS), read where they
/// are: a [`RawRecord`], or a row of a table whose columns are read cell by cell (no record is
/// built for the row).
pub trait FieldSource<'a> {
    /// The value of the field at `position`, or `None` when the record has no such key.
    fn field(&self, position: usize) -> Option<RawValue<'a>>;

    /// Calls `each` with every key of the record that is not a bank transaction field.
    fn for_each_unknown(&self, each: impl FnMut(&str));
}

impl<'a> FieldSource<'a> for RawRecord<'a> {
    fn field(&self, position: usize) -> Option<RawValue<'a>> {
        match position {
            0 => self.id,
            1 => self.date,
            2 => self.description,
            3 => self.counterparty,
            4 => self.reference,
            5 => self.reconciled,
            6 => self.amount,
            7 => self.balance,
            8 => self.transaction_type,
            _ => None,
        }
    }

    fn for_each_unknown(&self, each: impl FnMut(&str)) {
        self.unknown.iter().map(String::as_str).for_each(each);
    }
}

impl<'a> RawRecord<'a> {
    /// The slot of the field at `position` in [`KNOWN_FIELDS`](super::KNOWN_FIELDS).
    pub fn field_at_mut(&mut self, position: usize) -> Option<&mut Option<RawValue<'a>>> {
        Some(match position {
            0 => &mut self.id,
            1 => &mut self.date,
            2 => &mut self.description,
            3 => &mut self.counterparty,
            4 => &mut self.reference,
            5 => &mut self.reconciled,
            6 => &mut self.amount,
            7 => &mut self.balance,
            8 => &mut self.transaction_type,
            _ => return None,
        })
    }

    /// Sets the field named `key` (a wire name); any other key is recorded as unknown.
    pub fn set(&mut self, key: &str, value: RawValue<'a>) {
        match field_position(key).and_then(|i| self.field_at_mut(i)) {
            Some(slot) => *slot = Some(value),
            None => self.unknown.push(key.to_owned()),
        }
    }

    /// A JSON object's view; `None` when `value` is not an object.
    pub fn from_json(value: &'a Value) -> Option<Self> {
        let map = value.as_object()?;
        let mut record = RawRecord::default();
        for (key, value) in map {
            record.set(key, RawValue::from_json(value));
        }
        Some(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::KNOWN_FIELDS;

    #[test]
    fn every_known_field_has_a_slot() {
        let mut record = RawRecord::default();
        for (i, key) in KNOWN_FIELDS.iter().enumerate() {
            assert_eq!(field_position(key), Some(i));
            record.set(key, RawValue::Bool(true));
            assert_eq!(
                record.field_at_mut(i),
                Some(&mut Some(RawValue::Bool(true)))
            );
        }
        assert!(record.unknown.is_empty());
        for i in 0..KNOWN_FIELDS.len() {
            assert_eq!(record.field(i), Some(RawValue::Bool(true)), "{i}");
        }
        record.set("memo", RawValue::Null);
        assert_eq!(record.unknown, ["memo"]);
    }
}
