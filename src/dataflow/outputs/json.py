"""JSON, the shape of ``check --format json`` (docs/reference/cli.md): ``{"map", "as_of",
"summary", "findings", "transfers"}``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..findings import Report

_ITEM = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def dumps(data: Any, depth: int = 2) -> str:
    """Deterministic JSON text with a final newline.

    The outer ``depth`` levels are indented; what lies deeper (one finding, one transfer)
    stays on one line, so that reports diff line by line and large ones are written fast.
    """
    return _dump(data, depth, "") + "\n"


def _dump(data: Any, depth: int, indent: str) -> str:
    if depth <= 0 or not isinstance(data, dict | list) or not data:
        return _ITEM.encode(data)
    inner = indent + "  "
    if isinstance(data, dict):
        items = [f"{inner}{_ITEM.encode(str(k))}: {_dump(v, depth - 1, inner)}"
                 for k, v in data.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    items = [inner + _dump(v, depth - 1, inner) for v in data]
    return "[\n" + ",\n".join(items) + f"\n{indent}]"


def stream(report: Report, *, fail_on: str = "error") -> Iterator[str]:
    """:func:`render` in pieces, one finding or transfer at a time, so that a large report is
    written as it is made instead of held whole (the same bytes)."""
    head = {"map": report.map_name, "as_of": report.as_of.isoformat(),
            "summary": dict(report.summary)}
    yield "{\n" + "".join(f"  {_ITEM.encode(k)}: {_dump(v, 1, '  ')},\n"
                           for k, v in head.items())
    for name, items in (("findings", report.findings), ("transfers", report.transfers)):
        yield f"  {_ITEM.encode(name)}: "
        if not items:
            yield "[]"
        else:
            yield "[\n"
            last = len(items) - 1
            for index, item in enumerate(items):
                yield "    " + _ITEM.encode(item.to_dict()) + (",\n" if index < last else "\n")
            yield "  ]"
        yield ",\n" if name == "findings" else "\n"
    yield "}\n"


def render(report: Report, *, fail_on: str = "error") -> str:
    return "".join(stream(report))
