//! The feed pipeline against an in-process sandbox.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{accounts, ids, ledger_ids, line_ids, lines, options, pipeline_for, sandbox};
use feedrail::{
    BatchStatus, CursorStore, ErrorCode, FeedJob, FeedOptions, MemoryCursorStore, Progress,
    WaitOptions,
};
use feedrail_sandbox::FaultConfig;
use serde_json::json;

#[tokio::test]
async fn twenty_five_hundred_lines_land_in_three_batches() {
    let sb = sandbox(0).await;
    let store = Arc::new(MemoryCursorStore::default());
    let feed = pipeline_for(&sb, Some(store.clone()));
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 2500);
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    let opts = feedrail::FeedOptions {
        progress: Some(Arc::new(move |p: &Progress| {
            seen.lock().unwrap().push(p.clone())
        })),
        ..options()
    };
    let report = feed.push_feed(&target, &input, &opts).await.unwrap();
    assert_eq!(report.landed, 2500);
    assert!(report.is_complete());
    let sizes: Vec<_> = report.batches.iter().map(|b| (b.size, b.status)).collect();
    assert_eq!(
        sizes,
        [
            (1000, BatchStatus::Success),
            (1000, BatchStatus::Success),
            (500, BatchStatus::Success)
        ]
    );
    assert_eq!(
        ledger_ids(&sb, &target),
        ids(&input),
        "ledger equals input, in order"
    );

    let state = store.load(&target).unwrap();
    assert!(state.in_flight.is_none());
    assert_eq!(state.cursor.latest_id.as_deref(), Some("acc-0-002499"));
    let sent = ids(&input);
    let sent: Vec<&str> = sent.iter().map(String::as_str).collect();
    assert_eq!(store.find_pushed(&target, &sent).unwrap().len(), 2500);
    let ledger = sb
        .ledger(
            &target.company_id,
            &target.connection_id,
            &target.account_id,
        )
        .unwrap();
    assert_eq!(
        state.cursor.last_balance, ledger.balance,
        "cursor balance = account balance"
    );
    assert_eq!(report.balance, ledger.balance);

    let events = events.lock().unwrap().clone();
    assert!(matches!(
        events[0],
        Progress::Planned {
            transactions: 2500,
            batches: 3,
            ..
        }
    ));
    let landed: Vec<usize> = events
        .iter()
        .filter_map(|e| match e {
            Progress::BatchLanded { landed, .. } => Some(*landed),
            _ => None,
        })
        .collect();
    assert_eq!(landed, [1000, 2000, 2500]);

    let again = feed.push_feed(&target, &input, &opts).await.unwrap();
    assert_eq!(
        (
            again.landed,
            again.already_pushed.len(),
            again.batches.len()
        ),
        (0, 2500, 0),
        "running it again sends nothing"
    );
}

#[tokio::test]
async fn validation_failure_is_reported_before_any_request() {
    let sb = sandbox(0).await;
    let feed = pipeline_for(&sb, None);
    let target = accounts(&sb, 1).await.remove(0);
    let mut input = lines("acc-0", 0, 10);
    input[3]["date"] = json!("2026-13-01");
    input[7].as_object_mut().unwrap().remove("balance");
    let before = sb.fault_stats().requests;
    let err = feed
        .push_feed(&target, &input, &options())
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    let report = err.report().unwrap();
    let found: Vec<_> = report
        .errors
        .iter()
        .map(|i| (i.index, i.field.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (Some(3), Some("date".into())),
            (Some(7), Some("balance".into()))
        ]
    );
    assert_eq!(
        sb.fault_stats().requests,
        before,
        "not a single request was made"
    );

    let skipping = FeedOptions {
        skip_invalid: true,
        ..options()
    };
    let report = feed.push_feed(&target, &input, &skipping).await.unwrap();
    assert_eq!(report.skipped, [3, 7]);
    assert_eq!(report.landed, 8);
    assert_eq!(report.not_landed(), 2);
    assert_eq!(ledger_ids(&sb, &target).len(), 8);
}

#[tokio::test]
async fn pending_account_is_refused_before_pushing() {
    let sb = sandbox(0).await;
    let feed = pipeline_for(&sb, None);
    let client = feed.client().clone();
    let target = accounts(&sb, 1).await.remove(0);
    client
        .create_account(
            &target.company_id,
            &target.connection_id,
            &common::prototype("pending"),
        )
        .await
        .unwrap();
    let pending = feedrail::PushTarget::new(&target.company_id, &target.connection_id, "pending");
    let err = feed
        .push_feed(&pending, &lines("p", 0, 3), &options())
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::AccountNotConnected);
    assert!(err.to_string().contains("pending"), "{err}");
    let history = client
        .list_push_operations(&target.company_id, 1, &Default::default())
        .await
        .unwrap();
    assert_eq!(history.total_results, 0);
}

#[tokio::test]
async fn a_failed_push_stops_the_feed_with_an_exact_report_and_the_next_run_resumes() {
    let sb = Arc::new(sandbox(0).await);
    let store = Arc::new(MemoryCursorStore::default());
    let feed = pipeline_for(&sb, Some(store.clone()));
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 2500);
    let trip = sb.clone();
    let opts = FeedOptions {
        progress: Some(Arc::new(move |p: &Progress| {
            if let Progress::BatchLanded { sequence: 0, .. } = p {
                trip.set_faults(FaultConfig {
                    push_failed: 1.0,
                    ..FaultConfig::default()
                })
                .unwrap();
            }
        })),
        ..options()
    };
    let err = feed.push_feed(&target, &input, &opts).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::PushFailed);
    assert!(
        !err.validation_items().is_empty(),
        "the server's validation messages come along"
    );
    let report = err.feed_report().expect("an exact report");
    assert_eq!(report.landed, 1000);
    assert_eq!(report.not_landed(), 1500);
    let statuses: Vec<_> = report.batches.iter().map(|b| b.status).collect();
    assert_eq!(statuses, [BatchStatus::Success, BatchStatus::Failed]);
    assert_eq!(report.batches[1].first_id, "acc-0-001000");
    assert!(
        err.to_string().contains("1000 of 2500 transactions landed"),
        "{err}"
    );
    assert_eq!(ledger_ids(&sb, &target), ids(&input[..1000]));
    assert!(store.load(&target).unwrap().in_flight.is_none());

    let retired = store.load(&target).unwrap().retired_keys;
    assert!(
        retired.contains(&report.batches[1].idempotency_key),
        "the failed push's key is retired"
    );
    sb.set_faults(FaultConfig::default()).unwrap();
    let resumed = feed.push_feed(&target, &input, &options()).await.unwrap();
    assert_eq!((resumed.already_pushed.len(), resumed.landed), (1000, 1500));
    assert_ne!(
        resumed.batches[0].idempotency_key, report.batches[1].idempotency_key,
        "sent under a fresh key"
    );
    assert_eq!(ledger_ids(&sb, &target), ids(&input));
}

#[tokio::test]
async fn deadline_gives_push_timed_out_and_the_next_run_polls_instead_of_pushing_again() {
    let sb = sandbox(400).await;
    let store = Arc::new(MemoryCursorStore::default());
    let feed = pipeline_for(&sb, Some(store.clone()));
    let client = feed.client().clone();
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 1500);
    let impatient = FeedOptions {
        wait: WaitOptions {
            deadline: Duration::from_millis(100),
            ..common::quick_wait()
        },
        ..options()
    };
    let err = feed
        .push_feed(&target, &input, &impatient)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::PushTimedOut);
    let report = err.feed_report().unwrap();
    assert_eq!(report.batches[0].status, BatchStatus::Pending);
    let in_flight = store
        .load(&target)
        .unwrap()
        .in_flight
        .expect("kept in flight");
    assert!(in_flight.push_operation_key.is_some());

    let report = feed.push_feed(&target, &input, &options()).await.unwrap();
    let resumed = report
        .resumed
        .as_ref()
        .expect("the pending batch was resumed");
    assert_eq!(resumed.status, BatchStatus::Success);
    assert_eq!(
        resumed.push_operation_key, in_flight.push_operation_key,
        "polled, not pushed again"
    );
    assert_eq!(report.already_pushed.len(), 1000);
    assert_eq!(report.landed, 500);
    let history = client
        .list_push_operations(&target.company_id, 1, &Default::default())
        .await
        .unwrap();
    assert_eq!(history.total_results, 2, "two batches, two pushes");
    assert_eq!(ledger_ids(&sb, &target), ids(&input));
}

#[tokio::test]
async fn many_accounts_at_once() {
    let sb = sandbox(20).await;
    let feed = pipeline_for(&sb, None);
    let client = feed.client().clone();
    let targets = accounts(&sb, 6).await;
    let jobs: Vec<FeedJob> = targets
        .iter()
        .map(|t| FeedJob::from_json(t.clone(), &lines(&t.account_id, 0, 1200)))
        .collect();
    let results = feed.push_feeds(jobs.clone(), &options()).await;
    let mut first_pushes = Vec::new();
    let mut second_pushes = Vec::new();
    for (job, result) in jobs.iter().zip(results) {
        let report = result.unwrap();
        assert_eq!(report.landed, 1200);
        assert_eq!(ledger_ids(&sb, &job.target), line_ids(&job.lines));
        first_pushes.push(report.batches[0].push_operation_key.clone().unwrap());
        second_pushes.push(report.batches[1].push_operation_key.clone().unwrap());
    }
    let requested = |keys: &[String]| {
        let client = client.clone();
        let company = jobs[0].target.company_id.clone();
        let keys = keys.to_vec();
        async move {
            let mut at = Vec::new();
            for k in keys {
                at.push(
                    client
                        .get_push_operation(&company, &k)
                        .await
                        .unwrap()
                        .requested_on_utc,
                );
            }
            at
        }
    };
    let firsts = requested(&first_pushes).await;
    let seconds = requested(&second_pushes).await;
    assert!(
        firsts.iter().max() < seconds.iter().min(),
        "accounts ran side by side: every first push went out before any second push"
    );

    let twice = vec![jobs[0].clone(), jobs[0].clone()];
    let refused = feed.push_feeds(twice, &options()).await;
    assert!(
        refused
            .iter()
            .all(|r| r.as_ref().unwrap_err().code() == ErrorCode::Config)
    );
}

#[tokio::test]
async fn after_server_errors_the_next_run_sends_under_a_fresh_key() {
    let sb = sandbox(0).await;
    let store = Arc::new(MemoryCursorStore::default());
    let feed = pipeline_for(&sb, Some(store.clone()));
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 10);
    sb.set_faults(FaultConfig {
        error_500: 1.0,
        ..FaultConfig::default()
    })
    .unwrap();
    let no_status_check = FeedOptions {
        check_account_status: false,
        ..options()
    };
    let err = feed
        .push_feed(&target, &input, &no_status_check)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500), "{err}");
    sb.set_faults(FaultConfig::default()).unwrap();
    // Every request failed, the look-up for the batch included: its fate is unknown, so it
    // stays in flight under its key.
    let state = store.load(&target).unwrap();
    assert!(state.in_flight.is_some(), "{state:?}");
    let report = feed.push_feed(&target, &input, &options()).await.unwrap();
    assert_eq!(
        report.resumed.as_ref().unwrap().status,
        BatchStatus::Success,
        "resent after the cached 500 was checked"
    );
    assert_eq!(report.already_pushed.len(), 10);
    assert_eq!(ledger_ids(&sb, &target), ids(&input));
}

#[tokio::test]
async fn ids_shared_between_accounts_of_a_company_are_refused() {
    let sb = sandbox(0).await;
    let feed = pipeline_for(&sb, None);
    let targets = accounts(&sb, 2).await;
    // Both accounts' lines get the same ids: Codat needs ids unique within a company, and a
    // push found again after a server error is recognized by its ids.
    let same = lines("shared", 0, 3);
    let jobs: Vec<FeedJob> = targets
        .iter()
        .map(|t| FeedJob::from_json(t.clone(), &same))
        .collect();
    let results = feed.push_feeds(jobs, &options()).await;
    assert_eq!(
        results[0].as_ref().unwrap().landed,
        3,
        "the first account keeps its lines"
    );
    let err = results[1].as_ref().unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    let found: Vec<_> = err
        .report()
        .unwrap()
        .errors
        .iter()
        .map(|i| (i.index, i.code))
        .collect();
    assert_eq!(
        found,
        [
            (Some(0), feedrail::IssueCode::DuplicateId),
            (Some(1), feedrail::IssueCode::DuplicateId),
            (Some(2), feedrail::IssueCode::DuplicateId)
        ]
    );
    assert!(err.to_string().contains("acc-0"), "{err}");
    assert!(
        ledger_ids(&sb, &targets[1]).is_empty(),
        "nothing was sent for the second account"
    );
}
