//! Asynchronous push processing: one queue and one task per account, so pushes to an account are
//! processed one at a time, in arrival order, after the processing delay — with Sage's rules
//! from the core, so the sandbox and the client can never disagree.

use std::sync::{Arc, Weak};

use chrono::Utc;
use feedrail::{
    Profile, PushChange, PushStatus, RecordRef, Report, Validated, ValidationContext,
    ValidationItem, validate_records,
};
use tokio::sync::mpsc;

use crate::app::App;
use crate::faults::ProcessingFault;
use crate::state::{AccountRec, lock};

/// Queues push `key` on `account`, starting the account's processor on its first push. The
/// processing delay counts from `arrived`, when the request reached the sandbox (Codat's
/// processing time runs from `requestedOnUtc` to `completedOnUtc`), or from the end of the
/// account's previous push if that is later.
pub fn enqueue(
    app: &Arc<App>,
    account: &mut AccountRec,
    company_id: &str,
    connection_id: &str,
    key: String,
    arrived: tokio::time::Instant,
) {
    let queue = account.queue.get_or_insert_with(|| {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(
            Arc::downgrade(app),
            company_id.to_owned(),
            connection_id.to_owned(),
            account.account.id.clone(),
            rx,
        ));
        tx
    });
    // The receiver lives as long as the account; a send can only fail after a reset, when the
    // push is gone anyway.
    let _ = queue.send((key, arrived));
}

async fn run(
    app: Weak<App>,
    company_id: String,
    connection_id: String,
    account_id: String,
    mut queue: mpsc::UnboundedReceiver<(String, tokio::time::Instant)>,
) {
    // When the account's previous push was done: Sage works on one statement per account at
    // a time, so a push's processing time starts at its arrival or then, whichever is later.
    let mut free_at = tokio::time::Instant::now();
    while let Some((key, arrived)) = queue.recv().await {
        let Some(delay) = app.upgrade().map(|a| a.processing_delay()) else {
            return;
        };
        // Sage's checks run while the push waits out its processing time (the account's
        // earlier pushes are done, so its ledger is what they will see), and are redone at the
        // end only if the account changed meanwhile.
        let prechecked = app
            .upgrade()
            .and_then(|app| precheck(&app, &company_id, &connection_id, &account_id, &key));
        if !delay.is_zero() {
            tokio::time::sleep_until(arrived.max(free_at) + delay).await;
        }
        let late = app.upgrade().and_then(|app| {
            process(
                &app,
                &company_id,
                &connection_id,
                &account_id,
                &key,
                prechecked,
            )
        });
        free_at = tokio::time::Instant::now();
        let Some(late) = late else {
            continue;
        };
        // A push ended TimedOut whose lines land anyway: a moment later, and before the
        // account's next push is processed (this task handles the account's pushes in order).
        tokio::time::sleep(LATE_LANDING).await;
        if let Some(app) = app.upgrade() {
            apply(&app, &company_id, &connection_id, &account_id, &late, None);
        }
    }
}

/// How long after a `timedOutLanded` push ends `TimedOut` its lines land.
const LATE_LANDING: std::time::Duration = std::time::Duration::from_millis(20);

/// How a push ends.
struct Ending {
    status: PushStatus,
    status_code: i32,
    error_message: Option<String>,
    errors: Vec<ValidationItem>,
    warnings: Vec<ValidationItem>,
    changes: Vec<PushChange>,
}

impl Ending {
    fn failed(message: String, errors: Vec<ValidationItem>, warnings: Vec<ValidationItem>) -> Self {
        Ending {
            status: PushStatus::Failed,
            status_code: 400,
            error_message: Some(message),
            errors,
            warnings,
            changes: Vec::new(),
        }
    }

    fn timed_out(message: &str) -> Self {
        Ending {
            status: PushStatus::TimedOut,
            status_code: 504,
            error_message: Some(message.to_owned()),
            errors: Vec::new(),
            warnings: Vec::new(),
            changes: Vec::new(),
        }
    }
}

/// Codat's validation items for `report_issues`. A line whose id the account already received
/// is reported in the form feedrail documents (`validatorName` [`feedrail::ALREADY_RECEIVED`],
/// `itemId` the id), as Sage refuses repeated ids.
fn items(
    report_issues: &[feedrail::Issue],
    received: &feedrail::AccountCursor,
) -> Vec<ValidationItem> {
    report_issues
        .iter()
        .map(|i| match &i.transaction_id {
            Some(id) if i.code == feedrail::IssueCode::DuplicateId && received.has_pushed(id) => {
                ValidationItem {
                    item_id: Some(id.clone()),
                    message: Some(format!(
                        "Transaction {id} was already received for this account; Sage does not process repeated transaction ids."
                    )),
                    validator_name: Some(feedrail::ALREADY_RECEIVED.to_owned()),
                }
            }
            _ => ValidationItem {
            item_id: Some(i.transaction_id.clone().unwrap_or_else(|| {
                i.index
                    .map_or_else(|| "account".to_owned(), |n| format!("transactions[{n}]"))
            })),
            message: Some(i.message.clone()),
            validator_name: Some(i.code.as_str().to_owned()),
            },
        })
        .collect()
}

/// A push's lines checked ahead of its processing, with what they were checked against.
struct Prechecked {
    records: Vec<serde_json::Value>,
    deadline: Option<chrono::DateTime<Utc>>,
    against: Snapshot,
    validated: Validated,
}

/// What a check depends on besides the lines: the account's status, how much of its ledger
/// there is, and the day.
#[derive(PartialEq)]
struct Snapshot {
    status: feedrail::AccountStatus,
    lines: usize,
    day: chrono::NaiveDate,
}

impl Snapshot {
    /// Sets the account's `status` on the ledger's cursor (the rules read it there) and
    /// describes what a check would be made against now.
    fn take(ledger: &mut crate::state::Ledger, status: feedrail::AccountStatus) -> Self {
        ledger.cursor.account_status = Some(status);
        Snapshot {
            status,
            lines: ledger.transactions.len(),
            day: Utc::now().date_naive(),
        }
    }
}

/// The account's ledger and status.
fn account_ledger(
    app: &App,
    company_id: &str,
    connection_id: &str,
    account_id: &str,
) -> Option<(
    Arc<std::sync::Mutex<crate::state::Ledger>>,
    feedrail::AccountStatus,
)> {
    let store = lock(&app.store);
    let account = store
        .companies
        .get(company_id)?
        .connection(connection_id)
        .ok()?
        .account(account_id)
        .ok()?;
    Some((
        Arc::clone(&account.ledger),
        account
            .account
            .status
            .unwrap_or(feedrail::AccountStatus::Pending),
    ))
}

/// Takes push `key`'s lines and checks them against the account as it is now.
fn precheck(
    app: &App,
    company_id: &str,
    connection_id: &str,
    account_id: &str,
    key: &str,
) -> Option<Prechecked> {
    let (records, deadline) = {
        let mut store = lock(&app.store);
        let company = store.companies.get_mut(company_id)?;
        let &i = company.push_index.get(key)?;
        let rec = &mut company.pushes[i];
        if rec.op.status.is_final() {
            return None;
        }
        (std::mem::take(&mut rec.records), rec.deadline)
    };
    let (ledger, status) = account_ledger(app, company_id, connection_id, account_id)?;
    let mut ledger = lock(&ledger);
    let against = Snapshot::take(&mut ledger, status);
    let profile = Profile::sage();
    let validated = validate_records(&records, &ValidationContext::new(&profile, &ledger.cursor));
    drop(ledger);
    Some(Prechecked {
        records,
        deadline,
        against,
        validated,
    })
}

/// Processes push `key` (checked ahead by [`precheck`]); the lines that land later, when it is
/// a `timedOutLanded` fault.
fn process(
    app: &App,
    company_id: &str,
    connection_id: &str,
    account_id: &str,
    key: &str,
    prechecked: Option<Prechecked>,
) -> Option<Vec<serde_json::Value>> {
    let mut prechecked = prechecked?;
    // Ended meanwhile (a read found it past its deadline): nothing more happens to it.
    let pending = lock(&app.store)
        .companies
        .get(company_id)
        .and_then(|c| {
            c.push_index
                .get(key)
                .map(|&i| !c.pushes[i].op.status.is_final())
        })
        .unwrap_or(false);
    if !pending {
        return None;
    }
    let records = std::mem::take(&mut prechecked.records);
    let deadline = prechecked.deadline;
    let mut late = None;
    let ending = if deadline.is_some_and(|d| Utc::now() > d) {
        Ending::timed_out(
            "The push operation did not complete within timeoutInMinutes; nothing was written.",
        )
    } else {
        match app.faults.roll_processing() {
            ProcessingFault::Failed => Ending::failed(
                "An error occurred in a downstream service (injected by the sandbox); nothing was written. Push again."
                    .to_owned(),
                vec![ValidationItem {
                    item_id: None,
                    message: Some("Sage did not accept the statement (injected fault).".to_owned()),
                    validator_name: Some("SandboxFault".to_owned()),
                }],
                Vec::new(),
            ),
            ProcessingFault::TimedOut => Ending::timed_out(
                "The push operation timed out in Sage (injected by the sandbox); nothing was written.",
            ),
            ProcessingFault::TimedOutLanded => {
                late = Some(records);
                Ending::timed_out(
                    "The push operation timed out in Sage (injected by the sandbox); it may still land.",
                )
            }
            ProcessingFault::None => apply(
                app,
                company_id,
                connection_id,
                account_id,
                &records,
                Some(prechecked),
            ),
        }
    };
    finish(app, company_id, key, ending);
    late
}

/// Checks the lines against Sage's rules (reusing `prechecked` when the account has not changed
/// since) and, when they pass, appends them to the ledger.
fn apply(
    app: &App,
    company_id: &str,
    connection_id: &str,
    account_id: &str,
    records: &[serde_json::Value],
    prechecked: Option<Prechecked>,
) -> Ending {
    let Some((ledger, status)) = account_ledger(app, company_id, connection_id, account_id) else {
        return Ending::failed(
            format!("Bank feed account {account_id} no longer exists; nothing was written."),
            Vec::new(),
            Vec::new(),
        );
    };
    let mut ledger = lock(&ledger);
    let now = Snapshot::take(&mut ledger, status);
    let validated = match prechecked {
        Some(p) if p.against == now => p.validated,
        _ => {
            let profile = Profile::sage();
            validate_records(records, &ValidationContext::new(&profile, &ledger.cursor))
        }
    };
    let Report {
        errors, warnings, ..
    } = &validated.report;
    if !errors.is_empty() {
        return Ending::failed(
            "Push failed for BankTransactions: see validation for more information".to_owned(),
            items(errors, &ledger.cursor),
            items(warnings, &ledger.cursor),
        );
    }
    let warnings = items(warnings, &ledger.cursor);
    let mut changes = Vec::with_capacity(validated.transactions.len());
    for tx in validated.transactions {
        changes.push(PushChange {
            change_type: Some("Created".to_owned()),
            record_ref: Some(RecordRef {
                id: Some(tx.id.clone()),
                data_type: Some("bankTransactions".to_owned()),
            }),
            attachment_id: None,
        });
        ledger.cursor.latest_date = Some(tx.date);
        ledger.cursor.latest_id = Some(tx.id.clone());
        ledger.cursor.last_balance = tx.balance.or(ledger.cursor.last_balance);
        ledger.cursor.recent_ids.insert(tx.id.clone());
        ledger.transactions.push(tx);
    }
    let balance = ledger.cursor.last_balance;
    drop(ledger);
    if !changes.is_empty() {
        let mut store = lock(&app.store);
        if let Some(account) = store
            .companies
            .get_mut(company_id)
            .and_then(|c| c.connection_mut(connection_id).ok())
            .and_then(|c| c.account_mut(account_id).ok())
        {
            account.account.balance = balance;
            account.account.modified_date = Some(Utc::now());
        }
    }
    Ending {
        status: PushStatus::Success,
        status_code: 200,
        error_message: None,
        errors: Vec::new(),
        warnings,
        changes,
    }
}

fn finish(app: &App, company_id: &str, key: &str, ending: Ending) {
    let mut store = lock(&app.store);
    let Some(company) = store.companies.get_mut(company_id) else {
        return;
    };
    let Some(&i) = company.push_index.get(key) else {
        return;
    };
    let op = &mut company.pushes[i].op;
    if op.status.is_final() {
        return;
    }
    op.status = ending.status;
    op.status_code = ending.status_code;
    op.completed_on_utc = Some(Utc::now());
    op.error_message = ending.error_message;
    op.validation = Some(feedrail::Validation {
        errors: Some(ending.errors),
        warnings: Some(ending.warnings),
    });
    op.changes = Some(ending.changes);
    let (company, op) = (company.company.clone(), op.clone());
    drop(store);
    app.webhooks.push_ended(&company, &op);
}

/// Marks a pending push `TimedOut` when its deadline has passed (done on read, as Codat does);
/// whether it did (the caller then announces it with [`crate::webhooks::Webhooks::push_ended`]).
pub fn expire_if_due(
    op: &mut feedrail::PushOperation,
    deadline: Option<chrono::DateTime<Utc>>,
) -> bool {
    let due = op.status == PushStatus::Pending && deadline.is_some_and(|d| Utc::now() > d);
    if due {
        op.status = PushStatus::TimedOut;
        op.status_code = 504;
        op.completed_on_utc = Some(Utc::now());
        op.error_message = Some(
            "The push operation did not complete within timeoutInMinutes; nothing was written."
                .to_owned(),
        );
    }
    due
}
