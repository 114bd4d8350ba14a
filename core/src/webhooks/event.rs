//! Codat's webhook events, typed: the envelope `{id, eventType, generatedDate, payload}` and the
//! payloads feedrail acts on. Any other event type is kept as raw JSON, never refused.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::model::{PushStatus, SourceAccount};

/// `bankTransactions.write.successful`: a push ended `Success`.
pub const WRITE_SUCCESSFUL: &str = "bankTransactions.write.successful";
/// `bankTransactions.write.unsuccessful`: a push ended `Failed` or `TimedOut`.
pub const WRITE_UNSUCCESSFUL: &str = "bankTransactions.write.unsuccessful";
/// `bankFeeds.sourceAccount.connected`: the Sage user connected a source account.
pub const SOURCE_ACCOUNT_CONNECTED: &str = "bankFeeds.sourceAccount.connected";
/// `bankFeeds.sourceAccount.disconnected`: a source account was disconnected.
pub const SOURCE_ACCOUNT_DISCONNECTED: &str = "bankFeeds.sourceAccount.disconnected";
/// `client.rateLimit.reached`: the client's daily quota is used up.
pub const RATE_LIMIT_REACHED: &str = "client.rateLimit.reached";
/// `client.rateLimit.reset`: the daily quota was reset.
pub const RATE_LIMIT_RESET: &str = "client.rateLimit.reset";

/// One webhook delivery from Codat. Deserializing one types its payload by its event type.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "WebhookEvent")
)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// The event's id.
    pub id: String,
    /// Its type, e.g. `bankTransactions.write.successful`.
    pub event_type: String,
    /// When Codat generated it (absent when Codat's value is not a valid time).
    #[serde(
        default,
        deserialize_with = "lenient_time",
        serialize_with = "crate::date::timestamp_option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub generated_date: Option<DateTime<Utc>>,
    /// What happened.
    pub payload: Payload,
}

/// An event's payload: typed for the event types feedrail knows, raw JSON for the rest.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "WebhookPayload")
)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Payload {
    /// A push ended (`bankTransactions.write.*`).
    Write(WriteCompleted),
    /// A source account was connected or disconnected (`bankFeeds.sourceAccount.*`).
    SourceAccount(SourceAccountChanged),
    /// The daily quota was used up or reset (`client.rateLimit.*`).
    RateLimit(RateLimitChanged),
    /// Any other event type (or a known type in a shape this version cannot read), as sent.
    Other(Value),
}

/// The company an event is about.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceCompany {
    /// Company id.
    pub id: String,
    /// Company name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Company description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Payload of `bankTransactions.write.successful` / `.unsuccessful`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WriteCompleted {
    /// The push operation's key (Codat's `id`).
    #[serde(rename = "id")]
    pub push_operation_key: String,
    /// `Create`, `Update`, `Delete` or `UploadAttachment`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub write_type: Option<String>,
    /// The company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_company: Option<ReferenceCompany>,
    /// The data connection pushed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<String>,
    /// When the push was requested.
    #[serde(
        default,
        deserialize_with = "lenient_time",
        serialize_with = "crate::date::timestamp_option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub requested_on_date: Option<DateTime<Utc>>,
    /// When it ended.
    #[serde(
        default,
        deserialize_with = "lenient_time",
        serialize_with = "crate::date::timestamp_option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub completed_on_date: Option<DateTime<Utc>>,
    /// How it ended: `Success`, `Failed` or `TimedOut`.
    pub status: PushStatus,
}

/// Payload of `bankFeeds.sourceAccount.connected` / `.disconnected`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceAccountChanged {
    /// The company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_company: Option<ReferenceCompany>,
    /// The company id (deprecated by Codat in favour of `referenceCompany`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    /// The bank feeds data connection.
    pub connection_id: String,
    /// The source account, as Codat describes it.
    pub source_account: SourceAccount,
}

impl SourceAccountChanged {
    /// The company id, from `referenceCompany` or the deprecated `companyId`.
    pub fn company(&self) -> Option<&str> {
        self.reference_company
            .as_ref()
            .map(|c| c.id.as_str())
            .or(self.company_id.as_deref())
    }
}

/// Payload of `client.rateLimit.reached` / `.reset`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitChanged {
    /// Requests allowed per day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_quota: Option<u64>,
    /// Requests left today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota_remaining: Option<u64>,
    /// When the quota is reset.
    #[serde(
        default,
        deserialize_with = "lenient_time",
        serialize_with = "crate::date::timestamp_option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry_date: Option<DateTime<Utc>>,
}

/// A time Codat sent, or `None` when it is not one (Codat's own examples hold `23:59:99`).
fn lenient_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    Ok(Option::<Value>::deserialize(d)?
        .as_ref()
        .and_then(Value::as_str)
        .and_then(crate::date::parse_utc))
}

/// The envelope as sent, before the payload is typed.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope {
    id: String,
    event_type: String,
    #[serde(default, deserialize_with = "lenient_time")]
    generated_date: Option<DateTime<Utc>>,
    #[serde(default)]
    payload: Value,
}

impl Event {
    /// Reads a delivery's body (after its signature was checked). Fails only when the body is
    /// not a Codat event envelope; a payload of an unknown type or shape is kept as raw JSON.
    pub fn from_body(body: &[u8]) -> Result<Event, String> {
        let envelope: Envelope = serde_json::from_slice(body).map_err(|e| {
            format!(
                "the body is not an event envelope {{id, eventType, generatedDate, payload}}: {e}"
            )
        })?;
        Ok(Event::from_envelope(envelope))
    }

    fn from_envelope(envelope: Envelope) -> Event {
        let payload = Payload::read(&envelope.event_type, envelope.payload);
        Event {
            id: envelope.id,
            event_type: envelope.event_type,
            generated_date: envelope.generated_date,
            payload,
        }
    }

    /// The push this event ends, when it is a `bankTransactions.write.*` event.
    pub fn write(&self) -> Option<&WriteCompleted> {
        match &self.payload {
            Payload::Write(w) => Some(w),
            _ => None,
        }
    }
}

impl Payload {
    fn read(event_type: &str, raw: Value) -> Payload {
        fn typed<T: serde::de::DeserializeOwned>(
            event_type: &str,
            raw: Value,
            wrap: fn(T) -> Payload,
        ) -> Payload {
            match T::deserialize(&raw) {
                Ok(p) => wrap(p),
                Err(e) => {
                    tracing::warn!(event_type, error = %e, "a webhook payload of a known type has an unexpected shape; kept as raw JSON");
                    Payload::Other(raw)
                }
            }
        }
        match event_type {
            WRITE_SUCCESSFUL | WRITE_UNSUCCESSFUL => typed(event_type, raw, Payload::Write),
            SOURCE_ACCOUNT_CONNECTED | SOURCE_ACCOUNT_DISCONNECTED => {
                typed(event_type, raw, Payload::SourceAccount)
            }
            RATE_LIMIT_REACHED | RATE_LIMIT_RESET => typed(event_type, raw, Payload::RateLimit),
            _ => Payload::Other(raw),
        }
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Envelope::deserialize(d).map(Event::from_envelope)
    }
}
