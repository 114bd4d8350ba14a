//! Test harness: an in-process sandbox, a client that records every exchange, and a check of
//! every recorded response body against Codat's OpenAPI schemas.

#![allow(dead_code)]

pub mod spec;

use std::sync::{Arc, Mutex};

use base64::Engine;
use feedrail_sandbox::{Sandbox, SandboxConfig};
use reqwest::Method;
use serde_json::{Value, json};

/// A response as a test sees it.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

#[derive(Debug, Clone)]
struct Exchange {
    method: String,
    path: String,
    status: u16,
    body: Value,
}

/// A client for the sandbox's Codat API that records what it sees.
#[derive(Clone)]
pub struct Api {
    client: reqwest::Client,
    pub base: String,
    auth: String,
    log: Arc<Mutex<Vec<Exchange>>>,
}

impl Api {
    pub fn new(base: &str, key: &str) -> Self {
        Api {
            client: reqwest::Client::new(),
            base: base.to_owned(),
            auth: format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(key)
            ),
            log: Arc::default(),
        }
    }

    /// The same client with another key.
    pub fn with_key(&self, key: &str) -> Self {
        Api {
            auth: format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(key)
            ),
            ..self.clone()
        }
    }

    /// Sends a request; `Err` when the connection fails or is reset.
    pub async fn try_send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Result<Reply, reqwest::Error> {
        let mut req = self
            .client
            .request(method.clone(), format!("{}{}", self.base, path));
        if !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        {
            req = req.header("authorization", &self.auth);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        let resp = req.send().await?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = resp.bytes().await?;
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        self.log.lock().unwrap().push(Exchange {
            method: method.to_string(),
            path: path.split('?').next().unwrap().to_owned(),
            status,
            body: body.clone(),
        });
        Ok(Reply {
            status,
            headers,
            body,
        })
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        self.try_send(method, path, body, headers)
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None, &[]).await
    }

    /// POST with an `Idempotency-Key`.
    pub async fn post_keyed(&self, path: &str, body: &Value, key: &str) -> Reply {
        self.send(Method::POST, path, Some(body), &[("idempotency-key", key)])
            .await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.send(Method::POST, path, Some(body), &[]).await
    }

    /// Creates a company with a Sage connection; returns their ids.
    pub async fn company_and_connection(&self) -> (String, String) {
        let company = self
            .post("/companies", &json!({"name": "Toft Stores"}))
            .await;
        assert_eq!(company.status, 200, "{:?}", company.body);
        let company_id = company.body["id"].as_str().unwrap().to_owned();
        let conn = self
            .post(
                &format!("/companies/{company_id}/connections"),
                &json!({"platformKey": "olpr"}),
            )
            .await;
        assert_eq!(conn.status, 200, "{:?}", conn.body);
        (company_id, conn.body["id"].as_str().unwrap().to_owned())
    }

    /// Creates a pending GBP source account.
    pub async fn account(&self, company: &str, connection: &str, id: &str) -> Reply {
        self.post(
            &format!(
                "/companies/{company}/connections/{connection}/connectionInfo/bankFeedAccounts"
            ),
            &account_body(id),
        )
        .await
    }

    /// Pushes lines to an account.
    pub async fn push(
        &self,
        company: &str,
        connection: &str,
        account: &str,
        lines: &Value,
    ) -> Reply {
        self.post(
            &push_path(company, connection, account),
            &json!({"accountId": account, "transactions": lines}),
        )
        .await
    }

    /// Polls a push operation until it is final.
    pub async fn wait(&self, company: &str, key: &str) -> Value {
        for _ in 0..500 {
            let op = self.get(&format!("/companies/{company}/push/{key}")).await;
            assert_eq!(op.status, 200, "{:?}", op.body);
            if op.body["status"] != "Pending" {
                return op.body;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        panic!("push {key} still pending after 5 s");
    }

    /// Checks every response recorded so far against the OpenAPI schemas.
    pub fn check_spec(&self) -> usize {
        let log = self.log.lock().unwrap();
        let failures: Vec<String> = log
            .iter()
            .filter_map(|e| spec::check(&e.method, &e.path, e.status, &e.body).err())
            .collect();
        assert!(
            failures.is_empty(),
            "responses that do not match the spec:\n{}",
            failures.join("\n")
        );
        log.len()
    }
}

pub fn push_path(company: &str, connection: &str, account: &str) -> String {
    format!(
        "/companies/{company}/connections/{connection}/push/bankAccounts/{account}/bankTransactions"
    )
}

pub fn account_body(id: &str) -> Value {
    json!({
        "id": id, "accountName": format!("Account {id}"), "accountType": "Credit",
        "accountNumber": "12345678", "sortCode": "040004", "currency": "GBP", "balance": 0
    })
}

/// `n` valid consecutive lines starting at `start` (ids `{prefix}{i}`), balance from `balance`.
pub fn lines(prefix: &str, start: usize, n: usize, opening: i64) -> Value {
    let mut balance = opening;
    let items: Vec<Value> = (start..start + n)
        .map(|i| {
            balance -= 1;
            json!({
                "id": format!("{prefix}{i}"),
                "date": format!("2026-01-01T{:02}:{:02}:{:02}", i / 3600 % 24, i / 60 % 60, i % 60),
                "description": format!("Line {i}"),
                "amount": -1,
                "balance": balance,
                "transactionType": "Debit"
            })
        })
        .collect();
    Value::Array(items)
}

/// A sandbox plus a recording client.
pub struct Harness {
    pub sandbox: Sandbox,
    pub api: Api,
}

impl Harness {
    pub async fn start() -> Self {
        Self::start_with(SandboxConfig::for_tests()).await
    }

    pub async fn start_with(config: SandboxConfig) -> Self {
        let sandbox = Sandbox::start(config).await.expect("sandbox starts");
        let api = Api::new(&sandbox.url(), sandbox.api_key());
        Harness { sandbox, api }
    }

    /// A company, a Sage connection and a connected account `acc-1`.
    pub async fn connected_account(&self) -> (String, String, String) {
        let (company, connection) = self.api.company_and_connection().await;
        let created = self.api.account(&company, &connection, "acc-1").await;
        assert_eq!(created.status, 200, "{:?}", created.body);
        self.sandbox
            .connect_account(&company, &connection, "acc-1")
            .unwrap();
        (company, connection, "acc-1".to_owned())
    }
}
