"""Data kept between runs: used only under its own key, written whole, never where Python
writes no bytecode."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from dataflow.kept import kept, key_of
from tests.test_cli_startup import _modules_after

parts = st.lists(st.binary(max_size=6), max_size=4)


@given(parts, parts)
def test_other_parts_give_another_key(a, b):
    assert (key_of(a) == key_of(b)) == (a == b)


def test_where_a_part_ends_is_part_of_the_key():
    assert key_of([b"ab", b"c"]) != key_of([b"a", b"bc"])
    assert key_of([b"a", b""]) != key_of([b"a"])


def test_made_once_then_read(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    path = tmp_path / "__pycache__" / "x.json"
    made = []

    def make():
        made.append(1)
        return {"a": [1, "b"]}

    assert kept(path, "k", make) == {"a": [1, "b"]}
    assert kept(path, "k", make) == {"a": [1, "b"]}
    assert made == [1]
    assert kept(path, "other", make) == {"a": [1, "b"]}
    assert made == [1, 1]
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == "other"
    assert not [p for p in path.parent.iterdir() if p != path]  # no temporary file left


def test_no_key_means_made_and_not_kept(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    path = tmp_path / "x.json"
    assert kept(path, None, lambda: [1]) == [1]
    assert not path.exists()


def test_a_folder_that_cannot_be_written_leaves_the_data_made(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    path = blocker / "__pycache__" / "x.json"  # its folder would be inside a file
    assert kept(path, "k", lambda: [2]) == [2]
    assert not path.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["a file"]


def test_package_files_are_read_without_importing_the_package():
    modules = _modules_after(
        "from dataflow.kept import package_files\n"
        "found = package_files('yaml', ['__init__.py'])\n"
        "assert found and b'__version__' in found[0], found\n"
        "assert package_files('yaml', ['no such file']) is None\n"
        "assert package_files('no_such_package_here', ['x']) is None\n"
        "assert package_files('json.decoder', ['x']) is None  # a module, no folder\n")
    assert "yaml" not in modules
