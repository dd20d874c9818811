"""DF101: a declared safeguard that has expired."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..transfers import safeguard_label
from .base import Analysis, rule
from .wording import owner_part, owner_words, safeguard_details


@rule("DF101", "safeguard-expired", Severity.WARNING)
def safeguard_expired(analysis: Analysis) -> Iterator[Finding]:
    """A declared safeguard whose ``expires`` date is on or before ``as_of``.

    An expired safeguard no longer counts for any transfer; renew it and update ``expires``,
    or replace it. One finding per expired safeguard, where it is declared (on a flow, a
    recipient or a collection point), whether or not a transfer relies on it today.

    PASS: ``scc`` expiring 2027-06-30, checked as of 2026-06-30. FAIL: the same checked as of
    2027-06-30.
    """
    for state in analysis.safeguards:
        if not state.expired:
            continue
        element, safeguard = state.element, state.safeguard
        expires = safeguard.expires.isoformat()  # type: ignore[union-attr]
        yield safeguard_expired.finding(
            analysis, element=element, parts=(owner_part(element), safeguard.mechanism, expires),
            within=state.place,
            message=(f"safeguard {safeguard_label(safeguard)} on {owner_words(element)} "
                     f"expired on {expires} (judged as of {analysis.as_of.isoformat()}) and no "
                     "longer counts"),
            remediation=("renew the safeguard and update `expires`, or replace it with another "
                         "mechanism the law recognises"),
            **safeguard_details(element, analysis.flowmap))  # type: ignore[arg-type]
