"""The readers against the official YAML test suite (tests/yaml-test-suite, MIT licence).

Every case either reads as the data of its ``in.json`` (scalars as the text written, which
YAML 1.2's core schema would resolve to the JSON value), or is refused with a located error;
a case marked ``error`` is always refused. Cases whose ``in.json`` holds several documents or
none are skipped, as a map file is one document: their number is asserted below, so a change
in the suite shows.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from dataflow import MapError
from dataflow.reading import Limits, fast, read_yaml, reference

SUITE = Path(__file__).parent / "yaml-test-suite"
SKIPPED_MULTI_DOCUMENT = 52


def _cases() -> list[Path]:
    found = []
    for folder in sorted(p for p in SUITE.iterdir() if p.is_dir()):
        subcases = sorted(p for p in folder.iterdir() if p.is_dir())
        found += [c for c in (subcases or [folder]) if (c / "in.yaml").exists()]
    return found


def _documents(text: str) -> list[object]:
    decoder, index, found = json.JSONDecoder(), 0, []
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index >= len(text):
            return found
        value, index = decoder.raw_decode(text, index)
        found.append(value)


CASES = _cases()
INVALID = [c for c in CASES if (c / "error").exists()]
VALID = [c for c in CASES if not (c / "error").exists() and (c / "in.json").exists()
         and len(_documents((c / "in.json").read_text(encoding="utf-8"))) == 1]

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def _core(text: str) -> object:
    """What YAML 1.2's core schema makes of a plain scalar."""
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(text):
        return int(text)
    if re.fullmatch(r"0o[0-7]+", text):
        return int(text[2:], 8)
    if re.fullmatch(r"0x[0-9a-fA-F]+", text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    if text.lstrip("+") in (".inf", ".Inf", ".INF"):
        return math.inf
    if text in ("-.inf", "-.Inf", "-.INF"):
        return -math.inf
    return text


def _same(ours: object, expected: object) -> bool:
    if isinstance(expected, dict):
        return (isinstance(ours, dict) and ours.keys() == expected.keys()
                and all(_same(ours[k], v) for k, v in expected.items()))
    if isinstance(expected, list):
        return (isinstance(ours, list) and len(ours) == len(expected)
                and all(_same(a, b) for a, b in zip(ours, expected, strict=True)))
    if expected is None or isinstance(expected, str):
        return ours == expected
    if not isinstance(ours, str):
        return False
    value = _core(ours)
    if isinstance(expected, bool) or isinstance(value, bool):
        return value is expected
    return value == expected


def _name(case: Path) -> str:
    return str(case.relative_to(SUITE))


def test_the_suite_is_all_there():
    assert len(CASES) == 402
    assert len(CASES) - len(INVALID) - len(VALID) == SKIPPED_MULTI_DOCUMENT


def _located(caught: pytest.ExceptionInfo[MapError]) -> None:
    for error in caught.value.errors:
        assert error.line >= 1
        assert error.column >= 1
        assert error.message


@pytest.mark.parametrize("case", INVALID, ids=_name)
def test_invalid_yaml_is_refused_with_a_located_error(case):
    raw = (case / "in.yaml").read_bytes()
    with pytest.raises(MapError) as caught:
        read_yaml(raw, "f")
    _located(caught)
    with pytest.raises(MapError):
        reference.read(raw.decode("utf-8", "replace"), raw, "f", Limits())


@pytest.mark.parametrize("case", VALID, ids=_name)
def test_valid_yaml_reads_as_the_specification_says_or_is_refused(case):
    raw = (case / "in.yaml").read_bytes()
    (expected,) = _documents((case / "in.json").read_text(encoding="utf-8"))
    for read in (lambda: read_yaml(raw, "f"),
                 lambda: reference.read(raw.decode("utf-8"), raw, "f", Limits())):
        refused: list = []
        try:
            document = read()
        except MapError as exc:
            refused = exc.errors
        if refused:
            assert all(e.line >= 1 and e.column >= 1 for e in refused)
            continue
        assert _same(document.data, expected), (document.data, expected)
    try:
        document = fast.read(raw, "f", Limits())
    except fast.Unsupported:
        return
    assert _same(document.data, expected), (document.data, expected)
