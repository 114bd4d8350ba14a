//! `WebhookVerifier`: checks Codat webhook deliveries without a client.

use std::collections::HashMap;
use std::sync::Arc;

use crate::errors::{FeedrailError, guarded};
use crate::json::{JsonText, WebhookEvent};

/// Verifies deliveries signed with one endpoint's secret (`whsec_…`), refusing a delivery seen
/// before (a replay) and one whose timestamp is more than `toleranceSeconds` (default 300) off.
#[derive(uniffi::Object)]
pub struct WebhookVerifier {
    inner: feedrail::webhooks::Verifier,
}

#[uniffi::export]
impl WebhookVerifier {
    /// A verifier for `secret`.
    #[uniffi::constructor(default(tolerance_seconds = None))]
    pub fn new(secret: String, tolerance_seconds: Option<f64>) -> Result<Arc<Self>, FeedrailError> {
        guarded(|| {
            Ok(Arc::new(WebhookVerifier {
                inner: feedrail_bindings::webhooks::verifier(&secret, tolerance_seconds)?,
            }))
        })
    }

    /// The event of a delivery (`body` as received, its headers), or `WebhookSignature`,
    /// `WebhookReplay` or `WebhookPayload`.
    pub fn verify(
        &self,
        body: String,
        headers: HashMap<String, String>,
    ) -> Result<WebhookEvent, FeedrailError> {
        guarded(|| {
            let headers: Vec<(String, String)> = headers.into_iter().collect();
            let event =
                feedrail_bindings::webhooks::verify_with(&self.inner, body.as_bytes(), &headers)?;
            WebhookEvent::of(&event)
        })
    }
}
