#!/usr/bin/env python3
"""Writes tests/vectors/cases/*.json: the shared conformance cases every language runs.

Every expected finding below is written by hand from the rules in tests/vectors/README.md; none
is computed by feedrail. Run `python3 tests/vectors/make_vectors.py` after editing a case and
commit the JSON; `--check` (run by `make test`) fails when the committed files are stale.
"""
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

OUT = Path(__file__).parent / "cases"
TODAY = "2026-06-30"
TARGET = {
    "companyId": "8a210b68-6988-11ed-a1eb-0242ac120002",
    "connectionId": "2e9d2c44-f675-40ba-8049-353bfcb5e171",
    "accountId": "acc-001",
}
CASES = []


def num(text):
    """A JSON number with exactly these digits."""
    return Decimal(str(text))


def tx(id, date, amount, balance, kind=None, description="Card payment", **extra):
    """A complete Sage line; kind defaults to the amount's sign."""
    amount, balance = num(amount), (None if balance is None else num(balance))
    if kind is None:
        kind = "Debit" if amount < 0 else "Credit"
    record = {"id": id, "date": date, "description": description, "amount": amount,
              "balance": balance, "transactionType": kind}
    record.update(extra)
    return record


def without(record, *fields):
    return {k: v for k, v in record.items() if k not in fields}


def chain(n, start_balance="1000.00", prefix="t", day0=1, month="2026-05"):
    """n continuous lines, one minute apart, balances following amounts."""
    out, balance = [], Decimal(start_balance)
    for i in range(n):
        amount = Decimal("25.10") if i % 4 == 0 else Decimal("-7.35")
        balance += amount
        minute = i % 60
        hour = (i // 60) % 24
        day = day0 + i // 1440
        out.append(tx(f"{prefix}{i:05d}", f"{month}-{day:02d}T{hour:02d}:{minute:02d}:00",
                      amount, balance, description=f"Line {i}"))
    return out


def issue(code, index, field=None, records=None):
    tid = None
    if records is not None and index is not None:
        rec = records[index]
        usable = isinstance(rec, dict) and isinstance(rec.get("id"), str) and not any(
            ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in rec["id"])  # a control character
        if usable:
            tid = rec["id"]
    return {"code": code, "index": index, "transactionId": tid, "field": field}


def case(name, description, records, errors=(), warnings=(), valid=None, batches=None,
         profile="sage", cursor=None, max_batch_size=None, wire=None, keys=None, today=TODAY,
         time_zone=None):
    """Registers a case. errors/warnings: (code, index, field) tuples."""
    if valid is None:
        bad = {e[1] for e in errors}
        valid = [] if None in bad else [i for i in range(len(records)) if i not in bad]
    if batches is None:
        size = max_batch_size or 1000
        batches = [min(size, len(valid) - s) for s in range(0, len(valid), size)]
    expected = {
        "errors": [issue(c, i, f, records) for c, i, f in errors],
        "warnings": [issue(c, i, f, records) for c, i, f in warnings],
        "validIndices": valid,
        "batchSizes": batches,
    }
    if wire is not None:
        expected["wire"] = wire
    if keys is not None:
        expected["idempotencyKeys"] = keys
    body = {"name": name, "description": description, "profile": profile, "today": today,
            "target": TARGET}
    if cursor is not None:
        body["cursor"] = cursor
    if max_batch_size is not None:
        body["maxBatchSize"] = max_batch_size
    if time_zone is not None:
        body["timeZone"] = time_zone
    body["records"] = records
    body["expected"] = expected
    CASES.append(body)


# --- valid input -----------------------------------------------------------------------------
basic = [tx("t1", "2026-06-01T09:00:00", "100.00", "1100.00", counterparty="ACME", reference="R-1",
            reconciled=False),
         tx("t2", "2026-06-01T10:00:00", "-0.10", "1099.90"),
         tx("t3", "2026-06-02", "-99.9", "1000.00", kind="Fee", description="Monthly fee")]
case("valid-basic", "Three correct lines continuing the cursor's balance.", basic,
     cursor={"lastBalance": num("1000.00"), "accountStatus": "connected"},
     wire='[{"id":"t1","date":"2026-06-01T09:00:00","description":"Card payment","counterparty":"ACME",'
          '"reference":"R-1","reconciled":false,"amount":100.00,"balance":1100.00,"transactionType":"Credit"},'
          '{"id":"t2","date":"2026-06-01T10:00:00","description":"Card payment","amount":-0.10,'
          '"balance":1099.90,"transactionType":"Debit"},'
          '{"id":"t3","date":"2026-06-02T00:00:00","description":"Monthly fee","amount":-99.9,'
          '"balance":1000.00,"transactionType":"Fee"}]',
     keys=["805dcd78-b238-82f7-af80-97d7e20438c1"])
case("valid-empty", "No lines: nothing to report, no batches.", [])
case("valid-equal-timestamps", "Equal timestamps are in order (non-decreasing, not strictly).",
     [tx("a", "2026-06-01T09:00:00", "1", "1"), tx("b", "2026-06-01T09:00:00", "1", "2"),
      tx("c", "2026-06-01T09:00:00", "1", "3")])
case("valid-today-late", "Any time on today's UTC date is accepted.",
     [tx("a", "2026-06-30T23:59:59", "5", "5"), tx("b", "2026-06-30T23:59:59.999", "5", "10")])
case("valid-date-forms", "Every accepted date form, in wall-clock order (offsets dropped, as Codat drops them).",
     [tx("a", "2026-06-01", "1", "1"), tx("b", "2026-06-01T08:30", "1", "2"),
      tx("c", "2026-06-01 08:45:00", "1", "3"), tx("d", "2026-06-01T09:00:00", "1", "4"),
      tx("e", "2026-06-01T09:15:00.5", "1", "5"), tx("f", "2026-06-01T09:30", "1", "6")])
case("valid-offsets-all-alike", "Dates with one offset throughout: no warning; they go out as written, offset dropped.",
     [tx("a", "2026-06-01T09:00:00+02:00", "1", "1"), tx("b", "2026-06-01T10:00:00+02:00", "1", "2")],
     wire='[{"id":"a","date":"2026-06-01T09:00:00","description":"Card payment","amount":1,"balance":1,'
          '"transactionType":"Credit"},{"id":"b","date":"2026-06-01T10:00:00","description":"Card payment",'
          '"amount":1,"balance":2,"transactionType":"Credit"}]')
case("valid-offset-keeps-the-day", "00:30+01:00 on July 1st lands on July 1st (wall-clock), not June 30th.",
     [tx("a", "2026-07-01T00:30:00+01:00", "1", "1")], today="2026-07-01",
     wire='[{"id":"a","date":"2026-07-01T00:30:00","description":"Card payment","amount":1,"balance":1,'
          '"transactionType":"Credit"}]')
case("mixed-offsets-wall-clock-order", "10:00+02:00 then 09:00Z: wall-clock order says out of order (the instants would not); one MIXED_OFFSETS warning.",
     [tx("a", "2026-06-01T10:00:00+02:00", "1", "1"), tx("b", "2026-06-01T09:00:00Z", "1", "2")],
     errors=[("OUT_OF_ORDER", 1, "date")], warnings=[("MIXED_OFFSETS", 1, "date")])
case("mixed-offsets-once", "Offsets that differ from the first line's are reported once, at the first that differs.",
     [tx("a", "2026-06-01T08:00:00", "1", "1"), tx("b", "2026-06-01T09:00:00Z", "1", "2"),
      tx("c", "2026-06-01T10:00:00+02:00", "1", "3")],
     warnings=[("MIXED_OFFSETS", 1, "date")])
case("time-zone-converts-instants", "With Europe/London, 23:30Z on June 30th is 00:30 BST on July 1st; a date without an offset stays as written.",
     [tx("a", "2026-06-30T22:00:00", "1", "1"), tx("b", "2026-06-30T23:30:00Z", "1", "2")],
     time_zone="Europe/London", today="2026-07-01",
     wire='[{"id":"a","date":"2026-06-30T22:00:00","description":"Card payment","amount":1,"balance":1,'
          '"transactionType":"Credit"},{"id":"b","date":"2026-07-01T00:30:00","description":"Card payment",'
          '"amount":1,"balance":2,"transactionType":"Credit"}]')
case("time-zone-orders-instants", "With a zone, instants in different offsets are ordered as instants, without MIXED_OFFSETS.",
     [tx("a", "2026-06-01T10:00:00+02:00", "1", "1"), tx("b", "2026-06-01T09:00:00Z", "1", "2")],
     time_zone="Europe/London")
case("time-zone-future", "With a zone, 23:30Z on June 30th is July 1st in London: after today (June 30th).",
     [tx("a", "2026-06-30T23:30:00Z", "1", "1")], time_zone="Europe/London",
     errors=[("FUTURE_DATE", 0, "date")])
case("valid-at-cursor-latest", "A line exactly at the cursor's latest date with a new id is fine.",
     [tx("n1", "2026-06-10T12:00:00", "1", "101")],
     cursor={"latestDate": "2026-06-10T12:00:00Z", "latestId": "old", "lastBalance": num("100"),
             "accountStatus": "connected"})
case("valid-unknown-status-not-checked", "An account whose status is unknown (null) is not refused.",
     [tx("a", "2026-06-01", "1", "1")], cursor={"accountStatus": None})
case("valid-amount-as-string", "Decimal strings are accepted for amount and balance.",
     [tx("a", "2026-06-01", "1", "1") | {"amount": "12.50", "balance": "12.50"}],
     wire='[{"id":"a","date":"2026-06-01T00:00:00","description":"Card payment","amount":12.50,'
          '"balance":12.50,"transactionType":"Credit"}]')

# --- missing fields --------------------------------------------------------------------------
full = tx("m1", "2026-06-01", "-5", "95")
same = tx("m1", "2026-06-01", "0", "95", kind="Debit")  # repeatable: zero amount keeps the balance
for field in ["id", "date", "description", "amount", "balance", "transactionType"]:
    case(f"missing-{field}", f"Sage needs `{field}` on every line.", [without(full, field)],
         errors=[("MISSING_FIELD", 0, field)])
case("missing-null-values", "null counts as missing for mandatory fields; null optional fields are fine.",
     [full | {"description": None, "balance": None, "counterparty": None, "reconciled": None}],
     errors=[("MISSING_FIELD", 0, "description"), ("MISSING_FIELD", 0, "balance")])
case("missing-everything", "An empty object misses all six mandatory fields.", [{}],
     errors=[("MISSING_FIELD", 0, f) for f in
             ["id", "date", "description", "amount", "balance", "transactionType"]])
case("generic-minimal", "The generic profile needs only id, date and amount.",
     [{"id": "g1", "date": "2026-06-01", "amount": num("3")}], profile="generic",
     wire='[{"id":"g1","date":"2026-06-01T00:00:00","amount":3}]')
case("generic-missing-amount", "Even the generic profile needs an amount.",
     [{"id": "g1", "date": "2026-06-01"}], profile="generic",
     errors=[("MISSING_FIELD", 0, "amount")])
case("generic-no-sage-rules", "Order, age, future and account status are Sage rules, not generic ones.",
     [tx("g1", "2026-06-05", "1", "1"), tx("g2", "2026-06-01", "1", "2"), tx("g3", "2026-08-01", "1", "3")],
     profile="generic",
     cursor={"latestDate": "2026-06-03T00:00:00Z", "accountStatus": "pending"})

# --- invalid fields --------------------------------------------------------------------------
case("invalid-amount-types", "Booleans, arrays, objects and unparsable strings are not amounts.",
     [full | {"id": "a", "amount": True}, full | {"id": "b", "amount": [1]},
      full | {"id": "c", "amount": {"value": 1}}, full | {"id": "d", "amount": "12,50"},
      full | {"id": "e", "amount": "NaN"}, full | {"id": "f", "amount": ""}],
     errors=[("INVALID_FIELD", i, "amount") for i in range(6)])
case("invalid-balance-type", "A balance must be a number or a decimal string.",
     [full | {"balance": "ninety"}], errors=[("INVALID_FIELD", 0, "balance")])
case("invalid-dates", "Impossible, informal and non-string dates; a leap second and the year 0000.",
     [same | {"id": "a", "date": "2026-02-30"}, same | {"id": "b", "date": "yesterday"},
      same | {"id": "c", "date": 20260101}, same | {"id": "d", "date": "01/06/2026"},
      same | {"id": "e", "date": ""}, same | {"id": "f", "date": "2016-12-31T23:59:60"},
      same | {"id": "g", "date": "0000-01-01"}],
     errors=[("INVALID_FIELD", i, "date") for i in range(7)])
case("invalid-control-characters", "NUL and other control characters in ids and text are refused; tabs and line breaks in text are fine.",
     [same | {"id": "a\u0000"}, same | {"id": "b", "description": "Coffee\u001b[31m"},
      same | {"id": "c", "counterparty": "Acme\u0085"}, same | {"id": "d\tx"},
      same | {"id": "e", "description": "Two\nlines\twith a tab\r\n"}],
     errors=[("INVALID_FIELD", 0, "id"), ("INVALID_FIELD", 1, "description"),
             ("INVALID_FIELD", 2, "counterparty"), ("INVALID_FIELD", 3, "id")])
case("invalid-transaction-type", "Types are Codat's 18 names, case-sensitive.",
     [same | {"id": "a", "transactionType": "debit"}, same | {"id": "b", "transactionType": "Transfer"},
      same | {"id": "c", "transactionType": 2}],
     errors=[("INVALID_FIELD", i, "transactionType") for i in range(3)])
case("valid-all-transaction-types", "All 18 types are accepted (sign warnings only for Credit/Debit).",
     [tx(f"k{i}", "2026-06-01", "1", str(i + 1), kind=k) for i, k in enumerate(
         ["Unknown", "Credit", "Int", "Div", "Fee", "SerChg", "Dep", "Atm", "Pos", "Xfer", "Check",
          "Payment", "Cash", "DirectDep", "DirectDebit", "RepeatPmt", "Other", "Debit"])],
     warnings=[("AMOUNT_SIGN_MISMATCH", 17, "amount")])
case("invalid-empty-description", "Sage needs a non-blank description.",
     [same | {"id": "a", "description": ""}, same | {"id": "b", "description": "   "}],
     errors=[("INVALID_FIELD", 0, "description"), ("INVALID_FIELD", 1, "description")])
case("invalid-empty-id", "An id must not be blank.", [full | {"id": ""}],
     errors=[("INVALID_FIELD", 0, "id")])
case("invalid-non-string-id", "Ids are strings; a number id is refused (and not named).",
     [full | {"id": 123}], errors=[("INVALID_FIELD", 0, "id")])
case("invalid-records", "Records must be objects.",
     [1, "t1", None, [full], full],
     errors=[("INVALID_RECORD", i, None) for i in range(4)])
case("invalid-optional-types", "Optional fields must have the right type when present.",
     [full | {"counterparty": 5, "reference": True, "reconciled": "yes"}],
     errors=[("INVALID_FIELD", 0, "counterparty"), ("INVALID_FIELD", 0, "reference"),
             ("INVALID_FIELD", 0, "reconciled")])
case("invalid-many-on-one-line", "Every problem on a line is reported, not just the first.",
     [{"id": "x", "date": "soon", "amount": "lots", "transactionType": "Magic"}],
     errors=[("INVALID_FIELD", 0, "date"), ("INVALID_FIELD", 0, "amount"),
             ("INVALID_FIELD", 0, "transactionType"), ("MISSING_FIELD", 0, "description"),
             ("MISSING_FIELD", 0, "balance")])

# --- duplicates ------------------------------------------------------------------------------
case("duplicate-within-input", "The second use of an id is a duplicate.",
     [tx("t1", "2026-06-01", "1", "1"), tx("t2", "2026-06-01", "1", "2"), tx("t1", "2026-06-01", "1", "3")],
     errors=[("DUPLICATE_ID", 2, "id")])
case("duplicate-triple", "Every repeat after the first is flagged.",
     [tx("t1", "2026-06-01", "1", "1"), tx("t1", "2026-06-01", "1", "2"), tx("t1", "2026-06-01", "1", "3")],
     errors=[("DUPLICATE_ID", 1, "id"), ("DUPLICATE_ID", 2, "id")])
case("duplicate-already-pushed", "Ids in the cursor (recent ids or the latest id) were already pushed.",
     [tx("old1", "2026-06-11", "1", "1"), tx("old2", "2026-06-11", "1", "2"), tx("new", "2026-06-11", "1", "3")],
     cursor={"latestDate": "2026-06-10T00:00:00Z", "latestId": "old2", "recentIds": ["old1"],
             "accountStatus": "connected"},
     errors=[("DUPLICATE_ID", 0, "id"), ("DUPLICATE_ID", 1, "id")])

# --- dates and order -------------------------------------------------------------------------
case("order-simple", "A line earlier than the one before it is out of order.",
     [tx("a", "2026-06-01", "1", "1"), tx("b", "2026-06-03", "1", "2"), tx("c", "2026-06-02", "1", "3")],
     errors=[("OUT_OF_ORDER", 2, "date")])
case("order-high-water", "Order is checked against the latest earlier date, so skipping flagged lines leaves a sorted list.",
     [tx("a", "2026-06-01", "1", "1"), tx("b", "2026-06-05", "1", "2"), tx("c", "2026-06-02", "1", "3"),
      tx("d", "2026-06-03", "1", "4"), tx("e", "2026-06-06", "1", "5")],
     errors=[("OUT_OF_ORDER", 2, "date"), ("OUT_OF_ORDER", 3, "date")])
case("order-offset-dropped", "09:00Z then 10:00+02:00: in wall-clock order (the instants are not), with MIXED_OFFSETS.",
     [tx("a", "2026-06-01T09:00:00Z", "1", "1"), tx("b", "2026-06-01T10:00:00+02:00", "1", "2")],
     warnings=[("MIXED_OFFSETS", 1, "date")])
case("future-tomorrow", "Dates after today (UTC) are refused.",
     [tx("a", "2026-06-30", "1", "1"), tx("b", "2026-07-01", "1", "2")],
     errors=[("FUTURE_DATE", 1, "date")])
case("offset-does-not-cross-midnight", "23:30-05:00 on June 30th stays on June 30th (wall-clock): not future.",
     [tx("a", "2026-06-30T23:30:00-05:00", "1", "1")])
case("future-offset-as-written", "00:30+02:00 on July 1st is on July 1st as written: future on June 30th.",
     [tx("a", "2026-07-01T00:30:00+02:00", "1", "1")], errors=[("FUTURE_DATE", 0, "date")])
case("future-does-not-raise-high-water", "A future line does not make later correct lines out of order.",
     [tx("a", "2026-06-01", "1", "1"), tx("b", "2027-01-01", "1", "2"), tx("c", "2026-06-02", "1", "3")],
     errors=[("FUTURE_DATE", 1, "date")])
case("older-than-latest", "Same day but earlier than the newest pushed line is refused; equal is fine.",
     [tx("a", "2026-06-09", "1", "1"), tx("b", "2026-06-10T11:00:00", "1", "2"),
      tx("c", "2026-06-10T12:00:00", "1", "3"), tx("d", "2026-06-10T13:00:00", "1", "4")],
     cursor={"latestDate": "2026-06-10T12:00:00Z", "latestId": "z", "accountStatus": "connected"},
     errors=[("OLDER_THAN_LATEST", 0, "date"), ("OLDER_THAN_LATEST", 1, "date")])

# --- account ---------------------------------------------------------------------------------
for status in ["pending", "disconnected", "connecting", "unknown"]:
    case(f"account-{status}", f"Nothing can be pushed to a {status} account.",
         [tx("a", "2026-06-01", "1", "1"), tx("b", "2026-06-02", "1", "2")],
         cursor={"accountStatus": status}, errors=[("ACCOUNT_NOT_CONNECTED", None, None)])

# --- warnings --------------------------------------------------------------------------------
case("warning-sign-mismatch", "Credit must not be negative, Debit not positive; zero and other types are fine.",
     [tx("a", "2026-06-01", "-5", "-5", kind="Credit"), tx("b", "2026-06-01", "5", "0", kind="Debit"),
      tx("c", "2026-06-01", "0", "0", kind="Debit"), tx("d", "2026-06-01", "-2", "-2", kind="Fee")],
     warnings=[("AMOUNT_SIGN_MISMATCH", 0, "amount"), ("AMOUNT_SIGN_MISMATCH", 1, "amount")])
case("warning-balance-from-cursor", "Continuity starts from the cursor's balance and resyncs after a gap.",
     [tx("a", "2026-06-01", "10", "111"), tx("b", "2026-06-01", "-1", "110"), tx("c", "2026-06-01", "-1", "100")],
     cursor={"lastBalance": num("100"), "accountStatus": "connected"},
     warnings=[("BALANCE_DISCONTINUITY", 0, "balance"), ("BALANCE_DISCONTINUITY", 2, "balance")])
case("warning-balance-first-line-free", "Without a cursor balance the first line sets the chain.",
     [tx("a", "2026-06-01", "10", "500"), tx("b", "2026-06-01", "10", "510")])
case("warning-balance-scale", "1.10 equals 1.1: continuity compares values, not digits.",
     [tx("a", "2026-06-01", "1.05", "1.05"), tx("b", "2026-06-01", "0.05", "1.1")])
case("warning-unknown-field", "An unknown field is reported and not sent; the line stays valid.",
     [full | {"ammount": 5, "notes": "x"}],
     warnings=[("UNKNOWN_FIELD", 0, "ammount"), ("UNKNOWN_FIELD", 0, "notes")],
     wire='[{"id":"m1","date":"2026-06-01T00:00:00","description":"Card payment","amount":-5,'
          '"balance":95,"transactionType":"Debit"}]')

# --- money -----------------------------------------------------------------------------------
case("money-exact-digits", "0.1 stays 0.1, 0.10 stays 0.10, big values stay exact.",
     [tx("a", "2026-06-01", "0.1", "0.1"), tx("b", "2026-06-01", "0.10", "0.20"),
      tx("c", "2026-06-01", "12345678901234.56", "12345678901234.76")],
     wire='[{"id":"a","date":"2026-06-01T00:00:00","description":"Card payment","amount":0.1,'
          '"balance":0.1,"transactionType":"Credit"},{"id":"b","date":"2026-06-01T00:00:00",'
          '"description":"Card payment","amount":0.10,"balance":0.20,"transactionType":"Credit"},'
          '{"id":"c","date":"2026-06-01T00:00:00","description":"Card payment",'
          '"amount":12345678901234.56,"balance":12345678901234.76,"transactionType":"Credit"}]')
case("money-huge", "The largest exact value is fine; one more is refused.",
     [tx("a", "2026-06-01", "79228162514264337593543950335", "79228162514264337593543950335"),
      tx("b", "2026-06-01", "-79228162514264337593543950336", "0")],
     errors=[("INVALID_FIELD", 1, "amount")])
case("money-tiny", "28 decimal places are fine; 29 are refused rather than rounded.",
     [tx("a", "2026-06-01", "0.0000000000000000000000000001", "0.0000000000000000000000000001"),
      tx("b", "2026-06-01", "0.00000000000000000000000000001", "0.0000000000000000000000000001")],
     errors=[("INVALID_FIELD", 1, "amount")],
     wire='[{"id":"a","date":"2026-06-01T00:00:00","description":"Card payment",'
          '"amount":0.0000000000000000000000000001,"balance":0.0000000000000000000000000001,'
          '"transactionType":"Credit"}]')
case("money-exponent", "Exponent notation is read exactly.",
     [tx("a", "2026-06-01", "1", "1") | {"amount": num("1.5E3"), "balance": num("15e2")}])
case("money-overflowing-balance-chain", "A balance chain that overflows is a warning, not a crash.",
     [tx("a", "2026-06-01", "79228162514264337593543950335", "79228162514264337593543950335"),
      tx("b", "2026-06-01", "79228162514264337593543950335", "1")],
     warnings=[("BALANCE_DISCONTINUITY", 1, "balance")])

# --- unicode ---------------------------------------------------------------------------------
case("unicode-descriptions", "Descriptions, ids and counterparties keep every character.",
     [tx("ü-1", "2026-06-01", "-4.5", "-4.5", description="Café ☕ — 東京 🚀", counterparty="Zoë & Søn"),
      tx("ü-2", "2026-06-01", "-1", "-5.5", description="مرحبا بالعالم"),
      tx("ü-3", "2026-06-01", "-1", "-6.5", description="\u00a0tab\there\u00a0")],
     wire='[{"id":"ü-1","date":"2026-06-01T00:00:00","description":"Café ☕ — 東京 🚀",'
          '"counterparty":"Zoë & Søn","amount":-4.5,"balance":-4.5,"transactionType":"Debit"},'
          '{"id":"ü-2","date":"2026-06-01T00:00:00","description":"مرحبا بالعالم","amount":-1,'
          '"balance":-5.5,"transactionType":"Debit"},{"id":"ü-3","date":"2026-06-01T00:00:00",'
          '"description":"\u00a0tab\\there\u00a0","amount":-1,"balance":-6.5,"transactionType":"Debit"}]')
case("unicode-blank-description", "A description of only spaces (including no-break spaces) is blank.",
     [full | {"description": "\u00a0 \u2003"}], errors=[("INVALID_FIELD", 0, "description")])

# --- batching --------------------------------------------------------------------------------
case("batch-exactly-1000", "1000 lines make one full batch.", chain(1000))
case("batch-1001", "1001 lines make a full batch and a batch of one.", chain(1001),
     keys=["8862dafa-0119-8bb0-90a8-c538d58264e7", "b467b7e1-8877-8fb0-937a-74a109b9ecfd"])
case("batch-2500", "2500 lines make 1000, 1000, 500, in order.", chain(2500))
case("batch-smaller-size", "A lower batch size splits accordingly.", chain(1001), max_batch_size=250)
case("batch-after-skipping", "Batches are planned over the valid lines only, in order.",
     [tx("a", "2026-06-01", "1", "1"), tx("b", "2026-06-01", "1", "2"), {"id": "c"},
      tx("d", "2026-06-01", "1", "3"), tx("e", "2026-06-01", "1", "4")],
     errors=[("MISSING_FIELD", 2, f) for f in ["date", "description", "amount", "balance", "transactionType"]],
     max_batch_size=2)
case("batch-account-refused", "No batches when the account itself is refused.", chain(5),
     cursor={"accountStatus": "pending"}, errors=[("ACCOUNT_NOT_CONNECTED", None, None)])


# --- writing ---------------------------------------------------------------------------------
def dump(value):
    def default(v):
        if isinstance(v, Decimal):
            return f"__NUM__{v}__"
        raise TypeError(v)
    text = json.dumps(value, ensure_ascii=False, default=default, separators=(",", ":"))
    return re.sub(r'"__NUM__([^"]*)__"', r"\1", text)


def render(body):
    lines = ["{"]
    items = list(body.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        if key == "records" and value:
            lines.append(f'  "records": [')
            lines += [f"    {dump(r)}{',' if i < len(value) - 1 else ''}" for i, r in enumerate(value)]
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {dump(key)}: {dump(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    check = "--check" in sys.argv
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    wanted = {f"{c['name']}.json": render(c) for c in CASES}
    stale = [n for n, text in wanted.items()
             if not (OUT / n).exists() or (OUT / n).read_text(encoding="utf-8") != text]
    extra = [p.name for p in OUT.glob("*.json") if p.name not in wanted]
    if check:
        if stale or extra:
            sys.exit(f"vectors are stale: {sorted(stale + extra)}; run python3 tests/vectors/make_vectors.py")
        print(f"{len(wanted)} vectors up to date")
        return
    OUT.mkdir(exist_ok=True)
    for p in extra:
        (OUT / p).unlink()
    for n, text in wanted.items():
        (OUT / n).write_text(text, encoding="utf-8")
    print(f"wrote {len(wanted)} vectors to {OUT}")


if __name__ == "__main__":
    main()
