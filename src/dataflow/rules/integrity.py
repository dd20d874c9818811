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
    graph = analysis.graph
    for processor_id, processor in analysis.flowmap.processors.items():
        if processor.collects or graph.degree(processor_id):
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


RULES = (processor_isolated, category_unused)
