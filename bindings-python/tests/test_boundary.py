"""The boundary behaves: every bad argument is a ConfigError naming it, a client survives fork,
cancelling an awaited call cancels its work, clients close, retries log quietly."""

import asyncio
import logging
import os
import subprocess
import sys
import time

import pytest

import feedrail


def test_bad_arguments_are_config_errors_naming_the_argument(sandbox, client):
    cases = [
        (lambda: feedrail.Client(sandbox.api_key, base_url=sandbox.url, max_retries=-1), "max_retries"),
        (lambda: feedrail.Client(sandbox.api_key, base_url=sandbox.url, max_retries="3"), "max_retries"),
        (lambda: feedrail.Client(12345), "api_key"),
        (lambda: feedrail.Client(sandbox.api_key, base_url=sandbox.url, concurrency_per_company=-2),
         "concurrency_per_company"),
        (lambda: client.create_company(42), "name"),
        (lambda: client.get_company(None), "company_id"),
        (lambda: client.wait("c", "k", timeout="soon"), "timeout"),
        (lambda: client.push_feed("c", "k", "a", [], batch_size=-5), "batch_size"),
        (lambda: client.push_feed("c", "k", "a", [], time_zone="Mars/Olympus"), "time_zone"),
        (lambda: sandbox.set_faults(bogus=1), "bogus"),
        (lambda: feedrail.validate("abc"), "records"),
        (lambda: feedrail.validate({"id": "a"}), "records"),
        (lambda: feedrail.validate(42), "records"),
    ]
    for call, name in cases:
        with pytest.raises(feedrail.ConfigError, match=name) as caught:
            call()
        assert caught.value.code == "CONFIG"


def test_a_client_made_before_fork_works_at_once_in_the_child(client):
    client.create_company("Before fork")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            started = time.monotonic()
            client.create_company("In the child")
            status = 0 if time.monotonic() - started < 5 else 2
        finally:
            os.write(write, bytes([status]))
            os._exit(0)
    os.close(write)
    got = os.read(read, 1)
    os.waitpid(pid, 0)
    assert got == b"\x00", "the child's call succeeded within 5 s"
    assert [c.name for c in client.iter_companies()] == ["Before fork", "In the child"]


def test_an_async_client_used_before_fork_works_at_once_in_the_child(sandbox):
    client = feedrail.AsyncClient(sandbox.api_key, base_url=sandbox.url)
    asyncio.run(client.create_company("Before fork"))
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            asyncio.run(asyncio.wait_for(client.create_company("In the child"), 5))
            status = 0
        finally:
            os.write(write, bytes([status]))
            os._exit(0)
    os.close(write)
    got = os.read(read, 1)
    os.waitpid(pid, 0)
    assert got == b"\x00", "the child's awaited call succeeded within 5 s"


def test_cancelling_an_awaited_call_cancels_its_work():
    with feedrail.Sandbox(delay_ms=60_000) as sandbox:
        async def main():
            client = feedrail.AsyncClient(sandbox.api_key, base_url=sandbox.url)
            company = await client.create_company("Slow")
            connection = await client.create_connection(company.id)
            await client.create_account(company.id, connection.id, {
                "id": "a", "account_name": "A", "account_type": "Debit", "account_number": "1",
                "sort_code": "040004", "currency": "GBP", "balance": 0})
            sandbox.connect_account(company.id, connection.id, "a")
            op = await client.push_batch(company.id, connection.id, "a", [
                {"id": "t1", "date": "2026-01-01", "description": "x", "amount": "1", "balance": "1",
                 "transaction_type": "Credit"}])
            waiting = asyncio.ensure_future(client.wait(company.id, op.push_operation_key, timeout=600))
            await asyncio.sleep(1.5)
            waiting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiting
            await asyncio.sleep(0.5)  # a poll already on the wire may still arrive
            polls = sandbox.status_polls()
            await asyncio.sleep(3)  # a live wait would poll many times (every ~5% of the time waited)
            return polls, sandbox.status_polls()

        before, after = asyncio.run(main())
        assert before >= 5, "the wait was polling"
        assert after == before, "no poll after the cancel"


def test_clients_close_and_are_context_managers(sandbox):
    with feedrail.Client(sandbox.api_key, base_url=sandbox.url) as client:
        client.create_company("Inside")
        assert not client.closed
    assert client.closed
    with pytest.raises(feedrail.ConfigError, match="closed"):
        client.create_company("After")
    client.close()

    async def main():
        async with feedrail.AsyncClient(sandbox.api_key, base_url=sandbox.url) as aclient:
            await aclient.create_company("Async inside")
        with pytest.raises(feedrail.ConfigError, match="closed"):
            await aclient.create_company("After")

    asyncio.run(main())


def test_the_sandbox_handle_counts_resets_and_raises_feedrail_errors(client, sandbox, account):
    company, connection, acc = account
    stats = sandbox.stats()
    assert stats.companies == 1 and stats.faults.requests > 0
    with pytest.raises(feedrail.BadRequestError, match="one-time password"):
        sandbox.connect_account(company, connection, acc, otp="WRONG1")
    with pytest.raises(feedrail.NotFoundError):
        sandbox.ledger(company, connection, "nope")
    sandbox.reset()
    assert sandbox.stats().companies == 0
    sandbox.close()
    with pytest.raises(feedrail.ConfigError, match="closed"):
        sandbox.stats()


def test_timeouts_do_not_shadow_the_builtin():
    assert "TimeoutError" not in feedrail.__all__
    assert issubclass(feedrail.RequestTimeoutError, TimeoutError)
    assert issubclass(feedrail.RequestTimeoutError, feedrail.FeedrailError)


def test_issue_fields_use_python_spelling():
    report = feedrail.validate([{"id": "a", "date": "2026-01-01", "description": "x", "amount": "1",
                                 "balance": "1", "transaction_type": "Sideways", "memoText": 1}],
                               today="2026-06-30")
    assert [i.field for i in report.errors] == ["transaction_type"]
    assert [i.field for i in report.warnings] == ["memoText"], "a field of the user's own stays as given"


def test_retries_log_at_info_not_warning(sandbox, client, caplog):
    sandbox.set_faults(error_500=1.0)
    quick = feedrail.Client(sandbox.api_key, base_url=sandbox.url, max_retries=2)
    with caplog.at_level(logging.DEBUG, logger="feedrail"):
        with pytest.raises(feedrail.APIError):
            quick.create_company("Retried")
    retries = [r for r in caplog.records if "retrying" in r.getMessage()]
    assert len(retries) == 2
    assert {r.levelno for r in retries} == {logging.INFO}


def test_push_feed_takes_every_feed_option(client, sandbox, account):
    company, connection, acc = account
    line = {"id": "t1", "date": "2026-01-01", "description": "x", "amount": "1", "balance": "1",
            "transaction_type": "Credit"}
    report = client.push_feed(company, connection, acc, [line], profile="sage", timeout_in_minutes=30,
                              allow_sync_on_push_complete=True)
    assert report.landed == 1
    with pytest.raises(feedrail.ConfigError, match="profile"):
        client.push_feed(company, connection, acc, [line], profile="xero")


def test_with_options_overrides_one_call_and_shares_the_rest(sandbox):
    client = feedrail.Client(sandbox.api_key, base_url=sandbox.url, max_retries=4)
    company = client.create_company("Shared")
    sandbox.set_faults(error_500=1.0)
    impatient = client.with_options(max_retries=0)
    assert isinstance(impatient, feedrail.Client)
    before = sandbox.stats().faults.requests
    with pytest.raises(feedrail.APIError):
        impatient.get_company(company.id)
    assert sandbox.stats().faults.requests - before == 1, "no retry"
    sandbox.set_faults()
    assert impatient.get_company(company.id).name == "Shared", "same connections and key"
    with pytest.raises(feedrail.ConfigError, match="max_retries"):
        client.with_options(max_retries=-1)
    assert isinstance(feedrail.AsyncClient(sandbox.api_key, base_url=sandbox.url).with_options(timeout=5),
                      feedrail.AsyncClient)


def test_import_stays_light():
    """`import feedrail` loads neither `typing` (the slowest part of a start-up once) nor the
    generated result types: they load on the first result. Checked in a fresh interpreter."""
    probe = "import sys, feedrail; print(sorted({'typing', 'feedrail._types', 'html', 're'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", out
