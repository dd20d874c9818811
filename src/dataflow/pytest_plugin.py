"""The pytest plugin, installed with the package.

- ``pytest --dataflow privacy/`` (repeatable), or ``dataflow_paths = privacy/`` in the pytest
  configuration, adds one test per map: it fails listing each finding at or above
  ``--dataflow-fail-on`` (ini ``dataflow_fail_on``; default ``error``), located, with its law
  and its fix; an invalid map fails with its located errors.
- The ``dataflow_map`` fixture loads and checks a map in a test of its own:
  ``report = dataflow_map("privacy/", fail_on="warning")`` fails the test on findings at or
  above ``fail_on`` (``never`` only returns the report).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from .findings import Report
from .testing import FAIL_ON, MapCheckFailedError, assert_map_passes

__all__ = ["MapItem", "dataflow_map"]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("dataflow", "checking personal-data maps")
    group.addoption("--dataflow", action="append", default=[], metavar="PATH",
                    help="check the map in PATH (a file or folder) as a test (repeatable)")
    group.addoption("--dataflow-fail-on", choices=FAIL_ON, default=None,
                    help="fail a map's test on findings at or above this severity "
                         "(default: the ini option dataflow_fail_on, else error)")
    parser.addini("dataflow_paths", type="paths", default=[],
                  help="maps (files or folders) to check as tests, one per line")
    parser.addini("dataflow_fail_on", default="error",
                  help="fail a map's test on findings at or above this severity")


def _maps(config: pytest.Config) -> list[str]:
    given = [os.path.abspath(p) for p in config.getoption("dataflow")]
    listed = [str(p) for p in config.getini("dataflow_paths")]
    return list(dict.fromkeys((*given, *listed)))


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    """Add one test per map given on the command line or in the configuration."""
    paths = _maps(config)
    if not paths:
        return
    fail_on = config.getoption("dataflow_fail_on") or config.getini("dataflow_fail_on")
    if fail_on not in FAIL_ON:
        raise pytest.UsageError(f"dataflow_fail_on = {fail_on!r}: one of {', '.join(FAIL_ON)}")
    collector = MapCollector.from_parent(session, name="dataflow")
    root = Path(str(config.rootpath))
    for path in paths:
        shown = os.path.relpath(path, root) if Path(path).is_relative_to(root) else path
        items.append(MapItem.from_parent(collector, name=shown, path_given=path,
                                         fail_on=fail_on))


class MapCollector(pytest.Collector):
    """The node that holds the maps' tests (they are added after collection)."""

    def collect(self) -> Iterable[pytest.Item]:
        return []


class MapItem(pytest.Item):
    """One map, checked as a test."""

    def __init__(self, *, path_given: str, fail_on: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.path_given = path_given
        self.fail_on = fail_on

    def runtest(self) -> None:
        assert_map_passes(self.path_given, fail_on=self.fail_on)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        if isinstance(excinfo.value, MapCheckFailedError):
            return str(excinfo.value)  # the findings are the message: no traceback
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[str, int | None, str]:
        return self.path_given, None, f"dataflow check {self.name}"


@pytest.fixture
def dataflow_map() -> Callable[..., Report]:
    """Load and check a map: ``report = dataflow_map("privacy/map.yaml")``; the test fails on
    findings at or above ``fail_on`` (default ``error``; ``never`` returns the report only),
    and on an invalid map, with the findings or errors located."""

    def run(*paths: str | os.PathLike[str], fail_on: str = "error",
            as_of: date | None = None) -> Report:
        try:
            return assert_map_passes(*paths, fail_on=fail_on, as_of=as_of)
        except MapCheckFailedError as exc:
            pytest.fail(str(exc), pytrace=False)

    return run
