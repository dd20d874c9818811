"""The category tree of a map: ancestors, descendants and kinds (docs/format.md, What counts
as a transfer).

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
        parents = {c: categories[c].parent for c in categories}
        # ancestors by depth: each category's chain is its parent's chain with the parent in
        # front, so the work is the total length of the chains (cycles are load errors, and
        # a category whose chain loops is given no ancestors rather than looping here)
        self._ancestors: dict[str, tuple[str, ...]] = {}
        for category_id in categories:
            if category_id in self._ancestors:
                continue
            pending: list[str] = []
            current: str | None = category_id
            on_path: set[str] = set()
            while current is not None and current in categories \
                    and current not in self._ancestors and current not in on_path:
                pending.append(current)
                on_path.add(current)
                current = parents[current]
            looped = current is not None and current in on_path
            above: tuple[str, ...] = () if looped or current is None or current not in \
                categories else (current, *self._ancestors[current])
            for below in reversed(pending):
                self._ancestors[below] = above
                above = (below, *above)
        self._answers: dict[frozenset[str], frozenset[str]] = {}
        #: answers for the category lists a map's flows carry, asked once per list
        self._kinds_of: dict[tuple[str, ...], frozenset[str]] = {}
        self._sensitive: dict[tuple[tuple[str, ...], frozenset[str]], tuple[str, ...]] = {}
        self._wanted: dict[frozenset[str], frozenset[str]] = {}
        self._descendants: dict[str, tuple[str, ...]] = {}
        self._children: dict[str, list[str]] = {}
        for category_id in categories:
            ancestry = self._ancestors[category_id]
            if ancestry:
                self._children.setdefault(ancestry[0], []).append(category_id)
        order = sorted(categories, key=lambda c: len(self._ancestors[c]))  # parents first
        #: each category's own kinds and those of its ancestors (``sensitive`` included)
        self.kinds: dict[str, frozenset[str]] = {}
        for category_id in order:
            category = categories[category_id]
            own = set(category.kinds) | ({MARKED_SENSITIVE} if category.sensitive else set())
            ancestry = self._ancestors[category_id]
            inherited = self.kinds[ancestry[0]] if ancestry else frozenset()
            self.kinds[category_id] = frozenset(own) | inherited
        #: the kinds of each category and of everything below it
        below: dict[str, set[str]] = {c: set(k) for c, k in self.kinds.items()}
        for category_id in reversed(order):  # children first
            ancestry = self._ancestors[category_id]
            if ancestry:
                below[ancestry[0]] |= below[category_id]
        self.kinds_below = {c: frozenset(k) for c, k in below.items()}

    def ancestors(self, category: str) -> tuple[str, ...]:
        """The broader categories of ``category``, nearest first."""
        return self._ancestors.get(category, ())

    def descendants(self, category: str) -> tuple[str, ...]:
        """The narrower categories of ``category``, at any depth (computed when first
        asked)."""
        answer = self._descendants.get(category)
        if answer is None:
            found: list[str] = []
            stack = list(self._children.get(category, ()))
            while stack:
                child = stack.pop()
                found.append(child)
                stack.extend(self._children.get(child, ()))
            answer = self._descendants[category] = tuple(found)
        return answer

    def kinds_of(self, categories: Iterable[str]) -> frozenset[str]:
        """Every kind the categories carry, their descendants' included (one shared set for
        each distinct answer: a large map asks for tens of thousands of the same few)."""
        listed = tuple(categories)
        answer = self._kinds_of.get(listed)
        if answer is None:
            found: set[str] = set()
            for category in listed:
                found |= self.kinds_below.get(category, frozenset())
            answer = frozenset(found)
            answer = self._kinds_of[listed] = self._answers.setdefault(answer, answer)
        return answer

    def sensitive_under(self, categories: Iterable[str],
                        sensitive_kinds: frozenset[str]) -> tuple[str, ...]:
        """The categories that are, or hold below them, data a law treats as sensitive."""
        listed = tuple(categories)
        answer = self._sensitive.get((listed, sensitive_kinds))
        if answer is None:
            wanted = self._wanted.get(sensitive_kinds)
            if wanted is None:
                wanted = self._wanted[sensitive_kinds] = sensitive_kinds | {MARKED_SENSITIVE}
            answer = self._sensitive[(listed, sensitive_kinds)] = tuple(
                c for c in listed if self.kinds_below.get(c, frozenset()) & wanted)
        return answer

    def marked_sensitive(self) -> frozenset[str]:
        """Categories marked ``sensitive: true``, or below one (sensitive under every law)."""
        return frozenset(c for c, k in self.kinds.items() if MARKED_SENSITIVE in k)
