//! Every fault kind under a fixed seed, and reproducibility.

mod common;

use std::time::{Duration, Instant};

use common::{Harness, lines, push_path};
use feedrail_sandbox::FaultConfig;
use reqwest::Method;
use serde_json::json;

fn only(f: impl FnOnce(&mut FaultConfig)) -> FaultConfig {
    let mut config = FaultConfig {
        seed: 42,
        ..FaultConfig::default()
    };
    f(&mut config);
    config
}

#[tokio::test]
async fn transport_faults() {
    let h = Harness::start().await;
    let (c, k, a) = h.connected_account().await;

    h.sandbox.set_faults(only(|f| f.error_500 = 1.0)).unwrap();
    let r = h.api.get(&format!("/companies/{c}")).await;
    assert_eq!(
        (r.status, r.body["canBeRetried"].as_str()),
        (500, Some("True"))
    );

    h.sandbox.set_faults(only(|f| f.error_503 = 1.0)).unwrap();
    assert_eq!(h.api.get(&format!("/companies/{c}")).await.status, 503);

    h.sandbox
        .set_faults(only(|f| f.rate_limited = 1.0))
        .unwrap();
    let r = h.api.get(&format!("/companies/{c}")).await;
    assert_eq!((r.status, r.header("retry-after")), (429, Some("1")));

    h.sandbox
        .set_faults(only(|f| {
            f.latency = 1.0;
            f.latency_ms = 150;
        }))
        .unwrap();
    let started = Instant::now();
    assert_eq!(h.api.get(&format!("/companies/{c}")).await.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(150));

    h.sandbox
        .set_faults(only(|f| f.reset_before_commit = 1.0))
        .unwrap();
    let body = json!({"accountId": a, "transactions": lines("t", 0, 2, 0)});
    let lost = h
        .api
        .try_send(Method::POST, &push_path(&c, &k, &a), Some(&body), &[])
        .await;
    assert!(lost.is_err(), "the connection is reset: {lost:?}");
    h.sandbox.set_faults(FaultConfig::default()).unwrap();
    assert_eq!(
        h.api.get(&format!("/companies/{c}/push")).await.body["totalResults"],
        0,
        "reset before commit: nothing recorded"
    );

    h.sandbox
        .set_faults(only(|f| f.reset_after_commit = 1.0))
        .unwrap();
    let key = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    let unknown = h
        .api
        .try_send(
            Method::POST,
            &push_path(&c, &k, &a),
            Some(&body),
            &[("idempotency-key", key)],
        )
        .await;
    assert!(
        unknown.is_err(),
        "the connection is reset after the push was accepted"
    );
    h.sandbox.set_faults(FaultConfig::default()).unwrap();
    let history = h.api.get(&format!("/companies/{c}/push")).await;
    assert_eq!(
        history.body["totalResults"], 1,
        "reset after commit: the push was recorded"
    );
    let replay = h
        .api
        .send(
            Method::POST,
            &push_path(&c, &k, &a),
            Some(&body),
            &[("idempotency-key", key)],
        )
        .await;
    assert_eq!(
        replay.status, 200,
        "retrying with the same key returns the committed push"
    );
    assert_eq!(
        replay.body["pushOperationKey"],
        history.body["results"][0]["pushOperationKey"]
    );
    h.api
        .wait(&c, replay.body["pushOperationKey"].as_str().unwrap())
        .await;
    assert_eq!(
        h.sandbox.ledger(&c, &k, &a).unwrap().transactions.len(),
        2,
        "landed exactly once"
    );

    let stats = h.sandbox.fault_stats();
    assert_eq!(
        stats.reset_after_commit, 0,
        "stats were cleared when faults were set"
    );
    h.api.check_spec();
}

#[tokio::test]
async fn processing_faults() {
    let h = Harness::start().await;
    let (c, k, a) = h.connected_account().await;

    h.sandbox.set_faults(only(|f| f.push_failed = 1.0)).unwrap();
    let r = h.api.push(&c, &k, &a, &lines("t", 0, 2, 0)).await;
    let op = h
        .api
        .wait(&c, r.body["pushOperationKey"].as_str().unwrap())
        .await;
    assert_eq!(op["status"], "Failed");
    assert_eq!(
        op["validation"]["errors"][0]["validatorName"],
        "SandboxFault"
    );

    h.sandbox
        .set_faults(only(|f| f.push_timed_out = 1.0))
        .unwrap();
    let r = h.api.push(&c, &k, &a, &lines("t", 0, 2, 0)).await;
    let op = h
        .api
        .wait(&c, r.body["pushOperationKey"].as_str().unwrap())
        .await;
    assert_eq!(op["status"], "TimedOut");
    assert!(
        h.sandbox
            .ledger(&c, &k, &a)
            .unwrap()
            .transactions
            .is_empty(),
        "neither wrote anything"
    );
    assert_eq!(h.sandbox.fault_stats().push_timed_out, 1);

    h.sandbox.set_faults(FaultConfig::default()).unwrap();
    let r = h.api.push(&c, &k, &a, &lines("t", 0, 2, 0)).await;
    assert_eq!(
        h.api
            .wait(&c, r.body["pushOperationKey"].as_str().unwrap())
            .await["status"],
        "Success",
        "the same lines land after the faults"
    );
    h.api.check_spec();
}

/// The sequence of outcomes for the same requests under the same seed.
async fn outcomes(h: &Harness, company: &str) -> Vec<String> {
    h.sandbox
        .set_faults(FaultConfig {
            latency_ms: 1,
            ..FaultConfig::every_kind(1234, 0.1)
        })
        .unwrap();
    let mut seen = Vec::new();
    for _ in 0..60 {
        seen.push(
            match h
                .api
                .try_send(Method::GET, &format!("/companies/{company}"), None, &[])
                .await
            {
                Ok(r) => r.status.to_string(),
                Err(_) => "reset".to_owned(),
            },
        );
    }
    seen
}

#[tokio::test]
async fn same_seed_same_faults() {
    let h = Harness::start().await;
    let (c, _) = h.api.company_and_connection().await;
    let first = outcomes(&h, &c).await;
    let second = outcomes(&h, &c).await;
    assert_eq!(first, second);
    for kind in ["500", "503", "429", "reset", "200"] {
        assert!(
            first.iter().any(|o| o == kind),
            "{kind} never happened in {first:?}"
        );
    }
    let stats = h.sandbox.fault_stats();
    assert_eq!(stats.requests, 60);
    h.api.check_spec();
}

#[tokio::test]
async fn admin_api_over_http() {
    let h = Harness::start().await;
    let (c, k) = h.api.company_and_connection().await;
    h.api.account(&c, &k, "acc-9").await;
    let client = reqwest::Client::new();
    let base = format!("{}/_sandbox", h.sandbox.url());
    let otp = h
        .api
        .send(
            Method::POST,
            &format!("/companies/{c}/connections/{k}/bankFeeds/otp"),
            None,
            &[],
        )
        .await
        .body["otp"]
        .clone();
    let connected: serde_json::Value = client
        .post(format!(
            "{base}/companies/{c}/connections/{k}/accounts/acc-9/connect"
        ))
        .json(&json!({ "otp": otp }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(connected["status"], "connected");
    let put = client
        .put(format!("{base}/faults"))
        .json(&json!({"seed": 9, "error500": 0.5}))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 200);
    let bad = client
        .put(format!("{base}/faults"))
        .json(&json!({"error500": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let unknown = client
        .put(format!("{base}/faults"))
        .json(&json!({"explode": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 400);
    let faults: serde_json::Value = client
        .get(format!("{base}/faults"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(faults["error500"], 0.5);
    let ledger: serde_json::Value = client
        .get(format!(
            "{base}/companies/{c}/connections/{k}/accounts/acc-9/ledger"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ledger["transactions"], json!([]));
    let settings: serde_json::Value = client
        .get(format!("{base}/settings"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(settings["processingDelayMs"], 0);
    let mut changed = settings.clone();
    changed["processingDelayMs"] = json!(5);
    assert_eq!(
        client
            .put(format!("{base}/settings"))
            .json(&changed)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(h.sandbox.settings().processing_delay_ms, 5);
    let stats: serde_json::Value = client
        .get(format!("{base}/stats"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats["companies"], 1);
    client.post(format!("{base}/reset")).send().await.unwrap();
    assert_eq!(
        h.sandbox.settings().processing_delay_ms,
        0,
        "reset restores the start settings"
    );
    assert_eq!(
        h.api.get(&format!("/companies/{c}")).await.status,
        404,
        "reset forgets all data"
    );
    assert_eq!(
        client
            .get(format!("{base}/health"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}
