"""asyncio on tokio, many accounts at once, pagination, a running loop, fork."""

import asyncio
import os
import sys

import pytest

import feedrail
from test_client import lines


def setup_accounts(client, sandbox, n):
    company = client.create_company("Async Co")
    connection = client.create_connection(company.id)
    ids = [f"acc-{i}" for i in range(n)]
    client.create_accounts(company.id, connection.id, [
        {"id": i, "account_name": i, "account_type": "Debit", "account_number": "1", "sort_code": "040004",
         "currency": "GBP", "balance": 0} for i in ids])
    for i in ids:
        sandbox.connect_account(company.id, connection.id, i)
    return company.id, connection.id, ids


def test_async_client_runs_many_accounts_concurrently(sandbox):
    sync = feedrail.Client(sandbox.api_key, base_url=sandbox.url)
    company, connection, ids = setup_accounts(sync, sandbox, 8)
    client = feedrail.AsyncClient(sandbox.api_key, base_url=sandbox.url)

    async def main():
        return await asyncio.gather(*(client.push_feed(company, connection, i, lines(1200, prefix=i)) for i in ids))

    reports = asyncio.run(main())
    assert [r.landed for r in reports] == [1200] * 8
    for i in ids:
        assert len(sandbox.ledger(company, connection, i).transactions) == 1200


def test_push_feeds_and_history(client, sandbox):
    company, connection, ids = setup_accounts(client, sandbox, 3)
    feeds = {i: lines(1500, prefix=i) for i in ids}
    feeds["acc-2"][5]["date"] = "not a date"
    results = client.push_feeds(company, connection, feeds)
    assert results["acc-0"].landed == 1500 and results["acc-1"].landed == 1500
    assert isinstance(results["acc-2"], feedrail.ValidationError)
    ops = list(client.iter_push_operations(company, page_size=1))
    assert len(ops) == 4 and all(o.status == "Success" for o in ops)
    assert list(client.iter_push_operations(company)) == ops


def test_ids_shared_between_accounts_are_refused(client, sandbox):
    company, connection, ids = setup_accounts(client, sandbox, 2)
    results = client.push_feeds(company, connection, {i: lines(3) for i in ids})
    assert results["acc-0"].landed == 3
    assert isinstance(results["acc-1"], feedrail.ValidationError)
    assert [i.code for i in results["acc-1"].issues] == ["DUPLICATE_ID"] * 3


def test_sync_client_inside_a_running_loop(client, account):
    company, connection, acc = account

    async def notebook_cell():
        # Jupyter runs cells inside a live loop; the sync client must not touch asyncio.
        return client.push_feed(company, connection, acc, lines(10))

    assert asyncio.run(notebook_cell()).landed == 10


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_works_in_a_forked_child(client, sandbox, account):
    company, connection, acc = account
    client.get_company(company)  # the parent's runtime is running
    pid = os.fork()
    if pid == 0:
        try:
            child = feedrail.Client(sandbox.api_key, base_url=sandbox.url)
            ok = child.push_feed(company, connection, acc, lines(20)).landed == 20
        except BaseException:
            ok = False
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0
    assert len(sandbox.ledger(company, connection, acc).transactions) == 20


def test_import_without_pandas_and_cold_import_time():
    import subprocess
    import time

    code = "import sys; sys.modules['pandas'] = None; import time; t=time.perf_counter(); import feedrail; print(time.perf_counter()-t)"
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert float(out.stdout) > 0
    print(f"cold import feedrail: {float(out.stdout) * 1000:.1f} ms (process {1000 * (time.perf_counter() - started):.0f} ms)")


def test_fault_run_loses_and_duplicates_nothing(client, sandbox):
    company, connection, ids = setup_accounts(client, sandbox, 5)
    feeds = {i: lines(2200, prefix=i) for i in ids}
    sandbox.set_faults(seed=11, error500=0.04, error503=0.04, rate_limited=0.04, reset_before_commit=0.04,
                       reset_after_commit=0.04, push_failed=0.05, push_timed_out=0.05)
    pending = dict(feeds)
    for _ in range(30):
        results = client.push_feeds(company, connection, pending)
        pending = {k: feeds[k] for k, v in results.items() if isinstance(v, BaseException)}
        for error in (v for v in results.values() if isinstance(v, BaseException)):
            assert isinstance(error, feedrail.FeedrailError) and error.code != "VALIDATION", error
        if not pending:
            break
    assert not pending
    for i in ids:
        landed = [t.id for t in sandbox.ledger(company, connection, i).transactions]
        assert landed == [line["id"] for line in feeds[i]], i


class _Line:
    """A record as an object, counting how many are alive."""

    alive = 0
    most = 0

    def __init__(self, fields):
        self.__dict__.update(fields)
        _Line.alive += 1
        _Line.most = max(_Line.most, _Line.alive)

    def __del__(self):
        _Line.alive -= 1


class _BrokenDay:
    def isoformat(self):
        raise RuntimeError("disk gone")


async def _stream(feed, broken_at=None):
    for i, fields in enumerate(feed):
        await asyncio.sleep(0)
        yield _Line({**fields, "date": _BrokenDay()} if i == broken_at else fields)


def test_an_async_iterable_is_read_a_chunk_at_a_time_and_lands_in_order(sandbox, account):
    company, connection, acc = account
    client = feedrail.AsyncClient(sandbox.api_key, base_url=sandbox.url)
    feed = lines(2500)
    _Line.most = 0
    report = asyncio.run(client.push_feed(company, connection, acc, _stream(feed)))
    assert report.landed == 2500
    assert _Line.most <= feedrail._native.LineBuffer.CHUNK + 1, "records are let go chunk by chunk"
    assert [t.id for t in sandbox.ledger(company, connection, acc).transactions] == [line["id"] for line in feed]
    reconciled = asyncio.run(client.reconcile(company, connection, acc, _stream(feed)))
    assert reconciled.ok and reconciled.counts.landed == 2500


def test_an_unreadable_record_of_an_async_iterable_is_named_by_its_place_in_the_feed(sandbox, account):
    company, connection, acc = account
    client = feedrail.AsyncClient(sandbox.api_key, base_url=sandbox.url)
    with pytest.raises(feedrail.ConfigError) as caught:
        asyncio.run(client.push_feed(company, connection, acc, _stream(lines(1500), broken_at=1234)))
    assert "records[1234] could not be read: RuntimeError: disk gone" in str(caught.value)
    assert sandbox.ledger(company, connection, acc).transactions == []
