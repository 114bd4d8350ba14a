//! Shared setup for tests: an in-process sandbox and a client with quick retries for client
//! tests, and validation chunk by chunk as a reference for the rules.

#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use feedrail::{
    Client, CursorStore, FeedOptions, Pipeline, PushTarget, RetryPolicy, SourceAccountPrototype,
    WaitOptions,
};
use feedrail_sandbox::{Sandbox, SandboxConfig};
use rust_decimal::Decimal;
use serde_json::Value;

/// Retries fast enough for tests, generous enough for 20% faults.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 12,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(100),
        multiplier: 2.0,
        max_retry_after: Duration::from_secs(2),
        total_timeout: Duration::from_secs(60),
    }
}

pub fn client_for(sandbox: &Sandbox) -> Client {
    Client::builder()
        .api_key(sandbox.api_key())
        .base_url(sandbox.url())
        .retry(quick_retries())
        .build()
        .expect("client builds")
}

/// A pipeline on `sandbox` remembering in `store` (in memory when `None`).
pub fn pipeline_for(sandbox: &Sandbox, store: Option<Arc<dyn CursorStore>>) -> Pipeline {
    match store {
        Some(store) => Pipeline::new(client_for(sandbox), store),
        None => Pipeline::in_memory(client_for(sandbox)),
    }
}

pub fn quick_wait() -> WaitOptions {
    WaitOptions {
        initial_interval: Duration::from_millis(5),
        max_interval: Duration::from_millis(50),
        relative_interval: 0.05,
        expected: None,
        deadline: Duration::from_secs(30),
        ..WaitOptions::default()
    }
}

pub fn options() -> FeedOptions {
    FeedOptions {
        wait: quick_wait(),
        ..FeedOptions::default()
    }
}

pub async fn sandbox(delay_ms: u64) -> Sandbox {
    Sandbox::start(SandboxConfig {
        processing_delay: Duration::from_millis(delay_ms),
        ..SandboxConfig::for_tests()
    })
    .await
    .expect("sandbox starts")
}

pub fn prototype(id: &str) -> SourceAccountPrototype {
    SourceAccountPrototype {
        id: id.to_owned(),
        account_name: Some(format!("Account {id}")),
        account_type: Some("Credit".into()),
        account_number: Some("12345678".into()),
        sort_code: Some("040004".into()),
        currency: Some("GBP".into()),
        balance: Some(Decimal::ZERO),
        modified_date: None,
    }
}

/// A company, a Sage connection and `n` connected accounts `acc-0..`.
pub async fn accounts(sandbox: &Sandbox, n: usize) -> Vec<PushTarget> {
    let ids: Vec<String> = (0..n).map(|i| format!("acc-{i}")).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    sandbox
        .connected_accounts("Toft Stores", &ids)
        .await
        .expect("the sandbox sets the accounts up")
}

/// `n` valid lines for `account`, continuous balances, one minute apart, starting at `start`.
pub fn lines(account: &str, start: usize, n: usize) -> Vec<Value> {
    let base = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    (start..start + n)
        .map(|i| {
            let amount = if i % 5 == 0 { Decimal::new(2500, 2) } else { Decimal::new(-310, 2) };
            let credits = (i / 5 + 1) as i64;
            let debits = (i + 1) as i64 - credits;
            let balance = Decimal::new(2500, 2) * Decimal::from(credits) - Decimal::new(310, 2) * Decimal::from(debits);
            serde_json::from_str(&format!(
                r#"{{"id": "{account}-{i:06}", "date": "{}", "description": "Line {i}", "amount": {amount}, "balance": {balance}, "transactionType": "{}"}}"#,
                (base + chrono::Duration::minutes(i as i64)).format("%Y-%m-%dT%H:%M:%S"),
                if amount.is_sign_negative() { "Debit" } else { "Credit" }
            ))
            .unwrap()
        })
        .collect()
}

/// The ids on the sandbox ledger of `target`, in order.
pub fn ledger_ids(sandbox: &Sandbox, target: &PushTarget) -> Vec<String> {
    sandbox
        .ledger(
            &target.company_id,
            &target.connection_id,
            &target.account_id,
        )
        .unwrap()
        .transactions
        .into_iter()
        .map(|t| t.id)
        .collect()
}

/// The ids of lines already read, in order.
pub fn line_ids(lines: &feedrail::Lines<'_>) -> Vec<String> {
    (0..lines.len())
        .map(|i| lines.id(i).unwrap().to_owned())
        .collect()
}

/// The ids of raw lines, in order.
pub fn ids(lines: &[Value]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_owned())
        .collect()
}

/// `records` validated chunk after chunk of `size` through [`StreamValidation`], as the CLI reads
/// a file: one line after another, never two parts at once. The report and the valid positions.
pub fn streamed(
    records: &[Value],
    ctx: &feedrail::ValidationContext<'_>,
    size: usize,
) -> (feedrail::Report, Vec<usize>) {
    let chunks: Vec<feedrail::Lines<'static>> = records
        .chunks(size)
        .enumerate()
        .map(|(n, chunk)| feedrail::Lines::from_json_at(n * size, chunk))
        .collect();
    let mut stream = feedrail::StreamValidation::new(ctx);
    for chunk in &chunks {
        stream.scan(chunk, |_| true);
    }
    let valid = chunks
        .iter()
        .flat_map(|chunk| stream.check(chunk, |_| true))
        .collect();
    (stream.finish().expect("one feed read twice"), valid)
}
