"""What is worked out from installed files, kept between runs in a ``__pycache__`` folder, as
Python keeps bytecode there.

The jurisdiction packs' data (:mod:`dataflow.packs`) and the country names
(:mod:`dataflow.countries`) are kept so: without them, a check of a small map spends more
time reading the packs' YAML and importing pycountry than checking. A kept file is used only
when the key stored in it is the one worked out now, a hash of everything the data depends on
(:func:`key_of`), and is written again otherwise. Nothing is written where Python is told not
to write bytecode (``PYTHONDONTWRITEBYTECODE``) or cannot write.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

__all__ = ["kept", "key_of", "package_files"]


def key_of(parts: Iterable[bytes]) -> str:
    """The key of data made from ``parts`` (file names, bytes, versions), hashed: a change in
    any part, or in where one ends and the next begins, gives another key."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def package_files(package: str, names: Iterable[str]) -> list[bytes] | None:
    """The bytes of these files in an installed package's folder, found without importing the
    package (a key part for data made with it); ``None`` when it has no folder of files or
    lacks one of them."""
    spec = find_spec(package)
    folders = spec.submodule_search_locations if spec else None
    if not folders:
        return None
    try:
        return [Path(folders[0], name).read_bytes() for name in names]
    except OSError:
        return None


def kept(path: Path, key: str | None, make: Callable[[], Any]) -> Any:
    """The data kept in ``path`` under ``key``; else ``make()``, kept there for the next run.

    The data is JSON (what is kept as a tuple comes back as a list). A ``key`` of ``None``
    means that what the data depends on cannot be known: it is made, and not kept.
    """
    if key is None:
        return make()
    try:
        with open(path, encoding="utf-8") as stream:
            found = json.load(stream)
    except (OSError, ValueError):  # none yet, or unreadable: make it
        found = None
    if isinstance(found, dict) and found.get("key") == key and "data" in found:
        return found["data"]
    data = make()
    _keep(path, key, data)
    return data


def _keep(path: Path, key: str, data: Any) -> None:
    """Write the file whole (another process may read it meanwhile), where allowed."""
    if sys.dont_write_bytecode:
        return
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as stream:
            json.dump({"key": key, "data": data}, stream, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:  # a folder this user may not write to: the data is made each time
        with contextlib.suppress(OSError):  # nor, then, a temporary file there to remove
            temporary.unlink(missing_ok=True)
