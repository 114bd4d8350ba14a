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

from feedrail._native import NativeVerifier, verify_webhook

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Iterable, Mapping, Optional, Union

    from feedrail._types import (
        RateLimitChanged,
        ReferenceCompany,
        SourceAccountChanged,
        WebhookEvent,
        WebhookPayload,
        WriteCompleted,
    )

    Headers = Union[Mapping[str, str], Iterable[tuple[str, str]]]
    """Request headers: a mapping (Starlette, Flask, Django, `http.server`) or name/value pairs."""

__all__ = [
    "Headers",
    "RateLimitChanged",
    "ReferenceCompany",
    "SourceAccountChanged",
    "Verifier",
    "WebhookEvent",
    "WebhookPayload",
    "WriteCompleted",
    "verify",
]

# The event types (generated from the Rust ones) load on first use, keeping `import feedrail` fast.
_TYPES = ("RateLimitChanged", "ReferenceCompany", "SourceAccountChanged", "WebhookEvent", "WebhookPayload",
          "WriteCompleted")


def __getattr__(name: str) -> object:
    if name in _TYPES:
        from feedrail import _types

        return getattr(_types, name)
    if name == "Headers":
        from typing import Iterable, Mapping, Union

        return Union[Mapping[str, str], Iterable[tuple[str, str]]]
    raise AttributeError(f"module 'feedrail.webhooks' has no attribute {name!r}")


def _event(value: Any) -> WebhookEvent:
    from feedrail._types import WebhookEvent

    return WebhookEvent._from(value)


def _body(body: Union[bytes, bytearray, memoryview, str]) -> bytes:
    return body.encode() if isinstance(body, str) else bytes(body)


def _pairs(headers: Headers) -> list[tuple[str, str]]:
    items: Any = headers.items() if hasattr(headers, "items") else headers
    return [(str(k), str(v)) for k, v in items]


def verify(body: Union[bytes, str], headers: Headers, secret: str, *, tolerance: Optional[float] = None) -> WebhookEvent:
    """Checks one delivery's signature and timestamp (default tolerance 300 s) against `secret`
    and returns its event. Keeps no memory of deliveries: use a `Verifier` to refuse replays."""
    return _event(verify_webhook(_body(body), _pairs(headers), secret, tolerance))


class Verifier:
    """Verifies deliveries for one endpoint's secret, refusing a delivery it accepted before
    (`WebhookReplayError`). Thread-safe; keep one per endpoint."""

    def __init__(self, secret: str, *, tolerance: Optional[float] = None) -> None:
        self._native = NativeVerifier(secret, tolerance)

    def verify(self, body: Union[bytes, str], headers: Headers) -> WebhookEvent:
        """Checks one delivery and returns its event."""
        return _event(self._native.verify(_body(body), _pairs(headers)))

    def __repr__(self) -> str:
        return "Verifier(secret=<redacted>)"

