"""The report as GitHub-flavoured Markdown, with the diagram as a ``mermaid`` block, laid out
by ``templates/report.md.j2``.

Every text from the map goes through :func:`text`: the characters that Markdown, tables or
HTML give a meaning become character references, so user text cannot start a link, an
image, emphasis, code, a table cell, an HTML tag or an @mention, and line breaks cannot end
a row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

import jinja2

from ..outputs.safe import markdown, markdown_line
from ..render import diagram_bytes
from .content import (
    DISCLOSURE_COLUMNS,
    EXAMPLES,
    NOT_STATED,
    SEVERITY_WORDS,
    STATUS_WORDS,
    CategoryRef,
    Content,
    DisclosureRow,
    DisclosureSection,
    FindingRow,
    Party,
    Waived,
)

MISSING = f"*⚠ {NOT_STATED}*"


def text(value: str) -> str:
    """User text for a table cell or a line of Markdown: inert, line breaks as ``<br>``."""
    return markdown(value)


def heading(value: str) -> str:
    """User text for a heading: inert and on one line."""
    return markdown_line(value)


def value(found: str | None) -> str:
    return text(found) if found is not None else MISSING


def values(found: Sequence[str | None]) -> str:
    return "<br>".join(value(v) for v in found) if found else MISSING


def party(who: Party) -> str:
    if not who.id:
        return text(who.name)
    if who.name == who.id:
        return text(who.id)
    return f"{text(who.name)} ({text(who.id)})"


def categories(found: Iterable[CategoryRef]) -> str:
    shown = [text(c.name) + (" **(sensitive)**" if c.sensitive else "") for c in found]
    return ", ".join(shown) if shown else MISSING


def severity(found: str) -> str:
    symbol = {"error": "✖", "warning": "▲", "info": "●"}[found]
    return f"{symbol} **{SEVERITY_WORDS[found]}**"


def status(found: str) -> str:
    symbol = {"missing": "✖", "safeguarded": "✔", "adequate": "✔"}[found]
    return f"{symbol} {STATUS_WORDS[found]}"


def waived(waiver: Waived) -> str:
    """What a waiver says, appended to the finding it waives."""
    was = (f" (was {SEVERITY_WORDS[waiver.severity].lower()})"
           if waiver.severity in SEVERITY_WORDS else "")
    said = (f"<br>**Waived{was}:** {value(waiver.reason or None)}"
            f"<br>Ticket: {value(waiver.ticket)}")
    return said + (f"<br>Waiver expires: {text(waiver.expires)}" if waiver.expires else "")


def example(row: FindingRow) -> str:
    """One finding in a summary: where, and what."""
    return (f"{text(row.place)}: " if row.place else "") + text(row.message)


def tally(counts: Sequence[tuple[str, int]]) -> str:
    return ", ".join(f"{n} {SEVERITY_WORDS[s].lower()}" for s, n in counts)


def notice_headers(section: DisclosureSection) -> list[str]:
    return [DISCLOSURE_COLUMNS[c] for c in section.columns] + ["Flows in the map and ground"]


def notice_cells(section: DisclosureSection, row: DisclosureRow) -> list[str]:
    """One row of a transfer notice: the law's items, then the flows and the ground."""
    cells = []
    for column in section.columns:
        if column == "recipient":
            cells.append(f"{value(row.recipient_name)} ({text(row.recipient.id)})")
        elif column == "contact":
            cells.append(value(row.contact))
        elif column == "destination":
            cells.append(text(row.country))
        elif column == "categories":
            cells.append(categories(row.items))
        elif column == "safeguard_reference":
            cells.append(values(row.safeguards))
        else:
            cells.append(values(getattr(row, column)))
    ground = ", ".join(text(g) for g in row.grounds) or "✖ no safeguard"
    return [*cells, ", ".join(text(f) for f in row.flows) + "<br>" + ground]


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("dataflow.report", "templates"),
        autoescape=False,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined)
    environment.filters.update(text=text, heading=heading, value=value, values=values,
                               party=party, categories=categories, example=example)
    environment.globals.update(severity=severity, status=status, waived=waived, tally=tally,
                               examples=EXAMPLES,
                               notice_headers=notice_headers, notice_cells=notice_cells,
                               severity_words=SEVERITY_WORDS, status_words=STATUS_WORDS,
                               missing=MISSING)
    return environment


def render(content: Content, lang: str = "en") -> str:
    """The report as Markdown; the same content always gives the same bytes."""
    mermaid = diagram_bytes(content.diagram, "mermaid").decode("utf-8").rstrip("\n")
    return _environment().get_template("report.md.j2").render(c=content, mermaid=mermaid)
