"""What the reports do besides holding data (mixed into the generated `Report`,
`ValidationReport` and `FeedReport`), with Jupyter reprs; and the DataFrame hand-over."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: `typing` and the generated types load on first use
    from decimal import Decimal
    from typing import Any, Optional

    import pandas  # type: ignore[import-not-found,import-untyped,unused-ignore]

    from feedrail._types import (
        BalanceBreak, BatchCheck, BatchOutcome, Issue, PushTarget, ReconciledLine, StatusCounts,
    )


class Columns:
    """A DataFrame handed over column by column, without a Python object per numeric cell:
    `columns_by_name` maps each column to `(kind, data)`. Time-zone-naive datetime columns go as
    wall-clock nanoseconds (kind "ns", the int64 values as bytes, NaT as the smallest int64);
    zone-aware ones as Timestamps, whose ISO text keeps each value's offset. Float64 columns as "f8"
    bytes (NaN is an empty cell), int64 columns as "i8" bytes, the rest as a list of Python values
    where None, NaN and the objects in `missing` (pd.NA, pd.NaT) are empty cells."""

    def __init__(self, frame: Any) -> None:
        import pandas as pd  # type: ignore[import-not-found,import-untyped,unused-ignore]

        self.missing = (pd.NA, pd.NaT)
        self.columns_by_name: dict[str, tuple[str, Any]] = {}
        for name in frame.columns:
            series = frame[name]
            if series.dtype.kind == "M" and series.dt.tz is None:
                data = ("ns", series.to_numpy(dtype="datetime64[ns]").view("int64").tobytes())
            elif str(series.dtype) == "float64":
                data = ("f8", series.to_numpy().tobytes())
            elif str(series.dtype) == "int64":
                data = ("i8", series.to_numpy().tobytes())
            else:
                data = ("values", series.tolist())
            self.columns_by_name[str(name)] = data


def feed_records(records: Any) -> object:
    """A pandas DataFrame as `Columns` (empty cells become missing values); anything else (an
    Arrow table, a polars DataFrame, a list of records) as given."""
    module = type(records).__module__
    if module.startswith("pandas.") and hasattr(records, "columns"):
        return Columns(records)
    if module.startswith("polars.") and hasattr(records, "with_columns"):
        # polars exports all-null columns with a buffer the Arrow C interface does not have, and
        # 128-bit integers as a type of its own: as text they read the same, digit for digit.
        import polars as pl  # type: ignore[import-not-found,import-untyped,unused-ignore]

        return records.with_columns(pl.col(pl.Null, pl.Int128).cast(pl.String))
    return records


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    import html

    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


class ReportMethods:
    """What validation findings do besides holding them (`Report`, `ValidationReport`): `ok`,
    `to_pandas()`, a short `repr` and a Jupyter table."""

    __slots__ = ()
    checked: int
    errors: list[Issue]
    warnings: list[Issue]

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return not self.errors

    def to_pandas(self) -> pandas.DataFrame:
        """Every finding as a DataFrame (`severity`, `code`, `index`, `transaction_id`, `field`,
        `message`). Needs pandas."""
        import pandas as pd  # type: ignore[import-not-found,import-untyped,unused-ignore]

        rows = [{"severity": "error", **i.to_dict()} for i in self.errors]
        rows += [{"severity": "warning", **i.to_dict()} for i in self.warnings]
        return pd.DataFrame(rows, columns=["severity", "code", "index", "transaction_id", "field", "message"])

    def __repr__(self) -> str:
        return f"{type(self).__name__}(checked={self.checked}, errors={len(self.errors)}, warnings={len(self.warnings)})"

    def _repr_html_(self) -> str:
        rows = [[sev, i.code, i.index, i.transaction_id, i.field, i.message]
                for sev, issues in (("error", self.errors), ("warning", self.warnings)) for i in issues]
        summary = f"<p>{self.checked} transactions checked: {len(self.errors)} errors, {len(self.warnings)} warnings</p>"
        return summary + _table(["severity", "code", "index", "id", "field", "message"], rows)


class FeedReportMethods:
    """What a `FeedReport` does besides holding the run's outcome: `account_id`, `complete`,
    `in_doubt`, a short `repr` and a Jupyter table."""

    __slots__ = ()
    target: PushTarget
    total: int
    landed: int
    already_landed: int
    already_pushed: list[int]
    batches: list[BatchOutcome]
    resumed: Optional[BatchOutcome]
    balance: Optional[Decimal]

    @property
    def account_id(self) -> str:
        """The account pushed to."""
        return self.target.account_id

    @property
    def complete(self) -> bool:
        """Whether every line of the input is on the account."""
        return self.total - self.landed - self.already_landed - len(self.already_pushed) == 0

    @property
    def in_doubt(self) -> list[BatchOutcome]:
        """The batches (the resumed one first) whose fate became unknown, with `in_doubt` (why)
        and `resolution` (how each was settled)."""
        return [b for b in ([self.resumed] if self.resumed else []) + self.batches if b.in_doubt]

    def __repr__(self) -> str:
        return (f"FeedReport(account_id={self.account_id!r}, landed={self.landed}, total={self.total}, "
                f"batches={len(self.batches)}, balance={self.balance!r})")

    def _repr_html_(self) -> str:
        import html

        rows = [[b.sequence, b.size, b.first_id, b.last_id, b.status, b.push_operation_key] for b in self.batches]
        summary = (f"<p>account {html.escape(self.account_id)}: {self.landed} of {self.total} lines landed; "
                   f"balance {html.escape(str(self.balance))}</p>")
        return summary + _table(["batch", "lines", "first id", "last id", "status", "push operation"], rows)


_STATUSES = ("landed", "pending", "in_doubt", "failed", "rejected", "not_sent", "not_in_source")


class ReconciliationMethods:
    """What a `Reconciliation` does besides holding it: `account_id`, `to_pandas()`, a
    short `repr`, and in Jupyter a summary — counts per status, the first balance breaks, the
    balance check, and a running-balance plot of the file against what landed (with
    matplotlib)."""

    __slots__ = ()
    target: PushTarget
    lines: list[ReconciledLine]
    not_in_source: list[ReconciledLine]
    counts: StatusCounts
    balance_breaks: list[BalanceBreak]
    account_balance: Optional[Decimal]
    last_landed_balance: Optional[Decimal]
    balance_matches: Optional[bool]
    batch_checks: list[BatchCheck]

    @property
    def account_id(self) -> str:
        """The account reconciled."""
        return self.target.account_id

    def to_pandas(self) -> pandas.DataFrame:
        """One row per line — the file's, then those landed but not in it — with `index`, `id`,
        `status`, `date`, `amount`, `balance`, `batch`, `push_operation_key`, `completed_at`,
        `reason` and the rejecting finding's `issue_code`. Needs pandas."""
        import pandas as pd  # type: ignore[import-not-found,import-untyped,unused-ignore]

        columns = ["index", "id", "status", "date", "amount", "balance", "batch", "push_operation_key",
                   "completed_at", "reason", "issue_code"]
        rows = [[line.index, line.id, line.status, line.date, line.amount, line.balance, line.batch,
                 line.push_operation_key, line.completed_at, line.reason, line.issue and line.issue.code]
                for line in self.lines + self.not_in_source]
        return pd.DataFrame(rows, columns=columns)

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={getattr(self.counts, name)}" for name in _STATUSES)
        return f"Reconciliation(account_id={self.account_id!r}, {counts}, balance_breaks={len(self.balance_breaks)})"

    def _repr_html_(self) -> str:
        import html

        counts = _table(["status", "lines"], [[name, getattr(self.counts, name)] for name in _STATUSES])
        breaks = _table(["line", "id", "expected", "found"],
                        [[b.index, b.id, b.expected, b.found] for b in self.balance_breaks[:10]])
        check = {True: "they match", False: "they DIFFER", None: "not compared"}[self.balance_matches]
        summary = (f"<p>account {html.escape(self.account_id)}: {len(self.lines)} lines in the file; "
                   f"{len(self.balance_breaks)} balance breaks; balance at Codat {self.account_balance}, "
                   f"last landed line's {self.last_landed_balance}: {check}</p>")
        return summary + counts + (breaks if self.balance_breaks else "") + self._plot()

    def _plot(self) -> str:
        """The running balance of the file and of the lines that landed, as inline SVG (empty
        without matplotlib)."""
        try:
            import io

            import matplotlib  # type: ignore[import-not-found,import-untyped,unused-ignore]

            matplotlib.use("Agg")
            from matplotlib import pyplot  # type: ignore[import-not-found,import-untyped,unused-ignore]
        except ImportError:
            return ""
        stated = [(line.index, float(line.balance)) for line in self.lines
                  if line.index is not None and line.balance is not None]
        landed = [(line.index, float(line.balance)) for line in self.lines
                  if line.index is not None and line.balance is not None and line.status == "landed"]
        figure, axes = pyplot.subplots(figsize=(7, 2.5))
        axes.plot([i for i, _ in stated], [b for _, b in stated], label="file", linewidth=1)
        axes.plot([i for i, _ in landed], [b for _, b in landed], ".", label="landed", markersize=2)
        axes.set_xlabel("line")
        axes.set_ylabel("balance")
        axes.legend()
        out = io.StringIO()
        figure.savefig(out, format="svg", bbox_inches="tight")
        pyplot.close(figure)
        return out.getvalue()
