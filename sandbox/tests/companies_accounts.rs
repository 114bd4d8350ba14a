//! Companies, connections and source accounts: success and error paths, all checked against
//! Codat's OpenAPI schemas.

mod common;

use common::{Harness, account_body};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn companies_and_connections() {
    let h = Harness::start().await;
    let api = &h.api;

    let created = api
        .post(
            "/companies",
            &json!({"name": "Toft Stores", "description": "Early access"}),
        )
        .await;
    assert_eq!(created.status, 200);
    let id = created.body["id"].as_str().unwrap();
    assert_eq!(
        created.body["redirect"],
        format!("https://link.codat.io/company/{id}")
    );
    assert_eq!(created.body["dataConnections"], json!([]));

    let stripped = api.post("/companies", &json!({"name": "Acme <Ltd>"})).await;
    assert_eq!(
        stripped.body["name"], "Acme Ltd",
        "disallowed characters are stripped"
    );
    assert_eq!(
        api.post("/companies", &json!({"name": "<>"})).await.status,
        400
    );
    assert_eq!(
        api.post("/companies", &json!({"nome": "x"})).await.status,
        400
    );
    let malformed = api
        .send(
            Method::POST,
            "/companies",
            None,
            &[("content-type", "application/json")],
        )
        .await;
    assert_eq!(malformed.status, 400);
    assert_eq!(malformed.body["statusCode"], 400);

    let fetched = api.get(&format!("/companies/{id}")).await;
    assert_eq!(fetched.status, 200);
    assert_eq!(fetched.body["name"], "Toft Stores");

    let missing = api
        .get("/companies/846ed55c-974b-4392-a1f1-87b6fdbf3c5e")
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body["service"], "ClientsApi");
    assert_eq!(
        missing.body["error"],
        "No company was found with ID 846ed55c-974b-4392-a1f1-87b6fdbf3c5e"
    );

    let conn = api
        .post(
            &format!("/companies/{id}/connections"),
            &json!({"platformKey": "olpr"}),
        )
        .await;
    assert_eq!(conn.status, 200);
    assert_eq!(conn.body["status"], "PendingAuth");
    assert_eq!(conn.body["platformName"], "SageBankFeed");
    assert_eq!(conn.body["sourceType"], "BankFeed");
    let conn_id = conn.body["id"].as_str().unwrap();
    for bad in ["gbol", "OLPR", "olp"] {
        let r = api
            .post(
                &format!("/companies/{id}/connections"),
                &json!({"platformKey": bad}),
            )
            .await;
        assert_eq!(r.status, 400, "{bad}");
    }
    let one = api
        .get(&format!("/companies/{id}/connections/{conn_id}"))
        .await;
    assert_eq!(one.body, conn.body);
    let unknown = api
        .get(&format!(
            "/companies/{id}/connections/a22dd66b-564a-4832-9b37-7b3ce4aeb7de"
        ))
        .await;
    assert_eq!(unknown.status, 404);
    assert_eq!(
        unknown.body["error"],
        "Data connection a22dd66b-564a-4832-9b37-7b3ce4aeb7de not found"
    );

    api.post(
        &format!("/companies/{id}/connections"),
        &json!({"platformKey": "olpr"}),
    )
    .await;
    let page = api
        .get(&format!("/companies/{id}/connections?page=2&pageSize=1"))
        .await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body["totalResults"], 2);
    assert_eq!(page.body["results"].as_array().unwrap().len(), 1);
    assert!(page.body["_links"]["previous"].is_object());
    assert!(page.body["_links"].get("next").is_none());
    assert_eq!(
        api.get(&format!("/companies/{id}/connections?pageSize=0"))
            .await
            .status,
        400
    );

    let with_conns = api.get(&format!("/companies/{id}")).await;
    assert_eq!(
        with_conns.body["dataConnections"].as_array().unwrap().len(),
        2
    );
    assert!(api.check_spec() > 10);
}

#[tokio::test]
async fn authentication_and_ownership() {
    let mut config = feedrail_sandbox::SandboxConfig::for_tests();
    config.api_keys = vec!["key-one".into(), "key-two".into()];
    let h = Harness::start_with(config).await;
    let (company, _) = h.api.company_and_connection().await;

    let stranger = h.api.with_key("not-a-key");
    let denied = stranger.get(&format!("/companies/{company}")).await;
    assert_eq!(denied.status, 401);
    assert_eq!(denied.body["error"], "Unauthorized");
    assert!(denied.header("x-rate-limit-limit").is_some());

    let anonymous = h
        .api
        .send(
            Method::GET,
            "/companies/x",
            None,
            &[("authorization", "Bearer abc")],
        )
        .await;
    assert_eq!(anonymous.status, 401);

    let other = h.api.with_key("key-two");
    let forbidden = other.get(&format!("/companies/{company}")).await;
    assert_eq!(forbidden.status, 403);

    let c1 = h.api.get(&format!("/companies/{company}")).await;
    let c2 = h.api.get("/companies/unknown").await;
    assert_ne!(c1.body["correlationId"], c2.body["correlationId"]);
    let e1 = h.api.get("/companies/unknown").await;
    assert_ne!(
        e1.body["correlationId"], c2.body["correlationId"],
        "fresh correlation id per error"
    );
    h.api.check_spec();
    other.check_spec();
    stranger.check_spec();
}

#[tokio::test]
async fn source_accounts() {
    let h = Harness::start().await;
    let api = &h.api;
    let (c, k) = api.company_and_connection().await;
    let base = format!("/companies/{c}/connections/{k}/connectionInfo/bankFeedAccounts");

    let created = api.account(&c, &k, "acc-1").await;
    assert_eq!(created.status, 200);
    assert_eq!(created.body["status"], "pending");
    assert!(created.body.get("feedStartDate").is_none());

    let dup = api.account(&c, &k, "acc-1").await;
    assert_eq!(dup.status, 400);
    assert_eq!(
        dup.body["error"],
        "A bank account already exists with the same Id"
    );

    let mut no_sort_code = account_body("acc-2");
    no_sort_code.as_object_mut().unwrap().remove("sortCode");
    let r = api.post(&base, &no_sort_code).await;
    assert_eq!(r.status, 400);
    assert!(r.body["error"].as_str().unwrap().contains("sortCode"));
    assert_eq!(api.post(&base, &json!({"id": "x"})).await.status, 400);
    assert_eq!(api.post(&base, &json!([1, 2])).await.status, 400);
    assert_eq!(
        api.post(
            &format!("/companies/{c}/connections/nope/connectionInfo/bankFeedAccounts"),
            &account_body("z")
        )
        .await
        .status,
        404
    );

    api.account(&c, &k, "acc-2").await;
    let list = api.get(&base).await;
    assert_eq!(list.status, 200);
    let ids: Vec<&str> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["acc-1", "acc-2"]);

    let patch = |id: &str, body: serde_json::Value| {
        let path = format!("{base}/{id}");
        let api = api.clone();
        async move { api.send(Method::PATCH, &path, Some(&body), &[]).await }
    };
    let renamed = patch("acc-1", json!({"accountName": "new account name"})).await;
    assert_eq!(renamed.status, 200);
    assert_eq!(renamed.body["accountName"], "new account name");
    assert_eq!(
        patch("acc-1", json!({"balance": 12.50})).await.body["balance"],
        json!(12.50)
    );
    assert_eq!(
        patch("acc-1", json!({"status": "connected"})).await.status,
        400
    );
    assert_eq!(patch("acc-1", json!({"currency": "EUR"})).await.status, 400);
    let with_id = patch(
        "acc-1",
        json!({"id": "acc-1", "accountName": "with its id"}),
    )
    .await;
    assert_eq!(
        (with_id.status, &with_id.body["accountName"]),
        (200, &json!("with its id")),
        "the spec's body carries the account's id"
    );
    let other_id = patch("acc-1", json!({"id": "acc-2", "accountName": "x"})).await;
    assert_eq!(other_id.status, 400, "an id naming another account");
    assert!(other_id.body["error"].as_str().unwrap().contains("acc-2"));
    assert_eq!(
        patch("missing", json!({"accountName": "x"})).await.status,
        404
    );

    h.sandbox.connect_account(&c, &k, "acc-1").unwrap();
    let connected = api.get(&base).await;
    assert_eq!(connected.body[0]["status"], "connected");
    assert!(connected.body[0]["feedStartDate"].is_string());
    assert_eq!(
        patch("acc-1", json!({"balance": 1})).await.status,
        400,
        "balance is frozen while connected"
    );
    let disconnected = patch("acc-1", json!({"status": "disconnected"})).await;
    assert_eq!(disconnected.status, 200);
    assert_eq!(disconnected.body["status"], "disconnected");
    let conn = api.get(&format!("/companies/{c}/connections/{k}")).await;
    assert_eq!(
        conn.body["status"], "Linked",
        "connecting an account links the connection"
    );

    let deleted = api
        .send(Method::DELETE, &format!("{base}/acc-2"), None, &[])
        .await;
    assert_eq!(deleted.status, 204);
    assert_eq!(
        api.send(Method::DELETE, &format!("{base}/acc-2"), None, &[])
            .await
            .status,
        404
    );
    assert_eq!(api.get(&base).await.body.as_array().unwrap().len(), 1);
    api.check_spec();
}

#[tokio::test]
async fn batch_create_reports_per_account() {
    let h = Harness::start().await;
    let api = &h.api;
    let (c, k) = api.company_and_connection().await;
    let batch = format!("/companies/{c}/connections/{k}/connectionInfo/bankFeedAccounts/batch");

    let all = api
        .post(&batch, &json!([account_body("a"), account_body("b")]))
        .await;
    assert_eq!(all.status, 201);
    assert_eq!(all.body[0]["result"]["statusCode"], 201);
    assert_eq!(all.body[1]["result"]["account"]["id"], "b");

    let mixed = api
        .post(
            &batch,
            &json!([account_body("a"), account_body("c"), {"id": "d"}]),
        )
        .await;
    assert_eq!(mixed.status, 207);
    assert_eq!(mixed.body[0]["result"]["statusCode"], "409");
    assert_eq!(mixed.body[1]["result"]["statusCode"], 201);
    assert_eq!(mixed.body[2]["result"]["statusCode"], "400");

    let conflicts = api
        .post(&batch, &json!([account_body("a"), account_body("b")]))
        .await;
    assert_eq!(conflicts.status, 409);
    assert_eq!(api.post(&batch, &json!([])).await.status, 400);
    assert_eq!(api.post(&batch, &json!({"id": "a"})).await.status, 400);
    api.check_spec();
}

#[tokio::test]
async fn the_sage_user_connects_with_the_connection_id_and_a_one_time_password() {
    let h = Harness::start().await;
    let (company, connection) = h.api.company_and_connection().await;
    assert_eq!(
        h.api.account(&company, &connection, "acc-1").await.status,
        200
    );
    let path = format!("/companies/{company}/connections/{connection}/bankFeeds/otp");
    let issued = h.api.send(Method::POST, &path, None, &[]).await;
    assert_eq!(issued.status, 200, "{:?}", issued.body);
    let otp = issued.body["otp"].as_str().unwrap().to_owned();
    assert_eq!(otp.len(), 6);
    assert!(
        otp.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    );
    let expiry: chrono::DateTime<chrono::Utc> =
        issued.body["expiry"].as_str().unwrap().parse().unwrap();
    assert!(expiry > chrono::Utc::now() + chrono::Duration::minutes(9));
    let unknown = h
        .api
        .send(
            Method::POST,
            &format!("/companies/{company}/connections/nope/bankFeeds/otp"),
            None,
            &[],
        )
        .await;
    assert_eq!(unknown.status, 404);
    h.api.check_spec();

    // The Sage user's step, through the admin API: a wrong password, none, then the right one.
    let http = reqwest::Client::new();
    let connect = format!(
        "{}/_sandbox/companies/{company}/connections/{connection}/accounts/acc-1/connect",
        h.sandbox.url()
    );
    let send = |body: Option<serde_json::Value>| {
        let mut request = http.post(&connect);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send()
    };
    let wrong = send(Some(json!({"otp": "AAAAAA"}))).await.unwrap();
    assert_eq!(wrong.status(), 400);
    let message: serde_json::Value = wrong.json().await.unwrap();
    assert!(
        message["error"].as_str().unwrap().contains("bankFeeds/otp"),
        "{message}"
    );
    assert_eq!(send(None).await.unwrap().status(), 400);
    let right = send(Some(json!({"otp": otp.to_ascii_lowercase()})))
        .await
        .unwrap();
    assert_eq!(right.status(), 200);
    let account: serde_json::Value = right.json().await.unwrap();
    assert_eq!(account["status"], "connected");
    // One time only.
    assert_eq!(send(Some(json!({"otp": otp}))).await.unwrap().status(), 400);

    // An expired password is refused like a wrong one.
    h.sandbox.set_settings(feedrail_sandbox::Settings {
        otp_lifetime_secs: 1,
        ..h.sandbox.settings()
    });
    let issued = h.api.send(Method::POST, &path, None, &[]).await;
    let otp = issued.body["otp"].as_str().unwrap().to_owned();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(send(Some(json!({"otp": otp}))).await.unwrap().status(), 400);
}

#[tokio::test]
async fn the_rest_of_the_surface_answers_as_the_spec_says() {
    let h = Harness::start().await;
    let api = &h.api;
    let (company, connection, account) = h.connected_account().await;
    let base = format!("/companies/{company}/connections/{connection}");

    let listed = api
        .get("/companies?page=1&pageSize=10&query=name~toft")
        .await;
    assert_eq!(listed.status, 200);
    assert_eq!(listed.body["totalResults"], 1);
    assert_eq!(api.get("/companies?query=colour%3Dblue").await.status, 400);
    assert_eq!(api.get("/companies?orderBy=name").await.status, 400);

    let model = api
        .get(&format!(
            "{base}/options/bankAccounts/{account}/bankTransactions"
        ))
        .await;
    assert_eq!(model.status, 200);
    assert_eq!(model.body["type"], "Object");
    let mapping = api.get(&format!("{base}/bankFeedAccounts/mapping")).await;
    assert_eq!(mapping.status, 200);
    assert_eq!(mapping.body[0]["sourceAccountId"], account);
    let map = api
        .post(
            &format!("{base}/bankFeedAccounts/mapping"),
            &json!({"sourceAccountId": account, "targetAccountId": "t"}),
        )
        .await;
    assert_eq!(map.status, 400);
    let extra = api
        .post(
            &format!("{base}/bankFeedAccounts/mapping"),
            &json!({"sourceAccountId": account, "colour": "blue"}),
        )
        .await;
    assert_eq!(extra.status, 400, "additionalProperties: false");
    assert_eq!(api.get(&format!("{base}/bankFeeds/info")).await.status, 400);
    let credentials = format!("{base}/connectionInfo/bankFeedAccounts/credentials");
    assert_eq!(api.post(&credentials, &json!({})).await.status, 400);
    assert_eq!(
        api.send(Method::DELETE, &credentials, None, &[])
            .await
            .status,
        400
    );

    let unlink = |status: &str| {
        let body = json!({ "status": status });
        let path = base.clone();
        async move {
            api.send(
                Method::PATCH,
                &path,
                Some(&body),
                &[("content-type", "application/json")],
            )
            .await
        }
    };
    assert_eq!(unlink("Linked").await.status, 400);
    let unlinked = unlink("Unlinked").await;
    assert_eq!(unlinked.status, 200);
    assert_eq!(unlinked.body["status"], "Unlinked");
    let deleted = api.send(Method::DELETE, &base, None, &[]).await;
    assert_eq!(deleted.status, 200);
    assert_eq!(api.get(&base).await.status, 404);
    let gone = api
        .send(Method::DELETE, &format!("/companies/{company}"), None, &[])
        .await;
    assert_eq!(gone.status, 204);
    assert_eq!(api.get(&format!("/companies/{company}")).await.status, 404);
    assert!(api.check_spec() > 15);
}
