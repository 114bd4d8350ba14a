//! feedrail's `tracing` events (requests, retries, statuses; never the key) forwarded to
//! Python's `logging` under the `feedrail` logger.

use pyo3::prelude::*;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

/// Installs the bridge as the process's subscriber (once; later calls keep the first).
pub fn install() {
    let targets = Targets::new()
        .with_target("feedrail", LevelFilter::DEBUG)
        .with_target("feedrail_sandbox", LevelFilter::INFO);
    let subscriber = tracing_subscriber::registry().with(PythonLogging.with_filter(targets));
    let _ = tracing::subscriber::set_global_default(subscriber);
}

struct PythonLogging;

struct Message(String);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0.insert_str(0, &format!("{value:?} "));
        } else {
            self.0.push_str(&format!("{}={value:?} ", field.name()));
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.0.insert_str(0, &format!("{value} "));
        } else {
            self.0.push_str(&format!("{}={value} ", field.name()));
        }
    }
}

impl<S: Subscriber> Layer<S> for PythonLogging {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let level: u8 = match *event.metadata().level() {
            Level::ERROR => 40,
            Level::WARN => 30,
            Level::INFO => 20,
            Level::DEBUG => 10,
            Level::TRACE => 5,
        };
        let mut message = Message(String::new());
        event.record(&mut message);
        Python::attach(|py| {
            let logged = (|| -> PyResult<()> {
                let logger = py
                    .import("logging")?
                    .call_method1("getLogger", ("feedrail",))?;
                if logger.call_method1("isEnabledFor", (level,))?.is_truthy()? {
                    logger.call_method1("log", (level, message.0.trim_end()))?;
                }
                Ok(())
            })();
            if let Err(e) = logged {
                e.write_unraisable(py, None);
            }
        });
    }
}
