"""Where the data each processor holds comes from, category by category (docs/format.md,
What counts as a transfer: "Which law follows the data").

The laws a piece of data is subject to travel with it: a category collected from Korean
residents stays subject to PIPA wherever flows carry it, cycles included. Categories form a
tree, and a category covers its descendants: a flow carrying ``contact`` carries whatever of
``contact.phone`` its sender holds, and a flow carrying ``contact.phone`` carries part of a
``contact`` collected as a whole. So the origins of category C at a processor are those of C,
of its ancestors and of its descendants held there.

The laws of each (processor, category) only grow; when they grow, only the flows out of that
processor whose categories are related to the category are looked at again. The work is
linear in flows × categories × tree depth × jurisdictions; no path is ever enumerated.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Mapping

from .bitsets import NameBits
from .categories import CategoryTree
from .flowmap import FlowMap
from .records import record


@record(frozen=True)
class Provenance:
    """For each processor and category it holds, the jurisdictions the data came from."""

    origins: Mapping[str, Mapping[str, frozenset[str]]]
    below: Mapping[str, Mapping[str, frozenset[str]]]  # processor -> category -> laws of
    # the descendants of the category held there
    tree: CategoryTree

    def held(self, processor: str) -> Mapping[str, frozenset[str]]:
        """Categories the processor holds (collected or received) and their origin laws."""
        return self.origins.get(processor, {})

    def origins_of(self, processor: str, category: str) -> frozenset[str]:
        """The laws that follow ``category`` at ``processor``: those of the category, of its
        ancestors, and of its descendants held there."""
        held = self.origins.get(processor, {})
        found: set[str] = set(held.get(category, ()))
        found |= self.below.get(processor, {}).get(category, frozenset())
        for ancestor in self.tree.ancestors(category):
            found |= held.get(ancestor, frozenset())
        return frozenset(found)


def compute_provenance(flowmap: FlowMap, jurisdiction_of: Callable[[str], str],
                       tree: CategoryTree) -> Provenance:
    """Propagate each category's origin jurisdictions from its collection points along flows."""
    # out-flows of each processor by the category they carry, and by each ancestor of it
    carrying: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    beneath: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for flow in flowmap.flows.values():
        for category in flow.categories:
            carrying[flow.source][category].append((flow.target, category))
            for ancestor in tree.ancestors(category):
                beneath[flow.source][ancestor].append((flow.target, category))
    bits = NameBits()  # sets of laws as ints: united and compared at every step of the walk
    laws: dict[str, dict[str, int]] = defaultdict(dict)  # processor -> category -> laws
    below: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    queue: deque[tuple[str, str]] = deque()

    def receive(processor: str, category: str, found: int) -> None:
        held = laws[processor]
        mine = held.setdefault(category, 0)  # held, even from no law known
        new = found & ~mine
        if not new:
            return
        held[category] = mine | new
        for ancestor in tree.ancestors(category):
            below[processor][ancestor] |= new
        queue.append((processor, category))

    def origins(processor: str, category: str) -> int:
        held = laws[processor]
        found = held.get(category, 0) | below[processor].get(category, 0)
        for ancestor in tree.ancestors(category):
            found |= held.get(ancestor, 0)
        return found

    for processor in flowmap.processors.values():
        for point in processor.collects:
            found = bits.of({jurisdiction_of(c) for c in flowmap.collected_from(point)})
            for category in point.categories:
                receive(processor.id, category, found)
    while queue:
        here, changed = queue.popleft()
        affected = list(carrying[here].get(changed, ()))
        affected += beneath[here].get(changed, ())
        for ancestor in tree.ancestors(changed):
            affected += carrying[here].get(ancestor, ())
        for there, category in affected:
            found = origins(here, category)
            if found:
                receive(there, category, found)
    # each distinct set of laws becomes one frozenset, shared by all that hold it
    return Provenance({p: {c: bits.names(j) for c, j in held.items()} for p, held in laws.items()},
                      {p: {c: bits.names(j) for c, j in held.items()} for p, held in below.items()},
                      tree)
