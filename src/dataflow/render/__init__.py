"""Diagrams of a map: Graphviz (SVG, PNG, PDF, DOT), Mermaid, and an HTML page.

>>> dataflow.render(fm, "map.svg")                      # doctest: +SKIP
>>> dataflow.render(fm, "overview.svg", group_by="country", view="transfers")  # doctest: +SKIP
"""

from __future__ import annotations

import os
import subprocess
import warnings
from datetime import date

from ..check import check
from ..findings import Report
from ..flowmap import FlowMap
from ..outputs import write
from .diagram import GROUPS, VIEWS, Diagram, Selection, SelectionError, build_diagram
from .dot import to_dot
from .fonts import MissingGlyphsWarning, advice, missing_glyphs
from .mermaid import to_mermaid

__all__ = ["FORMATS", "GROUPS", "VIEWS", "MissingGlyphsWarning", "RenderError", "Selection",
           "SelectionError", "build_diagram", "diagram_bytes", "render"]

#: Formats and the file suffixes that imply them.
FORMATS = {"svg": ".svg", "png": ".png", "pdf": ".pdf", "dot": ".dot", "mermaid": ".mmd",
           "html": ".html"}
NEEDS_GRAPHVIZ = ("svg", "png", "pdf", "html")
#: Formats whose text Graphviz draws with the fonts installed here (the viewer draws SVG's).
DRAWS_TEXT = ("png", "pdf")
#: Seconds the layout may take before we say how to draw a smaller view.
LAYOUT_SECONDS = 120.0


class RenderError(Exception):
    """A diagram could not be drawn; the message says why and what to do."""


def format_for(path: str, fmt: str | None) -> str:
    """The format named, or the one the file's suffix implies."""
    if fmt:
        if fmt not in FORMATS:
            raise RenderError(f"unknown format '{fmt}'; one of {', '.join(FORMATS)}")
        return fmt
    suffix = os.path.splitext(path)[1].lower()
    for name, ending in FORMATS.items():
        if suffix == ending:
            return name
    raise RenderError(f"cannot tell the format of '{path}' from its suffix; give --format "
                      f"({', '.join(FORMATS)}) or a file ending in "
                      f"{', '.join(FORMATS.values())}")


def run_graphviz(dot: str, fmt: str, timeout: float = LAYOUT_SECONDS) -> bytes:
    """Lay out DOT with Graphviz's ``dot`` and return the ``fmt`` output."""
    import graphviz

    try:
        graphviz.version()
    except graphviz.ExecutableNotFound:
        raise RenderError(
            f"drawing {fmt.upper()} needs the Graphviz program `dot`, which is not installed: "
            "install Graphviz (Debian/Ubuntu: `apt-get install graphviz`; macOS: "
            "`brew install graphviz`), or write DOT or Mermaid, which need nothing") from None
    try:
        done = subprocess.run(["dot", f"-T{fmt}"], input=dot.encode("utf-8"),
                              capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"the layout took longer than {timeout:.0f} s; draw an overview with "
            "`--group-by country`, a smaller view (`--view transfers`, `--processor ID`, "
            "`--jurisdiction ID`), or write `--format dot` and lay it out yourself") from None
    if done.returncode != 0:
        raise RenderError("Graphviz failed: " + done.stderr.decode("utf-8", "replace").strip())
    return done.stdout


def diagram_bytes(diagram: Diagram, fmt: str) -> bytes:
    """The diagram in ``fmt``."""
    if fmt == "dot":
        return to_dot(diagram).encode("utf-8")
    if fmt == "mermaid":
        return to_mermaid(diagram).encode("utf-8")
    if fmt == "html":
        from .page import to_page

        svg = run_graphviz(to_dot(diagram), "svg").decode("utf-8")
        return to_page(diagram, svg).encode("utf-8")
    dot = to_dot(diagram)
    missing = missing_glyphs(dot) if fmt in DRAWS_TEXT else ""
    if missing:
        warnings.warn(MissingGlyphsWarning(advice(missing)), stacklevel=2)
    return run_graphviz(dot, fmt)


def render(flowmap: FlowMap, path: str, *, format: str | None = None,
           report: Report | None = None, as_of: date | None = None, view: str = "full",
           categories: tuple[str, ...] = (), subjects: tuple[str, ...] = (),
           jurisdictions: tuple[str, ...] = (), processor: str | None = None,
           group_by: str | None = None, inputs: tuple[str, ...] = ()) -> None:
    """Draw ``flowmap`` into ``path`` (written whole or not at all).

    The format comes from ``format`` or the suffix of ``path``: svg, png, pdf, dot, mermaid
    (``.mmd``) or html. Verdicts come from ``report`` (checked here when not given).
    """
    fmt = format_for(path, format)
    report = report or check(flowmap, as_of=as_of)
    selection = Selection(view=view, categories=categories, subjects=subjects,
                          jurisdictions=jurisdictions, processor=processor, group_by=group_by)
    write(diagram_bytes(build_diagram(flowmap, report, selection), fmt), path, inputs=inputs)
