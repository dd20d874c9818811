"""The built-in jurisdictions' data files, one YAML file per jurisdiction, with their sources.

:func:`pack_data` gives what the reader makes of each file. Reading them is most of what
loading them costs (a check of a small map reads more YAML here than in the map), so that is
kept in ``__pycache__/packs.json`` beside them (:mod:`dataflow.kept`), keyed by the files'
names and bytes, the reader's code and the files that say the YAML libraries' versions. The
data is validated on every load, by the models of the running version.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from ..kept import kept, key_of, package_files
from ..reading import Document, read_yaml

__all__ = ["CACHE", "pack_data", "read_pack"]

#: Where what the reader made of the packs is kept.
CACHE = Path(__file__).parent / "__pycache__" / "packs.json"
#: The libraries whose reading of YAML the kept data depends on, each with the file in its
#: package that holds its version (read without importing the library: PyYAML is imported
#: only for the files the fast reader declines).
_READERS = (("ryml", "version.py"), ("yaml", "__init__.py"))


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
    ``str`` and ``None``), by name; kept between runs while these very files are read by this
    very reader."""
    files = _files()
    made = kept(CACHE, _key(files), lambda: [
        (name, read_yaml(raw, f"dataflow/packs/{name}").data) for name, raw in files])
    return [(name, data) for name, data in made]


def _key(files: list[tuple[str, bytes]]) -> str | None:
    """What the data depends on, hashed: the files, the reader's code, the YAML libraries'
    versions (``None`` when a library cannot be found: nothing is kept then)."""
    from .. import reading

    parts = []
    for package, version_file in _READERS:
        found = package_files(package, [version_file])
        if found is None:
            return None
        parts += found
    for source in sorted(Path(reading.__file__).parent.glob("*.py")):
        parts += [source.name.encode(), source.read_bytes()]
    for name, raw in files:
        parts += [name.encode(), raw]
    return key_of(parts)
