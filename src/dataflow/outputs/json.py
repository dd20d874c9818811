"""JSON, the shape of SPEC §6: ``{"map", "as_of", "summary", "findings", "transfers"}``."""

from __future__ import annotations

import json
from typing import Any

from ..findings import Report


def dumps(data: Any) -> str:
    """Deterministic JSON text: keys in their given order, UTF-8, a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render(report: Report) -> str:
    return dumps(report.to_dict())
