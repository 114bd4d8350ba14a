//! The one error type, with stable codes shared by every language feedrail ships.

use crate::rules::Report;

/// Stable, machine-readable error codes (`exc.code` in Python, `err.code` in Node).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// Transactions broke the target's rules; see the report.
    Validation,
    /// A setting is out of range or inconsistent.
    Config,
}

impl ErrorCode {
    /// The code as text, e.g. `"VALIDATION"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Validation => "VALIDATION",
            Self::Config => "CONFIG",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything that can go wrong in feedrail.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Validation found errors; nothing was sent.
    #[error("{}", validation_message(.0))]
    Validation(Box<Report>),
    /// A setting is wrong.
    #[error("invalid configuration: {message}")]
    Config {
        /// What is wrong and how to fix it.
        message: String,
    },
}

impl Error {
    /// A `CONFIG` error.
    pub fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
        }
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Validation(_) => ErrorCode::Validation,
            Error::Config { .. } => ErrorCode::Config,
        }
    }

    /// The validation report, for `VALIDATION` errors.
    pub fn report(&self) -> Option<&Report> {
        match self {
            Error::Validation(r) => Some(r),
            _ => None,
        }
    }
}

fn validation_message(report: &Report) -> String {
    let first = report
        .errors
        .first()
        .map(|i| format!("; first: {i}"))
        .unwrap_or_default();
    format!(
        "{} of {} transactions failed validation, nothing was sent{first}",
        report
            .error_indices()
            .len()
            .max(usize::from(report.has_account_error())),
        report.checked
    )
}
