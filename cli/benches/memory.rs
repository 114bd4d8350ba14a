//! Peak memory of `feedrail validate` and `feedrail push` on big CSV files: the file is streamed,
//! so the peak should not grow with it. Each command runs as its own process (the release
//! binary) against an in-process sandbox with no processing delay; its peak RSS comes from
//! `wait4`. Pushes remember in a SQLite cursor, as a durable run does.
//!
//! `FEEDRAIL_BENCH_LINES` picks the sizes (default `1000000,5000000`).

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use feedrail_sandbox::{Sandbox, SandboxConfig};

/// Writes `n` lines, one a second from 1 January 2026, with a continuous balance.
fn write_csv(path: &Path, n: usize) -> std::io::Result<u64> {
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    writeln!(out, "id,date,description,amount,balance,transactionType")?;
    let base = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let mut balance: i64 = 0;
    for i in 0..n {
        let (amount, kind) = if i % 4 == 0 {
            (2_500 + (i % 97) as i64, "Credit")
        } else {
            (-(310 + (i % 13) as i64), "Debit")
        };
        balance += amount;
        writeln!(
            out,
            "tx-{i:08},{},Card payment {},{}.{:02},{}.{:02},{kind}",
            (base + chrono::Duration::seconds(i as i64)).format("%Y-%m-%dT%H:%M:%S"),
            i % 1000,
            sign(amount) + &(amount.abs() / 100).to_string(),
            amount.abs() % 100,
            sign(balance) + &(balance.abs() / 100).to_string(),
            balance.abs() % 100,
        )?;
    }
    out.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

fn sign(v: i64) -> String {
    if v < 0 { "-".into() } else { String::new() }
}

/// Runs the binary with `args` through a fresh copy of this program (so the child's peak does
/// not count this process's memory, which a fork shares before the exec), returning (exit code,
/// peak RSS in MiB, seconds).
fn measure(env: &[(&str, &str)], args: &[&str]) -> (i32, f64, f64) {
    let started = Instant::now();
    let out = Command::new(std::env::current_exe().unwrap())
        .env(LAUNCHER, "1")
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("the launcher runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut fields = text.split_whitespace().map(|f| f.parse::<i64>().unwrap());
    let (code, peak_kib) = (fields.next().unwrap(), fields.next().unwrap());
    (
        code as i32,
        peak_kib as f64 / 1024.0,
        started.elapsed().as_secs_f64(),
    )
}

/// Set in the launcher's environment.
const LAUNCHER: &str = "FEEDRAIL_BENCH_LAUNCHER";

/// Launcher mode: runs `feedrail` with this program's arguments and prints its exit code and
/// peak RSS in KiB.
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its peak"
)]
fn launch() {
    let child = Command::new(env!("CARGO_BIN_EXE_feedrail"))
        .args(std::env::args().skip(1))
        .env_remove(LAUNCHER)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the binary runs");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own child, not yet waited for; both pointers are valid.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    println!("{code} {}", usage.ru_maxrss);
}

fn main() {
    if std::env::var_os(LAUNCHER).is_some() {
        return launch();
    }
    tokio::runtime::Runtime::new().unwrap().block_on(run());
}

async fn run() {
    let sizes: Vec<usize> = std::env::var("FEEDRAIL_BENCH_LINES")
        .unwrap_or_else(|_| "1000000,5000000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("a number of lines"))
        .collect();
    let sandbox = Sandbox::start(SandboxConfig::for_tests()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = sandbox.url();
    let env = [
        ("FEEDRAIL_API_KEY", sandbox.api_key()),
        ("FEEDRAIL_BASE_URL", url.as_str()),
    ];
    println!("| lines | file | command | peak RSS | time | lines/s |");
    println!("|---|---|---|---|---|---|");
    for (k, &n) in sizes.iter().enumerate() {
        let file = dir.path().join(format!("feed-{n}.csv"));
        let bytes = write_csv(&file, n).unwrap();
        let file = file.to_str().unwrap();
        let account = format!("acc{k}");
        let target = sandbox
            .connected_accounts("Bench Co", &[account.as_str()])
            .await
            .unwrap()
            .remove(0);
        let cursor = dir.path().join(format!("cursor-{n}.sqlite"));
        let runs: [(&str, Vec<&str>); 2] = [
            ("validate", vec!["validate", file]),
            (
                "push",
                vec![
                    "push",
                    file,
                    "--cursor",
                    cursor.to_str().unwrap(),
                    "--company",
                    &target.company_id,
                    "--connection",
                    &target.connection_id,
                    "--account",
                    &target.account_id,
                ],
            ),
        ];
        for (name, args) in runs {
            let (code, peak, secs) = measure(&env, &args);
            assert_eq!(code, 0, "feedrail {name} failed");
            println!(
                "| {n} | {:.0} MB | {name} | {peak:.1} MiB | {secs:.1} s | {:.0} |",
                bytes as f64 / 1e6,
                n as f64 / secs
            );
        }
        let ledger = sandbox
            .ledger(
                &target.company_id,
                &target.connection_id,
                &target.account_id,
            )
            .unwrap();
        assert_eq!(ledger.transactions.len(), n, "every line landed");
        std::fs::remove_file(file).unwrap();
    }
}
