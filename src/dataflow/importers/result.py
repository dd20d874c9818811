"""What an importer gives: the map as plain data, with what it came from and what it left out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from typing import Any

from ..errors import Problem
from ..records import record

__all__ = ["ImportOptionError", "Imported", "Note"]


class ImportOptionError(ValueError):
    """An option the import needs is missing or wrong; the message says which."""


class Note(Problem):
    """Something the input says that the map does not carry, and where the input says it:
    located like a :class:`~dataflow.errors.Problem`, but no error."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


#: The lists of a map, in the order they are written and counted.
LISTS = ("categories", "subjects", "processors", "flows")


@record
class Imported:
    """A map made from another inventory, ready to be written with :func:`to_yaml`.

    ``data`` is the map as plain data (what ``dataflow.loads`` would read back);
    ``comments`` holds comment lines written above an element, keyed by the list's name and
    the element's ID, and ``endings`` those written after a list's last element; ``header``
    is what the file starts with, and ``notes`` is everything the input says that the map
    does not carry (never dropped in silence: they are written at the top and summarised).
    """

    source: str
    data: dict[str, Any]
    header: list[str] = field(default_factory=list)
    comments: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    endings: dict[str, list[str]] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)

    def comment(self, list_name: str, element_id: str, *lines: str) -> None:
        """Add comment lines above an element."""
        self.comments.setdefault((list_name, element_id), []).extend(lines)

    def listed(self) -> list[Note]:
        """The notes, each once, in the order of their files and lines."""
        return sorted(set(self.notes))

    def counts(self) -> dict[str, int]:
        """How many elements of each list the map has."""
        return {name: len(self.data.get(name, ())) for name in LISTS}

    def summary(self, read: Iterable[str]) -> str:
        """What was imported from the files ``read``, and what was not carried over."""
        files = list(read)
        counts = ", ".join(f"{n} {name}" for name, n in self.counts().items())
        lines = [f"dataflow: imported {counts} from {len(files)} file(s) ({self.source})"]
        notes = self.listed()
        if notes:
            lines.append(f"dataflow: {len(notes)} thing(s) not carried over (also listed at the "
                         "top of the map):")
            lines += [f"  {note}" for note in notes]
        return "\n".join(lines)
