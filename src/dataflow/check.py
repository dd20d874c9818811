"""Running the rules over a map: :func:`check` gives a :class:`Report`."""

from __future__ import annotations

from datetime import date

from .analysis import EXPIRING_WITHIN, Analysis, analyse
from .baseline import Baseline, apply_baseline
from .errors import MapError
from .findings import Finding, Report
from .flowmap import FlowMap
from .progress import stage
from .rules import registered, waiver_problems
from .rules.waivers import apply_waivers
from .transfers import transfers_of

__all__ = ["analyse", "check", "transfers_only"]


def check(flowmap: FlowMap, as_of: date | None = None, *,
          analysis: Analysis | None = None,
          expiring_within: int = EXPIRING_WITHIN, baseline: Baseline | None = None,
          words: bool = True) -> Report:
    """Analyse ``flowmap`` and return its findings, sorted by file, line and rule.

    ``as_of`` (else the map's ``as_of``, else today) is the date at which adequacy
    decisions and safeguard expiry are judged. An ``analysis`` from :func:`analyse` is
    used as it is, with its own date (its findings are filled in). Safeguards, decisions
    and waivers that expire within ``expiring_within`` days after ``as_of`` are warned of.
    The report carries the map and the analysis, so that diagrams, reports and exports need
    not compute them again. Findings a ``baseline`` holds are marked ``baselined`` (they fail
    nothing), and its entries that match no finding are reported (DF903). With ``words``
    false, findings about the map's elements have no place (``None``, so they sort by rule
    and ID), and the built-in rules about transfers give no message or remediation: all a
    diagram shows of findings is which flows and processors have one, and wording them takes
    about a sixth of a large map's check.
    Raises :class:`MapError` when a waiver names a rule this version does not know.
    """
    problems = waiver_problems(flowmap)
    if problems:
        raise MapError(problems)
    analysis = analysis or analyse(flowmap, as_of, expiring_within=expiring_within)
    analysis.findings = []  # an analysis may be checked again: start afresh
    analysis.baseline = baseline
    analysis.words = words
    rules = registered()
    with stage("Running the rules", total=len(rules)) as running:
        for last in (False, True):
            for rule in rules.values():
                if rule.last is last:
                    analysis.findings.extend(rule.run(analysis))
                    running.advance()
        findings = apply_waivers(analysis.findings, analysis)
        if baseline is not None:
            findings = apply_baseline(findings, baseline)
        findings.sort(key=Finding.sort_key)
    return Report(map_name=flowmap.name, as_of=analysis.as_of, findings=tuple(findings),
                  transfers=transfers_of(analysis.verdicts), flowmap=flowmap,
                  analysis=analysis)


def transfers_only(flowmap: FlowMap, as_of: date | None = None, *,
                   expiring_within: int = EXPIRING_WITHIN) -> Report:
    """The transfers of ``flowmap`` without its findings: a :class:`Report` whose
    ``findings`` are empty because no rule ran (``dataflow transfers --fail-on never`` prints
    the table and fails on nothing, so the rules' work would be thrown away).

    Raises :class:`MapError` when a waiver names a rule this version does not know, as
    :func:`check` does.
    """
    problems = waiver_problems(flowmap)
    if problems:
        raise MapError(problems)
    analysis = analyse(flowmap, as_of, expiring_within=expiring_within)
    return Report(map_name=flowmap.name, as_of=analysis.as_of, findings=(),
                  transfers=transfers_of(analysis.verdicts), flowmap=flowmap,
                  analysis=analysis)
