//! The client's operations against an in-process sandbox: setup calls, pushes, polling,
//! pagination, typed errors, configuration checks.

mod common;

use std::time::Duration;

use common::{accounts, client_for, lines, prototype, quick_wait, sandbox};
use feedrail::{
    AccountStatus, Client, CompanyRequest, ErrorCode, ListOptions, PushOptions, PushStatus,
    PushTarget, SourceAccountUpdate, Transaction, WaitOptions, idempotency_key,
};
use futures_util::TryStreamExt;

fn typed(values: &[serde_json::Value]) -> Vec<Transaction> {
    values
        .iter()
        .map(|v| serde_json::from_value(v.clone()).unwrap())
        .collect()
}

#[tokio::test]
async fn setup_operations() {
    let sb = sandbox(0).await;
    let client = client_for(&sb);
    let company = client
        .create_company(&CompanyRequest {
            name: "Acme".into(),
            description: Some("d".into()),
        })
        .await
        .unwrap();
    assert_eq!(client.get_company(&company.id).await.unwrap().name, "Acme");
    let conn = client.create_connection(&company.id, "olpr").await.unwrap();
    assert_eq!(
        client
            .get_connection(&company.id, &conn.id)
            .await
            .unwrap()
            .platform_name,
        "SageBankFeed"
    );
    client.create_connection(&company.id, "olpr").await.unwrap();
    assert_eq!(client.list_connections(&company.id).await.unwrap().len(), 2);

    let created = client
        .create_account(&company.id, &conn.id, &prototype("a1"))
        .await
        .unwrap();
    assert_eq!(created.status, Some(AccountStatus::Pending));
    let batch = client
        .create_accounts(&company.id, &conn.id, &[prototype("a2"), prototype("a3")])
        .await
        .unwrap();
    assert_eq!(
        batch
            .iter()
            .map(|b| b.result.status_code.as_u16())
            .collect::<Vec<_>>(),
        [Some(201), Some(201)]
    );
    let conflicts = client
        .create_accounts(&company.id, &conn.id, &[prototype("a2")])
        .await
        .unwrap();
    assert_eq!(
        conflicts[0].result.status_code.as_u16(),
        Some(409),
        "all-conflict 409 still gives the results"
    );
    assert_eq!(
        client
            .list_accounts(&company.id, &conn.id)
            .await
            .unwrap()
            .len(),
        3
    );

    let renamed = client
        .update_account(
            &company.id,
            &conn.id,
            "a1",
            &SourceAccountUpdate {
                account_name: Some("Main".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(renamed.account_name.as_deref(), Some("Main"));
    let refused = client
        .update_account(
            &company.id,
            &conn.id,
            "a1",
            &SourceAccountUpdate {
                status: Some(AccountStatus::Connected),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::BadRequest);
    assert_eq!(refused.status(), Some(400));
    assert!(refused.correlation_id().is_some());
    assert!(!refused.retryable());

    client
        .delete_account(&company.id, &conn.id, "a3")
        .await
        .unwrap();
    let missing = client
        .get_account(&company.id, &conn.id, "a3")
        .await
        .unwrap_err();
    assert_eq!(missing.code(), ErrorCode::NotFound);
    let unknown = client
        .get_company("846ed55c-974b-4392-a1f1-87b6fdbf3c5e")
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), ErrorCode::NotFound);
    assert!(
        unknown.to_string().contains("No company was found"),
        "{unknown}"
    );
}

#[tokio::test]
async fn push_wait_and_history() {
    let sb = sandbox(50).await;
    let client = client_for(&sb);
    let target = accounts(&sb, 1).await.remove(0);
    let mut keys = Vec::new();
    for n in 0..3 {
        let batch = typed(&lines("acc-0", n * 10, 10));
        let key = idempotency_key(&target, &batch);
        let op = client
            .push_batch(&target, &batch, key, &PushOptions::default())
            .await
            .unwrap();
        assert_eq!(op.status, PushStatus::Pending);
        assert!(op.data.is_some(), "the create response echoes the body");
        let done = client
            .wait(&target.company_id, &op.push_operation_key, &quick_wait())
            .await
            .unwrap();
        assert_eq!(done.status, PushStatus::Success);
        keys.push(op.push_operation_key);
    }
    let all: Vec<_> = client
        .push_operations(
            &target.company_id,
            &ListOptions {
                page_size: 2,
                ..ListOptions::default()
            },
        )
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        all.iter()
            .map(|o| o.push_operation_key.clone())
            .collect::<Vec<_>>(),
        keys,
        "every page, in order"
    );
    let newest_first: Vec<_> = client
        .push_operations(
            &target.company_id,
            &ListOptions {
                order_by: Some("-requestedOnUtc".into()),
                query: Some("status=Success".into()),
                page_size: 1,
            },
        )
        .try_collect()
        .await
        .unwrap();
    assert_eq!(newest_first[0].push_operation_key, keys[2]);

    let slow = typed(&lines("acc-0", 100, 1));
    let op = client
        .push_batch(
            &target,
            &slow,
            idempotency_key(&target, &slow),
            &PushOptions::default(),
        )
        .await
        .unwrap();
    let impatient = WaitOptions {
        deadline: Duration::from_millis(10),
        ..quick_wait()
    };
    let err = client
        .wait(&target.company_id, &op.push_operation_key, &impatient)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::PushTimedOut);
    assert!(err.retryable());

    // Budgets too long to add to a clock are waits without end, not overflows.
    let unbounded = Client::builder()
        .api_key(sb.api_key())
        .base_url(sb.url())
        .retry(feedrail::RetryPolicy {
            total_timeout: Duration::MAX,
            ..common::quick_retries()
        })
        .build()
        .unwrap();
    let patient = WaitOptions {
        deadline: Duration::MAX,
        relative_interval: f64::MAX,
        ..quick_wait()
    };
    let done = unbounded
        .wait(&target.company_id, &op.push_operation_key, &patient)
        .await
        .unwrap();
    assert_eq!(done.status, PushStatus::Success);
}

#[tokio::test]
async fn same_batch_same_key_lands_once() {
    let sb = sandbox(0).await;
    let client = client_for(&sb);
    let target = accounts(&sb, 1).await.remove(0);
    let batch = typed(&lines("acc-0", 0, 5));
    let key = idempotency_key(&target, &batch);
    let first = client
        .push_batch(&target, &batch, key, &PushOptions::default())
        .await
        .unwrap();
    let again = client
        .push_batch(&target, &batch, key, &PushOptions::default())
        .await
        .unwrap();
    assert_eq!(
        first.push_operation_key, again.push_operation_key,
        "the key replays the first push"
    );
    client
        .wait(&target.company_id, &first.push_operation_key, &quick_wait())
        .await
        .unwrap();
    assert_eq!(common::ledger_ids(&sb, &target).len(), 5);
}

#[tokio::test]
async fn configuration_is_checked_and_the_key_never_shows() {
    let no_key = Client::builder().build().unwrap_err();
    assert_eq!(no_key.code(), ErrorCode::Config);
    let http = Client::builder()
        .api_key("k")
        .base_url("http://api.example.com")
        .build()
        .unwrap_err();
    assert!(http.to_string().contains("https"), "{http}");
    assert!(
        Client::builder()
            .api_key("k")
            .base_url("http://127.0.0.1:9")
            .build()
            .is_ok()
    );
    assert!(
        Client::builder()
            .api_key("k")
            .base_url("http://[::1]:9")
            .build()
            .is_ok()
    );
    assert!(
        Client::builder()
            .api_key("k")
            .base_url("not a url")
            .build()
            .is_err()
    );
    let bad_retry = Client::builder()
        .api_key("k")
        .retry(feedrail::RetryPolicy {
            max_attempts: 0,
            ..Default::default()
        })
        .build()
        .unwrap_err();
    assert_eq!(bad_retry.code(), ErrorCode::Config);

    let secret = "sk-very-secret-key-123";
    let builder = Client::builder().api_key(secret);
    assert!(!format!("{builder:?}").contains(secret));
    let client = builder.build().unwrap();
    assert!(!format!("{client:?}").contains(secret));
    assert!(
        !format!("{client:?}").contains("c2stdmVyeS1zZWNyZXQta2V5LTEyMw"),
        "nor its base64"
    );
}

#[tokio::test]
async fn requests_the_spec_forbids_are_refused_before_sending() {
    let sb = sandbox(0).await;
    let client = client_for(&sb);
    let refused = |e: feedrail::Error, needle: &str| {
        assert_eq!(e.code(), ErrorCode::Config, "{e}");
        assert!(e.to_string().contains(needle), "{e}");
    };
    refused(
        client
            .create_company(&CompanyRequest {
                name: " ".into(),
                description: None,
            })
            .await
            .unwrap_err(),
        "name",
    );
    refused(
        client.create_connection("c", "").await.unwrap_err(),
        "platform key",
    );
    let target = PushTarget::new("c", "k", "a");
    let lines = typed(&lines("a", 0, 1_001));
    refused(
        client
            .push_batch(
                &target,
                &lines,
                uuid::Uuid::new_v4(),
                &PushOptions::default(),
            )
            .await
            .unwrap_err(),
        "at most 1000",
    );
    for (page, size) in [(1, 0), (1, 5_001), (0, 100)] {
        let options = ListOptions {
            page_size: size,
            ..ListOptions::default()
        };
        refused(
            client
                .list_push_operations("c", page, &options)
                .await
                .unwrap_err(),
            "out of range",
        );
    }
    assert_eq!(sb.fault_stats().requests, 0, "nothing reached the API");
}

#[tokio::test]
async fn auth_and_network_errors_are_typed() {
    let sb = sandbox(0).await;
    let wrong = Client::builder()
        .api_key("wrong")
        .base_url(sb.url())
        .retry(common::quick_retries())
        .build()
        .unwrap();
    let err = wrong.get_company("x").await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Auth);
    assert_eq!(err.status(), Some(401));
    assert!(
        !err.to_string().contains("wrong"),
        "the key is not in the message"
    );

    let url = sb.url();
    sb.shutdown().await;
    let down = Client::builder()
        .api_key("k")
        .base_url(url)
        .retry(feedrail::RetryPolicy {
            max_attempts: 2,
            ..common::quick_retries()
        })
        .build()
        .unwrap();
    let err = down.get_company("x").await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Network);
    assert!(err.to_string().contains("2 attempt"), "{err}");
    let _ = PushTarget::new("a", "b", "c");
}
