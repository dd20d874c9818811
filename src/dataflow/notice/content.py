"""What a transfer notice says, decided once for Markdown and HTML.

One row per recipient and destination country of the transfers a law requires a notice for
(its pack's ``disclosure``; transfers to adequate destinations only where it says
``when_adequate``), one column per group of items (:mod:`.layouts`). Texts are taken in the
notice's language from each element's ``translations``, else as the map writes them; a
required item the map does not give is shown as missing, never guessed, and listed in
``gaps`` with where in the map to add it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from ..analysis import Analysis
from ..countries import country_codes
from ..errors import did_you_mean
from ..findings import Report
from ..i18n import LANGUAGES, N_, own_text, place_name, translations
from ..model import Disclosure, Jurisdiction, Processor
from ..transfers import DISCLOSURE_WORDS, Verdict
from .layouts import layout_for

__all__ = ["Gap", "Notice", "NoticeError", "NoticeRow", "Text", "build_notice", "notice_laws"]


#: How a notice shows an item the map does not give.
NOT_STATED = N_("[MISSING: not stated in the map]")
NO_COUNTRY = N_("[MISSING: the map does not say which country]")
NO_SAFEGUARD = N_("[MISSING: no safeguard this law recognises]")


class NoticeError(ValueError):
    """A notice that cannot be written: an unknown law or language."""


@dataclass(frozen=True)
class Text:
    """One line of a cell: its text, the language it is written in (``None``: the map does
    not say), and whether it marks an item the map does not give."""

    text: str
    language: str | None
    missing: bool = False


@dataclass(frozen=True)
class NoticeRow:
    """One recipient in one destination country: a cell (lines of text) per column."""

    recipient: str  # the processor's ID
    destination: str
    cells: tuple[tuple[Text, ...], ...]
    flows: tuple[str, ...]


@dataclass(frozen=True)
class Gap:
    """An item the notice needs and the map does not give, and where to add it."""

    place: str | None  # FILE:LINE:COLUMN of the element that should give it
    recipient: str
    destination: str
    item: str  # a disclosure item

    def __str__(self) -> str:
        where = f"{self.place}: " if self.place else ""
        return (f"{where}the notice lacks {DISCLOSURE_WORDS[self.item]} for '{self.recipient}' "
                f"in {self.destination}")


@dataclass(frozen=True)
class Notice:
    """A law's transfer notice in one language, with what the map does not say."""

    jurisdiction: str
    law: str
    reference: str
    language: str
    title: str
    intro: str
    headings: tuple[str, ...]
    rows: tuple[NoticeRow, ...]
    gaps: tuple[Gap, ...]
    #: transfers to destinations the law recognises, which its notice need not list
    not_listed: int
    #: texts shown as written because the map gives none in the notice's language
    untranslated: int
    map_language: str | None
    files: tuple[str, ...]
    as_of: date


def notice_laws(analysis: Analysis) -> dict[str, Jurisdiction]:
    """The laws whose packs (or the map) require a transfer notice, by ID."""
    return {j.id: j for j in analysis.jurisdictions.by_id.values() if j.disclosure is not None}


def _law(analysis: Analysis, asked: str) -> Jurisdiction:
    laws = notice_laws(analysis)
    for jurisdiction in laws.values():
        if asked.casefold() in (jurisdiction.id.casefold(), (jurisdiction.law or "").casefold()):
            return jurisdiction
    names = sorted({j.law or j.id for j in laws.values()} | set(laws))
    raise NoticeError(f"'{asked}' is not a law with a transfer notice"
                      f"{did_you_mean(asked, names)}; one of {', '.join(names)}")


def build_notice(report: Report, law: str, language: str) -> Notice:
    """The transfer notice ``law`` (a law's name such as PIPA, or a jurisdiction ID such as
    KR) requires, in ``language`` (en, ko or zh), for a checked map."""
    flowmap, analysis = report.flowmap, report.analysis
    if flowmap is None or analysis is None:
        raise ValueError("the report carries no analysis: write notices of what "
                         "dataflow.check returned")
    if language not in LANGUAGES:
        raise NoticeError(f"'{language}' is not a language notices are written in"
                          f"{did_you_mean(language, LANGUAGES)}; one of {', '.join(LANGUAGES)}")
    jurisdiction = _law(analysis, law)
    disclosure = jurisdiction.disclosure
    assert disclosure is not None  # chosen for it
    words = _Words(analysis, language)
    layout = layout_for(jurisdiction.id, disclosure.items)
    groups: dict[tuple[str, str], list[Verdict]] = {}
    not_listed = 0
    for verdict in analysis.verdicts:
        if verdict.jurisdiction.id != jurisdiction.id:
            continue
        if verdict.transfer.status == "adequate" and not disclosure.when_adequate:
            not_listed += 1
            continue
        groups.setdefault((verdict.recipient.id, verdict.transfer.destination),
                          []).append(verdict)
    rows, gaps = [], []
    for (recipient_id, destination), found in groups.items():
        row = _Row(words, disclosure, found)
        cells = tuple(tuple(line for item in column.items for line in row.cell(item))
                      for column in layout.columns)
        rows.append(NoticeRow(recipient_id, destination, cells,
                              tuple(dict.fromkeys(v.transfer.flow for v in found))))
        gaps.extend(Gap(words.place(element), recipient_id, destination, item)
                    for item, element in row.gaps)
    return Notice(
        jurisdiction=jurisdiction.id, law=jurisdiction.law or jurisdiction.id,
        reference=disclosure.reference, language=language, title=words.gettext(layout.title),
        intro=words.gettext(layout.intro).format(reference=disclosure.reference),
        headings=tuple(words.gettext(c.heading) for c in layout.columns), rows=tuple(rows),
        gaps=tuple(dict.fromkeys(gaps)), not_listed=not_listed,
        untranslated=words.untranslated, map_language=flowmap.language, files=flowmap.files,
        as_of=analysis.as_of)


class _Words:
    """Texts in the notice's language: the catalogue's, and the map's own."""

    def __init__(self, analysis: Analysis, language: str) -> None:
        self.analysis, self.language = analysis, language
        self.gettext: Callable[[str], str] = translations(language, "notice").gettext
        self.map_language = analysis.flowmap.language
        self.untranslated = 0

    def own(self, element: object, field: str) -> Text | None:
        """The element's ``field`` in the notice's language, else as written; ``None`` when
        the map gives neither."""
        found = own_text(element, field, self.language)
        if found is None:
            return None
        if found.translated:
            return Text(found.text, self.language)
        if self.map_language != self.language:
            self.untranslated += 1
        return Text(found.text, self.map_language)

    def missing(self, why: str = NOT_STATED) -> Text:
        return Text(self.gettext(why), self.language, missing=True)

    def place(self, element: tuple[str, ...]) -> str | None:
        found = self.analysis.flowmap.location(*element)
        return str(found) if found is not None else None


class _Row:
    """The cells of one recipient in one country, item by item, noting what is missing."""

    def __init__(self, words: _Words, disclosure: Disclosure, verdicts: list[Verdict]) -> None:
        self.words, self.disclosure, self.verdicts = words, disclosure, verdicts
        self.recipient: Processor = verdicts[0].recipient
        self.destination = verdicts[0].transfer.destination
        self.flows = list(dict.fromkeys(v.flow for v in verdicts))
        self.gaps: list[tuple[str, tuple[str, ...]]] = []

    def _lack(self, item: str, element: tuple[str, ...], why: str = NOT_STATED) -> Text:
        self.gaps.append((item, element))
        return self.words.missing(why)

    def cell(self, item: str) -> tuple[Text, ...]:
        required = item in self.disclosure.items
        if item == "recipient":
            return self._recipient(required)
        if item in ("contact", "rights"):
            return (self._recipient_text(item, required),)
        if item == "destination":
            return self._destination()
        if item == "categories":
            return self._categories()
        if item == "safeguard_reference":
            return tuple(line for v in self.verdicts for line in self._relied_on(v, required))
        if item == "safeguard_copy":
            return tuple(dict.fromkeys(
                line for v in self.verdicts for line in self._copy(v, required))) or (
                Text("—", None),)
        return self._flow_texts(item)

    def _recipient_element(self) -> tuple[str, ...]:
        return ("processor", self.recipient.id)

    def _recipient(self, required: bool) -> tuple[Text, ...]:
        entity = self.words.own(self.recipient, "entity")
        if entity is not None:
            return (entity,)
        shown = self.words.own(self.recipient, "name") or Text(self.recipient.id, None)
        if not required:
            return (shown,)
        return (self._lack("recipient", self._recipient_element()), shown)

    def _recipient_text(self, item: str, required: bool) -> Text:
        found = self.words.own(self.recipient, item)
        if found is not None:
            return found
        if not required:
            return Text("—", None)
        return self._lack(item, self._recipient_element())

    def _destination(self) -> tuple[Text, ...]:
        name = place_name(self.destination, self.words.language)
        if self.destination in country_codes():
            return (Text(name or self.destination, self.words.language),)
        # a region (EU) or unknown: the notice must name the country
        lack = self._lack("destination", self._recipient_element(),
                          NO_COUNTRY)
        return (lack, Text(name, self.words.language)) if name else (lack,)

    def _categories(self) -> tuple[Text, ...]:
        flowmap = self.words.analysis.flowmap
        shown = []
        for category_id in dict.fromkeys(c for v in self.verdicts for c in v.categories):
            category = flowmap.categories.get(category_id)
            name = self.words.own(category, "name") if category is not None else None
            shown.append(name or Text(category_id, None))
        return tuple(shown)

    def _flow_texts(self, item: str) -> tuple[Text, ...]:
        lines: list[Text] = []
        for verdict in self.verdicts:
            found = self.words.own(verdict.flow, item)
            if found is None:
                if item in self.disclosure.items:
                    found = self._lack(item, verdict.element)
                else:
                    continue
            if found not in lines:
                lines.append(found)
        return tuple(lines) or (Text("—", None),)

    def _relied_on(self, verdict: Verdict, required: bool) -> Iterable[Text]:
        gettext = self.words.gettext
        if verdict.transfer.status == "adequate" and verdict.adequacy is not None:
            term = verdict.jurisdiction.adequacy_term or "adequacy decision"
            yield Text(f"{gettext(ADEQUACY_WORDS.get(term, term))}: {verdict.adequacy.source}",
                       self.words.language)
            return
        if verdict.transfer.status != "safeguarded":
            yield self._lack("safeguard_reference", verdict.element,
                             NO_SAFEGUARD)
            return
        for used in verdict.used:
            label = gettext(MECHANISM_WORDS.get(used.safeguard.mechanism,
                                                used.safeguard.mechanism))
            reference = used.safeguard.reference
            if reference and reference.strip():
                yield Text(f"{label}: {reference}", self.words.map_language)
            elif required:
                yield Text(label, self.words.language)
                yield self._lack("safeguard_reference", verdict.element)
            else:
                yield Text(label, self.words.language)

    def _copy(self, verdict: Verdict, required: bool) -> Iterable[Text]:
        if verdict.transfer.status != "safeguarded":
            return
        for used in verdict.used:
            if used.safeguard.mechanism not in self.disclosure.copy_of:
                continue
            if used.safeguard.copy_at and used.safeguard.copy_at.strip():
                yield Text(used.safeguard.copy_at, self.words.map_language)
            elif required:
                yield self._lack("safeguard_copy", verdict.element)


#: The mechanisms as a notice names them (a mechanism a map adds is shown by its name).
MECHANISM_WORDS = {
    "consent": N_("Consent of the data subject"), "contract": N_("Contract"),
    "contract_necessity": N_("Necessary for a contract with the data subject"),
    "scc": N_("Standard contractual clauses"),
    "scc_2010": N_("Standard contractual clauses (2001-2010 versions)"),
    "bcr": N_("Binding corporate rules"), "certification": N_("Certification"),
    "code_of_conduct": N_("Code of conduct"),
    "law_or_treaty": N_("A law, treaty or international agreement"),
    "security_assessment": N_("Security assessment by the Cyberspace Administration of China"),
    "derogation": N_("Derogation for a specific situation"),
}
#: The packs' ``adequacy_term``\ s as a notice names them (a map's own is shown as written).
ADEQUACY_WORDS = {
    "adequacy decision": N_("Adequacy decision"),
    "adequacy decision (ANPD)": N_("Adequacy decision (ANPD)"),
    "adequacy finding (DPO Annex 1)": N_("Adequacy finding (Data Protection Ordinance, Annex 1)"),
    "adequacy regulations": N_("Adequacy regulations"),
    "designation": N_("Designation"),
    "equivalency recognition": N_("Equivalency recognition"),
}
