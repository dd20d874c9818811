"""The category tree of a map: ancestors, descendants and kinds (SPEC §4).

A category covers its descendants (``contact`` covers ``contact.phone``) and has the kinds of
its ancestors (a child of ``health`` is health data). A flow is sensitive under a law when a
category it carries, or a descendant of one, is of a kind the law treats as sensitive, or is
marked ``sensitive: true``. Everything here is computed once per map, in time linear in the
number of categories times the depth of the tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .model import Category

#: The pseudo-kind of a category marked ``sensitive: true``: sensitive under every law.
MARKED_SENSITIVE = "sensitive"


class CategoryTree:
    """Facts about a map's categories that follow from ``parent`` and ``kinds``."""

    def __init__(self, categories: Mapping[str, Category]) -> None:
        self._ancestors: dict[str, tuple[str, ...]] = {}
        for category_id in categories:
            chain: list[str] = []
            current = categories[category_id].parent
            while current is not None and current in categories and current not in chain \
                    and current != category_id:  # cycles are load errors; never loop here
                chain.append(current)
                current = categories[current].parent
            self._ancestors[category_id] = tuple(chain)
        #: each category's own kinds and those of its ancestors (``sensitive`` included)
        self.kinds: dict[str, frozenset[str]] = {}
        for category_id, category in categories.items():
            found = set(category.kinds) | ({MARKED_SENSITIVE} if category.sensitive else set())
            for ancestor in self._ancestors[category_id]:
                above = categories[ancestor]
                found |= set(above.kinds)
                if above.sensitive:
                    found.add(MARKED_SENSITIVE)
            self.kinds[category_id] = frozenset(found)
        #: the kinds of each category and of everything below it
        self.kinds_below: dict[str, frozenset[str]] = {}
        below: dict[str, set[str]] = {c: set(k) for c, k in self.kinds.items()}
        for category_id in sorted(categories, key=lambda c: -len(self._ancestors[c])):
            parent = self._ancestors[category_id][:1]
            if parent:
                below[parent[0]] |= below[category_id]
        self.kinds_below = {c: frozenset(k) for c, k in below.items()}
        children: dict[str, list[str]] = {}
        for category_id in categories:
            for ancestor in self._ancestors[category_id]:
                children.setdefault(ancestor, []).append(category_id)
        self._descendants = {c: tuple(d) for c, d in children.items()}

    def ancestors(self, category: str) -> tuple[str, ...]:
        """The broader categories of ``category``, nearest first."""
        return self._ancestors.get(category, ())

    def descendants(self, category: str) -> tuple[str, ...]:
        """The narrower categories of ``category``, at any depth."""
        return self._descendants.get(category, ())

    def kinds_of(self, categories: Iterable[str]) -> frozenset[str]:
        """Every kind the categories carry, their descendants' included."""
        found: set[str] = set()
        for category in categories:
            found |= self.kinds_below.get(category, frozenset())
        return frozenset(found)

    def sensitive_under(self, categories: Iterable[str],
                        sensitive_kinds: frozenset[str]) -> tuple[str, ...]:
        """The categories that are, or hold below them, data a law treats as sensitive."""
        wanted = sensitive_kinds | {MARKED_SENSITIVE}
        return tuple(c for c in categories if self.kinds_below.get(c, frozenset()) & wanted)

    def marked_sensitive(self) -> frozenset[str]:
        """Categories marked ``sensitive: true``, or below one (sensitive under every law)."""
        return frozenset(c for c, k in self.kinds.items() if MARKED_SENSITIVE in k)
