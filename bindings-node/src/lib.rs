//! `feedrail` for Node: the core's rules and client behind a Promise API. The bindings convert
//! types and map errors; every rule lives in the core, every option's default in
//! `feedrail-bindings`.

pub mod args;
mod arrow;
pub mod client;
pub mod errors;
mod iterables;
mod logging;
pub mod options;
pub mod sandbox;
mod stringified;
pub mod types;
pub mod validate;
pub mod webhooks;
pub mod worker;

use napi_derive::napi;

/// The version of feedrail.
#[napi]
pub const VERSION: &str = feedrail::VERSION;
