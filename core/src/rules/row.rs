//! One input line, field by field: read from a raw JSON record (with type and format findings)
//! or from a typed [`Transaction`].

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde_json::Value;

use super::issue::{Issue, IssueCode, Report};
use crate::date::parse_utc;
use crate::model::{Transaction, TransactionType};
use crate::money::{MoneyError, parse_decimal};

/// The fields a bank transaction may carry; anything else draws an `UNKNOWN_FIELD` warning.
pub const KNOWN_FIELDS: [&str; 9] = [
    "id",
    "date",
    "description",
    "counterparty",
    "reference",
    "reconciled",
    "amount",
    "balance",
    "transactionType",
];

/// What one field of a line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot<T> {
    /// The key is not there.
    Absent,
    /// The key is there with `null`.
    Null,
    /// The value was unusable; an `INVALID_FIELD` was already reported.
    Invalid,
    /// A usable value.
    Value(T),
}

impl<T: Copy> Slot<T> {
    /// The value, if usable.
    pub fn get(&self) -> Option<T> {
        match self {
            Slot::Value(v) => Some(*v),
            _ => None,
        }
    }
}

/// One input line, read field by field.
#[derive(Debug, Clone)]
pub(crate) struct Row<'a> {
    pub id: Slot<&'a str>,
    pub date: Slot<DateTime<Utc>>,
    pub description: Slot<&'a str>,
    pub counterparty: Slot<&'a str>,
    pub reference: Slot<&'a str>,
    pub reconciled: Slot<bool>,
    pub amount: Slot<Decimal>,
    pub balance: Slot<Decimal>,
    pub transaction_type: Slot<TransactionType>,
    /// The record was not an object at all (`INVALID_RECORD` reported).
    pub unreadable: bool,
}

/// Where a finding is: "transaction at index 3 (id "t-4")".
pub(crate) struct Location<'a> {
    pub index: usize,
    pub id: Option<&'a str>,
}

impl Location<'_> {
    /// Builds an issue at this location.
    pub fn issue(&self, code: IssueCode, field: Option<&str>, what: String) -> Issue {
        let place = match self.id {
            Some(id) => format!("transaction at index {} (id {id:?})", self.index),
            None => format!("transaction at index {}", self.index),
        };
        Issue {
            code,
            index: Some(self.index),
            transaction_id: self.id.map(str::to_owned),
            field: field.map(str::to_owned),
            message: format!("{place}: {what}"),
        }
    }
}

impl<'a> Row<'a> {
    /// Reads a typed transaction (no findings: types are already right).
    pub fn from_transaction(tx: &'a Transaction) -> Self {
        fn opt<T: Copy>(v: Option<T>) -> Slot<T> {
            v.map_or(Slot::Absent, Slot::Value)
        }
        Row {
            id: Slot::Value(&tx.id),
            date: Slot::Value(tx.date),
            description: opt(tx.description.as_deref()),
            counterparty: opt(tx.counterparty.as_deref()),
            reference: opt(tx.reference.as_deref()),
            reconciled: opt(tx.reconciled),
            amount: Slot::Value(tx.amount),
            balance: opt(tx.balance),
            transaction_type: opt(tx.transaction_type),
            unreadable: false,
        }
    }

    /// Reads a raw JSON record, reporting every field of the wrong type or format.
    pub fn from_record(index: usize, record: &'a Value, report: &mut Report) -> Self {
        let Value::Object(map) = record else {
            report.push(Location { index, id: None }.issue(
                IssueCode::InvalidRecord,
                None,
                format!(
                    "expected an object with the transaction's fields, got {}",
                    kind(record)
                ),
            ));
            return Row::unreadable();
        };
        // One pass over the object, then each field on its own.
        let mut fields: [Option<&'a Value>; 9] = [None; 9];
        let mut unknown = Vec::new();
        for (key, value) in map {
            match KNOWN_FIELDS.iter().position(|k| *k == key) {
                Some(i) => fields[i] = Some(value),
                None => unknown.push(key),
            }
        }
        let [
            id,
            date,
            description,
            counterparty,
            reference,
            reconciled,
            amount,
            balance,
            kind,
        ] = fields;
        let id = read_id(id, index, report);
        let at = Location {
            index,
            id: id.get(),
        };
        let row = Row {
            id,
            date: read_date(date, &at, report),
            description: read_str(description, "description", &at, report),
            counterparty: read_str(counterparty, "counterparty", &at, report),
            reference: read_str(reference, "reference", &at, report),
            reconciled: read_bool(reconciled, "reconciled", &at, report),
            amount: read_money(amount, "amount", &at, report),
            balance: read_money(balance, "balance", &at, report),
            transaction_type: read_type(kind, &at, report),
            unreadable: false,
        };
        for key in unknown {
            report.push(at.issue(
                IssueCode::UnknownField,
                Some(key),
                format!("`{key}` is not a bank transaction field; it will not be sent"),
            ));
        }
        row
    }

    fn unreadable() -> Self {
        Row {
            id: Slot::Invalid,
            date: Slot::Invalid,
            description: Slot::Invalid,
            counterparty: Slot::Invalid,
            reference: Slot::Invalid,
            reconciled: Slot::Invalid,
            amount: Slot::Invalid,
            balance: Slot::Invalid,
            transaction_type: Slot::Invalid,
            unreadable: true,
        }
    }

    /// The usable id, if any.
    pub fn location(&self, index: usize) -> Location<'a> {
        Location {
            index,
            id: self.id.get(),
        }
    }

    /// Builds the transaction to send; `None` when a mandatory part is unusable.
    pub fn to_transaction(&self) -> Option<Transaction> {
        Some(Transaction {
            id: self.id.get()?.to_owned(),
            date: self.date.get()?,
            description: self.description.get().map(str::to_owned),
            counterparty: self.counterparty.get().map(str::to_owned),
            reference: self.reference.get().map(str::to_owned),
            reconciled: self.reconciled.get(),
            amount: self.amount.get()?,
            balance: self.balance.get(),
            transaction_type: self.transaction_type.get(),
        })
    }
}

/// JSON kind of a value, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn read_id<'a>(value: Option<&'a Value>, index: usize, report: &mut Report) -> Slot<&'a str> {
    match value {
        None => Slot::Absent,
        Some(Value::Null) => Slot::Null,
        Some(Value::String(s)) => Slot::Value(s),
        Some(other) => {
            report.push(Location { index, id: None }.issue(
                IssueCode::InvalidField,
                Some("id"),
                format!(
                    "`id` must be a string, got {}; send ids as text",
                    kind(other)
                ),
            ));
            Slot::Invalid
        }
    }
}

fn read_str<'a>(
    value: Option<&'a Value>,
    field: &str,
    at: &Location<'_>,
    report: &mut Report,
) -> Slot<&'a str> {
    match value {
        None => Slot::Absent,
        Some(Value::Null) => Slot::Null,
        Some(Value::String(s)) => Slot::Value(s),
        Some(other) => {
            report.push(at.issue(
                IssueCode::InvalidField,
                Some(field),
                format!("`{field}` must be a string, got {}", kind(other)),
            ));
            Slot::Invalid
        }
    }
}

fn read_bool(
    value: Option<&Value>,
    field: &str,
    at: &Location<'_>,
    report: &mut Report,
) -> Slot<bool> {
    match value {
        None => Slot::Absent,
        Some(Value::Null) => Slot::Null,
        Some(Value::Bool(b)) => Slot::Value(*b),
        Some(other) => {
            report.push(at.issue(
                IssueCode::InvalidField,
                Some(field),
                format!("`{field}` must be true or false, got {}", kind(other)),
            ));
            Slot::Invalid
        }
    }
}

fn read_date(value: Option<&Value>, at: &Location<'_>, report: &mut Report) -> Slot<DateTime<Utc>> {
    match value {
        None => Slot::Absent,
        Some(Value::Null) => Slot::Null,
        Some(Value::String(s)) => match parse_utc(s) {
            Some(d) => Slot::Value(d),
            None => {
                report.push(at.issue(
                    IssueCode::InvalidField,
                    Some("date"),
                    format!(
                        "`date` {s:?} is not a valid ISO 8601 date; use YYYY-MM-DD or \
                         YYYY-MM-DDTHH:MM:SS, optionally with Z or an offset"
                    ),
                ));
                Slot::Invalid
            }
        },
        Some(other) => {
            report.push(at.issue(
                IssueCode::InvalidField,
                Some("date"),
                format!(
                    "`date` must be an ISO 8601 string such as \"2026-03-01T10:21:00\", got {}",
                    kind(other)
                ),
            ));
            Slot::Invalid
        }
    }
}

fn read_money(
    value: Option<&Value>,
    field: &str,
    at: &Location<'_>,
    report: &mut Report,
) -> Slot<Decimal> {
    let text = match value {
        None => return Slot::Absent,
        Some(Value::Null) => return Slot::Null,
        Some(Value::Number(n)) => n.as_str(),
        Some(Value::String(s)) => s.as_str(),
        Some(other) => {
            report.push(at.issue(
                IssueCode::InvalidField,
                Some(field),
                format!(
                    "`{field}` must be a number or a decimal string, got {}",
                    kind(other)
                ),
            ));
            return Slot::Invalid;
        }
    };
    match parse_decimal(text) {
        Ok(d) => Slot::Value(d),
        Err(MoneyError::NotANumber) => {
            report.push(at.issue(
                IssueCode::InvalidField,
                Some(field),
                format!(
                    "`{field}` {text:?} is not a decimal number; use digits with a '.' decimal \
                     point and no thousands separators, e.g. -1234.50"
                ),
            ));
            Slot::Invalid
        }
        Err(MoneyError::OutOfRange) => {
            report.push(at.issue(
                IssueCode::InvalidField,
                Some(field),
                format!(
                    "`{field}` {text} cannot be held exactly (at most 28 significant digits and \
                     28 decimal places); check the value"
                ),
            ));
            Slot::Invalid
        }
    }
}

fn read_type(
    value: Option<&Value>,
    at: &Location<'_>,
    report: &mut Report,
) -> Slot<TransactionType> {
    match value {
        None => Slot::Absent,
        Some(Value::Null) => Slot::Null,
        Some(Value::String(s)) => match TransactionType::from_wire(s) {
            Some(t) => Slot::Value(t),
            None => {
                let names: Vec<&str> = TransactionType::ALL.iter().map(|t| t.as_str()).collect();
                report.push(at.issue(
                    IssueCode::InvalidField,
                    Some("transactionType"),
                    format!(
                        "`transactionType` {s:?} is not one of Codat's types ({}); names are \
                         case-sensitive",
                        names.join(", ")
                    ),
                ));
                Slot::Invalid
            }
        },
        Some(other) => {
            report.push(at.issue(
                IssueCode::InvalidField,
                Some("transactionType"),
                format!(
                    "`transactionType` must be a string such as \"Debit\", got {}",
                    kind(other)
                ),
            ));
            Slot::Invalid
        }
    }
}
