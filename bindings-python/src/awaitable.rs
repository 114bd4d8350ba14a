//! Awaitables on feedrail's own runtime (the one `runtime()` rebuilds after `fork`): the work is
//! a tokio task, the awaitable an asyncio future of the running loop, resolved from the task
//! through `call_soon_threadsafe`. Cancelling the future aborts the task.

use std::future::Future;

use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyTuple};

use crate::errors::internal;
use crate::runtime::runtime;

/// An asyncio future of the running loop that resolves with `convert` of what `work` returns.
pub fn awaitable<'py, T: Send + 'static>(
    py: Python<'py>,
    work: impl Future<Output = T> + Send + 'static,
    convert: impl FnOnce(Python<'_>, T) -> PyResult<Py<PyAny>> + Send + 'static,
) -> PyResult<Bound<'py, PyAny>> {
    let event_loop = py.import("asyncio")?.call_method0("get_running_loop")?;
    let future = event_loop.call_method0("create_future")?;
    let task = runtime().spawn(work);
    let abort = task.abort_handle();
    let on_done = PyCFunction::new_closure(
        py,
        None,
        None,
        move |args: &Bound<'_, PyTuple>, _: Option<&Bound<'_, PyDict>>| -> PyResult<()> {
            if args.get_item(0)?.call_method0("cancelled")?.is_truthy()? {
                abort.abort();
            }
            Ok(())
        },
    )?;
    future.call_method1("add_done_callback", (on_done,))?;
    let (loop_ref, future_ref) = (event_loop.unbind(), future.clone().unbind());
    runtime().spawn(async move {
        let joined = task.await;
        Python::attach(|py| {
            let (method, value) = match joined {
                Ok(out) => match convert(py, out) {
                    Ok(value) => ("set_result", value),
                    Err(e) => ("set_exception", e.into_value(py).into_any()),
                },
                Err(e) if e.is_cancelled() => return,
                Err(e) => (
                    "set_exception",
                    internal(format!("the operation ended abnormally: {e}"))
                        .into_value(py)
                        .into_any(),
                ),
            };
            let settle = PyCFunction::new_closure(
                py,
                None,
                None,
                move |args: &Bound<'_, PyTuple>, _: Option<&Bound<'_, PyDict>>| -> PyResult<()> {
                    let future = args.get_item(0)?;
                    if !future.call_method0("done")?.is_truthy()? {
                        future.call_method1(method, (args.get_item(1)?,))?;
                    }
                    Ok(())
                },
            );
            // A loop closed meanwhile has nobody left to tell.
            if let Ok(settle) = settle {
                let _ = loop_ref
                    .bind(py)
                    .call_method1("call_soon_threadsafe", (settle, future_ref.bind(py), value));
            }
        });
    });
    Ok(future)
}
