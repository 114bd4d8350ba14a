//! `feedrail._native`: the Python bindings. They convert types and map errors; every rule lives
//! in the core.

mod arrow;
mod awaitable;
mod client;
mod errors;
mod lines;
mod logging;
mod runtime;
mod sandbox;
mod types;
mod validate;
mod webhooks;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    logging::install();
    m.add_function(wrap_pyfunction!(validate::validate, m)?)?;
    client::register(m)?;
    webhooks::register(m)?;
    m.add_class::<sandbox::Sandbox>()?;
    m.add_class::<lines::LineBuffer>()?;
    m.add("__version__", feedrail::VERSION)?;
    Ok(())
}
