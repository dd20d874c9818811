"""The built-in jurisdictions' data files, one YAML file per jurisdiction, with their sources.

:func:`pack_data` gives what the reader makes of each file. Reading them is most of what
loading them costs (a check of a small map reads more YAML here than in the map), so that is
kept in ``__pycache__/packs.json`` beside them, as Python keeps bytecode: used only when the
key stored with it is the one worked out now, a hash of the files' names and bytes, of the
reader's code and of the YAML libraries' versions; written again otherwise. It is not written
where Python is told not to write bytecode (``PYTHONDONTWRITEBYTECODE``) or cannot write.
The data is validated on every load, by the models of the running version.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from ..reading import Document, read_yaml

__all__ = ["CACHE", "pack_data", "read_pack"]

#: Where what the reader made of the packs is kept.
CACHE = Path(__file__).parent / "__pycache__" / "packs.json"
#: The libraries whose reading of YAML the cached data depends on.
_READERS = ("rapidyaml", "PyYAML")


def _files() -> list[tuple[str, bytes]]:
    """Each pack file's name and bytes, by name."""
    return sorted((entry.name, entry.read_bytes()) for entry in resources.files(__name__).iterdir()
                  if entry.name.endswith(".yaml"))


def read_pack(name: str) -> Document:
    """One pack file, read as a map file is (its errors located in it)."""
    raw = resources.files(__name__).joinpath(name).read_bytes()
    return read_yaml(raw, f"dataflow/packs/{name}")


def pack_data() -> list[tuple[str, Any]]:
    """Each pack file's name and its data as the reader gives it (plain ``dict``, ``list``,
    ``str`` and ``None``), by name; from the cache when it holds these very files."""
    files = _files()
    key = _key(files)
    kept = _cached(key) if key else None
    if kept is not None:
        return kept
    data = [(name, read_yaml(raw, f"dataflow/packs/{name}").data) for name, raw in files]
    if key:
        _keep(key, data)
    return data


def _key(files: list[tuple[str, bytes]]) -> str | None:
    """What the data depends on, hashed: the files, the reader's code, the YAML libraries
    (``None`` when a library's version cannot be known: nothing is cached then)."""
    from .. import reading

    digest = hashlib.sha256()
    for library in _READERS:
        try:
            digest.update(f"{library} {metadata.version(library)}\0".encode())
        except metadata.PackageNotFoundError:
            return None
    for source in sorted(Path(reading.__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    for name, raw in files:
        digest.update(name.encode() + b"\0" + raw + b"\0")
    return digest.hexdigest()


def _cached(key: str) -> list[tuple[str, Any]] | None:
    try:
        with open(CACHE, encoding="utf-8") as stream:
            kept = json.load(stream)
    except (OSError, ValueError):  # none yet, or unreadable: read the files
        return None
    if not isinstance(kept, dict) or kept.get("key") != key:
        return None
    return [(name, data) for name, data in kept["packs"]]


def _keep(key: str, data: list[tuple[str, Any]]) -> None:
    """Write the cache whole (another process may read it meanwhile), where allowed."""
    if sys.dont_write_bytecode:
        return
    temporary = CACHE.with_name(f".{CACHE.name}.{os.getpid()}.tmp")
    try:
        CACHE.parent.mkdir(exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as stream:
            json.dump({"key": key, "packs": data}, stream, ensure_ascii=False)
        os.replace(temporary, CACHE)
    except OSError:  # a folder this user may not write to: the files are read each time
        temporary.unlink(missing_ok=True)
