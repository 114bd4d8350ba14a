//! The part of Codat's query language the push history supports: clauses joined by `&&`, each
//! `field op value` with `=`, `!=`, `>`, `<`, `>=`, `<=` or `~` (contains), on `status`,
//! `dataType`, `pushOperationKey` (or `id`), `dataConnectionKey`, `requestedOnUtc` and
//! `completedOnUtc`. Dates compare as instants.

use chrono::{DateTime, Utc};
use feedrail::PushOperation;
use feedrail::date::parse_utc;

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

/// A field that can be filtered on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Status,
    DataType,
    Key,
    Connection,
    Requested,
    Completed,
}

#[derive(Debug, Clone)]
struct Clause {
    field: Field,
    op: Op,
    value: String,
    date: Option<DateTime<Utc>>,
}

/// A parsed filter; empty matches everything.
#[derive(Debug, Clone, Default)]
pub struct Filter(Vec<Clause>);

impl Filter {
    /// Parses `query`; `Err` explains what is malformed.
    pub fn parse(query: &str) -> Result<Self, String> {
        let mut clauses = Vec::new();
        for raw in query.split("&&").map(str::trim).filter(|c| !c.is_empty()) {
            let (name, op, value) = split_clause(raw).ok_or_else(|| {
                format!("Malformed query clause {raw:?}: expected field, operator and value")
            })?;
            let field = match name {
                "status" => Field::Status,
                "dataType" => Field::DataType,
                "pushOperationKey" | "id" => Field::Key,
                "dataConnectionKey" => Field::Connection,
                "requestedOnUtc" => Field::Requested,
                "completedOnUtc" => Field::Completed,
                other => return Err(format!("Malformed query: unknown field {other:?}")),
            };
            let value = value.trim_matches(|c| c == '"' || c == '\'').to_owned();
            let date = match field {
                Field::Requested | Field::Completed => Some(
                    parse_utc(&value)
                        .ok_or_else(|| format!("Malformed query: {value:?} is not a date"))?,
                ),
                _ => None,
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

    /// Whether `op` passes every clause.
    pub fn matches(&self, op: &PushOperation) -> bool {
        self.0.iter().all(|c| c.matches(op))
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
    fn matches(&self, op: &PushOperation) -> bool {
        let text = match self.field {
            Field::Status => Some(op.status.as_str().to_owned()),
            Field::DataType => op.data_type.clone(),
            Field::Key => Some(op.push_operation_key.clone()),
            Field::Connection => Some(op.data_connection_key.clone()),
            Field::Requested | Field::Completed => None,
        };
        if let Some(text) = text {
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
        let field = match self.field {
            Field::Requested => Some(op.requested_on_utc),
            _ => op.completed_on_utc,
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
        assert!(Filter::parse("status=Success && dataType=bankTransactions").is_ok());
        assert!(Filter::parse("requestedOnUtc>=2026-01-01T00:00:00Z").is_ok());
        assert!(Filter::parse("").is_ok());
        assert!(Filter::parse("color=blue").is_err());
        assert!(Filter::parse("status").is_err());
        assert!(Filter::parse("requestedOnUtc>yesterday").is_err());
    }
}
