//! Svix signatures, as Codat signs its webhook deliveries: HMAC-SHA256 of `{id}.{timestamp}.{body}`
//! keyed with the endpoint's `whsec_` secret, base64 in the `svix-signature` header as `v1,<sig>`
//! (several space-separated when the secret is being rotated).

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::event::Event;
use crate::error::{Error, WebhookRejection};

/// How far a delivery's timestamp may be from this machine's clock (Svix's own default).
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// The prefix of a Svix endpoint secret.
const SECRET_PREFIX: &str = "whsec_";

/// An endpoint's signing secret. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret {
    key: Vec<u8>,
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(<redacted>)")
    }
}

impl WebhookSecret {
    /// Reads a secret as Codat's portal shows it (`whsec_` and base64), or its base64 alone.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let encoded = text.trim();
        let encoded = encoded.strip_prefix(SECRET_PREFIX).unwrap_or(encoded);
        match STANDARD.decode(encoded) {
            Ok(key) if !key.is_empty() => Ok(WebhookSecret { key }),
            _ => Err(Error::config(
                "the webhook secret is not a Svix secret: copy it from the Codat Portal (Settings → Webhooks → your endpoint → Signing secret); it looks like whsec_ followed by base64",
            )),
        }
    }

    /// A secret from raw key bytes (the sandbox makes its endpoints' secrets this way).
    pub fn from_bytes(key: Vec<u8>) -> Self {
        WebhookSecret { key }
    }

    /// The secret as Codat's portal shows it (`whsec_…`): for handing to whoever verifies.
    pub fn expose(&self) -> String {
        format!("{SECRET_PREFIX}{}", STANDARD.encode(&self.key))
    }

    fn mac(&self, id: &str, timestamp: &str, body: &[u8]) -> Hmac<Sha256> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes a key of any length");
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        mac
    }

    /// The `svix-signature` value for a delivery: `v1,<base64 HMAC-SHA256>`.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        let tag = self.mac(id, &timestamp.to_string(), body).finalize();
        format!("v1,{}", STANDARD.encode(tag.into_bytes()))
    }
}

/// The three headers that carry a delivery's signature. Svix sends them as `svix-id`,
/// `svix-timestamp` and `svix-signature`; the Standard Webhooks names (`webhook-id`, …) are
/// accepted too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebhookHeaders {
    /// The message id (the same on every retry of one delivery).
    pub id: Option<String>,
    /// Seconds since the Unix epoch, as sent.
    pub timestamp: Option<String>,
    /// Space-separated `v1,<base64>` signatures.
    pub signature: Option<String>,
}

impl WebhookHeaders {
    /// Picks the signature headers out of any name/value pairs (names in any case).
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let mut headers = WebhookHeaders::default();
        for (name, value) in pairs {
            let name = name.as_ref().to_ascii_lowercase();
            let suffix = name
                .strip_prefix("svix-")
                .or_else(|| name.strip_prefix("webhook-"));
            let slot = match suffix {
                Some("id") => &mut headers.id,
                Some("timestamp") => &mut headers.timestamp,
                Some("signature") => &mut headers.signature,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(value.as_ref().to_owned());
            }
        }
        headers
    }

    /// The headers of an HTTP request (an axum or reqwest `HeaderMap`).
    pub fn from_header_map(map: &reqwest::header::HeaderMap) -> Self {
        Self::from_pairs(
            map.iter()
                .filter_map(|(k, v)| Some((k.as_str(), v.to_str().ok()?))),
        )
    }
}

fn refused(reason: WebhookRejection, message: impl Into<String>) -> Error {
    Error::Webhook {
        reason,
        message: message.into(),
    }
}

fn required<'a>(value: &'a Option<String>, name: &str) -> Result<&'a str, Error> {
    value.as_deref().ok_or_else(|| {
        refused(
            WebhookRejection::Signature,
            format!("the {name} header is missing; pass the request's headers as received (Codat signs every delivery with svix-id, svix-timestamp and svix-signature)"),
        )
    })
}

/// Checks a delivery's signature and timestamp against `secret` and reads its event, without
/// remembering ids ([`Verifier`] also refuses a replayed id).
///
/// `body` must be the raw request body, byte for byte: a body parsed and serialized again no
/// longer matches its signature.
pub fn verify(
    body: &[u8],
    headers: &WebhookHeaders,
    secret: &WebhookSecret,
    tolerance: Duration,
    now: DateTime<Utc>,
) -> Result<Event, Error> {
    let id = required(&headers.id, "svix-id")?;
    let timestamp = required(&headers.timestamp, "svix-timestamp")?;
    let signatures = required(&headers.signature, "svix-signature")?;
    let sent = timestamp.trim().parse::<i64>().map_err(|_| {
        refused(
            WebhookRejection::Signature,
            format!("the svix-timestamp header {timestamp:?} is not a Unix time in seconds"),
        )
    })?;
    let skew = now.timestamp().abs_diff(sent);
    if skew > tolerance.as_secs() {
        let when = if sent < now.timestamp() {
            "old"
        } else {
            "in the future"
        };
        return Err(refused(
            WebhookRejection::Signature,
            format!(
                "delivery {id} is signed {skew} s {when}, beyond the {} s tolerance; a replay is refused this way — if this machine's clock is wrong, fix it (or raise the tolerance)",
                tolerance.as_secs()
            ),
        ));
    }
    let mac = secret.mac(id, timestamp.trim(), body);
    let matched = signatures.split_whitespace().any(|entry| {
        entry
            .strip_prefix("v1,")
            .and_then(|sig| STANDARD.decode(sig).ok())
            .is_some_and(|sig| mac.clone().verify_slice(&sig).is_ok())
    });
    if !matched {
        return Err(refused(
            WebhookRejection::Signature,
            format!(
                "delivery {id}: no v1 signature matches the body with this secret; check the endpoint's signing secret, and hand over the raw body exactly as received"
            ),
        ));
    }
    Event::from_body(body).map_err(|message| {
        refused(
            WebhookRejection::Payload,
            format!("delivery {id} is signed but is not a Codat event: {message}"),
        )
    })
}

/// Verifies deliveries for one endpoint and refuses a message id it has already accepted within
/// the tolerance (older ones are refused by their timestamp, so memory stays bounded).
#[derive(Debug)]
pub struct Verifier {
    secret: WebhookSecret,
    tolerance: Duration,
    seen: Mutex<Seen>,
}

/// Accepted message ids and the time each was signed; pruned when it has doubled.
#[derive(Debug, Default)]
struct Seen {
    signed: HashMap<String, i64>,
    prune_at: usize,
}

impl Verifier {
    /// A verifier for `secret` (`whsec_…`) with the default 5-minute tolerance.
    pub fn new(secret: &str) -> Result<Self, Error> {
        Ok(Verifier {
            secret: WebhookSecret::parse(secret)?,
            tolerance: DEFAULT_TOLERANCE,
            seen: Mutex::new(Seen::default()),
        })
    }

    /// Accepts timestamps at most `tolerance` from this machine's clock.
    pub fn with_tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// [`verify`], then refuses an id accepted before with `WEBHOOK_REPLAY` (answer such a
    /// delivery with a 2xx: its event was handled the first time).
    pub fn verify(&self, body: &[u8], headers: &WebhookHeaders) -> Result<Event, Error> {
        self.verify_at(body, headers, Utc::now())
    }

    /// [`Verifier::verify`] as if the clock read `now`.
    pub fn verify_at(
        &self,
        body: &[u8],
        headers: &WebhookHeaders,
        now: DateTime<Utc>,
    ) -> Result<Event, Error> {
        let event = verify(body, headers, &self.secret, self.tolerance, now)?;
        let id = headers.id.clone().unwrap_or_default();
        // verify() checked that the timestamp parses.
        let sent = headers
            .timestamp
            .as_deref()
            .and_then(|t| t.trim().parse::<i64>().ok())
            .unwrap_or_default();
        // An id signed before the horizon can no longer pass the timestamp check: forget it.
        let horizon = now.timestamp() - self.tolerance.as_secs() as i64;
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.signed.len() >= seen.prune_at {
            seen.signed.retain(|_, signed| *signed >= horizon);
            seen.prune_at = (seen.signed.len() * 2).max(1024);
        }
        if seen.signed.insert(id.clone(), sent).is_some() {
            return Err(refused(
                WebhookRejection::Replay,
                format!(
                    "delivery {id} was already accepted; answer it with 200 so that it is not sent again"
                ),
            ));
        }
        Ok(event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    /// Svix's published example delivery.
    const SVIX_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const SVIX_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const SVIX_TIMESTAMP: i64 = 1_614_265_330;
    const SVIX_SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    const EVENT: &[u8] = br#"{"id":"e-1","eventType":"bankTransactions.write.successful","generatedDate":"2026-11-29T10:00:00Z","payload":{"id":"push-1","type":"Create","connectionId":"c-1","status":"Success"}}"#;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    fn headers(id: &str, timestamp: i64, signature: &str) -> WebhookHeaders {
        WebhookHeaders::from_pairs([
            ("Svix-Id", id.to_owned()),
            ("SVIX-TIMESTAMP", timestamp.to_string()),
            ("svix-signature", signature.to_owned()),
        ])
    }

    fn signed(secret: &WebhookSecret, id: &str, timestamp: i64, body: &[u8]) -> WebhookHeaders {
        headers(id, timestamp, &secret.sign(id, timestamp, body))
    }

    fn code(result: Result<Event, Error>) -> &'static str {
        result.unwrap_err().code().as_str()
    }

    #[test]
    fn signs_as_svix_does() {
        let secret = WebhookSecret::parse(SVIX_SECRET).unwrap();
        let body = br#"{"test": 2432232314}"#;
        assert_eq!(secret.sign(SVIX_ID, SVIX_TIMESTAMP, body), SVIX_SIGNATURE);
        // Svix's example body is not a Codat event: the signature passes, the payload does not.
        let h = headers(SVIX_ID, SVIX_TIMESTAMP, SVIX_SIGNATURE);
        let e = verify(body, &h, &secret, DEFAULT_TOLERANCE, at(SVIX_TIMESTAMP)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::WebhookPayload);
        assert_eq!(WebhookSecret::parse(&secret.expose()).unwrap(), secret);
    }

    #[test]
    fn a_correct_delivery_gives_its_typed_event() {
        let secret = WebhookSecret::parse(SVIX_SECRET).unwrap();
        let now = 1_800_000_000;
        let event = verify(
            EVENT,
            &signed(&secret, "msg_1", now, EVENT),
            &secret,
            DEFAULT_TOLERANCE,
            at(now),
        )
        .unwrap();
        let write = event.write().unwrap();
        assert_eq!(write.push_operation_key, "push-1");
        assert_eq!(write.status, crate::model::PushStatus::Success);
    }

    #[test]
    fn any_of_several_signatures_may_match() {
        let secret = WebhookSecret::parse(SVIX_SECRET).unwrap();
        let now = 1_800_000_000;
        let good = secret.sign("msg_1", now, EVENT);
        let several = format!("v1,AAAA v2,zzz {good}");
        assert!(
            verify(
                EVENT,
                &headers("msg_1", now, &several),
                &secret,
                DEFAULT_TOLERANCE,
                at(now)
            )
            .is_ok()
        );
    }

    #[test]
    fn tampering_a_wrong_secret_and_missing_headers_are_refused() {
        let secret = WebhookSecret::parse(SVIX_SECRET).unwrap();
        let other = WebhookSecret::from_bytes(b"another endpoint".to_vec());
        let now = 1_800_000_000;
        let h = signed(&secret, "msg_1", now, EVENT);
        let tampered = String::from_utf8(EVENT.to_vec())
            .unwrap()
            .replace("Success", "Failed");
        let check = |body: &[u8], h: &WebhookHeaders, s: &WebhookSecret| {
            code(verify(body, h, s, DEFAULT_TOLERANCE, at(now)))
        };
        assert_eq!(check(tampered.as_bytes(), &h, &secret), "WEBHOOK_SIGNATURE");
        assert_eq!(check(EVENT, &h, &other), "WEBHOOK_SIGNATURE");
        // The signature covers the id and the timestamp too.
        assert_eq!(
            check(
                EVENT,
                &headers("msg_2", now, h.signature.as_deref().unwrap()),
                &secret
            ),
            "WEBHOOK_SIGNATURE"
        );
        let no_signature = WebhookHeaders {
            signature: None,
            ..h.clone()
        };
        let e = verify(EVENT, &no_signature, &secret, DEFAULT_TOLERANCE, at(now)).unwrap_err();
        assert!(
            e.to_string().contains("svix-signature header is missing"),
            "{e}"
        );
        assert_eq!(
            check(EVENT, &headers("msg_1", now, "v1,not base64!"), &secret),
            "WEBHOOK_SIGNATURE"
        );
    }

    #[test]
    fn timestamps_outside_the_tolerance_are_refused() {
        let secret = WebhookSecret::parse(SVIX_SECRET).unwrap();
        let sent = 1_800_000_000;
        let h = signed(&secret, "msg_1", sent, EVENT);
        let tolerance = DEFAULT_TOLERANCE;
        assert!(verify(EVENT, &h, &secret, tolerance, at(sent + 300)).is_ok());
        let old = verify(EVENT, &h, &secret, tolerance, at(sent + 301)).unwrap_err();
        assert_eq!(old.code(), ErrorCode::WebhookSignature);
        assert!(old.to_string().contains("301 s old"), "{old}");
        let future = verify(EVENT, &h, &secret, tolerance, at(sent - 301)).unwrap_err();
        assert!(future.to_string().contains("in the future"), "{future}");
        let garbled = headers("msg_1", 0, "v1,x");
        let garbled = WebhookHeaders {
            timestamp: Some("soon".into()),
            ..garbled
        };
        assert_eq!(
            code(verify(EVENT, &garbled, &secret, tolerance, at(sent))),
            "WEBHOOK_SIGNATURE"
        );
    }

    #[test]
    fn a_verifier_refuses_a_replayed_id_and_forgets_ids_past_the_tolerance() {
        let verifier = Verifier::new(SVIX_SECRET).unwrap();
        let secret = WebhookSecret::parse(SVIX_SECRET).unwrap();
        let sent = 1_800_000_000;
        let h = signed(&secret, "msg_1", sent, EVENT);
        assert!(verifier.verify_at(EVENT, &h, at(sent)).is_ok());
        let replay = verifier.verify_at(EVENT, &h, at(sent + 1)).unwrap_err();
        assert_eq!(replay.code(), ErrorCode::WebhookReplay);
        // Svix retries a message with its id and a new timestamp: still a replay once accepted.
        let retry = signed(&secret, "msg_1", sent + 60, EVENT);
        assert_eq!(
            code(verifier.verify_at(EVENT, &retry, at(sent + 60))),
            "WEBHOOK_REPLAY"
        );
        // Many ids later, the old ones are forgotten — and refused by their timestamp instead.
        for i in 0..3000 {
            let later = sent + 1000 + i;
            let id = format!("msg_x{i}");
            verifier
                .verify_at(EVENT, &signed(&secret, &id, later, EVENT), at(later))
                .unwrap();
        }
        assert!(verifier.seen.lock().unwrap().signed.len() <= 2048);
        assert_eq!(
            code(verifier.verify_at(EVENT, &h, at(sent + 1000))),
            "WEBHOOK_SIGNATURE"
        );
    }

    #[test]
    fn unknown_event_types_pass_through_and_bodies_that_are_not_events_are_refused() {
        let verifier = Verifier::new(SVIX_SECRET).unwrap();
        let secret = WebhookSecret::parse(SVIX_SECRET).unwrap();
        let now = 1_800_000_000;
        let unknown = br#"{"id":"e-9","eventType":"invoices.write.successful","generatedDate":"2023-09-01T23:59:99Z","payload":{"anything":[1,2]}}"#;
        let event = verifier
            .verify_at(unknown, &signed(&secret, "m1", now, unknown), at(now))
            .unwrap();
        assert_eq!(event.event_type, "invoices.write.successful");
        assert_eq!(event.generated_date, None);
        assert!(matches!(&event.payload, super::super::Payload::Other(v) if v["anything"][1] == 2));
        // A known type in a shape this version cannot read is kept raw, not refused.
        let odd = br#"{"id":"e-8","eventType":"bankTransactions.write.successful","payload":{"status":"Exploded"}}"#;
        let event = verifier
            .verify_at(odd, &signed(&secret, "m2", now, odd), at(now))
            .unwrap();
        assert!(matches!(event.payload, super::super::Payload::Other(_)));
        for body in [&b"not json"[..], br#"{"eventType":"x"}"#, b"[]"] {
            let e = verifier
                .verify_at(body, &signed(&secret, "m3", now, body), at(now))
                .unwrap_err();
            assert_eq!(e.code(), ErrorCode::WebhookPayload, "{e}");
        }
    }

    #[test]
    fn secrets_must_be_svix_secrets_and_never_show() {
        for bad in ["", "whsec_", "whsec_***", "not base64!"] {
            assert_eq!(
                WebhookSecret::parse(bad).unwrap_err().code(),
                ErrorCode::Config,
                "{bad}"
            );
        }
        let verifier = Verifier::new(SVIX_SECRET).unwrap();
        assert!(!format!("{verifier:?}").contains("MfKQ9r8"));
    }
}
