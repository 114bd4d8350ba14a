//! `Idempotency-Key` as Codat documents it: the first response to a key is kept (90 minutes by
//! default) and replayed for repeats; a repeat while the first is in flight gets 409, a repeat
//! with a different request gets 422; 429 responses are never kept.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use uuid::Uuid;

use crate::state::lock;

/// A response kept for replay.
#[derive(Debug, Clone)]
pub struct CachedResponse {
    /// Status.
    pub status: StatusCode,
    /// Headers worth replaying (content type, retry-after).
    pub headers: HeaderMap,
    /// Body bytes.
    pub body: Bytes,
}

impl CachedResponse {
    /// The response again, marked `Idempotent-Replayed: true`.
    pub fn replay(&self) -> Response {
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
        response
    }
}

#[derive(Debug)]
enum Entry {
    InFlight {
        fingerprint: u128,
    },
    Done {
        fingerprint: u128,
        at: Instant,
        response: CachedResponse,
    },
}

/// What to do with a request carrying a key.
#[derive(Debug)]
pub enum Lookup {
    /// First time: handle it (the key is now in flight).
    Fresh,
    /// Seen and finished: replay this.
    Replay(CachedResponse),
    /// Seen and still being handled: 409.
    InFlight,
    /// Seen with a different request: 422.
    Mismatch,
}

/// Responses by (API key, idempotency key).
#[derive(Debug)]
pub struct IdempotencyCache {
    entries: Mutex<HashMap<(String, Uuid), Entry>>,
}

impl IdempotencyCache {
    /// An empty cache.
    pub fn new() -> Self {
        IdempotencyCache {
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// Looks `key` up for `caller`; marks it in flight when it is new or expired.
    pub fn begin(&self, caller: &str, key: Uuid, fingerprint: u128, ttl: Duration) -> Lookup {
        let mut entries = lock(&self.entries);
        let id = (caller.to_owned(), key);
        match entries.get(&id) {
            Some(Entry::Done { at, .. }) if at.elapsed() > ttl => {}
            Some(Entry::Done { fingerprint: f, .. }) | Some(Entry::InFlight { fingerprint: f })
                if *f != fingerprint =>
            {
                return Lookup::Mismatch;
            }
            Some(Entry::Done { response, .. }) => return Lookup::Replay(response.clone()),
            Some(Entry::InFlight { .. }) => return Lookup::InFlight,
            None => {}
        }
        if entries.len() > 10_000 {
            entries.retain(|_, e| !matches!(e, Entry::Done { at, .. } if at.elapsed() > ttl));
        }
        entries.insert(id, Entry::InFlight { fingerprint });
        Lookup::Fresh
    }

    /// Keeps the response to `key`.
    pub fn complete(&self, caller: &str, key: Uuid, response: CachedResponse) {
        let mut entries = lock(&self.entries);
        let id = (caller.to_owned(), key);
        if let Some(Entry::InFlight { fingerprint }) = entries.get(&id) {
            let fingerprint = *fingerprint;
            entries.insert(
                id,
                Entry::Done {
                    fingerprint,
                    at: Instant::now(),
                    response,
                },
            );
        }
    }

    /// Forgets `key` (nothing was kept: a 429, or the request never completed).
    pub fn release(&self, caller: &str, key: Uuid) {
        lock(&self.entries).remove(&(caller.to_owned(), key));
    }

    /// Forgets everything.
    pub fn clear(&self) {
        lock(&self.entries).clear();
    }
}

impl Default for IdempotencyCache {
    fn default() -> Self {
        Self::new()
    }
}
