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
    "BatchOutcome",
    "BatchStatus",
    "Company",
    "CompanyInformation",
    "CompanyPage",
    "ConcurrencyStats",
    "Connection",
    "ConnectionStatus",
    "Credentials",
    "FaultStats",
    "FeedReport",
    "Issue",
    "IssueCode",
    "Ledger",
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
    "PushTarget",
    "PushValidationInfo",
    "RecordRef",
    "Report",
    "Resolution",
    "SandboxStats",
    "SourceAccount",
    "StatusCode",
    "TargetAccountOption",
    "Transaction",
    "TransactionType",
    "Validation",
    "ValidationItem",
    "ValidationReport",
    "WebhookDeliveryStats",
    "WebhookEndpoint",
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


class BatchOutcome(TypedDict, total=False):
    """One batch of a feed run."""

    errors: list["ValidationItem"]
    """Codat's `validation.errors`."""
    first_id: str
    """Id of its first line."""
    idempotency_key: str
    """Its Idempotency-Key."""
    in_doubt: Optional[str]
    """Why its fate became unknown, when it did (ended `TimedOut`, resumed after Codat's idempotency window, a server error whose history search failed, ...)."""
    last_id: str
    """Id of its last line."""
    message: Optional[str]
    """Codat's `errorMessage`, or why it was not sent."""
    processing_ms: Optional[int]
    """Codat's processing time of its push in milliseconds (requested to completed, by Codat's clock)."""
    push_operation_key: Optional[str]
    """Codat's key, once accepted."""
    resolution: Optional["Resolution"]
    """How a batch in doubt was settled."""
    sequence: Optional[int]
    """0-based position among this run's batches (the resumed batch has none)."""
    size: int
    """Lines in it."""
    status: "BatchStatus"
    """Where it ended."""

BatchStatus = Literal["success", "alreadyLanded", "failed", "inDoubt", "pending", "notSent"]
"""Where a batch ended."""


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


class ConcurrencyStats(TypedDict, total=False):
    """How close clients came to the per-company concurrency cap since the last reset."""

    peak_per_company: int
    """Most requests one company had in flight at once."""
    refused: int
    """Requests refused with 429 because their company was at the cap."""


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


class FaultStats(TypedDict, total=False):
    """How often each fault happened since the last reset."""

    error500: int
    """500s injected."""
    error503: int
    """503s injected."""
    latency: int
    """Requests delayed."""
    push_failed: int
    """Pushes forced to `Failed`."""
    push_timed_out: int
    """Pushes forced to `TimedOut`."""
    pushes_processed: int
    """Pushes processed."""
    rate_limited: int
    """429s injected."""
    requests: int
    """API requests seen by the fault generator."""
    reset_after_commit: int
    """Resets after handling."""
    reset_before_commit: int
    """Resets before handling."""
    timed_out_landed: int
    """Pushes forced to `TimedOut` that landed anyway."""


class FeedReport(TypedDict, total=False):
    """The account's result of a feed run: exactly what landed and what did not."""

    already_landed: int
    """Lines of this input this run sent that turned out to be on the account already (an earlier run or a twin had pushed them)."""
    already_pushed: list[int]
    """Input positions left out because the cursor says they landed in an earlier run."""
    balance: Optional[Decimal]
    """The account's balance after the run, as far as feedrail knows."""
    batches: list["BatchOutcome"]
    """This run's batches, in order (only those attempted)."""
    landed: int
    """Lines of this input that this run put on the account."""
    resumed: Optional["BatchOutcome"]
    """A batch left in flight by an earlier run, resolved before anything else."""
    skipped: list[int]
    """Input positions not sent because they have errors (with `skip_invalid`)."""
    target: "PushTarget"
    """The account."""
    total: int
    """Lines handed in."""
    validation: "Report"
    """Findings on the other lines."""


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


class Ledger(TypedDict, total=False):
    """What landed on a target account, in order."""

    account_id: str
    """The source account."""
    balance: Optional[Decimal]
    """Its balance (the last line's balance)."""
    latest_date: Optional[str]
    """Date of the newest line (wall-clock, as it landed)."""
    status: Optional["AccountStatus"]
    """Its status."""
    transactions: list["Transaction"]
    """Every line, in the order it landed."""


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


class PushTarget(TypedDict, total=False):
    """The account a batch goes to."""

    account_id: str
    """Source account id."""
    company_id: str
    """Codat company id."""
    connection_id: str
    """Sage Bank Feeds connection id."""


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


class Report(TypedDict, total=False):
    """The result of validating a list of transactions."""

    checked: int
    """How many input lines were checked."""
    errors: list["Issue"]
    """Findings that stop a push, in input order (account-level first)."""
    warnings: list["Issue"]
    """Findings that do not, in input order."""

Resolution = Literal["foundInHistory", "resent", "alreadyReceived", "unresolved"]
"""How a batch whose fate was unknown was settled."""


class SandboxStats(TypedDict, total=False):
    """The sandbox's counters since the last reset (`GET /_sandbox/stats`, `Sandbox::stats`)."""

    companies: int
    """Companies held."""
    concurrency: "ConcurrencyStats"
    """Requests in flight per company, at most, and those refused over the cap."""
    faults: "FaultStats"
    """How often each fault happened."""
    overlapping_pushes: int
    """Pushes accepted for an account while an earlier one to it was pending."""
    push_operations: int
    """Push operations received."""
    status_polls: int
    """Status reads of single push operations."""
    webhooks: list["WebhookDeliveryStats"]
    """Each webhook endpoint's deliveries."""


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


class ValidationReport(TypedDict, total=False):
    """The outcome of [`validate_records`]: the report and the lines that can be sent. Serializes as the report with `validIndices` (the form the language packages return)."""

    checked: int
    """How many input lines were checked."""
    errors: list["Issue"]
    """Findings that stop a push, in input order (account-level first)."""
    valid_indices: list[int]
    """Positions in the input of the lines without errors ([`check_records`] fills only these)."""
    warnings: list["Issue"]
    """Findings that do not, in input order."""


class WebhookDeliveryStats(TypedDict, total=False):
    """What an endpoint was sent."""

    abandoned: int
    """Messages given up after every retry."""
    delivered: int
    """Messages answered with a 2xx."""
    failed_attempts: int
    """Attempts that failed (no answer or not 2xx); each is retried until the schedule ends."""
    id: str
    """Endpoint id."""
    in_flight: int
    """Messages still being delivered."""
    url: str
    """Where events go."""


class WebhookEndpoint(TypedDict, total=False):
    """A registered endpoint, with its signing secret (shown once, when it is registered)."""

    event_types: Optional[list[str]]
    """The event types it receives (all when absent)."""
    id: str
    """Endpoint id."""
    secret: str
    """Its signing secret (`whsec_…`): give it to the receiver's verifier."""
    url: str
    """Where events go."""
