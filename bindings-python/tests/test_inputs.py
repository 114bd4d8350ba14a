"""Records in every accepted shape; malformed input gives the right error with index and field."""

import dataclasses
from decimal import Decimal

import feedrail

BASE = {"id": "a", "date": "2026-01-01", "description": "x", "amount": "-1", "balance": "-1", "transactionType": "Debit"}


def codes(report):
    return [(i.index, i.field, i.code) for i in report.errors]


def test_amount_types_are_exact():
    for amount in [Decimal("-1.10"), -1, "-1.10", -1.1]:
        report = feedrail.validate([{**BASE, "amount": amount, "balance": amount}], today="2026-06-30")
        assert report.ok, (amount, report.errors)


def test_snake_case_and_objects():
    @dataclasses.dataclass
    class Line:
        id: str
        date: str
        description: str
        amount: Decimal
        balance: Decimal
        transaction_type: str

    report = feedrail.validate([Line("a", "2026-01-01", "x", Decimal("-1"), Decimal("-1"), "Debit")], today="2026-06-30")
    assert report.ok, report.errors


def test_malformed_inputs():
    cases = [
        ({**BASE, "amount": float("nan")}, "amount", "INVALID_FIELD"),
        ({**BASE, "amount": float("inf")}, "amount", "INVALID_FIELD"),
        ({**BASE, "amount": 10**40}, "amount", "INVALID_FIELD"),
        ({**BASE, "id": 5}, "id", "INVALID_FIELD"),
        ({**BASE, "amount": None}, "amount", "MISSING_FIELD"),
        ({**BASE, "date": ["2026"]}, "date", "INVALID_FIELD"),
        ({k: v for k, v in BASE.items() if k != "description"}, "description", "MISSING_FIELD"),
    ]
    records = [{**c[0], "id": c[0]["id"] if c[0].get("id") != "a" else f"a{i}"} for i, c in enumerate(cases)]
    report = feedrail.validate(records, today="2026-06-30")
    assert codes(report) == [(i, field, code) for i, (_, field, code) in enumerate(cases)]
    not_a_record = feedrail.validate([None, 3], today="2026-06-30")
    assert [i.code for i in not_a_record.errors] == ["INVALID_RECORD", "INVALID_RECORD"]


def test_report_repr_html():
    report = feedrail.validate([{**BASE, "description": ""}], today="2026-06-30")
    assert "INVALID_FIELD" in report._repr_html_()
    assert repr(report) == "ValidationReport(checked=1, errors=1, warnings=0)"
