"""Exporting the map: the graph as node-link JSON or GraphML, the records as CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from .findings import Report
from .flowmap import FlowMap
from .formats import Choice, registry
from .outputs.safe import xml

if TYPE_CHECKING:
    import networkx as nx

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    """Attributes as GraphML and JSON can hold them: lists joined, models left out."""
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _flat_graph(flowmap: FlowMap) -> nx.MultiDiGraph:
    graph = flowmap.graph()
    import networkx as nx  # only the graph exports need it: the command starts faster

    flat = nx.MultiDiGraph()
    flat.graph.update({k: _plain(v) for k, v in graph.graph.items() if v is not None})
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **{k: _plain(v) for k, v in attrs.items()
                               if k != "processor" and v is not None})
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(source, target, key=key, **{k: _plain(v) for k, v in attrs.items()
                                                   if k != "flow" and v is not None})
    return flat


def to_json(flowmap: FlowMap) -> str:
    """The graph as networkx node-link JSON."""
    import networkx as nx

    data = nx.node_link_data(_flat_graph(flowmap), edges="links")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def to_graphml(flowmap: FlowMap) -> str:
    """The graph as GraphML (lists are written as comma-separated text; characters XML 1.0
    cannot hold, such as control characters, as U+FFFD)."""
    flat = _flat_graph(flowmap)
    for attrs in [flat.graph, *(a for _, a in flat.nodes(data=True)),
                  *(a for _, _, a in flat.edges(data=True))]:
        for key, value in attrs.items():
            if isinstance(value, str):
                attrs[key] = xml(value)
    import networkx as nx

    return "\n".join(nx.generate_graphml(flat)) + "\n"


def cell(value: Any) -> str:
    """A CSV cell: lists joined, and text a spreadsheet would run as a formula made inert."""
    text = _plain(value)
    text = "" if text is None else str(text)
    # a spreadsheet would run a cell that starts like a formula: make it plain text
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(report: Report) -> str:
    """Records of processing of a checked map: one row per flow, with both processors' details
    and the flow's international transfers (law, destination, first or onward, status,
    mechanisms)."""
    flowmap = report.flowmap
    if flowmap is None:
        raise ValueError("the report carries no map: export what dataflow.check returned")
    transfers: dict[str, list[str]] = {}
    for t in report.transfers:
        transfers.setdefault(t.flow, []).append(
            f"{t.jurisdiction}->{t.destination} {'onward' if t.onward else 'first'} {t.status}"
            + (f" ({', '.join(t.mechanisms)})" if t.mechanisms else ""))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["flow", "from", "from_entity", "from_locations", "to", "to_entity",
                     "to_role", "to_locations", "categories", "subjects", "purpose",
                     "retention", "method", "volume", "safeguards", "transfers"])
    for flow_id, flow in flowmap.flows.items():
        sender = flowmap.processors[flow.source]
        recipient = flowmap.processors[flow.target]
        safeguards = [s.mechanism + (f" ({s.reference})" if s.reference else "")
                      for s in (*flow.safeguards, *recipient.safeguards)]
        writer.writerow([cell(v) for v in (
            flow_id, flow.source, sender.entity, sender.locations, flow.target,
            recipient.entity, recipient.role, recipient.locations, flow.categories,
            flow.subjects, flow.purpose, flow.retention, flow.method, flow.volume,
            safeguards, "; ".join(transfers.get(str(flow_id), ())))])
    for processor in flowmap.processors.values():  # collections abroad are transfers too
        row_id = f"{processor.id}/collect"
        if row_id not in transfers:
            continue
        points = processor.collects
        safeguards = [s.mechanism + (f" ({s.reference})" if s.reference else "")
                      for s in (*(s for p in points for s in p.safeguards),
                                *processor.safeguards)]
        writer.writerow([cell(v) for v in (
            row_id, "", "", list(dict.fromkeys(
                c for p in points for c in flowmap.collected_from(p))),
            processor.id,
            processor.entity, processor.role, processor.locations,
            list(dict.fromkeys(c for p in points for c in p.categories)),
            list(dict.fromkeys(s for p in points for s in p.subjects)),
            next((p.purpose for p in points if p.purpose), None),
            next((p.retention for p in points if p.retention), None),
            next((p.method for p in points if p.method), None), processor.volume,
            safeguards, "; ".join(transfers[row_id]))])
    return out.getvalue()


#: ``export --format``: graph exports take the map, the CSV records a checked report.
FORMATS = registry(
    Choice("json", "the graph as node-link JSON", to_json, checked=False),
    Choice("graphml", "the graph as GraphML", to_graphml, checked=False),
    Choice("csv", "records of processing, one row per flow and collection abroad", to_csv),
)
