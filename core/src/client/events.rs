//! Webhook events handed to the client: pushes that ended (ending their waits at once), the
//! daily quota (pausing every request until it resets), and a broadcast of every event for
//! whoever else acts on them (the queue's workers wake an account when it is connected).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::{Notify, broadcast};

use crate::error::Error;
use crate::model::PushStatus;
use crate::webhooks::{Event, Payload, RATE_LIMIT_REACHED, RATE_LIMIT_RESET, Verifier};

/// How many ended pushes are remembered for waits that start after their event arrived.
const REMEMBERED: usize = 4096;

/// Events not yet received by a slow subscriber before it starts missing some.
const BROADCAST_CAPACITY: usize = 1024;

/// Shares the events handed to one process's client with other processes (feedrail's
/// PostgreSQL database is one: [`crate::postgres::PostgresEventRelay`]).
pub trait EventRelay: Send + Sync + std::fmt::Debug {
    /// Sends `event` to the other processes. Blocks; the client calls it off async threads.
    fn publish(&self, event: &Event) -> Result<(), Error>;
}

/// What the client knows from webhooks.
#[derive(Debug)]
pub struct EventHub {
    verifier: Option<Verifier>,
    ended: Mutex<Ended>,
    notify: Notify,
    quota_paused_until: Mutex<Option<DateTime<Utc>>>,
    events: broadcast::Sender<Event>,
}

/// Pushes an event said were over, oldest first.
#[derive(Debug, Default)]
struct Ended {
    status: HashMap<String, PushStatus>,
    order: VecDeque<String>,
}

impl EventHub {
    /// A hub verifying deliveries with `verifier` (webhooks are then expected, and polling is
    /// only the fallback).
    pub(crate) fn new(verifier: Option<Verifier>) -> Self {
        EventHub {
            verifier,
            ended: Mutex::new(Ended::default()),
            notify: Notify::new(),
            quota_paused_until: Mutex::new(None),
            events: broadcast::channel(BROADCAST_CAPACITY).0,
        }
    }

    /// Whether webhook deliveries are expected (a signing secret was given).
    pub(crate) fn expected(&self) -> bool {
        self.verifier.is_some()
    }

    /// The verifier, when a secret was given.
    pub(crate) fn verifier(&self) -> Result<&Verifier, Error> {
        self.verifier.as_ref().ok_or_else(|| {
            Error::config(
                "this client has no webhook secret: build it with the endpoint's signing secret (webhook_secret) to verify deliveries",
            )
        })
    }

    /// Acts on `event`.
    pub(crate) fn handle(&self, event: &Event) {
        match &event.payload {
            Payload::Write(w) if w.status.is_final() => {
                let mut ended = self.ended.lock().unwrap_or_else(|p| p.into_inner());
                if ended
                    .status
                    .insert(w.push_operation_key.clone(), w.status)
                    .is_none()
                {
                    ended.order.push_back(w.push_operation_key.clone());
                    if ended.order.len() > REMEMBERED
                        && let Some(oldest) = ended.order.pop_front()
                    {
                        ended.status.remove(&oldest);
                    }
                }
                drop(ended);
                self.notify.notify_waiters();
            }
            Payload::RateLimit(r) if event.event_type == RATE_LIMIT_REACHED => {
                let until = r.expiry_date.unwrap_or_else(next_utc_midnight);
                tracing::warn!(until = %until, "Codat's daily quota is used up (client.rateLimit.reached): requests wait until it resets");
                *self.pause_lock() = Some(until);
            }
            Payload::RateLimit(_) if event.event_type == RATE_LIMIT_RESET => {
                tracing::info!("Codat's daily quota was reset (client.rateLimit.reset)");
                *self.pause_lock() = None;
                self.notify.notify_waiters();
            }
            _ => {}
        }
        // No subscriber is not an error.
        let _ = self.events.send(event.clone());
    }

    /// The final status an event gave push `key`, if one did.
    pub(crate) fn ended(&self, key: &str) -> Option<PushStatus> {
        self.ended
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .status
            .get(key)
            .copied()
    }

    /// Resolves when an event arrives that may end a wait. Create it before checking
    /// [`EventHub::ended`], so that no event falls between the check and the wait.
    pub(crate) fn notified(&self) -> tokio::sync::futures::Notified<'_> {
        self.notify.notified()
    }

    /// How long requests must still wait for the daily quota to reset.
    pub(crate) fn quota_pause(&self) -> Option<Duration> {
        let mut paused = self.pause_lock();
        let until = (*paused)?;
        match (until - Utc::now()).to_std() {
            Ok(left) if !left.is_zero() => Some(left),
            _ => {
                *paused = None;
                None
            }
        }
    }

    /// Every event handled from now on.
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    fn pause_lock(&self) -> std::sync::MutexGuard<'_, Option<DateTime<Utc>>> {
        self.quota_paused_until
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }
}

/// Codat resets daily quotas at 00:00 UTC.
fn next_utc_midnight() -> DateTime<Utc> {
    let tomorrow = Utc::now().date_naive() + chrono::Days::new(1);
    tomorrow.and_time(chrono::NaiveTime::MIN).and_utc()
}

impl super::Client {
    /// Verifies a webhook delivery with the client's webhook secret (refusing a replayed one),
    /// acts on its event ([`super::Client::handle_event`]) and returns it. `body` is the raw
    /// request body, byte for byte.
    ///
    /// Answer the delivery with 200 when this returns an event or a `WEBHOOK_REPLAY` error, and
    /// with 400 on `WEBHOOK_SIGNATURE` or `WEBHOOK_PAYLOAD`.
    pub fn handle_webhook(
        &self,
        body: &[u8],
        headers: &crate::webhooks::WebhookHeaders,
    ) -> Result<Event, Error> {
        let event = self.inner.events.verifier()?.verify(body, headers)?;
        self.handle_event(&event);
        Ok(event)
    }

    /// Acts on an event verified elsewhere: a `bankTransactions.write.*` event ends the wait
    /// for its push at once (one poll then reads the final status and Codat's validation
    /// messages), `client.rateLimit.reached` holds every request until the quota resets, and
    /// every event goes to [`super::Client::events`] subscribers. On a PostgreSQL cursor the
    /// event also reaches the clients of every other process on the database. Handling an event
    /// twice does no harm.
    pub fn handle_event(&self, event: &Event) {
        self.inner.events.handle(event);
        if let Some(relay) = &self.inner.relay {
            let (relay, event) = (Arc::clone(relay), event.clone());
            let publish = move || {
                if let Err(e) = relay.publish(&event) {
                    tracing::warn!(error = %e, "could not share a webhook event with other processes; they poll for it");
                }
            };
            super::in_background(publish);
        }
    }

    /// Every event handled by this client (or a clone) from now on.
    pub fn events(&self) -> broadcast::Receiver<Event> {
        self.inner.events.subscribe()
    }

    pub(crate) fn event_hub(&self) -> &EventHub {
        &self.inner.events
    }

    /// The hub, for a listener that must not keep the client alive.
    pub(crate) fn event_hub_weak(&self) -> std::sync::Weak<EventHub> {
        Arc::downgrade(&self.inner.events)
    }
}
