"""Importers: maps made from inventories teams already keep.

- :func:`import_fides` reads Fides manifests (fideslang YAML);
- :func:`import_table` reads a CSV table: a subprocessor list, or the overseas-transfer table
  of a Korean privacy policy (PIPA Art. 28-8(2)).

Both give an :class:`Imported`: the map as plain data, with where each element came from and
every :class:`Note` of what the input says that the map does not carry. :func:`to_yaml`
writes it, those notes at the top, the same bytes for the same input. What maps to what is
in docs/importing.md.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .fides import import_fides
    from .result import Imported, ImportOptionError, Note
    from .tables import import_table
    from .writing import to_yaml

__all__ = ["ImportOptionError", "Imported", "Note", "import_fides", "import_table", "to_yaml"]

#: Where each public name lives: loaded when first asked for, so that the command line starts
#: without the importers (it reads only their columns for its help).
_HOMES = {"ImportOptionError": "result", "Imported": "result", "Note": "result",
          "import_fides": "fides", "import_table": "tables", "to_yaml": "writing"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
