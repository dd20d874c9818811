"""Loading map files, folders and includes into one validated :class:`FlowMap`.

Every problem of every file is collected, located and reported together in one
:class:`MapError`: syntax, types, unknown keys, duplicate keys and IDs, dangling references
(with the closest ID suggested), unknown country codes, include mistakes.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from .countries import country_codes, country_problem
from .errors import MapError, Problem, Vocabulary, did_you_mean
from .flowmap import FlowMap, Source
from .jurisdictions import builtin_jurisdictions
from .model import (
    KINDS,
    MECHANISMS,
    UNKNOWN,
    Category,
    Flow,
    Jurisdiction,
    MapFile,
    Processor,
    Safeguard,
    Subject,
    Waiver,
)
from .reading import Document, Limits, Path, read_yaml
from .reading.read import size_problem
from .validation import problems_from

__all__ = ["load", "loads"]

_LISTS = ("categories", "subjects", "jurisdictions", "processors", "flows", "waivers")
_KIND = {"categories": "category", "subjects": "subject", "jurisdictions": "jurisdiction",
         "processors": "processor", "flows": "flow"}
_LIST_OF = {kind: name for name, kind in _KIND.items()}
#: The key of a map file as it may appear in a file's bytes, in every encoding a reader meets:
#: a folder reads each file that may be a map (quoted key, flow style, byte-order mark, UTF-16
#: included: the reader then says what is wrong), and skips only those that cannot be.
_MAP_KEY_FORMS = tuple("dataflow".encode(e) for e in (
    "utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
_SUFFIXES = (".yaml", ".yml")


def load(path: str | os.PathLike[str], *more: str | os.PathLike[str],
         limits: Limits | None = None) -> FlowMap:
    """Load a map from files or folders (merged into one map); raise :class:`MapError`.

    A folder contributes every ``*.yaml`` and ``*.yml`` file in it and below it that has the
    ``dataflow`` key (folders whose name starts with ``.`` are skipped). A file reached
    twice, directly and through ``include``, counts once.
    """
    loader = _Loader(limits or Limits())
    for each in (path, *more):
        loader.add_path(os.fspath(each))
    return loader.finish()


def loads(text: str | bytes, file: str = "<string>", *, limits: Limits | None = None) -> FlowMap:
    """Load a map from YAML text; ``include`` is resolved against the current folder."""
    loader = _Loader(limits or Limits())
    raw = text.encode("utf-8") if isinstance(text, str) else text
    loader.add_text(raw, file, os.path.abspath(os.getcwd()))
    return loader.finish()


@dataclass
class _File:
    document: Document
    model: MapFile
    dropped: dict[str, set[str]] = field(default_factory=dict)  # IDs of invalid elements


class _Loader:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.problems: list[Problem] = []
        self.files: list[_File] = []
        self.seen: set[str] = set()  # real paths already read
        self.maps: set[str] = set()  # those of them that are map files

    # -- reading -------------------------------------------------------------------------

    def add_path(self, given: str) -> None:
        display = _display(given)
        if os.path.isdir(given):
            self._add_folder(given, display)
        elif os.path.exists(given):  # a file, or a pipe or device that _read refuses
            self._add_file(given, display, os.path.dirname(os.path.realpath(given)), ())
        else:
            self.problems.append(Problem(display, 1, 1, (
                "no such file or folder; give a map file (.yaml) or a folder of them")))

    def _add_folder(self, folder: str, display: str) -> None:
        root = os.path.realpath(folder)
        found = []
        for here, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [os.path.join(here, n) for n in names if n.endswith(_SUFFIXES)]
        maps = 0
        for path in sorted(found):
            shown = _display(os.path.join(display, os.path.relpath(path, folder)))
            if os.path.commonpath([os.path.realpath(path), root]) != root:
                self.problems.append(Problem(shown, 1, 1, (
                    f"this file is a link to {_display(os.path.realpath(path))}, outside the "
                    "map's folder; copy the file into the folder or include it from there")))
                continue
            raw = self._read(path, shown)
            if raw is None:
                continue
            if not any(form in raw for form in _MAP_KEY_FORMS):
                continue  # some other YAML file (CI, Helm, ...): not part of the map
            maps += self._add_file(path, shown, root, (), raw=raw, in_folder=True)
        if maps == 0 and not self.problems:
            self.problems.append(Problem(display, 1, 1, (
                "the folder holds no map file (a .yaml or .yml file with `dataflow: 1`)")))

    def _read(self, path: str, shown: str) -> bytes | None:
        """The file's bytes; a file over the size limit is not even read."""
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
                self.problems.append(Problem(shown, 1, 1, (
                    "this is not a regular file (a pipe, socket or device); a map is read "
                    "from ordinary files: copy it into one")))
                return None
            size = info.st_size
            if size > self.limits.max_file_bytes:
                self.problems.append(size_problem(size, shown, self.limits))
                return None
            return FsPath(path).read_bytes()
        except OSError as exc:
            self.problems.append(Problem(shown, 1, 1, f"cannot read the file: {exc.strerror}"))
            return None

    def add_text(self, raw: bytes, display: str, root: str) -> None:
        self._add_document(raw, display, None, root, ())

    def _add_file(self, path: str, display: str, root: str, chain: tuple[str, ...], *,
                  raw: bytes | None = None, in_folder: bool = False) -> int:
        real = os.path.realpath(path)
        if real in self.seen:
            return int(real in self.maps)
        self.seen.add(real)
        if raw is None:
            raw = self._read(path, display)
            if raw is None:
                return 0
        return self._add_document(raw, display, real, root, chain, in_folder=in_folder)

    def _add_document(self, raw: bytes, display: str, real: str | None, root: str,
                      chain: tuple[str, ...], *, in_folder: bool = False) -> int:
        try:
            document = read_yaml(raw, display, self.limits)
        except MapError as exc:
            self.problems += exc.errors
            return 0
        data = document.data
        if in_folder and not (isinstance(data, dict) and "dataflow" in data):
            return 0
        if isinstance(data, dict) and "dataflow" not in data:
            self.problems.append(Problem(display, 1, 1, (
                "this file is not a dataflow map: add `dataflow: 1` at the top")))
            return 0
        model = self._validate(document)
        if model is None:
            return 0
        self.files.append(model)
        if real:
            self.maps.add(real)
        base = os.path.dirname(real) if real else root
        for index, entry in enumerate(model.model.include):
            self._include(document, ("include", index), entry, base, root,
                          (*chain, real or display))
        return 1

    def _include(self, document: Document, path: Path, entry: str, base: str, root: str,
                 chain: tuple[str, ...]) -> None:
        line, column = document.locate(path)

        def problem(message: str) -> None:
            self.problems.append(Problem(document.file, line, column, message))

        if os.path.isabs(entry):
            problem(f"include '{entry}' is an absolute path; write it relative to this file")
            return
        try:  # pathlib's ** does not follow links to folders, so a link loop cannot hang it
            matches = sorted(os.path.relpath(found, base) for found in FsPath(base).glob(entry)
                             if not any(part.startswith(".") and part not in (".", "..")
                                        for part in FsPath(os.path.relpath(found, base)).parts))
        except (ValueError, NotImplementedError) as exc:
            problem(f"include '{entry}' is not a pattern this reader can follow ({exc}); write "
                    "a path relative to this file, with * and ** as whole parts of it")
            return
        if not matches:
            problem(f"include '{entry}' matches no file (looked in {_display(base)})")
            return
        for match in matches:
            target = os.path.join(base, match)
            real = os.path.realpath(target)
            if os.path.commonpath([real, root]) != root:
                problem(f"include '{match}' leads outside the map's folder ({_display(root)}); "
                        "keep every file of a map inside its folder")
                continue
            if os.path.isdir(real):
                problem(f"include '{match}' is a folder; include files, e.g. '{match}/*.yaml'")
                continue
            if real == chain[-1] and glob.has_magic(entry):
                continue  # a glob such as *.yaml also matches the file that includes it
            if real in chain:
                cycle = " -> ".join(_display(c) for c in (*chain[chain.index(real):], real))
                problem(f"include cycle: {cycle}; remove one of these includes")
                continue
            shown = _display(os.path.join(os.path.dirname(document.file), match))
            self._add_file(target, shown, root, chain)

    def _validate(self, document: Document) -> _File | None:
        try:
            return _File(document, MapFile.model_validate(document.data))
        except ValidationError as exc:
            self.problems += problems_from(exc, document, ())
            return self._salvage(document, exc)

    def _salvage(self, document: Document, exc: ValidationError) -> _File | None:
        """Keep the valid part of a file so that its references are checked too.

        An element loses only its invalid optional keys; one whose required key is invalid
        is set aside, and references to its ID are not reported as unknown.
        """
        data = document.data
        if not isinstance(data, dict):
            return None
        bad_fields: dict[tuple[str, int], set[str]] = {}
        bad_items: dict[str, set[int]] = {}
        bad_keys: set[str] = set()
        for error in exc.errors():
            loc = error["loc"]
            if not loc:
                return None
            top = str(loc[0])
            if top in _LISTS and len(loc) > 1 and isinstance(loc[1], int):
                field = loc[2] if len(loc) > 2 and isinstance(loc[2], str) else None
                model = _ITEM_MODELS[top]
                if field is None or error["type"] == "missing" or _required(model, field):
                    bad_items.setdefault(top, set()).add(loc[1])
                else:
                    bad_fields.setdefault((top, loc[1]), set()).add(field)
            else:
                bad_keys.add(top)
        kept: dict[str, Any] = {}
        dropped: dict[str, set[str]] = {}
        positions: dict[str, list[int]] = {}
        for key, value in data.items():
            if key in bad_keys:
                if key in _LISTS and isinstance(value, list):
                    dropped[key] = {_id_of(item) for item in value} - {""}
                continue
            if key in _LISTS and isinstance(value, list):
                bad = bad_items.get(key, set())
                positions[key] = [i for i in range(len(value)) if i not in bad]
                kept[key] = [_without(value[i], bad_fields.get((key, i), set()))
                             for i in positions[key]]
                dropped[key] = {_id_of(value[i]) for i in bad} - {""}
            else:
                kept[key] = value
        kept.setdefault("dataflow", 1)
        try:
            model = MapFile.model_validate(kept)
        except ValidationError:
            return None
        return _File(_Remapped(document, positions), model, dropped)

    # -- merging and checking -----------------------------------------------------------

    def finish(self) -> FlowMap:
        if not self.files and not self.problems:
            self.problems.append(Problem("<input>", 1, 1, "no map file was given"))
        if self.problems and not self.files:
            raise MapError(self.problems)
        return _Merger(self.files, self.problems).merge()


class _Remapped(Document):
    """A document whose lists lost invalid items: paths are mapped back to the file's."""

    __slots__ = ("_positions",)

    def __init__(self, document: Document, positions: dict[str, list[int]]) -> None:
        super().__init__(document.file, document.data, document._locate)
        self._positions = positions

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        if len(path) > 1 and path[0] in self._positions and isinstance(path[1], int):
            path = (path[0], self._positions[str(path[0])][path[1]], *path[2:])
        return super().locate(path, key=key)


_ITEM_MODELS: dict[str, type[BaseModel]] = {
    "categories": Category, "subjects": Subject, "jurisdictions": Jurisdiction,
    "processors": Processor, "flows": Flow, "waivers": Waiver}


def _required(model: type[BaseModel], key: str) -> bool:
    return any((f.alias or name) == key and f.is_required()
               for name, f in model.model_fields.items())


def _without(item: Any, keys: set[str]) -> Any:
    return {k: v for k, v in item.items() if k not in keys} if isinstance(item, dict) else item


def _id_of(item: Any) -> str:
    if isinstance(item, dict):
        value = item.get("id")
        if isinstance(value, str):
            return value
        if isinstance(item.get("from"), str) and isinstance(item.get("to"), str):
            return f"{item['from']}->{item['to']}"
    return ""


def _display(path: str) -> str:
    """A path as shown in messages: relative to the working folder when inside it."""
    relative = os.path.relpath(path)
    shown = relative if not relative.startswith("..") else os.path.abspath(path)
    return shown.replace(os.sep, "/")


class _Merger:
    def __init__(self, files: list[_File], problems: list[Problem]) -> None:
        self.files = files
        self.problems = problems
        self.defined: dict[str, dict[str, Source]] = {k: {} for k in _KIND.values()}
        self.dropped: dict[str, set[str]] = {k: set() for k in _KIND.values()}
        self.lists: dict[str, list[Any]] = {k: [] for k in _LISTS}
        self.sources: dict[tuple[str, str | int], Source] = {}
        self.vocabularies: dict[tuple[str, tuple[str, ...]], Vocabulary] = {}

    def problem(self, source: Source, message: str, *, key: bool = False) -> None:
        document, path = source
        self.problems.append(Problem(document.file, *document.locate(path, key=key), message))

    def merge(self) -> FlowMap:
        scalars: dict[str, tuple[Any, Source]] = {}
        for file in self.files:
            document, model = file.document, file.model
            for name in ("name", "home", "as_of"):
                value = getattr(model, name)
                if value is None:
                    continue
                if name in scalars and scalars[name][0] != value:
                    first_doc, first_path = scalars[name][1]
                    where = "{}:{}:{}".format(first_doc.file, *first_doc.locate(first_path))
                    self.problem((document, (name,)), (
                        f"`{name}` is {value} here but {scalars[name][0]} at {where}; "
                        "a map has one value: set it in one file only"))
                scalars.setdefault(name, (value, (document, (name,))))
            for list_name, kind in _KIND.items():
                self.dropped[kind] |= file.dropped.get(list_name, set())
                for index, item in enumerate(getattr(model, list_name)):
                    if kind == "flow" and item.id is None:
                        item = item.model_copy(update={"id": f"{item.source}->{item.target}"})
                    self._define(kind, item, (document, (list_name, index)))
            for index, waiver in enumerate(model.waivers):
                self.sources[("waiver", len(self.lists["waivers"]))] = (document,
                                                                       ("waivers", index))
                self.lists["waivers"].append(waiver)
        if not self.lists["processors"] and not self.dropped["processor"]:
            first = self.files[0].document
            self.problems.append(Problem(first.file, 1, 1, (
                "the map declares no processors; add `processors:` with at least one")))
        home = scalars.get("home", (None,))[0]
        self._check_references(home)
        if self.problems:
            raise MapError(self.problems)
        return FlowMap(
            name=scalars.get("name", (None,))[0], home=home,
            as_of=scalars.get("as_of", (None,))[0],
            files=tuple(f.document.file for f in self.files),
            categories=self.lists["categories"], subjects=self.lists["subjects"],
            jurisdictions=self.lists["jurisdictions"], processors=self.lists["processors"],
            flows=self.lists["flows"], waivers=self.lists["waivers"], sources=self.sources)

    def _define(self, kind: str, item: Any, source: Source) -> None:
        ids = self.defined[kind]
        if item.id in ids:
            first_doc, first_path = ids[item.id]
            where = "{}:{}:{}".format(first_doc.file, *first_doc.locate((*first_path, "id")))
            what = "ID" if kind != "flow" or "->" not in item.id else "ID (from -> to)"
            hint = ("give each flow between the same two processors its own `id`"
                    if "->" in item.id else "IDs must be unique across the whole map")
            self.problem((source[0], (*source[1], "id")),
                         f"duplicate {kind} {what} '{item.id}', first declared at {where}; {hint}")
            return
        ids[item.id] = source
        self.sources[(kind, item.id)] = source
        if kind == "processor":
            for index in range(len(item.collects)):
                self.sources[("collect", (item.id, index))] = (
                    source[0], (*source[1], "collects", index))
        self.lists[_LIST_OF[kind]].append(item)

    def _ref(self, kind: str, value: str, source: Source, extra: Iterable[str] = ()) -> None:
        ids = self.defined[kind]
        if value in ids or value in self.dropped[kind] or value in extra:
            return
        extra = tuple(extra)
        vocabulary = self.vocabularies.get((kind, extra))
        if vocabulary is None:
            vocabulary = Vocabulary([*ids, *self.dropped[kind], *extra])
            self.vocabularies[(kind, extra)] = vocabulary
        self.problem(source, f"unknown {kind} '{value}'{vocabulary.suggest(value)}")

    def _check_references(self, home: str | None) -> None:
        declared = self.lists["jurisdictions"]
        effective: dict[str, Jurisdiction] = {**builtin_jurisdictions(),
                                              **{j.id: j for j in declared}}
        jurisdiction_ids = set(effective) | set(country_codes())
        mechanisms = set(MECHANISMS) | {m.mechanism for j in effective.values()
                                        for m in j.mechanisms}
        terms = sorted({t for j in effective.values() if j.recipient_terms
                        for t in j.recipient_terms.items})
        self._check_members(effective)
        kinds = sorted(set(KINDS) | {k.kind for j in effective.values() for k in j.kinds})
        for category in self.lists["categories"]:
            source = self.defined["category"][category.id]
            if category.parent is not None:
                self._ref("category", category.parent, (source[0], (*source[1], "parent")))
            self._check_kinds(category.kinds, source[0], (*source[1], "kinds"), kinds)
        self._check_parent_cycles()
        self.owner = {m: j.id for j in reversed(list(effective.values())) for m in j.members}
        for jurisdiction in declared:
            document, path = self.defined["jurisdiction"][jurisdiction.id]
            own = {m.mechanism for m in jurisdiction.mechanisms}
            for index, requirement in enumerate(jurisdiction.requirements):
                for i, name in enumerate(requirement.one_of):
                    if name not in own:
                        self.problem((document, (*path, "requirements", index, "one_of", i)), (
                            f"'{name}' is not one of the mechanisms {jurisdiction.id} lists"
                            f"{did_you_mean(name, sorted(own))}; add it to `mechanisms` or "
                            "correct the name"))
            for index, requirement in enumerate(jurisdiction.requirements):
                if requirement.when is not None and requirement.when.kinds:
                    self._check_kinds(requirement.when.kinds, document,
                                      (*path, "requirements", index, "when", "kinds"), kinds)
            for index, adequacy in enumerate(jurisdiction.adequate):
                self._check_kinds(adequacy.excludes, document,
                                  (*path, "adequate", index, "excludes"), kinds)
                if adequacy.destination not in jurisdiction_ids:
                    self.problem((document, (*path, "adequate", index, "destination")), (
                        f"unknown destination '{adequacy.destination}': use a country code "
                        f"or a jurisdiction ID"
                        f"{did_you_mean(adequacy.destination, sorted(effective))}"))
        regions = sorted(j for j in effective if j not in country_codes())
        for processor in self.lists["processors"]:
            document, path = self.defined["processor"][processor.id]
            for index, location in enumerate(processor.locations):
                self._check_location(location, regions, document, (*path, "locations", index))
            for index, point in enumerate(processor.collects):
                here = (*path, "collects", index)
                for i, category in enumerate(point.categories):
                    self._ref("category", category, (document, (*here, "categories", i)))
                for i, subject in enumerate(point.subjects):
                    self._ref("subject", subject, (document, (*here, "subjects", i)))
                self._check_safeguards(point.safeguards, document, (*here, "safeguards"),
                                       mechanisms, jurisdiction_ids)
                if point.origins is None and home is None:
                    self.problem((document, here), (
                        "this collection point has no `from` and the map has no `home`: "
                        "say where the data subjects are, e.g. `from: [KR]`, or set `home`"))
            self._check_safeguards(processor.safeguards, document, (*path, "safeguards"),
                                   mechanisms, jurisdiction_ids)
            for i, term in enumerate(processor.contract_terms):
                if term not in terms:
                    self.problem((document, (*path, "contract_terms", i)), (
                        f"unknown contract term '{term}'{did_you_mean(term, terms)}; known: "
                        f"{', '.join(terms) or 'none'} (a jurisdiction's `recipient_terms` "
                        "names them)"))
        for flow in self.lists["flows"]:
            document, path = self.defined["flow"][flow.id]  # type: ignore[index]
            self._ref("processor", flow.source, (document, (*path, "from")))
            self._ref("processor", flow.target, (document, (*path, "to")))
            for i, category in enumerate(flow.categories):
                self._ref("category", category, (document, (*path, "categories", i)))
            for i, subject in enumerate(flow.subjects):
                self._ref("subject", subject, (document, (*path, "subjects", i)))
            self._check_safeguards(flow.safeguards, document, (*path, "safeguards"),
                                   mechanisms, jurisdiction_ids)
        self._check_waivers()

    def _check_location(self, location: str, regions: list[str], document: Document,
                        path: Path) -> None:
        if location == UNKNOWN or location in regions:
            return
        problem = country_problem(location)
        if problem is None:
            return
        if location.upper() in regions or location.lower() == UNKNOWN:
            right = location.upper() if location.upper() in regions else UNKNOWN
            problem = f"'{location}' is not a location: write '{right}'"
        self.problem((document, path), (
            f"{problem}; a location is an ISO 3166-1 alpha-2 country code, a jurisdiction ID "
            f"({', '.join(regions)}) for somewhere in its members, or `{UNKNOWN}` when the "
            "countries are not known"))

    def _check_kinds(self, values: tuple[str, ...], document: Document, path: Path,
                     kinds: list[str]) -> None:
        for index, kind in enumerate(values):
            if kind not in kinds:
                self.problem((document, (*path, index)), (
                    f"unknown kind '{kind}'{did_you_mean(kind, kinds)}; known: "
                    f"{', '.join(kinds)} (a jurisdiction's `kinds` may add more)"))

    def _check_members(self, effective: dict[str, Jurisdiction]) -> None:
        owner: dict[str, str] = {}
        for jurisdiction in effective.values():
            for index, member in enumerate(jurisdiction.members):
                if member in owner and owner[member] != jurisdiction.id:
                    source = self.defined["jurisdiction"].get(jurisdiction.id)
                    if source is None:
                        source = self.defined["jurisdiction"][owner[member]]
                        index = 0
                    self.problem((source[0], (*source[1], "members", index)), (
                        f"{member} is a member of both {owner[member]} and {jurisdiction.id}; "
                        "a country belongs to one jurisdiction at most"))
                owner.setdefault(member, jurisdiction.id)

    def _check_parent_cycles(self) -> None:
        """Each cycle of `parent` once, found in one pass (each category is walked once)."""
        parents = {c.id: c.parent for c in self.lists["categories"]}
        done: set[str] = set()
        for start in parents:
            path: list[str] = []
            on_path: dict[str, int] = {}
            current: str | None = start
            while current is not None and current in parents and current not in done:
                if current in on_path:
                    cycle = [*path[on_path[current]:], current]
                    if len(cycle) > 8:  # a long cycle: its start and end say enough
                        cycle = [*cycle[:4], f"... ({len(cycle) - 1:,} categories)", *cycle[-2:]]
                    source = self.defined["category"][current]
                    self.problem((source[0], (*source[1], "parent")), (
                        "categories are their own ancestors: " + " -> ".join(cycle)
                        + "; remove one `parent`"))
                    break
                on_path[current] = len(path)
                path.append(current)
                current = parents[current]
            done.update(path)

    def _check_safeguards(self, safeguards: tuple[Safeguard, ...], document: Document,
                          path: Path, mechanisms: set[str], jurisdictions: set[str]) -> None:
        for index, safeguard in enumerate(safeguards):
            here = (*path, index)
            if safeguard.mechanism not in mechanisms:
                self.problem((document, (*here, "mechanism")), (
                    f"unknown mechanism '{safeguard.mechanism}'"
                    f"{did_you_mean(safeguard.mechanism, sorted(mechanisms))}; known: "
                    f"{', '.join(sorted(mechanisms))} (a jurisdiction may add more)"))
            for i, jurisdiction in enumerate(safeguard.jurisdictions or ()):
                owner = self.owner.get(jurisdiction)
                if owner is not None and owner != jurisdiction:
                    self.problem((document, (*here, "jurisdictions", i)), (
                        f"{jurisdiction} belongs to the jurisdiction {owner}, whose law governs "
                        f"its transfers: write {owner}"))
                elif jurisdiction not in jurisdictions:
                    self.problem((document, (*here, "jurisdictions", i)), (
                        f"unknown jurisdiction '{jurisdiction}'"
                        f"{did_you_mean(jurisdiction, sorted(jurisdictions))}: use a "
                        "jurisdiction ID such as EU or a country code such as KR"))

    def _check_waivers(self) -> None:
        from .rules import CONTRACT_RULES, RULES

        known = [*RULES, *CONTRACT_RULES]
        for index, waiver in enumerate(self.lists["waivers"]):
            document, path = self.sources[("waiver", index)]
            if waiver.rule is not None and waiver.rule not in known:
                self.problem((document, (*path, "rule")), (
                    f"unknown rule '{waiver.rule}'{did_you_mean(waiver.rule, known)}; "
                    "`dataflow rules` lists them"))
            if waiver.finding is not None:
                rule = waiver.finding.split("@", 1)[0]
                if rule != "*" and rule not in known:
                    self.problem((document, (*path, "finding")), (
                        f"'{waiver.finding}' names unknown rule '{rule}'"
                        f"{did_you_mean(rule, known)}; `dataflow rules` lists them"))
            if waiver.flow is not None:  # a flow, or a collection abroad: "<processor>/collect"
                collections = [f"{p.id}/collect" for p in self.lists["processors"] if p.collects]
                self._ref("flow", waiver.flow, (document, (*path, "flow")), collections)
            if waiver.processor is not None:
                self._ref("processor", waiver.processor, (document, (*path, "processor")))


