"""The exception hierarchy: `FeedrailError` and one subclass per stable error code."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Optional, Union

    from feedrail._types import FeedReport, Issue, ValidationItem


class FeedrailError(Exception):
    """Base of every feedrail error.

    Attributes: `code` (stable, shared with Rust and Node), `status` (HTTP status, if Codat
    answered), `correlation_id` (quote it to Codat support), `retryable`, `retry_after`
    (seconds), `issues` (feedrail's validation findings as `Issue`s, or Codat's validation
    messages as `ValidationItem`s) and `report` (the `FeedReport` of what a feed landed before
    it stopped).
    """

    code: str = "INTERNAL"
    status: Optional[int] = None
    correlation_id: Optional[str] = None
    retryable: bool = False
    retry_after: Optional[float] = None
    issues: list[Union[Issue, ValidationItem]] = []
    report: Optional[FeedReport] = None


class ValidationError(FeedrailError):
    """Lines broke the rules; nothing was sent. See `issues`."""


class ConfigError(FeedrailError):
    """A setting is wrong."""


class AuthenticationError(FeedrailError):
    """401: the API key is wrong."""


class PermissionDeniedError(FeedrailError):
    """403: the key may not use this resource."""


class NotFoundError(FeedrailError):
    """404: no such company, connection, account or push operation."""


class ConflictError(FeedrailError):
    """409/422: an idempotency key is in flight, or was reused with another body."""


class BadRequestError(FeedrailError):
    """400 (or a 422 not about an idempotency key): Codat refused what was sent."""


class RateLimitError(FeedrailError):
    """429: too many requests; see `retry_after`."""


class APIError(FeedrailError):
    """Another HTTP error, or a response feedrail cannot read."""


class NetworkError(FeedrailError):
    """No answer after every attempt."""


class RequestTimeoutError(FeedrailError, TimeoutError):
    """A request or operation took longer than allowed (also a builtin `TimeoutError`, so
    `except TimeoutError` catches it; feedrail does not shadow the builtin's name)."""


class PushFailedError(FeedrailError):
    """A push ended Failed; nothing of it was written."""


class PushTimedOutError(FeedrailError):
    """A push ended TimedOut, or was still pending at the deadline."""


class AccountNotConnectedError(FeedrailError):
    """The source account is not connected."""


class AccountBusyError(FeedrailError):
    """Another run holds the account's lease; retry once it ends or its lease expires."""


class StoreError(FeedrailError):
    """The cursor store failed."""


class WebhookSignatureError(FeedrailError):
    """A webhook delivery's signature is missing or wrong, or its timestamp is too far from now:
    it is not proven to come from Codat (answer 400)."""


class WebhookReplayError(FeedrailError):
    """A webhook delivery was accepted before (answer 200: its event was handled)."""


class WebhookPayloadError(FeedrailError):
    """A correctly signed webhook delivery is not a Codat event (answer 400)."""


class InternalError(FeedrailError):
    """A bug in feedrail."""


_BY_CODE: dict[str, type[FeedrailError]] = {
    "VALIDATION": ValidationError,
    "CONFIG": ConfigError,
    "AUTH": AuthenticationError,
    "FORBIDDEN": PermissionDeniedError,
    "NOT_FOUND": NotFoundError,
    "CONFLICT": ConflictError,
    "BAD_REQUEST": BadRequestError,
    "RATE_LIMITED": RateLimitError,
    "API": APIError,
    "NETWORK": NetworkError,
    "TIMEOUT": RequestTimeoutError,
    "PUSH_FAILED": PushFailedError,
    "PUSH_TIMED_OUT": PushTimedOutError,
    "ACCOUNT_NOT_CONNECTED": AccountNotConnectedError,
    "ACCOUNT_BUSY": AccountBusyError,
    "STORE": StoreError,
    "WEBHOOK_SIGNATURE": WebhookSignatureError,
    "WEBHOOK_REPLAY": WebhookReplayError,
    "WEBHOOK_PAYLOAD": WebhookPayloadError,
    "INTERNAL": InternalError,
}


def config_error(message: str) -> ConfigError:
    """A `ConfigError` raised from Python: a bad argument the native layer could not name."""
    error = ConfigError(message)
    error.code = "CONFIG"
    return error


def for_code(code: str) -> type[FeedrailError]:
    """The exception class of a code (`APIError` for codes this version does not know)."""
    return _BY_CODE.get(code, APIError)
