"""The transfer table of ``dataflow transfers``: text, JSON or CSV, one row per transfer."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ..export import cell
from ..findings import Report
from ..formats import Choice, registry
from .json import _ITEM, array_lines, transfer
from .safe import terminal

COLUMNS = ("flow", "source", "target", "jurisdiction", "destination", "onward", "status",
           "mechanisms")


#: The source shown for a collection abroad, where the data subjects themselves send.
COLLECTED = "(collected)"


def _rows(report: Report) -> list[list[str]]:
    return [[t.flow, t.source or COLLECTED, t.target, t.jurisdiction, t.destination,
             "onward" if t.onward else "first", t.status, ", ".join(t.mechanisms)]
            for t in report.transfers]


def stream_text(report: Report) -> Iterator[str]:
    """The aligned table a row at a time (the widths are measured first), then the counts."""
    rows = [[terminal(v) for v in row] for row in [list(COLUMNS), *_rows(report)]]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    for row in rows:
        yield "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n"
    counts = {s: sum(t.status == s for t in report.transfers)
              for s in ("adequate", "safeguarded", "missing")}
    yield (f"{len(report.transfers)} transfer(s): {counts['adequate']} adequate, "
           f"{counts['safeguarded']} safeguarded, {counts['missing']} missing "
           f"(as of {report.as_of.isoformat()})\n")


def stream_json(report: Report) -> Iterator[str]:
    """``{"map", "as_of", "transfers"}`` with one transfer a line."""
    yield (f'{{\n  "map": {_ITEM.encode(report.map_name)},\n'
           f'  "as_of": {_ITEM.encode(report.as_of.isoformat())},\n  "transfers": ')
    yield from array_lines(report.transfers, transfer)
    yield "\n}\n"


def stream_csv(report: Report) -> Iterator[str]:
    """A header, then a row per transfer."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in _rows(report):
        writer.writerow([cell(v) for v in row])
        if out.tell() > 1 << 16:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def render_text(report: Report) -> str:
    return "".join(stream_text(report))


def render_json(report: Report) -> str:
    return "".join(stream_json(report))


def render_csv(report: Report) -> str:
    return "".join(stream_csv(report))


#: ``transfers --format``: each renders a checked :class:`~dataflow.Report`, whole or in
#: pieces.
FORMATS = registry(
    Choice("text", "an aligned table and a count by status", render_text, stream=stream_text),
    Choice("json", "the transfers as one JSON object", render_json, stream=stream_json),
    Choice("csv", "one row per transfer, for spreadsheets", render_csv, stream=stream_csv),
)
