"""The loaded map: every reference resolved, every element reachable by ID."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .errors import Location
from .model import (
    Category,
    CollectionPoint,
    Flow,
    Jurisdiction,
    MapFile,
    Processor,
    Subject,
    Waiver,
)
from .reading import Document, Path

if TYPE_CHECKING:
    import networkx as nx

    from .categories import CategoryTree
    from .jurisdictions import Jurisdictions

#: Where an element was declared: the document and the path to it.
Source = tuple[Document, Path]


class FlowMap:
    """A validated map of personal-data flows, merged from one or more files.

    Elements are reachable by ID in declaration order: ``categories``, ``subjects``,
    ``processors``, ``flows`` (each flow carries its ID, ``'<from>-><to>'`` when the file
    gave none) and ``jurisdictions`` (those the map declares). Two maps are equal when they
    declare the same things in the same order, wherever they were written.
    """

    __slots__ = ("_facts", "_languages", "_locations", "_sources", "as_of", "categories",
                 "extensions", "files", "flows", "home", "jurisdictions", "language", "name",
                 "processors", "subjects", "waivers")

    def __init__(self, *, name: str | None, home: str | None, as_of: date | None,
                 files: tuple[str, ...], categories: list[Category], subjects: list[Subject],
                 jurisdictions: list[Jurisdiction], processors: list[Processor],
                 flows: list[Flow], waivers: list[Waiver],
                 sources: dict[tuple[str, str | int], Source] | None = None,
                 laws: Jurisdictions | None = None,
                 extensions: tuple[tuple[str, str], ...] = (),
                 languages: Mapping[str, str | None] | None = None) -> None:
        self.name = name
        #: the language each file's texts are written in (``None``: the file does not say)
        self._languages: Mapping[str, str | None] = MappingProxyType(dict(languages or {}))
        said = set(self._languages.values())
        #: the language of the map's texts, when every file says the same (else ``None``)
        self.language: str | None = said.pop() if len(said) == 1 else None
        #: the map's own top-level ``x-`` keys, each value as JSON text
        self.extensions = extensions
        self.home = home
        self.as_of = as_of
        self.files = files
        self.categories: Mapping[str, Category] = MappingProxyType({c.id: c for c in categories})
        self.subjects: Mapping[str, Subject] = MappingProxyType({s.id: s for s in subjects})
        self.jurisdictions: Mapping[str, Jurisdiction] = MappingProxyType(
            {j.id: j for j in jurisdictions})
        self.processors: Mapping[str, Processor] = MappingProxyType(
            {p.id: p for p in processors})
        self.flows: Mapping[str, Flow] = MappingProxyType({f.id: f for f in flows})  # type: ignore[misc]
        self.waivers: tuple[Waiver, ...] = tuple(waivers)
        # what follows from the map, computed when first asked (the laws by the loader)
        self._facts: dict[str, object] = {} if laws is None else {"laws": laws}
        self._locations: dict[tuple[object, ...], Location] = {}
        self._sources = sources or {}

    @property
    def laws(self) -> Jurisdictions:
        """The jurisdictions in force for this map: the built-in ones, overridden by its own."""
        found = self._facts.get("laws")
        if found is None:
            from .jurisdictions import Jurisdictions

            found = self._facts["laws"] = Jurisdictions(self.jurisdictions.values())
        return found  # type: ignore[return-value]

    @property
    def category_tree(self) -> CategoryTree:
        """The categories' ancestors, descendants and kinds."""
        found = self._facts.get("category_tree")
        if found is None:
            from .categories import CategoryTree

            found = self._facts["category_tree"] = CategoryTree(self.categories)
        return found  # type: ignore[return-value]

    @property
    def sensitive_categories(self) -> frozenset[str]:
        """Categories sensitive under some law in force for the map: marked ``sensitive``, of
        a kind a jurisdiction treats as sensitive, or holding such data below them (diagrams
        and reports show one mark for every law)."""
        found = self._facts.get("sensitive_categories")
        if found is None:
            kinds = frozenset().union(*(j.sensitive_kinds for j in self.laws.by_id.values()))
            found = self._facts["sensitive_categories"] = frozenset(
                self.category_tree.sensitive_under(self.categories, kinds))
        return found  # type: ignore[return-value]

    def collected_from(self, point: CollectionPoint) -> tuple[str, ...]:
        """The countries of a collection point's data subjects: its ``from``, else ``home``."""
        return point.origins or ((self.home,) if self.home else ())

    def __setattr__(self, name: str, value: object) -> None:
        if hasattr(self, "_sources"):
            raise AttributeError("a FlowMap is immutable")
        object.__setattr__(self, name, value)

    def language_of(self, kind: str, key: Any) -> str | None:
        """The language of an element's texts: the ``language`` of the file that declares
        it (``None`` where that file does not say, or for a map built in Python)."""
        source = self._sources.get((kind, key))
        if source is None:
            return self.language
        return self._languages.get(source[0].file)

    def location(self, kind: str, key: str | int, *within: str | int) -> Location | None:
        """Where an element was declared, or a part of it (``within``: keys and indexes).

        ``kind`` is ``category``, ``subject``, ``processor``, ``flow``, ``jurisdiction``
        or ``waiver`` (with the waiver's index); ``None`` for a map built in Python.
        """
        asked = (kind, key, *within)
        found = self._locations.get(asked)
        if found is None:  # asked once per element: several findings share a place
            source = self._sources.get((kind, key))
            if source is None:
                return None
            document, path = source
            found = self._locations[asked] = Location(document.file,
                                                      *document.locate((*path, *within)))
        return found

    def graph(self) -> nx.MultiDiGraph:
        """A ``networkx.MultiDiGraph``: processors are nodes, flows are edges keyed by ID."""
        from .graph import build_graph

        return build_graph(self)

    def to_file(self) -> MapFile:
        """The whole map as one :class:`MapFile` (nothing left to include)."""
        return MapFile.model_construct(  # its parts are validated already
            dataflow=1, name=self.name, home=self.home, as_of=self.as_of,
            language=self.language, categories=tuple(self.categories.values()),
            subjects=tuple(self.subjects.values()),
            jurisdictions=tuple(self.jurisdictions.values()),
            processors=tuple(self.processors.values()), flows=tuple(self.flows.values()),
            waivers=self.waivers, extensions=self.extensions)

    def dump(self) -> str:
        """The map as one YAML file that loads back into an equal map."""
        data = self.to_file().model_dump(mode="json", exclude_defaults=True, by_alias=True)
        for flow in data.get("flows", ()):
            if flow.get("id") == f"{flow['from']}->{flow['to']}":
                del flow["id"]  # the default ID is not a valid ID to write
        data = {"dataflow": 1, **data}
        import yaml  # only here: reading maps does not need PyYAML

        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FlowMap):
            return NotImplemented
        return self.to_file() == other.to_file()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"<FlowMap {self.name or '(unnamed)'}: {len(self.processors)} processors, "
                f"{len(self.flows)} flows>")
