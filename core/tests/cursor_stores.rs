//! Both cursor stores behave the same: begin, record the push key, complete (cursor advanced,
//! ids remembered) or abandon (key retired); SQLite keeps it all across reopening.

use std::sync::Arc;

use feedrail::{
    CursorStore, InFlightBatch, MemoryCursorStore, PushTarget, SqliteCursorStore, Transaction,
    resend_key,
};
use rust_decimal::Decimal;
use uuid::Uuid;

fn batch(ids: &[&str], balance: i64) -> InFlightBatch {
    InFlightBatch {
        idempotency_key: Uuid::new_v4(),
        push_operation_key: None,
        started_at: chrono::Utc::now(),
        transactions: ids
            .iter()
            .enumerate()
            .map(|(i, id)| Transaction {
                id: (*id).to_owned(),
                date: feedrail::date::parse_utc(&format!("2026-01-0{}T10:00:00", i + 1)).unwrap(),
                description: Some("x".into()),
                counterparty: None,
                reference: None,
                reconciled: None,
                amount: Decimal::ONE,
                balance: Some(Decimal::new(balance + i as i64, 2)),
                transaction_type: None,
            })
            .collect(),
    }
}

fn exercise(store: &dyn CursorStore, reopen: &dyn Fn() -> Arc<dyn CursorStore>) {
    let target = PushTarget::new("c", "k", "a");
    let other = PushTarget::new("c", "k", "b");
    assert_eq!(store.load(&target).unwrap(), Default::default());

    let first = batch(&["t1", "t2"], 100);
    store.begin_batch(&target, &first).unwrap();
    store.set_push_operation(&target, "op-1").unwrap();
    let state = reopen().load(&target).unwrap();
    assert_eq!(
        state
            .in_flight
            .as_ref()
            .unwrap()
            .push_operation_key
            .as_deref(),
        Some("op-1")
    );
    assert_eq!(
        state.in_flight.unwrap().transactions,
        first.transactions,
        "the lines survive exactly"
    );

    store.complete_batch(&target).unwrap();
    let state = reopen().load(&target).unwrap();
    assert!(state.in_flight.is_none());
    assert_eq!(state.cursor.latest_id.as_deref(), Some("t2"));
    assert_eq!(state.cursor.last_balance, Some(Decimal::new(101, 2)));
    assert_eq!(state.cursor.latest_date, Some(first.transactions[1].date));
    assert!(state.cursor.has_pushed("t1") && state.cursor.has_pushed("t2"));

    let failed = batch(&["t3"], 200);
    store.begin_batch(&target, &failed).unwrap();
    store.abandon_batch(&target).unwrap();
    let state = reopen().load(&target).unwrap();
    assert!(state.in_flight.is_none());
    assert!(
        !state.cursor.has_pushed("t3"),
        "an abandoned batch did not land"
    );
    assert!(state.retired_keys.contains(&failed.idempotency_key));
    assert_eq!(
        state.usable_key(failed.idempotency_key),
        resend_key(failed.idempotency_key, 1)
    );
    assert_eq!(
        state.cursor.latest_id.as_deref(),
        Some("t2"),
        "the cursor did not move"
    );

    assert_eq!(
        reopen().load(&other).unwrap(),
        Default::default(),
        "accounts are separate"
    );
}

#[test]
fn memory_store() {
    let store = Arc::new(MemoryCursorStore::default());
    let shared: Arc<dyn CursorStore> = store.clone();
    exercise(store.as_ref(), &|| shared.clone());
}

#[test]
fn sqlite_store_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cursor.sqlite");
    let store = SqliteCursorStore::open(&path).unwrap();
    let reopen = || -> Arc<dyn CursorStore> { Arc::new(SqliteCursorStore::open(&path).unwrap()) };
    exercise(&store, &reopen);
}

#[test]
fn unusable_path_is_a_store_error() {
    let err = SqliteCursorStore::open("/nonexistent-dir/x/cursor.sqlite").unwrap_err();
    assert_eq!(err.code(), feedrail::ErrorCode::Store);
    assert!(
        err.to_string().contains("/nonexistent-dir/x/cursor.sqlite"),
        "{err}"
    );
}
