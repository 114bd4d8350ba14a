//! The PostgreSQL queue and its workers against the sandbox and a real PostgreSQL server:
//! validation on entry, idempotent hand-over, several workers draining many accounts under
//! faults with nothing lost, doubled or reordered and the per-company limit held across them,
//! refused batches kept as failed until retried or dropped.

mod common;

use std::time::Duration;

use common::{accounts, ids, ledger_ids, lines, options, quick_retries, sandbox};
use feedrail::queue::{EnqueueOptions, Queue, Worker, WorkerOptions};
use feedrail::{Client, ErrorCode, Lines, Pipeline, PushTarget};
use feedrail_sandbox::{FaultConfig, Sandbox, scratch_database};

fn queue(url: &str) -> Queue {
    Queue::connect(url).unwrap()
}

fn enqueue(q: &Queue, target: &PushTarget, records: &[serde_json::Value]) -> feedrail::Error {
    q.enqueue(
        target,
        &Lines::from_json(records),
        &EnqueueOptions::default(),
    )
    .unwrap_err()
}

/// A worker with its own client (as in its own process), sharing the company limit through
/// the database.
fn worker(sb: &Sandbox, url: &str, accounts_at_once: usize) -> Worker {
    let client = Client::builder()
        .api_key(sb.api_key())
        .base_url(sb.url())
        .retry(quick_retries());
    Worker::new(
        Pipeline::open(client, Some(url)).unwrap(),
        WorkerOptions {
            feed: options(),
            accounts_at_once,
            lines_per_claim: 1_500,
            idle_poll: Duration::from_millis(20),
            until_drained: true,
            max_backoff: Duration::from_millis(200),
        },
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lines_are_validated_on_entry_in_order_and_handed_over_once() {
    let url = scratch_database();
    let q = queue(&url);
    let target = PushTarget::new("co", "conn", "acc");
    let input = lines("acc", 0, 10);
    let done = q
        .enqueue(
            &target,
            &Lines::from_json(&input[..6]),
            &EnqueueOptions::default(),
        )
        .unwrap();
    assert_eq!(done.queued, 6);
    let again = q
        .enqueue(
            &target,
            &Lines::from_json(&input),
            &EnqueueOptions::default(),
        )
        .unwrap();
    assert_eq!(again.queued, 4, "only the lines not yet queued");
    assert_eq!(again.already_known, (0..6).collect::<Vec<_>>());

    let older = lines("acc", 0, 1)
        .into_iter()
        .map(|mut l| {
            l["id"] = "late".into();
            l
        })
        .collect::<Vec<_>>();
    let err = enqueue(&q, &target, &older);
    assert_eq!(err.code(), ErrorCode::Validation, "{err}");
    let mut bad = lines("acc", 10, 2);
    bad[1]["amount"] = "ten".into();
    let err = enqueue(&q, &target, &bad);
    assert_eq!(err.code(), ErrorCode::Validation, "{err}");
    assert!(err.to_string().contains("amount"), "{err}");
    let status = q.status().unwrap();
    assert_eq!(status.len(), 1);
    assert_eq!(status[0].queued, 10, "refused calls queue nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_workers_drain_sixteen_accounts_under_faults_within_the_company_limit() {
    let sb = sandbox(20).await;
    let url = scratch_database();
    let q = queue(&url);
    let targets = accounts(&sb, 16).await;
    let mut inputs = Vec::new();
    for (i, target) in targets.iter().enumerate() {
        let input = lines(&format!("acc-{i}"), 0, 2_200);
        // Handed over in two parts, as an application would over time.
        for part in [&input[..1_000], &input[1_000..]] {
            q.enqueue(target, &Lines::from_json(part), &EnqueueOptions::default())
                .unwrap();
        }
        inputs.push(input);
    }
    sb.set_faults(FaultConfig {
        seed: 15,
        rate_limited: 0.04,
        reset_before_commit: 0.04,
        reset_after_commit: 0.04,
        push_timed_out: 0.04,
        timed_out_landed: 0.04,
        // Slow answers keep requests in flight long enough to crowd the company's slots.
        latency: 0.5,
        latency_ms: 40,
        ..FaultConfig::default()
    })
    .unwrap();
    let workers: Vec<Worker> = (0..3).map(|_| worker(&sb, &url, 8)).collect();
    let runs: Vec<_> = workers
        .iter()
        .map(|w| {
            let w = w.clone();
            tokio::spawn(async move { w.run().await })
        })
        .collect();
    let mut landed = 0;
    for run in runs {
        landed += run.await.unwrap().unwrap().lines_landed;
    }
    for (target, input) in targets.iter().zip(&inputs) {
        assert_eq!(ledger_ids(&sb, target), ids(input), "{}", target.account_id);
    }
    assert!(landed >= 16 * 2_200, "every line counted by a worker");
    let concurrency = sb.concurrency_stats();
    assert!(
        concurrency.peak_per_company <= 10 && concurrency.refused == 0,
        "the per-company limit held across the workers: {concurrency:?}"
    );
    assert!(
        concurrency.peak_per_company > 1,
        "the workers did run at once: {concurrency:?}"
    );
    assert_eq!(sb.overlapping_pushes(), 0);
    let status = q.status().unwrap();
    assert!(
        status.iter().all(|s| s.queued == 0 && s.landed == 2_200),
        "{status:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_batch_holds_its_account_until_retried_or_dropped() {
    let sb = sandbox(5).await;
    let url = scratch_database();
    let q = queue(&url);
    let targets = accounts(&sb, 2).await;
    let input = lines("acc-0", 0, 2_500);
    q.enqueue(
        &targets[0],
        &Lines::from_json(&input),
        &EnqueueOptions::default(),
    )
    .unwrap();
    sb.set_faults(FaultConfig {
        push_failed: 1.0,
        max_push_faults: Some(1),
        ..FaultConfig::default()
    })
    .unwrap();
    worker(&sb, &url, 2).run().await.unwrap();
    let status = &q.status().unwrap()[0];
    assert_eq!((status.failed, status.queued), (1_000, 1_500), "{status:?}");
    assert!(status.failure.is_some(), "{status:?}");
    assert!(
        ledger_ids(&sb, &targets[0]).is_empty(),
        "nothing jumps the queue"
    );

    assert_eq!(q.retry_failed(&targets[0]).unwrap(), 1_000);
    worker(&sb, &url, 2).run().await.unwrap();
    assert_eq!(ledger_ids(&sb, &targets[0]), ids(&input));

    // A second account: its refused batch is dropped, and the rest goes.
    let second = lines("acc-1", 0, 1_200);
    q.enqueue(
        &targets[1],
        &Lines::from_json(&second),
        &EnqueueOptions::default(),
    )
    .unwrap();
    sb.set_faults(FaultConfig {
        push_failed: 1.0,
        max_push_faults: Some(1),
        ..FaultConfig::default()
    })
    .unwrap();
    worker(&sb, &url, 2).run().await.unwrap();
    assert_eq!(q.drop_failed(&targets[1]).unwrap(), 1_000);
    worker(&sb, &url, 2).run().await.unwrap();
    assert_eq!(ledger_ids(&sb, &targets[1]), ids(&second[1_000..]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_worker_settles_its_batch_in_flight_and_hands_the_rest_back() {
    let sb = sandbox(300).await;
    let url = scratch_database();
    let q = queue(&url);
    let target = accounts(&sb, 1).await.remove(0);
    let input = lines("acc-0", 0, 5_000);
    q.enqueue(
        &target,
        &Lines::from_json(&input),
        &EnqueueOptions::default(),
    )
    .unwrap();
    let w = worker(&sb, &url, 1);
    let run = tokio::spawn({
        let w = w.clone();
        async move { w.run().await }
    });
    while ledger_ids(&sb, &target).is_empty() {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    w.stop();
    let metrics = run.await.unwrap().unwrap();
    let landed = ledger_ids(&sb, &target);
    assert!(
        landed.len() < 5_000 && landed.len().is_multiple_of(1_000),
        "stopped between batches: {} landed",
        landed.len()
    );
    assert_eq!(metrics.lines_landed as usize, landed.len());
    let status = &q.status().unwrap()[0];
    assert_eq!(
        status.queued as usize,
        5_000 - landed.len(),
        "the rest stays queued"
    );
    assert_eq!(status.in_flight, 0, "nothing left in flight");
    worker(&sb, &url, 1).run().await.unwrap();
    assert_eq!(ledger_ids(&sb, &target), ids(&input));
}
