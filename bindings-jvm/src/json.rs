//! The values that cross as JSON text: each is a uniffi custom type over `String`, which the
//! Kotlin side reads into (or writes from) the class generated from the core's schema of the
//! same name (`bindings-jvm/uniffi.toml`, written by `bindings-common/src/typegen.rs`).

use feedrail::Error;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Declares JSON types: a newtype over the JSON text, its uniffi custom type, and
/// [`JSON_TYPES`], the list the generated `uniffi.toml` must cover.
macro_rules! json_types {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        $(
            $(#[$doc])*
            pub struct $name(String);
            uniffi::custom_type!($name, String, {
                lower: |value| value.0,
                try_lift: |text| Ok($name(text)),
            });
            /// Names the type only: the JSON may hold a secret (an API key).
            impl std::fmt::Debug for $name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(stringify!($name))
                }
            }
            impl JsonText for $name {
                fn text(self) -> String {
                    self.0
                }
                fn from_text(text: String) -> Self {
                    $name(text)
                }
            }
        )*
        /// Every JSON type's name, as uniffi knows it.
        pub const JSON_TYPES: &[&str] = &[$(stringify!($name)),*];
    };
}

/// What every JSON type does: read as a Rust value, or written from one.
pub trait JsonText: Sized {
    /// The JSON text.
    fn text(self) -> String;
    /// The type holding `text`.
    fn from_text(text: String) -> Self;

    /// `value` written as JSON.
    fn of<T: Serialize>(value: &T) -> Result<Self, Error> {
        serde_json::to_string(value)
            .map(Self::from_text)
            .map_err(|e| Error::Internal {
                message: format!("cannot convert a result: {e}"),
            })
    }

    /// The JSON read as `T`, or a `CONFIG` error naming `what`.
    fn read_as<T: DeserializeOwned>(self, what: &str) -> Result<T, Error> {
        serde_json::from_str(&self.text())
            .map_err(|e| Error::config(format!("{what} is not valid: {e}")))
    }

    /// The JSON as a value, or a `CONFIG` error naming `what`.
    fn value(self, what: &str) -> Result<Value, Error> {
        self.read_as(what)
    }
}

json_types! {
    /// A company.
    Company,
    /// One page of companies.
    CompanyPage,
    /// A connection.
    Connection,
    /// Connections.
    ConnectionList,
    /// A one-time password (Sage).
    Otp,
    /// The company as its accounting software knows it.
    CompanyInformation,
    /// QuickBooks Online credentials.
    Credentials,
    /// Account mappings.
    AccountMappingList,
    /// The result of a mapping.
    AccountMappingResult,
    /// A source bank account.
    SourceAccount,
    /// Source bank accounts.
    SourceAccountList,
    /// One result per account of a batch create.
    BatchCreateItemList,
    /// Codat's push model.
    PushOption,
    /// A push operation.
    PushOperation,
    /// One page of push operations.
    PushOperationPage,
    /// What a feed did.
    FeedReport,
    /// Lines appended to a queue.
    Enqueued,
    /// Every account's queue.
    AccountQueueStatusList,
    /// What became of each source line.
    Reconciliation,
    /// What a worker did.
    WorkerMetrics,
    /// A verified webhook event.
    WebhookEvent,
    /// A validation's findings.
    ValidationReport,
    /// A feed's progress event.
    ProgressEvent,
    /// What an error carries besides its message.
    ErrorDetails,
    /// The sandbox's ledger of an account.
    Ledger,
    /// The sandbox's counters.
    SandboxStats,
    /// A sandbox webhook endpoint.
    WebhookEndpoint,
    /// The sandbox's webhook deliveries.
    WebhookDeliveryStatsList,
    /// The options of a client.
    ClientOptions,
    /// The options of a feed.
    FeedOptions,
    /// The options of a list.
    ListOptions,
    /// The options of an enqueue.
    EnqueueOptions,
    /// The options of a reconciliation.
    ReconcileOptions,
    /// The options of a worker.
    WorkerOptions,
    /// The options of a validation.
    ValidateOptions,
    /// The options of one push.
    PushBatchOptions,
    /// The faults the sandbox injects.
    FaultConfig,
    /// A source account to create.
    SourceAccountInput,
    /// Source accounts to create.
    SourceAccountInputList,
    /// Changes to a source account.
    SourceAccountUpdate,
    /// A mapping to create.
    AccountMappingInput,
}

impl ValidationReport {
    /// The report of a validation.
    pub fn of(validated: &feedrail::Validated) -> Result<Self, Error> {
        <Self as JsonText>::of(validated)
    }
}

impl ValidateOptions {
    /// The options read.
    pub fn read(self) -> Result<feedrail_bindings::validate::ValidateSettings, Error> {
        self.read_as("options")
    }
}
