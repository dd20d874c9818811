"""ACME100 on small maps: what it finds, where, and what it leaves alone."""

from __future__ import annotations

import subprocess
import sys

import dataflow
from dataflow.rules import registered

MAP = """\
dataflow: 1
home: KR
categories: [{id: orders}]
processors:
  - {id: shop, locations: [KR], collects: [{categories: [orders]}]}
  - {id: partner, locations: [KP, CN]}
  - {id: cloud, locations: [JP]}
flows:
  - {id: to-partner, from: shop, to: partner, categories: [orders]}
  - {id: to-cloud, from: shop, to: cloud, categories: [orders]}
"""


def test_the_plugin_is_registered():
    assert "ACME100" in registered()
    listed = subprocess.run([sys.executable, "-m", "dataflow", "rules"], capture_output=True,
                            text=True, check=True).stdout
    assert "ACME100  flow-to-embargoed-country" in listed


def test_a_flow_to_an_embargoed_country_is_found_where_it_is_declared():
    report = dataflow.check(dataflow.loads(MAP, "map.yaml"))
    (found,) = [f for f in report.findings if f.rule == "ACME100"]
    assert found.id == "ACME100@to-partner@KP"
    assert (found.file, found.line) == ("map.yaml", 9)
    assert found.severity == "error"
    assert found.references == ("ACME Data Handling Policy §4.2",)
    assert not report.ok


def test_other_countries_are_left_to_the_law():
    text = MAP.replace("[KP, CN]", "[CN]")
    report = dataflow.check(dataflow.loads(text, "map.yaml"))
    assert not [f for f in report.findings if f.rule == "ACME100"]
