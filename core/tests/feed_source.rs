//! `Pipeline::push_source`: a feed read chunk by chunk gives the batches, keys, report and ledger
//! a feed held whole gives, against an in-process sandbox.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::{accounts, ids, ledger_ids, lines, options, pipeline_for, sandbox};
use feedrail::{BatchStatus, Chunks, ErrorCode, FeedOptions, LineSource, Lines, MemoryCursorStore};
use feedrail_sandbox::FaultConfig;
use serde_json::{Value, json};

/// Records handed out in chunks of `size`, counting how often the feed was read; `edit`
/// changes the records from the given read on (a file edited during a push).
struct Records {
    records: Mutex<Vec<Value>>,
    size: usize,
    reads: AtomicUsize,
    edit: Option<(usize, Edit)>,
}

/// A change made to the records before a read.
type Edit = fn(&mut Vec<Value>);

impl Records {
    fn new(records: Vec<Value>, size: usize) -> Self {
        Records {
            records: Mutex::new(records),
            size,
            reads: AtomicUsize::new(0),
            edit: None,
        }
    }
}

impl LineSource for Records {
    fn chunks(&self) -> Result<Chunks<'_>, feedrail::Error> {
        let read = self.reads.fetch_add(1, Ordering::SeqCst);
        let mut records = self.records.lock().unwrap();
        if let Some((at, edit)) = self.edit
            && read == at
        {
            edit(&mut records);
        }
        let chunks: Vec<_> = records
            .chunks(self.size)
            .enumerate()
            .map(|(n, chunk)| Ok(Lines::from_json_at(n * self.size, chunk)))
            .collect();
        Ok(Box::new(chunks.into_iter()))
    }
}

#[tokio::test]
async fn a_streamed_feed_lands_like_a_held_one() {
    let sb = sandbox(0).await;
    let feed = pipeline_for(&sb, Some(Arc::new(MemoryCursorStore::default())));
    let targets = accounts(&sb, 2).await;
    let streamed_input = lines("acc-0", 0, 2500);
    let held_input = lines("acc-1", 0, 2500);
    let source = Records::new(streamed_input.clone(), 7);
    let streamed = feed
        .push_source(&targets[0], &source, &options())
        .await
        .unwrap();
    let held = feed
        .push_feed(&targets[1], &held_input, &options())
        .await
        .unwrap();
    assert_eq!(source.reads.load(Ordering::SeqCst), 3, "read three times");
    assert_eq!(ledger_ids(&sb, &targets[0]), ids(&streamed_input));
    assert_eq!(
        (streamed.total, streamed.landed, streamed.balance),
        (held.total, held.landed, held.balance)
    );
    let sizes = |r: &feedrail::FeedReport| r.batches.iter().map(|b| b.size).collect::<Vec<_>>();
    assert_eq!(sizes(&streamed), [1000, 1000, 500]);
    assert_eq!(sizes(&streamed), sizes(&held));

    // Run again: every line is already pushed, nothing is sent.
    let again = feed
        .push_source(&targets[0], &source, &options())
        .await
        .unwrap();
    assert_eq!((again.already_pushed.len(), again.landed), (2500, 0));
    assert!(again.batches.is_empty());
}

#[tokio::test]
async fn errors_refuse_the_whole_streamed_feed_unless_skipped() {
    let sb = sandbox(0).await;
    let feed = pipeline_for(&sb, Some(Arc::new(MemoryCursorStore::default())));
    let target = accounts(&sb, 1).await.remove(0);
    let mut input = lines("acc-0", 0, 1200);
    input[1100]["amount"] = json!("ten");
    input[1150]["id"] = json!("acc-0-000003");
    let source = Records::new(input.clone(), 64);
    let err = feed
        .push_source(&target, &source, &options())
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    let report = err.report().unwrap();
    let at: Vec<_> = report.errors.iter().map(|i| i.index).collect();
    assert_eq!(at, [Some(1100), Some(1150)]);
    assert!(report.errors[1].message.contains("index 3"), "{report:?}");
    assert!(ledger_ids(&sb, &target).is_empty(), "nothing sent");

    let opts = FeedOptions {
        skip_invalid: true,
        ..options()
    };
    let report = feed.push_source(&target, &source, &opts).await.unwrap();
    assert_eq!(report.skipped, [1100, 1150]);
    let mut expected = input.clone();
    expected.remove(1150);
    expected.remove(1100);
    // The balance chain breaks after the skipped line, which Sage accepts.
    assert_eq!(ledger_ids(&sb, &target), ids(&expected));
    assert_eq!(report.landed, 1198);
}

#[tokio::test]
async fn a_source_that_changes_mid_push_stops_before_the_changed_batch() {
    let sb = sandbox(0).await;
    let feed = pipeline_for(&sb, Some(Arc::new(MemoryCursorStore::default())));
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 2500);
    let source = Records {
        // The third read (the sending pass) finds line 1500 rewritten.
        edit: Some((2, |records| {
            records[1500]["description"] = json!("edited");
        })),
        ..Records::new(input.clone(), 100)
    };
    let err = feed
        .push_source(&target, &source, &options())
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Config);
    assert!(err.to_string().contains("batch 1"), "{err}");
    let report = err.feed_report().expect("what landed");
    assert_eq!(report.landed, 1000);
    assert_eq!(ledger_ids(&sb, &target), ids(&input[..1000]));
}

#[tokio::test]
async fn lines_added_during_the_push_are_not_sent_and_the_run_says_so() {
    let sb = sandbox(0).await;
    let feed = pipeline_for(&sb, Some(Arc::new(MemoryCursorStore::default())));
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 1500);
    let source = Records {
        // The sending pass finds 500 more lines at the end of the feed.
        edit: Some((2, |records| {
            records.extend(lines("acc-0", 1500, 500));
        })),
        ..Records::new(input.clone(), 300)
    };
    let err = feed
        .push_source(&target, &source, &options())
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Config);
    assert!(
        err.to_string()
            .contains("1500 lines when it was validated and 2000"),
        "{err}"
    );
    assert_eq!(err.feed_report().unwrap().landed, 1500);
    assert_eq!(ledger_ids(&sb, &target), ids(&input));
    let rest = feed
        .push_source(&target, &source, &options())
        .await
        .unwrap();
    assert_eq!((rest.already_pushed.len(), rest.landed), (1500, 500));
}

#[tokio::test]
async fn a_source_that_changes_between_the_validation_passes_sends_nothing() {
    let sb = sandbox(0).await;
    let feed = pipeline_for(&sb, Some(Arc::new(MemoryCursorStore::default())));
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 1200);
    // The second read (the rules) finds a repeat of line 3's id that the first read (the ids)
    // never saw.
    let source = Records {
        edit: Some((1, |records| {
            records[1100]["id"] = json!("acc-0-000003");
        })),
        ..Records::new(input, 100)
    };
    let err = feed
        .push_source(&target, &source, &options())
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Config);
    assert!(
        err.to_string().contains("changed while it was validated"),
        "{err}"
    );
    assert!(ledger_ids(&sb, &target).is_empty());
}

#[tokio::test]
async fn a_streamed_feed_resumes_after_a_failed_push() {
    let sb = Arc::new(sandbox(0).await);
    let feed = pipeline_for(&sb, Some(Arc::new(MemoryCursorStore::default())));
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 2100);
    let source = Records::new(input.clone(), 250);
    let trip = sb.clone();
    let opts = FeedOptions {
        progress: Some(Arc::new(move |p: &feedrail::Progress| {
            if let feedrail::Progress::BatchLanded { sequence: 0, .. } = p {
                trip.set_faults(FaultConfig {
                    push_failed: 1.0,
                    ..FaultConfig::default()
                })
                .unwrap();
            }
        })),
        ..options()
    };
    let err = feed.push_source(&target, &source, &opts).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::PushFailed);
    let statuses: Vec<_> = err
        .feed_report()
        .unwrap()
        .batches
        .iter()
        .map(|b| b.status)
        .collect();
    assert_eq!(statuses, [BatchStatus::Success, BatchStatus::Failed]);
    sb.set_faults(FaultConfig::default()).unwrap();
    let report = feed
        .push_source(&target, &source, &options())
        .await
        .unwrap();
    assert_eq!((report.already_pushed.len(), report.landed), (1000, 1100));
    assert_eq!(ledger_ids(&sb, &target), ids(&input));
}

#[tokio::test]
async fn a_batch_left_in_flight_that_cannot_be_settled_stops_the_run_with_the_feed_counted() {
    let sb = Arc::new(sandbox(2_000).await);
    let feed = pipeline_for(&sb, Some(Arc::new(MemoryCursorStore::default())));
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 1500);
    let source = Records::new(input.clone(), 250);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let opts = FeedOptions {
        progress: Some(Arc::new(move |p: &feedrail::Progress| {
            let _ = tx.send(p.clone());
        })),
        ..options()
    };
    let running = {
        let (feed, target) = (feed.clone(), target.clone());
        let source = Records::new(input.clone(), 250);
        tokio::spawn(async move { feed.push_source(&target, &source, &opts).await })
    };
    while let Some(event) = rx.recv().await {
        if let feedrail::Progress::BatchSent { sequence: 0, .. } = event {
            break;
        }
    }
    running.abort();
    assert!(running.await.unwrap_err().is_cancelled());

    let impatient = FeedOptions {
        wait: feedrail::WaitOptions {
            deadline: std::time::Duration::from_millis(100),
            ..Default::default()
        },
        ..options()
    };
    let err = feed
        .push_source(&target, &source, &impatient)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::PushTimedOut, "{err}");
    let report = err.feed_report().unwrap();
    assert_eq!(report.total, 1500, "the report counts the feed");
    assert!(report.resumed.is_some());
    assert_eq!(report.landed, 0);
}
