//! Idempotency-Key replay, 409 in flight, 422 on a different body, 429 never cached, errors
//! cached; the daily quota and the per-company concurrency cap.

mod common;

use std::time::Duration;

use common::{Harness, lines, push_path};
use feedrail_sandbox::{FaultConfig, SandboxConfig};
use reqwest::Method;
use serde_json::json;

const KEY: &str = "5b1c8a5e-2f6e-4d35-9d5c-1d8f6f1b8a01";

#[tokio::test]
async fn same_key_twice_replays_the_first_response() {
    let h = Harness::start().await;
    let (c, k, a) = h.connected_account().await;
    let body = json!({"accountId": a, "transactions": lines("t", 0, 3, 0)});
    let path = push_path(&c, &k, &a);
    let first = h.api.post_keyed(&path, &body, KEY).await;
    let again = h.api.post_keyed(&path, &body, KEY).await;
    assert_eq!(first.status, 200);
    assert_eq!(again.status, 200);
    assert_eq!(
        again.body, first.body,
        "byte-identical replay, same push operation"
    );
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert!(first.header("idempotent-replayed").is_none());
    h.api
        .wait(&c, first.body["pushOperationKey"].as_str().unwrap())
        .await;
    let history = h.api.get(&format!("/companies/{c}/push")).await;
    assert_eq!(
        history.body["totalResults"], 1,
        "only one push was recorded"
    );
    assert_eq!(h.sandbox.ledger(&c, &k, &a).unwrap().transactions.len(), 3);

    let different = json!({"accountId": a, "transactions": lines("t", 10, 3, -3)});
    let mismatch = h.api.post_keyed(&path, &different, KEY).await;
    assert_eq!(mismatch.status, 422);
    let fresh = h
        .api
        .post_keyed(&path, &different, "0b3d7c1e-63c5-4f5a-9a0c-6f3b9e2d4c11")
        .await;
    assert_eq!(fresh.status, 200);

    for bad in ["not-a-guid", ""] {
        let r = h.api.post_keyed(&path, &body, bad).await;
        assert_eq!(r.status, 400, "{bad:?}");
    }
    let two = h
        .api
        .send(
            Method::POST,
            &path,
            Some(&body),
            &[("idempotency-key", KEY), ("idempotency-key", KEY)],
        )
        .await;
    assert_eq!(two.status, 400);
    h.api.check_spec();
}

#[tokio::test]
async fn a_repeat_while_the_first_is_in_flight_gets_409() {
    let h = Harness::start().await;
    let (c, _k) = h.api.company_and_connection().await;
    h.sandbox
        .set_faults(FaultConfig {
            latency: 1.0,
            latency_ms: 300,
            ..FaultConfig::default()
        })
        .unwrap();
    let api = h.api.clone();
    let body = json!({"name": "Slow Co"});
    let first = tokio::spawn({
        let body = body.clone();
        async move { api.post_keyed("/companies", &body, KEY).await }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let second = h.api.post_keyed("/companies", &body, KEY).await;
    assert_eq!(second.status, 409);
    let first = first.await.unwrap();
    assert_eq!(first.status, 200);
    let third = h.api.post_keyed("/companies", &body, KEY).await;
    assert_eq!(third.body["id"], first.body["id"]);
    let _ = c;
    h.api.check_spec();
}

#[tokio::test]
async fn rate_limited_responses_are_never_cached_but_errors_are() {
    let h = Harness::start().await;
    h.sandbox
        .set_faults(FaultConfig {
            rate_limited: 1.0,
            ..FaultConfig::default()
        })
        .unwrap();
    let body = json!({"name": "Retry Co"});
    let limited = h.api.post_keyed("/companies", &body, KEY).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), Some("1"));
    h.sandbox.set_faults(FaultConfig::default()).unwrap();
    let retried = h.api.post_keyed("/companies", &body, KEY).await;
    assert_eq!(retried.status, 200, "the 429 released the key");

    let other = "7f0e2d4b-9c1a-4e8f-b2d6-3a5c7e9f1b20";
    h.sandbox
        .set_faults(FaultConfig {
            error_500: 1.0,
            ..FaultConfig::default()
        })
        .unwrap();
    let failed = h.api.post_keyed("/companies", &body, other).await;
    assert_eq!(failed.status, 500);
    h.sandbox.set_faults(FaultConfig::default()).unwrap();
    let replayed = h.api.post_keyed("/companies", &body, other).await;
    assert_eq!(
        replayed.status, 500,
        "5xx responses are cached and replayed for the key"
    );
    assert_eq!(replayed.header("idempotent-replayed"), Some("true"));
    assert_eq!(replayed.body["correlationId"], failed.body["correlationId"]);
    h.api.check_spec();
}

#[tokio::test]
async fn cached_responses_expire() {
    let mut config = SandboxConfig::for_tests();
    config.idempotency_ttl = Duration::from_secs(1);
    let h = Harness::start_with(config).await;
    let body = json!({"name": "Ttl Co"});
    let first = h.api.post_keyed("/companies", &body, KEY).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let later = h.api.post_keyed("/companies", &body, KEY).await;
    assert_ne!(
        later.body["id"], first.body["id"],
        "after the TTL the key is new again"
    );
    h.api.check_spec();
}

#[tokio::test]
async fn daily_quota_and_headers() {
    let mut config = SandboxConfig::for_tests();
    config.daily_quota = 4;
    let h = Harness::start_with(config).await;
    let mut remaining = Vec::new();
    for _ in 0..4 {
        let r = h.api.get("/companies/none").await;
        assert_eq!(r.header("x-rate-limit-limit"), Some("4"));
        assert!(
            r.header("x-rate-limit-reset")
                .unwrap()
                .ends_with("T00:00:00Z")
        );
        remaining.push(r.header("x-rate-limit-remaining").unwrap().to_owned());
    }
    assert_eq!(remaining, ["3", "2", "1", "0"]);
    let over = h.api.get("/companies/none").await;
    assert_eq!(over.status, 429);
    let wait: u64 = over.header("retry-after").unwrap().parse().unwrap();
    assert!(
        (1..=86_400).contains(&wait),
        "retry after midnight UTC: {wait}"
    );
    assert_eq!(over.header("x-rate-limit-remaining"), Some("0"));
    h.api.check_spec();
}

#[tokio::test]
async fn concurrency_per_company_is_capped() {
    let mut config = SandboxConfig::for_tests();
    config.concurrency_per_company = 2;
    let h = Harness::start_with(config).await;
    let (c, _) = h.api.company_and_connection().await;
    h.sandbox
        .set_faults(FaultConfig {
            latency: 1.0,
            latency_ms: 200,
            ..FaultConfig::default()
        })
        .unwrap();
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let api = h.api.clone();
        let path = format!("/companies/{c}");
        tasks.push(tokio::spawn(async move { api.get(&path).await }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        let r = t.await.unwrap();
        if r.status == 429 {
            assert_eq!(r.header("retry-after"), Some("1"));
        }
        statuses.push(r.status);
    }
    statuses.sort();
    assert_eq!(statuses, [200, 200, 429, 429, 429, 429]);
    h.sandbox.set_faults(FaultConfig::default()).unwrap();
    assert_eq!(
        h.api.get(&format!("/companies/{c}")).await.status,
        200,
        "slots are released"
    );
    h.api.check_spec();
}
