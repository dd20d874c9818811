"""The report as one self-contained HTML page: inline SVG and stylesheet, nothing fetched.

The page is laid out by ``templates/report.html.j2`` with ``templates/report.css``; Jinja's
autoescaping escapes every value, and the filters here turn the map's text into markup
(escaped, line breaks kept, `code` in messages shown as code). The
Content-Security-Policy forbids scripts and every network load, should anything slip.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup, escape

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
    Party,
    visible_lines,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def text(value: str) -> Markup:
    """User text as HTML: every markup character escaped, line breaks kept."""
    return Markup("<br>").join(escape(line) for line in visible_lines(value))


_CODE = re.compile(r"`([^`<>]+)`")


def prose(value: str) -> Markup:
    """A finding's message or advice: as :func:`text`, with `names` shown as code."""
    return Markup(_CODE.sub(r"<code>\1</code>", str(text(value))))


def value(found: str | None) -> Markup:
    """A value, or the visible marker that the map does not give it."""
    return text(found) if found is not None else Markup(
        f'<span class="missing">{NOT_STATED}</span>')


def values(found: Sequence[str | None]) -> Markup:
    if not found:
        return value(None)
    return Markup("<br>").join(value(v) for v in found)


def party(who: Party, entity: str | None = None) -> Markup:
    """A processor: its name, the legal entity when given, and its ID."""
    shown = text(who.name) + (Markup("<br>") + text(entity) if entity else "")
    if not who.id:
        return shown
    if who.name == who.id and not entity:
        return Markup("<code>") + text(who.id) + Markup("</code>")
    return shown + Markup('<br><span class="id">') + text(who.id) + Markup("</span>")


def categories(found: Iterable[CategoryRef]) -> Markup:
    shown = [text(c.name) + (Markup('<span class="sens">sensitive</span>') if c.sensitive
                             else "") for c in found]
    return Markup(", ").join(shown) if shown else value(None)


def badge(kind: str, words: str) -> Markup:
    return Markup('<span class="badge {}">{}</span>').format(kind, words)


def status(found: str) -> Markup:
    return badge(f"st-{found}", STATUS_WORDS[found])


#: Column widths of a transfer notice's table, in parts (the flows column last).
_NOTICE_WIDTHS = {"recipient": 12, "contact": 11, "destination": 7, "categories": 18,
                  "method": 11, "purpose": 11, "retention": 10, "refusal": 11,
                  "safeguard_reference": 14}


def notice_headers(section: DisclosureSection) -> list[str]:
    return [DISCLOSURE_COLUMNS[c] for c in section.columns] + ["Flows in the map and ground"]


def notice_widths(section: DisclosureSection) -> list[int]:
    parts = [_NOTICE_WIDTHS[c] for c in section.columns] + [9]
    return [round(100 * p / sum(parts)) for p in parts]


def notice_cell(row: DisclosureRow, column: str) -> Markup:
    """One item of a transfer notice for one recipient and country."""
    if column == "recipient":
        return (value(row.recipient_name) + Markup('<br><span class="id">')
                + text(row.recipient.id) + Markup("</span>"))
    if column == "contact":
        return value(row.contact)
    if column == "destination":
        return text(row.country)
    if column == "categories":
        return categories(row.items)
    if column == "safeguard_reference":
        return values(row.safeguards)
    return values(getattr(row, column))


_POINTS = re.compile(r'<svg width="([0-9.]+)pt"')
#: On screen the diagram shrinks to the page, but not below this share of its own size
#: (its labels would be too small to read): past that it scrolls sideways.
LEGIBLE_SCALE = 0.7


def _sized(svg: str) -> str:
    """The SVG with its natural width (Graphviz gives points) for the stylesheet."""
    found = _POINTS.match(svg)
    if found is None:
        return svg
    natural = float(found.group(1)) * 4 / 3
    return (f'<svg style="--natural:{natural:.0f}px;--legible:{natural * LEGIBLE_SCALE:.0f}px"'
            + svg[4:])


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("dataflow.report", "templates"), autoescape=True,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined)
    environment.filters.update(text=text, prose=prose, value=value, values=values,
                               party=party, categories=categories, status=status)
    environment.globals.update(badge=badge, notice_headers=notice_headers,
                               notice_widths=notice_widths, notice_cell=notice_cell,
                               severity_words=SEVERITY_WORDS, status_words=STATUS_WORDS,
                               not_stated=NOT_STATED, examples=EXAMPLES)
    return environment


def render(content: Content, lang: str = "en") -> str:
    """The report as an HTML page; the same content always gives the same bytes."""
    svg = diagram_bytes(content.diagram, "svg").decode("utf-8")
    start = svg.find("<svg")
    svg = _sized(svg[start:].strip() if start >= 0 else svg.strip())
    css = resources.files("dataflow.report").joinpath("templates/report.css").read_text(
        encoding="utf-8")
    return _environment().get_template("report.html.j2").render(
        c=content, svg=Markup(svg), css=Markup(css), csp=Markup(CSP), lang=lang)
