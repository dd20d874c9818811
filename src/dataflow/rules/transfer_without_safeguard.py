"""DF100: an international transfer without a safeguard its law recognises."""

from __future__ import annotations

from collections.abc import Iterator

from ..countries import place_name
from ..findings import Finding, Severity
from ..model import UNKNOWN, Jurisdiction, Requirement
from ..transfers import Verdict
from .base import Analysis, rule
from .wording import about_transfer, route, ways_to_comply


@rule("DF100", "transfer-without-safeguard", Severity.ERROR)
def transfer_without_safeguard(analysis: Analysis) -> Iterator[Finding]:
    """An international transfer that no adequacy decision covers nor recognised safeguard protects.

    One finding per (flow, jurisdiction, destination). The data on a flow is subject to the
    law where the sender is located and to the law of the data subjects it was collected
    from, along every path (an onward transfer of Korean customers' data from Singapore to
    China is still judged under PIPA). The transfer is safeguarded when the destination is
    adequate for that law at ``as_of`` (with any certification the decision requires), or when
    unexpired safeguards on the flow or on the recipient meet every requirement of that law:
    a recognised mechanism that covers the recipient's role, plus what the law adds for
    sensitive categories or by volume.

    PASS: ``orders`` KR -> JP under PIPA with ``consent`` for KR. FAIL: the same flow with no
    safeguard, or with ``contract_necessity`` to a third party (it covers entrusted processing
    and storage only).
    """
    memo: dict[tuple, str] = {}
    words = analysis.words
    for verdict in analysis.verdicts:
        transfer = verdict.transfer
        if transfer.status != "missing" or transfer.destination == UNKNOWN:
            continue  # an unknown destination is DF103's: a transfer that cannot be ruled out
        yield about_transfer(
            transfer_without_safeguard, analysis, verdict,
            _missing_message(verdict, analysis) if words else "",
            ways_to_comply(verdict.jurisdiction, verdict, memo, analysis.as_of) if words else "",
            _unmet(verdict.unmet, analysis)[1])


def _missing_message(verdict: Verdict, analysis: Analysis) -> str:
    """Why a transfer is not safeguarded: every decision and safeguard considered, what is
    not met, and what the verdict takes for granted because the map does not say it."""
    transfer, jurisdiction = verdict.transfer, verdict.jurisdiction
    law = jurisdiction.law or jurisdiction.id
    kind = "an onward transfer" if transfer.onward else "a transfer"
    why = "; ".join(verdict.reasons)
    unmet = _unmet(verdict.unmet, analysis)[0]
    message = (f"{route(verdict, analysis)}: {kind} under {law} to "
               f"{place_name(transfer.destination)} without a safeguard: {why}; "
               f"not met: {unmet}")
    if verdict.volume_basis and _counts_volume(jurisdiction, analysis):
        message += f"; volume: {verdict.volume_basis}"
    if verdict.assumptions:
        message += "; taken as the map does not say: " + "; ".join(verdict.assumptions)
    return message


def _unmet(unmet: tuple[Requirement, ...], analysis: Analysis) -> tuple[str, tuple[str, ...]]:
    """The requirements not met in words, with their articles, and the articles alone as the
    finding's references: worked out once per check for each set, and shared by every
    finding with that set."""
    key = ("unmet", *map(id, unmet))
    found = analysis.wording.get(key)
    if found is None:
        found = analysis.wording[key] = (
            "; ".join(f"{r.explanation} ({r.reference})" for r in unmet),
            tuple(dict.fromkeys(r.reference for r in unmet)))
    return found  # type: ignore[no-any-return]


def _counts_volume(jurisdiction: Jurisdiction, analysis: Analysis) -> bool:
    """Whether one of the law's requirements depends on the number of data subjects."""
    key = ("counts volume", jurisdiction.id)
    found = analysis.wording.get(key)
    if found is None:
        found = analysis.wording[key] = any(
            r.when is not None and (r.when.volume_at_least is not None
                                    or r.when.volume_below is not None
                                    or r.when.volume_known is not None)
            for r in jurisdiction.requirements)
    return found  # type: ignore[no-any-return]
