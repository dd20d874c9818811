"""The transfer table of ``dataflow transfers``: text, JSON or CSV, one row per transfer."""

from __future__ import annotations

import csv
import io

from ..export import cell
from ..findings import Report
from ..formats import Choice, registry
from .json import dumps
from .safe import terminal

COLUMNS = ("flow", "source", "target", "jurisdiction", "destination", "onward", "status",
           "mechanisms")


#: The source shown for a collection abroad, where the data subjects themselves send.
COLLECTED = "(collected)"


def _rows(report: Report) -> list[list[str]]:
    return [[t.flow, t.source or COLLECTED, t.target, t.jurisdiction, t.destination,
             "onward" if t.onward else "first", t.status, ", ".join(t.mechanisms)]
            for t in report.transfers]


def render_text(report: Report) -> str:
    rows = [[terminal(v) for v in row] for row in [list(COLUMNS), *_rows(report)]]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    counts = {s: sum(t.status == s for t in report.transfers)
              for s in ("adequate", "safeguarded", "missing")}
    lines.append(f"{len(report.transfers)} transfer(s): {counts['adequate']} adequate, "
                 f"{counts['safeguarded']} safeguarded, {counts['missing']} missing "
                 f"(as of {report.as_of.isoformat()})")
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    return dumps({"map": report.map_name, "as_of": report.as_of.isoformat(),
                  "transfers": [t.to_dict() for t in report.transfers]})


def render_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([[cell(v) for v in row] for row in _rows(report)])
    return out.getvalue()


#: ``transfers --format``: each renders a checked :class:`~dataflow.Report`.
FORMATS = registry(
    Choice("text", "an aligned table and a count by status", render_text),
    Choice("json", "the transfers as one JSON object", render_json),
    Choice("csv", "one row per transfer, for spreadsheets", render_csv),
)
