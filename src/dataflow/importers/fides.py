"""Fides manifests (fideslang YAML: ``system``, ``dataset``, ``organization``,
``data_category``, ``data_subject``, ``data_use``) imported as a map.

- A system is a processor: ``fides_key`` its ID, ``name``, ``description``; ``legal_name``
  its ``entity`` (else, for a controller's system, the organization's controller or name);
  ``responsibility`` (or fideslang 1's ``data_responsibility_title``) its ``role``;
  ``third_country_transfers`` (ISO alpha-3), and those of the datasets it uses, its
  ``locations``, else ``unknown``; ``dpo`` (else the organization's DPO or controller
  contact) its ``contact``; ``legal_basis_for_transfers`` SCCs and BCRs safeguards under the
  GDPR (Fides records them for it). Other fields are kept under ``x-fides``, unchecked.
- ``egress`` and ``ingress`` to or from a system are flows (one per pair and direction),
  with the categories given, else those of the privacy declarations that name the other
  system, else all the sender's; to or from a dataset, flows to the systems that use it;
  ``ingress`` from ``user`` is a collection. A declared category that no flow brings to its
  system is collected there, from ``--home``.
- ``system_dependencies`` (fideslang 1) say no direction: a pair with no flow either way is
  a comment in the map, never a flow.
- Category keys are renamed as the Fides migrations rename them (:mod:`.fideslang`), each
  category is declared with its parents (the dotted prefixes, or ``parent_key``) and the
  kinds of the sensitive keys.

Whatever the manifests say that the map does not carry is a :class:`~.result.Note`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import field
from typing import Any

import pycountry

from ..countries import country_name
from ..errors import MapError, Problem, Vocabulary
from ..model import UNKNOWN
from ..reading import Document, Path, read_yaml
from ..records import record
from .fideslang import kinds_of, rename
from .ids import IdMaker
from .result import Imported, ImportOptionError, Note

__all__ = ["import_fides"]

#: Top-level keys of a manifest that the import reads, and those it knows but leaves out.
RESOURCES = ("system", "dataset", "organization", "data_category", "data_subject", "data_use")
LEFT_OUT = {"policy": "policies judge a Fides map; they are not part of a map",
            "registry": "registries group systems in Fides only",
            "data_qualifier": "the map treats all its categories as personal data",
            "evaluation": "evaluations are results of Fides, not part of a map"}
_YAML_11_TRUE = {"y", "yes", "true", "on"}  # Fides reads its files as YAML 1.1
_SUFFIXES = (".yml", ".yaml")
_IDENTIFIED = "aggregated.anonymized.unlinked_pseudonymized.pseudonymized.identified"
_SYSTEM_READ = {"fides_key", "name", "description", "legal_name", "responsibility",
                "data_responsibility_title", "third_country_transfers", "dpo",
                "legal_basis_for_transfers", "egress", "ingress", "privacy_declarations",
                "system_dependencies", "dataset_references", "organization_fides_key",
                "does_international_transfers"}
_DECLARATION_READ = {"name", "data_categories", "data_use", "data_subjects", "egress",
                     "ingress", "dataset_references", "retention_period", "data_qualifier",
                     "processes_special_category_data", "data_shared_with_third_parties",
                     "third_parties"}
_DATASET_READ = {"fides_key", "data_categories", "third_country_transfers",
                 "organization_fides_key"}
_ORGANIZATION_READ = {"fides_key", "name", "controller", "data_protection_officer"}
#: Bookkeeping of the taxonomy, not what a category, subject or use is.
_BOOKKEEPING = {"fides_key", "organization_fides_key", "is_default", "version_added",
                "version_deprecated", "replaced_by", "active"}
_TAXONOMY_READ = {"data_category": {*_BOOKKEEPING, "name", "description", "parent_key"},
                  "data_subject": {*_BOOKKEEPING, "name"},
                  "data_use": {*_BOOKKEEPING, "name", "parent_key"}}
_TRANSFER_BASES = {"sccs": "scc", "scc": "scc", "bcrs": "bcr", "bcr": "bcr"}


@record
class _Resource:
    """One resource of a manifest: its data and where it is written."""

    kind: str
    key: str
    data: dict[str, Any]
    document: Document
    path: Path
    owner: str = ""    # a privacy declaration's system
    local: Path = ()   # a privacy declaration's place in its system

    def where(self, *more: str | int) -> tuple[str, int, int]:
        line, column = self.document.locate((*self.path, *more))
        return self.document.file, line, column

    @property
    def label(self) -> str:
        return f"{self.kind.replace('_', ' ')} '{self.key}'"


@record
class _Edge:
    """A flow being gathered: from egress and ingress entries of both systems."""

    source: str
    target: str
    given: list[str] = field(default_factory=list)       # categories an entry gives
    declarations: list[_Resource] = field(default_factory=list)  # that name the other end
    said: list[str] = field(default_factory=list)       # where the manifests say so
    where: list[tuple[str, int, int]] = field(default_factory=list)
    through: list[str] = field(default_factory=list)    # datasets it goes through


def _is_true(value: Any) -> bool:
    return isinstance(value, str) and value.lower() in _YAML_11_TRUE


def _files(paths: Sequence[str], problems: list[Problem]) -> list[tuple[str, bool]]:
    """Every manifest file, with whether it was named (not found in a folder)."""
    found: list[tuple[str, bool]] = []
    for given in paths:
        if os.path.isdir(given):
            for here, dirs, names in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [(os.path.join(here, n), False) for n in sorted(names)
                          if n.endswith(_SUFFIXES)]
        elif os.path.isfile(given):
            found.append((given, True))
        else:
            problems.append(Problem(given, 1, 1, "no such file or folder; give Fides manifest "
                                                 "files (.yml) or a folder of them"))
    return found


class _Manifests:
    """The resources of every manifest, read and checked, before the map is built."""

    def __init__(self, paths: Sequence[str]) -> None:
        self.problems: list[Problem] = []
        self.notes: list[Note] = []
        self.read: list[str] = []
        self.resources: dict[str, dict[str, _Resource]] = {kind: {} for kind in RESOURCES}
        for path, named in _files(paths, self.problems):
            self._read_file(path, named)
        if not self.read and not self.problems:
            self.problems.append(Problem(paths[0], 1, 1, (
                "no Fides manifest found (a .yml or .yaml file with a `system`, `dataset` or "
                "`organization` list)")))

    def note(self, where: tuple[str, int, int], message: str) -> None:
        self.notes.append(Note(*where, message))

    def problem(self, where: tuple[str, int, int], message: str) -> None:
        self.problems.append(Problem(*where, message))

    def _read_file(self, path: str, named: bool) -> None:
        shown = os.path.normpath(path)
        try:
            with open(path, "rb") as stream:
                raw = stream.read()
            document = read_yaml(raw, shown)
        except OSError as exc:
            self.problems.append(Problem(shown, 1, 1, f"cannot read the file: {exc.strerror}"))
            return
        except MapError as exc:
            self.problems += exc.errors
            return
        data = document.data
        keys = set(data) if isinstance(data, dict) else set()
        known = Vocabulary([*RESOURCES, *LEFT_OUT])
        if not keys & {*RESOURCES, *LEFT_OUT} and not any(known.suggest(str(k)) for k in keys):
            if named:
                self.problems.append(Problem(shown, 1, 1, (
                    "not a Fides manifest: it has none of the lists "
                    f"{', '.join(RESOURCES)}")))
            else:
                self.notes.append(Note(shown, 1, 1, "not read: not a Fides manifest"))
            return
        self.read.append(shown)
        for key, value in data.items():
            where = (shown, *document.locate((key,), key=True))
            if key in LEFT_OUT:
                self.note(where, f"`{key}` not carried over: {LEFT_OUT[key]}")
            elif key not in RESOURCES:
                self.problem(where, f"unknown list `{key}`{known.suggest(str(key))}; a Fides "
                                    f"manifest has {', '.join(RESOURCES)}")
            elif not isinstance(value, list):
                self.problem(where, f"`{key}` should be a list of resources (`- fides_key: "
                                    "...`)")
            else:
                for index, item in enumerate(value):
                    self._add(key, item, document, (key, index))

    def _add(self, kind: str, item: Any, document: Document, path: Path) -> None:
        where = (document.file, *document.locate(path))
        if not isinstance(item, dict):
            self.problem(where, f"a {kind.replace('_', ' ')} should be a mapping with a "
                                "`fides_key`")
            return
        merged = next(_merge_keys(item, path), None)
        if merged is not None:  # the reader does not merge: its keys would be lost in silence
            self.problem((document.file, *document.locate(merged[:-1])), (
                "a YAML merge key (`<<`) is not read here: write the merged keys out in "
                "this mapping"))
            return
        key = item.get("fides_key")
        if not isinstance(key, str) or not key:
            self.problem(where, f"this {kind.replace('_', ' ')} has no `fides_key`: give it one")
            return
        first = self.resources[kind].get(key)
        if first is not None:
            self.problem((document.file, *document.locate((*path, "fides_key"))), (
                f"{first.label} is declared twice; the first is at "
                f"{first.where()[0]}:{first.where()[1]}: remove or rename one"))
            return
        self.resources[kind][key] = _Resource(kind, key, item, document, path)

    # -- typed values ----------------------------------------------------------------------

    def text(self, resource: _Resource, key: str, data: dict[str, Any] | None = None,
             path: Path = ()) -> str | None:
        value = (data if data is not None else resource.data).get(key)
        if value is None or isinstance(value, str):
            return " ".join(value.split()) if value else None
        self.problem(resource.where(*path, key), f"`{key}` should be text")
        return None

    def texts(self, resource: _Resource, key: str, data: dict[str, Any] | None = None,
              path: Path = ()) -> list[str]:
        value = (data if data is not None else resource.data).get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]  # a single value where Fides wants a list: read as one
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(resource.where(*path, key), f"`{key}` should be a list of keys")
            return []
        return list(value)


class _Builder:
    """Builds the map from the manifests' resources."""

    def __init__(self, manifests: _Manifests, home: str | None) -> None:
        self.fides = manifests
        self.home = home
        self.systems = manifests.resources["system"]
        self.categories: dict[str, list[str]] = {}  # key used -> renames that led to it
        self.subjects: set[str] = set()
        self.uses: set[str] = set()
        self.processor_ids = IdMaker("system")
        self.flow_ids = IdMaker("flow")
        self.imported = Imported(source="Fides manifests", data={}, notes=manifests.notes)
        self.placeholders: dict[str, tuple[str, int, int]] = {}
        #: systems whose data goes abroad (third_country_transfers): country codes, and the
        #: safeguards Fides records for those transfers
        self.abroad: dict[str, tuple[list[str], list[dict[str, Any]]]] = {}

    # -- categories ------------------------------------------------------------------------

    def category(self, key: str, where: tuple[str, int, int]) -> str:
        """The key a category is used under, renamed where Fides renames it."""
        renamed = rename(key)
        self.categories.setdefault(renamed.key, [])
        for step in renamed.steps:
            if step not in self.categories[renamed.key]:
                self.categories[renamed.key].append(step)
        if renamed.outdated:
            self.fides.note(where, f"category '{key}' is a key of fideslang before 1.1 that no "
                                   "Fides migration renames: kept as written; replace it with a "
                                   "current key")
        return renamed.key

    def categories_of(self, resource: _Resource, key: str, data: dict[str, Any] | None = None,
                      path: Path = ()) -> list[str]:
        found: list[str] = []
        for index, value in enumerate(self.fides.texts(resource, key, data, path)):
            used = self.category(value, resource.where(*path, key, index))
            if used not in found:
                found.append(used)
        return found

    def dataset_categories(self, dataset: _Resource) -> list[str]:
        """Every category a dataset names, on itself, its collections and their fields."""
        found = self.categories_of(dataset, "data_categories")

        def walk(items: Any, path: Path) -> None:
            if not isinstance(items, list):
                return
            for index, item in enumerate(items):
                if not isinstance(item, dict):
                    continue
                for used in self.categories_of(dataset, "data_categories", item,
                                               (*path, index)):
                    if used not in found:
                        found.append(used)
                walk(item.get("fields"), (*path, index, "fields"))

        walk(dataset.data.get("collections"), ("collections",))
        return found

    # -- systems ---------------------------------------------------------------------------

    def declarations(self, system: _Resource) -> list[tuple[_Resource, Path]]:
        value = system.data.get("privacy_declarations")
        if value is None:
            return []
        if not isinstance(value, list):
            self.fides.problem(system.where("privacy_declarations"),
                               "`privacy_declarations` should be a list")
            return []
        found = []
        for index, item in enumerate(value):
            path = ("privacy_declarations", index)
            if not isinstance(item, dict):
                self.fides.problem(system.where(*path), "a privacy declaration should be a mapping")
                continue
            name = item.get("name") if isinstance(item.get("name"), str) else f"#{index + 1}"
            found.append((_Resource("privacy declaration", name, item, system.document,
                                    (*system.path, *path), system.key, path), path))
        return found

    def used_datasets(self, system: _Resource) -> list[str]:
        keys = self.fides.texts(system, "dataset_references")
        for declaration, path in self.declarations(system):
            keys += self.fides.texts(system, "dataset_references", declaration.data, path)
        return list(dict.fromkeys(keys))

    def role(self, system: _Resource) -> str | None:
        titles = self.fides.texts(system, "responsibility") or self.fides.texts(
            system, "data_responsibility_title")
        roles = {{"controller": "controller", "processor": "processor",
                  "sub-processor": "processor"}.get(t.lower(), "?") for t in titles}
        if "?" in roles:
            self.fides.note(system.where("responsibility"), (
                f"{system.label}: responsibility {titles} not carried over: Fides knows "
                "Controller, Processor and Sub-Processor"))
            roles.discard("?")
        if len(roles) > 1:
            self.fides.note(system.where("responsibility"), (
                f"{system.label}: responsibility {titles} not carried over: a processor has "
                "one role in the map; set `role` by hand"))
            return None
        return roles.pop() if roles else None

    def organization(self, system: _Resource) -> _Resource | None:
        key = system.data.get("organization_fides_key", "default_organization")
        return self.fides.resources["organization"].get(key) if isinstance(key, str) else None

    def locations(self, system: _Resource, comments: list[str], own: bool) -> list[str]:
        """Where a system is: for a vendor's system, the countries its data goes to (Fides
        records no other place); for a system of the organization's own (``own``), unknown,
        its data going to recipients in those countries (:meth:`transfers_abroad`): taking
        them for its location would make its transfers moves on its own premises."""
        codes: list[tuple[str, _Resource, Path]] = [
            (c, system, ("third_country_transfers", i))
            for i, c in enumerate(self.fides.texts(system, "third_country_transfers"))]
        for key in self.used_datasets(system):
            dataset = self.fides.resources["dataset"].get(key)
            if dataset is not None:
                codes += [(c, dataset, ("third_country_transfers", i)) for i, c in
                          enumerate(self.fides.texts(dataset, "third_country_transfers"))]
        found: list[str] = []
        for code, owner, path in codes:
            country = pycountry.countries.get(alpha_3=code.upper())
            if country is None:
                close = Vocabulary(c.alpha_3 for c in pycountry.countries).suggest(code.upper())
                self.fides.problem(owner.where(*path), (
                    f"'{code}' is not an ISO 3166-1 alpha-3 country code{close}; "
                    "third_country_transfers lists alpha-3 codes such as USA, CHN, KOR"))
            elif country.alpha_2 not in found:
                found.append(country.alpha_2)
        if found and not own:
            comments.append("locations: from third_country_transfers (ISO alpha-3), the "
                            "countries Fides says its data goes to")
            return found
        if found:  # where the data goes, not where the system is: recipients there
            self.abroad[system.key] = (found, [])
            comments.append("locations: unknown (Fides records no system location): name "
                            "them. Its third_country_transfers (" + ", ".join(found) + ") are "
                            "flows to recipients in those countries, below")
            return [UNKNOWN]
        if _is_true(system.data.get("does_international_transfers")):
            comments.append("locations: unknown; does_international_transfers is true but "
                            "Fides gives no country: name them")
        else:
            comments.append("locations: unknown (Fides gives no country): name them")
        return [UNKNOWN]

    def processor(self, system: _Resource) -> dict[str, Any]:
        comments = [f"Fides {system.label} ({':'.join(map(str, system.where()))})"]
        processor: dict[str, Any] = {"id": self.processor_ids.make(system.key)}
        for key in ("name", "description"):
            value = self.fides.text(system, key)
            if value:
                processor[key] = value
        role = self.role(system)
        organization = self.organization(system)
        entity = self.fides.text(system, "legal_name")
        contact = self.fides.text(system, "dpo")
        if role == "controller" and organization is not None:
            controller = organization.data.get("controller") or {}
            officer = organization.data.get("data_protection_officer") or {}
            if not entity:
                entity = _contact_field(controller, "name") or self.fides.text(organization, "name")
                if entity:
                    comments.append(f"entity: of the controller, {organization.label}")
            if not contact:
                contact = _contact_text(officer) or _contact_text(controller)
                if contact:
                    comments.append(f"contact: of {organization.label}")
        if entity:
            processor["entity"] = entity
        if role:
            processor["role"] = role
        processor["locations"] = self.locations(system, comments, own=role == "controller")
        if contact:
            processor["contact"] = contact
        safeguards = self.safeguards(system, comments)
        if safeguards and system.key in self.abroad:  # bases of its transfers abroad
            self.abroad[system.key][1].extend(safeguards)
        elif safeguards:
            processor["safeguards"] = safeguards
        kept = self.kept(system)
        if kept:
            processor["x-fides"] = kept
        if processor["id"] != system.key:
            comments.append(f"ID made from the fides_key '{system.key}'")
        self.imported.comment("processors", processor["id"], *comments)
        return processor

    def safeguards(self, system: _Resource, comments: list[str]) -> list[dict[str, Any]]:
        found = []
        for index, basis in enumerate(self.fides.texts(system, "legal_basis_for_transfers")):
            mechanism = _TRANSFER_BASES.get(basis.lower())
            if mechanism:
                found.append({"mechanism": mechanism, "jurisdictions": ["EU"],
                              "reference": f"Fides {system.label}: legal_basis_for_transfers "
                                           f"{basis}"})
                comments.append(f"safeguard {mechanism}: legal_basis_for_transfers {basis!r}, a "
                                "GDPR basis (Fides records them for the GDPR)")
            elif basis.lower().startswith("adequacy"):
                comments.append("legal_basis_for_transfers 'Adequacy Decision': the check "
                                "judges adequacy itself, from the locations")
            else:
                self.fides.note(system.where("legal_basis_for_transfers", index), (
                    f"{system.label}: legal_basis_for_transfers {basis!r} not carried over: "
                    "no mechanism of the map says what it is"))
        return found

    def kept(self, system: _Resource) -> dict[str, Any]:
        """The system's fields the map has no place for, and its declarations'."""
        kept = {k: v for k, v in sorted(system.data.items())
                if k not in _SYSTEM_READ and not _empty(v)}
        declarations = []
        for declaration, _ in self.declarations(system):
            rest = {k: v for k, v in sorted(declaration.data.items())
                    if k not in _DECLARATION_READ and not _empty(v)}
            if rest:
                declarations.append({"name": declaration.key, **rest})
        if declarations:
            kept["privacy_declarations"] = declarations
        return kept

    # -- flows -----------------------------------------------------------------------------

    def owners(self, dataset: str) -> list[str]:
        return sorted(k for k, s in self.systems.items() if dataset in self.used_datasets(s))

    def edges(self) -> tuple[dict[tuple[str, str], _Edge], dict[str, list[_Resource]]]:
        """The flows between systems, and each system's declarations that collect from users."""
        edges: dict[tuple[str, str], _Edge] = {}
        from_users: dict[str, list[_Resource]] = {}
        for _, system in sorted(self.systems.items()):
            declarations = self.declarations(system)
            for direction in ("egress", "ingress"):
                entries = system.data.get(direction)
                if entries is None:
                    continue
                if not isinstance(entries, list):
                    self.fides.problem(system.where(direction), f"`{direction}` should be a list")
                    continue
                for index, entry in enumerate(entries):
                    self.entry(system, direction, index, entry, declarations, edges,
                               from_users)
        return edges, from_users

    def entry(self, system: _Resource, direction: str, index: int, entry: Any,
              declarations: list[tuple[_Resource, Path]],
              edges: dict[tuple[str, str], _Edge], from_users: dict[str, list[_Resource]]
              ) -> None:
        path = (direction, index)
        if not isinstance(entry, dict) or not isinstance(entry.get("fides_key"), str):
            self.fides.problem(system.where(*path), (
                f"an {direction} entry should give `fides_key` and `type` (system, dataset or "
                "user)"))
            return
        other, kind = entry["fides_key"], entry.get("type", "system")
        naming = [d for d, p in declarations
                  if other in self.fides.texts(system, direction, d.data, p)]
        given = self.categories_of(system, "data_categories", entry, path)
        what = f"{direction} of {system.label}"
        said = f"{what} ({':'.join(map(str, system.where(*path)))})"
        if kind == "user":
            if direction == "ingress":
                from_users.setdefault(system.key, []).extend(
                    naming or [d for d, _ in declarations])
            else:
                self.fides.note(system.where(*path), (
                    f"{what}: data given back to the users themselves is no flow"))
            return
        if kind == "dataset":
            owners = [o for o in self.owners(other) if o != system.key]
            if not owners:
                self.fides.note(system.where(*path), (
                    f"{what}: dataset '{other}' is used by "
                    f"{'this system only' if other in self.used_datasets(system) else 'no system'}"
                    ": no flow between systems"))
                return
            ends = owners
        elif kind == "system":
            ends = [other]
            if other not in self.systems:
                self.placeholders.setdefault(other, system.where(*path))
        else:
            self.fides.problem(system.where(*path, "type"), (
                f"`type` '{kind}' is not one Fides knows: system, dataset or user"))
            return
        for end in ends:
            pair = (system.key, end) if direction == "egress" else (end, system.key)
            edge = edges.setdefault(pair, _Edge(*pair))
            edge.given += [c for c in given if c not in edge.given]
            edge.declarations += [d for d in naming if d not in edge.declarations]
            edge.said.append(said)
            edge.where.append(system.where(*path))
            if kind == "dataset":
                edge.through.append(other)

    def declared(self, system: _Resource, declaration: _Resource
                 ) -> tuple[list[str], list[str], str | None]:
        """A privacy declaration's categories, subjects and data use."""
        data, path = declaration.data, declaration.local
        return (self.categories_of(system, "data_categories", data, path),
                self.fides.texts(system, "data_subjects", data, path),
                self.fides.text(system, "data_use", data, path))

    def held(self, key: str) -> tuple[list[str], list[str], list[str]]:
        """A system's declared categories, subjects and data uses (with its datasets')."""
        system = self.systems.get(key)
        if system is None:
            return [], [], []
        categories: list[str] = []
        subjects: list[str] = []
        uses: list[str] = []
        for declaration, _ in self.declarations(system):
            their_categories, their_subjects, use = self.declared(system, declaration)
            categories += [c for c in their_categories if c not in categories]
            subjects += [s for s in their_subjects if s not in subjects]
            if use and use not in uses:
                uses.append(use)
        for dataset_key in self.used_datasets(system):
            dataset = self.fides.resources["dataset"].get(dataset_key)
            if dataset is not None:
                categories += [c for c in self.dataset_categories(dataset)
                               if c not in categories]
        return categories, subjects, uses

    def flow(self, edge: _Edge) -> dict[str, Any] | None:
        comments = [f"from {', '.join(edge.said)}"]
        if edge.through:
            comments.append(f"through dataset(s) {', '.join(dict.fromkeys(edge.through))}")
        subjects: list[str] = []
        uses: list[str] = []
        categories = list(edge.given)
        for declaration in edge.declarations:
            their_categories, their_subjects, use = self.declared(
                self.systems[declaration.owner], declaration)
            if not edge.given:
                categories += [c for c in their_categories if c not in categories]
            subjects += [s for s in their_subjects if s not in subjects]
            if use and use not in uses:
                uses.append(use)
        if edge.given:
            comments.append("categories: as the egress/ingress entry gives them")
        elif categories:
            comments.append("categories: of the privacy declarations that name this flow")
        else:
            categories, subjects, _ = self.held(edge.source)
            if categories:
                comments.append(f"categories: not given; all that '{edge.source}' declares "
                                "(Fides does not say which of them go)")
            else:
                categories, subjects, _ = self.held(edge.target)
                if categories:
                    comments.append(f"categories: not given, and '{edge.source}' declares "
                                    f"none; all that '{edge.target}' declares")
        if not categories:
            self.fides.notes.append(Note(*edge.where[0], (
                f"no flow from '{edge.source}' to '{edge.target}': no categories are given "
                "and neither system declares any")))
            return None
        source, target = (self.processor_ids.make(edge.source),
                          self.processor_ids.make(edge.target))
        flow: dict[str, Any] = {"id": self.flow_ids.make(f"{source}-to-{target}"),
                                "from": source, "to": target, "categories": categories}
        if subjects:
            flow["subjects"] = subjects
            self.subjects.update(subjects)
        if uses:
            flow["purpose"] = "; ".join(self.use_name(u) for u in uses)
        retention = self.retention(edge.target)
        if retention:
            flow["retention"] = retention
            comments.append(f"retention: what '{edge.target}' declares")
        self.imported.comment("flows", flow["id"], *comments)
        return flow

    def retention(self, key: str) -> str | None:
        system = self.systems.get(key)
        if system is None:
            return None
        periods = []
        for declaration, path in self.declarations(system):
            period = self.fides.text(system, "retention_period", declaration.data, path)
            use = self.fides.text(system, "data_use", declaration.data, path)
            if period:
                periods.append((use, period))
        if len({p for _, p in periods}) == 1:
            return periods[0][1]
        return "; ".join(f"{self.use_name(u) if u else 'other'}: {p}" for u, p in periods) or None

    def use_name(self, key: str) -> str:
        self.uses.add(key)
        use = self.fides.resources["data_use"].get(key)
        name = self.fides.text(use, "name") if use is not None else None
        return name or key

    # -- collection ------------------------------------------------------------------------

    def collects(self, key: str, received: list[str], from_users: list[_Resource]
                 ) -> list[dict[str, Any]]:
        system = self.systems[key]
        points: list[dict[str, Any]] = []
        covered = list(received)
        reasons = []
        for declaration, path in self.declarations(system):
            categories, subjects, use = self.declared(system, declaration)
            if declaration not in from_users:
                categories = [c for c in categories if not _covered(c, received)]
            if not categories:
                continue
            point: dict[str, Any] = {"categories": categories}
            if subjects:
                point["subjects"] = subjects
                self.subjects.update(subjects)
            if use:
                point["purpose"] = self.use_name(use)
            retention = self.fides.text(system, "retention_period", declaration.data, path)
            if retention:
                point["retention"] = retention
            points.append(point)
            covered += categories
            reasons.append(f"collects: declaration {declaration.key!r}" + (
                " (ingress from user)" if declaration in from_users else
                ": categories no flow brings here"))
        held = [c for d in self.used_datasets(system)
                for c in (self.dataset_categories(self.fides.resources["dataset"][d])
                          if d in self.fides.resources["dataset"] else ())]
        rest = list(dict.fromkeys(c for c in held if not _covered(c, covered)))
        if rest:
            points.append({"categories": rest})
            reasons.append("collects: categories of its datasets that no flow or declaration "
                           "brings here")
        if points:
            self.imported.comment("processors", self.processor_ids.make(key), *reasons)
        return points

    # -- the map ---------------------------------------------------------------------------

    def build(self) -> Imported:
        edges, from_users = self.edges()
        for key in sorted(self.systems):
            self.processor_ids.make(key)
        for key in sorted(self.placeholders):
            self.processor_ids.make(key)
        flows = [f for f in (self.flow(edges[p]) for p in sorted(edges)) if f is not None]
        processors = {key: self.processor(system) for key, system in self.systems.items()}
        for key, where in sorted(self.placeholders.items()):
            processors[key] = {"id": self.processor_ids.make(key), "name": key,
                               "locations": [UNKNOWN]}
            self.imported.comment("processors", processors[key]["id"], (
                f"named by {where[0]}:{where[1]} but not described in the manifests: its "
                "entity, role and locations are unknown"))
        flows += self.transfers_abroad(processors)
        for key in sorted(self.systems):
            received = [c for f in flows if f["to"] == self.processor_ids.make(key)
                        for c in f["categories"]]
            points = self.collects(key, received, from_users.get(key, []))
            if points:
                processors[key]["collects"] = points
        if any("collects" in p for p in processors.values()) and self.home is None:
            raise ImportOptionError(
                "the manifests' data is collected from people (a privacy declaration no flow "
                "feeds, or ingress from user): give --home CC, the country of those people; "
                "Fides does not say it")
        self.dependencies(edges)
        self.notes_of_declarations()
        self.notes_of_resources()
        data: dict[str, Any] = {"dataflow": 1, "name": self.map_name()}
        if self.home:
            data["home"] = self.home
        data["categories"], categories = self.category_list()
        data["subjects"], subjects = self.subject_list()
        carriers = [*flows, *(c for p in processors.values() for c in p.get("collects", ()))]
        for carrier in carriers:  # keys that are no valid ID get the ID made of them
            carrier["categories"] = list(dict.fromkeys(categories[c]
                                                       for c in carrier["categories"]))
            if "subjects" in carrier:
                carrier["subjects"] = list(dict.fromkeys(subjects[s]
                                                         for s in carrier["subjects"]))
        data["processors"] = sorted(processors.values(), key=lambda p: p["id"])
        data["flows"] = sorted(flows, key=lambda f: f["id"])
        self.imported.data = data
        kept = sorted({k for p in processors.values() for k in p.get("x-fides", {})})
        self.imported.header = [
            f"Imported by `dataflow import fides` from {len(self.fides.read)} manifest(s): "
            + ", ".join(self.fides.read) + ".",
            "Category keys are those of the Fides taxonomy (fideslang, by Ethyca, CC BY 4.0), "
            "old keys renamed as the Fides migrations rename them.",
            "Fides gives no country for most systems: those are `unknown` until you name them; "
            "see docs/importing.md."]
        if kept:
            self.imported.header.append("Fields the map has no place for are kept under "
                                        f"`x-fides`, unchecked: {', '.join(kept)}.")
        return self.imported

    def transfers_abroad(self, processors: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        """A system's ``third_country_transfers`` as flows to a recipient in each country: Fides
        says where the data goes, not who receives it, so each recipient has no entity and no
        role (the check then asks for them), and carries the safeguards Fides records."""
        flows = []
        for key, (countries, safeguards) in sorted(self.abroad.items()):
            sender = processors[key]
            categories, subjects, _ = self.held(key)
            for country in countries:
                recipient = self.processor_ids.make(f"{key}-abroad-{country.lower()}")
                processors[recipient] = {
                    "id": recipient, "name": f"Recipients of {sender.get('name', key)} in "
                                             f"{country_name(country)}", "locations": [country]}
                if safeguards:
                    processors[recipient]["safeguards"] = safeguards
                self.imported.comment("processors", recipient, (
                    f"made from third_country_transfers of '{key}': Fides names the country, "
                    "not the recipient; name it, with its entity and role"))
                if not categories:
                    continue  # nothing declared to send: the recipient stands alone
                flow = {"id": self.flow_ids.make(f"{sender['id']}-to-{recipient}"),
                        "from": sender["id"], "to": recipient, "categories": categories}
                if subjects:
                    flow["subjects"] = subjects
                flows.append(flow)
                self.imported.comment("flows", flow["id"], (
                    "what the system declares, sent to the country of its "
                    "third_country_transfers"))
        return flows

    def dependencies(self, edges: dict[tuple[str, str], _Edge]) -> None:
        ending = []
        for key, system in sorted(self.systems.items()):
            for index, other in enumerate(self.fides.texts(system, "system_dependencies")):
                if (key, other) in edges or (other, key) in edges:
                    continue
                where = system.where("system_dependencies", index)
                said = (f"system_dependencies: '{key}' depends on '{other}', but Fides does not "
                        "say which way data goes between them and no egress or ingress does: no "
                        "flow made")
                ending += [f"{said} ({where[0]}:{where[1]}).",
                           "Add the flow(s) here if personal data moves between them."]
                self.fides.note(where, said)
        if ending:
            self.imported.endings["flows"] = ending

    def notes_of_declarations(self) -> None:
        for system in self.systems.values():
            for declaration, path in self.declarations(system):
                data = declaration.data
                qualifier = data.get("data_qualifier")
                if isinstance(qualifier, str) and qualifier != _IDENTIFIED:
                    self.fides.note(system.where(*path, "data_qualifier"), (
                        f"{system.label}, declaration {declaration.key!r}: data_qualifier "
                        f"'{qualifier}' not carried over: the map treats the data as personal "
                        "data"))
                if _is_true(data.get("data_shared_with_third_parties")) or data.get(
                        "third_parties"):
                    who = self.fides.text(system, "third_parties", data, path) or "not named"
                    self.fides.note(system.where(*path), (
                        f"{system.label}, declaration {declaration.key!r}: shared with third "
                        f"parties ({who}) that are no system: no flow made; add them as "
                        "processors with flows"))
                if _is_true(data.get("processes_special_category_data")):
                    categories = self.categories_of(system, "data_categories", data, path)
                    if not any(kinds_of(c) for c in categories):
                        self.fides.note(system.where(*path, "processes_special_category_data"), (
                            f"{system.label}, declaration {declaration.key!r}: special-category "
                            "data is declared, but none of its categories says which: add "
                            "`kinds` to the categories concerned"))

    def notes_of_resources(self) -> None:
        """What datasets, organizations and taxonomy entries say that the map leaves out."""
        for dataset in self.fides.resources["dataset"].values():
            left = [k for k in dataset.data if k not in _DATASET_READ
                    and not _empty(dataset.data[k])]
            users = ", ".join(self.owners(dataset.key)) or "no system"
            self.fides.note(dataset.where(), (
                f"{dataset.label} is no element of the map: the categories it names are held "
                f"by the systems that use it ({users})"
                + (f"; not carried over: {', '.join(left)}" if left else "")))
        for organization in self.fides.resources["organization"].values():
            left = [k for k in organization.data if k not in _ORGANIZATION_READ
                    and not _empty(organization.data[k])]
            if left:
                self.fides.note(organization.where(), (
                    f"{organization.label}: not carried over: {', '.join(left)}"))
        used = {"data_category": set(self.categories), "data_subject": self.subjects,
                "data_use": self.uses}
        for kind, keys in used.items():
            unused = sorted(k for k in self.fides.resources[kind] if k not in keys)
            if unused:
                first = self.fides.resources[kind][unused[0]]
                self.fides.note(first.where(), (
                    f"{kind.replace('_', ' ')} entries that no flow or collection of the map "
                    f"names, not carried over: {', '.join(unused)}"))
            for key in sorted(keys & set(self.fides.resources[kind])):
                resource = self.fides.resources[kind][key]
                left = [k for k in resource.data if k not in _TAXONOMY_READ[kind]
                        and not _empty(resource.data[k])]
                if left:
                    self.fides.note(resource.where(), (
                        f"{resource.label}: not carried over: {', '.join(left)}"))

    def map_name(self) -> str:
        names = [self.fides.text(o, "name") or o.key
                 for o in self.fides.resources["organization"].values()]
        return names[0] if len(names) == 1 else "Fides manifests"

    def category_list(self) -> tuple[list[dict[str, Any]], dict[str, str]]:
        """The categories used, with their parents, and the ID of each key."""
        declared = self.fides.resources["data_category"]
        parents: dict[str, str | None] = {}
        pending = sorted(self.categories)
        while pending:  # every category with its parents, up to the top
            key = pending.pop()
            if key in parents:
                continue
            resource = declared.get(key)
            parent = self.fides.text(resource, "parent_key") if resource is not None else None
            if parent:
                parent = self.category(parent, resource.where("parent_key"))
            elif "." in key:
                parent = key.rsplit(".", 1)[0]
            parents[key] = parent
            if parent and parent not in parents:
                pending.append(parent)
        ids = IdMaker("category")
        made = {key: ids.make(key) for key in sorted(parents)}
        found = []
        for key in sorted(parents, key=lambda k: made[k]):
            entry: dict[str, Any] = {"id": made[key]}
            resource = declared.get(key)
            for field_name in ("name", "description"):
                value = self.fides.text(resource, field_name) if resource is not None else None
                if value:
                    entry[field_name] = value
            if parents[key]:
                entry["parent"] = made[parents[key]]
            inherited = set()
            parent = parents[key]
            while parent:
                inherited.update(kinds_of(parent))
                parent = parents.get(parent)
            kinds = [k for k in kinds_of(key) if k not in inherited]
            if kinds:
                entry["kinds"] = kinds
            comments = [f"renamed: {step}" for step in self.categories.get(key, ())]
            if made[key] != key:
                comments.append(f"ID made from the key '{key}'")
            if comments:
                self.imported.comment("categories", made[key], *comments)
            found.append(entry)
        return found, made

    def subject_list(self) -> tuple[list[dict[str, Any]], dict[str, str]]:
        """The subjects named, and the ID of each key."""
        declared = self.fides.resources["data_subject"]
        ids = IdMaker("subject")
        made = {key: ids.make(key) for key in sorted(self.subjects)}
        found = []
        for key in sorted(self.subjects, key=lambda k: made[k]):
            entry: dict[str, Any] = {"id": made[key]}
            resource = declared.get(key)
            name = self.fides.text(resource, "name") if resource is not None else None
            if name:
                entry["name"] = name
            found.append(entry)
            if made[key] != key:
                self.imported.comment("subjects", made[key], f"ID made from the key '{key}'")
        return found, made


def _merge_keys(data: Any, path: Path) -> Iterable[Path]:
    """Where ``data`` holds a YAML merge key (``<<``), at any depth."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "<<":
                yield (*path, key)
            yield from _merge_keys(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _merge_keys(value, (*path, index))


def _covered(category: str, received: Iterable[str]) -> bool:
    """Whether flows bring ``category`` to a system: it, a broader or a narrower one."""
    return any(category == r or category.startswith(r + ".") or r.startswith(category + ".")
               for r in received)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _contact_field(details: Any, key: str) -> str | None:
    value = details.get(key) if isinstance(details, dict) else None
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _contact_text(details: Any) -> str | None:
    parts = [_contact_field(details, k) for k in ("name", "email", "phone", "address")]
    return ", ".join(p for p in parts if p and p.upper() != "N/A") or None


def import_fides(paths: Sequence[str], *, home: str | None = None) -> tuple[Imported, list[str]]:
    """A map from Fides manifests (files, or folders read for ``*.yml`` and ``*.yaml``), and
    the manifest files read.

    ``home`` is the country of the people the data is collected from (Fides does not say
    it); it is needed when the manifests' data enters the map, which it almost always does.
    Raises :class:`~dataflow.MapError` with every located problem, or
    :class:`~.tables.ImportOptionError`.
    """
    manifests = _Manifests(paths)
    if not manifests.read:
        raise MapError(manifests.problems)
    try:  # what the manifests hold is built even past a problem, to report every problem
        imported = _Builder(manifests, home).build()
    except ImportOptionError:
        if not manifests.problems:
            raise
    if manifests.problems:
        raise MapError(manifests.problems)
    return imported, manifests.read
