"""Making user text inert in outputs that give characters a meaning.

Terminals and CI logs: control characters and the bidirectional-override and invisible
characters (which can make a line read differently than it is) are shown as escapes.
XML 1.0 cannot hold most control characters: they become U+FFFD. Markdown (reports, pull
request comments): markup, mentions and autolinks are made plain text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress
from operator import not_
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markupsafe import Markup

# Every character of these two classes is one that str.isprintable() refuses (a control,
# format or unassigned character; tests/test_outputs.py checks it), so text that passes
# that test (:func:`printable`), done in C without a match object, needs no change: most text
# does.
_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHORT_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _terminal_escape(found: re.Match[str]) -> str:
    return _SHORT_ESCAPES.get(found.group(), f"\\u{ord(found.group()):04x}")


#: The printable ASCII characters, deleted from a text's bytes to see whether any other is left.
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def printable(text: str) -> bool:
    """``text.isprintable()``, faster for ASCII text (most of it): ``isprintable`` looks each
    character up in the Unicode database, where deleting the printable bytes from the text's
    ASCII encoding is one pass over a table (three times faster on a finding's message)."""
    if text.isascii():
        return not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    return text.isprintable()


#: Texts :func:`plain_each` looks at together.
AT_ONCE = 64


def plain(text: str, avoided: str = "", ascii_only: bool = False) -> bool:
    """Whether ``text`` is printable text holding none of the characters ``avoided`` (and,
    with ``ascii_only``, ASCII): text an output can write as it is."""
    return (isinstance(text, str) and (text.isascii() or not ascii_only) and printable(text)
            and not any(character in text for character in avoided))


def plain_each(texts: Sequence[str], avoided: str = "",
               ascii_only: bool = False) -> list[bool]:
    """``[plain(text, avoided, ascii_only) for text in texts]``, for the many long texts of a
    large report (findings' messages): the ASCII texts of :data:`AT_ONCE` are joined and
    looked at as one text, a pass in C for each test, and so are the others; each is looked
    at alone only in a group where one is not plain. Looked at one by one, the messages took
    a sixth of the time of writing a large report's JSON; together, half that."""
    found: list[bool] = []
    for start in range(0, len(texts), AT_ONCE):
        group = texts[start:start + AT_ONCE]
        try:
            ascii_ones = list(map(str.isascii, group))
        except TypeError:  # a text that is not text: each is looked at alone
            found += [plain(text, avoided, ascii_only) for text in group]
            continue
        together = plain("".join(compress(group, ascii_ones)), avoided)
        if together and not ascii_only and not all(ascii_ones):
            together = plain("".join(compress(group, map(not_, ascii_ones))), avoided)
        if not together:
            found += [plain(text, avoided, ascii_only) for text in group]
        else:  # every text is plain, but for the non-ASCII ones when ``ascii_only``
            found += ascii_ones if ascii_only else [True] * len(group)
    return found


def terminal(text: str) -> str:
    """``text`` for one line of a terminal or log: invisible and control characters escaped."""
    return text if printable(text) else _TERMINAL.sub(_terminal_escape, text)


def xml(text: str) -> str:
    """``text`` that XML 1.0 can hold."""
    return text if printable(text) else _NOT_XML.sub("\ufffd", text)


def visible_lines(text: str) -> list[str]:
    """``text`` as the lines a reader should see: control, invisible and direction-changing
    characters shown as escapes (so text cannot read differently than it is)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return [terminal(line) for line in text.split("\n")]


_SPECIAL = re.compile(r"[&<>|`\[\]*_\\~$#!@]")
_REFERENCE = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BLOCK = re.compile(r"( *)([-+=]|[0-9]+[.)])?")
#: What GitHub would turn into a live link by itself (URLs, www. names, e-mail addresses).
#: An e-mail address is ASCII there (GFM's extended autolinks), so the Korean particle after
#: one stays outside its code span.
_AUTOLINK = re.compile(r"(?:https?|ftp)://[^\s<>`|]+|www\.[^\s<>`|]+"
                       r"|[A-Za-z0-9._+-]+@[A-Za-z0-9_-]+\.[A-Za-z0-9._-]+")


def _markdown_part(line: str) -> str:
    """One line of user text, inert: a URL or address becomes a code span, not a link."""
    parts, last = [], 0
    for found in _AUTOLINK.finditer(line):
        parts.append(_escape_markdown(line[last:found.start()]))
        parts.append(f"`{found.group()}`")  # code spans are never linked; no ` inside
        last = found.end()
    parts.append(_escape_markdown(line[last:]))
    return "".join(parts)


def _escape_markdown(line: str) -> str:
    return _SPECIAL.sub(lambda m: _REFERENCE.get(m.group(), f"&#{ord(m.group())};"), line)


def _no_block(line: str) -> str:
    """A line that cannot open a block: no list item, rule, heading or code block."""
    found = _BLOCK.match(line)
    assert found is not None  # every part of the pattern is optional
    marker = "".join(f"&#{ord(c)};" if c in "-+=.)" else c for c in found.group(2) or "")
    return "&#32;" * len(found.group(1)) + marker + line[found.end():]


def html(text: str) -> Markup:
    """User text as HTML: every markup character escaped, line breaks kept (as ``<br>``)."""
    from markupsafe import Markup, escape  # only reports and diagrams' pages need it

    return Markup("<br>").join(escape(line) for line in visible_lines(text))


def markdown(text: str) -> str:
    """User text for a table cell or a line of Markdown: inert (no markup, mention or
    autolink), line breaks as ``<br>``."""
    return _no_block("<br>".join(_markdown_part(line) for line in visible_lines(text)))


def markdown_line(text: str) -> str:
    """User text for a heading: inert and on one line."""
    return " ".join(_markdown_part(line) for line in visible_lines(text))
