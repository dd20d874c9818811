"""The document a reader returns, and how offsets become lines and columns."""

from __future__ import annotations

import gc
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import accumulate
from typing import Any

from ..records import record

Path = tuple[str | int, ...]

#: The scalars a plain (unquoted) YAML value means "nothing" with, as in YAML 1.2's core schema.
NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@record(frozen=True, slots=True)
class Limits:
    """Bounds on what a map file may ask of the reader, so hostile input fails fast.

    Each limit is named in the error that hits it.
    """

    max_file_bytes: int = 64 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 5_000_000
    max_alias_nodes: int = 100_000  # values produced by repeating anchors (*name)


class LineIndex:
    """Turns byte or character offsets of one text into 1-based (line, column).

    Lines are counted at ``\\n`` only (as editors do); a column counts characters.
    """

    #: A byte offset's line is counted from the start of its block of this many bytes, whose
    #: first line is known: an index of one number a block, not one of every line of the
    #: file (which took longer to make than the places of 35,000 flows took to find).
    BLOCK = 1 << 10

    def __init__(self, raw: bytes) -> None:
        self._raw = raw
        self._block_lines: list[int] | None = None
        self._lookups = 0
        self._ascii = False
        self._char_starts: list[int] | None = None

    def from_byte(self, offset: int) -> tuple[int, int]:
        raw, size = self._raw, self.BLOCK
        offset = min(max(offset, 0), len(raw))
        if self._block_lines is None and self._lookups < 8:
            # the first few questions are answered by counting, which is faster than an index
            # of a large file when only an error or two is placed
            self._lookups += 1
            line = raw.count(b"\n", 0, offset) + 1
        else:
            if self._block_lines is None:  # the newlines before each block
                self._block_lines = list(accumulate(
                    (raw.count(b"\n", at, at + size) for at in range(0, len(raw), size)),
                    initial=0))
                self._ascii = raw.isascii()  # then a column is a count of bytes
            block = offset // size
            line = self._block_lines[block] + raw.count(b"\n", block * size, offset) + 1
        start = raw.rfind(b"\n", 0, offset) + 1
        if self._ascii:
            return line, offset - start + 1
        return line, len(raw[start:offset].decode("utf-8", errors="replace")) + 1

    def from_char(self, index: int, text: str) -> tuple[int, int]:
        if self._char_starts is None:
            starts = [0]
            find = text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._char_starts = starts
        line = bisect_right(self._char_starts, index)
        return line, index - self._char_starts[line - 1] + 1


class Document:
    """Plain data read from one YAML file, and a way back to where each part was written.

    A loaded map keeps its files' documents for their locations only: the loader lets their
    ``data`` go (``None``) once it has the file's model.
    """

    __slots__ = ("_locate", "data", "file")

    def __init__(self, file: str, data: Any, locate: Callable[[Path, bool], tuple[int, int]]):
        self.file = file
        self.data = data
        self._locate = locate

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at ``path`` (of its key with ``key=True``).

        A path that goes past what the file has (a missing key) gives the place of the
        deepest part that exists. A mapping or sequence is placed at its first entry.
        """
        return self._locate(tuple(path), key)


@contextmanager
def stack_for(depth: int) -> Iterator[None]:
    """Let the walk recurse as deep as ``max_depth`` allows (a user may raise it)."""
    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(max(saved, 3 * depth + 200))  # a level may take a few frames
    try:
        yield
    finally:
        sys.setrecursionlimit(saved)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Keep Python's cyclic garbage collector from running while a map is read and loaded.

    Loading makes hundreds of thousands of dicts, lists and models, and no reference cycles:
    their number starts the collector again and again (half the time of validating a large
    map), and it can free nothing. Whatever cycles there are, it frees when it runs next.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
