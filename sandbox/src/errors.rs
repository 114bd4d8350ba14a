//! Codat-shaped error responses: every error carries an `ErrorMessage` body with a fresh
//! correlation id.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use feedrail::{ErrorBody, Validation, ValidationItem};

/// An error the sandbox answers with, as Codat would.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Codat service name (`PublicApi`, `ClientsApi`, ...).
    pub service: &'static str,
    /// Human-readable error.
    pub message: String,
    /// `canBeRetried`: `True`, `False` or `Unknown`.
    pub can_be_retried: &'static str,
    /// Seconds to wait, sent as `Retry-After`.
    pub retry_after: Option<u64>,
    /// Per-item findings.
    pub validation: Option<Vec<ValidationItem>>,
}

impl ApiError {
    /// The same error as the client would report it (`NOT_FOUND` for a 404, `BAD_REQUEST` for a
    /// 400…), for calls made on the sandbox in-process; `operation` names the call.
    pub fn into_error(self, operation: &str) -> feedrail::Error {
        feedrail::Error::Api(Box::new(feedrail::ApiFailure::unanswered(
            "sandbox",
            operation.to_owned(),
            self.status.as_u16(),
            self.message,
        )))
    }

    /// An error with `PublicApi` as the service and `canBeRetried: Unknown`.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            service: "PublicApi",
            message: message.into(),
            can_be_retried: "Unknown",
            retry_after: None,
            validation: None,
        }
    }

    /// 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message).not_retryable()
    }

    /// 401 Unauthorized.
    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "Unauthorized").not_retryable()
    }

    /// 403 Forbidden: the key does not own the resource.
    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "You are using an outdated API key or a key not associated with that resource.",
        )
        .not_retryable()
    }

    /// 404 Not Found.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message).not_retryable()
    }

    /// 404 for an unknown company, as `ClientsApi` words it.
    pub fn company_not_found(company_id: &str) -> Self {
        let mut e = Self::not_found(format!("No company was found with ID {company_id}"));
        e.service = "ClientsApi";
        e
    }

    /// 413: a body over the sandbox's (Codat's) 32 MB limit.
    pub fn payload_too_large() -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "The request body is larger than {} MB.",
                crate::routes::MAX_BODY / (1024 * 1024)
            ),
        )
        .not_retryable()
    }

    /// 429 Too Many Requests, with `Retry-After`.
    pub fn rate_limited(retry_after: u64) -> Self {
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "You have made too many requests in a given amount of time; please retry later.",
        );
        e.can_be_retried = "True";
        e.retry_after = Some(retry_after);
        e
    }

    /// 500 Internal Server Error.
    pub fn internal() -> Self {
        let mut e = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "There is a problem with our server. Please try again later.",
        );
        e.can_be_retried = "True";
        e
    }

    /// 503 Service Unavailable.
    pub fn unavailable() -> Self {
        let mut e = Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "The Codat API is down for maintenance. Please try again later.",
        );
        e.can_be_retried = "True";
        e.retry_after = Some(1);
        e
    }

    fn not_retryable(mut self) -> Self {
        self.can_be_retried = "False";
        self
    }

    /// The JSON body.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            status_code: Some(self.status.as_u16()),
            service: Some(self.service.to_owned()),
            error: Some(self.message.clone()),
            correlation_id: Some(uuid::Uuid::new_v4().simple().to_string()),
            validation: self.validation.clone().map(|errors| Validation {
                errors: Some(errors),
                warnings: Some(Vec::new()),
            }),
            can_be_retried: Some(self.can_be_retried.to_owned()),
            detailed_error_code: Some(0),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.service,
            self.message
        )
    }
}

impl std::error::Error for ApiError {}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body())).into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
