"""The compiled core of feedrail (PyO3). Use the `feedrail` package, not this module."""

from typing import Any, Awaitable, ClassVar, Iterable, Mapping, Optional, final

from feedrail._types import Ledger, SandboxStats, SourceAccount, WebhookDeliveryStats, WebhookEndpoint, WorkerMetrics

__all__ = ["LineBuffer", "NativeClient", "NativeVerifier", "NativeWorker", "Sandbox", "__version__", "validate", "verify_webhook"]

__version__: str

def validate(
    records: object,
    *,
    cursor: Optional[Mapping[str, Any]] = None,
    today: Any = None,
    profile: str = "sage",
    time_zone: Optional[str] = None,
) -> dict[str, Any]:
    """Validates records; returns `checked`, `errors`, `warnings`, `valid_indices`."""

@final
class NativeClient:
    """The core client behind `feedrail.Client` and `feedrail.AsyncClient`."""

    def __new__(
        cls,
        api_key: str,
        base_url: Optional[str],
        cursor: Optional[str],
        max_retries: Optional[int],
        timeout: Optional[float],
        total_timeout: Optional[float],
        concurrency_per_company: Optional[int],
        user_agent: Optional[str],
        webhook_secret: Optional[str],
        proxy: Optional[str],
    ) -> "NativeClient": ...
    @property
    def base_url(self) -> str: ...
    @property
    def closed(self) -> bool: ...
    def close(self) -> None:
        """Lets go of the connections and the cursor store."""
    def with_options(
        self, max_retries: Optional[int] = None, timeout: Optional[float] = None, total_timeout: Optional[float] = None
    ) -> "NativeClient":
        """The same client with another retry policy or request timeout."""
    def call(self, op: str, args: Mapping[str, Any]) -> object:
        """Runs an operation, blocking this thread (not the interpreter)."""
    def call_async(self, op: str, args: Mapping[str, Any]) -> Awaitable[object]:
        """Runs an operation on tokio; returns an awaitable."""
    def worker(self, options: Mapping[str, Any]) -> "NativeWorker":
        """A worker over this client's PostgreSQL cursor."""
    def handle_webhook(self, body: bytes, headers: list[tuple[str, str]]) -> dict[str, object]:
        """Verifies a delivery with the client's webhook secret, acts on its event, returns it."""
    def handle_event(self, event: Any) -> None:
        """Acts on an event verified elsewhere (as `verify` returns it)."""

def verify_webhook(body: bytes, headers: list[tuple[str, str]], secret: str, tolerance: Optional[float] = None) -> object:
    """Checks a delivery's signature and timestamp and returns its event (no replay check)."""

@final
class NativeVerifier:
    """A verifier for one endpoint's secret that refuses replayed deliveries."""

    def __new__(cls, secret: str, tolerance: Optional[float] = None) -> "NativeVerifier": ...
    def verify(self, body: bytes, headers: list[tuple[str, str]]) -> object:
        """Verifies one delivery and returns its event."""

@final
class LineBuffer:
    """Records read into the core's lines a chunk at a time (how an async iterable is consumed)."""

    CHUNK: ClassVar[int]
    def __new__(cls) -> "LineBuffer": ...
    def extend(self, records: Iterable[object]) -> None:
        """Reads `records` after those read before."""
    def __len__(self) -> int: ...

@final
class NativeWorker:
    """The core worker behind `feedrail.Worker` and `feedrail.AsyncWorker`."""

    def run(self) -> dict[str, object]:
        """Works until stopped (or drained), blocking this thread (not the interpreter)."""
    def run_async(self) -> Awaitable[dict[str, object]]:
        """Works on tokio until stopped (or drained); returns an awaitable."""
    def stop(self) -> None:
        """Claims nothing more."""
    def metrics(self) -> WorkerMetrics:
        """What it did so far."""

@final
class Sandbox:
    """A local Codat Bank Feeds API on 127.0.0.1; a context manager."""

    def __new__(cls, *, delay_ms: int = 0) -> "Sandbox": ...
    @property
    def url(self) -> str: ...
    @property
    def api_key(self) -> str: ...
    def connect_account(
        self, company_id: str, connection_id: str, account_id: str, otp: Optional[str] = None
    ) -> SourceAccount: ...
    def disconnect_account(self, company_id: str, connection_id: str, account_id: str) -> SourceAccount: ...
    def add_webhook(self, url: str, event_types: Optional[list[str]] = None) -> WebhookEndpoint: ...
    def webhook_stats(self) -> list[WebhookDeliveryStats]: ...
    def status_polls(self) -> int: ...
    def ledger(self, company_id: str, connection_id: str, account_id: str) -> Ledger: ...
    def set_faults(self, **faults: float) -> None: ...
    def stats(self) -> SandboxStats:
        """Every counter since the last reset."""
    def reset(self) -> None:
        """Forgets every company, push and webhook endpoint."""
    @staticmethod
    def scratch_database() -> str:
        """A new, empty PostgreSQL database on the server named by FEEDRAIL_DATABASE_URL."""
    def close(self) -> None: ...
    def __enter__(self) -> "Sandbox": ...
    def __exit__(self, kind: object, value: object, tb: object) -> None: ...
