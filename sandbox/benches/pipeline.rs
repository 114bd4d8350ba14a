//! The feedrail client's feed pipeline end to end: 100,000 transactions over 20 accounts against
//! the sandbox (a separate process) with its default 200 ms processing delay.
//!
//! Floor: each account's 5 batches must go one after another, each taking at least the 200 ms
//! processing delay, so no client can finish in under 5 × 200 ms = 1 s. Run twice: polling
//! only (goal 1.15× the floor), and with webhooks — a receiver on loopback hands the sandbox's
//! signed `bankTransactions.write.*` deliveries to the client (goal 1.05×, at most one status
//! poll per batch). Also reported: the client's own CPU time per batch (getrusage of this
//! process, receiver included; the sandbox runs in another) and status polls per batch (the
//! sandbox's count of `GET …/push/{key}`).

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

/// Accounts pushed at once: 20, or `FEEDRAIL_BENCH_ACCOUNTS` (1 shows the per-batch overhead
/// without client and sandbox competing for the machine's cores).
fn accounts() -> usize {
    std::env::var("FEEDRAIL_BENCH_ACCOUNTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20)
}
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
    for a in 0..accounts() {
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
        let otp = client
            .generate_otp(&company.id, &connection.id)
            .await
            .unwrap();
        http.post(format!(
            "{url}/_sandbox/companies/{}/connections/{}/accounts/{id}/connect",
            company.id, connection.id
        ))
        .json(&serde_json::json!({"otp": otp.otp}))
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

/// A client whose webhook endpoint, registered with the sandbox, is a receiver on loopback
/// handing each delivery to it.
async fn client_with_webhooks(http: &reqwest::Client, sandbox: &str) -> Client {
    use axum::body::Bytes;
    use axum::http::{HeaderMap, StatusCode};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/codat", listener.local_addr().unwrap());
    let endpoint: Value = http
        .post(format!("{sandbox}/_sandbox/webhooks"))
        .json(&serde_json::json!({"url": url}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let client = Client::builder()
        .api_key(feedrail_sandbox::DEFAULT_API_KEY)
        .base_url(sandbox)
        .webhook_secret(endpoint["secret"].as_str().unwrap())
        .build()
        .unwrap();
    let receiving = client.clone();
    let app = axum::Router::new().route(
        "/codat",
        axum::routing::post(move |headers: HeaderMap, body: Bytes| {
            let client = receiving.clone();
            async move {
                let headers = feedrail::webhooks::WebhookHeaders::from_header_map(&headers);
                match client.handle_webhook(&body, &headers) {
                    Ok(_) => StatusCode::OK,
                    Err(e) if e.code() == feedrail::ErrorCode::WebhookReplay => StatusCode::OK,
                    Err(_) => StatusCode::BAD_REQUEST,
                }
            }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    client
}

/// The figures of one run: wall, client CPU, status polls.
type Run = (Duration, Duration, u64);

fn bench(c: &mut Criterion) {
    let sandbox = SandboxProcess::start();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let http = reqwest::Client::new();
    let polling = Client::builder()
        .api_key(feedrail_sandbox::DEFAULT_API_KEY)
        .base_url(&sandbox.url)
        .build()
        .unwrap();
    let options = FeedOptions::default();
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let mut summaries = Vec::new();
    for label in ["polling only", "with webhooks"] {
        // The webhook endpoint is registered for the second variant only: until then the
        // sandbox delivers nothing.
        let client = if label == "with webhooks" {
            rt.block_on(client_with_webhooks(&http, &sandbox.url))
        } else {
            polling.clone()
        };
        let pipeline = Pipeline::in_memory(client.clone());
        let runs: Mutex<Vec<Run>> = Mutex::new(Vec::new());
        group.bench_function(
            format!(
                "{} accounts × 5,000 lines, 200 ms processing, {label}",
                accounts()
            ),
            |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let jobs = rt.block_on(setup(&client, &sandbox.url));
                        let polls_before = status_polls(&rt, &http, &sandbox.url);
                        let cpu_before = cpu_time();
                        let started = Instant::now();
                        let results = rt.block_on(pipeline.push_feeds(jobs, &options));
                        let wall = started.elapsed();
                        let cpu = cpu_time() - cpu_before;
                        for r in results {
                            assert_eq!(r.unwrap().landed, LINES_PER_ACCOUNT);
                        }
                        let polls = status_polls(&rt, &http, &sandbox.url) - polls_before;
                        runs.lock().unwrap().push((wall, cpu, polls));
                        total += wall;
                    }
                    total
                })
            },
        );
        let runs = runs.into_inner().unwrap();
        // A variant filtered out on the command line has no runs.
        if !runs.is_empty() {
            summaries.push(summary(label, runs));
        }
    }
    group.finish();
    for line in summaries {
        println!("{line}");
    }
}

/// The sandbox's count of single push-operation reads.
fn status_polls(rt: &tokio::runtime::Runtime, http: &reqwest::Client, url: &str) -> u64 {
    let stats: Value = rt.block_on(async {
        let reply = http
            .get(format!("{url}/_sandbox/stats"))
            .send()
            .await
            .unwrap();
        reply.json().await.unwrap()
    });
    stats["statusPolls"].as_u64().unwrap()
}

fn summary(label: &str, runs: Vec<Run>) -> String {
    let n = runs.len() as u32;
    let batches = (accounts() * LINES_PER_ACCOUNT).div_ceil(1000) as u32;
    let floor = Duration::from_millis(DELAY_MS) * (LINES_PER_ACCOUNT.div_ceil(1000) as u32);
    let wall: Duration = runs.iter().map(|r| r.0).sum::<Duration>() / n;
    let best = runs.iter().map(|r| r.0).min().unwrap();
    let cpu: Duration = runs.iter().map(|r| r.1).sum::<Duration>() / n;
    let polls: u64 = runs.iter().map(|r| r.2).sum::<u64>();
    format!(
        "pipeline, {} accounts, {label}: {n} runs; floor {floor:?}; mean wall {wall:?} ({:.3}x floor), best {best:?} ({:.3}x); client CPU {cpu:?} per run = {:?} per batch of 1000; {:.2} status polls per batch",
        accounts(),
        wall.as_secs_f64() / floor.as_secs_f64(),
        best.as_secs_f64() / floor.as_secs_f64(),
        cpu / batches,
        polls as f64 / (batches * n) as f64
    )
}

criterion_group!(benches, bench);
criterion_main!(benches);
