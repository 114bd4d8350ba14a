//! Webhook events shared by every process on one database: an event handed to any process's
//! client is sent with `NOTIFY`, and every other process's client acts on it as if it had been
//! handed it (the web app that receives Codat's deliveries ends the waits of every worker).

use std::sync::{Arc, Weak};
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Database;
use crate::client::{EventHub, EventRelay};
use crate::error::Error;
use crate::webhooks::Event;

/// The notification channel.
const CHANNEL: &str = "feedrail_events";

/// PostgreSQL's limit on a notification's payload, in bytes.
const MAX_PAYLOAD: usize = 7999;

/// How often a listener checks that its client still exists.
const CHECK_EVERY: Duration = Duration::from_secs(1);

/// One event as sent, with the process it came from (which does not act on it twice).
#[derive(Serialize, Deserialize)]
struct Notice {
    origin: Uuid,
    event: Event,
}

/// Sends the events handed to this process's client to every other process on the database.
#[derive(Debug)]
pub struct PostgresEventRelay {
    db: Arc<Database>,
    origin: Uuid,
}

impl PostgresEventRelay {
    /// A relay through `db`, for one process's client.
    pub fn new(db: Arc<Database>) -> Self {
        PostgresEventRelay {
            db,
            origin: Uuid::new_v4(),
        }
    }

    /// Listens for other processes' events and hands them to `hub` until the hub is dropped
    /// (on a thread of its own, with a connection of its own, reconnecting after failures).
    pub(crate) fn listen(&self, hub: Weak<EventHub>) {
        let (db, origin) = (Arc::clone(&self.db), self.origin);
        let spawned = std::thread::Builder::new()
            .name("feedrail-events".into())
            .spawn(move || {
                while hub.strong_count() > 0 {
                    if let Err(e) = listen_once(&db, origin, &hub) {
                        tracing::warn!(error = %e, "listening for other processes' webhook events failed; retrying");
                        std::thread::sleep(CHECK_EVERY);
                    }
                }
            });
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "cannot start the webhook event listener; this process polls instead");
        }
    }
}

/// One session: `LISTEN`, then hand over notifications until the hub is gone or the session
/// fails.
fn listen_once(db: &Database, origin: Uuid, hub: &Weak<EventHub>) -> Result<(), Error> {
    let mut client = db.dedicated()?;
    client
        .batch_execute(&format!("LISTEN {CHANNEL}"))
        .map_err(|e| db.err(e))?;
    loop {
        let mut notifications = client.notifications();
        let mut waiting = notifications.timeout_iter(CHECK_EVERY);
        while let Some(n) = waiting.next().map_err(|e| db.err(e))? {
            let Some(hub) = hub.upgrade() else {
                return Ok(());
            };
            match serde_json::from_str::<Notice>(n.payload()) {
                Ok(notice) if notice.origin != origin => hub.handle(&notice.event),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "an unreadable webhook event notification"),
            }
        }
        if hub.strong_count() == 0 {
            return Ok(());
        }
    }
}

impl EventRelay for PostgresEventRelay {
    fn publish(&self, event: &Event) -> Result<(), Error> {
        let payload = serde_json::to_string(&Notice {
            origin: self.origin,
            event: event.clone(),
        })
        .map_err(|e| Error::Internal {
            message: format!("cannot serialize an event: {e}"),
        })?;
        if payload.len() > MAX_PAYLOAD {
            tracing::debug!(
                event_type = event.event_type,
                "an event too large to share through PostgreSQL; other processes poll for it"
            );
            return Ok(());
        }
        self.db
            .conn()?
            .execute("SELECT pg_notify('feedrail_events', $1)", &[&payload])
            .map(drop)
            .map_err(|e| self.db.err(e))
    }
}
