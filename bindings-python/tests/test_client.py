"""End-to-end against feedrail.Sandbox(): happy path, validation errors, refused account, errors."""

import asyncio
from decimal import Decimal

import pytest

import feedrail


def lines(n, start=0, prefix="t"):
    out, balance = [], Decimal("0")
    for i in range(start, start + n):
        amount = Decimal("-3.10")
        balance += amount
        out.append({"id": f"{prefix}{i:05d}", "date": f"2026-01-01T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}",
                    "description": f"Line {i}", "amount": amount, "balance": balance, "transaction_type": "Debit"})
    return out


def test_push_feed_lands_everything_exactly(client, sandbox, account):
    company, connection, acc = account
    feed = lines(2500)
    events = []
    report = client.push_feed(company, connection, acc, feed, progress=events.append)
    assert report.landed == 2500 and report.complete
    assert [b.size for b in report.batches] == [1000, 1000, 500]
    assert [e.landed for e in events if e.event == "batch_landed"] == [1000, 2000, 2500]
    assert report.balance == feed[-1]["balance"]
    assert "2500 of 2500" in report._repr_html_()
    ledger = sandbox.ledger(company, connection, acc)
    assert [t.id for t in ledger.transactions] == [line["id"] for line in feed]
    assert ledger.balance == feed[-1]["balance"]
    assert isinstance(ledger.balance, Decimal)


def test_validation_error_names_index_and_field_and_sends_nothing(client, sandbox, account):
    company, connection, acc = account
    feed = lines(5)
    feed[2]["amount"] = float("nan")
    del feed[4]["balance"]
    with pytest.raises(feedrail.ValidationError) as caught:
        client.push_feed(company, connection, acc, feed)
    err = caught.value
    assert isinstance(err, feedrail.FeedrailError)
    assert err.code == "VALIDATION"
    assert [(i.index, i.field, i.code) for i in err.issues] == [(2, "amount", "INVALID_FIELD"), (4, "balance", "MISSING_FIELD")]
    assert sandbox.ledger(company, connection, acc).transactions == []


def test_pending_account_is_refused(client, sandbox, account):
    company, connection, _ = account
    client.create_account(company, connection, {"id": "acc-2", "account_name": "Savings", "account_type": "Debit",
                                                "account_number": "1", "sort_code": "040004", "currency": "GBP", "balance": 0})
    with pytest.raises(feedrail.AccountNotConnectedError) as caught:
        client.push_feed(company, connection, "acc-2", lines(1))
    assert caught.value.code == "ACCOUNT_NOT_CONNECTED"


def test_http_errors_are_typed(client, sandbox):
    with pytest.raises(feedrail.NotFoundError) as caught:
        client.create_connection("846ed55c-974b-4392-a1f1-87b6fdbf3c5e")
    assert caught.value.status == 404
    assert caught.value.correlation_id
    wrong = feedrail.Client("not-the-key", base_url=sandbox.url)
    with pytest.raises(feedrail.AuthenticationError):
        wrong.create_company("x")
    with pytest.raises(feedrail.ConfigError):
        feedrail.Client("k", base_url="http://example.com")
    for seconds in (-1.0, float("nan"), 1e300):
        with pytest.raises(feedrail.ConfigError, match="timeout must be a positive number of seconds"):
            client.wait("c", "k", timeout=seconds)
        with pytest.raises(feedrail.ConfigError, match="timeout must be a positive number of seconds"):
            feedrail.Client("k", base_url=sandbox.url, timeout=seconds)
        with pytest.raises(feedrail.ConfigError, match="total_timeout must be a positive number of seconds"):
            feedrail.Client("k", base_url=sandbox.url, total_timeout=seconds)
    with pytest.raises(feedrail.ConfigError, match="concurrency_per_company must be at least 1"):
        feedrail.Client("k", base_url=sandbox.url, concurrency_per_company=0)
    tuned = feedrail.Client(sandbox.api_key, base_url=sandbox.url, max_retries=0, timeout=5, total_timeout=10,
                            concurrency_per_company=2, user_agent="tests")
    assert tuned.create_company("Tuned").name == "Tuned"


def test_key_is_not_in_repr(sandbox):
    client = feedrail.Client("sk-very-secret", base_url=sandbox.url)
    assert "sk-very-secret" not in repr(client)


def test_progress_true_draws_a_tqdm_bar(client, sandbox, account, capsys):
    pytest.importorskip("tqdm")
    company, connection, acc = account
    report = client.push_feed(company, connection, acc, lines(1500), progress=True)
    assert report.landed == 1500
    assert "1500/1500" in capsys.readouterr().err


def test_a_push_the_server_fails_raises_push_failed_and_lands_nothing(client, sandbox, account):
    company, connection, acc = account
    sandbox.set_faults(push_failed=1.0, seed=1)
    with pytest.raises(feedrail.PushFailedError) as caught:
        client.push_feed(company, connection, acc, lines(10))
    err = caught.value
    assert (err.code, err.retryable) == ("PUSH_FAILED", False)
    assert err.report.landed == 0 and err.report.batches[0].status == "failed"
    assert sandbox.ledger(company, connection, acc).transactions == []
    sandbox.set_faults()
    assert client.push_feed(company, connection, acc, lines(10)).landed == 10


def test_two_runs_on_one_account_never_overlap(sandbox, account, tmp_path):
    company, connection, acc = account
    cursor = str(tmp_path / "cursor.sqlite")
    one = feedrail.AsyncClient(sandbox.api_key, base_url=sandbox.url, cursor=cursor)
    two = feedrail.AsyncClient(sandbox.api_key, base_url=sandbox.url, cursor=cursor)
    feed = lines(3000)
    sandbox.set_faults(latency=1.0, latency_ms=40)

    async def race():
        first = asyncio.create_task(one.push_feed(company, connection, acc, feed))
        await asyncio.sleep(0.1)
        with pytest.raises(feedrail.AccountBusyError) as busy:
            await two.push_feed(company, connection, acc, feed)
        assert busy.value.code == "ACCOUNT_BUSY" and busy.value.retryable
        second = await two.push_feed(company, connection, acc, feed, lease_wait=60)
        return await first, second

    first, second = asyncio.run(race())
    assert first.landed == 3000 and first.already_landed == 0
    assert len(second.already_pushed) == 3000 and second.complete
    assert [t.id for t in sandbox.ledger(company, connection, acc).transactions] == [x["id"] for x in feed]


def test_a_timed_out_push_that_lands_anyway_is_resolved_and_reported(client, sandbox, account):
    company, connection, acc = account
    feed = lines(10)
    sandbox.set_faults(timed_out_landed=1.0)
    with pytest.raises(feedrail.PushTimedOutError) as stopped:
        client.push_feed(company, connection, acc, feed)
    # Every push ends TimedOut: the batch stays in doubt for the next run.
    stuck = stopped.value.report.batches[0]
    assert stuck.status == "inDoubt" and stuck.resolution == "unresolved"
    assert "TimedOut" in stuck.in_doubt
    sandbox.set_faults()
    report = client.push_feed(company, connection, acc, feed)
    assert report.resumed.resolution in ("foundInHistory", "alreadyReceived")
    assert report.in_doubt == [report.resumed]
    assert report.complete
    assert [t.id for t in sandbox.ledger(company, connection, acc).transactions] == [x["id"] for x in feed]


def test_requests_the_spec_forbids_are_refused_before_sending(client, account):
    company, connection, acc = account
    with pytest.raises(feedrail.ConfigError, match="name"):
        client.create_company("")
    with pytest.raises(feedrail.ConfigError, match="platform key"):
        client.create_connection(company, platform_key="")
    with pytest.raises(feedrail.ConfigError, match="at most 1000"):
        client.push_batch(company, connection, acc, lines(1001))
    for size in (0, 5001):
        with pytest.raises(feedrail.ConfigError, match="out of range"):
            list(client.iter_push_operations(company, page_size=size))
    renamed = client.update_account(company, connection, acc, account_name="Renamed")
    assert renamed.account_name == "Renamed"


def test_the_sage_user_connects_with_a_one_time_password(client, sandbox):
    company = client.create_company("OTP Ltd")
    connection = client.create_connection(company.id)
    client.create_account(company.id, connection.id,
                          {"id": "a", "account_name": "A", "account_type": "Debit", "account_number": "1",
                           "sort_code": "040004", "currency": "GBP", "balance": 0})
    otp = client.generate_otp(company.id, connection.id)
    assert len(otp.otp) == 6 and otp.expiry.tzinfo is not None
    with pytest.raises(feedrail.BadRequestError, match="one-time password"):
        sandbox.connect_account(company.id, connection.id, "a", otp="WRONG1")
    assert sandbox.connect_account(company.id, connection.id, "a", otp=otp.otp).status == "connected"
    with pytest.raises(feedrail.NotFoundError):
        client.generate_otp(company.id, "no-such-connection")


def test_a_list_is_read_in_chunks_and_lands_like_a_generator(client, sandbox, account):
    company, connection, acc = account
    feed = lines(2300)
    from_list = client.push_feed(company, connection, acc, feed[:1200])
    from_generator = client.push_feed(company, connection, acc, (line for line in feed))
    assert (from_list.landed, len(from_generator.already_pushed), from_generator.landed) == (1200, 1200, 1100)
    assert [t.id for t in sandbox.ledger(company, connection, acc).transactions] == [line["id"] for line in feed]


def test_a_list_changed_during_the_push_stops_before_the_changed_batch(client, sandbox, account):
    company, connection, acc = account
    feed = lines(2500)

    def edit(event):
        if event.event == "batch_landed" and event.sequence == 0:
            feed[1500]["description"] = "edited"

    with pytest.raises(feedrail.ConfigError) as caught:
        client.push_feed(company, connection, acc, feed, progress=edit)
    assert "batch 1" in str(caught.value) and "changed" in str(caught.value)
    assert [t.id for t in sandbox.ledger(company, connection, acc).transactions] == [line["id"] for line in feed[:1000]]


def test_a_record_that_cannot_be_read_is_a_config_error_naming_it(client, sandbox, account):
    company, connection, acc = account

    class Day:
        def isoformat(self):
            raise RuntimeError("disk gone")

    feed = lines(5)
    feed[3]["date"] = Day()
    for records in (feed, iter(feed)):
        with pytest.raises(feedrail.ConfigError) as caught:
            client.push_feed(company, connection, acc, records)
        assert "records[3] could not be read: RuntimeError: disk gone" in str(caught.value)
    assert sandbox.ledger(company, connection, acc).transactions == []
