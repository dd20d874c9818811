"""International transfers and their verdicts (docs/format.md, What counts as a transfer).

A flow is a transfer under jurisdiction J to D when its data is subject to J (the sender is
located in J, or the data came from J's residents), D is one of the recipient's locations
outside J, and the data reaches D anew: the recipient is another entity than the sender
(even one located in D too), or the same entity holding it in a country where the sender is
not (when J counts moves within one entity). A collection point abroad is judged by who
collects: a processor collecting on a controller's behalf is a transfer (``<processor>/collect``).

Each transfer is judged at ``as_of``: adequate, safeguarded (by which mechanisms) or missing,
with every reason. Situations that are no transfer but where J's law still applies are kept
as :class:`NonTransfer` so that rules can say so; nothing is dropped in silence.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field
from datetime import date
from typing import Any, Literal, TypeVar

from .bitsets import NameBits, each
from .categories import CategoryTree
from .countries import country_codes, place_name
from .findings import Transfer
from .flowmap import FlowMap
from .jurisdictions import Jurisdictions
from .model import (
    FREQUENCIES,
    UNKNOWN,
    Adequacy,
    Disclosure,
    Flow,
    Jurisdiction,
    Mechanism,
    Processor,
    Requirement,
    Safeguard,
    given,
)
from .progress import stage
from .provenance import Provenance
from .records import record

#: A flow that declares no ``frequency`` counts as this (docs/format.md, `flows`).
T = TypeVar("T")
DEFAULT_FREQUENCY = "regular"


@record(frozen=True, slots=True)
class DeclaredSafeguard:
    """A safeguard as declared, and where: on the flow, or on the receiving processor."""

    safeguard: Safeguard
    on: str  # "flow" or "processor"
    owner: str  # the flow's or the processor's ID
    index: int = 0  # its position in the owner's ``safeguards``

    @property
    def element(self) -> tuple[str, Any]:
        """Where it is declared, for :meth:`FlowMap.location` (with ``("safeguards",
        index)``); a collection's safeguards are on its points, not on a flow."""
        return (self.on, self.owner)

    @property
    def label(self) -> str:
        """``'scc' (DPA 2024)`` for messages."""
        return safeguard_label(self.safeguard)


def safeguard_label(safeguard: Safeguard) -> str:
    """A safeguard for messages: ``'scc' (DPA 2024)``."""
    reference = safeguard.reference
    return f"'{safeguard.mechanism}'" + (f" ({reference})" if reference else "")


def expired(safeguard: Safeguard, as_of: date) -> bool:
    """Whether a safeguard no longer counts at ``as_of`` (it expired on or before it)."""
    return safeguard.expires is not None and safeguard.expires <= as_of


@record(frozen=True, slots=True)
class Verdict:
    """A transfer with everything that decided its status, for rules and reports."""

    transfer: Transfer
    flow: Flow  # for a collection abroad, the collection points as one flow
    sender: Processor | None  # None for a collection abroad: the data subjects send
    recipient: Processor
    jurisdiction: Jurisdiction
    categories: tuple[str, ...]  # the categories on the flow subject to the jurisdiction
    sensitive: tuple[str, ...]  # those sensitive under the jurisdiction's law
    kinds: frozenset[str]  # every kind the categories carry, descendants included
    element: tuple[str, Any]  # where the transfer is declared (a flow or a collection point)
    adequacy: Adequacy | None  # the decision that covers it, if any
    used: tuple[DeclaredSafeguard, ...] = ()  # safeguards that count
    unmet: tuple[Requirement, ...] = ()
    adequacy_reasons: tuple[str, ...] = ()  # why a decision for the destination does not count
    safeguard_reasons: tuple[str, ...] = ()  # why each declared safeguard does not count
    assumptions: tuple[str, ...] = ()  # what the verdict rests on that the map does not say
    volume: int | None = None  # the exporter's yearly data subjects under this law
    volume_basis: str = ""  # how ``volume`` was counted, in words
    within_entity: bool = False  # a move to (or storage on) the entity's own premises
    #: a collection abroad: the indexes of the collector's collection points it covers
    points: tuple[int, ...] = ()

    @property
    def reasons(self) -> tuple[str, ...]:
        """Everything that was considered and does not count, decisions first."""
        return self.adequacy_reasons + self.safeguard_reasons


@record(frozen=True, slots=True)
class NonTransfer:
    """Data that reaches a country outside J's members without a transfer under J.

    ``same_entity``: J does not count moves within one entity (GDPR); ``own_collection``: a
    controller or third party abroad collects from J's residents on its own account.
    """

    kind: Literal["same_entity", "own_collection"]
    flow: str
    source: str | None
    target: str
    jurisdiction: Jurisdiction
    destination: str
    categories: tuple[str, ...]
    element: tuple[str, Any]


@record(frozen=True, slots=True)
class SafeguardState:
    """A declared safeguard as judged at the date, wherever it is declared: on a flow, on a
    recipient (``("processor", id)``) or on a collection point (``("collect", (id, index))``).
    """

    element: tuple[str, Any]
    safeguard: Safeguard
    expired: bool
    #: the jurisdictions it names whose law does not recognise its mechanism
    unrecognised_by: tuple[str, ...]
    #: its position in its owner's ``safeguards``: where findings about it point
    index: int = 0

    @property
    def place(self) -> tuple[str, int]:
        """The path of the safeguard within its owner, for :meth:`FlowMap.location`."""
        return ("safeguards", self.index)


@record(frozen=True)
class Judgement:
    """Every transfer of a map with its verdict, the movements that are no transfer, and
    every declared safeguard's state."""

    verdicts: list[Verdict]
    non_transfers: list[NonTransfer]
    safeguards: list[SafeguardState] = field(default_factory=list)


def recognises(jurisdiction: Jurisdiction | None, mechanism: str) -> bool:
    """Whether a law recognises a mechanism (lists it among its ``mechanisms``)."""
    return jurisdiction is not None and any(m.mechanism == mechanism
                                            for m in jurisdiction.mechanisms)


def every_declared_safeguard(flowmap: FlowMap
                             ) -> Iterator[tuple[tuple[str, Any], int, Safeguard]]:
    """Every safeguard the map declares, with where (its owner, and its position in the
    owner's ``safeguards``): flows, then processors and their collection points."""
    for flow in flowmap.flows.values():
        for position, safeguard in enumerate(flow.safeguards):
            yield ("flow", flow.id), position, safeguard
    for processor in flowmap.processors.values():
        for position, safeguard in enumerate(processor.safeguards):
            yield ("processor", processor.id), position, safeguard
        for index, point in enumerate(processor.collects):
            for position, safeguard in enumerate(point.safeguards):
                yield ("collect", (processor.id, index)), position, safeguard


def judge_safeguards(flowmap: FlowMap, jurisdictions: Jurisdictions,
                     as_of: date) -> list[SafeguardState]:
    """The state of every declared safeguard at ``as_of``: expired, and which of the laws it
    names do not recognise it."""
    return [SafeguardState(element, safeguard, expired(safeguard, as_of), tuple(
        law for law in safeguard.jurisdictions or ()
        if not recognises(jurisdictions.get(law), safeguard.mechanism)), position)
        for element, position, safeguard in every_declared_safeguard(flowmap)]


@record(slots=True)
class _Candidate:
    flow: Flow
    sender: Processor | None
    recipient: Processor
    law: str
    destination: str
    categories: tuple[str, ...]
    element: tuple[str, Any]
    role_assumed: bool = False  # a collecting processor without `role`, judged as a processor
    within_entity: bool = False  # the entity moves (or stores) the data to its own premises
    points: tuple[int, ...] = ()  # a collection abroad: the indexes of its collection points


@record(frozen=True, slots=True)
class _Law:
    """What judging a transfer asks of its law, worked out once per law and date."""

    jurisdiction: Jurisdiction
    name: str  # the law's name for messages (PIPA), else the jurisdiction's ID
    sensitive_kinds: frozenset[str]
    #: each mechanism the law lists, by name: the entry in force at the date, else the last
    #: one listed (which says why it does not count); a law may list one twice with dates
    recognised: dict[str, Mechanism]
    #: whether a decision of the law covers only certified recipients (then the recipient
    #: counts in which decision applies)
    certifies: bool

    @classmethod
    def of(cls, jurisdiction: Jurisdiction, as_of: date) -> _Law:
        recognised: dict[str, Mechanism] = {}
        for entry in jurisdiction.mechanisms:
            held = recognised.get(entry.mechanism)
            if held is None or not _in_force(held.since, held.until, as_of):
                recognised[entry.mechanism] = entry
        return cls(jurisdiction, jurisdiction.law or jurisdiction.id,
                   jurisdiction.sensitive_kinds, recognised,
                   any(e.requires_certification for e in jurisdiction.adequate))


#: what :meth:`_Context.answer` has not been asked yet (an answer may be None)
_UNANSWERED = object()


@record
class _Context:
    flowmap: FlowMap
    jurisdictions: Jurisdictions
    provenance: Provenance
    tree: CategoryTree
    as_of: date
    laws: dict[str, _Law] = field(default_factory=dict)
    entity_locations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: answers asked again and again across a large map's flows, computed once each
    answers: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    def answer(self, key: tuple[Any, ...], compute: Callable[..., T], *args: Any) -> T:
        """``compute(*args)``, remembered under ``key`` for this judgement: the engine asks
        the same few questions for thousands of flows."""
        found = self.answers.get(key, _UNANSWERED)
        if found is _UNANSWERED:
            found = self.answers[key] = compute(*args)
        return found  # type: ignore[no-any-return]

    def law(self, law: str) -> _Law:
        """The facts of a law that every transfer under it asks for."""
        found = self.laws.get(law)
        if found is None:
            found = self.laws[law] = _Law.of(self.jurisdictions.by_id[law], self.as_of)
        return found


def same_entity(a: Processor, b: Processor) -> bool:
    """Whether two processors belong to one legal entity (a processor without ``entity`` is
    an entity of its own)."""
    return a.id == b.id or (a.entity is not None and a.entity == b.entity)


def evaluate_transfers(flowmap: FlowMap, jurisdictions: Jurisdictions, provenance: Provenance,
                       as_of: date) -> Judgement:
    """Every transfer of the map, judged at ``as_of``: flows in declaration order, then the
    collections abroad in processor order."""
    context = _Context(flowmap, jurisdictions, provenance, provenance.tree, as_of)
    for processor in flowmap.processors.values():
        if processor.entity is not None:
            known = context.entity_locations.get(processor.entity, ())
            context.entity_locations[processor.entity] = tuple(dict.fromkeys(
                (*known, *processor.locations)))
    candidates: list[_Candidate] = []
    non_transfers: list[NonTransfer] = []
    with stage("Finding the transfers", total=len(flowmap.flows)) as finding:
        for flow in flowmap.flows.values():
            _flow_candidates(flow, context, candidates, non_transfers)
            finding.advance()
        for processor in flowmap.processors.values():
            _collection_candidates(processor, context, candidates, non_transfers)
        onward = _onward(candidates, context)
        exporters = [_exporter_key(candidate) for candidate in candidates]
        volumes = _exporter_volumes(candidates, exporters, context)
    verdicts = []
    with stage("Judging the transfers", total=len(candidates)) as judging:
        for candidate, exporter in zip(candidates, exporters, strict=True):
            verdicts.append(_judge(candidate, (candidate.flow.id, candidate.law) in onward,
                                   volumes[exporter], context))
            judging.advance()
    return Judgement(verdicts, non_transfers, judge_safeguards(flowmap, jurisdictions, as_of))


def _inside(location: str, law: str, context: _Context) -> bool:
    """Whether a location (a country, a jurisdiction ID, unknown) is within J's members."""
    return context.answer(("inside", location, law), _within, location, law,
                          context.jurisdictions)


def _outside(locations: tuple[str, ...], law: str, context: _Context) -> tuple[str, ...]:
    """The locations that are not within J's members, in their order."""
    key = ("outside", locations, law)
    found = context.answers.get(key)
    if found is None:
        found = context.answers[key] = tuple(d for d in locations
                                             if not _inside(d, law, context))
    return found  # type: ignore[no-any-return]


def _within(location: str, law: str, jurisdictions: Jurisdictions) -> bool:
    if location == UNKNOWN:
        return False
    if location == law:
        return True
    if jurisdictions.is_jurisdiction(location):
        return jurisdictions.members(location) <= jurisdictions.members(law)
    return location in jurisdictions.members(law)


def _flow_candidates(flow: Flow, context: _Context, candidates: list[_Candidate],
                     non_transfers: list[NonTransfer]) -> None:
    sender = context.flowmap.processors[flow.source]
    recipient = context.flowmap.processors[flow.target]
    one_entity = same_entity(sender, recipient)
    for law, categories in _subject_to(flow, sender, context).items():
        jurisdiction = context.law(law).jurisdiction
        for destination in _outside(recipient.locations, law, context):
            if one_entity and destination != UNKNOWN and destination in sender.locations:
                continue  # the entity already holds the data there (two unknowns may differ)
            if one_entity and not jurisdiction.within_entity:
                non_transfers.append(NonTransfer(
                    "same_entity", flow.id, flow.source, flow.target,  # type: ignore[arg-type]
                    jurisdiction, destination, categories, ("flow", flow.id)))
                continue
            candidates.append(_Candidate(flow, sender, recipient, law, destination, categories,
                                         ("flow", flow.id), within_entity=one_entity))


def _collection_candidates(processor: Processor, context: _Context,
                           candidates: list[_Candidate],
                           non_transfers: list[NonTransfer]) -> None:
    """Collections abroad (docs/format.md, What counts as a transfer): by where the collector
    also is, and who collects."""
    jurisdictions, flowmap = context.jurisdictions, context.flowmap
    entity_locations = context.entity_locations.get(processor.entity or "", processor.locations)
    by_law: dict[str, list[int]] = defaultdict(list)  # law -> indexes of collection points
    for index, point in enumerate(processor.collects):
        for country in flowmap.collected_from(point):
            law = jurisdictions.of_country(country)
            if jurisdictions.restricts_transfers(law) and index not in by_law[law]:
                by_law[law].append(index)
    for law, indexes in sorted(by_law.items()):
        outside = [d for d in processor.locations if not _inside(d, law, context)]
        if not outside:
            continue
        jurisdiction = jurisdictions.by_id[law]
        points = [processor.collects[i] for i in indexes]
        categories = tuple(dict.fromkeys(c for p in points for c in p.categories))
        flow_id = f"{processor.id}/collect"
        element = ("collect", (processor.id, indexes[0]))
        flow = Flow.model_construct(
            id=flow_id, source=None, target=processor.id, categories=categories,
            subjects=tuple(dict.fromkeys(s for p in points for s in p.subjects)),
            purpose=next((p.purpose for p in points if p.purpose), None),
            retention=next((p.retention for p in points if p.retention), None),
            method=next((p.method for p in points if p.method), None),
            volume=processor.volume,
            frequency=_least_occasional(p.frequency for p in points),
            refusal=next((p.refusal for p in points if p.refusal), None),
            safeguards=tuple(s for p in points for s in p.safeguards))
        # the collector's entity is in J: it collects there and keeps the data abroad too
        also_inside = any(_inside(loc, law, context) for loc in entity_locations)
        for destination in outside:
            if also_inside and not jurisdiction.within_entity:
                non_transfers.append(NonTransfer("same_entity", flow_id, None, processor.id,
                                                 jurisdiction, destination, categories, element))
            elif also_inside or processor.role in ("processor", None):
                candidates.append(_Candidate(
                    flow, None, processor, law, destination, categories, element,
                    role_assumed=not also_inside and processor.role is None,
                    within_entity=also_inside, points=tuple(indexes)))
            else:
                non_transfers.append(NonTransfer("own_collection", flow_id, None, processor.id,
                                                 jurisdiction, destination, categories, element))


def _least_occasional(frequencies: Iterable[str | None]) -> str | None:
    """The frequency of several collection points as one: the most frequent stated, and
    unknown (counted as regular) when any point does not say."""
    found = list(frequencies)
    if not found or any(f is None for f in found):
        return None
    return max(found, key=FREQUENCIES.index)  # type: ignore[arg-type]


def _subject_to(flow: Flow, sender: Processor, context: _Context) -> dict[str, tuple[str, ...]]:
    """The jurisdictions with transfer rules the flow's data is subject to, with the
    categories each covers (the same for every flow of the sender with these categories)."""
    answers = context.answers
    key = ("subject to", sender.id, flow.categories)
    found = answers.get(key)
    if found is None:
        found = answers[key] = _laws_over(flow.categories, sender, context)
    return found  # type: ignore[no-any-return]


def _laws_over(categories: tuple[str, ...], sender: Processor,
               context: _Context) -> dict[str, tuple[str, ...]]:
    by_law: dict[str, list[str]] = defaultdict(list)
    answers, restricts = context.answers, context.jurisdictions.restricts_transfers
    for category in categories:
        laws = answers.get(("subject", sender.id, category))
        if laws is None:
            laws = answers[("subject", sender.id, category)] = tuple(sorted(
                law for law in context.provenance.origins_of(sender.id, category)
                | _located(sender, context) if restricts(law)))
        for law in laws:
            by_law[law].append(category)
    return {law: tuple(by_law[law]) for law in sorted(by_law)}


def _located(sender: Processor, context: _Context) -> frozenset[str]:
    """The jurisdictions the sender is located in."""
    key = ("located", sender.id)
    found = context.answers.get(key)
    if found is None:
        of_location = context.jurisdictions.of_location
        found = context.answers[key] = frozenset(
            {of_location(c) for c in sender.locations} - {None})
    return found  # type: ignore[no-any-return]


def _relatives(category: str, tree: CategoryTree) -> set[str]:
    """The category, its ancestors and its descendants."""
    return {category, *tree.ancestors(category), *tree.descendants(category)}


def _onward(candidates: Iterable[_Candidate], context: _Context) -> set[tuple[str, str]]:
    """(flow, jurisdiction) pairs whose sender received the data through an earlier transfer
    under the same jurisdiction (a collection abroad counts) and is itself outside it."""
    flowmap, jurisdictions = context.flowmap, context.jurisdictions
    # sets of categories as bits of an int (a map has a few dozen categories): the walk
    # below unites and intersects them hundreds of thousands of times
    bits = _CategoryBits(context.tree)
    transfers: dict[tuple[str, str], int] = {}  # (flow, J) -> categories
    targets: dict[str, str] = {}
    for candidate in candidates:
        key = (candidate.flow.id, candidate.law)
        transfers[key] = transfers.get(key, 0) | bits.of(candidate.categories)  # type: ignore[index]
        targets[candidate.flow.id] = candidate.recipient.id  # type: ignore[index]
    # a (processor, J) pair is numbered processor * width + J, and what the walk knows of it
    # is kept at that number in flat lists: in dicts keyed by the pair, each step cost a few
    # cache misses more on a large map (500,000 flows took 14-17x the time of 50,000 for
    # 11-12x the steps; 13x with lists)
    processors = list(flowmap.processors.values())
    number = {processor.id: i for i, processor in enumerate(processors)}
    laws = sorted({law for _, law in transfers})
    law_number = {law: i for i, law in enumerate(laws)}
    width = len(laws)
    out: list[list[tuple[int, int]]] = [[] for _ in processors]  # -> (target * width, carried)
    for flow in flowmap.flows.values():
        out[number[flow.source]].append(  # type: ignore[index]
            (number[flow.target] * width, bits.of(flow.categories)))
    abroad = [0] * (len(processors) * width)  # the pair's categories
    # what has arrived at a pair and is not passed on yet: arrivals between two visits are
    # passed on together, so a processor's flows are scanned once per wave
    pending = [0] * len(abroad)
    home: list[bool | None] = [None] * len(abroad)  # whether the processor is within J
    queue: deque[int] = deque()

    def arrive(pair: int, categories: int) -> None:
        held = abroad[pair]
        new = categories & ~held
        if new:
            abroad[pair] = held | new
            if pending[pair]:
                pending[pair] |= new
            else:
                pending[pair] = new
                queue.append(pair)

    def at_home(pair: int) -> bool:
        found = home[pair]
        if found is None:
            processor, law = divmod(pair, width)
            found = home[pair] = _home(processors[processor], laws[law], context)
        return found

    for (flow_id, law), categories in transfers.items():
        arrive(number[targets[flow_id]] * width + law_number[law], categories)
    while queue:  # each category reaches each (processor, law) once: linear in the flows
        pair = queue.popleft()
        new, pending[pair] = pending[pair], 0
        if at_home(pair):
            continue  # the data is back home: what it sends next is a first transfer
        related = bits.related(new)  # a category carried that is new, broader or narrower
        law = pair % width
        for target, carried in out[pair // width]:
            if carried & related:
                arrive(target + law, carried & related)
    result = set()
    owns: dict[int, int] = {}  # (sender, J) -> its own collection under J
    for (flow_id, law), categories in transfers.items():
        if flow_id not in flowmap.flows:
            continue  # a collection abroad is a first transfer
        sender = flowmap.processors[flowmap.flows[flow_id].source]  # type: ignore[index]
        pair = number[sender.id] * width + law_number[law]
        received = abroad[pair]
        if not received or at_home(pair):
            continue
        # what a controller or third party abroad collects from the law's residents on its
        # own account, it sends first-hand, even if a copy also comes back to it later (a
        # processor's collection abroad is itself a transfer, so what it sends on is onward)
        own = owns.get(pair)
        if own is None:
            own = owns[pair] = bits.of(
                c for point in sender.collects for country in flowmap.collected_from(point)
                if jurisdictions.of_country(country) == law for c in point.categories
            ) if sender.role in ("controller", "third_party") else 0
        covering = bits.with_ancestors(received)  # what was received, and every ancestor
        for bit in each(categories):
            if bit & own and not received & bits.relatives(bit) & ~bit:
                continue  # its own collection, and nothing received sits above or below it
            if bit & covering or received & bits.ancestors(bit):
                result.add((flow_id, law))
                break
    return result


class _CategoryBits(NameBits):
    """Sets of categories as ints, with their relatives in the tree worked out once per
    category and per set."""

    def __init__(self, tree: CategoryTree) -> None:
        super().__init__()
        self._tree = tree
        self._ancestors: dict[int, int] = {}  # bit -> its ancestors
        self._relatives: dict[int, int] = {}  # bit -> itself, its ancestors and descendants
        self._related: dict[int, int] = {}  # set -> the union of its members' relatives
        self._covering: dict[int, int] = {}  # set -> itself and its members' ancestors

    def ancestors(self, bit: int) -> int:
        found = self._ancestors.get(bit)
        if found is None:
            found = self._ancestors[bit] = self.of(self._tree.ancestors(self.name(bit)))
        return found

    def relatives(self, bit: int) -> int:
        found = self._relatives.get(bit)
        if found is None:
            found = self._relatives[bit] = self.of(_relatives(self.name(bit), self._tree))
        return found

    def related(self, categories: int) -> int:
        """Every category that is, or is above or below, one of ``categories``."""
        return _united(self._related, categories, self.relatives, 0)

    def with_ancestors(self, categories: int) -> int:
        """``categories`` and every ancestor of them."""
        return _united(self._covering, categories, self.ancestors, categories)


def _united(known: dict[int, int], categories: int, of_each: Callable[[int], int],
            start: int) -> int:
    """``start`` united with ``of_each`` member of ``categories``, remembered in ``known``."""
    found = known.get(categories)
    if found is None:
        found = start
        for bit in each(categories):
            found |= of_each(bit)
        known[categories] = found
    return found


def _home(processor: Processor, law: str, context: _Context) -> bool:
    """Whether one of the processor's locations is within J's members."""
    key = ("home", processor.id, law)
    found = context.answers.get(key)
    if found is None:
        found = context.answers[key] = (len(_outside(processor.locations, law, context))
                                        < len(processor.locations))
    return found  # type: ignore[no-any-return]


def _exporter_key(candidate: _Candidate) -> tuple[str, str]:
    """The exporter whose yearly volume counts: the sender's entity; for a collection abroad
    the collector's (the controllers that embed it are not in the map, so their volume is
    not known, and a message that rests on it says so)."""
    exporter = candidate.sender or candidate.recipient
    return (candidate.law, exporter.entity or f"processor {exporter.id}")


def _exporter_volumes(candidates: Iterable[_Candidate], exporters: Iterable[tuple[str, str]],
                      context: _Context) -> dict[tuple[str, str], tuple[int | None, str]]:
    """Each exporter entity's yearly data subjects under each law (``exporters``: the
    :func:`_exporter_key` of each candidate), and how it was counted.

    The entity's own ``volume`` (on any of its processors; the largest if several) when
    declared; else the sum of the volumes of its flows under the law, an upper bound (a person
    in two flows counts twice); unknown when a flow says nothing. Splitting a flow in two
    therefore never lowers the count.
    """
    declared: dict[str, int] = {}
    for processor in context.flowmap.processors.values():
        if processor.volume is not None:
            key = processor.entity or f"processor {processor.id}"
            declared[key] = max(declared.get(key, 0), processor.volume)
    flows: dict[tuple[str, str], dict[str, int | None]] = defaultdict(dict)
    for candidate, exporter in zip(candidates, exporters, strict=True):
        flows[exporter][candidate.flow.id] = candidate.flow.volume  # type: ignore[index]
    result: dict[tuple[str, str], tuple[int | None, str]] = {}
    for (law, entity), volumes in flows.items():
        name = entity.removeprefix("processor ")
        law_name = context.jurisdictions.by_id[law].law or law
        largest = max((v for v in volumes.values() if v is not None), default=0)
        if entity in declared and declared[entity] >= largest:
            result[(law, entity)] = (declared[entity], (
                f"{declared[entity]:,} data subjects a year, the `volume` declared for "
                f"{name}"))
            continue
        if entity in declared:  # one flow alone has more people than the entity's total
            result[(law, entity)] = (largest, (
                f"{largest:,} data subjects a year: the `volume` declared for {name} "
                f"({declared[entity]:,}) is less than one of its flows carries, so the flow's "
                "number counts (correct the declared volume)"))
            continue
        silent = sorted(f for f, v in volumes.items() if v is None)
        if silent:
            result[(law, entity)] = (None, (
                f"the number of data subjects {name} exports under {law_name} is unknown: "
                f"{', '.join(repr(f) for f in silent[:3])}"
                f"{' and others' if len(silent) > 3 else ''} declare no `volume` (declare each "
                "flow's `volume`, or the exporter's own `volume` on its processor)"))
            continue
        total = sum(v for v in volumes.values() if v is not None)
        result[(law, entity)] = (total, (
            f"at most {total:,} data subjects a year, the sum of the `volume` of the "
            f"{len(volumes)} transfer flow(s) of {name} under {law_name} (an upper bound: a "
            "person in two flows counts twice; declare the exporter's own `volume` on its "
            "processor for the exact number)"))
    return result


def _in_force(since: date | None, until: date | None, as_of: date) -> bool:
    return (since is None or since <= as_of) and (until is None or as_of <= until)


def adequacy_term(jurisdiction: Jurisdiction) -> str:
    """What the law calls a finding of adequacy, for messages."""
    return jurisdiction.adequacy_term or "adequacy decision"


def _adequacy(jurisdiction: Jurisdiction, destination: str, recipient: Processor,
              kinds: frozenset[str], context: _Context
              ) -> tuple[Adequacy | None, tuple[str, ...]]:
    """The decision that covers the destination (every member of a region), or the reasons
    none does (a tuple: every verdict with this answer shares it)."""
    term = adequacy_term(jurisdiction)
    law = jurisdiction.law or jurisdiction.id
    if destination == UNKNOWN:
        return None, (f"the recipient's countries are unknown, so no {term} can apply",)
    if not jurisdiction.adequate:
        return None, (f"{law} recognises no destination as adequate" if
                      jurisdiction.adequacy_term is None else
                      f"{law} has made no {term} for {place_name(destination)}",)
    countries = sorted(context.jurisdictions.members(destination))
    found: Adequacy | None = None
    for country in countries:
        entry, why = _decision_for(jurisdiction, country, recipient, kinds, context)
        if entry is None:
            if not why:
                why = [f"{law} has no {term} for {place_name(country)}"]
                if len(countries) > 1:
                    why = [f"{why[0]} (the recipient's location {destination} counts as "
                           "adequate only if every member is)"]
            return None, tuple(why)
        found = found or entry
    return found, ()


def _decision_for(jurisdiction: Jurisdiction, country: str, recipient: Processor,
                  kinds: frozenset[str], context: _Context) -> tuple[Adequacy | None, list[str]]:
    reasons = []
    term = adequacy_term(jurisdiction)
    for entry in jurisdiction.adequate:
        if country not in context.jurisdictions.members(entry.destination):
            continue
        what = f"the {term} for {place_name(entry.destination)} ({entry.source})"
        if entry.since > context.as_of:
            reasons.append(f"{what} applies only from {entry.since.isoformat()}")
            continue
        if entry.until is not None and entry.until < context.as_of:
            reasons.append(f"{what} ended on {entry.until.isoformat()}")
            continue
        needed = entry.requires_certification
        if needed and needed not in recipient.certifications:
            reasons.append(f"{what} covers only recipients certified under '{needed}', and "
                           f"'{recipient.id}' does not list it in `certifications`")
            continue
        excluded = sorted(kinds & set(entry.excludes))
        if excluded:
            reasons.append(f"{what} excludes data of kind {', '.join(excluded)}, which this "
                           "transfer carries")
            continue
        return entry, []
    return None, reasons


def declared_safeguards(flow: Flow, recipient: Processor) -> list[DeclaredSafeguard]:
    """The safeguards on the flow, then those on the receiving processor."""
    return ([DeclaredSafeguard(s, "flow", flow.id, i)  # type: ignore[arg-type]
             for i, s in enumerate(flow.safeguards)]
            + [DeclaredSafeguard(s, "processor", recipient.id, i)
               for i, s in enumerate(recipient.safeguards)])


def meant_for(jurisdiction: Jurisdiction, declared: DeclaredSafeguard) -> bool:
    """Whether a declared safeguard is meant for this law: it names the law, or names no law
    and uses a mechanism the law recognises (docs/format.md, `safeguards`)."""
    named = declared.safeguard.jurisdictions
    if named is not None:
        return jurisdiction.id in named
    return any(m.mechanism == declared.safeguard.mechanism for m in jurisdiction.mechanisms)


def safeguards_for(jurisdiction: Jurisdiction, flow: Flow,
                   recipient: Processor) -> list[DeclaredSafeguard]:
    """The declared safeguards meant for this law."""
    return [d for d in declared_safeguards(flow, recipient) if meant_for(jurisdiction, d)]


def _applies(requirement: Requirement, sensitive: bool, volume: int | None,
             kinds: frozenset[str], frequency: str, as_of: date) -> bool:
    if not _in_force(requirement.since, requirement.until, as_of):
        return False
    when = requirement.when
    if when is None:
        return True
    if when.sensitive is not None and when.sensitive != sensitive:
        return False
    if when.volume_known is not None and when.volume_known != (volume is not None):
        return False
    if when.volume_at_least is not None and (volume is not None
                                             and volume < when.volume_at_least):
        return False  # an unknown volume never assumes the exemption below the threshold
    if when.volume_below is not None and (volume is None or volume >= when.volume_below):
        return False
    if when.kinds is not None and not kinds & set(when.kinds):
        return False
    return not (when.frequencies is not None and frequency not in when.frequencies)


def requirements_for(jurisdiction: Jurisdiction, sensitive: bool, volume: int | None,
                     kinds: frozenset[str] = frozenset(), frequency: str = DEFAULT_FREQUENCY,
                     as_of: date | None = None) -> list[Requirement]:
    """The requirements a transfer under ``jurisdiction`` must meet."""
    if not jurisdiction.requirements:
        return [_default_requirement(jurisdiction)]
    when = as_of or date.today()
    found = [r for r in jurisdiction.requirements
             if _applies(r, sensitive, volume, kinds, frequency, when)]
    # a law with transfer rules never lets a transfer through on nothing: when none of its
    # requirements applies (all conditional, or not yet in force), one mechanism is needed
    return found or [_default_requirement(jurisdiction)]


_DEFAULT_REQUIREMENTS: dict[int, tuple[Jurisdiction, Requirement]] = {}


def _default_requirement(jurisdiction: Jurisdiction) -> Requirement:
    """One of the law's mechanisms: what a law without `requirements` asks (made once)."""
    cached = _DEFAULT_REQUIREMENTS.get(id(jurisdiction))
    if cached is None or cached[0] is not jurisdiction:
        names = tuple(dict.fromkeys(m.mechanism for m in jurisdiction.mechanisms))
        cached = (jurisdiction, Requirement(
            one_of=names, reference=jurisdiction.law or jurisdiction.id,
            explanation="one of the safeguards the law recognises"))
        _DEFAULT_REQUIREMENTS[id(jurisdiction)] = cached
    return cached[1]


def _unusable(declared: DeclaredSafeguard, mechanism: Mechanism | None, candidate: _Candidate,
              jurisdiction: Jurisdiction, context: _Context) -> str | None:
    """Why a safeguard meant for this law does not count, or None when it does."""
    safeguard, what = declared.safeguard, declared.label
    law = jurisdiction.law or jurisdiction.id
    if expired(safeguard, context.as_of):
        return f"{what} expired on {safeguard.expires.isoformat()}"  # type: ignore[union-attr]
    if mechanism is None:
        return f"{what} is not a mechanism {law} recognises"
    if mechanism.since is not None and mechanism.since > context.as_of:
        return (f"{what} is recognised by {law} only from {mechanism.since.isoformat()} "
                f"({mechanism.reference})")
    if mechanism.until is not None and mechanism.until < context.as_of:
        return (f"{what} stopped counting under {law} after {mechanism.until.isoformat()} "
                f"({mechanism.reference})")
    if mechanism.needs_disclosure and jurisdiction.disclosure is not None:
        lacking = undisclosed(jurisdiction.disclosure, candidate.flow, candidate.recipient)
        if lacking:
            return (f"{what} counts only after notice of the items of "
                    f"{jurisdiction.disclosure.reference} ({mechanism.reference}), and the map "
                    f"lacks {', '.join(DISCLOSURE_WORDS[i] for i in lacking)}")
    recipient = candidate.recipient
    # the entity's own premises abroad hold the data for it, as a processor would (storage)
    storage = candidate.within_entity and "processor" in (mechanism.roles or ())
    if mechanism.roles is not None and recipient.role not in mechanism.roles and not storage:
        roles = " or ".join(r.replace("_", " ") for r in mechanism.roles)
        if recipient.role is None and not candidate.role_assumed:
            return (f"{what} covers only transfers to a {roles} ({mechanism.reference}), and "
                    f"'{recipient.id}' declares no `role` (state it)")
        if recipient.role is not None:
            return (f"{what} covers only transfers to a {roles} ({mechanism.reference}), and "
                    f"'{recipient.id}' is a {recipient.role.replace('_', ' ')}")
    frequency = candidate.flow.frequency or DEFAULT_FREQUENCY
    if mechanism.frequencies is not None and frequency not in mechanism.frequencies:
        allowed = " or ".join(mechanism.frequencies)
        said = (f"the flow is {frequency}" if candidate.flow.frequency else
                "the flow declares no `frequency`, so it counts as regular (declare "
                "`frequency: occasional` if it is)")
        return (f"{what} is for {allowed} transfers only ({mechanism.reference}), and {said}")
    return None


def _judge(candidate: _Candidate, onward: bool, volume: tuple[int | None, str],
           context: _Context) -> Verdict:
    flow, recipient, law = candidate.flow, candidate.recipient, candidate.law
    facts = context.law(law)
    jurisdiction = facts.jurisdiction
    sensitive = context.tree.sensitive_under(candidate.categories, facts.sensitive_kinds)
    kinds = context.tree.kinds_of(candidate.categories)
    # the same decision answers every transfer to the same place of the same kinds of data
    # (the recipient counts only where a decision needs its certification)
    adequacy, adequacy_reasons = context.answer(
        ("adequacy", law, candidate.destination, kinds, recipient.certifications,
         recipient.id if facts.certifies else None),
        _adequacy, jurisdiction, candidate.destination, recipient, kinds, context)
    reasons: list[str] = []
    used: tuple[DeclaredSafeguard, ...] = ()
    unmet: tuple[Requirement, ...] = ()
    if adequacy is not None:
        status = "adequate"
        mechanisms: tuple[str, ...] = ("adequacy",)
    else:
        usable: list[DeclaredSafeguard] = []
        if flow.safeguards or recipient.safeguards:
            for declared in declared_safeguards(flow, recipient):
                why = _unusable_for(declared, facts, candidate, context)
                if why:
                    reasons.append(why)
                else:
                    usable.append(declared)
        names = {u.safeguard.mechanism for u in usable}
        frequency = flow.frequency or DEFAULT_FREQUENCY
        needed = context.answer(
            ("requirements", law, bool(sensitive), volume[0], kinds, frequency),
            requirements_for, jurisdiction, bool(sensitive), volume[0], kinds, frequency,
            context.as_of)
        unmet = tuple(r for r in needed if names.isdisjoint(r.one_of))
        if unmet:
            status = "missing"
        else:
            status = "safeguarded"
            wanted = {n for r in needed for n in r.one_of}
            used = tuple(u for u in usable if u.safeguard.mechanism in wanted)
        mechanisms = tuple(dict.fromkeys(u.safeguard.mechanism for u in used))
    transfer = Transfer(flow.id, candidate.sender.id if candidate.sender else None,  # type: ignore[arg-type]
                        recipient.id, law, candidate.destination, onward, status,  # type: ignore[arg-type]
                        mechanisms)
    return Verdict(transfer, flow, candidate.sender, recipient, jurisdiction,
                   candidate.categories, sensitive, kinds, candidate.element, adequacy,
                   used, unmet, adequacy_reasons, tuple(reasons),
                   _assumptions(candidate, jurisdiction), volume[0], volume[1],
                   candidate.within_entity, candidate.points)


def _unusable_for(declared: DeclaredSafeguard, facts: _Law, candidate: _Candidate,
                  context: _Context) -> str | None:
    """Why a declared safeguard does not count for this transfer under this law, or None."""
    if not meant_for(facts.jurisdiction, declared):
        named = declared.safeguard.jurisdictions
        if named is not None:
            return (f"{declared.label} is declared for {', '.join(named)} only, not for "
                    f"{facts.jurisdiction.id}")
        return f"{declared.label} is not a mechanism {facts.name} recognises"
    return _unusable(declared, facts.recognised.get(declared.safeguard.mechanism), candidate,
                     facts.jurisdiction, context)


def _assumptions(candidate: _Candidate, jurisdiction: Jurisdiction) -> tuple[str, ...]:
    """What the verdict takes for granted because the map does not say it."""
    said = []
    sender, recipient = candidate.sender, candidate.recipient
    if candidate.role_assumed:
        said.append(f"'{recipient.id}' declares no `role`, so its collection is judged as a "
                    "processor's on a controller's behalf (state `role: controller` if it "
                    "collects on its own account)")
    if sender is not None and not same_entity(sender, recipient) and (
            sender.entity is None or recipient.entity is None) and (
            candidate.destination in sender.locations or not jurisdiction.within_entity):
        missing = [f"'{p.id}'" for p in (sender, recipient) if p.entity is None]
        said.append(f"{' and '.join(missing)} declare{'s' if len(missing) == 1 else ''} no "
                    "`entity`, so the two are taken as separate companies (state `entity` if "
                    "they are one)")
    return tuple(said)


#: The disclosure items in words, and the map keys that hold them.
DISCLOSURE_WORDS = {
    "categories": "the categories of data", "destination": "the destination country",
    "recipient": "the recipient's name (the recipient's `entity`: its legal name)",
    "contact": "the recipient's contact (`contact`)", "purpose": "the purpose (`purpose`)",
    "retention": "the retention period (`retention`)",
    "method": "when and how the data is sent (`method`)",
    "refusal": "how to refuse the transfer and the effect of refusing (`refusal`)",
    "rights": "how to exercise one's rights with the recipient (the recipient's `rights`)",
    "safeguard_reference": "the safeguard relied on (its `reference`)",
    "safeguard_copy": "where a copy of the safeguard can be obtained (its `copy_at`)",
}


def undisclosed(disclosure: Disclosure, flow: Flow, recipient: Processor,
                used: Iterable[DeclaredSafeguard] | None = None, *,
                first: bool = False) -> list[str]:
    """The items of a law's ``disclosure`` the map lacks for this flow and recipient.

    Categories are always in the map, and so is the destination unless a recipient's location
    is a region or unknown (a notice names the country); the recipient's name is its
    ``entity`` (a display name such as "overseas sellers" names no one);
    ``safeguard_reference`` and ``safeguard_copy`` are checked against the safeguards
    ``used`` (skipped when none are given), the copy only for the mechanisms the law names in
    ``copy_of``. With ``first``, only the first item lacking is given: whether any is.
    """
    lacking = []
    for item in disclosure.items:
        if item == "categories":
            continue
        if item == "destination":  # a country, not a region ("EU") or unknown
            present = all(loc in country_codes() for loc in recipient.locations)
        elif item == "recipient":
            present = given(recipient.entity) is not None
        elif item in ("contact", "rights"):
            present = given(getattr(recipient, item)) is not None
        elif item == "safeguard_reference":
            present = used is None or all(given(u.safeguard.reference) for u in used)
        elif item == "safeguard_copy":
            present = used is None or all(given(u.safeguard.copy_at) for u in used
                                          if u.safeguard.mechanism in disclosure.copy_of)
        else:
            present = given(getattr(flow, item, None)) is not None
        if not present:
            lacking.append(item)
            if first:
                break
    return lacking


def transfers_of(verdicts: Iterable[Verdict]) -> tuple[Transfer, ...]:
    """The transfer rows of the verdicts, as ``dataflow transfers`` lists them
    (docs/reference/cli.md)."""
    return tuple(v.transfer for v in verdicts)
