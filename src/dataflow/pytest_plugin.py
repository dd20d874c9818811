"""The pytest plugin, installed with the package: a ``dataflow_map`` fixture.

``dataflow_map(*paths)`` loads and checks a map and returns its report; an invalid map
fails the test with its located errors. With ``assert_map_passes`` (``dataflow.testing``)
a test fails on findings, each listed with its place and remedy.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .findings import Report
from .testing import MapCheckFailedError, findings_of


@pytest.fixture
def dataflow_map() -> Callable[..., Report]:
    """Load and check a map: ``report = dataflow_map("privacy/map.yaml")``."""

    def run(*paths: str, **options: object) -> Report:
        try:
            return findings_of(*paths, **options)  # type: ignore[arg-type]
        except MapCheckFailedError as exc:
            pytest.fail(str(exc), pytrace=False)

    return run
