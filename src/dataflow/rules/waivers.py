"""Waivers: accepted findings stay visible, and waivers cannot outlive what they waived.

A waiver (docs/format.md, `waivers`) names a finding ID (``*`` stands for one segment) or a
rule with a flow or processor. An unexpired waiver turns the findings it matches into
``info`` and keeps them in every report with its reason; an expired one no longer applies.
"""

from __future__ import annotations

from dataclasses import replace

from ..analysis import Analysis
from ..findings import Finding, Severity
from ..model import Waiver


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


def active(waiver: Waiver, analysis: Analysis) -> bool:
    return waiver.expires is None or waiver.expires > analysis.as_of


def apply_waivers(findings: list[Finding], analysis: Analysis) -> list[Finding]:
    """The findings with every unexpired waiver applied: severity ``info``, reason attached."""
    waivers = [w for w in analysis.flowmap.waivers if active(w, analysis)]
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


def named(waiver: Waiver) -> tuple[str, ...]:
    """The waiver's own name in finding IDs: what it waives."""
    if waiver.finding is not None:
        return tuple(waiver.finding.split("@"))
    return (str(waiver.rule), str(waiver.flow or waiver.processor))


def place(index: int) -> tuple[str, int]:
    return ("waiver", index)  # type: ignore[return-value]


WAIVER_RULES = {"DF900", "DF901", "DF902", "DF903"}
