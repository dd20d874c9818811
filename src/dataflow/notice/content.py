"""What a transfer notice says, decided once for Markdown and HTML.

One row per recipient and destination country of the transfers a law requires a notice for
(its pack's ``disclosure``; transfers to destinations it recognises only where it says
``when_adequate``: the others are named in a note), one column per group of items
(:mod:`.layouts`). Texts are taken in the notice's language from each element's
``translations``, else as the map writes them; a required item the map does not give is
shown as missing, never guessed, and listed in ``gaps`` with where in the map to add it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from ..analysis import Analysis
from ..countries import country_codes
from ..errors import did_you_mean
from ..findings import Report
from ..i18n import LANGUAGES, N_, own_text, place_name, translations
from ..model import Disclosure, Jurisdiction, Processor, given
from ..records import record
from ..transfers import DISCLOSURE_WORDS, DeclaredSafeguard, Verdict
from .layouts import Column, layout_for

__all__ = ["Gap", "Line", "Notice", "NoticeError", "NoticeRow", "Text", "build_notice",
           "notice_laws"]

#: How a notice shows an item the map does not give.
NOT_STATED = N_("[MISSING: not stated in the map]")
NO_COUNTRY = N_("[MISSING: the map does not say which country]")
NO_SAFEGUARD = N_("[MISSING: no safeguard this law recognises]")
NOT_LISTED = N_("Transfers to {places} are not listed: {law} recognises those destinations.")
#: The items given per flow (or collection point): a column of them shows one line per flow,
#: so that each purpose stays beside its retention period.
FLOW_ITEMS = frozenset({"purpose", "retention", "method", "refusal"})
#: What a gap asks for, in words: the disclosure items, and a safeguard that counts.
GAP_WORDS = {**DISCLOSURE_WORDS, "safeguard": (
    "a safeguard this law recognises (none declared counts: `dataflow check` says why)")}
#: Texts usually shown as written in every language: legal names, addresses.
_AS_WRITTEN = frozenset({"entity", "contact"})


class NoticeError(ValueError):
    """A notice that cannot be written: an unknown law or language."""


@record(frozen=True)
class Text:
    """A piece of a cell: its text, the language it is written in (``None``: the map does
    not say), and whether it marks an item the map does not give."""

    text: str
    language: str | None
    missing: bool = False


@record(frozen=True)
class Line:
    """One line of a cell: its pieces, joined by ``joint`` (a purpose / its retention)."""

    parts: tuple[Text, ...]
    joint: str = ""


@record(frozen=True)
class NoticeRow:
    """One recipient in one destination country: a cell (lines) per column."""

    recipient: str  # the processor's ID
    destination: str
    cells: tuple[tuple[Line, ...], ...]
    flows: tuple[str, ...]
    #: what the transfers rely on: mechanisms, "adequacy", none where a transfer has nothing
    grounds: tuple[str, ...] = ()


@record(frozen=True)
class Gap:
    """Something the notice needs and the map does not give, and where to add it."""

    place: str | None  # FILE:LINE:COLUMN of the element that should give it
    recipient: str
    destination: str
    item: str  # a disclosure item, or "safeguard"

    def __str__(self) -> str:
        where = f"{self.place}: " if self.place else ""
        return (f"{where}the notice lacks {GAP_WORDS[self.item]} for '{self.recipient}' "
                f"in {self.destination}")


@record(frozen=True)
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
    #: sentences after the table (the destinations the law recognises, not listed)
    notes: tuple[str, ...]
    gaps: tuple[Gap, ...]
    #: transfers to destinations the law recognises, which its notice need not list
    not_listed: int
    #: listed transfers with no safeguard the law recognises (``dataflow check`` says why)
    unlawful: int
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
    omitted: dict[str, None] = {}
    not_listed = 0
    for verdict in analysis.verdicts:
        if verdict.jurisdiction.id != jurisdiction.id:
            continue
        if verdict.transfer.status == "adequate" and not disclosure.when_adequate:
            omitted[verdict.transfer.destination] = None
            not_listed += 1
            continue
        groups.setdefault((verdict.recipient.id, verdict.transfer.destination),
                          []).append(verdict)
    rows, gaps = [], []
    for (recipient_id, destination), found in groups.items():
        row = _Row(words, disclosure, found)
        rows.append(NoticeRow(recipient_id, destination,
                              tuple(row.cell(column) for column in layout.columns),
                              tuple(dict.fromkeys(v.transfer.flow for v in found)),
                              tuple(dict.fromkeys(m for v in found
                                                  for m in v.transfer.mechanisms))))
        gaps.extend(Gap(words.place(element), recipient_id, destination, item)
                    for item, element in row.gaps)
    law_name = jurisdiction.law or jurisdiction.id
    notes = ()
    if omitted:
        places = ", ".join(words.place_name(d) for d in omitted)
        notes = (words.gettext(NOT_LISTED).format(places=places, law=law_name),)
    return Notice(
        jurisdiction=jurisdiction.id, law=law_name, reference=disclosure.reference,
        language=language, title=words.gettext(layout.title),
        intro=words.gettext(layout.intro).format(reference=disclosure.reference),
        headings=tuple(words.gettext(c.heading) for c in layout.columns), rows=tuple(rows),
        notes=notes, gaps=tuple(dict.fromkeys(gaps)),
        not_listed=not_listed,
        unlawful=sum(1 for found in groups.values() for v in found
                     if v.transfer.status == "missing"),
        untranslated=words.untranslated, map_language=flowmap.language, files=flowmap.files,
        as_of=analysis.as_of)


class _Words:
    """Texts in the notice's language: the catalogue's, and the map's own."""

    def __init__(self, analysis: Analysis, language: str) -> None:
        self.analysis, self.language = analysis, language
        self.gettext: Callable[[str], str] = translations(language, "notice").gettext
        self.untranslated = 0

    def own(self, element: Any, field: str, where: tuple[str, Any]) -> Text | None:
        """The element's ``field`` in the notice's language (its ``translations``), else as
        written; ``None`` when the map does not give it. ``where`` is the element's kind and
        key, for the language of the file that declares it."""
        found = own_text(element, field, self.language)
        if found is None:
            return None
        if found.translated:
            return Text(found.text, self.language)
        written_in = self.analysis.flowmap.language_of(*where)
        if written_in != self.language and field not in _AS_WRITTEN:
            self.untranslated += 1
        return Text(found.text, written_in)

    def missing(self, why: str = NOT_STATED) -> Text:
        return Text(self.gettext(why), self.language, missing=True)

    def term(self, text: str) -> Text:
        """One of the notice's own words (a mechanism, an adequacy term)."""
        return Text(self.gettext(text), self.language)

    def place_name(self, location: str) -> str:
        return place_name(location, self.language) or location

    def place(self, element: tuple[Any, ...]) -> str | None:
        found = self.analysis.flowmap.location(*element)
        return str(found) if found is not None else None


def _once(lines: Iterable[Line]) -> tuple[Line, ...]:
    """The lines, each text once (each missing item stays: the recipient's name and its
    contact are two gaps, though their markers read the same)."""
    kept: list[Line] = []
    for line in lines:
        if line not in kept or any(part.missing for part in line.parts):
            kept.append(line)
    return tuple(kept)


class _Row:
    """The cells of one recipient in one country, column by column, noting what is missing."""

    def __init__(self, words: _Words, disclosure: Disclosure, verdicts: list[Verdict]) -> None:
        self.words, self.disclosure, self.verdicts = words, disclosure, verdicts
        self.recipient: Processor = verdicts[0].recipient
        self.destination = verdicts[0].transfer.destination
        self.gaps: list[tuple[str, tuple[Any, ...]]] = []

    def _lack(self, item: str, element: tuple[Any, ...], why: str = NOT_STATED) -> Text:
        self.gaps.append((item, element))
        return self.words.missing(why)

    def cell(self, column: Column) -> tuple[Line, ...]:
        if set(column.items) <= FLOW_ITEMS:
            return self._flow_lines(column.items)
        lines: list[Line] = []
        for item in column.items:
            if item in FLOW_ITEMS:
                lines.extend(self._flow_lines((item,)))
            else:
                lines.extend(Line((part,)) for part in self._item(item))
        return _once(lines)

    def _item(self, item: str) -> Iterable[Text]:
        required = item in self.disclosure.items
        if item == "recipient":
            return self._recipient(required)
        if item in ("contact", "rights"):
            return (self._recipient_text(item, required),)
        if item == "destination":
            return self._destination(required)
        if item == "categories":
            return self._categories()
        if item == "safeguard_reference":
            return [part for v in self.verdicts for part in self._relied_on(v, required)]
        if item == "safeguard_copy":
            found = [part for v in self.verdicts for part in self._copy(v, required)]
            return found or (Text("—", None),)
        raise ValueError(f"no notice item '{item}'")  # the model allows no other

    def _recipient_place(self) -> tuple[str, str]:
        return ("processor", self.recipient.id)

    def _recipient(self, required: bool) -> tuple[Text, ...]:
        entity = self.words.own(self.recipient, "entity", self._recipient_place())
        if entity is not None:
            return (entity,)
        shown = (self.words.own(self.recipient, "name", self._recipient_place())
                 or Text(self.recipient.id, None))
        if not required:
            return (shown,)
        return (self._lack("recipient", self._recipient_place()), shown)

    def _recipient_text(self, item: str, required: bool) -> Text:
        found = self.words.own(self.recipient, item, self._recipient_place())
        if found is not None:
            return found
        if not required:
            return Text("—", None)
        return self._lack(item, self._recipient_place())

    def _destination(self, required: bool) -> tuple[Text, ...]:
        name = place_name(self.destination, self.words.language)
        if self.destination in country_codes():
            return (Text(name or self.destination, self.words.language),)
        # a region (EU) or unknown: a notice that must name the country cannot
        shown = (Text(name, self.words.language),) if name else ()
        if not required:
            return shown or (Text("—", None),)
        return (self._lack("destination", self._recipient_place(), NO_COUNTRY), *shown)

    def _categories(self) -> tuple[Text, ...]:
        flowmap = self.words.analysis.flowmap
        shown = []
        for category_id in dict.fromkeys(c for v in self.verdicts for c in v.categories):
            category = flowmap.categories.get(category_id)
            name = (self.words.own(category, "name", ("category", category_id))
                    if category is not None else None)
            shown.append(name or Text(category_id, None))
        return tuple(shown)

    def _sources(self) -> Iterable[tuple[Any, tuple[Any, ...], tuple[str, Any]]]:
        """Where each transfer's texts are written: the flow, or for a collection abroad
        each of its collection points (with where each is declared, and its language)."""
        for verdict in self.verdicts:
            if verdict.transfer.source is None and verdict.points:
                for index in verdict.points:
                    key = ("collect", (verdict.recipient.id, index))
                    yield verdict.recipient.collects[index], key, key
            else:
                yield verdict.flow, verdict.element, ("flow", verdict.flow.id)

    def _flow_lines(self, items: tuple[str, ...]) -> tuple[Line, ...]:
        """One line per flow (or collection point): its texts of ``items``, in order."""
        lines: list[Line] = []
        for source, element, where in self._sources():
            parts = []
            for item in items:
                found = self.words.own(source, item, where)
                if found is None:
                    if item not in self.disclosure.items:
                        continue
                    found = self._lack(item, element)
                parts.append(found)
            line = Line(tuple(parts), " / ")
            if parts and line not in lines:
                lines.append(line)
        return tuple(lines) or (Line((Text("—", None),)),)

    def _relied_on(self, verdict: Verdict, required: bool) -> Iterable[Text]:
        if verdict.transfer.status == "adequate" and verdict.adequacy is not None:
            term = verdict.jurisdiction.adequacy_term or "adequacy decision"
            reference = verdict.adequacy.reference
            label = self.words.term(ADEQUACY_WORDS.get(term, term))
            yield Text(f"{label.text} ({reference})", self.words.language) if reference \
                else label
            return
        if verdict.transfer.status != "safeguarded":
            yield self._lack("safeguard", verdict.element, NO_SAFEGUARD)
            return
        for used in verdict.used:
            mechanism = used.safeguard.mechanism
            label = self.words.term(MECHANISM_WORDS.get(mechanism, mechanism))
            reference = used.safeguard.reference
            if given(reference):
                language = self.words.analysis.flowmap.language_of(used.on, used.owner)
                yield Text(f"{label.text}: {reference}", language)
            else:
                yield label
                if required:
                    yield self._lack("safeguard_reference", self._safeguard_place(used))

    def _copy(self, verdict: Verdict, required: bool) -> Iterable[Text]:
        if verdict.transfer.status != "safeguarded":
            return
        for used in verdict.used:
            if used.safeguard.mechanism not in self.disclosure.copy_of:
                continue
            if given(used.safeguard.copy_at):
                language = self.words.analysis.flowmap.language_of(used.on, used.owner)
                yield Text(used.safeguard.copy_at, language)
            elif required:
                yield self._lack("safeguard_copy", self._safeguard_place(used))

    def _safeguard_place(self, used: DeclaredSafeguard) -> tuple[Any, ...]:
        """Where a safeguard is declared; a collection's, at its collection point."""
        if used.on == "flow" and used.owner not in self.words.analysis.flowmap.flows:
            return self.verdicts[0].element
        return (*used.element, "safeguards", used.index)


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
#: The packs' ``adequacy_term``\\ s as a notice names them (a map's own is shown as written).
ADEQUACY_WORDS = {
    "adequacy decision": N_("Adequacy decision"),
    "adequacy decision (ANPD)": N_("Adequacy decision (ANPD)"),
    "adequacy finding (DPO Annex 1)": N_("Adequacy finding (Data Protection Ordinance, Annex 1)"),
    "adequacy regulations": N_("Adequacy regulations"),
    "designation": N_("Designation"),
    "equivalency recognition": N_("Equivalency recognition"),
}
