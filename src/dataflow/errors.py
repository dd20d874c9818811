"""Errors in map files: every one names the file, line and column, and says how to fix it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Location", "MapError", "Problem", "did_you_mean"]


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """Where something is declared: file, line and column (both counted from 1)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One located error in a map: ``FILE:LINE:COLUMN: error: MESSAGE``.

    Lines and columns count from 1; a column counts characters, not bytes.
    """

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: error: {self.message}"

    def to_dict(self) -> dict[str, str | int]:
        """The problem as the JSON object of ``--format json``."""
        return {"message": self.message, "file": self.file, "line": self.line,
                "column": self.column}


class MapError(Exception):
    """A map could not be loaded; ``errors`` lists every problem found, in file order."""

    def __init__(self, errors: Iterable[Problem]) -> None:
        self.errors: list[Problem] = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors) or "invalid map")


# Suggestions scan the candidates; past this many, only exact-prefix candidates are tried,
# so that a map with thousands of IDs and many typos still fails fast.
_MAX_FUZZY_CANDIDATES = 2_000


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` for the closest candidate, or ``""`` when none is close."""
    pool = list(candidates)
    if len(pool) > _MAX_FUZZY_CANDIDATES:
        # a large map: compare only with IDs of about the same length that start alike, so
        # a thousand unknown IDs among twenty thousand cost milliseconds, not a minute
        head, size = word[:1].lower(), len(word)
        pool = [c for c in pool if c[:1].lower() == head and abs(len(c) - size) <= 2]
        pool = pool[:_MAX_FUZZY_CANDIDATES]
    folded = {c.lower(): c for c in pool}
    if word.lower() in folded and folded[word.lower()] != word:
        return f" (did you mean '{folded[word.lower()]}'?)"
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
