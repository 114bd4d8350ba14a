//! Reconciliation against the sandbox: a feed whose lines end in every status — landed (one
//! batch after a push that timed out and landed later), failed, pending, rejected by
//! validation, never sent, and landed but missing from the file — is reconciled from the
//! journal alone (no call to the sandbox's admin API), then confirmed against Codat.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{accounts, lines, options, pipeline_for, sandbox};
use feedrail::{
    BatchEnd, CursorStore, InFlightBatch, JournalEntry, JournalStatus, LineStatus, Lines, Profile,
    PushTarget, ReconcileOptions, SqliteCursorStore, ValidationContext, reconcile_lines,
    validate_lines,
};
use feedrail_sandbox::FaultConfig;
use rust_decimal::Decimal;
use serde_json::Value;

fn statuses(result: &feedrail::Reconciliation) -> Vec<(String, LineStatus)> {
    result
        .lines
        .iter()
        .map(|l| (l.id.clone().unwrap_or_default(), l.status))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_line_gets_its_status_from_the_journal() {
    let sb = sandbox(50).await;
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn CursorStore> =
        Arc::new(SqliteCursorStore::open(dir.path().join("cursor.sqlite")).unwrap());
    let feed = pipeline_for(&sb, Some(store));
    let target = accounts(&sb, 1).await.remove(0);
    let all = lines("acc-0", 0, 12);
    let two_per_batch = feedrail::FeedOptions {
        batch_size: 2,
        ..options()
    };

    // Lines 0-3 land in two batches; the first push ends TimedOut and lands anyway.
    sb.set_faults(FaultConfig {
        timed_out_landed: 1.0,
        max_push_faults: Some(1),
        ..FaultConfig::default()
    })
    .unwrap();
    let first = feed
        .push_feed(&target, &all[..4], &two_per_batch)
        .await
        .unwrap();
    assert_eq!(first.landed, 4);
    // Lines 4-5: Codat refuses the push.
    sb.set_faults(FaultConfig {
        push_failed: 1.0,
        max_push_faults: Some(1),
        ..FaultConfig::default()
    })
    .unwrap();
    let refused = feed
        .push_feed(&target, &all[4..6], &two_per_batch)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), feedrail::ErrorCode::PushFailed, "{refused}");
    // Lines 6-7: sent, but the run stops waiting before the push ends.
    sb.set_faults(FaultConfig::default()).unwrap();
    let mut impatient = two_per_batch.clone();
    impatient.wait.deadline = Duration::from_millis(1);
    let stopped = feed
        .push_feed(&target, &all[6..8], &impatient)
        .await
        .unwrap_err();
    assert_eq!(
        stopped.code(),
        feedrail::ErrorCode::PushTimedOut,
        "{stopped}"
    );

    // The file: line 1 is missing, line 9 is broken, lines 8, 10 and 11 were never sent.
    let mut source: Vec<Value> = all.clone();
    source[9]["amount"] = Value::from("ten");
    source.remove(1);
    let read = Lines::from_json(&source);
    let result = feed
        .reconcile(
            &target,
            &read,
            &ReconcileOptions {
                confirm: true,
                ..ReconcileOptions::default()
            },
        )
        .await
        .unwrap();
    use LineStatus::*;
    let want = [
        Landed, Landed, Landed, Failed, Failed, Pending, Pending, NotSent, Rejected, NotSent,
        NotSent,
    ];
    assert_eq!(
        statuses(&result)
            .into_iter()
            .map(|(_, s)| s)
            .collect::<Vec<_>>(),
        want,
        "{:#?}",
        result.lines
    );
    let landed = &result.lines[0];
    assert_eq!(landed.batch, Some(1));
    assert!(landed.push_operation_key.is_some() && landed.completed_at.is_some());
    assert!(
        result.lines[3]
            .reason
            .as_deref()
            .is_some_and(|r| !r.is_empty()),
        "a failed line says why: {:?}",
        result.lines[3]
    );
    assert_eq!(
        result.lines[8].issue.as_ref().map(|i| i.code),
        Some(feedrail::IssueCode::InvalidField)
    );
    assert_eq!(result.not_in_source.len(), 1);
    assert_eq!(result.not_in_source[0].id.as_deref(), Some("acc-0-000001"));
    assert_eq!(result.not_in_source[0].status, NotInSource);
    assert_eq!(
        (
            result.counts.landed,
            result.counts.failed,
            result.counts.pending
        ),
        (3, 2, 2)
    );
    assert_eq!(
        (
            result.counts.rejected,
            result.counts.not_sent,
            result.counts.not_in_source
        ),
        (1, 3, 1)
    );

    // The file lacks line 1 and line 9 is unreadable: the balance breaks where each gap starts.
    let breaks: Vec<usize> = result.balance_breaks.iter().map(|b| b.index).collect();
    assert_eq!(breaks, vec![1, 9], "{:?}", result.balance_breaks);

    // Codat's balance is the last landed line's, and Codat confirms every journaled batch.
    assert!(result.account_balance.is_some());
    assert_eq!(result.account_balance, result.last_landed_balance);
    assert_eq!(result.balance_matches, Some(true));
    assert_eq!(result.batch_checks.len(), 3, "{:?}", result.batch_checks);
    assert!(
        result.batch_checks.iter().all(|c| c.agrees),
        "{:?}",
        result.batch_checks
    );
    assert_eq!(result.batch_checks[2].journaled, JournalStatus::Failed);
    assert!(!result.ok, "lines did not land");
}

/// A journal and a file made by hand: the running balance check names the line where an
/// injected break starts.
#[test]
fn the_balance_check_finds_an_injected_break() {
    let mut source = lines("acc-0", 0, 10);
    let amount: Decimal = source[6]["amount"].to_string().parse().unwrap();
    source[6]["amount"] = Value::from((amount + Decimal::ONE).to_string());
    let read = Lines::from_json(&source);
    let cursor = Default::default();
    let validated = validate_lines(&read, &ValidationContext::new(&Profile::sage(), &cursor));
    let target = PushTarget::new("c", "k", "a");
    let result = reconcile_lines(&target, &read, &validated, &[], &Default::default(), None);
    let breaks: Vec<(usize, &str)> = result
        .balance_breaks
        .iter()
        .map(|b| (b.index, b.id.as_str()))
        .collect();
    assert_eq!(breaks, vec![(6, "acc-0-000006")]);
    assert_eq!(
        result.balance_breaks[0].expected - result.balance_breaks[0].found,
        Decimal::ONE
    );
    assert_eq!(result.counts.not_sent, 10, "nothing was journaled");

    let opening = reconcile_lines(
        &target,
        &read,
        &validated,
        &[],
        &Default::default(),
        Some(Decimal::new(-100, 0)),
    );
    assert_eq!(
        opening.balance_breaks.first().map(|b| b.index),
        Some(0),
        "a wrong opening balance breaks at the first line"
    );
}

/// A line refused in one batch and landed in a later one is `landed`.
#[test]
fn landed_beats_an_earlier_refusal() {
    let source = lines("acc-0", 0, 2);
    let read = Lines::from_json(&source);
    let cursor = Default::default();
    let validated = validate_lines(&read, &ValidationContext::new(&Profile::sage(), &cursor));
    let batch = InFlightBatch::new(uuid::Uuid::new_v4(), validated.transactions.clone());
    let journal = vec![
        JournalEntry::new(
            1,
            &batch,
            JournalStatus::Failed,
            &BatchEnd::because("refused"),
        ),
        JournalEntry::new(2, &batch, JournalStatus::Landed, &BatchEnd::default()),
    ];
    let target = PushTarget::new("c", "k", "a");
    let result = reconcile_lines(
        &target,
        &read,
        &validated,
        &journal,
        &Default::default(),
        None,
    );
    assert!(
        result
            .lines
            .iter()
            .all(|l| l.status == LineStatus::Landed && l.batch == Some(2))
    );
}

/// Lines of a batch in flight whose fate is unknown are `in_doubt`, with the reason.
#[test]
fn lines_of_a_batch_in_doubt_are_in_doubt() {
    let source = lines("acc-0", 0, 3);
    let read = Lines::from_json(&source);
    let cursor = Default::default();
    let validated = validate_lines(&read, &ValidationContext::new(&Profile::sage(), &cursor));
    let mut batch = InFlightBatch::new(uuid::Uuid::new_v4(), validated.transactions[1..].to_vec());
    batch.in_doubt = Some(feedrail::InDoubt {
        reason: "ended TimedOut".into(),
        since: chrono::Utc::now(),
    });
    let state = feedrail::AccountState {
        in_flight: Some(batch),
        ..Default::default()
    };
    let target = PushTarget::new("c", "k", "a");
    let result = reconcile_lines(&target, &read, &validated, &[], &state, None);
    let got: Vec<(LineStatus, Option<&str>)> = result
        .lines
        .iter()
        .map(|l| (l.status, l.reason.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (LineStatus::NotSent, None),
            (LineStatus::InDoubt, Some("ended TimedOut")),
            (LineStatus::InDoubt, Some("ended TimedOut")),
        ]
    );
    assert_eq!(result.counts.in_doubt, 2);
}
