"""The report as one self-contained HTML page: inline SVG and stylesheet, nothing fetched.

The page is laid out by ``templates/report.html.j2`` with ``templates/report.css``; Jinja's
autoescaping escapes every value, and the filters here turn the map's text into markup
(escaped, line breaks kept, `code` in messages shown as code). The
Content-Security-Policy forbids scripts and every network load, should anything slip.

The page is written in the content's language (``<html lang>``); the texts the rules write
in English (findings, their advice, why a transfer has no safeguard) are marked
``lang="en"`` on a page in another language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, partial
from importlib import resources

import jinja2
from markupsafe import Markup, escape

from ..i18n import N_
from ..render import diagram_bytes
from .content import (
    EXAMPLES,
    CategoryRef,
    Content,
    DisclosureRow,
    DisclosureSection,
    Party,
    visible_lines,
)
from .words import Words, templates, words

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def text(value: str) -> Markup:
    """User text as HTML: every markup character escaped, line breaks kept."""
    return Markup("<br>").join(escape(line) for line in visible_lines(value))


_CODE = re.compile(r"`([^`<>]+)`")


def prose(value: str) -> Markup:
    """A finding's message or advice: as :func:`text`, with `names` shown as code."""
    return Markup(_CODE.sub(r"<code>\1</code>", str(text(value))))


def english(words: Words, shown: Markup) -> Markup:
    """Markup of a text the rules write in English, marked as English on a page that is not."""
    if words.language == "en":
        return shown
    return Markup('<span lang="en">') + shown + Markup("</span>")


def value(words: Words, found: str | None) -> Markup:
    """A value, or the visible marker that the map does not give it."""
    return text(found) if found is not None else Markup(
        '<span class="missing">{}</span>').format(words.not_stated)


def values(words: Words, found: Sequence[str | None]) -> Markup:
    if not found:
        return value(words, None)
    return Markup("<br>").join(value(words, v) for v in found)


def party(who: Party, entity: str | None = None) -> Markup:
    """A processor: its name, the legal entity when given, and its ID."""
    shown = text(who.name) + (Markup("<br>") + text(entity) if entity else "")
    if not who.id:
        return shown
    if who.name == who.id and not entity:
        return Markup("<code>") + text(who.id) + Markup("</code>")
    return shown + Markup('<br><span class="id">') + text(who.id) + Markup("</span>")


def sensitive(words: Words) -> Markup:
    return Markup('<span class="sens">{}</span>').format(words.gettext(N_("sensitive")))


def categories(words: Words, found: Iterable[CategoryRef]) -> Markup:
    shown = [text(c.name) + (sensitive(words) if c.sensitive else "") for c in found]
    return Markup(", ").join(shown) if shown else value(words, None)


def code(command: str) -> Markup:
    return Markup("<code>{}</code>").format(command)


def badge(kind: str, words: str) -> Markup:
    return Markup('<span class="badge {}">{}</span>').format(kind, words)


def status(words: Words, found: str) -> Markup:
    return badge(f"st-{found}", words.statuses[found])


#: Column widths of a transfer notice's table, in parts (the flows column last).
_NOTICE_WIDTHS = {"recipient": 12, "contact": 11, "destination": 7, "categories": 18,
                  "method": 11, "purpose": 11, "retention": 10, "refusal": 11,
                  "rights": 12, "safeguard_reference": 14, "safeguard_copy": 12}


def notice_headers(words: Words, section: DisclosureSection) -> list[str]:
    return [words.columns[c] for c in section.columns] + [
        words.gettext(N_("Flows in the map and ground"))]


def notice_widths(section: DisclosureSection) -> list[int]:
    parts = [_NOTICE_WIDTHS[c] for c in section.columns] + [9]
    return [round(100 * p / sum(parts)) for p in parts]


def notice_cell(words: Words, row: DisclosureRow, column: str) -> Markup:
    """One item of a transfer notice for one recipient and country."""
    if column == "recipient":
        return (value(words, row.recipient_name) + Markup('<br><span class="id">')
                + text(row.recipient.id) + Markup("</span>"))
    if column == "contact":
        return value(words, row.contact)
    if column == "destination":
        return text(row.country)
    if column == "categories":
        return categories(words, row.items)
    if column == "safeguard_reference":
        return values(words, row.safeguards)
    if column == "rights":
        return value(words, row.rights)
    if column == "safeguard_copy":
        return values(words, row.copies)
    return values(words, getattr(row, column))


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
def _environment(language: str) -> jinja2.Environment:
    """The templates with the filters and texts of one language."""
    said = words(language)
    environment = templates(language, autoescape=True)
    environment.filters.update(
        text=text, prose=prose, value=partial(value, said), values=partial(values, said),
        party=party, categories=partial(categories, said), status=partial(status, said),
        en=partial(english, said))
    environment.globals.update(badge=badge, code=code, notice_headers=partial(notice_headers, said),
                               notice_widths=notice_widths,
                               notice_cell=partial(notice_cell, said),
                               sensitive=sensitive(said), words=said, examples=EXAMPLES)
    return environment


def render(content: Content) -> str:
    """The report as an HTML page in the content's language; the same content always gives
    the same bytes."""
    svg = diagram_bytes(content.diagram, "svg").decode("utf-8")
    start = svg.find("<svg")
    svg = _sized(svg[start:].strip() if start >= 0 else svg.strip())
    css = resources.files("dataflow.report").joinpath("templates/report.css").read_text(
        encoding="utf-8")
    return _environment(content.language).get_template("report.html.j2").render(
        c=content, svg=Markup(svg), css=Markup(css), csp=Markup(CSP), lang=content.language)
