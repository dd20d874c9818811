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
import sys
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import ryml
from ryml import _ryml  # the extension's functions, without the wrapper's extra call

from ..errors import MapError, Problem
from .document import NULLS, Document, Limits, LineIndex, Path, collector_paused, stack_for

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
#: The tests are split so that each is a byte search or a simple pattern: one pattern of many
#: alternatives took half a second on a 7 MB map.
_CONTROL = bytes([*range(0x00, 0x09), 0x09, 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
#: Each is found by a search for its first byte (one byte is searched for many times faster
#: than two), then its pattern.
_ODD_SEQUENCES = ((b"\xc2", re.compile(rb"\xc2[\x80-\x9f]")),           # C1 controls, NEL
                  (b"\xe2", re.compile(rb"\xe2\x80[\xa8\xa9]")),        # LS, PS
                  (b"\xef", re.compile(rb"\xef(?:\xbb\xbf|\xbf[\xbe\xbf])")),  # BOM, not text
                  (b"|", re.compile(rb"[|>][-+]?[1-9]")),                # explicit indentation
                  (b">", re.compile(rb"[|>][-+]?[1-9]")))
_ODD_INDICATORS = (re.compile(rb"[:\-?] +[@`\]},%:]"), re.compile(rb"^ *[@`\]},%:]", re.MULTILINE),
                   re.compile(rb"[\[{,] *[@`%:]"))
#: What every match of :data:`_ODD_INDICATORS` holds: an indicator right after a space, a line
#: break, ``[``, ``{`` or ``,`` (or at the file's start). Each of these patterns starts with one
#: byte, which the search finds fast: together a quarter of the time of the patterns above,
#: which then run only on a file that has one.
_INDICATOR_HINTS = tuple(re.compile(pattern) for pattern in (
    rb" [@`\]},%:]", rb"\n[@`\]},%:]", rb"\[[@`%:]", rb"\{[@`%:]", rb",[@`%:]"))
_ODD_COMMA = re.compile(rb", *[\]},]")
#: A line whose first ``#`` comes after text (a comment there, or a ``#`` inside a value).
_COMMENT_AFTER_TEXT = re.compile(rb"^ *[^\s#][^\n#]*#", re.MULTILINE)
#: Quoted text on one line, removed before brackets are counted.
_QUOTED = re.compile(rb"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'")
#: rapidyaml takes an implicit key of any length; YAML limits it to 1024 characters, so a
#: longer key sends the file to the reference reader, which words the error.
_LONGEST_KEY = 1000


def _needs_reference(raw: bytes) -> bool:
    """Whether the file has what the fast reader may read differently from YAML 1.2: the
    characters and indicators above, a last line without a line break (a block scalar there
    is chomped differently), or a comment while a flow collection may be open (counted with
    and without quoted text, to be safe both ways)."""
    if raw and not raw.endswith(b"\n"):
        return True
    if raw.translate(None, _NOT_CONTROL):
        return True
    for marker, pattern in _ODD_SEQUENCES:
        if marker in raw and pattern.search(raw):
            return True
    if _odd_indicator(raw):
        return True
    if b"#" not in raw:
        return False
    # the brackets before each line with a comment after text are counted in the text since
    # the last such line, at once (quoted text never spans lines here, so it is removed from
    # the whole stretch as from each line): a loop over every line took half a second on a
    # 7 MB map with one comment
    open_plain = open_unquoted = counted = 0
    for found in _COMMENT_AFTER_TEXT.finditer(raw):
        start = found.start()
        before = raw[counted:start]
        open_plain += _balance(before)
        open_unquoted += _balance(_QUOTED.sub(b"", before))
        counted = start
        line = raw[start:raw.find(b"\n", start)]
        if open_plain > 0 or open_unquoted > 0 or any(
                c in line for c in (b"[", b"{", b"]", b"}")):
            return True
    return False


def _odd_indicator(raw: bytes) -> bool:
    """Whether the file has one of the indicators above where a plain value would start."""
    hinted = (bool(raw) and raw[:1] in b"@`]},%:") or any(
        hint.search(raw) for hint in _INDICATOR_HINTS)
    if hinted and any(pattern.search(raw) for pattern in _ODD_INDICATORS):
        return True
    return bool(_ODD_COMMA.search(raw))


def _balance(line: bytes) -> int:
    return line.count(b"[") + line.count(b"{") - line.count(b"]") - line.count(b"}")


def read(raw: bytes, file: str, limits: Limits, values: int = 0) -> Document:
    """Read ``raw`` (UTF-8, no byte-order mark) or raise :class:`Unsupported`; ``values`` is
    :func:`count_values`' estimate, when the file was counted."""
    if _needs_reference(raw):
        raise Unsupported
    return parse(raw, file, limits, values)


def parse(raw: bytes, file: str, limits: Limits, values: int = 0) -> Document:
    """rapidyaml's reading of ``raw``, without the check for text it may read differently
    (for tests that compare the readers)."""
    buffer = bytearray(raw)
    tree = ryml.Tree()
    if values:  # one allocation instead of many (twice as fast); an estimate, so capped
        tree.reserve(min(values + values // 64, len(raw) // 3) + 64)
    try:
        with _quiet_stderr():
            ryml.parse_in_place(buffer, tree=tree)
    except Exception as exc:  # rapidyaml's parse errors; the reference reader words them
        raise Unsupported from exc
    root = tree.root_id()
    if not tree.type(root) & _MAP or tree.type(root) & _SPECIAL:
        raise Unsupported  # not a mapping, or a tag or anchor on it: the reference words it
    if tree.size() > limits.max_nodes + 1:  # over the limit: say so now, not after a re-read
        raise MapError([_too_many(tree, buffer, raw, file, limits)])
    if tree.arena_size():
        raise Unsupported  # text rapidyaml keeps outside the file (an escape it lengthened)
    table = _table_of(tree, buffer)
    if table is None:
        return _parse_by_binding(tree, buffer, raw, file, limits)
    # what the table holds is all that is needed from here: rapidyaml's nodes (144 bytes
    # each) and the buffer are freed before the walk makes the Python objects
    del tree, buffer
    if max(table.key_length, default=0) > _LONGEST_KEY:
        raise Unsupported  # the reference reader words it
    try:
        with stack_for(limits.max_depth), collector_paused():
            data = _walk_table(table, root, limits.max_depth)
    except UnicodeDecodeError as exc:  # e.g. a lone surrogate escape: the reference words it
        raise Unsupported from exc
    return Document(file, data, _Locator(_TableView(table), raw).locate)


def _parse_by_binding(tree: Any, buffer: bytearray, raw: bytes, file: str,
                      limits: Limits) -> Document:
    """The document, read through rapidyaml's binding (where the table's layout does not
    hold)."""
    try:
        with stack_for(limits.max_depth):
            data = _walk(tree, tree.root_id(), limits.max_depth, [limits.max_nodes])
    except UnicodeDecodeError as exc:
        raise Unsupported from exc
    return Document(file, data, _Locator(_BindingView(tree, buffer), raw).locate)


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
            if len(name) > _LONGEST_KEY:
                raise Unsupported
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


class _NodeTable:
    """rapidyaml's nodes, copied from the tree's memory into columns, and the parsed text.

    A column holds one field of every node, in 32 bits: the type, the key's and the value's
    address in the parsed buffer and their lengths, the first child and the next sibling.
    Reading the tree through its Python binding costs a call per field of every node; the
    columns are copied in C, and take 28 bytes a node where the tree takes 144, so the tree
    is freed before the walk. This relies on the layout of rapidyaml's ``NodeData`` (0.15), so
    :func:`_layout_holds` checks it against the binding once per process, and the binding is
    used where it does not hold.
    """

    __slots__ = ("base", "first", "key", "key_length", "next", "text", "type", "val",
                 "val_length")

    def __init__(self, tree: Any, buffer: bytearray) -> None:
        size, this = tree.size(), int(tree.this)
        # Tree begins with m_buf, m_cap, m_size: read nothing unless the last two are right
        words = (ctypes.c_size_t * 3).from_address(this)
        if words[1] != tree.capacity() or words[2] != size or not words[0] or size > words[1]:
            raise LayoutError
        # the low half of a field comes first, and holds all of it for a file under 4 GiB
        if (sys.byteorder != "little" or array("I").itemsize != 4 or size >= _NONE32
                or len(buffer) >= 1 << 32):
            raise LayoutError
        nodes = (ctypes.c_char * (_NODE_WORDS * 8 * size)).from_address(words[0])
        halves = memoryview(nodes).cast("B").cast("I")
        (self.type, self.key, self.key_length, self.val, self.val_length, self.first,
         self.next) = (_column(halves, word) for word in _FIELDS)
        # addresses are kept as offsets from the buffer's, modulo 2**32 like the columns
        self.base = _address(buffer) & _LOW
        # one character a byte, so that an offset in the buffer is one in the text: a slice
        # that is not ASCII is decoded again from UTF-8 (:func:`_utf8`)
        self.text = buffer.decode("latin-1")

    def node(self, node: int) -> tuple[int, int, int, int, int, int, int]:
        """Type, key offset and length, value offset and length, first child and next sibling
        (:data:`_NONE32` for none)."""
        return (self.type[node], self.offset(self.key[node]), self.key_length[node],
                self.offset(self.val[node]), self.val_length[node], self.first[node],
                self.next[node])

    def offset(self, address: int) -> int:
        return (address - self.base) & _LOW

    def scalar(self, offset: int, length: int) -> str:
        text = self.text[offset:offset + length]
        return text if text.isascii() else _utf8(text)


class LayoutError(Exception):
    """rapidyaml's tree is not laid out as :class:`_NodeTable` reads it."""


#: The 64-bit words of a ``c4::yml::NodeData``: a type word, two scalars of three (pointer,
#: length) pairs (tag, text, anchor), then parent, first child, last child, next and previous
#: sibling.
_NODE_WORDS = 18
#: The words the table reads: type, key address and length, value address and length, first
#: child, next sibling.
_FIELDS = (0, 3, 4, 9, 10, 14, 16)
#: rapidyaml's NONE (no node), as a 32-bit column holds it; and the mask of 32 bits.
_NONE32 = _LOW = 0xFFFFFFFF


def _column(halves: memoryview, word: int) -> array[int]:
    """The low halves of one word of every node, copied in C."""
    found = array("I")
    found.frombytes(halves[2 * word::2 * _NODE_WORDS].tobytes())
    return found


def _utf8(text: str) -> str:
    """Text read one character a byte, decoded as the UTF-8 it is."""
    return text.encode("latin-1").decode("utf-8")


def _table_of(tree: Any, buffer: bytearray) -> _NodeTable | None:
    """The tree's node table, or None where the binding must be used."""
    if not _layout_holds():
        return None
    try:
        return _NodeTable(tree, buffer)
    except LayoutError:
        return None


@cache
def _layout_holds() -> bool:
    """Whether :class:`_NodeTable` reads what the binding reads, on a document that has
    every kind of node."""
    sample = bytearray(b'a: 1\nb: [x, "y\\tz"]\nc: {d: e, f: }\ng:\n  - h: |\n      i\n')
    try:
        tree = ryml.parse_in_place(sample)
        table = _NodeTable(tree, sample)
    except Exception:  # any surprise means: use the binding
        return False
    if len(table.type) != tree.size():
        return False
    for node in range(tree.size()):
        kind, key, key_length, val, val_length, first, nxt = table.node(node)
        if (kind != int(tree.type(node)) or first != tree.first_child(node) & _LOW
                or nxt != tree.next_sibling(node) & _LOW):
            return False
        for has, offset, length, read in ((tree.has_key(node), key, key_length, tree.key),
                                          (tree.has_val(node), val, val_length, tree.val)):
            if has and not kind & _CONTAINER:
                found = read(node)
                expected = "" if found is None else bytes(found).decode("utf-8")
                if (table.scalar(offset, length) if found is not None else "") != expected:
                    return False
    return True


#: What sends a map's entry to the reference reader: an anchor, alias or tag, or no key.
_REFUSED = _SPECIAL | ryml.KEYNIL


def _walk_table(table: _NodeTable, root: int, max_depth: int) -> Any:
    """:func:`_walk`, over the node table: the container at ``root`` and all it holds.

    Every scalar is in the parsed buffer (the caller checks that rapidyaml's arena is empty)
    and no key is too long (checked on the whole column), so the loops check only what
    needs a look at each node. Equal texts are made one object: a map repeats a few dozen
    keys and a few thousand IDs hundreds of thousands of times, and the models keep the
    texts they are given.
    """
    types, keys, key_lengths = table.type, table.key, table.key_length
    vals, val_lengths, firsts, nexts = table.val, table.val_length, table.first, table.next
    text, base = table.text, table.base
    is_ascii = text.isascii()  # then no slice needs decoding again
    shared = {}.setdefault

    def walk(node: int, depth: int) -> Any:
        if depth <= 0:
            raise Unsupported
        child = firsts[node]
        if types[node] & _MAP:
            mapping: dict[str, Any] = {}
            while child != _NONE32:
                ty = types[child]
                if ty & _REFUSED:
                    raise Unsupported
                at = (keys[child] - base) & _LOW
                name = text[at:at + key_lengths[child]]
                name = shared(name, name) if is_ascii or name.isascii() else _utf8(name)
                if name in mapping:
                    raise Unsupported  # a duplicate key: the reference reader words it
                if ty & _CONTAINER:
                    mapping[name] = walk(child, depth - 1)
                else:
                    at = (vals[child] - base) & _LOW
                    value = text[at:at + val_lengths[child]]
                    if value in NULLS and not ty & _VALQUO:
                        mapping[name] = None
                    else:
                        mapping[name] = shared(value, value) if is_ascii or value.isascii() \
                            else _utf8(value)
                child = nexts[child]
            return mapping
        items: list[Any] = []
        append = items.append
        while child != _NONE32:  # a list's scalars are read here, as a mapping's are above
            ty = types[child]
            if ty & _SPECIAL:
                raise Unsupported
            if ty & _CONTAINER:
                append(walk(child, depth - 1))
            else:
                at = (vals[child] - base) & _LOW
                value = text[at:at + val_lengths[child]]
                if value in NULLS and not ty & _VALQUO:
                    append(None)
                else:
                    append(shared(value, value) if is_ascii or value.isascii() else _utf8(value))
            child = nexts[child]
        return items

    return walk(root, max_depth)


#: Files larger than this are counted piece by piece before they are parsed whole: rapidyaml
#: keeps about 190 bytes per value, so a 64 MiB file of millions of short values must be
#: refused at the first value past ``max_nodes`` without ever holding them all.
PIECE_BYTES = 1 << 18
#: Where a piece may end: before a line at the least indentation found near the cut.
_LINE_AT = [re.compile(rb"\n {%d}[^ \n#]" % indent) for indent in range(0, 41, 2)]


def count_values(raw: bytes, limits: Limits, file: str) -> int:
    """How many values the file holds, counted in pieces of about :data:`PIECE_BYTES`; raises
    :class:`MapError` at the first value past ``limits.max_nodes``.

    Each piece is parsed alone, so the memory held is that of one piece; a line longer than a
    piece is counted by its separators (:func:`_long_line_values`). A piece never starts inside
    a block scalar (its lines could read as values); one that cannot be read alone (it holds the
    end of a list and the next key, or starts inside a multi-line flow collection) is counted in
    smaller pieces, and what cannot be read alone then counts as none. The count sizes the real
    parse, which checks the limit again. Not caught: a quoted scalar of several lines that
    crosses a piece's start and holds lines that read as YAML values, which could be counted as
    values.
    """
    total = 0
    # one tree for every piece, sized for a value every 16 bytes (a map has one every 14 or
    # so): a denser piece grows it, once, as it keeps its size; clearing it for the next piece
    # costs in proportion to that size (sized for a value every 4 bytes, a third of the count)
    tree = ryml.Tree()
    tree.reserve(PIECE_BYTES // 16)
    blocks = _block_scalars(raw)
    regions = [(0, len(raw), PIECE_BYTES)]  # what is left to count, in pieces of a size; last first
    while regions:
        start, stop, size = regions.pop()
        while start < stop:
            end = min(_outside_blocks(_piece_end(raw, start, stop, size), blocks, len(raw)), stop)
            if end - start > PIECE_BYTES and raw.find(b"\n", start, end - 1) < 0:
                values, place = _long_line_values(raw, start, end, limits.max_nodes - total)
                if place is not None:
                    line, column = LineIndex(raw).from_byte(place)
                    raise MapError([_too_many_problem(file, line, column, limits)])
                total, start = total + values, end
                continue
            buffer = bytearray(raw[start:end])
            tree.clear()
            try:
                with _quiet_stderr():
                    ryml.parse_in_place(buffer, tree=tree)
            except Exception:  # no YAML alone: counted again in smaller pieces, or as none
                if size > _SMALLEST_PIECE:
                    regions += [(end, stop, size), (start, end, size // 8)]
                    break
                start = end
                continue
            values = tree.size() - 1  # the piece's own root is no value of the file
            if total + values > limits.max_nodes:
                offset = _node_offset(tree, buffer, limits.max_nodes - total + 1)
                line, column = LineIndex(raw).from_byte(start + offset)
                raise MapError([_too_many_problem(file, line, column, limits)])
            total += values
            start = end
    return total


#: Pieces that cannot be read alone are counted again in pieces an eighth of their size, down to
#: this size.
_SMALLEST_PIECE = 1 << 12


#: A line that opens a flow collection: ``key: [``, ``- {``, ``[``.
_FLOW_LINE = re.compile(rb" *(?:- +)*(?:[^\s\[\]{}#,:\"'][^#:\n]*: +)?[\[{]")


def _long_line_values(raw: bytes, start: int, end: int, left: int) -> tuple[int, int | None]:
    """Values on one line too long to parse alone, and where the first past ``left`` is.

    Only a line that opens a flow collection is counted. There, each opening bracket starts a
    collection and each comma outside quotes starts one more value (a plain scalar in a flow
    collection cannot hold a comma): values = brackets + commas + 1, less the empty
    collections. Anything else counts as none. With no quotes on the line, the first value past
    the limit is found after the ``left``-th bracket or comma; otherwise the line's start
    stands for it.
    """
    if not _FLOW_LINE.match(raw, start, end):
        return 0, None
    quoted = raw.find(b'"', start, end) >= 0 or raw.find(b"'", start, end) >= 0
    text = _QUOTED.sub(b"", raw[start:end]) if quoted else raw
    first, last = (0, len(text)) if quoted else (start, end)
    comment = text.find(b" #", first, last)  # a comment's commas are no separators
    if comment >= 0:
        last = comment
    empties = text.count(b"[]", first, last) + text.count(b"{}", first, last)
    if any(text.find(spaced, first, last) >= 0 for spaced in (b"[ ", b"{ ", b"[\t", b"{\t")):
        empties = len(_EMPTY.findall(text, first, last))
    values = 1 + sum(text.count(mark, first, last) for mark in _STARTS) - empties
    if values <= left:
        return values, None
    return values, start if quoted else _after_nth_start(raw, first, last, left)


#: An empty flow collection: one value, not two.
_EMPTY = re.compile(rb"\[[ \t]*\]|\{[ \t]*\}")
#: The bytes after which a new value starts on a line of flow collections.
_STARTS = (b",", b"[", b"{")


def _after_nth_start(raw: bytes, first: int, last: int, n: int) -> int:
    """Offset just after the ``n``-th comma or opening bracket in ``raw[first:last]``: counted
    by blocks, so that only one block is looked at byte by byte."""
    if n <= 0:
        return first
    block, seen = 1 << 16, 0
    for at in range(first, last, block):
        stop = min(at + block, last)
        here = sum(raw.count(mark, at, stop) for mark in _STARTS)
        if seen + here >= n:
            for offset in range(at, stop):
                if raw[offset] in b",[{":
                    seen += 1
                    if seen == n:
                        return offset + 1
        seen += here
    return last


#: A block scalar's header: ``|`` or ``>`` with its indicators, at the end of a line.
_BLOCK_HEADER = re.compile(rb"[|>][-+0-9]*[ \t]*(?:#[^\n]*)?$", re.MULTILINE)


def _block_scalars(raw: bytes) -> list[tuple[int, int]]:
    """The (start, end) offsets of every block scalar's text: from the line after its header
    to the first line indented no more than the header's line (a header found in other text
    only makes a region larger, which is safe)."""
    regions: list[tuple[int, int]] = []
    if b"|" not in raw and b">" not in raw:
        return regions  # a byte search first: the pattern costs half a second on 64 MB
    for header in _BLOCK_HEADER.finditer(raw):
        if header.start() and raw[header.start() - 1] not in b" \t\n":
            continue  # the indicator starts the value, after a space, or a line
        line_start = raw.rfind(b"\n", 0, header.start()) + 1
        indent = len(raw[line_start:header.start()]) - len(
            raw[line_start:header.start()].lstrip(b" "))
        body = raw.find(b"\n", header.end())
        if body < 0:
            continue
        after = re.compile(rb"\n {0,%d}[^ \n]" % indent).search(raw, body)
        regions.append((body + 1, after.start() + 1 if after else len(raw)))
    return regions


def _outside_blocks(end: int, blocks: list[tuple[int, int]], size: int) -> int:
    """``end``, moved past the block scalar it falls inside, if any."""
    for start, stop in blocks[max(0, bisect_right(blocks, (end, size)) - 1):]:
        if start > end:
            break
        if start < end < stop:
            end = stop
    return end


def _piece_end(raw: bytes, start: int, stop: int, size: int) -> int:
    """Where the piece from ``start`` ends (by ``stop``): at a line start of least indentation
    near ``size`` bytes on; before a line longer than a piece, so that such a line is a piece of
    its own."""
    cut = start + size
    if cut >= stop:
        return stop
    for pattern in _LINE_AT:
        found = pattern.search(raw, cut, min(cut + size // 4, stop))
        if found:
            return found.start() + 1
    newline = raw.find(b"\n", cut, stop)
    if newline < 0 or newline - cut > size:  # a long line: end before it, or with it
        before = raw.rfind(b"\n", start, cut)
        if before >= 0:
            return before + 1
    return stop if newline < 0 else newline + 1


def _node_offset(tree: Any, buffer: bytearray, first: int) -> int:
    """Offset in ``buffer`` of the first scalar from node ``first`` on (0 when there is none)."""
    base = _address(buffer)
    for node in range(first, tree.size()):
        ty = tree.type(node)
        for has, read, quoted in ((ty & ryml.KEY, tree.key, _KEY_QUOTES),
                                  (ty & ryml.VAL and not ty & _CONTAINER, tree.val,
                                   _VAL_QUOTES)):
            text = read(node) if has else None
            if text is not None:
                offset = _address(text) - base - bool(ty & quoted)
                if 0 <= offset < len(buffer):  # text kept elsewhere cannot be placed
                    return offset
    return 0


def _too_many(tree: Any, buffer: bytearray, raw: bytes, file: str, limits: Limits) -> Problem:
    """The max_nodes error, placed at the first scalar past the limit."""
    line, column = LineIndex(raw).from_byte(_node_offset(tree, buffer, limits.max_nodes + 1))
    return _too_many_problem(file, line, column, limits)


def _too_many_problem(file: str, line: int, column: int, limits: Limits) -> Problem:
    return Problem(file, line, column, (
        f"the file has more than {limits.max_nodes:,} values (limit max_nodes, raised with "
        "DATAFLOW_MAX_NODES); split the map into several files with `include`, or raise the "
        "limit"))


class _BindingView:
    """The parsed tree as the locator reads it, through rapidyaml's binding."""

    def __init__(self, tree: Any, buffer: bytearray) -> None:
        self.tree = tree
        # the tree's scalars point into the buffer: kept alive while the tree is read
        self.buffer, self.base = buffer, _address(buffer)
        self.root_id, self.type = tree.root_id, tree.type
        self.first_child, self.next_sibling = tree.first_child, tree.next_sibling
        self.has_key = tree.has_key

    def key_text(self, node: int) -> str:
        return str(self.tree.key(node), "utf-8")

    def val_length(self, node: int) -> int:
        text = self.tree.val(node)
        return 0 if text is None else len(text)

    def offset(self, node: int, key: bool) -> int:
        return _address(self.tree.key(node) if key else self.tree.val(node)) - self.base


class _TableView:
    """The same, read from the node table (no call into the binding per question)."""

    def __init__(self, table: _NodeTable) -> None:
        self.table = table

    def root_id(self) -> int:
        return 0

    def type(self, node: int) -> int:
        return self.table.type[node]

    def first_child(self, node: int) -> int:
        found = self.table.first[node]
        return _NONE if found == _NONE32 else found

    def next_sibling(self, node: int) -> int:
        found = self.table.next[node]
        return _NONE if found == _NONE32 else found

    def has_key(self, node: int) -> bool:
        return bool(self.table.type[node] & ryml.KEY)

    def key_text(self, node: int) -> str:
        table = self.table
        return table.scalar(table.offset(table.key[node]), table.key_length[node])

    def val_length(self, node: int) -> int:
        return self.table.val_length[node]

    def offset(self, node: int, key: bool) -> int:
        table = self.table
        return table.offset(table.key[node] if key else table.val[node])


class _Locator:
    """Finds the line and column of a path by walking the parsed tree."""

    def __init__(self, tree: _BindingView | _TableView, raw: bytes) -> None:
        self._tree = tree
        self._raw = raw
        self._lines = LineIndex(raw)
        self._children: dict[int, list[int]] = {}
        self._keys: dict[int, dict[str, int]] = {}
        #: the nodes along the path to each container asked about, and whether the file has it
        self._trails: dict[Path, tuple[list[int], bool]] = {}

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
        container = path[:-1]  # walked once for the places of all its entries
        known = self._trails.get(container)
        if known is None:
            trail, found = [self._tree.root_id()], True
            for part in container:
                trail, found = self._step(trail, part)
                if not found:
                    break
            known = self._trails[container] = (trail, found)
        trail, found = known
        if found and path:
            trail, found = self._step(trail, path[-1])
        offset = self._offset(trail, key and found)
        return self._lines.from_byte(offset) if offset is not None else (1, 1)

    def _step(self, trail: list[int], part: str | int) -> tuple[list[int], bool]:
        """The trail one part further, and True; or the trail as it is and False, where the
        file has no such part."""
        tree = self._tree
        node = trail[-1]
        if not tree.type(node) & _CONTAINER:
            return trail, False
        children = self._child_list(node)
        if isinstance(part, int):
            if not (tree.type(node) & _SEQ and 0 <= part < len(children)):
                return trail, False
            return [*trail, children[part]], True
        keys = self._keys.get(node)
        if keys is None:
            keys = {}
            for c in children:
                if tree.type(c) & ryml.KEY:
                    keys.setdefault(tree.key_text(c), c)
            self._keys[node] = keys
        match = keys.get(part)
        if match is None:
            return trail, False
        return [*trail, match], True

    def _offset(self, trail: list[int], key: bool) -> int | None:
        tree = self._tree
        node = trail[-1]
        if key and tree.has_key(node):
            return self._start(node, True)
        while True:
            ty = tree.type(node)
            if ty & _CONTAINER:
                first = tree.first_child(node)  # only the first is needed: no list of all
                if first == _NONE:
                    break
                node = first
                if tree.has_key(node):
                    return self._start(node, True)
                continue
            if tree.val_length(node):
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
        offset = tree.offset(node, key)
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
