"""DF202: a processor that no flow reaches or leaves."""

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
