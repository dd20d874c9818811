"""The reference pages in docs/ are what the code generates."""

from __future__ import annotations

from pathlib import Path

import pytest

from dataflow.docs import PAGES
from dataflow.docs.executed import executed_pages

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
EXECUTED = executed_pages(ROOT)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_generated_page_is_current(name):
    committed = (DOCS / name).read_text(encoding="utf-8")
    assert committed == PAGES[name](), f"docs/{name} is stale: run `python -m dataflow.docs docs`"


@pytest.mark.parametrize("name", sorted(EXECUTED))
def test_executed_page_is_current(name):
    """The pages whose commands are run show what the commands print today."""
    committed = (DOCS / name).read_text(encoding="utf-8")
    assert committed == EXECUTED[name](), f"docs/{name} is stale: run `python -m dataflow.docs docs`"


def test_the_tutorial_is_executed():
    assert "tutorial.md" in EXECUTED
    page = EXECUTED["tutorial.md"]()
    assert "```run" not in page
    assert "[exit code 1]" in page  # the check of step 2 fails, as a CI job would


def test_every_rule_and_key_is_documented():
    from dataflow.model import MapFile, written_fields
    from dataflow.rules import RULES

    assert all(rule.id in PAGES["rules.md"]() for rule in RULES.values())
    assert all(f"`{key}`" in PAGES["format.md"]() for key in written_fields(MapFile))
    assert "`x-`" in PAGES["format.md"]()
