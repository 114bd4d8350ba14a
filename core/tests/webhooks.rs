//! Webhooks end to end: the sandbox delivers signed events to a receiver on loopback, the
//! receiver hands them to the client, and the client's waits end on them.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use common::{accounts, ids, ledger_ids, lines, options, quick_retries, sandbox};
use feedrail::queue::{Worker, WorkerOptions};
use feedrail::webhooks::{Event, Payload, Verifier, WebhookHeaders};
use feedrail::{Client, ErrorCode, FeedOptions, Pipeline, PushStatus, WaitOptions};
use feedrail_sandbox::Sandbox;

/// What the receiver does with a delivery.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Verify it and hand it to the client.
    Handle,
    /// Answer 200 and drop it (an event lost on the way).
    Drop,
    /// Answer 500 to the first attempt of each message, then handle the retry.
    FailFirst,
}

#[derive(Clone)]
struct Receiver {
    client: Client,
    mode: Mode,
    events: Arc<Mutex<Vec<Event>>>,
    raw: Arc<Mutex<Vec<(Bytes, HeaderMap)>>>,
    refused_first: Arc<Mutex<std::collections::HashSet<String>>>,
}

impl Receiver {
    /// Waits (up to 10 s) until an event of `event_type` was handed to the client.
    async fn wait_for(&self, event_type: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self
            .events
            .lock()
            .unwrap()
            .iter()
            .any(|e| e.event_type == event_type)
        {
            assert!(Instant::now() < deadline, "no {event_type} event");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

async fn receive(State(r): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    r.raw.lock().unwrap().push((body.clone(), headers.clone()));
    let signature = WebhookHeaders::from_header_map(&headers);
    match r.mode {
        Mode::Drop => return StatusCode::OK,
        Mode::FailFirst => {
            let id = signature.id.clone().unwrap_or_default();
            if r.refused_first.lock().unwrap().insert(id) {
                return StatusCode::INTERNAL_SERVER_ERROR;
            }
        }
        Mode::Handle => {}
    }
    match r.client.handle_webhook(&body, &signature) {
        Ok(event) => {
            r.events.lock().unwrap().push(event);
            StatusCode::OK
        }
        Err(e) if e.code() == ErrorCode::WebhookReplay => StatusCode::OK,
        Err(_) => StatusCode::BAD_REQUEST,
    }
}

/// A receiver on loopback registered with the sandbox, and a pipeline (in memory) whose client
/// holds its secret.
async fn receiver(sb: &Sandbox, mode: Mode) -> (Receiver, Pipeline, String) {
    receiver_on(sb, mode, None).await
}

/// [`receiver`] with the pipeline's cursor at `cursor`.
async fn receiver_on(
    sb: &Sandbox,
    mode: Mode,
    cursor: Option<&str>,
) -> (Receiver, Pipeline, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/codat", listener.local_addr().unwrap());
    let endpoint = sb.add_webhook(&url, None).unwrap();
    let builder = Client::builder()
        .api_key(sb.api_key())
        .base_url(sb.url())
        .retry(quick_retries())
        .webhook_secret(&endpoint.secret);
    let pipeline = Pipeline::open(builder, cursor).unwrap();
    let r = Receiver {
        client: pipeline.client().clone(),
        mode,
        events: Arc::default(),
        raw: Arc::default(),
        refused_first: Arc::default(),
    };
    let app = axum::Router::new()
        .route("/codat", axum::routing::post(receive))
        .with_state(r.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (r, pipeline, endpoint.secret)
}

/// Pushes `n` lines to a new account through `feed`, whose waits must each end on an event:
/// the ledger equals the input, with one status poll per batch and no 5 s fallback waited out.
async fn push_waiting_for_events(
    sb: &Sandbox,
    feed: &Pipeline,
    n: usize,
) -> (feedrail::PushTarget, feedrail::FeedReport) {
    let target = accounts(sb, 1).await.remove(0);
    let input = lines(&target.account_id, 0, n);
    let polls = sb.status_polls();
    let started = Instant::now();
    let report = feed
        .push_feed(&target, &input, &feed_options(Duration::from_secs(5)))
        .await
        .unwrap();
    let took = started.elapsed();
    assert!(report.is_complete());
    assert_eq!(ledger_ids(sb, &target), ids(&input), "ledger equals input");
    assert_eq!(
        sb.status_polls() - polls,
        report.batches.len() as u64,
        "one poll per batch, after its event"
    );
    assert!(took < Duration::from_secs(5), "took {took:?}");
    (target, report)
}

fn feed_options(fallback: Duration) -> FeedOptions {
    let base = options();
    FeedOptions {
        wait: WaitOptions {
            webhook_fallback: fallback,
            ..base.wait.clone()
        },
        ..base
    }
}

#[tokio::test]
async fn each_push_ends_on_its_event_with_one_status_poll() {
    let sb = sandbox(200).await;
    let (r, feed, _) = receiver(&sb, Mode::Handle).await;
    let (target, report) = push_waiting_for_events(&sb, &feed, 5000).await;
    assert_eq!(report.batches.len(), 5);
    let events = r.events.lock().unwrap().clone();
    let keys: Vec<&str> = events
        .iter()
        .filter_map(|e| e.write())
        .map(|w| w.push_operation_key.as_str())
        .collect();
    let pushed: Vec<&str> = report
        .batches
        .iter()
        .filter_map(|b| b.push_operation_key.as_deref())
        .collect();
    assert_eq!(keys, pushed, "one write event per push, typed");
    for e in events.iter().filter(|e| e.write().is_some()) {
        let w = e.write().unwrap();
        assert_eq!(e.event_type, "bankTransactions.write.successful");
        assert_eq!(w.status, PushStatus::Success);
        assert_eq!(
            w.connection_id.as_deref(),
            Some(target.connection_id.as_str())
        );
        assert!(w.completed_on_date >= w.requested_on_date);
    }
}

#[tokio::test]
async fn lost_events_fall_back_to_polling_and_retried_deliveries_still_count() {
    /// Pushes `n` lines with `mode`'s receiver and `fallback` polls: all land, in order.
    async fn land(mode: Mode, n: usize, fallback: Duration) -> (Sandbox, Receiver) {
        let sb = sandbox(50).await;
        let (r, feed, _) = receiver(&sb, mode).await;
        let target = accounts(&sb, 1).await.remove(0);
        let input = lines(&target.account_id, 0, n);
        let report = feed
            .push_feed(&target, &input, &feed_options(fallback))
            .await
            .unwrap();
        assert!(report.is_complete());
        assert_eq!(ledger_ids(&sb, &target), ids(&input));
        (sb, r)
    }
    land(Mode::Drop, 2500, Duration::from_millis(200)).await;
    // A receiver that fails each first attempt: the sandbox retries, the event arrives.
    let (sb, r) = land(Mode::FailFirst, 1500, Duration::from_secs(30)).await;
    let writes = r
        .events
        .lock()
        .unwrap()
        .iter()
        .filter(|e| e.write().is_some())
        .count();
    assert_eq!(writes, 2);
    let stats = &sb.webhook_stats()[0];
    assert!(stats.failed_attempts >= 2, "{stats:?}");
}

#[tokio::test]
async fn real_deliveries_tampered_resent_late_or_under_another_secret_are_refused() {
    let sb = sandbox(0).await;
    let (r, _feed, secret) = receiver(&sb, Mode::Drop).await;
    let target = accounts(&sb, 1).await.remove(0);
    let deadline = Instant::now() + Duration::from_secs(10);
    let (body, headers) = loop {
        if let Some(first) = r.raw.lock().unwrap().first().cloned() {
            break first;
        }
        assert!(Instant::now() < deadline, "no delivery arrived");
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    let headers = WebhookHeaders::from_header_map(&headers);
    let verifier = Verifier::new(&secret).unwrap();
    let event = verifier.verify(&body, &headers).unwrap();
    assert_eq!(event.event_type, "bankFeeds.sourceAccount.connected");
    match &event.payload {
        Payload::SourceAccount(changed) => {
            assert_eq!(changed.company(), Some(target.company_id.as_str()));
            assert_eq!(changed.source_account.id, target.account_id);
        }
        other => panic!("not typed: {other:?}"),
    }
    let code = |e: feedrail::Error| e.code();
    assert_eq!(
        code(verifier.verify(&body, &headers).unwrap_err()),
        ErrorCode::WebhookReplay
    );
    let mut tampered = body.to_vec();
    let at = tampered.iter().position(|b| *b == b'"').unwrap();
    tampered.insert(at, b' ');
    let fresh = Verifier::new(&secret).unwrap();
    assert_eq!(
        code(fresh.verify(&tampered, &headers).unwrap_err()),
        ErrorCode::WebhookSignature
    );
    let other = Verifier::new("whsec_c29tZW9uZSBlbHNlJ3Mgc2VjcmV0").unwrap();
    assert_eq!(
        code(other.verify(&body, &headers).unwrap_err()),
        ErrorCode::WebhookSignature
    );
    let later = chrono::Utc::now() + chrono::Duration::minutes(6);
    assert_eq!(
        code(fresh.verify_at(&body, &headers, later).unwrap_err()),
        ErrorCode::WebhookSignature
    );
    // Disconnecting announces it too.
    sb.disconnect_account(
        &target.company_id,
        &target.connection_id,
        &target.account_id,
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while r.raw.lock().unwrap().len() < 2 {
        assert!(Instant::now() < deadline, "no disconnected delivery");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let (body, headers) = r.raw.lock().unwrap()[1].clone();
    let event = fresh
        .verify(&body, &WebhookHeaders::from_header_map(&headers))
        .unwrap();
    assert_eq!(event.event_type, "bankFeeds.sourceAccount.disconnected");
}

#[tokio::test]
async fn the_quota_event_holds_requests_until_its_reset_event() {
    let sb = sandbox(0).await;
    let (r, feed, _) = receiver(&sb, Mode::Handle).await;
    let target = accounts(&sb, 1).await.remove(0);
    let client = feed.client().clone();
    let mut settings = sb.settings();
    let used = 20;
    settings.daily_quota = used;
    sb.set_settings(settings.clone());
    // Use the quota up: the 429 sets off client.rateLimit.reached.
    loop {
        match client.get_company(&target.company_id).await {
            Ok(_) => {}
            Err(e) => {
                assert_eq!(e.code(), ErrorCode::RateLimited);
                break;
            }
        }
    }
    r.wait_for("client.rateLimit.reached").await;
    // Paused until midnight UTC: a request fails at once without reaching the sandbox.
    let polls = sb.status_polls();
    let e = client
        .get_push_operation(&target.company_id, "00000000-0000-0000-0000-000000000000")
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::RateLimited);
    assert!(e.to_string().contains("client.rateLimit.reached"), "{e}");
    assert_eq!(sb.status_polls(), polls, "nothing was sent");
    // A raised quota resets it: the reset event lifts the pause.
    settings.daily_quota = 1_000_000;
    sb.set_settings(settings);
    r.wait_for("client.rateLimit.reset").await;
    client.get_company(&target.company_id).await.unwrap();
}

#[tokio::test]
async fn a_client_without_a_secret_refuses_to_verify() {
    let sb = sandbox(0).await;
    let client = common::client_for(&sb);
    let e = client
        .handle_webhook(b"{}", &WebhookHeaders::default())
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Config);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connected_event_wakes_a_queued_account_at_once() {
    let url = feedrail_sandbox::scratch_database();
    let sb = sandbox(0).await;
    let (_r, pipeline, _) = receiver_on(&sb, Mode::Handle, Some(&url)).await;
    let client = pipeline.client().clone();
    let company = client
        .create_company(&feedrail::CompanyRequest {
            name: "Waiting Ltd".into(),
            description: None,
        })
        .await
        .unwrap();
    let connection = client
        .create_connection(&company.id, feedrail::SAGE_PLATFORM_KEY)
        .await
        .unwrap();
    client
        .create_account(&company.id, &connection.id, &common::prototype("acc-w"))
        .await
        .unwrap();
    let target = feedrail::PushTarget::new(&company.id, &connection.id, "acc-w");
    let queue = pipeline.queue().unwrap();
    let input = lines("acc-w", 0, 10);
    queue
        .enqueue(
            &target,
            &feedrail::Lines::from_json(&input),
            &feedrail::queue::EnqueueOptions::default(),
        )
        .unwrap();
    // Idle polls 60 s apart and a long backoff: only the event can bring the account back soon.
    let worker = Worker::new(
        pipeline,
        WorkerOptions {
            feed: options(),
            idle_poll: Duration::from_secs(60),
            max_backoff: Duration::from_secs(60),
            ..WorkerOptions::default()
        },
    )
    .unwrap();
    let running = tokio::spawn({
        let worker = worker.clone();
        async move { worker.run().await }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let status = queue.status().unwrap();
        if status
            .iter()
            .any(|a| a.last_error.is_some() && a.retry_at.is_some())
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the worker never tried the account"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let connected = Instant::now();
    sb.connect_account(&company.id, &connection.id, "acc-w")
        .unwrap();
    while ledger_ids(&sb, &target).len() < input.len() {
        assert!(
            connected.elapsed() < Duration::from_secs(10),
            "the connected event did not wake the account"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(ledger_ids(&sb, &target), ids(&input));
    worker.stop();
    running.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_handed_to_one_process_end_the_waits_of_another_on_the_same_database() {
    let url = feedrail_sandbox::scratch_database();
    let sb = sandbox(200).await;
    // The receiving process (a web app, say) …
    let (_r, _receiving, secret) = receiver_on(&sb, Mode::Handle, Some(&url)).await;
    // … and a pushing process with a client of its own on the same database.
    let builder = Client::builder()
        .api_key(sb.api_key())
        .base_url(sb.url())
        .retry(quick_retries())
        .webhook_secret(&secret);
    let pushing = Pipeline::open(builder, Some(&url)).unwrap();
    push_waiting_for_events(&sb, &pushing, 3000).await;
}
