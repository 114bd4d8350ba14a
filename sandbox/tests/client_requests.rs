//! Every request the feedrail client can send, recorded on its way to the sandbox and checked
//! against Codat's OpenAPI document: the method and path exist, and the JSON body matches the
//! operation's request schema.

mod common;

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use feedrail::{
    AccountMappingRequest, Client, CompanyRequest, ListOptions, PushOptions, PushTarget,
    SourceAccountPrototype, SourceAccountUpdate, Transaction, WaitOptions, idempotency_key,
};
use feedrail_sandbox::{Sandbox, SandboxConfig};

/// What the client sent: method, path, body.
type Sent = Arc<Mutex<Vec<(String, String, Vec<u8>)>>>;

struct Forward {
    to: String,
    sent: Sent,
    http: reqwest::Client,
}

async fn forward(
    State(f): State<Arc<Forward>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, HeaderMap, Bytes) {
    f.sent
        .lock()
        .unwrap()
        .push((method.to_string(), uri.path().to_owned(), body.to_vec()));
    let mut request = f.http.request(method, format!("{}{uri}", f.to));
    for (name, value) in &headers {
        if name != axum::http::header::HOST {
            request = request.header(name, value);
        }
    }
    let reply = request
        .body(body)
        .send()
        .await
        .expect("the sandbox answers");
    let status = reply.status();
    let headers = reply.headers().clone();
    (status, headers, reply.bytes().await.unwrap())
}

/// A recording forwarder on loopback in front of `sandbox`.
async fn recorder(sandbox: &Sandbox) -> (String, Sent) {
    let sent: Sent = Arc::default();
    let state = Arc::new(Forward {
        to: sandbox.url(),
        sent: Arc::clone(&sent),
        http: reqwest::Client::new(),
    });
    let app = axum::Router::new().fallback(forward).with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, sent)
}

fn prototype(id: &str) -> SourceAccountPrototype {
    serde_json::from_value(serde_json::json!({
        "id": id, "accountName": format!("Account {id}"), "accountType": "Credit",
        "accountNumber": "12345678", "sortCode": "040004", "currency": "GBP", "balance": "0.00"
    }))
    .unwrap()
}

#[tokio::test]
async fn every_request_the_client_sends_matches_the_spec() {
    let sandbox = Sandbox::start(SandboxConfig::for_tests()).await.unwrap();
    let (url, sent) = recorder(&sandbox).await;
    let client = Client::builder()
        .api_key(sandbox.api_key())
        .base_url(url)
        .build()
        .unwrap();

    let company = client
        .create_company(&CompanyRequest {
            name: "Toft Stores".into(),
            description: Some("Early access".into()),
        })
        .await
        .unwrap();
    let c = company.id.as_str();
    client.get_company(c).await.unwrap();
    client
        .list_companies(1, &ListOptions::default())
        .await
        .unwrap();
    let conn = client.create_connection(c, "olpr").await.unwrap();
    let k = conn.id.as_str();
    client.get_connection(c, k).await.unwrap();
    client.list_connections(c).await.unwrap();
    let otp = client.generate_otp(c, k).await.unwrap();
    client.create_account(c, k, &prototype("a1")).await.unwrap();
    client
        .create_accounts(c, k, &[prototype("a2"), prototype("a3")])
        .await
        .unwrap();
    client.list_accounts(c, k).await.unwrap();
    client
        .update_account(
            c,
            k,
            "a2",
            &SourceAccountUpdate {
                account_name: Some("Renamed".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    client.delete_account(c, k, "a3").await.unwrap();
    sandbox
        .connect_account_with_otp(c, k, "a1", &otp.otp)
        .unwrap();
    client
        .get_bank_transactions_model(c, k, "a1")
        .await
        .unwrap();
    client.list_account_mappings(c, k).await.unwrap();
    let _ = client.get_company_information(c, k).await;
    let _ = client.generate_credentials(c, k).await;
    let _ = client.delete_credentials(c, k).await;
    let _ = client
        .create_account_mapping(
            c,
            k,
            &AccountMappingRequest {
                source_account_id: "a1".into(),
                target_account_id: Some("t1".into()),
                feed_start_date: Some(chrono::Utc::now()),
            },
        )
        .await;

    let target = PushTarget::new(c, k, "a1");
    let lines: Vec<Transaction> = serde_json::from_value(serde_json::json!([
        {"id": "t1", "date": "2026-01-01T09:00:00", "description": "Coffee", "amount": "-2.50",
         "balance": "-2.50", "transactionType": "Debit", "counterparty": "Cafe", "reference": "r1"},
        {"id": "t2", "date": "2026-01-02", "description": "Refund", "amount": "2.50",
         "balance": "0.00", "transactionType": "Credit", "reconciled": false}
    ]))
    .unwrap();
    let options = PushOptions {
        timeout_in_minutes: Some(5),
        allow_sync_on_push_complete: Some(true),
    };
    let op = client
        .push_batch(&target, &lines, idempotency_key(&target, &lines), &options)
        .await
        .unwrap();
    client
        .wait(c, &op.push_operation_key, &WaitOptions::default())
        .await
        .unwrap();
    client
        .list_push_operations(c, 1, &ListOptions::default())
        .await
        .unwrap();
    client.unlink_connection(c, k).await.unwrap();
    client.delete_connection(c, k).await.unwrap();
    client.delete_company(c).await.unwrap();

    let sent = sent.lock().unwrap();
    let failures: Vec<String> = sent
        .iter()
        .filter_map(|(method, path, body)| common::spec::check_request(method, path, body).err())
        .collect();
    assert!(
        failures.is_empty(),
        "requests that do not match the spec:\n{}",
        failures.join("\n")
    );
    let with_body = sent.iter().filter(|(_, _, b)| !b.is_empty()).count();
    assert!(
        sent.len() >= 24 && with_body >= 9,
        "{} requests, {with_body} with a body",
        sent.len()
    );
}

#[test]
fn the_check_refuses_what_the_spec_forbids() {
    use common::spec::check_request;
    let account = "/companies/c/connections/k/connectionInfo/bankFeedAccounts/a";
    assert!(
        check_request("PATCH", account, br#"{"accountName": "x"}"#).is_err(),
        "PATCH needs the id"
    );
    assert!(check_request("PATCH", account, br#"{"id": "a", "accountName": "x"}"#).is_ok());
    assert!(check_request("POST", "/companies", br#"{"name": ""}"#).is_err());
    assert!(check_request("PUT", "/companies/c/push", b"").is_err());
    assert!(check_request("GET", "/companies/c/nowhere", b"").is_err());
    let unlink = "/companies/c/connections/k";
    assert!(check_request("PATCH", unlink, br#"{"status": "Gone"}"#).is_err());
}
