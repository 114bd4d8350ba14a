"""`Worker` and `AsyncWorker`: drain the PostgreSQL queue. Any number of them, in any number of
processes on any number of machines, share the work safely: each account is pushed by one worker
at a time, in order, and Codat's per-company request limit is held across all of them."""

from __future__ import annotations

from feedrail._native import NativeWorker

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from feedrail._types import WorkerMetrics


def _metrics(value: dict[str, object]) -> WorkerMetrics:
    from feedrail._types import WorkerMetrics

    return WorkerMetrics._from(value)


class _BaseWorker:
    def __init__(self, native: NativeWorker) -> None:
        self._native = native

    def stop(self) -> None:
        """Claims nothing more and sends no further batch: `run` returns once each batch in
        flight has settled; the rest stays queued (safe to call from a signal handler or another
        thread)."""
        self._native.stop()

    def metrics(self) -> WorkerMetrics:
        """What it did so far: `claims`, `lines_landed`, `lines_failed`, `batches`,
        `transient_errors`, `mean_batch_ms`, `max_claim_ms`."""
        return self._native.metrics()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.metrics()!r})"


class Worker(_BaseWorker):
    """A worker run by blocking calls (the GIL is released while it works)."""

    def run(self) -> WorkerMetrics:
        """Works until `stop()` (or, with `until_drained=True`, until nothing is left to do);
        returns the metrics."""
        return _metrics(self._native.run())


class AsyncWorker(_BaseWorker):
    """A worker run on asyncio; cancelling `run()` leaves at once (a batch in flight stays in
    the store and the next worker resumes it)."""

    async def run(self) -> WorkerMetrics:
        """Works until `stop()` (or, with `until_drained=True`, until nothing is left to do);
        returns the metrics."""
        return _metrics(await self._native.run_async())
