"""What a diagram shows, decided once for every format: nodes, clusters, edges, verdicts.

Views and filters select what to show; grouping collapses processors into one node per
country, entity or role, with counts, so that maps of thousands of processors still give a
readable overview. Verdicts come from the report: rendering never decides one.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import field
from typing import Any

from ..countries import place_name
from ..findings import Report
from ..flowmap import FlowMap
from ..jurisdictions import Jurisdictions
from ..model import UNKNOWN, Flow
from ..records import record
from .views import GROUPS, VIEWS, FlowFacts

#: Past this many edges, edges are drawn without labels (see :attr:`Diagram.labelled`).
LABELLED_EDGES_AT_MOST = 150
#: From worst to best; an edge shows the worst verdict of the flows it draws.
VERDICTS = ("missing", "safeguarded", "adequate", "internal")
_RANK = {verdict: rank for rank, verdict in enumerate(VERDICTS)}  # worst first


@functools.lru_cache(maxsize=1 << 16)
def stable_key(*parts: str) -> str:
    """A short node ID derived from element IDs: stable across runs, safe in every format."""
    return "n" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]


@record
class Node:
    key: str
    title: str
    details: list[str]
    role: str | None
    cluster: str
    members: int = 1
    flagged: bool = False


@record
class Edge:
    source: str
    target: str
    flows: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    verdict: str = "internal"
    mechanisms: list[str] = field(default_factory=list)
    verdicts: dict[str, int] = field(default_factory=dict)  # flows per verdict
    #: what :attr:`flows`, :attr:`categories` and :attr:`mechanisms` hold, for membership
    _flows: set[str] = field(default_factory=set, repr=False, compare=False)
    _categories: set[str] = field(default_factory=set, repr=False, compare=False)
    _mechanisms: set[str] = field(default_factory=set, repr=False, compare=False)

    def add(self, flow: str, categories: Iterable[str], verdict: str,
            mechanisms: Iterable[str]) -> None:
        """Draw one more flow along this edge, with its verdict here."""
        if flow not in self._flows:
            self._flows.add(flow)
            self.flows.append(flow)
            for category in categories:
                if category not in self._categories:
                    self._categories.add(category)
                    self.categories.append(category)
        self.verdicts[verdict] = self.verdicts.get(verdict, 0) + 1
        if _RANK[verdict] < _RANK[self.verdict]:
            self.verdict = verdict
        for mechanism in mechanisms:
            if mechanism != "adequacy" and mechanism not in self._mechanisms:
                self._mechanisms.add(mechanism)
                self.mechanisms.append(mechanism)


@record
class Diagram:
    title: str
    subtitle: str
    clusters: dict[str, str]  # key -> label
    nodes: list[Node]
    edges: list[Edge]
    category_names: dict[str, str]  # category ID -> name
    sensitive: frozenset[str]
    home: str | None = None  # the map's home country: picks the CJK glyph forms
    #: whether edges carry their categories and counts: past :data:`LABELLED_EDGES_AT_MOST`
    #: edges they do not (Graphviz lays out 700 labelled edges in 90 s, unlabelled in 3 s),
    #: and the subtitle says so; colour and line style still give each edge's verdict
    labelled: bool = True


@record(frozen=True)
class Selection:
    """What to draw: the view, filters and grouping of ``dataflow render``."""

    view: str = "full"
    categories: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    processor: str | None = None
    group_by: str | None = None

    @property
    def filters_flows(self) -> bool:
        """Whether the view or the category, subject or jurisdiction filters may leave a
        flow out (what :func:`_keep` tests; the processor filter is applied on its own)."""
        return bool(self.view != "full" or self.categories or self.subjects
                    or self.jurisdictions)


class SelectionError(ValueError):
    """A filter names something the map does not have."""


def _checked_map(report: Report) -> FlowMap:
    if report.flowmap is None:
        raise ValueError("the report carries no map: draw what dataflow.check returned")
    return report.flowmap


def _validate(selection: Selection, flowmap: FlowMap, laws: Jurisdictions) -> None:
    from ..errors import did_you_mean

    checks = [("category", selection.categories, flowmap.categories),
              ("subject", selection.subjects, flowmap.subjects)]
    if selection.processor:
        checks.append(("processor", (selection.processor,), flowmap.processors))
    for kind, wanted, known in checks:
        for value in wanted:
            if value not in known:
                raise SelectionError(f"unknown {kind} '{value}'{did_you_mean(value, known)}")
    for value in selection.jurisdictions:
        if value not in laws.by_id and value not in {
                laws.of_country(c) for p in flowmap.processors.values() for c in p.locations}:
            raise SelectionError(f"unknown jurisdiction '{value}'"
                                 f"{did_you_mean(value, sorted(laws.by_id))}")
    if selection.view not in VIEWS:
        raise SelectionError(f"unknown view '{selection.view}'; one of {', '.join(VIEWS)}")
    if selection.group_by not in (None, *GROUPS):
        raise SelectionError(f"unknown grouping '{selection.group_by}'; one of "
                             f"{', '.join(GROUPS)}")


def build_diagram(report: Report, selection: Selection = Selection()) -> Diagram:
    """The diagram of the map ``report`` was checked on, with its verdicts."""
    flowmap = _checked_map(report)
    laws = flowmap.laws
    _validate(selection, flowmap, laws)
    verdict_of: dict[str, str] = {}
    verdict_to: dict[tuple[str, str], str] = {}  # (flow, destination) -> worst verdict
    mechanisms_of: dict[str, list[str]] = defaultdict(list)
    transfer_laws: dict[str, set[str]] = defaultdict(set)
    by_country = selection.group_by == "country"  # edges then have their country's verdict
    for transfer in report.transfers:
        flow_id, status = transfer.flow, transfer.status
        rank = _RANK[status]
        if rank < _RANK[verdict_of.get(flow_id, "internal")]:
            verdict_of[flow_id] = status
        if by_country:
            there = (flow_id, transfer.destination)
            if rank < _RANK[verdict_to.get(there, "internal")]:
                verdict_to[there] = status
        if transfer.mechanisms:
            mechanisms_of[flow_id].extend(transfer.mechanisms)
        if selection.jurisdictions:
            transfer_laws[flow_id].add(transfer.jurisdiction)
    flagged_flows = {f.flow for f in report.findings if f.flow and f.severity != "info"}
    flagged_processors = {p for f in report.findings if f.severity != "info"
                          for p in (f.source, f.target) if p}

    facts = FlowFacts(verdict_of, flagged_flows)
    flows = list(flowmap.flows.values())
    if selection.filters_flows:  # else every flow is kept, without a test of each
        flows = [f for f in flows if _keep(f, selection, facts, transfer_laws, laws, flowmap)]
    if selection.processor:
        flows = [f for f in flows if selection.processor in (f.source, f.target)]
    shown = {p for f in flows for p in (f.source, f.target)}
    if not (selection.filters_flows or selection.processor):  # the whole map
        shown |= set(flowmap.processors)

    grouping = GROUPS[selection.group_by].make if selection.group_by else None

    groups: dict[str, tuple[str, ...]] = {}  # processor -> its groups, asked once per flow end

    def groups_of(processor_id: str) -> tuple[str, ...]:
        found = groups.get(processor_id)
        if found is None:
            found = groups[processor_id] = grouping.groups_of(  # type: ignore[union-attr]
                flowmap.processors[processor_id])
        return found

    nodes: dict[str, Node] = {}
    clusters: dict[str, str] = {}
    processor_keys: dict[str, str] = {}  # each drawn processor's node key, hashed once
    for processor_id in (p for p in flowmap.processors if p in shown):
        processor = flowmap.processors[processor_id]
        # a processor in several places is drawn in a box of all of them, so that the reader
        # sees every country it is in (not only the first)
        country = "+".join(dict.fromkeys(processor.locations))
        clusters[country] = " + ".join(_cluster_label(place, laws)
                                       for place in dict.fromkeys(processor.locations))
        if selection.group_by:  # counted in each of its groups (each country it is in)
            for group in groups_of(processor_id):
                key = stable_key("group", group)
                node = nodes.get(key)
                if node is None:
                    node = nodes[key] = Node(
                        key=key, title=grouping.title(group, laws),  # type: ignore[union-attr]
                        details=[], role=None, cluster="", members=0)
                node.members += 1
                node.flagged |= processor_id in flagged_processors
            continue
        details = []
        if processor.entity:
            details.append(processor.entity)
        details.append(", ".join(processor.locations)
                       + (f" · {processor.role.replace('_', ' ')}" if processor.role else ""))
        if processor.certifications:
            details.append("certified: " + ", ".join(processor.certifications))
        key = processor_keys[processor_id] = stable_key("processor", processor_id)
        nodes[key] = Node(
            key=key, title=processor.name or processor_id,
            details=details, role=processor.role, cluster=country,
            flagged=processor_id in flagged_processors)
    if selection.group_by:
        for node in nodes.values():
            node.details = [f"{node.members} processor{'s' if node.members != 1 else ''}"]
        clusters = {}

    edges: dict[tuple[str, str], Edge] = {}
    group_keys: dict[str, str] = {}  # group -> its node's key, worked out once
    for flow in flows:
        if not selection.group_by:
            pairs = [(processor_keys[flow.source], processor_keys[flow.target],  # type: ignore[index]
                      verdict_of.get(flow.id, "internal"))]  # type: ignore[arg-type]
        else:
            pairs = _group_pairs(flow, groups_of, group_keys, by_country, verdict_of,
                                 verdict_to)
        for start, end, verdict in pairs:
            _draw(edges, start, end, verdict, flow, mechanisms_of)
    _collections(flowmap, report, selection, laws, nodes, clusters, edges, groups_of)
    title = flowmap.name or "Personal data flows"
    subtitle = f"as of {report.as_of.isoformat()}"
    if selection.view != "full":
        subtitle += f" · {selection.view} view"
    if selection.group_by:
        subtitle += f" · grouped by {selection.group_by}"
    labelled = len(edges) <= LABELLED_EDGES_AT_MOST
    if not labelled:
        subtitle += (f" · {len(edges)} edges, unlabelled (colour and line give the verdict; "
                     "the transfers table gives the rest)")
    return Diagram(title=title, subtitle=subtitle, clusters=dict(sorted(clusters.items())),
                   nodes=list(nodes.values()), edges=list(edges.values()),
                   category_names={c.id: c.name or c.id for c in flowmap.categories.values()},
                   sensitive=flowmap.sensitive_categories, home=flowmap.home,
                   labelled=labelled)


def _group_pairs(flow: Flow, groups_of: Any, group_keys: dict[str, str], by_country: bool,
                 verdict_of: dict[str, str],
                 verdict_to: dict[tuple[str, str], str]) -> list[tuple[str, str, str]]:
    """The edges a flow makes between groups: from each group of its sender to each group of
    its recipient. Grouped by country, each edge has the verdict of the transfers to that
    country, and an edge within one country is left to the country's node when the flow
    leaves it elsewhere; otherwise within one group only a transfer is drawn. ``group_keys``
    keeps the node key of each group met."""
    flow_id = str(flow.id)
    pairs = []
    ends = groups_of(flow.target)
    for start in groups_of(flow.source):
        for end in ends:
            verdict = (verdict_to.get((flow_id, end), "internal") if by_country
                       else verdict_of.get(flow_id, "internal"))
            if start == end and verdict == "internal":
                continue  # inside one group and not a transfer: the group node says it
            start_key = group_keys.get(start) or group_keys.setdefault(
                start, stable_key("group", start))
            end_key = group_keys.get(end) or group_keys.setdefault(end, stable_key("group", end))
            pairs.append((start_key, end_key, verdict))
    return pairs


def _draw(edges: dict[tuple[str, str], Edge], start: str, end: str, verdict: str, flow: Flow,
          mechanisms_of: dict[str, list[str]]) -> None:
    """Add a flow to the edge from ``start`` to ``end``, with its verdict there."""
    edge = edges.get((start, end))
    if edge is None:
        edge = edges[(start, end)] = Edge(start, end)
    edge.add(flow.id, flow.categories, verdict, mechanisms_of.get(flow.id, ()))  # type: ignore[arg-type]


def _collections(flowmap: FlowMap, report: Report, selection: Selection, laws: Jurisdictions,
                 nodes: dict[str, Node], clusters: dict[str, str],
                 edges: dict[tuple[str, str], Edge], groups_of: Any) -> None:
    """Collections abroad (``<processor>/collect``) are transfers too: each is drawn as an edge
    from the data subjects of its law to the collector, with its verdict."""
    for transfer in report.transfers:
        if transfer.source is not None:
            continue
        collector = flowmap.processors[transfer.target]
        categories = list(dict.fromkeys(c for p in collector.collects for c in p.categories))
        if (selection.processor not in (None, collector.id)
                or (selection.jurisdictions
                    and transfer.jurisdiction not in selection.jurisdictions)
                or (selection.categories and not set(selection.categories) & set(categories))):
            continue
        law = laws.get(transfer.jurisdiction)
        origin = stable_key("subjects", transfer.jurisdiction)
        if origin not in nodes:
            home = transfer.jurisdiction if transfer.jurisdiction in clusters else ""
            nodes[origin] = Node(key=origin, title=f"Data subjects ({transfer.jurisdiction})",
                                 details=[f"collected under {law.law}" if law and law.law
                                          else "collected abroad"],
                                 role=None, cluster="" if selection.group_by else home)
        if selection.group_by:  # to the collector's group in the destination, if it has one
            groups = groups_of(collector.id)
            group = transfer.destination if transfer.destination in groups else groups[0]
            target = stable_key("group", group)
        else:
            target = stable_key("processor", collector.id)
        if target not in nodes:
            place = "+".join(dict.fromkeys(collector.locations))
            nodes[target] = Node(key=target, title=collector.name or collector.id,
                                 details=[", ".join(collector.locations)], role=collector.role,
                                 cluster="" if selection.group_by else place)
            if not selection.group_by:
                clusters.setdefault(place, " + ".join(
                    _cluster_label(c, laws) for c in dict.fromkeys(collector.locations)))
        edge = edges.setdefault((origin, target), Edge(origin, target))
        edge.add(transfer.flow, categories, transfer.status, transfer.mechanisms)


def _cluster_label(location: str, laws: Jurisdictions) -> str:
    """"South Korea (KR): PIPA", "EU: GDPR", or "Unknown countries" for ``unknown``."""
    if location == UNKNOWN:
        return "Unknown countries"
    jurisdiction = laws.of_location(location)
    law = laws.get(jurisdiction) if jurisdiction else None
    return place_name(location) + (f": {law.law}" if law and law.law else "")


def _keep(flow: Flow, selection: Selection, facts: FlowFacts,
          transfer_laws: dict[str, set[str]], laws: Jurisdictions, flowmap: FlowMap) -> bool:
    flow_id = str(flow.id)
    if not VIEWS[selection.view].make(flow_id, facts):  # type: ignore[misc]
        return False
    if selection.categories and not set(selection.categories) & set(flow.categories):
        return False
    if selection.subjects and not set(selection.subjects) & set(flow.subjects):
        return False
    if selection.jurisdictions:
        places = {laws.of_country(c) for p in (flow.source, flow.target)
                  for c in flowmap.processors[p].locations}
        if not set(selection.jurisdictions) & (transfer_laws.get(flow_id, set()) | places):
            return False
    return True


def short_codes(categories: Iterable[str]) -> dict[str, str]:
    """``C1``, ``C2``... for categories in first-seen order, for a key in the legend."""
    codes: dict[str, str] = {}
    for category in categories:
        codes.setdefault(category, f"C{len(codes) + 1}")
    return codes
