//! The cursor store contract, one conformance suite run against every store: batches begun,
//! completed (cursor advanced, ids remembered) or abandoned (key retired); leases that exclude a
//! second run, fence a run that lost its lease, and lapse for a crashed one; ids looked up on
//! demand. SQLite also: every step survives reopening, migrations, refusals of newer and
//! corrupt files.

use std::sync::Arc;
use std::time::Duration;

use feedrail::{
    CursorStore, ErrorCode, InFlightBatch, LeaseRequest, MemoryCursorStore, PushTarget,
    SqliteCursorStore, Transaction, resend_key,
};
use rust_decimal::Decimal;
use uuid::Uuid;

fn batch(ids: &[&str], balance: i64) -> InFlightBatch {
    InFlightBatch::new(
        Uuid::new_v4(),
        ids.iter()
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

    let wrong = store
        .complete_batch(&lease, &target, Uuid::new_v4())
        .unwrap_err();
    assert_eq!(wrong.code(), ErrorCode::Store, "{wrong}");
    assert!(
        open().load(&target).unwrap().in_flight.is_some(),
        "left as it was"
    );

    store
        .complete_batch(&lease, &target, first.idempotency_key)
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
    store
        .abandon_batch(&lease, &target, failed.idempotency_key)
        .unwrap();
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
        a.complete_batch(&crashed, &target, Uuid::new_v4())
            .unwrap_err()
            .code(),
        ErrorCode::AccountBusy,
        "the crashed run's lease no longer writes"
    );
}

fn conformance(open: &dyn Fn() -> Arc<dyn CursorStore>) {
    lifecycle(open);
    leases(open);
}

#[test]
fn memory_store() {
    let store: Arc<dyn CursorStore> = Arc::new(MemoryCursorStore::default());
    conformance(&|| store.clone());
}

#[test]
fn sqlite_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cursor.sqlite");
    conformance(&|| -> Arc<dyn CursorStore> { Arc::new(SqliteCursorStore::open(&path).unwrap()) });
}

#[test]
fn unusable_path_is_a_store_error() {
    let err = SqliteCursorStore::open("/nonexistent-dir/x/cursor.sqlite").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Store);
    assert!(
        err.to_string().contains("/nonexistent-dir/x/cursor.sqlite"),
        "{err}"
    );
}

#[test]
fn a_file_from_a_newer_feedrail_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cursor.sqlite");
    drop(SqliteCursorStore::open(&path).unwrap());
    let db = rusqlite::Connection::open(&path).unwrap();
    db.pragma_update(None, "user_version", 99).unwrap();
    drop(db);
    let err = SqliteCursorStore::open(&path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Store);
    assert!(err.to_string().contains("schema version 99"), "{err}");
}

#[test]
fn a_file_of_the_first_layout_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cursor.sqlite");
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute_batch(
        "CREATE TABLE accounts (company_id TEXT NOT NULL, connection_id TEXT NOT NULL, account_id TEXT NOT NULL,
            latest_date TEXT, latest_id TEXT, last_balance TEXT, PRIMARY KEY (company_id, connection_id, account_id));
         CREATE TABLE pushed_ids (company_id TEXT NOT NULL, connection_id TEXT NOT NULL, account_id TEXT NOT NULL, id TEXT NOT NULL,
            PRIMARY KEY (company_id, connection_id, account_id, id)) WITHOUT ROWID;
         CREATE TABLE retired_keys (company_id TEXT NOT NULL, connection_id TEXT NOT NULL, account_id TEXT NOT NULL, key TEXT NOT NULL,
            PRIMARY KEY (company_id, connection_id, account_id, key)) WITHOUT ROWID;
         CREATE TABLE in_flight (company_id TEXT NOT NULL, connection_id TEXT NOT NULL, account_id TEXT NOT NULL,
            batch TEXT NOT NULL, PRIMARY KEY (company_id, connection_id, account_id));
         INSERT INTO accounts VALUES ('c', 'k', 'a', '2026-01-02T10:00:00Z', 't2', '1.01');
         INSERT INTO pushed_ids VALUES ('c', 'k', 'a', 't1'), ('c', 'k', 'a', 't2');
         INSERT INTO retired_keys VALUES ('c', 'k', 'a', '67e55044-10b1-426f-9247-bb680e5fe0c8');",
    )
    .unwrap();
    let old_batch = batch(&["t3"], 5);
    db.execute(
        "INSERT INTO in_flight VALUES ('c', 'k', 'a', ?1)",
        [serde_json::to_string(&old_batch).unwrap()],
    )
    .unwrap();
    drop(db);

    let store = SqliteCursorStore::open(&path).unwrap();
    let target = PushTarget::new("c", "k", "a");
    let state = store.load(&target).unwrap();
    assert_eq!(state.cursor.latest_id.as_deref(), Some("t2"));
    assert_eq!(state.cursor.last_balance, Some(Decimal::new(101, 2)));
    assert_eq!(
        state.in_flight.unwrap().transactions,
        old_batch.transactions
    );
    assert_eq!(state.retired_keys.len(), 1);
    assert_eq!(
        store
            .find_pushed(&target, &["t1", "t2", "t3"])
            .unwrap()
            .len(),
        2
    );
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version as usize, SqliteCursorStore::SCHEMA_VERSION);
}

#[test]
fn a_corrupt_row_is_a_store_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cursor.sqlite");
    let store = SqliteCursorStore::open(&path).unwrap();
    let target = PushTarget::new("c", "k", "acc-9");
    let lease = store.acquire(&target, &request(60_000)).unwrap();
    let b = batch(&["t1"], 1);
    store.save_batch(&lease, &target, &b, None).unwrap();
    store
        .complete_batch(&lease, &target, b.idempotency_key)
        .unwrap();
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute("UPDATE account SET last_balance = 'lots'", [])
        .unwrap();
    let err = store.load(&target).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Store);
    assert!(
        err.to_string().contains("acc-9") && err.to_string().contains("last_balance"),
        "{err}"
    );
    db.execute(
        "UPDATE account SET last_balance = '1', in_flight = '{not json'",
        [],
    )
    .unwrap();
    let err = store.load(&target).unwrap_err();
    assert!(err.to_string().contains("in flight"), "{err}");
}
