//! `feedrail`: validate and push bank-transaction files to Sage through the Codat Bank Feeds API,
//! run the sandbox, or watch the whole job in `feedrail demo`.
//!
//! Exit codes: 0 done; 1 refused (validation errors, a push that failed); 2 anything else (bad
//! arguments, unreadable files, network or API errors). Errors are one line on stderr.

mod demo;
mod input;
mod output;
mod progress;
mod queue;
mod reconcile;
mod setup;
mod webhooks;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use feedrail::date::parse_day;
use feedrail::{
    AccountCursor, Client, ClientBuilder, ErrorCode, FeedOptions, LineSource, Pipeline, Profile,
    PushTarget, ReconcileOptions, Report, RetryPolicy, StreamValidation, Timeouts,
    ValidationContext, WaitOptions,
};
use feedrail_sandbox::serve::{ServeArgs, serve};

use crate::input::RowNames;
use crate::output::{print_accounts, print_feed, print_report};

/// Push bank transactions to Sage through the Codat Bank Feeds API: validated, batched in order,
/// never lost, never duplicated.
#[derive(Debug, Parser)]
#[command(name = "feedrail", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the Codat API is and the key to use (never printed).
#[derive(Debug, clap::Args)]
struct Credentials {
    /// Codat API key, as shown in the Codat Portal.
    #[arg(long, env = "FEEDRAIL_API_KEY", hide_env_values = true)]
    api_key: Option<String>,
    /// Codat API base URL (a sandbox: http://127.0.0.1:4010).
    #[arg(
        long,
        env = "FEEDRAIL_BASE_URL",
        default_value = "https://api.codat.io"
    )]
    base_url: String,
    /// Retries of a failed request (5xx, 429, network) after its first attempt [default: 4].
    #[arg(long, env = "FEEDRAIL_MAX_RETRIES")]
    max_retries: Option<u32>,
    /// Seconds one request may take [default: 60].
    #[arg(long, env = "FEEDRAIL_TIMEOUT", value_parser = clap::value_parser!(u64).range(1..))]
    timeout: Option<u64>,
    /// A proxy for requests to an https base URL (http://host:port; never printed). The API key
    /// crosses it only inside TLS. Without it, HTTPS_PROXY / ALL_PROXY / NO_PROXY apply to https
    /// base URLs and no proxy applies to a loopback one.
    #[arg(long, env = "FEEDRAIL_PROXY", hide_env_values = true)]
    proxy: Option<String>,
}

impl Credentials {
    fn client(&self) -> Result<Client, Failure> {
        Ok(self.builder()?.build()?)
    }

    fn builder(&self) -> Result<ClientBuilder, Failure> {
        let key = self.api_key.as_deref().ok_or_else(|| {
            Failure::Error("no API key: pass --api-key or set FEEDRAIL_API_KEY".to_owned())
        })?;
        let mut builder = Client::builder()
            .api_key(key)
            .base_url(&self.base_url)
            .user_agent("cli");
        if let Some(n) = self.max_retries {
            builder = builder.retry(RetryPolicy::with_retries(n));
        }
        if let Some(proxy) = &self.proxy {
            builder = builder.proxy(proxy);
        }
        if let Some(seconds) = self.timeout {
            builder = builder.timeouts(Timeouts {
                request: Duration::from_secs(seconds),
                ..Timeouts::default()
            });
        }
        Ok(builder)
    }
}

/// How dates are read: Codat keeps a date's wall-clock time as written and drops any offset.
#[derive(Debug, clap::Args)]
struct Dates {
    /// The day to check dates against, YYYY-MM-DD (default: today in --time-zone, or in UTC).
    #[arg(long)]
    today: Option<String>,
    /// IANA time zone (e.g. Europe/London): dates written with an offset (UTC instants) are
    /// converted into its wall-clock time; dates without one stay as written.
    #[arg(long, env = "FEEDRAIL_TIME_ZONE")]
    time_zone: Option<String>,
}

impl Dates {
    /// The zone, and the day (`None`: today in the zone).
    fn read(&self) -> Result<(Option<feedrail::Tz>, Option<chrono::NaiveDate>), Failure> {
        let zone = self
            .time_zone
            .as_deref()
            .map(|z| feedrail::date::parse_zone(z, "--time-zone"))
            .transpose()?;
        let day = self
            .today
            .as_deref()
            .map(|d| parse_day(d, "--today"))
            .transpose()?;
        Ok((zone, day))
    }
}

/// A company's Sage Bank Feeds connection.
#[derive(Debug, clap::Args)]
struct Connection {
    /// Codat company id.
    #[arg(long)]
    company: String,
    /// Sage Bank Feeds connection id.
    #[arg(long)]
    connection: String,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the sandbox: a local Codat Bank Feeds API with Sage's rules (Ctrl-C stops it).
    Sandbox(ServeArgs),
    /// List a connection's source bank accounts.
    Accounts {
        #[command(flatten)]
        credentials: Credentials,
        #[command(flatten)]
        at: Connection,
    },
    /// Check a CSV or JSON file of transactions against Sage's rules; sends nothing.
    Validate {
        /// The file (`.csv`: a header naming the fields; otherwise a JSON array).
        file: PathBuf,
        #[command(flatten)]
        dates: Dates,
        /// Rule profile: sage or generic.
        #[arg(long, default_value = "sage")]
        profile: String,
    },
    /// Validate, batch, push and poll a file of transactions to one account.
    Push {
        /// The file (`.csv`: a header naming the fields; otherwise a JSON array).
        file: PathBuf,
        #[command(flatten)]
        credentials: Credentials,
        #[command(flatten)]
        at: Connection,
        /// Source account id.
        #[arg(long)]
        account: String,
        /// Where what was pushed is remembered, so a rerun resumes and skips it: a SQLite file,
        /// or a postgresql:// URL shared by many machines (never printed).
        #[arg(long, env = "FEEDRAIL_CURSOR", hide_env_values = true)]
        cursor: Option<String>,
        /// Lines per push, 1 to 1000.
        #[arg(long, default_value_t = 1000)]
        batch_size: usize,
        /// Push the valid lines and skip the invalid ones instead of refusing the file.
        #[arg(long)]
        skip_invalid: bool,
        /// Seconds to wait for each push to finish.
        #[arg(long, default_value_t = 900)]
        wait_timeout: u64,
        /// Seconds to wait for another run on the same account (same --cursor file) to finish
        /// before giving up with ACCOUNT_BUSY (default: give up at once).
        #[arg(long, default_value_t = 0.0)]
        lease_wait: f64,
        /// Seconds this run's hold on the account lasts unless renewed (it renews every third of
        /// it); after a crash, the next run can take the account over once it lapses.
        #[arg(long, default_value_t = 30.0)]
        lease_ttl: f64,
        #[command(flatten)]
        dates: Dates,
        #[command(flatten)]
        webhooks: webhooks::Webhooks,
    },
    /// What became of each line of a file at Codat, from what --cursor recorded pushing: landed
    /// (with its push), pending, in doubt, failed (with Codat's reason), rejected by validation,
    /// or never sent — plus landed lines the file lacks, and a running-balance check.
    Reconcile {
        /// The file (`.csv`: a header naming the fields; otherwise a JSON array).
        file: PathBuf,
        #[command(flatten)]
        credentials: Credentials,
        #[command(flatten)]
        at: Connection,
        /// Source account id.
        #[arg(long)]
        account: String,
        /// The cursor the file was pushed with: a SQLite file or a postgresql:// URL (never
        /// printed).
        #[arg(long, env = "FEEDRAIL_CURSOR", hide_env_values = true)]
        cursor: String,
        /// Re-read each journaled batch's push operation from Codat (one request per batch).
        #[arg(long)]
        confirm: bool,
        /// The balance before the file's first line (default: the first line's balance less its
        /// amount).
        #[arg(long)]
        opening_balance: Option<String>,
        /// Also write every line's status to this CSV file.
        #[arg(long)]
        csv: Option<PathBuf>,
        #[command(flatten)]
        dates: Dates,
    },
    /// Validate a file as the continuation of an account's feed and add it to the account's
    /// queue in PostgreSQL, for `feedrail worker` to push.
    Enqueue {
        /// The file (`.csv`: a header naming the fields; otherwise a JSON array).
        file: PathBuf,
        #[command(flatten)]
        db: queue::Database,
        #[command(flatten)]
        at: queue::Account,
        #[command(flatten)]
        dates: Dates,
    },
    /// Push queued lines: claims accounts with due lines, pushes them in order, lets them go.
    /// Run as many as you like, on any machines, on the same database.
    Worker(queue::WorkerArgs),
    /// See and repair the queue.
    #[command(subcommand)]
    Queue(queue::QueueCommand),
    /// A one-time password for the Sage user, who enters it with the connection id in Sage's
    /// "Connect Bank" dialog (Sage only).
    Otp {
        #[command(flatten)]
        credentials: Credentials,
        #[command(flatten)]
        at: Connection,
    },
    /// List or delete companies.
    #[command(subcommand)]
    Companies(setup::CompaniesCommand),
    /// List, unlink or delete connections; company information; QuickBooks Online credentials.
    #[command(subcommand)]
    Connections(setup::ConnectionsCommand),
    /// Each source account of a connection and the target account it feeds.
    Mappings {
        #[command(flatten)]
        credentials: Credentials,
        #[command(flatten)]
        at: Connection,
    },
    /// The fields a push to an account takes and the platform's rules for them.
    Model {
        #[command(flatten)]
        credentials: Credentials,
        #[command(flatten)]
        at: Connection,
        /// Source account id.
        #[arg(long)]
        account: String,
    },
    /// Show a push operation.
    Status {
        /// The push operation key.
        key: String,
        #[command(flatten)]
        credentials: Credentials,
        /// Codat company id.
        #[arg(long)]
        company: String,
    },
    /// The whole job on an in-process sandbox: accounts, validation, ordered pushes, polling,
    /// and ledgers checked against the input.
    Demo {
        /// Transactions per connected account.
        #[arg(long, default_value_t = 2500)]
        transactions: usize,
        /// Milliseconds each push stays Pending in the sandbox.
        #[arg(long, default_value_t = 150)]
        delay_ms: u64,
    },
}

/// Why a command did not succeed.
#[derive(Debug)]
enum Failure {
    /// The input was refused (exit 1); what to print was printed.
    Refused,
    /// Anything else (exit 2), as one line.
    Error(String),
}

impl From<feedrail::Error> for Failure {
    fn from(e: feedrail::Error) -> Self {
        Failure::Error(e.to_string())
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env(feedrail::LOG_ENV_VAR)
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("off")),
        )
        .with_writer(std::io::stderr)
        .init();
    let command = Cli::parse().command;
    if let Command::Sandbox(args) = command {
        return serve(args).await;
    }
    match run(command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Refused) => ExitCode::from(1),
        Err(Failure::Error(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

async fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Sandbox(_) => Ok(()),
        Command::Accounts { credentials, at } => {
            let client = credentials.client()?;
            print_accounts(&client.list_accounts(&at.company, &at.connection).await?);
            Ok(())
        }
        Command::Validate {
            file,
            dates,
            profile,
        } => {
            let (zone, day) = dates.read()?;
            let file = input::FeedFile::open(&file).map_err(Failure::Error)?;
            let profile = Profile::named(&profile)?;
            let cursor = AccountCursor::default();
            let mut ctx = ValidationContext::new(&profile, &cursor).in_zone(zone);
            if let Some(day) = day {
                ctx = ctx.on(day);
            }
            let mut validation = StreamValidation::new(&ctx);
            for chunk in file.chunks()? {
                validation.scan(&chunk?, |_| true);
            }
            for chunk in file.chunks()? {
                validation.check(&chunk?, |_| true);
            }
            let report = validation.finish()?;
            print_report(&report, &names(&file, &report)?);
            if report.errors.is_empty() {
                Ok(())
            } else {
                Err(Failure::Refused)
            }
        }
        Command::Push {
            file,
            credentials,
            at,
            account,
            cursor,
            batch_size,
            skip_invalid,
            wait_timeout,
            lease_wait,
            lease_ttl,
            dates,
            webhooks,
        } => {
            let (time_zone, today) = dates.read()?;
            let file = input::FeedFile::open(&file).map_err(Failure::Error)?;
            let pipeline = Pipeline::open(
                webhooks.configure(credentials.builder()?),
                cursor.as_deref(),
            )?;
            webhooks.listen(pipeline.client()).await?;
            let target = PushTarget::new(at.company, at.connection, account);
            let options = FeedOptions {
                batch_size,
                skip_invalid,
                wait: WaitOptions {
                    deadline: Duration::from_secs(wait_timeout),
                    ..WaitOptions::default()
                },
                progress: Some(progress::Bars::new().callback()),
                lease_wait: seconds("--lease-wait", lease_wait)?,
                lease_ttl: seconds("--lease-ttl", lease_ttl)?,
                today,
                time_zone,
                ..FeedOptions::default()
            };
            match pipeline.push_source(&target, &file, &options).await {
                Ok(report) => {
                    print_report(&report.validation, &names(&file, &report.validation)?);
                    print_feed(&report);
                    Ok(())
                }
                Err(e) => {
                    let rows = match e.report() {
                        Some(report) => names(&file, report)?,
                        None => input::Names::default(),
                    };
                    refused(e, &rows)
                }
            }
        }
        Command::Reconcile {
            file,
            credentials,
            at,
            account,
            cursor,
            confirm,
            opening_balance,
            csv,
            dates,
        } => {
            let (time_zone, today) = dates.read()?;
            let records = input::read_records(&file).map_err(Failure::Error)?;
            let pipeline = Pipeline::open(credentials.builder()?, Some(&cursor))?;
            let target = PushTarget::new(at.company, at.connection, account);
            let options = ReconcileOptions {
                today,
                time_zone,
                opening_balance: opening_balance
                    .as_deref()
                    .map(|text| {
                        feedrail::reconcile::parse_opening_balance(text, "--opening-balance")
                    })
                    .transpose()?,
                confirm,
                ..ReconcileOptions::default()
            };
            let result = pipeline
                .reconcile(&target, &records.lines, &options)
                .await?;
            reconcile::print(&result, &records);
            if let Some(path) = csv {
                reconcile::write_csv(&result, &path).map_err(Failure::Error)?;
            }
            Ok(())
        }
        Command::Companies(command) => setup::companies(command).await,
        Command::Connections(command) => setup::connections(command).await,
        Command::Mappings { credentials, at } => setup::mappings(credentials, at).await,
        Command::Model {
            credentials,
            at,
            account,
        } => setup::model(credentials, at, account).await,
        Command::Otp { credentials, at } => {
            let otp = credentials
                .client()?
                .generate_otp(&at.company, &at.connection)
                .await?;
            println!("connection id       {}", at.connection);
            println!("one-time password   {}", otp.otp);
            println!("valid until         {}", otp.expiry.to_rfc3339());
            Ok(())
        }
        Command::Status {
            key,
            credentials,
            company,
        } => {
            let client = credentials.client()?;
            let op = client.get_push_operation(&company, &key).await?;
            println!("push operation {}", op.push_operation_key);
            println!("  status     {:?}", op.status);
            println!("  connection {}", op.data_connection_key);
            println!("  requested  {}", op.requested_on_utc.to_rfc3339());
            if let Some(done) = op.completed_on_utc {
                println!("  completed  {}", done.to_rfc3339());
            }
            if let Some(message) = &op.error_message {
                println!("  error      {message}");
            }
            Ok(())
        }
        Command::Demo {
            transactions,
            delay_ms,
        } => demo::run(transactions, delay_ms).await,
        Command::Enqueue {
            file,
            db,
            at,
            dates,
        } => {
            let (time_zone, today) = dates.read()?;
            queue::enqueue(file, db, at, today, time_zone).await
        }
        Command::Worker(args) => queue::worker(args).await,
        Command::Queue(command) => queue::queue(command).await,
    }
}

/// A feed that stopped: the report of what was refused or what landed, then the reason.
fn refused(e: feedrail::Error, rows: &dyn RowNames) -> Result<(), Failure> {
    if let Some(report) = e.report() {
        print_report(report, rows);
    }
    if let Some(feed) = e.feed_report() {
        print_feed(feed);
    }
    match e.code() {
        ErrorCode::Validation => {
            eprintln!("refused: nothing was sent; fix the errors above or pass --skip-invalid");
            Err(Failure::Refused)
        }
        ErrorCode::PushFailed | ErrorCode::AccountNotConnected => {
            eprintln!("refused: {e}");
            Err(Failure::Refused)
        }
        _ => Err(Failure::from(e)),
    }
}

/// The lines of the records a report mentions, read from the file again.
fn names(file: &input::FeedFile, report: &Report) -> Result<input::Names, Failure> {
    let indices: Vec<usize> = report
        .errors
        .iter()
        .chain(&report.warnings)
        .filter_map(|issue| issue.index)
        .collect();
    file.names(&indices).map_err(Failure::Error)
}

/// A number of seconds given on the command line.
fn seconds(flag: &str, value: f64) -> Result<Duration, Failure> {
    Duration::try_from_secs_f64(value).map_err(|_| {
        Failure::Error(format!(
            "{flag} must be a number of seconds, 0 or more; got {value}"
        ))
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
