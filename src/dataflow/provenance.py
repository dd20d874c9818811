"""Where the data each processor holds comes from, category by category (SPEC §4).

The laws a piece of data is subject to travel with it: a category collected from Korean
residents stays subject to PIPA wherever flows carry it, cycles included. Each category is
propagated separately over the flows that carry it, and a processor's set of laws for a
category only grows, so the work is linear in flows × categories × jurisdictions; no path
is ever enumerated.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .flowmap import FlowMap


@dataclass(frozen=True)
class Provenance:
    """For each processor and category it holds, the jurisdictions the data came from."""

    origins: Mapping[str, Mapping[str, frozenset[str]]]

    def held(self, processor: str) -> Mapping[str, frozenset[str]]:
        """Categories the processor holds (collected or received) and their origin laws."""
        return self.origins.get(processor, {})


def compute_provenance(flowmap: FlowMap, jurisdiction_of: Callable[[str], str]) -> Provenance:
    """Propagate each category's origin jurisdictions from its collection points along flows."""
    carriers: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for flow in flowmap.flows.values():
        for category in flow.categories:
            carriers[category][flow.source].append(flow.target)
    laws: dict[str, dict[str, set[str]]] = defaultdict(dict)  # processor -> category -> laws
    starts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for processor in flowmap.processors.values():
        for point in processor.collects:
            countries = point.origins or ((flowmap.home,) if flowmap.home else ())
            found = {jurisdiction_of(c) for c in countries}
            for category in point.categories:
                starts[category][processor.id] |= found
    for category, sources in starts.items():
        out = carriers.get(category, {})
        queue = deque()
        for processor_id, found in sources.items():
            laws[processor_id].setdefault(category, set()).update(found)
            queue.append(processor_id)
        while queue:
            here = queue.popleft()
            mine = laws[here][category]
            for there in out.get(here, ()):
                theirs = laws[there].setdefault(category, set())
                if not mine <= theirs:
                    theirs |= mine
                    queue.append(there)
    return Provenance({p: {c: frozenset(j) for c, j in cats.items()} for p, cats in laws.items()})
