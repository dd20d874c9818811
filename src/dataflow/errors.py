"""Errors in map files: every one names the file, line and column, and says how to fix it."""

from __future__ import annotations

from collections.abc import Iterable

from .records import record

__all__ = ["Location", "MapError", "Problem", "Vocabulary", "did_you_mean"]


@record(frozen=True, slots=True, order=True)
class Location:
    """Where something is declared: file, line and column (both counted from 1)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@record(frozen=True, slots=True, order=True)
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


# Suggestions scan the candidates; past this many, only candidates of about the same length
# that start alike are tried, so that a map with thousands of IDs and many typos fails fast.
_MAX_FUZZY_CANDIDATES = 2_000


class Vocabulary:
    """The words a reference may name, indexed once for many suggestions.

    A map with 20,000 IDs and 1,000 misspelled references builds this once and asks it 1,000
    times; each question looks only at the words of about the same length that start alike.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = list(dict.fromkeys(words))
        self._folded = {w.lower(): w for w in reversed(self.words)}
        self._index: dict[tuple[str, int], list[str]] | None = None

    def _pool(self, word: str) -> list[str]:
        if len(self.words) <= _MAX_FUZZY_CANDIDATES:
            return self.words
        if self._index is None:
            self._index = {}
            for w in self.words:
                self._index.setdefault((w[:1].lower(), len(w)), []).append(w)
        head, size = word[:1].lower(), len(word)
        pool: list[str] = []
        for length in range(size - 2, size + 3):
            pool += self._index.get((head, length), ())
        return pool[:_MAX_FUZZY_CANDIDATES]

    def suggest(self, word: str, cutoff: float = 0.6) -> str:
        """``" (did you mean 'x'?)"`` for the closest word, or ``""`` when none is close
        (``cutoff``: how alike, from 0 to 1, a word must be to be suggested)."""
        folded = self._folded.get(word.lower())
        if folded is not None and folded != word:
            return f" (did you mean '{folded}'?)"
        import difflib  # only a misspelling needs it, not a map without errors

        close = difflib.get_close_matches(word, self._pool(word), n=1, cutoff=cutoff)
        return f" (did you mean '{close[0]}'?)" if close else ""


def did_you_mean(word: str, candidates: Iterable[str] | Vocabulary) -> str:
    """``" (did you mean 'x'?)"`` for the closest candidate, or ``""`` when none is close."""
    if not isinstance(candidates, Vocabulary):
        candidates = Vocabulary(candidates)
    return candidates.suggest(word)
