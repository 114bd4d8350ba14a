//! Every cursor store passes the one conformance suite (`feedrail::cursor::conformance`);
//! SQLite also: migrations, refusal of a file from a newer feedrail, corrupt rows.

use std::sync::Arc;
use std::time::Duration;

use feedrail::cursor::conformance::{self, batch};
use feedrail::{
    CursorStore, ErrorCode, LeaseRequest, MemoryCursorStore, PostgresCursorStore, PushTarget,
    SqliteCursorStore,
};
use rust_decimal::Decimal;

fn request() -> LeaseRequest {
    LeaseRequest::for_this_process(Duration::from_secs(60))
}

#[test]
fn memory_store() {
    let store: Arc<dyn CursorStore> = Arc::new(MemoryCursorStore::default());
    conformance::check(&|| store.clone());
}

#[test]
fn sqlite_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cursor.sqlite");
    conformance::check(&|| -> Arc<dyn CursorStore> {
        Arc::new(SqliteCursorStore::open(&path).unwrap())
    });
}

#[test]
fn postgres_store() {
    let url = feedrail_sandbox::scratch_database();
    conformance::check(&|| -> Arc<dyn CursorStore> {
        Arc::new(PostgresCursorStore::connect(&url).unwrap())
    });
}

#[test]
fn a_postgres_database_from_a_newer_feedrail_is_refused() {
    let url = feedrail_sandbox::scratch_database();
    drop(PostgresCursorStore::connect(&url).unwrap());
    let mut db = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    db.execute("UPDATE feedrail_schema SET version = 99", &[])
        .unwrap();
    let err = PostgresCursorStore::connect(&url).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Store);
    assert!(err.to_string().contains("schema version 99"), "{err}");
}

#[test]
fn sslmode_require_refuses_a_server_without_tls() {
    let url = feedrail_sandbox::scratch_database();
    let err = PostgresCursorStore::connect(&format!("{url}?sslmode=require")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Store);
    assert!(err.to_string().to_lowercase().contains("tls"), "{err}");
}

#[test]
fn an_unreachable_postgres_is_a_store_error_without_the_password() {
    let err = PostgresCursorStore::connect("postgresql://me:s3cret@127.0.0.1:1/db").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Store);
    assert!(!err.to_string().contains("s3cret"), "{err}");
    assert!(err.to_string().contains("127.0.0.1:1"), "{err}");
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
    let lease = store.acquire(&target, &request()).unwrap();
    let b = batch(&["t1"], 1);
    store.save_batch(&lease, &target, &b, None).unwrap();
    store
        .complete_batch(
            &lease,
            &target,
            b.idempotency_key,
            &feedrail::BatchEnd::default(),
        )
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
