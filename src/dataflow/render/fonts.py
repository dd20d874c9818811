"""Fonts for diagrams: which family the DOT names, and which characters no installed font has.

Graphviz draws the text of PNG and PDF diagrams itself, through fontconfig: a character
that no installed font covers becomes an empty box. Korean, Chinese and Japanese names need
a CJK font (Debian: ``fonts-noto-cjk``), which many machines lack; :func:`missing_glyphs`
finds such characters before drawing, so the user is told instead of handed boxes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from bisect import bisect_right
from functools import lru_cache

#: Noto CJK's families, by the country whose glyph forms each follows (Han characters are
#: drawn differently in Korea, China, Taiwan and Japan).
_CJK_FAMILY = {"KR": "Noto Sans CJK KR", "CN": "Noto Sans CJK SC", "TW": "Noto Sans CJK TC",
               "HK": "Noto Sans CJK HK", "JP": "Noto Sans CJK JP"}


def font_family(home: str | None) -> str:
    """The font list the DOT names: a Latin sans first, then a CJK family, then any sans.

    Graphviz hands the list to Pango, which takes each character from the first family that
    has it; the CJK family follows the map's ``home`` (Korean forms by default).
    """
    cjk = _CJK_FAMILY.get(home or "", _CJK_FAMILY["KR"])
    return f"Helvetica,{cjk},sans-serif"


class MissingGlyphsWarning(UserWarning):
    """Characters of a diagram that no installed font covers: they would show as boxes."""


def missing_glyphs(text: str) -> str:
    """The distinct characters of ``text`` (beyond ASCII) that no installed font covers.

    Empty when every character is covered, and when fontconfig's ``fc-list`` is not installed
    (nothing can be said then).
    """
    wanted = sorted({c for c in text if ord(c) > 0x7E and not c.isspace()})
    if not wanted:
        return ""
    starts, ends = _coverage(os.environ.get("FONTCONFIG_FILE", ""))
    if not starts:
        return ""
    missing = []
    for char in wanted:
        index = bisect_right(starts, ord(char)) - 1
        if index < 0 or ord(char) > ends[index]:
            missing.append(char)
    return "".join(missing)


def advice(missing: str) -> str:
    """The warning to print for ``missing`` characters."""
    shown = " ".join(missing[:24]) + (" ..." if len(missing) > 24 else "")
    return (f"no installed font has {len(missing)} character(s) of this diagram ({shown}); "
            "PNG and PDF output will show them as empty boxes. Install a font that covers "
            "them (Debian/Ubuntu: `apt-get install fonts-noto-cjk` for Korean, Chinese and "
            "Japanese), or write SVG or HTML, which the viewer's fonts draw")


@lru_cache(maxsize=4)
def _coverage(config: str) -> tuple[list[int], list[int]]:
    """Merged code-point ranges of every installed font, as sorted starts and ends.

    ``config`` (the ``FONTCONFIG_FILE`` in force) is only the cache key.
    """
    del config
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return [], []
    try:
        done = subprocess.run([fc_list, "--format", "%{charset}\n"], capture_output=True,
                              timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return [], []
    ranges: list[tuple[int, int]] = []
    for part in done.stdout.decode("ascii", "replace").split():
        low, _, high = part.partition("-")
        try:
            ranges.append((int(low, 16), int(high or low, 16)))
        except ValueError:
            continue
    ranges.sort()
    starts: list[int] = []
    ends: list[int] = []
    for low, high in ranges:
        if ends and low <= ends[-1] + 1:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    return starts, ends
