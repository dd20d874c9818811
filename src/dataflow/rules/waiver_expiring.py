"""DF902: a waiver that expires soon."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from .base import Analysis, rule
from .waivers import active, named, place


@rule("DF902", "waiver-expiring", Severity.WARNING)
def waiver_expiring(analysis: Analysis) -> Iterator[Finding]:
    """A waiver whose ``expires`` date falls within the warning window after ``as_of``
    (``--warn-expiring``, 30 days unless set): the findings it waives will count again.

    PASS: a waiver until 2026-12-31, checked as of 2026-06-30. FAIL: a waiver until
    2026-07-15, checked as of 2026-06-30.
    """
    until = analysis.warned_until
    for index, waiver in enumerate(analysis.flowmap.waivers):
        if waiver.expires is None or not active(waiver, analysis) or waiver.expires > until:
            continue
        what = waiver.finding or f"rule {waiver.rule} on {waiver.flow or waiver.processor}"
        days = (waiver.expires - analysis.as_of).days
        yield waiver_expiring.finding(
            analysis, element=place(index), parts=named(waiver),
            message=(f"the waiver of {what} expires on {waiver.expires.isoformat()}, {days} "
                     f"day{'s' * (days != 1)} after {analysis.as_of.isoformat()} (reason: "
                     f"{waiver.reason}); the findings it waives will count again"),
            remediation=("fix what it waives before then, or renew the waiver with a new "
                         "`expires` date and reason"))
