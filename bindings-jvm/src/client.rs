//! `Client`: every operation of the core client as a Kotlin `suspend` function, over the
//! shared JSON operations (`feedrail_bindings::ops`), so the JVM cannot drift from Python and
//! Node.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;

use feedrail::{Error, FeedJob, Lines, PushTarget};
use feedrail_bindings::ops::{self, Json};
use feedrail_bindings::settings::wait_options;
use feedrail_bindings::{ClientSettings, FeedSettings, ListSettings, PushBatchSettings};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use tokio::sync::Mutex;

use crate::errors::{FeedrailError, guarded};
use crate::json::*;
use crate::packed::Transactions;
use crate::runtime::run;

/// Runs an operation; its JSON becomes the typed result `T`.
async fn call<T: JsonText + Send + 'static>(
    work: impl Future<Output = Json> + Send + 'static,
) -> Result<T, FeedrailError> {
    run(async move { T::of(&work.await?) }).await
}

/// Runs an operation that returns nothing.
async fn call_void(work: impl Future<Output = Json> + Send + 'static) -> Result<(), FeedrailError> {
    run(async move { work.await.map(drop) }).await
}

/// Lines read from records given as JSON.
fn lines(records: Transactions) -> Result<Lines<'static>, Error> {
    records.lines()
}

/// Receives a feed's progress: an event as each batch is planned, sent, landed or stopped.
/// Called on a feedrail thread; keep it quick.
#[uniffi::export(with_foreign)]
pub trait ProgressListener: Send + Sync {
    /// One progress event.
    fn on_progress(&self, event: ProgressEvent);
}

/// The core's progress callback calling `listener`.
fn progress(listener: Option<Arc<dyn ProgressListener>>) -> Option<feedrail::ProgressCallback> {
    listener.map(|listener| {
        Arc::new(move |p: &feedrail::Progress| {
            if let Ok(event) = ProgressEvent::of(p) {
                listener.on_progress(event);
            }
        }) as feedrail::ProgressCallback
    })
}

fn feed_options(
    options: Option<FeedOptions>,
    listener: Option<Arc<dyn ProgressListener>>,
) -> Result<feedrail::FeedOptions, Error> {
    let settings: FeedSettings = match options {
        Some(o) => o.read_as("options")?,
        None => FeedSettings::default(),
    };
    settings.options(progress(listener))
}

fn list_settings(options: Option<ListOptions>) -> Result<ListSettings, Error> {
    options.map_or(Ok(ListSettings::default()), |o| o.read_as("options"))
}

/// What one account's feed of `push_feeds` came to: its report, or the error that stopped it.
#[derive(uniffi::Record)]
pub struct FeedOutcome {
    /// The account.
    pub account_id: String,
    /// What was pushed, when the feed ended.
    pub report: Option<FeedReport>,
    /// The error's message, when it stopped.
    pub error_message: Option<String>,
    /// The error's details, when it stopped.
    pub error: Option<ErrorDetails>,
}

/// A client of the Codat Bank Feeds API: validation, ordered batches, safe retries, polling
/// and a cursor, with every rule in feedrail's Rust core.
#[derive(uniffi::Object)]
pub struct Client {
    inner: feedrail::Pipeline,
}

impl Client {
    fn client(&self) -> feedrail::Client {
        self.inner.client().clone()
    }

    fn target(company_id: String, connection_id: String, account_id: String) -> PushTarget {
        PushTarget::new(&company_id, &connection_id, account_id)
    }
}

#[uniffi::export]
impl Client {
    /// A client for `options.apiKey` at `options.baseUrl` (default https://api.codat.io).
    #[uniffi::constructor]
    pub fn new(options: ClientOptions) -> Result<Arc<Self>, FeedrailError> {
        guarded(|| {
            let settings: ClientSettings = options.read_as("options")?;
            let _runtime = crate::runtime::runtime().enter();
            Ok(Arc::new(Client {
                inner: settings.build("jvm")?,
            }))
        })
    }

    /// The same client (connections, per-company limit, cursor) with another retry policy or
    /// request timeout; null keeps this client's.
    #[uniffi::method(default(max_retries = None, timeout = None, total_timeout = None))]
    pub fn with_options(
        &self,
        max_retries: Option<i64>,
        timeout: Option<f64>,
        total_timeout: Option<f64>,
    ) -> Result<Arc<Client>, FeedrailError> {
        guarded(|| {
            let settings = ClientSettings {
                max_retries,
                timeout,
                total_timeout,
                ..ClientSettings::default()
            };
            Ok(Arc::new(Client {
                inner: settings.override_policy(&self.inner)?,
            }))
        })
    }

    /// Where requests go.
    pub fn base_url(&self) -> String {
        self.inner.client().base_url().to_owned()
    }

    /// Verifies a Codat webhook delivery with the client's `webhookSecret` (refusing a replayed
    /// one), acts on its event (see `handleEvent`) and returns it. `body` is the raw request
    /// body. Answer 200 when it returns or throws `WebhookReplay`, 400 on `WebhookSignature`
    /// and `WebhookPayload`. It does no I/O.
    pub fn handle_webhook(
        &self,
        body: String,
        headers: HashMap<String, String>,
    ) -> Result<WebhookEvent, FeedrailError> {
        guarded(|| {
            let headers: Vec<(String, String)> = headers.into_iter().collect();
            let event = feedrail_bindings::webhooks::handle_webhook(
                self.inner.client(),
                body.as_bytes(),
                &headers,
            )?;
            WebhookEvent::of(&event)
        })
    }

    /// Acts on an event verified elsewhere: a push's write event ends its wait at once, a rate
    /// limit holds requests until it resets, a connected account makes a worker push its
    /// queued lines. Handling an event twice does no harm.
    pub fn handle_event(&self, event: WebhookEvent) -> Result<(), FeedrailError> {
        guarded(|| {
            let event = event.value("event")?;
            feedrail_bindings::webhooks::handle_event(self.inner.client(), event)
        })
    }

    /// Creates a company.
    #[uniffi::method(default(description = None))]
    pub async fn create_company(
        &self,
        name: String,
        description: Option<String>,
    ) -> Result<Company, FeedrailError> {
        call(ops::create_company(self.client(), name, description)).await
    }

    /// One company.
    pub async fn get_company(&self, company_id: String) -> Result<Company, FeedrailError> {
        call(ops::get_company(self.client(), company_id)).await
    }

    /// One page of your companies, filtered with Codat's query language (`name~Bakery`).
    #[uniffi::method(default(options = None))]
    pub async fn list_companies(
        &self,
        options: Option<ListOptions>,
    ) -> Result<CompanyPage, FeedrailError> {
        let (page, list) = list_settings(options)?.options();
        call(ops::list_companies(self.client(), page, list)).await
    }

    /// Every company matching `options.query`, read page after page as `next()` asks.
    #[uniffi::method(default(options = None))]
    pub fn companies(
        &self,
        options: Option<ListOptions>,
    ) -> Result<Arc<CompanyIterator>, FeedrailError> {
        let (_, list) = list_settings(options)?.options();
        let _runtime = crate::runtime::runtime().enter();
        Ok(Arc::new(CompanyIterator(Arc::new(Mutex::new(
            self.inner.client().companies(&list).boxed(),
        )))))
    }

    /// Deletes a company with its connections and everything pushed through them, for good.
    pub async fn delete_company(&self, company_id: String) -> Result<(), FeedrailError> {
        call_void(ops::delete_company(self.client(), company_id)).await
    }

    /// Creates a connection to an accounting platform (default `olpr`, Sage Bank Feeds).
    #[uniffi::method(default(platform_key = None))]
    pub async fn create_connection(
        &self,
        company_id: String,
        platform_key: Option<String>,
    ) -> Result<Connection, FeedrailError> {
        call(ops::create_connection(
            self.client(),
            company_id,
            platform_key,
        ))
        .await
    }

    /// One connection.
    pub async fn get_connection(
        &self,
        company_id: String,
        connection_id: String,
    ) -> Result<Connection, FeedrailError> {
        call(ops::get_connection(
            self.client(),
            company_id,
            connection_id,
        ))
        .await
    }

    /// The company's connections.
    pub async fn list_connections(
        &self,
        company_id: String,
    ) -> Result<ConnectionList, FeedrailError> {
        call(ops::list_connections(self.client(), company_id)).await
    }

    /// Unlinks a connection (status `Unlinked`): the feed stops, the connection stays and can be
    /// linked again.
    pub async fn unlink_connection(
        &self,
        company_id: String,
        connection_id: String,
    ) -> Result<Connection, FeedrailError> {
        call(ops::unlink_connection(
            self.client(),
            company_id,
            connection_id,
        ))
        .await
    }

    /// Revokes and removes a connection and its source accounts; the user must connect anew.
    pub async fn delete_connection(
        &self,
        company_id: String,
        connection_id: String,
    ) -> Result<(), FeedrailError> {
        call_void(ops::delete_connection(
            self.client(),
            company_id,
            connection_id,
        ))
        .await
    }

    /// A one-time password the Sage user enters to connect the feed (Sage only).
    pub async fn generate_otp(
        &self,
        company_id: String,
        connection_id: String,
    ) -> Result<Otp, FeedrailError> {
        call(ops::generate_otp(self.client(), company_id, connection_id)).await
    }

    /// The company as its accounting software knows it (Codat refuses it for Sage).
    pub async fn get_company_information(
        &self,
        company_id: String,
        connection_id: String,
    ) -> Result<CompanyInformation, FeedrailError> {
        call(ops::get_company_information(
            self.client(),
            company_id,
            connection_id,
        ))
        .await
    }

    /// A new `username` and `password` for a QuickBooks Online user (QBO only).
    pub async fn generate_credentials(
        &self,
        company_id: String,
        connection_id: String,
    ) -> Result<Credentials, FeedrailError> {
        call(ops::generate_credentials(
            self.client(),
            company_id,
            connection_id,
        ))
        .await
    }

    /// Revokes every credential set of the connection (QBO only).
    pub async fn delete_credentials(
        &self,
        company_id: String,
        connection_id: String,
    ) -> Result<(), FeedrailError> {
        call_void(ops::delete_credentials(
            self.client(),
            company_id,
            connection_id,
        ))
        .await
    }

    /// Each source account with its target account, or the target accounts it could map to.
    pub async fn list_account_mappings(
        &self,
        company_id: String,
        connection_id: String,
    ) -> Result<AccountMappingList, FeedrailError> {
        call(ops::list_account_mappings(
            self.client(),
            company_id,
            connection_id,
        ))
        .await
    }

    /// Maps a source account to a target account (not Sage: Sage users map inside Sage).
    pub async fn create_account_mapping(
        &self,
        company_id: String,
        connection_id: String,
        mapping: AccountMappingInput,
    ) -> Result<AccountMappingResult, FeedrailError> {
        let mapping = mapping.value("mapping")?;
        call(ops::create_account_mapping(
            self.client(),
            company_id,
            connection_id,
            mapping,
        ))
        .await
    }

    /// Creates a source bank account.
    pub async fn create_account(
        &self,
        company_id: String,
        connection_id: String,
        account: SourceAccountInput,
    ) -> Result<SourceAccount, FeedrailError> {
        let account = account.value("account")?;
        call(ops::create_account(
            self.client(),
            company_id,
            connection_id,
            account,
        ))
        .await
    }

    /// Creates several source bank accounts in one request; one result per account.
    pub async fn create_accounts(
        &self,
        company_id: String,
        connection_id: String,
        accounts: SourceAccountInputList,
    ) -> Result<BatchCreateItemList, FeedrailError> {
        let accounts = accounts.value("accounts")?;
        call(ops::create_accounts(
            self.client(),
            company_id,
            connection_id,
            accounts,
        ))
        .await
    }

    /// The connection's source bank accounts.
    pub async fn list_accounts(
        &self,
        company_id: String,
        connection_id: String,
    ) -> Result<SourceAccountList, FeedrailError> {
        call(ops::list_accounts(self.client(), company_id, connection_id)).await
    }

    /// One source bank account.
    pub async fn get_account(
        &self,
        company_id: String,
        connection_id: String,
        account_id: String,
    ) -> Result<SourceAccount, FeedrailError> {
        call(ops::get_account(
            self.client(),
            company_id,
            connection_id,
            account_id,
        ))
        .await
    }

    /// Changes a source bank account; fields left null stay as they are.
    pub async fn update_account(
        &self,
        company_id: String,
        connection_id: String,
        account_id: String,
        update: SourceAccountUpdate,
    ) -> Result<SourceAccount, FeedrailError> {
        let update = update.value("update")?;
        call(ops::update_account(
            self.client(),
            company_id,
            connection_id,
            account_id,
            update,
        ))
        .await
    }

    /// Deletes a source bank account.
    pub async fn delete_account(
        &self,
        company_id: String,
        connection_id: String,
        account_id: String,
    ) -> Result<(), FeedrailError> {
        call_void(ops::delete_account(
            self.client(),
            company_id,
            connection_id,
            account_id,
        ))
        .await
    }

    /// The fields a push to the account takes and the platform's rules for them.
    pub async fn get_bank_transactions_model(
        &self,
        company_id: String,
        connection_id: String,
        account_id: String,
    ) -> Result<PushOption, FeedrailError> {
        call(ops::get_bank_transactions_model(
            self.client(),
            company_id,
            connection_id,
            account_id,
        ))
        .await
    }

    /// One push of `transactions` as given (no validation, no cursor), under the key derived
    /// from them unless `options.idempotencyKey` is given; returns the push operation, which is
    /// usually still `Pending` (see `wait`).
    #[uniffi::method(default(options = None))]
    pub async fn push_batch(
        &self,
        company_id: String,
        connection_id: String,
        account_id: String,
        transactions: Transactions,
        options: Option<PushBatchOptions>,
    ) -> Result<PushOperation, FeedrailError> {
        let settings: PushBatchSettings = match options {
            Some(o) => o.read_as("options")?,
            None => PushBatchSettings::default(),
        };
        let (key, push) = settings.options();
        let lines = lines(transactions)?;
        let target = Self::target(company_id, connection_id, account_id);
        call(ops::push_batch(self.client(), target, lines, key, push)).await
    }

    /// A push operation by its key.
    pub async fn get_push_operation(
        &self,
        company_id: String,
        push_operation_key: String,
    ) -> Result<PushOperation, FeedrailError> {
        call(ops::get_push_operation(
            self.client(),
            company_id,
            push_operation_key,
        ))
        .await
    }

    /// Polls a push operation until it ends, or `timeout` seconds pass (default 900; then
    /// `PushTimedOut`). `Failed` and `TimedOut` are errors.
    #[uniffi::method(default(timeout = None))]
    pub async fn wait(
        &self,
        company_id: String,
        push_operation_key: String,
        timeout: Option<f64>,
    ) -> Result<PushOperation, FeedrailError> {
        let options = wait_options(timeout)?;
        call(ops::wait(
            self.client(),
            company_id,
            push_operation_key,
            options,
        ))
        .await
    }

    /// One page of the company's push history, newest first unless `options.orderBy` says.
    #[uniffi::method(default(options = None))]
    pub async fn list_push_operations(
        &self,
        company_id: String,
        options: Option<ListOptions>,
    ) -> Result<PushOperationPage, FeedrailError> {
        let (page, list) = list_settings(options)?.options();
        call(ops::list_push_operations(
            self.client(),
            company_id,
            page,
            list,
        ))
        .await
    }

    /// Every push operation of the company matching `options.query`, read page after page as
    /// `next()` asks.
    #[uniffi::method(default(options = None))]
    pub fn push_operations(
        &self,
        company_id: String,
        options: Option<ListOptions>,
    ) -> Result<Arc<PushOperationIterator>, FeedrailError> {
        let (_, list) = list_settings(options)?.options();
        let _runtime = crate::runtime::runtime().enter();
        Ok(Arc::new(PushOperationIterator(Arc::new(Mutex::new(
            self.inner
                .client()
                .push_operations(&company_id, &list)
                .boxed(),
        )))))
    }

    /// Validates, batches and pushes `records` to one account, each batch after the previous
    /// landed, resuming after what the cursor says landed. With errors and without
    /// `skipInvalid`, nothing is sent (`Validation`). `progress` hears each batch.
    #[uniffi::method(default(options = None, progress = None))]
    pub async fn push_feed(
        &self,
        company_id: String,
        connection_id: String,
        account_id: String,
        records: Transactions,
        options: Option<FeedOptions>,
        progress: Option<Arc<dyn ProgressListener>>,
    ) -> Result<FeedReport, FeedrailError> {
        let options = feed_options(options, progress)?;
        let lines = lines(records)?;
        let target = Self::target(company_id, connection_id, account_id);
        call(ops::push_feed(self.inner.clone(), target, lines, options)).await
    }

    /// `pushFeed` of several accounts at once (each account's batches in order): one outcome
    /// per account, in account-id order, a report or the error that stopped it.
    #[uniffi::method(default(options = None, progress = None))]
    pub async fn push_feeds(
        &self,
        company_id: String,
        connection_id: String,
        feeds: HashMap<String, Transactions>,
        options: Option<FeedOptions>,
        progress: Option<Arc<dyn ProgressListener>>,
    ) -> Result<Vec<FeedOutcome>, FeedrailError> {
        let options = feed_options(options, progress)?;
        // In account order: uniffi hands the map over unordered, and the order decides which
        // account a line repeated across accounts is reported on.
        let mut feeds: Vec<_> = feeds.into_iter().collect();
        feeds.sort_by(|a, b| a.0.cmp(&b.0));
        let mut jobs = Vec::with_capacity(feeds.len());
        for (account, records) in feeds {
            let lines = records.lines()?;
            let target = PushTarget::new(&company_id, &connection_id, account);
            jobs.push(FeedJob::new(target, lines));
        }
        let pipeline = self.inner.clone();
        run(async move {
            let accounts: Vec<String> = jobs.iter().map(|j| j.target.account_id.clone()).collect();
            let results = ops::push_feeds(pipeline, jobs, options).await;
            accounts
                .into_iter()
                .zip(results)
                .map(|(account_id, result)| {
                    Ok(match result {
                        Ok(report) => FeedOutcome {
                            account_id,
                            report: Some(FeedReport::of(&report)?),
                            error_message: None,
                            error: None,
                        },
                        Err(e) => FeedOutcome {
                            account_id,
                            report: None,
                            error_message: Some(e.to_string()),
                            error: Some(ErrorDetails::of(
                                &feedrail_bindings::errors::ErrorDetails::of(&e),
                            )?),
                        },
                    })
                })
                .collect()
        })
        .await
    }

    /// Validates `records` as the continuation of the account's feed and appends them to its
    /// queue in one transaction, for workers to push (a PostgreSQL cursor only).
    #[uniffi::method(default(options = None))]
    pub async fn enqueue(
        &self,
        company_id: String,
        connection_id: String,
        account_id: String,
        records: Transactions,
        options: Option<EnqueueOptions>,
    ) -> Result<Enqueued, FeedrailError> {
        let settings: feedrail_bindings::EnqueueSettings = match options {
            Some(o) => o.read_as("options")?,
            None => Default::default(),
        };
        let options = settings.options()?;
        let lines = lines(records)?;
        let target = Self::target(company_id, connection_id, account_id);
        call(ops::enqueue(self.inner.clone(), target, lines, options)).await
    }

    /// Every account's queue: lines queued, failed, and the next attempt.
    pub async fn queue_status(&self) -> Result<AccountQueueStatusList, FeedrailError> {
        call(ops::queue_status(self.inner.clone())).await
    }

    /// The account's failed lines queued again; how many.
    pub async fn retry_failed(
        &self,
        company_id: String,
        connection_id: String,
        account_id: String,
    ) -> Result<i64, FeedrailError> {
        let target = Self::target(company_id, connection_id, account_id);
        count(ops::retry_failed(self.inner.clone(), target)).await
    }

    /// The account's failed lines deleted; how many.
    pub async fn drop_failed(
        &self,
        company_id: String,
        connection_id: String,
        account_id: String,
    ) -> Result<i64, FeedrailError> {
        let target = Self::target(company_id, connection_id, account_id);
        count(ops::drop_failed(self.inner.clone(), target)).await
    }

    /// What became of each source line at Codat, from the cursor's push journal: landed,
    /// pending, in doubt, failed, rejected or not sent, with the running balance checked.
    #[uniffi::method(default(options = None))]
    pub async fn reconcile(
        &self,
        company_id: String,
        connection_id: String,
        account_id: String,
        records: Transactions,
        options: Option<ReconcileOptions>,
    ) -> Result<Reconciliation, FeedrailError> {
        let settings: feedrail_bindings::ReconcileSettings = match options {
            Some(o) => o.read_as("options")?,
            None => Default::default(),
        };
        let options = settings.options()?;
        let lines = lines(records)?;
        let target = Self::target(company_id, connection_id, account_id);
        call(ops::reconcile(self.inner.clone(), target, lines, options)).await
    }

    /// A worker that pushes queued lines (a PostgreSQL cursor): `run()` it on as many
    /// processes as you like.
    #[uniffi::method(default(options = None))]
    pub fn worker(
        &self,
        options: Option<WorkerOptions>,
    ) -> Result<Arc<crate::worker::Worker>, FeedrailError> {
        guarded(|| crate::worker::Worker::build(self.inner.clone(), options))
    }
}

async fn count(work: impl Future<Output = Json> + Send + 'static) -> Result<i64, FeedrailError> {
    run(async move {
        let value = work.await?;
        value.as_i64().ok_or_else(|| Error::Internal {
            message: format!("expected a count, got {value}"),
        })
    })
    .await
}

macro_rules! iterator {
    ($(#[$doc:meta])* $name:ident, $item:ident, $core:ty) => {
        $(#[$doc])*
        #[derive(uniffi::Object)]
        pub struct $name(Arc<Mutex<BoxStream<'static, Result<$core, Error>>>>);

        #[uniffi::export]
        impl $name {
            /// The next item, or null at the end (pages are read as needed).
            pub async fn next(&self) -> Result<Option<$item>, FeedrailError> {
                let stream = self.0.clone();
                run(async move {
                    match stream.lock().await.next().await {
                        Some(item) => Ok(Some($item::of(&item?)?)),
                        None => Ok(None),
                    }
                })
                .await
            }
        }
    };
}

iterator!(
    /// Companies read page after page.
    CompanyIterator,
    Company,
    feedrail::Company
);
iterator!(
    /// Push operations read page after page.
    PushOperationIterator,
    PushOperation,
    feedrail::PushOperation
);
