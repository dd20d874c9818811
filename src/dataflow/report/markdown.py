"""The report as GitHub-flavoured Markdown, with the diagram as a ``mermaid`` block, laid out
by ``templates/report.md.j2``.

Every text from the map goes through :func:`text`: the characters that Markdown, tables or
HTML give a meaning become character references, so user text cannot start a link, an
image, emphasis, code, a table cell, an HTML tag or an @mention, and line breaks cannot end
a row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache, partial

import jinja2

from ..i18n import N_
from ..notice import Notice, NoticeRow, markdown_cell
from ..outputs.safe import markdown, markdown_line
from ..render import diagram_bytes
from .content import (
    EXAMPLES,
    CategoryRef,
    Content,
    FindingRow,
    Party,
)
from .words import Words, templates, words


def missing(words: Words) -> str:
    """The visible marker of a value the map does not give."""
    return f"*⚠ {words.not_stated}*"


def text(value: str) -> str:
    """User text for a table cell or a line of Markdown: inert, line breaks as ``<br>``."""
    return markdown(value)


def heading(value: str) -> str:
    """User text for a heading: inert and on one line."""
    return markdown_line(value)


def value(words: Words, found: str | None) -> str:
    return text(found) if found is not None else missing(words)


def values(words: Words, found: Sequence[str | None]) -> str:
    return "<br>".join(value(words, v) for v in found) if found else missing(words)


def party(who: Party) -> str:
    if not who.id:
        return text(who.name)
    if who.name == who.id:
        return text(who.id)
    return f"{text(who.name)} ({text(who.id)})"


def categories(words: Words, found: Iterable[CategoryRef]) -> str:
    sensitive = words.gettext(N_("sensitive"))
    shown = [text(c.name) + (f" **({sensitive})**" if c.sensitive else "") for c in found]
    return ", ".join(shown) if shown else missing(words)


def severity(words: Words, found: str) -> str:
    symbol = {"error": "✖", "warning": "▲", "info": "●"}[found]
    return f"{symbol} **{words.severities[found]}**"


def status(words: Words, found: str) -> str:
    symbol = {"missing": "✖", "safeguarded": "✔", "adequate": "✔"}[found]
    return f"{symbol} {words.statuses[found]}"


def example(row: FindingRow) -> str:
    """One finding in a summary: where, and what."""
    return (f"{text(row.place)}: " if row.place else "") + text(row.message)


def tally(words: Words, counts: Sequence[tuple[str, int]]) -> str:
    return ", ".join(words.counted(n, words.severities[s]) for s, n in counts)


def notice_headers(words: Words, notice: Notice) -> list[str]:
    """The columns of a law's notice, then the flows of the map it comes from."""
    return [*notice.headings, words.gettext(N_("Flows in the map and ground"))]


def notice_cells(words: Words, row: NoticeRow) -> list[str]:
    """One row of a transfer notice as ``dataflow notice`` writes it, then the flows and the
    ground."""
    ground = ", ".join(text(g) for g in row.grounds) or "✖ " + words.statuses["missing"].lower()
    return [*(markdown_cell(cell) for cell in row.cells),
            ", ".join(text(f) for f in row.flows) + "<br>" + ground]


@cache
def _environment(language: str) -> jinja2.Environment:
    """The template with the filters and texts of one language."""
    said = words(language)
    environment = templates(language, autoescape=False)
    environment.filters.update(text=text, heading=heading, value=partial(value, said),
                               values=partial(values, said), party=party,
                               categories=partial(categories, said), example=example)
    environment.globals.update(severity=partial(severity, said), status=partial(status, said),
                               tally=partial(tally, said),
                               examples=EXAMPLES, words=said,
                               notice_headers=partial(notice_headers, said),
                               notice_cells=partial(notice_cells, said),
                               missing=missing(said))
    return environment


def render(content: Content) -> str:
    """The report as Markdown in the content's language; the same content always gives the
    same bytes."""
    mermaid = diagram_bytes(content.diagram, "mermaid").decode("utf-8").rstrip("\n")
    return _environment(content.language).get_template("report.md.j2").render(
        c=content, mermaid=mermaid, lang=content.language)
