"""The two tables teams keep, imported as a map: a subprocessor list, and the overseas-transfer
table of a Korean privacy policy (PIPA Art. 28-8(2)).

Each row is a flow from one sending processor (``--from``, located at ``--home``, where the
data is collected) to the recipient it names; one processor per distinct recipient. What
each column becomes is in ``SUBPROCESSORS`` and ``TRANSFERS`` of :mod:`.columns` and in
docs/importing.md. Nothing is decided in the sender's favour: a row with no safeguard gets
none, a row with no country, or "worldwide", goes to ``unknown``, a transfer table's
recipients get no ``role`` unless ``--role`` says it, and an item not known here gets no
kinds; each such row says so in a comment.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from ..countries import country_problem
from ..errors import MapError, Problem, Vocabulary
from ..jurisdictions import Jurisdictions
from ..model import ID_PATTERN, UNKNOWN
from ..records import record
from .columns import KINDS, SUBPROCESSORS, TableKind
from .csvfile import Cell, Table, read_csv, split_cell
from .ids import IdMaker
from .items import KNOWN, NOT_ITEMISED, KnownCategory, read_items
from .places import read_places, suggest_place
from .result import Imported, ImportOptionError, Note

__all__ = ["import_table"]


#: Words of a safeguard cell and the mechanism each names. "dpf" is a certification of the
#: recipient; "adequacy" is judged by the check from the location; "none" states there is none.
_MECHANISM_WORDS = {
    "scc": "scc", "sccs": "scc", "standard contractual clauses": "scc", "eu scc": "scc",
    "eu sccs": "scc", "model clauses": "scc", "standard contract": "scc", "표준계약": "scc",
    "표준 계약": "scc", "표준계약조항": "scc", "bcr": "bcr", "bcrs": "bcr",
    "binding corporate rules": "bcr", "consent": "consent", "동의": "consent",
    "별도 동의": "consent", "정보주체의 동의": "consent", "contract necessity":
    "contract_necessity", "계약 이행": "contract_necessity",
    "계약 이행에 필요한 처리위탁·보관": "contract_necessity", "certification": "certification",
    "인증": "certification", "code of conduct": "code_of_conduct",
    "law or treaty": "law_or_treaty", "법률": "law_or_treaty", "조약": "law_or_treaty",
    "security assessment": "security_assessment", "derogation": "derogation",
    "dpf": "dpf", "data privacy framework": "dpf", "eu-us dpf": "dpf", "eu-u.s. dpf": "dpf",
    "adequacy": "adequacy", "adequacy decision": "adequacy", "적정성 결정": "adequacy",
    "동등성 인정": "adequacy", "none": "none", "n/a": "none", "-": "none", "없음": "none",
    "해당 없음": "none",
}
_LIST = re.compile(r"\s*(?:[;,+，；、\n]|\s/\s|\sand\s|\s및\s)\s*", re.IGNORECASE)
_PURPOSE_RETENTION = re.compile(r"\s+/\s+|\s*／\s*|\s*\n\s*")
_CONTACT_LABEL = re.compile(
    r"^\s*(연락처|개인정보\s*보호\s*책임자|정보\s*보호\s*책임자|정보관리책임자|담당자|문의처?|"
    r"contact|e-?mail|tel\.?|phone|전화(번호)?|이메일)\s*[:：]?\s*", re.IGNORECASE)
_CONTACT_LIKE = re.compile(r"@|https?://|www\.|\d{2,4}[-\s.)]\d{3,4}[-\s.]\d{3,4}|" +
                           _CONTACT_LABEL.pattern[1:], re.IGNORECASE)


#: The Hangul syllables block: a header row in it is Korean.
_HANGUL = ("\uac00", "\ud7a3")


def _header_key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s.·・,:()\[\]/\-_'’\"]", "", folded)


def _split_contact(cell: str) -> tuple[str, str | None]:
    """A recipient cell as its name and the contact it gives, if any."""
    text = cell.strip()
    trailing = re.search(r"[(（]([^()（）]*)[)）]\s*$", text)
    if trailing and _CONTACT_LIKE.search(trailing.group(1)):
        return text[:trailing.start()].strip(), _CONTACT_LABEL.sub("", trailing.group(1))
    name, _, rest = text.partition("\n")
    if rest.strip() and _CONTACT_LIKE.search(rest):
        return name.strip(), _CONTACT_LABEL.sub("", " ".join(rest.split()))
    labelled = re.search(r"[,/]?\s*(연락처|contact)\s*[:：]", text, re.IGNORECASE)
    if labelled and labelled.start() > 0:
        return text[:labelled.start()].strip(), text[labelled.end():].strip()
    return text, None


def _one_line(text: str) -> str:
    return " ".join(text.split())


@record
class _Recipient:
    id: str
    name: str
    entities: list[str]
    contacts: list[str]
    locations: list[str]
    certifications: list[str]
    lines: list[int]


class _Reader:
    """Reads the rows of one table into a map; problems are collected, then raised."""

    def __init__(self, table: Table, kind: TableKind, header: tuple[int, dict[str, int]],
                 extra: dict[int, str], sender: str, home: str, role: str | None) -> None:
        self.table, self.kind, self.extra = table, kind, extra
        self.header_row, self.header = header
        self.sender, self.home, self.role = sender, home, role
        self.problems: list[Problem] = []
        self.notes: list[Note] = []
        self.laws = Jurisdictions()
        self.recipients: dict[str, _Recipient] = {}
        self.recipient_ids = IdMaker("recipient", reserved=(sender,))
        self.flow_ids = IdMaker("flow")
        self.category_ids = IdMaker("item", reserved=tuple(c.id for c in (*KNOWN, NOT_ITEMISED)))
        self.categories: dict[str, dict[str, Any]] = {}
        self.category_words: dict[str, list[str]] = {}
        self.flows: list[dict[str, Any]] = []
        self.flow_comments: dict[str, list[str]] = {}
        self.said_no_items = False

    def problem(self, cell: Cell, column: str, message: str) -> None:
        self.problems.append(Problem(self.table.file, cell.line, cell.column,
                                     f"column '{column}': {message}"))

    def cell(self, row: list[Cell], field: str) -> Cell | None:
        index = self.header.get(field)
        if index is None or index >= len(row):
            return None
        return row[index]

    def text(self, row: list[Cell], field: str) -> str:
        found = self.cell(row, field)
        return found.text.strip() if found else ""

    def header_name(self, field: str) -> str:
        return self.table.rows[self.header_row][self.header[field]].text.strip()

    @property
    def language(self) -> str:
        """The language the table is written in, as its header row is: Korean or English."""
        headers = "".join(c.text for c in self.table.rows[self.header_row])
        return "ko" if any(_HANGUL[0] <= ch <= _HANGUL[1] for ch in headers) else "en"

    # -- one row ---------------------------------------------------------------------------

    def read_row(self, row: list[Cell]) -> None:
        line = row[0].line
        name_field = "name" if self.kind is SUBPROCESSORS else "recipient"
        name_cell = self.cell(row, name_field)
        comments = [f"{self.table.file} line {line}"]
        name, contact = _split_contact(name_cell.text if name_cell else "")
        name = _one_line(name)
        if not name:
            self.problem(name_cell or row[0], self.header_name(name_field),
                         "this row names no recipient: write its name (or delete the row)")
            return
        if contact:
            comments.append(f"contact split out of the cell: {_one_line(contact)!r}")
        contact = _one_line(self.text(row, "contact")) or contact
        locations = self.read_locations(row, comments)
        safeguards, certifications = self.read_safeguards(row, comments)
        categories = self.read_categories(row, line, comments)
        if locations is None or safeguards is None:
            return
        recipient = self.add_recipient(name, contact, locations, certifications, row)
        flow: dict[str, Any] = {"id": self.flow_ids.another(f"{self.sender}-to-{recipient.id}"),
                                "from": self.sender, "to": recipient.id,
                                "categories": categories}
        purpose, retention = self.text(row, "purpose"), self.text(row, "retention")
        both = self.text(row, "purpose_retention")
        if both:
            parts = _PURPOSE_RETENTION.split(both, maxsplit=1)
            if len(parts) == 2 and all(p.strip() for p in parts):
                purpose, retention = parts[0].strip(), parts[1].strip()
                comments.append("purpose and retention split at the first ' / ' or line break")
            else:
                purpose = retention = both
                comments.append("purpose and retention given in one cell, not split: both "
                                "hold the whole cell")
        for key, value in (("purpose", purpose), ("retention", retention),
                           ("method", self.text(row, "method")),
                           ("refusal", self.text(row, "refusal"))):
            if value:
                flow[key] = _one_line(value)
        if safeguards:
            flow["safeguards"] = safeguards
        for index, header in self.extra.items():
            if index < len(row) and row[index].text.strip():
                flow[f"x-{header}"] = row[index].text.strip()
        self.flows.append(flow)
        self.flow_comments[flow["id"]] = comments

    def read_locations(self, row: list[Cell], comments: list[str]) -> list[str] | None:
        field = "location" if self.kind is SUBPROCESSORS else "country"
        cell = self.cell(row, field)
        written = cell.text.strip() if cell else ""
        if not written:
            comments.append(f"no {field} given: `unknown` (the check says a transfer cannot "
                            "be ruled out)")
            return [UNKNOWN]
        places = read_places(written)
        for word in places.unknown:
            self.problem(cell, self.header_name(field), (
                f"'{word}' is not a country known here{suggest_place(word)}; write a country "
                "name (in Korean or English) or an ISO code, EU/EEA for somewhere in the EEA, "
                "or 'worldwide' when the countries are not known"))
        if places.unknown:
            return None
        if places.vague:
            comments.append(f"{field} {', '.join(repr(v) for v in places.vague)} names no "
                            "country: `unknown`, never a guessed one")
        if places.more:
            comments.append(f"{field} {written!r} ends in 'etc.': `unknown` added for the "
                            "countries it does not name")
        if "EU" in places.locations:
            comments.append("EU: somewhere in the EU/EEA (adequate for a law only if every "
                            "member is)")
        return list(places.locations)

    def read_safeguards(self, row: list[Cell], comments: list[str]
                        ) -> tuple[list[dict[str, Any]] | None, list[str]]:
        cell = self.cell(row, "safeguard")
        if cell is None or not cell.text.strip():
            return [], []
        known = sorted(self.laws.mechanism_names)
        default = [self.laws.of_country(self.home)]
        safeguards: list[dict[str, Any]] = []
        certifications: list[str] = []
        failed = False
        for entry in split_cell(cell.text, _LIST):
            inner = re.search(r"[(（]([^)）]*)[)）]\s*$", entry)
            word = (entry[:inner.start()] if inner else entry).strip()
            key = word.casefold()
            mechanism = word if word in known else _MECHANISM_WORDS.get(key)
            if mechanism is None:
                hint = Vocabulary([*known, "dpf", "adequacy", "none"]).suggest(
                    word.lower().replace(" ", "_"))
                self.problem(cell, self.header_name("safeguard"), (
                    f"'{word}' is not a safeguard known here{hint}; write one of "
                    f"{', '.join(known)}, DPF (the recipient is certified), adequacy, or "
                    "none; `scc (EU, GB)` names the jurisdictions it is for"))
                failed = True
                continue
            if mechanism == "none":
                comments.append(f"safeguard {word!r}: none")
                continue
            if mechanism == "adequacy":
                comments.append(f"safeguard {word!r}: adequacy is judged by the check from the "
                                "location, not declared")
                continue
            if mechanism == "dpf":
                certifications.append("dpf")
                continue
            declared: dict[str, Any] = {"mechanism": mechanism}
            words = [w for w in re.split(r"[\s,;]+", inner.group(1)) if w] if inner else []
            if words and all(w in self.laws.by_id for w in words):
                declared["jurisdictions"] = words
            else:
                declared["jurisdictions"] = default
                if inner and inner.group(1).strip():
                    declared["reference"] = inner.group(1).strip()
                comments.append(f"safeguard {mechanism} declared for {', '.join(default)}, the "
                                f"jurisdiction of --home {self.home} (write `{word} (EU)` to "
                                "name others)")
            safeguards.append(declared)
        return (None if failed else safeguards), certifications

    def read_categories(self, row: list[Cell], line: int, comments: list[str]) -> list[str]:
        field = "categories" if self.kind is SUBPROCESSORS else "items"
        written = self.text(row, field)
        found: list[str] = []
        items = read_items(written) if written else []
        for item in items:
            for known in item.categories or (None,):
                category_id = self.add_category(known, item.written)
                if category_id not in found:
                    found.append(category_id)
        unknown = [i.written for i in items if not i.categories]
        if unknown:
            comments.append(f"items not known here, with no kinds: {', '.join(unknown)} (add "
                            "`kinds` to their categories if they are sensitive)")
        if not found:
            found.append(self.add_category(NOT_ITEMISED, NOT_ITEMISED.name))
            if field in self.header:
                self.notes.append(Note(self.table.file, line, 1, (
                    f"the row names no {field}: its flow carries '{NOT_ITEMISED.id}', of no "
                    "kind; list the items sent, sensitive ones above all")))
            elif not self.said_no_items:
                first = self.table.rows[self.header_row][0]
                self.notes.append(Note(self.table.file, first.line, first.column, (
                    f"the table has no {field} column: every flow carries "
                    f"'{NOT_ITEMISED.id}', of no kind; add the column, sensitive items above "
                    "all")))
                self.said_no_items = True
        return found

    # -- the map's elements ---------------------------------------------------------------

    def add_category(self, known: KnownCategory | None, written: str) -> str:
        if known is None:
            category_id = self.category_ids.make(written, keep_valid=False)
            entry: dict[str, Any] = {"id": category_id, "name": _one_line(written)}
        else:
            category_id = known.id
            if known.parent and known.parent not in self.categories:
                parent = next(c for c in KNOWN if c.id == known.parent)
                self.categories[parent.id] = _category_entry(parent)
            entry = _category_entry(known)
        self.categories.setdefault(category_id, entry)
        words = self.category_words.setdefault(category_id, [])
        if written not in words:
            words.append(written)
        return category_id

    def add_recipient(self, name: str, contact: str | None, locations: list[str],
                      certifications: list[str], row: list[Cell]) -> _Recipient:
        entity = _one_line(self.text(row, "entity")) if self.kind is SUBPROCESSORS else name
        found = self.recipients.get(name)
        if found is None:
            found = self.recipients[name] = _Recipient(
                self.recipient_ids.make(name, keep_valid=False, drop_legal_forms=True), name,
                [], [], [], [], [])
        for value, values in ((entity, found.entities), (contact, found.contacts)):
            if value and value not in values:
                values.append(value)
        found.locations += [loc for loc in locations if loc not in found.locations]
        found.certifications += [c for c in certifications if c not in found.certifications]
        found.lines.append(row[0].line)
        return found

    def processors(self, collected: list[str]) -> tuple[list[dict[str, Any]],
                                                        dict[str, list[str]]]:
        comments: dict[str, list[str]] = {self.sender: [
            f"The sender of every row (--from {self.sender}), in --home {self.home}, where the "
            "data is collected: add its name, entity and role."]}
        sender: dict[str, Any] = {"id": self.sender, "locations": [self.home],
                                  "collects": [{"categories": collected}]}
        found = [sender]
        for recipient in sorted(self.recipients.values(), key=lambda r: r.id):
            processor: dict[str, Any] = {"id": recipient.id, "name": recipient.name}
            lines = recipient.lines
            said = [f"{self.table.file} line{'s' if len(lines) > 1 else ''} "
                    f"{', '.join(map(str, lines))}"]
            if recipient.entities:
                processor["entity"] = "; ".join(recipient.entities)
            if len(recipient.entities) > 1:
                said.append("rows give different entities: all are kept, one is right")
            if self.role:
                processor["role"] = self.role
            processor["locations"] = recipient.locations
            if recipient.contacts:
                processor["contact"] = "; ".join(recipient.contacts)
            if recipient.certifications:
                processor["certifications"] = recipient.certifications
            found.append(processor)
            comments[recipient.id] = said
        return found, comments

    def finish(self) -> Imported:
        if self.problems:
            raise MapError(self.problems)
        collected: list[str] = []
        for flow in self.flows:
            collected += [c for c in flow["categories"] if c not in collected]
        processors, processor_comments = self.processors(collected)
        kind = self.kind
        if self.language != "en":
            self._name_categories_as_written()
        imported = Imported(source=kind.title, data={
            "dataflow": 1,
            "name": f"{'Subprocessors' if kind is SUBPROCESSORS else 'Overseas transfers'} "
                    f"({self.table.file.replace(chr(92), '/').rsplit('/', 1)[-1]})",
            "home": self.home,
            "language": self.language,
            "categories": [self.categories[c] for c in sorted(self.categories)],
            "processors": processors,
            "flows": self.flows,
        }, notes=self.notes)
        imported.header = [
            f"Imported by `dataflow import csv` from {self.table.file}, a {kind.title}, read as "
            f"{self.table.encoding}.",
            f"Each row is a flow from '{self.sender}' to the recipient it names; recipients "
            "are processors, one per distinct name.",
            "Check it with `dataflow check`; see docs/importing.md for what each column "
            "became."]
        if self.extra:
            imported.header.append("Columns of no field, kept unchecked on each flow as `x-` "
                                   "keys: " + ", ".join(self.extra.values()) + ".")
        for category_id, words in self.category_words.items():
            if words != [self.categories[category_id].get("name")]:
                imported.comment("categories", category_id, "written as: " + ", ".join(
                    _one_line(w) for w in words))
            origin = self.category_ids.origin(category_id)
            if origin is not None:
                imported.comment("categories", category_id, f"ID made from {origin!r}")
        for processor_id, lines in processor_comments.items():
            imported.comment("processors", processor_id, *lines)
            origin = self.recipient_ids.origin(processor_id)
            if origin is not None:
                imported.comment("processors", processor_id, f"ID made from {origin!r}")
        for flow_id, lines in self.flow_comments.items():
            imported.comment("flows", flow_id, *lines)
        return imported


    def _name_categories_as_written(self) -> None:
        """A table in another language than English names its items in that language: each
        known category is named as the table first writes it (a parent by the first of its
        words in that language), its English name kept as the translation."""
        for category_id, entry in self.categories.items():
            known = next((c for c in KNOWN if c.id == category_id), None)
            if known is None:
                continue
            written = self.category_words.get(category_id) or [
                w for w in known.words if any(_HANGUL[0] <= ch <= _HANGUL[1] for ch in w)][:1]
            if written:
                entry["name"] = _one_line(written[0])
                entry["translations"] = {"en": {"name": known.name}}


def _category_entry(known: KnownCategory) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": known.id, "name": known.name}
    if known.parent:
        entry["parent"] = known.parent
    if known.kinds:
        entry["kinds"] = list(known.kinds)
    return entry


# -- the header row ------------------------------------------------------------------------

def _recognised(kind: TableKind, cells: Iterable[Cell]) -> dict[str, int]:
    by_key = {_header_key(h): c.field for c in kind.columns for h in (*c.headers, c.field)}
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        field = by_key.get(_header_key(cell.text))
        if field is not None and field not in found:
            found[field] = index
    return found


def _choose(table: Table, wanted: str | None) -> tuple[TableKind, int]:
    """The kind of table and the index of its header row: the first of the first rows in
    which two columns (one, with ``--table``) are a kind's; the kind with most of them, or
    the one whose required columns are all there."""
    kinds = [KINDS[wanted]] if wanted else list(KINDS.values())
    for number, row in enumerate(table.rows[:10]):
        scores = {kind.name: _recognised(kind, row) for kind in kinds}
        best = max(len(found) for found in scores.values())
        if best < (1 if wanted else 2):
            continue
        top = [k for k in kinds if len(scores[k.name]) == best]
        complete = [k for k in top if all(c.field in scores[k.name] for c in k.columns
                                          if c.required)]
        if len(top) == 1 or len(complete) == 1:
            return (complete or top)[0], number
        raise MapError([Problem(table.file, row[0].line, row[0].column, (
            "the header row fits both a subprocessor list and a transfer table: say which "
            "with --table subprocessors or --table transfers"))])
    first = table.rows[0] if table.rows else [Cell("", 1, 1)]
    expected = "; ".join(f"{k.title}: " + ", ".join(
        f"'{c.headers[0]}'" for c in k.columns if c.required) for k in kinds)
    words = Vocabulary(h for k in kinds for c in k.columns for h in c.headers)
    known = {_header_key(h) for k in kinds for c in k.columns for h in c.headers}
    said = [f"'{c.text.strip()}'" + ("" if _header_key(c.text) in known
                                     else words.suggest(c.text.strip()))
            for c in first if c.text.strip()][:8]
    raise MapError([Problem(table.file, first[0].line, first[0].column, (
        f"no header row with the columns a table needs ({expected}); the first row has "
        f"{', '.join(said) or 'nothing'}. Put the header row first, or say the table with "
        "--table"))])


def _header(table: Table, kind: TableKind, row_index: int) -> tuple[dict[str, int],
                                                                    dict[int, str]]:
    """Each field's column, and the columns of no field (kept as ``x-`` keys of flows)."""
    row = table.rows[row_index]
    problems: list[Problem] = []
    by_key = {_header_key(h): c.field for c in kind.columns for h in (*c.headers, c.field)}
    words = Vocabulary(h for c in kind.columns for h in c.headers)
    header: dict[str, int] = {}
    extra: dict[int, str] = {}
    width = max(len(r) for r in table.rows[row_index:])
    for index in range(width):
        cell = row[index] if index < len(row) else None
        written = cell.text.strip() if cell else ""
        if not written:
            filled = next((r[index] for r in table.rows[row_index + 1:]
                           if index < len(r) and r[index].text.strip()), None)
            if filled is not None:
                problems.append(Problem(table.file, filled.line, filled.column, (
                    f"column {index + 1} has values but no header: name it in the header "
                    "row, or empty it")))
            continue
        assert cell is not None
        field = by_key.get(_header_key(written))
        if field is None:
            # a header is a misspelling only when very close: "Notes" or "Owner" are a team's
            # own columns (kept as x- keys), not "items" or "where" misspelled
            hint = words.suggest(written, cutoff=0.8)
            if hint:
                problems.append(Problem(table.file, cell.line, cell.column, (
                    f"'{written}' is not a column of a {kind.title}{hint}; columns: "
                    + ", ".join(c.headers[0] for c in kind.columns))))
            elif _one_line(written) in extra.values():  # both would be one `x-` key
                problems.append(Problem(table.file, cell.line, cell.column, (
                    f"'{written}' is a second column named so: rename one of them, or the "
                    "values of the first would be lost")))
            else:
                extra[index] = _one_line(written)
            continue
        if field in header:
            first = row[header[field]]
            problems.append(Problem(table.file, cell.line, cell.column, (
                f"'{written}' is a second column for {field} (the first is "
                f"'{first.text.strip()}', column {header[field] + 1}): keep one")))
            continue
        header[field] = index
    missing = [c for c in kind.columns if c.required and c.field not in header]
    if missing:
        problems.append(Problem(table.file, row[0].line, row[0].column, (
            f"the header row has no column for {', '.join(c.field for c in missing)}, which "
            f"a {kind.title} needs: add "
            + ", ".join(f"'{c.headers[0]}'" for c in missing))))
    if "purpose_retention" in header and ({"purpose", "retention"} & header.keys()):
        cell = row[header["purpose_retention"]]
        problems.append(Problem(table.file, cell.line, cell.column, (
            "the table has a column for purpose and retention together and one for either "
            "alone: keep one of them")))
    if problems:
        raise MapError(problems)
    return header, extra


def import_table(raw: bytes, file: str, *, table: str | None = None, sender: str = "service",
                 home: str | None = None, role: str | None = None) -> Imported:
    """A map from a CSV table: a subprocessor list or a Korean overseas-transfer table.

    ``table`` names the kind (default: from the header row); ``sender`` is the ID of the
    processor that sends every row's data, located at ``home`` (needed for a subprocessor
    list; a transfer table is Korean unless it says otherwise); ``role`` is every
    recipient's role (default: ``processor`` for subprocessors, none for a transfer table).
    Raises :class:`~dataflow.MapError` with every located problem of the file, or
    :class:`ImportOptionError`.
    """
    if not re.fullmatch(ID_PATTERN, sender):
        raise ImportOptionError(f"--from '{sender}' is not an ID: use letters, digits and "
                                ". _ : - (starting with a letter or digit)")
    read = read_csv(raw, file)
    kind, row_index = _choose(read, table)
    home = home or kind.default_home
    if home is None:
        raise ImportOptionError(f"a {kind.title} needs --home CC: the country of '{sender}', "
                                "the service whose data goes to the subprocessors")
    wrong = country_problem(home)
    if wrong:
        raise ImportOptionError(f"--home: {wrong}")
    header, extra = _header(read, kind, row_index)
    reader = _Reader(read, kind, (row_index, header), extra, sender, home,
                     role if role is not None else kind.default_role)
    for skipped in read.rows[:row_index]:
        reader.notes.append(Note(file, skipped[0].line, skipped[0].column, (
            "row before the header row, not read: "
            + " | ".join(_one_line(c.text) for c in skipped if c.text.strip()))))
    if not read.rows[row_index + 1:]:
        header_cell = read.rows[row_index][0]
        raise MapError([Problem(file, header_cell.line, header_cell.column, (
            "the table has a header row and no rows below it: add a row for each recipient"))])
    for row in read.rows[row_index + 1:]:
        reader.read_row(row)
    return reader.finish()
