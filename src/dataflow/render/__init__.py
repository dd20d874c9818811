"""Diagrams of a map: Graphviz (SVG, PNG, PDF, DOT), Mermaid, and an HTML page.

>>> report = dataflow.check(fm)                                            # doctest: +SKIP
>>> draw(report, "map.svg")                                                # doctest: +SKIP
>>> draw(report, "overview.svg", group_by="country", view="transfers")     # doctest: +SKIP

``dataflow.render(fm, "map.svg")`` checks the map and draws it in one call.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import replace
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..formats import Choice, by_suffix, registry
from ..outputs import write
from ..progress import stage
from ..records import record
from .views import GROUPS, VIEWS

if TYPE_CHECKING:
    import subprocess

    from ..findings import Report
    from .diagram import Diagram, Selection, SelectionError, build_diagram
    from .fonts import MissingGlyphsWarning

__all__ = ["FORMATS", "GROUPS", "LAYOUT_AT_MOST", "VIEWS", "DiagramTooLargeError",
           "LayoutBudget", "LayoutTimeoutError", "MissingGlyphsWarning", "RenderError",
           "Selection", "SelectionError", "build_diagram", "diagram_bytes", "draw",
           "smaller_selections"]

#: Where the names this package gives from its modules live: loaded when first asked for,
#: so that the command line reads the formats, views and groupings for its help without
#: loading what draws them.
_HOMES = {"MissingGlyphsWarning": "fonts", "Selection": "diagram",
          "SelectionError": "diagram", "build_diagram": "diagram"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)

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
#: Bytes of memory Graphviz may use (address space) before it is stopped: a layout that
#: needs more would not finish in :data:`LAYOUT_SECONDS` either (an unlaid diagram of 4,923
#: boxes and 30,255 lines reached 5.4 GB, then 10 GB, before its time ran out).
LAYOUT_MEMORY = 4 << 30


@record(frozen=True)
class LayoutBudget:
    """The largest diagram Graphviz is asked to lay out: its boxes and its lines."""

    nodes: int
    edges: int

    def fits(self, diagram: Diagram) -> bool:
        return len(diagram.nodes) <= self.nodes and len(diagram.edges) <= self.edges

    def words(self) -> str:
        return f"{_boxes(self.nodes)} and {_lines(self.edges)}"


def _boxes(count: int) -> str:
    return f"{count:,} box{'es' if count != 1 else ''}"


def _lines(count: int) -> str:
    return f"{count:,} line{'s' if count != 1 else ''}"


#: What Graphviz lays out in reasonable time, from ``benchmarks/layout.py`` on maps of the
#: benchmark generator (ungrouped, unlabelled, clusters per country): up to 849 lines took
#: 0.1-13 s, 1,186 lines 42 s, 3,573 lines over 120 s; the time grows with crossings, not
#: only size, so the budget stays below where it first passed half a minute.
LAYOUT_AT_MOST = LayoutBudget(nodes=500, edges=1000)


class RenderError(Exception):
    """A diagram could not be drawn; the message says why and what to do."""


class LayoutTimeoutError(RenderError):
    """Graphviz did not lay the diagram out in time, or in the memory it may use."""

    def __init__(self, message: str, reason: str = f"took longer than {LAYOUT_SECONDS:.0f} s"
                 ) -> None:
        super().__init__(message)
        self.reason = reason  # "took longer than 120 s", "needed more than 4 GiB of memory"


def _size(count: int) -> str:
    return (f"{count / (1 << 30):.1f} GiB" if count >= 1 << 30
            else f"{count / (1 << 20):.0f} MiB")


class DiagramTooLargeError(RenderError):
    """A diagram is larger than Graphviz lays out in reasonable time: not attempted."""


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


def _run_dot(command: list[str], data: bytes, timeout: float,
             memory: int | None) -> subprocess.CompletedProcess[bytes]:
    """Graphviz as a child process, within ``timeout`` seconds and ``memory`` bytes."""
    import subprocess

    limit = None
    if memory is not None:
        # imported here, in this process: the child, forked while other threads (a progress
        # display) may hold locks, then only makes the one system call
        from resource import RLIMIT_AS, setrlimit

        def limit() -> None:  # pragma: no cover - runs in the child process
            setrlimit(RLIMIT_AS, (memory, memory))

    return subprocess.run(command, input=data, capture_output=True, timeout=timeout,
                          check=False, preexec_fn=limit)


def run_graphviz(dot: str, fmt: str, timeout: float = LAYOUT_SECONDS,
                 memory: int = LAYOUT_MEMORY) -> bytes:
    """Lay out DOT with Graphviz's ``dot`` and return the ``fmt`` output; Graphviz may take
    ``timeout`` seconds and ``memory`` bytes (where the system can limit it)."""
    import signal
    import subprocess

    limited = sys.platform != "win32"
    try:
        done = _run_dot(["dot", f"-T{fmt}"], dot.encode("utf-8"), timeout,
                        memory if limited else None)
    except subprocess.TimeoutExpired:
        raise LayoutTimeoutError(
            f"the layout took longer than {timeout:.0f} s; draw an overview with "
            "`--group-by country`, a smaller view (`--view transfers`, `--processor ID`, "
            "`--jurisdiction ID`), or write `--format dot` and lay it out yourself",
            f"took longer than {timeout:.0f} s") from None
    except OSError as exc:  # not installed, or the memory limit leaves too little to start it
        if isinstance(exc, FileNotFoundError):
            _graphviz_missing(fmt)
        raise RenderError(f"Graphviz could not be started: {exc}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()
        killed = done.returncode in {-getattr(signal, name, 0) for name in (
            "SIGKILL", "SIGSEGV", "SIGABRT", "SIGBUS")} - {0}
        if limited and (killed or any(w in said.lower()
                                      for w in ("memory", "alloc", "map segment"))):
            reason = f"needed more than {_size(memory)} of memory"
            raise LayoutTimeoutError(
                f"Graphviz stopped: the layout {reason} "
                f"({said.splitlines()[-1] if said else f'signal {-done.returncode}'})", reason)
        if done.returncode < 0:
            raise RenderError(f"Graphviz was stopped by signal {-done.returncode}"
                              + (f": {said}" if said else ""))
        raise RenderError("Graphviz failed: " + said)
    return done.stdout


def _graphviz_missing(fmt: str) -> None:
    """Raise :class:`RenderError` with advice on installing Graphviz when the ``graphviz``
    package cannot find it either (asked only once ``dot`` failed to start, as asking runs
    ``dot -V``: a tenth of a second of every drawing)."""
    import graphviz

    try:
        graphviz.version()
    except graphviz.ExecutableNotFound:
        raise RenderError(
            f"drawing {fmt.upper()} needs the Graphviz program `dot`, which is not installed: "
            "install Graphviz (Debian/Ubuntu: `apt-get install graphviz`; macOS: "
            "`brew install graphviz`), or write DOT or Mermaid, which need nothing") from None


def diagram_bytes(diagram: Diagram, fmt: str, memory: int = LAYOUT_MEMORY) -> bytes:
    """The diagram in ``fmt`` (Graphviz may use ``memory`` bytes to lay it out)."""
    from .dot import to_dot
    from .fonts import MissingGlyphsWarning, advice, missing_glyphs
    from .mermaid import to_mermaid

    if fmt == "dot":
        return to_dot(diagram).encode("utf-8")
    if fmt == "mermaid":
        return to_mermaid(diagram).encode("utf-8")
    if fmt == "html":
        from .page import to_page

        svg = run_graphviz(to_dot(diagram), "svg", memory=memory).decode("utf-8")
        return to_page(diagram, svg).encode("utf-8")
    dot = to_dot(diagram)
    missing = missing_glyphs(dot) if fmt in DRAWS_TEXT else ""
    if missing:
        warnings.warn(MissingGlyphsWarning(advice(missing)), stacklevel=2)
    return run_graphviz(dot, fmt, memory=memory)


def draw(report: Report, path: str, *, format: str | None = None, view: str = "full",
         categories: tuple[str, ...] = (), subjects: tuple[str, ...] = (),
         jurisdictions: tuple[str, ...] = (), processor: str | None = None,
         group_by: str | None = None, inputs: tuple[str, ...] = (),
         budget: LayoutBudget | None = LAYOUT_AT_MOST, memory: int = LAYOUT_MEMORY) -> None:
    """Draw the map ``report`` was checked on, with its verdicts, into ``path`` (written whole
    or not at all).

    The format comes from ``format`` or the suffix of ``path``: svg, png, pdf, dot, mermaid
    (``.mmd``) or html. A diagram Graphviz is to lay out that exceeds ``budget`` is not
    attempted: :class:`DiagramTooLargeError` names the smaller selections that fit (``None``
    tries any size, within :data:`LAYOUT_SECONDS`); Graphviz may use ``memory`` bytes.
    """
    from .diagram import Selection, build_diagram

    fmt = format_for(path, format)
    selection = Selection(view=view, categories=categories, subjects=subjects,
                          jurisdictions=jurisdictions, processor=processor, group_by=group_by)
    diagram = build_diagram(report, selection)
    if fmt in NEEDS_GRAPHVIZ and budget is not None and not budget.fits(diagram):
        raise DiagramTooLargeError(_too_large(report, diagram, selection, budget))
    try:
        with stage(f"Laying out {_boxes(len(diagram.nodes))} and {_lines(len(diagram.edges))} "
                   "with Graphviz" if fmt in NEEDS_GRAPHVIZ else f"Writing {fmt.upper()}"):
            data = diagram_bytes(diagram, fmt, memory)
    except LayoutTimeoutError as exc:
        raise LayoutTimeoutError(_layout_advice(diagram, selection, exc.reason),
                                 exc.reason) from None
    write(data, path, inputs=inputs)


def smaller_selections(report: Report, selection: Selection, budget: LayoutBudget = LAYOUT_AT_MOST
                       ) -> list[tuple[Selection, Diagram]]:
    """Selections near ``selection`` whose diagrams fit ``budget``, with those diagrams: each
    grouping with the same view, then each narrower view, then both, fewest changes first."""
    from .diagram import build_diagram

    groupings = [selection.group_by] if selection.group_by else list(GROUPS)
    narrower = [v for v in VIEWS if v != "full" and v != selection.view
                and selection.view == "full"]
    tried = ([replace(selection, group_by=g) for g in groupings if g != selection.group_by]
             + [replace(selection, view=v) for v in narrower])
    found = []
    for candidate in tried:
        diagram = build_diagram(report, candidate)
        if budget.fits(diagram) and diagram.edges:
            found.append((candidate, diagram))
    if not found:  # a grouping and a narrower view together
        for view in narrower:
            for group_by in groupings:
                candidate = replace(selection, view=view, group_by=group_by)
                diagram = build_diagram(report, candidate)
                if budget.fits(diagram) and diagram.edges:
                    found.append((candidate, diagram))
    return found


def _options(selection: Selection, base: Selection) -> str:
    """The command-line options that turn ``base`` into ``selection``."""
    said = []
    if selection.view != base.view:
        said.append(f"--view {selection.view}")
    if selection.group_by != base.group_by:
        said.append(f"--group-by {selection.group_by}")
    return " ".join(said)


def _filters_left(selection: Selection) -> list[tuple[str, str]]:
    """The filters not asked for yet: each option, and what it draws."""
    left = []
    if not selection.processor:
        left.append(("`--processor ID`", "the flows of one processor"))
    if not selection.jurisdictions:
        left.append(("`--jurisdiction ID`", "one law's flows"))
    if not selection.categories:
        left.append(("`--category ID`", "one category's flows"))
    return left


def _too_large(report: Report, diagram: Diagram, selection: Selection,
               budget: LayoutBudget) -> str:
    """What a diagram too large to lay out should be drawn as instead, with the sizes."""
    fitting = smaller_selections(report, selection, budget)
    ways = [f"`{_options(s, selection)}` ({_boxes(len(d.nodes))}, {_lines(len(d.edges))})"
            for s, d in fitting]
    filters = [option for option, _ in _filters_left(selection)]
    advice = ("these fit: " + "; ".join(ways) if ways
              else "no view or grouping of it fits; narrow it")
    if filters:
        advice += (f"{'; or narrow it' if ways else ''} with " + ", ".join(filters))
    return (f"the diagram has {_boxes(len(diagram.nodes))} and {_lines(len(diagram.edges))}, "
            f"more than Graphviz lays out in reasonable time (at most {budget.words()}); "
            f"{advice}; or write `--format dot` or `--format mermaid` for another tool, or "
            f"pass `--any-size` to try anyway (for at most {LAYOUT_SECONDS:.0f} s)")


def _layout_advice(diagram: Diagram, selection: Selection, reason: str) -> str:
    """What to do when a layout takes too long, given what was already asked for."""
    ways = []
    if not selection.group_by:
        ways.append("an overview with `--group-by country`")
    if selection.view == "full":
        ways.append("`--view transfers` or `--view findings`")
    ways += [f"{what} ({option})" for option, what in _filters_left(selection)]
    ways.append("`--format dot` or `--format mermaid`, laid out by another tool")
    return (f"Graphviz {reason} to lay out {len(diagram.nodes):,} boxes and "
            f"{len(diagram.edges):,} lines; draw less: " + "; ".join(ways))
