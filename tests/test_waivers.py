"""The waiver index gives, for every finding, the waivers that asking each one would give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dataflow.findings import Finding, Severity
from dataflow.model import Waiver
from dataflow.rules.waivers import WaiverIndex, matches

RULES = ("DF100", "DF110")
NAMES = ("a", "b", "shop")
segment = st.sampled_from(NAMES)


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    rule = draw(st.sampled_from(RULES))
    source = draw(st.none() | segment)
    target = draw(segment)
    flow = draw(st.none() | st.sampled_from(("a->b", "b->shop", "f")))
    parts = draw(st.lists(segment, min_size=1, max_size=3))
    return Finding("@".join((rule, *parts)), rule, "name", Severity.ERROR, "m", None, None,
                   None, "fix", flow=flow, source=source, target=target)


@st.composite
def waivers(draw: st.DrawFn) -> Waiver:
    kind = draw(st.sampled_from(("finding", "flow", "processor")))
    if kind == "finding":
        parts = draw(st.lists(segment | st.just("*"), min_size=1, max_size=3))
        first = draw(st.sampled_from((*RULES, "*")))
        return Waiver(finding="@".join((first, *parts)), reason="accepted")
    rule = draw(st.sampled_from(RULES))
    if kind == "flow":
        return Waiver(rule=rule, flow=draw(st.sampled_from(("a->b", "b->shop", "f"))),
                      reason="accepted")
    return Waiver(rule=rule, processor=draw(segment), reason="accepted")


@given(st.lists(waivers(), max_size=8), st.lists(findings(), max_size=12))
def test_the_index_matches_what_each_waiver_matches(waiver_list: list[Waiver],
                                                    finding_list: list[Finding]) -> None:
    index = WaiverIndex(waiver_list)
    for finding in finding_list:
        expected = [i for i, w in enumerate(waiver_list) if matches(w, finding)]
        assert sorted(set(index.matching(finding))) == expected


def test_a_pattern_with_a_wildcard_first_segment_is_asked_of_every_rule() -> None:
    index = WaiverIndex([Waiver(finding="*@shop", reason="accepted"),
                         Waiver(rule="DF110", processor="shop", reason="accepted")])
    finding = Finding("DF110@shop", "DF110", "name", Severity.WARNING, "m", None, None, None,
                      "fix", source="a", target="shop")
    assert index.matching(finding) == [0, 1]
    assert index.matching(Finding("DF110@shop@x", "DF110", "name", Severity.WARNING, "m",
                                  None, None, None, "fix", target="b")) == []
