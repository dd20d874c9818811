"""International transfers and their verdicts (SPEC §4).

A flow is a transfer under jurisdiction J to country D when its data is subject to J (the
sender is located in J, or the data came from J's residents), D is one of the recipient's
locations, D is outside J and the sender is not located in D. Each transfer is judged at
``as_of``: adequate, safeguarded (by which mechanisms) or missing, with the reasons.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .findings import Transfer
from .flowmap import FlowMap
from .jurisdictions import Jurisdictions
from .model import Adequacy, Flow, Jurisdiction, Processor, Requirement, Safeguard
from .provenance import Provenance


@dataclass(frozen=True)
class DeclaredSafeguard:
    """A safeguard as declared, and where: on the flow, or on the receiving processor."""

    safeguard: Safeguard
    on: str  # "flow" or "processor"
    owner: str  # the flow's or the processor's ID


@dataclass(frozen=True)
class Verdict:
    """A transfer with everything that decided its status, for rules and reports."""

    transfer: Transfer
    flow: Flow
    sender: Processor
    recipient: Processor
    jurisdiction: Jurisdiction
    categories: tuple[str, ...]  # the categories on the flow subject to the jurisdiction
    sensitive: tuple[str, ...]
    adequacy: Adequacy | None  # the decision that covers it, if any
    used: tuple[DeclaredSafeguard, ...] = ()  # safeguards that count
    unmet: tuple[Requirement, ...] = ()
    adequacy_reasons: tuple[str, ...] = ()  # why a decision for the destination does not count
    safeguard_reasons: tuple[str, ...] = ()  # why a declared safeguard does not count

    @property
    def reasons(self) -> tuple[str, ...]:
        """Everything that was considered and does not count, decisions first."""
        return self.adequacy_reasons + self.safeguard_reasons


@dataclass
class _Context:
    flowmap: FlowMap
    jurisdictions: Jurisdictions
    provenance: Provenance
    as_of: date
    sensitive: frozenset[str] = field(default_factory=frozenset)


def sensitive_categories(flowmap: FlowMap) -> frozenset[str]:
    """Categories marked sensitive, or below a sensitive parent."""
    found: set[str] = set()
    for category_id in flowmap.categories:
        current: str | None = category_id
        seen: set[str] = set()
        while current is not None and current not in seen:
            seen.add(current)
            category = flowmap.categories.get(current)
            if category is None:
                break
            if category.sensitive:
                found.add(category_id)
                break
            current = category.parent
    return frozenset(found)


def evaluate_transfers(flowmap: FlowMap, jurisdictions: Jurisdictions, provenance: Provenance,
                       as_of: date) -> list[Verdict]:
    """Every transfer of the map, judged at ``as_of``, in flow declaration order."""
    context = _Context(flowmap, jurisdictions, provenance, as_of,
                       sensitive_categories(flowmap))
    found: list[tuple[Flow, str, str, tuple[str, ...]]] = []
    for flow in flowmap.flows.values():
        for jurisdiction_id, categories in _subject_to(flow, context).items():
            if not jurisdictions.restricts_transfers(jurisdiction_id):
                continue
            members = jurisdictions.members(jurisdiction_id)
            sender = flowmap.processors[flow.source]
            for destination in flowmap.processors[flow.target].locations:
                if destination in members or destination in sender.locations:
                    continue
                found.append((flow, jurisdiction_id, destination, categories))
    onward = _onward(found, context)
    return [_judge(flow, j, d, cats, (flow.id, j) in onward, context)  # type: ignore[arg-type]
            for flow, j, d, cats in found]


def _subject_to(flow: Flow, context: _Context) -> dict[str, tuple[str, ...]]:
    """The jurisdictions the flow's data is subject to, with the categories each covers."""
    sender = context.flowmap.processors[flow.source]
    held = context.provenance.held(flow.source)
    by_law: dict[str, list[str]] = defaultdict(list)
    located = {context.jurisdictions.of_country(c) for c in sender.locations}
    for category in flow.categories:
        laws = set(held.get(category, ())) | located
        for law in sorted(laws):
            by_law[law].append(category)
    return {law: tuple(cats) for law, cats in sorted(by_law.items())}


def _onward(found: Iterable[tuple[Flow, str, str, tuple[str, ...]]],
            context: _Context) -> set[tuple[str, str]]:
    """(flow, jurisdiction) pairs whose sender received the data through an earlier transfer
    under the same jurisdiction and is itself outside it."""
    flowmap, jurisdictions = context.flowmap, context.jurisdictions
    transfers: dict[tuple[str, str], set[str]] = defaultdict(set)  # (flow, J) -> categories
    for flow, law, _, categories in found:
        transfers[(flow.id, law)].update(categories)  # type: ignore[index]
    by_source: dict[str, list[Flow]] = defaultdict(list)
    for flow in flowmap.flows.values():
        by_source[flow.source].append(flow)
    abroad: set[tuple[str, str, str]] = set()  # (processor, category, J) received via transfer
    queue: deque[tuple[str, str, str]] = deque()
    for (flow_id, law), categories in transfers.items():
        target = flowmap.flows[flow_id].target
        for category in categories:
            key = (target, category, law)
            if key not in abroad:
                abroad.add(key)
                queue.append(key)
    while queue:
        processor_id, category, law = queue.popleft()
        members = jurisdictions.members(law)
        if set(flowmap.processors[processor_id].locations) & members:
            continue  # the data is back home: what it sends next is a first transfer
        for flow in by_source[processor_id]:
            if category in flow.categories:
                key = (flow.target, category, law)
                if key not in abroad:
                    abroad.add(key)
                    queue.append(key)
    result = set()
    for (flow_id, law), categories in transfers.items():
        sender = flowmap.processors[flowmap.flows[flow_id].source]
        if set(sender.locations) & jurisdictions.members(law):
            continue
        # what the sender collects from the law's residents itself, it sends first-hand,
        # even if a copy also comes back to it later
        own = {c for point in sender.collects
               for country in (point.origins or ((flowmap.home,) if flowmap.home else ()))
               if jurisdictions.of_country(country) == law for c in point.categories}
        if any((sender.id, c, law) in abroad for c in categories if c not in own):
            result.add((flow_id, law))
    return result


def _adequacy(jurisdiction: Jurisdiction, destination: str, recipient: Processor,
              context: _Context) -> tuple[Adequacy | None, list[str]]:
    reasons = []
    for entry in jurisdiction.adequate:
        if destination not in context.jurisdictions.members(entry.destination):
            continue
        if entry.since is not None and entry.since > context.as_of:
            reasons.append(f"the adequacy decision for {destination} ({entry.source}) applies "
                           f"only from {entry.since.isoformat()}")
            continue
        if entry.until is not None and entry.until < context.as_of:
            reasons.append(f"the adequacy decision for {destination} ({entry.source}) ended on "
                           f"{entry.until.isoformat()}")
            continue
        needed = entry.requires_certification
        if needed and needed not in recipient.certifications:
            reasons.append(f"the adequacy decision for {destination} ({entry.source}) covers "
                           f"only recipients certified under '{needed}', and '{recipient.id}' "
                           "does not list it in `certifications`")
            continue
        return entry, []
    return None, reasons


def declared_safeguards(flow: Flow, recipient: Processor) -> list[DeclaredSafeguard]:
    """The safeguards on the flow, then those on the receiving processor."""
    return ([DeclaredSafeguard(s, "flow", flow.id) for s in flow.safeguards]  # type: ignore[arg-type]
            + [DeclaredSafeguard(s, "processor", recipient.id) for s in recipient.safeguards])


def safeguards_for(jurisdiction: Jurisdiction, flow: Flow,
                   recipient: Processor) -> list[DeclaredSafeguard]:
    """The declared safeguards meant for this law: those that name it, and those that name
    no law and use a mechanism it recognises (SPEC §2)."""
    recognised = {m.mechanism for m in jurisdiction.mechanisms}
    return [d for d in declared_safeguards(flow, recipient)
            if (jurisdiction.id in d.safeguard.jurisdictions if d.safeguard.jurisdictions
                is not None else d.safeguard.mechanism in recognised)]


def _applies(requirement: Requirement, sensitive: bool, volume: int | None) -> bool:
    when = requirement.when
    if when is None:
        return True
    if when.sensitive is not None and when.sensitive != sensitive:
        return False
    if when.volume_known is not None and when.volume_known != (volume is not None):
        return False
    if when.volume_at_least is not None and (volume is None or volume < when.volume_at_least):
        return False
    return not (when.volume_below is not None
                and (volume is None or volume >= when.volume_below))


def requirements_for(jurisdiction: Jurisdiction, sensitive: bool,
                     volume: int | None) -> list[Requirement]:
    """The requirements a transfer under ``jurisdiction`` must meet."""
    if not jurisdiction.requirements:
        names = tuple(dict.fromkeys(m.mechanism for m in jurisdiction.mechanisms))
        return [Requirement(one_of=names, reference=jurisdiction.law or jurisdiction.id,
                            explanation="one of the safeguards the law recognises")]
    return [r for r in jurisdiction.requirements if _applies(r, sensitive, volume)]


def _judge(flow: Flow, law: str, destination: str, categories: tuple[str, ...], onward: bool,
           context: _Context) -> Verdict:
    flowmap = context.flowmap
    jurisdiction = context.jurisdictions.by_id[law]
    sender = flowmap.processors[flow.source]
    recipient = flowmap.processors[flow.target]
    sensitive = tuple(c for c in categories if c in context.sensitive)
    adequacy, adequacy_reasons = _adequacy(jurisdiction, destination, recipient, context)
    reasons: list[str] = []

    def make(status: str, used: tuple[DeclaredSafeguard, ...] = (),
             unmet: tuple[Requirement, ...] = ()) -> Verdict:
        mechanisms = ("adequacy",) if status == "adequate" else tuple(
            dict.fromkeys(u.safeguard.mechanism for u in used))
        transfer = Transfer(flow=flow.id, source=flow.source, target=flow.target,  # type: ignore[arg-type]
                            jurisdiction=law, destination=destination, onward=onward,
                            status=status, mechanisms=mechanisms)  # type: ignore[arg-type]
        return Verdict(transfer, flow, sender, recipient, jurisdiction, categories, sensitive,
                       adequacy, used, unmet, tuple(adequacy_reasons), tuple(reasons))

    if adequacy is not None:
        return make("adequate")
    recognised = {m.mechanism: m for m in jurisdiction.mechanisms}
    usable: list[DeclaredSafeguard] = []
    for declared in safeguards_for(jurisdiction, flow, recipient):
        safeguard = declared.safeguard
        what = f"'{safeguard.mechanism}'" + (f" ({safeguard.reference})"
                                             if safeguard.reference else "")
        if safeguard.expires is not None and safeguard.expires <= context.as_of:
            reasons.append(f"{what} expired on {safeguard.expires.isoformat()}")
            continue
        mechanism = recognised.get(safeguard.mechanism)
        if mechanism is None:  # it names this law, which does not recognise it
            reasons.append(f"{what} is not a mechanism {jurisdiction.law or law} recognises")
            continue
        if mechanism.needs_disclosure and jurisdiction.disclosure is not None:
            lacking = undisclosed(jurisdiction.disclosure.items, flow, recipient)
            if lacking:
                reasons.append(
                    f"{what} counts only after notice of the items of "
                    f"{jurisdiction.disclosure.reference} ({mechanism.reference}), and the map "
                    f"lacks {', '.join(DISCLOSURE_WORDS[i] for i in lacking)}")
                continue
        if mechanism.roles is not None and recipient.role not in mechanism.roles:
            roles = " or ".join(r.replace("_", " ") for r in mechanism.roles)
            role = (recipient.role or "processor of unknown role").replace("_", " ")
            reasons.append(f"{what} covers only transfers to a {roles} "
                           f"({mechanism.reference}), and '{recipient.id}' is a {role}")
            continue
        usable.append(declared)
    names = {u.safeguard.mechanism for u in usable}
    needed = requirements_for(jurisdiction, bool(sensitive), flow.volume)
    unmet = tuple(r for r in needed if not names & set(r.one_of))
    if unmet:
        return make("missing", unmet=unmet)
    wanted = {n for r in needed for n in r.one_of}
    return make("safeguarded", used=tuple(u for u in usable if u.safeguard.mechanism in wanted))


#: The disclosure items in words, and the map keys that hold them.
DISCLOSURE_WORDS = {
    "categories": "the categories of data", "destination": "the destination country",
    "recipient": "the recipient's name (`entity` or `name` of the recipient)",
    "contact": "the recipient's contact (`contact`)", "purpose": "the purpose (`purpose`)",
    "retention": "the retention period (`retention`)",
    "method": "when and how the data is sent (`method`)",
    "safeguard_reference": "the safeguard relied on and where to get it (its `reference`)",
}


def undisclosed(items: Iterable[str], flow: Flow, recipient: Processor,
                used: Iterable[DeclaredSafeguard] | None = None) -> list[str]:
    """The disclosure items the map lacks for this flow and recipient.

    Categories and destination are always in the map; ``safeguard_reference`` is checked
    against the safeguards ``used`` (skipped when none are given).
    """
    lacking = []
    for item in items:
        if item in ("categories", "destination"):
            continue
        if item == "recipient":
            present = bool(recipient.entity or recipient.name)
        elif item == "contact":
            present = bool(recipient.contact)
        elif item == "safeguard_reference":
            present = used is None or all(u.safeguard.reference for u in used)
        else:
            present = bool(getattr(flow, item))
        if not present:
            lacking.append(item)
    return lacking


def transfers_of(verdicts: Iterable[Verdict]) -> tuple[Transfer, ...]:
    """The SPEC's transfer rows of the verdicts."""
    return tuple(v.transfer for v in verdicts)
