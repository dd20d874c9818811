"""DF901: a waiver whose date has passed."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from .base import Analysis, rule
from .waivers import active, named, place


@rule("DF901", "waiver-expired", Severity.WARNING, last=True)
def waiver_expired(analysis: Analysis) -> Iterator[Finding]:
    """A waiver whose ``expires`` date has passed: the findings it waived count again.

    Fix what was waived, or renew the waiver with a new date and reason.
    """
    for index, waiver in enumerate(analysis.flowmap.waivers):
        if active(waiver, analysis):
            continue
        what = waiver.finding or f"rule {waiver.rule} on {waiver.flow or waiver.processor}"
        yield waiver_expired.finding(
            analysis, element=place(index), parts=named(waiver),
            message=(f"the waiver of {what} expired on {waiver.expires.isoformat()} "  # type: ignore[union-attr]
                     f"(reason was: {waiver.reason})"),
            remediation="fix what it waived, or renew the waiver with a new `expires` date")
