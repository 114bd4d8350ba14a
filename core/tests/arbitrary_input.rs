//! Property tests: validation and batching take any JSON without panicking, and what they return
//! is always self-consistent.

use chrono::NaiveDate;
use feedrail::rules::KNOWN_FIELDS;
use feedrail::{
    AccountCursor, AccountStatus, Profile, PushTarget, ValidationContext, plan_batches, validate,
    validate_records,
};
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

/// Any JSON value, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        "-?[0-9]{1,40}(\\.[0-9]{0,40})?([eE][+-]?[0-9]{1,4})?"
            .prop_map(|s| s.parse::<Number>().map(Value::Number).unwrap_or(Value::Null)),
        ".{0,20}".prop_map(Value::String),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?)?(Z|[+-][0-9]{2}:[0-9]{2})?"
            .prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(".{0,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Objects that mostly use the real field names, with values of any type.
fn near_record() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        4 => prop::sample::select(KNOWN_FIELDS.to_vec()).prop_map(str::to_owned),
        1 => ".{0,10}",
    ];
    prop::collection::vec((key, any_json()), 0..12).prop_map(|pairs| {
        let mut map = Map::new();
        for (k, v) in pairs {
            map.insert(k, v);
        }
        Value::Object(map)
    })
}

fn any_cursor() -> impl Strategy<Value = AccountCursor> {
    (
        prop::option::of(0i64..4_000_000_000),
        prop::option::of(-1_000_000i64..1_000_000),
        prop::collection::vec("[a-z0-9]{1,4}", 0..5),
        prop::option::of(prop::sample::select(vec![
            AccountStatus::Pending,
            AccountStatus::Connected,
            AccountStatus::Disconnected,
        ])),
    )
        .prop_map(|(latest, balance, ids, status)| AccountCursor {
            latest_date: latest
                .and_then(|s| chrono::DateTime::from_timestamp(s, 0).map(|d| d.naive_utc())),
            latest_id: ids.first().cloned(),
            last_balance: balance.map(|b| rust_decimal::Decimal::new(b, 2)),
            recent_ids: ids.into_iter().collect(),
            account_status: status,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_input_gives_a_consistent_report(
        records in prop::collection::vec(prop_oneof![1 => any_json(), 3 => near_record()], 0..30),
        cursor in any_cursor(),
        sage in any::<bool>(),
        batch_size in 1usize..=1000,
    ) {
        let profile = if sage { Profile::sage() } else { Profile::generic() };
        let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let ctx = ValidationContext::new(&profile, &cursor).on(today);
        let validated = validate_records(&records, &ctx);
        let report = &validated.report;

        prop_assert_eq!(report.checked, records.len());
        prop_assert_eq!(validated.transactions.len(), validated.indices.len());
        prop_assert!(validated.indices.windows(2).all(|w| w[0] < w[1]));
        for issue in report.errors.iter().chain(&report.warnings) {
            if let Some(i) = issue.index {
                prop_assert!(i < records.len());
                let place = format!("index {}", i);
                prop_assert!(issue.message.contains(&place));
            }
            prop_assert!(!issue.message.is_empty());
        }
        for &i in &validated.indices {
            prop_assert!(report.errors.iter().all(|e| e.index != Some(i)));
        }

        // What passed raw validation draws no line error when validated again as typed lines.
        let again = validate(&validated.transactions, &ctx);
        prop_assert!(again.errors.iter().all(|e| e.index.is_none()), "{}", again);

        let target = PushTarget::new("c", "k", "a");
        let batches = plan_batches(&target, &validated.transactions, batch_size).unwrap();
        let total: usize = batches.iter().map(|b| b.len()).sum();
        prop_assert_eq!(total, validated.transactions.len());
        prop_assert!(batches.iter().all(|b| b.len() <= batch_size && !b.is_empty()));

        // Whatever is sendable serializes and reads back identically.
        let wire = serde_json::to_string(&validated.transactions).unwrap();
        let back: Vec<feedrail::Transaction> = serde_json::from_str(&wire).unwrap();
        prop_assert_eq!(back, validated.transactions.clone());
    }
}
