"""`Client` and `AsyncClient`: typed, documented signatures over the native client. Every
operation runs in the Rust core; these only name the arguments."""

from __future__ import annotations

from collections.abc import AsyncIterable

from feedrail._errors import FeedrailError, config_error
from feedrail._native import LineBuffer, NativeClient, NativeWorker
from feedrail._report import feed_records
from feedrail._worker import AsyncWorker, Worker
from feedrail.webhooks import _body as _webhook_body
from feedrail.webhooks import _pairs as _webhook_pairs

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: `typing` and the result types load on first use
    from datetime import date, datetime
    from decimal import Decimal
    from typing import Any, AsyncIterator, Callable, Iterable, Iterator, Mapping, Optional, TypeVar, Union

    from feedrail._types import (
        AccountMapping, AccountMappingResult, AccountQueueStatus, BatchCreateItem, Company, CompanyInformation,
        Call, CallAsync, CompanyPage, Connection, Credentials, Enqueued, FeedReport, Otp, ProgressEvent, PushOperation,
        PushOperationPage, PushOption, Reconciliation, SourceAccount, WebhookEvent,
    )
    from feedrail.webhooks import Headers

    Progress = Optional[Callable[[ProgressEvent], None]]
    Records = Iterable[object]
    """Lines: dicts (camelCase or snake_case keys), dataclasses or objects with attributes, or a
    pandas DataFrame."""
    AsyncRecords = Union[Records, AsyncIterable[object]]
    """`Records`, or an async iterable of records (read a chunk at a time)."""
    Day = Union[str, date, datetime, None]
    """A day: ISO 8601 text, a `date`, or a `datetime` (its day)."""
    OnProgress = Union[Callable[[ProgressEvent], object], bool, None]
    """A callable taking each `ProgressEvent`, or `True` for a tqdm bar."""
    _Client = TypeVar("_Client", bound="_Base")


def _read(operation: str, value: object) -> object:
    """An operation's native result as its typed result (`feedrail._types.RESULTS`)."""
    from feedrail._types import RESULTS

    read = RESULTS.get(operation)
    return value if read is None or value is None else read(value)


def _progress(progress: Any) -> Progress:
    """A callable as given; `True` for a tqdm bar when tqdm is installed."""
    if progress is not True:
        return progress
    try:
        from tqdm.auto import tqdm  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        return None
    bars: dict[str, Any] = {}

    def update(event: ProgressEvent) -> None:
        account = event.account_id
        if event.event == "planned":
            bars[account] = tqdm(total=event.transactions, desc=account, unit="tx")
        elif event.event == "batch_landed" and account in bars:
            bars[account].update(event.size)
        elif event.event == "batch_stopped" and account in bars:
            bars[account].close()
        if account in bars and bars[account].n >= bars[account].total:
            bars[account].close()

    return update


class _Base:
    def __init__(
        self,
        api_key: str,
        *,
        base_url: Optional[str] = None,
        cursor: Optional[str] = None,
        max_retries: Optional[int] = None,
        timeout: Optional[float] = None,
        total_timeout: Optional[float] = None,
        concurrency_per_company: Optional[int] = None,
        user_agent: Optional[str] = None,
        webhook_secret: Optional[str] = None,
        proxy: Optional[str] = None,
    ) -> None:
        """A client with the raw `api_key` from the Codat Portal (feedrail encodes it).

        `base_url` defaults to https://api.codat.io (plain http only on loopback, e.g. the
        sandbox). `cursor` keeps what was pushed so an interrupted feed resumes: a SQLite file
        path, or a `postgresql://` URL that many machines share (they then also share Codat's
        per-company request limit). `max_retries` (default 4) are retries after a request's first attempt;
        `timeout` is per request, in seconds (default 60); `total_timeout` bounds one operation
        with all its retries (default 300); `concurrency_per_company` caps the requests in flight
        to one company (default 10, Codat's limit). `user_agent` is added to feedrail's.
        `webhook_secret` is the signing secret (`whsec_…`) of the webhook endpoint whose
        deliveries you hand to `handle_webhook`: waits for a push then end on its event, and
        polls are only the fallback (at least 5 s apart). `proxy` (http://host:port) is used for
        an https base URL, which it only tunnels (the API key crosses it inside TLS); without
        it, HTTPS_PROXY / ALL_PROXY apply to https base URLs and no proxy to a loopback one.
        """
        try:
            self._native = NativeClient(api_key, base_url, cursor, max_retries, timeout, total_timeout,
                                        concurrency_per_company, user_agent, webhook_secret, proxy)
        except (TypeError, OverflowError, ValueError) as e:
            raise config_error(str(e)) from None

    @property
    def closed(self) -> bool:
        """Whether `close()` was called."""
        return bool(self._native.closed)

    def close(self) -> None:
        """Lets go of the client's connections and cursor store; later calls raise
        `ConfigError`. Closing twice is harmless."""
        self._native.close()

    def with_options(self: _Client, *, max_retries: Optional[int] = None, timeout: Optional[float] = None,
                     total_timeout: Optional[float] = None) -> _Client:
        """The same client — connections, per-company limit, cursor store — with another retry
        policy or request timeout, e.g. `client.with_options(max_retries=0).get_company(id)`.
        Unset options keep this client's."""
        derived = object.__new__(type(self))
        derived._native = self._native.with_options(max_retries, timeout, total_timeout)
        return derived

    if TYPE_CHECKING:  # each operation's result type, from the generated overloads
        _call: Call
        _call_async: CallAsync
    else:

        def _call(self, operation: str, args: dict[str, object]) -> object:
            """Runs an operation by name and returns its result read."""
            return _read(operation, self._native.call(operation, args))

        async def _call_async(self, operation: str, args: dict[str, object]) -> object:
            """Runs an operation by name on tokio and returns its result read."""
            return _read(operation, await self._native.call_async(operation, args))

    def _worker_native(self, options: dict[str, object]) -> NativeWorker:
        return self._native.worker({k: v for k, v in options.items() if v is not None})

    @property
    def base_url(self) -> str:
        """Where requests go."""
        return self._native.base_url

    def handle_webhook(self, body: Union[bytes, str], headers: Headers) -> WebhookEvent:
        """Verifies a Codat webhook delivery with the client's `webhook_secret` (refusing a
        replayed one), acts on its event (see `handle_event`) and returns it. `body` is the raw
        request body. Answer 200 when it returns or raises `WebhookReplayError`, 400 on
        `WebhookSignatureError` and `WebhookPayloadError`. Never blocks: safe in async code."""
        from feedrail._types import WebhookEvent

        return WebhookEvent._from(self._native.handle_webhook(_webhook_body(body), _webhook_pairs(headers)))

    def handle_event(self, event: WebhookEvent) -> None:
        """Acts on an event verified elsewhere: `bankTransactions.write.*` ends the wait for
        its push at once (one poll then reads the final status), `client.rateLimit.reached`
        holds every request until the quota resets (or `client.rateLimit.reset` arrives), and
        `bankFeeds.sourceAccount.connected` makes a worker push the account's queued lines at
        once. Handling an event twice does no harm."""
        self._native.handle_event(event.to_dict(mode="json"))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"


def _target(company_id: str, connection_id: str, account_id: str) -> dict[str, object]:
    return {"company_id": company_id, "connection_id": connection_id, "account_id": account_id}


def _list_args(page: int, page_size: Optional[int], query: Optional[str], order_by: Optional[str]) -> dict[str, object]:
    return {"page": page, "page_size": page_size, "query": query, "order_by": order_by}


def _worker_options(accounts_at_once: Optional[int], lines_per_claim: Optional[int], until_drained: Optional[bool],
                    idle_poll: Optional[float], lease_ttl: Optional[float], batch_size: Optional[int],
                    wait_timeout: Optional[float], profile: Optional[str]) -> dict[str, object]:
    return {"accounts_at_once": accounts_at_once, "lines_per_claim": lines_per_claim,
            "until_drained": until_drained, "idle_poll": idle_poll, "lease_ttl": lease_ttl,
            "batch_size": batch_size, "wait_timeout": wait_timeout, "profile": profile}


def _feed_args(company_id: str, connection_id: str, account_id: str, records: Any, **options: Any) -> dict[str, object]:
    options["progress"] = _progress(options.get("progress"))
    return {"company_id": company_id, "connection_id": connection_id, "account_id": account_id,
            "records": feed_records(records), **options}


class Client(_Base):
    """A Codat Bank Feeds client. Calls block the calling thread while they run, never the
    interpreter: the GIL is released. A context manager (`with Client(key) as client:`) that
    closes on exit; usable in a child after `os.fork()` (it reconnects there)."""

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def create_company(self, name: str, *, description: Optional[str] = None) -> Company:
        """Creates a company."""
        return self._call("create_company", {"name": name, "description": description})

    def get_company(self, company_id: str) -> Company:
        """A company."""
        return self._call("get_company", {"company_id": company_id})

    def list_companies(self, *, page: int = 1, page_size: Optional[int] = None, query: Optional[str] = None,
                       order_by: Optional[str] = None) -> CompanyPage:
        """One page of your companies (`results`, `total_results`, `links`), filtered with Codat's
        query language (e.g. `query="name~Bakery"`)."""
        return self._call("list_companies", _list_args(page, page_size, query, order_by))

    def iter_companies(self, *, query: Optional[str] = None, order_by: Optional[str] = None,
                       page_size: Optional[int] = None) -> Iterator[Company]:
        """Every company matching `query`, page after page as they are read."""
        page = 1
        while True:
            result = self.list_companies(page=page, page_size=page_size, query=query, order_by=order_by)
            yield from result.results
            if not result.links.next or not result.results:
                return
            page += 1

    def delete_company(self, company_id: str) -> None:
        """Deletes a company with its connections and everything pushed through them, for good."""
        self._call("delete_company", {"company_id": company_id})

    def create_connection(self, company_id: str, *, platform_key: Optional[str] = None) -> Connection:
        """Creates a data connection (default: Sage Bank Feeds, platform key `olpr`)."""
        return self._call("create_connection", {"company_id": company_id, "platform_key": platform_key})

    def get_connection(self, company_id: str, connection_id: str) -> Connection:
        """A data connection."""
        return self._call("get_connection", {"company_id": company_id, "connection_id": connection_id})

    def generate_otp(self, company_id: str, connection_id: str) -> Otp:
        """A one-time password (Sage only): show it to the Sage user, who enters it with the
        connection id in Sage's "Connect Bank" dialog before `expiry`."""
        return self._call("generate_otp", {"company_id": company_id, "connection_id": connection_id})

    def list_connections(self, company_id: str) -> list[Connection]:
        """Every connection of a company."""
        return self._call("list_connections", {"company_id": company_id})

    def create_account(self, company_id: str, connection_id: str, account: Mapping[str, object]) -> SourceAccount:
        """Creates a source account (`id`, `account_name`, `account_type`, `account_number`,
        `sort_code`, `currency`, `balance`); it starts `pending`."""
        return self._call("create_account", {"company_id": company_id, "connection_id": connection_id, "account": account})

    def create_accounts(self, company_id: str, connection_id: str, accounts: list[Mapping[str, object]]) -> list[BatchCreateItem]:
        """Creates several source accounts; one result per account."""
        return self._call("create_accounts", {"company_id": company_id, "connection_id": connection_id, "accounts": accounts})

    def list_accounts(self, company_id: str, connection_id: str) -> list[SourceAccount]:
        """The connection's source accounts."""
        return self._call("list_accounts", {"company_id": company_id, "connection_id": connection_id})

    def get_account(self, company_id: str, connection_id: str, account_id: str) -> SourceAccount:
        """One source account."""
        return self._call("get_account", {"company_id": company_id, "connection_id": connection_id, "account_id": account_id})

    def update_account(self, company_id: str, connection_id: str, account_id: str, **update: object) -> SourceAccount:
        """Updates `account_name`, `status` (only to `disconnected`) or `balance` (only while not
        connected)."""
        return self._call("update_account", {"company_id": company_id, "connection_id": connection_id,
                                                    "account_id": account_id, "update": update})

    def delete_account(self, company_id: str, connection_id: str, account_id: str) -> None:
        """Deletes a source account."""
        self._call("delete_account", {"company_id": company_id, "connection_id": connection_id, "account_id": account_id})

    def delete_connection(self, company_id: str, connection_id: str) -> None:
        """Revokes and removes a connection and its source accounts; the user must connect anew."""
        self._call("delete_connection", {"company_id": company_id, "connection_id": connection_id})

    def unlink_connection(self, company_id: str, connection_id: str) -> Connection:
        """Unlinks a connection (status `Unlinked`): the feed stops, the connection stays and can be linked again."""
        return self._call("unlink_connection", {"company_id": company_id, "connection_id": connection_id})

    def get_bank_transactions_model(self, company_id: str, connection_id: str, account_id: str) -> PushOption:
        """The fields a push to the account takes and the platform's rules for them (Codat's push model)."""
        return self._call("get_bank_transactions_model", _target(company_id, connection_id, account_id))

    def get_company_information(self, company_id: str, connection_id: str) -> CompanyInformation:
        """The company as its accounting software knows it (Xero, Oracle NetSuite; Codat refuses it for Sage)."""
        return self._call("get_company_information", {"company_id": company_id, "connection_id": connection_id})

    def generate_credentials(self, company_id: str, connection_id: str) -> Credentials:
        """A new `username` and `password` for a QuickBooks Online user to authenticate the feed (QBO only)."""
        return self._call("generate_credentials", {"company_id": company_id, "connection_id": connection_id})

    def delete_credentials(self, company_id: str, connection_id: str) -> None:
        """Revokes every credential set of the connection (QBO only)."""
        self._call("delete_credentials", {"company_id": company_id, "connection_id": connection_id})

    def list_account_mappings(self, company_id: str, connection_id: str) -> list[AccountMapping]:
        """Each source account with its target account, or the target accounts it could map to."""
        return self._call("list_account_mappings", {"company_id": company_id, "connection_id": connection_id})

    def create_account_mapping(self, company_id: str, connection_id: str, source_account_id: str, *,
                               target_account_id: Optional[str] = None, feed_start_date: Union[str, datetime, None] = None) -> AccountMappingResult:
        """Maps a source account to a target account (Xero, FreeAgent, NetSuite, Exact; Sage users map inside Sage, and Codat refuses it)."""
        mapping = {"source_account_id": source_account_id, "target_account_id": target_account_id,
                   "feed_start_date": feed_start_date}
        return self._call("create_account_mapping", {"company_id": company_id, "connection_id": connection_id,
                                                          "mapping": {k: v for k, v in mapping.items() if v is not None}})

    def push_batch(self, company_id: str, connection_id: str, account_id: str, transactions: Records, *,
                   idempotency_key: Optional[str] = None, timeout_in_minutes: Optional[int] = None,
                   allow_sync_on_push_complete: Optional[bool] = None) -> PushOperation:
        """One push of at most 1000 lines (no validation, no polling) under `idempotency_key`
        (default: derived from the target and the lines); returns the pending operation."""
        return self._call("push_batch", {
            **_target(company_id, connection_id, account_id), "transactions": feed_records(transactions),
            "idempotency_key": idempotency_key, "timeout_in_minutes": timeout_in_minutes,
            "allow_sync_on_push_complete": allow_sync_on_push_complete})

    def get_push_operation(self, company_id: str, push_operation_key: str) -> PushOperation:
        """One push operation."""
        return self._call("get_push_operation", {"company_id": company_id, "push_operation_key": push_operation_key})

    def wait(self, company_id: str, push_operation_key: str, *, timeout: Optional[float] = None) -> PushOperation:
        """Polls a push until it is final; `PushTimedOutError` after `timeout` seconds (default 900)."""
        return self._call("wait", {"company_id": company_id, "push_operation_key": push_operation_key, "timeout": timeout})

    def list_push_operations(self, company_id: str, *, page: int = 1, page_size: Optional[int] = None,
                             query: Optional[str] = None, order_by: Optional[str] = None) -> PushOperationPage:
        """One page of the push history (`results`, `total_results`, `links`)."""
        return self._call("list_push_operations", {"company_id": company_id,
                                                          **_list_args(page, page_size, query, order_by)})

    def iter_push_operations(self, company_id: str, *, query: Optional[str] = None, order_by: Optional[str] = None,
                             page_size: Optional[int] = None) -> Iterator[PushOperation]:
        """Every push operation, page after page (`page_size` items, default 100) as they are read."""
        page = 1
        while True:
            result = self.list_push_operations(company_id, page=page, page_size=page_size, query=query,
                                               order_by=order_by)
            yield from result.results
            if not result.links.next or not result.results:
                return
            page += 1

    def push_feed(self, company_id: str, connection_id: str, account_id: str, records: Records, *,
                  skip_invalid: bool = False, batch_size: Optional[int] = None, wait_timeout: Optional[float] = None,
                  today: Day = None, time_zone: Optional[str] = None, progress: OnProgress = None,
                  lease_wait: Optional[float] = None, profile: Optional[str] = None,
                  timeout_in_minutes: Optional[int] = None,
                  allow_sync_on_push_complete: Optional[bool] = None) -> FeedReport:
        """Validates, batches and pushes `records` (dicts, objects or a DataFrame) to one account,
        each batch after the previous landed: `batch_size` lines per push (default 1000), each
        waited on for `wait_timeout` seconds (default 900). `progress` is a callable taking event
        dicts, or `True` for a tqdm bar. When another run (another process on the same cursor
        file) holds the account, waits up to `lease_wait` seconds for it, then raises
        `AccountBusyError` (default: at once). Dates are wall-clock time as written (Codat drops
        offsets); `time_zone` (e.g. "Europe/London") converts dates written with an offset into
        that zone's wall-clock time, and `today` defaults to the current day there (else UTC)."""
        return self._call("push_feed", _feed_args(
            company_id, connection_id, account_id, records, skip_invalid=skip_invalid, batch_size=batch_size,
            wait_timeout=wait_timeout, today=today, time_zone=time_zone, progress=progress,
            lease_wait=lease_wait, profile=profile, timeout_in_minutes=timeout_in_minutes,
            allow_sync_on_push_complete=allow_sync_on_push_complete))

    def push_feeds(self, company_id: str, connection_id: str, feeds: Mapping[str, Records], *, skip_invalid: bool = False,
                   batch_size: Optional[int] = None, wait_timeout: Optional[float] = None, today: Day = None,
                   time_zone: Optional[str] = None, progress: OnProgress = None, lease_wait: Optional[float] = None,
                   profile: Optional[str] = None, timeout_in_minutes: Optional[int] = None,
                   allow_sync_on_push_complete: Optional[bool] = None) -> dict[str, Union[FeedReport, FeedrailError]]:
        """Several accounts at once (concurrent across accounts, sequential within each), with
        `push_feed`'s options: account id → `FeedReport`, or the `FeedrailError` that stopped
        that account."""
        return _reports(self._call("push_feeds", _feeds_args(company_id, connection_id, feeds, dict(
            skip_invalid=skip_invalid, batch_size=batch_size, wait_timeout=wait_timeout, today=today,
            time_zone=time_zone, progress=progress, lease_wait=lease_wait, profile=profile,
            timeout_in_minutes=timeout_in_minutes, allow_sync_on_push_complete=allow_sync_on_push_complete))))

    def enqueue(self, company_id: str, connection_id: str, account_id: str, records: Records, *,
                today: Day = None, profile: Optional[str] = None, time_zone: Optional[str] = None) -> Enqueued:
        """Validates `records` as the continuation of the account's feed and appends them to its
        queue in one transaction, for workers to push; lines whose id is already queued or landed
        are left out (`already_known`), so handing the same lines over twice is harmless. Raises
        `ValidationError` (nothing queued) when a line is invalid. The queue lives in the
        PostgreSQL database of the client's `cursor` (`postgresql://...`); other cursors raise
        `ConfigError`."""
        return self._call("enqueue", {**_target(company_id, connection_id, account_id),
                                             "records": feed_records(records), "today": today, "profile": profile,
                                             "time_zone": time_zone})

    def reconcile(self, company_id: str, connection_id: str, account_id: str, records: Records, *,
                  today: Day = None, time_zone: Optional[str] = None, profile: Optional[str] = None,
                  opening_balance: Union[Decimal, int, str, None] = None,
                  confirm: bool = False) -> Reconciliation:
        """What became of each line of `records` at Codat, from what this client's `cursor`
        recorded pushing (Codat cannot list an account's lines): `landed` (with its push and
        completion time), `pending`, `in_doubt`, `failed` (with Codat's reason), `rejected`
        (feedrail's validation, with the finding) or `not_sent`, plus `not_in_source` (landed,
        but not in `records`). Checks the running balance from `opening_balance` (default: the
        first line's balance less its amount) and compares Codat's account balance with the last
        landed line's. `confirm=True` re-reads each journaled batch's push from Codat (one
        request per batch). `to_pandas()` gives a DataFrame; Jupyter shows a summary."""
        return self._call("reconcile", {**_target(company_id, connection_id, account_id),
                                        "records": feed_records(records), "today": today,
                                        "time_zone": time_zone, "profile": profile,
                                        "opening_balance": opening_balance, "confirm": confirm})

    def queue_status(self) -> list[AccountQueueStatus]:
        """Per account: `queued`, `in_flight`, `landed`, `failed` (with the first `failure`),
        the `holder` working on it, and `retry_at` / `last_error` after a transient error."""
        return self._call("queue_status", {})

    def retry_failed(self, company_id: str, connection_id: str, account_id: str) -> int:
        """Queues the account's failed lines again (after fixing the cause); returns how many."""
        return self._call("retry_failed", _target(company_id, connection_id, account_id))

    def drop_failed(self, company_id: str, connection_id: str, account_id: str) -> int:
        """Deletes the account's failed lines for good, letting its later lines go; returns how many."""
        return self._call("drop_failed", _target(company_id, connection_id, account_id))

    def worker(self, *, accounts_at_once: Optional[int] = None, lines_per_claim: Optional[int] = None,
               until_drained: Optional[bool] = None, idle_poll: Optional[float] = None,
               lease_ttl: Optional[float] = None, batch_size: Optional[int] = None,
               wait_timeout: Optional[float] = None, profile: Optional[str] = None) -> Worker:
        """A worker draining the queue: it claims accounts with due lines (`accounts_at_once`,
        default 8, each for at most `lines_per_claim` lines, default 10,000), pushes them like
        `push_feed`, and lets them go. With `until_drained=True`, `run()` returns once nothing
        is left to do. """
        return Worker(self._worker_native(_worker_options(
            accounts_at_once, lines_per_claim, until_drained, idle_poll, lease_ttl, batch_size, wait_timeout, profile)))


def _feeds_args(company_id: str, connection_id: str, feeds: Mapping[str, Any], options: dict[str, Any]) -> dict[str, object]:
    options["progress"] = _progress(options.get("progress"))
    return {"company_id": company_id, "connection_id": connection_id,
            "feeds": {k: feed_records(v) for k, v in feeds.items()}, **options}


def _reports(results: dict[str, Union[FeedrailError, dict[str, object]]]) -> dict[str, Union[FeedReport, FeedrailError]]:
    from feedrail._types import FeedReport

    return {k: v if isinstance(v, FeedrailError) else FeedReport._from(v) for k, v in results.items()}


async def _drained(records: AsyncRecords) -> object:
    """An async iterable's records read into the core a chunk at a time (`LineBuffer`), each
    chunk's records let go once read; any other records as given."""
    if not isinstance(records, AsyncIterable):
        return records
    lines = LineBuffer()
    chunk: list[object] = []
    async for record in records:
        chunk.append(record)
        if len(chunk) == LineBuffer.CHUNK:
            lines.extend(chunk)
            chunk.clear()
    lines.extend(chunk)
    return lines


class AsyncClient(_Base):
    """The asyncio client: the same operations as `Client`, as coroutines running on tokio. Works
    inside an already running loop (Jupyter). Cancelling an awaited call cancels its work. An
    async context manager (`async with AsyncClient(key) as client:`) that closes on exit."""

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()

    async def create_company(self, name: str, *, description: Optional[str] = None) -> Company:
        """Creates a company."""
        return await self._call_async("create_company", {"name": name, "description": description})

    async def get_company(self, company_id: str) -> Company:
        """A company."""
        return await self._call_async("get_company", {"company_id": company_id})

    async def list_companies(self, *, page: int = 1, page_size: Optional[int] = None, query: Optional[str] = None,
                             order_by: Optional[str] = None) -> CompanyPage:
        """`Client.list_companies`, awaitable."""
        return await self._call_async("list_companies", _list_args(page, page_size, query, order_by))

    async def iter_companies(self, *, query: Optional[str] = None, order_by: Optional[str] = None,
                             page_size: Optional[int] = None) -> AsyncIterator[Company]:
        """Every company matching `query`, page after page as they are read."""
        page = 1
        while True:
            result = await self.list_companies(page=page, page_size=page_size, query=query, order_by=order_by)
            for company in result.results:
                yield company
            if not result.links.next or not result.results:
                return
            page += 1

    async def delete_company(self, company_id: str) -> None:
        """`Client.delete_company`, awaitable."""
        await self._call_async("delete_company", {"company_id": company_id})

    async def create_connection(self, company_id: str, *, platform_key: Optional[str] = None) -> Connection:
        """Creates a data connection (default: Sage Bank Feeds, platform key `olpr`)."""
        return await self._call_async("create_connection", {"company_id": company_id, "platform_key": platform_key})

    async def get_connection(self, company_id: str, connection_id: str) -> Connection:
        """A data connection."""
        return await self._call_async("get_connection", {"company_id": company_id, "connection_id": connection_id})

    async def generate_otp(self, company_id: str, connection_id: str) -> Otp:
        """A one-time password (Sage only): show it to the Sage user, who enters it with the
        connection id in Sage's "Connect Bank" dialog before `expiry`."""
        otp: Otp = await self._call_async("generate_otp", {"company_id": company_id, "connection_id": connection_id})
        return otp

    async def list_connections(self, company_id: str) -> list[Connection]:
        """Every connection of a company."""
        return await self._call_async("list_connections", {"company_id": company_id})

    async def create_account(self, company_id: str, connection_id: str, account: Mapping[str, object]) -> SourceAccount:
        """Creates a source account; it starts `pending`."""
        return await self._call_async("create_account", {"company_id": company_id, "connection_id": connection_id, "account": account})

    async def create_accounts(self, company_id: str, connection_id: str, accounts: list[Mapping[str, object]]) -> list[BatchCreateItem]:
        """Creates several source accounts; one result per account."""
        return await self._call_async("create_accounts", {"company_id": company_id, "connection_id": connection_id, "accounts": accounts})

    async def list_accounts(self, company_id: str, connection_id: str) -> list[SourceAccount]:
        """The connection's source accounts."""
        return await self._call_async("list_accounts", {"company_id": company_id, "connection_id": connection_id})

    async def get_account(self, company_id: str, connection_id: str, account_id: str) -> SourceAccount:
        """One source account."""
        return await self._call_async("get_account", {"company_id": company_id, "connection_id": connection_id, "account_id": account_id})

    async def update_account(self, company_id: str, connection_id: str, account_id: str, **update: object) -> SourceAccount:
        """Updates `account_name`, `status` (only to `disconnected`) or `balance`."""
        return await self._call_async("update_account", {"company_id": company_id, "connection_id": connection_id,
                                                                "account_id": account_id, "update": update})

    async def delete_account(self, company_id: str, connection_id: str, account_id: str) -> None:
        """Deletes a source account."""
        await self._call_async("delete_account", {"company_id": company_id, "connection_id": connection_id, "account_id": account_id})

    async def delete_connection(self, company_id: str, connection_id: str) -> None:
        """`Client.delete_connection`, awaitable."""
        await self._call_async("delete_connection", {"company_id": company_id, "connection_id": connection_id})

    async def unlink_connection(self, company_id: str, connection_id: str) -> Connection:
        """`Client.unlink_connection`, awaitable."""
        return await self._call_async("unlink_connection", {"company_id": company_id, "connection_id": connection_id})

    async def get_bank_transactions_model(self, company_id: str, connection_id: str, account_id: str) -> PushOption:
        """`Client.get_bank_transactions_model`, awaitable."""
        return await self._call_async("get_bank_transactions_model", _target(company_id, connection_id, account_id))

    async def get_company_information(self, company_id: str, connection_id: str) -> CompanyInformation:
        """`Client.get_company_information`, awaitable."""
        return await self._call_async("get_company_information", {"company_id": company_id, "connection_id": connection_id})

    async def generate_credentials(self, company_id: str, connection_id: str) -> Credentials:
        """`Client.generate_credentials`, awaitable."""
        return await self._call_async("generate_credentials", {"company_id": company_id, "connection_id": connection_id})

    async def delete_credentials(self, company_id: str, connection_id: str) -> None:
        """`Client.delete_credentials`, awaitable."""
        await self._call_async("delete_credentials", {"company_id": company_id, "connection_id": connection_id})

    async def list_account_mappings(self, company_id: str, connection_id: str) -> list[AccountMapping]:
        """`Client.list_account_mappings`, awaitable."""
        return await self._call_async("list_account_mappings", {"company_id": company_id, "connection_id": connection_id})

    async def create_account_mapping(self, company_id: str, connection_id: str, source_account_id: str, *,
                               target_account_id: Optional[str] = None, feed_start_date: Union[str, datetime, None] = None) -> AccountMappingResult:
        """`Client.create_account_mapping`, awaitable."""
        mapping = {"source_account_id": source_account_id, "target_account_id": target_account_id,
                   "feed_start_date": feed_start_date}
        return await self._call_async("create_account_mapping", {"company_id": company_id, "connection_id": connection_id,
                                                          "mapping": {k: v for k, v in mapping.items() if v is not None}})

    async def push_batch(self, company_id: str, connection_id: str, account_id: str, transactions: Records, *,
                         idempotency_key: Optional[str] = None, timeout_in_minutes: Optional[int] = None,
                         allow_sync_on_push_complete: Optional[bool] = None) -> PushOperation:
        """`Client.push_batch`, awaitable."""
        return await self._call_async("push_batch", {
            **_target(company_id, connection_id, account_id), "transactions": feed_records(transactions),
            "idempotency_key": idempotency_key, "timeout_in_minutes": timeout_in_minutes,
            "allow_sync_on_push_complete": allow_sync_on_push_complete})

    async def get_push_operation(self, company_id: str, push_operation_key: str) -> PushOperation:
        """One push operation."""
        return await self._call_async("get_push_operation", {"company_id": company_id, "push_operation_key": push_operation_key})

    async def wait(self, company_id: str, push_operation_key: str, *, timeout: Optional[float] = None) -> PushOperation:
        """Polls a push until it is final; `PushTimedOutError` after `timeout` seconds (default 900)."""
        return await self._call_async("wait", {"company_id": company_id, "push_operation_key": push_operation_key, "timeout": timeout})

    async def list_push_operations(self, company_id: str, *, page: int = 1, page_size: Optional[int] = None,
                                   query: Optional[str] = None, order_by: Optional[str] = None) -> PushOperationPage:
        """`Client.list_push_operations`, awaitable."""
        return await self._call_async("list_push_operations", {"company_id": company_id,
                                                                      **_list_args(page, page_size, query, order_by)})

    async def iter_push_operations(self, company_id: str, *, query: Optional[str] = None, order_by: Optional[str] = None,
                                   page_size: Optional[int] = None) -> AsyncIterator[PushOperation]:
        """Every push operation, page after page (`page_size` items, default 100) as they are read."""
        page = 1
        while True:
            result = await self.list_push_operations(company_id, page=page, page_size=page_size, query=query,
                                                     order_by=order_by)
            for op in result.results:
                yield op
            if not result.links.next or not result.results:
                return
            page += 1

    async def push_feed(self, company_id: str, connection_id: str, account_id: str, records: AsyncRecords, *,
                        skip_invalid: bool = False, batch_size: Optional[int] = None, wait_timeout: Optional[float] = None,
                        today: Day = None, time_zone: Optional[str] = None, progress: OnProgress = None,
                        lease_wait: Optional[float] = None, profile: Optional[str] = None,
                        timeout_in_minutes: Optional[int] = None,
                        allow_sync_on_push_complete: Optional[bool] = None) -> FeedReport:
        """Validates, batches and pushes `records` to one account, each batch after the previous
        landed; the options are `Client.push_feed`'s. `records` may also be an async iterable:
        it is read a chunk at a time, each chunk's records let go once read."""
        return await self._call_async("push_feed", _feed_args(
            company_id, connection_id, account_id, await _drained(records), skip_invalid=skip_invalid, batch_size=batch_size,
            wait_timeout=wait_timeout, today=today, time_zone=time_zone, progress=progress,
            lease_wait=lease_wait, profile=profile, timeout_in_minutes=timeout_in_minutes,
            allow_sync_on_push_complete=allow_sync_on_push_complete))

    async def push_feeds(self, company_id: str, connection_id: str, feeds: Mapping[str, AsyncRecords], *, skip_invalid: bool = False,
                         batch_size: Optional[int] = None, wait_timeout: Optional[float] = None, today: Day = None,
                         time_zone: Optional[str] = None, progress: OnProgress = None, lease_wait: Optional[float] = None,
                         profile: Optional[str] = None, timeout_in_minutes: Optional[int] = None,
                         allow_sync_on_push_complete: Optional[bool] = None) -> dict[str, Union[FeedReport, FeedrailError]]:
        """`Client.push_feeds`, awaitable; each feed may also be an async iterable."""
        drained = {account: await _drained(records) for account, records in feeds.items()}
        return _reports(await self._call_async("push_feeds", _feeds_args(company_id, connection_id, drained, dict(
            skip_invalid=skip_invalid, batch_size=batch_size, wait_timeout=wait_timeout, today=today,
            time_zone=time_zone, progress=progress, lease_wait=lease_wait, profile=profile,
            timeout_in_minutes=timeout_in_minutes, allow_sync_on_push_complete=allow_sync_on_push_complete))))

    async def enqueue(self, company_id: str, connection_id: str, account_id: str, records: AsyncRecords, *,
                      today: Day = None, profile: Optional[str] = None, time_zone: Optional[str] = None) -> Enqueued:
        """`Client.enqueue`, awaitable; `records` may also be an async iterable."""
        return await self._call_async("enqueue", {**_target(company_id, connection_id, account_id),
                                                         "records": feed_records(await _drained(records)), "today": today,
                                                         "profile": profile, "time_zone": time_zone})

    async def reconcile(self, company_id: str, connection_id: str, account_id: str, records: AsyncRecords, *,
                  today: Day = None, time_zone: Optional[str] = None, profile: Optional[str] = None,
                  opening_balance: Union[Decimal, int, str, None] = None,
                  confirm: bool = False) -> Reconciliation:
        """What became of each line of `records` at Codat, from what this client's `cursor`
        recorded pushing (Codat cannot list an account's lines): `landed` (with its push and
        completion time), `pending`, `in_doubt`, `failed` (with Codat's reason), `rejected`
        (feedrail's validation, with the finding) or `not_sent`, plus `not_in_source` (landed,
        but not in `records`). Checks the running balance from `opening_balance` (default: the
        first line's balance less its amount) and compares Codat's account balance with the last
        landed line's. `confirm=True` re-reads each journaled batch's push from Codat (one
        request per batch). `to_pandas()` gives a DataFrame; Jupyter shows a summary. `records`
        may also be an async iterable."""
        return await self._call_async("reconcile", {**_target(company_id, connection_id, account_id),
                                        "records": feed_records(await _drained(records)), "today": today,
                                        "time_zone": time_zone, "profile": profile,
                                        "opening_balance": opening_balance, "confirm": confirm})

    async def queue_status(self) -> list[AccountQueueStatus]:
        """`Client.queue_status`, awaitable."""
        return await self._call_async("queue_status", {})

    async def retry_failed(self, company_id: str, connection_id: str, account_id: str) -> int:
        """`Client.retry_failed`, awaitable."""
        return await self._call_async("retry_failed", _target(company_id, connection_id, account_id))

    async def drop_failed(self, company_id: str, connection_id: str, account_id: str) -> int:
        """`Client.drop_failed`, awaitable."""
        return await self._call_async("drop_failed", _target(company_id, connection_id, account_id))

    def worker(self, *, accounts_at_once: Optional[int] = None, lines_per_claim: Optional[int] = None,
               until_drained: Optional[bool] = None, idle_poll: Optional[float] = None,
               lease_ttl: Optional[float] = None, batch_size: Optional[int] = None,
               wait_timeout: Optional[float] = None, profile: Optional[str] = None) -> AsyncWorker:
        """`Client.worker`, run on asyncio."""
        return AsyncWorker(self._worker_native(_worker_options(
            accounts_at_once, lines_per_claim, until_drained, idle_poll, lease_ttl, batch_size, wait_timeout, profile)))
