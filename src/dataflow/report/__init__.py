"""A self-contained report of a map: diagram, findings, transfers, records of processing,
and the overseas-transfer table a Korean privacy policy needs (PIPA Art. 28-8(2)).

>>> from dataflow.report import write_report
>>> write_report(fm, "privacy-report.html", inputs=("map.yaml",))   # doctest: +SKIP

The content is computed once (:mod:`.content`); one module per format lays it out.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date

from ..flowmap import FlowMap
from ..outputs import write
from ..render import RenderError
from . import html, markdown
from .content import Content, build_content

__all__ = ["FORMATS", "SUFFIXES", "format_for", "write_report"]

#: Report formats and what lays each out.
FORMATS: dict[str, Callable[[Content], str]] = {"html": html.render, "markdown": markdown.render}
#: File suffixes and the format each implies.
SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown"}


def format_for(path: str) -> str:
    """The report format the suffix of ``path`` implies; :class:`RenderError` otherwise."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in SUFFIXES:
        raise RenderError(f"cannot tell the report format of '{path}' from its suffix; "
                          f"write to a file ending in {', '.join(SUFFIXES)} "
                          "(.html or .htm for HTML, .md for Markdown)")
    return SUFFIXES[suffix]


def write_report(flowmap: FlowMap, path: str, *, as_of: date | None = None,
                 inputs: Iterable[str] = ()) -> None:
    """Write the report of ``flowmap`` to ``path`` (HTML or Markdown, from its suffix).

    ``as_of`` (else the map's, else today) is the date of judgement. The file is written
    whole or not at all, and never over one of ``inputs`` or of the files the map was read
    from (included files too).
    """
    fmt = format_for(path)
    text = FORMATS[fmt](build_content(flowmap, as_of))
    write(text, path, inputs=(*inputs, *flowmap.files))
