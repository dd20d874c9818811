"""DF201: a flow sends a category its sender never collected nor received."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from .base import Analysis, rule


@rule("DF201", "category-not-held", Severity.WARNING)
def category_not_held(analysis: Analysis) -> Iterator[Finding]:
    """A flow sends a category that its sender never collected nor received.

    Either a collection point or an incoming flow is missing from the map, or the flow lists
    the wrong category; either way the map no longer says where that data comes from, and so
    which laws it is subject to. A category counts as held when the sender holds it, a
    broader category it belongs to, or a narrower one within it.

    PASS: ``web`` collects ``contact.email`` and sends it to ``crm``. FAIL: ``crm`` sends
    ``payment.card`` that nothing gave it.
    """
    flowmap = analysis.flowmap
    provenance = analysis.provenance
    for flow_id, flow in flowmap.flows.items():
        # held: the category itself, a broader or a narrower one (the origins say which)
        missing = [c for c in flow.categories if not provenance.origins_of(flow.source, c)]
        if not missing:
            continue
        yield category_not_held.finding(
            analysis, element=("flow", flow_id), parts=(flow_id, *missing),
            message=(f"flow '{flow_id}' sends {', '.join(missing)} from '{flow.source}', which "
                     "neither collects nor receives it"),
            remediation=(f"add a `collects` entry to '{flow.source}' or the flow that brings "
                         "it there, or correct the flow's `categories`"),
            flow=flow_id, source=flow.source, target=flow.target, categories=tuple(missing))
