"""Hostile text in a valid map comes out verbatim where it is data, and inert everywhere."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from xml.etree import ElementTree as ET

import pytest

import dataflow
from dataflow.export import to_csv, to_json
from dataflow.outputs import CHECK_FORMATS
from dataflow.outputs.table import FORMATS as TABLES
from dataflow.render import Selection, build_diagram, diagram_bytes

HOSTILE = [
    "<script>alert(1)</script>", "\"quoted\" 'single'", "new\nline", "[link](http://x.example)",
    "a | b", "{{x}} ${y}", "edge -> b; c -- d", "\\N \\G \\L \\", "\u202eevil", "zero\u200bwidth",
    "=HYPERLINK(\"http://x.example\")", "# not a comment", "%0A::error::forged", "`code`",
    "subgraph end", "&amp; &lt;", "]]>", "\x01control",
]


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


@pytest.fixture(scope="module")
def hostile():
    lines = ["dataflow: 1", f"name: {_yaml(HOSTILE[0])}", "home: KR", "as_of: 2026-06-30",
             "categories:"]
    lines += [f"  - {{id: c{i}, name: {_yaml(h)}, sensitive: true}}" for i, h in enumerate(HOSTILE)]
    lines += ["subjects: [{id: s, name: " + _yaml(HOSTILE[1]) + "}]", "processors:"]
    lines.append("  - {id: 'a:b', name: " + _yaml(HOSTILE[2]) + ", entity: " + _yaml(HOSTILE[3])
                 + ", role: controller, locations: [KR], collects: [{categories: ["
                 + ", ".join(f"c{i}" for i in range(len(HOSTILE))) + "], subjects: [s]}]}")
    for i, h in enumerate(HOSTILE):
        lines.append(f"  - {{id: p{i}.x-1, name: {_yaml(h)}, entity: {_yaml(h)}, contact: "
                     f"{_yaml(h)}, role: third_party, locations: [CN]}}")
    lines.append("flows:")
    for i, h in enumerate(HOSTILE):
        lines.append(f"  - {{id: f{i}, from: 'a:b', to: p{i}.x-1, categories: [c{i}], "
                     f"subjects: [s], purpose: {_yaml(h)}, retention: {_yaml(h)}, "
                     f"method: {_yaml(h)}, safeguards: [{{mechanism: consent, reference: "
                     f"{_yaml(h)}}}]}}")
    fm = dataflow.loads("\n".join(lines) + "\n")
    return fm, dataflow.check(fm)


def test_names_come_through_verbatim(hostile):
    fm, _ = hostile
    assert [c.name for c in fm.categories.values()] == HOSTILE
    again = dataflow.loads(fm.dump())
    assert [c.name for c in again.categories.values()] == HOSTILE
    graph = json.loads(to_json(fm))
    assert sorted(n["name"] for n in graph["nodes"] if n["id"] != "a:b") == sorted(HOSTILE)
    assert {f["purpose"] for f in graph["links"]} == set(HOSTILE)


def test_text_outputs_keep_one_finding_per_line(hostile):
    _, report = hostile
    text = CHECK_FORMATS["text"].make(report)
    for line in text.splitlines():
        assert line.startswith(("<string>:", "  law:", "  fix:", "  waived:")) or "error(s)" in line
    assert "\u202e" not in text
    assert "\u200b" not in text
    github = CHECK_FORMATS["github"].make(report)
    for line in github.splitlines():
        assert line.startswith(("::error ", "::warning ", "::notice ", "dataflow: "))
    # the hostile "%0A" must reach GitHub escaped ("%250A"), never decoded into a new line
    assert "::error::forged" not in github.replace("%250A::error::forged", "")
    table = TABLES["text"].make(report)
    assert all("\u202e" not in line for line in table.splitlines())


def test_structured_outputs_parse(hostile):
    _, report = hostile
    json.loads(CHECK_FORMATS["sarif"].make(report))
    ET.fromstring(CHECK_FORMATS["junit"].make(report).encode())


def test_diagrams_are_inert(hostile):
    _, report = hostile
    diagram = build_diagram(report, Selection())
    dot = diagram_bytes(diagram, "dot").decode()
    svg = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True, check=True)
    root = ET.fromstring(svg.stdout)
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "<script>alert(1)</script>" in texts  # shown as text, not markup
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert "\\N \\G" in texts  # Graphviz escapes were not run
    mermaid = diagram_bytes(diagram, "mermaid").decode()
    for raw in ("<script>", '"quoted"', "a | b", "`code`"):
        assert raw not in mermaid
    page = diagram_bytes(diagram, "html").decode()
    assert "<script" not in page.lower()


def test_csv_cells_never_run_as_formulas(hostile):
    _, report = hostile
    for text in (to_csv(report), TABLES["csv"].make(report)):
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@")), cell


def test_graphml_is_valid_xml_whatever_the_names(hostile):
    from dataflow.export import to_graphml

    fm, _ = hostile
    root = ET.fromstring(to_graphml(fm).encode("utf-8"))  # \x01 in a name must not break it
    names = [d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")
             if d.text and d.text.startswith("<script>")]
    assert names  # hostile text kept as text, escaped by the XML writer
