//! The sandbox's memory: companies, connections, source accounts with their ledgers, and push
//! operations. Structure lives under one lock; each account's ledger under its own, so a push
//! being processed never blocks requests for other accounts.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use feedrail::{AccountCursor, Company, Connection, PushOperation, SourceAccount, Transaction};
use tokio::sync::mpsc;

use crate::errors::ApiError;

/// Locks a mutex, recovering the data if a holder panicked (the sandbox never leaves state
/// half-written under a lock, so it stays usable).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Everything the sandbox holds.
#[derive(Debug, Default)]
pub struct Store {
    /// Companies by id.
    pub companies: HashMap<String, CompanyRec>,
}

/// A company and what hangs off it.
#[derive(Debug)]
pub struct CompanyRec {
    /// The company as returned (its `dataConnections` filled on the way out).
    pub company: Company,
    /// The API key that created it; only that key may use it.
    pub owner: String,
    /// Its connections, in creation order.
    pub connections: Vec<ConnectionRec>,
    /// Its push operations, in request order.
    pub pushes: Vec<PushRec>,
    /// Position in `pushes` by push operation key.
    pub push_index: HashMap<String, usize>,
}

/// A data connection and its source accounts.
#[derive(Debug)]
pub struct ConnectionRec {
    /// The connection as returned.
    pub connection: Connection,
    /// Source accounts, in creation order.
    pub accounts: Vec<AccountRec>,
    /// One-time passwords issued for it and not yet used.
    pub otps: Vec<feedrail::Otp>,
}

/// A source account, its ledger and its push queue.
#[derive(Debug)]
pub struct AccountRec {
    /// The account as returned.
    pub account: SourceAccount,
    /// What has landed on it.
    pub ledger: Arc<Mutex<Ledger>>,
    /// Push operation keys waiting to be processed, in arrival order (created with the first
    /// push; closing it stops the account's processor).
    pub queue: Option<mpsc::UnboundedSender<(String, tokio::time::Instant)>>,
}

/// The lines that landed on a target account, and the state Sage's rules are checked against.
#[derive(Debug, Default)]
pub struct Ledger {
    /// Every line received, in order.
    pub transactions: Vec<Transaction>,
    /// Latest date and id, last balance and every id received.
    pub cursor: AccountCursor,
}

/// A push operation and the lines it carries until processed.
#[derive(Debug)]
pub struct PushRec {
    /// The source account it pushes to.
    pub account_id: String,
    /// The operation as returned by `GET /push/{key}` (no `data`).
    pub op: PushOperation,
    /// The raw lines, until processing takes them.
    pub records: Vec<serde_json::Value>,
    /// When it must be done by, from `timeoutInMinutes`.
    pub deadline: Option<DateTime<Utc>>,
}

impl Store {
    /// The company, if it exists and belongs to `caller`.
    pub fn company(&self, caller: &str, company_id: &str) -> Result<&CompanyRec, ApiError> {
        let rec = self
            .companies
            .get(company_id)
            .ok_or_else(|| ApiError::company_not_found(company_id))?;
        if rec.owner != caller {
            return Err(ApiError::forbidden());
        }
        Ok(rec)
    }

    /// Mutable [`Store::company`].
    pub fn company_mut(
        &mut self,
        caller: &str,
        company_id: &str,
    ) -> Result<&mut CompanyRec, ApiError> {
        let rec = self
            .companies
            .get_mut(company_id)
            .ok_or_else(|| ApiError::company_not_found(company_id))?;
        if rec.owner != caller {
            return Err(ApiError::forbidden());
        }
        Ok(rec)
    }
}

impl CompanyRec {
    /// The connection, or Codat's 404.
    pub fn connection(&self, connection_id: &str) -> Result<&ConnectionRec, ApiError> {
        self.connections
            .iter()
            .find(|c| c.connection.id == connection_id)
            .ok_or_else(|| connection_not_found(connection_id))
    }

    /// Mutable [`CompanyRec::connection`].
    pub fn connection_mut(&mut self, connection_id: &str) -> Result<&mut ConnectionRec, ApiError> {
        self.connections
            .iter_mut()
            .find(|c| c.connection.id == connection_id)
            .ok_or_else(|| connection_not_found(connection_id))
    }

    /// The company with its connections listed.
    pub fn view(&self) -> Company {
        let mut company = self.company.clone();
        company.data_connections = Some(
            self.connections
                .iter()
                .map(|c| c.connection.clone())
                .collect(),
        );
        company
    }
}

impl ConnectionRec {
    /// The account, or a 404.
    pub fn account(&self, account_id: &str) -> Result<&AccountRec, ApiError> {
        self.accounts
            .iter()
            .find(|a| a.account.id == account_id)
            .ok_or_else(|| account_not_found(account_id))
    }

    /// Mutable [`ConnectionRec::account`].
    pub fn account_mut(&mut self, account_id: &str) -> Result<&mut AccountRec, ApiError> {
        self.accounts
            .iter_mut()
            .find(|a| a.account.id == account_id)
            .ok_or_else(|| account_not_found(account_id))
    }
}

fn connection_not_found(connection_id: &str) -> ApiError {
    ApiError::not_found(format!("Data connection {connection_id} not found"))
}

fn account_not_found(account_id: &str) -> ApiError {
    ApiError::not_found(format!(
        "Bank feed account {account_id} not found for this data connection"
    ))
}
