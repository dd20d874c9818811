"""Integrity rules: a map that is valid but says something that cannot be right."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from .base import Analysis, rule


@rule("DF202", "processor-isolated", Severity.WARNING)
def processor_isolated(analysis: Analysis) -> Iterator[Finding]:
    """A processor that collects nothing and that no flow reaches or leaves.

    Such a processor holds no personal data according to the map, which is rarely true of
    a system someone took the trouble to declare: a flow is probably missing.

    PASS: ``crm`` receives ``signup->crm``. FAIL: ``legacy-db`` appears in no flow and
    collects nothing.
    """
    flowmap = analysis.flowmap
    linked = {p for f in flowmap.flows.values() for p in (f.source, f.target)}
    for processor_id, processor in flowmap.processors.items():
        if processor.collects or processor_id in linked:
            continue
        yield processor_isolated.finding(
            analysis, element=("processor", processor_id), parts=(processor_id,),
            message=(f"processor '{processor_id}' collects no data and no flow goes to or "
                     "from it"),
            remediation=("declare the flows that reach this processor, or remove it from "
                         "the map if it holds no personal data"),
            source=processor_id)


@rule("DF203", "category-unused", Severity.INFO)
def category_unused(analysis: Analysis) -> Iterator[Finding]:
    """A declared data category that no processor collects and no flow carries.

    PASS: ``contact.email`` is collected by ``signup``. FAIL: ``health.allergy`` is declared
    but appears nowhere else.
    """
    flowmap = analysis.flowmap
    used = {c for f in flowmap.flows.values() for c in f.categories}
    used |= {c for p in flowmap.processors.values() for point in p.collects
             for c in point.categories}
    used |= {c.parent for c in flowmap.categories.values() if c.parent}
    for category_id in flowmap.categories:
        if category_id in used:
            continue
        yield category_unused.finding(
            analysis, element=("category", category_id), parts=(category_id,),
            message=f"category '{category_id}' is declared but never collected or sent",
            remediation=("add it to the `collects` or `categories` where it is used, or "
                         "remove the declaration"),
            categories=(category_id,))


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


RULES = (category_not_held, processor_isolated, category_unused)
