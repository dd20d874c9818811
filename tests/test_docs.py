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


def _source(tmp_path, text: str) -> Path:
    (tmp_path / "docs" / "_sources").mkdir(parents=True)
    (tmp_path / "docs" / "_sources" / "page.md").write_text(text, encoding="utf-8")
    (tmp_path / "map.yaml").write_text(
        "dataflow: 1\nname: Tiny\nhome: KR\nas_of: 2026-06-30\ncategories: [{id: a}]\n"
        "processors: [{id: p, locations: [KR], collects: [{categories: [a]}]}]\n",
        encoding="utf-8")
    return tmp_path


def test_a_page_shows_what_its_commands_wrote_today_and_writes_nothing_in_the_repository(
        tmp_path):
    root = _source(tmp_path, "```run\ndataflow schema map.yaml --output=out/schema.json\n```\n"
                             "```show out/schema.json\n```\n")
    page = executed_pages(root)["page.md"]()
    assert '```json title="out/schema.json"' in page
    assert '"title": "dataflow map"' in page  # read from where the command wrote it
    assert not (root / "out").exists()


def test_a_page_shows_files_of_the_repository_only(tmp_path):
    root = _source(tmp_path, "```show ../outside.yaml\n```\n")
    (tmp_path.parent / "outside.yaml").write_text("secret: 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="files of the repository only"):
        executed_pages(root)["page.md"]()
