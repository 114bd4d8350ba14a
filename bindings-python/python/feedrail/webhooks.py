"""Codat webhooks: verify a delivery's Svix signature and read its typed event.

Codat signs every delivery with the endpoint's secret (`whsec_…`, in the Codat Portal under
Settings → Webhooks). Hand a delivery to `Client.handle_webhook` to verify it and end the wait
for the push it reports at once; use `verify` or a `Verifier` to check deliveries yourself::

    event = feedrail.webhooks.verify(await request.body(), request.headers, secret)

`body` must be the raw request body, byte for byte. Errors: `WebhookSignatureError` (missing or
wrong signature, wrong secret, timestamp more than `tolerance` seconds away — answer 400),
`WebhookReplayError` (a `Verifier` saw this delivery before — answer 200) and
`WebhookPayloadError` (signed, but not a Codat event — answer 400).
"""

from __future__ import annotations

from typing import Any, Iterable, Literal, Mapping, Optional, TypedDict, Union

from feedrail._native import NativeVerifier, verify_webhook

__all__ = [
    "Headers",
    "RateLimitChanged",
    "ReferenceCompany",
    "SourceAccountChanged",
    "Verifier",
    "WebhookEvent",
    "WriteCompleted",
    "verify",
]

Headers = Union[Mapping[str, str], Iterable[tuple[str, str]]]
"""Request headers: a mapping (Starlette, Flask, Django, `http.server`) or name/value pairs."""


class ReferenceCompany(TypedDict, total=False):
    """The company an event is about."""

    id: str
    name: str
    description: str


class WriteCompleted(TypedDict, total=False):
    """Payload of `bankTransactions.write.successful` / `.unsuccessful`: a push ended.
    `id` is the push operation key."""

    id: str
    type: str
    reference_company: ReferenceCompany
    connection_id: str
    requested_on_date: str
    completed_on_date: str
    status: Literal["Success", "Failed", "TimedOut"]


class SourceAccountChanged(TypedDict, total=False):
    """Payload of `bankFeeds.sourceAccount.connected` / `.disconnected`."""

    reference_company: ReferenceCompany
    company_id: str
    connection_id: str
    source_account: dict[str, Any]


class RateLimitChanged(TypedDict, total=False):
    """Payload of `client.rateLimit.reached` / `.reset`."""

    daily_quota: int
    quota_remaining: int
    expiry_date: str


class WebhookEvent(TypedDict, total=False):
    """One delivery: `event_type` says which payload it carries (any other type's payload is
    passed through as sent)."""

    id: str
    event_type: str
    generated_date: str
    payload: Union[WriteCompleted, SourceAccountChanged, RateLimitChanged, dict[str, Any]]


def _body(body: Union[bytes, bytearray, memoryview, str]) -> bytes:
    return body.encode() if isinstance(body, str) else bytes(body)


def _pairs(headers: Headers) -> list[tuple[str, str]]:
    items: Any = headers.items() if hasattr(headers, "items") else headers
    return [(str(k), str(v)) for k, v in items]


def verify(body: Union[bytes, str], headers: Headers, secret: str, *, tolerance: Optional[float] = None) -> WebhookEvent:
    """Checks one delivery's signature and timestamp (default tolerance 300 s) against `secret`
    and returns its event. Keeps no memory of deliveries: use a `Verifier` to refuse replays."""
    event: WebhookEvent = verify_webhook(_body(body), _pairs(headers), secret, tolerance)
    return event


class Verifier:
    """Verifies deliveries for one endpoint's secret, refusing a delivery it accepted before
    (`WebhookReplayError`). Thread-safe; keep one per endpoint."""

    def __init__(self, secret: str, *, tolerance: Optional[float] = None) -> None:
        self._native = NativeVerifier(secret, tolerance)

    def verify(self, body: Union[bytes, str], headers: Headers) -> WebhookEvent:
        """Checks one delivery and returns its event."""
        event: WebhookEvent = self._native.verify(_body(body), _pairs(headers))
        return event

    def __repr__(self) -> str:
        return "Verifier(secret=<redacted>)"

