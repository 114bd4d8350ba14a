//! Crash-resume with the SQLite cursor: the feed is stopped mid-way (its future dropped, as when
//! a process dies), then run again from the same database file. No batch is pushed twice and
//! every line lands.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{accounts, ids, ledger_ids, lines, options, pipeline_for, sandbox};
use feedrail::{CursorStore, FeedOptions, Progress, SqliteCursorStore};
use feedrail_sandbox::FaultConfig;
use tokio::sync::mpsc;

fn open(path: &std::path::Path) -> Arc<dyn CursorStore> {
    Arc::new(SqliteCursorStore::open(path).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopped_mid_poll_resumes_by_polling() {
    let sb = sandbox(300).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cursor.sqlite");
    let feed = pipeline_for(&sb, Some(open(&db)));
    let client = feed.client().clone();
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 2500);

    let (tx, mut rx) = mpsc::unbounded_channel();
    let opts = FeedOptions {
        progress: Some(Arc::new(move |p: &Progress| {
            let _ = tx.send(p.clone());
        })),
        ..options()
    };
    let running = {
        let (feed, target, input) = (feed.clone(), target.clone(), input.clone());
        tokio::spawn(async move { feed.push_feed(&target, &input, &opts).await })
    };
    while let Some(event) = rx.recv().await {
        if let Progress::BatchSent { sequence: 1, .. } = event {
            break;
        }
    }
    running.abort();
    assert!(
        running.await.unwrap_err().is_cancelled(),
        "stopped mid-poll"
    );
    drop(client);

    let reopened = SqliteCursorStore::open(&db).unwrap();
    let state = reopened.load(&target).unwrap();
    let sent: Vec<String> = ids(&input);
    let sent: Vec<&str> = sent.iter().map(String::as_str).collect();
    assert_eq!(
        reopened.find_pushed(&target, &sent).unwrap().len(),
        1000,
        "batch 0 was recorded as landed"
    );
    let in_flight = state.in_flight.expect("batch 1 was left in flight");
    assert!(in_flight.push_operation_key.is_some());

    let feed = pipeline_for(&sb, Some(open(&db)));
    let client = feed.client().clone();
    let report = feed.push_feed(&target, &input, &options()).await.unwrap();
    assert_eq!(
        report.resumed.as_ref().unwrap().push_operation_key,
        in_flight.push_operation_key
    );
    assert_eq!(report.already_pushed.len(), 2000);
    assert_eq!(report.landed, 500);
    let history = client
        .list_push_operations(&target.company_id, 1, &Default::default())
        .await
        .unwrap();
    assert_eq!(
        history.total_results, 3,
        "three batches, three pushes: none pushed twice"
    );
    assert!(
        history
            .results
            .iter()
            .all(|o| o.status == feedrail::PushStatus::Success)
    );
    assert_eq!(ledger_ids(&sb, &target), ids(&input));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopped_while_the_push_is_in_the_air_resumes_under_the_same_key() {
    let sb = sandbox(0).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cursor.sqlite");
    let feed = pipeline_for(&sb, Some(open(&db)));
    let client = feed.client().clone();
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 1500);

    // Every request now takes 300 ms: stop the feed while its first push is on the wire.
    sb.set_faults(FaultConfig {
        latency: 1.0,
        latency_ms: 300,
        ..FaultConfig::default()
    })
    .unwrap();
    let no_status_check = FeedOptions {
        check_account_status: false,
        ..options()
    };
    let stopped = tokio::time::timeout(
        Duration::from_millis(150),
        feed.push_feed(&target, &input, &no_status_check),
    )
    .await;
    assert!(stopped.is_err(), "stopped before the push was answered");
    drop(client);
    let state = SqliteCursorStore::open(&db).unwrap().load(&target).unwrap();
    let in_flight = state.in_flight.expect("recorded before sending");
    assert!(in_flight.push_operation_key.is_none(), "no answer was seen");

    sb.set_faults(FaultConfig::default()).unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let feed = pipeline_for(&sb, Some(open(&db)));
    let client = feed.client().clone();
    let report = feed.push_feed(&target, &input, &options()).await.unwrap();
    assert_eq!(
        report.resumed.as_ref().unwrap().idempotency_key,
        in_flight.idempotency_key,
        "sent again under the same key"
    );
    assert_eq!(report.landed + report.already_pushed.len(), 1500);
    let history = client
        .list_push_operations(&target.company_id, 1, &Default::default())
        .await
        .unwrap();
    assert!(
        history.total_results <= 2,
        "the abandoned request and its resend are one push: {}",
        history.total_results
    );
    assert_eq!(
        ledger_ids(&sb, &target),
        ids(&input),
        "every line exactly once"
    );
}
