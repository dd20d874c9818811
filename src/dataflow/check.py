"""Running the rules over a map: :func:`check` gives a :class:`Report`."""

from __future__ import annotations

from datetime import date

from .findings import Report
from .flowmap import FlowMap
from .rules import RULES, Analysis


def check(flowmap: FlowMap, as_of: date | None = None) -> Report:
    """Analyse ``flowmap`` and return its findings, sorted by file, line and rule.

    ``as_of`` (else the map's ``as_of``, else today) is the date at which adequacy
    decisions and safeguard expiry are judged.
    """
    when = as_of or flowmap.as_of or date.today()
    analysis = Analysis(flowmap=flowmap, graph=flowmap.graph(), as_of=when)
    findings = [f for rule in RULES.values() for f in rule.run(analysis)]
    findings.sort(key=lambda f: f.sort_key())
    return Report(map_name=flowmap.name, as_of=when, findings=tuple(findings))
