"""The languages notices and reports are written in: message catalogues and place names.

Texts shown to readers are English in the code and templates (``_("...")``,
``{% trans %}``) and translated by gettext catalogues, one per language and domain, in
``locales/<language>/LC_MESSAGES/<domain>.po`` (:data:`DOMAINS`). Babel reads them as they are
(nothing to compile). ``tests/test_i18n.py`` fails when a text of the code has no
translation, or a catalogue keeps one the code no longer uses. To add a text: write it in
English in the code, then its translation in each catalogue (``pybabel extract -F
src/dataflow/locales/babel.cfg -o notice.pot src/dataflow/notice`` lists them, and
``pybabel update -i notice.pot -d src/dataflow/locales -D notice`` adds them to the
catalogues).

Country names come from the Unicode CLDR (through Babel), in the reader's language; the map's
own texts from each element's ``translations`` (:func:`own_text`).
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

from .model import LANGUAGES, UNKNOWN, given

__all__ = ["DOMAINS", "LANGUAGES", "N_", "Own", "catalogue_path", "own_text", "place_name",
           "translations"]

#: The catalogues, by domain: which part of the package uses them.
DOMAINS = {"notice": "dataflow.notice", "report": "dataflow.report"}
#: The language code CLDR uses for each of ours (``zh``: simplified Chinese).
_CLDR = {"en": "en", "ko": "ko", "zh": "zh_Hans"}
_LOCALES = Path(__file__).resolve().parent / "locales"


def N_(text: str) -> str:  # noqa: N802  (gettext's name for "translated later")
    """Marks a text for the catalogues; it is translated where it is shown."""
    return text


def catalogue_path(language: str, domain: str) -> Path:
    """Where the catalogue of ``domain`` in ``language`` is kept."""
    return _LOCALES / language / "LC_MESSAGES" / f"{domain}.po"


@cache
def translations(language: str, domain: str) -> gettext.NullTranslations:
    """The texts of ``domain`` in ``language``: English is the code's own text."""
    if language not in LANGUAGES:
        raise ValueError(f"'{language}' is not a language dataflow writes: "
                         f"one of {', '.join(LANGUAGES)}")
    if domain not in DOMAINS:
        raise ValueError(f"'{domain}' is not a catalogue: one of {', '.join(DOMAINS)}")
    if language == "en":
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalogue_path(language, domain).open("rb") as po:
        catalogue = read_po(po, locale=_CLDR[language], domain=domain)
    compiled = BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@cache
def _territories(language: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(_CLDR[language]).territories)


def place_name(location: str, language: str) -> str | None:
    """A country's or region's name in ``language`` ("중국", "欧盟"); ``None`` for a
    location with no name (``unknown``, or a code CLDR does not know)."""
    if location == UNKNOWN:
        return None
    return _territories(language).get(location)


class Own(NamedTuple):
    """A text of the map's, and whether it is the element's translation into the language
    asked for (else it is as the map writes it)."""

    text: str
    translated: bool


def own_text(element: object, field: str, language: str) -> Own | None:
    """An element's ``field`` in ``language``, from its ``translations``, else as the map
    writes it; ``None`` when the map does not give the field itself (a blank text gives
    nothing, and a translation alone does not count: checks judge the field, as DF110 does)."""
    written = given(getattr(element, field, None))
    if written is None:  # a translation alone does not give it: the map's own field is judged
        return None
    translated = getattr(getattr(element, "translations", None), language, None)
    found = given(getattr(translated, field, None))
    return Own(found, True) if found is not None else Own(written, False)
