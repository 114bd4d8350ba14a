"""DataFrames in, DataFrames out."""

from decimal import Decimal

import pytest

import feedrail

pd = pytest.importorskip("pandas")


def frame(n):
    return pd.DataFrame({
        "id": [f"d{i}" for i in range(n)],
        "date": pd.date_range("2026-01-01", periods=n, freq="min"),
        "description": [f"Line {i}" for i in range(n)],
        "amount": [-1.25] * n,
        "balance": [-1.25 * (i + 1) for i in range(n)],
        "transaction_type": ["Debit"] * n,
    })


def test_dataframe_validates_like_dicts():
    df = frame(5)
    df.loc[2, "balance"] = None
    report = feedrail.validate(df, today="2026-06-30")
    assert [(i["index"], i["field"], i["code"]) for i in report.errors] == [(2, "balance", "MISSING_FIELD")]
    findings = report.to_pandas()
    assert list(findings.columns) == ["severity", "code", "index", "transaction_id", "field", "message"]
    assert findings.loc[0, "code"] == "MISSING_FIELD"


def test_dataframe_pushes(client, sandbox, account):
    company, connection, acc = account
    result = client.push_feed(company, connection, acc, frame(1500))
    assert result.landed == 1500
    ledger = sandbox.ledger(company, connection, acc)
    assert ledger["balance"] == Decimal("-1875.0")
