"""feedrail: push bank transactions to Sage through the Codat Bank Feeds API.

Validated against Sage's rules before anything is sent, pushed in ordered batches with
idempotency keys, polled to the end, remembered in a durable cursor: nothing lost, nothing
duplicated, nothing reordered. Every rule lives in the Rust core shared with the Node and Rust
packages.
"""

from __future__ import annotations

from typing import Any, Iterable

from feedrail._native import (
    APIError,
    AccountNotConnectedError,
    AuthenticationError,
    BadRequestError,
    Client,
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
    Sandbox,
    StoreError,
    TimeoutError,
    ValidationError,
    __version__,
)
from feedrail._native import validate as _validate

__all__ = [
    "APIError",
    "AccountNotConnectedError",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConfigError",
    "ConflictError",
    "FeedrailError",
    "InternalError",
    "NetworkError",
    "NotFoundError",
    "PermissionDeniedError",
    "PushFailedError",
    "PushTimedOutError",
    "RateLimitError",
    "Report",
    "Sandbox",
    "StoreError",
    "TimeoutError",
    "ValidationError",
    "__version__",
    "validate",
]


def _records(records: Any) -> Iterable[Any]:
    """Rows of a pandas DataFrame as dicts; anything else as given."""
    if hasattr(records, "to_dict") and hasattr(records, "columns"):
        return records.to_dict("records")
    return records


class Report:
    """The findings of a validation: `errors` and `warnings`, each a dict with `code`, `index`,
    `transaction_id`, `field` and `message`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.checked: int = data["checked"]
        self.errors: list[dict[str, Any]] = data["errors"]
        self.warnings: list[dict[str, Any]] = data["warnings"]
        self.valid_indices: list[int] = data["valid_indices"]

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return not self.errors

    def to_pandas(self) -> Any:
        """Every finding as a DataFrame (`severity`, `code`, `index`, `transaction_id`, `field`,
        `message`). Needs pandas."""
        import pandas as pd

        rows = [{"severity": "error", **i} for i in self.errors]
        rows += [{"severity": "warning", **i} for i in self.warnings]
        columns = ["severity", "code", "index", "transaction_id", "field", "message"]
        return pd.DataFrame(rows, columns=columns)

    def __repr__(self) -> str:
        return f"Report(checked={self.checked}, errors={len(self.errors)}, warnings={len(self.warnings)})"

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><td>{sev}</td><td>{html.escape(str(i['code']))}</td><td>{i['index']}</td>"
            f"<td>{html.escape(str(i['transaction_id']))}</td><td>{html.escape(str(i['field']))}</td>"
            f"<td>{html.escape(i['message'])}</td></tr>"
            for sev, issues in (("error", self.errors), ("warning", self.warnings))
            for i in issues
        )
        return (
            f"<p>{self.checked} transactions checked: {len(self.errors)} errors, {len(self.warnings)} warnings</p>"
            "<table><tr><th>severity</th><th>code</th><th>index</th><th>id</th><th>field</th><th>message</th></tr>"
            f"{rows}</table>"
        )


def validate(records: Any, *, cursor: Any = None, today: Any = None, profile: str = "sage") -> Report:
    """Checks records (dicts, objects or a DataFrame) against a rule profile without sending
    anything. `cursor` describes what is already on the account (`latest_date`, `latest_id`,
    `last_balance`, `recent_ids`, `account_status`); `today` defaults to the current UTC day."""
    return Report(_validate(_records(records), cursor=cursor, today=today, profile=profile))
