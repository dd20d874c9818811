"""Properties of loading, for every generated valid map."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dataflow
from dataflow.strategies import map_data, map_texts, to_yaml

_LISTS = ("categories", "subjects", "processors", "flows")


def _content(fm: dataflow.FlowMap) -> dict:
    """The map as sets: what it says, whatever the order it says it in."""
    return {
        "categories": set(fm.categories.values()), "subjects": set(fm.subjects.values()),
        "processors": set(fm.processors.values()), "flows": set(fm.flows.values()),
        "scalars": (fm.name, fm.home, fm.as_of),
    }


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(map_texts())
def test_every_generated_valid_map_loads(text):
    fm = dataflow.loads(text)
    assert fm.processors
    graph = fm.graph()
    assert set(graph.nodes) == set(fm.processors)
    assert {k for _, _, k in graph.edges(keys=True)} == set(fm.flows)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(map_data(), st.randoms(use_true_random=False))
def test_loading_does_not_depend_on_declaration_order(data, rnd: random.Random):
    shuffled = {k: (rnd.sample(v, len(v)) if k in _LISTS else v) for k, v in data.items()}
    keys = list(shuffled)
    rnd.shuffle(keys)
    shuffled = {k: shuffled[k] for k in keys}
    first = dataflow.loads(to_yaml(data) + "\n")
    second = dataflow.loads(to_yaml(shuffled) + "\n")
    assert _content(first) == _content(second)
    assert dataflow.check(first).to_dict()["summary"] == dataflow.check(second).to_dict()["summary"]
    assert ({f.id for f in dataflow.check(first).findings}
            == {f.id for f in dataflow.check(second).findings})


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(map_texts())
def test_dump_then_load_gives_an_equal_map(text):
    fm = dataflow.loads(text)
    again = dataflow.loads(fm.dump())
    assert again == fm
    assert again.dump() == fm.dump()


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(map_texts())
def test_check_output_is_deterministic(text):
    from dataflow.outputs import CHECK_FORMATS

    first, second = dataflow.check(dataflow.loads(text)), dataflow.check(dataflow.loads(text))
    for choice in CHECK_FORMATS.values():
        assert choice.make(first) == choice.make(second)


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(map_texts())
def test_json_written_in_pieces_is_the_json_of_the_report(text):
    from dataflow.outputs.json import dumps, stream

    report = dataflow.check(dataflow.loads(text))
    assert "".join(stream(report)) == dumps(report.to_dict())
