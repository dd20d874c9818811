"""Pydantic's validation errors, reworded for people and placed where they were written."""

from __future__ import annotations

import types
import typing
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import Problem, did_you_mean
from .model import MapFile, written_fields
from .reading import Document, Path

#: What each model is called in messages.
_LABELS = {
    "MapFile": "the map", "Category": "a category", "Subject": "a subject",
    "Processor": "a processor", "Flow": "a flow", "Safeguard": "a safeguard",
    "CollectionPoint": "a collection point (`collects`)", "Jurisdiction": "a jurisdiction",
    "Adequacy": "an adequacy entry", "Mechanism": "a mechanism", "Waiver": "a waiver",
    "Kind": "a kind (`kinds`)", "Requirement": "a requirement", "Condition": "a condition (`when`)",
    "Disclosure": "a disclosure", "RecipientTerms": "recipient terms",
}


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as ``tuple[Flow, ...] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType, tuple, list, typing.Annotated):
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel]:
    model = root
    for part in loc:
        if isinstance(part, int):
            continue
        field = next((f for name, f in model.model_fields.items()
                      if (f.alias or name) == part), None)
        inner = _model_in(field.annotation) if field is not None else None
        if inner is None:
            break
        model = inner
    return model


def _keys(model: type[BaseModel]) -> list[str]:
    return list(written_fields(model))


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def _message(error: dict[str, Any], root: type[BaseModel]) -> tuple[str, bool]:
    """The message for one pydantic error, and whether it points at a key."""
    kind, loc, value = error["type"], error["loc"], error.get("input")
    field = loc[-1] if loc and isinstance(loc[-1], str) else None
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1])
        label = _LABELS.get(model.__name__, model.__name__)
        allowed = _keys(model)
        return (f"unknown key '{field}' in {label}{did_you_mean(str(field), allowed)}; "
                f"allowed keys: {', '.join(allowed)} (a field of your own: start its key with "
                f"x-, as in x-{field})"), True
    if kind == "missing":
        model = _model_at(root, loc[:-1])
        return f"{_LABELS.get(model.__name__, model.__name__)} needs `{field}`", False
    where = f"`{field}`" if field else "this item"
    if kind in ("string_type", "str_type"):
        return f"{where} must be text, not {_describe(value)}", False
    if kind == "string_pattern_mismatch":
        if field == "finding":
            return (f"'{value}' is not a finding ID: write RULE@element@... as shown in "
                    "the report, with * for any one segment"), False
        return (f"'{value}' is not a valid ID: an ID starts with a letter or digit and "
                "holds only letters, digits and . _ : -"), False
    if kind == "string_too_short":
        return f"{where} must not be empty", False
    if kind in ("tuple_type", "list_type"):
        hint = f": write [{value}]" if isinstance(value, str) else ""
        return f"{where} must be a list, not {_describe(value)}{hint}", False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        model = _model_at(root, loc)
        label = _LABELS.get(model.__name__, "this item")
        return (f"{label} must be a mapping of keys and values, not {_describe(value)}"
                if loc else
                f"the top level of a map must be a mapping of keys and values, "
                f"not {_describe(value)}"), False
    if kind == "too_short":
        return f"{where} must not be empty", False
    if kind == "literal_error":
        if field == "dataflow":
            return (f"unsupported format version {_describe(value)}; this version of "
                    "dataflow reads `dataflow: 1`"), False
        expected = error.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        return f"{where} is {_describe(value)}{hint}; expected one of: {', '.join(choices)}", False
    if kind in ("greater_than_equal", "greater_than"):
        return f"{where} must not be negative", False
    if kind.startswith("dataflow_") or kind == "value_error":
        return error["msg"].removeprefix("Value error, "), False
    return f"{where}: {error['msg']}", False


def problems_from(exc: ValidationError, document: Document, base: Path,
                  root: type[BaseModel] = MapFile) -> list[Problem]:
    """Located problems for a validation error of the value at ``base`` in ``document``."""
    errors = exc.errors()
    locs = [tuple(e["loc"]) for e in errors]
    unknown: dict[tuple[Any, ...], list[str]] = {}
    for error, loc in zip(errors, locs, strict=True):
        if error["type"] == "extra_forbidden":
            unknown.setdefault(loc[:-1], []).append(str(loc[-1]))
    problems = []
    for error, loc in zip(errors, locs, strict=True):
        if error["type"] == "too_short" and any(o != loc and o[:len(loc)] == loc for o in locs):
            continue  # a list emptied by its own invalid items: those errors say it
        if error["type"] == "missing" and did_you_mean(str(loc[-1]), unknown.get(loc[:-1], ())):
            continue  # the misspelled key's message already suggests this one
        message, at_key = _message(error, root)
        line, column = document.locate((*base, *loc), key=at_key)
        problems.append(Problem(document.file, line, column, message))
    return problems
