//! `feedrail-sandbox`: runs the Codat Bank Feeds emulator and prints where it listens.

use clap::Parser;
use feedrail_sandbox::serve::{ServeArgs, serve};

/// A local emulator of the Codat Bank Feeds API (Sage Bank Feeds), with fault injection.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    #[command(flatten)]
    serve: ServeArgs,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    serve(Args::parse().serve).await
}
