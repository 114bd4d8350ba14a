//! `Client`: every operation of the core client as a Promise, over the shared JSON operations.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use feedrail::{FeedJob, Lines, PushOptions, PushTarget};
use feedrail_bindings::ops::{self, Json};
use feedrail_bindings::settings::wait_options;
use feedrail_bindings::{
    ClientSettings, EnqueueSettings, FeedSettings, ListSettings, ReconcileSettings,
};
use futures_util::stream::BoxStream;
use futures_util::{FutureExt, StreamExt};
use napi::bindgen_prelude::{
    AsyncGenerator, JsObjectValue, JsValue, Object, PromiseRaw, ToNapiValue, Unknown,
};
use napi::threadsafe_function::ThreadsafeFunctionCallMode;
use napi::{Env, sys};
use napi_derive::napi;
use serde_json::Value;
use tokio::sync::Mutex;

use crate::args::{Opts, Text, optional, read_options};
use crate::errors::{config, guard, panicked, to_js};
use crate::iterables::with_records;
use crate::options::{
    ClientOptions, EnqueueOptions, FeedOptions, ListOptions, PolicyOptions, ProgressFn,
    PushBatchOptions, ReconcileOptions, WaitOptions, WorkerOptions,
};
use crate::types::{Output, Reader, to_js_value};
use crate::worker::Worker;

/// Reads an argument in a method returning a Promise: when it is wrong, the method returns a
/// promise rejected with the error (a Promise method never throws).
macro_rules! arg {
    ($env:expr, $read:expr) => {
        match $read {
            Ok(value) => value,
            Err(e) => return PromiseRaw::reject($env, e),
        }
    };
}

/// Runs `work` on tokio; resolves with its JSON as JS, or rejects with a `FeedrailError`. A panic
/// rejects with `INTERNAL`.
pub fn promise<'env>(
    env: &'env Env,
    work: impl Future<Output = Json> + Send + 'static,
) -> napi::Result<PromiseRaw<'env, Output>> {
    let guarded = async move { Ok(AssertUnwindSafe(work).catch_unwind().await) };
    env.spawn_future_with_callback(guarded, |env, outcome| match outcome {
        Ok(Ok(value)) => Ok(to_js_value(value)),
        Ok(Err(e)) => Err(to_js(env, e)),
        Err(_) => Err(panicked(env)),
    })
}

/// `promise` of the work `prepare` builds from the arguments, or a promise rejected with the
/// error reading them (so a Promise method never throws).
pub fn settle<'env, F: Future<Output = Json> + Send + 'static>(
    env: &'env Env,
    prepare: impl FnOnce() -> napi::Result<F>,
) -> napi::Result<PromiseRaw<'env, Output>> {
    match guard(env, prepare) {
        Ok(work) => promise(env, work),
        Err(e) => PromiseRaw::reject(env, e),
    }
}

/// Lines read from a JS array (borrowing their text from `text`), from Arrow IPC bytes or from
/// any iterable; `CONFIG` when `value` is none of these.
pub fn lines<'t>(
    env: &Env,
    value: Unknown<'_>,
    what: &str,
    text: &'t mut String,
) -> napi::Result<Lines<'t>> {
    let reader = Reader::new(env)?;
    if let Some(lines) = reader.lines(&value, text)? {
        return Ok(lines);
    }
    if let Some(lines) = crate::arrow::lines(env, &value, what)? {
        return Ok(lines);
    }
    reader.iterated(value.raw())?.ok_or_else(|| {
        config(
            env,
            format!("{what} must be an array or an iterable of objects"),
        )
    })
}

/// The account a call names, from its first three arguments.
fn target(env: &Env, company: Text, connection: Text, account: Text) -> napi::Result<PushTarget> {
    Ok(PushTarget::new(
        company.get(env, "companyId")?,
        connection.get(env, "connectionId")?,
        account.get(env, "accountId")?,
    ))
}

/// `settle` for a call taking `records`: `prepare` reads its other arguments at once, and
/// `work` starts once the records are read (at once, or after an async iterable's last record).
pub fn settle_records<'env, P: 'static, F: Future<Output = Json> + Send + 'static>(
    env: &'env Env,
    records: Unknown<'_>,
    prepare: impl FnOnce() -> napi::Result<P>,
    work: impl FnOnce(P, Lines<'static>) -> F + 'static,
) -> napi::Result<PromiseRaw<'env, Output>> {
    let started = guard(env, || {
        let prepared = prepare()?;
        with_records(
            env,
            records.raw(),
            || owned_lines(env, records, "records"),
            Box::new(move |env, lines| promise(env, work(prepared, lines))),
        )
    });
    started.or_else(|e| PromiseRaw::reject(env, e))
}

/// Lines read from a JS array, owning their text (for work that outlives the call).
pub fn owned_lines(env: &Env, value: Unknown<'_>, what: &str) -> napi::Result<Lines<'static>> {
    Ok(lines(env, value, what, &mut Default::default())?.into_owned())
}

/// A client of the Codat Bank Feeds API: validation, ordered batches, safe retries, polling and a
/// cursor, with every rule in feedrail's Rust core.
#[napi]
pub struct Client {
    inner: feedrail::Pipeline,
}

#[napi]
impl Client {
    /// A client for `apiKey` at `baseUrl` (default https://api.codat.io).
    #[napi(constructor)]
    pub fn new(
        env: Env,
        #[napi(ts_arg_type = "ClientOptions")] options: Opts<ClientOptions>,
    ) -> napi::Result<Self> {
        crate::logging::install();
        guard(&env, || {
            let options = read_options(&env, Some(options), "options")?.ok_or_else(|| {
                config(&env, "options are required: new Client({ apiKey: '...' })")
            })?;
            let inner = ClientSettings::from(options)
                .build("node")
                .map_err(|e| to_js(&env, e))?;
            Ok(Client { inner })
        })
    }

    /// The same client (connections, per-company limit, cursor) with another retry policy or
    /// request timeout, e.g. `client.withOptions({ maxRetries: 0 }).getCompany(id)`; unset
    /// options keep this client's.
    #[napi]
    pub fn with_options(
        &self,
        env: Env,
        #[napi(ts_arg_type = "PolicyOptions")] options: Option<Opts<PolicyOptions>>,
    ) -> napi::Result<Client> {
        let options = read_options(&env, options, "options")?.unwrap_or_default();
        let inner = ClientSettings::from(options)
            .override_policy(&self.inner)
            .map_err(|e| to_js(&env, e))?;
        Ok(Client { inner })
    }

    /// Where requests go.
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.client().base_url().to_owned()
    }

    /// Verifies a Codat webhook delivery with the client's `webhookSecret` (refusing a replayed
    /// one), acts on its event (see `handleEvent`) and returns it. `body` is the raw request
    /// body. Answer 200 when it returns or throws `WEBHOOK_REPLAY`, 400 on `WEBHOOK_SIGNATURE`
    /// and `WEBHOOK_PAYLOAD`. Synchronous: it does no I/O.
    #[napi(ts_return_type = "WebhookEvent")]
    pub fn handle_webhook(
        &self,
        env: Env,
        #[napi(ts_arg_type = "Buffer | string")] body: crate::webhooks::Body,
        #[napi(ts_arg_type = "Record<string, string | string[] | undefined>")] headers: Value,
    ) -> napi::Result<Output> {
        crate::webhooks::handle_webhook(&env, self.inner.client(), &body, headers)
    }

    /// Acts on an event verified elsewhere: `bankTransactions.write.*` ends the wait for its
    /// push at once (one poll then reads the final status), `client.rateLimit.reached` holds
    /// every request until the quota resets (or `client.rateLimit.reset` arrives), and
    /// `bankFeeds.sourceAccount.connected` makes a worker push the account's queued lines at
    /// once. Handling an event twice does no harm.
    #[napi]
    pub fn handle_event(
        &self,
        env: Env,
        #[napi(ts_arg_type = "WebhookEvent")] event: Value,
    ) -> napi::Result<()> {
        crate::webhooks::handle_event(&env, self.inner.client(), event)
    }

    /// Creates a company.
    #[napi(ts_return_type = "Promise<Company>")]
    pub fn create_company<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] name: Text,
        #[napi(ts_arg_type = "string | undefined | null")] description: Option<Text>,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let name = name.get(env, "name")?;
            let description = optional(env, description, "description")?;
            Ok(ops::create_company(
                self.inner.client().clone(),
                name,
                description,
            ))
        })
    }

    /// One company.
    #[napi(ts_return_type = "Promise<Company>")]
    pub fn get_company<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            Ok(ops::get_company(self.inner.client().clone(), company_id))
        })
    }

    /// Creates a connection to an accounting platform (default `olpr`, Sage Bank Feeds).
    #[napi(ts_return_type = "Promise<Connection>")]
    pub fn create_connection<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string | undefined | null")] platform_key: Option<Text>,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let platform_key = optional(env, platform_key, "platformKey")?;
            Ok(ops::create_connection(
                self.inner.client().clone(),
                company_id,
                platform_key,
            ))
        })
    }

    /// One connection.
    #[napi(ts_return_type = "Promise<Connection>")]
    pub fn get_connection<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            Ok(ops::get_connection(
                self.inner.client().clone(),
                company_id,
                connection_id,
            ))
        })
    }

    /// Deletes a company with its connections and everything pushed through them, for good.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn delete_company<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            Ok(ops::delete_company(self.inner.client().clone(), company_id))
        })
    }

    /// One page of your companies, filtered with Codat's query language
    /// (`{ query: 'name~Bakery' }`).
    #[napi(ts_return_type = "Promise<CompanyPage>")]
    pub fn list_companies<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "ListOptions")] options: Option<Opts<ListOptions>>,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        let options = arg!(env, read_options(env, options, "options"));
        let (page, list) = ListSettings::from(options.unwrap_or_default()).options();
        promise(
            env,
            ops::list_companies(self.inner.client().clone(), page, list),
        )
    }

    /// Every company matching `options.query`, page after page as it is read:
    /// `for await (const company of client.companies()) ...`.
    #[napi]
    pub fn companies(
        &self,
        env: Env,
        #[napi(ts_arg_type = "ListOptions")] options: Option<Opts<ListOptions>>,
    ) -> napi::Result<Companies> {
        let options = read_options(&env, options, "options")?;
        let (_, list) = ListSettings::from(options.unwrap_or_default()).options();
        Ok(Companies::new(self.inner.client().companies(&list)))
    }

    /// Revokes and removes a connection and its source accounts; the user must connect anew.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn delete_connection<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            Ok(ops::delete_connection(
                self.inner.client().clone(),
                company_id,
                connection_id,
            ))
        })
    }

    /// Unlinks a connection (status `Unlinked`): the feed stops, the connection stays and can be linked again.
    #[napi(ts_return_type = "Promise<Connection>")]
    pub fn unlink_connection<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            Ok(ops::unlink_connection(
                self.inner.client().clone(),
                company_id,
                connection_id,
            ))
        })
    }

    /// The fields a push to the account takes and the platform's rules for them (Codat's push model).
    #[napi(ts_return_type = "Promise<PushOption>")]
    pub fn get_bank_transactions_model<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "string")] account_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            let account_id = account_id.get(env, "accountId")?;
            Ok(ops::get_bank_transactions_model(
                self.inner.client().clone(),
                company_id,
                connection_id,
                account_id,
            ))
        })
    }

    /// The company as its accounting software knows it (Xero, Oracle NetSuite; Codat refuses it for Sage).
    #[napi(ts_return_type = "Promise<CompanyInformation>")]
    pub fn get_company_information<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            Ok(ops::get_company_information(
                self.inner.client().clone(),
                company_id,
                connection_id,
            ))
        })
    }

    /// A new `username` and `password` for a QuickBooks Online user to authenticate the feed (QBO only).
    #[napi(ts_return_type = "Promise<Credentials>")]
    pub fn generate_credentials<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            Ok(ops::generate_credentials(
                self.inner.client().clone(),
                company_id,
                connection_id,
            ))
        })
    }

    /// Revokes every credential set of the connection (QBO only).
    #[napi(ts_return_type = "Promise<void>")]
    pub fn delete_credentials<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            Ok(ops::delete_credentials(
                self.inner.client().clone(),
                company_id,
                connection_id,
            ))
        })
    }

    /// Each source account with its target account, or the target accounts it could map to.
    #[napi(ts_return_type = "Promise<AccountMapping[]>")]
    pub fn list_account_mappings<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            Ok(ops::list_account_mappings(
                self.inner.client().clone(),
                company_id,
                connection_id,
            ))
        })
    }

    /// Maps a source account to a target account (Xero, FreeAgent, NetSuite, Exact; Sage users
    /// map inside Sage, and Codat refuses it).
    #[napi(ts_return_type = "Promise<AccountMappingResult>")]
    pub fn create_account_mapping<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "AccountMappingInput")] mapping: Value,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            Ok(ops::create_account_mapping(
                self.inner.client().clone(),
                company_id,
                connection_id,
                mapping,
            ))
        })
    }

    /// A one-time password (Sage only): show it to the Sage user, who enters it with the
    /// connection id in Sage's "Connect Bank" dialog before `expiry`.
    #[napi(ts_return_type = "Promise<Otp>")]
    pub fn generate_otp<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            Ok(ops::generate_otp(
                self.inner.client().clone(),
                company_id,
                connection_id,
            ))
        })
    }

    /// Every connection of a company.
    #[napi(ts_return_type = "Promise<Connection[]>")]
    pub fn list_connections<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            Ok(ops::list_connections(
                self.inner.client().clone(),
                company_id,
            ))
        })
    }

    /// Creates a source bank account (status `pending` until the Sage user connects it).
    #[napi(ts_return_type = "Promise<SourceAccount>")]
    pub fn create_account<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "SourceAccountInput")] account: Value,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            Ok(ops::create_account(
                self.inner.client().clone(),
                company_id,
                connection_id,
                account,
            ))
        })
    }

    /// Creates several source bank accounts in one request: one result per account (created,
    /// or why not).
    #[napi(ts_return_type = "Promise<BatchCreateItem[]>")]
    pub fn create_accounts<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "SourceAccountInput[]")] accounts: Value,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            Ok(ops::create_accounts(
                self.inner.client().clone(),
                company_id,
                connection_id,
                accounts,
            ))
        })
    }

    /// The source bank accounts of a connection.
    #[napi(ts_return_type = "Promise<SourceAccount[]>")]
    pub fn list_accounts<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            Ok(ops::list_accounts(
                self.inner.client().clone(),
                company_id,
                connection_id,
            ))
        })
    }

    /// One source bank account.
    #[napi(ts_return_type = "Promise<SourceAccount>")]
    pub fn get_account<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "string")] account_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            let account_id = account_id.get(env, "accountId")?;
            Ok(ops::get_account(
                self.inner.client().clone(),
                company_id,
                connection_id,
                account_id,
            ))
        })
    }

    /// Updates a source bank account.
    #[napi(ts_return_type = "Promise<SourceAccount>")]
    pub fn update_account<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "string")] account_id: Text,
        #[napi(ts_arg_type = "Partial<SourceAccountInput>")] update: Value,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            let account_id = account_id.get(env, "accountId")?;
            Ok(ops::update_account(
                self.inner.client().clone(),
                company_id,
                connection_id,
                account_id,
                update,
            ))
        })
    }

    /// Deletes a source bank account.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn delete_account<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "string")] account_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let connection_id = connection_id.get(env, "connectionId")?;
            let account_id = account_id.get(env, "accountId")?;
            Ok(ops::delete_account(
                self.inner.client().clone(),
                company_id,
                connection_id,
                account_id,
            ))
        })
    }

    /// One push of up to 1000 lines, under a key derived from its content (so a retry of the same
    /// lines is the same push) unless `idempotencyKey` is given. Lines are not validated here:
    /// `pushFeed` validates, batches and waits.
    #[napi(ts_return_type = "Promise<PushOperation>")]
    #[allow(clippy::too_many_arguments)]
    pub fn push_batch<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "string")] account_id: Text,
        #[napi(ts_arg_type = "TransactionInput[]")] transactions: Unknown<'_>,
        #[napi(ts_arg_type = "PushBatchOptions")] options: Option<Opts<PushBatchOptions>>,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        let options = arg!(env, read_options(env, options, "options"));
        let target = arg!(env, target(env, company_id, connection_id, account_id));
        settle(env, || {
            let lines = owned_lines(env, transactions, "transactions")?;
            let options = options.unwrap_or(PushBatchOptions {
                idempotency_key: None,
                timeout_in_minutes: None,
                allow_sync_on_push_complete: None,
            });
            let push = PushOptions {
                timeout_in_minutes: options.timeout_in_minutes,
                allow_sync_on_push_complete: options.allow_sync_on_push_complete,
            };
            Ok(ops::push_batch(
                self.inner.client().clone(),
                target,
                lines,
                options.idempotency_key,
                push,
            ))
        })
    }

    /// A push operation by its key.
    #[napi(ts_return_type = "Promise<PushOperation>")]
    pub fn get_push_operation<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] push_operation_key: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        settle(env, || {
            let company_id = company_id.get(env, "companyId")?;
            let push_operation_key = push_operation_key.get(env, "pushOperationKey")?;
            Ok(ops::get_push_operation(
                self.inner.client().clone(),
                company_id,
                push_operation_key,
            ))
        })
    }

    /// Polls a push until it ends: resolves on `Success`, rejects with `PUSH_FAILED` or
    /// `PUSH_TIMED_OUT`.
    #[napi(ts_return_type = "Promise<PushOperation>")]
    pub fn wait<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] push_operation_key: Text,
        #[napi(ts_arg_type = "WaitOptions")] options: Option<Opts<WaitOptions>>,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        let options = arg!(env, read_options(env, options, "options"));
        let company_id = arg!(env, company_id.get(env, "companyId"));
        let push_operation_key = arg!(env, push_operation_key.get(env, "pushOperationKey"));
        settle(env, || {
            let wait = wait_options(options.and_then(|o| o.timeout)).map_err(|e| to_js(env, e))?;
            Ok(ops::wait(
                self.inner.client().clone(),
                company_id,
                push_operation_key,
                wait,
            ))
        })
    }

    /// One page of the push history.
    #[napi(ts_return_type = "Promise<PushOperationPage>")]
    pub fn list_push_operations<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "ListOptions")] options: Option<Opts<ListOptions>>,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        let options = arg!(env, read_options(env, options, "options"));
        let company_id = arg!(env, company_id.get(env, "companyId"));
        let (page, list) = ListSettings::from(options.unwrap_or_default()).options();
        promise(
            env,
            ops::list_push_operations(self.inner.client().clone(), company_id, page, list),
        )
    }

    /// The whole push history, page after page as it is read:
    /// `for await (const op of client.pushOperations(companyId)) ...`.
    #[napi]
    pub fn push_operations(
        &self,
        env: Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "ListOptions")] options: Option<Opts<ListOptions>>,
    ) -> napi::Result<PushOperations> {
        let options = read_options(&env, options, "options")?;
        let company_id = company_id.get(&env, "companyId")?;
        let (_, list) = ListSettings::from(options.unwrap_or_default()).options();
        Ok(PushOperations::new(
            self.inner.client().push_operations(&company_id, &list),
        ))
    }

    /// Validates `records`, batches them in order and pushes them to one account, each batch
    /// after the previous landed; resolves with the feed's report. Rejects with `VALIDATION`
    /// (nothing sent) unless `skipInvalid`.
    #[napi(ts_return_type = "Promise<FeedReport>")]
    pub fn push_feed<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "string")] account_id: Text,
        #[napi(
            ts_arg_type = "Iterable<TransactionInput> | AsyncIterable<TransactionInput> | Uint8Array"
        )]
        records: Unknown<'_>,
        #[napi(ts_arg_type = "FeedOptions")] options: Option<Opts<FeedOptions>>,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        let options = arg!(env, read_options(env, options, "options"));
        let target = arg!(env, target(env, company_id, connection_id, account_id));
        let pipeline = self.inner.clone();
        settle_records(
            env,
            records,
            || feed_options(env, options),
            move |options, lines| ops::push_feed(pipeline, target, lines, options),
        )
    }

    /// Several accounts at once (sequential within an account, concurrent across accounts):
    /// resolves with account id → `FeedReport`, or the `FeedrailError` that stopped that account.
    #[napi(ts_return_type = "Promise<Record<string, FeedReport | FeedrailError>>")]
    pub fn push_feeds<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "Record<string, Iterable<TransactionInput> | Uint8Array>")]
        feeds: Object<'_>,
        #[napi(ts_arg_type = "FeedOptions")] options: Option<Opts<FeedOptions>>,
    ) -> napi::Result<PromiseRaw<'env, Object<'env>>> {
        let options = arg!(env, read_options(env, options, "options"));
        let company_id = arg!(env, company_id.get(env, "companyId"));
        let connection_id = arg!(env, connection_id.get(env, "connectionId"));
        let prepared = guard(env, || {
            let mut jobs = Vec::new();
            for account in Object::keys(&feeds)? {
                let lines: Unknown<'_> = feeds.get_named_property(&account)?;
                let lines = owned_lines(env, lines, &format!("feeds[{account:?}]"))?;
                jobs.push(FeedJob::new(
                    PushTarget::new(&company_id, &connection_id, account),
                    lines,
                ));
            }
            Ok((jobs, feed_options(env, options)?))
        });
        let (jobs, options) = match prepared {
            Ok(ready) => ready,
            Err(e) => return PromiseRaw::reject(env, e),
        };
        let pipeline = self.inner.clone();
        let work = async move {
            let accounts: Vec<String> = jobs.iter().map(|j| j.target.account_id.clone()).collect();
            let results = ops::push_feeds(pipeline, jobs, options).await;
            Ok(accounts.into_iter().zip(results).collect::<Vec<_>>())
        };
        let guarded = async move { Ok(AssertUnwindSafe(work).catch_unwind().await) };
        env.spawn_future_with_callback(guarded, |env, outcome| {
            let results: Vec<(String, Json)> = match outcome {
                Ok(Ok(results)) => results,
                Ok(Err(e)) => return Err(to_js(env, e)),
                Err(_) => return Err(panicked(env)),
            };
            let mut out = Object::new(env)?;
            for (account, result) in results {
                match result {
                    Ok(report) => out.set(&account, to_js_value(report))?,
                    Err(e) => {
                        let error = to_js(env, e);
                        out.set(&account, env.create_error(error)?)?
                    }
                }
            }
            Ok(out)
        })
    }

    /// Validates `records` as the continuation of the account's feed and appends them to its
    /// queue in one transaction, for workers to push; lines whose id is already queued or
    /// landed are left out (`alreadyKnown`). Rejects with `VALIDATION` (nothing queued) when a
    /// line is invalid, and with `CONFIG` unless the client's `cursor` is a `postgresql://` URL.
    #[napi(ts_return_type = "Promise<Enqueued>")]
    pub fn enqueue<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "string")] account_id: Text,
        #[napi(
            ts_arg_type = "Iterable<TransactionInput> | AsyncIterable<TransactionInput> | Uint8Array"
        )]
        records: Unknown<'_>,
        #[napi(ts_arg_type = "EnqueueOptions")] options: Option<Opts<EnqueueOptions>>,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        let options = arg!(env, read_options(env, options, "options"));
        let target = arg!(env, target(env, company_id, connection_id, account_id));
        let pipeline = self.inner.clone();
        settle_records(
            env,
            records,
            || {
                options
                    .map(EnqueueSettings::from)
                    .unwrap_or_default()
                    .options()
                    .map_err(|e| to_js(env, e))
            },
            move |options, lines| ops::enqueue(pipeline, target, lines, options),
        )
    }

    /// What became of each line of `records` at Codat, from what this client's `cursor`
    /// recorded pushing (Codat cannot list an account's lines): `landed` (with its push and
    /// completion time), `pending`, `in_doubt`, `failed` (with Codat's reason), `rejected`
    /// (feedrail's validation, with the finding) or `not_sent`, plus `notInSource` (landed, but
    /// not in `records`); the running-balance breaks; Codat's account balance against the last
    /// landed line's; with `confirm`, each journaled batch checked against Codat.
    #[napi(ts_return_type = "Promise<Reconciliation>")]
    pub fn reconcile<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "string")] account_id: Text,
        #[napi(
            ts_arg_type = "Iterable<TransactionInput> | AsyncIterable<TransactionInput> | Uint8Array"
        )]
        records: Unknown<'_>,
        #[napi(ts_arg_type = "ReconcileOptions")] options: Option<Opts<ReconcileOptions>>,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        let options = arg!(env, read_options(env, options, "options"));
        let target = arg!(env, target(env, company_id, connection_id, account_id));
        let pipeline = self.inner.clone();
        settle_records(
            env,
            records,
            || {
                options
                    .map(ReconcileSettings::from)
                    .unwrap_or_default()
                    .options()
                    .map_err(|e| to_js(env, e))
            },
            move |options, lines| ops::reconcile(pipeline, target, lines, options),
        )
    }

    /// Per account: lines `queued`, `inFlight`, `landed` and `failed` (with the first
    /// `failure`), the `holder` working on it, and `retryAt` / `lastError` after an error.
    #[napi(ts_return_type = "Promise<AccountQueueStatus[]>")]
    pub fn queue_status<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, Output>> {
        promise(env, ops::queue_status(self.inner.clone()))
    }

    /// Queues the account's failed lines again (after fixing the cause); resolves with how many.
    #[napi(ts_return_type = "Promise<number>")]
    pub fn retry_failed<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "string")] account_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        let target = arg!(env, target(env, company_id, connection_id, account_id));
        promise(env, ops::retry_failed(self.inner.clone(), target))
    }

    /// Deletes the account's failed lines for good, letting its later lines go; resolves with
    /// how many.
    #[napi(ts_return_type = "Promise<number>")]
    pub fn drop_failed<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "string")] account_id: Text,
    ) -> napi::Result<PromiseRaw<'env, Output>> {
        let target = arg!(env, target(env, company_id, connection_id, account_id));
        promise(env, ops::drop_failed(self.inner.clone(), target))
    }

    /// A worker draining the queue of this client's PostgreSQL cursor (throws `CONFIG` for any
    /// other cursor).
    #[napi]
    pub fn worker(
        &self,
        env: Env,
        #[napi(ts_arg_type = "WorkerOptions")] options: Option<Opts<WorkerOptions>>,
    ) -> napi::Result<Worker> {
        let options = read_options(&env, options, "options")?;
        guard(&env, || {
            let (settings, feed) = options.map(WorkerOptions::split).unwrap_or_default();
            let worker = feed
                .options(None)
                .and_then(|feed| settings.build(self.inner.clone(), feed))
                .map_err(|e| to_js(&env, e))?;
            Ok(Worker::new(worker))
        })
    }

    /// The idempotency key feedrail derives for a batch of lines: the same lines to the same
    /// account always get the same key.
    #[napi]
    pub fn idempotency_key(
        &self,
        env: Env,
        #[napi(ts_arg_type = "string")] company_id: Text,
        #[napi(ts_arg_type = "string")] connection_id: Text,
        #[napi(ts_arg_type = "string")] account_id: Text,
        #[napi(ts_arg_type = "TransactionInput[]")] transactions: Unknown<'_>,
    ) -> napi::Result<String> {
        let target = target(&env, company_id, connection_id, account_id)?;
        guard(&env, || {
            let mut text = String::new();
            let lines = lines(&env, transactions, "transactions", &mut text)?;
            ops::batch_key(&target, &lines).map_err(|e| to_js(&env, e))
        })
    }
}

fn feed_options(env: &Env, options: Option<FeedOptions>) -> napi::Result<feedrail::FeedOptions> {
    let (settings, progress) = match options {
        Some(o) => o.split(),
        None => (FeedSettings::default(), None),
    };
    settings
        .options(progress.map(progress_callback))
        .map_err(|e| to_js(env, e))
}

/// Progress events go to the JS callback on Node's thread, in order, without blocking a push.
fn progress_callback(f: ProgressFn) -> feedrail::ProgressCallback {
    Arc::new(move |event: &feedrail::Progress| {
        if let Ok(value) = serde_json::to_value(event) {
            f.call(to_js_value(value), ThreadsafeFunctionCallMode::NonBlocking);
        }
    })
}

/// An async iterator over a paged list: `$name` yields `$item`s (typed as the interface of that
/// name) and rejects with the `FeedrailError` that stopped it.
macro_rules! paged_iterator {
    ($name:ident, $item:ident, $doc:literal) => {
        #[doc = $doc]
        #[napi(async_iterator)]
        pub struct $name {
            stream: Arc<Mutex<BoxStream<'static, Json>>>,
        }

        impl $name {
            fn new<T: serde::Serialize>(
                stream: impl futures_util::Stream<Item = Result<T, feedrail::Error>>
                + Send
                + 'static,
            ) -> Self {
                let stream = stream.map(|item| {
                    item.and_then(|v| {
                        serde_json::to_value(v).map_err(|e| feedrail::Error::Internal {
                            message: format!("cannot convert a list item: {e}"),
                        })
                    })
                });
                $name {
                    stream: Arc::new(Mutex::new(stream.boxed())),
                }
            }
        }

        #[napi]
        impl AsyncGenerator for $name {
            type Yield = $item;
            type Next = ();
            type Return = ();

            fn next(
                &mut self,
                _value: Option<Self::Next>,
            ) -> impl Future<Output = napi::Result<Option<Self::Yield>>> + Send + 'static {
                let stream = self.stream.clone();
                async move {
                    let mut stream = stream.lock().await;
                    Ok(match stream.next().await {
                        None => None,
                        Some(Ok(v)) => Some($item(Ok(v))),
                        Some(Err(e)) => {
                            *stream = futures_util::stream::empty().boxed();
                            Some($item(Err(e)))
                        }
                    })
                }
            }
        }

        /// One step of an iteration: a value, or the `FeedrailError` it rejects with.
        pub struct $item(Json);

        impl ToNapiValue for $item {
            unsafe fn to_napi_value(
                env: sys::napi_env,
                item: Self,
            ) -> napi::Result<sys::napi_value> {
                let env_ref = Env::from_raw(env);
                match item.0 {
                    Ok(value) => unsafe { Output::to_napi_value(env, to_js_value(value)) },
                    Err(e) => Err(to_js(&env_ref, e)),
                }
            }
        }
    };
}

paged_iterator!(
    PushOperations,
    PushOperation,
    "The push history as an async iterator of push operations."
);
paged_iterator!(Companies, Company, "Your companies as an async iterator.");
