//! `POST/GET /companies` and their Sage Bank Feeds connections.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, OriginalUri, Path, Query, State};
use chrono::Utc;
use feedrail::{
    Company, CompanyRequest, Connection, ConnectionRequest, ConnectionStatus, Links, Page,
    SAGE_PLATFORM_KEY,
};
use uuid::Uuid;

use super::json;
use crate::app::App;
use crate::errors::ApiError;
use crate::pipeline::Caller;
use crate::state::{CompanyRec, ConnectionRec, lock};

/// `POST /companies`
pub async fn create_company(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    body: Bytes,
) -> Result<Json<Company>, ApiError> {
    let request: CompanyRequest = json(&body)?;
    // Codat strips characters outside its allowed set rather than refusing them.
    let name: String = request
        .name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || c.is_whitespace() || "-',&@.?!".contains(*c))
        .collect();
    if name.trim().is_empty() {
        return Err(ApiError::bad_request(
            "name: a company name of at least one letter or digit is required.",
        ));
    }
    let id = Uuid::new_v4().to_string();
    let company = Company {
        redirect: format!("https://link.codat.io/company/{id}"),
        id: id.clone(),
        name,
        description: request.description,
        created: Some(Utc::now()),
        created_by_user_name: Some("feedrail sandbox".to_owned()),
        data_connections: None,
    };
    let rec = CompanyRec {
        company,
        owner: caller,
        connections: Vec::new(),
        pushes: Vec::new(),
        push_index: HashMap::new(),
    };
    let view = rec.view();
    lock(&app.store).companies.insert(id, rec);
    Ok(Json(view))
}

/// `GET /companies/{companyId}`
pub async fn get_company(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path(company_id): Path<String>,
) -> Result<Json<Company>, ApiError> {
    let store = lock(&app.store);
    Ok(Json(store.company(&caller, &company_id)?.view()))
}

/// `POST /companies/{companyId}/connections`
pub async fn create_connection(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path(company_id): Path<String>,
    body: Bytes,
) -> Result<Json<Connection>, ApiError> {
    let request: ConnectionRequest = json(&body)?;
    let key = request.platform_key;
    if key.len() != 4 || !key.bytes().all(|b| b.is_ascii_lowercase()) {
        return Err(ApiError::bad_request(format!(
            "platformKey {key:?} is not a valid integration key (four lower-case letters)."
        )));
    }
    if key != SAGE_PLATFORM_KEY {
        return Err(ApiError::bad_request(format!(
            "The sandbox emulates Sage Bank Feeds only: use platformKey \"{SAGE_PLATFORM_KEY}\", not {key:?}."
        )));
    }
    let mut store = lock(&app.store);
    let company = store.company_mut(&caller, &company_id)?;
    let id = Uuid::new_v4().to_string();
    let connection = Connection {
        link_url: format!(
            "https://link-api.codat.io/companies/{company_id}/connections/{id}/start"
        ),
        id,
        integration_id: "2ce41026-589a-4330-8bfc-a30672253cd9".to_owned(),
        integration_key: Some(SAGE_PLATFORM_KEY.to_owned()),
        source_id: "98432954-a4fa-4640-a685-3af56909002a".to_owned(),
        platform_name: "SageBankFeed".to_owned(),
        status: ConnectionStatus::PendingAuth,
        created: Utc::now(),
        source_type: "BankFeed".to_owned(),
        last_sync: None,
    };
    company.connections.push(ConnectionRec {
        connection: connection.clone(),
        accounts: Vec::new(),
        otps: Vec::new(),
    });
    Ok(Json(connection))
}

/// `POST /companies/{companyId}/connections/{connectionId}/bankFeeds/otp` (Sage only): valid
/// for the `otpLifetimeSecs` setting (Codat does not say how long; 10 minutes by default).
pub async fn generate_otp(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id)): Path<(String, String)>,
) -> Result<Json<feedrail::Otp>, ApiError> {
    let lifetime = chrono::Duration::seconds(app.settings().otp_lifetime_secs as i64);
    let mut store = lock(&app.store);
    let connection = store
        .company_mut(&caller, &company_id)?
        .connection_mut(&connection_id)?;
    if connection.connection.integration_key.as_deref() != Some(SAGE_PLATFORM_KEY) {
        return Err(ApiError::bad_request(
            "One-time passwords are issued for Sage bank feeds connections only.",
        ));
    }
    let now = Utc::now();
    connection.otps.retain(|o| o.expiry > now);
    let otp = feedrail::Otp {
        otp: new_otp(),
        expiry: now + lifetime,
    };
    connection.otps.push(otp.clone());
    Ok(Json(otp))
}

/// Six characters from upper-case letters and digits, as Codat's example `GT40U4`.
fn new_otp() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..6)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// Paging parameters shared by list endpoints.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Paging {
    page: Option<String>,
    page_size: Option<String>,
    query: Option<String>,
    order_by: Option<String>,
}

impl Paging {
    /// Page (≥ 1) and page size (1..=5000), or Codat's 400.
    pub fn numbers(&self) -> Result<(u32, u32), ApiError> {
        let page = parse_bounded(self.page.as_deref(), "page", 1, 1, u32::MAX)?;
        let size = parse_bounded(self.page_size.as_deref(), "pageSize", 100, 1, 5000)?;
        Ok((page, size))
    }

    /// The `query` filter, if any.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }

    /// The `orderBy` field, if any.
    pub fn order_by(&self) -> Option<&str> {
        self.order_by.as_deref()
    }
}

fn parse_bounded(
    value: Option<&str>,
    name: &str,
    default: u32,
    min: u32,
    max: u32,
) -> Result<u32, ApiError> {
    match value {
        None => Ok(default),
        Some(v) => v
            .parse::<u32>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "{name} must be a whole number from {min} to {max}."
                ))
            }),
    }
}

/// One page of `items`, with Codat's `_links` built from `base` (the path) and the request.
pub fn page_of<T: Clone>(
    items: &[T],
    page: u32,
    size: u32,
    base: &str,
    original: &OriginalUri,
    extra: &[(&str, Option<&str>)],
) -> Page<T> {
    let start = (page as usize - 1).saturating_mul(size as usize);
    let results: Vec<T> = items
        .iter()
        .skip(start)
        .take(size as usize)
        .cloned()
        .collect();
    let href = |p: u32| {
        let mut href = format!("{base}?page={p}&pageSize={size}");
        for (name, value) in extra {
            if let Some(v) = value {
                let v =
                    percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC);
                href.push_str(&format!("&{name}={v}"));
            }
        }
        feedrail::Link { href }
    };
    let last_page = (items.len() as u64).div_ceil(size as u64).max(1) as u32;
    Page {
        results,
        page_number: page,
        page_size: size,
        total_results: items.len() as u64,
        links: Links {
            self_link: feedrail::Link {
                href: original.0.to_string(),
            },
            current: href(page),
            next: (page < last_page).then(|| href(page + 1)),
            previous: (page > 1).then(|| href(page - 1)),
        },
    }
}

/// `GET /companies/{companyId}/connections`
pub async fn list_connections(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path(company_id): Path<String>,
    original: OriginalUri,
    Query(paging): Query<Paging>,
) -> Result<Json<Page<Connection>>, ApiError> {
    let (page, size) = paging.numbers()?;
    let store = lock(&app.store);
    let company = store.company(&caller, &company_id)?;
    let all: Vec<Connection> = company
        .connections
        .iter()
        .map(|c| c.connection.clone())
        .collect();
    let base = format!("/companies/{company_id}/connections");
    Ok(Json(page_of(&all, page, size, &base, &original, &[])))
}

/// `GET /companies/{companyId}/connections/{connectionId}`
pub async fn get_connection(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id)): Path<(String, String)>,
) -> Result<Json<Connection>, ApiError> {
    let store = lock(&app.store);
    let company = store.company(&caller, &company_id)?;
    Ok(Json(company.connection(&connection_id)?.connection.clone()))
}

/// `GET /companies`: the caller's companies, oldest first, paged and filtered by `query`.
pub async fn list_companies(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    original: OriginalUri,
    Query(paging): Query<Paging>,
) -> Result<Json<Page<Company>>, ApiError> {
    let (page, size) = paging.numbers()?;
    let filter = crate::query::Filter::parse::<Company>(paging.query().unwrap_or_default())
        .map_err(ApiError::bad_request)?;
    if let Some(order) = paging.order_by() {
        return Err(ApiError::bad_request(format!(
            "orderBy {order:?} is not supported for companies; they are listed oldest first."
        )));
    }
    let store = lock(&app.store);
    let mut all: Vec<Company> = store
        .companies
        .values()
        .filter(|c| c.owner == caller)
        .map(CompanyRec::view)
        .filter(|c| filter.matches(c))
        .collect();
    drop(store);
    all.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
    let extra = [("query", paging.query())];
    Ok(Json(page_of(
        &all,
        page,
        size,
        "/companies",
        &original,
        &extra,
    )))
}

/// `DELETE /companies/{companyId}`: 204; the company, its connections, accounts and pushes go
/// (pending pushes are never processed).
pub async fn delete_company(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path(company_id): Path<String>,
) -> Result<axum::http::StatusCode, ApiError> {
    let mut store = lock(&app.store);
    store.company(&caller, &company_id)?;
    store.companies.remove(&company_id);
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// `DELETE /companies/{companyId}/connections/{connectionId}`: 200 with no body, as Codat's
/// spec says; the connection's source accounts go with it.
pub async fn delete_connection(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id)): Path<(String, String)>,
) -> Result<axum::http::StatusCode, ApiError> {
    let mut store = lock(&app.store);
    let company = store.company_mut(&caller, &company_id)?;
    company.connection(&connection_id)?;
    company
        .connections
        .retain(|c| c.connection.id != connection_id);
    Ok(axum::http::StatusCode::OK)
}

/// Body of the unlink `PATCH`: only `status`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ConnectionPatch {
    status: Option<ConnectionStatus>,
}

/// `PATCH /companies/{companyId}/connections/{connectionId}` with `{"status": "Unlinked"}`:
/// the connection stays but is unlinked; its connected source accounts become `disconnected`
/// (announced by webhook), so pushes to them fail until the user connects again.
pub async fn unlink_connection(
    State(app): State<Arc<App>>,
    Extension(Caller(caller)): Extension<Caller>,
    Path((company_id, connection_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Connection>, ApiError> {
    let patch: ConnectionPatch = json(&body)?;
    match patch.status {
        None => {}
        Some(ConnectionStatus::Unlinked) => {}
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "status: a connection can only be set to Unlinked here, not {other:?}."
            )));
        }
    }
    let mut store = lock(&app.store);
    let company = store.company_mut(&caller, &company_id)?;
    let reference = company.company.clone();
    let connection = company.connection_mut(&connection_id)?;
    let mut disconnected = Vec::new();
    if patch.status.is_some() {
        connection.connection.status = ConnectionStatus::Unlinked;
        let now = Utc::now();
        for rec in &mut connection.accounts {
            if rec.account.status == Some(feedrail::AccountStatus::Connected) {
                rec.account.status = Some(feedrail::AccountStatus::Disconnected);
                rec.account.modified_date = Some(now);
                disconnected.push(rec.account.clone());
            }
        }
    }
    let view = connection.connection.clone();
    drop(store);
    for account in &disconnected {
        app.webhooks
            .account_changed(&reference, &connection_id, account, false);
    }
    Ok(Json(view))
}
