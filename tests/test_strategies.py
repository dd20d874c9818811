"""The hypothesis strategies a platform's tests use: whole maps with knobs, and elements that
fit a map of its own."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dataflow
from dataflow.strategies import flows, map_data, processors, safeguards, to_yaml, with_added

OURS = dataflow.load("examples/korea-marketplace.yaml")


@settings(max_examples=30, deadline=None)
@given(map_data(home="DE", countries=["DE", "FR", "US"]))
def test_whole_maps_follow_the_home_and_countries_asked_for(data):
    flowmap = dataflow.loads(to_yaml(data) + "\n")
    assert flowmap.home == "DE"
    for processor in flowmap.processors.values():
        assert set(processor.locations) <= {"DE", "FR", "US"}
        for point in processor.collects:
            assert set(point.origins) <= {"DE", "FR", "US"}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_new_elements_fit_the_map_they_were_drawn_for(data):
    vendors = data.draw(st.lists(processors(OURS, countries=["KR", "CN"]), max_size=2,
                                 unique_by=lambda p: p["id"]))
    ends = [*OURS.processors, *(v["id"] for v in vendors)]
    added = data.draw(st.lists(flows(OURS, between=ends), min_size=1, max_size=3,
                               unique_by=lambda f: f["id"]))
    grown = with_added(OURS, processors=vendors, flows=added)  # loads: every reference holds
    assert set(grown.flows) == set(OURS.flows) | {f["id"] for f in added}
    assert {v["id"] for v in vendors} <= set(grown.processors)
    for vendor in vendors:
        assert set(grown.processors[vendor["id"]].locations) <= {"KR", "CN"}
    report = dataflow.check(grown)  # and the grown map is judged like any other
    flagged = {f.flow for f in report.findings if f.flow and not f.flow.endswith("/collect")}
    assert flagged <= set(grown.flows)


@settings(max_examples=40, deadline=None)
@given(safeguards(OURS))
def test_safeguards_drawn_for_a_map_are_recognised_by_the_law_they_name(safeguard):
    (law,) = safeguard["jurisdictions"]
    assert safeguard["mechanism"] in {m.mechanism for m in OURS.laws.by_id[law].mechanisms}
