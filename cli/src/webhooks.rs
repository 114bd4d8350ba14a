//! `--webhook-listen`: a receiver for Codat's webhooks inside `feedrail push` and `feedrail
//! worker`, so each push ends on its signed event instead of being polled.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use feedrail::webhooks::WebhookHeaders;
use feedrail::{Client, ClientBuilder, ErrorCode};

use crate::Failure;

/// Where to receive Codat's webhooks, and the endpoint's secret.
#[derive(Debug, clap::Args)]
pub struct Webhooks {
    /// Receive Codat's webhooks on this address while running (e.g. 0.0.0.0:8080; any path):
    /// each push then ends on its `bankTransactions.write.*` event, and a worker pushes an
    /// account's queued lines as soon as it is connected. Polling remains the fallback.
    #[arg(long, env = "FEEDRAIL_WEBHOOK_LISTEN", requires = "webhook_secret")]
    webhook_listen: Option<SocketAddr>,
    /// The webhook endpoint's signing secret (`whsec_…`, Codat Portal → Settings → Webhooks);
    /// never printed.
    #[arg(long, env = "FEEDRAIL_WEBHOOK_SECRET", hide_env_values = true)]
    webhook_secret: Option<String>,
}

impl Webhooks {
    /// `builder` with the webhook secret, when one is given.
    pub fn configure(&self, builder: ClientBuilder) -> ClientBuilder {
        match &self.webhook_secret {
            Some(secret) => builder.webhook_secret(secret),
            None => builder,
        }
    }

    /// Starts the receiver for `client` (built with [`Webhooks::configure`]), if asked for.
    pub async fn listen(&self, client: &Client) -> Result<(), Failure> {
        let Some(addr) = self.webhook_listen else {
            return Ok(());
        };
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Failure::Error(format!("cannot listen for webhooks on {addr}: {e}")))?;
        let bound = listener.local_addr().unwrap_or(addr);
        let app = axum::Router::new()
            .fallback(receive)
            .with_state(client.clone());
        tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                eprintln!("webhook receiver stopped: {e}");
            }
        });
        eprintln!("receiving Codat webhooks on http://{bound}");
        Ok(())
    }
}

/// One delivery: 200 once handled (or when already handled), 400 when not from Codat.
async fn receive(State(client): State<Client>, headers: HeaderMap, body: Bytes) -> StatusCode {
    match client.handle_webhook(&body, &WebhookHeaders::from_header_map(&headers)) {
        Ok(_) => StatusCode::OK,
        Err(e) if e.code() == ErrorCode::WebhookReplay => StatusCode::OK,
        Err(e) => {
            tracing::warn!(error = %e, "webhook delivery refused");
            StatusCode::BAD_REQUEST
        }
    }
}
