"""The fast reader, on rapidyaml: the common case of a map file, read in C++.

It reads a file only when the file is one mapping with no anchors, aliases, tags,
complex or duplicate keys, and nesting within the depth limit; anything else raises
:class:`Unsupported` and the reference reader takes the file, so that every error is
worded by one reader. Values are kept as text; locations are found only when asked,
from the addresses of the scalars in the parsed buffer.
"""

from __future__ import annotations

import ctypes
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ryml
from ryml import _ryml  # the extension's functions, without the wrapper's extra call

from ..errors import MapError, Problem
from .document import NULLS, Document, Limits, LineIndex, Path, stack_for

_MAP, _SEQ = ryml.MAP, ryml.SEQ
_CONTAINER = _MAP | _SEQ
_NONE = ryml.NONE
_VALQUO = ryml.VALQUO
_TYPE, _KEY, _VAL = _ryml.Tree_type, _ryml.Tree_key, _ryml.Tree_val
_NEXT, _FIRST = _ryml.Tree_next_sibling, _ryml.Tree_first_child
_KEY_QUOTES = ryml.KEY_SQUO | ryml.KEY_DQUO
_VAL_QUOTES = ryml.VAL_SQUO | ryml.VAL_DQUO
_KEY_BLOCK = ryml.KEY_LITERAL | ryml.KEY_FOLDED
_VAL_BLOCK = ryml.VAL_LITERAL | ryml.VAL_FOLDED
_SPECIAL = ryml.KEYREF | ryml.VALREF | ryml.KEYANCH | ryml.VALANCH | ryml.KEYTAG | ryml.VALTAG


class Unsupported(Exception):  # noqa: N818 - a signal, not an error
    """This file needs the reference reader."""


class _PyBuffer(ctypes.Structure):
    _fields_ = [
        ("buf", ctypes.c_void_p), ("obj", ctypes.py_object), ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t), ("readonly", ctypes.c_int), ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p), ("shape", ctypes.c_void_p), ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p), ("internal", ctypes.c_void_p),
    ]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_PyBuffer), ctypes.c_int]
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.POINTER(_PyBuffer)]


def _address(view: Any) -> int:
    """Memory address of the first byte of a buffer (rapidyaml returns views into ours)."""
    buffer = _PyBuffer()
    _get_buffer(view, ctypes.byref(buffer), 0)
    try:
        return int(buffer.buf or 0)
    finally:
        _release_buffer(ctypes.byref(buffer))


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """rapidyaml prints its parse errors to file descriptor 2 before raising: hide them."""
    try:
        saved = os.dup(2)
    except OSError:  # no standard error to protect
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


#: Text in which rapidyaml is known to read YAML differently from the specification (measured
#: on the yaml-test-suite and by differential fuzzing against the reference reader): tabs,
#: carriage returns, the other Unicode line breaks, control characters, and the reserved
#: indicators @ ` % (and ] } , : where a plain value would start). Such a file goes to the
#: reference reader; these bytes are rare in maps, so the common file stays on the fast path.
_NOT_FAST = re.compile(
    rb"[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]|\xef\xbb\xbf"
    rb"|\xef\xbf[\xbe\xbf]|[|>][-+]?[1-9]"
    rb"|(?:[:\-?] +|^ *)[@`\]},%:]|[\[{,] *[@`%:]|, *[\]},]", re.MULTILINE)
#: Quoted text on one line, removed before brackets are counted.
_QUOTED = re.compile(rb"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'")
#: rapidyaml takes an implicit key of any length; YAML limits it to 1024 characters.
_LONGEST_LINE = 1000


def _needs_reference(raw: bytes) -> bool:
    """Whether the file has what the fast reader may read differently from YAML 1.2: the
    characters and indicators above, a last line without a line break (a block scalar there
    is chomped differently), a line too long for an implicit key, or a comment while a flow
    collection may be open (counted with and without quoted text, to be safe both ways)."""
    if _NOT_FAST.search(raw) or (raw and not raw.endswith(b"\n")):
        return True
    comments = b"#" in raw
    open_plain = open_unquoted = 0
    for line in raw.split(b"\n"):
        if len(line) > _LONGEST_LINE:
            return True
        if not comments:
            continue
        hash_at = line.find(b"#")
        if hash_at > 0 and line[:hash_at].strip() and (
                open_plain > 0 or open_unquoted > 0
                or any(c in line for c in (b"[", b"{", b"]", b"}"))):
            return True
        unquoted = _QUOTED.sub(b"", line)
        open_plain += _balance(line)
        open_unquoted += _balance(unquoted)
    return False


def _balance(line: bytes) -> int:
    return line.count(b"[") + line.count(b"{") - line.count(b"]") - line.count(b"}")


def read(raw: bytes, file: str, limits: Limits) -> Document:
    """Read ``raw`` (UTF-8, no byte-order mark) or raise :class:`Unsupported`."""
    if _needs_reference(raw):
        raise Unsupported
    return parse(raw, file, limits)


def parse(raw: bytes, file: str, limits: Limits) -> Document:
    """rapidyaml's reading of ``raw``, without the check for text it may read differently
    (for tests that compare the readers)."""
    buffer = bytearray(raw)
    try:
        with _quiet_stderr():
            tree = ryml.parse_in_place(buffer)
    except Exception as exc:  # rapidyaml's parse errors; the reference reader words them
        raise Unsupported from exc
    root = tree.root_id()
    if not tree.type(root) & _MAP:
        raise Unsupported
    if tree.size() > limits.max_nodes + 1:  # over the limit: say so now, not after a re-read
        raise MapError([_too_many(tree, buffer, raw, file, limits)])
    budget = [limits.max_nodes]
    try:
        with stack_for(limits.max_depth):
            data = _walk(tree, root, limits.max_depth, budget)
    except UnicodeDecodeError as exc:  # e.g. a lone surrogate escape: the reference words it
        raise Unsupported from exc
    return Document(file, data, _Locator(tree, buffer, raw).locate)


def _walk(tree: Any, node: int, depth: int, budget: list[int]) -> Any:
    if depth <= 0:
        raise Unsupported
    budget[0] -= _ryml.Tree_num_children(tree, node) + 1
    if budget[0] < 0:
        raise Unsupported
    kind, key, val, nxt = _TYPE, _KEY, _VAL, _NEXT
    child = _FIRST(tree, node)
    if kind(tree, node) & _MAP:
        mapping: dict[str, Any] = {}
        while child != _NONE:
            ty = kind(tree, child)
            if ty & _SPECIAL:
                raise Unsupported
            name = key(tree, child)
            if name is None:
                raise Unsupported  # an empty key: the reference reader words it
            name = str(name, "utf-8")
            if name in mapping:
                raise Unsupported
            if ty & _CONTAINER:
                mapping[name] = _walk(tree, child, depth - 1, budget)
            else:
                text = val(tree, child)
                text = "" if text is None else str(text, "utf-8")
                mapping[name] = None if (text in NULLS and not ty & _VALQUO) else text
            child = nxt(tree, child)
        return mapping
    items: list[Any] = []
    while child != _NONE:
        ty = kind(tree, child)
        if ty & _SPECIAL:
            raise Unsupported
        if ty & _CONTAINER:
            items.append(_walk(tree, child, depth - 1, budget))
        else:
            text = val(tree, child)
            text = "" if text is None else str(text, "utf-8")
            items.append(None if (text in NULLS and not ty & _VALQUO) else text)
        child = nxt(tree, child)
    return items


def _too_many(tree: Any, buffer: bytearray, raw: bytes, file: str, limits: Limits) -> Problem:
    """The max_nodes error, placed at the first scalar past the limit."""
    locator = _Locator(tree, buffer, raw)
    line, column = 1, 1
    for node in range(limits.max_nodes + 1, tree.size()):
        ty = tree.type(node)
        if ty & ryml.VAL and not ty & _CONTAINER:
            line, column = LineIndex(raw).from_byte(locator._start(node, False))
            break
        if ty & ryml.KEY:
            line, column = LineIndex(raw).from_byte(locator._start(node, True))
            break
    return Problem(file, line, column, (
        f"the file has more than {limits.max_nodes:,} values (limit max_nodes, raised with "
        "DATAFLOW_MAX_NODES); split the map into several files with `include`, or raise the "
        "limit"))


class _Locator:
    """Finds the line and column of a path by walking the parsed tree."""

    def __init__(self, tree: Any, buffer: bytearray, raw: bytes) -> None:
        self._tree = tree
        self._buffer = buffer  # the tree's scalars point into it: keep it alive
        self._base = _address(buffer)
        self._raw = raw
        self._lines = LineIndex(raw)
        self._children: dict[int, list[int]] = {}
        self._keys: dict[int, dict[str, int]] = {}

    def _child_list(self, node: int) -> list[int]:
        found = self._children.get(node)
        if found is None:
            tree, found = self._tree, []
            child = tree.first_child(node)
            while child != _NONE:
                found.append(child)
                child = tree.next_sibling(child)
            self._children[node] = found
        return found

    def locate(self, path: Path, key: bool) -> tuple[int, int]:
        tree = self._tree
        trail = [tree.root_id()]
        for part in path:
            node = trail[-1]
            if not tree.type(node) & _CONTAINER:
                key = False
                break
            children = self._child_list(node)
            if isinstance(part, int):
                if not (tree.type(node) & _SEQ and 0 <= part < len(children)):
                    key = False
                    break
                trail.append(children[part])
            else:
                keys = self._keys.get(node)
                if keys is None:
                    keys = {}
                    for c in children:
                        if tree.type(c) & ryml.KEY:
                            keys.setdefault(str(tree.key(c), "utf-8"), c)
                    self._keys[node] = keys
                match = keys.get(part)
                if match is None:
                    key = False
                    break
                trail.append(match)
        offset = self._offset(trail, key)
        return self._lines.from_byte(offset) if offset is not None else (1, 1)

    def _offset(self, trail: list[int], key: bool) -> int | None:
        tree = self._tree
        node = trail[-1]
        if key and tree.has_key(node):
            return self._start(node, True)
        while True:
            ty = tree.type(node)
            if ty & _CONTAINER:
                children = self._child_list(node)
                if not children:
                    break
                node = children[0]
                if tree.has_key(node):
                    return self._start(node, True)
                continue
            text = tree.val(node)
            if text is not None and len(text):
                return self._start(node, False)
            break
        # an empty value or container: place it at its key, or at its parent's place
        for up in reversed(trail):
            if tree.has_key(up):
                return self._start(up, True)
        return None

    def _start(self, node: int, key: bool) -> int:
        """Offset where the scalar's token starts: at its quote or block indicator."""
        tree = self._tree
        offset = _address(tree.key(node) if key else tree.val(node)) - self._base
        ty = tree.type(node)
        if ty & (_KEY_QUOTES if key else _VAL_QUOTES):
            return offset - 1
        if ty & (_KEY_BLOCK if key else _VAL_BLOCK):
            raw = self._raw
            header_end = raw.rfind(b"\n", 0, offset)
            header_start = raw.rfind(b"\n", 0, header_end) + 1
            indicator = max(raw.rfind(b"|", header_start, header_end),
                            raw.rfind(b">", header_start, header_end))
            return indicator if indicator >= 0 else offset
        return offset
