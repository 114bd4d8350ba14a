//! The HTTP surface: Codat's API paths, and the admin API under `/_sandbox`.

mod accounts;
mod admin;
mod bank_feed;
mod companies;
mod push;

pub use admin::{
    LedgerView, SandboxStats, connect_account, disconnect_account, ledger_of, stats_of,
};

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use serde::de::DeserializeOwned;

use crate::app::App;
use crate::errors::ApiError;
use crate::pipeline::pipeline;

/// All routes, with the API ones behind the request pipeline.
pub fn router(app: Arc<App>) -> Router {
    let api = Router::new()
        .route(
            "/companies",
            post(companies::create_company).get(companies::list_companies),
        )
        .route(
            "/companies/{company_id}",
            get(companies::get_company).delete(companies::delete_company),
        )
        .route(
            "/companies/{company_id}/connections",
            post(companies::create_connection).get(companies::list_connections),
        )
        .route(
            "/companies/{company_id}/connections/{connection_id}",
            get(companies::get_connection)
                .delete(companies::delete_connection)
                .patch(companies::unlink_connection),
        )
        .route(
            "/companies/{company_id}/connections/{connection_id}/bankFeeds/info",
            get(bank_feed::company_information),
        )
        .route(
            "/companies/{company_id}/connections/{connection_id}/connectionInfo/bankFeedAccounts/credentials",
            post(bank_feed::generate_credentials).delete(bank_feed::delete_credentials),
        )
        .route(
            "/companies/{company_id}/connections/{connection_id}/bankFeedAccounts/mapping",
            get(bank_feed::list_mappings).post(bank_feed::create_mapping),
        )
        .route(
            "/companies/{company_id}/connections/{connection_id}/options/bankAccounts/{account_id}/bankTransactions",
            get(bank_feed::push_model),
        )
        .route(
            "/companies/{company_id}/connections/{connection_id}/bankFeeds/otp",
            post(companies::generate_otp),
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
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&app), pipeline));
    Router::new()
        .nest("/_sandbox", admin::router())
        .merge(api)
        .layer(axum::middleware::from_fn(codat_errors))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(app)
}

/// The largest request body accepted (Codat's limit).
pub const MAX_BODY: usize = 32 * 1024 * 1024;

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "This endpoint does not take this HTTP method.",
    )
}

/// Errors the HTTP framework answers itself (a body over the limit, an unsupported media type)
/// in Codat's `ErrorMessage` shape, like every other error.
async fn codat_errors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !status.is_client_error() || is_json {
        return response;
    }
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::payload_too_large().into_response();
    }
    let message = match status {
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            "The request body must be JSON (Content-Type: application/json).".to_owned()
        }
        StatusCode::METHOD_NOT_ALLOWED => {
            "This endpoint does not take this HTTP method.".to_owned()
        }
        _ => "The request could not be read.".to_owned(),
    };
    let allow = response.headers().get(axum::http::header::ALLOW).cloned();
    let mut codat = ApiError::new(status, message).into_response();
    if let Some(allow) = allow {
        codat.headers_mut().insert(axum::http::header::ALLOW, allow);
    }
    codat
}

async fn not_found() -> ApiError {
    ApiError::not_found("No such endpoint in the Codat Bank Feeds API.")
}

/// Parses a JSON body, answering Codat's 400 when it is not what the endpoint takes.
pub(crate) fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("Error processing request - not valid. {e}")))
}
