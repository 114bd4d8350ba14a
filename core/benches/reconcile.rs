//! Reconciling 1M source lines against the push journal (figures, not assertions): a SQLite
//! cursor whose journal holds 1M landed lines in 1000 batches (filled through the store's own
//! steps, built once under `target/` and kept), then, in a fresh process, the source read into
//! lines, validated and reconciled — wall time and the process's peak memory. No request is
//! made (the account's balance is not read, no batch is confirmed).
//!
//! `cargo bench -p feedrail --bench reconcile` (add `-- --lines N` for another size).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use feedrail::{
    BatchEnd, Client, CursorStore, InFlightBatch, LeaseRequest, Lines, Pipeline, PushTarget,
    ReconcileOptions, SqliteCursorStore, Transaction,
};
use rust_decimal::Decimal;
use serde_json::Value;
use uuid::Uuid;

use common::peak_mib;

const BATCH: usize = 1000;

fn target() -> PushTarget {
    PushTarget::new("company", "connection", "account")
}

fn line(i: usize) -> Transaction {
    let base = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    Transaction {
        id: format!("tx-{i:09}"),
        date: (base + chrono::Duration::seconds(i as i64)).naive_utc(),
        description: Some("Card payment".into()),
        counterparty: None,
        reference: None,
        reconciled: None,
        amount: Decimal::new(-310, 2),
        balance: Some(Decimal::new(-310 * (i as i64 + 1), 2)),
        transaction_type: Some(feedrail::TransactionType::Debit),
    }
}

/// Lands `n` lines through the store's steps, 1000 per journaled batch.
fn fill(store: &SqliteCursorStore, n: usize) {
    let t = target();
    let lease = store
        .acquire(
            &t,
            &LeaseRequest::for_this_process(Duration::from_secs(3600)),
        )
        .unwrap();
    let started = Instant::now();
    for from in (0..n).step_by(BATCH) {
        let batch = InFlightBatch::new(
            Uuid::new_v4(),
            (from..(from + BATCH).min(n)).map(line).collect(),
        );
        store.save_batch(&lease, &t, &batch, None).unwrap();
        let end = BatchEnd {
            push_operation_key: Some(Uuid::new_v4().to_string()),
            ..BatchEnd::default()
        };
        store
            .complete_batch(&lease, &t, batch.idempotency_key, &end)
            .unwrap();
    }
    store.release(&t, &lease).unwrap();
    eprintln!(
        "reconcile/fill: {n} lines journaled in {:?}",
        started.elapsed()
    );
}

/// The reconciliation, in this (fresh) process: prints time and peak memory.
fn reconcile(path: &Path, n: usize) {
    let source: Vec<Value> = (0..n)
        .map(|i| serde_json::to_value(line(i)).unwrap())
        .collect();
    let before = peak_mib();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = Client::builder()
        .api_key("unused")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let store: Arc<dyn CursorStore> = Arc::new(SqliteCursorStore::open(path).unwrap());
    let pipeline = Pipeline::new(client, store);
    let options = ReconcileOptions {
        read_account: false,
        today: chrono::NaiveDate::from_ymd_opt(2030, 1, 1),
        ..ReconcileOptions::default()
    };
    let started = Instant::now();
    let lines = Lines::from_json(&source);
    let read = started.elapsed();
    let result = runtime
        .block_on(pipeline.reconcile(&target(), &lines, &options))
        .unwrap();
    let took = started.elapsed();
    assert_eq!(result.counts.landed, n);
    assert!(result.balance_breaks.is_empty());
    println!(
        "reconcile: {n} source lines against a journal of {} batches: {took:?} ({:.2}M lines/s; reading the records {read:?}); peak memory {:.0} MiB (with the source records held: {before:.0} MiB before)",
        n / BATCH,
        n as f64 / took.as_secs_f64() / 1e6,
        peak_mib()
    );
}

fn main() {
    let Some(arg) = common::options() else {
        return;
    };
    let n: usize = arg("--lines").map_or(1_000_000, |n| n.parse().unwrap());
    if let Some(path) = arg("--reconcile") {
        return reconcile(Path::new(&path), n);
    }
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("journal-{n}.sqlite"));
    if !path.exists() {
        let building = path.with_extension("building");
        let _ = std::fs::remove_file(&building);
        fill(&SqliteCursorStore::open(&building).unwrap(), n);
        std::fs::rename(&building, &path).unwrap();
    }
    let status = Command::new(std::env::current_exe().unwrap())
        .args([
            "--reconcile",
            path.to_str().unwrap(),
            "--lines",
            &n.to_string(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
}
