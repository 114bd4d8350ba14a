//! `feedrail.Client`: the core client, synchronous, releasing the GIL while it waits.

use std::sync::Arc;
use std::time::Duration;

use feedrail::{
    CompanyRequest, FeedOptions, PushTarget, RetryPolicy, SourceAccountPrototype,
    SqliteCursorStore, Timeouts, WaitOptions,
};
use pyo3::prelude::*;

use crate::errors::to_pyerr;
use crate::runtime::runtime;
use crate::types::{serialized, to_json};
use crate::validate::{day, records};

/// A Codat Bank Feeds client. Every call blocks the calling thread (not the interpreter) until
/// done.
#[pyclass(frozen, module = "feedrail")]
pub struct Client {
    inner: feedrail::Client,
}

fn run<T: Send, F>(py: Python<'_>, work: F) -> PyResult<T>
where
    F: std::future::Future<Output = Result<T, feedrail::Error>> + Send,
{
    py.detach(|| runtime().block_on(work))
        .map_err(|e| to_pyerr(py, e))
}

#[pymethods]
impl Client {
    /// A client for `base_url` (default `https://api.codat.io`) with the raw `api_key`.
    #[new]
    #[pyo3(signature = (api_key, *, base_url=None, cursor_path=None, max_retries=4, timeout=60.0, user_agent=None))]
    fn new(
        py: Python<'_>,
        api_key: String,
        base_url: Option<String>,
        cursor_path: Option<String>,
        max_retries: u32,
        timeout: f64,
        user_agent: Option<String>,
    ) -> PyResult<Self> {
        let mut builder = feedrail::Client::builder()
            .api_key(api_key)
            .retry(RetryPolicy {
                max_attempts: max_retries + 1,
                ..RetryPolicy::default()
            })
            .timeouts(Timeouts {
                request: Duration::from_secs_f64(timeout.max(0.001)),
                ..Timeouts::default()
            })
            .user_agent(
                format!("python; {}", user_agent.unwrap_or_default())
                    .trim_end_matches("; ")
                    .to_owned(),
            );
        if let Some(url) = base_url {
            builder = builder.base_url(url);
        }
        if let Some(path) = cursor_path {
            let store = SqliteCursorStore::open(path).map_err(|e| to_pyerr(py, e))?;
            builder = builder.cursor_store(Arc::new(store));
        }
        Ok(Client {
            inner: builder.build().map_err(|e| to_pyerr(py, e))?,
        })
    }

    fn __repr__(&self) -> String {
        format!("Client(base_url={:?})", self.inner.base_url())
    }

    /// Creates a company; returns it as a dict.
    #[pyo3(signature = (name, *, description=None))]
    fn create_company<'py>(
        &self,
        py: Python<'py>,
        name: String,
        description: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let c = self.inner.clone();
        let company = run(py, async move {
            c.create_company(&CompanyRequest { name, description })
                .await
        })?;
        serialized(py, &company)
    }

    /// Creates a data connection (`olpr`: Sage Bank Feeds).
    #[pyo3(signature = (company_id, *, platform_key="olpr".to_owned()))]
    fn create_connection<'py>(
        &self,
        py: Python<'py>,
        company_id: String,
        platform_key: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        let c = self.inner.clone();
        let conn = run(py, async move {
            c.create_connection(&company_id, &platform_key).await
        })?;
        serialized(py, &conn)
    }

    /// Creates a source account from a dict of its fields (snake_case or camelCase).
    fn create_account<'py>(
        &self,
        py: Python<'py>,
        company_id: String,
        connection_id: String,
        account: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let json = to_json(account)?;
        let camel = crate::validate::cursor_like_keys(json);
        let proto: SourceAccountPrototype = serde_json::from_value(camel).map_err(|e| {
            to_pyerr(
                py,
                feedrail::Error::config(format!("account is not valid: {e}")),
            )
        })?;
        let c = self.inner.clone();
        let created = run(py, async move {
            c.create_account(&company_id, &connection_id, &proto).await
        })?;
        serialized(py, &created)
    }

    /// The connection's source accounts.
    fn list_accounts<'py>(
        &self,
        py: Python<'py>,
        company_id: String,
        connection_id: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        let c = self.inner.clone();
        let accounts = run(py, async move {
            c.list_accounts(&company_id, &connection_id).await
        })?;
        serialized(py, &accounts)
    }

    /// One push operation.
    fn get_push_operation<'py>(
        &self,
        py: Python<'py>,
        company_id: String,
        push_operation_key: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        let c = self.inner.clone();
        let op = run(py, async move {
            c.get_push_operation(&company_id, &push_operation_key).await
        })?;
        serialized(py, &op)
    }

    /// Validates, batches and pushes `records` to one account, each batch after the previous
    /// landed; returns the feed report as a dict.
    #[pyo3(signature = (company_id, connection_id, account_id, records, *, skip_invalid=false, batch_size=1000, wait_timeout=900.0, today=None))]
    #[allow(clippy::too_many_arguments)]
    fn push_feed<'py>(
        &self,
        py: Python<'py>,
        company_id: String,
        connection_id: String,
        account_id: String,
        records: &Bound<'py, PyAny>,
        skip_invalid: bool,
        batch_size: usize,
        wait_timeout: f64,
        today: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let lines = self::records(records)?;
        let options = FeedOptions {
            skip_invalid,
            batch_size,
            today: day(today)?,
            wait: WaitOptions {
                deadline: Duration::from_secs_f64(wait_timeout.max(0.001)),
                ..WaitOptions::default()
            },
            ..FeedOptions::default()
        };
        let target = PushTarget::new(company_id, connection_id, account_id);
        let c = self.inner.clone();
        let report = run(
            py,
            async move { c.push_feed(&target, &lines, &options).await },
        )?;
        serialized(py, &report)
    }
}
