"""What the client returns, as typed classes: generated from feedrail's Rust types by
`bindings-common/src/typegen.rs` (do not edit; `FEEDRAIL_WRITE_TYPES=1 cargo test -p
feedrail-bindings typegen` rewrites it)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal, Optional, Union

    from feedrail._model import Reader

from feedrail._model import Model, to_date, to_datetime, to_list, to_map, to_one_of
from feedrail._report import FeedReportMethods, ReconciliationMethods, ReportMethods

__all__ = [
    "AccountMapping",
    "AccountMappingResult",
    "AccountQueueStatus",
    "AccountStatus",
    "BalanceBreak",
    "BatchCheck",
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
    "Enqueued",
    "ErrorCode",
    "ErrorIssues",
    "FaultConfig",
    "FaultStats",
    "FeedReport",
    "FeedrailErrorDetails",
    "Issue",
    "IssueCode",
    "JournalStatus",
    "Ledger",
    "LineStatus",
    "Link",
    "Links",
    "Otp",
    "ProgressEvent",
    "ProgressEventBatchLanded",
    "ProgressEventBatchSent",
    "ProgressEventBatchStopped",
    "ProgressEventPlanned",
    "ProgressEventResumed",
    "PushChange",
    "PushFieldValidation",
    "PushOperation",
    "PushOperationPage",
    "PushOption",
    "PushOptionChoice",
    "PushStatus",
    "PushTarget",
    "PushValidationInfo",
    "RateLimitChanged",
    "ReconciledLine",
    "Reconciliation",
    "RecordRef",
    "ReferenceCompany",
    "Report",
    "Resolution",
    "SandboxStats",
    "SourceAccount",
    "SourceAccountChanged",
    "StatusCode",
    "StatusCounts",
    "TargetAccountOption",
    "Transaction",
    "TransactionType",
    "Validation",
    "ValidationItem",
    "ValidationReport",
    "WebhookDeliveryStats",
    "WebhookEndpoint",
    "WebhookEvent",
    "WebhookPayload",
    "WorkerMetrics",
    "WriteCompleted",
]


class AccountMapping(Model):
    """One source account and its current or possible target accounts (`GET …/bankFeedAccounts/mapping`)."""

    __slots__ = ("feed_start_date", "source_account_id", "source_account_name", "source_account_number", "source_balance", "source_currency", "status", "target_account_id", "target_account_name", "target_account_options")

    feed_start_date: Optional[datetime]
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

    def __init__(
        self,
        *,
        feed_start_date: Optional[datetime] = None,
        source_account_id: Optional[str] = None,
        source_account_name: Optional[str] = None,
        source_account_number: Optional[str] = None,
        source_balance: Optional[Decimal] = None,
        source_currency: Optional[str] = None,
        status: Optional[str] = None,
        target_account_id: Optional[str] = None,
        target_account_name: Optional[str] = None,
        target_account_options: Optional[list["TargetAccountOption"]] = None,
    ) -> None:
        self.feed_start_date = feed_start_date
        self.source_account_id = source_account_id
        self.source_account_name = source_account_name
        self.source_account_number = source_account_number
        self.source_balance = source_balance
        self.source_currency = source_currency
        self.status = status
        self.target_account_id = target_account_id
        self.target_account_name = target_account_name
        self.target_account_options = target_account_options


class AccountMappingResult(Model):
    """Answer to a mapping request."""

    __slots__ = ("error", "source_account_id", "status", "target_account_id")

    error: Optional[str]
    """Why it failed, if it did."""
    source_account_id: Optional[str]
    """The source account."""
    status: Optional[str]
    """Outcome, e.g. `Success` or `Failed`."""
    target_account_id: Optional[str]
    """The target account."""

    def __init__(
        self,
        *,
        error: Optional[str] = None,
        source_account_id: Optional[str] = None,
        status: Optional[str] = None,
        target_account_id: Optional[str] = None,
    ) -> None:
        self.error = error
        self.source_account_id = source_account_id
        self.status = status
        self.target_account_id = target_account_id


class AccountQueueStatus(Model):
    """One account's place in the queue."""

    __slots__ = ("failed", "failure", "holder", "in_flight", "landed", "last_error", "queued", "retry_at", "target")
    _REQUIRED = ("failed", "in_flight", "landed", "queued", "target")

    failed: int
    """Lines of batches Codat refused, waiting for a retry or a drop."""
    failure: Optional[str]
    """Why the first failed line failed."""
    holder: Optional[str]
    """Who works on the account now, when someone does."""
    in_flight: int
    """Lines of the batch in flight (sent or about to be, not yet settled)."""
    landed: int
    """Lines that landed through feedrail (by any run, queued or not)."""
    last_error: Optional[str]
    """That error."""
    queued: int
    """Lines waiting to be pushed."""
    retry_at: Optional[datetime]
    """When a worker tries again after a transient error."""
    target: "PushTarget"
    """The account."""

    def __init__(
        self,
        *,
        failed: int,
        failure: Optional[str] = None,
        holder: Optional[str] = None,
        in_flight: int,
        landed: int,
        last_error: Optional[str] = None,
        queued: int,
        retry_at: Optional[datetime] = None,
        target: "PushTarget",
    ) -> None:
        self.failed = failed
        self.failure = failure
        self.holder = holder
        self.in_flight = in_flight
        self.landed = landed
        self.last_error = last_error
        self.queued = queued
        self.retry_at = retry_at
        self.target = target


class BalanceBreak(Model):
    """A line whose balance is not the previous balance plus its amount: where a break starts."""

    __slots__ = ("expected", "found", "id", "index")
    _REQUIRED = ("expected", "found", "id", "index")

    expected: Decimal
    """The previous balance plus its amount."""
    found: Decimal
    """The balance it states."""
    id: str
    """Its id."""
    index: int
    """Its position in the source."""

    def __init__(
        self,
        *,
        expected: Decimal,
        found: Decimal,
        id: str,
        index: int,
    ) -> None:
        self.expected = expected
        self.found = found
        self.id = id
        self.index = index


class BatchCheck(Model):
    """One journaled batch checked against Codat's push history."""

    __slots__ = ("agrees", "batch", "codat_status", "journaled", "push_operation_key")
    _REQUIRED = ("agrees", "batch", "codat_status", "journaled", "push_operation_key")

    agrees: bool
    """Whether they agree: `Success` for a landed batch (or a resend refused as already received, line by line), anything else for a refused one."""
    batch: int
    """The journal entry."""
    codat_status: "PushStatus"
    """What Codat says now."""
    journaled: "JournalStatus"
    """What the journal says."""
    push_operation_key: str
    """Codat's key of its push."""

    def __init__(
        self,
        *,
        agrees: bool,
        batch: int,
        codat_status: "PushStatus",
        journaled: "JournalStatus",
        push_operation_key: str,
    ) -> None:
        self.agrees = agrees
        self.batch = batch
        self.codat_status = codat_status
        self.journaled = journaled
        self.push_operation_key = push_operation_key


class BatchCreateItem(Model):
    """One item of the response of `POST .../bankFeedAccounts/batch`."""

    __slots__ = ("result", "source_account_id")
    _REQUIRED = ("result", "source_account_id")

    result: "BatchCreateResult"
    """What happened to it."""
    source_account_id: str
    """The id from the request."""

    def __init__(
        self,
        *,
        result: "BatchCreateResult",
        source_account_id: str,
    ) -> None:
        self.result = result
        self.source_account_id = source_account_id


class BatchCreateResult(Model):
    """Outcome of creating one account in a batch."""

    __slots__ = ("account", "error", "status_code")
    _REQUIRED = ("status_code",)

    account: Optional["SourceAccount"]
    """The created account, when it was created."""
    error: Optional[str]
    """Why it failed, when it did."""
    status_code: "StatusCode"
    """201 when created; an error status (Codat sends it as a string) otherwise."""

    def __init__(
        self,
        *,
        account: Optional["SourceAccount"] = None,
        error: Optional[str] = None,
        status_code: "StatusCode",
    ) -> None:
        self.account = account
        self.error = error
        self.status_code = status_code


class BatchOutcome(Model):
    """One batch of a feed run."""

    __slots__ = ("errors", "first_id", "idempotency_key", "in_doubt", "last_id", "message", "processing_ms", "push_operation_key", "resolution", "sequence", "size", "status")
    _REQUIRED = ("errors", "first_id", "idempotency_key", "last_id", "size", "status")

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

    def __init__(
        self,
        *,
        errors: list["ValidationItem"],
        first_id: str,
        idempotency_key: str,
        in_doubt: Optional[str] = None,
        last_id: str,
        message: Optional[str] = None,
        processing_ms: Optional[int] = None,
        push_operation_key: Optional[str] = None,
        resolution: Optional["Resolution"] = None,
        sequence: Optional[int] = None,
        size: int,
        status: "BatchStatus",
    ) -> None:
        self.errors = errors
        self.first_id = first_id
        self.idempotency_key = idempotency_key
        self.in_doubt = in_doubt
        self.last_id = last_id
        self.message = message
        self.processing_ms = processing_ms
        self.push_operation_key = push_operation_key
        self.resolution = resolution
        self.sequence = sequence
        self.size = size
        self.status = status


class Company(Model):
    """A Codat company: one of your customers."""

    __slots__ = ("created", "created_by_user_name", "data_connections", "description", "id", "name", "redirect")
    _REQUIRED = ("id", "name", "redirect")

    created: Optional[datetime]
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

    def __init__(
        self,
        *,
        created: Optional[datetime] = None,
        created_by_user_name: Optional[str] = None,
        data_connections: Optional[list["Connection"]] = None,
        description: Optional[str] = None,
        id: str,
        name: str,
        redirect: str,
    ) -> None:
        self.created = created
        self.created_by_user_name = created_by_user_name
        self.data_connections = data_connections
        self.description = description
        self.id = id
        self.name = name
        self.redirect = redirect


class CompanyInformation(Model):
    """`GET …/bankFeeds/info`: the company as the accounting software knows it (Codat answers this for Xero and Oracle NetSuite; for Sage it is an error)."""

    __slots__ = ("base_currency", "company_name", "currencies", "multicurrency_enabled", "plan_type")

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

    def __init__(
        self,
        *,
        base_currency: Optional[str] = None,
        company_name: Optional[str] = None,
        currencies: Optional[list[str]] = None,
        multicurrency_enabled: Optional[bool] = None,
        plan_type: Optional[str] = None,
    ) -> None:
        self.base_currency = base_currency
        self.company_name = company_name
        self.currencies = currencies
        self.multicurrency_enabled = multicurrency_enabled
        self.plan_type = plan_type


class CompanyPage(Model):
    """One page of a paged list (`GET /companies/{companyId}/push` and friends)."""

    __slots__ = ("links", "page_number", "page_size", "results", "total_results")
    _REQUIRED = ("links", "page_number", "page_size", "results", "total_results")

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

    def __init__(
        self,
        *,
        links: "Links",
        page_number: int,
        page_size: int,
        results: list["Company"],
        total_results: int,
    ) -> None:
        self.links = links
        self.page_number = page_number
        self.page_size = page_size
        self.results = results
        self.total_results = total_results


class ConcurrencyStats(Model):
    """How close clients came to the per-company concurrency cap since the last reset."""

    __slots__ = ("peak_per_company", "refused")
    _REQUIRED = ("peak_per_company", "refused")

    peak_per_company: int
    """Most requests one company had in flight at once."""
    refused: int
    """Requests refused with 429 because their company was at the cap."""

    def __init__(
        self,
        *,
        peak_per_company: int,
        refused: int,
    ) -> None:
        self.peak_per_company = peak_per_company
        self.refused = refused


class Connection(Model):
    """A data connection between a company and a platform (for bank feeds: Sage Bank Feeds)."""

    __slots__ = ("created", "id", "integration_id", "integration_key", "last_sync", "link_url", "platform_name", "source_id", "source_type", "status")
    _REQUIRED = ("created", "id", "integration_id", "link_url", "platform_name", "source_id", "source_type", "status")

    created: datetime
    """When it was created."""
    id: str
    """Connection id (a UUID)."""
    integration_id: str
    """Integration id."""
    integration_key: Optional[str]
    """Integration key, e.g. `olpr`."""
    last_sync: Optional[datetime]
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

    def __init__(
        self,
        *,
        created: datetime,
        id: str,
        integration_id: str,
        integration_key: Optional[str] = None,
        last_sync: Optional[datetime] = None,
        link_url: str,
        platform_name: str,
        source_id: str,
        source_type: str,
        status: "ConnectionStatus",
    ) -> None:
        self.created = created
        self.id = id
        self.integration_id = integration_id
        self.integration_key = integration_key
        self.last_sync = last_sync
        self.link_url = link_url
        self.platform_name = platform_name
        self.source_id = source_id
        self.source_type = source_type
        self.status = status


class Credentials(Model):
    """`POST …/bankFeedAccounts/credentials` (QuickBooks Online only): what the QBO user types to authenticate the feed. The password never appears in `Debug`."""

    __slots__ = ("password", "username")
    _SECRET = ("password",)

    password: Optional[str]
    """Its password."""
    username: Optional[str]
    """User name the bank-feeds platform signs in with."""

    def __init__(
        self,
        *,
        password: Optional[str] = None,
        username: Optional[str] = None,
    ) -> None:
        self.password = password
        self.username = username


class Enqueued(Model):
    """What [`Queue::enqueue`] did."""

    __slots__ = ("already_known", "queued", "validation")
    _REQUIRED = ("already_known", "queued", "validation")

    already_known: list[int]
    """Positions of lines left out because their id is already queued or already landed (so handing the same lines over twice is harmless)."""
    queued: int
    """Lines added to the account's queue."""
    validation: "Report"
    """Warnings found on entry (errors refuse the whole call)."""

    def __init__(
        self,
        *,
        already_known: list[int],
        queued: int,
        validation: "Report",
    ) -> None:
        self.already_known = already_known
        self.queued = queued
        self.validation = validation


class FaultConfig(Model):
    """Probabilities (0 to 1) of each fault, and the seed that makes a run reproducible. Per API request, at most one of `error500`, `error503`, `rateLimited`, `resetBeforeCommit` and `resetAfterCommit` happens (their sum must not exceed 1); `latency` is rolled separately. Per push processed, at most one of `pushFailed`, `pushTimedOut` and `timedOutLanded` (their sum must not exceed 1)."""

    __slots__ = ("error500", "error503", "latency", "latency_ms", "max_push_faults", "push_failed", "push_timed_out", "rate_limited", "reset_after_commit", "reset_before_commit", "seed", "timed_out_landed")

    error500: Optional[float]
    """500 Internal Server Error before anything is done."""
    error503: Optional[float]
    """503 Service Unavailable before anything is done."""
    latency: Optional[float]
    """Probability of added latency on a request."""
    latency_ms: Optional[int]
    """How much latency is added when it is."""
    max_push_faults: Optional[int]
    """At most this many pushes end badly (`pushFailed`, `pushTimedOut`, `timedOutLanded`); the rest are processed normally. With a probability of 1, `1` makes exactly the first push processed fail."""
    push_failed: Optional[float]
    """A push ends `Failed` (nothing written) regardless of its content."""
    push_timed_out: Optional[float]
    """A push ends `TimedOut` (nothing written)."""
    rate_limited: Optional[float]
    """429 Too Many Requests (with `Retry-After: 1`) before anything is done."""
    reset_after_commit: Optional[float]
    """The request is handled (a push is accepted and will be processed), then the connection is reset before the response: the client cannot know whether it landed."""
    reset_before_commit: Optional[float]
    """The connection is reset before the request is handled: nothing happened."""
    seed: Optional[int]
    """Seed of the fault generator; the same seed and request sequence give the same faults."""
    timed_out_landed: Optional[float]
    """A push ends `TimedOut`, and its lines land a moment later anyway (Codat: a timed-out push 'may still land'), before the account's next push is processed."""

    def __init__(
        self,
        *,
        error500: Optional[float] = None,
        error503: Optional[float] = None,
        latency: Optional[float] = None,
        latency_ms: Optional[int] = None,
        max_push_faults: Optional[int] = None,
        push_failed: Optional[float] = None,
        push_timed_out: Optional[float] = None,
        rate_limited: Optional[float] = None,
        reset_after_commit: Optional[float] = None,
        reset_before_commit: Optional[float] = None,
        seed: Optional[int] = None,
        timed_out_landed: Optional[float] = None,
    ) -> None:
        self.error500 = error500
        self.error503 = error503
        self.latency = latency
        self.latency_ms = latency_ms
        self.max_push_faults = max_push_faults
        self.push_failed = push_failed
        self.push_timed_out = push_timed_out
        self.rate_limited = rate_limited
        self.reset_after_commit = reset_after_commit
        self.reset_before_commit = reset_before_commit
        self.seed = seed
        self.timed_out_landed = timed_out_landed


class FaultStats(Model):
    """How often each fault happened since the last reset."""

    __slots__ = ("error500", "error503", "latency", "push_failed", "push_timed_out", "pushes_processed", "rate_limited", "requests", "reset_after_commit", "reset_before_commit", "timed_out_landed")
    _REQUIRED = ("error500", "error503", "latency", "push_failed", "push_timed_out", "pushes_processed", "rate_limited", "requests", "reset_after_commit", "reset_before_commit", "timed_out_landed")

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

    def __init__(
        self,
        *,
        error500: int,
        error503: int,
        latency: int,
        push_failed: int,
        push_timed_out: int,
        pushes_processed: int,
        rate_limited: int,
        requests: int,
        reset_after_commit: int,
        reset_before_commit: int,
        timed_out_landed: int,
    ) -> None:
        self.error500 = error500
        self.error503 = error503
        self.latency = latency
        self.push_failed = push_failed
        self.push_timed_out = push_timed_out
        self.pushes_processed = pushes_processed
        self.rate_limited = rate_limited
        self.requests = requests
        self.reset_after_commit = reset_after_commit
        self.reset_before_commit = reset_before_commit
        self.timed_out_landed = timed_out_landed


class FeedReport(FeedReportMethods, Model):
    """The account's result of a feed run: exactly what landed and what did not."""

    __slots__ = ("already_landed", "already_pushed", "balance", "batches", "landed", "resumed", "skipped", "target", "total", "validation")
    _REQUIRED = ("already_landed", "already_pushed", "batches", "landed", "skipped", "target", "total", "validation")

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

    def __init__(
        self,
        *,
        already_landed: int,
        already_pushed: list[int],
        balance: Optional[Decimal] = None,
        batches: list["BatchOutcome"],
        landed: int,
        resumed: Optional["BatchOutcome"] = None,
        skipped: list[int],
        target: "PushTarget",
        total: int,
        validation: "Report",
    ) -> None:
        self.already_landed = already_landed
        self.already_pushed = already_pushed
        self.balance = balance
        self.batches = batches
        self.landed = landed
        self.resumed = resumed
        self.skipped = skipped
        self.target = target
        self.total = total
        self.validation = validation


class FeedrailErrorDetails(Model):
    """The properties of a `FeedrailError` besides its message."""

    __slots__ = ("code", "correlation_id", "issues", "report", "retry_after", "retryable", "status")
    _REQUIRED = ("code", "issues", "retryable")

    code: "ErrorCode"
    """The stable code: the same in Rust, Python and Node; switch on it."""
    correlation_id: Optional[str]
    """Codat's correlation id, for support."""
    issues: "ErrorIssues"
    """Validation findings (`VALIDATION`) or Codat's validation messages (`PUSH_FAILED`)."""
    report: Optional["FeedReport"]
    """What landed before a feed stopped."""
    retry_after: Optional[float]
    """Seconds Codat asked to wait, when it did."""
    retryable: bool
    """Whether trying again later may succeed."""
    status: Optional[int]
    """The HTTP status, when Codat answered."""

    def __init__(
        self,
        *,
        code: "ErrorCode",
        correlation_id: Optional[str] = None,
        issues: "ErrorIssues",
        report: Optional["FeedReport"] = None,
        retry_after: Optional[float] = None,
        retryable: bool,
        status: Optional[int] = None,
    ) -> None:
        self.code = code
        self.correlation_id = correlation_id
        self.issues = issues
        self.report = report
        self.retry_after = retry_after
        self.retryable = retryable
        self.status = status


class Issue(Model):
    """One finding: what is wrong, on which line and field, and what to do."""

    __slots__ = ("code", "field", "index", "message", "transaction_id")
    _REQUIRED = ("code", "message")

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

    def __init__(
        self,
        *,
        code: "IssueCode",
        field: Optional[str] = None,
        index: Optional[int] = None,
        message: str,
        transaction_id: Optional[str] = None,
    ) -> None:
        self.code = code
        self.field = field
        self.index = index
        self.message = message
        self.transaction_id = transaction_id


class Ledger(Model):
    """What landed on a target account, in order."""

    __slots__ = ("account_id", "balance", "latest_date", "status", "transactions")
    _REQUIRED = ("account_id", "transactions")

    account_id: str
    """The source account."""
    balance: Optional[Decimal]
    """Its balance (the last line's balance)."""
    latest_date: Optional[datetime]
    """Date of the newest line (wall-clock, as it landed)."""
    status: Optional["AccountStatus"]
    """Its status."""
    transactions: list["Transaction"]
    """Every line, in the order it landed."""

    def __init__(
        self,
        *,
        account_id: str,
        balance: Optional[Decimal] = None,
        latest_date: Optional[datetime] = None,
        status: Optional["AccountStatus"] = None,
        transactions: list["Transaction"],
    ) -> None:
        self.account_id = account_id
        self.balance = balance
        self.latest_date = latest_date
        self.status = status
        self.transactions = transactions


class Link(Model):
    """A link."""

    __slots__ = ("href",)
    _REQUIRED = ("href",)

    href: str
    """Path and query, relative to the API base."""

    def __init__(
        self,
        *,
        href: str,
    ) -> None:
        self.href = href


class Links(Model):
    """Links of a page."""

    __slots__ = ("current", "next", "previous", "self")
    _REQUIRED = ("current", "self")

    current: "Link"
    """This page."""
    next: Optional["Link"]
    """The next page, when there is one."""
    previous: Optional["Link"]
    """The previous page, when there is one."""
    self: "Link"
    """The request as made."""

    def __init__(
        _self,
        *,
        current: "Link",
        next: Optional["Link"] = None,
        previous: Optional["Link"] = None,
        self: "Link",
    ) -> None:
        _self.current = current
        _self.next = next
        _self.previous = previous
        _self.self = self


class Otp(Model):
    """A one-time password for connecting a Sage bank feed (`POST …/bankFeeds/otp`): the Sage user enters it with the connection id in Sage's 'Connect Bank' dialog."""

    __slots__ = ("expiry", "otp")
    _REQUIRED = ("expiry", "otp")
    _SECRET = ("otp",)

    expiry: datetime
    """When it stops being valid."""
    otp: str
    """The one-time password, e.g. `GT40U4`."""

    def __init__(
        self,
        *,
        expiry: datetime,
        otp: str,
    ) -> None:
        self.expiry = expiry
        self.otp = otp


class ProgressEventBatchLanded(Model):
    """A batch landed."""

    __slots__ = ("account_id", "event", "landed", "sequence", "size", "total")
    _REQUIRED = ("account_id", "event", "landed", "sequence", "size", "total")
    _TAG = ("event", "batch_landed")

    account_id: str
    """The account."""
    event: Literal["batch_landed"]
    landed: int
    """Lines landed so far in this run."""
    sequence: int
    """Its position."""
    size: int
    """Its lines."""
    total: int
    """Lines this run will send."""

    def __init__(
        self,
        *,
        account_id: str,
        event: Literal["batch_landed"],
        landed: int,
        sequence: int,
        size: int,
        total: int,
    ) -> None:
        self.account_id = account_id
        self.event = event
        self.landed = landed
        self.sequence = sequence
        self.size = size
        self.total = total


class ProgressEventBatchSent(Model):
    """A batch was accepted (`Pending`)."""

    __slots__ = ("account_id", "event", "push_operation_key", "sequence", "size")
    _REQUIRED = ("account_id", "event", "push_operation_key", "sequence", "size")
    _TAG = ("event", "batch_sent")

    account_id: str
    """The account."""
    event: Literal["batch_sent"]
    push_operation_key: str
    """Codat's key."""
    sequence: int
    """Its position."""
    size: int
    """Its lines."""

    def __init__(
        self,
        *,
        account_id: str,
        event: Literal["batch_sent"],
        push_operation_key: str,
        sequence: int,
        size: int,
    ) -> None:
        self.account_id = account_id
        self.event = event
        self.push_operation_key = push_operation_key
        self.sequence = sequence
        self.size = size


class ProgressEventBatchStopped(Model):
    """A batch did not land; the run stops."""

    __slots__ = ("account_id", "event", "sequence", "status")
    _REQUIRED = ("account_id", "event", "sequence", "status")
    _TAG = ("event", "batch_stopped")

    account_id: str
    """The account."""
    event: Literal["batch_stopped"]
    sequence: int
    """Its position."""
    status: "BatchStatus"
    """Where it ended."""

    def __init__(
        self,
        *,
        account_id: str,
        event: Literal["batch_stopped"],
        sequence: int,
        status: "BatchStatus",
    ) -> None:
        self.account_id = account_id
        self.event = event
        self.sequence = sequence
        self.status = status


class ProgressEventPlanned(Model):
    """Validation passed; this is what will be sent."""

    __slots__ = ("account_id", "batches", "event", "transactions")
    _REQUIRED = ("account_id", "batches", "event", "transactions")
    _TAG = ("event", "planned")

    account_id: str
    """The account."""
    batches: int
    """Batches to send."""
    event: Literal["planned"]
    transactions: int
    """Lines to send."""

    def __init__(
        self,
        *,
        account_id: str,
        batches: int,
        event: Literal["planned"],
        transactions: int,
    ) -> None:
        self.account_id = account_id
        self.batches = batches
        self.event = event
        self.transactions = transactions


class ProgressEventResumed(Model):
    """A batch left in flight by an earlier run is being resolved."""

    __slots__ = ("account_id", "event", "push_operation_key")
    _REQUIRED = ("account_id", "event")
    _TAG = ("event", "resumed")

    account_id: str
    """The account."""
    event: Literal["resumed"]
    push_operation_key: Optional[str]
    """Its Codat key, if it was accepted."""

    def __init__(
        self,
        *,
        account_id: str,
        event: Literal["resumed"],
        push_operation_key: Optional[str] = None,
    ) -> None:
        self.account_id = account_id
        self.event = event
        self.push_operation_key = push_operation_key


class PushChange(Model):
    """One record a push changed."""

    __slots__ = ("attachment_id", "record_ref", "type")

    attachment_id: Optional[str]
    """The attachment created, if any."""
    record_ref: Optional["RecordRef"]
    """The record changed."""
    type: Optional[str]
    """`Unknown`, `Created`, `Modified`, `Deleted` or `AttachmentUploaded`."""

    def __init__(
        self,
        *,
        attachment_id: Optional[str] = None,
        record_ref: Optional["RecordRef"] = None,
        type: Optional[str] = None,
    ) -> None:
        self.attachment_id = attachment_id
        self.record_ref = record_ref
        self.type = type


class PushFieldValidation(Model):
    """One note on a field."""

    __slots__ = ("details", "field", "ref")
    _REQUIRED = ("details",)

    details: str
    """The rule."""
    field: Optional[str]
    """The field it is about."""
    ref: Optional[str]
    """A reference for it."""

    def __init__(
        self,
        *,
        details: str,
        field: Optional[str] = None,
        ref: Optional[str] = None,
    ) -> None:
        self.details = details
        self.field = field
        self.ref = ref


class PushOperation(Model):
    """Codat's `PushOperation` (and, with `data`, the create response that echoes the request)."""

    __slots__ = ("changes", "company_id", "completed_on_utc", "data", "data_connection_key", "data_type", "error_message", "push_operation_key", "requested_on_utc", "status", "status_code", "timeout_in_minutes", "validation")
    _REQUIRED = ("company_id", "data_connection_key", "push_operation_key", "requested_on_utc", "status", "status_code")

    changes: Optional[list["PushChange"]]
    """Records changed, once known."""
    company_id: str
    """The company."""
    completed_on_utc: Optional[datetime]
    """When it finished; absent while pending."""
    data: Optional[object]
    """Echo of the request body (create response only), kept as raw JSON text: it is as large as the push and rarely needed, so it is not parsed."""
    data_connection_key: str
    """The connection."""
    data_type: Optional[str]
    """`bankTransactions` for bank feeds."""
    error_message: Optional[str]
    """Why it failed, when it did."""
    push_operation_key: str
    """Codat's key for this operation; persist it to poll."""
    requested_on_utc: datetime
    """When it was requested."""
    status: "PushStatus"
    """Where it stands."""
    status_code: int
    """Body status code: 202 pending, 200 success, 400 failed (not the HTTP status)."""
    timeout_in_minutes: Optional[int]
    """Deadline requested with the push."""
    validation: Optional["Validation"]
    """Errors and warnings."""

    def __init__(
        self,
        *,
        changes: Optional[list["PushChange"]] = None,
        company_id: str,
        completed_on_utc: Optional[datetime] = None,
        data: Optional[object] = None,
        data_connection_key: str,
        data_type: Optional[str] = None,
        error_message: Optional[str] = None,
        push_operation_key: str,
        requested_on_utc: datetime,
        status: "PushStatus",
        status_code: int,
        timeout_in_minutes: Optional[int] = None,
        validation: Optional["Validation"] = None,
    ) -> None:
        self.changes = changes
        self.company_id = company_id
        self.completed_on_utc = completed_on_utc
        self.data = data
        self.data_connection_key = data_connection_key
        self.data_type = data_type
        self.error_message = error_message
        self.push_operation_key = push_operation_key
        self.requested_on_utc = requested_on_utc
        self.status = status
        self.status_code = status_code
        self.timeout_in_minutes = timeout_in_minutes
        self.validation = validation


class PushOperationPage(Model):
    """One page of a paged list (`GET /companies/{companyId}/push` and friends)."""

    __slots__ = ("links", "page_number", "page_size", "results", "total_results")
    _REQUIRED = ("links", "page_number", "page_size", "results", "total_results")

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

    def __init__(
        self,
        *,
        links: "Links",
        page_number: int,
        page_size: int,
        results: list["PushOperation"],
        total_results: int,
    ) -> None:
        self.links = links
        self.page_number = page_number
        self.page_size = page_size
        self.results = results
        self.total_results = total_results


class PushOption(Model):
    """A field of the push body (or the body itself): its type, whether it is required, its sub-fields and allowed values, and the platform's notes on it."""

    __slots__ = ("description", "display_name", "options", "properties", "required", "type", "validation")
    _REQUIRED = ("display_name", "required", "type")

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

    def __init__(
        self,
        *,
        description: Optional[str] = None,
        display_name: str,
        options: Optional[list["PushOptionChoice"]] = None,
        properties: Optional[dict[str, "PushOption"]] = None,
        required: bool,
        type: str,
        validation: Optional["PushValidationInfo"] = None,
    ) -> None:
        self.description = description
        self.display_name = display_name
        self.options = options
        self.properties = properties
        self.required = required
        self.type = type
        self.validation = validation


class PushOptionChoice(Model):
    """An allowed value of a field."""

    __slots__ = ("description", "display_name", "required", "type", "value")

    description: Optional[str]
    """What it means."""
    display_name: Optional[str]
    """Display name."""
    required: Optional[bool]
    """Whether it is required."""
    type: Optional[str]
    """Its type."""
    value: Optional[str]
    """The value."""

    def __init__(
        self,
        *,
        description: Optional[str] = None,
        display_name: Optional[str] = None,
        required: Optional[bool] = None,
        type: Optional[str] = None,
        value: Optional[str] = None,
    ) -> None:
        self.description = description
        self.display_name = display_name
        self.required = required
        self.type = type
        self.value = value


class PushTarget(Model):
    """The account a batch goes to."""

    __slots__ = ("account_id", "company_id", "connection_id")
    _REQUIRED = ("account_id", "company_id", "connection_id")

    account_id: str
    """Source account id."""
    company_id: str
    """Codat company id."""
    connection_id: str
    """Sage Bank Feeds connection id."""

    def __init__(
        self,
        *,
        account_id: str,
        company_id: str,
        connection_id: str,
    ) -> None:
        self.account_id = account_id
        self.company_id = company_id
        self.connection_id = connection_id


class PushValidationInfo(Model):
    """The platform's notes on a field."""

    __slots__ = ("information", "warnings")

    information: Optional[list["PushFieldValidation"]]
    """Information."""
    warnings: Optional[list["PushFieldValidation"]]
    """Rules a push can break."""

    def __init__(
        self,
        *,
        information: Optional[list["PushFieldValidation"]] = None,
        warnings: Optional[list["PushFieldValidation"]] = None,
    ) -> None:
        self.information = information
        self.warnings = warnings


class RateLimitChanged(Model):
    """Payload of `client.rateLimit.reached` / `.reset`."""

    __slots__ = ("daily_quota", "expiry_date", "quota_remaining")

    daily_quota: Optional[int]
    """Requests allowed per day."""
    expiry_date: Optional[datetime]
    """When the quota is reset."""
    quota_remaining: Optional[int]
    """Requests left today."""

    def __init__(
        self,
        *,
        daily_quota: Optional[int] = None,
        expiry_date: Optional[datetime] = None,
        quota_remaining: Optional[int] = None,
    ) -> None:
        self.daily_quota = daily_quota
        self.expiry_date = expiry_date
        self.quota_remaining = quota_remaining


class ReconciledLine(Model):
    """One line's reconciliation."""

    __slots__ = ("amount", "balance", "batch", "completed_at", "date", "id", "index", "issue", "push_operation_key", "reason", "status")
    _REQUIRED = ("status",)

    amount: Optional[Decimal]
    """Its amount, when the line is valid."""
    balance: Optional[Decimal]
    """Its running balance, when the line is valid and has one."""
    batch: Optional[int]
    """The journal entry (batch) it went in, when it was sent."""
    completed_at: Optional[datetime]
    """When that push completed."""
    date: Optional[datetime]
    """Its date, when the line is valid."""
    id: Optional[str]
    """Its id (none when the source line has no readable id)."""
    index: Optional[int]
    """Its position in the source (none for a line not in it)."""
    issue: Optional["Issue"]
    """The validation finding that rejected it."""
    push_operation_key: Optional[str]
    """Codat's key of that batch's push."""
    reason: Optional[str]
    """Why it failed, is in doubt, or was rejected."""
    status: "LineStatus"
    """What became of it."""

    def __init__(
        self,
        *,
        amount: Optional[Decimal] = None,
        balance: Optional[Decimal] = None,
        batch: Optional[int] = None,
        completed_at: Optional[datetime] = None,
        date: Optional[datetime] = None,
        id: Optional[str] = None,
        index: Optional[int] = None,
        issue: Optional["Issue"] = None,
        push_operation_key: Optional[str] = None,
        reason: Optional[str] = None,
        status: "LineStatus",
    ) -> None:
        self.amount = amount
        self.balance = balance
        self.batch = batch
        self.completed_at = completed_at
        self.date = date
        self.id = id
        self.index = index
        self.issue = issue
        self.push_operation_key = push_operation_key
        self.reason = reason
        self.status = status


class Reconciliation(ReconciliationMethods, Model):
    """What became of a source file's lines at Codat."""

    __slots__ = ("account_balance", "balance_breaks", "balance_matches", "batch_checks", "counts", "last_landed_balance", "lines", "not_in_source", "ok", "opening_balance", "target")
    _REQUIRED = ("balance_breaks", "batch_checks", "counts", "lines", "not_in_source", "ok", "target")

    account_balance: Optional[Decimal]
    """The account's balance at Codat, when it was read."""
    balance_breaks: list["BalanceBreak"]
    """Every line (valid, with a balance) where the running balance breaks, in source order."""
    balance_matches: Optional[bool]
    """Whether Codat's balance equals the last landed line's (none when either is unknown)."""
    batch_checks: list["BatchCheck"]
    """The journaled batches checked against Codat (with `confirm`; empty otherwise)."""
    counts: "StatusCounts"
    """How many lines have each status."""
    last_landed_balance: Optional[Decimal]
    """The balance after the last line that landed (feedrail's cursor)."""
    lines: list["ReconciledLine"]
    """One per source line, in source order."""
    not_in_source: list["ReconciledLine"]
    """Lines landed through feedrail that the source does not have, in the order they landed."""
    ok: bool
    """Every line of the source landed, the running balance holds, Codat's balance is not known to differ from the last landed line's, and every batch checked agrees with Codat."""
    opening_balance: Optional[Decimal]
    """The balance before the first line: as given, or the first valid line's balance less its amount."""
    target: "PushTarget"
    """The account."""

    def __init__(
        self,
        *,
        account_balance: Optional[Decimal] = None,
        balance_breaks: list["BalanceBreak"],
        balance_matches: Optional[bool] = None,
        batch_checks: list["BatchCheck"],
        counts: "StatusCounts",
        last_landed_balance: Optional[Decimal] = None,
        lines: list["ReconciledLine"],
        not_in_source: list["ReconciledLine"],
        ok: bool,
        opening_balance: Optional[Decimal] = None,
        target: "PushTarget",
    ) -> None:
        self.account_balance = account_balance
        self.balance_breaks = balance_breaks
        self.balance_matches = balance_matches
        self.batch_checks = batch_checks
        self.counts = counts
        self.last_landed_balance = last_landed_balance
        self.lines = lines
        self.not_in_source = not_in_source
        self.ok = ok
        self.opening_balance = opening_balance
        self.target = target


class RecordRef(Model):
    """Reference to a pushed record."""

    __slots__ = ("data_type", "id")

    data_type: Optional[str]
    """Record data type, e.g. `bankTransactions`."""
    id: Optional[str]
    """Record id."""

    def __init__(
        self,
        *,
        data_type: Optional[str] = None,
        id: Optional[str] = None,
    ) -> None:
        self.data_type = data_type
        self.id = id


class ReferenceCompany(Model):
    """The company an event is about."""

    __slots__ = ("description", "id", "name")
    _REQUIRED = ("id",)

    description: Optional[str]
    """Company description."""
    id: str
    """Company id."""
    name: Optional[str]
    """Company name."""

    def __init__(
        self,
        *,
        description: Optional[str] = None,
        id: str,
        name: Optional[str] = None,
    ) -> None:
        self.description = description
        self.id = id
        self.name = name


class Report(ReportMethods, Model):
    """The result of validating a list of transactions."""

    __slots__ = ("checked", "errors", "warnings")
    _REQUIRED = ("checked", "errors", "warnings")

    checked: int
    """How many input lines were checked."""
    errors: list["Issue"]
    """Findings that stop a push, in input order (account-level first)."""
    warnings: list["Issue"]
    """Findings that do not, in input order."""

    def __init__(
        self,
        *,
        checked: int,
        errors: list["Issue"],
        warnings: list["Issue"],
    ) -> None:
        self.checked = checked
        self.errors = errors
        self.warnings = warnings


class SandboxStats(Model):
    """The sandbox's counters since the last reset (`GET /_sandbox/stats`, `Sandbox::stats`)."""

    __slots__ = ("companies", "concurrency", "faults", "overlapping_pushes", "push_operations", "status_polls", "webhooks")
    _REQUIRED = ("companies", "concurrency", "faults", "overlapping_pushes", "push_operations", "status_polls", "webhooks")

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

    def __init__(
        self,
        *,
        companies: int,
        concurrency: "ConcurrencyStats",
        faults: "FaultStats",
        overlapping_pushes: int,
        push_operations: int,
        status_polls: int,
        webhooks: list["WebhookDeliveryStats"],
    ) -> None:
        self.companies = companies
        self.concurrency = concurrency
        self.faults = faults
        self.overlapping_pushes = overlapping_pushes
        self.push_operations = push_operations
        self.status_polls = status_polls
        self.webhooks = webhooks


class SourceAccount(Model):
    """A source account as Codat returns it."""

    __slots__ = ("account_name", "account_number", "account_type", "balance", "currency", "feed_start_date", "id", "modified_date", "sort_code", "status")
    _REQUIRED = ("id",)

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
    feed_start_date: Optional[datetime]
    """When the account became connected (set by the server)."""
    id: str
    """Your unique id for the account; the push path's `{accountId}`."""
    modified_date: Optional[datetime]
    """When the account last changed."""
    sort_code: Optional[str]
    """UK sort code (required by Codat for GBP accounts)."""
    status: Optional["AccountStatus"]
    """Connection state."""

    def __init__(
        self,
        *,
        account_name: Optional[str] = None,
        account_number: Optional[str] = None,
        account_type: Optional[str] = None,
        balance: Optional[Decimal] = None,
        currency: Optional[str] = None,
        feed_start_date: Optional[datetime] = None,
        id: str,
        modified_date: Optional[datetime] = None,
        sort_code: Optional[str] = None,
        status: Optional["AccountStatus"] = None,
    ) -> None:
        self.account_name = account_name
        self.account_number = account_number
        self.account_type = account_type
        self.balance = balance
        self.currency = currency
        self.feed_start_date = feed_start_date
        self.id = id
        self.modified_date = modified_date
        self.sort_code = sort_code
        self.status = status


class SourceAccountChanged(Model):
    """Payload of `bankFeeds.sourceAccount.connected` / `.disconnected`."""

    __slots__ = ("company_id", "connection_id", "reference_company", "source_account")
    _REQUIRED = ("connection_id", "source_account")

    company_id: Optional[str]
    """The company id (deprecated by Codat in favour of `referenceCompany`)."""
    connection_id: str
    """The bank feeds data connection."""
    reference_company: Optional["ReferenceCompany"]
    """The company."""
    source_account: "SourceAccount"
    """The source account, as Codat describes it."""

    def __init__(
        self,
        *,
        company_id: Optional[str] = None,
        connection_id: str,
        reference_company: Optional["ReferenceCompany"] = None,
        source_account: "SourceAccount",
    ) -> None:
        self.company_id = company_id
        self.connection_id = connection_id
        self.reference_company = reference_company
        self.source_account = source_account


class StatusCounts(Model):
    """How many lines have each status."""

    __slots__ = ("failed", "in_doubt", "landed", "not_in_source", "not_sent", "pending", "rejected")
    _REQUIRED = ("failed", "in_doubt", "landed", "not_in_source", "not_sent", "pending", "rejected")

    failed: int
    """Lines of refused batches."""
    in_doubt: int
    """Lines of the batch in doubt."""
    landed: int
    """Lines on the account."""
    not_in_source: int
    """Landed lines the source does not have."""
    not_sent: int
    """Valid lines never sent."""
    pending: int
    """Lines of the batch in flight."""
    rejected: int
    """Lines feedrail's validation refused."""

    def __init__(
        self,
        *,
        failed: int,
        in_doubt: int,
        landed: int,
        not_in_source: int,
        not_sent: int,
        pending: int,
        rejected: int,
    ) -> None:
        self.failed = failed
        self.in_doubt = in_doubt
        self.landed = landed
        self.not_in_source = not_in_source
        self.not_sent = not_sent
        self.pending = pending
        self.rejected = rejected


class TargetAccountOption(Model):
    """A target account a source account could be mapped to."""

    __slots__ = ("account_number", "balance", "id", "name", "sort_code")

    account_number: Optional[str]
    """Its account number."""
    balance: Optional[Decimal]
    """Its balance."""
    id: Optional[str]
    """Target account id."""
    name: Optional[str]
    """Its name."""
    sort_code: Optional[str]
    """Its sort code."""

    def __init__(
        self,
        *,
        account_number: Optional[str] = None,
        balance: Optional[Decimal] = None,
        id: Optional[str] = None,
        name: Optional[str] = None,
        sort_code: Optional[str] = None,
    ) -> None:
        self.account_number = account_number
        self.balance = balance
        self.id = id
        self.name = name
        self.sort_code = sort_code


class Transaction(Model):
    """One bank statement line, in Codat's camelCase wire format. `amount` is signed: positive is money in, negative is money out. `balance` is the account's running balance after this line; for Sage the balance of the last line pushed becomes the account's balance. Build these from raw records with [`validate_records`](crate::validate_records), which reports every problem per row."""

    __slots__ = ("amount", "balance", "counterparty", "date", "description", "id", "reconciled", "reference", "transaction_type")
    _REQUIRED = ("amount", "date", "id")

    amount: Decimal
    """Signed amount, exact."""
    balance: Optional[Decimal]
    """Running balance after this line, exact (mandatory for Sage)."""
    counterparty: Optional[str]
    """The giving or receiving party."""
    date: datetime
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

    def __init__(
        self,
        *,
        amount: Decimal,
        balance: Optional[Decimal] = None,
        counterparty: Optional[str] = None,
        date: datetime,
        description: Optional[str] = None,
        id: str,
        reconciled: Optional[bool] = None,
        reference: Optional[str] = None,
        transaction_type: Optional["TransactionType"] = None,
    ) -> None:
        self.amount = amount
        self.balance = balance
        self.counterparty = counterparty
        self.date = date
        self.description = description
        self.id = id
        self.reconciled = reconciled
        self.reference = reference
        self.transaction_type = transaction_type


class Validation(Model):
    """Errors and warnings Codat attached to a push operation."""

    __slots__ = ("errors", "warnings")

    errors: Optional[list["ValidationItem"]]
    """Problems that made the push fail."""
    warnings: Optional[list["ValidationItem"]]
    """Problems that did not stop it."""

    def __init__(
        self,
        *,
        errors: Optional[list["ValidationItem"]] = None,
        warnings: Optional[list["ValidationItem"]] = None,
    ) -> None:
        self.errors = errors
        self.warnings = warnings


class ValidationItem(Model):
    """One validation finding on a push operation or an error body."""

    __slots__ = ("item_id", "message", "validator_name")

    item_id: Optional[str]
    """What the finding is about (for bank transactions: the transaction id)."""
    message: Optional[str]
    """What is wrong."""
    validator_name: Optional[str]
    """Which validator found it."""

    def __init__(
        self,
        *,
        item_id: Optional[str] = None,
        message: Optional[str] = None,
        validator_name: Optional[str] = None,
    ) -> None:
        self.item_id = item_id
        self.message = message
        self.validator_name = validator_name


class ValidationReport(ReportMethods, Model):
    """The outcome of [`validate_records`]: the report and the lines that can be sent. Serializes as the report with `validIndices` (the form the language packages return)."""

    __slots__ = ("checked", "errors", "valid_indices", "warnings")
    _REQUIRED = ("checked", "errors", "valid_indices", "warnings")

    checked: int
    """How many input lines were checked."""
    errors: list["Issue"]
    """Findings that stop a push, in input order (account-level first)."""
    valid_indices: list[int]
    """Positions in the input of the lines without errors ([`check_records`] fills only these)."""
    warnings: list["Issue"]
    """Findings that do not, in input order."""

    def __init__(
        self,
        *,
        checked: int,
        errors: list["Issue"],
        valid_indices: list[int],
        warnings: list["Issue"],
    ) -> None:
        self.checked = checked
        self.errors = errors
        self.valid_indices = valid_indices
        self.warnings = warnings


class WebhookDeliveryStats(Model):
    """What an endpoint was sent."""

    __slots__ = ("abandoned", "delivered", "failed_attempts", "id", "in_flight", "url")
    _REQUIRED = ("abandoned", "delivered", "failed_attempts", "id", "in_flight", "url")

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

    def __init__(
        self,
        *,
        abandoned: int,
        delivered: int,
        failed_attempts: int,
        id: str,
        in_flight: int,
        url: str,
    ) -> None:
        self.abandoned = abandoned
        self.delivered = delivered
        self.failed_attempts = failed_attempts
        self.id = id
        self.in_flight = in_flight
        self.url = url


class WebhookEndpoint(Model):
    """A registered endpoint, with its signing secret (shown once, when it is registered)."""

    __slots__ = ("event_types", "id", "secret", "url")
    _REQUIRED = ("id", "secret", "url")
    _SECRET = ("secret",)

    event_types: Optional[list[str]]
    """The event types it receives (all when absent)."""
    id: str
    """Endpoint id."""
    secret: str
    """Its signing secret (`whsec_…`): give it to the receiver's verifier."""
    url: str
    """Where events go."""

    def __init__(
        self,
        *,
        event_types: Optional[list[str]] = None,
        id: str,
        secret: str,
        url: str,
    ) -> None:
        self.event_types = event_types
        self.id = id
        self.secret = secret
        self.url = url


class WebhookEvent(Model):
    """One webhook delivery from Codat. Deserializing one types its payload by its event type."""

    __slots__ = ("event_type", "generated_date", "id", "payload")
    _REQUIRED = ("event_type", "id", "payload")

    event_type: str
    """Its type, e.g. `bankTransactions.write.successful`."""
    generated_date: Optional[datetime]
    """When Codat generated it (absent when Codat's value is not a valid time)."""
    id: str
    """The event's id."""
    payload: "WebhookPayload"
    """What happened."""

    def __init__(
        self,
        *,
        event_type: str,
        generated_date: Optional[datetime] = None,
        id: str,
        payload: "WebhookPayload",
    ) -> None:
        self.event_type = event_type
        self.generated_date = generated_date
        self.id = id
        self.payload = payload


class WorkerMetrics(Model):
    """What a worker did so far."""

    __slots__ = ("batches", "claims", "lines_failed", "lines_landed", "max_claim_ms", "mean_batch_ms", "transient_errors")
    _REQUIRED = ("batches", "claims", "lines_failed", "lines_landed", "max_claim_ms", "mean_batch_ms", "transient_errors")

    batches: int
    """Batches that landed."""
    claims: int
    """Accounts claimed."""
    lines_failed: int
    """Lines marked failed (Codat refused their batch, or they no longer validate)."""
    lines_landed: int
    """Lines that landed (or were found landed) through this worker."""
    max_claim_ms: int
    """Longest claim, in milliseconds."""
    mean_batch_ms: float
    """Mean time from claiming an account to a batch landing, per batch, in milliseconds."""
    transient_errors: int
    """Claims that ended with a transient error (the account is tried again later)."""

    def __init__(
        self,
        *,
        batches: int,
        claims: int,
        lines_failed: int,
        lines_landed: int,
        max_claim_ms: int,
        mean_batch_ms: float,
        transient_errors: int,
    ) -> None:
        self.batches = batches
        self.claims = claims
        self.lines_failed = lines_failed
        self.lines_landed = lines_landed
        self.max_claim_ms = max_claim_ms
        self.mean_batch_ms = mean_batch_ms
        self.transient_errors = transient_errors


class WriteCompleted(Model):
    """Payload of `bankTransactions.write.successful` / `.unsuccessful`."""

    __slots__ = ("completed_on_date", "connection_id", "id", "reference_company", "requested_on_date", "status", "type")
    _REQUIRED = ("id", "status")

    completed_on_date: Optional[datetime]
    """When it ended."""
    connection_id: Optional[str]
    """The data connection pushed to."""
    id: str
    """The push operation's key (Codat's `id`)."""
    reference_company: Optional["ReferenceCompany"]
    """The company."""
    requested_on_date: Optional[datetime]
    """When the push was requested."""
    status: "PushStatus"
    """How it ended: `Success`, `Failed` or `TimedOut`."""
    type: Optional[str]
    """`Create`, `Update`, `Delete` or `UploadAttachment`."""

    def __init__(
        self,
        *,
        completed_on_date: Optional[datetime] = None,
        connection_id: Optional[str] = None,
        id: str,
        reference_company: Optional["ReferenceCompany"] = None,
        requested_on_date: Optional[datetime] = None,
        status: "PushStatus",
        type: Optional[str] = None,
    ) -> None:
        self.completed_on_date = completed_on_date
        self.connection_id = connection_id
        self.id = id
        self.reference_company = reference_company
        self.requested_on_date = requested_on_date
        self.status = status
        self.type = type


# The type aliases: for type checkers, and built on first use at run time (`typing` costs
# start-up time).
if TYPE_CHECKING:
    AccountStatus = Literal["pending", "connected", "connecting", "disconnected", "unknown"]
    """Connection state of a source account. Only `connected` accounts accept pushes in Sage."""
    BatchStatus = Literal["success", "alreadyLanded", "failed", "inDoubt", "pending", "notSent"]
    """Where a batch ended."""
    ConnectionStatus = Literal["PendingAuth", "Linked", "Unlinked", "Deauthorized"]
    """State of a data connection."""
    ErrorCode = Literal["VALIDATION", "CONFIG", "AUTH", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "BAD_REQUEST", "RATE_LIMITED", "API", "NETWORK", "TIMEOUT", "PUSH_FAILED", "PUSH_TIMED_OUT", "ACCOUNT_NOT_CONNECTED", "ACCOUNT_BUSY", "STORE", "WEBHOOK_SIGNATURE", "WEBHOOK_REPLAY", "WEBHOOK_PAYLOAD", "INTERNAL"]
    """Stable, machine-readable error codes (`exc.code` in Python, `err.code` in Node)."""
    ErrorIssues = Union[list["Issue"], list["ValidationItem"]]
    """The findings an error carries."""
    IssueCode = Literal["MISSING_FIELD", "INVALID_FIELD", "INVALID_RECORD", "DUPLICATE_ID", "OUT_OF_ORDER", "OLDER_THAN_LATEST", "FUTURE_DATE", "ACCOUNT_NOT_CONNECTED", "AMOUNT_SIGN_MISMATCH", "BALANCE_DISCONTINUITY", "UNKNOWN_FIELD", "MIXED_OFFSETS"]
    """Stable code of a validation finding, shared by every language feedrail ships."""
    JournalStatus = Literal["landed", "failed"]
    """How a journaled batch ended."""
    LineStatus = Literal["landed", "pending", "in_doubt", "failed", "rejected", "not_sent", "not_in_source"]
    """What became of one line."""
    ProgressEvent = Union["ProgressEventResumed", "ProgressEventPlanned", "ProgressEventBatchSent", "ProgressEventBatchLanded", "ProgressEventBatchStopped"]
    """Something a feed run did."""
    PushStatus = Literal["Pending", "Failed", "Success", "TimedOut"]
    """Where a push operation stands. `Pending` is the only non-final status."""
    Resolution = Literal["foundInHistory", "resent", "alreadyReceived", "unresolved"]
    """How a batch whose fate was unknown was settled."""
    StatusCode = Union[int, str]
    """An HTTP status that Codat sends sometimes as a number, sometimes as a string."""
    TransactionType = Literal["Unknown", "Credit", "Debit", "Int", "Div", "Fee", "SerChg", "Dep", "Atm", "Pos", "Xfer", "Check", "Payment", "Cash", "DirectDep", "DirectDebit", "RepeatPmt", "Other"]
    """Codat's `BankTransactionType`: all 18 values, in the spec's order."""
    WebhookPayload = Union["WriteCompleted", "SourceAccountChanged", "RateLimitChanged", dict[str, object]]
    """An event's payload: typed for the event types feedrail knows, raw JSON for the rest."""


def _aliases() -> dict[str, object]:
    from typing import Literal, Union

    return {
        "AccountStatus": Literal["pending", "connected", "connecting", "disconnected", "unknown"],
        "BatchStatus": Literal["success", "alreadyLanded", "failed", "inDoubt", "pending", "notSent"],
        "ConnectionStatus": Literal["PendingAuth", "Linked", "Unlinked", "Deauthorized"],
        "ErrorCode": Literal["VALIDATION", "CONFIG", "AUTH", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "BAD_REQUEST", "RATE_LIMITED", "API", "NETWORK", "TIMEOUT", "PUSH_FAILED", "PUSH_TIMED_OUT", "ACCOUNT_NOT_CONNECTED", "ACCOUNT_BUSY", "STORE", "WEBHOOK_SIGNATURE", "WEBHOOK_REPLAY", "WEBHOOK_PAYLOAD", "INTERNAL"],
        "ErrorIssues": Union[list[Issue], list[ValidationItem]],
        "IssueCode": Literal["MISSING_FIELD", "INVALID_FIELD", "INVALID_RECORD", "DUPLICATE_ID", "OUT_OF_ORDER", "OLDER_THAN_LATEST", "FUTURE_DATE", "ACCOUNT_NOT_CONNECTED", "AMOUNT_SIGN_MISMATCH", "BALANCE_DISCONTINUITY", "UNKNOWN_FIELD", "MIXED_OFFSETS"],
        "JournalStatus": Literal["landed", "failed"],
        "LineStatus": Literal["landed", "pending", "in_doubt", "failed", "rejected", "not_sent", "not_in_source"],
        "ProgressEvent": Union[ProgressEventResumed, ProgressEventPlanned, ProgressEventBatchSent, ProgressEventBatchLanded, ProgressEventBatchStopped],
        "PushStatus": Literal["Pending", "Failed", "Success", "TimedOut"],
        "Resolution": Literal["foundInHistory", "resent", "alreadyReceived", "unresolved"],
        "StatusCode": Union[int, str],
        "TransactionType": Literal["Unknown", "Credit", "Debit", "Int", "Div", "Fee", "SerChg", "Dep", "Atm", "Pos", "Xfer", "Check", "Payment", "Cash", "DirectDep", "DirectDebit", "RepeatPmt", "Other"],
        "WebhookPayload": Union[WriteCompleted, SourceAccountChanged, RateLimitChanged, dict[str, object]],
    }


def __getattr__(name: str) -> object:
    aliases = _aliases()
    if name in aliases:
        globals().update(aliases)
        return aliases[name]
    raise AttributeError(f"module 'feedrail._types' has no attribute {name!r}")


# How each attribute is read from the native module's value, where it needs reading.
AccountMapping._CONVERT = {"feed_start_date": to_datetime, "target_account_options": to_list(TargetAccountOption._from)}
AccountQueueStatus._CONVERT = {"retry_at": to_datetime, "target": PushTarget._from}
BatchCreateItem._CONVERT = {"result": BatchCreateResult._from}
BatchCreateResult._CONVERT = {"account": SourceAccount._from}
BatchOutcome._CONVERT = {"errors": to_list(ValidationItem._from)}
Company._CONVERT = {"created": to_datetime, "data_connections": to_list(Connection._from)}
CompanyPage._CONVERT = {"links": Links._from, "results": to_list(Company._from)}
Connection._CONVERT = {"created": to_datetime, "last_sync": to_datetime}
Enqueued._CONVERT = {"validation": Report._from}
FaultConfig._CONVERT = {"error500": float, "error503": float, "latency": float, "push_failed": float, "push_timed_out": float, "rate_limited": float, "reset_after_commit": float, "reset_before_commit": float, "timed_out_landed": float}
FeedReport._CONVERT = {"batches": to_list(BatchOutcome._from), "resumed": BatchOutcome._from, "target": PushTarget._from, "validation": Report._from}
FeedrailErrorDetails._CONVERT = {"report": FeedReport._from, "retry_after": float}
Ledger._CONVERT = {"latest_date": to_datetime, "transactions": to_list(Transaction._from)}
Links._CONVERT = {"current": Link._from, "next": Link._from, "previous": Link._from, "self": Link._from}
Otp._CONVERT = {"expiry": to_datetime}
PushChange._CONVERT = {"record_ref": RecordRef._from}
PushOperation._CONVERT = {"changes": to_list(PushChange._from), "completed_on_utc": to_datetime, "requested_on_utc": to_datetime, "validation": Validation._from}
PushOperationPage._CONVERT = {"links": Links._from, "results": to_list(PushOperation._from)}
PushOption._CONVERT = {"options": to_list(PushOptionChoice._from), "properties": to_map(PushOption._from), "validation": PushValidationInfo._from}
PushValidationInfo._CONVERT = {"information": to_list(PushFieldValidation._from), "warnings": to_list(PushFieldValidation._from)}
RateLimitChanged._CONVERT = {"expiry_date": to_datetime}
ReconciledLine._CONVERT = {"completed_at": to_datetime, "date": to_datetime, "issue": Issue._from}
Reconciliation._CONVERT = {"balance_breaks": to_list(BalanceBreak._from), "batch_checks": to_list(BatchCheck._from), "counts": StatusCounts._from, "lines": to_list(ReconciledLine._from), "not_in_source": to_list(ReconciledLine._from), "target": PushTarget._from}
Report._CONVERT = {"errors": to_list(Issue._from), "warnings": to_list(Issue._from)}
SandboxStats._CONVERT = {"concurrency": ConcurrencyStats._from, "faults": FaultStats._from, "webhooks": to_list(WebhookDeliveryStats._from)}
SourceAccount._CONVERT = {"feed_start_date": to_datetime, "modified_date": to_datetime}
SourceAccountChanged._CONVERT = {"reference_company": ReferenceCompany._from, "source_account": SourceAccount._from}
Transaction._CONVERT = {"date": to_datetime}
Validation._CONVERT = {"errors": to_list(ValidationItem._from), "warnings": to_list(ValidationItem._from)}
ValidationReport._CONVERT = {"errors": to_list(Issue._from), "warnings": to_list(Issue._from)}
WebhookEvent._CONVERT = {"generated_date": to_datetime, "payload": to_one_of(WriteCompleted, SourceAccountChanged, RateLimitChanged)}
WorkerMetrics._CONVERT = {"mean_batch_ms": float}
WriteCompleted._CONVERT = {"completed_on_date": to_datetime, "reference_company": ReferenceCompany._from, "requested_on_date": to_datetime}

# How each type is read from the native module's value, by name.
READERS: dict[str, Reader] = {
    "AccountMapping": AccountMapping._from,
    "AccountMappingResult": AccountMappingResult._from,
    "AccountQueueStatus": AccountQueueStatus._from,
    "BalanceBreak": BalanceBreak._from,
    "BatchCheck": BatchCheck._from,
    "BatchCreateItem": BatchCreateItem._from,
    "BatchCreateResult": BatchCreateResult._from,
    "BatchOutcome": BatchOutcome._from,
    "Company": Company._from,
    "CompanyInformation": CompanyInformation._from,
    "CompanyPage": CompanyPage._from,
    "ConcurrencyStats": ConcurrencyStats._from,
    "Connection": Connection._from,
    "Credentials": Credentials._from,
    "Enqueued": Enqueued._from,
    "FaultConfig": FaultConfig._from,
    "FaultStats": FaultStats._from,
    "FeedReport": FeedReport._from,
    "FeedrailErrorDetails": FeedrailErrorDetails._from,
    "Issue": Issue._from,
    "Ledger": Ledger._from,
    "Link": Link._from,
    "Links": Links._from,
    "Otp": Otp._from,
    "ProgressEvent": to_one_of(ProgressEventResumed, ProgressEventPlanned, ProgressEventBatchSent, ProgressEventBatchLanded, ProgressEventBatchStopped),
    "ProgressEventBatchLanded": ProgressEventBatchLanded._from,
    "ProgressEventBatchSent": ProgressEventBatchSent._from,
    "ProgressEventBatchStopped": ProgressEventBatchStopped._from,
    "ProgressEventPlanned": ProgressEventPlanned._from,
    "ProgressEventResumed": ProgressEventResumed._from,
    "PushChange": PushChange._from,
    "PushFieldValidation": PushFieldValidation._from,
    "PushOperation": PushOperation._from,
    "PushOperationPage": PushOperationPage._from,
    "PushOption": PushOption._from,
    "PushOptionChoice": PushOptionChoice._from,
    "PushTarget": PushTarget._from,
    "PushValidationInfo": PushValidationInfo._from,
    "RateLimitChanged": RateLimitChanged._from,
    "ReconciledLine": ReconciledLine._from,
    "Reconciliation": Reconciliation._from,
    "RecordRef": RecordRef._from,
    "ReferenceCompany": ReferenceCompany._from,
    "Report": Report._from,
    "SandboxStats": SandboxStats._from,
    "SourceAccount": SourceAccount._from,
    "SourceAccountChanged": SourceAccountChanged._from,
    "StatusCounts": StatusCounts._from,
    "TargetAccountOption": TargetAccountOption._from,
    "Transaction": Transaction._from,
    "Validation": Validation._from,
    "ValidationItem": ValidationItem._from,
    "ValidationReport": ValidationReport._from,
    "WebhookDeliveryStats": WebhookDeliveryStats._from,
    "WebhookEndpoint": WebhookEndpoint._from,
    "WebhookEvent": WebhookEvent._from,
    "WebhookPayload": to_one_of(WriteCompleted, SourceAccountChanged, RateLimitChanged),
    "WorkerMetrics": WorkerMetrics._from,
    "WriteCompleted": WriteCompleted._from,
}

# What each operation returns (the table in bindings-common/src/surface.rs), read from the
# native module's value.
RESULTS: dict[str, Reader] = {
    "create_company": Company._from,
    "get_company": Company._from,
    "list_companies": CompanyPage._from,
    "create_connection": Connection._from,
    "get_connection": Connection._from,
    "list_connections": to_list(Connection._from),
    "unlink_connection": Connection._from,
    "generate_otp": Otp._from,
    "get_company_information": CompanyInformation._from,
    "generate_credentials": Credentials._from,
    "list_account_mappings": to_list(AccountMapping._from),
    "create_account_mapping": AccountMappingResult._from,
    "create_account": SourceAccount._from,
    "create_accounts": to_list(BatchCreateItem._from),
    "list_accounts": to_list(SourceAccount._from),
    "get_account": SourceAccount._from,
    "update_account": SourceAccount._from,
    "get_bank_transactions_model": PushOption._from,
    "push_batch": PushOperation._from,
    "get_push_operation": PushOperation._from,
    "wait": PushOperation._from,
    "list_push_operations": PushOperationPage._from,
    "push_feed": FeedReport._from,
    "enqueue": Enqueued._from,
    "queue_status": to_list(AccountQueueStatus._from),
    "reconcile": Reconciliation._from,
    "handle_webhook": WebhookEvent._from,
}


# The client's call of an operation by name, typed by each operation's result (the table in
# bindings-common/src/surface.rs): for type checkers only.
if TYPE_CHECKING:
    from typing import Awaitable, Mapping, Protocol, overload

    from feedrail._errors import FeedrailError

    class Call(Protocol):
        """Runs an operation by name and returns its result read."""

        @overload
        def __call__(self, operation: Literal["create_company"], args: Mapping[str, object], /) -> Company: ...

        @overload
        def __call__(self, operation: Literal["get_company"], args: Mapping[str, object], /) -> Company: ...

        @overload
        def __call__(self, operation: Literal["list_companies"], args: Mapping[str, object], /) -> CompanyPage: ...

        @overload
        def __call__(self, operation: Literal["delete_company"], args: Mapping[str, object], /) -> None: ...

        @overload
        def __call__(self, operation: Literal["create_connection"], args: Mapping[str, object], /) -> Connection: ...

        @overload
        def __call__(self, operation: Literal["get_connection"], args: Mapping[str, object], /) -> Connection: ...

        @overload
        def __call__(self, operation: Literal["list_connections"], args: Mapping[str, object], /) -> list[Connection]: ...

        @overload
        def __call__(self, operation: Literal["unlink_connection"], args: Mapping[str, object], /) -> Connection: ...

        @overload
        def __call__(self, operation: Literal["delete_connection"], args: Mapping[str, object], /) -> None: ...

        @overload
        def __call__(self, operation: Literal["generate_otp"], args: Mapping[str, object], /) -> Otp: ...

        @overload
        def __call__(self, operation: Literal["get_company_information"], args: Mapping[str, object], /) -> CompanyInformation: ...

        @overload
        def __call__(self, operation: Literal["generate_credentials"], args: Mapping[str, object], /) -> Credentials: ...

        @overload
        def __call__(self, operation: Literal["delete_credentials"], args: Mapping[str, object], /) -> None: ...

        @overload
        def __call__(self, operation: Literal["list_account_mappings"], args: Mapping[str, object], /) -> list[AccountMapping]: ...

        @overload
        def __call__(self, operation: Literal["create_account_mapping"], args: Mapping[str, object], /) -> AccountMappingResult: ...

        @overload
        def __call__(self, operation: Literal["create_account"], args: Mapping[str, object], /) -> SourceAccount: ...

        @overload
        def __call__(self, operation: Literal["create_accounts"], args: Mapping[str, object], /) -> list[BatchCreateItem]: ...

        @overload
        def __call__(self, operation: Literal["list_accounts"], args: Mapping[str, object], /) -> list[SourceAccount]: ...

        @overload
        def __call__(self, operation: Literal["get_account"], args: Mapping[str, object], /) -> SourceAccount: ...

        @overload
        def __call__(self, operation: Literal["update_account"], args: Mapping[str, object], /) -> SourceAccount: ...

        @overload
        def __call__(self, operation: Literal["delete_account"], args: Mapping[str, object], /) -> None: ...

        @overload
        def __call__(self, operation: Literal["get_bank_transactions_model"], args: Mapping[str, object], /) -> PushOption: ...

        @overload
        def __call__(self, operation: Literal["push_batch"], args: Mapping[str, object], /) -> PushOperation: ...

        @overload
        def __call__(self, operation: Literal["get_push_operation"], args: Mapping[str, object], /) -> PushOperation: ...

        @overload
        def __call__(self, operation: Literal["wait"], args: Mapping[str, object], /) -> PushOperation: ...

        @overload
        def __call__(self, operation: Literal["list_push_operations"], args: Mapping[str, object], /) -> PushOperationPage: ...

        @overload
        def __call__(self, operation: Literal["push_feed"], args: Mapping[str, object], /) -> FeedReport: ...

        @overload
        def __call__(self, operation: Literal["push_feeds"], args: Mapping[str, object], /) -> dict[str, Union[FeedrailError, dict[str, object]]]: ...

        @overload
        def __call__(self, operation: Literal["enqueue"], args: Mapping[str, object], /) -> Enqueued: ...

        @overload
        def __call__(self, operation: Literal["queue_status"], args: Mapping[str, object], /) -> list[AccountQueueStatus]: ...

        @overload
        def __call__(self, operation: Literal["reconcile"], args: Mapping[str, object], /) -> Reconciliation: ...

        @overload
        def __call__(self, operation: Literal["retry_failed"], args: Mapping[str, object], /) -> int: ...

        @overload
        def __call__(self, operation: Literal["drop_failed"], args: Mapping[str, object], /) -> int: ...

    class CallAsync(Protocol):
        """Runs an operation by name on tokio; awaiting it gives its result read."""

        @overload
        def __call__(self, operation: Literal["create_company"], args: Mapping[str, object], /) -> Awaitable[Company]: ...

        @overload
        def __call__(self, operation: Literal["get_company"], args: Mapping[str, object], /) -> Awaitable[Company]: ...

        @overload
        def __call__(self, operation: Literal["list_companies"], args: Mapping[str, object], /) -> Awaitable[CompanyPage]: ...

        @overload
        def __call__(self, operation: Literal["delete_company"], args: Mapping[str, object], /) -> Awaitable[None]: ...

        @overload
        def __call__(self, operation: Literal["create_connection"], args: Mapping[str, object], /) -> Awaitable[Connection]: ...

        @overload
        def __call__(self, operation: Literal["get_connection"], args: Mapping[str, object], /) -> Awaitable[Connection]: ...

        @overload
        def __call__(self, operation: Literal["list_connections"], args: Mapping[str, object], /) -> Awaitable[list[Connection]]: ...

        @overload
        def __call__(self, operation: Literal["unlink_connection"], args: Mapping[str, object], /) -> Awaitable[Connection]: ...

        @overload
        def __call__(self, operation: Literal["delete_connection"], args: Mapping[str, object], /) -> Awaitable[None]: ...

        @overload
        def __call__(self, operation: Literal["generate_otp"], args: Mapping[str, object], /) -> Awaitable[Otp]: ...

        @overload
        def __call__(self, operation: Literal["get_company_information"], args: Mapping[str, object], /) -> Awaitable[CompanyInformation]: ...

        @overload
        def __call__(self, operation: Literal["generate_credentials"], args: Mapping[str, object], /) -> Awaitable[Credentials]: ...

        @overload
        def __call__(self, operation: Literal["delete_credentials"], args: Mapping[str, object], /) -> Awaitable[None]: ...

        @overload
        def __call__(self, operation: Literal["list_account_mappings"], args: Mapping[str, object], /) -> Awaitable[list[AccountMapping]]: ...

        @overload
        def __call__(self, operation: Literal["create_account_mapping"], args: Mapping[str, object], /) -> Awaitable[AccountMappingResult]: ...

        @overload
        def __call__(self, operation: Literal["create_account"], args: Mapping[str, object], /) -> Awaitable[SourceAccount]: ...

        @overload
        def __call__(self, operation: Literal["create_accounts"], args: Mapping[str, object], /) -> Awaitable[list[BatchCreateItem]]: ...

        @overload
        def __call__(self, operation: Literal["list_accounts"], args: Mapping[str, object], /) -> Awaitable[list[SourceAccount]]: ...

        @overload
        def __call__(self, operation: Literal["get_account"], args: Mapping[str, object], /) -> Awaitable[SourceAccount]: ...

        @overload
        def __call__(self, operation: Literal["update_account"], args: Mapping[str, object], /) -> Awaitable[SourceAccount]: ...

        @overload
        def __call__(self, operation: Literal["delete_account"], args: Mapping[str, object], /) -> Awaitable[None]: ...

        @overload
        def __call__(self, operation: Literal["get_bank_transactions_model"], args: Mapping[str, object], /) -> Awaitable[PushOption]: ...

        @overload
        def __call__(self, operation: Literal["push_batch"], args: Mapping[str, object], /) -> Awaitable[PushOperation]: ...

        @overload
        def __call__(self, operation: Literal["get_push_operation"], args: Mapping[str, object], /) -> Awaitable[PushOperation]: ...

        @overload
        def __call__(self, operation: Literal["wait"], args: Mapping[str, object], /) -> Awaitable[PushOperation]: ...

        @overload
        def __call__(self, operation: Literal["list_push_operations"], args: Mapping[str, object], /) -> Awaitable[PushOperationPage]: ...

        @overload
        def __call__(self, operation: Literal["push_feed"], args: Mapping[str, object], /) -> Awaitable[FeedReport]: ...

        @overload
        def __call__(self, operation: Literal["push_feeds"], args: Mapping[str, object], /) -> Awaitable[dict[str, Union[FeedrailError, dict[str, object]]]]: ...

        @overload
        def __call__(self, operation: Literal["enqueue"], args: Mapping[str, object], /) -> Awaitable[Enqueued]: ...

        @overload
        def __call__(self, operation: Literal["queue_status"], args: Mapping[str, object], /) -> Awaitable[list[AccountQueueStatus]]: ...

        @overload
        def __call__(self, operation: Literal["reconcile"], args: Mapping[str, object], /) -> Awaitable[Reconciliation]: ...

        @overload
        def __call__(self, operation: Literal["retry_failed"], args: Mapping[str, object], /) -> Awaitable[int]: ...

        @overload
        def __call__(self, operation: Literal["drop_failed"], args: Mapping[str, object], /) -> Awaitable[int]: ...
