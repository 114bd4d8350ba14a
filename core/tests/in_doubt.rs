//! Batches whose fate is unknown: a push that ends `TimedOut` and lands anyway, a batch resumed
//! after Codat's idempotency window, the same feed pushed again by a run that remembers nothing.
//! Each is settled — never stuck, never doubled — and the report says how.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{accounts, ids, ledger_ids, lines, options, pipeline_for, sandbox};
use feedrail::{
    BatchStatus, CursorStore, FeedOptions, FeedReport, MemoryCursorStore, PushTarget, Resolution,
    SqliteCursorStore,
};
use feedrail_sandbox::{FaultConfig, Sandbox};

/// `n` lines pushed to a fresh account where only the first push processed suffers `fault`.
async fn first_push_fails_with(
    fault: FaultConfig,
    n: usize,
) -> (Sandbox, PushTarget, Vec<serde_json::Value>, FeedReport) {
    let sb = sandbox(50).await;
    let feed = pipeline_for(&sb, None);
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, n);
    sb.set_faults(FaultConfig {
        max_push_faults: Some(1),
        ..fault
    })
    .unwrap();
    let report = feed.push_feed(&target, &input, &options()).await.unwrap();
    (sb, target, input, report)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timed_out_push_that_lands_later_is_counted_once_in_the_same_run() {
    let only_landing_late = FaultConfig {
        timed_out_landed: 1.0,
        ..FaultConfig::default()
    };
    let (sb, target, input, report) = first_push_fails_with(only_landing_late, 2500).await;
    assert_eq!(
        report.landed, 2500,
        "the late lines count as landed by this run"
    );
    assert_eq!(report.already_landed, 0);
    let first = &report.batches[0];
    assert_eq!(first.status, BatchStatus::Success);
    assert!(
        first.in_doubt.as_deref().unwrap().contains("TimedOut"),
        "{first:?}"
    );
    assert_eq!(first.resolution, Some(Resolution::AlreadyReceived));
    assert_eq!(report.in_doubt().count(), 1);
    assert_eq!(
        ledger_ids(&sb, &target),
        ids(&input),
        "every line exactly once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timed_out_push_that_never_lands_is_sent_again() {
    let timing_out = FaultConfig {
        push_timed_out: 1.0,
        ..FaultConfig::default()
    };
    let (sb, target, input, report) = first_push_fails_with(timing_out, 1200).await;
    assert_eq!(report.landed, 1200);
    assert_eq!(report.batches[0].resolution, Some(Resolution::Resent));
    assert_ne!(
        report.batches[0].idempotency_key,
        feedrail::plan_batches(
            &target,
            &feedrail::validate_records(
                &input[..1000],
                &feedrail::ValidationContext::new(&feedrail::Profile::sage(), &Default::default())
            )
            .transactions,
            1000
        )
        .unwrap()[0]
            .idempotency_key,
        "sent again under a fresh key"
    );
    assert_eq!(ledger_ids(&sb, &target), ids(&input));
}

/// A feed of `n` lines stopped while its first push is in the air (it lands, but no answer is
/// seen), then left until the sandbox (keys kept 1 s) has forgotten the push's key.
async fn first_push_lands_unanswered(
    sb: &Sandbox,
    store: Arc<dyn CursorStore>,
    n: usize,
) -> (PushTarget, Vec<serde_json::Value>) {
    let feed = pipeline_for(sb, Some(store));
    let target = accounts(sb, 1).await.remove(0);
    let input = lines("acc-0", 0, n);
    let mut settings = sb.settings();
    settings.idempotency_ttl_secs = 1;
    sb.set_settings(settings);
    sb.set_faults(FaultConfig {
        latency: 1.0,
        latency_ms: 300,
        ..FaultConfig::default()
    })
    .unwrap();
    let quick = FeedOptions {
        check_account_status: false,
        ..options()
    };
    let stopped = tokio::time::timeout(
        Duration::from_millis(150),
        feed.push_feed(&target, &input, &quick),
    )
    .await;
    assert!(stopped.is_err(), "stopped before the push was answered");
    sb.set_faults(FaultConfig::default()).unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        ledger_ids(sb, &target).len(),
        n.min(1000),
        "the first push landed"
    );
    (target, input)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_resumed_after_the_idempotency_window_is_found_not_resent() {
    let sb = sandbox(0).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cursor.sqlite");
    let open = || -> Arc<dyn CursorStore> { Arc::new(SqliteCursorStore::open(&db).unwrap()) };
    let (target, input) = first_push_lands_unanswered(&sb, open(), 1500).await;

    // Codat has forgotten the key; feedrail must not trust it to answer once.
    let feed = pipeline_for(&sb, Some(open()));
    let report = feed
        .push_feed(
            &target,
            &input,
            &FeedOptions {
                idempotency_window: Duration::from_secs(1),
                ..options()
            },
        )
        .await
        .unwrap();
    let resumed = report.resumed.as_ref().unwrap();
    assert!(
        resumed
            .in_doubt
            .as_deref()
            .unwrap()
            .contains("idempotency window"),
        "{resumed:?}"
    );
    assert_eq!(resumed.resolution, Some(Resolution::FoundInHistory));
    assert_eq!(report.already_pushed.len(), 1000);
    assert_eq!(report.landed, 500);
    assert_eq!(
        ledger_ids(&sb, &target),
        ids(&input),
        "every line exactly once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_key_resent_as_is_is_settled_by_the_already_received_refusal() {
    let sb = sandbox(0).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cursor.sqlite");
    let open = || -> Arc<dyn CursorStore> { Arc::new(SqliteCursorStore::open(&db).unwrap()) };
    let (target, input) = first_push_lands_unanswered(&sb, open(), 1000).await;

    // The window is left at its default: the key is sent again, Codat has forgotten it and
    // takes the push anew, and Sage refuses every line as already received.
    let feed = pipeline_for(&sb, Some(open()));
    let report = feed.push_feed(&target, &input, &options()).await.unwrap();
    let resumed = report.resumed.as_ref().unwrap();
    assert_eq!(resumed.status, BatchStatus::AlreadyLanded, "{resumed:?}");
    assert_eq!(resumed.resolution, Some(Resolution::AlreadyReceived));
    assert_eq!(report.already_pushed.len(), 1000);
    assert_eq!(ledger_ids(&sb, &target), ids(&input));
    let again = feed.push_feed(&target, &input, &options()).await.unwrap();
    assert!(
        again.is_complete() && again.batches.is_empty(),
        "no rerun sticks"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_that_remembers_nothing_reports_what_was_there_as_already_landed() {
    let sb = sandbox(0).await;
    let first = pipeline_for(&sb, None);
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 3500);
    let report = first.push_feed(&target, &input, &options()).await.unwrap();
    assert_eq!((report.landed, report.already_landed), (3500, 0));

    // A fresh store: the same batches under the same keys, answered by Codat's replays.
    let fresh = pipeline_for(&sb, Some(Arc::new(MemoryCursorStore::default())));
    let report = fresh.push_feed(&target, &input, &options()).await.unwrap();
    assert_eq!(
        (report.landed, report.already_landed),
        (0, 3500),
        "{report}"
    );
    assert!(
        report
            .batches
            .iter()
            .all(|b| b.status == BatchStatus::AlreadyLanded)
    );
    assert!(report.is_complete());

    // After Codat forgot the keys: the pushes are refused as already received.
    let mut settings = sb.settings();
    settings.idempotency_ttl_secs = 0;
    sb.set_settings(settings);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let fresh = pipeline_for(&sb, None);
    let report = fresh.push_feed(&target, &input, &options()).await.unwrap();
    assert_eq!(
        (report.landed, report.already_landed),
        (0, 3500),
        "{report}"
    );
    assert_eq!(
        ledger_ids(&sb, &target),
        ids(&input),
        "every line exactly once"
    );
}
