//! The fault run: 50,000 lines over 20 accounts while about 20% of requests hit every fault the
//! sandbox has (pushes that end TimedOut and land anyway among them), for several seeds.
//! Whatever happens, each ledger ends equal to its input: nothing lost, nothing duplicated,
//! order kept; and no run reports an account complete that is not.

mod common;

use std::sync::Arc;

use common::{accounts, ledger_ids, line_ids, lines, options, pipeline_for, sandbox};
use feedrail::{FeedJob, MemoryCursorStore};
use feedrail_sandbox::FaultConfig;

const ACCOUNTS: usize = 20;
const LINES: usize = 2500;

async fn run(seed: u64) -> feedrail_sandbox::FaultStats {
    let sb = sandbox(0).await;
    let store = Arc::new(MemoryCursorStore::default());
    let feed = pipeline_for(&sb, Some(store));
    let targets = accounts(&sb, ACCOUNTS).await;
    let jobs: Vec<FeedJob> = targets
        .iter()
        .map(|t| FeedJob::from_json(t.clone(), &lines(&t.account_id, 0, LINES)))
        .collect();
    // Five exclusive request faults at 4% each: 20% of requests; plus latency, and pushes that
    // end Failed or TimedOut.
    sb.set_faults(FaultConfig {
        latency_ms: 20,
        ..FaultConfig::every_kind(seed, 0.04)
    })
    .unwrap();

    let mut pending: Vec<usize> = (0..jobs.len()).collect();
    let mut rounds = 0;
    let mut stops = 0;
    while !pending.is_empty() {
        rounds += 1;
        assert!(
            rounds <= 30,
            "seed {seed}: still {} accounts unfinished after 30 runs",
            pending.len()
        );
        let round: Vec<FeedJob> = pending.iter().map(|&i| jobs[i].clone()).collect();
        let results = feed.push_feeds(round, &options()).await;
        let mut still = Vec::new();
        for (&i, result) in pending.iter().zip(results) {
            match result {
                Ok(report) => {
                    assert!(report.is_complete(), "seed {seed}: {report}");
                    assert_eq!(
                        ledger_ids(&sb, &jobs[i].target),
                        line_ids(&jobs[i].lines),
                        "seed {seed}: a run succeeded with the ledger not equal to its input"
                    );
                }
                Err(e) => {
                    assert!(
                        e.retryable() || e.feed_report().is_some(),
                        "seed {seed}: unexpected {e}"
                    );
                    stops += 1;
                    still.push(i);
                }
            }
        }
        pending = still;
    }
    let stats = sb.fault_stats();
    for job in &jobs {
        assert_eq!(
            ledger_ids(&sb, &job.target),
            line_ids(&job.lines),
            "seed {seed}: account {}",
            job.target.account_id
        );
    }
    eprintln!(
        "seed {seed}: {} lines over {ACCOUNTS} accounts landed exactly once in {rounds} run(s), {stops} stop(s), faults {stats:?}",
        ACCOUNTS * LINES
    );
    stats
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_lost_nothing_duplicated_under_faults() {
    let mut total = feedrail_sandbox::FaultStats::default();
    for seed in [1, 7, 2026] {
        let s = run(seed).await;
        total.error_500 += s.error_500;
        total.error_503 += s.error_503;
        total.rate_limited += s.rate_limited;
        total.reset_before_commit += s.reset_before_commit;
        total.reset_after_commit += s.reset_after_commit;
        total.latency += s.latency;
        total.push_failed += s.push_failed;
        total.push_timed_out += s.push_timed_out;
        total.timed_out_landed += s.timed_out_landed;
    }
    // Each seed sees ~200 requests and ~65 pushes, so every kind shows up across the seeds.
    for (kind, n) in [
        ("500", total.error_500),
        ("503", total.error_503),
        ("429", total.rate_limited),
        ("reset before commit", total.reset_before_commit),
        ("reset after commit", total.reset_after_commit),
        ("latency", total.latency),
        ("push failed", total.push_failed),
        ("push timed out", total.push_timed_out),
        ("push timed out, landed later", total.timed_out_landed),
    ] {
        assert!(n > 0, "fault {kind} never happened: {total:?}");
    }
}
