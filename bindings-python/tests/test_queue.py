"""The PostgreSQL queue from Python: enqueue (validated, idempotent), workers draining several
accounts (sync and asyncio), refused batches held as failed until retried, and the errors of a
client whose cursor is not PostgreSQL. Needs FEEDRAIL_DATABASE_URL (`make test` starts a server)."""

import asyncio
import threading

import pytest

import feedrail
from test_client import lines


@pytest.fixture
def database_url():
    """A fresh database per test (a worker drains every account of its database)."""
    return feedrail.Sandbox.scratch_database()


@pytest.fixture
def queued(sandbox, database_url):
    """A client on the PostgreSQL cursor and three connected accounts of a new company."""
    client = feedrail.Client(sandbox.api_key, base_url=sandbox.url, cursor=database_url)
    company = client.create_company("Queue Ltd").id
    connection = client.create_connection(company).id
    for acc in ("q1", "q2", "q3"):
        client.create_account(company, connection, {"id": acc, "account_name": acc, "account_type": "Debit",
                                                    "account_number": "1", "sort_code": "1", "currency": "GBP",
                                                    "balance": 0})
        sandbox.connect_account(company, connection, acc)
    return client, company, connection


def ledger_ids(sandbox, company, connection, acc):
    return [t.id for t in sandbox.ledger(company, connection, acc).transactions]


def mine(status, company):
    return {s.target.account_id: s for s in status if s.target.company_id == company}


def test_enqueue_validates_and_is_idempotent(queued):
    client, company, connection = queued
    feed = lines(30, prefix="q1-")
    done = client.enqueue(company, connection, "q1", feed[:20])
    assert done.queued == 20
    again = client.enqueue(company, connection, "q1", feed)
    assert again.queued == 10 and again.already_known == list(range(20))
    bad = lines(2, start=30, prefix="q1-")
    bad[1]["amount"] = "ten"
    with pytest.raises(feedrail.ValidationError) as e:
        client.enqueue(company, connection, "q1", bad)
    assert e.value.code == "VALIDATION" and "amount" in str(e.value)
    assert mine(client.queue_status(), company)["q1"].queued == 30


def test_workers_drain_the_queue_in_order(queued, sandbox):
    client, company, connection = queued
    feeds = {acc: lines(1500, prefix=f"{acc}-") for acc in ("q1", "q2", "q3")}
    for acc, feed in feeds.items():
        client.enqueue(company, connection, acc, feed)
    workers = [client.worker(until_drained=True, idle_poll=0.05) for _ in range(2)]
    results = []
    threads = [threading.Thread(target=lambda w=w: results.append(w.run())) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(results) == 2
    assert sum(r.lines_landed for r in results) >= 4500
    for acc, feed in feeds.items():
        assert ledger_ids(sandbox, company, connection, acc) == [l["id"] for l in feed]
    status = mine(client.queue_status(), company)
    assert all(s.queued == 0 and s.landed == 1500 for s in status.values())


def test_a_refused_batch_waits_for_retry_then_goes_with_asyncio(sandbox, database_url, queued):
    _, company, connection = queued
    client = feedrail.AsyncClient(sandbox.api_key, base_url=sandbox.url, cursor=database_url)
    feed = lines(1200, prefix="q2-")

    async def scenario():
        await client.enqueue(company, connection, "q2", feed)
        sandbox.set_faults(push_failed=1.0, max_push_faults=1)
        metrics = await client.worker(until_drained=True, idle_poll=0.05).run()
        assert metrics.lines_failed == 1000
        status = mine(await client.queue_status(), company)["q2"]
        assert (status.failed, status.queued) == (1000, 200) and status.failure
        assert ledger_ids(sandbox, company, connection, "q2") == []
        assert await client.retry_failed(company, connection, "q2") == 1000
        await client.worker(until_drained=True, idle_poll=0.05).run()

    asyncio.run(scenario())
    assert ledger_ids(sandbox, company, connection, "q2") == [l["id"] for l in feed]


def test_a_stopped_worker_returns(queued):
    client, _, _ = queued
    with pytest.raises(feedrail.ConfigError, match="accounts_at_once"):
        client.worker(accounts_at_once=0)
    worker = client.worker(idle_poll=0.05)
    threading.Timer(0.3, worker.stop).start()
    assert worker.run().claims >= 0
    assert "Worker(" in repr(worker)


def test_the_queue_needs_a_postgresql_cursor(client):
    with pytest.raises(feedrail.ConfigError, match="postgresql"):
        client.queue_status()
    with pytest.raises(feedrail.ConfigError, match="postgresql"):
        client.worker()
