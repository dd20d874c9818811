"""Loading map files, folders and includes, each validated, then merged into one
:class:`FlowMap` (:mod:`.merge`).

Every problem of every file is collected, located and reported together in one
:class:`MapError`: syntax, types, unknown keys, duplicate keys, include mistakes, and what
the merge finds (duplicate IDs, dangling references with the closest ID suggested, unknown
country codes).
"""

from __future__ import annotations

import glob
import os
import re
import stat
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import MapError, Problem
from .flowmap import FlowMap
from .merge import LISTS, ReadFile, merge
from .model import (
    Category,
    Flow,
    Jurisdiction,
    MapFile,
    Processor,
    Subject,
    Waiver,
)
from .progress import Stage, stage
from .reading import Document, Limits, Path, read_yaml
from .reading.document import collector_paused
from .reading.read import size_problem
from .validation import problems_from

__all__ = ["load", "loads"]

#: The key of a map file as it may appear in a file's bytes, in every encoding a reader meets:
#: a folder reads each file that may be a map (quoted key, flow style, byte-order mark, UTF-16
#: included: the reader then says what is wrong), and skips only those that cannot be.
_MAP_KEY_FORMS = tuple("dataflow".encode(e) for e in (
    "utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
_SUFFIXES = (".yaml", ".yml")
#: Top-level keys only a map file has: a folder's YAML file with one of them but without the
#: ``dataflow`` key is a map file that forgot it, not some other YAML file. The byte pattern
#: only chooses which files to read (quoted keys and flow style included); the keys read
#: decide.
_MAP_KEYS = frozenset({"processors", "flows", "categories", "subjects", "waivers"})
_MAP_PART = re.compile(rb"(?:processors|flows|categories|subjects|waivers)[\"']?\s*:")


def load(path: str | os.PathLike[str], *more: str | os.PathLike[str],
         limits: Limits | None = None) -> FlowMap:
    """Load a map from files or folders (merged into one map); raise :class:`MapError`.

    A folder contributes every ``*.yaml`` and ``*.yml`` file in it and below it that has the
    ``dataflow`` key (folders whose name starts with ``.`` are skipped). A file reached
    twice, directly and through ``include``, counts once.
    """
    loader = _Loader(limits or Limits())
    given = [os.fspath(each) for each in (path, *more)]
    with stage("Reading " + ", ".join(_display(g) for g in given)), collector_paused():
        for each in given:
            loader.add_path(each)
        return loader.finish()


def loads(text: str | bytes, file: str = "<string>", *, limits: Limits | None = None) -> FlowMap:
    """Load a map from YAML text; ``include`` is resolved against the current folder."""
    loader = _Loader(limits or Limits())
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with collector_paused():
        loader.add_text(raw, file, os.path.abspath(os.getcwd()))
        return loader.finish()


class _Loader:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.problems: list[Problem] = []
        self.files: list[ReadFile] = []
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
        with stage(f"Reading the map files in {display}", total=len(found)) as reading:
            maps = self._add_files(sorted(found), folder, display, root, reading)
        if maps == 0 and not self.problems:
            self.problems.append(Problem(display, 1, 1, (
                "the folder holds no map file (a .yaml or .yml file with `dataflow: 1`)")))

    def _add_files(self, found: list[str], folder: str, display: str, root: str,
                   reading: Stage) -> int:
        """Read the YAML files of a folder that are map files; how many there were."""
        maps = 0
        for path in found:
            reading.advance()
            shown = _display(os.path.join(display, os.path.relpath(path, folder)))
            if os.path.commonpath([os.path.realpath(path), root]) != root:
                self.problems.append(Problem(shown, 1, 1, (
                    f"this file is a link to {_display(os.path.realpath(path))}, outside the "
                    "map's folder; copy the file into the folder or include it from there")))
                continue
            raw = self._read(path, shown)
            if raw is None:
                continue
            if not any(form in raw for form in _MAP_KEY_FORMS) and not _MAP_PART.search(raw):
                continue  # some other YAML file (CI, Helm, ...): not part of the map
            maps += self._add_file(path, shown, root, (), raw=raw, in_folder=True)
        return maps

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

    def _forgot_key(self, display: str, line: int, column: int, key: str) -> None:
        self.problems.append(Problem(display, line, column, (
            f"this file has the map's `{key}` key but no `dataflow: 1`, so it would not be "
            "read as part of the map: add `dataflow: 1` at its top, or move the file out of "
            "the folder")))

    def _add_document(self, raw: bytes, display: str, real: str | None, root: str,
                      chain: tuple[str, ...], *, in_folder: bool = False) -> int:
        try:
            document = read_yaml(raw, display, self.limits)
        except MapError as exc:
            self.problems += exc.errors
            return 0
        data = document.data
        if in_folder and not (isinstance(data, dict) and "dataflow" in data):
            part = next((k for k in data if k in _MAP_KEYS), None) if isinstance(data, dict) \
                else None
            if part is not None:  # a map file that lost its key: never left out in silence
                self._forgot_key(display, *document.locate((part,)), part)
            return 0
        if isinstance(data, dict) and "dataflow" not in data:
            self.problems.append(Problem(display, 1, 1, (
                "this file is not a dataflow map: add `dataflow: 1` at the top")))
            return 0
        model = self._validate(document)
        if model is None:
            return 0
        # the model holds the file's content from here, and the document only where each part
        # is written: the data read (a large part of a loaded map's memory) is let go before
        # the next file is read and the map checked
        document.data = model.document.data = None
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

    def _validate(self, document: Document) -> ReadFile | None:
        try:
            return ReadFile(document, MapFile.model_validate(document.data))
        except ValidationError as exc:
            self.problems += problems_from(exc, document, ())
            return self._salvage(document, exc)

    def _salvage(self, document: Document, exc: ValidationError) -> ReadFile | None:
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
            if top in LISTS and len(loc) > 1 and isinstance(loc[1], int):
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
                if key in LISTS and isinstance(value, list):
                    dropped[key] = {_id_of(item) for item in value} - {""}
                continue
            if key in LISTS and isinstance(value, list):
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
        return ReadFile(_Remapped(document, positions), model, dropped)

    # -- merging and checking -----------------------------------------------------------

    def finish(self) -> FlowMap:
        if not self.files and not self.problems:
            self.problems.append(Problem("<input>", 1, 1, "no map file was given"))
        if self.problems and not self.files:
            raise MapError(self.problems)
        flowmap = merge(self.files, self.problems)
        _share_field_sets(flowmap)
        return flowmap


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


def _share_field_sets(flowmap: FlowMap) -> None:
    """Let the map's processors and flows that state the same fields hold one set of their
    names.

    pydantic keeps on every model the set of the fields its input stated
    (``model_fields_set``): for a flow that states six, a set of 728 bytes, more than the
    flow's own dict. A large map's processors and flows state a few dozen combinations, so
    500,000 flows held 364 MB of equal sets. pydantic changes the set only when a field is
    assigned, which the frozen models refuse (``model_copy`` copies it first).
    """
    shared: dict[frozenset[str], set[str]] = {}
    for elements in (flowmap.processors.values(), flowmap.flows.values()):
        for element in elements:
            names = element.__pydantic_fields_set__
            kept = shared.setdefault(frozenset(names), names)
            if kept is not names:
                object.__setattr__(element, "__pydantic_fields_set__", kept)


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
