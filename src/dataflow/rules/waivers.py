"""Waiver rules: accepted findings stay visible, and waivers cannot outlive what they waived.

A waiver (SPEC §1) names a finding ID (``*`` stands for one segment) or a rule with a flow
or processor. An unexpired waiver turns the findings it matches into ``info`` and keeps them
in every report with its reason; an expired one no longer applies.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..findings import Finding, Severity
from ..model import Waiver
from .base import Analysis, rule


def matches(waiver: Waiver, finding: Finding) -> bool:
    """Whether ``waiver`` names ``finding``."""
    if waiver.finding is not None:
        pattern, parts = waiver.finding.split("@"), finding.id.split("@")
        return len(pattern) == len(parts) and all(
            p in ("*", q) for p, q in zip(pattern, parts, strict=True))
    if waiver.rule != finding.rule:
        return False
    if waiver.flow is not None:
        return finding.flow == waiver.flow
    return waiver.processor in (finding.source, finding.target)


def _active(waiver: Waiver, analysis: Analysis) -> bool:
    return waiver.expires is None or waiver.expires > analysis.as_of


def apply_waivers(findings: list[Finding], analysis: Analysis) -> list[Finding]:
    """The findings with every unexpired waiver applied: severity ``info``, reason attached."""
    waivers = [w for w in analysis.flowmap.waivers if _active(w, analysis)]
    result = []
    for finding in findings:
        waiver = next((w for w in waivers if matches(w, finding)), None)
        if waiver is None or finding.rule in WAIVER_RULES:
            result.append(finding)
            continue
        result.append(replace(finding, severity=Severity.INFO, waiver={
            "reason": waiver.reason, "ticket": waiver.ticket,
            "expires": waiver.expires.isoformat() if waiver.expires else None,
            "severity": finding.severity.value}))
    return result


def _named(waiver: Waiver) -> tuple[str, ...]:
    """The waiver's own name in finding IDs: what it waives."""
    if waiver.finding is not None:
        return tuple(waiver.finding.split("@"))
    return (str(waiver.rule), str(waiver.flow or waiver.processor))


def _place(index: int) -> tuple[str, int]:
    return ("waiver", index)  # type: ignore[return-value]


@rule("DF900", "waiver-unmatched", Severity.WARNING, last=True)
def waiver_unmatched(analysis: Analysis) -> Iterator[Finding]:
    """A waiver that matches no finding: what it waived is gone, or it is misspelled.

    Remove the waiver, or correct it so that it names a finding of the current report.
    """
    for index, waiver in enumerate(analysis.flowmap.waivers):
        if not _active(waiver, analysis):
            continue
        if any(matches(waiver, f) for f in analysis.findings if f.rule not in WAIVER_RULES):
            continue
        what = waiver.finding or f"rule {waiver.rule} on {waiver.flow or waiver.processor}"
        yield waiver_unmatched.finding(
            analysis, element=_place(index), parts=_named(waiver),
            message=f"the waiver of {what} matches no finding",
            remediation="remove the waiver, or correct the finding ID, rule, flow or processor")


@rule("DF901", "waiver-expired", Severity.WARNING, last=True)
def waiver_expired(analysis: Analysis) -> Iterator[Finding]:
    """A waiver whose ``expires`` date has passed: the findings it waived count again.

    Fix what was waived, or renew the waiver with a new date and reason.
    """
    for index, waiver in enumerate(analysis.flowmap.waivers):
        if _active(waiver, analysis):
            continue
        what = waiver.finding or f"rule {waiver.rule} on {waiver.flow or waiver.processor}"
        yield waiver_expired.finding(
            analysis, element=_place(index), parts=_named(waiver),
            message=(f"the waiver of {what} expired on {waiver.expires.isoformat()} "  # type: ignore[union-attr]
                     f"(reason was: {waiver.reason})"),
            remediation="fix what it waived, or renew the waiver with a new `expires` date")


WAIVER_RULES = {"DF900", "DF901"}
RULES = (waiver_unmatched, waiver_expired)
