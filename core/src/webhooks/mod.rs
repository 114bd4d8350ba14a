//! Codat webhooks: verify a delivery's Svix signature and read its typed event, then hand the
//! event to the client ([`crate::Client::handle_event`]) so that the waits it ends end at once.
//!
//! ```
//! use feedrail::webhooks::{Verifier, WebhookHeaders, WebhookSecret};
//! let secret = WebhookSecret::from_bytes(b"an endpoint's signing key".to_vec());
//! let body = br#"{"id":"e1","eventType":"client.rateLimit.reset","payload":{"quotaRemaining":1000}}"#;
//! let now = chrono::Utc::now().timestamp();
//! let headers = WebhookHeaders::from_pairs([
//!     ("svix-id", "msg_1".to_owned()),
//!     ("svix-timestamp", now.to_string()),
//!     ("svix-signature", secret.sign("msg_1", now, body)),
//! ]);
//! let verifier = Verifier::new(&secret.expose()).unwrap();
//! let event = verifier.verify(body, &headers).unwrap();
//! assert_eq!(event.event_type, "client.rateLimit.reset");
//! // The same delivery again is a replay.
//! assert_eq!(verifier.verify(body, &headers).unwrap_err().code().as_str(), "WEBHOOK_REPLAY");
//! ```

mod event;
mod signature;

pub use event::{
    Event, Payload, RATE_LIMIT_REACHED, RATE_LIMIT_RESET, RateLimitChanged, ReferenceCompany,
    SOURCE_ACCOUNT_CONNECTED, SOURCE_ACCOUNT_DISCONNECTED, SourceAccountChanged, WRITE_SUCCESSFUL,
    WRITE_UNSUCCESSFUL, WriteCompleted,
};
pub use signature::{DEFAULT_TOLERANCE, Verifier, WebhookHeaders, WebhookSecret, verify};
