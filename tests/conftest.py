"""Shared helpers: small map files written into a temporary folder."""

from __future__ import annotations

import inspect
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

import dataflow

# Properties are about behaviour, not time: an example that takes a moment longer on a loaded
# machine fails nothing (hypothesis's default deadline is 200 ms an example). Timings belong in
# benchmarks/.
settings.register_profile("dataflow", deadline=None)
settings.load_profile("dataflow")


def cli_runner() -> CliRunner:
    """A runner that keeps standard error apart, on every click version the project allows."""
    if "mix_stderr" in inspect.signature(CliRunner).parameters:  # click < 8.2
        return CliRunner(mix_stderr=False)
    return CliRunner()


MINIMAL = """\
dataflow: 1
name: Shop
home: KR
categories:
  - {id: contact.email, name: E-mail}
processors:
  - id: web
    locations: [KR]
    collects:
      - categories: [contact.email]
  - id: crm
    locations: [KR]
flows:
  - {id: signup, from: web, to: crm, categories: [contact.email]}
"""


@pytest.fixture
def write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``write(name, text)`` puts a file in a temporary working folder and returns its name."""
    monkeypatch.chdir(tmp_path)

    def put(name: str, text: str | bytes) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return name

    return put


def problems(text: str, file: str = "m.yaml") -> list[tuple[int, int, str]]:
    """The (line, column, message) of every problem loading ``text``."""
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.loads(textwrap.dedent(text), file)
    for error in caught.value.errors:
        assert error.file == file
    return [(e.line, e.column, e.message) for e in caught.value.errors]
