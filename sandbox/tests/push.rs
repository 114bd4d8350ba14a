//! Pushing bank transactions: the asynchronous lifecycle, Sage's rules on the server, ordering
//! per account, timeouts, history paging — every response checked against the spec.

mod common;

use std::time::Duration;

use common::{Harness, lines, push_path, spec};
use feedrail_sandbox::SandboxConfig;
use reqwest::Method;
use serde_json::{Value, json};

#[test]
fn the_spec_check_can_fail() {
    assert!(spec::check("GET", "/companies/x", 200, &json!({"id": 5})).is_err());
    assert!(
        spec::check(
            "GET",
            "/companies/x/push/y",
            200,
            &json!({"status": "Done"})
        )
        .is_err()
    );
    assert!(spec::check("GET", "/companies/x", 404, &json!({"statusCode": "404"})).is_err());
    assert!(
        spec::check("GET", "/companies/x", 418, &json!({})).is_ok(),
        "undocumented errors use ErrorMessage"
    );
    assert!(
        spec::check("GET", "/companies/x", 201, &json!({})).is_err(),
        "undocumented successes are refused"
    );
}

#[tokio::test]
async fn push_lands_after_processing() {
    let h = Harness::start_with(SandboxConfig {
        processing_delay: Duration::from_millis(100),
        ..SandboxConfig::for_tests()
    })
    .await;
    let (c, k, a) = h.connected_account().await;
    // Parsed from text, so the numbers keep their exact digits (json! would go through f64).
    let sent: Value = serde_json::from_str(
        r#"[
        {"id": "716422529", "date": "2026-08-22T10:21:00", "description": "Repayment of Credit Card",
         "counterparty": "Bank of Example", "reference": "Ref-12345", "amount": 100.10, "balance": 100.10, "transactionType": "Credit"},
        {"id": "716422530", "date": "2026-08-22T10:22:00", "description": "Amazon Purchase",
         "amount": -100.00, "balance": 0.10, "transactionType": "Debit"}
    ]"#,
    )
    .unwrap();
    let pushed = h.api.push(&c, &k, &a, &sent).await;
    assert_eq!(pushed.status, 200);
    assert_eq!(pushed.body["status"], "Pending");
    assert_eq!(pushed.body["statusCode"], 202);
    assert_eq!(pushed.body["dataType"], "bankTransactions");
    assert_eq!(
        pushed.body["data"]["transactions"], sent,
        "the request is echoed"
    );
    let key = pushed.body["pushOperationKey"].as_str().unwrap();

    let pending = h.api.get(&format!("/companies/{c}/push/{key}")).await;
    assert_eq!(pending.body["status"], "Pending");
    assert!(pending.body.get("data").is_none(), "GET has no data echo");

    let done = h.api.wait(&c, key).await;
    assert_eq!(done["status"], "Success");
    assert_eq!(done["statusCode"], 200);
    assert!(done["completedOnUtc"].is_string());
    assert_eq!(done["changes"][1]["recordRef"]["id"], "716422530");

    let ledger = h.sandbox.ledger(&c, &k, &a).unwrap();
    assert_eq!(ledger.transactions.len(), 2);
    assert_eq!(
        ledger.balance.unwrap().to_string(),
        "0.10",
        "the last line's balance, exact"
    );
    let account = h
        .api
        .get(&format!(
            "/companies/{c}/connections/{k}/connectionInfo/bankFeedAccounts"
        ))
        .await;
    assert_eq!(account.body[0]["balance"].to_string(), "0.10");
    assert_eq!(ledger.transactions[0].amount.to_string(), "100.10");
    assert_eq!(
        h.api
            .get(&format!(
                "/companies/{c}/push/6a7c2c8e-0000-4000-8000-000000000000"
            ))
            .await
            .status,
        404
    );
    h.api.check_spec();
}

#[tokio::test]
async fn rule_breaking_push_fails_and_changes_nothing() {
    let h = Harness::start().await;
    let (c, k, a) = h.connected_account().await;
    let first = h.api.push(&c, &k, &a, &lines("t", 100, 3, 1000)).await;
    assert_eq!(
        h.api
            .wait(&c, first.body["pushOperationKey"].as_str().unwrap())
            .await["status"],
        "Success"
    );

    let cases: Vec<(&str, Value)> = vec![
        ("OLDER_THAN_LATEST", lines("old", 0, 1, 997)),
        // An id the account already received: the form feedrail documents for Sage's refusal.
        (feedrail::ALREADY_RECEIVED, lines("t", 102, 1, 997)),
        (
            "DUPLICATE_ID",
            json!([lines("d", 400, 1, 996)[0], lines("d", 400, 1, 995)[0]]),
        ),
        (
            "OUT_OF_ORDER",
            json!([lines("u", 300, 1, 997)[0], lines("u", 200, 1, 996)[0]]),
        ),
        (
            "FUTURE_DATE",
            json!([{"id": "f", "date": "2999-01-01", "description": "x", "amount": -1, "balance": 996, "transactionType": "Debit"}]),
        ),
        (
            "MISSING_FIELD",
            json!([{"id": "m", "date": "2026-01-02", "amount": -1, "balance": 996, "transactionType": "Debit"}]),
        ),
        (
            "INVALID_FIELD",
            json!([{"id": "i", "date": "2026-13-45", "description": "x", "amount": -1, "balance": 996, "transactionType": "Debit"}]),
        ),
        (
            "INVALID_FIELD",
            json!([{"id": "i", "date": "2026-01-02", "description": " ", "amount": -1, "balance": 996, "transactionType": "Debit"}]),
        ),
    ];
    for (code, body) in cases {
        let pushed = h.api.push(&c, &k, &a, &body).await;
        assert_eq!(
            pushed.status, 200,
            "{code}: rule breaks are not HTTP errors"
        );
        let op = h
            .api
            .wait(&c, pushed.body["pushOperationKey"].as_str().unwrap())
            .await;
        assert_eq!(op["status"], "Failed", "{code}");
        assert_eq!(op["statusCode"], 400);
        let errors = op["validation"]["errors"].as_array().unwrap();
        assert!(
            errors.iter().any(|e| e["validatorName"] == code),
            "{code}: {errors:?}"
        );
        assert!(op["errorMessage"].is_string());
    }
    let ledger = h.sandbox.ledger(&c, &k, &a).unwrap();
    assert_eq!(ledger.transactions.len(), 3, "failed pushes change nothing");
    assert_eq!(ledger.balance.unwrap().to_string(), "997");

    let warned = h.api.push(&c, &k, &a, &json!([{"id": "w", "date": "2026-01-02", "description": "x", "amount": 5, "balance": 1, "transactionType": "Debit"}])).await;
    let op = h
        .api
        .wait(&c, warned.body["pushOperationKey"].as_str().unwrap())
        .await;
    assert_eq!(op["status"], "Success", "warnings do not stop a push");
    let names: Vec<&str> = op["validation"]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["validatorName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["AMOUNT_SIGN_MISMATCH", "BALANCE_DISCONTINUITY"]);
    h.api.check_spec();
}

#[tokio::test]
async fn pending_account_refuses_pushes() {
    let h = Harness::start().await;
    let (c, k) = h.api.company_and_connection().await;
    h.api.account(&c, &k, "acc-p").await;
    let pushed = h.api.push(&c, &k, "acc-p", &lines("t", 0, 1, 0)).await;
    let op = h
        .api
        .wait(&c, pushed.body["pushOperationKey"].as_str().unwrap())
        .await;
    assert_eq!(op["status"], "Failed");
    assert_eq!(
        op["validation"]["errors"][0]["validatorName"],
        "ACCOUNT_NOT_CONNECTED"
    );
    assert!(
        h.sandbox
            .ledger(&c, &k, "acc-p")
            .unwrap()
            .transactions
            .is_empty()
    );
    h.api.check_spec();
}

#[tokio::test]
async fn bad_requests_are_refused_whole() {
    let h = Harness::start().await;
    let (c, k, a) = h.connected_account().await;
    let path = push_path(&c, &k, &a);
    let post = |body: Value| {
        let api = h.api.clone();
        let path = path.clone();
        async move { api.post(&path, &body).await }
    };
    let too_many = post(json!({"accountId": a, "transactions": lines("t", 0, 1001, 0)})).await;
    assert_eq!(too_many.status, 400);
    assert!(too_many.body["error"].as_str().unwrap().contains("1000"));
    assert_eq!(
        post(json!({"accountId": "other", "transactions": []}))
            .await
            .status,
        400
    );
    assert_eq!(post(json!({"transactions": []})).await.status, 400);
    assert_eq!(
        post(json!({"accountId": a, "transactions": {"id": 1}}))
            .await
            .status,
        400
    );
    assert_eq!(
        post(json!({"accountId": 7, "transactions": []}))
            .await
            .status,
        400
    );
    assert_eq!(post(json!([1, 2, 3])).await.status, 400);
    let wrong_types = post(json!({"accountId": a, "transactions": [
        {"id": 5, "date": "2026-01-01", "description": "x", "amount": "12.50", "balance": 1, "transactionType": "debit"},
        "not a line"
    ]}))
    .await;
    assert_eq!(wrong_types.status, 400);
    let items: Vec<&str> = wrong_types.body["validation"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["itemId"].as_str().unwrap())
        .collect();
    assert_eq!(
        items,
        [
            "transactions[0].amount",
            "transactions[0].id",
            "transactions[0].transactionType",
            "transactions[1]"
        ]
    );
    let garbage = h
        .api
        .send(
            Method::POST,
            &path,
            None,
            &[("content-type", "application/json")],
        )
        .await;
    assert_eq!(garbage.status, 400);
    let bad_timeout = h
        .api
        .post(
            &format!("{path}?timeoutInMinutes=soon"),
            &json!({"accountId": a, "transactions": []}),
        )
        .await;
    assert_eq!(bad_timeout.status, 400);
    let unknown = h.api.push(&c, &k, "nope", &json!([])).await;
    assert_eq!(unknown.status, 404);
    assert!(
        h.sandbox
            .ledger(&c, &k, &a)
            .unwrap()
            .transactions
            .is_empty()
    );
    let history = h.api.get(&format!("/companies/{c}/push")).await;
    assert_eq!(
        history.body["totalResults"], 0,
        "no partial writes: nothing was recorded"
    );
    h.api.check_spec();
}

#[tokio::test]
async fn concurrent_pushes_to_one_account_run_one_at_a_time_in_arrival_order() {
    let h = Harness::start_with(SandboxConfig {
        processing_delay: Duration::from_millis(20),
        ..SandboxConfig::for_tests()
    })
    .await;
    let (c, k, a) = h.connected_account().await;
    let mut tasks = Vec::new();
    for i in 0..12 {
        let api = h.api.clone();
        let (c, k, a) = (c.clone(), k.clone(), a.clone());
        tasks.push(tokio::spawn(async move {
            let line = json!([{"id": format!("p{i}"), "date": "2026-01-01T00:00:00", "description": "same instant",
                               "amount": 0, "balance": 0, "transactionType": "Other"}]);
            api.push(&c, &k, &a, &line).await.body["pushOperationKey"].as_str().unwrap().to_owned()
        }));
    }
    let mut keys = Vec::new();
    for t in tasks {
        keys.push(t.await.unwrap());
    }
    let mut ops = Vec::new();
    for key in &keys {
        ops.push(h.api.wait(&c, key).await);
    }
    assert!(ops.iter().all(|o| o["status"] == "Success"));
    ops.sort_by_key(|o| o["requestedOnUtc"].as_str().unwrap().to_owned());
    let arrival: Vec<String> = ops
        .iter()
        .map(|o| {
            o["changes"][0]["recordRef"]["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let ledger: Vec<String> = h
        .sandbox
        .ledger(&c, &k, &a)
        .unwrap()
        .transactions
        .iter()
        .map(|t| t.id.clone())
        .collect();
    assert_eq!(ledger, arrival, "processed in arrival order");
    assert!(
        h.sandbox.overlapping_pushes() >= 1,
        "pushes sent while another was pending are counted"
    );
    let completed: Vec<chrono::DateTime<chrono::Utc>> = ops
        .iter()
        .map(|o| o["completedOnUtc"].as_str().unwrap().parse().unwrap())
        .collect();
    for pair in completed.windows(2) {
        assert!(
            pair[1] - pair[0] >= chrono::Duration::milliseconds(15),
            "one at a time: {pair:?}"
        );
    }
    h.api.check_spec();
}

#[tokio::test]
async fn timeout_elapsed_before_processing_ends_timed_out() {
    let h = Harness::start_with(SandboxConfig {
        processing_delay: Duration::from_millis(100),
        ..SandboxConfig::for_tests()
    })
    .await;
    let (c, k, a) = h.connected_account().await;
    let path = push_path(&c, &k, &a);
    let pushed = h
        .api
        .post(
            &format!("{path}?timeoutInMinutes=0&allowSyncOnPushComplete=false"),
            &json!({"accountId": a, "transactions": lines("t", 0, 2, 0)}),
        )
        .await;
    assert_eq!(pushed.body["timeoutInMinutes"], 0);
    let op = h
        .api
        .wait(&c, pushed.body["pushOperationKey"].as_str().unwrap())
        .await;
    assert_eq!(op["status"], "TimedOut");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        h.sandbox
            .ledger(&c, &k, &a)
            .unwrap()
            .transactions
            .is_empty(),
        "a timed-out push writes nothing"
    );
    let generous = h
        .api
        .post(
            &format!("{path}?timeoutInMinutes=5"),
            &json!({"accountId": a, "transactions": lines("t", 0, 2, 0)}),
        )
        .await;
    assert_eq!(
        h.api
            .wait(&c, generous.body["pushOperationKey"].as_str().unwrap())
            .await["status"],
        "Success"
    );
    h.api.check_spec();
}

#[tokio::test]
async fn push_history_pages_filters_and_sorts() {
    let h = Harness::start().await;
    let (c, k, a) = h.connected_account().await;
    let mut keys = Vec::new();
    for i in 0..5 {
        let r = h.api.push(&c, &k, &a, &lines("t", i * 10, 2, 0)).await;
        keys.push(r.body["pushOperationKey"].as_str().unwrap().to_owned());
        h.api.wait(&c, &keys[i]).await;
    }
    let failed = h.api.push(&c, &k, &a, &lines("t", 0, 1, 0)).await;
    h.api
        .wait(&c, failed.body["pushOperationKey"].as_str().unwrap())
        .await;

    let all = h.api.get(&format!("/companies/{c}/push")).await;
    assert_eq!(all.body["totalResults"], 6);
    assert_eq!(all.body["pageSize"], 100);
    assert_eq!(
        all.body["results"][0]["pushOperationKey"],
        keys[0].as_str(),
        "request order by default"
    );

    let page = h
        .api
        .get(&format!(
            "/companies/{c}/push?page=2&pageSize=2&orderBy=-requestedOnUtc"
        ))
        .await;
    assert_eq!(page.body["pageNumber"], 2);
    assert_eq!(
        page.body["results"][0]["pushOperationKey"],
        keys[3].as_str()
    );
    assert_eq!(
        page.body["_links"]["next"]["href"],
        format!("/companies/{c}/push?page=3&pageSize=2&orderBy=%2DrequestedOnUtc")
    );
    assert_eq!(
        page.body["_links"]["previous"]["href"],
        format!("/companies/{c}/push?page=1&pageSize=2&orderBy=%2DrequestedOnUtc")
    );

    let successes = h
        .api
        .get(&format!(
            "/companies/{c}/push?query=status%3DSuccess%26%26dataType%3DbankTransactions"
        ))
        .await;
    assert_eq!(successes.body["totalResults"], 5);
    let failures = h
        .api
        .get(&format!("/companies/{c}/push?query=status%3DFailed"))
        .await;
    assert_eq!(failures.body["totalResults"], 1);
    let since = all.body["results"][3]["requestedOnUtc"].as_str().unwrap();
    let recent = h
        .api
        .get(&format!(
            "/companies/{c}/push?query=requestedOnUtc%3E%3D{}",
            since.replace(':', "%3A")
        ))
        .await;
    assert_eq!(recent.body["totalResults"], 3);

    assert_eq!(
        h.api
            .get(&format!("/companies/{c}/push?query=colour%3Dblue"))
            .await
            .status,
        400
    );
    assert_eq!(
        h.api
            .get(&format!("/companies/{c}/push?orderBy=amount"))
            .await
            .status,
        400
    );
    assert_eq!(
        h.api
            .get(&format!("/companies/{c}/push?pageSize=5001"))
            .await
            .status,
        400
    );
    assert_eq!(
        h.api
            .get(&format!("/companies/{c}/push?page=0"))
            .await
            .status,
        400
    );
    h.api.check_spec();
}

#[tokio::test]
async fn framework_errors_are_codat_errors_and_bodies_up_to_32_mb_are_read() {
    let h = Harness::start().await;
    let (c, k, a) = h.connected_account().await;
    let http = reqwest::Client::new();
    let url = format!("{}{}", h.sandbox.url(), push_path(&c, &k, &a));
    let auth = format!(
        "Basic {}",
        base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            h.sandbox.api_key()
        )
    );
    let send = |method: Method, content_type: &'static str, body: Vec<u8>| {
        http.request(method, &url)
            .header("authorization", &auth)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let codat = |status: u16, body: &Value| {
        assert_eq!(body["statusCode"], status, "{body}");
        assert!(
            body["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{body}"
        );
        assert!(body["correlationId"].is_string(), "{body}");
    };

    // A 3 MB push (over axum's default 2 MiB) is read: refused for its content, not its size.
    let description = "x".repeat(3_000);
    let mut big = lines("big", 0, 1000, 0);
    for line in big.as_array_mut().unwrap() {
        line["description"] = description.clone().into();
    }
    let body = json!({"accountId": a, "transactions": big})
        .to_string()
        .into_bytes();
    assert!(body.len() > 3_000_000);
    let reply = send(Method::POST, "application/json", body).await.unwrap();
    assert_ne!(reply.status(), 413);
    // Over 32 MB: 413, as Codat's JSON.
    let reply = send(
        Method::POST,
        "application/json",
        vec![b' '; 33 * 1024 * 1024],
    )
    .await
    .unwrap();
    assert_eq!(reply.status(), 413);
    codat(413, &reply.json().await.unwrap());
    // Not JSON: 415.
    let reply = send(Method::POST, "text/plain", b"{}".to_vec())
        .await
        .unwrap();
    assert_eq!(reply.status(), 415);
    codat(415, &reply.json().await.unwrap());
    // A method the path does not take: 405, with Allow.
    let reply = send(Method::PUT, "application/json", b"{}".to_vec())
        .await
        .unwrap();
    assert_eq!(reply.status(), 405);
    assert!(reply.headers().get("allow").is_some());
    codat(405, &reply.json().await.unwrap());
    // An unknown path: 404.
    let reply = http
        .get(format!("{}/nowhere", h.sandbox.url()))
        .header("authorization", &auth)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 404);
    codat(404, &reply.json().await.unwrap());
}
