//! `feedrail.webhooks` natives: verifying Codat's Svix-signed deliveries and handing events to a
//! client. Bodies are bytes; headers are name/value pairs.

use feedrail_bindings::spelling::camel_keys;
use feedrail_bindings::webhooks;
use pyo3::prelude::*;

use crate::errors::{guard, to_pyerr};
use crate::types::{to_json, to_python};

/// Checks a delivery's signature and timestamp and returns its event (no replay check).
#[pyfunction]
#[pyo3(signature = (body, headers, secret, tolerance=None))]
fn verify_webhook<'py>(
    py: Python<'py>,
    body: &[u8],
    headers: Vec<(String, String)>,
    secret: &str,
    tolerance: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let event =
        guard(|| webhooks::verify(body, &headers, secret, tolerance).map_err(|e| to_pyerr(py, e)))?;
    to_python(py, &event)
}

/// A verifier for one endpoint's secret that refuses replayed deliveries.
#[pyclass(frozen, module = "feedrail._native")]
pub struct NativeVerifier {
    inner: feedrail::webhooks::Verifier,
}

#[pymethods]
impl NativeVerifier {
    #[new]
    #[pyo3(signature = (secret, tolerance=None))]
    fn new(py: Python<'_>, secret: &str, tolerance: Option<f64>) -> PyResult<Self> {
        let inner = webhooks::verifier(secret, tolerance).map_err(|e| to_pyerr(py, e))?;
        Ok(NativeVerifier { inner })
    }

    /// Verifies one delivery and returns its event.
    fn verify<'py>(
        &self,
        py: Python<'py>,
        body: &[u8],
        headers: Vec<(String, String)>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let event = guard(|| {
            webhooks::verify_with(&self.inner, body, &headers).map_err(|e| to_pyerr(py, e))
        })?;
        to_python(py, &event)
    }

    fn __repr__(&self) -> &'static str {
        "NativeVerifier(secret=<redacted>)"
    }
}

/// `NativeClient.handle_webhook`.
pub fn handle_webhook<'py>(
    py: Python<'py>,
    client: &feedrail::Client,
    body: &[u8],
    headers: &[(String, String)],
) -> PyResult<Bound<'py, PyAny>> {
    let event =
        guard(|| webhooks::handle_webhook(client, body, headers).map_err(|e| to_pyerr(py, e)))?;
    to_python(py, &event)
}

/// `NativeClient.handle_event`.
pub fn handle_event(
    py: Python<'_>,
    client: &feedrail::Client,
    event: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let event = camel_keys(to_json(event)?);
    guard(|| webhooks::handle_event(client, event).map_err(|e| to_pyerr(py, e)))
}

/// Adds the webhook natives to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(verify_webhook, m)?)?;
    m.add_class::<NativeVerifier>()
}
