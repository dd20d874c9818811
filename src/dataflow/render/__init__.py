"""Diagrams of a map: Graphviz (SVG, PNG, PDF, DOT), Mermaid, and an HTML page.

>>> report = dataflow.check(fm)                                            # doctest: +SKIP
>>> draw(report, "map.svg")                                                # doctest: +SKIP
>>> draw(report, "overview.svg", group_by="country", view="transfers")     # doctest: +SKIP

``dataflow.render(fm, "map.svg")`` checks the map and draws it in one call.
"""

from __future__ import annotations

import subprocess
import warnings

from ..findings import Report
from ..formats import Choice, by_suffix, registry
from ..outputs import write
from .diagram import Diagram, Selection, SelectionError, build_diagram
from .dot import to_dot
from .fonts import MissingGlyphsWarning, advice, missing_glyphs
from .mermaid import to_mermaid
from .views import GROUPS, VIEWS

__all__ = ["FORMATS", "GROUPS", "VIEWS", "LayoutTimeoutError", "MissingGlyphsWarning",
           "RenderError", "Selection",
           "SelectionError", "build_diagram", "diagram_bytes", "draw"]

#: Diagram formats, chosen with ``--format`` or by the file's suffix.
FORMATS = registry(
    Choice("svg", "a vector drawing for browsers (needs Graphviz)", suffixes=(".svg",)),
    Choice("png", "a picture (needs Graphviz)", suffixes=(".png",)),
    Choice("pdf", "a printable page (needs Graphviz)", suffixes=(".pdf",)),
    Choice("dot", "Graphviz source, to lay out yourself", suffixes=(".dot", ".gv")),
    Choice("mermaid", "Mermaid source, for Markdown", suffixes=(".mmd",)),
    Choice("html", "a page with the drawing and a legend (needs Graphviz)",
           suffixes=(".html", ".htm")),
)
NEEDS_GRAPHVIZ = ("svg", "png", "pdf", "html")
#: Formats whose text Graphviz draws with the fonts installed here (the viewer draws SVG's).
DRAWS_TEXT = ("png", "pdf")
#: Seconds the layout may take before we say how to draw a smaller view.
LAYOUT_SECONDS = 120.0


class RenderError(Exception):
    """A diagram could not be drawn; the message says why and what to do."""


class LayoutTimeoutError(RenderError):
    """Graphviz did not lay the diagram out in time."""


def format_for(path: str, fmt: str | None) -> str:
    """The format named, or the one the file's suffix implies."""
    if fmt:
        if fmt not in FORMATS:
            raise RenderError(f"unknown format '{fmt}'; one of {', '.join(FORMATS)}")
        return fmt
    found = by_suffix(FORMATS, path)
    if found is None:
        raise RenderError(f"cannot tell the format of '{path}' from its suffix; give --format "
                          f"({', '.join(FORMATS)}) or a file ending in "
                          f"{', '.join(s for c in FORMATS.values() for s in c.suffixes)}")
    return found.name


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
        raise LayoutTimeoutError(
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


def draw(report: Report, path: str, *, format: str | None = None, view: str = "full",
         categories: tuple[str, ...] = (), subjects: tuple[str, ...] = (),
         jurisdictions: tuple[str, ...] = (), processor: str | None = None,
         group_by: str | None = None, inputs: tuple[str, ...] = ()) -> None:
    """Draw the map ``report`` was checked on, with its verdicts, into ``path`` (written whole
    or not at all).

    The format comes from ``format`` or the suffix of ``path``: svg, png, pdf, dot, mermaid
    (``.mmd``) or html.
    """
    fmt = format_for(path, format)
    selection = Selection(view=view, categories=categories, subjects=subjects,
                          jurisdictions=jurisdictions, processor=processor, group_by=group_by)
    diagram = build_diagram(report, selection)
    try:
        data = diagram_bytes(diagram, fmt)
    except LayoutTimeoutError:
        raise LayoutTimeoutError(_layout_advice(diagram, selection)) from None
    write(data, path, inputs=inputs)


def _layout_advice(diagram: Diagram, selection: Selection) -> str:
    """What to do when a layout takes too long, given what was already asked for."""
    ways = []
    if not selection.group_by:
        ways.append("an overview with `--group-by country`")
    if selection.view == "full":
        ways.append("`--view transfers` or `--view findings`")
    if not selection.processor:
        ways.append("the flows of one processor (`--processor ID`)")
    if not selection.jurisdictions:
        ways.append("one law's flows (`--jurisdiction ID`)")
    if not selection.categories:
        ways.append("one category's flows (`--category ID`)")
    ways.append("`--format dot` or `--format mermaid`, laid out by another tool")
    return (f"Graphviz took longer than {LAYOUT_SECONDS:.0f} s to lay out {len(diagram.nodes):,} "
            f"boxes and {len(diagram.edges):,} lines; draw less: " + "; ".join(ways))
