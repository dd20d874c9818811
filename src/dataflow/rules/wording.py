"""What transfer findings say, shared by the rules about transfers and safeguards: who and
where, which data, which safeguards were declared, and the ways to comply with a law."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..analysis import Analysis
from ..findings import Finding
from ..flowmap import FlowMap
from ..model import (
    Adequacy,
    Disclosure,
    Jurisdiction,
    Mechanism,
    Processor,
    RecipientTerms,
    Requirement,
)
from ..transfers import NonTransfer, Verdict
from .base import Rule, finding_place


def who(processor: Processor) -> str:
    entity = f", {processor.entity}" if processor.entity else ""
    role = f", {processor.role.replace('_', ' ')}" if processor.role else ""
    places = ", ".join(processor.locations)
    return f"'{processor.id}' ({places}{entity}{role})"


def _who(processor: Processor, analysis: Analysis) -> str:
    """:func:`who`, worded once per processor and check."""
    key = ("who", processor.id)
    found = analysis.wording.get(key)
    if found is None:
        found = analysis.wording[key] = who(processor)
    return found


def route(verdict: Verdict, analysis: Analysis) -> str:
    """``<data> flow from <sender> to <recipient>``, or the collection abroad in words."""
    data = data_words(verdict, analysis)
    if verdict.sender is None:
        origins = _collection_origins(verdict, analysis)
        how = ("storage abroad: the collector's entity collects in the law's country and keeps "
               "the data here too" if verdict.within_entity else
               "entrustment abroad: the collection is a transfer to the collector")
        return (f"{data} collected by {_who(verdict.recipient, analysis)} from data subjects "
                f"in {origins} ({how})")
    return (f"{data} flow from {_who(verdict.sender, analysis)} to "
            f"{_who(verdict.recipient, analysis)}")


def _collection_origins(verdict: Verdict, analysis: Analysis) -> str:
    members = analysis.jurisdictions.members(verdict.jurisdiction.id)
    countries = sorted({c for point in verdict.recipient.collects
                        for c in analysis.flowmap.collected_from(point) if c in members})
    return ", ".join(countries) or verdict.jurisdiction.id


def about_transfer(rule: Rule, analysis: Analysis, verdict: Verdict, message: str,
                   remediation: str, references: tuple[str, ...]) -> Finding:
    """A finding of ``rule`` about one transfer: its ID, place and elements from the verdict.

    It is the finding :meth:`Rule.finding` makes of them, made without passing them by
    keyword: a check makes one for most transfers, hundreds of thousands in a large map
    (tests/test_rule_cases.py compares the two).
    """
    transfer = verdict.transfer
    return Finding(
        f"{rule.id}@{transfer.flow}@{transfer.jurisdiction}@{transfer.destination}", rule.id,
        rule.name, rule.severity, message, *finding_place(analysis, verdict.element),
        remediation, transfer.flow, transfer.source, transfer.target, transfer.jurisdiction,
        verdict.jurisdiction.law, transfer.destination, verdict.categories, references)


def about_non_transfer(rule: Rule, analysis: Analysis, situation: NonTransfer, message: str,
                       remediation: str, references: tuple[str, ...]) -> Finding:
    """A finding of ``rule`` about data that reaches a country without a transfer: its ID,
    place and elements from the situation the engine found."""
    return rule.finding(
        analysis, element=situation.element,
        parts=(situation.flow, situation.jurisdiction.id, situation.destination),
        message=message, remediation=remediation, flow=situation.flow, source=situation.source,
        target=situation.target, jurisdiction=situation.jurisdiction.id,
        law=situation.jurisdiction.law, destination=situation.destination,
        categories=situation.categories, references=references)


def owed(verdict: Verdict, duty: Disclosure | RecipientTerms | None) -> bool:
    """Whether a law's duty applies to this transfer (adequate ones only if it says so)."""
    return duty is not None and (verdict.transfer.status != "adequate" or duty.when_adequate)


def data_words(verdict: Verdict, analysis: Analysis) -> str:
    """The data of a transfer in words: its categories by name (sensitive ones marked) and
    whose data it is (worded once per check for each such combination)."""
    key = ("data", verdict.categories, verdict.sensitive, verdict.flow.subjects)
    found = analysis.wording.get(key)
    if found is None:
        found = analysis.wording[key] = _data_words(verdict, analysis)
    return found


def _data_words(verdict: Verdict, analysis: Analysis) -> str:
    names = []
    for category_id in verdict.categories:
        category = analysis.flowmap.categories.get(category_id)
        label = category.name if category and category.name else category_id
        names.append(f"{label} (sensitive)" if category_id in verdict.sensitive else label)
    subjects = [analysis.flowmap.subjects[s].name or s for s in verdict.flow.subjects
                if s in analysis.flowmap.subjects]
    whose = f" of {', '.join(subjects)}" if subjects else ""
    return f"{', '.join(names)}{whose}"


def ways_to_comply(jurisdiction: Jurisdiction, verdict: Verdict, memo: dict[tuple, str],
                   as_of: date) -> str:
    """The ways to make the transfer lawful under this law at ``as_of``, with their articles
    (a mechanism the law no longer recognises, or not yet, is not advised)."""
    recipient, destination = verdict.recipient, verdict.transfer.destination
    key = (id(jurisdiction), recipient.role, *map(id, verdict.unmet), destination,
           recipient.certifications)
    found = memo.get(key)
    if found is None:  # the same advice for every transfer in the same situation
        certified = tuple(e for e in jurisdiction.adequate if e.requires_certification
                          and e.requires_certification not in recipient.certifications
                          and destination == e.destination)
        found = memo[key] = _ways(jurisdiction, recipient.role, verdict.unmet, certified,
                                  as_of)
    return found


def _ways(jurisdiction: Jurisdiction, role: str | None, unmet: tuple[Requirement, ...],
          certified: tuple[Adequacy, ...], as_of: date) -> str:
    options = []
    for requirement in unmet:
        ways = []
        usual: list[Mechanism] = []
        residual: list[Mechanism] = []
        for name in requirement.one_of:
            mechanism = next((m for m in jurisdiction.mechanisms if m.mechanism == name
                              and (m.since is None or m.since <= as_of)
                              and (m.until is None or as_of <= m.until)), None)
            if mechanism is None:  # unknown to the law, or not in force at the date
                continue
            if mechanism.roles is not None and role not in mechanism.roles:
                continue
            (residual if mechanism.residual else usual).append(mechanism)
        for mechanism in usual + residual:  # the usual mechanisms first, the last resorts last
            notice = (f" after notice of the items of {jurisdiction.disclosure.reference}"
                      if mechanism.needs_disclosure and jurisdiction.disclosure else "")
            only = (f", a derogation for {' or '.join(mechanism.frequencies)} transfers only"
                    if mechanism.frequencies else ", a derogation" if mechanism.residual else "")
            ways.append(f"`{mechanism.mechanism}` ({mechanism.reference}{only}){notice}")
        if ways:
            options.append(f"{requirement.explanation}: declare " + " or ".join(ways)
                           + f" [{requirement.reference}]")
        else:
            options.append(f"{requirement.explanation} [{requirement.reference}]; none of its "
                           "mechanisms covers this recipient's role")
    for entry in certified:
        options.append(f"or have the recipient certified under '{entry.requires_certification}'"
                       f" and list it in its `certifications` ({entry.source})")
    return "; ".join(options) + (
        ". Declare safeguards under the flow's `safeguards` (or the recipient's, for every "
        "flow into it), with a `reference` to the contract, consent or certificate")


def safeguard_details(element: tuple[str, Any], flowmap: FlowMap) -> dict[str, str]:
    """The finding fields a safeguard's place gives: its flow and processors."""
    kind, key = element
    if kind == "flow":
        flow = flowmap.flows[key]
        return {"flow": key, "source": flow.source, "target": flow.target}
    if kind == "collect":
        return {"flow": f"{key[0]}/collect", "target": key[0]}
    return {"target": key}


def owner_part(element: tuple[str, Any]) -> str:
    """The ID part a safeguard's finding is named by: a flow, a processor, or a collection."""
    kind, key = element
    return f"{key[0]}/collect" if kind == "collect" else str(key)


def owner_words(element: tuple[str, Any]) -> str:
    kind, key = element
    if kind == "collect":
        return f"a collection point of '{key[0]}'"
    return f"{kind} '{key}'"
