"""Where PyYAML reads YAML differently from the YAML 1.2 specification, refuse the text.

PyYAML accepts some invalid YAML and reads a few valid constructs differently from the
specification (measured on the official yaml-test-suite). A map must mean what it says, so
the reference reader runs these checks over PyYAML's tokens first and refuses, with a located
error and a way to write the same thing plainly, every text in those cases:

- a comment must be separated from what precedes it by white space (``]#x``, ``"v"#x``,
  ``>#x`` and ``%YAML 1.1#x`` are not comments, and not valid YAML);
- the lines of a flow collection or a quoted scalar that continue inside a block must be
  indented with spaces, more than that block;
- ``-``, ``?`` and ``:`` start a plain scalar in a flow collection only when followed by a
  character that is not a space or a flow indicator (``[-]`` is invalid, ``[?x]`` is the text
  ``?x``, which PyYAML reads as a key);
- an anchor or alias name runs to the next space or flow indicator (``&an:chor`` is one
  name, which PyYAML cuts at the colon);
- a block scalar's first lines may not be indented more than its first line of content;
- a file that ends inside a block scalar with a line of spaces and no line break.

The checks are linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import yaml
from yaml.tokens import (
    AliasToken,
    AnchorToken,
    BlockEndToken,
    BlockEntryToken,
    BlockMappingStartToken,
    BlockSequenceStartToken,
    DirectiveToken,
    DocumentEndToken,
    FlowMappingEndToken,
    FlowMappingStartToken,
    FlowSequenceEndToken,
    FlowSequenceStartToken,
    KeyToken,
    ScalarToken,
    StreamEndToken,
    TagToken,
)

from ..errors import Problem

_SPACE = " \t\r\n"
_SPACES = re.compile(" *")
_FLOW_INDICATORS = ",[]{}"


def problems(tokens: Iterator[Any], text: str, file: str,
             place: Callable[[int], tuple[int, int]]) -> list[Problem]:
    """Every place where PyYAML's reading of ``text`` may differ from YAML 1.2."""
    found: list[Problem] = []

    def refuse(index: int, message: str) -> None:
        found.append(Problem(file, *place(index), message))

    covered: list[tuple[int, int]] = []  # spans of scalars, anchors, tags and directives
    blocks: list[int] = []  # columns of the open block collections
    flows: list[tuple[int, int]] = []  # (start index, indent of the enclosing block)
    last: Any = None
    for token in tokens:
        start, end = token.start_mark.index, token.end_mark.index
        if isinstance(token, BlockMappingStartToken | BlockSequenceStartToken):
            blocks.append(token.start_mark.column)
        elif isinstance(token, BlockEndToken) and blocks:
            blocks.pop()
        elif isinstance(token, FlowSequenceStartToken | FlowMappingStartToken):
            flows.append((start, blocks[-1] if blocks else -1))
        elif isinstance(token, FlowSequenceEndToken | FlowMappingEndToken) and flows:
            opened, indent = flows.pop()
            if not flows:
                _continuation(text, opened, end, indent, refuse, "a flow collection")
        elif isinstance(token, BlockEntryToken) and flows:
            refuse(start, "'-' alone cannot start a plain text in a flow collection: quote it "
                          "('-')")
        elif isinstance(token, KeyToken) and flows and text[start:start + 1] == "?" \
                and text[start + 1:start + 2] not in ("", *_SPACE):
            refuse(start, "'?' followed by text starts a plain text in a flow collection "
                          "(YAML 1.2), but not every YAML reader agrees: quote the text")
        elif isinstance(token, AnchorToken | AliasToken):
            covered.append((start, end))
            after = text[end:end + 1]
            if after and after not in _SPACE and after not in _FLOW_INDICATORS:
                refuse(start, f"the name of '{text[start:end]}' goes on past '{after}' in "
                              "YAML 1.2, but not every YAML reader agrees: use only letters, "
                              "digits, '-' and '_' in anchor names")
        elif isinstance(token, TagToken | DirectiveToken):
            covered.append((start, end))
        elif isinstance(token, ScalarToken):
            covered.append((start, end))
            _scalar(token, text, start, end, flows, blocks, refuse)
        if not isinstance(token, BlockEndToken | StreamEndToken | DocumentEndToken):
            last = token
    if isinstance(last, ScalarToken) and last.style in ("|", ">"):
        tail = text[text.rfind("\n") + 1:]
        if tail and not tail.strip(" \t"):
            refuse(len(text) - len(tail), (
                "the file ends inside a block scalar with a line of spaces and no line break, "
                "which YAML readers read differently: remove the spaces or end the line"))
    _comments(text, covered, refuse)
    return sorted(found)


def _scalar(token: ScalarToken, text: str, start: int, end: int,
            flows: list[tuple[int, int]], blocks: list[int],
            refuse: Callable[[int, str], None]) -> None:
    style = token.style or None  # libyaml gives '' for plain scalars, PyYAML None
    if style is None and flows:
        first, second = text[start:start + 1], text[start + 1:start + 2]
        if first in "-?:" and (second == "" or second in _SPACE or second in _FLOW_INDICATORS):
            refuse(start, f"'{first}' alone cannot start a plain text in a flow collection: "
                          f"quote it ('{first}')")
    if style in ("'", '"') and not flows:
        _continuation(text, start, end, blocks[-1] if blocks else -1, refuse,
                      "a quoted scalar")
    if style in ("|", ">"):
        _block_scalar(text, start, end, blocks[-1] if blocks else -1, refuse)


def _continuation(text: str, start: int, end: int, indent: int,
                  refuse: Callable[[int, str], None], what: str) -> None:
    """Lines after the first of ``text[start:end]`` must be indented more than ``indent``."""
    index = text.find("\n", start, end)
    while index != -1:
        line = index + 1
        spaces = _SPACES.match(text, line).end() - line  # type: ignore[union-attr]
        rest = text[line + spaces:line + spaces + 1]
        if rest not in ("", "\n", "\r") and spaces <= indent and line + spaces < end:
            refuse(line, f"a line that continues {what} must be indented with spaces, more "
                         f"than the block around it (at least {indent + 1})")
            return
        index = text.find("\n", line, end)


def _block_scalar(text: str, start: int, end: int, indent: int,
                  refuse: Callable[[int, str], None]) -> None:
    header_end = text.find("\n", start)
    if header_end == -1:
        return
    header = text[start:header_end]
    indicators = header.rstrip()
    hash_at = indicators.find("#")
    if hash_at != -1 and indicators[hash_at - 1:hash_at] not in (" ", "\t"):
        refuse(start + hash_at, "a comment must be separated from the block scalar indicator "
                                "by a space")
    if any(c.isdigit() for c in indicators[:hash_at if hash_at != -1 else None]):
        return  # an explicit indentation: nothing is detected
    widest = 0
    line = header_end + 1
    while line < len(text):
        stop = text.find("\n", line)
        stop = len(text) if stop == -1 else stop
        content = text[line:stop].rstrip("\r")
        if content.strip(" "):
            spaces = len(content) - len(content.lstrip(" "))
            if spaces > indent and widest > spaces:
                refuse(line, "the first lines of this block scalar are indented more than its "
                             "first line of text, which YAML does not allow: remove the "
                             "spaces of the empty lines")
            return
        widest = max(widest, len(content))
        line = stop + 1


def _comments(text: str, covered: list[tuple[int, int]],
              refuse: Callable[[int, str], None]) -> None:
    """A '#' outside every token starts a comment, which needs white space before it."""
    covered.sort()
    spans = iter(covered)
    span = next(spans, None)
    index = text.find("#")
    while index != -1:
        while span is not None and span[1] <= index:
            span = next(spans, None)
        inside = span is not None and span[0] <= index < span[1]
        if inside:
            index = text.find("#", index + 1)
            continue
        if index > 0 and text[index - 1] not in _SPACE:
            refuse(index, "a comment must be separated from what comes before it by a space "
                          "(write ' #'), or the '#' belongs in quotes")
        line_end = min((e for e in (text.find("\n", index), text.find("\r", index)) if e != -1),
                       default=len(text))
        index = text.find("#", line_end)  # the rest of the line is the comment


def scan(text: str, loader: type) -> Iterator[Any]:
    """PyYAML's tokens of ``text`` with ``loader``'s scanner."""
    return yaml.scan(text, Loader=loader)
