"""The bundled examples load, match the JSON Schema, and check deterministically."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import dataflow
from dataflow.reading import read_yaml
from dataflow.schema import json_schema

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted([*ROOT.glob("examples/*.yaml"), ROOT / "examples" / "eu-saas"])
FILES = sorted(ROOT.glob("examples/**/*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_loads_and_checks(path):
    fm = dataflow.load(path)
    assert len(fm.processors) >= 2
    assert fm.flows
    report = dataflow.check(fm)
    assert json.dumps(report.to_dict()) == json.dumps(dataflow.check(dataflow.load(path)).to_dict())


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_example_files_declare_the_schema_and_match_it(path):
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema_path = (path.parent / first.split("=", 1)[1]).resolve()
    assert schema_path == ROOT / "schemas" / "dataflow.schema.json"
    model = dataflow.MapFile.model_validate(read_yaml(path.read_bytes(), str(path)).data)
    # what an editor sees: YAML 1.2 types (numbers, booleans), dates as text
    instance = model.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    instance["dataflow"] = 1
    jsonschema.validate(instance, json_schema())
