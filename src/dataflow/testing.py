"""Helpers for the tests of platform codebases: fail with the findings, not a traceback.

>>> from dataflow.testing import assert_map_passes
>>> def test_privacy_map():                                 # doctest: +SKIP
...     assert_map_passes("privacy/")                       # no finding at or above error
"""

from __future__ import annotations

import os
from datetime import date

from .check import check
from .errors import MapError
from .findings import Finding, Report, Severity
from .loader import load

__all__ = ["FAIL_ON", "MapCheckFailedError", "assert_map_passes", "findings_of"]

#: The thresholds a test may fail on, as ``dataflow check --fail-on`` takes them.
FAIL_ON = ("error", "warning", "info", "never")


class MapCheckFailedError(AssertionError):
    """A map has findings at or above the threshold; the message lists them, located."""


def findings_of(*paths: str | os.PathLike[str], as_of: date | None = None) -> Report:
    """Load and check a map; a :class:`MapError` becomes a readable assertion failure."""
    try:
        return check(load(*paths), as_of=as_of)
    except MapError as exc:  # invalid, or a waiver naming a rule that does not exist
        raise MapCheckFailedError("the map is invalid:\n" + str(exc)) from None


def assert_map_passes(*paths: str | os.PathLike[str], fail_on: str | Severity = "error",
                      as_of: date | None = None) -> Report:
    """Check a map and fail the test if any finding is at or above ``fail_on`` (``error``,
    ``warning``, ``info``, or ``never``: only the report is returned)."""
    if str(fail_on) not in FAIL_ON:
        raise ValueError(f"fail_on={fail_on!r}: one of {', '.join(FAIL_ON)}")
    report = findings_of(*paths, as_of=as_of)
    failing = report.failing(str(fail_on))
    if failing:
        raise MapCheckFailedError(f"{len(failing)} finding(s) at or above {fail_on}:\n"
                             + "\n".join(_line(f) for f in failing))
    return report


def _line(f: Finding) -> str:
    law = f"\n  law: {'; '.join(f.references)}" if f.references else ""
    return (f"{f.file}:{f.line}:{f.column}: {f.severity.value} {f.rule} {f.message} "
            f"[{f.id}]{law}\n  fix: {f.remediation}")
