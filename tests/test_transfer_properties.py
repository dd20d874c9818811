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
    # a safeguard declared whole: where it is, and where people can get a copy (GDPR notices)
    safeguard = {"mechanism": mechanism, "jurisdictions": [law], "reference": "Contract 7",
                 "copy_at": "on request to privacy@example.com"}
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


def _transfer_findings(report: dataflow.Report) -> dict[str, int]:
    return {f.id: f.severity.rank for f in report.findings
            if f.rule in {"DF100", "DF103", "DF110", "DF111"}}


@FAST
@given(map_data(), st.data())
def test_adding_a_categorys_parent_to_a_flow_never_removes_a_finding(data, draw):
    flows = data.get("flows", [])
    assume(flows)
    flow = draw.draw(st.sampled_from(flows))
    child = draw.draw(st.sampled_from(flow["categories"]))
    category = next(c for c in data["categories"] if c["id"] == child)
    assume("parent" not in category)
    data = copy.deepcopy(data)
    data["categories"].append({"id": "added-parent", "name": "Broader"})
    next(c for c in data["categories"] if c["id"] == child)["parent"] = "added-parent"
    before = _transfer_findings(run(data))
    changed = copy.deepcopy(data)
    next(f for f in changed["flows"] if f["id"] == flow["id"])["categories"].append(
        "added-parent")
    after = _transfer_findings(run(changed))
    assert set(before) <= set(after), set(before) - set(after)
    assert all(after[i] >= before[i] for i in before)


@FAST
@given(map_data(), st.permutations(["Alpha Ltd", "Beta Inc", "Gamma GmbH"]))
def test_renaming_entities_consistently_changes_nothing(data, names):
    renamed = copy.deepcopy(data)
    mapping = dict(zip(["Alpha Ltd", "Beta Inc", "Gamma GmbH"], [n + " (new)" for n in names],
                       strict=True))
    for processor in renamed["processors"]:
        if "entity" in processor:
            processor["entity"] = mapping[processor["entity"]]

    def shape(report: dataflow.Report) -> set[tuple]:
        return {(f.id, f.severity.value) for f in report.findings}

    assert shape(run(data)) == shape(run(renamed))
    assert run(data).transfers == run(renamed).transfers


PIPL_MAP = """\
dataflow: 1
as_of: 2026-06-30
categories: [{{id: c, kinds: [{kinds}]}}]
processors:
  - {{id: cn, entity: Exporter Co., role: controller, locations: [CN], collects: [{{categories: [c], from: [CN]}}]}}
  - {{id: us, entity: Importer Inc., role: processor, locations: [US], contact: i@i.example}}
  - {{id: sg, entity: Importer Pte., role: processor, locations: [SG], contact: s@s.example}}
flows:
{flows}
"""


def _pipl_flow(flow_id: str, to: str, volume: int, mechanisms: list[str]) -> str:
    safeguards = ", ".join(f"{{mechanism: {m}, reference: R}}" for m in mechanisms)
    return (f"  - {{id: {flow_id}, from: cn, to: {to}, categories: [c], purpose: P, method: M, "
            f"volume: {volume}, safeguards: [{safeguards}]}}")


@FAST
@given(st.integers(0, 3_000_000), st.floats(0, 1), st.sampled_from(["us", "sg"]),
       st.lists(st.sampled_from(["consent", "scc", "certification", "security_assessment",
                                 "contract_necessity"]), unique=True),
       st.sampled_from(["", "health"]))
def test_splitting_a_flows_volume_never_clears_a_pipl_requirement(volume, share, second,
                                                                 mechanisms, kinds):
    whole = dataflow.check(dataflow.loads(PIPL_MAP.format(
        kinds=kinds, flows=_pipl_flow("whole", "us", volume, mechanisms))))
    first = int(volume * share)
    split = dataflow.check(dataflow.loads(PIPL_MAP.format(kinds=kinds, flows="\n".join([
        _pipl_flow("part1", "us", first, mechanisms),
        _pipl_flow("part2", second, volume - first, mechanisms)]))))
    (before,) = [t.status for t in whole.transfers]
    after = [t.status for t in split.transfers]
    if before == "missing":
        assert after == ["missing", "missing"]


@FAST
@given(map_data(), st.data())
def test_no_adequate_verdict_rests_on_a_decision_not_in_force(data, draw):
    from dataflow.check import analyse

    fm = dataflow.loads(to_yaml(data) + "\n")
    decisions = [e for j in Jurisdictions().by_id.values() for e in j.adequate]
    entry = draw.draw(st.sampled_from(decisions))
    when = draw.draw(st.sampled_from([entry.since.replace(day=1) if entry.since.day > 1 else
                                      entry.since.replace(year=entry.since.year - 1),
                                      entry.since]))
    analysis = analyse(fm, as_of=when)
    for verdict in analysis.verdicts:
        if verdict.transfer.status == "adequate":
            assert verdict.adequacy is not None
            assert verdict.adequacy.since <= when
            assert verdict.adequacy.until is None or when <= verdict.adequacy.until
