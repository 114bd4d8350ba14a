//! Webhooks for the bindings: verifying a delivery given as body bytes and header pairs, and
//! handing events (as JSON) to a client.

use feedrail::webhooks::{self, Event, Verifier, WebhookHeaders};
use feedrail::{Client, Error};
use serde_json::Value;

use crate::settings::duration;

/// The tolerance in seconds as a duration (default 5 minutes).
fn tolerance(seconds: Option<f64>) -> Result<std::time::Duration, Error> {
    seconds.map_or(Ok(webhooks::DEFAULT_TOLERANCE), |s| {
        duration("tolerance", s)
    })
}

/// An event as JSON (wire spelling).
pub fn event_json(event: &Event) -> Result<Value, Error> {
    serde_json::to_value(event).map_err(|e| Error::Internal {
        message: format!("cannot convert an event: {e}"),
    })
}

/// Checks one delivery's signature and timestamp (no replay check) and returns its event.
pub fn verify(
    body: &[u8],
    headers: &[(String, String)],
    secret: &str,
    tolerance_seconds: Option<f64>,
) -> Result<Value, Error> {
    // A verifier that has seen nothing refuses no id as a replay.
    verify_with(&verifier(secret, tolerance_seconds)?, body, headers)
}

/// A verifier that also refuses replayed deliveries.
pub fn verifier(secret: &str, tolerance_seconds: Option<f64>) -> Result<Verifier, Error> {
    Ok(Verifier::new(secret)?.with_tolerance(tolerance(tolerance_seconds)?))
}

/// [`Verifier::verify`] with header pairs, as JSON.
pub fn verify_with(
    verifier: &Verifier,
    body: &[u8],
    headers: &[(String, String)],
) -> Result<Value, Error> {
    let headers = WebhookHeaders::from_pairs(headers.iter().map(|(k, v)| (k, v)));
    event_json(&verifier.verify(body, &headers)?)
}

/// [`Client::handle_webhook`] with header pairs, as JSON.
pub fn handle_webhook(
    client: &Client,
    body: &[u8],
    headers: &[(String, String)],
) -> Result<Value, Error> {
    let headers = WebhookHeaders::from_pairs(headers.iter().map(|(k, v)| (k, v)));
    event_json(&client.handle_webhook(body, &headers)?)
}

/// [`Client::handle_event`] with an event given as JSON (wire spelling).
pub fn handle_event(client: &Client, event: Value) -> Result<(), Error> {
    let event: Event = serde_json::from_value(event).map_err(|e| {
        Error::config(format!(
            "event is not a Codat webhook event {{id, eventType, generatedDate, payload}}: {e}"
        ))
    })?;
    client.handle_event(&event);
    Ok(())
}
