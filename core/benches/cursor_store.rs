//! The SQLite cursor store (figures, not assertions):
//!
//! 1. **Steps per second**: the writes of one batch's life (`save_batch` before sending, again
//!    with Codat's key, `complete_batch`), each one transaction with `synchronous = FULL`, plus
//!    lease renewals and `find_pushed` look-ups.
//! 2. **Resume of an account with 10M pushed ids**: a fresh process opens the file, takes the
//!    lease, loads the account and looks up a 100k-line input (99k of it already pushed) —
//!    wall time and the process's peak memory. The file is built once under `target/` and kept.
//!
//! `cargo bench -p feedrail --bench cursor_store` (add `-- --ids N` for another size).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use feedrail::{
    CursorStore, InFlightBatch, LeaseRequest, PushTarget, SqliteCursorStore, Transaction,
};
use rust_decimal::Decimal;
use uuid::Uuid;

use common::peak_mib;

const BATCH: usize = 1000;

fn target() -> PushTarget {
    PushTarget::new("company", "connection", "account")
}

fn id(i: usize) -> String {
    format!("tx-{i:09}")
}

fn lines(from: usize, n: usize) -> Vec<Transaction> {
    let base = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    (from..from + n)
        .map(|i| Transaction {
            id: id(i),
            date: (base + chrono::Duration::seconds(i as i64)).naive_utc(),
            description: Some("Card payment".into()),
            counterparty: None,
            reference: None,
            reconciled: None,
            amount: Decimal::new(-310, 2),
            balance: Some(Decimal::new(i as i64, 2)),
            transaction_type: None,
        })
        .collect()
}

/// Pushes `ids` lines through the store's own steps, a batch of 1000 at a time.
fn fill(store: &SqliteCursorStore, ids: usize) {
    let t = target();
    let lease = store
        .acquire(
            &t,
            &LeaseRequest::for_this_process(Duration::from_secs(3600)),
        )
        .unwrap();
    let started = Instant::now();
    for from in (0..ids).step_by(BATCH) {
        let batch = InFlightBatch::new(Uuid::new_v4(), lines(from, BATCH.min(ids - from)));
        store.save_batch(&lease, &t, &batch, None).unwrap();
        store
            .complete_batch(
                &lease,
                &t,
                batch.idempotency_key,
                &feedrail::BatchEnd::default(),
            )
            .unwrap();
        if from % 1_000_000 == 0 && from > 0 {
            eprintln!("  {from} ids in {:?}", started.elapsed());
        }
    }
    store.release(&t, &lease).unwrap();
    eprintln!(
        "cursor_store/fill: {ids} ids in {:?} ({:.0} ids/s through save_batch + complete_batch)",
        started.elapsed(),
        ids as f64 / started.elapsed().as_secs_f64()
    );
}

fn steps_per_second(dir: &Path) {
    let path = dir.join("steps.sqlite");
    let _ = std::fs::remove_file(&path);
    let store = SqliteCursorStore::open(&path).unwrap();
    let t = target();
    let lease = store
        .acquire(
            &t,
            &LeaseRequest::for_this_process(Duration::from_secs(3600)),
        )
        .unwrap();
    let n = 300;
    let started = Instant::now();
    for i in 0..n {
        let mut batch = InFlightBatch::new(Uuid::new_v4(), lines(i * BATCH, BATCH));
        store.save_batch(&lease, &t, &batch, None).unwrap();
        batch.push_operation_key = Some("op".into());
        store.save_batch(&lease, &t, &batch, None).unwrap();
        store
            .complete_batch(
                &lease,
                &t,
                batch.idempotency_key,
                &feedrail::BatchEnd::default(),
            )
            .unwrap();
    }
    let batch_steps = started.elapsed();
    let started = Instant::now();
    for _ in 0..n {
        store.renew(&t, &lease).unwrap();
    }
    let renewals = started.elapsed();
    let probe: Vec<String> = (0..100_000).map(|i| id(i * 3)).collect();
    let probe: Vec<&str> = probe.iter().map(String::as_str).collect();
    let started = Instant::now();
    let found = store.find_pushed(&t, &probe).unwrap();
    let lookups = started.elapsed();
    store.release(&t, &lease).unwrap();
    println!(
        "cursor_store/steps: a 1000-line batch's three writes {:?} ({:.0} batches/s, {:.0} steps/s); lease renewal {:?} ({:.0}/s); find_pushed {:.0} ids/s ({} of 100k found)",
        batch_steps / n as u32,
        n as f64 / batch_steps.as_secs_f64(),
        3.0 * n as f64 / batch_steps.as_secs_f64(),
        renewals / n as u32,
        n as f64 / renewals.as_secs_f64(),
        100_000.0 / lookups.as_secs_f64(),
        found.len()
    );
}

/// The resume, in this (fresh) process: prints time and peak memory.
fn resume(path: &Path, ids: usize) {
    let before = peak_mib();
    let started = Instant::now();
    let store = SqliteCursorStore::open(path).unwrap();
    let t = target();
    let lease = store
        .acquire(&t, &LeaseRequest::for_this_process(Duration::from_secs(30)))
        .unwrap();
    let state = store.load(&t).unwrap();
    let input: Vec<String> = (ids - 99_000..ids + 1_000).map(id).collect();
    let input: Vec<&str> = input.iter().map(String::as_str).collect();
    let pushed = store.find_pushed(&t, &input).unwrap();
    store.release(&t, &lease).unwrap();
    let took = started.elapsed();
    assert_eq!(pushed.len(), 99_000);
    assert_eq!(state.cursor.latest_id, Some(id(ids - 1)));
    println!(
        "cursor_store/resume: account with {ids} pushed ids, 100k-line input (99k already pushed): {took:?}; peak memory {:.1} MiB (process at start {before:.1} MiB)",
        peak_mib()
    );
}

fn main() {
    let Some(arg) = common::options() else {
        return;
    };
    let ids: usize = arg("--ids").map_or(10_000_000, |n| n.parse().unwrap());
    if let Some(path) = arg("--resume") {
        return resume(Path::new(&path), ids);
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    steps_per_second(&dir);
    let path = dir.join(format!("cursor-{ids}.sqlite"));
    if !path.exists() {
        let building = path.with_extension("building");
        let _ = std::fs::remove_file(&building);
        fill(&SqliteCursorStore::open(&building).unwrap(), ids);
        std::fs::rename(&building, &path).unwrap();
    }
    let status = Command::new(std::env::current_exe().unwrap())
        .args([
            "--resume",
            path.to_str().unwrap(),
            "--ids",
            &ids.to_string(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
}
