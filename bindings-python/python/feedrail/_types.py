"""What the client returns, as typed dicts: generated from feedrail's Rust types by
`bindings-common/src/typegen.rs` (do not edit; `FEEDRAIL_WRITE_TYPES=1 cargo test -p
feedrail-bindings typegen` rewrites it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, Optional, TypedDict, Union

__all__ = [
    "AccountMapping",
    "AccountMappingResult",
    "AccountStatus",
    "BatchCreateItem",
    "BatchCreateResult",
    "Company",
    "CompanyInformation",
    "CompanyPage",
    "Connection",
    "ConnectionStatus",
    "Credentials",
    "Issue",
    "IssueCode",
    "Link",
    "Links",
    "Otp",
    "PushChange",
    "PushFieldValidation",
    "PushOperation",
    "PushOperationPage",
    "PushOption",
    "PushOptionChoice",
    "PushStatus",
    "PushValidationInfo",
    "RecordRef",
    "SourceAccount",
    "StatusCode",
    "TargetAccountOption",
    "Transaction",
    "TransactionType",
    "Validation",
    "ValidationItem",
]


class AccountMapping(TypedDict, total=False):
    """One source account and its current or possible target accounts (`GET …/bankFeedAccounts/mapping`)."""

    feed_start_date: Optional[str]
    """From when transactions can be fed."""
    source_account_id: Optional[str]
    """Your source account's id."""
    source_account_name: Optional[str]
    """Its name."""
    source_account_number: Optional[str]
    """Its number."""
    source_balance: Optional[Decimal]
    """Its balance."""
    source_currency: Optional[str]
    """Its currency."""
    status: Optional[str]
    """Mapping state, e.g. `pending`, `connected`."""
    target_account_id: Optional[str]
    """The target account it feeds, once mapped."""
    target_account_name: Optional[str]
    """The target account's name."""
    target_account_options: Optional[list["TargetAccountOption"]]
    """Target accounts it could be mapped to."""


class AccountMappingResult(TypedDict, total=False):
    """Answer to a mapping request."""

    error: Optional[str]
    """Why it failed, if it did."""
    source_account_id: Optional[str]
    """The source account."""
    status: Optional[str]
    """Outcome, e.g. `Success` or `Failed`."""
    target_account_id: Optional[str]
    """The target account."""

AccountStatus = Literal["pending", "connected", "connecting", "disconnected", "unknown"]
"""Connection state of a source account. Only `connected` accounts accept pushes in Sage."""


class BatchCreateItem(TypedDict, total=False):
    """One item of the response of `POST .../bankFeedAccounts/batch`."""

    result: "BatchCreateResult"
    """What happened to it."""
    source_account_id: str
    """The id from the request."""


class BatchCreateResult(TypedDict, total=False):
    """Outcome of creating one account in a batch."""

    account: Optional["SourceAccount"]
    """The created account, when it was created."""
    error: Optional[str]
    """Why it failed, when it did."""
    status_code: "StatusCode"
    """201 when created; an error status (Codat sends it as a string) otherwise."""


class Company(TypedDict, total=False):
    """A Codat company: one of your customers."""

    created: Optional[str]
    """When it was created."""
    created_by_user_name: Optional[str]
    """Who created it."""
    data_connections: Optional[list["Connection"]]
    """The company's data connections."""
    description: Optional[str]
    """Free description."""
    id: str
    """Company id (a UUID)."""
    name: str
    """Company name."""
    redirect: str
    """Codat Link URL for the company."""


class CompanyInformation(TypedDict, total=False):
    """`GET …/bankFeeds/info`: the company as the accounting software knows it (Codat answers this for Xero and Oracle NetSuite; for Sage it is an error)."""

    base_currency: Optional[str]
    """Currency set in the accounting software."""
    company_name: Optional[str]
    """Name of the linked company."""
    currencies: Optional[list[str]]
    """Enabled currencies."""
    multicurrency_enabled: Optional[bool]
    """Whether the organisation has multicurrency enabled."""
    plan_type: Optional[str]
    """Subscription type, e.g. `Trial`, `Standard`."""


class CompanyPage(TypedDict, total=False):
    """One page of a paged list (`GET /companies/{companyId}/push` and friends)."""

    links: "Links"
    """Navigation links."""
    page_number: int
    """1-based page number."""
    page_size: int
    """Page size asked for."""
    results: list["Company"]
    """The items on this page."""
    total_results: int
    """Items across all pages, after filtering."""


class Connection(TypedDict, total=False):
    """A data connection between a company and a platform (for bank feeds: Sage Bank Feeds)."""

    created: str
    """When it was created."""
    id: str
    """Connection id (a UUID)."""
    integration_id: str
    """Integration id."""
    integration_key: Optional[str]
    """Integration key, e.g. `olpr`."""
    last_sync: Optional[str]
    """Last sync, if any."""
    link_url: str
    """Link URL (not to be given to Sage users)."""
    platform_name: str
    """Platform name, e.g. `SageBankFeed`."""
    source_id: str
    """Source id."""
    source_type: str
    """`BankFeed` for bank feed connections."""
    status: "ConnectionStatus"
    """Connection state."""

ConnectionStatus = Literal["PendingAuth", "Linked", "Unlinked", "Deauthorized"]
"""State of a data connection."""


class Credentials(TypedDict, total=False):
    """`POST …/bankFeedAccounts/credentials` (QuickBooks Online only): what the QBO user types to authenticate the feed. The password never appears in `Debug`."""

    password: str
    """Its password."""
    username: str
    """User name the bank-feeds platform signs in with."""


class Issue(TypedDict, total=False):
    """One finding: what is wrong, on which line and field, and what to do."""

    code: "IssueCode"
    """Stable code."""
    field: Optional[str]
    """The wire name of the field concerned, when there is one."""
    index: Optional[int]
    """0-based position in the input; `None` for account-level findings."""
    message: str
    """Human-readable: what is wrong, where, and what to do."""
    transaction_id: Optional[str]
    """The line's id, when it has a usable one."""

IssueCode = Literal["MISSING_FIELD", "INVALID_FIELD", "INVALID_RECORD", "DUPLICATE_ID", "OUT_OF_ORDER", "OLDER_THAN_LATEST", "FUTURE_DATE", "ACCOUNT_NOT_CONNECTED", "AMOUNT_SIGN_MISMATCH", "BALANCE_DISCONTINUITY", "UNKNOWN_FIELD", "MIXED_OFFSETS"]
"""Stable code of a validation finding, shared by every language feedrail ships."""


class Link(TypedDict, total=False):
    """A link."""

    href: str
    """Path and query, relative to the API base."""


class Links(TypedDict, total=False):
    """Links of a page."""

    current: "Link"
    """This page."""
    next: Optional["Link"]
    """The next page, when there is one."""
    previous: Optional["Link"]
    """The previous page, when there is one."""
    self: "Link"
    """The request as made."""


class Otp(TypedDict, total=False):
    """A one-time password for connecting a Sage bank feed (`POST …/bankFeeds/otp`): the Sage user enters it with the connection id in Sage's "Connect Bank" dialog."""

    expiry: str
    """When it stops being valid."""
    otp: str
    """The one-time password, e.g. `GT40U4`."""


class PushChange(TypedDict, total=False):
    """One record a push changed."""

    attachment_id: Optional[str]
    """The attachment created, if any."""
    record_ref: Optional["RecordRef"]
    """The record changed."""
    type: Optional[str]
    """`Unknown`, `Created`, `Modified`, `Deleted` or `AttachmentUploaded`."""


class PushFieldValidation(TypedDict, total=False):
    """One note on a field."""

    details: str
    """The rule."""
    field: Optional[str]
    """The field it is about."""
    ref: Optional[str]
    """A reference for it."""


class PushOperation(TypedDict, total=False):
    """Codat's `PushOperation` (and, with `data`, the create response that echoes the request)."""

    changes: Optional[list["PushChange"]]
    """Records changed, once known."""
    company_id: str
    """The company."""
    completed_on_utc: Optional[str]
    """When it finished; absent while pending."""
    data: object
    """Echo of the request body (create response only), kept as raw JSON text: it is as large as the push and rarely needed, so it is not parsed."""
    data_connection_key: str
    """The connection."""
    data_type: Optional[str]
    """`bankTransactions` for bank feeds."""
    error_message: Optional[str]
    """Why it failed, when it did."""
    push_operation_key: str
    """Codat's key for this operation; persist it to poll."""
    requested_on_utc: str
    """When it was requested."""
    status: "PushStatus"
    """Where it stands."""
    status_code: int
    """Body status code: 202 pending, 200 success, 400 failed (not the HTTP status)."""
    timeout_in_minutes: Optional[int]
    """Deadline requested with the push."""
    validation: Optional["Validation"]
    """Errors and warnings."""


class PushOperationPage(TypedDict, total=False):
    """One page of a paged list (`GET /companies/{companyId}/push` and friends)."""

    links: "Links"
    """Navigation links."""
    page_number: int
    """1-based page number."""
    page_size: int
    """Page size asked for."""
    results: list["PushOperation"]
    """The items on this page."""
    total_results: int
    """Items across all pages, after filtering."""


class PushOption(TypedDict, total=False):
    """A field of the push body (or the body itself): its type, whether it is required, its sub-fields and allowed values, and the platform's notes on it."""

    description: Optional[str]
    """What it holds."""
    display_name: str
    """Display name."""
    options: Optional[list["PushOptionChoice"]]
    """Allowed values."""
    properties: Optional[dict[str, "PushOption"]]
    """Sub-fields by name."""
    required: bool
    """Whether the platform needs it."""
    type: str
    """`Array`, `Object`, `String`, `Number`, `Boolean`, `DateTime`, `File` or `MultiPart`."""
    validation: Optional["PushValidationInfo"]
    """The platform's rules for it."""


class PushOptionChoice(TypedDict, total=False):
    """An allowed value of a field."""

    description: Optional[str]
    """What it means."""
    display_name: Optional[str]
    """Display name."""
    required: Optional[bool]
    """Whether it is required."""
    type: Optional[str]
    """Its type."""
    value: str
    """The value."""

PushStatus = Literal["Pending", "Failed", "Success", "TimedOut"]
"""Where a push operation stands. `Pending` is the only non-final status."""


class PushValidationInfo(TypedDict, total=False):
    """The platform's notes on a field."""

    information: Optional[list["PushFieldValidation"]]
    """Information."""
    warnings: Optional[list["PushFieldValidation"]]
    """Rules a push can break."""


class RecordRef(TypedDict, total=False):
    """Reference to a pushed record."""

    data_type: Optional[str]
    """Record data type, e.g. `bankTransactions`."""
    id: Optional[str]
    """Record id."""


class SourceAccount(TypedDict, total=False):
    """A source account as Codat returns it."""

    account_name: Optional[str]
    """Display name."""
    account_number: Optional[str]
    """Account number."""
    account_type: Optional[str]
    """Free text in v1, e.g. `Credit` or `Debit`."""
    balance: Optional[Decimal]
    """Latest balance; set by the last line of each successful push."""
    currency: Optional[str]
    """ISO 4217 currency code."""
    feed_start_date: Optional[str]
    """When the account became connected (set by the server)."""
    id: str
    """Your unique id for the account; the push path's `{accountId}`."""
    modified_date: Optional[str]
    """When the account last changed."""
    sort_code: Optional[str]
    """UK sort code (required by Codat for GBP accounts)."""
    status: Optional["AccountStatus"]
    """Connection state."""

StatusCode = Union[int, str]
"""An HTTP status that Codat sends sometimes as a number, sometimes as a string."""


class TargetAccountOption(TypedDict, total=False):
    """A target account a source account could be mapped to."""

    account_number: Optional[str]
    """Its account number."""
    balance: Optional[Decimal]
    """Its balance."""
    id: str
    """Target account id."""
    name: Optional[str]
    """Its name."""
    sort_code: Optional[str]
    """Its sort code."""


class Transaction(TypedDict, total=False):
    """One bank statement line, in Codat's camelCase wire format. `amount` is signed: positive is money in, negative is money out. `balance` is the account's running balance after this line; for Sage the balance of the last line pushed becomes the account's balance. Build these from raw records with [`validate_records`](crate::validate_records), which reports every problem per row."""

    amount: Decimal
    """Signed amount, exact."""
    balance: Optional[Decimal]
    """Running balance after this line, exact (mandatory for Sage)."""
    counterparty: Optional[str]
    """The giving or receiving party."""
    date: str
    """When the line cleared: wall-clock date and time, as Codat records it (no offset; see [`crate::date`])."""
    description: Optional[str]
    """Statement text (mandatory and non-empty for Sage)."""
    id: str
    """Your unique id for the line; Sage refuses an id it has already received."""
    reconciled: Optional[bool]
    """Whether the line is already reconciled."""
    reference: Optional[str]
    """A free reference."""
    transaction_type: Optional["TransactionType"]
    """Kind of line (mandatory for Sage)."""

TransactionType = Literal["Unknown", "Credit", "Debit", "Int", "Div", "Fee", "SerChg", "Dep", "Atm", "Pos", "Xfer", "Check", "Payment", "Cash", "DirectDep", "DirectDebit", "RepeatPmt", "Other"]
"""Codat's `BankTransactionType`: all 18 values, in the spec's order."""


class Validation(TypedDict, total=False):
    """Errors and warnings Codat attached to a push operation."""

    errors: Optional[list["ValidationItem"]]
    """Problems that made the push fail."""
    warnings: Optional[list["ValidationItem"]]
    """Problems that did not stop it."""


class ValidationItem(TypedDict, total=False):
    """One validation finding on a push operation or an error body."""

    item_id: Optional[str]
    """What the finding is about (for bank transactions: the transaction id)."""
    message: Optional[str]
    """What is wrong."""
    validator_name: Optional[str]
    """Which validator found it."""
