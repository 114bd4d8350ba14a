//! The contract every [`CursorStore`] keeps, as one suite any store can be checked against —
//! feedrail's own and yours: call [`check`] from a test with a function that opens the store
//! under test (each call a new handle to the same data, as another process would have).
//!
//! It panics, naming what broke, on the first violation: it is meant for tests.

use std::sync::Arc;
use std::time::Duration;

use rust_decimal::Decimal;
use uuid::Uuid;

use super::{BatchEnd, CursorStore, InFlightBatch, JournalStatus, LeaseRequest};
use crate::batch::{PushTarget, resend_key};
use crate::error::ErrorCode;
use crate::model::{Transaction, ValidationItem};

/// Runs the whole suite: a batch's life (begun, given Codat's key, completed or abandoned; ids
/// on demand; accounts apart) and leases (exclusion naming the holder, renewal, fencing after a
/// takeover, lapse of a crashed run's lease). Uses accounts `c/k/a`, `c/k/b` and `c/k/leased`.
pub fn check(open: &dyn Fn() -> Arc<dyn CursorStore>) {
    lifecycle(open);
    leases(open);
}

/// A batch about to be sent: one line per id, a day apart from 2026-01-01, balances from
/// `balance` cents up.
pub fn batch(ids: &[&str], balance: i64) -> InFlightBatch {
    InFlightBatch::new(
        Uuid::new_v4(),
        ids.iter()
            .enumerate()
            .map(|(i, id)| Transaction {
                id: (*id).to_owned(),
                date: crate::date::parse_wall_clock(&format!("2026-01-0{}T10:00:00", i + 1))
                    .unwrap(),
                description: Some("x".into()),
                counterparty: None,
                reference: None,
                reconciled: None,
                amount: Decimal::ONE,
                balance: Some(Decimal::new(balance + i as i64, 2)),
                transaction_type: None,
            })
            .collect(),
    )
}

fn request(ttl_ms: u64) -> LeaseRequest {
    LeaseRequest::for_this_process(Duration::from_millis(ttl_ms))
}

/// `open()` gives the same store again (for SQLite: a new connection to the same file, as
/// another process would have).
fn lifecycle(open: &dyn Fn() -> Arc<dyn CursorStore>) {
    let store = open();
    let target = PushTarget::new("c", "k", "a");
    let other = PushTarget::new("c", "k", "b");
    assert_eq!(store.load(&target).unwrap(), Default::default());
    let lease = store.acquire(&target, &request(60_000)).unwrap();

    let mut first = batch(&["t1", "t2"], 100);
    store.save_batch(&lease, &target, &first, None).unwrap();
    first.push_operation_key = Some("op-1".into());
    store.save_batch(&lease, &target, &first, None).unwrap();
    let state = open().load(&target).unwrap();
    let in_flight = state.in_flight.unwrap();
    assert_eq!(in_flight.push_operation_key.as_deref(), Some("op-1"));
    assert_eq!(
        in_flight.transactions, first.transactions,
        "the lines survive exactly"
    );
    assert!(
        !in_flight.sent_by_this_run,
        "a loaded batch was sent by an earlier run"
    );

    let landed = BatchEnd {
        push_operation_key: Some("op-1".into()),
        ..BatchEnd::default()
    };
    let wrong = store
        .complete_batch(&lease, &target, Uuid::new_v4(), &landed)
        .unwrap_err();
    assert_eq!(wrong.code(), ErrorCode::Store, "{wrong}");
    assert!(
        open().load(&target).unwrap().in_flight.is_some(),
        "left as it was"
    );

    assert!(
        open().journal(&target).unwrap().is_empty(),
        "nothing settled yet"
    );
    store
        .complete_batch(&lease, &target, first.idempotency_key, &landed)
        .unwrap();
    let state = open().load(&target).unwrap();
    assert!(state.in_flight.is_none());
    assert_eq!(state.cursor.latest_id.as_deref(), Some("t2"));
    assert_eq!(state.cursor.last_balance, Some(Decimal::new(101, 2)));
    assert_eq!(state.cursor.latest_date, Some(first.transactions[1].date));
    assert!(state.cursor.recent_ids.is_empty(), "ids are not loaded");
    let found = open()
        .find_pushed(&target, &["t0", "t1", "t2", "t3"])
        .unwrap();
    assert_eq!(found.len(), 2);
    assert!(found.contains("t1") && found.contains("t2"));
    assert!(open().find_pushed(&other, &["t1"]).unwrap().is_empty());

    let failed = batch(&["t3"], 200);
    let retired = Uuid::new_v4();
    store
        .save_batch(&lease, &target, &failed, Some(retired))
        .unwrap();
    let refused = BatchEnd {
        push_operation_key: Some("op-2".into()),
        completed_at: Some(chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap()),
        message: Some("Push failed".into()),
        validation: vec![ValidationItem {
            item_id: Some("t3".into()),
            message: Some("refused".into()),
            validator_name: None,
        }],
    };
    store
        .abandon_batch(&lease, &target, failed.idempotency_key, &refused)
        .unwrap();
    let journal = open().journal(&target).unwrap();
    assert_eq!(journal.len(), 2, "{journal:?}");
    assert_eq!(
        (
            journal[0].sequence,
            journal[0].status,
            journal[0].ids.clone()
        ),
        (
            1,
            JournalStatus::Landed,
            vec!["t1".to_owned(), "t2".to_owned()]
        )
    );
    assert_eq!(journal[0].push_operation_key.as_deref(), Some("op-1"));
    assert_eq!(journal[0].idempotency_key, first.idempotency_key);
    assert_eq!(
        journal[0].requested_at.timestamp_millis(),
        first.started_at.timestamp_millis()
    );
    assert_eq!(
        (
            journal[1].sequence,
            journal[1].status,
            journal[1].ids.clone()
        ),
        (2, JournalStatus::Failed, vec!["t3".to_owned()])
    );
    assert_eq!(journal[1].message.as_deref(), Some("Push failed"));
    assert_eq!(
        journal[1].validation, refused.validation,
        "Codat's messages are kept"
    );
    assert_eq!(Some(journal[1].completed_at), refused.completed_at);
    assert!(
        open().journal(&other).unwrap().is_empty(),
        "journals are per account"
    );
    let state = open().load(&target).unwrap();
    assert!(state.in_flight.is_none());
    assert!(open().find_pushed(&target, &["t3"]).unwrap().is_empty());
    assert!(state.retired_keys.contains(&failed.idempotency_key));
    assert!(state.retired_keys.contains(&retired));
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
        open().load(&other).unwrap(),
        Default::default(),
        "accounts are separate"
    );
}

fn leases(open: &dyn Fn() -> Arc<dyn CursorStore>) {
    let (a, b) = (open(), open());
    let target = PushTarget::new("c", "k", "leased");
    let first = request(60_000);
    let lease = a.acquire(&target, &first).unwrap();
    assert_eq!(
        a.acquire(&target, &first).unwrap().token,
        lease.token,
        "the same run takes its own lease again"
    );

    let busy = b.acquire(&target, &request(60_000)).unwrap_err();
    assert_eq!(busy.code(), ErrorCode::AccountBusy);
    assert!(busy.retryable());
    assert!(busy.to_string().contains(&lease.holder), "{busy}");
    assert!(
        busy.to_string().contains(&std::process::id().to_string()),
        "names the process: {busy}"
    );

    let renewed = a.renew(&target, &lease).unwrap();
    assert!(renewed.expires_at >= lease.expires_at);
    a.release(&target, &lease).unwrap();

    // Another run takes over: the first one's writes are fenced off.
    let second = b.acquire(&target, &request(60_000)).unwrap();
    let fenced = a
        .save_batch(&lease, &target, &batch(&["x"], 1), None)
        .unwrap_err();
    assert_eq!(fenced.code(), ErrorCode::AccountBusy, "{fenced}");
    assert!(fenced.to_string().contains(&second.holder), "{fenced}");
    assert_eq!(
        a.renew(&target, &lease).unwrap_err().code(),
        ErrorCode::AccountBusy
    );
    assert!(
        open().load(&target).unwrap().in_flight.is_none(),
        "nothing written"
    );
    a.release(&target, &lease).unwrap();
    assert_eq!(
        open()
            .acquire(&target, &request(60_000))
            .unwrap_err()
            .code(),
        ErrorCode::AccountBusy,
        "releasing a lost lease frees nothing"
    );
    b.release(&target, &second).unwrap();

    // A run that crashed holding the account: its lease lapses and the next run takes over.
    let crashed = a.acquire(&target, &request(50)).unwrap();
    assert_eq!(
        b.acquire(&target, &request(60_000)).unwrap_err().code(),
        ErrorCode::AccountBusy
    );
    std::thread::sleep(Duration::from_millis(80));
    let next = b.acquire(&target, &request(60_000)).unwrap();
    assert_ne!(next.token, crashed.token);
    assert_eq!(
        a.complete_batch(&crashed, &target, Uuid::new_v4(), &BatchEnd::default())
            .unwrap_err()
            .code(),
        ErrorCode::AccountBusy,
        "the crashed run's lease no longer writes"
    );
}
