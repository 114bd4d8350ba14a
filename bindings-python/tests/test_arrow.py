"""Arrow input (the PyCapsule interface): pyarrow tables and polars DataFrames give the same
findings as the same records as dicts, across every shared vector an Arrow table can hold; they
push like any records; a column of a type feedrail does not read is CONFIG naming it."""

from datetime import datetime
from decimal import Decimal

import pyarrow as pa
import polars as pl
import pytest

import feedrail
from conftest import VECTORS
from test_vectors import _exact


def _findings(report):
    key = lambda i: (i.index if i.index is not None else -1, i.code, i.field or "", i.transaction_id or "")
    return sorted(map(key, report.errors)), sorted(map(key, report.warnings))


def _arrow(records, make):
    """The records as an Arrow table, or None when Arrow cannot hold them: a column holds one
    type, so a file mixing, say, numbers and lists in one field has no Arrow form."""
    if not all(isinstance(r, dict) for r in records):
        return None
    try:
        return make(records)
    except (pa.ArrowException, pl.exceptions.PolarsError, TypeError, OverflowError, ValueError):
        return None


def _pyarrow(records):
    # Every key of every record is a column (from_pylist would take the first record's keys only);
    # a record without the key has a null there.
    keys = list(dict.fromkeys(k for r in records for k in r))
    if not keys:
        raise ValueError("a table without columns has no rows")
    return pa.table({k: [r.get(k) for r in records] for k in keys})


# The vectors with no Arrow form: values of different kinds in one field (a number, a list and
# a bool; numbers among dates), lines that are not records, no field at all, integers beyond 64
# bits (polars holds those as its own 128-bit type, read as text).
NO_ARROW_FORM = {"invalid-amount-types", "invalid-records"}
NO_PYARROW_FORM = NO_ARROW_FORM | {"invalid-dates", "invalid-transaction-type", "missing-everything", "valid-empty",
                                   "money-huge", "money-overflowing-balance-chain"}


@pytest.mark.parametrize("make, without", [(_pyarrow, NO_PYARROW_FORM), (pl.DataFrame, NO_ARROW_FORM)],
                         ids=["pyarrow", "polars"])
def test_every_vector_arrow_can_hold_gives_the_dicts_findings(make, without):
    for path in VECTORS:
        case = _exact(path.read_text(encoding="utf-8"))
        table = _arrow(case["records"], make)
        assert (table is None) == (path.stem in without), path.stem
        if table is None:
            continue
        options = dict(cursor=case.get("cursor"), today=case["today"], profile=case["profile"],
                       time_zone=case.get("timeZone"))
        as_dicts = feedrail.validate(case["records"], **options)
        assert _findings(feedrail.validate(table, **options)) == _findings(as_dicts), path.name


def test_typed_columns_are_read_in_place():
    table = pa.table({
        "id": ["a", "b", "c"],
        "date": pa.array([datetime(2026, 1, 1, 9), datetime(2026, 1, 2, 9), None], type=pa.timestamp("us")),
        "description": pa.array(["x", "y", "z"], type=pa.large_string()),
        "counterparty": pa.array(["Acme", None, "Acme"]).dictionary_encode(),
        "amount": pa.array([Decimal("-1.25"), Decimal("2.00"), Decimal("1.00")], type=pa.decimal128(12, 2)),
        "balance": [-1.25, 0.75, 1.75],
        "transaction_type": ["Debit", "Credit", "Credit"],
        "memo": [[1], None, [2]],
    })
    report = feedrail.validate(table, today="2026-06-30")
    assert [(i.index, i.code, i.field) for i in report.errors] == [(2, "MISSING_FIELD", "date")]
    assert [(i.index, i.code, i.field) for i in report.warnings] == [(0, "UNKNOWN_FIELD", "memo"),
                                                                   (2, "UNKNOWN_FIELD", "memo")]
    zoned = pa.table({"id": ["z"], "date": pa.array([datetime(2026, 6, 30, 23, 30)], type=pa.timestamp("s", tz="UTC")),
                      "description": ["late"], "amount": [1], "balance": [1], "transaction_type": ["Credit"]})
    assert feedrail.validate(zoned, today="2026-06-30").ok
    assert [i.code for i in feedrail.validate(zoned, today="2026-06-30", time_zone="Europe/London").errors] == \
        ["FUTURE_DATE"], "an instant column converts into the zone's wall-clock time like an offset"
    sent = feedrail.validate(table, today="2026-06-30")
    assert sent.valid_indices == [0, 1], "a dictionary-encoded column reads as its values"
    with pytest.raises(feedrail.ConfigError, match='column "amount" has Arrow type List'):
        feedrail.validate(pa.table({"id": ["a"], "amount": [[1]]}))


def test_arrow_tables_and_generators_push_line_by_line(client, sandbox, account):
    rows = [{"id": f"ar-{i:03d}", "date": f"2026-02-01T10:{i:02d}:00", "description": "Card",
             "amount": Decimal("-1.10"), "balance": Decimal("-1.10") * (i + 1), "transaction_type": "Debit"}
            for i in range(30)]
    report = client.push_feed(*account, pa.Table.from_pylist(rows[:20]), batch_size=7, today="2026-06-30")
    assert report.landed == 20
    report = client.push_feed(*account, (row for row in rows[20:]), today="2026-06-30")
    assert report.landed == 10, "a generator of records"
    landed = sandbox.ledger(*account).transactions
    assert [(t.id, t.amount, t.balance) for t in landed] == [(r["id"], r["amount"], r["balance"]) for r in rows]
    assert feedrail.validate(pl.DataFrame(rows), today="2026-06-30").ok
