//! Many workers on one PostgreSQL queue, as separate processes: 4 `feedrail worker`s drain 200
//! accounts × 1,000 lines (in 4 companies) from a sandbox with about 20% faults of every kind;
//! 2 of them are killed with SIGKILL mid-run and 2 fresh ones started. Refused batches wait as
//! failed lines until `feedrail queue retry` — the operator's step — and then go.
//!
//! Checked: every ledger is always a prefix of its input and in the end equals it (0 lost,
//! 0 duplicated, order kept); the sandbox never saw more than 10 requests of one company at
//! once nor refused one for being over that cap (the workers share the limit through the
//! database); no account ever had two pushes pending at once.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use feedrail::queue::{EnqueueOptions, Queue};
use feedrail::{Lines, PushTarget};
use feedrail_sandbox::{FaultConfig, Sandbox, SandboxConfig, scratch_database};
use rust_decimal::Decimal;

const COMPANIES: usize = 4;
const ACCOUNTS_PER_COMPANY: usize = 50;
const LINES: usize = 1_000;

/// `LINES` valid lines for `account` (continuous balances, one minute apart).
fn input(account: &str) -> Vec<serde_json::Value> {
    let base = chrono::NaiveDate::from_ymd_opt(2026, 3, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let mut balance = Decimal::new(50_000, 2);
    (0..LINES)
        .map(|i| {
            let amount = Decimal::new(if i % 3 == 0 { 4_000 } else { -1_275 }, 2);
            balance += amount;
            serde_json::json!({
                "id": format!("{account}-{i:04}"),
                "date": (base + chrono::Duration::minutes(i as i64)).format("%Y-%m-%dT%H:%M:%S").to_string(),
                "description": format!("Line {i}"),
                "amount": amount,
                "balance": balance,
                "transactionType": if amount.is_sign_negative() { "Debit" } else { "Credit" },
            })
        })
        .collect()
}

fn ids(lines: &[serde_json::Value]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_owned())
        .collect()
}

fn feedrail(sandbox: &Sandbox, db: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_feedrail"));
    command
        .env("FEEDRAIL_API_KEY", sandbox.api_key())
        .env("FEEDRAIL_BASE_URL", sandbox.url())
        .env("FEEDRAIL_DATABASE_URL", db)
        .env("FEEDRAIL_MAX_RETRIES", "10");
    command
}

fn start_worker(sandbox: &Sandbox, db: &str) -> Child {
    feedrail(sandbox, db)
        .args(["worker", "--until-drained", "--metrics-every", "0"])
        .args([
            "--accounts-at-once",
            "8",
            "--lease-ttl",
            "2",
            "--wait-timeout",
            "60",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Every ledger is a prefix of its input; returns how many lines landed in all.
fn check_prefixes(
    sandbox: &Sandbox,
    accounts: &[(PushTarget, Vec<String>)],
    context: &str,
) -> usize {
    let mut landed = 0;
    for (t, input) in accounts {
        let ledger: Vec<String> = sandbox
            .ledger(&t.company_id, &t.connection_id, &t.account_id)
            .unwrap()
            .transactions
            .into_iter()
            .map(|t| t.id)
            .collect();
        assert!(
            ledger.len() <= input.len() && ledger[..] == input[..ledger.len()],
            "{context}: account {}'s ledger is not a prefix of its input ({} lines)",
            t.account_id,
            ledger.len()
        );
        landed += ledger.len();
    }
    landed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_workers_lose_nothing_and_the_company_limit_holds_across_processes() {
    let sandbox = Sandbox::start(SandboxConfig {
        processing_delay: Duration::from_millis(50),
        ..SandboxConfig::for_tests()
    })
    .await
    .unwrap();
    let db = scratch_database();
    let queue = Queue::connect(&db).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut accounts = Vec::new();
    for c in 0..COMPANIES {
        let names: Vec<String> = (0..ACCOUNTS_PER_COMPANY)
            .map(|a| format!("c{c}a{a}"))
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let targets = sandbox
            .connected_accounts(&format!("Company {c}"), &names)
            .await
            .unwrap();
        for target in targets {
            let lines = input(&target.account_id);
            if accounts.is_empty() {
                // The first account goes through `feedrail enqueue`, twice (the second is a
                // no-op): what an application's job would run.
                let file = dir.path().join("first.json");
                std::fs::write(&file, serde_json::to_vec(&lines).unwrap()).unwrap();
                for _ in 0..2 {
                    enqueue_file(&sandbox, &db, &target, &file);
                }
            } else {
                queue
                    .enqueue(
                        &target,
                        &Lines::from_json(&lines),
                        &EnqueueOptions::default(),
                    )
                    .unwrap();
            }
            accounts.push((target, ids(&lines)));
        }
    }
    let total = COMPANIES * ACCOUNTS_PER_COMPANY * LINES;
    sandbox
        .set_faults(FaultConfig {
            seed: 42,
            error_500: 0.025,
            error_503: 0.025,
            rate_limited: 0.025,
            reset_before_commit: 0.025,
            reset_after_commit: 0.025,
            latency: 0.025,
            latency_ms: 30,
            push_failed: 0.03,
            push_timed_out: 0.03,
            timed_out_landed: 0.03,
            max_push_faults: None,
        })
        .unwrap();

    let mut workers: Vec<Child> = (0..4).map(|_| start_worker(&sandbox, &db)).collect();
    // Kill two workers once a fifth of the lines landed, and start two fresh ones.
    let deadline = Instant::now() + Duration::from_secs(240);
    while check_prefixes(&sandbox, &accounts, "while running") < total / 5 {
        assert!(Instant::now() < deadline, "the workers made no progress");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for mut killed in workers.drain(..2) {
        killed.kill().unwrap();
        killed.wait().unwrap();
    }
    workers.extend((0..2).map(|_| start_worker(&sandbox, &db)));

    let mut rounds = 0;
    loop {
        for mut worker in workers.drain(..) {
            loop {
                if let Some(status) = worker.try_wait().unwrap() {
                    assert!(status.success(), "a worker failed: {status}");
                    break;
                }
                assert!(
                    Instant::now() < deadline,
                    "the workers did not drain the queue"
                );
                check_prefixes(&sandbox, &accounts, "while running");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        let failed: Vec<_> = queue
            .status()
            .unwrap()
            .into_iter()
            .filter(|s| s.failed > 0)
            .collect();
        if failed.is_empty() {
            break;
        }
        rounds += 1;
        assert!(rounds < 20, "failed lines keep coming back: {failed:?}");
        for status in &failed {
            let t = &status.target;
            let out = feedrail(&sandbox, &db)
                .args(["queue", "retry", "--company", &t.company_id])
                .args(["--connection", &t.connection_id, "--account", &t.account_id])
                .output()
                .unwrap();
            assert!(out.status.success(), "{out:?}");
        }
        workers = (0..2).map(|_| start_worker(&sandbox, &db)).collect();
    }

    assert_eq!(
        check_prefixes(&sandbox, &accounts, "at the end"),
        total,
        "every line landed exactly once, in order"
    );
    let concurrency = sandbox.concurrency_stats();
    assert!(
        concurrency.peak_per_company <= 10 && concurrency.refused == 0,
        "the per-company limit held across the worker processes: {concurrency:?}"
    );
    assert_eq!(
        sandbox.overlapping_pushes(),
        0,
        "one push per account at a time"
    );
    let stats = sandbox.fault_stats();
    assert!(
        stats.push_failed > 0 && stats.timed_out_landed > 0 && stats.reset_after_commit > 0,
        "the faults did happen: {stats:?}"
    );
    let status = queue.status().unwrap();
    assert!(
        status
            .iter()
            .all(|s| s.queued == 0 && s.failed == 0 && s.landed == LINES as u64),
        "the queue is empty and every account's lines are recorded as landed"
    );
    let out = feedrail(&sandbox, &db)
        .args(["queue", "status"])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && table.contains("c3a49"), "{table}");
}

fn enqueue_file(sandbox: &Sandbox, db: &str, target: &PushTarget, file: &Path) {
    let out = feedrail(sandbox, db)
        .args(["enqueue", file.to_str().unwrap()])
        .args([
            "--company",
            &target.company_id,
            "--connection",
            &target.connection_id,
        ])
        .args(["--account", &target.account_id])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enqueue_refuses_an_invalid_file_and_names_the_line() {
    let sandbox = Sandbox::start(SandboxConfig::for_tests()).await.unwrap();
    let db = scratch_database();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(
        &file,
        "id,date,description,amount,balance,transactionType\n\
         a1,2026-03-01T09:00:00,Coffee,-3.10,96.90,Debit\n\
         a2,2026-03-01T10:00:00,Tea,-2.00,,Debit\n",
    )
    .unwrap();
    let out = feedrail(&sandbox, &db)
        .args(["enqueue", file.to_str().unwrap()])
        .args([
            "--company",
            "co",
            "--connection",
            "conn",
            "--account",
            "acc",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        stdout.contains("line 3") && stdout.contains("balance"),
        "{stdout}"
    );
    let queue = Queue::connect(&db).unwrap();
    assert!(queue.status().unwrap().iter().all(|s| s.queued == 0));
}

#[test]
fn an_unreachable_database_is_one_line_without_the_password() {
    let out = Command::new(env!("CARGO_BIN_EXE_feedrail"))
        .args(["queue", "status"])
        .env(
            "FEEDRAIL_DATABASE_URL",
            "postgresql://me:s3cret@127.0.0.1:1/feeds",
        )
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: ") && stderr.lines().count() == 1,
        "{stderr}"
    );
    assert!(
        stderr.contains("127.0.0.1:1") && !stderr.contains("s3cret"),
        "{stderr}"
    );
}
