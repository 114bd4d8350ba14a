//! The HTTP surface: Codat's API paths, and the admin API under `/_sandbox`.

mod accounts;
mod admin;
mod companies;
mod push;

pub use admin::{LedgerView, connect_account, disconnect_account, ledger_of};

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, patch, post};
use serde::de::DeserializeOwned;

use crate::app::App;
use crate::errors::ApiError;
use crate::pipeline::pipeline;

/// All routes, with the API ones behind the request pipeline.
pub fn router(app: Arc<App>) -> Router {
    let api = Router::new()
        .route("/companies", post(companies::create_company))
        .route("/companies/{company_id}", get(companies::get_company))
        .route(
            "/companies/{company_id}/connections",
            post(companies::create_connection).get(companies::list_connections),
        )
        .route(
            "/companies/{company_id}/connections/{connection_id}",
            get(companies::get_connection),
        )
        .route(
            "/companies/{company_id}/connections/{connection_id}/connectionInfo/bankFeedAccounts",
            post(accounts::create).get(accounts::list),
        )
        .route(
            "/companies/{company_id}/connections/{connection_id}/connectionInfo/bankFeedAccounts/batch",
            post(accounts::create_batch),
        )
        .route(
            "/companies/{company_id}/connections/{connection_id}/connectionInfo/bankFeedAccounts/{account_id}",
            patch(accounts::update).delete(accounts::delete),
        )
        .route(
            "/companies/{company_id}/connections/{connection_id}/push/bankAccounts/{account_id}/bankTransactions",
            post(push::create),
        )
        .route("/companies/{company_id}/push", get(push::list))
        .route("/companies/{company_id}/push/{push_operation_key}", get(push::get))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&app), pipeline));
    Router::new()
        .nest("/_sandbox", admin::router())
        .merge(api)
        .with_state(app)
}

async fn not_found() -> ApiError {
    ApiError::not_found("No such endpoint in the Codat Bank Feeds API.")
}

/// Parses a JSON body, answering Codat's 400 when it is not what the endpoint takes.
pub(crate) fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("Error processing request - not valid. {e}")))
}
