//! Validate + batch over 1M transactions, typed and raw. Goal: ≥ 10M transactions/s on one core
//! for the typed path (validate + plan batches with idempotency keys).

use std::hint::black_box;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use feedrail::{
    AccountCursor, Profile, PushTarget, Transaction, TransactionType, ValidationContext,
    plan_batches, validate, validate_records,
};
use rust_decimal::Decimal;

const N: usize = 1_000_000;

fn transactions() -> Vec<Transaction> {
    let start = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let mut balance = Decimal::new(1_000_000, 2);
    (0..N)
        .map(|i| {
            let amount = if i % 3 == 0 {
                Decimal::new(12_345, 2)
            } else {
                Decimal::new(-4_567, 2)
            };
            balance += amount;
            Transaction {
                id: format!("tx-{i:08}"),
                date: (start + Duration::seconds(i as i64 * 30)).naive_utc(),
                description: Some(format!("Card payment {i}")),
                counterparty: Some("ACME Ltd".into()),
                reference: None,
                reconciled: None,
                amount,
                balance: Some(balance),
                transaction_type: Some(if amount.is_sign_negative() {
                    TransactionType::Debit
                } else {
                    TransactionType::Credit
                }),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let txs = transactions();
    let records: Vec<serde_json::Value> = txs
        .iter()
        .map(|t| serde_json::to_value(t).unwrap())
        .collect();
    let profile = Profile::sage();
    let cursor = AccountCursor {
        last_balance: Some(Decimal::new(1_000_000, 2)),
        ..AccountCursor::default()
    };
    let ctx = ValidationContext::new(&profile, &cursor)
        .on(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap());
    let target = PushTarget::new("company", "connection", "account");

    let mut group = c.benchmark_group("1M transactions");
    group.throughput(Throughput::Elements(N as u64));
    group.sample_size(10);
    group.bench_function("typed: validate + batch", |b| {
        b.iter(|| {
            let report = validate(black_box(&txs), &ctx);
            assert!(report.is_ok());
            black_box(plan_batches(&target, &txs, 1000).unwrap())
        })
    });
    group.bench_function("typed: validate only", |b| {
        b.iter(|| black_box(validate(black_box(&txs), &ctx)))
    });
    group.bench_function("typed: batch only", |b| {
        b.iter(|| black_box(plan_batches(&target, black_box(&txs), 1000).unwrap()))
    });
    group.bench_function("raw JSON records: validate + batch", |b| {
        b.iter(|| {
            let validated = validate_records(black_box(&records), &ctx);
            assert!(validated.report.is_ok());
            black_box(plan_batches(&target, &validated.transactions, 1000).unwrap())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
