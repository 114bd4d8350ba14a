"""Memory of `Client.push_feed` from a list of dicts: how much the push adds to the process's peak
over the dicts themselves (goal: <= 150 MB for 1M lines), and the peak for 100k lines (goal: at or
below the 125 MB Codat's own SDK peaks at). The list is read chunk by chunk while the feed is
pushed, so the push's own memory does not grow with the feed.

The sandbox runs in a child process (its ledger must not count), with no processing delay; the
push remembers in a SQLite cursor.

Run: .venv/bin/python bench/python_memory.py [lines ...]   (after `maturin develop --release`)
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

import feedrail


def serve() -> None:
    """Child mode: a sandbox with one connected account per requested id; prints where, then
    waits for stdin to close."""
    with feedrail.Sandbox() as sandbox:
        client = feedrail.Client(api_key=sandbox.api_key, base_url=sandbox.url)
        company = client.create_company("Memory Co")
        connection = client.create_connection(company.id)
        accounts = sys.argv[2:]
        for account in accounts:
            client.create_account(company.id, connection.id, {
                "id": account, "accountName": account, "accountType": "Debit", "accountNumber": "1",
                "sortCode": "040004", "currency": "GBP", "balance": 0,
            })
            otp = client.generate_otp(company.id, connection.id)
            sandbox.connect_account(company.id, connection.id, account, otp.otp)
        print(json.dumps({"url": sandbox.url, "key": sandbox.api_key, "company": company.id,
                          "connection": connection.id}), flush=True)
        sys.stdin.read()


def kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(field)


def dicts(n: int) -> list[dict[str, object]]:
    balance = Decimal(0)
    out = []
    for i in range(n):
        amount = Decimal(25) if i % 4 == 0 else Decimal("-3.10")
        balance += amount
        out.append({"id": f"t{i:08d}", "date": f"2026-01-{1 + i // 86400:02d}T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}",
                    "description": f"Card payment {i % 1000}", "amount": amount, "balance": balance,
                    "transactionType": "Credit" if amount > 0 else "Debit"})
    return out


def measure(n: int) -> None:
    """One size in a fresh process, so each peak is its own."""
    account = "acc"
    child = subprocess.Popen([sys.executable, __file__, "--serve", account], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdin is not None
    where = json.loads(child.stdout.readline())
    try:
        records = dicts(n)
        before = kib("VmHWM")
        with tempfile.TemporaryDirectory() as tmp:
            client = feedrail.Client(api_key=where["key"], base_url=where["url"],
                                     cursor=os.path.join(tmp, "cursor.sqlite"))
            started = time.perf_counter()
            report = client.push_feed(where["company"], where["connection"], account, records)
            elapsed = time.perf_counter() - started
        assert report.landed == n, report
        peak = kib("VmHWM")
        print(f"| {n} | {before / 1024:.0f} MiB | {peak / 1024:.0f} MiB | {(peak - before) / 1024:.1f} MiB "
              f"| {elapsed:.1f} s |", flush=True)
    finally:
        child.stdin.close()
        child.wait()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve()
    elif sys.argv[1:2] == ["--one"]:
        measure(int(sys.argv[2]))
    else:
        print("| lines | peak with the dicts built | peak after push_feed | added by the push | push time |")
        print("|---|---|---|---|---|")
        for size in sys.argv[1:] or ["100000", "1000000"]:
            subprocess.run([sys.executable, __file__, "--one", size], check=True)
