//! Scaling out: lines/s and accounts/s with 1, 2 and 4 `feedrail worker` processes draining one
//! PostgreSQL queue against a sandbox with 200 ms processing per push.
//!
//! 64 accounts in 4 companies, 2,000 lines each (two batches): one account alone needs at least
//! 2 × 200 ms. A worker pushing N accounts at once needs about 64 / N rounds of that, so adding
//! workers divides the time — linear until the per-company limit of 10 requests in flight (shared
//! by the workers through the database) or the machine's cores bind. Run with 2 and with 8
//! accounts at once per worker. The sandbox reports the peak per-company concurrency it saw and
//! any request it refused for being over the limit; the CPU time of the workers, the sandbox and
//! PostgreSQL shows when the machine is the bound.
//!
//! Needs `FEEDRAIL_DATABASE_URL` (`eval "$(scripts/postgres.sh start)"`, which also sets `PGTMP`
//! so the server's CPU time is reported); `make bench` starts one.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use feedrail::queue::{EnqueueOptions, Queue};
use feedrail::{Lines, PushTarget};
use feedrail_sandbox::{Sandbox, SandboxConfig, scratch_database};
use rust_decimal::Decimal;

const COMPANIES: usize = 4;
const ACCOUNTS_PER_COMPANY: usize = 16;
const LINES: usize = 2_000;
const DELAY_MS: u64 = 200;

fn input(account: &str) -> Vec<serde_json::Value> {
    let base = chrono::NaiveDate::from_ymd_opt(2026, 4, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let mut balance = Decimal::ZERO;
    (0..LINES)
        .map(|i| {
            let amount = Decimal::new(-310, 2);
            balance += amount;
            serde_json::json!({
                "id": format!("{account}-{i:05}"),
                "date": (base + chrono::Duration::seconds(i as i64)).format("%Y-%m-%dT%H:%M:%S").to_string(),
                "description": "Coffee", "amount": amount, "balance": balance, "transactionType": "Debit",
            })
        })
        .collect()
}

async fn run(workers: usize, at_once: usize) {
    let sandbox = Sandbox::start(SandboxConfig {
        processing_delay: Duration::from_millis(DELAY_MS),
        ..SandboxConfig::for_tests()
    })
    .await
    .unwrap();
    let db = scratch_database();
    let queue = Queue::connect(&db).unwrap();
    let mut targets: Vec<PushTarget> = Vec::new();
    for c in 0..COMPANIES {
        let names: Vec<String> = (0..ACCOUNTS_PER_COMPANY)
            .map(|a| format!("c{c}a{a}"))
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        targets.extend(
            sandbox
                .connected_accounts(&format!("Company {c}"), &names)
                .await
                .unwrap(),
        );
    }
    for t in &targets {
        let lines = input(&t.account_id);
        queue
            .enqueue(t, &Lines::from_json(&lines), &EnqueueOptions::default())
            .unwrap();
    }
    let pg0 = postgres_cpu();
    let (workers0, sandbox0) = (cpu(libc::RUSAGE_CHILDREN), cpu(libc::RUSAGE_SELF));
    let started = Instant::now();
    let children: Vec<_> = (0..workers)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_feedrail"))
                .env("FEEDRAIL_API_KEY", sandbox.api_key())
                .env("FEEDRAIL_BASE_URL", sandbox.url())
                .env("FEEDRAIL_DATABASE_URL", &db)
                .args(["worker", "--until-drained", "--metrics-every", "0"])
                .args(["--accounts-at-once", &at_once.to_string()])
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let wall = started.elapsed().as_secs_f64();
    let workers_cpu = cpu(libc::RUSAGE_CHILDREN) - workers0;
    let sandbox_cpu = cpu(libc::RUSAGE_SELF) - sandbox0;
    // Backends are reaped (and their CPU counted) a moment after the workers disconnect.
    std::thread::sleep(Duration::from_secs(1));
    let pg = postgres_cpu().map(|now| now - pg0.unwrap_or(now));
    let total: usize = targets
        .iter()
        .map(|t| {
            sandbox
                .ledger(&t.company_id, &t.connection_id, &t.account_id)
                .unwrap()
                .transactions
                .len()
        })
        .sum();
    assert_eq!(total, targets.len() * LINES, "every line landed");
    let concurrency = sandbox.concurrency_stats();
    let requests = sandbox.fault_stats().requests;
    println!(
        "{workers} worker(s) × {at_once} accounts at once: {wall:.2} s, {:.0} lines/s, {:.1} accounts/s; peak {} requests in flight per company, {} refused; {requests} requests; CPU: workers {workers_cpu:.2} s, sandbox {sandbox_cpu:.2} s, PostgreSQL {}",
        total as f64 / wall,
        targets.len() as f64 / wall,
        concurrency.peak_per_company,
        concurrency.refused,
        pg.map_or("not measured (no PGTMP)".to_owned(), |s| format!(
            "{s:.2} s"
        )),
    );
    sandbox.shutdown().await;
}

/// CPU seconds of this process (`RUSAGE_SELF`: the sandbox) or of its waited-for children
/// (`RUSAGE_CHILDREN`: the workers).
fn cpu(who: libc::c_int) -> f64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; both `who` values are valid.
    let usage = unsafe {
        libc::getrusage(who, usage.as_mut_ptr());
        usage.assume_init()
    };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// CPU seconds the PostgreSQL server of `scripts/postgres.sh` (its `PGTMP`) used so far, its
/// exited backends included.
fn postgres_cpu() -> Option<f64> {
    let dir = std::env::var("PGTMP").ok()?;
    let pid = std::fs::read_to_string(format!("{dir}/data/postmaster.pid")).ok()?;
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid.lines().next()?)).ok()?;
    // utime, stime, cutime, cstime: fields 14 to 17, after the parenthesised name.
    let ticks: f64 = stat
        .rsplit(')')
        .next()?
        .split_whitespace()
        .skip(11)
        .take(4)
        .filter_map(|x| x.parse::<f64>().ok())
        .sum();
    Some(ticks / 100.0)
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    for at_once in [2, 8] {
        for workers in [1, 2, 4] {
            run(workers, at_once).await;
        }
    }
}
