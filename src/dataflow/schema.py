"""The JSON Schema of the map file, generated from the models, for editors to complete and
check map files.

Every field has a description and an example. The values of a few fields come from a fixed
vocabulary, listed in the schema with what each means, so that an editor completes them and
flags ``home: UK``, ``locations: [KOR]`` or ``mechanism: sccs``: ISO 3166-1 country codes
with their names, locations (a country, a built-in jurisdiction such as EU, or ``unknown``),
mechanisms with the laws that recognise them, category kinds with the laws that treat them as
sensitive, contract terms with the laws that require them, and jurisdiction IDs. A map that
declares jurisdictions of its own gets a schema that knows them too: ``dataflow schema
PATH``. Keys starting with ``x-`` are allowed on every element (a team's own fields).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .countries import country_codes, country_name
from .jurisdictions import builtin_jurisdictions
from .model import KINDS, MECHANISMS, UNKNOWN, Jurisdiction, MapFile

if TYPE_CHECKING:
    from .flowmap import FlowMap

__all__ = ["json_schema", "json_schema_text", "vocabularies"]


def _choices(described: dict[str, str]) -> dict[str, Any]:
    return {"oneOf": [{"const": value, "description": words}
                      for value, words in sorted(described.items())]}


def vocabularies(jurisdictions: Iterable[Jurisdiction]) -> dict[str, dict[str, Any]]:
    """The vocabulary of each marked field, from the jurisdictions a map may use."""
    laws = list(jurisdictions)
    mechanisms: dict[str, list[str]] = defaultdict(list)
    kinds: dict[str, list[str]] = defaultdict(list)
    terms: dict[str, list[str]] = defaultdict(list)
    for law in laws:
        name = law.law or law.id
        for mechanism in law.mechanisms:
            mechanisms[mechanism.mechanism].append(f"{name} ({mechanism.reference})")
        for kind in law.kinds:
            if kind.sensitive:
                kinds[kind.kind].append(name + (f" ({kind.reference})" if kind.reference
                                                else ""))
        if law.recipient_terms is not None:
            for item in law.recipient_terms.items:
                terms[item].append(f"{name} ({law.recipient_terms.reference})")
    for name in MECHANISMS:
        mechanisms.setdefault(name, [])
    for name in KINDS:
        kinds.setdefault(name, [])

    def recognised(found: list[str]) -> str:
        return "recognised by " + "; ".join(dict.fromkeys(found)) if found else \
            "recognised by no built-in law (a map's own jurisdiction may)"

    def sensitive(found: list[str]) -> str:
        return "sensitive under " + "; ".join(dict.fromkeys(found)) if found else \
            "sensitive under no built-in law unless marked `sensitive`"

    places = {law.id: f"{law.name or law.id}" + (f" ({law.law})" if law.law else "")
              for law in laws if law.id not in country_codes()}
    places[UNKNOWN] = "the recipient's countries are not known (a transfer is assumed)"
    return {
        "country": _choices({c: country_name(c) for c in country_codes()}),
        "location": {"anyOf": [{"$ref": "#/$defs/vocabulary-country"}, _choices(places)]},
        "jurisdiction": _choices({law.id: f"{law.name or law.id}" + (
            f" ({law.law})" if law.law else "") for law in laws}),
        "mechanism": _choices({m: recognised(found) for m, found in mechanisms.items()}),
        "kind": _choices({k: sensitive(found) for k, found in kinds.items()}),
        "contract_term": _choices({t: "required by " + "; ".join(dict.fromkeys(found))
                                   for t, found in terms.items()}),
    }


def _linked(node: Any) -> Any:
    """The schema with each marked field pointing at its vocabulary."""
    if isinstance(node, list):
        return [_linked(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "x-vocabulary" in node:
        kept = {k: v for k, v in node.items() if k in ("description", "examples", "title")}
        return {"$ref": f"#/$defs/vocabulary-{node['x-vocabulary']}", **kept}
    return {key: _linked(value) for key, value in node.items()}


def json_schema(flowmap: FlowMap | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of map files; with ``flowmap``, one that also knows
    the jurisdictions, mechanisms, kinds and contract terms that map declares."""
    schema = _linked(MapFile.model_json_schema(by_alias=True, mode="validation"))
    laws = {**builtin_jurisdictions(), **(dict(flowmap.jurisdictions) if flowmap else {})}
    for name, vocabulary in vocabularies(laws.values()).items():
        schema["$defs"][f"vocabulary-{name}"] = vocabulary
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def json_schema_text(flowmap: FlowMap | None = None) -> str:
    """:func:`json_schema` as the text of ``schemas/dataflow.schema.json``."""
    return json.dumps(json_schema(flowmap), indent=2, ensure_ascii=False) + "\n"
