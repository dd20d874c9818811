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
from markupsafe import Markup

from ..i18n import N_
from ..notice import Line, Notice, html_cell
from ..outputs.safe import html as text  # user text: escaped, line breaks kept
from ..render import diagram_bytes
from .content import (
    EXAMPLES,
    CategoryRef,
    Content,
    Party,
)
from .words import Words, templates, words

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


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


def notice_headers(words: Words, notice: Notice) -> list[str]:
    """The columns of a law's notice, then the flows of the map it comes from."""
    return [*notice.headings, words.gettext(N_("Flows in the map and ground"))]


def notice_cell(language: str, lines: tuple[Line, ...]) -> Markup:
    """One cell of a notice, as ``dataflow notice`` writes it, in a page of ``language``."""
    return html_cell(lines, language)


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
                               notice_cell=partial(notice_cell, language),
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
