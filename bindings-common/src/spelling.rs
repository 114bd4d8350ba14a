//! Key spelling: the wire is camelCase, Python is snake_case.

use serde_json::Value;

/// The wire fields that hold money: each language returns them exactly (Python `Decimal`, Node
/// strings).
pub const MONEY_FIELDS: [&str; 4] = ["amount", "balance", "availableBalance", "sourceBalance"];

/// Where a record's key or a table's column goes among the transaction's fields
/// ([`KNOWN_FIELDS`](feedrail::rules::KNOWN_FIELDS)): Codat's names, and `transaction_type`
/// (Python's spelling, and a table's snake case) for `transactionType`.
pub fn field_position(key: &str) -> Option<usize> {
    match key {
        "transaction_type" => feedrail::rules::field_position("transactionType"),
        _ => feedrail::rules::field_position(key),
    }
}

/// `camelCase` → `snake_case`.
pub fn snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out.trim_start_matches('_').to_owned()
}

/// `snake_case` → `camelCase`.
pub fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// An object's keys in camelCase (the wire spelling); anything else unchanged.
pub fn camel_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (camel(&k), v)).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for (camel_case, snake_case) in [
            ("latestDate", "latest_date"),
            ("transactionType", "transaction_type"),
            ("id", "id"),
            ("error500", "error500"),
        ] {
            assert_eq!(snake(camel_case), snake_case);
            assert_eq!(camel(snake_case), camel_case);
        }
    }

    #[test]
    fn only_object_keys_change() {
        let v = camel_keys(serde_json::json!({"last_balance": "1.5", "x": [{"a_b": 1}]}));
        assert_eq!(
            v,
            serde_json::json!({"lastBalance": "1.5", "x": [{"a_b": 1}]})
        );
        assert_eq!(camel_keys(Value::Null), Value::Null);
    }
}

/// `message` with every option name of the surface (`max_retries`) in camelCase
/// (`maxRetries`), for a language that spells options that way; other words are left alone.
pub fn camel_options(message: &str) -> String {
    let options = crate::surface::option_names();
    let mut out = String::with_capacity(message.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.contains('_') && options.contains(&word.as_str()) {
            out.push_str(&camel(word));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in message.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod option_spelling_tests {
    #[test]
    fn option_names_take_the_camel_case_spelling() {
        assert_eq!(
            super::camel_options("max_retries must be 0 or more, got -1; see time_zone and my_own"),
            "maxRetries must be 0 or more, got -1; see timeZone and my_own"
        );
    }
}
