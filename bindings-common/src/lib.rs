//! What the Python and Node bindings share, so that neither holds a rule or a default of its own:
//! every client operation as a future of JSON, how a client and a feed are configured, the
//! sandbox's settings, and the spelling of keys.

pub mod arrow;
pub mod errors;
pub mod ops;
pub mod settings;
pub mod spelling;
pub mod surface;
pub mod typegen;
pub mod validate;
pub mod webhooks;

pub use ops::Json;
pub use settings::{
    ClientSettings, EnqueueSettings, FeedSettings, ListSettings, PushBatchSettings,
    ReconcileSettings, WorkerSettings, duration, fault_config,
};
pub use validate::{Records, validate};
