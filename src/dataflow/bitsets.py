"""Sets of names (categories, laws) as bits of an int, for the engine's walks over a map.

A map has a few dozen categories and is subject to a dozen laws or so; the walks that trace
where data comes from and which transfers are onward unite, intersect and compare their sets
hundreds of thousands of times, which an int does in one operation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

__all__ = ["NameBits"]


class NameBits:
    """A bit for each name, given as the name is first met; a set of names is the sum of
    their bits."""

    def __init__(self) -> None:
        self._bit: dict[str, int] = {}
        self._names: dict[int, str] = {}  # bit -> name
        self._sets: dict[int, frozenset[str]] = {}  # mask -> its names, one set each

    def bit(self, name: str) -> int:
        found = self._bit.get(name)
        if found is None:
            found = self._bit[name] = 1 << len(self._bit)
            self._names[found] = name
        return found

    def of(self, names: Iterable[str]) -> int:
        """The set of ``names``."""
        found = 0
        for name in names:
            found |= self._bit.get(name) or self.bit(name)
        return found

    def name(self, bit: int) -> str:
        return self._names[bit]

    def names(self, mask: int) -> frozenset[str]:
        """The names of a set, as one shared frozenset per distinct set."""
        found = self._sets.get(mask)
        if found is None:
            found = self._sets[mask] = frozenset(self._names[bit] for bit in each(mask))
        return found


def each(mask: int) -> Iterator[int]:
    """The bit of each member of a set, lowest first."""
    while mask:
        low = mask & -mask
        yield low
        mask ^= low
