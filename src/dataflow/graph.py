"""The map as a networkx graph: processors are nodes, flows are keyed edges.

Building the graph is kept apart from analysing it: analyses are plain functions that
take the graph (or the map) and compute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from .flowmap import FlowMap


def build_graph(flowmap: FlowMap) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` of ``flowmap``.

    Node attributes: ``name``, ``entity``, ``role``, ``locations``, ``contact``,
    ``certifications``, ``collects`` (category IDs), ``processor`` (the model).
    Edge attributes (key: the flow ID): ``categories``, ``subjects``, ``purpose``,
    ``retention``, ``method``, ``volume``, ``mechanisms``, ``flow`` (the model).
    Graph attributes: ``name``, ``home``, ``as_of``.
    """
    graph = nx.MultiDiGraph(name=flowmap.name, home=flowmap.home, as_of=flowmap.as_of)
    for processor in flowmap.processors.values():
        graph.add_node(
            processor.id, name=processor.name or processor.id, entity=processor.entity,
            role=processor.role, locations=processor.locations, contact=processor.contact,
            certifications=processor.certifications,
            collects=tuple(dict.fromkeys(c for p in processor.collects for c in p.categories)),
            processor=processor)
    for flow_id, flow in flowmap.flows.items():
        graph.add_edge(
            flow.source, flow.target, key=flow_id, categories=flow.categories,
            subjects=flow.subjects, purpose=flow.purpose, retention=flow.retention,
            method=flow.method, volume=flow.volume,
            mechanisms=tuple(s.mechanism for s in flow.safeguards), flow=flow)
    return graph
