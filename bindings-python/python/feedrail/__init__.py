"""feedrail: push bank transactions to Sage through the Codat Bank Feeds API.

Validated against Sage's rules before anything is sent, pushed in ordered batches with
idempotency keys, polled to the end, remembered in a durable cursor: nothing lost, nothing
duplicated, nothing reordered. Every rule lives in the Rust core shared with the Node and Rust
packages.
"""

from __future__ import annotations

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
from feedrail._worker import AsyncWorker, Worker
from feedrail._report import feed_records as _feed_records
from feedrail import webhooks

TYPE_CHECKING = False
if TYPE_CHECKING:  # the result types (generated from the Rust ones) load on first use
    from typing import Mapping, Optional

    from feedrail._client import Day, Records

    from feedrail._types import (
        AccountMapping,
        AccountMappingResult,
        AccountQueueStatus,
        AccountStatus,
        BatchCreateItem,
        BatchCreateResult,
        BatchOutcome,
        BatchStatus,
        Company,
        CompanyInformation,
        CompanyPage,
        Connection,
        ConnectionStatus,
        Credentials,
        Enqueued,
        FaultConfig,
        FeedReport,
        Issue,
        IssueCode,
        Ledger,
        Link,
        Links,
        Otp,
        ProgressEvent,
        PushOperation,
        PushOperationPage,
        PushOption,
        PushStatus,
        PushTarget,
        Reconciliation,
        ReconciledLine,
        Report,
        SandboxStats,
        SourceAccount,
        Transaction,
        TransactionType,
        ValidationItem,
        ValidationReport,
        WebhookDeliveryStats,
        WebhookEndpoint,
        WebhookEvent,
        WorkerMetrics,
    )

__all__ = [
    "AccountBusyError",
    "AccountMapping",
    "AccountMappingResult",
    "AccountNotConnectedError",
    "AccountQueueStatus",
    "AccountStatus",
    "APIError",
    "AsyncClient",
    "AsyncWorker",
    "AuthenticationError",
    "BadRequestError",
    "BatchCreateItem",
    "BatchCreateResult",
    "BatchOutcome",
    "BatchStatus",
    "Client",
    "Company",
    "CompanyInformation",
    "CompanyPage",
    "ConfigError",
    "ConflictError",
    "Connection",
    "ConnectionStatus",
    "Credentials",
    "Enqueued",
    "FaultConfig",
    "FeedrailError",
    "FeedReport",
    "InternalError",
    "Issue",
    "IssueCode",
    "Ledger",
    "Link",
    "Links",
    "NetworkError",
    "NotFoundError",
    "Otp",
    "PermissionDeniedError",
    "ProgressEvent",
    "PushFailedError",
    "PushOperation",
    "PushOperationPage",
    "PushOption",
    "PushStatus",
    "PushTarget",
    "PushTimedOutError",
    "RateLimitError",
    "Reconciliation",
    "ReconciledLine",
    "Report",
    "RequestTimeoutError",
    "Sandbox",
    "SandboxStats",
    "SourceAccount",
    "StoreError",
    "Transaction",
    "TransactionType",
    "validate",
    "ValidationError",
    "ValidationReport",
    "ValidationItem",
    "WebhookDeliveryStats",
    "WebhookEndpoint",
    "WebhookEvent",
    "WebhookPayloadError",
    "WebhookReplayError",
    "webhooks",
    "WebhookSignatureError",
    "Worker",
    "WorkerMetrics",
    "__version__",
]


def validate(records: Records, *, cursor: Optional[Mapping[str, object]] = None, today: Day = None, profile: str = "sage",
             time_zone: Optional[str] = None) -> ValidationReport:
    """Checks records (dicts, objects or a DataFrame) against a rule profile without sending
    anything. `cursor` describes what is already on the account (`latest_date`, `latest_id`,
    `last_balance`, `recent_ids`, `account_status`). Dates are wall-clock time as written (Codat
    drops offsets); `time_zone` (e.g. "Europe/London") converts dates written with an offset into
    that zone's wall-clock time instead. `today` defaults to the current day in `time_zone`, or
    in UTC."""
    from feedrail._types import ValidationReport

    return ValidationReport._from(_validate(_feed_records(records), cursor=cursor, today=today, profile=profile,
                                            time_zone=time_zone))


def __getattr__(name: str) -> object:
    if name in __all__:
        from feedrail import _types

        return getattr(_types, name)
    raise AttributeError(f"module 'feedrail' has no attribute {name!r}")
