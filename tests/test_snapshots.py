"""DOT and Mermaid of the examples, compared byte for byte with the reviewed snapshots.

After an intended change, look at the diagrams, then refresh the snapshots with
``DATAFLOW_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import dataflow
from dataflow.render import Selection, build_diagram, diagram_bytes

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
EXAMPLES = {"korea-marketplace": "examples/korea-marketplace.yaml", "eu-saas": "examples/eu-saas",
            "pipc-aliexpress-2024": "examples/pipc-aliexpress-2024.yaml",
            "pipc-temu-2025": "examples/pipc-temu-2025.yaml"}
VIEWS = {"": Selection(), "-by-country": Selection(group_by="country")}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
@pytest.mark.parametrize("view", sorted(VIEWS))
@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_snapshot(name, view, fmt):
    fm = dataflow.load(ROOT / EXAMPLES[name])
    data = diagram_bytes(build_diagram(dataflow.check(fm), VIEWS[view]), fmt)
    path = SNAPSHOTS / f"{name}{view}.{'mmd' if fmt == 'mermaid' else fmt}"
    if os.environ.get("DATAFLOW_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    assert path.read_bytes() == data, f"{path.name} changed: review it, then refresh snapshots"
