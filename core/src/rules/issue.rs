//! Validation findings and the report that collects them.

use serde::{Deserialize, Serialize};

/// Stable code of a validation finding, shared by every language feedrail ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum IssueCode {
    /// A mandatory field is absent or `null`.
    MissingField,
    /// A field has the wrong type, cannot be parsed, is out of range, is an unknown
    /// `transactionType`, or is a blank mandatory string.
    InvalidField,
    /// The record is not an object.
    InvalidRecord,
    /// The id repeats an earlier line of the input or a line already pushed.
    DuplicateId,
    /// The line is dated before a line that precedes it.
    OutOfOrder,
    /// The line is dated before the newest line already on the account.
    OlderThanLatest,
    /// The line is dated after today (the UTC day, or the day in the chosen time zone).
    FutureDate,
    /// The account is not `connected`, so nothing can be pushed to it.
    AccountNotConnected,
    /// Warning: the amount's sign contradicts `transactionType` (Credit +, Debit −).
    AmountSignMismatch,
    /// Warning: the balance is not the previous balance plus the amount.
    BalanceDiscontinuity,
    /// Warning: a field feedrail does not know; it is not sent.
    UnknownField,
    /// Warning: the line's date carries another UTC offset than the feed's first line; Codat
    /// keeps wall-clock time, so their order may differ from the order of the instants.
    MixedOffsets,
}

/// Whether a finding stops a push.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The line (or the account) cannot be pushed.
    Error,
    /// Worth a look; does not stop the push.
    Warning,
}

impl IssueCode {
    /// Every code.
    pub const ALL: [IssueCode; 12] = [
        Self::MissingField,
        Self::InvalidField,
        Self::InvalidRecord,
        Self::DuplicateId,
        Self::OutOfOrder,
        Self::OlderThanLatest,
        Self::FutureDate,
        Self::AccountNotConnected,
        Self::AmountSignMismatch,
        Self::BalanceDiscontinuity,
        Self::UnknownField,
        Self::MixedOffsets,
    ];

    /// The stable code, e.g. `"OUT_OF_ORDER"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MissingField => "MISSING_FIELD",
            Self::InvalidField => "INVALID_FIELD",
            Self::InvalidRecord => "INVALID_RECORD",
            Self::DuplicateId => "DUPLICATE_ID",
            Self::OutOfOrder => "OUT_OF_ORDER",
            Self::OlderThanLatest => "OLDER_THAN_LATEST",
            Self::FutureDate => "FUTURE_DATE",
            Self::AccountNotConnected => "ACCOUNT_NOT_CONNECTED",
            Self::AmountSignMismatch => "AMOUNT_SIGN_MISMATCH",
            Self::BalanceDiscontinuity => "BALANCE_DISCONTINUITY",
            Self::UnknownField => "UNKNOWN_FIELD",
            Self::MixedOffsets => "MIXED_OFFSETS",
        }
    }

    /// Whether this code is an error or a warning.
    pub fn severity(self) -> Severity {
        match self {
            Self::AmountSignMismatch
            | Self::BalanceDiscontinuity
            | Self::UnknownField
            | Self::MixedOffsets => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl std::fmt::Display for IssueCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding: what is wrong, on which line and field, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// Stable code.
    pub code: IssueCode,
    /// 0-based position in the input; `None` for account-level findings.
    pub index: Option<usize>,
    /// The line's id, when it has a usable one.
    pub transaction_id: Option<String>,
    /// The wire name of the field concerned, when there is one.
    pub field: Option<String>,
    /// Human-readable: what is wrong, where, and what to do.
    pub message: String,
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

/// The result of validating a list of transactions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// How many input lines were checked.
    pub checked: usize,
    /// Findings that stop a push, in input order (account-level first).
    pub errors: Vec<Issue>,
    /// Findings that do not, in input order.
    pub warnings: Vec<Issue>,
}

impl Report {
    /// True when there are no errors (warnings allowed).
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// Records a finding under errors or warnings according to its code.
    pub fn push(&mut self, issue: Issue) {
        match issue.code.severity() {
            Severity::Error => self.errors.push(issue),
            Severity::Warning => self.warnings.push(issue),
        }
    }

    /// Input positions that carry at least one error, ascending.
    pub fn error_indices(&self) -> Vec<usize> {
        let mut indices: Vec<usize> = self.errors.iter().filter_map(|i| i.index).collect();
        indices.dedup();
        indices
    }

    /// Whether an error concerns the whole account rather than one line.
    pub fn has_account_error(&self) -> bool {
        self.errors.iter().any(|i| i.index.is_none())
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} transactions checked: {} errors, {} warnings",
            self.checked,
            self.errors.len(),
            self.warnings.len()
        )?;
        for issue in self.errors.iter().chain(&self.warnings) {
            write!(f, "\n  {issue}")?;
        }
        Ok(())
    }
}
