//! What the feed benchmarks share: the lines they push and the process's CPU clock.

use std::time::Duration;

use rust_decimal::Decimal;
use serde_json::Value;

/// User plus system CPU time of this process.
pub fn cpu_time() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// `n` valid card payments for `account`, a minute apart from 2026-01-01, balances running.
pub fn lines(account: &str, n: usize) -> Vec<Value> {
    let base = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let mut balance = Decimal::ZERO;
    (0..n)
        .map(|i| {
            let amount = Decimal::new(-(100 + (i % 900) as i64), 2);
            balance += amount;
            serde_json::from_str(&format!(
                r#"{{"id":"{account}-{i:07}","date":"{}","description":"Card payment {i}","counterparty":"ACME Ltd","amount":{amount},"balance":{balance},"transactionType":"Debit"}}"#,
                (base + chrono::Duration::minutes(i as i64)).format("%Y-%m-%dT%H:%M:%S")
            ))
            .unwrap()
        })
        .collect()
}
