//! Every client operation once, as a future of JSON: Python's sync and asyncio clients and
//! Node's client all run these, so they cannot drift apart.

use feedrail::queue::{EnqueueOptions, Worker};
use feedrail::{
    AccountMappingRequest, Client, CompanyRequest, Error, FeedJob, FeedOptions, Lines, ListOptions,
    Pipeline, PushOptions, PushTarget, ReconcileOptions, SAGE_PLATFORM_KEY, SourceAccountPrototype,
    SourceAccountUpdate, WaitOptions, idempotency_key,
};
use serde::Serialize;
use serde_json::Value;

/// A result as JSON.
pub type Json = Result<Value, Error>;

fn json<T: Serialize>(value: T) -> Json {
    serde_json::to_value(value).map_err(|e| Error::Internal {
        message: format!("cannot convert a result: {e}"),
    })
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, value: Value) -> Result<T, Error> {
    serde_json::from_value(value).map_err(|e| Error::config(format!("{what} is not valid: {e}")))
}

/// `create_company`
pub async fn create_company(c: Client, name: String, description: Option<String>) -> Json {
    json(
        c.create_company(&CompanyRequest { name, description })
            .await?,
    )
}

/// `list_companies`: one page.
pub async fn list_companies(c: Client, page: u32, options: ListOptions) -> Json {
    json(c.list_companies(page, &options).await?)
}

/// `delete_company`
pub async fn delete_company(c: Client, company: String) -> Json {
    c.delete_company(&company).await?;
    Ok(Value::Null)
}

/// `delete_connection`
pub async fn delete_connection(c: Client, company: String, connection: String) -> Json {
    c.delete_connection(&company, &connection).await?;
    Ok(Value::Null)
}

/// `unlink_connection`
pub async fn unlink_connection(c: Client, company: String, connection: String) -> Json {
    json(c.unlink_connection(&company, &connection).await?)
}

/// `get_bank_transactions_model`
pub async fn get_bank_transactions_model(
    c: Client,
    company: String,
    connection: String,
    account: String,
) -> Json {
    json(
        c.get_bank_transactions_model(&company, &connection, &account)
            .await?,
    )
}

/// `get_company_information`
pub async fn get_company_information(c: Client, company: String, connection: String) -> Json {
    json(c.get_company_information(&company, &connection).await?)
}

/// `generate_credentials` (QuickBooks Online only)
pub async fn generate_credentials(c: Client, company: String, connection: String) -> Json {
    json(c.generate_credentials(&company, &connection).await?)
}

/// `delete_credentials`
pub async fn delete_credentials(c: Client, company: String, connection: String) -> Json {
    c.delete_credentials(&company, &connection).await?;
    Ok(Value::Null)
}

/// `list_account_mappings`
pub async fn list_account_mappings(c: Client, company: String, connection: String) -> Json {
    json(c.list_account_mappings(&company, &connection).await?)
}

/// `create_account_mapping` (`mapping` in wire spelling)
pub async fn create_account_mapping(
    c: Client,
    company: String,
    connection: String,
    mapping: Value,
) -> Json {
    let mapping: AccountMappingRequest = parse("mapping", mapping)?;
    json(
        c.create_account_mapping(&company, &connection, &mapping)
            .await?,
    )
}

/// `get_company`
pub async fn get_company(c: Client, company: String) -> Json {
    json(c.get_company(&company).await?)
}

/// `create_connection`; the platform defaults to Sage Bank Feeds.
pub async fn create_connection(c: Client, company: String, platform_key: Option<String>) -> Json {
    let platform = platform_key.as_deref().unwrap_or(SAGE_PLATFORM_KEY);
    json(c.create_connection(&company, platform).await?)
}

/// `get_connection`
pub async fn get_connection(c: Client, company: String, connection: String) -> Json {
    json(c.get_connection(&company, &connection).await?)
}

/// `generate_otp` (Sage only)
pub async fn generate_otp(c: Client, company: String, connection: String) -> Json {
    json(c.generate_otp(&company, &connection).await?)
}

/// `list_connections`
pub async fn list_connections(c: Client, company: String) -> Json {
    json(c.list_connections(&company).await?)
}

/// `create_account` (`account` in wire spelling)
pub async fn create_account(
    c: Client,
    company: String,
    connection: String,
    account: Value,
) -> Json {
    let proto: SourceAccountPrototype = parse("account", account)?;
    json(c.create_account(&company, &connection, &proto).await?)
}

/// `create_accounts`
pub async fn create_accounts(
    c: Client,
    company: String,
    connection: String,
    accounts: Value,
) -> Json {
    let protos: Vec<SourceAccountPrototype> = parse("accounts", accounts)?;
    json(c.create_accounts(&company, &connection, &protos).await?)
}

/// `list_accounts`
pub async fn list_accounts(c: Client, company: String, connection: String) -> Json {
    json(c.list_accounts(&company, &connection).await?)
}

/// `get_account`
pub async fn get_account(c: Client, company: String, connection: String, account: String) -> Json {
    json(c.get_account(&company, &connection, &account).await?)
}

/// `update_account`
pub async fn update_account(
    c: Client,
    company: String,
    connection: String,
    account: String,
    update: Value,
) -> Json {
    let update: SourceAccountUpdate = parse("update", update)?;
    json(
        c.update_account(&company, &connection, &account, &update)
            .await?,
    )
}

/// `delete_account`
pub async fn delete_account(
    c: Client,
    company: String,
    connection: String,
    account: String,
) -> Json {
    c.delete_account(&company, &connection, &account).await?;
    Ok(Value::Null)
}

/// `push_batch`: one push of typed lines, under their content-derived key unless one is given.
pub async fn push_batch(
    c: Client,
    target: PushTarget,
    lines: Lines<'static>,
    key: Option<String>,
    options: PushOptions,
) -> Json {
    let lines = lines.to_transactions()?;
    let key = match key {
        Some(k) => uuid_of(&k)?,
        None => idempotency_key(&target, &lines),
    };
    json(c.push_batch(&target, &lines, key, &options).await?)
}

/// The idempotency key `push_batch` derives for `lines` sent to `target`.
pub fn batch_key(target: &PushTarget, lines: &Lines<'_>) -> Result<String, Error> {
    let lines = lines.to_transactions()?;
    Ok(idempotency_key(target, &lines).to_string())
}

fn uuid_of(text: &str) -> Result<uuid::Uuid, Error> {
    text.parse()
        .map_err(|_| Error::config(format!("idempotency key {text:?} is not a UUID")))
}

/// `get_push_operation`
pub async fn get_push_operation(c: Client, company: String, key: String) -> Json {
    json(c.get_push_operation(&company, &key).await?)
}

/// `wait`
pub async fn wait(c: Client, company: String, key: String, options: WaitOptions) -> Json {
    json(c.wait(&company, &key, &options).await?)
}

/// One page of the push history.
pub async fn list_push_operations(
    c: Client,
    company: String,
    page: u32,
    options: ListOptions,
) -> Json {
    json(c.list_push_operations(&company, page, &options).await?)
}

/// `push_feed`
pub async fn push_feed(
    p: Pipeline,
    target: PushTarget,
    lines: Lines<'static>,
    options: FeedOptions,
) -> Json {
    json(p.push_lines(&target, &lines, &options).await?)
}

/// `push_feed` for records read chunk by chunk from the caller's own list while the feed is
/// pushed ([`Pipeline::push_source`]), so no copy of the whole feed is held.
pub async fn push_source(
    p: Pipeline,
    target: PushTarget,
    source: std::sync::Arc<dyn feedrail::LineSource>,
    options: FeedOptions,
) -> Json {
    json(p.push_source(&target, source.as_ref(), &options).await?)
}

/// `reconcile`: what became of each source line at Codat, from the store's journal.
pub async fn reconcile(
    p: Pipeline,
    target: PushTarget,
    lines: Lines<'static>,
    options: ReconcileOptions,
) -> Json {
    json(p.reconcile(&target, &lines, &options).await?)
}

/// `push_feeds`: one result per job, each a report or the error that stopped it.
pub async fn push_feeds(p: Pipeline, jobs: Vec<FeedJob>, options: FeedOptions) -> Vec<Json> {
    p.push_feeds(jobs, &options)
        .await
        .into_iter()
        .map(|r| r.and_then(json))
        .collect()
}

/// `enqueue`: validated on entry and appended to the account's queue (a PostgreSQL cursor
/// only). The queue's calls block; they step off the runtime's worker thread themselves.
pub async fn enqueue(
    p: Pipeline,
    target: PushTarget,
    lines: Lines<'static>,
    options: EnqueueOptions,
) -> Json {
    let queue = p.queue()?;
    json(queue.enqueue(&target, &lines, &options)?)
}

/// `queue_status`: every account's queue.
pub async fn queue_status(p: Pipeline) -> Json {
    let queue = p.queue()?;
    json(queue.status()?)
}

/// `retry_failed`: the account's failed lines queued again; how many.
pub async fn retry_failed(p: Pipeline, target: PushTarget) -> Json {
    let queue = p.queue()?;
    json(queue.retry_failed(&target)?)
}

/// `drop_failed`: the account's failed lines deleted; how many.
pub async fn drop_failed(p: Pipeline, target: PushTarget) -> Json {
    let queue = p.queue()?;
    json(queue.drop_failed(&target)?)
}

/// `run` of a worker: until stopped (or drained), then its metrics.
pub async fn run_worker(worker: Worker) -> Json {
    json(worker.run().await?)
}
