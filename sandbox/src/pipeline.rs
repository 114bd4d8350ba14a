//! What every API request goes through before its handler: authentication, the daily quota, the
//! per-company concurrency cap, `Idempotency-Key`, and injected faults. Rate-limit headers go on
//! every response.

use std::sync::Arc;

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use crate::app::App;
use crate::errors::ApiError;
use crate::faults::RequestFault;
use crate::idempotency::{CachedResponse, Lookup};
use crate::ratelimit::QuotaState;

/// The caller's raw API key, for handlers (companies belong to the key that created them).
#[derive(Debug, Clone)]
pub struct Caller(pub String);

/// Runs the checks, then the handler.
pub async fn pipeline(State(app): State<Arc<App>>, mut req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let limit = app.settings().daily_quota;
    let Some(caller) = app.authenticate(req.headers()) else {
        let quota = app.limits.peek_quota(None, limit);
        return finish(
            ApiError::unauthorized().into_response(),
            &quota,
            &method,
            &path,
        );
    };
    let taken = app.limits.take_quota(&caller, limit);
    let (Ok(q) | Err(q)) = &taken;
    app.announce_quota(q);
    let quota = match taken {
        Ok(q) => q,
        Err(q) => {
            let resp = ApiError::rate_limited(q.seconds_to_reset()).into_response();
            return finish(resp, &q, &method, &path);
        }
    };
    req.extensions_mut().insert(Caller(caller.clone()));
    // A request that arrived is handled to the end even if the client goes away (as a real
    // server does), so an Idempotency-Key never stays "in flight" for a request nobody finishes.
    let handled = tokio::spawn({
        let app = Arc::clone(&app);
        async move { guarded(&app, &caller, req, next).await }
    });
    let response = handled
        .await
        .unwrap_or_else(|_| ApiError::internal().into_response());
    finish(response, &quota, &method, &path)
}

fn finish(mut response: Response, quota: &QuotaState, method: &Method, path: &str) -> Response {
    let headers = response.headers_mut();
    headers.insert("x-rate-limit-limit", HeaderValue::from(quota.limit));
    headers.insert("x-rate-limit-remaining", HeaderValue::from(quota.remaining));
    if let Ok(v) = HeaderValue::from_str(&feedrail::date::format_timestamp(&quota.reset)) {
        headers.insert("x-rate-limit-reset", v);
    }
    tracing::debug!(%method, path, status = response.status().as_u16(), "request");
    response
}

/// The company a path is about (`/companies/{id}/...`).
fn company_of(path: &str) -> Option<&str> {
    let mut parts = path.trim_start_matches('/').split('/');
    match (parts.next(), parts.next()) {
        (Some("companies"), Some(id)) if !id.is_empty() => Some(id),
        _ => None,
    }
}

async fn guarded(app: &Arc<App>, caller: &str, req: Request, next: Next) -> Response {
    let _slot = match company_of(req.uri().path()) {
        Some(company) => {
            let max = app.settings().concurrency_per_company;
            match app.limits.enter_company(company, max) {
                Some(slot) => Some(slot),
                None => return ApiError::rate_limited(1).into_response(),
            }
        }
        None => None,
    };
    let key = match idempotency_key(&req) {
        Ok(k) => k,
        Err(e) => return e.into_response(),
    };
    let (parts, body) = req.into_parts();
    // Past the limit (a client that goes away mid-body gets no answer anyway).
    let bytes = match to_bytes(body, crate::routes::MAX_BODY).await {
        Ok(b) => b,
        Err(_) => return ApiError::payload_too_large().into_response(),
    };
    let Some(key) = key else {
        return match with_faults(app, Request::from_parts(parts, Body::from(bytes)), next).await {
            Outcome::Respond(r) => r,
            Outcome::ResetBefore | Outcome::ResetAfter(_) => reset_connection(),
        };
    };

    let fingerprint = fingerprint(&parts.method, parts.uri.path(), &bytes);
    let ttl = std::time::Duration::from_secs(app.settings().idempotency_ttl_secs);
    let outcome = match app.idempotency.begin(caller, key, fingerprint, ttl) {
        Lookup::Replay(cached) => return cached.replay(),
        Lookup::InFlight => {
            return ApiError::new(
                StatusCode::CONFLICT,
                "A request with this Idempotency-Key is still being processed; retry later.",
            )
            .into_response();
        }
        Lookup::Mismatch => {
            return ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "This Idempotency-Key was already used with a different request; use a new key.",
            )
            .into_response();
        }
        Lookup::Fresh => {
            let mut claim = Claim {
                app,
                caller,
                key,
                settled: false,
            };
            let outcome =
                with_faults(app, Request::from_parts(parts, Body::from(bytes)), next).await;
            claim.settled = true;
            outcome
        }
    };
    match outcome {
        Outcome::ResetBefore => {
            app.idempotency.release(caller, key);
            reset_connection()
        }
        Outcome::Respond(response) => keep(app, caller, key, response).await,
        Outcome::ResetAfter(response) => {
            keep(app, caller, key, response).await;
            reset_connection()
        }
    }
}

/// Releases an Idempotency-Key marked in flight if handling ends without an outcome (a panic).
struct Claim<'a> {
    app: &'a App,
    caller: &'a str,
    key: Uuid,
    settled: bool,
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        if !self.settled {
            self.app.idempotency.release(self.caller, self.key);
        }
    }
}

/// Reads `Idempotency-Key` on POST and PATCH: absent, or exactly one GUID.
fn idempotency_key(req: &Request) -> Result<Option<Uuid>, ApiError> {
    if req.method() != Method::POST && req.method() != Method::PATCH {
        return Ok(None);
    }
    let mut values = req.headers().get_all("idempotency-key").iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(ApiError::bad_request(
            "Only one Idempotency-Key header is allowed.",
        ));
    }
    value
        .to_str()
        .ok()
        .and_then(|v| Uuid::parse_str(v.trim()).ok())
        .map(Some)
        .ok_or_else(|| ApiError::bad_request("Idempotency-Key must be a GUID."))
}

fn fingerprint(method: &Method, path: &str, body: &[u8]) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [method.as_str().as_bytes(), path.as_bytes(), body] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    h.digest128()
}

/// Keeps `response` under `key` (unless it is a 429) and returns it.
async fn keep(app: &App, caller: &str, key: Uuid, response: Response) -> Response {
    if response.status() == StatusCode::TOO_MANY_REQUESTS {
        app.idempotency.release(caller, key);
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        app.idempotency.release(caller, key);
        return ApiError::internal().into_response();
    };
    let mut headers = HeaderMap::new();
    for name in [header::CONTENT_TYPE, header::RETRY_AFTER] {
        if let Some(v) = parts.headers.get(&name) {
            headers.insert(name, v.clone());
        }
    }
    app.idempotency.complete(
        caller,
        key,
        CachedResponse {
            status: parts.status,
            headers,
            body: bytes.clone(),
        },
    );
    Response::from_parts(parts, Body::from(bytes))
}

enum Outcome {
    Respond(Response),
    ResetBefore,
    ResetAfter(Response),
}

async fn with_faults(app: &App, req: Request, next: Next) -> Outcome {
    let (fault, latency) = app.faults.roll_request();
    if let Some(delay) = latency {
        tokio::time::sleep(delay).await;
    }
    match fault {
        RequestFault::None => Outcome::Respond(next.run(req).await),
        RequestFault::Error500 => Outcome::Respond(ApiError::internal().into_response()),
        RequestFault::Error503 => Outcome::Respond(ApiError::unavailable().into_response()),
        RequestFault::RateLimited => Outcome::Respond(ApiError::rate_limited(1).into_response()),
        RequestFault::ResetBeforeCommit => Outcome::ResetBefore,
        RequestFault::ResetAfterCommit => Outcome::ResetAfter(next.run(req).await),
    }
}

/// A response whose body fails at once, so the server aborts the connection mid-response: the
/// client sees a reset, never a complete answer.
fn reset_connection() -> Response {
    let failing = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "connection reset injected by the sandbox",
        ))
    });
    let mut response = Response::new(Body::from_stream(failing));
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from_static("4096"));
    response
}
