//! Webhook delivery as Codat does it through Svix: endpoints registered through the admin API
//! receive every event (or the types they chose) in Codat's envelope `{id, eventType,
//! generatedDate, payload}`, signed with their own `whsec_` secret, and failed deliveries are
//! retried with backoff.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use feedrail::webhooks::{
    SOURCE_ACCOUNT_CONNECTED, SOURCE_ACCOUNT_DISCONNECTED, WRITE_SUCCESSFUL, WRITE_UNSUCCESSFUL,
    WebhookSecret,
};
use feedrail::{Company, PushOperation, PushStatus, SourceAccount};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::runtime::Handle;

use crate::state::lock;

/// Waits before each retry of a failed delivery. Svix waits 5 s, 5 min, 30 min, 2 h, 5 h and
/// 10 h; the sandbox keeps the shape at a pace tests can watch.
const RETRY_SCHEDULE: [Duration; 5] = [
    Duration::from_millis(50),
    Duration::from_millis(250),
    Duration::from_secs(1),
    Duration::from_secs(5),
    Duration::from_secs(25),
];

/// How long one delivery attempt may take (Svix allows 15 s).
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(15);

/// Body of `POST /_sandbox/webhooks`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EndpointRequest {
    /// Where to POST events.
    pub url: String,
    /// Only these event types (all when absent).
    #[serde(default)]
    pub event_types: Option<Vec<String>>,
}

/// A registered endpoint, with its signing secret (shown once, when it is registered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WebhookEndpoint {
    /// Endpoint id.
    pub id: String,
    /// Where events go.
    pub url: String,
    /// The event types it receives (all when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_types: Option<Vec<String>>,
    /// Its signing secret (`whsec_…`): give it to the receiver's verifier.
    #[cfg_attr(feature = "schema", schemars(extend("x-secret" = true)))]
    pub secret: String,
}

/// What an endpoint was sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "WebhookDeliveryStats")
)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryStats {
    /// Endpoint id.
    pub id: String,
    /// Where events go.
    pub url: String,
    /// Messages answered with a 2xx.
    pub delivered: u64,
    /// Attempts that failed (no answer or not 2xx); each is retried until the schedule ends.
    pub failed_attempts: u64,
    /// Messages given up after every retry.
    pub abandoned: u64,
    /// Messages still being delivered.
    pub in_flight: u64,
}

#[derive(Debug)]
struct Endpoint {
    public: WebhookEndpoint,
    secret: WebhookSecret,
    delivered: AtomicU64,
    failed_attempts: AtomicU64,
    abandoned: AtomicU64,
    in_flight: AtomicU64,
}

/// The registered endpoints and the deliveries to them.
#[derive(Debug)]
pub struct Webhooks {
    endpoints: Mutex<Vec<Arc<Endpoint>>>,
    http: reqwest::Client,
    runtime: Handle,
}

impl Webhooks {
    /// No endpoints yet; deliveries run on the current runtime.
    pub fn new() -> Self {
        Webhooks {
            endpoints: Mutex::new(Vec::new()),
            http: reqwest::Client::builder()
                .timeout(ATTEMPT_TIMEOUT)
                .no_proxy()
                .build()
                .expect("a plain HTTP client builds"),
            runtime: Handle::current(),
        }
    }

    /// Registers an endpoint with a fresh secret.
    pub fn add(&self, request: EndpointRequest) -> Result<WebhookEndpoint, String> {
        let url = reqwest::Url::parse(&request.url)
            .map_err(|e| format!("url {:?} is not a URL: {e}", request.url))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("url {url} must be http or https"));
        }
        let mut key = vec![0u8; 24];
        rand::rng().fill_bytes(&mut key);
        let secret = WebhookSecret::from_bytes(key);
        let public = WebhookEndpoint {
            id: uuid::Uuid::new_v4().to_string(),
            url: url.to_string(),
            event_types: request.event_types,
            secret: secret.expose(),
        };
        lock(&self.endpoints).push(Arc::new(Endpoint {
            public: public.clone(),
            secret,
            delivered: AtomicU64::new(0),
            failed_attempts: AtomicU64::new(0),
            abandoned: AtomicU64::new(0),
            in_flight: AtomicU64::new(0),
        }));
        Ok(public)
    }

    /// Removes an endpoint; whether it existed.
    pub fn remove(&self, id: &str) -> bool {
        let mut endpoints = lock(&self.endpoints);
        let before = endpoints.len();
        endpoints.retain(|e| e.public.id != id);
        endpoints.len() != before
    }

    /// Removes every endpoint.
    pub fn clear(&self) {
        lock(&self.endpoints).clear();
    }

    /// Each endpoint's delivery figures.
    pub fn stats(&self) -> Vec<DeliveryStats> {
        lock(&self.endpoints)
            .iter()
            .map(|e| DeliveryStats {
                id: e.public.id.clone(),
                url: e.public.url.clone(),
                delivered: e.delivered.load(Ordering::Relaxed),
                failed_attempts: e.failed_attempts.load(Ordering::Relaxed),
                abandoned: e.abandoned.load(Ordering::Relaxed),
                in_flight: e.in_flight.load(Ordering::Relaxed),
            })
            .collect()
    }

    /// Sends `event_type` with `payload` to every endpoint that wants it.
    pub fn emit(&self, event_type: &str, payload: Value) {
        let targets: Vec<Arc<Endpoint>> = lock(&self.endpoints)
            .iter()
            .filter(|e| {
                e.public
                    .event_types
                    .as_ref()
                    .is_none_or(|types| types.iter().any(|t| t == event_type))
            })
            .cloned()
            .collect();
        if targets.is_empty() {
            return;
        }
        let envelope = json!({
            "id": uuid::Uuid::new_v4().to_string(),
            "eventType": event_type,
            "generatedDate": feedrail::date::format_timestamp(&Utc::now()),
            "payload": payload,
        });
        let body = axum::body::Bytes::from(envelope.to_string());
        for endpoint in targets {
            endpoint.in_flight.fetch_add(1, Ordering::Relaxed);
            self.runtime
                .spawn(deliver(self.http.clone(), endpoint, body.clone()));
        }
    }

    /// `bankTransactions.write.successful` / `.unsuccessful` for a push that just ended.
    pub fn push_ended(&self, company: &Company, op: &PushOperation) {
        let event_type = match op.status {
            PushStatus::Success => WRITE_SUCCESSFUL,
            PushStatus::Failed | PushStatus::TimedOut => WRITE_UNSUCCESSFUL,
            PushStatus::Pending => return,
        };
        self.emit(
            event_type,
            json!({
                "id": op.push_operation_key,
                "type": "Create",
                "referenceCompany": reference(company),
                "connectionId": op.data_connection_key,
                "requestedOnDate": feedrail::date::format_timestamp(&op.requested_on_utc),
                "completedOnDate": op.completed_on_utc.as_ref().map(feedrail::date::format_timestamp),
                "status": op.status,
                "record": null,
                "attachmentId": null,
            }),
        );
    }

    /// `bankFeeds.sourceAccount.connected` / `.disconnected`.
    pub fn account_changed(
        &self,
        company: &Company,
        connection_id: &str,
        account: &SourceAccount,
        connected: bool,
    ) {
        let event_type = if connected {
            SOURCE_ACCOUNT_CONNECTED
        } else {
            SOURCE_ACCOUNT_DISCONNECTED
        };
        self.emit(
            event_type,
            json!({
                "referenceCompany": reference(company),
                "companyId": company.id,
                "connectionId": connection_id,
                "sourceAccount": account,
            }),
        );
    }
}

/// Codat's `companyReference`.
fn reference(company: &Company) -> Value {
    json!({
        "id": company.id,
        "name": company.name,
        "description": company.description,
        "links": {"portal": format!("https://app.codat.io/companies/{}/summary", company.id)},
    })
}

/// Delivers one message, retrying on the schedule; every attempt is signed afresh (a new
/// timestamp, the same message id), as Svix does.
async fn deliver(http: reqwest::Client, endpoint: Arc<Endpoint>, body: axum::body::Bytes) {
    let id = format!("msg_{}", uuid::Uuid::new_v4().simple());
    let mut schedule = RETRY_SCHEDULE.iter();
    loop {
        let timestamp = Utc::now().timestamp();
        let signature = endpoint.secret.sign(&id, timestamp, &body);
        let sent = http
            .post(&endpoint.public.url)
            .header("content-type", "application/json")
            .header("svix-id", &id)
            .header("svix-timestamp", timestamp.to_string())
            .header("svix-signature", signature)
            .body(body.clone())
            .send()
            .await;
        match sent {
            Ok(r) if r.status().is_success() => {
                endpoint.delivered.fetch_add(1, Ordering::Relaxed);
                break;
            }
            outcome => {
                endpoint.failed_attempts.fetch_add(1, Ordering::Relaxed);
                let why = match outcome {
                    Ok(r) => format!("status {}", r.status()),
                    Err(e) => e.to_string(),
                };
                let Some(wait) = schedule.next() else {
                    tracing::warn!(url = %endpoint.public.url, id, why, "webhook delivery abandoned after every retry");
                    endpoint.abandoned.fetch_add(1, Ordering::Relaxed);
                    break;
                };
                tracing::debug!(url = %endpoint.public.url, id, why, "webhook delivery failed; retrying");
                tokio::time::sleep(*wait).await;
            }
        }
    }
    endpoint.in_flight.fetch_sub(1, Ordering::Relaxed);
}
