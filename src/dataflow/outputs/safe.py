"""Making user text inert in outputs that give characters a meaning.

Terminals and CI logs: control characters and the bidirectional-override and invisible
characters (which can make a line read differently than it is) are shown as escapes.
XML 1.0 cannot hold most control characters: they become U+FFFD.
"""

from __future__ import annotations

import re

_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def terminal(text: str) -> str:
    """``text`` for one line of a terminal or log: invisible and control characters escaped."""
    return _TERMINAL.sub(lambda m: {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(
        m.group(), f"\\u{ord(m.group()):04x}"), text)


def xml(text: str) -> str:
    """``text`` that XML 1.0 can hold."""
    return _NOT_XML.sub("\ufffd", text)
