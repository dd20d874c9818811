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
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from ..errors import MapError, Problem
from .document import Document, Limits, LineIndex, Path

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_PLAIN_TAGS = {_STR, _NULL, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Resolver(BaseResolver):
    """Resolves nothing but YAML 1.2 nulls: ``NO``, ``on``, ``0123`` and dates stay text."""


_Resolver.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"),
                                ["~", "n", "N", ""])

try:
    from yaml.cyaml import CParser

    class _Loader(CParser, _Resolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)
except ImportError:  # PyYAML built without libyaml
    class _Loader(Reader, Scanner, Parser, Composer, _Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            _Resolver.__init__(self)


class _StopReadingError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def read(text: str, raw: bytes, file: str, limits: Limits) -> Document:
    """Read ``text`` or raise :class:`MapError` with every problem found."""
    lines = LineIndex(raw)

    def place(index: int) -> tuple[int, int]:
        return lines.from_char(index, text)

    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise MapError([_syntax_problem(exc, file, place, text)]) from None
    except yaml.YAMLError as exc:  # an unmarked error: should not happen, but say it
        raise MapError([Problem(file, 1, 1, f"invalid YAML: {exc}")]) from None
    except RecursionError:
        raise MapError([Problem(file, 1, 1, (
            "the YAML is nested too deeply to read (limit max_depth, raised with "
            "DATAFLOW_MAX_DEPTH); a map needs only a few levels"))]) from None
    finally:
        loader.dispose()
    if root is None:
        raise MapError([Problem(file, 1, 1, "the file is empty; a map starts with `dataflow: 1`")])
    walker = _Walker(file, place, limits)
    try:
        data = walker.value(root, limits.max_depth)
    except _StopReadingError as stop:
        raise MapError([*walker.problems, stop.problem]) from None
    if walker.problems:
        raise MapError(walker.problems)
    return Document(file, data, _Locator(root, place).locate)


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
        self.budget = limits.max_nodes
        self.alias_budget = limits.max_alias_nodes
        self.limits = limits
        self.seen: set[int] = set()
        self.problems: list[Problem] = []

    def problem(self, node: Node, message: str) -> Problem:
        return Problem(self.file, *self.place(node.start_mark.index), message)

    def value(self, node: Node, depth: int, aliased: bool = False) -> Any:
        if not aliased and not isinstance(node, ScalarNode):
            aliased = id(node) in self.seen  # an alias repeats a part of the file
            self.seen.add(id(node))
        if aliased:
            self.alias_budget -= 1
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
        if node.tag not in _PLAIN_TAGS:
            self.problems.append(self.problem(node, (
                f"YAML tag '{node.tag}' is not allowed: a map holds plain text, lists and "
                "mappings; remove the tag")))
        if isinstance(node, ScalarNode):
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
