"""What a check finds: findings, transfers, and the report that holds them."""

from __future__ import annotations

from collections import Counter
from dataclasses import field
from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal

from .records import record

if TYPE_CHECKING:
    from .analysis import Analysis
    from .flowmap import FlowMap

__all__ = ["Finding", "Report", "Severity", "Transfer", "fails"]


class Severity(StrEnum):
    """How much a finding matters; ``--fail-on`` compares against it."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {"error": 3, "warning": 2, "info": 1}


@record(frozen=True, slots=True)
class Finding:
    """One finding (docs/rules.md): a stable ID made of the rule and the elements that cause it."""

    id: str
    rule: str
    name: str
    severity: Severity
    message: str
    file: str | None
    line: int | None
    column: int | None
    remediation: str
    flow: str | None = None
    source: str | None = None
    target: str | None = None
    jurisdiction: str | None = None
    law: str | None = None
    destination: str | None = None
    categories: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    waiver: dict[str, Any] | None = None
    #: in the baseline given to the check: reported, but failing nothing
    baselined: bool = False

    def sort_key(self) -> tuple[str, int, str, int, str]:
        """Findings sort by file, line, rule, then column and ID for a total order: the order
        `dataflow check` prints them in (docs/reference/cli.md)."""
        return (self.file or "", self.line or 0, self.rule, self.column or 0, self.id)

    def to_dict(self) -> dict[str, Any]:
        """The finding as a JSON object of ``check --format json`` (docs/reference/cli.md)."""
        data: dict[str, Any] = {
            "id": self.id, "rule": self.rule, "name": self.name,
            "severity": self.severity.value, "message": self.message, "file": self.file,
            "line": self.line, "column": self.column, "remediation": self.remediation,
            "flow": self.flow, "source": self.source, "target": self.target,
            "jurisdiction": self.jurisdiction, "law": self.law,
            "destination": self.destination, "categories": list(self.categories),
            "references": list(self.references)}
        if self.waiver is not None:
            data["waiver"] = dict(self.waiver)
        if self.baselined:
            data["baselined"] = True
        return data


@record(frozen=True, slots=True)
class Transfer:
    """One international transfer: a flow, under one jurisdiction, to one destination."""

    flow: str  # "<processor>/collect" for a collection abroad
    source: str | None  # None for a collection abroad
    target: str
    jurisdiction: str
    destination: str  # a country code, a jurisdiction ID (a region) or "unknown"
    onward: bool
    status: Literal["adequate", "safeguarded", "missing"]
    mechanisms: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The transfer as a JSON object of ``check --format json`` (docs/reference/cli.md)."""
        return {"flow": self.flow, "source": self.source, "target": self.target,
                "jurisdiction": self.jurisdiction, "destination": self.destination,
                "onward": self.onward, "status": self.status,
                "mechanisms": list(self.mechanisms)}


def fails(finding: Finding, fail_on: str) -> bool:
    """Whether a finding fails a check at ``fail_on`` (``error``, ``warning``, ``info`` or
    ``never``): at or above it, and not in the baseline. A waived finding is ``info``, so it
    fails only at ``info``. Exit codes and JUnit outcomes both follow this."""
    return (fail_on != "never" and not finding.baselined
            and _RANKS[finding.severity] >= (_RANKS.get(fail_on) or Severity(fail_on).rank))


_severity = attrgetter("severity")


@record(frozen=True)
class Report:
    """The result of :func:`dataflow.check`: findings (sorted) and transfers, with the map
    and the analysis they come from."""

    map_name: str | None
    as_of: date
    findings: tuple[Finding, ...]
    transfers: tuple[Transfer, ...] = ()
    #: The map checked and its analysis (provenance, verdicts), for diagrams, reports and
    #: exports; ``None`` in a report built by hand.
    flowmap: FlowMap | None = field(default=None, compare=False, repr=False)
    analysis: Analysis | None = field(default=None, compare=False, repr=False)
    summary: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        counts = {s.value: 0 for s in Severity}
        for severity, count in Counter(map(_severity, self.findings)).items():
            counts[severity] += count  # a Severity is its value as a key (a str enum)
        object.__setattr__(self, "summary", counts)

    @property
    def ok(self) -> bool:
        """True when there is no finding of severity ``error`` (outside the baseline)."""
        return not self.failing("error")

    def failing(self, fail_on: str) -> list[Finding]:
        """The findings at or above ``fail_on`` (``error``, ``warning``, ``info``, ``never``),
        those in the baseline the check was given left out."""
        return [f for f in self.findings if fails(f, fail_on)]

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``check --format json`` (docs/reference/cli.md)."""
        return {
            "map": self.map_name,
            "as_of": self.as_of.isoformat(),
            "summary": dict(self.summary),
            "findings": [f.to_dict() for f in self.findings],
            "transfers": [t.to_dict() for t in self.transfers],
        }
