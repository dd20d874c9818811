"""The report in English, Korean and Chinese.

The English report is compared byte for byte with snapshots written before the report could
be written in other languages: translating it must not change a byte of it. After an
intended change to the English report, look at it, then refresh the snapshots with
``DATAFLOW_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_report_languages.py``.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

import dataflow
from dataflow import write_report
from tests.test_report import MAP

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "snapshots"
#: A copy of examples/korea-marketplace.yaml as it was when the snapshots were written, so
#: that a change to the example does not change them.
KOREA_COPY = "tests/snapshots/report-korea-marketplace.yaml"
QUIET = textwrap.dedent("""\
    dataflow: 1
    home: NZ
    as_of: 2026-06-30
    jurisdictions:
      - {id: TL, name: Test land, law: TL, members: [NZ], mechanisms: [{mechanism: scc, reference: TL 1}]}
    categories: [{id: email, name: E-mail address}]
    subjects: [{id: customer, name: Customers}]
    processors:
      - id: app
        name: App
        entity: App Ltd
        role: controller
        locations: [NZ]
        contact: privacy@app.example
        collects: [{categories: [email], subjects: [customer], purpose: Accounts, retention: 1 year}]
      - {id: archive, name: Archive, entity: App Ltd, role: processor, locations: [NZ], contact: privacy@app.example}
    flows:
      - {id: f, from: app, to: archive, categories: [email], purpose: Backup, retention: 1 year}
    """)


def _english(name: str, monkeypatch: pytest.MonkeyPatch) -> dataflow.FlowMap:
    """The map of an English snapshot (the report shows paths relative to the folder)."""
    monkeypatch.chdir(ROOT)
    if name == "korea-marketplace":
        return dataflow.load(KOREA_COPY)
    if name == "summarised":  # every section summarised, the diagram grouped by country
        from dataflow.report import content

        monkeypatch.setattr(content, "LIST_AT_MOST", 2)
        monkeypatch.setattr(content, "GROUP_ABOVE", 2)
    return dataflow.loads(QUIET if name == "quiet" else MAP)


@pytest.mark.parametrize("suffix", ["md", "html"])
@pytest.mark.parametrize("name", ["korea-marketplace", "small", "summarised", "quiet"])
def test_the_english_report_is_unchanged(name, suffix, monkeypatch, tmp_path):
    flowmap = _english(name, monkeypatch)
    written = tmp_path / f"report.{suffix}"
    write_report(flowmap, str(written))
    path = SNAPSHOTS / f"report-{name}.en.{suffix}"
    if os.environ.get("DATAFLOW_UPDATE_SNAPSHOTS"):
        path.write_bytes(written.read_bytes())
    assert written.read_bytes() == path.read_bytes(), f"{path.name} changed"
