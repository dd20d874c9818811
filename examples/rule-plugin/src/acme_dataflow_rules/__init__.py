"""ACME's own dataflow rules."""

from __future__ import annotations

from collections.abc import Iterator

from dataflow.findings import Finding, Severity
from dataflow.rules import Analysis, rule

#: The countries ACME's policy sends no personal data to, whatever the law allows.
EMBARGOED = {"CU": "Cuba", "IR": "Iran", "KP": "North Korea", "SY": "Syria"}


@rule("ACME100", "flow-to-embargoed-country", Severity.ERROR,
      ("ACME Data Handling Policy §4.2",))
def flow_to_embargoed_country(analysis: Analysis) -> Iterator[Finding]:
    """A flow to a processor located in a country under ACME's embargo policy.

    No safeguard makes it acceptable: the policy forbids it. One finding per flow and
    country.
    """
    flowmap = analysis.flowmap
    for flow in flowmap.flows.values():
        recipient = flowmap.processors[flow.target]
        for country in recipient.locations:
            if country not in EMBARGOED:
                continue
            yield flow_to_embargoed_country.finding(
                analysis, element=("flow", flow.id), parts=(flow.id, country),
                message=(f"flow '{flow.id}' sends {', '.join(flow.categories)} to "
                         f"'{recipient.id}' in {EMBARGOED[country]} ({country}), a country "
                         "under ACME's embargo policy"),
                remediation=("stop the flow, or move the recipient's processing to another "
                             "country; the policy allows no exception"),
                flow=flow.id, source=flow.source, target=flow.target, destination=country,
                categories=flow.categories)


RULES = [flow_to_embargoed_country]
