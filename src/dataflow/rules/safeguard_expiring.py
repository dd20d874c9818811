"""DF107: a declared safeguard that expires soon."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..transfers import safeguard_label
from .base import Analysis, rule
from .wording import owner_part, owner_words, safeguard_details


@rule("DF107", "safeguard-expiring", Severity.WARNING)
def safeguard_expiring(analysis: Analysis) -> Iterator[Finding]:
    """A declared safeguard whose ``expires`` date falls within the warning window after
    ``as_of`` (``--warn-expiring``, 30 days unless set).

    It still counts today; from that date the transfers it covers are unsafeguarded (DF101
    and DF100). One finding per safeguard, where it is declared.

    PASS: ``scc`` expiring 2026-12-31, checked as of 2026-06-30. FAIL: ``scc`` expiring
    2026-07-15, checked as of 2026-06-30.
    """
    until = analysis.warned_until
    for state in analysis.safeguards:
        expires = state.safeguard.expires
        if state.expired or expires is None or expires > until:
            continue
        safeguard, element = state.safeguard, state.element
        days = (expires - analysis.as_of).days
        yield safeguard_expiring.finding(
            analysis, element=element,
            parts=(owner_part(element), safeguard.mechanism, expires.isoformat()),
            within=state.place,
            message=(f"safeguard {safeguard_label(safeguard)} on {owner_words(element)} "
                     f"expires on {expires.isoformat()}, {days} day{'s' * (days != 1)} after "
                     f"{analysis.as_of.isoformat()}: from then on it no longer counts"),
            remediation=("renew the safeguard before it expires and update `expires`, or "
                         "replace it with another mechanism the law recognises"),
            **safeguard_details(element, analysis.flowmap))  # type: ignore[arg-type]
