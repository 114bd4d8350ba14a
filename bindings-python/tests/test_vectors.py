"""Every shared vector in tests/vectors against the Python API: same findings as Rust."""

import json
from decimal import Decimal

import pytest

import feedrail
from conftest import VECTORS


def _exact(text):
    # Numbers with their exact digits, as a user would hand them over with Decimal.
    return json.loads(text, parse_float=Decimal, parse_int=int)


def _python_field(field):
    # Findings name Codat's fields in Python's spelling (transactionType -> transaction_type).
    known = {"transactionType": "transaction_type"}
    return known.get(field, field)


def _key(issue):
    return (issue["index"] if issue["index"] is not None else -1, issue["code"], issue["field"] or "", issue["transaction_id"] or "")


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_vector(path):
    case = _exact(path.read_text(encoding="utf-8"))
    expected = case["expected"]
    report = feedrail.validate(case["records"], cursor=case.get("cursor"), today=case["today"], profile=case["profile"],
                               time_zone=case.get("timeZone"))
    got_errors = sorted(({"index": i.index, "code": i.code, "field": i.field, "transaction_id": i.transaction_id} for i in report.errors), key=_key)
    want_errors = sorted(({"index": i["index"], "code": i["code"], "field": _python_field(i["field"]),
                           "transaction_id": i["transactionId"]} for i in expected["errors"]), key=_key)
    assert got_errors == want_errors
    got_warnings = sorted((_key(i.to_dict()) for i in report.warnings))
    want_warnings = sorted(_key({**i, "field": _python_field(i["field"]), "transaction_id": i["transactionId"]})
                           for i in expected["warnings"])
    assert got_warnings == want_warnings
    assert report.valid_indices == expected["validIndices"]
    assert report.checked == len(case["records"])


def test_there_are_enough_vectors():
    assert len(VECTORS) >= 40
