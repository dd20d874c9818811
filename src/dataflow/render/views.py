"""The diagram views (``--view``) and groupings (``--group-by``): a registry of each.

A view is a test of a flow against what the report says of it; a grouping names the group of
a processor, and how the group is titled. A new view or grouping is one function here and one
registry line.
"""

from __future__ import annotations

from collections.abc import Callable

from ..countries import country_name
from ..formats import Choice, registry
from ..jurisdictions import Jurisdictions
from ..model import Processor
from ..records import record


@record(frozen=True)
class FlowFacts:
    """What a view may ask about the flows: which are transfers (with the worst verdict of
    each), and which have findings that are not info."""

    verdict_of: dict[str, str]
    flagged: set[str]


def _every_flow(flow_id: str, facts: FlowFacts) -> bool:
    return True


def _transfers(flow_id: str, facts: FlowFacts) -> bool:
    return flow_id in facts.verdict_of


def _findings(flow_id: str, facts: FlowFacts) -> bool:
    return flow_id in facts.flagged


#: What a diagram shows (``--view``): each keeps the flows its test accepts. The full view
#: also shows processors no flow reaches.
VIEWS = registry(
    Choice("full", "every processor and flow", _every_flow),
    Choice("transfers", "only international transfers", _transfers),
    Choice("findings", "only what has findings", _findings),
)


@record(frozen=True)
class Grouping:
    """How processors collapse into one node each: the group of a processor, and its title."""

    groups_of: Callable[[Processor], tuple[str, ...]]  # a processor is in one or more
    title: Callable[[str, Jurisdictions], str]


def _countries(processor: Processor) -> tuple[str, ...]:
    """Every country a processor is in: it is counted, and its flows drawn, in each."""
    return tuple(dict.fromkeys(processor.locations))


def _country_title(group: str, laws: Jurisdictions) -> str:
    law = laws.get(laws.of_country(group))
    return f"{country_name(group)} ({group})" + (f": {law.law}" if law and law.law else "")


def _entity(processor: Processor) -> tuple[str, ...]:
    return (processor.entity or processor.name or processor.id,)


def _role(processor: Processor) -> tuple[str, ...]:
    return (processor.role or "unknown role",)


def _words(group: str, laws: Jurisdictions) -> str:
    return group.replace("_", " ")


#: One node per group of processors (``--group-by``), with counts: an overview of large maps.
GROUPS = registry(
    Choice("country", "one node per country (a processor in several counts in each)",
           Grouping(_countries, _country_title)),
    Choice("entity", "one node per legal entity", Grouping(_entity, _words)),
    Choice("role", "one node per role (controller, processor, third party)",
           Grouping(_role, _words)),
)
