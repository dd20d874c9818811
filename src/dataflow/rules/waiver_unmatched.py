"""DF900: a waiver that matches no finding."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from .base import Analysis, rule
from .waivers import WAIVER_RULES, WaiverIndex, active, named, place


@rule("DF900", "waiver-unmatched", Severity.WARNING, last=True)
def waiver_unmatched(analysis: Analysis) -> Iterator[Finding]:
    """A waiver that matches no finding: what it waived is gone, or it is misspelled.

    Remove the waiver, or correct it so that it names a finding of the current report.
    """
    active_ones = [(index, waiver) for index, waiver in enumerate(analysis.flowmap.waivers)
                   if active(waiver, analysis)]
    waivers = WaiverIndex(waiver for _, waiver in active_ones)
    matched = {position for f in analysis.findings if f.rule not in WAIVER_RULES
               for position in waivers.matching(f)} if active_ones else set()
    for position, (index, waiver) in enumerate(active_ones):
        if position in matched:
            continue
        what = waiver.finding or f"rule {waiver.rule} on {waiver.flow or waiver.processor}"
        yield waiver_unmatched.finding(
            analysis, element=place(index), parts=named(waiver),
            message=f"the waiver of {what} matches no finding",
            remediation="remove the waiver, or correct the finding ID, rule, flow or processor")
