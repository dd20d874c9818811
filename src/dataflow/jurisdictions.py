"""Built-in jurisdictions: data files in ``dataflow/packs``, validated like a map's own."""

from __future__ import annotations

from functools import cache
from importlib import resources

from pydantic import ValidationError

from .errors import MapError
from .model import Jurisdiction
from .reading import read_yaml


@cache
def builtin_jurisdictions() -> dict[str, Jurisdiction]:
    """The jurisdictions that ship with the library, by ID."""
    from .validation import problems_from

    found: dict[str, Jurisdiction] = {}
    for entry in sorted(resources.files("dataflow.packs").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        name = f"dataflow/packs/{entry.name}"
        document = read_yaml(entry.read_bytes(), name)
        try:
            jurisdiction = Jurisdiction.model_validate(document.data)
        except ValidationError as exc:
            raise MapError(problems_from(exc, document, ())) from None
        found[jurisdiction.id] = jurisdiction
    return found
