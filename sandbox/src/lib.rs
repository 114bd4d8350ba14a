//! # feedrail-sandbox
//!
//! A stateful local emulator of the Codat Bank Feeds API with Sage Bank Feeds semantics and
//! seeded fault injection. Same paths, JSON shapes, status codes and asynchronous behaviour as
//! `https://api.codat.io`, and the same Sage rules as the feedrail client (they come from the
//! same core crate, so the two cannot disagree).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use feedrail_sandbox::{Sandbox, SandboxConfig};
//! let sandbox = Sandbox::start(SandboxConfig::for_tests()).await?;
//! println!("Codat API at {} (key {:?})", sandbox.url(), sandbox.api_key());
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

mod app;
mod config;
mod errors;
mod faults;
mod idempotency;
mod pipeline;
mod processor;
mod query;
mod ratelimit;
mod routes;
mod scratch;
pub mod serve;
mod state;
mod webhooks;
mod wire;

use std::net::SocketAddr;
use std::sync::Arc;

pub use app::Settings;
pub use config::{DEFAULT_API_KEY, SandboxConfig};
pub use errors::ApiError;
pub use faults::{FaultConfig, FaultStats};
pub use ratelimit::ConcurrencyStats;
pub use routes::{LedgerView, SandboxStats};
pub use scratch::{DATABASE_URL_VAR, scratch_database, try_scratch_database};
pub use webhooks::{DeliveryStats, EndpointRequest, WebhookEndpoint};

use app::App;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running sandbox on 127.0.0.1. Dropping it stops the server.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    app: Arc<App>,
    api_key: String,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Starts a sandbox on the current tokio runtime, listening on 127.0.0.1 (`config.port`, or
    /// a free port when 0).
    pub async fn start(config: SandboxConfig) -> std::io::Result<Sandbox> {
        config
            .faults
            .validate()
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        let api_key = config.api_keys.first().cloned().ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "configure at least one API key",
            )
        })?;
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port)).await?;
        let addr = listener.local_addr()?;
        let app = Arc::new(App::new(&config));
        let router = routes::router(Arc::clone(&app));
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let serve = axum::serve(listener, router).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(e) = serve.await {
                tracing::error!(error = %e, "sandbox server stopped");
            }
        });
        tracing::info!(%addr, "feedrail sandbox listening");
        Ok(Sandbox {
            addr,
            app,
            api_key,
            stop: Some(stop),
            server: Some(server),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give a client, e.g. `http://127.0.0.1:49152`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The first configured API key (what a client should send).
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// Connects a source account, as the Sage user's "Connect Bank" step would, with the
    /// one-time password the app got from `generate_otp` (refused when wrong, used or expired).
    pub fn connect_account_with_otp(
        &self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
        otp: &str,
    ) -> Result<feedrail::SourceAccount, ApiError> {
        routes::connect_account(&self.app, company_id, connection_id, account_id, Some(otp))
    }

    /// Connects a source account without the one-time-password step (a shortcut for tests:
    /// the sandbox plays the app's part too).
    pub fn connect_account(
        &self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> Result<feedrail::SourceAccount, ApiError> {
        routes::connect_account(&self.app, company_id, connection_id, account_id, None)
    }

    /// Disconnects a source account, as the Sage user (or Sage) would.
    pub fn disconnect_account(
        &self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> Result<feedrail::SourceAccount, ApiError> {
        routes::disconnect_account(&self.app, company_id, connection_id, account_id)
    }

    /// Registers a webhook endpoint: every event (or only `event_types`) is POSTed to `url`,
    /// signed like Svix with the returned endpoint's secret, and retried with backoff until a
    /// 2xx answer.
    pub fn add_webhook(
        &self,
        url: &str,
        event_types: Option<Vec<String>>,
    ) -> Result<WebhookEndpoint, ApiError> {
        self.app
            .webhooks
            .add(EndpointRequest {
                url: url.to_owned(),
                event_types,
            })
            .map_err(ApiError::bad_request)
    }

    /// Each webhook endpoint's deliveries so far.
    pub fn webhook_stats(&self) -> Vec<DeliveryStats> {
        self.app.webhooks.stats()
    }

    /// Status reads of single push operations (`GET …/push/{key}`) since the last reset.
    pub fn status_polls(&self) -> u64 {
        self.app
            .status_polls
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A company named `company_name` with a Sage Bank Feeds connection and one source account
    /// per id (GBP, balance 0), each connected by its Sage user with a one-time password —
    /// created through the API as a client would, with the sandbox's key. Returns a push target per account, in order.
    pub async fn connected_accounts(
        &self,
        company_name: &str,
        ids: &[&str],
    ) -> Result<Vec<feedrail::PushTarget>, feedrail::Error> {
        let client = feedrail::Client::builder()
            .api_key(&self.api_key)
            .base_url(self.url())
            .build()?;
        let company = client
            .create_company(&feedrail::CompanyRequest {
                name: company_name.to_owned(),
                description: None,
            })
            .await?;
        let connection = client
            .create_connection(&company.id, feedrail::SAGE_PLATFORM_KEY)
            .await?;
        let mut targets = Vec::with_capacity(ids.len());
        for id in ids {
            let account = feedrail::SourceAccountPrototype {
                id: (*id).to_owned(),
                account_name: Some(format!("Account {id}")),
                account_type: Some("Credit".into()),
                account_number: Some("12345678".into()),
                sort_code: Some("040004".into()),
                currency: Some("GBP".into()),
                balance: Some(rust_decimal::Decimal::ZERO),
                modified_date: None,
            };
            client
                .create_account(&company.id, &connection.id, &account)
                .await?;
            let otp = client.generate_otp(&company.id, &connection.id).await?;
            self.connect_account_with_otp(&company.id, &connection.id, id, &otp.otp)
                .map_err(|e| feedrail::Error::Internal {
                    message: format!("the sandbox could not connect account {id:?}: {e}"),
                })?;
            targets.push(feedrail::PushTarget::new(&company.id, &connection.id, *id));
        }
        Ok(targets)
    }

    /// What landed on an account, in order.
    pub fn ledger(
        &self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> Result<LedgerView, ApiError> {
        routes::ledger_of(&self.app, company_id, connection_id, account_id)
    }

    /// Replaces the fault configuration (and reseeds).
    pub fn set_faults(&self, faults: FaultConfig) -> Result<(), String> {
        faults.validate()?;
        self.app.faults.set(faults);
        Ok(())
    }

    /// How often each fault happened since the faults were last set.
    pub fn fault_stats(&self) -> FaultStats {
        self.app.faults.stats()
    }

    /// Pushes accepted for an account while an earlier push to it was still `Pending` (Sage
    /// processes one statement per account at a time; a well-behaved client makes none).
    pub fn overlapping_pushes(&self) -> u64 {
        self.app
            .overlapping_pushes
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The most requests one company had in flight at once, and the requests refused for being
    /// over the cap, since the last reset.
    pub fn concurrency_stats(&self) -> ConcurrencyStats {
        self.app.limits.concurrency()
    }

    /// The live settings.
    pub fn settings(&self) -> Settings {
        self.app.settings()
    }

    /// Replaces the live settings.
    pub fn set_settings(&self, settings: Settings) {
        self.app.set_settings(settings);
    }

    /// Every counter at once: faults, companies, pushes, overlapping pushes, status polls,
    /// concurrency and webhook deliveries.
    pub fn stats(&self) -> SandboxStats {
        routes::stats_of(&self.app)
    }

    /// Forgets all data; settings and faults go back to how the sandbox started.
    pub fn reset(&self) {
        self.app.reset();
    }

    /// Stops the server and waits for it to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
