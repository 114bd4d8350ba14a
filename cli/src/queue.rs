//! `feedrail enqueue`, `feedrail worker` and `feedrail queue …`: lines handed over to a
//! PostgreSQL queue and pushed by any number of workers on any number of machines.

use std::path::PathBuf;
use std::time::Duration;

use feedrail::queue::{EnqueueOptions, Queue, Worker, WorkerMetrics, WorkerOptions};
use feedrail::{FeedOptions, Pipeline, PushTarget, WaitOptions};

use crate::output::print_report;
use crate::{Credentials, Failure, input, refused, seconds};

/// The queue's PostgreSQL database.
#[derive(Debug, clap::Args)]
pub struct Database {
    /// PostgreSQL URL, e.g. postgresql://user:password@host:5432/db (`?sslmode=require` for
    /// TLS only). Never printed.
    #[arg(long, env = "FEEDRAIL_DATABASE_URL", hide_env_values = true)]
    database_url: String,
}

impl Database {
    fn queue(&self) -> Result<Queue, Failure> {
        Ok(Queue::connect(&self.database_url)?)
    }
}

/// One account.
#[derive(Debug, clap::Args)]
pub struct Account {
    /// Codat company id.
    #[arg(long)]
    company: String,
    /// Sage Bank Feeds connection id.
    #[arg(long)]
    connection: String,
    /// Source account id.
    #[arg(long)]
    account: String,
}

impl Account {
    fn target(&self) -> PushTarget {
        PushTarget::new(&self.company, &self.connection, &self.account)
    }
}

/// What to do with the queue.
#[derive(Debug, clap::Subcommand)]
pub enum QueueCommand {
    /// Per account: lines queued, in flight, landed and failed (with the first reason), who
    /// works on it, and when a worker tries again after an error.
    Status {
        #[command(flatten)]
        db: Database,
        /// Print JSON (one object per account) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Queue an account's failed lines again (after fixing the cause).
    Retry {
        #[command(flatten)]
        db: Database,
        #[command(flatten)]
        at: Account,
    },
    /// Delete an account's failed lines for good, letting its later lines go.
    Drop {
        #[command(flatten)]
        db: Database,
        #[command(flatten)]
        at: Account,
    },
}

/// `feedrail enqueue`: validates the file as the continuation of the account's feed and
/// appends it to the account's queue.
pub async fn enqueue(
    file: PathBuf,
    db: Database,
    at: Account,
    today: Option<chrono::NaiveDate>,
    time_zone: Option<feedrail::Tz>,
) -> Result<(), Failure> {
    let records = input::read_records(&file).map_err(Failure::Error)?;
    let options = EnqueueOptions {
        today,
        time_zone,
        ..EnqueueOptions::default()
    };
    let done = db.queue()?.enqueue(&at.target(), &records.lines, &options);
    match done {
        Ok(done) => {
            print_report(&done.validation, &records);
            println!(
                "queued {} lines for account {:?}; {} were already queued or landed",
                done.queued,
                at.account,
                done.already_known.len()
            );
            Ok(())
        }
        Err(e) => refused(e, &records),
    }
}

/// Options of `feedrail worker`.
#[derive(Debug, clap::Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    credentials: Credentials,
    #[command(flatten)]
    db: Database,
    /// Accounts this worker pushes at once.
    #[arg(long, default_value_t = 8)]
    accounts_at_once: usize,
    /// Most lines pushed per claim of an account before it is let go for others.
    #[arg(long, default_value_t = 10_000)]
    lines_per_claim: usize,
    /// Stop once nothing is left for a worker to do, instead of waiting for more lines.
    #[arg(long)]
    until_drained: bool,
    /// Seconds between two metrics lines on stderr (0: none).
    #[arg(long, default_value_t = 10.0)]
    metrics_every: f64,
    /// Seconds to wait for each push to finish.
    #[arg(long, default_value_t = 900)]
    wait_timeout: u64,
    /// Seconds a claim on an account lasts unless renewed; a killed worker's accounts are
    /// taken over after it.
    #[arg(long, default_value_t = 30.0)]
    lease_ttl: f64,
    #[command(flatten)]
    webhooks: crate::webhooks::Webhooks,
}

/// `feedrail worker`: drains the queue until stopped. SIGTERM or Ctrl-C stops claiming and
/// settles the batches in flight and hands the rest back; a second signal leaves at once (the batch in flight stays in
/// the store and the next worker resumes it).
pub async fn worker(args: WorkerArgs) -> Result<(), Failure> {
    let builder = args.webhooks.configure(args.credentials.builder()?);
    let pipeline = Pipeline::open(builder, Some(&args.db.database_url))?;
    args.webhooks.listen(pipeline.client()).await?;
    let options = WorkerOptions {
        feed: FeedOptions {
            wait: WaitOptions {
                deadline: Duration::from_secs(args.wait_timeout),
                ..WaitOptions::default()
            },
            lease_ttl: seconds("--lease-ttl", args.lease_ttl)?,
            ..FeedOptions::default()
        },
        accounts_at_once: args.accounts_at_once,
        lines_per_claim: args.lines_per_claim,
        until_drained: args.until_drained,
        ..WorkerOptions::default()
    };
    let queue = pipeline.queue()?;
    let worker = Worker::new(pipeline, options)?;
    let every = seconds("--metrics-every", args.metrics_every)?;
    let reporter = (!every.is_zero()).then(|| {
        let worker = worker.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                let mut line = serde_json::to_value(worker.metrics()).unwrap_or_default();
                if let Ok(queued) = queue.pending() {
                    line["linesQueued"] = queued.into();
                }
                eprintln!("metrics {line}");
            }
        })
    });
    let run = worker.run();
    tokio::pin!(run);
    let metrics = tokio::select! {
        done = &mut run => done?,
        () = stop_signal() => {
            eprintln!("stopping: settling the batches in flight, handing the rest back (signal again to leave at once)");
            worker.stop();
            tokio::select! {
                done = &mut run => done?,
                () = stop_signal() => {
                    eprintln!("leaving now: batches in flight stay in the store for the next worker");
                    worker.metrics()
                }
            }
        }
    };
    if let Some(reporter) = reporter {
        reporter.abort();
    }
    println!("{}", metrics_json(&metrics));
    Ok(())
}

fn metrics_json(metrics: &WorkerMetrics) -> String {
    serde_json::to_string(metrics).unwrap_or_default()
}

/// SIGTERM or SIGINT.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            },
            Err(_) => drop(tokio::signal::ctrl_c().await),
        }
    }
    #[cfg(not(unix))]
    drop(tokio::signal::ctrl_c().await);
}

/// `feedrail queue …`.
pub async fn queue(command: QueueCommand) -> Result<(), Failure> {
    match command {
        QueueCommand::Status { db, json } => {
            let status = db.queue()?.status()?;
            if json {
                for account in &status {
                    println!("{}", serde_json::to_string(account).unwrap_or_default());
                }
                return Ok(());
            }
            println!(
                "{:<24} {:<24} {:>9} {:>9} {:>9} {:>9}  note",
                "company", "account", "queued", "in flight", "landed", "failed"
            );
            for s in &status {
                let note = match (&s.failure, &s.last_error, &s.holder) {
                    (Some(reason), _, _) => format!("failed: {reason}"),
                    (None, Some(error), _) => format!("retrying after: {error}"),
                    (None, None, Some(holder)) => format!("worked on by {holder}"),
                    _ => String::new(),
                };
                println!(
                    "{:<24} {:<24} {:>9} {:>9} {:>9} {:>9}  {note}",
                    s.target.company_id,
                    s.target.account_id,
                    s.queued,
                    s.in_flight,
                    s.landed,
                    s.failed
                );
            }
            Ok(())
        }
        QueueCommand::Retry { db, at } => {
            let n = db.queue()?.retry_failed(&at.target())?;
            println!("queued {n} failed lines of account {:?} again", at.account);
            Ok(())
        }
        QueueCommand::Drop { db, at } => {
            let n = db.queue()?.drop_failed(&at.target())?;
            println!("dropped {n} failed lines of account {:?}", at.account);
            Ok(())
        }
    }
}
