"""Running the rules over a map: :func:`check` gives a :class:`Report`."""

from __future__ import annotations

from datetime import date

from .categories import CategoryTree
from .findings import Report
from .flowmap import FlowMap
from .jurisdictions import Jurisdictions
from .provenance import compute_provenance
from .rules import RULES, Analysis
from .rules.waivers import apply_waivers
from .transfers import evaluate_transfers, transfers_of


def analyse(flowmap: FlowMap, as_of: date | None = None) -> Analysis:
    """Everything the rules look at: graph, jurisdictions, provenance and transfer verdicts."""
    when = as_of or flowmap.as_of or date.today()
    jurisdictions = Jurisdictions(flowmap.jurisdictions.values())
    provenance = compute_provenance(flowmap, jurisdictions.of_country,
                                    CategoryTree(flowmap.categories))
    judgement = evaluate_transfers(flowmap, jurisdictions, provenance, when)
    return Analysis(flowmap=flowmap, graph=flowmap.graph(), as_of=when,
                    jurisdictions=jurisdictions, provenance=provenance,
                    verdicts=judgement.verdicts, non_transfers=judgement.non_transfers)


def check(flowmap: FlowMap, as_of: date | None = None, *,
          analysis: Analysis | None = None) -> Report:
    """Analyse ``flowmap`` and return its findings, sorted by file, line and rule.

    ``as_of`` (else the map's ``as_of``, else today) is the date at which adequacy
    decisions and safeguard expiry are judged. An ``analysis`` from :func:`analyse` is
    used as it is, with its own date (its findings are filled in).
    """
    analysis = analysis or analyse(flowmap, as_of)
    analysis.findings = []  # an analysis may be checked again: start afresh
    for stage in (False, True):
        for rule in RULES.values():
            if rule.last is stage:
                analysis.findings.extend(rule.run(analysis))
    findings = sorted(apply_waivers(analysis.findings, analysis), key=lambda f: f.sort_key())
    return Report(map_name=flowmap.name, as_of=analysis.as_of, findings=tuple(findings),
                  transfers=transfers_of(analysis.verdicts))
