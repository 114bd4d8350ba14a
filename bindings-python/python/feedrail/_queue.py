"""The shapes of the queue's results: what `enqueue`, `queue_status` and a worker's `metrics`
return (plain dicts, typed for editors and mypy)."""

from __future__ import annotations

from typing import Any, Optional, TypedDict


class Target(TypedDict):
    """One account."""

    company_id: str
    connection_id: str
    account_id: str


class EntryReport(TypedDict):
    """Warnings found on entry (errors raise `ValidationError` instead)."""

    checked: int
    errors: list[dict[str, Any]]
    warnings: list[dict[str, Any]]


class Enqueued(TypedDict):
    """What `enqueue` did: lines `queued`, positions left out as `already_known` (their id was
    queued or landed before), and the warnings."""

    queued: int
    already_known: list[int]
    validation: EntryReport


class AccountQueueStatus(TypedDict):
    """One account's place in the queue."""

    target: Target
    queued: int
    in_flight: int
    landed: int
    failed: int
    failure: Optional[str]
    holder: Optional[str]
    retry_at: Optional[str]
    last_error: Optional[str]


class WorkerMetrics(TypedDict):
    """What a worker did so far."""

    claims: int
    lines_landed: int
    lines_failed: int
    batches: int
    transient_errors: int
    mean_batch_ms: float
    max_claim_ms: int
