"""The JSON Schema editors use: every field explained with an example, vocabularies listed,
a team's own x- keys allowed; and those keys kept by the library."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

import dataflow
from dataflow.schema import json_schema, json_schema_text
from tests.conftest import MINIMAL
from tests.test_rule_cases import CASES

SCHEMA = json_schema()


class _AsEditorsRead(yaml.SafeLoader):
    """YAML as an editor's language server types it: numbers and booleans, dates as text."""


_AsEditorsRead.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers
            if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _valid(text: str, schema: dict | None = None) -> bool:
    validator = jsonschema.Draft202012Validator(schema or SCHEMA)
    return validator.is_valid(yaml.load(text, Loader=_AsEditorsRead))


def _properties(schema: dict):
    for name, definition in [("the file", schema), *schema["$defs"].items()]:
        for key, prop in definition.get("properties", {}).items():
            yield name, key, prop


def test_every_property_has_a_description_and_an_example():
    missing = [(name, key) for name, key, prop in _properties(SCHEMA)
               if not prop.get("description") or not prop.get("examples")]
    assert missing == []
    assert len(list(_properties(SCHEMA))) > 100


def test_each_example_is_valid_for_its_property():
    for name, key, prop in _properties(SCHEMA):
        wrapper = {"$defs": SCHEMA["$defs"], **prop}
        for example in prop["examples"]:
            assert jsonschema.Draft202012Validator(wrapper).is_valid(example), (name, key)


@pytest.mark.parametrize(("before", "after"), [
    ("home: KR", "home: UK"),
    ("locations: [KR]\n    collects", "locations: [KOR]\n    collects"),
    ("  - id: crm\n", "  - id: crm\n    safeguards: [{mechanism: sccs}]\n"),
    ("  - id: crm\n", "  - id: crm\n    contract_terms: [security_measure]\n"),
    ("  - id: crm\n", "  - id: crm\n    role: owner\n"),
    ("  - id: crm\n", "  - id: crm\n    owner: alice\n"),
])
def test_editors_flag_what_the_check_refuses(before, after):
    assert _valid(MINIMAL)
    wrong = MINIMAL.replace(before, after, 1)
    assert wrong != MINIMAL
    assert not _valid(wrong)
    with pytest.raises(dataflow.MapError):
        dataflow.loads(wrong)


def test_vocabularies_say_what_each_value_means():
    defs = SCHEMA["$defs"]
    countries = {c["const"]: c["description"] for c in defs["vocabulary-country"]["oneOf"]}
    assert countries["KR"] == "South Korea"
    assert "UK" not in countries
    mechanisms = {c["const"]: c["description"] for c in defs["vocabulary-mechanism"]["oneOf"]}
    assert "GDPR (GDPR Art. 46(2)(c)" in mechanisms["scc"]
    kinds = {c["const"]: c["description"] for c in defs["vocabulary-kind"]["oneOf"]}
    assert kinds["health"].startswith("sensitive under ")
    terms = {c["const"] for c in defs["vocabulary-contract_term"]["oneOf"]}
    assert {"security_measures", "grievance_handling", "dispute_resolution"} <= terms


def test_a_map_with_laws_of_its_own_gets_a_schema_that_knows_them():
    text = (CASES / "DF108.yaml").read_text(encoding="utf-8")  # TESTLAW with scc_old
    assert not _valid(text)  # the shipped schema knows only built-in laws
    own = json.loads(json_schema_text(dataflow.loads(text)))
    assert _valid(text, own)


def test_own_keys_are_allowed_kept_and_written_back():
    text = MINIMAL.replace("name: Shop\n", "name: Shop\nx-owner: privacy team\n").replace(
        "  - id: crm\n", "  - id: crm\n    x-ticket: PRIV-1\n    x-meta: {tags: [a, b]}\n")
    assert _valid(text)
    flowmap = dataflow.loads(text)
    assert flowmap.processors["crm"].extension_items() == [("x-ticket", "PRIV-1"),
                                                          ("x-meta", {"tags": ["a", "b"]})]
    assert dict(flowmap.extensions) == {"x-owner": '"privacy team"'}
    again = dataflow.loads(flowmap.dump())
    assert again == flowmap
    assert "x-ticket" in again.dump()
    dataflow.check(flowmap)  # never checked: no finding, no error about them


def test_an_unknown_key_is_an_error_that_points_to_x_keys():
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.loads(MINIMAL.replace("  - id: crm\n", "  - id: crm\n    owner: alice\n"))
    assert "(a field of your own: start its key with x-, as in x-owner)" in str(caught.value)


def test_the_report_shows_own_fields(tmp_path):
    text = MINIMAL.replace("  - id: crm\n", "  - id: crm\n    x-ticket: PRIV-1\n")
    report = dataflow.check(dataflow.loads(text))
    dataflow.write_report(report, str(tmp_path / "r.md"))
    assert "- **x-ticket:** PRIV-1" in (tmp_path / "r.md").read_text(encoding="utf-8")
