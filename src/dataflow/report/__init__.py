"""A self-contained report of a map: diagram, findings, transfers, records of processing,
and the transfer notice each law with a ``disclosure`` requires (the overseas-transfer table
of a Korean privacy policy under PIPA Art. 28-8(2), for one).

>>> from dataflow.report import write_report
>>> write_report(dataflow.check(fm), "privacy-report.html", inputs=("map.yaml",))  # doctest: +SKIP
>>> write_report(dataflow.check(fm), "보고서.html", language="ko")  # doctest: +SKIP

The content is computed once (:mod:`.content`); a template per format lays it out
(``templates/``), with the filters of :mod:`.html` and :mod:`.markdown`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Report
from ..formats import Choice, by_suffix, registry
from ..outputs import write
from ..render import RenderError
from . import html, markdown
from .content import Content, build_content

__all__ = ["FORMATS", "format_for", "write_report"]

#: Report formats: each lays out the same :class:`~.content.Content`; the file's suffix
#: chooses.
FORMATS = registry(
    Choice("html", "a self-contained page", html.render, suffixes=(".html", ".htm")),
    Choice("markdown", "Markdown with a Mermaid diagram", markdown.render, suffixes=(".md",)),
)


def format_for(path: str) -> str:
    """The report format the suffix of ``path`` implies; :class:`RenderError` otherwise."""
    found = by_suffix(FORMATS, path)
    if found is None:
        endings = ", ".join(s for c in FORMATS.values() for s in c.suffixes)
        raise RenderError(f"cannot tell the report format of '{path}' from its suffix; "
                          f"write to a file ending in {endings} ("
                          + "; ".join(f"{'/'.join(c.suffixes)} for {c.help}"
                                      for c in FORMATS.values()) + ")")
    return found.name


def write_report(report: Report, path: str, *, inputs: Iterable[str] = (),
                 language: str = "en") -> Content:
    """Write the report of a checked map to ``path`` (HTML or Markdown, from its suffix), in
    ``language`` (en, ko or zh; :mod:`.words`), and return what it shows.

    The file is written whole or not at all, and never over one of ``inputs`` or of the
    files the map was read from (included files too).
    """
    fmt = format_for(path)
    content = build_content(report, language)
    flowmap = report.flowmap
    write(FORMATS[fmt].make(content), path, inputs=(*inputs, *(flowmap.files if flowmap else ())))
    return content
