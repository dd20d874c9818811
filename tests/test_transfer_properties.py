"""Properties of the analysis, for every generated valid map."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import dataflow
from dataflow.jurisdictions import Jurisdictions
from dataflow.strategies import map_data, to_yaml

FAST = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)


def run(data: dict) -> dataflow.Report:
    return dataflow.check(dataflow.loads(to_yaml(data) + "\n"))


def _severities(report: dataflow.Report) -> dict[str, int]:
    return {f.id: f.severity.rank for f in report.findings}


@FAST
@given(map_data(), st.data())
def test_adding_a_valid_safeguard_never_adds_a_finding(data, draw):
    before = run(data)
    laws = Jurisdictions()
    candidates = [(t.flow, t.jurisdiction) for t in before.transfers]
    assume(candidates)
    flow_id, law = draw.draw(st.sampled_from(candidates))
    mechanism = draw.draw(st.sampled_from(
        [m.mechanism for m in laws.by_id[law].mechanisms]))
    changed = copy.deepcopy(data)
    safeguard = {"mechanism": mechanism, "jurisdictions": [law], "reference": "Contract 7"}
    if flow_id.endswith("/collect"):  # a collection abroad: the collector's safeguards cover it
        collector = flow_id.removesuffix("/collect")
        holder = next(p for p in changed["processors"] if p["id"] == collector)
    else:
        holder = next(f for f in changed["flows"] if f["id"] == flow_id)
    holder.setdefault("safeguards", []).append(safeguard)
    after = run(changed)
    old, new = _severities(before), _severities(after)
    assert set(new) <= set(old), set(new) - set(old)
    assert all(new[i] <= old[i] for i in new)


@FAST
@given(map_data())
def test_renaming_ids_never_changes_the_findings(data):
    renamed = copy.deepcopy(data)
    names = {}
    for kind in ("processors", "flows"):
        for item in renamed.get(kind, []):
            names[(kind, item["id"])] = "renamed-" + item["id"]
            item["id"] = names[(kind, item["id"])]
    for flow in renamed.get("flows", []):
        flow["from"] = names[("processors", flow["from"])]
        flow["to"] = names[("processors", flow["to"])]

    def shape(report: dataflow.Report, rename: bool) -> list[tuple]:
        def p(x: str | None) -> str | None:
            return names.get(("processors", x), x) if rename and x else x

        def f(x: str | None) -> str | None:
            if rename and x and x.endswith("/collect"):  # a collection abroad: "<processor>/collect"
                return p(x.removesuffix("/collect")) + "/collect"
            return names.get(("flows", x), x) if rename and x else x

        return sorted((x.rule, x.severity.value, f(x.flow) or "", p(x.source) or "", p(x.target) or "",
                       x.jurisdiction or "", x.destination or "", x.categories)
                      for x in report.findings)

    assert shape(run(data), True) == shape(run(renamed), False)


@FAST
@given(map_data(), st.sampled_from(["KR", "CN", "DE", "US", "NO"]))
def test_a_map_in_one_country_has_no_transfer(data, country):
    data = copy.deepcopy(data)
    data["home"] = country
    for processor in data["processors"]:
        processor["locations"] = [country]
        for point in processor.get("collects", []):
            point["from"] = [country]
    report = run(data)
    assert report.transfers == ()
    assert not [f for f in report.findings if f.rule in ("DF100", "DF110")]
