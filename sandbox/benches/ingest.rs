//! 1000 pushes of 1000 transactions over loopback with zero processing delay, until every push
//! has landed. Goal: ≥ 300k transactions/s ingested.

use std::time::{Duration, Instant};

use base64::Engine;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use feedrail_sandbox::{Sandbox, SandboxConfig};
use serde_json::{Value, json};

const PUSHES: usize = 1000;
const LINES: usize = 1000;
const ACCOUNTS: usize = 8;

/// The body of push `n` to an account: 1000 lines, dates and balances continuing.
fn body(account: &str, n: usize) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let lines: Vec<Value> = (0..LINES)
        .map(|i| {
            let seq = n * LINES + i;
            json!({
                "id": format!("{account}-{seq:09}"),
                "date": (start + chrono::Duration::minutes(seq as i64)).format("%Y-%m-%dT%H:%M:%S").to_string(),
                "description": "Card payment ACME Ltd",
                "counterparty": "ACME Ltd",
                "amount": -1.25,
                "balance": -(seq as f64 + 1.0) * 1.25,
                "transactionType": "Debit"
            })
        })
        .collect();
    json!({"accountId": account, "transactions": lines}).to_string()
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sandbox = rt
        .block_on(Sandbox::start(SandboxConfig::for_tests()))
        .unwrap();
    let base = sandbox.url();
    let auth = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(sandbox.api_key())
    );
    let client = reqwest::Client::new();
    let per_account = PUSHES / ACCOUNTS;
    let bodies: Vec<Vec<String>> = (0..ACCOUNTS)
        .map(|a| {
            (0..per_account)
                .map(|n| body(&format!("acc-{a}"), n))
                .collect()
        })
        .collect();

    let mut group = c.benchmark_group("sandbox ingest");
    group.throughput(Throughput::Elements((PUSHES * LINES) as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(40));
    group.bench_function("1000 pushes x 1000 lines, 8 accounts", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                sandbox.reset();
                total += rt.block_on(async {
                    let post = |path: String, body: String| {
                        client
                            .post(format!("{base}{path}"))
                            .header("authorization", &auth)
                            .header("content-type", "application/json")
                            .body(body)
                            .send()
                    };
                    let company: Value = post("/companies".into(), r#"{"name":"Bench"}"#.into()).await.unwrap().json().await.unwrap();
                    let cid = company["id"].as_str().unwrap().to_owned();
                    let conn: Value = post(format!("/companies/{cid}/connections"), r#"{"platformKey":"olpr"}"#.into())
                        .await.unwrap().json().await.unwrap();
                    let kid = conn["id"].as_str().unwrap().to_owned();
                    for a in 0..ACCOUNTS {
                        let account = json!({"id": format!("acc-{a}"), "accountName": "A", "accountType": "Debit",
                            "accountNumber": "1", "sortCode": "000000", "currency": "GBP", "balance": 0});
                        post(format!("/companies/{cid}/connections/{kid}/connectionInfo/bankFeedAccounts"), account.to_string())
                            .await.unwrap();
                        sandbox.connect_account(&cid, &kid, &format!("acc-{a}")).unwrap();
                    }
                    let started = Instant::now();
                    let mut tasks = Vec::new();
                    for (a, bodies) in bodies.iter().enumerate() {
                        let bodies = bodies.clone();
                        let (client, base, auth, cid, kid) = (client.clone(), base.clone(), auth.clone(), cid.clone(), kid.clone());
                        tasks.push(tokio::spawn(async move {
                            let path = format!("{base}/companies/{cid}/connections/{kid}/push/bankAccounts/acc-{a}/bankTransactions");
                            let mut last = String::new();
                            for body in bodies {
                                let op: Value = client.post(&path).header("authorization", &auth)
                                    .header("content-type", "application/json").body(body)
                                    .send().await.unwrap().json().await.unwrap();
                                last = op["pushOperationKey"].as_str().unwrap().to_owned();
                            }
                            loop {
                                let op: Value = client.get(format!("{base}/companies/{cid}/push/{last}"))
                                    .header("authorization", &auth).send().await.unwrap().json().await.unwrap();
                                if op["status"] != "Pending" {
                                    assert_eq!(op["status"], "Success", "{op}");
                                    break;
                                }
                                tokio::time::sleep(Duration::from_millis(2)).await;
                            }
                        }));
                    }
                    for t in tasks {
                        t.await.unwrap();
                    }
                    let elapsed = started.elapsed();
                    for a in 0..ACCOUNTS {
                        let ledger = sandbox.ledger(&cid, &kid, &format!("acc-{a}")).unwrap();
                        assert_eq!(ledger.transactions.len(), per_account * LINES);
                    }
                    elapsed
                });
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
