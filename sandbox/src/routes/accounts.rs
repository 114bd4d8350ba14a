//! Source accounts under `.../connectionInfo/bankFeedAccounts`, with Codat's rules for Sage.

use std::sync::{Arc, Mutex};

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use feedrail::{
    AccountStatus, BatchCreateItem, BatchCreateResult, SourceAccount, SourceAccountPrototype,
    SourceAccountUpdate, StatusCode as ItemStatus,
};

use super::json;
use crate::app::App;
use crate::errors::ApiError;
use crate::pipeline::Caller;
use crate::state::{AccountRec, ConnectionRec, Ledger, lock};

/// Checks a prototype against what Sage's setup guide requires; the account when it passes.
fn new_account(proto: SourceAccountPrototype) -> Result<SourceAccount, String> {
    let mut missing = Vec::new();
    if proto.id.trim().is_empty() {
        missing.push("id");
    }
    for (name, value) in [
        ("accountName", &proto.account_name),
        ("accountType", &proto.account_type),
        ("accountNumber", &proto.account_number),
        ("currency", &proto.currency),
    ] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            missing.push(name);
        }
    }
    if proto.balance.is_none() {
        missing.push("balance");
    }
    if proto.currency.as_deref() == Some("GBP")
        && proto.sort_code.as_deref().is_none_or(str::is_empty)
    {
        missing.push("sortCode");
    }
    if !missing.is_empty() {
        return Err(format!(
            "Sage Bank Feeds requires {} on a source account (sortCode for GBP accounts).",
            missing.join(", ")
        ));
    }
    Ok(SourceAccount {
        id: proto.id,
        account_name: proto.account_name,
        account_type: proto.account_type,
        account_number: proto.account_number,
        sort_code: proto.sort_code,
        currency: proto.currency,
        balance: proto.balance,
        modified_date: Some(proto.modified_date.unwrap_or_else(Utc::now)),
        status: Some(AccountStatus::Pending),
        feed_start_date: None,
    })
}

const DUPLICATE: &str = "A bank account already exists with the same Id";

fn insert(connection: &mut ConnectionRec, account: SourceAccount) -> Result<SourceAccount, ()> {
    if connection
        .accounts
        .iter()
        .any(|a| a.account.id == account.id)
    {
        return Err(());
    }
    connection.accounts.push(AccountRec {
        account: account.clone(),
        ledger: Arc::new(Mutex::new(Ledger::default())),
        queue: None,
    });
    Ok(account)
}

/// `POST .../connectionInfo/bankFeedAccounts`
pub async fn create(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<SourceAccount>, ApiError> {
    let proto: SourceAccountPrototype = json(&body)?;
    let mut store = lock(&app.store);
    let connection = store
        .company_mut(&caller, &company_id)?
        .connection_mut(&connection_id)?;
    let account = new_account(proto).map_err(ApiError::bad_request)?;
    insert(connection, account)
        .map(Json)
        .map_err(|()| ApiError::bad_request(DUPLICATE))
}

/// `POST .../connectionInfo/bankFeedAccounts/batch`: 201 when all are created, 409 when all
/// already existed, 207 otherwise; one result per account either way.
pub async fn create_batch(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let protos: Vec<SourceAccountPrototype> = json(&body)?;
    if protos.is_empty() {
        return Err(ApiError::bad_request(
            "The batch is empty: send at least one source account.",
        ));
    }
    let mut store = lock(&app.store);
    let connection = store
        .company_mut(&caller, &company_id)?
        .connection_mut(&connection_id)?;
    let mut items = Vec::with_capacity(protos.len());
    let (mut created, mut conflicts) = (0, 0);
    for proto in protos {
        let id = proto.id.clone();
        let result = match new_account(proto) {
            Err(message) => failure("400", message),
            Ok(account) => match insert(connection, account) {
                Ok(account) => {
                    created += 1;
                    BatchCreateResult {
                        status_code: ItemStatus::Number(201),
                        error: None,
                        account: Some(account),
                    }
                }
                Err(()) => {
                    conflicts += 1;
                    failure("409", DUPLICATE.to_owned())
                }
            },
        };
        items.push(BatchCreateItem {
            source_account_id: id,
            result,
        });
    }
    let status = if created == items.len() {
        StatusCode::CREATED
    } else if conflicts == items.len() {
        StatusCode::CONFLICT
    } else {
        StatusCode::MULTI_STATUS
    };
    Ok((status, Json(items)).into_response())
}

fn failure(code: &str, message: String) -> BatchCreateResult {
    BatchCreateResult {
        status_code: ItemStatus::Text(code.to_owned()),
        error: Some(message),
        account: None,
    }
}

/// `GET .../connectionInfo/bankFeedAccounts`: a bare array.
pub async fn list(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id)): Path<(String, String)>,
) -> Result<Json<Vec<SourceAccount>>, ApiError> {
    let store = lock(&app.store);
    let connection = store
        .company(&caller, &company_id)?
        .connection(&connection_id)?;
    Ok(Json(
        connection
            .accounts
            .iter()
            .map(|a| a.account.clone())
            .collect(),
    ))
}

/// `PATCH .../bankFeedAccounts/{accountId}`: `accountName`; `status` only to `disconnected`;
/// `balance` only while the account is not connected.
pub async fn update(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id, account_id)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Json<SourceAccount>, ApiError> {
    let raw: serde_json::Value = json(&body)?;
    let Some(fields) = raw.as_object() else {
        return Err(ApiError::bad_request("The body must be an object."));
    };
    // The spec's body is a `SourceAccount`, whose `id` is required: it must name the account
    // in the path.
    if let Some(id) = fields.get("id")
        && id.as_str() != Some(account_id.as_str())
    {
        return Err(ApiError::bad_request(format!(
            "id {id} does not match the account in the path ({account_id:?})."
        )));
    }
    if let Some(other) = fields
        .keys()
        .find(|k| !["id", "accountName", "status", "balance"].contains(&k.as_str()))
    {
        return Err(ApiError::bad_request(format!(
            "{other} cannot be updated: only accountName, status and balance can."
        )));
    }
    let update: SourceAccountUpdate = json(&body)?;
    let mut store = lock(&app.store);
    let rec = store
        .company_mut(&caller, &company_id)?
        .connection_mut(&connection_id)?
        .account_mut(&account_id)?;
    if let Some(status) = update.status
        && status != AccountStatus::Disconnected
    {
        return Err(ApiError::bad_request(
            "status can only be updated to 'disconnected'.",
        ));
    }
    if update.balance.is_some() && rec.account.status == Some(AccountStatus::Connected) {
        return Err(ApiError::bad_request(
            "balance can only be updated on accounts that are not connected.",
        ));
    }
    let account = &mut rec.account;
    if let Some(name) = update.account_name {
        account.account_name = Some(name);
    }
    if let Some(status) = update.status {
        account.status = Some(status);
    }
    if let Some(balance) = update.balance {
        account.balance = Some(balance);
    }
    account.modified_date = Some(Utc::now());
    Ok(Json(account.clone()))
}

/// `DELETE .../bankFeedAccounts/{accountId}`: 204.
pub async fn delete(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id, account_id)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let mut store = lock(&app.store);
    let connection = store
        .company_mut(&caller, &company_id)?
        .connection_mut(&connection_id)?;
    connection.account(&account_id)?;
    connection.accounts.retain(|a| a.account.id != account_id);
    Ok(StatusCode::NO_CONTENT)
}
