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
    assert [(i.index, i.field, i.code) for i in report.errors] == [(2, "balance", "MISSING_FIELD")]
    findings = report.to_pandas()
    assert list(findings.columns) == ["severity", "code", "index", "transaction_id", "field", "message"]
    assert findings.loc[0, "code"] == "MISSING_FIELD"


def test_dataframe_pushes(client, sandbox, account):
    company, connection, acc = account
    result = client.push_feed(company, connection, acc, frame(1500))
    assert result.landed == 1500
    ledger = sandbox.ledger(company, connection, acc)
    assert ledger.balance == Decimal("-1875.0")


def test_dataframe_cells_of_every_kind():
    df = pd.DataFrame({
        "id": pd.array(["a", "b", None, "d", "e"], dtype="string"),
        "date": pd.to_datetime(["2026-01-01 10:00", "2026-01-01 11:00", "2026-01-01 12:00", None,
                                "2026-01-01 14:00"]).tz_localize("Europe/Paris"),
        "description": ["x", float("nan"), "z", "w", pd.NA],
        "amount": [Decimal("-1.10"), Decimal("-1.10"), Decimal("-1.10"), Decimal("-1.10"), Decimal("-1.10")],
        "balance": [Decimal("8.90"), Decimal("7.80"), Decimal("6.70"), Decimal("5.60"), Decimal("4.50")],
        "transactionType": ["Debit"] * 5,
        "memo": [1, 2, 3, 4, 5],
    })
    report = feedrail.validate(df, today="2026-06-30")
    assert [(i.index, i.field, i.code) for i in report.errors] == [
        (1, "description", "MISSING_FIELD"),
        (2, "id", "MISSING_FIELD"),
        (3, "date", "MISSING_FIELD"),
        (4, "description", "MISSING_FIELD"),
    ]
    assert {(i.index, i.field, i.code) for i in report.warnings} == {
        (i, "memo", "UNKNOWN_FIELD") for i in range(5)}
    assert report.valid_indices == [0]


def test_dataframe_dates_keep_their_wall_clock_time_and_int_ids_are_refused():
    df = frame(2)
    df["date"] = df["date"].dt.tz_localize("America/New_York")
    df["id"] = [7, 8]
    report = feedrail.validate(df, today="2026-06-30")
    assert {(i.index, i.field, i.code) for i in report.errors} == {
        (0, "id", "INVALID_FIELD"), (1, "id", "INVALID_FIELD")}
    late = frame(2)
    late.date = pd.to_datetime(["2026-06-30 23:30"] * 2).tz_localize("America/New_York")
    assert feedrail.validate(late, today="2026-06-30").ok, "23:30 in New York is on June 30th as written"
    in_utc = feedrail.validate(late, today="2026-06-30", time_zone="UTC")
    assert [i.code for i in in_utc.errors] == ["FUTURE_DATE", "FUTURE_DATE"], "03:30 UTC on July 1st"
    naive = frame(2)
    naive["date"] = pd.to_datetime(["2026-06-30 23:30"] * 2)
    assert feedrail.validate(naive, today="2026-06-30", time_zone="Asia/Tokyo").ok, "naive stays as written"
