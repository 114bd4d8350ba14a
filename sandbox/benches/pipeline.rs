//! The feedrail client's feed pipeline end to end: 100,000 transactions over 20 accounts against
//! the sandbox (a separate process) with its default 200 ms processing delay.
//!
//! Floor: each account's 5 batches must go one after another, each taking at least the 200 ms
//! processing delay, so no client can finish in under 5 × 200 ms = 1 s. Goal: within 1.15× of
//! it. Also reported: the client's own CPU time per batch (getrusage of this process; the
//! sandbox runs in another) and polls per batch (the sandbox's request count, less the pushes
//! and the one account read per account).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

mod common;

use common::{cpu_time, lines};

use criterion::{Criterion, criterion_group, criterion_main};
use feedrail::{
    Client, CompanyRequest, FeedJob, FeedOptions, Pipeline, PushTarget, SourceAccountPrototype,
};
use rust_decimal::Decimal;
use serde_json::Value;

const ACCOUNTS: usize = 20;
const LINES_PER_ACCOUNT: usize = 5_000;
const DELAY_MS: u64 = 200;

struct SandboxProcess {
    child: Child,
    url: String,
}

impl SandboxProcess {
    fn start() -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_feedrail-sandbox"))
            .args(["--port", "0", "--delay-ms", &DELAY_MS.to_string()])
            .stdout(Stdio::piped())
            .spawn()
            .expect("the sandbox binary starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line.trim().rsplit(' ').next().unwrap().to_owned();
        SandboxProcess { child, url }
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn setup(client: &Client, url: &str) -> Vec<FeedJob> {
    let company = client
        .create_company(&CompanyRequest {
            name: "Bench".into(),
            description: None,
        })
        .await
        .unwrap();
    let connection = client.create_connection(&company.id, "olpr").await.unwrap();
    let http = reqwest::Client::new();
    let mut jobs = Vec::new();
    for a in 0..ACCOUNTS {
        let id = format!("acc-{a}");
        let account = SourceAccountPrototype {
            id: id.clone(),
            account_name: Some(id.clone()),
            account_type: Some("Debit".into()),
            account_number: Some("12345678".into()),
            sort_code: Some("040004".into()),
            currency: Some("GBP".into()),
            balance: Some(Decimal::ZERO),
            modified_date: None,
        };
        client
            .create_account(&company.id, &connection.id, &account)
            .await
            .unwrap();
        http.post(format!(
            "{url}/_sandbox/companies/{}/connections/{}/accounts/{id}/connect",
            company.id, connection.id
        ))
        .send()
        .await
        .unwrap();
        jobs.push(FeedJob::from_json(
            PushTarget::new(&company.id, &connection.id, &id),
            &lines(&id, LINES_PER_ACCOUNT),
        ));
    }
    jobs
}

/// A request to the sandbox's admin API (`PUT faults` with no faults resets its statistics).
async fn admin(http: &reqwest::Client, url: &str, method: reqwest::Method, path: &str) -> Value {
    let mut request = http.request(method.clone(), format!("{url}/_sandbox/{path}"));
    if method == reqwest::Method::PUT {
        request = request.json(&serde_json::json!({}));
    }
    request.send().await.unwrap().json().await.unwrap()
}

fn bench(c: &mut Criterion) {
    let sandbox = SandboxProcess::start();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let client = Client::builder()
        .api_key(feedrail_sandbox::DEFAULT_API_KEY)
        .base_url(&sandbox.url)
        .build()
        .unwrap();
    let pipeline = Pipeline::in_memory(client.clone());
    let options = FeedOptions::default();
    let runs: Mutex<Vec<(Duration, Duration, u64)>> = Mutex::new(Vec::new());
    let http = reqwest::Client::new();

    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("100k lines, 20 accounts, 200 ms processing", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let jobs = rt.block_on(setup(&client, &sandbox.url));
                rt.block_on(admin(&http, &sandbox.url, reqwest::Method::PUT, "faults"));
                let cpu_before = cpu_time();
                let started = Instant::now();
                let results = rt.block_on(pipeline.push_feeds(jobs, &options));
                let wall = started.elapsed();
                let cpu = cpu_time() - cpu_before;
                for r in results {
                    assert_eq!(r.unwrap().landed, LINES_PER_ACCOUNT);
                }
                let stats = rt.block_on(admin(&http, &sandbox.url, reqwest::Method::GET, "stats"));
                let requests = stats["faults"]["requests"].as_u64().unwrap();
                runs.lock().unwrap().push((wall, cpu, requests));
                total += wall;
            }
            total
        })
    });
    group.finish();

    let runs = runs.into_inner().unwrap();
    let n = runs.len() as u32;
    let batches = (ACCOUNTS * LINES_PER_ACCOUNT).div_ceil(1000) as u32;
    let floor = Duration::from_millis(DELAY_MS) * (LINES_PER_ACCOUNT.div_ceil(1000) as u32);
    let wall: Duration = runs.iter().map(|r| r.0).sum::<Duration>() / n;
    let best = runs.iter().map(|r| r.0).min().unwrap();
    let cpu: Duration = runs.iter().map(|r| r.1).sum::<Duration>() / n;
    let requests: u64 = runs.iter().map(|r| r.2).sum::<u64>() / n as u64;
    let polls = (requests - ACCOUNTS as u64 - batches as u64) as f64 / batches as f64;
    println!(
        "pipeline: {n} runs; floor {floor:?}; mean wall {wall:?} ({:.2}x floor), best {best:?} ({:.2}x); client CPU {cpu:?} per run = {:?} per batch of 1000; {polls:.2} polls per batch",
        wall.as_secs_f64() / floor.as_secs_f64(),
        best.as_secs_f64() / floor.as_secs_f64(),
        cpu / batches
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
