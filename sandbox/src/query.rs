//! The part of Codat's query language the sandbox's lists support: clauses joined by `&&`, each
//! `field op value` with `=`, `!=`, `>`, `<`, `>=`, `<=` or `~` (contains). The push history
//! filters on `status`, `dataType`, `pushOperationKey` (or `id`), `dataConnectionKey`,
//! `requestedOnUtc` and `completedOnUtc`; companies on `id`, `name`, `description` and
//! `created`. Dates compare as instants.

use chrono::{DateTime, Utc};
use feedrail::date::parse_utc;
use feedrail::{Company, PushOperation};

/// A value a clause compares with.
pub enum FieldValue {
    /// Text, compared without regard to case.
    Text(Option<String>),
    /// An instant.
    Date(Option<DateTime<Utc>>),
}

/// Something a list can filter on.
pub trait Queryable {
    /// The field names a query may use, and whether each is a date.
    const FIELDS: &'static [(&'static str, bool)];
    /// The value of `field` (one of [`Queryable::FIELDS`]).
    fn value(&self, field: &str) -> FieldValue;
}

impl Queryable for PushOperation {
    const FIELDS: &'static [(&'static str, bool)] = &[
        ("status", false),
        ("dataType", false),
        ("pushOperationKey", false),
        ("id", false),
        ("dataConnectionKey", false),
        ("requestedOnUtc", true),
        ("completedOnUtc", true),
    ];
    fn value(&self, field: &str) -> FieldValue {
        match field {
            "status" => FieldValue::Text(Some(self.status.as_str().to_owned())),
            "dataType" => FieldValue::Text(self.data_type.clone()),
            "dataConnectionKey" => FieldValue::Text(Some(self.data_connection_key.clone())),
            "requestedOnUtc" => FieldValue::Date(Some(self.requested_on_utc)),
            "completedOnUtc" => FieldValue::Date(self.completed_on_utc),
            _ => FieldValue::Text(Some(self.push_operation_key.clone())),
        }
    }
}

impl Queryable for Company {
    const FIELDS: &'static [(&'static str, bool)] = &[
        ("id", false),
        ("name", false),
        ("description", false),
        ("created", true),
    ];
    fn value(&self, field: &str) -> FieldValue {
        match field {
            "name" => FieldValue::Text(Some(self.name.clone())),
            "description" => FieldValue::Text(self.description.clone()),
            "created" => FieldValue::Date(self.created),
            _ => FieldValue::Text(Some(self.id.clone())),
        }
    }
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Lt,
    Ge,
    Le,
    Contains,
}

#[derive(Debug, Clone)]
struct Clause {
    field: &'static str,
    op: Op,
    value: String,
    date: Option<DateTime<Utc>>,
}

/// A parsed filter; empty matches everything.
#[derive(Debug, Clone, Default)]
pub struct Filter(Vec<Clause>);

impl Filter {
    /// Parses `query` over the fields of `T`; `Err` explains what is malformed.
    pub fn parse<T: Queryable>(query: &str) -> Result<Self, String> {
        let mut clauses = Vec::new();
        for raw in query.split("&&").map(str::trim).filter(|c| !c.is_empty()) {
            let (name, op, value) = split_clause(raw).ok_or_else(|| {
                format!("Malformed query clause {raw:?}: expected field, operator and value")
            })?;
            let (field, is_date) = T::FIELDS
                .iter()
                .find(|(f, _)| *f == name)
                .copied()
                .ok_or_else(|| {
                    let known: Vec<&str> = T::FIELDS.iter().map(|(f, _)| *f).collect();
                    format!(
                        "Malformed query: unknown field {name:?}; use one of {}",
                        known.join(", ")
                    )
                })?;
            let value = value.trim_matches(|c| c == '"' || c == '\'').to_owned();
            let date = if is_date {
                Some(
                    parse_utc(&value)
                        .ok_or_else(|| format!("Malformed query: {value:?} is not a date"))?,
                )
            } else {
                None
            };
            clauses.push(Clause {
                field,
                op,
                value,
                date,
            });
        }
        Ok(Filter(clauses))
    }

    /// Whether `item` passes every clause.
    pub fn matches<T: Queryable>(&self, item: &T) -> bool {
        self.0.iter().all(|c| c.matches(item))
    }
}

fn split_clause(raw: &str) -> Option<(&str, Op, &str)> {
    const OPS: [(&str, Op); 7] = [
        ("!=", Op::Ne),
        (">=", Op::Ge),
        ("<=", Op::Le),
        ("=", Op::Eq),
        (">", Op::Gt),
        ("<", Op::Lt),
        ("~", Op::Contains),
    ];
    let (pos, text, op) = OPS
        .iter()
        .filter_map(|(text, op)| raw.find(text).map(|pos| (pos, *text, *op)))
        .min_by_key(|(pos, text, _)| (*pos, std::cmp::Reverse(text.len())))?;
    let name = raw[..pos].trim();
    let value = raw[pos + text.len()..].trim();
    (!name.is_empty() && !value.is_empty()).then_some((name, op, value))
}

impl Clause {
    fn matches<T: Queryable>(&self, item: &T) -> bool {
        let field = match item.value(self.field) {
            FieldValue::Text(text) => {
                let text = text.unwrap_or_default();
                return match self.op {
                    Op::Eq => text.eq_ignore_ascii_case(&self.value),
                    Op::Ne => !text.eq_ignore_ascii_case(&self.value),
                    Op::Contains => text.to_lowercase().contains(&self.value.to_lowercase()),
                    Op::Gt => text.as_str() > self.value.as_str(),
                    Op::Lt => text.as_str() < self.value.as_str(),
                    Op::Ge => text.as_str() >= self.value.as_str(),
                    Op::Le => text.as_str() <= self.value.as_str(),
                };
            }
            FieldValue::Date(date) => date,
        };
        let (Some(field), Some(value)) = (field, self.date) else {
            return self.op == Op::Ne;
        };
        match self.op {
            Op::Eq => field == value,
            Op::Ne => field != value,
            Op::Gt => field > value,
            Op::Lt => field < value,
            Op::Ge => field >= value,
            Op::Le => field <= value,
            Op::Contains => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        let push = Filter::parse::<PushOperation>;
        assert!(push("status=Success && dataType=bankTransactions").is_ok());
        assert!(push("requestedOnUtc>=2026-01-01T00:00:00Z").is_ok());
        assert!(push("").is_ok());
        assert!(push("color=blue").is_err());
        assert!(push("status").is_err());
        assert!(push("requestedOnUtc>yesterday").is_err());
        assert!(Filter::parse::<Company>("name~bakery && created>2026-01-01").is_ok());
        assert!(Filter::parse::<Company>("status=Success").is_err());
    }
}
