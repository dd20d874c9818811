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


def _unworded(report):
    """The findings of a report as a check without words gives them: no message,
    remediation or place; in the order of their IDs, as a place no longer orders them."""
    from dataclasses import replace

    return sorted((replace(f, message="", remediation="", file=None, line=None, column=None)
                   for f in report.findings), key=repr)


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(map_texts())
def test_a_check_without_words_finds_the_same(text):
    """A diagram's check leaves out only the words: the same findings, severities, elements
    and transfers."""
    worded = dataflow.check(dataflow.loads(text))
    bare = dataflow.check(dataflow.loads(text), words=False)
    assert _unworded(bare) == _unworded(worded)
    assert bare.transfers == worded.transfers
    assert all(f.file is None for f in bare.findings)
    assert all(f.message == "" for f in bare.findings if f.rule in ("DF100", "DF110", "DF111"))


def test_a_check_without_words_waives_and_baselines_the_same():
    """Waivers and a baseline apply to findings without words as to worded ones."""
    from pathlib import Path

    from dataflow.baseline import Baseline, Entry, fingerprint

    root = Path(__file__).parent.parent
    waived = 0
    for path in ("examples/eu-saas/map.yaml", "tests/rules/DF900.yaml",
                 "tests/rules/DF901.yaml", "examples/korea-marketplace.yaml"):
        first = dataflow.check(dataflow.load(str(root / path)))
        kept = first.findings[::2]
        baseline = Baseline("baseline.json", (
            *(Entry(f.id, fingerprint(f), n) for n, f in enumerate(kept, 2)),
            Entry("DF100@gone", "0" * 16, len(kept) + 2)))
        worded = dataflow.check(dataflow.load(str(root / path)), baseline=baseline)
        bare = dataflow.check(dataflow.load(str(root / path)), baseline=baseline, words=False)
        assert _unworded(bare) == _unworded(worded), path
        assert sum(f.baselined for f in bare.findings) == len(kept), path
        assert any(f.rule == "DF903" for f in bare.findings), path
        waived += sum(f.waiver is not None for f in bare.findings)
    assert waived
