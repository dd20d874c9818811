"""DF108: a transfer whose adequacy decision or mechanism ends soon."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..countries import place_name
from ..findings import Finding, Severity
from ..transfers import adequacy_term
from .base import Analysis, rule
from .wording import about_transfer


@rule("DF108", "transfer-basis-ending", Severity.WARNING)
def transfer_basis_ending(analysis: Analysis) -> Iterator[Finding]:
    """A transfer that relies on an adequacy decision or a mechanism that stops counting
    within the warning window after ``as_of`` (``--warn-expiring``, 30 days unless set): the
    day after its ``until`` in the jurisdiction's pack falls within the window.

    The transfer is lawful today and unsafeguarded from the day after (DF100): prepare
    another basis. One finding per (flow, jurisdiction, destination).

    PASS: a transfer under a decision that ends in five years. FAIL: a transfer under a
    decision, or on a mechanism, that ends within 30 days.
    """
    until = analysis.warned_until

    def soon(end: date | None) -> bool:
        # `until` is the last day it counts: it lapses the day after, which must fall in
        # the window (as an expiry date does for DF107)
        return end is not None and analysis.as_of <= end < until

    for verdict in analysis.verdicts:
        jurisdiction = verdict.jurisdiction
        law = jurisdiction.law or jurisdiction.id
        ending: list[tuple[str, date, str]] = []  # what, when, its reference
        if verdict.transfer.status == "adequate" and verdict.adequacy is not None:
            decision = verdict.adequacy
            if soon(decision.until):
                ending.append((f"the {adequacy_term(jurisdiction)} for "
                               f"{place_name(decision.destination)} ({decision.source})",
                               decision.until, decision.reference or law))  # type: ignore[arg-type]
        elif verdict.transfer.status == "safeguarded":
            for used in verdict.used:
                name = used.safeguard.mechanism
                mechanism = next((m for m in jurisdiction.mechanisms if m.mechanism == name
                                  and (m.since is None or m.since <= analysis.as_of)
                                  and (m.until is None or analysis.as_of <= m.until)), None)
                if mechanism is not None and soon(mechanism.until):
                    ending.append((f"{used.label} (as {law} recognises it)",
                                   mechanism.until, mechanism.reference))  # type: ignore[arg-type]
        if not ending:
            continue
        transfer = verdict.transfer
        said = "; ".join(f"{what} counts until {end.isoformat()}" for what, end, _ in ending)
        yield about_transfer(
            transfer_basis_ending, analysis, verdict,
            f"transfer '{transfer.flow}' to {place_name(transfer.destination)} under {law} "
            f"relies on what ends within {analysis.expiring_within} days of "
            f"{analysis.as_of.isoformat()}: {said}",
            "prepare another basis before then: a mechanism the law recognises after that "
            "date, declared under the flow's `safeguards` (`dataflow jurisdictions` lists "
            "them), or stop the transfer",
            tuple(dict.fromkeys(reference for *_, reference in ending)))
