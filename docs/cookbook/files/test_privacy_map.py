"""The platform's privacy rules, checked on the map in privacy/ with every test run.

Needs the package with its testing extra: pip install 'dataflow-map[testing]'.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import dataflow
from dataflow.strategies import processors, safeguards, with_added

MAP = "privacy/"
OURS = dataflow.load(MAP)


def test_the_map_has_no_warning(dataflow_map):
    """The fixture checks the map and fails with each finding, located, with its fix."""
    report = dataflow_map(MAP, fail_on="warning")
    assert {t.flow for t in report.transfers} == {"booking-to-video"}, \
        "a transfer was added or removed: review it, then update this list"


def test_health_data_stays_in_the_eea():
    """Our policy, stricter than the law: no flow of health data leaves the EEA."""
    eea = OURS.laws.members("EU")
    tree = OURS.category_tree
    for flow in OURS.flows.values():
        if "health" not in tree.kinds_of(flow.categories):
            continue
        recipient = OURS.processors[flow.target]
        outside = [place for place in recipient.locations if place not in eea | {"EU"}]
        assert not outside, (f"flow '{flow.id}' sends health data to '{recipient.id}' "
                             f"in {', '.join(outside)}")


def test_every_vendor_abroad_would_be_flagged_without_a_safeguard():
    """A new vendor outside the EEA without a safeguard fails the check: the check is on."""
    vendor = {"id": "new-vendor", "entity": "Example Corp.", "role": "processor",
              "locations": ["IN"]}
    flow = {"id": "to-new-vendor", "from": "app", "to": "new-vendor",
            "categories": ["contact.email"]}
    report = dataflow.check(with_added(OURS, processors=[vendor], flows=[flow]))
    assert "DF100@to-new-vendor@EU@IN" in {f.id for f in report.findings}


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_a_recognised_safeguard_never_adds_an_error(data):
    """Declaring any safeguard a law recognises, on a new flow to a new vendor anywhere,
    never adds an error to what the check finds without it."""
    vendor = data.draw(processors(OURS, countries=["DE", "US", "IN", "GB", "JP"]))
    vendor.pop("safeguards", None)
    flow = {"id": "to-vendor", "from": "app", "to": vendor["id"],
            "categories": ["contact.email"]}
    safeguard = data.draw(safeguards(OURS))
    without = dataflow.check(with_added(OURS, processors=[vendor], flows=[flow]))
    with_it = dataflow.check(with_added(OURS, processors=[vendor],
                                        flows=[{**flow, "safeguards": [safeguard]}]))
    errors = {f.id for f in with_it.findings if f.severity == "error"}
    assert errors <= {f.id for f in without.findings if f.severity == "error"}
