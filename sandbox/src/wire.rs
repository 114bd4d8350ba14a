//! Codat's request schema for pushed transactions (`BankTransactions`), checked at request time:
//! a line of the wrong shape is a 400 for the whole request, as a schema-validating API answers.
//! Sage's own rules (mandatory fields, dates, order, duplicates) are checked later, when the
//! push is processed, and end in a `Failed` push instead.

use feedrail::{TransactionType, ValidationItem};
use serde_json::Value;

/// Every schema violation in `records`, one item per offending field.
pub fn schema_violations(records: &[Value]) -> Vec<ValidationItem> {
    let mut items = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let Some(fields) = record.as_object() else {
            items.push(item(i, None, "must be an object"));
            continue;
        };
        for (name, value) in fields {
            let problem = match (name.as_str(), value) {
                ("id" | "date", Value::String(_)) => None,
                ("id" | "date", _) => Some("must be a string"),
                ("description" | "counterparty" | "reference", Value::String(_) | Value::Null) => {
                    None
                }
                ("description" | "counterparty" | "reference", _) => {
                    Some("must be a string or null")
                }
                ("reconciled", Value::Bool(_) | Value::Null) => None,
                ("reconciled", _) => Some("must be a boolean or null"),
                ("amount" | "balance", Value::Number(_)) => None,
                ("amount" | "balance", _) => Some("must be a number"),
                ("transactionType", Value::Null) => None,
                ("transactionType", Value::String(s))
                    if TransactionType::from_wire(s).is_some() =>
                {
                    None
                }
                ("transactionType", _) => {
                    Some("must be one of the BankTransactionType values or null")
                }
                _ => None,
            };
            if let Some(problem) = problem {
                items.push(item(i, Some(name), problem));
            }
        }
    }
    items
}

fn item(index: usize, field: Option<&str>, problem: &str) -> ValidationItem {
    let path = match field {
        Some(f) => format!("transactions[{index}].{f}"),
        None => format!("transactions[{index}]"),
    };
    ValidationItem {
        item_id: Some(path.clone()),
        message: Some(format!("{path} {problem}.")),
        validator_name: Some("Schema".to_owned()),
    }
}
