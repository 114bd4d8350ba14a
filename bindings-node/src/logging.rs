//! feedrail's log for Node: set `FEEDRAIL_LOG` (e.g. `info` for retries, `debug` for every
//! request) and it goes to stderr. The API key is never logged.

use std::sync::Once;

/// Installs the stderr log once, when `FEEDRAIL_LOG` is set.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if let Ok(filter) = tracing_subscriber::EnvFilter::try_from_env(feedrail::LOG_ENV_VAR) {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(filter)
                .with_writer(std::io::stderr)
                .with_ansi(false)
                .try_init();
        }
    });
}
