"""The reference reader, on PyYAML's composer: reads any YAML and words every error.

Only the null scalars of YAML 1.2's core schema are resolved (``~``, ``null``, empty);
every other scalar stays text. No tag constructs anything: a tag other than the plain
``!!str``, ``!!map`` and ``!!seq`` is an error. Aliases are expanded within
:attr:`Limits.max_nodes`, so that a few lines cannot ask for billions of values.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from ..errors import MapError, Problem
from . import guard
from .document import NULLS, Document, Limits, LineIndex, Path, stack_for

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG_ESCAPE = re.compile(r"\\U([0-9A-Fa-f]{8})")
_KIND_OF_TAG = {_STR: ScalarNode, _NULL: ScalarNode, "tag:yaml.org,2002:map": MappingNode,
                "tag:yaml.org,2002:seq": SequenceNode}


class _Resolver(BaseResolver):
    """Resolves nothing but YAML 1.2 nulls: ``NO``, ``on``, ``0123`` and dates stay text."""


_Resolver.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"),
                                ["~", "n", "N", ""])

try:
    from yaml.cyaml import CParser as _FastParser
except ImportError:  # PyYAML built without libyaml
    _FastParser = None


class _PythonEvents(Reader, Scanner, Parser, _Resolver):
    """PyYAML's own parser, in Python: no limits of its own, so ours always speak first."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _Resolver.__init__(self)


if _FastParser is not None:
    class _FastEvents(_FastParser, _Resolver):  # type: ignore[misc, valid-type]
        """libyaml's parser, in C: the same events, faster."""

        def __init__(self, stream: str) -> None:
            _FastParser.__init__(self, stream)
            _Resolver.__init__(self)

    _EVENT_SOURCES: tuple[type, ...] = (_FastEvents, _PythonEvents)
else:
    _EVENT_SOURCES = (_PythonEvents,)


class _StopReadingError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def read(text: str, raw: bytes, file: str, limits: Limits) -> Document:
    """Read ``text`` or raise :class:`MapError` with every problem found.

    Events come from libyaml when it is installed. When libyaml refuses the text, the
    text is read again by PyYAML's Python parser, which has no limits of its own: so
    whichever libyaml is installed, this reader's limits (depth, values) speak first,
    and a syntax error is worded the same way on every machine.
    """
    lines = LineIndex(raw)

    def place(index: int) -> tuple[int, int]:
        return lines.from_char(index, text)

    root: Node | None = None
    for position, source in enumerate(_EVENT_SOURCES):
        events = source(text)
        try:
            root = _compose(events, file, place, limits)
            break
        except _StopReadingError as stop:
            raise MapError([stop.problem]) from None
        except yaml.MarkedYAMLError as exc:
            if position + 1 < len(_EVENT_SOURCES):
                continue  # libyaml's word is not the last: read it again in Python
            raise MapError([_syntax_problem(exc, file, place, text)]) from None
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow
            code = exc.character if isinstance(exc.character, int) else ord(exc.character)
            raise MapError([Problem(file, *place(exc.position), (
                f"invalid YAML: character U+{code:04X} is not allowed in YAML (a control "
                "character?); remove it or write it as an escape in a double-quoted "
                "string"))]) from None
        except yaml.YAMLError as exc:  # an unmarked error: should not happen, but say it
            raise MapError([Problem(file, 1, 1, f"invalid YAML: {exc}")]) from None
        except (ValueError, OverflowError):  # PyYAML's scanner on \U beyond U+10FFFF
            escape = next((m for m in _LONG_ESCAPE.finditer(text)
                           if int(m.group(1), 16) > 0x10FFFF), None)
            raise MapError([Problem(file, *(place(escape.start()) if escape else (1, 1)), (
                "a \\U escape names no Unicode character (the largest is \\U0010FFFF); "
                "correct the escape"))]) from None
        finally:
            events.dispose()
    if root is None:
        raise MapError([Problem(file, 1, 1, "the file is empty; a map starts with `dataflow: 1`")])
    departures = _departures(text, file, place)
    if departures:
        raise MapError(departures)
    walker = _Walker(file, place, limits)
    try:
        with stack_for(limits.max_depth):
            data = walker.value(root, limits.max_depth)
    except _StopReadingError as stop:
        raise MapError([*walker.problems, stop.problem]) from None
    except RecursionError:
        raise MapError([Problem(file, 1, 1, (
            "the YAML is nested too deeply to read (limit max_depth, raised with "
            "DATAFLOW_MAX_DEPTH); a map needs only a few levels"))]) from None
    if walker.problems:
        raise MapError(walker.problems)
    return Document(file, data, _Locator(root, place).locate)


def _departures(text: str, file: str, place: Any) -> list[Problem]:
    """Where PyYAML may read the text differently from YAML 1.2 (see :mod:`.guard`)."""
    for position, source in enumerate(_EVENT_SOURCES):
        try:
            return guard.problems(guard.scan(text, source), text, file, place)
        except yaml.YAMLError:
            if position + 1 == len(_EVENT_SOURCES):
                raise
    return []


def _compose(events: Any, file: str, place: Any, limits: Limits) -> Node | None:
    """Build the node tree of the single document from parser events, without recursion.

    Depth and the number of values are checked as each node starts, so a hostile file is
    refused at the first node past a limit, before the rest of it is read.
    """
    events.get_event()  # stream start
    if events.check_event(StreamEndEvent):
        return None
    events.get_event()  # document start
    anchors: dict[str, Node] = {}
    stack: list[list[Any]] = []  # [collection node, pending mapping key or _NO_KEY]
    budget = limits.max_nodes
    root: Node | None = None

    def stop(event: Any, message: str) -> _StopReadingError:
        return _StopReadingError(Problem(file, *place(event.start_mark.index), message))

    while root is None:
        event = events.get_event()
        node: Node | None = None
        if isinstance(event, (SequenceEndEvent, MappingEndEvent)):
            node = stack.pop()[0]
            node.end_mark = event.end_mark
        elif isinstance(event, AliasEvent):
            if event.anchor not in anchors:
                raise ComposerError(None, None, f"found undefined alias {event.anchor!r}",
                                    event.start_mark)
            node = anchors[event.anchor]
        else:
            if len(stack) >= limits.max_depth:
                raise stop(event, (
                    f"the YAML is nested more than {limits.max_depth} levels deep (limit "
                    "max_depth, raised with DATAFLOW_MAX_DEPTH); a map needs only a few"))
            # a value counts; a mapping's key does not (in the fast reader a key and its value
            # are one node) nor does the document's top node, so a limit means the same in
            # both readers
            at_key = bool(stack) and stack[-1][1] is _NO_KEY and isinstance(
                stack[-1][0], MappingNode) and isinstance(event, ScalarEvent)
            budget -= bool(stack) and not at_key
            if budget < 0:
                raise stop(event, (
                    f"the file has more than {limits.max_nodes:,} values (limit max_nodes, "
                    "raised with DATAFLOW_MAX_NODES); split the map into several files with "
                    "`include`, or raise the limit"))
            if event.anchor is not None and event.anchor in anchors:
                raise ComposerError(
                    f"found duplicate anchor {event.anchor!r}; first occurrence",
                    anchors[event.anchor].start_mark, "second occurrence", event.start_mark)
            if isinstance(event, ScalarEvent):
                tag = event.tag
                if tag is None or tag == "!":
                    tag = events.resolve(ScalarNode, event.value, event.implicit)
                node = ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                                  style=event.style)
            else:
                kind = SequenceNode if isinstance(event, SequenceStartEvent) else MappingNode
                tag = event.tag
                if tag is None or tag == "!":
                    tag = events.resolve(kind, None, event.implicit)
                collection = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
                if event.anchor is not None:
                    anchors[event.anchor] = collection
                stack.append([collection, _NO_KEY])
                continue
            if event.anchor is not None:
                anchors[event.anchor] = node
        if not stack:
            root = node
            break
        parent = stack[-1]
        if isinstance(parent[0], SequenceNode):
            parent[0].value.append(node)
        elif parent[1] is _NO_KEY:
            parent[1] = node
        else:
            parent[0].value.append((parent[1], node))
            parent[1] = _NO_KEY
    events.get_event()  # document end
    if not events.check_event(StreamEndEvent):
        event = events.get_event()
        raise ComposerError("expected a single document in the stream", root.start_mark,
                            "but found another document", event.start_mark)
    return root


_NO_KEY = object()


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str, place: Any, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = place(mark.index) if mark is not None else (1, 1)
    what = exc.problem or "invalid YAML"
    if mark is not None and text[mark.index:mark.index + 1] == "\t":
        what += " (YAML does not allow tabs for indentation: use spaces)"
    context = ""
    if exc.context and exc.context_mark is not None:
        cline, ccolumn = place(exc.context_mark.index)
        context = f" ({exc.context} at line {cline}, column {ccolumn})"
    return Problem(file, line, column, f"invalid YAML: {what}{context}")


class _Walker:
    def __init__(self, file: str, place: Any, limits: Limits) -> None:
        self.file = file
        self.place = place
        self.budget = limits.max_nodes + 1  # the top node is no value (as in the fast reader)
        self.alias_budget = limits.max_alias_nodes
        self.text_budget = limits.max_file_bytes  # characters that aliases may repeat
        self.limits = limits
        self.seen: set[int] = set()
        self.problems: list[Problem] = []

    def problem(self, node: Node, message: str) -> Problem:
        return Problem(self.file, *self.place(node.start_mark.index), message)

    def _check_tag(self, node: Node) -> None:
        """Only the plain tags, each on the kind of node it names (!!null on no text)."""
        kind = _KIND_OF_TAG.get(node.tag)
        if kind is None:
            self.problems.append(self.problem(node, (
                f"YAML tag '{node.tag}' is not allowed: a map holds plain text, lists and "
                "mappings; remove the tag")))
        elif not isinstance(node, kind) or (
                node.tag == _NULL and node.value not in NULLS):
            self.problems.append(self.problem(node, (
                f"YAML tag '{node.tag}' does not fit what it tags: remove the tag")))

    def _check_text(self, node: ScalarNode) -> None:
        if _SURROGATE.search(node.value):
            self.problems.append(self.problem(node, (
                "this text has an escape of half a UTF-16 surrogate pair (\\ud800 to "
                "\\udfff), which is no character; escape the character itself, e.g. "
                "\\U0001F600, or write it as it is")))

    def value(self, node: Node, depth: int, aliased: bool = False) -> Any:
        if not aliased:
            aliased = id(node) in self.seen  # an alias repeats a part of the file
            self.seen.add(id(node))
        if aliased:
            self.alias_budget -= 1
            if isinstance(node, ScalarNode):  # repeated text counts against the size limit
                self.text_budget -= len(node.value)
                if self.text_budget < 0:
                    raise _StopReadingError(self.problem(node, (
                        "aliases (*name) repeat more text than a map file may hold: over "
                        f"{self.limits.max_file_bytes:,} characters (limit max_file_bytes, "
                        "raised with DATAFLOW_MAX_FILE_BYTES); write the values out, or "
                        "repeat less")))
            if self.alias_budget < 0:
                raise _StopReadingError(self.problem(node, (
                    f"aliases (*name) repeat more than {self.limits.max_alias_nodes:,} values "
                    "(limit max_alias_nodes, raised with DATAFLOW_MAX_ALIAS_NODES); write the "
                    "values out, or repeat less")))
        self.budget -= 1
        if self.budget < 0:
            raise _StopReadingError(self.problem(node, (
                f"the file expands to more than {self.limits.max_nodes:,} values (limit "
                "max_nodes, raised with DATAFLOW_MAX_NODES); are aliases (*name) repeating a "
                "large part of it?")))
        if depth <= 0:
            raise _StopReadingError(self.problem(node, (
                f"the YAML is nested more than {self.limits.max_depth} levels deep (limit "
                "max_depth, raised with DATAFLOW_MAX_DEPTH); a map needs only a few")))
        self._check_tag(node)
        if isinstance(node, ScalarNode):
            self._check_text(node)
            return None if node.tag == _NULL else node.value
        if isinstance(node, SequenceNode):
            return [self.value(item, depth - 1, aliased) for item in node.value]
        assert isinstance(node, MappingNode)
        mapping: dict[str, Any] = {}
        first: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(self.problem(key_node, (
                    "a key must be plain text, not a list or mapping")))
                continue
            self._check_tag(key_node)
            self._check_text(key_node)
            key = key_node.value
            if key in first:
                line, column = self.place(first[key].start_mark.index)
                self.problems.append(self.problem(key_node, (
                    f"duplicate key '{key}' (first at line {line}, column {column}); "
                    "remove one of them")))
                continue
            first[key] = key_node
            mapping[key] = self.value(value_node, depth - 1, aliased)
        return mapping


class _Locator:
    def __init__(self, root: Node, place: Any) -> None:
        self._root = root
        self._place = place

    def locate(self, path: Path, key: bool) -> tuple[int, int]:
        trail: list[tuple[Node | None, Node]] = [(None, self._root)]  # (key node, value node)
        for part in path:
            node = trail[-1][1]
            step = None
            if isinstance(node, SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    step = (None, node.value[part])
            elif isinstance(node, MappingNode) and isinstance(part, str):
                step = next(((k, v) for k, v in node.value
                             if isinstance(k, ScalarNode) and k.value == part), None)
            if step is None:
                key = False
                break
            trail.append(step)
        key_node, node = trail[-1]
        if key and key_node is not None:
            return self._place(key_node.start_mark.index)
        while True:
            if isinstance(node, MappingNode) and node.value:
                return self._place(node.value[0][0].start_mark.index)
            if isinstance(node, SequenceNode) and node.value:
                node = node.value[0]
                continue
            if isinstance(node, ScalarNode) and node.value != "":
                return self._place(node.start_mark.index)
            break
        for up_key, _ in reversed(trail):
            if up_key is not None:
                return self._place(up_key.start_mark.index)
        return (1, 1)
