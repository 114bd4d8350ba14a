"""feedrail: push bank transactions to Sage through the Codat Bank Feeds API.

Validated against Sage's rules before anything is sent, pushed in ordered batches with
idempotency keys, polled to the end, remembered in a durable cursor: nothing lost, nothing
duplicated, nothing reordered. Every rule lives in the Rust core shared with the Node and Rust
packages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from feedrail._errors import (
    APIError,
    AccountBusyError,
    AccountNotConnectedError,
    AuthenticationError,
    BadRequestError,
    ConfigError,
    ConflictError,
    FeedrailError,
    InternalError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    PushFailedError,
    PushTimedOutError,
    RateLimitError,
    RequestTimeoutError,
    StoreError,
    ValidationError,
    WebhookPayloadError,
    WebhookReplayError,
    WebhookSignatureError,
)
from feedrail._native import Sandbox, __version__
from feedrail._native import validate as _validate
from feedrail._client import AsyncClient, Client

# The result types (generated TypedDicts) load on first use, keeping `import feedrail` fast.
_TYPES = ("AccountMapping", "AccountMappingResult", "BatchCreateItem", "Company", "CompanyInformation", "CompanyPage",
          "Connection", "Credentials", "Otp", "PushOperation", "PushOperationPage", "PushOption", "SourceAccount",
          "Transaction")
if TYPE_CHECKING:
    from feedrail._types import (
        AccountMapping,
        AccountMappingResult,
        BatchCreateItem,
        Company,
        CompanyInformation,
        CompanyPage,
        Connection,
        Credentials,
        Otp,
        PushOperation,
        PushOperationPage,
        PushOption,
        SourceAccount,
        Transaction,
    )
from feedrail._queue import AccountQueueStatus, Enqueued, WorkerMetrics
from feedrail._worker import AsyncWorker, Worker
from feedrail._report import FeedReport, Report, feed_records
from feedrail import webhooks

__all__ = [
    "APIError",
    "AccountMapping",
    "AccountMappingResult",
    "AccountQueueStatus",
    "AsyncClient",
    "AsyncWorker",
    "AccountBusyError",
    "AccountNotConnectedError",
    "AuthenticationError",
    "BadRequestError",
    "BatchCreateItem",
    "Client",
    "Company",
    "CompanyInformation",
    "CompanyPage",
    "Connection",
    "Credentials",
    "ConfigError",
    "ConflictError",
    "Enqueued",
    "FeedReport",
    "FeedrailError",
    "InternalError",
    "NetworkError",
    "NotFoundError",
    "Otp",
    "PermissionDeniedError",
    "PushOperation",
    "PushOperationPage",
    "PushOption",
    "PushFailedError",
    "PushTimedOutError",
    "RateLimitError",
    "Report",
    "RequestTimeoutError",
    "Sandbox",
    "SourceAccount",
    "StoreError",
    "Transaction",
    "ValidationError",
    "WebhookPayloadError",
    "WebhookReplayError",
    "WebhookSignatureError",
    "Worker",
    "WorkerMetrics",
    "__version__",
    "validate",
    "webhooks",
]


def validate(records: Any, *, cursor: Any = None, today: Any = None, profile: str = "sage",
             time_zone: Optional[str] = None) -> Report:
    """Checks records (dicts, objects or a DataFrame) against a rule profile without sending
    anything. `cursor` describes what is already on the account (`latest_date`, `latest_id`,
    `last_balance`, `recent_ids`, `account_status`). Dates are wall-clock time as written (Codat
    drops offsets); `time_zone` (e.g. "Europe/London") converts dates written with an offset into
    that zone's wall-clock time instead. `today` defaults to the current day in `time_zone`, or
    in UTC."""
    return Report(_validate(feed_records(records), cursor=cursor, today=today, profile=profile,
                            time_zone=time_zone))


def __getattr__(name: str) -> Any:
    if name in _TYPES:
        from feedrail import _types

        return getattr(_types, name)
    raise AttributeError(f"module 'feedrail' has no attribute {name!r}")
