"""Build + validate + serialize 100k transactions from Python, from a list of dicts and from a
pandas DataFrame: the records (built beforehand, as an application holds them) are read into the
core's lines, every Sage rule is checked, and the report comes back as Python objects (a
`feedrail.ValidationReport` with the 100k valid indices). Goals: >= 1M tx/s from dicts, >= 3M
tx/s from a DataFrame, >= 10M tx/s from an Arrow table (pyarrow, or polars through the same
Arrow stream). Best of 5 runs.

Run: .venv/bin/python bench/python_ingest.py   (after `maturin develop --release` in bindings-python)
"""

import time
from decimal import Decimal

import feedrail

N = 100_000


def dicts():
    return [
        {"id": f"t{i:07d}", "date": f"2026-01-{1 + i // 86400:02d}T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}",
         "description": "Card payment ACME", "amount": Decimal("-1.25"), "balance": Decimal(-125 * (i + 1)) / 100,
         "transactionType": "Debit"}
        for i in range(N)
    ]


def frame():
    import pandas as pd

    return pd.DataFrame({
        "id": [f"t{i:07d}" for i in range(N)],
        "date": pd.date_range("2026-01-01", periods=N, freq="s"),
        "description": ["Card payment ACME"] * N,
        "amount": [-1.25] * N,
        "balance": [-1.25 * (i + 1) for i in range(N)],
        "transaction_type": ["Debit"] * N,
    })


def arrow():
    import pyarrow as pa

    return pa.table({
        "id": [f"t{i:07d}" for i in range(N)],
        "date": pa.array(range(1_767_225_600, 1_767_225_600 + N), type=pa.int64()).cast(pa.timestamp("s")),
        "description": ["Card payment ACME"] * N,
        "amount": pa.array([Decimal("-1.25")] * N, type=pa.decimal128(12, 2)),
        "balance": pa.array([Decimal(-125 * (i + 1)) / 100 for i in range(N)], type=pa.decimal128(12, 2)),
        "transaction_type": ["Debit"] * N,
    })


def polars_frame():
    import polars as pl

    return pl.from_arrow(arrow())


def best_of(runs, make, fn):
    times = []
    for _ in range(runs):
        data = make()
        started = time.perf_counter()
        report = fn(data)
        times.append(time.perf_counter() - started)
        assert report.ok, report.errors[:3]
    return min(times)


if __name__ == "__main__":
    for name, make in [("list of dicts", dicts), ("DataFrame", frame), ("Arrow table", arrow),
                       ("polars DataFrame", polars_frame)]:
        seconds = best_of(5, make, lambda d: feedrail.validate(d, today="2026-06-30"))
        print(f"{name}: {N} transactions validated in {seconds * 1000:.1f} ms = {N / seconds / 1e6:.2f}M tx/s")
