//! Reconciliation: what became of each line of a source file at Codat, from the push journal
//! the cursor store keeps (Codat cannot list the lines on an account), optionally confirmed
//! against Codat's push history, with a running-balance check.
//!
//! Each source line gets one status — `landed` (with the push and its completion time),
//! `pending`, `in_doubt`, `failed` (with Codat's reason), `rejected` (feedrail's own validation,
//! with the finding) or `not_sent` — and the lines the journal has landed that the source lacks
//! are listed as `not_in_source`.

use std::collections::{HashMap, HashSet};

use foldhash::fast::RandomState;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::batch::PushTarget;
use crate::cursor::{AccountState, JournalEntry, JournalStatus};
use crate::error::Error;
use crate::feed::Pipeline;
use crate::model::PushStatus;
use crate::rules::{
    AccountCursor, Issue, Lines, Profile, Validated, ValidationContext, validate_lines,
};

/// What became of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    /// On the account, through the push named.
    Landed,
    /// In the batch in flight: sent (or about to be), its push not final yet.
    Pending,
    /// In the batch in flight whose fate is unknown (e.g. it ended `TimedOut`): the next run
    /// resolves it before sending anything else.
    InDoubt,
    /// In a batch Codat refused (nothing of it was written); see the reason.
    Failed,
    /// Refused by feedrail's validation, never sent; see the finding.
    Rejected,
    /// Valid, but never sent.
    NotSent,
    /// Landed through feedrail, but not in this source (sent earlier, or from another file).
    NotInSource,
}

/// One line's reconciliation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReconciledLine {
    /// Its position in the source (none for a line not in it).
    pub index: Option<usize>,
    /// Its id (none when the source line has no readable id).
    pub id: Option<String>,
    /// What became of it.
    pub status: LineStatus,
    /// Its date, when the line is valid.
    #[cfg_attr(feature = "schema", schemars(with = "Option<NaiveDateTime>"))]
    #[serde(with = "crate::date::transaction_date_option")]
    pub date: Option<NaiveDateTime>,
    /// Its amount, when the line is valid.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Decimal>"))]
    pub amount: Option<Decimal>,
    /// Its running balance, when the line is valid and has one.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Decimal>"))]
    pub balance: Option<Decimal>,
    /// The journal entry (batch) it went in, when it was sent.
    pub batch: Option<u64>,
    /// Codat's key of that batch's push.
    pub push_operation_key: Option<String>,
    /// When that push completed.
    pub completed_at: Option<DateTime<Utc>>,
    /// Why it failed, is in doubt, or was rejected.
    pub reason: Option<String>,
    /// The validation finding that rejected it.
    pub issue: Option<Box<Issue>>,
}

/// How many lines have each status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    /// Lines on the account.
    pub landed: usize,
    /// Lines of the batch in flight.
    pub pending: usize,
    /// Lines of the batch in doubt.
    pub in_doubt: usize,
    /// Lines of refused batches.
    pub failed: usize,
    /// Lines feedrail's validation refused.
    pub rejected: usize,
    /// Valid lines never sent.
    pub not_sent: usize,
    /// Landed lines the source does not have.
    pub not_in_source: usize,
}

impl StatusCounts {
    fn add(&mut self, status: LineStatus) {
        *match status {
            LineStatus::Landed => &mut self.landed,
            LineStatus::Pending => &mut self.pending,
            LineStatus::InDoubt => &mut self.in_doubt,
            LineStatus::Failed => &mut self.failed,
            LineStatus::Rejected => &mut self.rejected,
            LineStatus::NotSent => &mut self.not_sent,
            LineStatus::NotInSource => &mut self.not_in_source,
        } += 1;
    }
}

/// A line whose balance is not the previous balance plus its amount: where a break starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct BalanceBreak {
    /// Its position in the source.
    pub index: usize,
    /// Its id.
    pub id: String,
    /// The previous balance plus its amount.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    #[cfg_attr(feature = "schema", schemars(with = "Decimal"))]
    pub expected: Decimal,
    /// The balance it states.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    #[cfg_attr(feature = "schema", schemars(with = "Decimal"))]
    pub found: Decimal,
}

/// One journaled batch checked against Codat's push history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct BatchCheck {
    /// The journal entry.
    pub batch: u64,
    /// Codat's key of its push.
    pub push_operation_key: String,
    /// What the journal says.
    pub journaled: JournalStatus,
    /// What Codat says now.
    pub codat_status: PushStatus,
    /// Whether they agree: `Success` for a landed batch (or a resend refused as already
    /// received, line by line), anything else for a refused one.
    pub agrees: bool,
}

/// What became of a source file's lines at Codat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Reconciliation {
    /// The account.
    pub target: PushTarget,
    /// Every line of the source landed, the running balance holds, Codat's balance is not known
    /// to differ from the last landed line's, and every batch checked agrees with Codat.
    pub ok: bool,
    /// One per source line, in source order.
    pub lines: Vec<ReconciledLine>,
    /// Lines landed through feedrail that the source does not have, in the order they landed.
    pub not_in_source: Vec<ReconciledLine>,
    /// How many lines have each status.
    pub counts: StatusCounts,
    /// The balance before the first line: as given, or the first valid line's balance less its
    /// amount.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Decimal>"))]
    pub opening_balance: Option<Decimal>,
    /// Every line (valid, with a balance) where the running balance breaks, in source order.
    pub balance_breaks: Vec<BalanceBreak>,
    /// The balance after the last line that landed (feedrail's cursor).
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Decimal>"))]
    pub last_landed_balance: Option<Decimal>,
    /// The account's balance at Codat, when it was read.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Decimal>"))]
    pub account_balance: Option<Decimal>,
    /// Whether Codat's balance equals the last landed line's (none when either is unknown).
    pub balance_matches: Option<bool>,
    /// The journaled batches checked against Codat (with `confirm`; empty otherwise).
    pub batch_checks: Vec<BatchCheck>,
}

/// How to reconcile.
#[derive(Debug, Clone)]
pub struct ReconcileOptions {
    /// The rules the source is validated against (statelessly: what is on the account is the
    /// journal's business).
    pub profile: Profile,
    /// The day to validate against (default: today in `time_zone`, or in UTC).
    pub today: Option<NaiveDate>,
    /// Converts dates written with an offset into this zone's wall-clock time.
    pub time_zone: Option<chrono_tz::Tz>,
    /// The balance before the first line (default: the first valid line's balance less its
    /// amount).
    pub opening_balance: Option<Decimal>,
    /// Re-reads each journaled batch's push operation from Codat (one request per batch) to
    /// confirm its final status.
    pub confirm: bool,
    /// Reads the account from Codat to compare its balance with the last landed line's.
    pub read_account: bool,
}

impl Default for ReconcileOptions {
    fn default() -> Self {
        ReconcileOptions {
            profile: Profile::sage(),
            today: None,
            time_zone: None,
            opening_balance: None,
            confirm: false,
            read_account: true,
        }
    }
}

/// An opening balance given as text, or a `CONFIG` error naming `option`.
pub fn parse_opening_balance(text: &str, option: &str) -> Result<Decimal, Error> {
    crate::money::parse_decimal(text).map_err(|_| {
        Error::config(format!(
            "{option} must be an exact decimal amount such as \"1250.00\", not {text:?}"
        ))
    })
}

/// Reconciles `lines` (validated as `validated`) against what the store holds for the account:
/// its journal and its batch in flight. No request is made; [`Pipeline::reconcile`] adds
/// Codat's side.
pub fn reconcile_lines(
    target: &PushTarget,
    lines: &Lines<'_>,
    validated: &Validated,
    journal: &[JournalEntry],
    state: &AccountState,
    opening_balance: Option<Decimal>,
) -> Reconciliation {
    // Each id's entry: the one that landed it, else the last that refused it (a refused line may
    // land later in another batch).
    let mut settled: HashMap<&str, &JournalEntry, RandomState> = HashMap::with_capacity_and_hasher(
        journal.iter().map(|e| e.ids.len()).sum::<usize>(),
        RandomState::default(),
    );
    for entry in journal {
        for id in &entry.ids {
            let keep = settled
                .get(id.as_str())
                .is_none_or(|e| e.status != JournalStatus::Landed);
            if keep {
                settled.insert(id.as_str(), entry);
            }
        }
    }
    let in_flight: HashSet<&str, RandomState> = state
        .in_flight
        .iter()
        .flat_map(|b| b.transactions.iter().map(|t| t.id.as_str()))
        .collect();
    let mut rejected: HashMap<usize, &Issue> = HashMap::new();
    for issue in &validated.report.errors {
        if let Some(index) = issue.index {
            rejected.entry(index).or_insert(issue);
        }
    }
    let mut valid = validated
        .indices
        .iter()
        .zip(&validated.transactions)
        .peekable();
    let mut counts = StatusCounts::default();
    let mut out = Vec::with_capacity(lines.len());
    let mut in_source: HashSet<&str, RandomState> =
        HashSet::with_capacity_and_hasher(lines.len(), RandomState::default());
    for index in 0..lines.len() {
        let id = lines.id(index);
        let transaction = match valid.peek() {
            Some((i, t)) if **i == index => {
                let t = *t;
                valid.next();
                Some(t)
            }
            _ => None,
        };
        let mut line = ReconciledLine {
            index: Some(index),
            id: id.map(str::to_owned),
            status: LineStatus::NotSent,
            date: transaction.map(|t| t.date),
            amount: transaction.map(|t| t.amount),
            balance: transaction.and_then(|t| t.balance),
            batch: None,
            push_operation_key: None,
            completed_at: None,
            reason: None,
            issue: None,
        };
        if let Some(id) = id {
            in_source.insert(id);
        }
        let journaled = id.and_then(|id| settled.get(id)).copied();
        match journaled {
            Some(entry) if entry.status == JournalStatus::Landed => {
                mark(&mut line, LineStatus::Landed, entry);
            }
            _ if id.is_some_and(|id| in_flight.contains(id)) => {
                let batch = state
                    .in_flight
                    .as_ref()
                    .expect("an id in flight has a batch");
                line.status = match &batch.in_doubt {
                    Some(doubt) => {
                        line.reason = Some(doubt.reason.clone());
                        LineStatus::InDoubt
                    }
                    None => LineStatus::Pending,
                };
                line.push_operation_key = batch.push_operation_key.clone();
            }
            Some(entry) => {
                mark(&mut line, LineStatus::Failed, entry);
                line.reason = entry
                    .message
                    .clone()
                    .or_else(|| entry.validation.iter().find_map(|v| v.message.clone()));
            }
            None => {
                if let Some(issue) = rejected.get(&index) {
                    line.status = LineStatus::Rejected;
                    line.reason = Some(issue.message.clone());
                    line.issue = Some(Box::new((*issue).clone()));
                }
            }
        }
        counts.add(line.status);
        out.push(line);
    }
    let mut not_in_source = Vec::new();
    for entry in journal.iter().filter(|e| e.status == JournalStatus::Landed) {
        for id in &entry.ids {
            if !in_source.contains(id.as_str()) {
                let mut line = ReconciledLine {
                    index: None,
                    id: Some(id.clone()),
                    status: LineStatus::NotInSource,
                    date: None,
                    amount: None,
                    balance: None,
                    batch: None,
                    push_operation_key: None,
                    completed_at: None,
                    reason: None,
                    issue: None,
                };
                mark(&mut line, LineStatus::NotInSource, entry);
                counts.add(LineStatus::NotInSource);
                not_in_source.push(line);
            }
        }
    }
    let (opening_balance, balance_breaks) = balance_breaks(validated, opening_balance);
    let mut result = Reconciliation {
        target: target.clone(),
        ok: false,
        lines: out,
        not_in_source,
        counts,
        opening_balance,
        balance_breaks,
        last_landed_balance: state.cursor.last_balance,
        account_balance: None,
        balance_matches: None,
        batch_checks: Vec::new(),
    };
    result.ok = result.verdict();
    result
}

impl Reconciliation {
    /// What [`Reconciliation::ok`] says, from the rest.
    fn verdict(&self) -> bool {
        self.counts.landed == self.lines.len()
            && self.balance_breaks.is_empty()
            && self.balance_matches != Some(false)
            && self.batch_checks.iter().all(|c| c.agrees)
    }
}

fn mark(line: &mut ReconciledLine, status: LineStatus, entry: &JournalEntry) {
    line.status = status;
    line.batch = Some(entry.sequence);
    line.push_operation_key = entry.push_operation_key.clone();
    line.completed_at = Some(entry.completed_at);
}

/// The opening balance used, and every valid line whose balance is not the previous balance
/// plus its amount (each break counted once, where it starts: the next line is checked against
/// the balance this one states).
fn balance_breaks(
    validated: &Validated,
    opening: Option<Decimal>,
) -> (Option<Decimal>, Vec<BalanceBreak>) {
    let opening = opening.or_else(|| {
        validated
            .transactions
            .iter()
            .find_map(|t| t.balance.map(|b| b - t.amount))
    });
    let mut breaks = Vec::new();
    let mut previous = opening;
    for (index, t) in validated.indices.iter().zip(&validated.transactions) {
        let Some(found) = t.balance else {
            previous = previous.map(|p| p + t.amount);
            continue;
        };
        if let Some(previous) = previous {
            let expected = previous + t.amount;
            if expected != found {
                breaks.push(BalanceBreak {
                    index: *index,
                    id: t.id.clone(),
                    expected,
                    found,
                });
            }
        }
        previous = Some(found);
    }
    (opening, breaks)
}

impl Pipeline {
    /// Reconciles the source `lines` of `target` with what feedrail recorded pushing there (the
    /// store's journal and batch in flight), reads the account's balance from Codat (with
    /// `read_account`) and, with `confirm`, each journaled batch's push operation (one request
    /// per batch). Works the same against api.codat.io and the sandbox.
    pub async fn reconcile(
        &self,
        target: &PushTarget,
        lines: &Lines<'_>,
        options: &ReconcileOptions,
    ) -> Result<Reconciliation, Error> {
        let cursor = AccountCursor::default();
        let mut ctx = ValidationContext::new(&options.profile, &cursor).in_zone(options.time_zone);
        if let Some(today) = options.today {
            ctx = ctx.on(today);
        }
        let validated = validate_lines(lines, &ctx);
        let (state, journal) = {
            let key = target.clone();
            crate::feed::blocking(self.store(), move |store| {
                Ok((store.load(&key)?, store.journal(&key)?))
            })
            .await?
        };
        let mut result = reconcile_lines(
            target,
            lines,
            &validated,
            &journal,
            &state,
            options.opening_balance,
        );
        let client = self.client();
        if options.read_account {
            let account = client
                .get_account(
                    &target.company_id,
                    &target.connection_id,
                    &target.account_id,
                )
                .await?;
            result.account_balance = account.balance;
            result.balance_matches = match (account.balance, result.last_landed_balance) {
                (Some(codat), Some(ours)) => Some(codat == ours),
                _ => None,
            };
        }
        if options.confirm {
            for entry in &journal {
                let Some(key) = &entry.push_operation_key else {
                    continue;
                };
                let operation = client.get_push_operation(&target.company_id, key).await?;
                // A batch found landed after its push ended badly is confirmed by a resend
                // that Sage refused line by line as already received.
                let received = operation.already_received();
                let agrees = match entry.status {
                    JournalStatus::Landed => {
                        operation.status == PushStatus::Success
                            || entry.ids.iter().all(|id| received.contains(id.as_str()))
                    }
                    JournalStatus::Failed => operation.status != PushStatus::Success,
                };
                result.batch_checks.push(BatchCheck {
                    batch: entry.sequence,
                    push_operation_key: key.clone(),
                    journaled: entry.status,
                    codat_status: operation.status,
                    agrees,
                });
            }
        }
        result.ok = result.verdict();
        Ok(result)
    }
}
