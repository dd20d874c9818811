"""Whole jobs in one call, for scripts: check a map and draw it, or write its report.

Each takes a :class:`~dataflow.Report` from :func:`dataflow.check` (checked once, used for
many outputs) or a :class:`~dataflow.FlowMap`, which it checks first.
"""

from __future__ import annotations

from datetime import date

from .check import check
from .findings import Report
from .flowmap import FlowMap

__all__ = ["render", "write_report"]


def _checked(subject: FlowMap | Report, as_of: date | None) -> Report:
    if isinstance(subject, Report):
        return subject
    return check(subject, as_of=as_of)


def render(subject: FlowMap | Report, path: str, *, format: str | None = None,
           report: Report | None = None, as_of: date | None = None, view: str = "full",
           categories: tuple[str, ...] = (), subjects: tuple[str, ...] = (),
           jurisdictions: tuple[str, ...] = (), processor: str | None = None,
           group_by: str | None = None, inputs: tuple[str, ...] = (),
           any_size: bool = False) -> None:
    """Draw a map into ``path`` (written whole or not at all): ``dataflow.render(fm, "map.svg")``.

    The format comes from ``format`` or the suffix of ``path``: svg, png, pdf, dot, mermaid
    (``.mmd``) or html. A map is checked at ``as_of`` first, unless its ``report`` is given.
    A diagram larger than Graphviz lays out in reasonable time is refused with the smaller
    views that fit, unless ``any_size``.
    """
    from .render import LAYOUT_AT_MOST, draw

    if report is None:  # a map is checked for the diagram only: its findings need no words
        report = subject if isinstance(subject, Report) else check(subject, as_of=as_of,
                                                                   words=False)
    draw(report, path, format=format, view=view,
         categories=categories, subjects=subjects, jurisdictions=jurisdictions,
         processor=processor, group_by=group_by, inputs=inputs,
         budget=None if any_size else LAYOUT_AT_MOST)


def write_report(subject: FlowMap | Report, path: str, *, as_of: date | None = None,
                 inputs: tuple[str, ...] = (), language: str = "en") -> None:
    """Write the report of a map to ``path`` (HTML or Markdown, from its suffix) in
    ``language`` (en, ko or zh), whole or not at all, never over one of ``inputs`` or of the
    files the map was read from."""
    from .report import write_report as write

    write(_checked(subject, as_of), path, inputs=inputs, language=language)
