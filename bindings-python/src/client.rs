//! The native client behind `feedrail.Client` and `feedrail.AsyncClient`: one dispatcher that
//! runs an operation of `ops` either blocking (GIL released) or as an asyncio awaitable on tokio.

use std::future::Future;

use futures_util::FutureExt;
use std::pin::Pin;
use std::sync::Arc;

use feedrail::{FeedJob, FeedOptions, PushOptions, PushTarget};
use feedrail_bindings::ops::{self, Json};
use feedrail_bindings::settings::wait_options;
use feedrail_bindings::spelling::{camel_keys, snake};
use feedrail_bindings::{
    ClientSettings, EnqueueSettings, FeedSettings, ListSettings, ReconcileSettings, WorkerSettings,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::Value;

use crate::awaitable::awaitable;
use crate::errors::{config_error, guard, internal, to_pyerr};
use crate::runtime::runtime;
use crate::types::{serialized, to_json, to_python, typed};
use crate::validate::day_text;

type Work = Pin<Box<dyn Future<Output = Outcome> + Send>>;

/// What an operation produced.
enum Outcome {
    One(Json),
    Many(Vec<(String, Json)>),
}

/// The core client, for the Python classes to call. Built again in a forked child (the parent's
/// connections and runtime do not survive `fork`), and refused once closed.
#[pyclass(frozen, module = "feedrail._native")]
pub struct NativeClient {
    settings: ClientSettings,
    built: std::sync::Mutex<Option<(u32, feedrail::Pipeline)>>,
}

impl NativeClient {
    /// This process's pipeline: the one built here, or a new one after `fork`.
    fn pipeline(&self) -> Result<feedrail::Pipeline, feedrail::Error> {
        let pid = std::process::id();
        let mut built = self.built.lock().unwrap_or_else(|p| p.into_inner());
        match &*built {
            Some((owner, pipeline)) if *owner == pid => Ok(pipeline.clone()),
            Some(_) => {
                let pipeline = self.settings.clone().build("python")?;
                if let Some((_, inherited)) = built.replace((pid, pipeline.clone())) {
                    // Its connections belong to the parent's runtime: never touch them again.
                    std::mem::forget(inherited);
                }
                Ok(pipeline)
            }
            None => Err(feedrail::Error::config(
                "this client is closed; create a new one",
            )),
        }
    }

    fn live(&self, py: Python<'_>) -> PyResult<feedrail::Pipeline> {
        self.pipeline().map_err(|e| to_pyerr(py, e))
    }
}

#[pymethods]
impl NativeClient {
    #[new]
    #[pyo3(signature = (api_key, base_url, cursor, max_retries, timeout, total_timeout, concurrency_per_company, user_agent, webhook_secret, proxy))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        api_key: Bound<'_, PyAny>,
        base_url: Option<String>,
        cursor: Option<String>,
        max_retries: Option<Bound<'_, PyAny>>,
        timeout: Option<Bound<'_, PyAny>>,
        total_timeout: Option<Bound<'_, PyAny>>,
        concurrency_per_company: Option<Bound<'_, PyAny>>,
        user_agent: Option<String>,
        webhook_secret: Option<String>,
        proxy: Option<String>,
    ) -> PyResult<Self> {
        let api_key = api_key.extract::<String>().map_err(|_| {
            config_error(format!("api_key must be a string, got {}", kind(&api_key)))
        })?;
        let settings = ClientSettings {
            api_key,
            base_url,
            cursor,
            max_retries: number("max_retries", max_retries)?,
            timeout: number("timeout", timeout)?,
            total_timeout: number("total_timeout", total_timeout)?,
            concurrency_per_company: number("concurrency_per_company", concurrency_per_company)?,
            user_agent,
            webhook_secret,
            proxy,
        };
        let pipeline = settings
            .clone()
            .build("python")
            .map_err(|e| to_pyerr(py, e))?;
        Ok(NativeClient {
            settings,
            built: std::sync::Mutex::new(Some((std::process::id(), pipeline))),
        })
    }

    /// The base URL.
    #[getter]
    fn base_url(&self) -> String {
        match self.pipeline() {
            Ok(p) => p.client().base_url().to_owned(),
            Err(_) => self
                .settings
                .base_url
                .clone()
                .unwrap_or_else(|| feedrail::DEFAULT_BASE_URL.to_owned()),
        }
    }

    /// The same client (connections, limits, cursor store) with another retry policy or
    /// request timeout; unset ones keep this client's.
    #[pyo3(signature = (max_retries=None, timeout=None, total_timeout=None))]
    fn with_options(
        &self,
        py: Python<'_>,
        max_retries: Option<Bound<'_, PyAny>>,
        timeout: Option<Bound<'_, PyAny>>,
        total_timeout: Option<Bound<'_, PyAny>>,
    ) -> PyResult<NativeClient> {
        let overrides = ClientSettings {
            max_retries: number("max_retries", max_retries)?,
            timeout: number("timeout", timeout)?,
            total_timeout: number("total_timeout", total_timeout)?,
            ..ClientSettings::default()
        };
        let pipeline = overrides
            .override_policy(&self.live(py)?)
            .map_err(|e| to_pyerr(py, e))?;
        let mut settings = self.settings.clone();
        settings.max_retries = overrides.max_retries.or(settings.max_retries);
        settings.timeout = overrides.timeout.or(settings.timeout);
        settings.total_timeout = overrides.total_timeout.or(settings.total_timeout);
        Ok(NativeClient {
            settings,
            built: std::sync::Mutex::new(Some((std::process::id(), pipeline))),
        })
    }

    /// Lets go of the connections and the cursor store; later calls raise `ConfigError`.
    fn close(&self) {
        let taken = self.built.lock().unwrap_or_else(|p| p.into_inner()).take();
        drop(taken);
    }

    /// Whether `close` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.built
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_none()
    }

    /// Runs operation `op` with `args`, blocking this thread (not the interpreter).
    fn call<'py>(
        &self,
        py: Python<'py>,
        op: &str,
        args: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let work = guard(|| self.prepare(op, args))?;
        let outcome =
            py.detach(|| runtime().block_on(std::panic::AssertUnwindSafe(work).catch_unwind()));
        match outcome {
            Ok(outcome) => convert(py, outcome),
            Err(_) => Err(internal(format!("feedrail panicked during {op}"))),
        }
    }

    /// Runs operation `op` with `args` on tokio; returns an awaitable.
    fn call_async<'py>(
        &self,
        py: Python<'py>,
        op: &str,
        args: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let work = guard(|| self.prepare(op, args))?;
        awaitable(py, work, |py, outcome| {
            convert(py, outcome).map(Bound::unbind)
        })
    }

    /// A worker over this client's PostgreSQL cursor (options as for `push_feed`, plus the
    /// worker's own).
    fn worker(&self, py: Python<'_>, options: &Bound<'_, PyDict>) -> PyResult<NativeWorker> {
        let a = Args(options);
        let settings = WorkerSettings {
            accounts_at_once: a.opt("accounts_at_once")?,
            lines_per_claim: a.opt("lines_per_claim")?,
            until_drained: a.opt("until_drained")?,
            idle_poll: a.opt("idle_poll")?,
            lease_ttl: a.opt("lease_ttl")?,
        };
        let feed = guard(|| a.feed_options())?;
        let worker = settings
            .build(self.live(py)?, feed)
            .map_err(|e| to_pyerr(py, e))?;
        Ok(NativeWorker { inner: worker })
    }

    /// Verifies a delivery with the client's webhook secret, acts on its event, returns it.
    fn handle_webhook<'py>(
        &self,
        py: Python<'py>,
        body: &[u8],
        headers: Vec<(String, String)>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::webhooks::handle_webhook(py, self.live(py)?.client(), body, &headers)
    }

    /// Acts on an event verified elsewhere (as `verify` returns it).
    fn handle_event(&self, py: Python<'_>, event: &Bound<'_, PyAny>) -> PyResult<()> {
        crate::webhooks::handle_event(py, self.live(py)?.client(), event)
    }

    fn __repr__(&self) -> String {
        format!("NativeClient(base_url={:?})", self.base_url())
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

/// An optional numeric argument, or a `ConfigError` naming it.
fn number<T: for<'a, 'py> FromPyObject<'a, 'py>>(
    name: &str,
    value: Option<Bound<'_, PyAny>>,
) -> PyResult<Option<T>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| {
            v.extract::<T>().map_err(|_| {
                config_error(format!(
                    "{name} must be a number, got {}",
                    v.repr().map_or_else(|_| kind(&v), |r| r.to_string())
                ))
            })
        })
        .transpose()
}

/// The Python type name of `v`, for messages.
fn kind(v: &Bound<'_, PyAny>) -> String {
    v.get_type()
        .name()
        .map_or_else(|_| "another type".to_owned(), |n| n.to_string())
}

/// Reading the arguments of a call.
struct Args<'a, 'py>(&'a Bound<'py, PyDict>);

impl<'py> Args<'_, 'py> {
    fn get(&self, name: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        Ok(self.0.get_item(name)?.filter(|v| !v.is_none()))
    }

    fn need(&self, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.get(name)?
            .ok_or_else(|| config_error(format!("{name} is required")))
    }

    fn string(&self, name: &str) -> PyResult<String> {
        let v = self.need(name)?;
        v.extract::<String>()
            .map_err(|_| config_error(format!("{name} must be a string, got {}", kind(&v))))
    }
    fn opt_string(&self, name: &str) -> PyResult<Option<String>> {
        self.get(name)?
            .map(|v| {
                v.extract::<String>()
                    .map_err(|_| config_error(format!("{name} must be a string, got {}", kind(&v))))
            })
            .transpose()
    }

    fn json(&self, name: &str) -> PyResult<Value> {
        Ok(camel_keys(to_json(&self.need(name)?)?))
    }

    fn opt<T: for<'a> FromPyObject<'a, 'py>>(&self, name: &str) -> PyResult<Option<T>> {
        self.get(name)?
            .map(|v| {
                v.extract::<T>().map_err(|_| {
                    config_error(format!(
                        "{name} has the wrong type or is out of range: {}",
                        v.repr().map_or_else(|_| kind(&v), |r| r.to_string())
                    ))
                })
            })
            .transpose()
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
                        e.set_item("event", snake(&kind))?;
                        let event = py
                            .import("feedrail._types")?
                            .getattr("READERS")?
                            .get_item("ProgressEvent")?
                            .call1((e,))?;
                        cb.call1(py, (event,))
                    });
                    if let Err(e) = delivered {
                        e.write_unraisable(py, None);
                    }
                });
            }) as feedrail::ProgressCallback
        });
        let settings = FeedSettings {
            skip_invalid: self.opt("skip_invalid")?,
            batch_size: self.opt("batch_size")?,
            today: day_text(self.get("today")?.as_ref())?,
            time_zone: self.opt_string("time_zone")?,
            wait_timeout: self.opt("wait_timeout")?,
            profile: self.opt("profile")?,
            timeout_in_minutes: self.opt("timeout_in_minutes")?,
            allow_sync_on_push_complete: self.opt("allow_sync_on_push_complete")?,
            lease_wait: self.opt("lease_wait")?,
        };
        settings
            .options(progress)
            .map_err(|e| to_pyerr(self.0.py(), e))
    }

    fn list_settings(&self) -> PyResult<ListSettings> {
        Ok(ListSettings {
            page: self.opt("page")?,
            page_size: self.opt("page_size")?,
            query: self.opt_string("query")?,
            order_by: self.opt_string("order_by")?,
        })
    }

    fn push_options(&self) -> PyResult<PushOptions> {
        Ok(PushOptions {
            timeout_in_minutes: self.opt("timeout_in_minutes")?,
            allow_sync_on_push_complete: self.opt("allow_sync_on_push_complete")?,
        })
    }
}

impl NativeClient {
    /// Reads the arguments (with the GIL) into a future that needs no Python.
    fn prepare(&self, op: &str, args: &Bound<'_, PyDict>) -> PyResult<Work> {
        let a = Args(args);
        let p = self.pipeline().map_err(|e| to_pyerr(args.py(), e))?;
        let c = p.client().clone();
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
            "list_companies" => {
                let (page, list) = a.list_settings()?.options();
                one(Box::pin(ops::list_companies(c, page, list)))
            }
            "delete_company" => one(Box::pin(ops::delete_company(c, a.string("company_id")?))),
            "delete_connection" => one(Box::pin(ops::delete_connection(
                c,
                a.string("company_id")?,
                a.string("connection_id")?,
            ))),
            "unlink_connection" => one(Box::pin(ops::unlink_connection(
                c,
                a.string("company_id")?,
                a.string("connection_id")?,
            ))),
            "get_bank_transactions_model" => {
                let t = a.target()?;
                one(Box::pin(ops::get_bank_transactions_model(
                    c,
                    t.company_id,
                    t.connection_id,
                    t.account_id,
                )))
            }
            "get_company_information" => one(Box::pin(ops::get_company_information(
                c,
                a.string("company_id")?,
                a.string("connection_id")?,
            ))),
            "generate_credentials" => one(Box::pin(ops::generate_credentials(
                c,
                a.string("company_id")?,
                a.string("connection_id")?,
            ))),
            "delete_credentials" => one(Box::pin(ops::delete_credentials(
                c,
                a.string("company_id")?,
                a.string("connection_id")?,
            ))),
            "list_account_mappings" => one(Box::pin(ops::list_account_mappings(
                c,
                a.string("company_id")?,
                a.string("connection_id")?,
            ))),
            "create_account_mapping" => one(Box::pin(ops::create_account_mapping(
                c,
                a.string("company_id")?,
                a.string("connection_id")?,
                a.json("mapping")?,
            ))),
            "create_connection" => one(Box::pin(ops::create_connection(
                c,
                a.string("company_id")?,
                a.opt_string("platform_key")?,
            ))),
            "get_connection" => one(Box::pin(ops::get_connection(
                c,
                a.string("company_id")?,
                a.string("connection_id")?,
            ))),
            "generate_otp" => one(Box::pin(ops::generate_otp(
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
                        Value::Array(items.into_iter().map(camel_keys).collect())
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
                crate::lines::read(&a.need("transactions")?)?,
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
                wait_options(a.opt("timeout")?).map_err(|e| to_pyerr(args.py(), e))?,
            ))),
            "list_push_operations" => {
                let (page, list) = a.list_settings()?.options();
                one(Box::pin(ops::list_push_operations(
                    c,
                    a.string("company_id")?,
                    page,
                    list,
                )))
            }
            "push_feed" => {
                let records = a.need("records")?;
                match crate::lines::ListSource::of(&records) {
                    Some(list) => one(Box::pin(ops::push_source(
                        p,
                        a.target()?,
                        Arc::new(list),
                        a.feed_options()?,
                    ))),
                    None => one(Box::pin(ops::push_feed(
                        p,
                        a.target()?,
                        crate::lines::read(&records)?,
                        a.feed_options()?,
                    ))),
                }
            }
            "push_feeds" => {
                let company = a.string("company_id")?;
                let connection = a.string("connection_id")?;
                let feeds = a.need("feeds")?;
                let feeds = feeds
                    .cast::<PyDict>()
                    .map_err(|_| config_error("feeds must be a dict of account id to records"))?;
                let mut jobs = Vec::new();
                for (account, lines) in feeds.iter() {
                    jobs.push(FeedJob::new(
                        PushTarget::new(&company, &connection, account.extract::<String>()?),
                        crate::lines::read(&lines)?,
                    ));
                }
                let accounts: Vec<String> =
                    jobs.iter().map(|j| j.target.account_id.clone()).collect();
                let options = a.feed_options()?;
                Box::pin(async move {
                    let results = ops::push_feeds(p, jobs, options).await;
                    Outcome::Many(accounts.into_iter().zip(results).collect())
                })
            }
            "enqueue" => {
                let options = EnqueueSettings {
                    today: day_text(a.get("today")?.as_ref())?,
                    time_zone: a.opt_string("time_zone")?,
                    profile: a.opt("profile")?,
                }
                .options()
                .map_err(|e| to_pyerr(args.py(), e))?;
                one(Box::pin(ops::enqueue(
                    p,
                    a.target()?,
                    crate::lines::read(&a.need("records")?)?,
                    options,
                )))
            }
            "reconcile" => {
                let options = ReconcileSettings {
                    today: day_text(a.get("today")?.as_ref())?,
                    time_zone: a.opt_string("time_zone")?,
                    profile: a.opt("profile")?,
                    // Decimal, int, str, or float (its shortest repr, as for amounts).
                    opening_balance: a
                        .get("opening_balance")?
                        .map(|v| v.str().map(|text| text.to_string()))
                        .transpose()?,
                    confirm: a.opt("confirm")?,
                }
                .options()
                .map_err(|e| to_pyerr(args.py(), e))?;
                one(Box::pin(ops::reconcile(
                    p,
                    a.target()?,
                    crate::lines::read(&a.need("records")?)?,
                    options,
                )))
            }
            "queue_status" => one(Box::pin(ops::queue_status(p))),
            "retry_failed" => one(Box::pin(ops::retry_failed(p, a.target()?))),
            "drop_failed" => one(Box::pin(ops::drop_failed(p, a.target()?))),
            other => return Err(internal(format!("unknown operation {other:?}"))),
        })
    }
}

/// The core worker, for `feedrail.Worker` to call.
#[pyclass(frozen, module = "feedrail._native")]
pub struct NativeWorker {
    inner: feedrail::queue::Worker,
}

#[pymethods]
impl NativeWorker {
    /// Works until stopped (or drained), blocking this thread (not the interpreter); returns
    /// the metrics.
    fn run<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let work = ops::run_worker(self.inner.clone());
        let outcome =
            py.detach(|| runtime().block_on(std::panic::AssertUnwindSafe(work).catch_unwind()));
        match outcome {
            Ok(result) => convert(py, Outcome::One(result)),
            Err(_) => Err(internal("feedrail panicked in a worker".to_owned())),
        }
    }

    /// Works on tokio until stopped (or drained); returns an awaitable of the metrics.
    fn run_async<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let work = ops::run_worker(self.inner.clone());
        awaitable(py, work, |py, result| {
            convert(py, Outcome::One(result)).map(Bound::unbind)
        })
    }

    /// Claims nothing more and sends no further batch; the rest stays queued.
    fn stop(&self) {
        self.inner.stop();
    }

    /// What it did so far.
    fn metrics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        typed(py, "WorkerMetrics", &self.inner.metrics())
    }
}

/// Registers the classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeClient>()?;
    m.add_class::<NativeWorker>()
}
