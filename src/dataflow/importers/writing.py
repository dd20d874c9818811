"""Writing an imported map as YAML with comments, the same bytes for the same map.

Strings are written plain only when no YAML reader could take them for anything else (a
word like ``NO``, ``on`` or ``0123`` is quoted); every other string is double-quoted, with
the characters YAML does not allow in a file written as escapes.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .result import LISTS, Imported

__all__ = ["to_yaml"]

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9._/@+-]*( [A-Za-z0-9._/@+()-]+)*")
#: Words that YAML 1.1 readers turn into booleans or null.
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
#: Characters YAML does not allow in a file (C1 controls, surrogates, U+FFFE, U+FFFF) or that
#: readers disagree on (NEL, LS, PS, a byte-order mark): written as escapes.
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _escaped(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def scalar(value: Any) -> str:
    """``value`` (text, a whole number, or nothing: an empty value kept in an ``x-`` field)
    as a YAML scalar that reads back as written."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        raise TypeError(f"an imported map holds text and whole numbers only, not {value!r}")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    return _UNPRINTABLE.sub(_escaped, json.dumps(text, ensure_ascii=False))


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _block(data: dict[str, Any], indent: int, first_prefix: str = "") -> list[str]:
    """The lines of a mapping; the first starts with ``first_prefix`` (``- `` in a list)."""
    lines: list[str] = []
    pad = " " * indent
    for number, (key, value) in enumerate(data.items()):
        lead = (pad[:-len(first_prefix)] + first_prefix) if number == 0 and first_prefix \
            else pad
        name = scalar(key)
        if _is_scalar(value):
            lines.append(f"{lead}{name}: {scalar(value)}")
        elif isinstance(value, list) and all(_is_scalar(v) for v in value):
            lines.append(f"{lead}{name}: [{', '.join(scalar(v) for v in value)}]")
        elif isinstance(value, list):
            lines.append(f"{lead}{name}:")
            lines += _sequence(value, indent + 2)
        elif value:
            lines.append(f"{lead}{name}:")
            lines += _block(value, indent + 2)
        else:
            lines.append(f"{lead}{name}: {{}}")
    return lines


def _sequence(items: list[Any], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            lines += _block(item, indent + 2, first_prefix="- ")
        elif isinstance(item, list) and not all(_is_scalar(v) for v in item):
            lines.append(f"{pad}-")
            lines += _sequence(item, indent + 2)
        elif isinstance(item, list):
            lines.append(f"{pad}- [{', '.join(scalar(v) for v in item)}]")
        else:
            lines.append(f"{pad}- {'{}' if isinstance(item, dict) else scalar(item)}")
    return lines


#: What a comment cannot hold: controls but the tab, and what :data:`_UNPRINTABLE` names.
_NOT_IN_COMMENTS = re.compile("[\x00-\x08\x0b-\x1f" + _UNPRINTABLE.pattern[1:])


def _comment(lines: list[str], indent: int) -> list[str]:
    """Comment lines; a line break in the text starts another, a control is escaped."""
    pad = " " * indent
    return [f"{pad}# {_NOT_IN_COMMENTS.sub(_escaped, line)}".rstrip()
            for text in lines for line in text.split("\n")]


def to_yaml(imported: Imported) -> str:
    """The map as a YAML file: the header and what was not carried over first, then the
    map, each element under the comments that say where it came from."""
    out = _comment(imported.header, 0)
    notes = imported.listed()
    if notes:
        out += _comment(["", f"Not carried over ({len(notes)}):"], 0)
        out += _comment([f"  {note}" for note in notes], 0)
    if out:
        out.append("")
    data = imported.data
    scalars = {k: v for k, v in data.items() if k not in LISTS}
    out += _block(scalars, 0)
    for list_name in LISTS:
        items = data.get(list_name)
        ending = imported.endings.get(list_name, [])
        if items is None and not ending:
            continue
        out.append("")
        if not items:
            out += _comment(ending, 0)
            out.append(f"{list_name}: []")
            continue
        out.append(f"{list_name}:")
        for item in items:
            out += _comment(imported.comments.get((list_name, str(item.get("id"))), []), 2)
            out += _block(item, 4, first_prefix="- ")
        out += _comment(ending, 2)
    return "\n".join(out) + "\n"
