"""The JSON Schema of the map file, generated from the models."""

from __future__ import annotations

import json
from typing import Any

from .model import MapFile


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that editors use to complete and check map files."""
    schema = MapFile.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def json_schema_text() -> str:
    """:func:`json_schema` as the text of ``schemas/dataflow.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
