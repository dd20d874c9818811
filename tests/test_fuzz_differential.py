"""A short run of the readers' differential fuzzing (tests/fuzz/differential.py)."""

from __future__ import annotations

from tests.fuzz import differential


def test_the_readers_never_disagree_on_generated_snippets():
    found = differential.run(400)
    assert found == [], found[:3]
    # the run compares the readers for real: some texts both read, some rapidyaml misreads
    assert differential.COUNTS["agreed"] > 0
    assert differential.COUNTS["caught"] > 0
