//! Two runs on one account through one SQLite file (separate connections, as two processes
//! would have): the second fails with ACCOUNT_BUSY at once, or waits for the first when asked;
//! either way every line lands once and in order.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{accounts, ids, ledger_ids, lines, options, pipeline_for, sandbox};
use feedrail::{CursorStore, ErrorCode, FeedOptions, SqliteCursorStore};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_run_on_the_account_is_busy_or_waits() {
    let sb = sandbox(100).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cursor.sqlite");
    let open = || -> Arc<dyn CursorStore> { Arc::new(SqliteCursorStore::open(&db).unwrap()) };
    let (one, two) = (
        pipeline_for(&sb, Some(open())),
        pipeline_for(&sb, Some(open())),
    );
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 3000);

    let first = {
        let (one, target, input) = (one.clone(), target.clone(), input.clone());
        tokio::spawn(async move { one.push_feed(&target, &input, &options()).await })
    };
    tokio::time::sleep(Duration::from_millis(50)).await;
    let busy = two
        .push_feed(&target, &input, &options())
        .await
        .unwrap_err();
    assert_eq!(busy.code(), ErrorCode::AccountBusy, "{busy}");
    assert!(busy.retryable());
    assert!(busy.to_string().contains("holds its lease until"), "{busy}");

    let patient = FeedOptions {
        lease_wait: Duration::from_secs(30),
        ..options()
    };
    let second = two.push_feed(&target, &input, &patient).await.unwrap();
    let first = first.await.unwrap().unwrap();
    assert_eq!(first.landed, 3000);
    assert_eq!(
        second.already_pushed.len(),
        3000,
        "the second run found it all done"
    );
    assert!(second.batches.is_empty());
    assert_eq!(ledger_ids(&sb, &target), ids(&input));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_run_gives_the_account_up_at_once() {
    let sb = sandbox(300).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cursor.sqlite");
    let open = || -> Arc<dyn CursorStore> { Arc::new(SqliteCursorStore::open(&db).unwrap()) };
    let feed = pipeline_for(&sb, Some(open()));
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 2000);
    let stopped = tokio::time::timeout(
        Duration::from_millis(100),
        feed.push_feed(&target, &input, &options()),
    )
    .await;
    assert!(stopped.is_err(), "cancelled mid-run");
    tokio::time::sleep(Duration::from_millis(50)).await;
    let report = pipeline_for(&sb, Some(open()))
        .push_feed(&target, &input, &options())
        .await
        .expect("not busy: the cancelled run released its lease");
    assert!(report.is_complete());
    assert_eq!(ledger_ids(&sb, &target), ids(&input));
}
