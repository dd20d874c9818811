"""Mutated maps: the result is a located MapError or a valid analysis, never another exception."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dataflow
from dataflow.render import Selection, build_diagram, diagram_bytes
from dataflow.strategies import map_data, to_yaml

ODD = st.sampled_from([
    "", " ", "~", "null", "NO", "yes", "0123", "1e400", "-0", ".inf", "2026-02-30", "\u202e",
    "\u200b", "a\nb", "<script>", '"', "'", "[", "{", "}", "#", "&a", "*a", "!tag", "%", "@",
    "`", "|", ">", "- x", ": x", "?", "x" * 500, "🙂", "\\N", "\\", "\t",
])


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _parent(data: Any, path: tuple) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> str:
    data = copy.deepcopy(draw(map_data(max_processors=4, max_flows=5)))
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent, last = _parent(data, path), path[-1]
        action = draw(st.sampled_from(["drop", "duplicate", "retype", "odd", "rename", "ref"]))
        if action == "drop":
            del parent[last]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        elif action == "retype":
            parent[last] = draw(st.sampled_from([[], {}, "x", ["a", "b"], {"k": "v"}, None]))
        elif action == "odd":
            parent[last] = draw(ODD)
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(ODD) or "k"] = parent.pop(last)
        elif action == "ref" and isinstance(parent, dict) and "from" in parent:
            parent["to"] = draw(ODD) or "nowhere"
    text = to_yaml(data) + "\n"
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(ODD) + text[cut:]
    return text


def _check_located(exc: dataflow.MapError, text: str) -> None:
    assert exc.errors
    lines = text.count("\n") + 1
    for error in exc.errors:
        assert error.file == "fuzz.yaml"
        assert 1 <= error.line <= lines + 1, (error, text)
        assert error.column >= 1
        assert error.message


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mutated())
def test_mutated_maps_fail_cleanly_or_analyse(text):
    try:
        fm = dataflow.loads(text, "fuzz.yaml")
    except dataflow.MapError as exc:
        _check_located(exc, text)
        return
    report = dataflow.check(fm)
    assert report.to_dict()["summary"] == report.summary
    diagram = build_diagram(report, Selection())
    assert diagram_bytes(diagram, "dot")
    assert diagram_bytes(diagram, "mermaid")
