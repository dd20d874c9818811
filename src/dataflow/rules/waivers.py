"""Waivers: accepted findings stay visible, and waivers cannot outlive what they waived.

A waiver (docs/format.md, `waivers`) names a finding ID (``*`` stands for one segment) or a
rule with a flow or processor. An unexpired waiver turns the findings it matches into
``info`` and keeps them in every report with its reason; an expired one no longer applies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
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


class WaiverIndex:
    """Waivers by what they name, so that each finding is held against only those that may
    match it (a map may have hundreds of waivers, a check hundreds of thousands of findings).

    :meth:`matching` gives the same answer as :func:`matches` asked of every waiver.
    """

    def __init__(self, waivers: Iterable[Waiver]) -> None:
        self.waivers = list(waivers)
        # (rule, flow) and (rule, processor) -> positions of the waivers that name them
        self._by_flow: dict[tuple[str | None, str], list[int]] = defaultdict(list)
        self._by_processor: dict[tuple[str | None, str | None], list[int]] = defaultdict(list)
        # (number of segments, first two segments) -> (position, segments) of finding patterns
        self._patterns: dict[tuple[int, str, str | None], list[tuple[int, list[str]]]] = (
            defaultdict(list))
        for position, waiver in enumerate(self.waivers):
            if waiver.finding is not None:
                pattern = waiver.finding.split("@")
                self._patterns[_head(pattern)].append((position, pattern))
            elif waiver.flow is not None:
                self._by_flow[(waiver.rule, waiver.flow)].append(position)
            else:
                self._by_processor[(waiver.rule, waiver.processor)].append(position)

    def matching(self, finding: Finding) -> list[int]:
        """The positions of the waivers that name ``finding``, in order."""
        found = list(self._by_flow.get((finding.rule, finding.flow), ()))  # type: ignore[arg-type]
        found += self._by_processor.get((finding.rule, finding.source), ())
        if finding.target != finding.source:
            found += self._by_processor.get((finding.rule, finding.target), ())
        if self._patterns:
            parts = finding.id.split("@")
            size, first, second = _head(parts)
            for head in {(size, a, b) for a in (first, "*") for b in (second, "*")}:
                for position, pattern in self._patterns.get(head, ()):
                    if all(p in ("*", q) for p, q in zip(pattern, parts, strict=True)):
                        found.append(position)
        return sorted(found)


def _head(segments: list[str]) -> tuple[int, str, str | None]:
    """How many segments a finding ID or pattern has, and its first two (the rule, and
    usually the flow or processor), by which patterns are found."""
    return len(segments), segments[0], segments[1] if len(segments) > 1 else None


def apply_waivers(findings: list[Finding], analysis: Analysis) -> list[Finding]:
    """The findings with every unexpired waiver applied (the first in the map's order that
    matches): severity ``info``, reason attached."""
    index = WaiverIndex(w for w in analysis.flowmap.waivers if active(w, analysis))
    if not index.waivers:
        return list(findings)
    result = []
    for finding in findings:
        positions = index.matching(finding) if finding.rule not in WAIVER_RULES else ()
        if not positions:
            result.append(finding)
            continue
        waiver = index.waivers[positions[0]]
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
