"""Every case of the bad-input catalogue: exit 2, located message, no traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dataflow.cli import main
from tests.catalogue import CASES, page
from tests.conftest import cli_runner

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_is_a_located_error(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, data in case.files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data() if callable(data) else data)
    for link, target in case.links.items():
        os.symlink(tmp_path / target, tmp_path / link)
    result = cli_runner().invoke(main, ["check", *case.paths])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("{}:{}:{}: error: ".format(*case.where)), first
    assert case.says in first, first


def test_catalogue_page_is_current():
    assert (DOCS / "bad-input.md").read_text(encoding="utf-8") == page(), \
        "run `python -m tests.catalogue docs`"
