//! Leases: which run owns an account, until when.

use std::time::Duration;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::batch::PushTarget;
use crate::error::Error;

/// What a run asks for when it takes an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseRequest {
    /// Unique to the run: the fence every write is checked against.
    pub token: Uuid,
    /// Who is asking, as shown to a run that finds the account busy (host, process, run).
    pub holder: String,
    /// How long the lease lasts unless renewed.
    pub ttl: Duration,
}

impl LeaseRequest {
    /// A request for a new run of this process, lasting `ttl`.
    pub fn for_this_process(ttl: Duration) -> Self {
        let token = Uuid::new_v4();
        LeaseRequest {
            token,
            holder: format!(
                "pid {} on {} (run {})",
                std::process::id(),
                host_name(),
                &token.simple().to_string()[..8]
            ),
            ttl,
        }
    }

    /// The lease this request gives when granted now.
    pub fn granted(&self) -> Lease {
        Lease {
            token: self.token,
            holder: self.holder.clone(),
            ttl: self.ttl,
            expires_at: expiry(self.ttl),
        }
    }
}

/// A run's hold on an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    /// The fence: writes are accepted only while the store holds this token for the account.
    pub token: Uuid,
    /// Who holds it.
    pub holder: String,
    /// How long each renewal extends it.
    pub ttl: Duration,
    /// When it lapses unless renewed.
    pub expires_at: DateTime<Utc>,
}

impl Lease {
    /// This lease extended by its ttl from now.
    pub fn renewed(&self) -> Lease {
        Lease {
            expires_at: expiry(self.ttl),
            ..self.clone()
        }
    }
}

/// Now plus `ttl` (saturating far in the future).
fn expiry(ttl: Duration) -> DateTime<Utc> {
    chrono::Duration::from_std(ttl)
        .ok()
        .and_then(|d| Utc::now().checked_add_signed(d))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// The `ACCOUNT_BUSY` error for `target`, held by `holder` until `expires_at`.
pub(crate) fn busy(target: &PushTarget, holder: &str, expires_at: DateTime<Utc>) -> Error {
    Error::AccountBusy {
        account_id: target.account_id.clone(),
        holder: holder.to_owned(),
        expires_at,
    }
}

/// The `ACCOUNT_BUSY` error for a write by a run whose lease another run took over.
pub(crate) fn lost(
    target: &PushTarget,
    lease: &Lease,
    now_held_by: Option<(&str, DateTime<Utc>)>,
) -> Error {
    match now_held_by {
        Some((holder, expires_at)) => busy(target, holder, expires_at),
        None => Error::AccountBusy {
            account_id: target.account_id.clone(),
            holder: format!("no run (the lease of {} was released)", lease.holder),
            expires_at: Utc::now(),
        },
    }
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "this host".to_owned())
}
