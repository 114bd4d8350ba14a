//! `webhooks`: verifying Codat's Svix-signed deliveries, and a client's `handleWebhook` /
//! `handleEvent`. Bodies are a `Buffer` or a string; headers are an object as Node's `http`
//! and Express give them.

use feedrail_bindings::webhooks;
use napi::Env;
use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;
use serde_json::Value;

use crate::args::{Opts, Text, read_options};
use crate::errors::{config, guard, to_js};
use crate::types::{Output, to_js_value};

/// A request body as received.
pub type Body = Either<Buffer, String>;

fn bytes(body: &Body) -> &[u8] {
    match body {
        Either::A(buffer) => buffer,
        Either::B(text) => text.as_bytes(),
    }
}

/// Name/value pairs from a headers object (`string` or `string[]` values; others skipped).
pub fn pairs(env: &Env, headers: Value) -> napi::Result<Vec<(String, String)>> {
    let Value::Object(map) = headers else {
        return Err(config(
            env,
            "headers must be an object of header names and values (req.headers)",
        ));
    };
    let mut pairs = Vec::with_capacity(map.len());
    for (name, value) in map {
        match value {
            Value::String(v) => pairs.push((name, v)),
            Value::Array(values) => pairs.extend(
                values
                    .into_iter()
                    .filter_map(|v| v.as_str().map(|v| (name.clone(), v.to_owned()))),
            ),
            _ => {}
        }
    }
    Ok(pairs)
}

/// Options of `webhooks.verify` and `new webhooks.Verifier`.
#[napi(object, object_to_js = false)]
pub struct VerifyOptions {
    /// Seconds a delivery's timestamp may be from this machine's clock (default 300).
    pub tolerance: Option<f64>,
}

/// Checks one delivery's signature and timestamp against `secret` (`whsec_…`) and returns its
/// event. Keeps no memory of deliveries: a `Verifier` also refuses replays. Throws
/// `WEBHOOK_SIGNATURE`, `WEBHOOK_PAYLOAD` or (bad secret) `CONFIG`.
#[napi(namespace = "webhooks", ts_return_type = "WebhookEvent")]
pub fn verify(
    env: Env,
    #[napi(ts_arg_type = "Buffer | string")] body: Body,
    #[napi(ts_arg_type = "Record<string, string | string[] | undefined>")] headers: Value,
    #[napi(ts_arg_type = "string")] secret: Text,
    #[napi(ts_arg_type = "VerifyOptions")] options: Option<Opts<VerifyOptions>>,
) -> napi::Result<Output> {
    guard(&env, || {
        let secret = secret.get(&env, "secret")?;
        let options = read_options(&env, options, "options")?;
        let pairs = pairs(&env, headers)?;
        let tolerance = options.and_then(|o| o.tolerance);
        webhooks::verify(bytes(&body), &pairs, &secret, tolerance)
            .map(to_js_value)
            .map_err(|e| to_js(&env, e))
    })
}

/// Verifies deliveries for one endpoint's secret, refusing one it accepted before
/// (`WEBHOOK_REPLAY`: answer it with 200).
#[napi(namespace = "webhooks")]
pub struct Verifier {
    inner: feedrail::webhooks::Verifier,
}

#[napi(namespace = "webhooks")]
impl Verifier {
    /// A verifier for `secret` (`whsec_…`).
    #[napi(constructor)]
    pub fn new(
        env: Env,
        #[napi(ts_arg_type = "string")] secret: Text,
        #[napi(ts_arg_type = "VerifyOptions")] options: Option<Opts<VerifyOptions>>,
    ) -> napi::Result<Self> {
        let secret = secret.get(&env, "secret")?;
        let options = read_options(&env, options, "options")?;
        let tolerance = options.and_then(|o| o.tolerance);
        webhooks::verifier(&secret, tolerance)
            .map(|inner| Verifier { inner })
            .map_err(|e| to_js(&env, e))
    }

    /// Checks one delivery and returns its event.
    #[napi(ts_return_type = "WebhookEvent")]
    pub fn verify(
        &self,
        env: Env,
        #[napi(ts_arg_type = "Buffer | string")] body: Body,
        #[napi(ts_arg_type = "Record<string, string | string[] | undefined>")] headers: Value,
    ) -> napi::Result<Output> {
        guard(&env, || {
            let pairs = pairs(&env, headers)?;
            webhooks::verify_with(&self.inner, bytes(&body), &pairs)
                .map(to_js_value)
                .map_err(|e| to_js(&env, e))
        })
    }
}

/// `Client.handleWebhook`.
pub fn handle_webhook(
    env: &Env,
    client: &feedrail::Client,
    body: &Body,
    headers: Value,
) -> napi::Result<Output> {
    guard(env, || {
        let pairs = pairs(env, headers)?;
        webhooks::handle_webhook(client, bytes(body), &pairs)
            .map(to_js_value)
            .map_err(|e| to_js(env, e))
    })
}

/// `Client.handleEvent`.
pub fn handle_event(env: &Env, client: &feedrail::Client, event: Value) -> napi::Result<()> {
    guard(env, || {
        webhooks::handle_event(client, event).map_err(|e| to_js(env, e))
    })
}
