"""The text of the values a report repeats, worked out once per report.

A large report's findings share most of their fields (rule IDs and names, the file, the
processors, remediations, lists of categories and laws), and escaping or encoding the same
text again for every finding is most of what writing it would cost.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class Encoded(dict[Hashable, str]):
    """``encoded[value]`` is ``encode(value)``, worked out the first time it is asked for.

    Keep one per report and per kind of value (and per format): it holds every distinct value
    asked for, so ask it only for values that repeat.
    """

    __slots__ = ("_encode",)

    def __init__(self, encode: Callable[[Any], str]) -> None:
        super().__init__()
        self._encode = encode

    def __missing__(self, value: Hashable) -> str:
        text = self[value] = self._encode(value)
        return text
