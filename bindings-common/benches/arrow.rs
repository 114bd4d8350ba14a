//! Arrow in, without a host language: 100k rows of the columns `bench/python_ingest.py` builds
//! (string ids and descriptions, a second-resolution timestamp, decimal128 money) read into
//! lines and validated, and checked in place as `validate` does for a pyarrow table or Node's IPC
//! bytes. Goal of issue 19: ≥ 10M rows/s from Arrow through the whole call.

use std::hint::black_box;
use std::sync::Arc;

use arrow_array::{Decimal128Array, RecordBatch, StringArray, TimestampSecondArray};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use feedrail::Lines;
use feedrail_bindings::Records;
use feedrail_bindings::arrow::read_batch;
use serde_json::Value;

const N: usize = 100_000;

fn table() -> RecordBatch {
    RecordBatch::try_from_iter([
        (
            "id",
            Arc::new(StringArray::from_iter_values(
                (0..N).map(|i| format!("t{i:07}")),
            )) as _,
        ),
        (
            "date",
            Arc::new(TimestampSecondArray::from_iter_values(
                (0..N as i64).map(|i| 1_767_225_600 + i),
            )) as _,
        ),
        (
            "description",
            Arc::new(StringArray::from_iter_values(
                (0..N).map(|_| "Card payment ACME"),
            )) as _,
        ),
        (
            "amount",
            Arc::new(
                Decimal128Array::from_iter_values((0..N).map(|_| -125))
                    .with_precision_and_scale(12, 2)
                    .unwrap(),
            ) as _,
        ),
        (
            "balance",
            Arc::new(
                Decimal128Array::from_iter_values((0..N as i128).map(|i| -125 * (i + 1)))
                    .with_precision_and_scale(12, 2)
                    .unwrap(),
            ) as _,
        ),
        (
            "transaction_type",
            Arc::new(StringArray::from_iter_values((0..N).map(|_| "Debit"))) as _,
        ),
    ])
    .unwrap()
}

fn validate(records: &Records<'_>) -> usize {
    let validated =
        feedrail_bindings::validate(records, Value::Null, Some("2026-06-30"), None, None).unwrap();
    assert!(validated.report.errors.is_empty());
    validated.indices.len()
}

fn bench(c: &mut Criterion) {
    let batch = table();
    let read = || {
        let mut lines = Lines::default();
        read_batch(&batch, &mut lines).unwrap();
        lines
    };
    let lines = Records::Lines(read());
    // What `validate` does with an Arrow table: each row checked as it is read, no lines kept.
    let arrow = Records::Arrow(vec![batch.clone()]);
    let mut group = c.benchmark_group("arrow");
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function("read", |b| b.iter(|| black_box(read())));
    group.bench_function("validate", |b| b.iter(|| black_box(validate(&lines))));
    group.bench_function("read + validate", |b| {
        b.iter(|| black_box(validate(&Records::Lines(read()))))
    });
    group.bench_function("checked in place", |b| {
        b.iter(|| black_box(validate(&arrow)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
