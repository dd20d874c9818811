"""JSON, the shape of ``check --format json`` (docs/reference/cli.md): ``{"map", "as_of",
"summary", "findings", "transfers"}``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from operator import attrgetter
from typing import Any

from ..findings import Finding, Report, Transfer
from .encoded import Encoded
from .safe import plain, plain_each

_ITEM = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
#: A string as ``_ITEM`` writes it: the same function (in C where the interpreter has it).
_string = json.encoder.encode_basestring


def _long_string(text: str) -> str:
    """:func:`_string` for long text such as a finding's message: printable ASCII without
    quotes or backslashes, as most messages are, needs no escape, and looking for what would
    need one takes half the time of the encoder's pass over a few hundred characters (on an
    ID or a word, the look costs more than the pass)."""
    return '"' + text + '"' if plain(text, _ESCAPED, ascii_only=True) else _string(text)


#: What the JSON encoder escapes in printable ASCII text.
_ESCAPED = '"\\'
_message = attrgetter("message")


def plain_messages(findings: Sequence[Finding]) -> list[bool]:
    """For each finding, whether its message is printable ASCII without quotes or backslashes,
    and so its own JSON string between quotes (:func:`.safe.plain_each`)."""
    return plain_each(list(map(_message, findings)), _ESCAPED, ascii_only=True)


def finding(item: Finding, encoded: Encoded, plain_message: bool = False) -> str:
    """``item.to_dict()`` as JSON on one line, the text ``_ITEM`` would write, put together
    from its fields: encoding the dict costs twice as much, most of it on the same strings.
    ``encoded`` holds the values findings share (tests/test_outputs.py compares the two);
    ``plain_message`` says that the message needs no escape (:func:`plain_messages`)."""
    try:
        line, column = item.line, item.column
        message, quote = ((item.message, '"') if plain_message
                          else (_long_string(item.message), ""))
        text = (
            f'{{"id": {_string(item.id)}, "rule": {encoded[item.rule]}, '
            f'"name": {encoded[item.name]}, "severity": {_string(item.severity)}, '
            f'"message": {quote}{message}{quote}, "file": {encoded[item.file]}, '
            f'"line": {"null" if line is None else line}, '
            f'"column": {"null" if column is None else column}, '
            f'"remediation": {encoded[item.remediation]}, "flow": {encoded[item.flow]}, '
            f'"source": {encoded[item.source]}, "target": {encoded[item.target]}, '
            f'"jurisdiction": {encoded[item.jurisdiction]}, "law": {encoded[item.law]}, '
            f'"destination": {encoded[item.destination]}, '
            f'"categories": {encoded[item.categories]}, '
            f'"references": {encoded[item.references]}')
    except TypeError:  # a field of a type the model never gives (a list, not a tuple)
        return _ITEM.encode(item.to_dict())
    if item.waiver is not None:
        text += f', "waiver": {_ITEM.encode(dict(item.waiver))}'
    if item.baselined:
        text += ', "baselined": true'
    return text + "}"


def transfer(item: Transfer, encoded: Encoded) -> str:
    """``item.to_dict()`` as JSON on one line, put together as :func:`finding` is."""
    try:
        return (f'{{"flow": {encoded[item.flow]}, "source": {encoded[item.source]}, '
                f'"target": {encoded[item.target]}, '
                f'"jurisdiction": {encoded[item.jurisdiction]}, '
                f'"destination": {encoded[item.destination]}, '
                f'"onward": {"true" if item.onward else "false"}, '
                f'"status": {encoded[item.status]}, '
                f'"mechanisms": {encoded[item.mechanisms]}}}')
    except TypeError:
        return _ITEM.encode(item.to_dict())


def dumps(data: Any, depth: int = 2) -> str:
    """Deterministic JSON text with a final newline.

    The outer ``depth`` levels are indented; what lies deeper (one finding, one transfer)
    stays on one line, so that reports diff line by line and large ones are written fast.
    """
    return _dump(data, depth, "") + "\n"


def _dump(data: Any, depth: int, indent: str) -> str:
    if depth <= 0 or not isinstance(data, dict | list) or not data:
        return _ITEM.encode(data)
    inner = indent + "  "
    if isinstance(data, dict):
        items = [f"{inner}{_ITEM.encode(str(k))}: {_dump(v, depth - 1, inner)}"
                 for k, v in data.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    items = [inner + _dump(v, depth - 1, inner) for v in data]
    return "[\n" + ",\n".join(items) + f"\n{indent}]"


def stream(report: Report, *, fail_on: str = "error") -> Iterator[str]:
    """:func:`render` in pieces, one finding or transfer at a time, so that a large report is
    written as it is made instead of held whole (the same bytes)."""
    head = {"map": report.map_name, "as_of": report.as_of.isoformat(),
            "summary": dict(report.summary)}
    yield "{\n" + "".join(f"  {_ITEM.encode(k)}: {_dump(v, 1, '  ')},\n"
                           for k, v in head.items())
    yield '  "findings": '
    yield from array_lines(report.findings, finding, plain_messages(report.findings))
    yield ',\n  "transfers": '
    yield from array_lines(report.transfers, transfer)
    yield "\n}\n"


def array_lines(items: tuple[Any, ...], encode: Callable[..., str],
                messages_plain: list[bool] | None = None) -> Iterator[str]:
    """A JSON array of findings or transfers, one a line, as the value of a key of a report
    (``encode`` is :func:`finding`, told whether each message needs no escape
    (``messages_plain``), or :func:`transfer`)."""
    if not items:
        yield "[]"
        return
    encoded = Encoded(_ITEM.encode)
    separator = "[\n    "
    if messages_plain is None:
        for item in items:
            yield separator + encode(item, encoded)
            separator = ",\n    "
    else:
        for item, plain_message in zip(items, messages_plain, strict=True):
            yield separator + encode(item, encoded, plain_message)
            separator = ",\n    "
    yield "\n  ]"


def render(report: Report, *, fail_on: str = "error") -> str:
    return "".join(stream(report))
