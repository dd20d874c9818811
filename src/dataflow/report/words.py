"""The report's own words, in the language it is written in.

Texts are English in the code (marked ``N_`` here, ``_()``/``{% trans %}`` in the templates)
and translated by the ``report`` catalogues (:mod:`dataflow.i18n`); English is the code's
text. The map's own texts are not the report's: they are taken from each element's
``translations`` where given (:func:`dataflow.i18n.own_text`), else shown as written.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import jinja2

from ..countries import country_name
from ..i18n import N_, place_name, translations
from ..jurisdictions import Jurisdictions
from ..model import UNKNOWN
from ..notice.content import NOT_STATED as NOTICE_NOT_STATED

__all__ = ["NOT_STATED", "ROLE_WORDS", "SEVERITY_WORDS", "STATUS_WORDS",
           "Words", "templates", "words"]

#: How every format shows a value the map does not give: visible, never a blank cell.
NOT_STATED = N_("not stated in the map")
ROLE_WORDS = {"controller": N_("Controller"),
              "processor": N_("Processor (acts on instructions)"),
              "third_party": N_("Third party (own purposes)")}
STATUS_WORDS = {"missing": N_("No safeguard"), "safeguarded": N_("Safeguarded"),
                "adequate": N_("Adequate country")}
SEVERITY_WORDS = {"error": N_("Error"), "warning": N_("Warning"), "info": N_("Info")}
#: A diagram narrowed to fit, in words (a view or grouping added later is named as it is).
_VIEW_WORDS = {"transfers": N_("only international transfers"),
               "findings": N_("only what has findings")}
_GROUP_WORDS = {"country": N_("one box per country"), "entity": N_("one box per entity"),
                "role": N_("one box per role")}


class Words:
    """The report's words in one language (en, ko or zh)."""

    def __init__(self, language: str) -> None:
        self.language = language
        found = translations(language, "report")
        self.gettext: Callable[[str], str] = found.gettext
        self.ngettext: Callable[[str, str, int], str] = found.ngettext
        self.not_stated = self.gettext(NOT_STATED)
        self.severities = self._all(SEVERITY_WORDS)
        self.statuses = self._all(STATUS_WORDS)
        self.roles = self._all(ROLE_WORDS)
        #: how the transfer notices in the report mark an item the map does not give
        self.notice_missing = translations(language, "notice").gettext(NOTICE_NOT_STATED)

    def _all(self, texts: dict[str, str]) -> dict[str, str]:
        return {key: self.gettext(text) for key, text in texts.items()}

    def country(self, code: str) -> str:
        """``China (CN)``, ``중국(CN)``, ``中国（CN）``: the name in the report's language."""
        name = (country_name(code) if self.language == "en"
                else place_name(code, self.language))
        if name is None:
            name = self.gettext(N_("unknown country")) if code == UNKNOWN else code
        return self.gettext(N_("{country} ({code})")).format(country=name, code=code)

    def law(self, jurisdictions: Jurisdictions, jurisdiction_id: str) -> str:
        """``PIPA (Republic of Korea)``: the law, and where it applies in the report's
        language when that is a country or region CLDR names (else as its pack names it)."""
        found = jurisdictions.by_id.get(jurisdiction_id)
        place = None if self.language == "en" else place_name(jurisdiction_id, self.language)
        if found is None or not found.law or place is None:
            return jurisdictions.label(jurisdiction_id)
        return self.gettext(N_("{law} ({place})")).format(law=found.law, place=place)

    def findings(self, severity: str, count: int) -> str:
        """``7 errors``: a number of findings of one severity."""
        if severity == "error":
            return self.ngettext("{count} error", "{count} errors", count).format(count=count)
        if severity == "warning":
            return self.ngettext("{count} warning", "{count} warnings", count).format(
                count=count)
        return self.gettext(N_("{count} info")).format(count=count)

    def counted(self, count: int, what: str) -> str:
        """``3 error``, ``6 safeguarded``: a number, and what it counts in one word."""
        return self.gettext(N_("{count} {what}")).format(count=count, what=what.lower())

    def waived(self, severity: str | None) -> str:
        """``Waived (was warning):``, the heading of what a waiver says."""
        if severity in self.severities:
            return self.gettext(N_("Waived (was {severity}):")).format(
                severity=self.severities[severity].lower())
        return self.gettext(N_("Waived:"))

    def drawn_as(self, view: str, group_by: str | None) -> str:
        """``only international transfers, one box per role``: a diagram narrowed to fit."""
        said = []
        if view != "full":
            said.append(self.gettext(_VIEW_WORDS[view]) if view in _VIEW_WORDS else view)
        if group_by:
            said.append(self.gettext(_GROUP_WORDS[group_by]) if group_by in _GROUP_WORDS
                        else f"one box per {group_by}")
        return ", ".join(said)


@cache
def words(language: str) -> Words:
    """The report's words in ``language`` (one instance per language)."""
    return Words(language)


def templates(language: str, *, autoescape: bool) -> jinja2.Environment:
    """The report's templates, with the ``report`` catalogue of ``language`` for their
    ``_()`` and ``{% trans %}`` (trimmed, as the texts are extracted)."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("dataflow.report", "templates"), autoescape=autoescape,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.i18n"])
    environment.policies["ext.i18n.trimmed"] = True
    environment.install_gettext_translations(  # type: ignore[attr-defined]
        translations(language, "report"), newstyle=True)
    return environment
