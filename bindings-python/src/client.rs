//! The native client behind `feedrail.Client` and `feedrail.AsyncClient`: one dispatcher that
//! runs an operation of `ops` either blocking (GIL released) or as an asyncio awaitable on tokio.

use std::future::Future;

use futures_util::FutureExt;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use feedrail::{
    FeedJob, FeedOptions, ListOptions, PushOptions, PushTarget, RetryPolicy, SqliteCursorStore,
    Timeouts, WaitOptions,
};
use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::Value;

use crate::errors::to_pyerr;
use crate::ops::{self, Json};
use crate::runtime::runtime;
use crate::types::{serialized, to_json, to_python};
use crate::validate::{cursor_like_keys, day, records};

type Work = Pin<Box<dyn Future<Output = Outcome> + Send>>;

/// What an operation produced.
enum Outcome {
    One(Json),
    Many(Vec<(String, Json)>),
}

/// The core client, for the Python classes to call.
#[pyclass(frozen, module = "feedrail._native")]
pub struct NativeClient {
    inner: feedrail::Client,
}

#[pymethods]
impl NativeClient {
    #[new]
    #[pyo3(signature = (api_key, base_url, cursor_path, max_retries, timeout, user_agent))]
    fn new(
        py: Python<'_>,
        api_key: String,
        base_url: Option<String>,
        cursor_path: Option<String>,
        max_retries: u32,
        timeout: f64,
        user_agent: Option<String>,
    ) -> PyResult<Self> {
        let suffix = match user_agent {
            Some(extra) => format!("python; {extra}"),
            None => "python".to_owned(),
        };
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
            .user_agent(suffix);
        if let Some(url) = base_url {
            builder = builder.base_url(url);
        }
        if let Some(path) = cursor_path {
            let store = SqliteCursorStore::open(path).map_err(|e| to_pyerr(py, e))?;
            builder = builder.cursor_store(Arc::new(store));
        }
        Ok(NativeClient {
            inner: builder.build().map_err(|e| to_pyerr(py, e))?,
        })
    }

    /// The base URL.
    #[getter]
    fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    /// Runs operation `op` with `args`, blocking this thread (not the interpreter).
    fn call<'py>(
        &self,
        py: Python<'py>,
        op: &str,
        args: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let work = self.prepare(op, args)?;
        let outcome =
            py.detach(|| runtime().block_on(std::panic::AssertUnwindSafe(work).catch_unwind()));
        match outcome {
            Ok(outcome) => convert(py, outcome),
            Err(_) => Err(crate::errors::internal(format!(
                "feedrail panicked during {op}"
            ))),
        }
    }

    /// Runs operation `op` with `args` on tokio; returns an awaitable.
    fn call_async<'py>(
        &self,
        py: Python<'py>,
        op: &str,
        args: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let work = self.prepare(op, args)?;
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            let outcome = runtime().spawn(work).await.map_err(|e| {
                crate::errors::internal(format!("the operation ended abnormally: {e}"))
            })?;
            Python::attach(|py| convert(py, outcome).map(Bound::unbind))
        })
    }

    fn __repr__(&self) -> String {
        format!("NativeClient(base_url={:?})", self.inner.base_url())
    }
}

fn convert<'py>(py: Python<'py>, outcome: Outcome) -> PyResult<Bound<'py, PyAny>> {
    match outcome {
        Outcome::One(result) => match result {
            Ok(value) => to_python(py, &value),
            Err(e) => Err(to_pyerr(py, e)),
        },
        Outcome::Many(results) => {
            let dict = PyDict::new(py);
            for (account, result) in results {
                let value = match result {
                    Ok(v) => to_python(py, &v)?,
                    Err(e) => to_pyerr(py, e).into_value(py).into_bound(py).into_any(),
                };
                dict.set_item(account, value)?;
            }
            Ok(dict.into_any())
        }
    }
}

/// Reading the arguments of a call.
struct Args<'a, 'py>(&'a Bound<'py, PyDict>);

impl<'py> Args<'_, 'py> {
    fn get(&self, name: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        Ok(self.0.get_item(name)?.filter(|v| !v.is_none()))
    }

    fn need(&self, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.get(name)?
            .ok_or_else(|| PyKeyError::new_err(format!("missing argument {name}")))
    }

    fn string(&self, name: &str) -> PyResult<String> {
        self.need(name)?
            .extract::<String>()
            .map_err(|_| PyTypeError::new_err(format!("{name} must be a string")))
    }

    fn opt_string(&self, name: &str) -> PyResult<Option<String>> {
        self.get(name)?.map(|v| v.extract::<String>()).transpose()
    }

    fn json(&self, name: &str) -> PyResult<Value> {
        Ok(cursor_like_keys(to_json(&self.need(name)?)?))
    }

    fn number<T: for<'a> FromPyObject<'a, 'py>>(&self, name: &str, default: T) -> PyResult<T> {
        match self.get(name)? {
            Some(v) => v
                .extract::<T>()
                .map_err(|_| PyTypeError::new_err(format!("{name} has the wrong type"))),
            None => Ok(default),
        }
    }

    fn seconds(&self, name: &str, default: f64) -> PyResult<Duration> {
        Ok(Duration::from_secs_f64(
            self.number(name, default)?.max(0.001),
        ))
    }

    fn target(&self) -> PyResult<PushTarget> {
        Ok(PushTarget::new(
            self.string("company_id")?,
            self.string("connection_id")?,
            self.string("account_id")?,
        ))
    }

    fn feed_options(&self) -> PyResult<FeedOptions> {
        let progress = self.get("progress")?.map(|cb| {
            let cb = cb.unbind();
            Arc::new(move |event: &feedrail::Progress| {
                Python::attach(|py| {
                    let delivered = serialized(py, event).and_then(|e| {
                        let kind: String = e.get_item("event")?.extract()?;
                        e.set_item("event", crate::types::snake(&kind))?;
                        cb.call1(py, (e,))
                    });
                    if let Err(e) = delivered {
                        e.write_unraisable(py, None);
                    }
                });
            }) as feedrail::ProgressCallback
        });
        Ok(FeedOptions {
            skip_invalid: self.number("skip_invalid", false)?,
            batch_size: self.number("batch_size", 1000usize)?,
            today: day(self.0.py(), self.get("today")?.as_ref())?,
            wait: WaitOptions {
                deadline: self.seconds("wait_timeout", 900.0)?,
                ..WaitOptions::default()
            },
            push: self.push_options()?,
            progress,
            ..FeedOptions::default()
        })
    }

    fn push_options(&self) -> PyResult<PushOptions> {
        Ok(PushOptions {
            timeout_in_minutes: self
                .get("timeout_in_minutes")?
                .map(|v| v.extract())
                .transpose()?,
            allow_sync_on_push_complete: self
                .get("allow_sync_on_push_complete")?
                .map(|v| v.extract())
                .transpose()?,
        })
    }
}

impl NativeClient {
    /// Reads the arguments (with the GIL) into a future that needs no Python.
    fn prepare(&self, op: &str, args: &Bound<'_, PyDict>) -> PyResult<Work> {
        let a = Args(args);
        let c = self.inner.clone();
        let one = |f: Pin<Box<dyn Future<Output = Json> + Send>>| -> Work {
            Box::pin(async move { Outcome::One(f.await) })
        };
        Ok(match op {
            "create_company" => one(Box::pin(ops::create_company(
                c,
                a.string("name")?,
                a.opt_string("description")?,
            ))),
            "get_company" => one(Box::pin(ops::get_company(c, a.string("company_id")?))),
            "create_connection" => one(Box::pin(ops::create_connection(
                c,
                a.string("company_id")?,
                a.opt_string("platform_key")?
                    .unwrap_or_else(|| "olpr".into()),
            ))),
            "get_connection" => one(Box::pin(ops::get_connection(
                c,
                a.string("company_id")?,
                a.string("connection_id")?,
            ))),
            "list_connections" => one(Box::pin(ops::list_connections(c, a.string("company_id")?))),
            "create_account" => one(Box::pin(ops::create_account(
                c,
                a.string("company_id")?,
                a.string("connection_id")?,
                a.json("account")?,
            ))),
            "create_accounts" => {
                let accounts = match a.json("accounts")? {
                    Value::Array(items) => {
                        Value::Array(items.into_iter().map(cursor_like_keys).collect())
                    }
                    other => other,
                };
                one(Box::pin(ops::create_accounts(
                    c,
                    a.string("company_id")?,
                    a.string("connection_id")?,
                    accounts,
                )))
            }
            "list_accounts" => one(Box::pin(ops::list_accounts(
                c,
                a.string("company_id")?,
                a.string("connection_id")?,
            ))),
            "get_account" => {
                let t = a.target()?;
                one(Box::pin(ops::get_account(
                    c,
                    t.company_id,
                    t.connection_id,
                    t.account_id,
                )))
            }
            "update_account" => {
                let t = a.target()?;
                one(Box::pin(ops::update_account(
                    c,
                    t.company_id,
                    t.connection_id,
                    t.account_id,
                    a.json("update")?,
                )))
            }
            "delete_account" => {
                let t = a.target()?;
                one(Box::pin(ops::delete_account(
                    c,
                    t.company_id,
                    t.connection_id,
                    t.account_id,
                )))
            }
            "push_batch" => one(Box::pin(ops::push_batch(
                c,
                a.target()?,
                records(&a.need("transactions")?)?,
                a.opt_string("idempotency_key")?,
                a.push_options()?,
            ))),
            "get_push_operation" => one(Box::pin(ops::get_push_operation(
                c,
                a.string("company_id")?,
                a.string("push_operation_key")?,
            ))),
            "wait" => one(Box::pin(ops::wait(
                c,
                a.string("company_id")?,
                a.string("push_operation_key")?,
                WaitOptions {
                    deadline: a.seconds("timeout", 900.0)?,
                    ..WaitOptions::default()
                },
            ))),
            "list_push_operations" => one(Box::pin(ops::list_push_operations(
                c,
                a.string("company_id")?,
                a.number("page", 1u32)?,
                ListOptions {
                    query: a.opt_string("query")?,
                    order_by: a.opt_string("order_by")?,
                    page_size: a.number("page_size", 100u32)?,
                },
            ))),
            "push_feed" => one(Box::pin(ops::push_feed(
                c,
                a.target()?,
                records(&a.need("records")?)?,
                a.feed_options()?,
            ))),
            "push_feeds" => {
                let company = a.string("company_id")?;
                let connection = a.string("connection_id")?;
                let feeds = a.need("feeds")?;
                let feeds = feeds.cast::<PyDict>().map_err(|_| {
                    PyTypeError::new_err("feeds must be a dict of account id to records")
                })?;
                let mut jobs = Vec::new();
                for (account, lines) in feeds.iter() {
                    jobs.push(FeedJob {
                        target: PushTarget::new(
                            &company,
                            &connection,
                            account.extract::<String>()?,
                        ),
                        records: records(&lines)?,
                    });
                }
                let accounts: Vec<String> =
                    jobs.iter().map(|j| j.target.account_id.clone()).collect();
                let options = a.feed_options()?;
                Box::pin(async move {
                    let results = ops::push_feeds(c, jobs, options).await;
                    Outcome::Many(accounts.into_iter().zip(results).collect())
                })
            }
            other => return Err(PyKeyError::new_err(format!("unknown operation {other:?}"))),
        })
    }
}

/// Registers the class.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeClient>()
}
