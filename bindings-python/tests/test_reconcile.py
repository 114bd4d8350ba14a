"""Reconciliation from the journal a cursor keeps: every status, Codat's side, and the
DataFrame and Jupyter views. After setup, nothing reads the sandbox's admin API."""

from decimal import Decimal

import pytest

import feedrail


def lines(n):
    balance = Decimal("100.00")
    out = []
    for i in range(n):
        amount = Decimal("-3.10") if i % 4 else Decimal("25.00")
        balance += amount
        out.append({"id": f"r-{i:03d}", "date": f"2026-03-01T10:{i:02d}:00", "description": f"Line {i}",
                    "amount": amount, "balance": balance, "transaction_type": "Debit" if amount < 0 else "Credit"})
    return out


@pytest.fixture
def slow_sandbox():
    with feedrail.Sandbox(delay_ms=300) as sb:
        yield sb


def test_every_line_gets_its_status(slow_sandbox, tmp_path):
    sandbox = slow_sandbox
    client = feedrail.Client(sandbox.api_key, base_url=sandbox.url, cursor=str(tmp_path / "cursor.sqlite"))
    company = client.create_company("Reconciled Ltd")
    connection = client.create_connection(company.id)
    client.create_account(company.id, connection.id, {"id": "acc", "account_name": "Current", "account_type": "Debit",
                                                       "account_number": "12345678", "sort_code": "040004",
                                                       "currency": "GBP", "balance": 0})
    sandbox.connect_account(company.id, connection.id, "acc")
    target = (company.id, connection.id, "acc")
    feed = lines(12)

    sandbox.set_faults(timed_out_landed=1.0, max_push_faults=1)
    assert client.push_feed(*target, feed[:4], batch_size=2, today="2026-06-30").landed == 4
    sandbox.set_faults(push_failed=1.0, max_push_faults=1)
    with pytest.raises(feedrail.PushFailedError):
        client.push_feed(*target, feed[4:6], today="2026-06-30")
    sandbox.set_faults()
    with pytest.raises(feedrail.PushTimedOutError):
        client.push_feed(*target, feed[6:8], wait_timeout=0.05, today="2026-06-30")

    source = [dict(line) for line in feed]
    source[9]["amount"] = "ten"
    del source[1]
    result = client.reconcile(*target, source, today="2026-06-30", confirm=True)
    assert isinstance(result, feedrail.Reconciliation)
    assert [line.status for line in result.lines] == [
        "landed", "landed", "landed", "failed", "failed", "pending", "pending", "not_sent", "rejected",
        "not_sent", "not_sent"]
    assert [line.id for line in result.not_in_source] == ["r-001"]
    assert result.lines[0].push_operation_key and result.lines[0].completed_at is not None
    assert result.lines[3].reason
    assert result.lines[8].issue is not None and result.lines[8].issue.code == "INVALID_FIELD"
    assert (result.counts.landed, result.counts.failed, result.counts.pending, result.counts.rejected,
            result.counts.not_sent, result.counts.not_in_source) == (3, 2, 2, 1, 3, 1)
    assert [b.index for b in result.balance_breaks] == [1, 9]
    assert result.account_balance == result.last_landed_balance == feed[3]["balance"]
    assert result.balance_matches is True
    assert len(result.batch_checks) == 3 and all(check.agrees for check in result.batch_checks)
    assert not result.ok

    frame = result.to_pandas()
    assert list(frame["status"][:3]) == ["landed"] * 3 and frame.iloc[-1]["status"] == "not_in_source"
    assert frame.iloc[8]["issue_code"] == "INVALID_FIELD"
    html = result._repr_html_()
    assert "not_in_source" in html and "<svg" in html, "counts, breaks and the running-balance plot"
    assert "landed=3" in repr(result)


def test_an_injected_break_is_found_at_its_line(client, account):
    feed = lines(8)
    client.push_feed(*account, feed, today="2026-06-30")
    broken = [dict(line) for line in feed]
    broken[5]["balance"] = broken[5]["balance"] + Decimal("0.01")
    result = client.reconcile(*account, broken, today="2026-06-30", opening_balance=Decimal("100.00"))
    assert [(b.index, b.id) for b in result.balance_breaks][:1] == [(5, "r-005")]
    assert result.balance_breaks[0].found - result.balance_breaks[0].expected == Decimal("0.01")
    assert result.counts.landed == 8, "the memory cursor journals too"
    with pytest.raises(feedrail.ConfigError, match="opening_balance"):
        client.reconcile(*account, broken, opening_balance="a lot")
