//! Core errors as one Kotlin exception hierarchy: `FeedrailException`, a sealed class with a
//! subclass per error code, each carrying the core's message (`reason`, which the generated
//! class returns as its `message`) and the details every language's errors carry.

use std::panic::{AssertUnwindSafe, catch_unwind};

use feedrail::{Error, ErrorCode};
use feedrail_bindings::errors::ErrorDetails as Details;

use crate::json::{ErrorDetails, JsonText};

/// Declares the error enum, one variant per core code, and its conversion from a core error
/// (a code the core adds and this list lacks fails to compile).
macro_rules! error_variants {
    ($($code:ident,)*) => {
        /// Every error of feedrail: switch on the subclass, or on `details.code`.
        #[derive(Debug, uniffi::Error)]
        pub enum FeedrailError {
            $(
                /// The error of the core's code of this name (`details.code`).
                $code {
                    /// What is wrong, where, and what to do.
                    reason: String,
                    /// The code, HTTP status, correlation id, retryability, findings, report.
                    details: ErrorDetails,
                },
            )*
        }

        impl From<Error> for FeedrailError {
            fn from(error: Error) -> Self {
                let reason = error.to_string();
                let details = ErrorDetails::of(&Details::of(&error)).unwrap_or_else(|_| {
                    ErrorDetails::from_text(format!(
                        "{{\"code\":\"{}\",\"retryable\":false,\"issues\":[]}}",
                        error.code().as_str()
                    ))
                });
                match error.code() {
                    $(ErrorCode::$code => FeedrailError::$code { reason, details },)*
                    // A code newer than this list (the test below keeps it complete).
                    _ => FeedrailError::Internal { reason, details },
                }
            }
        }

        /// The variants' names, in order.
        #[cfg(test)]
        const VARIANTS: &[&str] = &[$(stringify!($code)),*];

        impl FeedrailError {
            /// The core's message.
            pub fn reason(&self) -> &str {
                match self {
                    $(FeedrailError::$code { reason, .. } => reason,)*
                }
            }
        }
    };
}

error_variants! {
    Validation,
    Config,
    Auth,
    Forbidden,
    NotFound,
    Conflict,
    BadRequest,
    RateLimited,
    Api,
    Network,
    Timeout,
    PushFailed,
    PushTimedOut,
    AccountNotConnected,
    AccountBusy,
    Store,
    WebhookSignature,
    WebhookReplay,
    WebhookPayload,
    Internal,
}

impl std::fmt::Display for FeedrailError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.reason())
    }
}

/// An error raised by a callback written in Kotlin or Java.
impl From<uniffi::UnexpectedUniFFICallbackError> for FeedrailError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        internal(format!("a callback failed: {}", e.reason))
    }
}

/// An `INTERNAL` error with `message`.
pub fn internal(message: String) -> FeedrailError {
    Error::Internal { message }.into()
}

/// Runs `f`; a panic in it becomes an `INTERNAL` error instead of unwinding into the JVM.
pub fn guarded<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, FeedrailError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result.map_err(FeedrailError::from),
        Err(_) => Err(internal("feedrail panicked".to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_code_has_its_own_class() {
        let codes: Vec<String> = ErrorCode::ALL.iter().map(|c| format!("{c:?}")).collect();
        assert_eq!(codes, VARIANTS);
    }
}
