"""Merging validated map files into one :class:`FlowMap`, and checking what no single file
can: IDs unique across files, every reference resolved (with the closest ID suggested),
locations, kinds, mechanisms and jurisdictions known to the laws in force, parent cycles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from typing import Any

from .countries import country_codes, country_problem
from .errors import MapError, Problem, Vocabulary, did_you_mean
from .flowmap import FlowMap, Source
from .jurisdictions import Jurisdictions
from .model import UNKNOWN, CollectionPoint, Flow, MapFile, Safeguard
from .reading import Document, Path
from .records import record

__all__ = ["LISTS", "ReadFile", "merge"]

#: The lists of a map file, and the kind of element each holds.
LISTS = ("categories", "subjects", "jurisdictions", "processors", "flows", "waivers")
_KIND = {"categories": "category", "subjects": "subject", "jurisdictions": "jurisdiction",
         "processors": "processor", "flows": "flow"}
_LIST_OF = {kind: name for name, kind in _KIND.items()}


@record
class ReadFile:
    """One map file as read and validated: its document, its model, and the IDs of the
    elements set aside because they were invalid (references to them are not reported)."""

    document: Document
    model: MapFile
    dropped: dict[str, set[str]] = field(default_factory=dict)


def merge(files: list[ReadFile], problems: list[Problem]) -> FlowMap:
    """The one map the files make; raise :class:`MapError` with ``problems`` and every
    problem found here."""
    return _Merger(files, problems).merge()


class _Merger:
    def __init__(self, files: list[ReadFile], problems: list[Problem]) -> None:
        self.files = files
        self.problems = problems
        self.defined: dict[str, dict[str, Source]] = {k: {} for k in _KIND.values()}
        self.dropped: dict[str, set[str]] = {k: set() for k in _KIND.values()}
        self.lists: dict[str, list[Any]] = {k: [] for k in LISTS}
        self.sources: dict[tuple[str, str | int], Source] = {}
        #: the IDs a reference may name, by kind: those defined and those set aside as invalid
        #: (filled once every file is merged)
        self.known: dict[str, set[str]] = {}
        self.vocabularies: dict[tuple[str, tuple[str, ...]], Vocabulary] = {}

    def problem(self, source: Source, message: str, *, key: bool = False) -> None:
        document, path = source
        self.problems.append(Problem(document.file, *document.locate(path, key=key), message))

    def merge(self) -> FlowMap:
        scalars: dict[str, tuple[Any, Source]] = {}
        extensions: dict[str, str] = {}  # the files' own top-level x- keys, first file first
        for file in self.files:
            document, model = file.document, file.model
            for key, value in model.extensions:
                if key in extensions and extensions[key] != value:
                    self.problem((document, (key,)), (
                        f"`{key}` is {value} here but {extensions[key]} in an earlier file; "
                        "a map has one value: set it in one file only"))
                extensions.setdefault(key, value)
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
        self.known = {kind: self.dropped[kind].union(ids) for kind, ids in self.defined.items()}
        self._check_references(home)
        if self.problems:
            raise MapError(self.problems)
        return FlowMap(
            laws=self.laws, name=scalars.get("name", (None,))[0], home=home,
            as_of=scalars.get("as_of", (None,))[0],
            languages={f.document.file: f.model.language for f in self.files},
            files=tuple(f.document.file for f in self.files),
            categories=self.lists["categories"], subjects=self.lists["subjects"],
            jurisdictions=self.lists["jurisdictions"], processors=self.lists["processors"],
            flows=self.lists["flows"], waivers=self.lists["waivers"], sources=self.sources,
            extensions=tuple(extensions.items()))

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
        laws = self.laws = Jurisdictions(declared)
        mechanisms, terms, kinds = laws.mechanism_names, laws.contract_terms, laws.kinds
        self._check_members(laws)
        for category in self.lists["categories"]:
            source = self.defined["category"][category.id]
            if category.parent is not None:
                self._ref("category", category.parent, (source[0], (*source[1], "parent")))
            self._check_kinds(category.kinds, source[0], (*source[1], "kinds"), kinds)
        self._check_parent_cycles()
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
            disclosure = jurisdiction.disclosure
            for i, name in enumerate(disclosure.copy_of if disclosure else ()):
                if name not in own:
                    self.problem((document, (*path, "disclosure", "copy_of", i)), (
                        f"'{name}' is not one of the mechanisms {jurisdiction.id} lists"
                        f"{did_you_mean(name, sorted(own))}; `copy_of` names the mechanisms "
                        "whose notice says where a copy can be obtained"))
            if disclosure and disclosure.copy_of and "safeguard_copy" not in disclosure.items:
                self.problem((document, (*path, "disclosure", "copy_of")), (
                    "`copy_of` has no effect unless `items` lists safeguard_copy: add it to "
                    "`items`, or remove `copy_of`"))
            for index, requirement in enumerate(jurisdiction.requirements):
                if requirement.when is not None and requirement.when.kinds:
                    self._check_kinds(requirement.when.kinds, document,
                                      (*path, "requirements", index, "when", "kinds"), kinds)
            for index, adequacy in enumerate(jurisdiction.adequate):
                self._check_kinds(adequacy.excludes, document,
                                  (*path, "adequate", index, "excludes"), kinds)
                if not laws.is_destination(adequacy.destination):
                    self.problem((document, (*path, "adequate", index, "destination")), (
                        f"unknown destination '{adequacy.destination}': use a country code "
                        f"or a jurisdiction ID"
                        f"{did_you_mean(adequacy.destination, sorted(laws.by_id))}"))
        regions = laws.regions
        for processor in self.lists["processors"]:
            document, path = self.defined["processor"][processor.id]
            for index, location in enumerate(processor.locations):
                self._check_location(location, regions, document, (*path, "locations", index))
            for index, point in enumerate(processor.collects):
                here = (*path, "collects", index)
                self._check_carried(point, document, here, mechanisms)
                if point.origins is None and home is None:
                    self.problem((document, here), (
                        "this collection point has no `from` and the map has no `home`: "
                        "say where the data subjects are, e.g. `from: [KR]`, or set `home`"))
            self._check_safeguards(processor.safeguards, document, (*path, "safeguards"),
                                   mechanisms)
            for i, term in enumerate(processor.contract_terms):
                if term not in terms:
                    self.problem((document, (*path, "contract_terms", i)), (
                        f"unknown contract term '{term}'{did_you_mean(term, terms)}; known: "
                        f"{', '.join(terms) or 'none'} (a jurisdiction's `recipient_terms` "
                        "names them)"))
        # a place is made only for a reference that needs an error: most resolve
        processors, flows = self.known["processor"], self.defined["flow"]
        for flow in self.lists["flows"]:
            document, path = flows[flow.id]  # type: ignore[index]
            if flow.source not in processors:
                self._ref("processor", flow.source, (document, (*path, "from")))
            if flow.target not in processors:
                self._ref("processor", flow.target, (document, (*path, "to")))
            self._check_carried(flow, document, path, mechanisms)
        self._check_waivers()

    def _check_carried(self, element: Flow | CollectionPoint, document: Document, path: Path,
                       mechanisms: set[str]) -> None:
        """The categories, subjects and safeguards of a flow or a collection point."""
        if not self.known["category"].issuperset(element.categories):
            for i, category in enumerate(element.categories):
                self._ref("category", category, (document, (*path, "categories", i)))
        if not self.known["subject"].issuperset(element.subjects):
            for i, subject in enumerate(element.subjects):
                self._ref("subject", subject, (document, (*path, "subjects", i)))
        if element.safeguards:
            self._check_safeguards(element.safeguards, document, (*path, "safeguards"),
                                   mechanisms)

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

    def _check_members(self, laws: Jurisdictions) -> None:
        owner: dict[str, str] = {}
        for jurisdiction in laws.by_id.values():
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
                          path: Path, mechanisms: set[str]) -> None:
        for index, safeguard in enumerate(safeguards):
            here = (*path, index)
            if safeguard.mechanism not in mechanisms:
                self.problem((document, (*here, "mechanism")), (
                    f"unknown mechanism '{safeguard.mechanism}'"
                    f"{did_you_mean(safeguard.mechanism, sorted(mechanisms))}; known: "
                    f"{', '.join(sorted(mechanisms))} (a jurisdiction may add more)"))
            for i, jurisdiction in enumerate(safeguard.jurisdictions or ()):
                owner = self.laws.of_country(jurisdiction)
                if owner != jurisdiction:
                    self.problem((document, (*here, "jurisdictions", i)), (
                        f"{jurisdiction} belongs to the jurisdiction {owner}, whose law governs "
                        f"its transfers: write {owner}"))
                elif not self.laws.is_destination(jurisdiction):
                    known = sorted(self.laws.by_id) + sorted(country_codes())
                    self.problem((document, (*here, "jurisdictions", i)), (
                        f"unknown jurisdiction '{jurisdiction}'"
                        f"{did_you_mean(jurisdiction, known)}: use a "
                        "jurisdiction ID such as EU or a country code such as KR"))

    def _check_waivers(self) -> None:
        """Waivers name flows and processors of the map (which rules they name is checked
        with the rules, by :func:`dataflow.check`)."""
        # a waiver's flow is a flow, or a collection abroad: "<processor>/collect"
        collections = [f"{p.id}/collect" for p in self.lists["processors"] if p.collects]
        for index, waiver in enumerate(self.lists["waivers"]):
            document, path = self.sources[("waiver", index)]
            if waiver.flow is not None:
                self._ref("flow", waiver.flow, (document, (*path, "flow")), collections)
            if waiver.processor is not None:
                self._ref("processor", waiver.processor, (document, (*path, "processor")))


