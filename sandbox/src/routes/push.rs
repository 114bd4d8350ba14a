//! Pushing bank transactions, and the push history.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, OriginalUri, Path, Query, State};
use chrono::Utc;
use feedrail::{MAX_BATCH_SIZE, Page, PushOperation, PushStatus, Validation};
use serde::Deserialize;
use uuid::Uuid;

use super::companies::{Paging, page_of};
use super::json;
use crate::app::App;
use crate::errors::ApiError;
use crate::pipeline::Caller;
use crate::processor::{enqueue, expire_if_due};
use crate::query::Filter;
use crate::state::{PushRec, lock};

/// Query parameters of the push.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushParams {
    timeout_in_minutes: Option<String>,
    allow_sync_on_push_complete: Option<String>,
}

/// `POST .../push/bankAccounts/{accountId}/bankTransactions`: 200 with a `Pending` operation
/// echoing the body; processed later, one push at a time per account.
pub async fn create(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id, account_id)): Path<(String, String, String)>,
    Query(params): Query<PushParams>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Result<Json<PushOperation>, ApiError> {
    let arrived = tokio::time::Instant::now();
    let json_body = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !json_body {
        return Err(ApiError::new(
            axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "The request body must be JSON (Content-Type: application/json).",
        ));
    }
    let timeout = match params.timeout_in_minutes.as_deref() {
        None => None,
        Some(t) => Some(t.parse::<i32>().ok().filter(|m| *m >= 0).ok_or_else(|| {
            ApiError::bad_request("timeoutInMinutes must be a whole number of minutes, 0 or more.")
        })?),
    };
    if let Some(flag) = params.allow_sync_on_push_complete.as_deref()
        && !["true", "false"].contains(&flag.to_ascii_lowercase().as_str())
    {
        return Err(ApiError::bad_request(
            "allowSyncOnPushComplete must be true or false.",
        ));
    }
    let payload: serde_json::Value = json(&body)?;
    let serde_json::Value::Object(mut fields) = payload else {
        return Err(ApiError::bad_request(
            "The body must be an object with accountId and transactions.",
        ));
    };
    let body_account = match fields.get("accountId") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(_) => return Err(ApiError::bad_request("accountId must be a string.")),
        None => return Err(ApiError::bad_request("accountId is required.")),
    };
    let records = match fields.remove("transactions") {
        Some(serde_json::Value::Array(items)) => items,
        Some(_) => return Err(ApiError::bad_request("transactions must be an array.")),
        None => return Err(ApiError::bad_request("transactions is required.")),
    };
    if records.len() > MAX_BATCH_SIZE {
        return Err(ApiError::bad_request(format!(
            "transactions: at most {MAX_BATCH_SIZE} bank transactions per request, got {}.",
            records.len()
        )));
    }
    let violations = crate::wire::schema_violations(&records);
    if !violations.is_empty() {
        let mut error = ApiError::bad_request(format!(
            "Error processing request - not valid. {} field(s) do not match the BankTransactions schema; nothing was recorded.",
            violations.len()
        ));
        error.validation = Some(violations);
        return Err(error);
    }
    if body_account != account_id {
        return Err(ApiError::bad_request(format!(
            "accountId {body_account:?} in the body differs from {account_id:?} in the path: push to one account per request."
        )));
    }

    let now = Utc::now();
    let key = Uuid::new_v4().to_string();
    let op = PushOperation {
        changes: Some(Vec::new()),
        data_type: Some("bankTransactions".to_owned()),
        company_id: company_id.clone(),
        push_operation_key: key.clone(),
        data_connection_key: connection_id.clone(),
        requested_on_utc: now,
        completed_on_utc: None,
        timeout_in_minutes: timeout,
        status: PushStatus::Pending,
        error_message: None,
        validation: Some(Validation {
            errors: Some(Vec::new()),
            warnings: Some(Vec::new()),
        }),
        status_code: 202,
        data: None,
    };
    let mut store = lock(&app.store);
    let company = store.company_mut(&caller, &company_id)?;
    company.connection(&connection_id)?.account(&account_id)?;
    // Sage processes one statement per account at a time: a client should wait for a push to
    // finish before sending the account's next one. Counted, not refused, so tests can see it.
    if company.pushes.iter().any(|p| {
        p.account_id == account_id
            && p.op.data_connection_key == connection_id
            && p.op.status == PushStatus::Pending
    }) {
        app.overlapping_pushes
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    company.push_index.insert(key.clone(), company.pushes.len());
    company.pushes.push(PushRec {
        account_id: account_id.clone(),
        op: op.clone(),
        records,
        deadline: timeout.map(|m| now + chrono::Duration::minutes(i64::from(m))),
    });
    let account = company
        .connection_mut(&connection_id)?
        .account_mut(&account_id)?;
    enqueue(&app, account, &company_id, &connection_id, key, arrived);
    drop(store);
    // The echo is the request body byte for byte (it parsed as JSON above).
    let echo =
        serde_json::value::RawValue::from_string(String::from_utf8_lossy(&body).into_owned())
            .map_err(|_| ApiError::internal())?;
    Ok(Json(PushOperation {
        data: Some(echo),
        ..op
    }))
}

/// `GET /companies/{companyId}/push/{pushOperationKey}`
pub async fn get(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, key)): Path<(String, String)>,
) -> Result<Json<PushOperation>, ApiError> {
    app.status_polls
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut store = lock(&app.store);
    let company = store.company_mut(&caller, &company_id)?;
    let Some(&i) = company.push_index.get(&key) else {
        return Err(ApiError::not_found(format!(
            "No push operation was found with key {key}"
        )));
    };
    let rec = &mut company.pushes[i];
    if expire_if_due(&mut rec.op, rec.deadline) {
        app.webhooks.push_ended(&company.company, &rec.op);
    }
    Ok(Json(company.pushes[i].op.clone()))
}

/// `GET /companies/{companyId}/push`: paged, filtered by `query`, sorted by `orderBy`
/// (`requestedOnUtc`, `completedOnUtc` or `status`, `-` for descending; default request order).
pub async fn list(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path(company_id): Path<String>,
    original: OriginalUri,
    Query(paging): Query<Paging>,
) -> Result<Json<Page<PushOperation>>, ApiError> {
    let (page, size) = paging.numbers()?;
    let filter = Filter::parse::<PushOperation>(paging.query().unwrap_or_default())
        .map_err(ApiError::bad_request)?;
    let order = paging.order_by().unwrap_or("requestedOnUtc");
    let (descending, field) = match order.strip_prefix('-') {
        Some(f) => (true, f),
        None => (false, order),
    };
    if !["requestedOnUtc", "completedOnUtc", "status"].contains(&field) {
        return Err(ApiError::bad_request(format!(
            "orderBy {order:?} is not supported: use requestedOnUtc, completedOnUtc or status, optionally with a leading '-'."
        )));
    }
    let mut store = lock(&app.store);
    let company = store.company_mut(&caller, &company_id)?;
    for rec in &mut company.pushes {
        if expire_if_due(&mut rec.op, rec.deadline) {
            app.webhooks.push_ended(&company.company, &rec.op);
        }
    }
    let mut ops: Vec<PushOperation> = company
        .pushes
        .iter()
        .filter(|r| filter.matches(&r.op))
        .map(|r| r.op.clone())
        .collect();
    drop(store);
    match field {
        "completedOnUtc" => ops.sort_by_key(|o| o.completed_on_utc),
        "status" => ops.sort_by_key(|o| o.status.as_str()),
        _ => ops.sort_by_key(|o| o.requested_on_utc),
    }
    if descending {
        ops.reverse();
    }
    let base = format!("/companies/{company_id}/push");
    let extra = [("query", paging.query()), ("orderBy", paging.order_by())];
    Ok(Json(page_of(&ops, page, size, &base, &original, &extra)))
}
