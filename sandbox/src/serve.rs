//! Running the sandbox as a server until Ctrl-C: the options of the `feedrail-sandbox` binary and
//! of `feedrail sandbox`.

use std::io::Write;
use std::time::Duration;

use crate::{DEFAULT_API_KEY, FaultConfig, Sandbox, SandboxConfig};

/// How to run the sandbox server.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 4010, env = "FEEDRAIL_SANDBOX_PORT")]
    pub port: u16,
    /// Milliseconds a push stays Pending before it is processed.
    #[arg(long, default_value_t = 200)]
    pub delay_ms: u64,
    /// API key to accept (repeat for several); default "sandbox-api-key".
    #[arg(
        long = "api-key",
        env = "FEEDRAIL_SANDBOX_API_KEYS",
        hide_env_values = true,
        value_delimiter = ','
    )]
    pub api_keys: Vec<String>,
    /// Requests a company may have in flight at once.
    #[arg(long, default_value_t = 10)]
    pub concurrency: usize,
    /// Requests an API key may make per UTC day.
    #[arg(long, default_value_t = 1_000_000)]
    pub daily_quota: u64,
    /// Probability of every fault kind (each), e.g. 0.02.
    #[arg(long)]
    pub fault_rate: Option<f64>,
    /// Fault configuration as JSON (see sandbox/README.md); overrides --fault-rate.
    #[arg(long)]
    pub faults: Option<String>,
    /// Seed for --fault-rate.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
}

/// Starts the sandbox, prints where it listens, and serves until Ctrl-C; exit code 2 when it
/// cannot start.
pub async fn serve(args: ServeArgs) -> std::process::ExitCode {
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
