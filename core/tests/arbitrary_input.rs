//! Property tests: validation and batching take any JSON without panicking, and what they return
//! is always self-consistent.

mod common;

use chrono::NaiveDate;
use feedrail::rules::{KNOWN_FIELDS, Table, check_tables};
use feedrail::{
    AccountCursor, AccountStatus, Profile, PushTarget, Validated, ValidationContext, check_records,
    plan_batches, validate, validate_records,
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

/// Records close to valid ones, their values drawn from small pools: repeated ids, dates out of
/// order, broken balances, wrong types.
fn plausible_record() -> impl Strategy<Value = Value> {
    let pick = |values: &[&'static str]| prop::sample::select(values.to_vec());
    (
        pick(&["a", "b", "c", " ", "\u{0}x"]),
        pick(&[
            "2026-01-01",
            "2026-01-02T10:00:00",
            "2026-01-02T10:00:00+01:00",
            "2027-01-01",
            "nope",
        ]),
        pick(&["-1", "1", "0", "2.50", "x"]),
        pick(&["-1", "0", "1", "9", "-1.00"]),
        pick(&["Debit", "Credit", "Fee", "debit"]),
        pick(&["Card", "", "x\u{7}"]),
    )
        .prop_map(|(id, date, amount, balance, kind, description)| {
            serde_json::json!({"id": id, "date": date, "amount": amount, "balance": balance,
                "transactionType": kind, "description": description})
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

/// A column of JSON records' values under one key: an absent key is an empty cell.
struct JsonColumn<'r> {
    cells: Vec<Option<&'r Value>>,
}

impl feedrail::rules::TableColumn for JsonColumn<'_> {
    fn cell(&self, row: usize) -> Option<feedrail::RawValue<'_>> {
        self.cells[row].map(feedrail::RawValue::from_json)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Rows checked in place from tables (split anywhere) get exactly the report (issues in
    /// the same order) and valid positions of the same records read into lines first.
    #[test]
    fn tables_checked_in_place_report_as_lines_do(
        records in prop::collection::vec(prop_oneof![near_record(), plausible_record()], 0..30),
        cursor in any_cursor(),
        sage in any::<bool>(),
        splits in prop::collection::vec(0usize..30, 0..3),
    ) {
        tables_report_as_lines(&records, &cursor, sage, splits)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    /// Feeds big enough to be checked in two halves at once, as tables (split anywhere) and as
    /// lines, report exactly what checking them chunk after chunk does: feeds in order with
    /// faults sprinkled in (where the second half's guessed start holds or not), and lines in
    /// no order at all.
    #[test]
    fn big_feeds_checked_in_halves_report_as_in_sequence(
        records in prop_oneof![
            3 => ordered_feed(),
            1 => prop::collection::vec(prop_oneof![30 => plausible_record(), 1 => near_record()], 4000..6000),
        ],
        cursor in any_cursor(),
        sage in any::<bool>(),
        splits in prop::collection::vec(0usize..6000, 0..3),
    ) {
        let profile = if sage { Profile::sage() } else { Profile::generic() };
        let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let ctx = ValidationContext::new(&profile, &cursor).on(today);
        let (report, indices) = common::streamed(&records, &ctx, 1000);
        let in_sequence = Validated { report, transactions: Vec::new(), indices };
        prop_assert_eq!(&check_records(&records, &ctx), &in_sequence);
        tables_report_as_lines(&records, &cursor, sage, splits)?;
    }
}

/// A feed in order (each line a minute after the one before, balances running on) of 4000 to
/// 6000 lines, with up to a dozen faults at random lines: a repeated id, a future, early or
/// late date, a broken balance, a missing description, another offset, an unknown field.
fn ordered_feed() -> impl Strategy<Value = Vec<Value>> {
    let faults = prop::collection::vec((any::<prop::sample::Index>(), 0u8..8), 0..12);
    (4000usize..6000, faults).prop_map(|(n, faults)| {
        let mut records: Vec<Value> = (0..n)
            .map(|i| {
                let cents = -125 * (i as i64 + 1);
                serde_json::json!({
                    "id": format!("t{i}"),
                    "date": format!("2026-03-{:02}T{:02}:{:02}:00", 1 + i / 1440, i / 60 % 24, i % 60),
                    "description": "Card",
                    "amount": "-1.25",
                    "balance": format!("-{}.{:02}", -cents / 100, -cents % 100),
                    "transactionType": "Debit",
                })
            })
            .collect();
        for (at, kind) in faults {
            let i = at.index(n);
            let earlier = records[i / 2]["id"].clone();
            let line = records[i].as_object_mut().unwrap();
            match kind {
                0 => {
                    line.insert("id".into(), earlier);
                }
                1 => {
                    line.insert("date".into(), "2027-01-01".into());
                }
                2 => {
                    line.insert("date".into(), "2026-01-01T00:00:00".into());
                }
                3 => {
                    line.insert("balance".into(), "5".into());
                }
                4 => {
                    line.remove("description");
                }
                5 => {
                    let date = format!("{}+01:00", line["date"].as_str().unwrap());
                    line.insert("date".into(), date.into());
                }
                6 => {
                    line.insert("memo".into(), "x".into());
                }
                _ => {
                    line.insert("date".into(), "2026-06-29T00:00:00".into());
                }
            }
        }
        records
    })
}

/// Checks `records` split into tables at `splits` against [`check_records`] of them all.
fn tables_report_as_lines(
    records: &[Value],
    cursor: &AccountCursor,
    sage: bool,
    splits: Vec<usize>,
) -> Result<(), TestCaseError> {
    let profile = if sage {
        Profile::sage()
    } else {
        Profile::generic()
    };
    let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let ctx = ValidationContext::new(&profile, cursor).on(today);
    let expected = check_records(records, &ctx);

    let mut bounds: Vec<usize> = splits.into_iter().map(|s| s.min(records.len())).collect();
    bounds.extend([0, records.len()]);
    bounds.sort_unstable();
    let chunks: Vec<&[Value]> = bounds.windows(2).map(|w| &records[w[0]..w[1]]).collect();
    let names: std::collections::BTreeSet<&str> = records
        .iter()
        .flat_map(|r| {
            r.as_object()
                .into_iter()
                .flat_map(|m| m.keys().map(String::as_str))
        })
        .collect();
    let columns: Vec<Vec<(&str, JsonColumn<'_>)>> = chunks
        .iter()
        .map(|chunk| {
            names
                .iter()
                .map(|&name| {
                    (
                        name,
                        JsonColumn {
                            cells: chunk.iter().map(|r| r.get(name)).collect(),
                        },
                    )
                })
                .collect()
        })
        .collect();
    let tables: Vec<Table<'_, JsonColumn<'_>>> = chunks
        .iter()
        .zip(&columns)
        .map(|(chunk, columns)| {
            Table::new(
                chunk.len(),
                columns.iter().map(|(name, column)| {
                    (KNOWN_FIELDS.iter().position(|k| k == name), *name, column)
                }),
            )
        })
        .collect();
    let checked = check_tables(&tables, &ctx);
    prop_assert_eq!(checked, expected);
    Ok(())
}
