//! The connection's other bank-feed endpoints, answered for Sage as Codat answers: the push
//! model, company information (not for Sage), credentials (QuickBooks Online only) and account
//! mapping (listed; created inside Sage, not through the API).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Extension, Path, State};
use feedrail::{
    AccountMapping, AccountStatus, CompanyInformation, Credentials, MAX_BATCH_SIZE, Profile,
    PushFieldValidation, PushOption, PushOptionChoice, PushValidationInfo, TransactionType,
};

use crate::app::App;
use crate::errors::ApiError;
use crate::pipeline::Caller;
use crate::state::{ConnectionRec, lock};

/// Runs `f` on the caller's connection, or answers Codat's 403/404.
fn with_connection<T>(
    app: &App,
    caller: &str,
    company_id: &str,
    connection_id: &str,
    f: impl FnOnce(&ConnectionRec) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let store = lock(&app.store);
    f(store
        .company(caller, company_id)?
        .connection(connection_id)?)
}

fn field(option_type: &str, name: &str, description: &str, required: bool) -> PushOption {
    PushOption {
        option_type: option_type.to_owned(),
        display_name: name.to_owned(),
        description: Some(description.to_owned()),
        required,
        properties: None,
        options: None,
        validation: None,
    }
}

fn rule(field: &str, details: &str) -> PushFieldValidation {
    PushFieldValidation {
        field: Some(field.to_owned()),
        details: details.to_owned(),
        reference: None,
    }
}

/// Sage's model of a push: every line's six mandatory fields and the statement rules.
fn sage_push_model() -> PushOption {
    let sage = Profile::sage();
    // A line's fields: whether each is required comes from the Sage profile the rules use.
    const LINE: [(&str, &str, &str, &str); 9] = [
        ("id", "String", "Id", "Unique id of the transaction."),
        (
            "date",
            "DateTime",
            "Date",
            "Local date and time of the transaction (any offset is ignored).",
        ),
        (
            "description",
            "String",
            "Description",
            "Text shown in Sage.",
        ),
        (
            "amount",
            "Number",
            "Amount",
            "Signed amount: credits positive, debits negative.",
        ),
        (
            "balance",
            "Number",
            "Balance",
            "Account balance after the transaction; the last one becomes the account's balance.",
        ),
        (
            "transactionType",
            "String",
            "Transaction type",
            "Kind of transaction.",
        ),
        ("counterparty", "String", "Counterparty", "The other party."),
        ("reference", "String", "Reference", "Payment reference."),
        (
            "reconciled",
            "Boolean",
            "Reconciled",
            "Whether it is reconciled.",
        ),
    ];
    let mut line = BTreeMap::new();
    for (name, kind, display, description) in LINE {
        let required = sage.required().iter().any(|f| f.as_str() == name);
        line.insert(name.to_owned(), field(kind, display, description, required));
    }
    if let Some(kind) = line.get_mut("transactionType") {
        kind.options = Some(
            TransactionType::ALL
                .iter()
                .map(|t| PushOptionChoice {
                    value: t.as_str().to_owned(),
                    option_type: Some("String".to_owned()),
                    display_name: Some(t.as_str().to_owned()),
                    description: None,
                    required: None,
                })
                .collect(),
        );
    }
    let mut transactions = field(
        "Array",
        "Transactions",
        "Bank transactions, oldest first.",
        true,
    );
    transactions.properties = Some(line);
    transactions.validation = Some(PushValidationInfo {
        warnings: Some(
            [
                (
                    true,
                    "transactions",
                    format!(
                        "At most {MAX_BATCH_SIZE} transactions per push, for one source account."
                    ),
                ),
                (
                    sage.chronological(),
                    "transactions.date",
                    "Transactions must be in chronological order.".to_owned(),
                ),
                (
                    sage.not_older_than_latest(),
                    "transactions.date",
                    "Transactions older than the newest one already on the account are refused."
                        .to_owned(),
                ),
                (
                    sage.no_future_dates(),
                    "transactions.date",
                    "Transactions dated in the future are refused.".to_owned(),
                ),
                (
                    true,
                    "transactions",
                    "Push again only once the previous push to the account has finished."
                        .to_owned(),
                ),
            ]
            .into_iter()
            .filter(|(applies, _, _)| *applies)
            .map(|(_, field, details)| rule(field, &details))
            .collect(),
        ),
        information: None,
    });
    let mut properties = BTreeMap::new();
    properties.insert(
        "accountId".to_owned(),
        field(
            "String",
            "Account id",
            "The source account the transactions belong to.",
            true,
        ),
    );
    properties.insert("transactions".to_owned(), transactions);
    let mut model = field(
        "Object",
        "Bank transactions",
        "Bank transactions for Sage Bank Feeds.",
        true,
    );
    model.properties = Some(properties);
    model
}

/// `GET …/options/bankAccounts/{accountId}/bankTransactions`
pub async fn push_model(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id, account_id)): Path<(String, String, String)>,
) -> Result<Json<PushOption>, ApiError> {
    with_connection(&app, &caller, &company_id, &connection_id, |c| {
        c.account(&account_id).map(|_| ())
    })?;
    Ok(Json(sage_push_model()))
}

/// `GET …/bankFeeds/info`: Codat supports it for Xero and Oracle NetSuite, not Sage.
pub async fn company_information(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id)): Path<(String, String)>,
) -> Result<Json<CompanyInformation>, ApiError> {
    with_connection(&app, &caller, &company_id, &connection_id, |_| {
        Err(ApiError::bad_request(
            "Company information is not supported for Sage bank feeds connections (Codat offers it for Xero and Oracle NetSuite).",
        ))
    })
}

fn qbo_only() -> ApiError {
    ApiError::bad_request(
        "Source account credentials are for QuickBooks Online bank feeds only; a Sage user connects with the connection id and a one-time password.",
    )
}

/// `POST …/connectionInfo/bankFeedAccounts/credentials` (QuickBooks Online only).
pub async fn generate_credentials(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id)): Path<(String, String)>,
) -> Result<Json<Credentials>, ApiError> {
    with_connection(&app, &caller, &company_id, &connection_id, |_| {
        Err(qbo_only())
    })
}

/// `DELETE …/connectionInfo/bankFeedAccounts/credentials` (QuickBooks Online only).
pub async fn delete_credentials(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id)): Path<(String, String)>,
) -> Result<axum::http::StatusCode, ApiError> {
    with_connection(&app, &caller, &company_id, &connection_id, |_| {
        Err(qbo_only())
    })
}

/// `GET …/bankFeedAccounts/mapping`: each source account; a connected one with its target.
pub async fn list_mappings(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id)): Path<(String, String)>,
) -> Result<Json<Vec<AccountMapping>>, ApiError> {
    with_connection(&app, &caller, &company_id, &connection_id, |c| {
        Ok(Json(
            c.accounts
                .iter()
                .map(|rec| {
                    let a = &rec.account;
                    let connected = a.status == Some(AccountStatus::Connected);
                    AccountMapping {
                        source_account_id: Some(a.id.clone()),
                        source_account_name: a.account_name.clone(),
                        source_account_number: a.account_number.clone(),
                        source_balance: a.balance,
                        source_currency: a.currency.clone(),
                        target_account_id: connected.then(|| format!("sage-{}", a.id)),
                        target_account_name: connected.then(|| a.account_name.clone()).flatten(),
                        status: a.status.map(|s| s.as_str().to_owned()),
                        target_account_options: None,
                        feed_start_date: a.feed_start_date,
                    }
                })
                .collect(),
        ))
    })
}

/// `POST …/bankFeedAccounts/mapping`: Sage maps accounts inside Sage ("Accounting Platform
/// Mapping" only), so the API refuses it.
pub async fn create_mapping(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Json<feedrail::AccountMappingResult>, ApiError> {
    let _: feedrail::AccountMappingRequest = super::json(&body)?;
    with_connection(&app, &caller, &company_id, &connection_id, |_| {
        Err(ApiError::bad_request(
            "Sage bank feeds are mapped inside Sage: the Sage user picks the source account when connecting with the connection id and one-time password.",
        ))
    })
}
