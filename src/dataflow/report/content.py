"""What a report says, decided once for every format.

Everything the report shows is computed here, from the analysis and the findings, into
plain records (text as the map wrote it, never escaped); the formats only lay them out. A value the
map does not give is ``None``, which every format shows as :data:`NOT_STATED`.

The report is written in one language (:mod:`.words`): its own words from the ``report``
catalogue, the map's texts from each element's ``translations`` in that language where given,
country names from the CLDR. The findings' messages and advice are the rules', in English.
"""

from __future__ import annotations

import json
from collections import defaultdict

from ..analysis import Analysis
from ..findings import Finding, Report, Severity
from ..flowmap import FlowMap
from ..i18n import N_, own_text
from ..model import CollectionPoint, Flow, Processor, given
from ..notice import Notice, build_notice
from ..outputs.safe import visible_lines
from ..records import record
from ..render import LAYOUT_AT_MOST, Selection, build_diagram, smaller_selections
from ..render.diagram import Diagram
from ..transfers import Verdict, safeguards_for
from .words import (
    NOT_STATED,
    ROLE_WORDS,
    SEVERITY_WORDS,
    STATUS_WORDS,
    Words,
    words,
)

__all__ = [
    "GROUP_ABOVE",
    "LIST_AT_MOST",
    "NOT_STATED",
    "ROLE_WORDS",
    "SEVERITY_WORDS",
    "STATUS_WORDS",
    "CategoryRef",
    "Content",
    "Entry",
    "FindingGroup",
    "FindingRow",
    "FlowTally",
    "NoticeSection",
    "Party",
    "RecipientRow",
    "Record",
    "RecordLine",
    "SafeguardRow",
    "TransferGroup",
    "TransferRecord",
    "TransferRow",
    "build_content",
    "visible_lines",
]

#: Past this many processors the report's diagram shows one node per country.
GROUP_ABOVE = 150
#: Past this many findings, transfers or processors, a section is summarised (a page of a
#: hundred thousand rows opens in no browser); :data:`EXAMPLES` rows show what it holds.
LIST_AT_MOST = 500
EXAMPLES = 5
#: How many of the flows with most findings a summary names.
TOP_FLOWS = 25


@record(frozen=True)
class Party:
    """A processor as a reader names it: its name (or ID), and its ID."""

    id: str
    name: str


@record(frozen=True)
class CategoryRef:
    id: str
    name: str
    sensitive: bool


@record(frozen=True)
class Waived:
    reason: str
    ticket: str | None
    expires: str | None
    severity: str | None  # the finding's severity before the waiver


@record(frozen=True)
class FindingRow:
    severity: str  # error | warning | info
    rule: str
    name: str
    id: str
    message: str
    place: str | None  # FILE:LINE:COLUMN
    fix: str
    references: tuple[str, ...]
    waiver: Waived | None


@record(frozen=True)
class TransferRow:
    flow: str
    source: Party
    target: Party
    law: str
    destination: str  # "China (CN)"
    onward: bool
    status: str  # adequate | safeguarded | missing
    mechanisms: tuple[str, ...]


@record(frozen=True)
class Entry:
    """A purpose or a retention period, and what it applies to."""

    text: str | None
    context: str


@record(frozen=True)
class RecipientRow:
    flow: str
    to: Party
    entity: str | None
    countries: tuple[str, ...]
    categories: tuple[CategoryRef, ...]
    purpose: str | None
    retention: str | None
    method: str | None


@record(frozen=True)
class SafeguardRow:
    mechanism: str
    reference: str | None
    expires: str | None
    declared_on: str  # "flow" or "recipient"
    legal_basis: str | None  # the article of the law that recognises the mechanism


@record(frozen=True)
class TransferRecord:
    flow: str
    to: Party
    law: str
    destination: str
    onward: bool
    status: str
    safeguards: tuple[SafeguardRow, ...]  # those relied on; when missing, those declared
    adequacy: str | None  # the adequacy decision that covers it
    notes: tuple[str, ...]  # why declared safeguards or decisions do not count (in English)
    #: the law's requirements the transfer does not meet: (explanation in English, reference)
    unmet: tuple[tuple[str, str], ...] = ()


@record(frozen=True)
class HeldCategory:
    category: CategoryRef
    sources: tuple[str, ...]  # "collected from data subjects", "received from X"


@record(frozen=True)
class Record:
    """One record of processing: what a processor holds, why, for how long, and who gets it."""

    party: Party
    description: str | None
    entity: str | None
    role: str | None
    locations: tuple[str, ...]
    contact: str | None
    certifications: tuple[str, ...]
    categories: tuple[HeldCategory, ...]
    subjects: tuple[str, ...]
    purposes: tuple[Entry, ...]
    recipients: tuple[RecipientRow, ...]
    transfers: tuple[TransferRecord, ...]
    retention: tuple[Entry, ...]
    #: the team's own ``x-`` fields of the processor, as written (values as text)
    own_fields: tuple[tuple[str, str], ...] = ()


@record(frozen=True)
class NoticeSection:
    """The transfer notice one law requires, as ``dataflow notice`` writes it, under the
    law's name as the report gives it ("PIPA (Republic of Korea)")."""

    law: str
    notice: Notice


@record(frozen=True)
class FindingGroup:
    """The findings of one rule, counted, with the first few (a summary of a large map)."""

    rule: str
    name: str
    severity: str  # the most serious of them
    count: int
    examples: tuple[FindingRow, ...]


@record(frozen=True)
class FlowTally:
    """A flow and how many findings it has, by severity (the flows with most come first)."""

    flow: str
    total: int
    by_severity: tuple[tuple[str, int], ...]


@record(frozen=True)
class TransferGroup:
    """The transfers under one law to one destination with one status, counted."""

    law: str
    destination: str
    status: str
    count: int
    onward: int
    mechanisms: tuple[str, ...]


@record(frozen=True)
class RecordLine:
    """One processor on one line: the records of processing of a large map, summarised."""

    party: Party
    entity: str | None
    role: str | None
    locations: tuple[str, ...]
    categories: int
    recipients: int
    transfers: int
    missing: int


@record(frozen=True)
class Content:
    """Everything a report shows, in the order it shows it.

    A large map is summarised section by section (past :data:`LIST_AT_MOST` rows): findings
    by rule with a few examples and the flows with most findings, transfers by law,
    destination and status, records one line per processor; the empty tuples are then the
    long lists, which ``dataflow check --format json``, ``dataflow transfers --format csv``
    and ``dataflow export --format csv`` give whole.
    """

    title: str
    as_of: str
    language: str  # the language the report is written in: en, ko or zh
    files: tuple[str, ...]
    counts: tuple[tuple[str, int], ...]
    findings_by_severity: tuple[tuple[str, int], ...]
    waived: int
    transfers_by_status: tuple[tuple[str, int], ...]
    diagram: Diagram
    diagram_note: str | None  # given when the diagram is grouped or narrowed
    findings: tuple[FindingRow, ...]
    transfers: tuple[TransferRow, ...]
    records: tuple[Record, ...]
    disclosures: tuple[NoticeSection, ...]  # one per law that requires a notice
    finding_groups: tuple[FindingGroup, ...] = ()
    flow_tallies: tuple[FlowTally, ...] = ()
    transfer_groups: tuple[TransferGroup, ...] = ()
    record_lines: tuple[RecordLine, ...] = ()
    map_language: str | None = None  # the language the map says its texts are written in
    #: how many of the map's texts are shown as written, for want of a translation into the
    #: report's language (the map being in another language, or not saying which)
    untranslated: int = 0


def build_content(report: Report, language: str = "en") -> Content:
    """Gather what a report shows from a checked map, its findings and its analysis, in
    ``language`` (en, ko or zh)."""
    flowmap, analysis = report.flowmap, report.analysis
    if flowmap is None or analysis is None:
        raise ValueError("the report carries no analysis: report on what dataflow.check "
                         "returned")
    sensitive = flowmap.sensitive_categories
    names = _Names(analysis, sensitive, words(language))
    gettext = names.words.gettext

    processors = len(flowmap.processors)
    note = None
    selection = Selection()
    if processors > GROUP_ABOVE:
        selection = Selection(group_by="country")
        note = gettext(N_("The map has {processors} processors, more than {most}, so the "
                          "diagram shows one box per country; the records of processing below "
                          "list every processor.")).format(processors=processors,
                                                           most=GROUP_ABOVE)
    diagram = build_diagram(report, selection)
    if not LAYOUT_AT_MOST.fits(diagram):  # a diagram Graphviz would not lay out in time
        smaller = smaller_selections(report, selection, LAYOUT_AT_MOST)
        if smaller:
            selection, diagram = smaller[0]
            note = gettext(N_("The map has {processors} processors and {flows} flows, too "
                              "many to draw one by one, so the diagram shows {shown}; the "
                              "records of processing below list every processor.")).format(
                processors=processors, flows=len(flowmap.flows),
                shown=names.words.drawn_as(selection.view, selection.group_by))

    severities = tuple((s.value, report.summary[s.value]) for s in Severity)
    statuses = tuple((s, sum(t.status == s for t in report.transfers))
                     for s in ("missing", "safeguarded", "adequate"))
    counts = ((gettext(N_("Processors")), processors),
              (gettext(N_("Flows")), len(flowmap.flows)),
              (gettext(N_("Data categories")), len(flowmap.categories)),
              (gettext(N_("Sensitive categories")), len(sensitive)),
              (gettext(N_("Data subject groups")), len(flowmap.subjects)),
              (gettext(N_("International transfers")), len(report.transfers)))
    rank = {s.value: -s.rank for s in Severity}
    ordered = sorted(report.findings, key=lambda f: rank[f.severity.value])
    many_findings = len(ordered) > LIST_AT_MOST
    many_transfers = len(analysis.verdicts) > LIST_AT_MOST
    many_records = processors > LIST_AT_MOST
    return Content(
        title=flowmap.name or gettext(N_("Personal data flows")),
        as_of=analysis.as_of.isoformat(), language=language,
        files=tuple(flowmap.files), counts=counts, findings_by_severity=severities,
        waived=sum(f.waiver is not None for f in report.findings),
        transfers_by_status=statuses, diagram=diagram, diagram_note=note,
        findings=() if many_findings else tuple(_finding_row(f) for f in ordered),
        transfers=() if many_transfers else tuple(
            _transfer_row(v, analysis, names) for v in analysis.verdicts),
        records=() if many_records else _records(flowmap, analysis, names),
        disclosures=_notices(report, language, names),
        finding_groups=_finding_groups(ordered) if many_findings else (),
        flow_tallies=_flow_tallies(ordered) if many_findings else (),
        transfer_groups=_transfer_groups(analysis, names) if many_transfers else (),
        record_lines=_record_lines(flowmap, analysis, names) if many_records else (),
        map_language=flowmap.language, untranslated=len(names.untranslated))


def _finding_groups(ordered: list[Finding]) -> tuple[FindingGroup, ...]:
    """Findings by rule, most serious rule first, each with its first few."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in ordered:
        by_rule.setdefault(finding.rule, []).append(finding)
    rank = {s.value: -s.rank for s in Severity}
    groups = [FindingGroup(rule=rule, name=found[0].name, severity=found[0].severity.value,
                           count=len(found),
                           examples=tuple(_finding_row(f) for f in found[:EXAMPLES]))
              for rule, found in by_rule.items()]
    return tuple(sorted(groups, key=lambda g: (rank[g.severity], g.rule)))


def _flow_tallies(ordered: list[Finding]) -> tuple[FlowTally, ...]:
    counts: dict[str, dict[str, int]] = {}
    for finding in ordered:
        if finding.flow:
            tally = counts.setdefault(finding.flow, {})
            tally[finding.severity.value] = tally.get(finding.severity.value, 0) + 1
    rank = {s.value: s.rank for s in Severity}
    tallies = [FlowTally(flow, sum(t.values()), tuple(sorted(t.items(),
                                                             key=lambda x: -rank[x[0]])))
               for flow, t in counts.items()]
    tallies.sort(key=lambda t: (-t.by_severity[0][1] if t.by_severity[0][0] == "error" else 0,
                                -t.total, t.flow))
    return tuple(tallies[:TOP_FLOWS])


def _transfer_groups(analysis: Analysis, names: _Names) -> tuple[TransferGroup, ...]:
    groups: dict[tuple[str, str, str], list[Verdict]] = {}
    for verdict in analysis.verdicts:
        transfer = verdict.transfer
        groups.setdefault((transfer.jurisdiction, transfer.destination, transfer.status),
                          []).append(verdict)
    order = {"missing": 0, "safeguarded": 1, "adequate": 2}
    return tuple(TransferGroup(
        law=names.law(law), destination=names.words.country(destination),
        status=status, count=len(found), onward=sum(v.transfer.onward for v in found),
        mechanisms=tuple(dict.fromkeys(m for v in found for m in v.transfer.mechanisms)))
        for (law, destination, status), found in sorted(
            groups.items(), key=lambda item: (order[item[0][2]], -len(item[1]), item[0])))


def _record_lines(flowmap: FlowMap, analysis: Analysis, names: _Names) -> tuple[RecordLine, ...]:
    held: dict[str, set[str]] = defaultdict(set)
    recipients: dict[str, int] = defaultdict(int)
    transfers: dict[str, int] = defaultdict(int)
    missing: dict[str, int] = defaultdict(int)
    for processor in flowmap.processors.values():
        for point in processor.collects:
            held[processor.id].update(point.categories)
    for flow in flowmap.flows.values():
        held[flow.target].update(flow.categories)
        recipients[flow.source] += 1
    for verdict in analysis.verdicts:
        owner = verdict.transfer.source or verdict.transfer.target
        transfers[owner] += 1
        missing[owner] += verdict.transfer.status == "missing"
    return tuple(RecordLine(
        party=names.party(p.id), entity=names.own(p, "entity"), role=names.role(p),
        locations=tuple(names.words.country(c) for c in p.locations), categories=len(held[p.id]),
        recipients=recipients[p.id], transfers=transfers[p.id], missing=missing[p.id])
        for p in flowmap.processors.values())


class _Names:
    """How the report names processors, categories, countries and laws, and the map's texts,
    in its language."""

    def __init__(self, analysis: Analysis, sensitive: frozenset[str], words: Words) -> None:
        self.analysis, self.flowmap = analysis, analysis.flowmap
        self.sensitive = sensitive
        self.words = words
        self.untranslated: set[str] = set()

    def own(self, element: object, field: str) -> str | None:
        """The element's text in the report's language, else as written; ``None``: not given."""
        found = own_text(element, field, self.words.language)
        if found is None:
            return None
        if not found.translated and self.flowmap.language != self.words.language:
            self.untranslated.add(found.text)
        return found.text

    def party(self, processor_id: str | None) -> Party:
        if processor_id is None:  # a collection abroad: the data subjects send
            return Party("", self.words.gettext(N_("Data subjects (collected abroad)")))
        processor = self.flowmap.processors.get(processor_id)
        return Party(processor_id, (self.own(processor, "name") if processor else None)
                     or processor_id)

    def category(self, category_id: str) -> CategoryRef:
        category = self.flowmap.categories.get(category_id)
        return CategoryRef(category_id, self.own(category, "name") or category_id,
                           category_id in self.sensitive)

    def categories(self, ids: tuple[str, ...]) -> tuple[CategoryRef, ...]:
        return tuple(self.category(c) for c in dict.fromkeys(ids))

    def subjects(self, ids: tuple[str, ...]) -> tuple[str, ...]:
        known = self.flowmap.subjects
        return tuple((self.own(known.get(s), "name") or s) for s in dict.fromkeys(ids))

    def role(self, processor: Processor) -> str | None:
        return self.words.roles.get(processor.role) if processor.role else None

    def law(self, jurisdiction_id: str) -> str:
        return self.words.law(self.analysis.jurisdictions, jurisdiction_id)


def _finding_row(finding: Finding) -> FindingRow:
    where = None
    if finding.file:
        where = finding.file + "".join(f":{n}" for n in (finding.line, finding.column)
                                       if n is not None)
    waiver = None
    if finding.waiver is not None:
        waiver = Waived(reason=str(finding.waiver.get("reason") or ""),
                        ticket=finding.waiver.get("ticket"), expires=finding.waiver.get("expires"),
                        severity=finding.waiver.get("severity"))
    return FindingRow(severity=finding.severity.value, rule=finding.rule, name=finding.name,
                      id=finding.id, message=finding.message, place=where,
                      fix=finding.remediation, references=finding.references, waiver=waiver)


def _transfer_row(verdict: Verdict, analysis: Analysis, names: _Names) -> TransferRow:
    transfer = verdict.transfer
    return TransferRow(flow=transfer.flow, source=names.party(transfer.source),
                       target=names.party(transfer.target), law=names.law(transfer.jurisdiction),
                       destination=names.words.country(transfer.destination),
                       onward=transfer.onward,
                       status=transfer.status, mechanisms=transfer.mechanisms)


def _collection_context(point: CollectionPoint, names: _Names) -> str:
    what = ", ".join(c.name for c in names.categories(point.categories))
    whom = ", ".join(names.subjects(point.subjects))
    if whom:
        return names.words.gettext(N_("collecting {what} from {whom}")).format(what=what,
                                                                               whom=whom)
    return names.words.gettext(N_("collecting {what}")).format(what=what)


def _records(flowmap: FlowMap, analysis: Analysis, names: _Names) -> tuple[Record, ...]:
    inbound: dict[str, list[Flow]] = defaultdict(list)
    outbound: dict[str, list[Flow]] = defaultdict(list)
    for flow in flowmap.flows.values():
        inbound[flow.target].append(flow)
        outbound[flow.source].append(flow)
    verdicts: dict[str, list[Verdict]] = defaultdict(list)
    for verdict in analysis.verdicts:
        # a collection abroad is in the record of the processor that collects
        verdicts[verdict.transfer.source or verdict.transfer.target].append(verdict)
    return tuple(_record(p, inbound[p.id], outbound[p.id], verdicts[p.id], analysis, names)
                 for p in flowmap.processors.values())


def _record(processor: Processor, inbound: list[Flow], outbound: list[Flow],
            verdicts: list[Verdict], analysis: Analysis, names: _Names) -> Record:
    gettext = names.words.gettext
    held: dict[str, list[str]] = {}
    subjects: list[str] = []
    purposes: list[Entry] = []
    retention: list[Entry] = []
    for point in processor.collects:
        for category in point.categories:
            sources = held.setdefault(category, [])
            collected = gettext(N_("collected from data subjects"))
            if collected not in sources:
                sources.append(collected)
        subjects.extend(point.subjects)
        context = _collection_context(point, names)
        purposes.append(Entry(names.own(point, "purpose"), context))
        retention.append(Entry(names.own(point, "retention"), context))
    for flow in inbound:
        sender = names.party(flow.source)
        for category in flow.categories:
            sources = held.setdefault(category, [])
            received = gettext(N_("received from {sender}")).format(sender=sender.name)
            if received not in sources:
                sources.append(received)
        subjects.extend(flow.subjects)
        retention.append(Entry(names.own(flow, "retention"), gettext(
            N_("data received from {sender} (flow {flow})")).format(sender=sender.name,
                                                                    flow=flow.id)))
    recipients = []
    for flow in outbound:
        target = analysis.flowmap.processors[flow.target]
        to = names.party(flow.target)
        purposes.append(Entry(names.own(flow, "purpose"), gettext(
            N_("sending data to {recipient} (flow {flow})")).format(recipient=to.name,
                                                                    flow=flow.id)))
        recipients.append(RecipientRow(
            flow=flow.id, to=to, entity=names.own(target, "entity"),  # type: ignore[arg-type]
            countries=tuple(names.words.country(c) for c in target.locations),
            categories=names.categories(flow.categories), purpose=names.own(flow, "purpose"),
            retention=names.own(flow, "retention"), method=names.own(flow, "method")))
    return Record(
        party=names.party(processor.id), description=names.own(processor, "description"),
        entity=names.own(processor, "entity"), role=names.role(processor),
        locations=tuple(names.words.country(c) for c in processor.locations),
        contact=names.own(processor, "contact"), certifications=processor.certifications,
        categories=tuple(HeldCategory(names.category(c), tuple(s)) for c, s in held.items()),
        subjects=names.subjects(tuple(subjects)),
        purposes=tuple(purposes), recipients=tuple(recipients),
        transfers=tuple(_transfer_record(v, analysis, names) for v in verdicts),
        retention=tuple(retention),
        own_fields=tuple((key, value if isinstance(value, str) else json.dumps(
            value, ensure_ascii=False)) for key, value in processor.extension_items()))


def _transfer_record(verdict: Verdict, analysis: Analysis, names: _Names) -> TransferRecord:
    transfer = verdict.transfer
    recognised = {m.mechanism: m.reference for m in verdict.jurisdiction.mechanisms}
    shown = verdict.used
    if transfer.status == "missing":  # what was declared for this law, and did not suffice
        shown = tuple(safeguards_for(verdict.jurisdiction, verdict.flow, verdict.recipient))
    safeguards = tuple(
        SafeguardRow(mechanism=u.safeguard.mechanism, reference=given(u.safeguard.reference),
                     expires=u.safeguard.expires.isoformat() if u.safeguard.expires else None,
                     declared_on="flow" if u.on == "flow" else "recipient",
                     legal_basis=recognised.get(u.safeguard.mechanism))
        for u in shown)
    adequacy = None
    if verdict.adequacy is not None:
        adequacy = verdict.adequacy.source
    missing = transfer.status == "missing"
    return TransferRecord(flow=transfer.flow, to=names.party(transfer.target),
                          law=names.law(transfer.jurisdiction),
                          destination=names.words.country(transfer.destination),
                          onward=transfer.onward, status=transfer.status, safeguards=safeguards,
                          adequacy=adequacy, notes=tuple(verdict.reasons) if missing else (),
                          unmet=tuple((r.explanation, r.reference) for r in verdict.unmet)
                          if missing else ())


def _notices(report: Report, language: str, names: _Names) -> tuple[NoticeSection, ...]:
    """The transfer notice of each law whose pack declares a ``disclosure`` and that has a
    transfer to give it for, in the order its first transfer is judged: the notices
    ``dataflow notice`` writes, computed from the same checked map."""
    laws: dict[str, None] = {}
    for verdict in report.analysis.verdicts:  # type: ignore[union-attr]
        disclosure = verdict.jurisdiction.disclosure
        if disclosure is not None and (verdict.transfer.status != "adequate"
                                       or disclosure.when_adequate):
            laws[verdict.jurisdiction.id] = None
    return tuple(NoticeSection(names.law(law), build_notice(report, law, language))
                 for law in laws)
