//! `feedrail.Sandbox`: the Codat emulator in-process, for tests and notebooks.

use std::time::Duration;

use feedrail_bindings::fault_config;
use feedrail_bindings::spelling::camel_keys;
use feedrail_sandbox::SandboxConfig;
use pyo3::prelude::*;

use crate::errors::{config_error, to_pyerr};
use crate::runtime::runtime;
use crate::types::{to_json, typed};

/// A local Codat Bank Feeds API on 127.0.0.1 (a free port); a context manager.
#[pyclass(module = "feedrail")]
pub struct Sandbox {
    inner: Option<feedrail_sandbox::Sandbox>,
}

impl Sandbox {
    fn running(&self) -> PyResult<&feedrail_sandbox::Sandbox> {
        self.inner
            .as_ref()
            .ok_or_else(|| config_error("the sandbox was closed; start a new one"))
    }
}

#[pymethods]
impl Sandbox {
    /// Starts a sandbox; `delay_ms` is how long each push stays pending.
    #[new]
    #[pyo3(signature = (*, delay_ms=0))]
    fn new(py: Python<'_>, delay_ms: u64) -> PyResult<Self> {
        let config = SandboxConfig {
            processing_delay: Duration::from_millis(delay_ms),
            ..SandboxConfig::default()
        };
        let started = py.detach(|| runtime().block_on(feedrail_sandbox::Sandbox::start(config)));
        let inner = started.map_err(|e| {
            to_pyerr(
                py,
                feedrail::Error::Internal {
                    message: format!("cannot start the sandbox: {e}"),
                },
            )
        })?;
        Ok(Sandbox { inner: Some(inner) })
    }

    /// Its base URL, e.g. `http://127.0.0.1:49152`.
    #[getter]
    fn url(&self) -> PyResult<String> {
        Ok(self.running()?.url())
    }

    /// The API key it accepts.
    #[getter]
    fn api_key(&self) -> PyResult<String> {
        Ok(self.running()?.api_key().to_owned())
    }

    /// Connects a source account as the Sage user's "Connect Bank" step would, with the
    /// one-time password from `client.generate_otp` (refused when wrong, used or expired);
    /// without `otp` the sandbox skips that step.
    #[pyo3(signature = (company_id, connection_id, account_id, otp=None))]
    fn connect_account<'py>(
        &self,
        py: Python<'py>,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
        otp: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let sandbox = self.running()?;
        let account = match otp {
            Some(otp) => {
                sandbox.connect_account_with_otp(company_id, connection_id, account_id, otp)
            }
            None => sandbox.connect_account(company_id, connection_id, account_id),
        }
        .map_err(|e| to_pyerr(py, e.into_error("connect_account")))?;
        typed(py, "SourceAccount", &account)
    }

    /// Disconnects a source account, as the Sage user (or Sage) would.
    fn disconnect_account<'py>(
        &self,
        py: Python<'py>,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let account = self
            .running()?
            .disconnect_account(company_id, connection_id, account_id)
            .map_err(|e| to_pyerr(py, e.into_error("disconnect_account")))?;
        typed(py, "SourceAccount", &account)
    }

    /// Registers a webhook endpoint: events (all, or `event_types`) are POSTed to `url`,
    /// signed like Svix; returns `{id, url, secret}`.
    #[pyo3(signature = (url, event_types=None))]
    fn add_webhook<'py>(
        &self,
        py: Python<'py>,
        url: &str,
        event_types: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let endpoint = self
            .running()?
            .add_webhook(url, event_types)
            .map_err(|e| to_pyerr(py, e.into_error("add_webhook")))?;
        typed(py, "WebhookEndpoint", &endpoint)
    }

    /// Each webhook endpoint's deliveries: delivered, failed attempts, abandoned, in flight.
    fn webhook_stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        typed(py, "WebhookDeliveryStats", &self.running()?.webhook_stats())
    }

    /// Status reads of single push operations (`GET …/push/{key}`) so far.
    fn status_polls(&self) -> PyResult<u64> {
        Ok(self.running()?.status_polls())
    }

    /// What landed on an account, in order.
    fn ledger<'py>(
        &self,
        py: Python<'py>,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let ledger = self
            .running()?
            .ledger(company_id, connection_id, account_id)
            .map_err(|e| to_pyerr(py, e.into_error("ledger")))?;
        typed(py, "Ledger", &ledger)
    }

    /// Sets the fault probabilities (`error500`, `reset_after_commit`, ... and `seed`).
    #[pyo3(signature = (**faults))]
    fn set_faults(
        &self,
        py: Python<'_>,
        faults: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<()> {
        let json = match faults {
            None => serde_json::Value::Null,
            Some(f) => camel_keys(to_json(f.as_any())?),
        };
        let config = fault_config(json).map_err(|e| to_pyerr(py, e))?;
        self.running()?
            .set_faults(config)
            .map_err(|e| to_pyerr(py, feedrail::Error::config(e)))
    }

    /// Every counter since the last reset: `faults`, `companies`, `push_operations`,
    /// `overlapping_pushes`, `status_polls`, `concurrency`, `webhooks`.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        typed(py, "SandboxStats", &self.running()?.stats())
    }

    /// Forgets every company, push and webhook endpoint; settings and faults go back to how
    /// the sandbox started.
    fn reset(&self) -> PyResult<()> {
        self.running()?.reset();
        Ok(())
    }

    /// A new, empty PostgreSQL database on the server named by `FEEDRAIL_DATABASE_URL`, as a
    /// URL: a clean queue and cursor for one test (`StoreError` when there is no server).
    #[staticmethod]
    fn scratch_database(py: Python<'_>) -> PyResult<String> {
        py.detach(feedrail_sandbox::try_scratch_database)
            .map_err(|e| to_pyerr(py, feedrail::Error::store(e)))
    }

    /// Stops the server.
    fn close(&mut self) {
        self.inner.take();
    }

    fn __enter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __exit__(
        &mut self,
        _kind: &Bound<'_, PyAny>,
        _value: &Bound<'_, PyAny>,
        _tb: &Bound<'_, PyAny>,
    ) {
        self.close();
    }

    fn __repr__(&self) -> String {
        match &self.inner {
            Some(s) => format!("Sandbox(url={:?})", s.url()),
            None => "Sandbox(closed)".to_owned(),
        }
    }
}
