"""The reference pages in docs/ are what the code generates."""

from __future__ import annotations

from pathlib import Path

import pytest

from dataflow.docs import PAGES

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_generated_page_is_current(name):
    committed = (DOCS / name).read_text(encoding="utf-8")
    assert committed == PAGES[name](), f"docs/{name} is stale: run `python -m dataflow.docs docs`"


def test_every_rule_and_key_is_documented():
    from dataflow.model import MapFile, written_fields
    from dataflow.rules import RULES

    assert all(rule.id in PAGES["rules.md"]() for rule in RULES.values())
    assert all(f"`{key}`" in PAGES["format.md"]() for key in written_fields(MapFile))
    assert "`x-`" in PAGES["format.md"]()
