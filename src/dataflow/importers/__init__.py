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

from typing import TYPE_CHECKING, Any

from .result import Imported, ImportOptionError, Note
from .writing import to_yaml

if TYPE_CHECKING:
    from .fides import import_fides
    from .tables import import_table

__all__ = ["ImportOptionError", "Imported", "Note", "import_fides", "import_table", "to_yaml"]


def __getattr__(name: str) -> Any:
    """The importers, loaded when first asked for (the command line starts without them)."""
    if name == "import_fides":
        from .fides import import_fides

        return import_fides
    if name == "import_table":
        from .tables import import_table

        return import_table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
