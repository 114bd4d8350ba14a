//! The Codat Bank Feeds client: every operation, with retries, idempotency keys, per-company
//! concurrency limits and typed errors.

mod bank_feed;
mod events;
mod limiter;
mod push;
mod retry;
mod transport;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use reqwest::Method;
use reqwest::header::HeaderValue;

pub use events::{EventHub, EventRelay};
pub use limiter::{SharedSlots, Slot};
pub(crate) use push::Sent;
pub use push::{ListOptions, PushOptions, WaitOptions};
pub use retry::RetryPolicy;

use crate::error::Error;
use crate::model::{
    BatchCreateItem, Company, CompanyRequest, Connection, ConnectionRequest, ConnectionStatus, Otp,
    Page, SourceAccount, SourceAccountPrototype, SourceAccountUpdate,
};
use limiter::CompanyLimiter;
use transport::{Call, Retry};

/// Runs blocking work `f` (a shared store's call) without waiting for it: on tokio's blocking
/// pool inside a runtime, at once outside one.
pub(crate) fn in_background(f: impl FnOnce() + Send + 'static) {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => drop(handle.spawn_blocking(f)),
        Err(_) => f(),
    }
}

/// Codat's production API.
pub const DEFAULT_BASE_URL: &str = "https://api.codat.io";

/// Connect and per-request timeouts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeouts {
    /// Establishing a connection.
    pub connect: Duration,
    /// One request, from sending to the last byte of the response.
    pub request: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            request: Duration::from_secs(60),
        }
    }
}

/// A secret (the API key, the webhook secret): never shown by `Debug` or `Display`.
#[derive(Clone)]
struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Builds a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    api_key: Option<Secret>,
    webhook_secret: Option<Secret>,
    webhook_tolerance: Duration,
    proxy: Option<Secret>,
    base_url: String,
    timeouts: Timeouts,
    retry: RetryPolicy,
    user_agent: Option<String>,
    concurrency_per_company: usize,
    shared_slots: Option<Arc<dyn SharedSlots>>,
    relay: Option<Arc<dyn EventRelay>>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            api_key: None,
            webhook_secret: None,
            webhook_tolerance: crate::webhooks::DEFAULT_TOLERANCE,
            proxy: None,
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            user_agent: None,
            concurrency_per_company: 10,
            shared_slots: None,
            relay: None,
        }
    }
}

impl ClientBuilder {
    /// The raw API key from the Codat Portal (feedrail base64-encodes it).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(Secret(key.into()));
        self
    }

    /// The signing secret (`whsec_…`) of the webhook endpoint that hands this client Codat's
    /// events: [`Client::handle_webhook`] verifies deliveries with it, and waits for a push
    /// then rely on its `bankTransactions.write.*` event, polling only as a fallback.
    pub fn webhook_secret(mut self, secret: impl Into<String>) -> Self {
        self.webhook_secret = Some(Secret(secret.into()));
        self
    }

    /// How far a webhook delivery's timestamp may be from this machine's clock (default 5
    /// minutes).
    pub fn webhook_tolerance(mut self, tolerance: Duration) -> Self {
        self.webhook_tolerance = tolerance;
        self
    }

    /// The API's base URL; `https` required except on loopback (the sandbox).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Sends requests through the proxy at `url` (credentials in the URL are never shown). The
    /// API key crosses a proxy only inside TLS: requests to an `https` base URL tunnel through
    /// it (`CONNECT`); a proxy with a plain-http (loopback) base URL is refused with `CONFIG`.
    /// Without this option the environment's `HTTPS_PROXY` / `ALL_PROXY` / `NO_PROXY` apply to
    /// `https` base URLs, and no proxy ever applies to a loopback one.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(Secret(url.into()));
        self
    }

    /// Connect and request timeouts.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// How requests are retried.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Text appended to feedrail's User-Agent (the bindings add their language here).
    pub fn user_agent(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent = Some(suffix.into());
        self
    }

    /// Requests in flight per company (Codat allows 10).
    pub fn concurrency_per_company(mut self, n: usize) -> Self {
        self.concurrency_per_company = n;
        self
    }

    /// Shares the per-company limit with every process using the same `slots` (for example
    /// [`crate::postgres::PostgresCompanySlots`]): at most `concurrency_per_company` requests per
    /// company across all of them, and a 429 pauses the company for all of them.
    pub fn shared_slots(mut self, slots: Arc<dyn SharedSlots>) -> Self {
        self.shared_slots = Some(slots);
        self
    }

    /// Shares the webhook events handed to this client with every process using the same
    /// `relay` (for example [`crate::postgres::PostgresEventRelay`], which
    /// [`crate::Pipeline::open`] sets up on a PostgreSQL cursor).
    pub fn event_relay(mut self, relay: Arc<dyn EventRelay>) -> Self {
        self.relay = Some(relay);
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let key = self
            .api_key
            .filter(|k| !k.0.trim().is_empty())
            .ok_or_else(|| {
                Error::config("an API key is required (the raw key from the Codat Portal)")
            })?;
        let base_url = reqwest::Url::parse(&self.base_url).map_err(|e| {
            Error::config(format!("base URL {:?} is not a URL: {e}", self.base_url))
        })?;
        let host = base_url
            .host_str()
            .unwrap_or_default()
            .trim_matches(['[', ']']);
        let loopback = host == "localhost"
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        match base_url.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => {
                return Err(Error::config(format!(
                    "base URL {base_url} uses plain http; use https (plain http is allowed only for loopback addresses such as the sandbox)"
                )));
            }
            other => {
                return Err(Error::config(format!(
                    "base URL scheme {other:?} is not supported; use https"
                )));
            }
        }
        self.retry.validate().map_err(Error::config)?;
        if self.concurrency_per_company == 0 {
            return Err(Error::config("concurrency_per_company must be at least 1"));
        }
        if self.timeouts.connect.is_zero() || self.timeouts.request.is_zero() {
            return Err(Error::config("timeouts must be more than zero"));
        }
        let encoded = base64::engine::general_purpose::STANDARD.encode(&key.0);
        let mut auth = HeaderValue::from_str(&format!("Basic {encoded}"))
            .map_err(|_| Error::config("the API key contains characters that cannot be sent"))?;
        auth.set_sensitive(true);
        let user_agent = match &self.user_agent {
            Some(suffix) => format!("feedrail/{} ({suffix})", crate::VERSION),
            None => format!("feedrail/{} (rust)", crate::VERSION),
        };
        let verifier = self
            .webhook_secret
            .map(|s| crate::webhooks::Verifier::new(&s.0))
            .transpose()?
            .map(|v| v.with_tolerance(self.webhook_tolerance));
        let mut http = reqwest::Client::builder()
            .connect_timeout(self.timeouts.connect)
            .user_agent(user_agent)
            .pool_idle_timeout(Duration::from_secs(30));
        match (&self.proxy, base_url.scheme()) {
            (Some(_), "http") => {
                return Err(Error::config(
                    "a proxy would see the API key in clear on a plain-http base URL; proxies are used only with https base URLs (drop the proxy for the sandbox)",
                ));
            }
            (Some(proxy), _) => {
                let proxy = reqwest::Proxy::https(proxy.0.as_str()).map_err(|_| {
                    Error::config(
                        "the proxy is not a URL; give it as http://host:port (credentials, if any, in the URL)",
                    )
                })?;
                http = http.proxy(proxy);
            }
            // Environment proxies never see loopback traffic (the sandbox), whatever NO_PROXY says.
            (None, _) if loopback => http = http.no_proxy(),
            (None, _) => {}
        }
        let http = http
            .build()
            .map_err(|e| Error::config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                auth,
                timeouts: self.timeouts,
                retry: self.retry,
                limiter: Arc::new(CompanyLimiter::new(
                    self.concurrency_per_company,
                    self.shared_slots,
                )),
                events: Arc::new(events::EventHub::new(verifier)),
                relay: self.relay,
            }),
        })
    }
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    base_url: reqwest::Url,
    auth: HeaderValue,
    timeouts: Timeouts,
    retry: RetryPolicy,
    limiter: Arc<CompanyLimiter>,
    events: Arc<events::EventHub>,
    relay: Option<Arc<dyn EventRelay>>,
}

/// A Codat Bank Feeds client. Cheap to clone; clones share connections and limits.
///
/// `Debug` shows the base URL and settings, never the API key.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("api_key", &"<redacted>")
            .field("timeouts", &self.inner.timeouts)
            .field("retry", &self.inner.retry)
            .finish()
    }
}

impl Client {
    /// A builder with Codat's defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The same client with another retry policy and request timeout (for one call or a part
    /// of a program); it shares the original's connections, per-company limit and events.
    pub fn with_policy(&self, retry: Option<RetryPolicy>, timeouts: Option<Timeouts>) -> Client {
        let inner = &self.inner;
        Client {
            inner: Arc::new(Inner {
                http: inner.http.clone(),
                base_url: inner.base_url.clone(),
                auth: inner.auth.clone(),
                timeouts: timeouts.unwrap_or_else(|| inner.timeouts.clone()),
                retry: retry.unwrap_or_else(|| inner.retry.clone()),
                limiter: Arc::clone(&inner.limiter),
                events: Arc::clone(&inner.events),
                relay: inner.relay.clone(),
            }),
        }
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The timeouts.
    pub fn timeouts(&self) -> &Timeouts {
        &self.inner.timeouts
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str()
    }

    /// `POST /companies`
    pub async fn create_company(&self, request: &CompanyRequest) -> Result<Company, Error> {
        if request.name.trim().is_empty() {
            return Err(Error::config(
                "a company needs a name (Codat refuses an empty one)",
            ));
        }
        let call = Call::new(Method::POST, &["companies"], Retry::KeyedWrite).json(request)?;
        self.execute(&call).await?.json(&call)
    }

    /// One page of your companies (`GET /companies`), filtered with Codat's `query` language
    /// (e.g. `name~Bakery`) and sorted by `order_by`.
    pub async fn list_companies(
        &self,
        page: u32,
        options: &ListOptions,
    ) -> Result<Page<Company>, Error> {
        let call = options.apply(page, Call::new(Method::GET, &["companies"], Retry::Read))?;
        self.execute(&call).await?.json(&call)
    }

    /// Every company matching `options`, page after page as it is read.
    pub fn companies(
        &self,
        options: &ListOptions,
    ) -> impl futures_util::Stream<Item = Result<Company, Error>> + Send + 'static {
        let client = self.clone();
        push::pages(options.clone(), move |page, options| {
            let client = client.clone();
            async move { client.list_companies(page, &options).await }
        })
    }

    /// `DELETE /companies/{companyId}`: the company, its connections and everything pushed
    /// through them, for good.
    pub async fn delete_company(&self, company_id: &str) -> Result<(), Error> {
        let call = Call::new(Method::DELETE, &["companies", company_id], Retry::Delete)
            .company(company_id);
        self.execute(&call).await.map(|_| ())
    }

    /// `GET /companies/{companyId}`
    pub async fn get_company(&self, company_id: &str) -> Result<Company, Error> {
        let call =
            Call::new(Method::GET, &["companies", company_id], Retry::Read).company(company_id);
        self.execute(&call).await?.json(&call)
    }

    /// `POST /companies/{companyId}/connections` (`platform_key` `olpr` is Sage Bank Feeds).
    pub async fn create_connection(
        &self,
        company_id: &str,
        platform_key: &str,
    ) -> Result<Connection, Error> {
        if platform_key.trim().is_empty() {
            return Err(Error::config(format!(
                "the platform key is empty; Sage Bank Feeds is {:?}",
                crate::model::SAGE_PLATFORM_KEY
            )));
        }
        let call = Call::new(
            Method::POST,
            &["companies", company_id, "connections"],
            Retry::KeyedWrite,
        )
        .company(company_id)
        .json(&ConnectionRequest {
            platform_key: platform_key.to_owned(),
        })?;
        self.execute(&call).await?.json(&call)
    }

    /// `GET /companies/{companyId}/connections/{connectionId}`
    pub async fn get_connection(
        &self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<Connection, Error> {
        let call = connection_call(Method::GET, company_id, connection_id, &[], Retry::Read);
        self.execute(&call).await?.json(&call)
    }

    /// `DELETE /companies/{companyId}/connections/{connectionId}`: revokes and removes the
    /// connection (its source accounts go with it); the user must connect anew to feed again.
    pub async fn delete_connection(
        &self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<(), Error> {
        let call = connection_call(
            Method::DELETE,
            company_id,
            connection_id,
            &[],
            Retry::Delete,
        );
        self.execute(&call).await.map(|_| ())
    }

    /// `PATCH /companies/{companyId}/connections/{connectionId}` with `{"status": "Unlinked"}`:
    /// stops the feed but keeps the connection, so the user can link it again later.
    pub async fn unlink_connection(
        &self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<Connection, Error> {
        let call = connection_call(
            Method::PATCH,
            company_id,
            connection_id,
            &[],
            Retry::KeyedWrite,
        )
        .json(&serde_json::json!({"status": ConnectionStatus::Unlinked}))?;
        self.execute(&call).await?.json(&call)
    }

    /// `POST /companies/{companyId}/connections/{connectionId}/bankFeeds/otp` (Sage only): a
    /// one-time password the Sage user enters, with the connection id, to connect the feed.
    pub async fn generate_otp(&self, company_id: &str, connection_id: &str) -> Result<Otp, Error> {
        let call = connection_call(
            Method::POST,
            company_id,
            connection_id,
            &["bankFeeds", "otp"],
            Retry::KeyedWrite,
        )
        .key(uuid::Uuid::new_v4());
        self.execute(&call).await?.json(&call)
    }

    /// Every connection of a company (all pages).
    pub async fn list_connections(&self, company_id: &str) -> Result<Vec<Connection>, Error> {
        let mut all = Vec::new();
        let mut page = 1u32;
        loop {
            let call = Call::new(
                Method::GET,
                &["companies", company_id, "connections"],
                Retry::Read,
            )
            .company(company_id)
            .query("page", page)
            .query("pageSize", 100);
            let reply: Page<Connection> = self.execute(&call).await?.json(&call)?;
            let more = reply.links.next.is_some() && !reply.results.is_empty();
            all.extend(reply.results);
            if !more {
                return Ok(all);
            }
            page += 1;
        }
    }

    /// `POST .../connectionInfo/bankFeedAccounts`: one source account (starts `pending`).
    pub async fn create_account(
        &self,
        company_id: &str,
        connection_id: &str,
        account: &SourceAccountPrototype,
    ) -> Result<SourceAccount, Error> {
        let call = accounts_call(
            Method::POST,
            company_id,
            connection_id,
            &[],
            Retry::KeyedWrite,
        )
        .json(account)?;
        self.execute(&call).await?.json(&call)
    }

    /// `POST .../connectionInfo/bankFeedAccounts/batch`: one result per account (201, 207 and
    /// 409 answers all give the per-account results).
    pub async fn create_accounts(
        &self,
        company_id: &str,
        connection_id: &str,
        accounts: &[SourceAccountPrototype],
    ) -> Result<Vec<BatchCreateItem>, Error> {
        let mut call = accounts_call(
            Method::POST,
            company_id,
            connection_id,
            &["batch"],
            Retry::KeyedWrite,
        )
        .json(accounts)?;
        call.results_on_conflict = true;
        self.execute(&call).await?.json(&call)
    }

    /// `GET .../connectionInfo/bankFeedAccounts`
    pub async fn list_accounts(
        &self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<Vec<SourceAccount>, Error> {
        let call = accounts_call(Method::GET, company_id, connection_id, &[], Retry::Read);
        self.execute(&call).await?.json(&call)
    }

    /// One source account (Codat has no single-account read: this lists and picks).
    pub async fn get_account(
        &self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> Result<SourceAccount, Error> {
        self.list_accounts(company_id, connection_id)
            .await?
            .into_iter()
            .find(|a| a.id == account_id)
            .ok_or_else(|| {
                Error::Api(Box::new(crate::error::ApiFailure::unanswered(
                    "GET",
                    format!("/companies/{company_id}/connections/{connection_id}/connectionInfo/bankFeedAccounts"),
                    404,
                    format!("source account {account_id:?} is not on this connection"),
                )))
            })
    }

    /// `PATCH .../bankFeedAccounts/{accountId}`
    pub async fn update_account(
        &self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
        update: &SourceAccountUpdate,
    ) -> Result<SourceAccount, Error> {
        let call = accounts_call(
            Method::PATCH,
            company_id,
            connection_id,
            &[account_id],
            Retry::KeyedWrite,
        )
        .json(&update.body(account_id))?;
        self.execute(&call).await?.json(&call)
    }

    /// `DELETE .../bankFeedAccounts/{accountId}`
    pub async fn delete_account(
        &self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> Result<(), Error> {
        let call = accounts_call(
            Method::DELETE,
            company_id,
            connection_id,
            &[account_id],
            Retry::Delete,
        );
        self.execute(&call).await.map(|_| ())
    }
}

fn accounts_call(
    method: Method,
    company_id: &str,
    connection_id: &str,
    rest: &[&str],
    retry: Retry,
) -> Call {
    let rest = [&["connectionInfo", "bankFeedAccounts"], rest].concat();
    connection_call(method, company_id, connection_id, &rest, retry)
}

/// A call under `/companies/{companyId}/connections/{connectionId}`, then `rest`.
fn connection_call(
    method: Method,
    company_id: &str,
    connection_id: &str,
    rest: &[&str],
    retry: Retry,
) -> Call {
    let mut segments = vec!["companies", company_id, "connections", connection_id];
    segments.extend_from_slice(rest);
    Call::new(method, &segments, retry).company(company_id)
}
