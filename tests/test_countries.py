"""Country codes and names: what pycountry says, kept between runs without importing it."""

from __future__ import annotations

import json
import warnings

import pycountry
import pytest

from dataflow import countries


def _from_pycountry() -> dict[str, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {c.alpha_2: getattr(c, "common_name", None) or c.name
                for c in pycountry.countries}


@pytest.fixture
def kept_in(tmp_path, monkeypatch):
    """The names kept in a temporary folder, written as Python writes bytecode, and worked
    out afresh by each call of the module's functions."""
    path = tmp_path / "__pycache__" / "countries.json"
    monkeypatch.setattr(countries, "CACHE", path)
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    for cached in (countries._names, countries.country_codes, countries.place_name):
        cached.cache_clear()
    yield path
    for cached in (countries._names, countries.country_codes, countries.place_name):
        cached.cache_clear()


def test_codes_and_names_are_pycountrys():
    names = _from_pycountry()
    assert countries.country_codes() == frozenset(names)
    assert all(countries.country_name(code) == name for code, name in names.items())
    assert countries.country_name("KR") == "South Korea"  # the common name, not the official
    assert countries.country_name("XX") == "XX"
    assert countries.place_name("CN") == "China (CN)"
    assert countries.place_name("EU") == "EU"
    assert countries.place_name("unknown") == "an unknown country"


def test_the_names_are_kept_and_then_read_without_pycountry(kept_in, monkeypatch):
    assert countries.country_codes() == frozenset(_from_pycountry())
    assert json.loads(kept_in.read_text(encoding="utf-8"))["data"] == _from_pycountry()

    def never():
        raise AssertionError("pycountry asked again although its files are unchanged")

    monkeypatch.setattr(countries, "_read_names", never)
    countries._names.cache_clear()
    countries.country_codes.cache_clear()
    assert countries.country_codes() == frozenset(_from_pycountry())
    assert countries.country_name("JP") == "Japan"


def test_names_kept_for_other_files_are_never_used(kept_in, monkeypatch):
    countries.country_codes()
    kept = json.loads(kept_in.read_text(encoding="utf-8"))
    kept_in.write_text(json.dumps({"key": kept["key"], "data": {"KR": "STALE"}}),
                       encoding="utf-8")
    countries._names.cache_clear()
    assert countries.country_name("KR") == "STALE"  # the key is all that is compared
    monkeypatch.setattr(countries, "_SOURCES", (*countries._SOURCES, "db.py"))
    countries._names.cache_clear()
    assert countries.country_name("KR") == "South Korea"
    assert json.loads(kept_in.read_text(encoding="utf-8"))["key"] != kept["key"]


def test_without_pycountrys_files_the_names_are_asked_each_time(kept_in, monkeypatch):
    monkeypatch.setattr(countries, "_SOURCES", ("no such file.json",))
    assert countries.country_name("KR") == "South Korea"
    monkeypatch.setattr("dataflow.kept.find_spec", lambda name: None)
    countries._names.cache_clear()
    assert countries.country_name("KR") == "South Korea"
    assert not kept_in.exists()


@pytest.mark.parametrize(("code", "advice"), [
    ("kr", "write 'KR'"),
    ("UK", "the code of United Kingdom is 'GB'"),
    ("KOR", "did you mean 'KR'?"),
    ("Japan", "did you mean 'JP'?"),
])
def test_a_code_that_is_not_one_is_explained(code, advice):
    assert advice in countries.country_problem(code)
    assert countries.country_problem("KR") is None
