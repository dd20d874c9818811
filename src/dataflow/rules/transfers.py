"""Transfer rules: international transfers without a safeguard their law recognises (SPEC §5)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..countries import place_name
from ..findings import Finding, Severity
from ..flowmap import FlowMap
from ..model import (
    UNKNOWN,
    Adequacy,
    Disclosure,
    Jurisdiction,
    Mechanism,
    Processor,
    RecipientTerms,
    Requirement,
    Safeguard,
)
from ..transfers import DISCLOSURE_WORDS, Verdict, expired, safeguard_label, undisclosed
from .base import Analysis, Rule, rule


def _who(processor: Processor) -> str:
    entity = f", {processor.entity}" if processor.entity else ""
    role = f", {processor.role.replace('_', ' ')}" if processor.role else ""
    places = ", ".join(processor.locations)
    return f"'{processor.id}' ({places}{entity}{role})"


def _route(verdict: Verdict, analysis: Analysis) -> str:
    """``<data> flow from <sender> to <recipient>``, or the collection abroad in words."""
    data = _data(verdict, analysis)
    if verdict.sender is None:
        origins = _collection_origins(verdict, analysis)
        how = ("storage abroad: the collector's entity collects in the law's country and keeps "
               "the data here too" if verdict.within_entity else
               "entrustment abroad: the collection is a transfer to the collector")
        return (f"{data} collected by {_who(verdict.recipient)} from data subjects in "
                f"{origins} ({how})")
    return f"{data} flow from {_who(verdict.sender)} to {_who(verdict.recipient)}"


def _collection_origins(verdict: Verdict, analysis: Analysis) -> str:
    members = analysis.jurisdictions.members(verdict.jurisdiction.id)
    countries = sorted({c for point in verdict.recipient.collects
                        for c in analysis.flowmap.collected_from(point) if c in members})
    return ", ".join(countries) or verdict.jurisdiction.id


def _about(rule: Rule, analysis: Analysis, verdict: Verdict, message: str, remediation: str,
           references: tuple[str, ...]) -> Finding:
    """A finding of ``rule`` about one transfer: its ID, place and elements from the verdict."""
    transfer = verdict.transfer
    return rule.finding(
        analysis, element=verdict.element,
        parts=(transfer.flow, transfer.jurisdiction, transfer.destination),
        message=message, remediation=remediation, flow=transfer.flow, source=transfer.source,
        target=transfer.target, jurisdiction=transfer.jurisdiction,
        law=verdict.jurisdiction.law, destination=transfer.destination,
        categories=verdict.categories, references=references)


def _owed(verdict: Verdict, duty: Disclosure | RecipientTerms | None) -> bool:
    """Whether a law's duty applies to this transfer (adequate ones only if it says so)."""
    return duty is not None and (verdict.transfer.status != "adequate" or duty.when_adequate)


def _data(verdict: Verdict, analysis: Analysis) -> str:
    names = []
    for category_id in verdict.categories:
        category = analysis.flowmap.categories.get(category_id)
        label = category.name if category and category.name else category_id
        names.append(f"{label} (sensitive)" if category_id in verdict.sensitive else label)
    subjects = [analysis.flowmap.subjects[s].name or s for s in verdict.flow.subjects
                if s in analysis.flowmap.subjects]
    whose = f" of {', '.join(subjects)}" if subjects else ""
    return f"{', '.join(names)}{whose}"


def _options(jurisdiction: Jurisdiction, verdict: Verdict, memo: dict[tuple, str]) -> str:
    """The ways to make the transfer lawful under this law, with their articles."""
    certified = tuple(e for e in jurisdiction.adequate if e.requires_certification
                      and e.requires_certification not in verdict.recipient.certifications
                      and verdict.transfer.destination == e.destination)
    key = (id(jurisdiction), verdict.recipient.role, tuple(map(id, verdict.unmet)),
           tuple(map(id, certified)))
    if key not in memo:  # the same advice for every transfer in the same situation
        memo[key] = _ways(jurisdiction, verdict.recipient.role, verdict.unmet, certified)
    return memo[key]


def _ways(jurisdiction: Jurisdiction, role: str | None, unmet: tuple[Requirement, ...],
          certified: tuple[Adequacy, ...]) -> str:
    options = []
    for requirement in unmet:
        ways = []
        usual: list[Mechanism] = []
        residual: list[Mechanism] = []
        for name in requirement.one_of:
            mechanism = next((m for m in jurisdiction.mechanisms if m.mechanism == name), None)
            if mechanism is None:
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


@rule("DF100", "transfer-without-safeguard", Severity.ERROR)
def transfer_without_safeguard(analysis: Analysis) -> Iterator[Finding]:
    """An international transfer that no adequacy decision covers nor recognised safeguard protects.

    One finding per (flow, jurisdiction, destination). The data on a flow is subject to the
    law where the sender is located and to the law of the data subjects it was collected
    from, along every path (an onward transfer of Korean customers' data from Singapore to
    China is still judged under PIPA). The transfer is safeguarded when the destination is
    adequate for that law at ``as_of`` (with any certification the decision requires), or when
    unexpired safeguards on the flow or on the recipient meet every requirement of that law:
    a recognised mechanism that covers the recipient's role, plus what the law adds for
    sensitive categories or by volume.

    PASS: ``orders`` KR -> JP under PIPA with ``consent`` for KR. FAIL: the same flow with no
    safeguard, or with ``contract_necessity`` to a third party (it covers entrusted processing
    and storage only).
    """
    memo: dict[tuple, str] = {}
    for verdict in analysis.verdicts:
        transfer = verdict.transfer
        if transfer.status != "missing" or transfer.destination == UNKNOWN:
            continue  # an unknown destination is DF103's: a transfer that cannot be ruled out
        yield _about(transfer_without_safeguard, analysis, verdict,
                     _missing_message(verdict, analysis),
                     _options(verdict.jurisdiction, verdict, memo),
                     tuple(dict.fromkeys(r.reference for r in verdict.unmet)))


def _missing_message(verdict: Verdict, analysis: Analysis) -> str:
    """Why a transfer is not safeguarded: every decision and safeguard considered, what is
    not met, and what the verdict takes for granted because the map does not say it."""
    transfer, jurisdiction = verdict.transfer, verdict.jurisdiction
    law = jurisdiction.law or jurisdiction.id
    kind = "an onward transfer" if transfer.onward else "a transfer"
    why = list(verdict.reasons)
    unmet = "; ".join(f"{r.explanation} ({r.reference})" for r in verdict.unmet)
    message = (f"{_route(verdict, analysis)}: {kind} under {law} to "
               f"{place_name(transfer.destination)} without a safeguard: {'; '.join(why)}; "
               f"not met: {unmet}")
    if any(_counts_volume(r) for r in jurisdiction.requirements) and verdict.volume_basis:
        message += f"; volume: {verdict.volume_basis}"
    if verdict.assumptions:
        message += "; taken as the map does not say: " + "; ".join(verdict.assumptions)
    return message


def _counts_volume(requirement: Requirement) -> bool:
    when = requirement.when
    return when is not None and (when.volume_at_least is not None
                                 or when.volume_below is not None
                                 or when.volume_known is not None)


@rule("DF101", "safeguard-expired", Severity.WARNING)
def safeguard_expired(analysis: Analysis) -> Iterator[Finding]:
    """A declared safeguard whose ``expires`` date is on or before ``as_of``.

    An expired safeguard no longer counts for any transfer; renew it and update ``expires``,
    or replace it. One finding per expired safeguard, where it is declared.

    PASS: ``scc`` expiring 2027-06-30, checked as of 2026-06-30. FAIL: the same checked as of
    2027-06-30.
    """
    for element, safeguard, details in _every_safeguard(analysis.flowmap):
        if expired(safeguard, analysis.as_of):
            yield _expired(analysis, element, safeguard, **details)


def _every_safeguard(flowmap: FlowMap) -> Iterator[tuple[tuple[str, Any], Safeguard,
                                                          dict[str, str]]]:
    """Every declared safeguard with where it is declared and the finding details it gives."""
    for flow in flowmap.flows.values():
        for safeguard in flow.safeguards:
            yield ("flow", flow.id), safeguard, {"flow": flow.id, "source": flow.source,  # type: ignore[dict-item]
                                                 "target": flow.target}
    for processor in flowmap.processors.values():
        for safeguard in processor.safeguards:
            yield ("processor", processor.id), safeguard, {"target": processor.id}
        for index, point in enumerate(processor.collects):
            for safeguard in point.safeguards:
                yield (("collect", (processor.id, index)), safeguard,
                       {"flow": f"{processor.id}/collect", "target": processor.id})


def _owner(element: tuple[str, Any]) -> str:
    """The ID part a safeguard's finding is named by: a flow, a processor, or a collection."""
    kind, key = element
    return f"{key[0]}/collect" if kind == "collect" else str(key)


def _owner_words(element: tuple[str, Any]) -> str:
    kind, key = element
    if kind == "collect":
        return f"a collection point of '{key[0]}'"
    return f"{kind} '{key}'"


def _expired(analysis: Analysis, element: tuple[str, Any], safeguard: Safeguard,
             **details: object) -> Finding:
    expires = safeguard.expires.isoformat()  # type: ignore[union-attr]
    return safeguard_expired.finding(
        analysis, element=element, parts=(_owner(element), safeguard.mechanism, expires),
        message=(f"safeguard {safeguard_label(safeguard)} on {_owner_words(element)} expired "
                 f"on {expires} "
                 f"(judged as of {analysis.as_of.isoformat()}) and no longer counts"),
        remediation=("renew the safeguard and update `expires`, or replace it with another "
                     "mechanism the law recognises"), **details)


@rule("DF102", "safeguard-not-recognised", Severity.WARNING)
def safeguard_not_recognised(analysis: Analysis) -> Iterator[Finding]:
    """A safeguard that names a jurisdiction whose law does not recognise its mechanism.

    Such a safeguard has no effect under that law (EU standard contractual clauses are not a
    ground under PIPA, for instance). Use a mechanism that law recognises (``dataflow
    jurisdictions`` lists them) or correct the safeguard's ``jurisdictions``.

    PASS: ``scc`` for EU. FAIL: ``scc`` for KR.
    """
    for element, safeguard, details in _every_safeguard(analysis.flowmap):
        yield from _unrecognised(analysis, element, safeguard, **details)


def _unrecognised(analysis: Analysis, element: tuple[str, Any], safeguard: Safeguard,
                  **details: object) -> Iterator[Finding]:
    mechanism = safeguard.mechanism
    for law_id in safeguard.jurisdictions or ():
        jurisdiction = analysis.jurisdictions.get(law_id)
        recognised = {m.mechanism for m in jurisdiction.mechanisms} if jurisdiction else set()
        if mechanism in recognised:
            continue
        label = analysis.jurisdictions.label(law_id)
        if recognised:
            why = (f"{label} does not recognise '{mechanism}'; it recognises "
                   f"{', '.join(sorted(recognised))}")
        else:
            why = f"{label} has no transfer rules, so the safeguard has no effect there"
        yield safeguard_not_recognised.finding(
            analysis, element=element, parts=(_owner(element), law_id, mechanism),
            message=f"safeguard '{mechanism}' on {_owner_words(element)} names {law_id}: {why}",
            remediation=("use a mechanism this law recognises (see `dataflow jurisdictions`), "
                         "or remove the jurisdiction from the safeguard's `jurisdictions`"),
            jurisdiction=law_id, law=jurisdiction.law if jurisdiction else None, **details)


@rule("DF110", "transfer-disclosure-incomplete", Severity.WARNING)
def transfer_disclosure_incomplete(analysis: Analysis) -> Iterator[Finding]:
    """A transfer under a law that requires disclosure, whose map lacks what must be disclosed.

    Laws such as PIPA (Art. 28-8(2)) and PIPL (Art. 39) require data subjects to be told the
    recipient and its contact, the purpose, the retention period, and when and how the data
    is sent; the GDPR (Art. 13(1)(f)) requires the safeguard relied on. A map that lacks them
    cannot back the privacy policy (the PIPC fined AliExpress in 2024 for transfers whose
    notice lacked the country and the recipients' names and contacts). One finding per
    transfer, naming each missing item.

    PASS: a KR -> CN flow with ``purpose``, ``retention``, ``method`` and a recipient with
    ``entity`` and ``contact``. FAIL: the same recipient without ``contact``.
    """
    for verdict in analysis.verdicts:
        disclosure = verdict.jurisdiction.disclosure
        if disclosure is None or not _owed(verdict, disclosure):
            continue
        transfer = verdict.transfer
        used = verdict.used if transfer.status == "safeguarded" else None
        missing = undisclosed(disclosure.items, verdict.flow, verdict.recipient, used)
        if not missing:
            continue
        law = verdict.jurisdiction.law or verdict.jurisdiction.id
        items = ", ".join(DISCLOSURE_WORDS[i] for i in missing)
        origin = f"from '{transfer.source}' " if transfer.source else "(a collection abroad) "
        yield _about(
            transfer_disclosure_incomplete, analysis, verdict,
            message=(f"transfer '{transfer.flow}' {origin}to "
                     f"'{transfer.target}' in {place_name(transfer.destination)} under {law} "
                     f"must be disclosed ({disclosure.reference}), but the map lacks {items}"),
            remediation=(f"add {items} to the map, and disclose them in the privacy policy or "
                         f"consent notice ({disclosure.reference})"),
            references=(disclosure.reference,))


@rule("DF111", "recipient-terms-missing", Severity.WARNING)
def recipient_terms_missing(analysis: Analysis) -> Iterator[Finding]:
    """A transfer under a law that requires protective measures in the recipient's contract,
    to a recipient whose ``contract_terms`` lack some of them.

    PIPA Art. 28-8(4) with Enforcement Decree Art. 29-10 requires the exporter to agree
    security measures, grievance handling and dispute resolution with every recipient abroad
    and to put them in the contract; the PIPC sanctioned AliExpress in 2024 for seller terms
    without them. Declare what each recipient's contract contains in its ``contract_terms``.
    One finding per transfer, naming the missing measures.

    PASS: a KR -> CN recipient with ``contract_terms: [security_measures,
    grievance_handling, dispute_resolution]``. FAIL: the same recipient without
    ``dispute_resolution``.
    """
    for verdict in analysis.verdicts:
        terms = verdict.jurisdiction.recipient_terms
        if terms is None or not _owed(verdict, terms):
            continue
        missing = [t for t in terms.items if t not in verdict.recipient.contract_terms]
        if not missing:
            continue
        transfer = verdict.transfer
        law = verdict.jurisdiction.law or verdict.jurisdiction.id
        yield _about(
            recipient_terms_missing, analysis, verdict,
            message=(f"transfer '{transfer.flow}' to '{transfer.target}' in "
                     f"{place_name(transfer.destination)} under {law}: the contract with the "
                     f"recipient must contain protective measures ({terms.reference}), and its "
                     f"`contract_terms` lack {', '.join(missing)}"),
            remediation=(f"agree {', '.join(m.replace('_', ' ') for m in missing)} with "
                         f"'{transfer.target}', put them in its contract, and list them in the "
                         f"recipient's `contract_terms` ({terms.reference})"),
            references=(terms.reference,))


RULES = (transfer_without_safeguard, safeguard_expired, safeguard_not_recognised,
         transfer_disclosure_incomplete, recipient_terms_missing)
