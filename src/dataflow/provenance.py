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

from collections import deque
from collections.abc import Callable, Iterable, Mapping

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
    # Processors and categories are numbered, and the walk keeps what it knows of a (processor,
    # category) pair at the pair's number, processor * width + category, in flat lists: keyed
    # by name in dicts of dicts, each step cost a few cache misses more on a large map (the
    # walk over 500,000 flows took 14-18x the time of 50,000 for 11x the steps; 13x with lists).
    processors = list(flowmap.processors)
    number = {processor: i for i, processor in enumerate(processors)}
    categories = _Numbers(tree)
    flows = [(number[flow.source], number[flow.target], categories.numbers(flow.categories))
             for flow in flowmap.flows.values()]
    collected = [(number[processor.id], {jurisdiction_of(c) for c in flowmap.collected_from(point)},
                  categories.numbers(point.categories))
                 for processor in flowmap.processors.values() for point in processor.collects]
    width, ancestors = len(categories.names), categories.ancestors
    size = len(processors) * width
    # the flows out of each pair by the category they carry, and by each ancestor of it: the
    # pair each reaches (its target's) and the category carried
    carrying: list[list[tuple[int, int]] | None] = [None] * size
    beneath: list[list[tuple[int, int]] | None] = [None] * size
    for source, target, carried in flows:
        for category in carried:
            reached = (target * width + category, category)
            _add(carrying, source * width + category, reached)
            for ancestor in ancestors[category]:
                _add(beneath, source * width + ancestor, reached)
    bits = NameBits()  # sets of laws as ints: united and compared at every step of the walk
    laws = [0] * size  # the pair's laws
    held = bytearray(size)  # whether the processor holds the category (even from no law)
    below = [0] * size  # the laws of the descendants of the pair's category held there
    # the categories each processor holds, and has descendants of, in the order first met
    held_order: list[list[int]] = [[] for _ in processors]
    below_order: list[list[int]] = [[] for _ in processors]
    queue: deque[int] = deque()

    def receive(pair: int, category: int, found: int) -> None:
        if not held[pair]:
            held[pair] = 1
            held_order[pair // width].append(category)
        mine = laws[pair]
        new = found & ~mine
        if not new:
            return
        laws[pair] = mine | new
        first = pair - category  # the processor's first pair
        for ancestor in ancestors[category]:
            if not below[first + ancestor]:
                below_order[pair // width].append(ancestor)
            below[first + ancestor] |= new
        queue.append(pair)

    for processor, where, carried in collected:
        found = bits.of(where)
        for category in carried:
            receive(processor * width + category, category, found)
    while queue:
        changed = queue.popleft()
        category = changed % width
        first = changed - category
        affected = list(carrying[changed] or ())
        affected += beneath[changed] or ()
        for ancestor in ancestors[category]:
            affected += carrying[first + ancestor] or ()
        for reached, carried in affected:
            # the origins of the category carried where it leaves: its own, its
            # descendants', its ancestors'
            found = laws[first + carried] | below[first + carried]
            for ancestor in ancestors[carried]:
                found |= laws[first + ancestor]
            if found:
                receive(reached, carried, found)
    # each distinct set of laws becomes one frozenset, shared by all that hold it
    names = categories.names
    return Provenance(
        {processors[p]: {names[c]: bits.names(laws[p * width + c]) for c in order}
         for p, order in enumerate(held_order) if order},
        {processors[p]: {names[c]: bits.names(below[p * width + c]) for c in order}
         for p, order in enumerate(below_order) if order},
        tree)


def _add(lists: list[list[tuple[int, int]] | None], at: int, item: tuple[int, int]) -> None:
    found = lists[at]
    if found is None:
        lists[at] = [item]
    else:
        found.append(item)


class _Numbers:
    """A number for each category, given as the category is first met, with its ancestors'."""

    def __init__(self, tree: CategoryTree) -> None:
        self._tree = tree
        self._number: dict[str, int] = {}
        self.names: list[str] = []
        self.ancestors: list[tuple[int, ...]] = []

    def number(self, category: str) -> int:
        found = self._number.get(category)
        if found is None:
            above = self.numbers(self._tree.ancestors(category))
            found = self._number[category] = len(self.names)
            self.names.append(category)
            self.ancestors.append(above)
        return found

    def numbers(self, categories: Iterable[str]) -> tuple[int, ...]:
        return tuple(self.number(c) for c in categories)
