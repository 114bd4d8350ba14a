//! The sandbox's own API under `/_sandbox` (no authentication; loopback only): connect an
//! or disconnect an account as the Sage user would, register webhook endpoints, read a ledger, set faults and settings, see statistics, reset.

use crate::ratelimit::ConcurrencyStats;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use feedrail::{AccountStatus, ConnectionStatus, SourceAccount, Transaction};
use rust_decimal::Decimal;
use serde::Serialize;

use super::json;
use crate::app::{App, Settings};
use crate::errors::ApiError;
use crate::faults::{FaultConfig, FaultStats};
use crate::state::lock;
use crate::webhooks::{DeliveryStats, EndpointRequest, WebhookEndpoint};
use axum::http::StatusCode;

pub(super) fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/health", get(health))
        .route(
            "/companies/{company_id}/connections/{connection_id}/accounts/{account_id}/connect",
            post(connect),
        )
        .route(
            "/companies/{company_id}/connections/{connection_id}/accounts/{account_id}/disconnect",
            post(disconnect),
        )
        .route("/webhooks", get(list_webhooks).post(add_webhook))
        .route("/webhooks/{id}", axum::routing::delete(remove_webhook))
        .route(
            "/companies/{company_id}/connections/{connection_id}/accounts/{account_id}/ledger",
            get(ledger),
        )
        .route("/faults", get(get_faults).put(put_faults))
        .route("/settings", get(get_settings).put(put_settings))
        .route("/stats", get(stats))
        .route("/reset", post(reset))
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({"status": "ok"}))
}

/// Connects an account as the Sage user's "Connect Bank" step would: the connection id, a
/// valid one-time password issued for it (used up by this), and the account the user picks.
/// Status `connected`, `feedStartDate` now, the connection `Linked`; announces
/// `bankFeeds.sourceAccount.connected`. Without `otp` (the in-process shortcut for tests), the
/// sandbox plays the app's part too and issues none.
pub fn connect_account(
    app: &App,
    company_id: &str,
    connection_id: &str,
    account_id: &str,
    otp: Option<&str>,
) -> Result<SourceAccount, ApiError> {
    if let Some(otp) = otp {
        let mut store = lock(&app.store);
        let connection = store
            .companies
            .get_mut(company_id)
            .ok_or_else(|| ApiError::company_not_found(company_id))?
            .connection_mut(connection_id)?;
        let now = Utc::now();
        let before = connection.otps.len();
        connection
            .otps
            .retain(|o| o.expiry <= now || o.otp != otp.trim().to_ascii_uppercase());
        if connection.otps.len() == before {
            return Err(ApiError::bad_request(
                "The one-time password is wrong, used or expired: generate a new one (POST /companies/{companyId}/connections/{connectionId}/bankFeeds/otp) and enter it with the connection id.",
            ));
        }
    }
    set_connected(app, company_id, connection_id, account_id, true)
}

/// Disconnects an account as the Sage user (or Sage) would: status `disconnected`; announces
/// `bankFeeds.sourceAccount.disconnected`.
pub fn disconnect_account(
    app: &App,
    company_id: &str,
    connection_id: &str,
    account_id: &str,
) -> Result<SourceAccount, ApiError> {
    set_connected(app, company_id, connection_id, account_id, false)
}

fn set_connected(
    app: &App,
    company_id: &str,
    connection_id: &str,
    account_id: &str,
    connected: bool,
) -> Result<SourceAccount, ApiError> {
    let mut store = lock(&app.store);
    let company = store
        .companies
        .get_mut(company_id)
        .ok_or_else(|| ApiError::company_not_found(company_id))?;
    let reference = company.company.clone();
    let connection = company.connection_mut(connection_id)?;
    if connected {
        connection.connection.status = ConnectionStatus::Linked;
    }
    let account = &mut connection.account_mut(account_id)?.account;
    let now = Utc::now();
    if connected {
        account.status = Some(AccountStatus::Connected);
        account.feed_start_date = Some(now);
    } else {
        account.status = Some(AccountStatus::Disconnected);
    }
    account.modified_date = Some(now);
    let account = account.clone();
    drop(store);
    app.webhooks
        .account_changed(&reference, connection_id, &account, connected);
    Ok(account)
}

/// Body of the admin connect step: what the Sage user types besides the connection id.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ConnectRequest {
    otp: String,
}

async fn connect(
    State(app): State<Arc<App>>,
    Path((company_id, connection_id, account_id)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Json<SourceAccount>, ApiError> {
    let request: ConnectRequest = json(&body).map_err(|_| {
        ApiError::bad_request(
            "The Sage user connects with the connection id and a one-time password: send {\"otp\": \"…\"} (from POST …/bankFeeds/otp).",
        )
    })?;
    connect_account(
        &app,
        &company_id,
        &connection_id,
        &account_id,
        Some(&request.otp),
    )
    .map(Json)
}

async fn disconnect(
    State(app): State<Arc<App>>,
    Path((company_id, connection_id, account_id)): Path<(String, String, String)>,
) -> Result<Json<SourceAccount>, ApiError> {
    disconnect_account(&app, &company_id, &connection_id, &account_id).map(Json)
}

async fn list_webhooks(State(app): State<Arc<App>>) -> Json<Vec<DeliveryStats>> {
    Json(app.webhooks.stats())
}

async fn add_webhook(
    State(app): State<Arc<App>>,
    body: Bytes,
) -> Result<(StatusCode, Json<WebhookEndpoint>), ApiError> {
    let request: EndpointRequest = json(&body)?;
    let endpoint = app.webhooks.add(request).map_err(ApiError::bad_request)?;
    Ok((StatusCode::CREATED, Json(endpoint)))
}

async fn remove_webhook(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if app.webhooks.remove(&id) {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(format!("No webhook endpoint {id}.")))
    }
}

/// What landed on a target account, in order.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "Ledger")
)]
#[serde(rename_all = "camelCase")]
pub struct LedgerView {
    /// The source account.
    pub account_id: String,
    /// Its status.
    pub status: Option<AccountStatus>,
    /// Its balance (the last line's balance).
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Decimal>"))]
    pub balance: Option<Decimal>,
    /// Date of the newest line (wall-clock, as it landed).
    #[serde(with = "feedrail::date::transaction_date_option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<chrono::NaiveDateTime>"))]
    pub latest_date: Option<chrono::NaiveDateTime>,
    /// Every line, in the order it landed.
    pub transactions: Vec<Transaction>,
}

/// The ledger of an account.
pub fn ledger_of(
    app: &App,
    company_id: &str,
    connection_id: &str,
    account_id: &str,
) -> Result<LedgerView, ApiError> {
    let (ledger, account) = {
        let store = lock(&app.store);
        let company = store
            .companies
            .get(company_id)
            .ok_or_else(|| ApiError::company_not_found(company_id))?;
        let rec = company.connection(connection_id)?.account(account_id)?;
        (Arc::clone(&rec.ledger), rec.account.clone())
    };
    let ledger = lock(&ledger);
    Ok(LedgerView {
        account_id: account.id,
        status: account.status,
        balance: account.balance,
        latest_date: ledger.cursor.latest_date,
        transactions: ledger.transactions.clone(),
    })
}

async fn ledger(
    State(app): State<Arc<App>>,
    Path((company_id, connection_id, account_id)): Path<(String, String, String)>,
) -> Result<Json<LedgerView>, ApiError> {
    ledger_of(&app, &company_id, &connection_id, &account_id).map(Json)
}

async fn get_faults(State(app): State<Arc<App>>) -> Json<FaultConfig> {
    Json(app.faults.config())
}

async fn put_faults(
    State(app): State<Arc<App>>,
    body: Bytes,
) -> Result<Json<FaultConfig>, ApiError> {
    let config: FaultConfig = json(&body)?;
    config.validate().map_err(ApiError::bad_request)?;
    app.faults.set(config.clone());
    Ok(Json(config))
}

async fn get_settings(State(app): State<Arc<App>>) -> Json<Settings> {
    Json(app.settings())
}

async fn put_settings(
    State(app): State<Arc<App>>,
    body: Bytes,
) -> Result<Json<Settings>, ApiError> {
    let settings: Settings = json(&body)?;
    if settings.concurrency_per_company == 0 {
        return Err(ApiError::bad_request(
            "concurrencyPerCompany must be at least 1.",
        ));
    }
    app.set_settings(settings.clone());
    Ok(Json(settings))
}

/// The sandbox's counters since the last reset (`GET /_sandbox/stats`, `Sandbox::stats`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SandboxStats {
    /// How often each fault happened.
    pub faults: FaultStats,
    /// Companies held.
    pub companies: usize,
    /// Push operations received.
    pub push_operations: usize,
    /// Pushes accepted for an account while an earlier one to it was pending.
    pub overlapping_pushes: u64,
    /// Status reads of single push operations.
    pub status_polls: u64,
    /// Requests in flight per company, at most, and those refused over the cap.
    pub concurrency: ConcurrencyStats,
    /// Each webhook endpoint's deliveries.
    pub webhooks: Vec<crate::webhooks::DeliveryStats>,
}

/// The counters of `app`.
pub fn stats_of(app: &App) -> SandboxStats {
    let store = lock(&app.store);
    SandboxStats {
        faults: app.faults.stats(),
        companies: store.companies.len(),
        push_operations: store.companies.values().map(|c| c.pushes.len()).sum(),
        overlapping_pushes: app
            .overlapping_pushes
            .load(std::sync::atomic::Ordering::Relaxed),
        status_polls: app.status_polls.load(std::sync::atomic::Ordering::Relaxed),
        concurrency: app.limits.concurrency(),
        webhooks: app.webhooks.stats(),
    }
}

async fn stats(State(app): State<Arc<App>>) -> Json<SandboxStats> {
    Json(stats_of(&app))
}

async fn reset(State(app): State<Arc<App>>) -> Json<serde_json::Value> {
    app.reset();
    Json(serde_json::json!({"status": "reset"}))
}
