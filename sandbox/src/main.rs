//! `feedrail-sandbox`: runs the Codat Bank Feeds emulator and prints where it listens.

use std::io::Write;
use std::time::Duration;

use clap::Parser;
use feedrail_sandbox::{DEFAULT_API_KEY, FaultConfig, Sandbox, SandboxConfig};

/// A local emulator of the Codat Bank Feeds API (Sage Bank Feeds), with fault injection.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 4010, env = "FEEDRAIL_SANDBOX_PORT")]
    port: u16,
    /// Milliseconds a push stays Pending before it is processed.
    #[arg(long, default_value_t = 200)]
    delay_ms: u64,
    /// API key to accept (repeat for several); default "sandbox-api-key".
    #[arg(
        long = "api-key",
        env = "FEEDRAIL_SANDBOX_API_KEYS",
        value_delimiter = ','
    )]
    api_keys: Vec<String>,
    /// Requests a company may have in flight at once.
    #[arg(long, default_value_t = 10)]
    concurrency: usize,
    /// Requests an API key may make per UTC day.
    #[arg(long, default_value_t = 1_000_000)]
    daily_quota: u64,
    /// Probability of every fault kind (each), e.g. 0.02.
    #[arg(long)]
    fault_rate: Option<f64>,
    /// Fault configuration as JSON (see sandbox/README.md); overrides --fault-rate.
    #[arg(long)]
    faults: Option<String>,
    /// Seed for --fault-rate.
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let args = Args::parse();
    let faults = match (&args.faults, args.fault_rate) {
        (Some(json), _) => match serde_json::from_str::<FaultConfig>(json) {
            Ok(f) => f,
            Err(e) => return fail(&format!("--faults is not a valid fault configuration: {e}")),
        },
        (None, Some(rate)) => FaultConfig::every_kind(args.seed, rate),
        (None, None) => FaultConfig::default(),
    };
    let default_key = args.api_keys.is_empty();
    let config = SandboxConfig {
        port: args.port,
        api_keys: if default_key {
            vec![DEFAULT_API_KEY.to_owned()]
        } else {
            args.api_keys
        },
        processing_delay: Duration::from_millis(args.delay_ms),
        concurrency_per_company: args.concurrency,
        daily_quota: args.daily_quota,
        faults,
        ..SandboxConfig::default()
    };
    let sandbox = match Sandbox::start(config).await {
        Ok(s) => s,
        Err(e) => {
            return fail(&format!(
                "cannot start the sandbox on port {}: {e}",
                args.port
            ));
        }
    };
    // Whoever started us may stop reading stdout; the sandbox keeps serving regardless.
    let mut out = std::io::stdout();
    let _ = writeln!(out, "feedrail sandbox listening on {}", sandbox.url());
    if default_key {
        let _ = writeln!(
            out,
            "accepting the default API key \"{DEFAULT_API_KEY}\"; admin API at {}/_sandbox",
            sandbox.url()
        );
    }
    let _ = out.flush();
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
    sandbox.shutdown().await;
    std::process::ExitCode::SUCCESS
}

fn fail(message: &str) -> std::process::ExitCode {
    eprintln!("error: {message}");
    std::process::ExitCode::from(2)
}
